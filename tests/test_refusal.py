"""The refusal decision generalises beyond the phrasing of the questions it was calibrated on.

The questions below are deliberately *not* in eval/data/cases.jsonl nor in
assistant/data/refusal_probes.jsonl (the calibration sets): everyday phrasings of
questions the documents answer must be answered, off-topic questions and near misses
(figures, countries, years the documents do not give) refused. Real index, real embedder.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from assistant.refusal import FEATURES, RefusalPolicy, is_general_word, unknown_kind, unknown_words
from eval import calibrate_refusal as refusal_calibration
from knowledge.keyword_index import tokenize

ANSWERABLE = [
    "麻烦问一下，论文里说的新质生产力的劳动者是指哪些人？",
    "想了解一下，新质生产力和传统生产力到底有啥区别？",
    "我想知道论文里关于绿色动能是怎么说的",
    "文章中提到的‘东数西算’，主要是想干嘛？",
    "去年新能源汽车产销量在全球占了多大比例？",
    "今年的城镇新增就业目标大概是多少人？",
    "报告里说超长期特别国债今年发多少？",
    "Could you briefly explain what the paper means by data elements?",
    "Roughly how much did China's economy grow in 2023?",
    "In the report, how many new urban jobs are targeted for this year?",
    "Tell me, what does the paper suggest doing about computing power shortages?",
    "How much is the special treasury bond issue this year?",
]

UNANSWERABLE = [
    "论文怎么评价新加坡的数字经济？",
    "2026年我国国内生产总值的目标是多少？",
    "2024年政府工作报告里提到的今年全国高铁新增里程是多少公里？",
    "明天深圳的气温多少度？",
    "梅西一共拿过几次金球奖？",
    "What does the paper say about Canada's industrial policy?",
    "Who won the Champions League final?",
    "How many Starbucks stores are there in Shanghai?",
]


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answerable_paraphrases_are_answered(assistant, question):
    answer = assistant.ask(question)
    assert not answer.refused, (question, assistant.diagnose(question))
    assert answer.citations


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_off_topic_and_near_misses_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused, (question, assistant.diagnose(question))
    assert not answer.citations
    assert answer.nearest_sections


@pytest.fixture(scope="module")
def vocabulary(assistant):
    return assistant._refresh_corpus().vocabulary


def _words(question, vocabulary, glossary):
    return [w for w, _ in unknown_words(question, vocabulary, tokenize, glossary)]


def test_unknown_word_rule_ignores_ordinary_phrasing(assistant, vocabulary):
    """Words frequent in general Chinese are phrasing even though the documents never use them."""
    for question in (
        "请问能不能简单讲讲文中这个概念的含义？",
        "麻烦告诉我论文里这个说法是啥意思",
        "Could you please tell me, in the paper, what the main idea is?",
        "In the Report, what does China plan for GDP?",
    ):
        assert _words(question, vocabulary, assistant.glossary) == [], question


def test_unknown_word_rule_flags_names_rare_nouns_and_years(assistant, vocabulary):
    assert _words("论文如何评价越南的做法？", vocabulary, assistant.glossary) == ["越南"]
    assert "基站" in _words("我国建成了多少个5G基站？", vocabulary, assistant.glossary)
    assert _words("2031年的目标是什么？", vocabulary, assistant.glossary) == ["2031"]
    assert _words("What does the paper say about Huawei and FIFA?", vocabulary, assistant.glossary) == [
        "Huawei",
        "FIFA",
    ]
    # a name the glossary translates, into Chinese the documents never use
    assert _words("Who won the last World Cup?", vocabulary, assistant.glossary) == ["World Cup"]
    # ... but not one they use
    assert _words("What does the report say about Hong Kong?", vocabulary, assistant.glossary) == []
    # words the documents use are never unknown, however rare in general language
    assert _words("新质战斗力是怎么界定的？", vocabulary, assistant.glossary) == []


def test_general_frequency_decides_phrasing():
    assert is_general_word("含义") and is_general_word("论文") and is_general_word("天气")
    assert unknown_kind("请问") is None and unknown_kind("论文") is None
    assert is_general_word("具体措施")  # a set phrase of frequent words
    assert is_general_word("多少钱") and unknown_kind("多少钱") is None  # jieba tags it as a name
    assert not is_general_word("基站") and unknown_kind("基站") == "rare"
    assert unknown_kind("法国") == "name"  # frequent, but a name
    assert unknown_kind("讲讲") is None  # rare-ish, but a verb


def test_shipped_calibration_matches_features_and_prefers_answering():
    data = json.loads(resources.files("assistant").joinpath("data/refusal.json").read_text(encoding="utf-8"))
    assert set(data["weights"]) == set(FEATURES)
    policy = RefusalPolicy.load()
    assert any(policy.weights[f] != 0 for f in FEATURES)  # fitted, not an empty/default model
    assert data["false_refusal_cost"] == refusal_calibration.FALSE_REFUSAL_COST
    cv = data["cross_validated"]
    for source in ("cases", "refusal_probes"):
        assert f"{source}/all" in cv
    # the costed threshold: answerable questions are refused more rarely than unanswerable ones answered
    assert cv["all/all"]["false_refusal_rate"] < cv["all/all"]["false_answer_rate"]


def test_probe_set_is_large_and_grouped():
    lines = resources.files("assistant").joinpath("data/refusal_probes.jsonl").read_text(encoding="utf-8").splitlines()
    probes = [json.loads(line) for line in lines if line.strip()]
    assert sum(p["answerable"] for p in probes) >= 60
    assert sum(not p["answerable"] for p in probes) >= 30
    assert {p["lang"] for p in probes} == {"zh", "en"}
    assert len({p["group"] for p in probes}) < len(probes)  # paraphrases share a group


def test_grouped_cv_never_predicts_a_row_with_a_model_that_saw_its_group(monkeypatch):
    """Each fold's model is fitted without the predicted row's group: paraphrases stay together."""
    rows = [
        {"id": f"{g}-{i}", "group": g, "source": "s", "lang": "zh", "answerable": i % 2 == 0, "x": [g, i]}
        for g in "abcdefghij"
        for i in range(4)
    ]
    trained_on: list[frozenset] = []
    predicted: list[tuple[str, bool]] = []

    def fit(xs, ys):  # the "weights" are the groups the model saw
        trained_on.append(frozenset(x[0] for x in xs))
        return trained_on[-1], 0.0

    def predict(seen, bias, x):
        predicted.append((x[0], x[0] in seen))
        return 1

    monkeypatch.setattr(refusal_calibration, "_fit", fit)
    monkeypatch.setattr(refusal_calibration, "_predict", predict)
    refusal_calibration.grouped_cv(rows)
    assert len(predicted) == len(rows)  # every row predicted exactly once
    assert not [g for g, leaked in predicted if leaked]
    assert len(set(trained_on)) > 1  # the groups really are split across folds


def test_costed_threshold_moves_the_decision_towards_answering():
    assert refusal_calibration.decision_bias(0.0, 2.0) == pytest.approx(math.log(2))
    assert refusal_calibration.decision_bias(-1.0, 1.0) == pytest.approx(-1.0)
