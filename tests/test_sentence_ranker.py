"""The learned sentence ranker: shipped with its document-grouped CV figures, and it quotes the sentence
that answers (the issue's examples), never a title or byline for a content question."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from assistant import sentence_ranker
from assistant.sentence_ranker import FEATURES

HELD_OUT_DOCUMENTS = {"gwr-2023", "gwr-2025", "plenum-2024-communique", "cewc-2024", "fyp15-recommendations"}


def _shipped() -> dict:
    return json.loads(resources.files("assistant").joinpath("data/sentence_ranker.json").read_text(encoding="utf-8"))


def test_the_shipped_model_covers_every_feature_and_was_fitted_on_development_documents_only():
    data = _shipped()
    assert set(data["weights"]) == set(FEATURES) == set(data["mean"]) == set(data["scale"])
    report = data["report"]
    assert not HELD_OUT_DOCUMENTS & set(report["documents"])
    folds = {k[4:] for k in report["cv"] if k.startswith("doc:")}
    assert folds and folds <= set(report["documents"])  # one fold per development document
    assert set(report["ablation"]) == set(FEATURES)


def test_probability_is_monotone_in_a_positively_weighted_feature():
    ranker = sentence_ranker.load()
    base = dict(ranker.mean)
    up = dict(base, heading_fit=base["heading_fit"] + 1.0)
    assert ranker.weights["heading_fit"] > 0
    assert ranker.probability(up) > ranker.probability(base)


def test_the_sentence_naming_the_new_kinds_of_computing_is_quoted_first(assistant):
    # issue 9: the sentence on cloud/edge computing was quoted while the one naming quantum, optical and
    # brain-inspired computing sat in another context
    answer = assistant.ask("我国应该探索哪些新型计算技术？")
    assert not answer.refused
    assert "量子计算" in answer.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        "新质生产力的重大战略意义是什么？",
        "What is the strategic significance of new quality productive forces?",
        "2024年政府工作报告提出了哪些主要预期目标？",
    ],
)
def test_titles_and_bylines_are_never_quoted_for_a_content_question(assistant, question):
    answer = assistant.ask(question)
    chunks = {c.chunk_id: c for c in assistant.index.chunks()}
    assert answer.citations
    assert all(chunks[c.chunk_id].role != "front" for c in answer.citations)


@pytest.mark.parametrize(
    "question,lang", [("论文怎样评价韩国扶持半导体产业的做法？", "zh"), ("Who won the 2022 World Cup?", "en")]
)
def test_a_refusal_says_so_plainly_and_lists_the_nearest_sections(assistant, question, lang):
    answer = assistant.ask(question)
    assert answer.refused and not answer.citations and answer.nearest_sections
    assert "address this question" not in answer.answer and "直接相关的论述" not in answer.answer
    assert all(section in answer.answer for section in answer.nearest_sections)


def test_an_english_question_reaches_a_sentence_only_the_dictionary_bridge_connects(assistant):
    # "life expectancy" is not in the glossary: CC-CEDICT's 寿命 (restricted to the index's words) is what
    # makes 人均预期寿命增长到七十八点二岁 a candidate at all
    answer = assistant.ask("What average life expectancy does the 20th Congress report cite?")
    assert not answer.refused
    assert any("七十八点二岁" in c.quote for c in answer.citations)


def test_bridge_coverage_is_a_feature_of_every_candidate(assistant):
    request = assistant.evidence_request("What does the 20th Congress report say about the statutory retirement age?")
    candidates = assistant.extractive.candidates(request)
    assert candidates and all("bridge_coverage" in c.features for c in candidates)
    answering = [c for c in candidates if "退休年龄" in request.contexts[c.ctx].text[c.start : c.end]]
    assert answering and max(c.features["bridge_coverage"] for c in answering) > 0
