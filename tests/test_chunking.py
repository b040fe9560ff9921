"""Chunks of the real corpus: verbatim, inside one section, token-bounded, covering everything."""

from __future__ import annotations

import re

import pytest

from knowledge.chunking import chunk_document
from knowledge.corpus import bundled_documents
from knowledge.models import Chunk, DocumentMeta
from knowledge.pipeline import chunks_of, parse_document, process_document
from knowledge.sentences import sentence_spans
from knowledge.structure import DocumentStructure
from knowledge.tokens import count_tokens


@pytest.fixture(scope="module")
def corpus(shared_settings) -> list[tuple[DocumentMeta, DocumentStructure, list[Chunk]]]:
    out = []
    for meta, text in bundled_documents():
        structure = parse_document(text, meta)
        out.append((meta, structure, chunks_of(structure, meta, shared_settings)))
    return out


def _find(corpus, doc_id: str, phrase: str) -> list[Chunk]:
    return [c for meta, _, chunks in corpus if meta.doc_id == doc_id for c in chunks if phrase in c.text]


def test_default_settings_are_the_documented_ones(shared_settings):
    assert (shared_settings.chunk_tokens, shared_settings.chunk_overlap_tokens) == (300, 40)


@pytest.mark.parametrize(
    "doc_id, phrase, section_id, label",
    [
        ("shi-xu-2024", "东数西算", "3.8", "三（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础"),
        ("shi-xu-2024", "两弹一星", "3.3", "三（三）以新型举国体制实施重大科技项目攻关，强化新质生产力的科技支撑"),
        ("shi-xu-2024", "76.6ZB", "1.4", "一（四）新质生产力中的新要素、新特征及我国新质生产力发展的新进展"),
        ("gwr-2024", "人工智能+", "3.1", "三（一）大力推进现代化产业体系建设，加快发展新质生产力"),
    ],
)
def test_known_passages_are_chunked_in_their_sections(corpus, doc_id, phrase, section_id, label):
    found = _find(corpus, doc_id, phrase)
    assert found, phrase
    assert {(c.section_id, c.section_label) for c in found} == {(section_id, label)}
    assert all(c.chunk_id.startswith(f"{doc_id}:{section_id}:") for c in found)


def test_chunk_text_is_verbatim_cleaned_text(corpus):
    for _, structure, chunks in corpus:
        for c in chunks:
            assert structure.text[c.char_start : c.char_end] == c.text
            assert c.text == c.text.strip()
            assert c.search_text.endswith(c.text)


def test_no_chunk_crosses_a_section(corpus):
    for _, structure, chunks in corpus:
        sections = {s.section_id: s for s in structure.sections}
        for c in chunks:
            s = sections[c.section_id]
            first, last = s.paragraph_offsets[0], s.paragraph_offsets[-1] + len(s.paragraphs[-1])
            assert first <= c.char_start < c.char_end <= last, c.chunk_id
            for a, b in structure.heading_spans:
                # a heading line only ever opens the first chunk of its own section
                if a < c.char_end and b > c.char_start:
                    assert (c.char_start, c.ordinal) == (a, 0), c.chunk_id
            assert c.section_label == s.label and c.section_label_en == s.label_en and c.section_path == s.path


def test_no_page_artifact_in_any_chunk(corpus):
    for _, _, chunks in corpus:
        for c in chunks:
            assert "总第482期" not in c.text
            assert not re.search(r"(?m)^\s*\d{1,3}\s*$", c.text)
            assert not re.search(r"\d\. \d", c.text) or c.lang == "en"


def test_tokens_are_counted_and_bounded(corpus, shared_settings):
    for _, _, chunks in corpus:
        for c in chunks:
            assert c.tokens == count_tokens(c.text)
            assert 0 < c.tokens <= shared_settings.chunk_tokens


def _coverage(structure: DocumentStructure, chunks: list[Chunk]) -> dict[int, int]:
    """How many chunks cover each character of the cleaned text."""
    counts: dict[int, int] = {}
    for c in chunks:
        for i in range(c.char_start, c.char_end):
            counts[i] = counts.get(i, 0) + 1
    return counts


def _check_sentences_are_chunked_once(structure: DocumentStructure, chunks: list[Chunk], limit: int) -> int:
    """Every sentence is in exactly one chunk, or two where consecutive chunks overlap.

    A sentence longer than the limit is the only thing ever split; its pieces are then
    each in one chunk. Returns how many sentences were checked.
    """
    by_section: dict[str, list[Chunk]] = {}
    for c in chunks:
        by_section.setdefault(c.section_id, []).append(c)
    checked = 0
    for section in structure.sections:
        own = by_section.get(section.section_id, [])
        assert bool(own) == bool(section.paragraphs), section.section_id
        for offset, paragraph in zip(section.paragraph_offsets, section.paragraphs):
            for a, b in sentence_spans(paragraph):
                start, end = offset + a, offset + b
                holders = [c for c in own if c.char_start <= start and end <= c.char_end]
                if count_tokens(structure.text[start:end]) > limit:
                    covered = _coverage(structure, own)
                    assert all(covered.get(i, 0) >= 1 for i in range(start, end) if not structure.text[i].isspace())
                    continue
                assert 1 <= len(holders) <= 2, structure.text[start:end]
                if len(holders) == 2:
                    first, second = holders
                    assert second.char_start <= start and end <= first.char_end, "only the overlap is repeated"
                checked += 1
    return checked


