"""English questions over the Chinese documents: our own probe set and the glossary built from the documents.

The probes (tests/data/crosslingual_probes.jsonl) were written from reading two development documents (the
paper and gwr-2024) section by section, not from the eval files, in a reader's words rather than the glossary's; each names the sections
that answer it. They run against the real index (USE embedder, Chroma, BM25) with the shipped glossary.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.bridge import Bridge
from assistant.glossary import Glossary, _parse
from assistant.language import detect
from knowledge.corpus import bundled_documents
from knowledge.keyword_index import tokenize
from knowledge.pipeline import parse_document
from knowledge.text import has_han
from knowledge.zh_en import IndexLexicon

PROBES = Path(__file__).parent / "data" / "crosslingual_probes.jsonl"
GLOSSARY = Path(__file__).parents[1] / "assistant" / "data" / "glossary.tsv"
#: the blocks of the glossary written from the documents' text, section by section
PASS_MARKER = "# === section-by-section pass"
#: the documents the curated glossary pass and the probes were written from; for every other document
#: (added later, or any user text) the CC-CEDICT bridge over the index's words is the mechanism
CURATED_DOCUMENTS = {"shi-xu-2024", "gwr-2024"}
#: never probed, never read while tuning (tests/test_heldout_contamination.py keeps the same list)
HELDOUT_DOCUMENTS = {"gwr-2023", "gwr-2025", "plenum-2024-communique", "cewc-2024", "fyp15-recommendations"}
#: share of a Chinese section's distinct words (2+ characters) the bridge must gloss. Measured on the 9
#: non-curated documents (glossary + CC-CEDICT restricted to the corpus's words): lowest section 0.62,
#: per-document means 0.81-0.86; with an empty dictionary (glossary alone) the means are 0.13-0.19.
BRIDGE_COVERAGE = 0.5


def _probes() -> list[dict]:
    return [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _scores(retrieve, doc_id: str | None = None) -> tuple[float, float]:
    """(hit@5, MRR@10) over the probes (of `doc_id` only if given): a hit is any gold section among the
    first contexts."""
    hits = rr = 0.0
    probes = [p for p in _probes() if doc_id is None or _doc(p) == doc_id]
    for p in probes:
        sections = [f"{c.doc_id}:{c.section_id}" for c in retrieve(p["question"])[:10]]
        rank = next((i for i, s in enumerate(sections, 1) if s in p["gold"]), None)
        hits += bool(rank and rank <= 5)
        rr += 1.0 / rank if rank else 0.0
    return hits / len(probes), rr / len(probes)


def _doc(probe: dict) -> str:
    return probe["gold"][0].split(":")[0]


def _pass_terms() -> list:
    text = GLOSSARY.read_text(encoding="utf-8")
    start = text.index(PASS_MARKER)
    end = text.index("# --- general policy vocabulary", start)
    return _parse(text[start:end])


@pytest.fixture(scope="module")
def cleaned() -> dict[str, list]:
    """doc_id → [(section_id, section text)] of the cleaned bundled documents."""
    out = {}
    for meta, raw in bundled_documents():
        structure = parse_document(raw, meta)
        out[meta.doc_id] = [(s.section_id, "\n".join(s.paragraphs)) for s in structure.sections]
    return out


def test_probe_set_is_english_and_covers_every_section_of_the_documents_it_was_written_for(built_index):
    probes = _probes()
    assert len(probes) >= 60
    assert len({p["id"] for p in probes}) == len(probes)
    assert all(detect(p["question"]) == "en" for p in probes)
    assert all(len({g.split(":")[0] for g in p["gold"]}) == 1 for p in probes), "a probe is about one document"
    probed = {_doc(p) for p in probes}
    assert probed >= CURATED_DOCUMENTS, CURATED_DOCUMENTS - probed
    assert not probed & HELDOUT_DOCUMENTS, f"probes on held-out documents: {sorted(probed & HELDOUT_DOCUMENTS)}"
    # every section of every probed document is asked about (the corpus has more documents; the probes
    # are development data written for these)
    sections = {f"{s.doc_id}:{s.section_id}" for s in built_index.sections() if s.doc_id in probed}
    gold = {g for p in probes for g in p["gold"]}
    assert gold <= sections, gold - sections
    assert sections <= gold, f"sections no probe asks about: {sorted(sections - gold)}"


def test_english_probes_find_their_sections(assistant):
    # Over the 11-document corpus (measured 2026-11-30): hit@5 0.82-0.84, MRR@10 0.63 (with 2 documents it
    # was 86/95 and >= 0.78: the other editions of the government work report now compete for gwr-2024's
    # probes). The floor tolerates two lost probes from 78/95.
    hit5, mrr10 = _scores(assistant.retrieve)
    assert hit5 >= 0.80, hit5
    assert mrr10 >= 0.60, mrr10


@pytest.mark.parametrize("doc_id", sorted(CURATED_DOCUMENTS))
def test_english_retrieval_on_each_document_beats_dense_only(assistant, doc_id):
    """Issue 8: English retrieval on every document is at least as good as dense-only retrieval on it.
    Measured: shi-xu-2024 hit@5 0.855 vs 0.636, MRR@10 0.741 vs 0.453; gwr-2024 0.775 vs 0.425, 0.484 vs 0.180."""
    hybrid = _scores(assistant.retrieve, doc_id)
    dense = _scores(lambda q: assistant.retrieve(q, mode="dense"), doc_id)
    assert hybrid[0] >= dense[0] and hybrid[1] >= dense[1], (doc_id, hybrid, dense)


def test_the_glossary_is_what_carries_english_questions_across(assistant):
    with_glossary = _scores(assistant.retrieve)
    without = _scores(lambda q: assistant.retrieve(q, use_glossary=False))
    assert with_glossary[0] >= without[0] + 0.05, (with_glossary, without)
    assert with_glossary[1] >= without[1] + 0.1, (with_glossary, without)


def test_glossary_pass_is_taken_from_the_documents(cleaned):
    text = "\n".join(t for sections in cleaned.values() for _, t in sections)
    terms = _pass_terms()
    assert len(terms) >= 1000
    missing = [form for t in terms for form in t.zh if form not in text]
    assert not missing, missing


def test_every_chinese_section_has_its_terms_in_the_glossary_or_the_bridge(cleaned):
    """The curated glossary pass was written from two documents: their sections must find their terms in it.
    Every other document reaches English through the bridge (glossary overlay + CC-CEDICT restricted to
    the index's words): most of each section's words must have an English sense there."""
    g = Glossary.load()
    bridge = Bridge(g, IndexLexicon.build(t for sections in cleaned.values() for _, t in sections))
    assert set(cleaned) > CURATED_DOCUMENTS
    for doc_id, sections in cleaned.items():
        for section_id, body in sections:
            if detect(body) != "zh":
                continue  # the paper's English summary and key words need no glossary
            need = 15 if len(body) >= 400 else 2
            if doc_id in CURATED_DOCUMENTS:
                found = {t.zh_main for t in g.find_zh(body) if t.kind == "term"}
                assert len(found) >= need, (doc_id, section_id, sorted(found))
                continue
            words = {w for w in tokenize(body) if len(w) >= 2 and has_han(w)}
            glossed = {w for w in words if bridge.gloss(w)}
            assert len(glossed) >= need, (doc_id, section_id, len(glossed))
            assert len(glossed) >= BRIDGE_COVERAGE * len(words), (doc_id, section_id, len(glossed), len(words))


def test_each_english_variant_of_the_pass_names_one_term():
    owner: dict[tuple, str] = {}
    g = Glossary.load()
    pass_ids = {t.zh_main for t in _pass_terms()}
    for term in g.terms:
        for variant in term.en:
            key = tuple(w.lower() for w in variant.replace("-", " ").split())
            if key in owner and owner[key] != term.zh_main and {owner[key], term.zh_main} & pass_ids:
                pytest.fail(f"{variant!r} names both {owner[key]} and {term.zh_main}")
            owner.setdefault(key, term.zh_main)


@pytest.mark.parametrize(
    "british, american",
    [
        ("Chinese-style modernisation", "Chinese-style modernization"),
        ("labour costs", "labor costs"),
        ("big data centres", "big data centers"),
        ("the 863 Programme", "the 863 Program"),
        ("national defence education", "national defense education"),
        ("the ageing population", "the aging population"),
    ],
)
def test_british_and_american_spellings_match_alike(british, american):
    g = Glossary.load()
    assert g.chinese_terms(british) == g.chinese_terms(american) != []


def test_plurals_in_es_match_their_singular():
    g = Glossary.load()
    assert "业务流程" in g.chinese_terms("How were business processes redesigned?")
    assert "业务流程" in g.chinese_terms("a business process")


def test_english_answer_glosses_the_terms_of_its_quotes_but_not_plain_words(assistant):
    answer = assistant.ask("What does the 2024 report say about the ten-year fishing ban on the Yangtze?")
    assert not answer.refused
    assert {f"{c.doc_id}:{c.section_id}" for c in answer.citations} == {"gwr-2024:3.9"}
    assert "ten-year fishing ban on the Yangtze River = 长江十年禁渔" in answer.answer
    glosses = dict(Glossary.load().gloss("有效应对海河等流域特大洪涝灾害，做好甘肃积石山地震等抢险救援"))
    assert glosses["甘肃积石山地震"] == "Jishishan earthquake in Gansu"
    assert "洪涝" not in glosses  # general vocabulary searches, it is not glossed
