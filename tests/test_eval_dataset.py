"""The bundled eval set is valid against the real cleaned corpus and its real structure."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from eval.beir import export_beir
from eval.dataset import CATEGORIES, MINIMUMS, InvalidCase, load_cases, parse_case
from knowledge.cleaning import clean_text
from knowledge.corpus import bundled_documents
from knowledge.structure import parse_structure


@pytest.fixture(scope="module")
def cases():
    return load_cases()


@pytest.fixture(scope="module")
def corpus():
    """doc_id → (cleaned text, {section_id: section text incl. its heading label})."""
    out = {}
    for meta, raw in bundled_documents():
        text = clean_text(raw)
        st = parse_structure(text, meta)
        out[meta.doc_id] = (text, {s.section_id: s.label + "\n" + "\n".join(s.paragraphs) for s in st.sections})
    return out


def test_counts_meet_the_issue_minimums(cases):
    cats = Counter(c.category for c in cases)
    langs = Counter(c.lang for c in cases)
    assert len(cases) >= MINIMUMS["total"]
    for cat in ("follow-up", "unanswerable", "injection"):
        assert cats[cat] >= MINIMUMS[cat], cat
    assert set(cats) == set(CATEGORIES)
    assert abs(langs["zh"] - langs["en"]) <= 0.15 * len(cases)  # about half and half
    # most English questions are cross-lingual (Chinese evidence); both languages probe injection
    assert cats["cross-lingual"] >= 0.3 * langs["en"]
    assert {c.lang for c in cases if c.category == "injection"} == {"zh", "en"}
    assert {c.lang for c in cases if c.category == "follow-up"} == {"zh", "en"}
    assert sum(1 for c in cases if not c.answerable) >= MINIMUMS["unanswerable"]


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
    assert sum(1 for c in inj if c.forbidden) >= 4
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
    paths = export_beir(cases, tmp_path)
    queries = [json.loads(ln) for ln in paths["queries"].read_text(encoding="utf-8").splitlines()]
    assert {q["_id"] for q in queries} == {c.id for c in cases}
    rows = paths["qrels"].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "query-id\tcorpus-id\tscore"
    pairs = {tuple(r.split("\t")[:2]) for r in rows[1:]}
    expected = {(c.id, f"{d}:{s}") for c in cases if c.scores_retrieval for d, s in c.gold_sections}
    assert pairs == expected
