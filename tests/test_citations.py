"""The one citation checker, on real chunks of the bundled index."""

from __future__ import annotations

import pytest

from assistant.citations import CitationChecker
from knowledge.sentences import split_sentences


@pytest.fixture(scope="module")
def chunks(built_index):
    wanted = ["shi-xu-2024:3.8:000", "gwr-2024:3.1:000"]
    found = {c.chunk_id: c for c in built_index.chunks()}
    missing = [w for w in wanted if w not in found]
    assert not missing, missing
    return [found[w] for w in wanted]


@pytest.fixture(scope="module")
def checker():
    return CitationChecker()


def test_valid_quotes_are_kept_and_renumbered(checker, chunks):
    s1 = split_sentences(chunks[1].text)[0]
    s0 = split_sentences(chunks[0].text)[1]
    raw = f"依据如下：\n「{s1}」[2]\n「{s0}」[1]"
    result = checker.check(raw, chunks)
    assert result.ok and not result.dropped
    assert result.text.splitlines()[1] == f"「{s1}」[1]"
    assert result.text.splitlines()[2] == f"「{s0}」[2]"
    assert [(c.n, c.chunk_id, c.quote) for c in result.citations] == [
        (1, chunks[1].chunk_id, s1),
        (2, chunks[0].chunk_id, s0),
    ]


def test_marker_naming_no_context_is_dropped(checker, chunks):
    s0 = split_sentences(chunks[0].text)[1]
    result = checker.check(f"「{s0}」[1]\n德国的战略是工业4.0。[7]", chunks)
    assert result.invalid_markers == 1 and len(result.dropped) == 1
    assert "[7]" not in result.text and "德国" not in result.text
    assert not result.ok  # half the claims had to go: the answer as a whole fails


def test_invented_quote_is_dropped_and_fails_the_check(checker, chunks):
    result = checker.check("「算力已经全面领先世界。」[1]", chunks)
    assert result.bad_quotes == 1 and not result.citations and not result.ok


def test_quote_differing_only_in_whitespace_is_restored_verbatim(checker, chunks):
    s0 = split_sentences(chunks[0].text)[1]
    spaced = s0[:10] + " \n " + s0[10:]
    result = checker.check(f"「{spaced}」[1]", chunks)
    assert result.ok and result.citations[0].quote == s0
    assert f"「{s0}」[1]" in result.text


def test_quote_attributed_to_the_wrong_context_is_dropped(checker, chunks):
    s0 = split_sentences(chunks[0].text)[1]
    assert not checker.check(f"「{s0}」[2]", chunks).citations


def test_unmarked_claims_are_dropped_framing_is_kept(checker, chunks):
    s0 = split_sentences(chunks[0].text)[1]
    result = checker.check(f"根据论文：\n「{s0}」[1]\n所以我国算力世界第一。", chunks)
    assert result.text.startswith("根据论文：")
    assert "世界第一" not in result.text and len(result.dropped) == 1


def test_paraphrase_gets_the_best_supporting_sentence_as_quote(checker, chunks):
    result = checker.check(
        "The paper says chips face chokepoint problems and algorithm engineers are scarce [1].", chunks
    )
    assert result.ok
    quote = result.citations[0].quote
    assert quote in chunks[0].text and "卡脖子" in quote
    assert result.text.endswith("[1].")


def test_paraphrase_sharing_nothing_with_its_context_is_dropped(checker, chunks):
    result = checker.check("The moon is made of cheese [1].", chunks)
    assert not result.citations and not result.ok


@pytest.mark.parametrize(
    "header",
    [
        "In “Report on the Work of the Government (2024)”, I. Review of Our Work in 2023:",
        "In “Report on the Work of the Government (2024)”, III. Tasks for 2024 (key terms: computing power = 算力):",
        "In “Major Strategic Significance and Implementation Path”, A. Front matter:",
    ],
)
def test_an_english_section_header_with_a_numbered_part_is_kept_whole(checker, chunks, header):
    # regression: the splitter cut after "I." and the checker dropped "In “…”, I." as an unsupported claim
    s0 = split_sentences(chunks[0].text)[1]
    result = checker.check(f"\n{header}\n「{s0}」[1]\n", chunks)
    assert result.ok and not result.dropped
    assert result.text.splitlines()[0] == header


def test_a_sentence_ending_in_a_year_still_ends_there(checker, chunks):
    s0 = split_sentences(chunks[0].text)[1]
    result = checker.check(f"The report was delivered in 2024. It has ten tasks.\n「{s0}」[1]", chunks)
    assert result.claims == 3 and result.dropped == ["The report was delivered in 2024.", " It has ten tasks."]


def test_the_same_sentence_in_two_chunks_is_one_citation(checker, chunks):
    import dataclasses

    s0 = split_sentences(chunks[0].text)[1]
    # the next chunk of a section repeats the overlap: same sentence, another chunk id
    twin = dataclasses.replace(chunks[0], chunk_id=chunks[0].chunk_id + "-overlap", ordinal=chunks[0].ordinal + 1)
    result = checker.check(f"「{s0}」[1]\n「{s0}」[2]", [chunks[0], twin])
    assert len(result.citations) == 1
    assert result.text.splitlines() == [f"「{s0}」[1]", f"「{s0}」[1]"]