def test_every_sentence_is_in_exactly_one_chunk_overlap_aside(corpus, shared_settings):
    total = 0
    for _, structure, chunks in corpus:
        total += _check_sentences_are_chunked_once(structure, chunks, shared_settings.chunk_tokens)
    assert total > 500


def test_overlap_is_small_whole_sentences_and_only_inside_a_paragraph(corpus, shared_settings):
    seen_overlap = 0
    for _, structure, chunks in corpus:
        for a, b in zip(chunks, chunks[1:]):
            if a.section_id != b.section_id or b.char_start >= a.char_end:
                continue
            seen_overlap += 1
            repeated = structure.text[b.char_start : a.char_end]
            assert count_tokens(repeated) <= shared_settings.chunk_overlap_tokens
            assert "\n" not in repeated, "overlap never repeats across a paragraph break"
            assert re.search(r"[。！？；]$", repeated), repeated  # whole sentences
    assert seen_overlap > 10


def test_ids_are_stable_unique_and_ordered(corpus, shared_settings):
    for meta, _, chunks in corpus:
        ids = [c.chunk_id for c in chunks]
        assert len(set(ids)) == len(ids)
        again = process_document(
            dict((m.doc_id, t) for m, t in bundled_documents())[meta.doc_id], meta, shared_settings
        )
        assert [(c.chunk_id, c.content_hash) for c in again] == [(c.chunk_id, c.content_hash) for c in chunks]
        ordinals: dict[str, int] = {}
        for c in chunks:
            expected = ordinals.get(c.section_id, 0)
            assert c.ordinal == expected and c.chunk_id == f"{meta.doc_id}:{c.section_id}:{expected:03d}"
            ordinals[c.section_id] = expected + 1
        assert [c.char_start for c in chunks] == sorted(c.char_start for c in chunks)


def test_chunk_fields(corpus):
    meta, structure, chunks = corpus[0]
    c = next(c for c in chunks if "东数西算" in c.text)
    assert (c.doc_id, c.doc_title, c.doc_date, c.lang) == ("shi-xu-2024", meta.title, "2024", "zh")
    assert c.search_text.startswith("三（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础\n")
    # the hand-written English label is shown, not searched (like the generated label of any added text)
    assert c.section_label_en.startswith("III.8 Building competitive advantages")
    assert "Building" not in c.search_text
    section = structure.section("3.8")
    assert section.paragraphs[c.paragraph_index].find(c.text[:20]) >= 0
    english = [c for c in chunks if c.section_id == "summary_en"]
    assert english and all(c.lang == "en" for c in english)
    report = corpus[1][2]
    assert report[0].doc_date == "2024-03-05"
    public = c.to_public()
    assert public["content_hash"] == c.content_hash and "search_text" not in public


def test_salutation_stays_with_what_follows(corpus):
    report = corpus[1][2]
    for c in report:
        assert not c.text.endswith("各位代表！"), c.chunk_id


def test_smaller_chunks_split_long_sentences_at_clause_marks(corpus):
    meta, structure, _ = corpus[1]
    small = chunk_document(structure, meta, chunk_tokens=60, overlap_tokens=10)
    assert all(c.tokens <= 60 for c in small)
    _check_sentences_are_chunked_once(structure, small, 60)
    # chunks that end neither a sentence nor a paragraph are pieces of an over-long sentence
    pieces = [
        c
        for c in small
        if not re.search(r"[。！？；]$", c.text) and structure.text[c.char_end : c.char_end + 1] not in ("\n", "")
    ]
    assert len(pieces) > 20, "this corpus has many sentences over 60 tokens"
    assert all(re.search(r"[，、：,;:）)]$", c.text) for c in pieces)


def test_a_sentence_without_any_mark_is_cut_at_the_limit():
    text = "无标点长句" * 200 + "。"
    meta = DocumentMeta(doc_id="long", title="long")
    structure = parse_document(text, meta)
    chunks = chunk_document(structure, meta, chunk_tokens=50, overlap_tokens=10)
    assert len(chunks) > 5
    assert all(c.tokens <= 50 for c in chunks)
    assert "".join(c.text for c in chunks) == structure.text


def test_chunk_counts_at_default_settings(corpus):
    """Every bundled text has structure, and chunks are neither crumbs nor overfull:
    between 1x and 2.5x the count a text would need if every chunk were exactly full
    (short sections and paragraph breaks make the difference; measured 1.3-1.9x)."""
    from knowledge.tokens import count_tokens

    for meta, structure, chunks in corpus:
        assert len(structure.sections) > 1, meta.doc_id
        full = count_tokens(structure.text) / 300
        assert full <= len(chunks) <= 2.5 * full, (meta.doc_id, len(chunks), round(full))
        assert max(c.tokens for c in chunks) <= 300


def test_a_useless_chunk_size_is_a_config_error(corpus):
    from knowledge.errors import ConfigError

    meta, structure, _ = corpus[0]
    with pytest.raises(ConfigError, match="XQA_CHUNK_TOKENS"):
        chunk_document(structure, meta, chunk_tokens=2, overlap_tokens=0)
