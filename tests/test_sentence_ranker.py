"""The learned sentence ranker: shipped with its document-grouped CV figures, and it quotes the sentence
that answers (the issue's examples), never a title or byline for a content question."""

from __future__ import annotations

import dataclasses
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
    # each nearest section's document and label are in the text, a document's title once before its first section
    for section in answer.nearest_sections:
        title, label = section.split(": ", 1) if lang == "en" else section.split("》 ", 1)
        assert title in answer.answer and label in answer.answer


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


def test_every_context_is_scored_by_its_dense_cosine(assistant):
    """A context the dense list did not rank (found by keywords alone, attached after retrieval) is read with
    its cosine, not 0: its sentences would start behind every ranked one."""
    request = assistant.evidence_request("Which strategic industries get new development policies in the Decision?")
    candidates = assistant.extractive.candidates(request)
    assert len(request.contexts) > 5 and candidates
    assert all(request.dense.get(c.chunk_id, 0.0) > 0.0 for c in request.contexts)
    assert all(c.features["dense"] > 0.0 for c in candidates)


def _two_close_candidates(lift: float, second: str = "水库清淤工作分三年推进。"):
    """Two candidates the ranker scores alike, except for `lift` added to the first one's coverage."""
    from chunk_support import make_chunk

    from assistant.generators.base import GenerationRequest
    from assistant.generators.extractive import _Scored

    ranker = sentence_ranker.load()
    contexts = [make_chunk("1", "堤防加固工程年内全部完工。"), make_chunk("2", second)]
    first_features = dict(ranker.mean, coverage=ranker.mean["coverage"] + lift)
    scored = [
        _Scored(0, 0, len(contexts[0].text), 0.0, features=first_features),
        _Scored(1, 0, len(contexts[1].text), 0.0, features=dict(ranker.mean)),
    ]
    for s in scored:
        s.score = ranker.probability(s.features)
    request = GenerationRequest(
        question="水库清淤怎么安排？", query="水库清淤怎么安排？", language="zh", contexts=contexts
    )
    return ranker, request, scored


def test_the_second_look_orders_two_close_candidates_by_the_sentence_cosine():
    from assistant.generators.extractive import _second_look

    asked: list[list[str]] = []

    def similarity(texts: list[str]) -> list[float]:  # the second sentence is the nearer one
        asked.append(texts)
        return [0.1 if "堤防" in t else 0.6 for t in texts]

    ranker, request, scored = _two_close_candidates(lift=0.0)
    before = [s.score for s in scored]
    _second_look(dataclasses.replace(request, similarity=similarity), scored, ranker)
    assert asked == [["堤防加固工程年内全部完工。", "水库清淤工作分三年推进。"]]
    assert [s.score for s in scored] == before[::-1]  # the scores change places, the set of scores stays

    # no embedder at hand: the ranker's order stands
    ranker, request, scored = _two_close_candidates(lift=0.0)
    before = [s.score for s in scored]
    _second_look(request, scored, ranker)
    assert [s.score for s in scored] == before

    # candidates the ranker tells apart by more than the gap are not looked at again
    scale = ranker.scale["coverage"] / ranker.weights["coverage"]
    ranker, request, scored = _two_close_candidates(lift=2 * sentence_ranker.SECOND_LOOK_GAP * scale)
    before = [s.score for s in scored]
    asked.clear()
    _second_look(dataclasses.replace(request, similarity=similarity), scored, ranker)
    assert not asked and [s.score for s in scored] == before

    # a sentence in another language is not compared: a cosine is higher for sharing the question's language
    ranker, request, scored = _two_close_candidates(lift=0.0, second="Reservoir dredging will take three years.")
    before = [s.score for s in scored]
    _second_look(dataclasses.replace(request, similarity=similarity), scored, ranker)
    assert not asked and [s.score for s in scored] == before


