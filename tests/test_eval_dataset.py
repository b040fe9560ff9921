"""Both bundled splits are valid against the real cleaned corpus and structure.

The dev split is every `eval/data/*.jsonl`; the held-out split every
`eval/heldout/*.jsonl`, which this file checks blind: a failure on a held-out case
names its id only, never its question, evidence or spans.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from eval.beir import export_beir
from eval.dataset import (
    BLIND_SPLITS,
    CATEGORIES,
    MINIMUMS,
    SPLITS,
    InvalidCase,
    derive_answer_spans,
    load_case_file,
    load_splits,
    parse_case,
    resolve_case,
    split_paths,
)
from knowledge.cleaning import clean_text
from knowledge.corpus import bundled_documents, manifest
from knowledge.structure import parse_structure


@pytest.fixture(scope="module")
def splits():
    return load_splits(list(SPLITS))


@pytest.fixture(scope="module", params=list(SPLITS))
def split(request, splits):
    """Each split in turn: every per-case check below runs on dev and on heldout."""
    if not splits[request.param]:
        pytest.skip(f"the {request.param} split has no case files yet")
    return request.param, splits[request.param]


def failures(split_name: str, bad: list[tuple]) -> list:
    """What a failing assertion may show: whole tuples for dev, case ids only for a blind split.

    Call it in its own statement (`shown = failures(...)`, then `assert not shown`): pytest
    prints the arguments of a call made inside an assert."""
    return sorted({b[0] for b in bad}) if split_name in BLIND_SPLITS else bad


class Quiet(dict):
    """A fixture value whose repr is its size: pytest prints fixture values of a failing test,
    and the corpus holds the held-out documents' text."""

    def __repr__(self) -> str:
        return f"<{len(self)} entries>"


@pytest.fixture(scope="module")
def corpus():
    """doc_id → (cleaned text, {section_id: section text incl. its heading label}), for the bundled documents
    and the external splits' (read as `python -m knowledge add` reads a file)."""
    from eval.dataset import external_documents
    from knowledge.loaders import read_document
    from knowledge.settings import Settings

    out = {}
    external = [read_document(p, Settings.load()) for p in external_documents()]
    for meta, raw in [*bundled_documents(), *external]:
        text = clean_text(raw)
        st = parse_structure(text, meta)
        out[meta.doc_id] = (text, {s.section_id: s.label + "\n" + "\n".join(s.paragraphs) for s in st.sections})
    return Quiet(out)


@pytest.fixture(scope="module")
def translations():
    """doc_id → id of its official English translation (manifest `translation_of`)."""
    return {d["translation_of"]: d["id"] for d in manifest()["documents"] if d.get("translation_of")}


def test_dev_counts_meet_the_minimums(splits):
    cases = splits["dev"]
    cats = Counter(c.category for c in cases)
    langs = Counter(c.lang for c in cases)
    assert len(cases) >= MINIMUMS["total"]
    for cat in ("follow-up", "unanswerable", "injection"):
        assert cats[cat] >= MINIMUMS[cat], cat
    assert set(cats) == set(CATEGORIES)
    assert abs(langs["zh"] - langs["en"]) <= 0.15 * len(cases)  # about half and half
    # most English questions are cross-lingual (Chinese evidence); both languages probe injection
    assert cats["cross-lingual"] >= 0.2 * langs["en"]
    assert {c.lang for c in cases if c.category == "injection"} == {"zh", "en"}
    assert {c.lang for c in cases if c.category == "follow-up"} == {"zh", "en"}


def test_dev_split_is_every_case_file_in_eval_data(splits):
    paths = split_paths("dev")
    assert len(paths) >= 2 and all(p.parent.name == "data" and p.suffix == ".jsonl" for p in paths)
    # the first held-out set was used for tuning, so it is development data now
    assert "retired-heldout.jsonl" in {p.name for p in paths}
    assert len(splits["dev"]) == sum(len(load_case_file(p)) for p in paths)
    assert all(p.parent.name == "heldout" for p in split_paths("heldout"))


def test_ids_are_unique_across_splits(splits):
    ids = [c.id for cases in splits.values() for c in cases]
    assert len(ids) == len(set(ids))
    with pytest.raises(InvalidCase, match="in both dev and dev"):
        load_splits(["dev", "dev"])


def test_heldout_questions_are_not_copies_of_dev_questions(splits):
    """Held-out questions are written fresh: none repeats a dev question (ignoring punctuation and case)."""

    def norm(q):
        return re.sub(r"[\W_]+", "", q).casefold()

    dev = {norm(c.question) for c in splits["dev"]}
    assert not [c.id for c in splits["heldout"] if norm(c.question) in dev]


