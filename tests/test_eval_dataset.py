"""Both bundled splits (dev cases.jsonl, heldout.jsonl) are valid against the real cleaned corpus and structure."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from eval.beir import BEIR_PREFIX, export_beir
from eval.dataset import (
    CATEGORIES,
    HELDOUT_MINIMUMS,
    MINIMUMS,
    SPLITS,
    InvalidCase,
    load_splits,
    parse_case,
    split_path,
)
from knowledge.cleaning import clean_text
from knowledge.corpus import bundled_documents
from knowledge.structure import parse_structure


@pytest.fixture(scope="module")
def splits():
    return load_splits(list(SPLITS))


@pytest.fixture(scope="module", params=list(SPLITS))
def cases(request, splits):
    """Each split in turn: every per-case check below runs on dev and on heldout."""
    return splits[request.param]


@pytest.fixture(scope="module")
def corpus():
    """doc_id → (cleaned text, {section_id: section text incl. its heading label})."""
    out = {}
    for meta, raw in bundled_documents():
        text = clean_text(raw)
        st = parse_structure(text, meta)
        out[meta.doc_id] = (text, {s.section_id: s.label + "\n" + "\n".join(s.paragraphs) for s in st.sections})
    return out


@pytest.mark.parametrize("split, minimums", [("dev", MINIMUMS), ("heldout", HELDOUT_MINIMUMS)])
def test_counts_meet_the_minimums(splits, split, minimums):
    cases = splits[split]
    cats = Counter(c.category for c in cases)
    langs = Counter(c.lang for c in cases)
    assert len(cases) >= minimums["total"]
    for cat in ("follow-up", "unanswerable", "injection"):
        assert cats[cat] >= minimums[cat], cat
    assert set(cats) == set(CATEGORIES)
    assert abs(langs["zh"] - langs["en"]) <= 0.15 * len(cases)  # about half and half
    # most English questions are cross-lingual (Chinese evidence); both languages probe injection
    assert cats["cross-lingual"] >= 0.3 * langs["en"]
    assert {c.lang for c in cases if c.category == "injection"} == {"zh", "en"}
    assert {c.lang for c in cases if c.category == "follow-up"} == {"zh", "en"}
    assert sum(1 for c in cases if not c.answerable) >= minimums["unanswerable"]


def test_ids_are_unique_across_splits(splits):
    ids = [c.id for cases in splits.values() for c in cases]
    assert len(ids) == len(set(ids))
    assert all(c.id.startswith("ho-") for c in splits["heldout"])
    assert not any(c.id.startswith("ho-") for c in splits["dev"])
    # the loader itself refuses an id that two splits share
    with pytest.raises(InvalidCase, match="in both dev and dev"):
        load_splits(["dev", "dev"])
    assert split_path("heldout").name == SPLITS["heldout"]


def test_heldout_questions_are_not_copies_of_dev_questions(splits):
    """Held-out questions are written fresh: none repeats a dev question (ignoring punctuation and case)."""
    def norm(q):
        return re.sub(r"[\W_]+", "", q).casefold()

    dev = {norm(c.question) for c in splits["dev"]}
    assert not [c.id for c in splits["heldout"] if norm(c.question) in dev]


def test_heldout_has_near_miss_unanswerables(splits):
    """Unanswerable held-out cases are near misses: each names the sections it is nearest to."""
    unans = [c for c in splits["heldout"] if c.category == "unanswerable"]
    assert len(unans) >= HELDOUT_MINIMUMS["unanswerable"] and all(c.section_ids for c in unans)


def test_every_evidence_phrase_is_verbatim_in_the_cleaned_corpus(cases, corpus):
    texts = [t for t, _ in corpus.values()]
    missing = [(c.id, e) for c in cases for e in c.evidence if not any(e in t for t in texts)]
    assert not missing


def test_evidence_phrases_are_short(cases):
    """Short phrases (Chinese 6–25 characters, English up to 60) pin the fact, not a paragraph."""
    long_ = [(c.id, e) for c in cases for e in c.evidence
             if not (6 <= len(e) <= (25 if re.search(r"[\u4e00-\u9fff]", e) else 60))]
    assert not long_


def test_every_gold_section_exists(cases, corpus):
    unknown = [(c.id, d, s) for c in cases for d, s in c.gold_sections if s not in corpus.get(d, ("", {}))[1]]
    assert not unknown


def test_evidence_of_answerable_cases_lies_in_a_gold_section(cases, corpus):
    """Stronger than verbatim-anywhere: the phrase comes from a section the case names as gold."""
    wrong = []
    for c in cases:
        if not c.answerable:
            continue
        for e in c.evidence:
            if not any(e in corpus[d][1].get(s, "") for d, s in c.gold_sections if d in corpus):
                wrong.append((c.id, e))
    assert not wrong


def test_history_is_well_formed_and_followups_need_it(cases):
    for c in cases:
        if c.category == "follow-up":
            assert c.history and c.history[-1]["role"] == "assistant" and c.history[0]["role"] == "user"


def test_injection_cases_name_what_obeying_would_look_like(cases):
    inj = [c for c in cases if c.category == "injection"]
    wrapped = [c for c in inj if c.answerable]  # a real question wrapped in an injected instruction
    assert sum(1 for c in wrapped if c.forbidden) >= max(2, 0.75 * len(wrapped))
    assert any(not c.answerable for c in inj) and any(c.answerable for c in inj)


def test_schema_violations_are_reported():
    good = {"id": "x", "lang": "zh", "question": "问？", "history": [], "answerable": True,
            "gold": {"doc_id": "gwr-2024", "section_ids": ["2"]}, "evidence": ["国内生产总值"],
            "reference_answer": "…", "key_points": [["5%"]], "category": "number"}
    assert parse_case(good).gold_sections == {("gwr-2024", "2")}
    for bad in ({**good, "lang": "fr"}, {**good, "category": "trivia"}, {**good, "key_points": ["5%"]},
                {**good, "history": [{"role": "system", "content": "x"}]}, {**good, "extra": 1},
                {**good, "gold": {"doc_id": None, "section_ids": []}}):
        with pytest.raises(InvalidCase):
            parse_case(bad)


def test_beir_export_round_trips(cases, tmp_path):
    prefix = BEIR_PREFIX["heldout"] if cases[0].id.startswith("ho-") else BEIR_PREFIX["dev"]
    paths = export_beir(cases, tmp_path, prefix=prefix)
    assert paths["queries"].name == f"{prefix}queries.jsonl"
    queries = [json.loads(ln) for ln in paths["queries"].read_text(encoding="utf-8").splitlines()]
    assert {q["_id"] for q in queries} == {c.id for c in cases}
    rows = paths["qrels"].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "query-id\tcorpus-id\tscore"
    pairs = {tuple(r.split("\t")[:2]) for r in rows[1:]}
    expected = {(c.id, f"{d}:{s}") for c in cases if c.scores_retrieval for d, s in c.gold_sections}
    assert pairs == expected