def test_the_shipped_second_look_was_fitted_and_measured_on_development_documents():
    data = _shipped()
    look = data["second_look"]
    assert set(look["weights"]) == {"margin", sentence_ranker.SENTENCE_COSINE}
    assert look["weights"]["margin"] > 0 and look["weights"][sentence_ranker.SENTENCE_COSINE] > 0
    report = data["report"]["second_look"]
    assert report["gap"] == sentence_ranker.SECOND_LOOK_GAP
    folds = {k[4:] for k in report["with_second_look"] if k.startswith("doc:")}
    assert folds and not HELD_OUT_DOCUMENTS & folds


def test_the_assistant_gives_the_second_look_the_embedders_cosines(assistant):
    request = assistant.evidence_request("数字经济的核心产业有哪些？")
    same, other = request.similarity(["数字经济的核心产业有哪些？", "今年粮食产量保持稳定。"])
    assert same == pytest.approx(1.0, abs=1e-3) and other < 0.9


def test_the_second_look_reads_the_query_as_retrieval_embedded_it(assistant):
    """Without the document's name ("2024年政府工作报告中…" says where to look, not what is asked): the same
    text retrieval embedded, so its vector is reused."""
    from assistant.retrieval import dense_query, mentions_for

    question = "2024年政府工作报告中数字经济的核心产业有哪些？"
    stripped = dense_query(question, mentions_for(assistant.index).find(question))
    assert stripped != question and "数字经济" in stripped
    request = assistant.evidence_request(question)
    (same,) = request.similarity([stripped])
    assert same == pytest.approx(1.0, abs=1e-3)


def _ranker_rows(sizes: dict[str, int]) -> list[dict]:
    """Rows of a training set: per document, `n` cases of two candidates (one answering)."""
    docs = sorted(sizes)
    return [
        {"x": [float(docs.index(doc))] * 2, "y": y, "case": f"{doc}-{i}", "lang": "zh", "doc": doc}
        for doc in docs
        for i in range(sizes[doc])
        for y in (0, 1)
    ]


def test_document_folds_keep_each_document_whole_and_about_as_many_cases_in_each():
    from eval.train_sentence_ranker import document_folds

    sizes = {"a": 40, "b": 30, "c": 20, "d": 10, "e": 10, "f": 5, "g": 5}
    rows = _ranker_rows(sizes)
    folds = document_folds(rows, 3)
    assert set(folds) == set(sizes) and set(folds.values()) == {0, 1, 2}
    load = [sum(n for d, n in sizes.items() if folds[d] == f) for f in range(3)]
    assert max(load) - min(load) <= 5  # 40 / 40 / 40 is possible; greedy gets within the smallest document
    assert document_folds(list(reversed(rows)), 3) == folds  # the same split whatever the order of the rows
    # no more documents than folds: each document is a fold of its own
    assert sorted(document_folds(_ranker_rows({"a": 3, "b": 2}), 10).values()) == [0, 1]


def test_ranker_cv_never_scores_a_document_with_a_model_that_saw_it(monkeypatch):
    """Plain and nested CV (the inner choice of C included): every score comes from a model fitted
    without the scored rows' documents, and every row gets an out-of-fold score."""
    import numpy as np

    from eval import train_sentence_ranker as trainer

    rows = _ranker_rows({f"d{i}": 3 + i for i in range(12)})
    leaks: list[float] = []
    scored: list[float] = []

    def fit(x, y, cases, c=1.0):  # the "model" is the documents it saw
        return frozenset(x[:, 0].tolist()), None, None

    def scores(model, mean, scale, x):
        leaks.extend(v for v in x[:, 0].tolist() if v in model)
        scored.extend(x[:, 0].tolist())
        return np.zeros(len(x))

    monkeypatch.setattr(trainer, "_fit", fit)
    monkeypatch.setattr(trainer, "_scores", scores)
    trainer.grouped_cv(rows, [0], k=4)
    assert sorted(scored) == sorted(r["x"][0] for r in rows)  # each row scored once
    trainer.nested_cv(rows, [0])
    assert not leaks