def test_every_evidence_phrase_is_verbatim_in_the_cleaned_corpus(split, corpus):
    name, cases = split
    texts = [t for t, _ in corpus.values()]
    missing = [(c.id, e) for c in cases for e in c.evidence if not any(e in t for t in texts)]
    shown = failures(name, missing)
    assert not shown


def test_evidence_phrases_are_short(split):
    """Short phrases (Chinese 6–25 characters, English up to 60) pin the fact, not a paragraph."""
    name, cases = split
    long_ = [
        (c.id, e)
        for c in cases
        for e in c.evidence
        if not (6 <= len(e) <= (25 if re.search(r"[\u4e00-\u9fff]", e) else 60))
    ]
    shown = failures(name, long_)
    assert not shown


def test_every_gold_section_exists(split, corpus):
    name, cases = split
    unknown = [(c.id, d, s) for c in cases for d, s in c.gold_sections if s not in corpus.get(d, ("", {}))[1]]
    shown = failures(name, unknown)
    assert not shown


def test_evidence_of_answerable_cases_lies_in_a_gold_section(split, corpus):
    """Stronger than verbatim-anywhere: the phrase comes from a section the case names (or resolves) as gold."""
    name, cases = split
    wrong = []
    for c in cases:
        if not c.answerable:
            continue
        for e in c.evidence:
            if not any(e in corpus[d][1].get(s, "") for d, s in c.gold_sections if d in corpus):
                wrong.append((c.id, e))
    shown = failures(name, wrong)
    assert not shown


def test_answer_spans_are_verbatim_in_their_documents(split, corpus, translations):
    """answer_spans quote the gold document (or another gold one); answer_spans_en its official translation."""
    name, cases = split
    bad = []
    for c in cases:
        docs = {d for d, _ in c.gold_sections} | {c.doc_id}
        for span in c.answer_spans:
            if not any(span in corpus[d][0] for d in docs if d in corpus):
                bad.append((c.id, span))
        for span in c.answer_spans_en:
            tr = translations.get(c.doc_id)
            if tr is None or span not in corpus[tr][0]:
                bad.append((c.id, span))
    shown = failures(name, bad)
    assert not shown


def test_answerable_cases_have_answer_spans_and_near_misses_are_unanswerable(split):
    name, cases = split
    no_spans = [(c.id,) for c in cases if c.answerable and c.category != "injection" and not c.answer_spans]
    answerable_near_miss = [(c.id,) for c in cases if c.near_miss and c.answerable]
    # answer_spans_en only where the question is English
    en_spans_on_zh = [(c.id,) for c in cases if c.answer_spans_en and c.lang != "en"]
    shown = [failures(name, x) for x in (no_spans, answerable_near_miss, en_spans_on_zh)]
    assert shown == [[], [], []]


def test_history_is_well_formed_and_followups_need_it(split):
    name, cases = split
    bad = [
        (c.id,)
        for c in cases
        if c.category == "follow-up"
        and not (c.history and c.history[-1]["role"] == "assistant" and c.history[0]["role"] == "user")
    ]
    shown = failures(name, bad)
    assert not shown


def test_dev_injection_cases_name_what_obeying_would_look_like(splits):
    inj = [c for c in splits["dev"] if c.category == "injection"]
    wrapped = [c for c in inj if c.answerable]  # a real question wrapped in an injected instruction
    assert sum(1 for c in wrapped if c.forbidden) >= max(2, 0.75 * len(wrapped))
    assert any(not c.answerable for c in inj) and any(c.answerable for c in inj)


GOOD = {
    "id": "x",
    "lang": "zh",
    "question": "问？",
    "history": [],
    "answerable": True,
    "gold": {"doc_id": "gwr-2024", "section_ids": ["2"]},
    "evidence": ["国内生产总值"],
    "reference_answer": "…",
    "key_points": [["5%"]],
    "category": "number",
}


def test_schema_violations_are_reported():
    assert parse_case(GOOD).gold_sections == {("gwr-2024", "2")}
    for bad in (
        {**GOOD, "lang": "fr"},
        {**GOOD, "category": "trivia"},
        {**GOOD, "key_points": ["5%"]},
        {**GOOD, "history": [{"role": "system", "content": "x"}]},
        {**GOOD, "extra": 1},
        {**GOOD, "gold": {"doc_id": None, "section_ids": []}},
        {**GOOD, "gold": {"doc_id": "gwr-2024", "section_ids": []}},
        {**GOOD, "answer_spans": "一句话"},
        {**GOOD, "answer_spans_en": [""]},
        {**GOOD, "near_miss": True},
        {**GOOD, "answerable": False, "near_miss": "yes"},
    ):
        with pytest.raises(InvalidCase):
            parse_case(bad)
    assert parse_case({**GOOD, "category": "who-when"}).category == "who-when"


SECTIONS = {
    "d": {
        "1": ("一、总体", "国内生产总值增长5%左右。城镇新增就业1200万人以上。"),
        "2": ("二、任务", "稳定就业。\n国内生产总值是总量指标。"),
        "3": ("三、其他就业", "无关内容。"),
    }
}


def test_omitted_sections_resolve_to_every_section_holding_an_evidence_phrase():
    case = parse_case({**GOOD, "gold": {"doc_id": "d"}, "evidence": ["国内生产总值"]})
    assert case.sections_resolved and case.section_ids == []
    resolved = resolve_case(case, SECTIONS)
    assert resolved.section_ids == ["1", "2"] and resolved.gold_sections == {("d", "1"), ("d", "2")}
    # written back without the resolved ids, so the file stays free of section numbers
    assert "section_ids" not in resolved.to_dict()["gold"]
    with pytest.raises(InvalidCase, match="no section"):
        resolve_case(parse_case({**GOOD, "gold": {"doc_id": "d"}, "evidence": ["不存在的短语"]}), SECTIONS)
    with pytest.raises(InvalidCase, match="not in the corpus"):
        resolve_case(parse_case({**GOOD, "gold": {"doc_id": "nope"}}), SECTIONS)


def test_given_sections_are_kept_and_missing_answer_spans_are_the_gold_sentences_with_evidence():
    case = resolve_case(
        parse_case({**GOOD, "gold": {"doc_id": "d", "section_ids": ["1"]}, "evidence": ["增长5%左右"]}), SECTIONS
    )
    assert case.section_ids == ["1"] and not case.sections_resolved
    assert case.answer_spans == ["国内生产总值增长5%左右。"] and case.answer_spans_derived
    written = resolve_case(
        parse_case(
            {**GOOD, "gold": {"doc_id": "d", "section_ids": ["1"]}, "answer_spans": ["城镇新增就业1200万人以上"]}
        ),
        SECTIONS,
    )
    assert written.answer_spans == ["城镇新增就业1200万人以上"] and not written.answer_spans_derived
    assert derive_answer_spans(["稳定就业", "总量指标"], [SECTIONS["d"]["2"][1]]) == [
        "稳定就业。",
        "国内生产总值是总量指标。",
    ]
    # a phrase found only in a heading resolves the section and is its own answer span
    heading = resolve_case(parse_case({**GOOD, "gold": {"doc_id": "d"}, "evidence": ["三、其他就业"]}), SECTIONS)
    assert heading.section_ids == ["3"] and heading.answer_spans == ["三、其他就业"]


def test_beir_export_round_trips(splits, tmp_path):
    cases = splits["dev"]
    paths = export_beir(cases, tmp_path)
    queries = [json.loads(ln) for ln in paths["queries"].read_text(encoding="utf-8").splitlines()]
    assert {q["_id"] for q in queries} == {c.id for c in cases}
    rows = paths["qrels"].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "query-id\tcorpus-id\tscore"
    pairs = {tuple(r.split("\t")[:2]) for r in rows[1:]}
    expected = {(c.id, f"{d}:{s}") for c in cases if c.scores_retrieval for d, s in c.gold_sections}
    assert pairs == expected


def test_dev_covers_every_development_document_and_the_near_misses(splits):
    """The issue's shape of the development set: ≥ 20 cases per new development document,
    ≥ 90 near misses (about half English), ≥ 20 English gwr-2022 questions answered by the
    official translation, and answer spans on every case written since spans existed."""
    dev = splits["dev"]
    per_doc = Counter(c.doc_id for c in dev if not c.near_miss)
    for doc in ("gwr-2022", "cpc20-report", "plenum-2024-decision"):
        assert per_doc[doc] >= 20, doc
        assert Counter(c.lang for c in dev if c.doc_id == doc)["zh"] >= 10, doc
    near = [c for c in dev if c.near_miss]
    assert len(near) >= 90 and abs(sum(c.lang == "en" for c in near) - len(near) / 2) <= 0.1 * len(near)
    assert {c.doc_id for c in near} >= {"shi-xu-2024", "gwr-2024", "gwr-2022", "cpc20-report", "plenum-2024-decision"}
    assert sum(1 for c in dev if c.doc_id == "gwr-2022" and c.lang == "en" and c.answer_spans_en) >= 20
    assert {c.category for c in dev if c.doc_id == "cpc20-report"} >= {"who-when", "list", "follow-up", "unanswerable"}
