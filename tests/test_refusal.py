"""The refusal decision generalises beyond the phrasing of the questions it was calibrated on.

The questions below are deliberately *not* in eval/data/cases.jsonl nor in
assistant/data/refusal_probes.jsonl (the calibration sets): everyday phrasings of
questions the documents answer must be answered, off-topic questions and near misses
(figures, countries, years the documents do not give) refused. Real index, real embedder.
"""

from __future__ import annotations

import json
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


def test_a_month_and_a_verb_asked_how_are_no_unknown_words(assistant, vocabulary):
    """A month is a date the texts write in numerals (7月), not a name they lack; the word after 怎么 / 如何 is a verb
    of the question's frame (怎么形容: jieba's dictionary tags 形容 a rare noun)."""
    assert _words("What did the July 2024 meeting say about jobs?", vocabulary, assistant.glossary) == []
    assert _words("报告怎么形容这一变化？", vocabulary, assistant.glossary) == []
    # nor are the languages of the texts ("the paper's English summary")
    assert _words("What does the paper's English summary say?", vocabulary, assistant.glossary) == []
    # ... only the word right after it: a rare noun further on is still unknown
    assert "基站" in _words("报告怎么看基站建设？", vocabulary, assistant.glossary)


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


def test_shipped_calibration_matches_features_and_keeps_its_stated_operating_point():
    data = json.loads(resources.files("assistant").joinpath("data/refusal.json").read_text(encoding="utf-8"))
    policy = RefusalPolicy.load()
    assert set(policy.models) == {"zh", "en"}
    for lang, model in policy.models.items():
        assert set(model.weights) == set(FEATURES)
        assert any(w != 0 for w in model.weights.values())  # fitted, not an empty/default model
        # the threshold is the operating point chosen on the cross-validated curve by the stated rule, within
        # the budget whose nested (threshold chosen on other documents) estimate keeps the target
        point, budget = data["operating_point"][lang], data["budget"][lang]
        assert model.threshold == point["threshold"]
        assert point == refusal_calibration.operating_point(data["tradeoff"][lang], budget)
        assert point["false_refusal"] <= budget <= refusal_calibration.MAX_FALSE_REFUSAL or point["threshold"] == 0.0
        nested = {e["budget"]: e for e in data["nested"][lang]}
        looser = [b for b in refusal_calibration.BUDGETS if b > budget]
        assert nested[budget]["false_refusal"] <= refusal_calibration.MAX_FALSE_REFUSAL
        assert all(nested[b]["false_refusal"] > refusal_calibration.MAX_FALSE_REFUSAL for b in looser)
        # the questions written blind are among the calibration cases and their estimate is recorded
        assert nested[budget]["blind"]["answerable"] > 0
    # the topic gate: per language, its threshold the stated rule's (at most TOPIC_BUDGET of the answerable questions
    # refused by it alone out of fold), and it refuses out-of-scope questions out of fold
    assert set(policy.topic) == {"zh", "en"}
    for lang, gate in policy.topic.items():
        point = data["topic_gate"]["operating_point"][lang]
        assert gate.threshold == point["threshold"] and set(gate.weights) == set(FEATURES)
        assert point["false_refusal"] <= refusal_calibration.TOPIC_BUDGET
        assert data["topic_gate"]["applied"][lang]["out_of_scope_refused"] > 0.4
    assert data["ranker_features"].startswith("out of document")
    cv = data["cross_validated"]
    for source in ("cases", "nearmiss", "refusal_probes"):
        assert f"{source}/all" in cv
    # the folds are the development documents: each model is judged on documents it never saw
    assert len(data["folds"]) >= 5


def test_operating_point_rule():
    curve = [
        {"threshold": 0.0, "near_miss_refused": 0.2, "false_refusal": 0.01},
        {"threshold": 0.1, "near_miss_refused": 0.5, "false_refusal": 0.02},
        {"threshold": 0.2, "near_miss_refused": 0.5, "false_refusal": 0.03},
        {"threshold": 0.3, "near_miss_refused": 0.8, "false_refusal": 0.05},
    ]
    # most near misses refused within the false-refusal target; among equals the lowest threshold
    assert refusal_calibration.operating_point(curve, 0.03)["threshold"] == 0.1
    assert refusal_calibration.operating_point(curve, 0.05)["threshold"] == 0.3
    # the rules alone exceed the target: the model never refuses
    assert refusal_calibration.operating_point(curve, 0.005)["threshold"] == 0.0


def test_probe_set_is_large_and_grouped():
    lines = resources.files("assistant").joinpath("data/refusal_probes.jsonl").read_text(encoding="utf-8").splitlines()
    probes = [json.loads(line) for line in lines if line.strip()]
    assert sum(p["answerable"] for p in probes) >= 60
    assert sum(not p["answerable"] for p in probes) >= 30
    assert {p["lang"] for p in probes} == {"zh", "en"}
    assert len({p["group"] for p in probes}) < len(probes)  # paraphrases share a group


def _cv_row(id_: str, group: str, lang: str, answerable: bool, n: int) -> dict:
    """A calibration row of `group` whose every feature is `n`: a fake model can tell which groups it was fitted on."""
    return {
        "id": id_,
        "group": group,
        "source": "s",
        "lang": lang,
        "answerable": answerable,
        "near_miss": False,
        "rule_refused": False,
        "x": [float(n)] * len(FEATURES),
    }


def test_grouped_cv_never_predicts_a_row_with_a_model_that_saw_its_document(monkeypatch):
    """Each fold's model is fitted without the predicted row's document (or group of paraphrases)."""
    import numpy as np

    groups = [f"doc:d{i}" for i in range(5)] + [f"probes:{g}" for g in "abcde"]
    rows = [
        _cv_row(f"{g}-{i}", g, lang, i % 2 == 0, n)
        for n, g in enumerate(groups)
        for i in range(4)
        for lang in ("zh", "en")
    ]
    trained_on: list[frozenset] = []
    predicted: list[tuple[float, bool]] = []

    def fit(xs, ys, c=None, names=None):  # the "model" is the groups it saw
        trained_on.append(frozenset(float(x[0]) for x in xs))
        return {"seen": trained_on[-1]}

    def probability(m, xs):
        predicted.extend((float(x[0]), float(x[0]) in m["seen"]) for x in xs)
        return np.full(len(xs), 0.5)

    monkeypatch.setattr(refusal_calibration, "_fit", fit)
    monkeypatch.setattr(refusal_calibration, "_probability", probability)
    refusal_calibration.grouped_cv(rows)
    assert len(predicted) == len(rows)  # every row predicted exactly once
    assert not [g for g, leaked in predicted if leaked]
    assert sorted(refusal_calibration.fold_map(rows)) == [f"d{i}" for i in range(5)]
    # no more documents than folds: one document per fold, no model is judged on two documents at once
    folds = {refusal_calibration.fold_of(g, refusal_calibration.fold_map(rows)) for g in groups[:5]}
    assert folds == set(range(5))


def test_with_more_documents_than_folds_each_document_stays_whole_in_one_of_a_bounded_number_of_folds(monkeypatch):
    """257 documents are not 257 refits (nor 257 x 257 for the nested estimate): `eval.folds.FOLDS` folds of whole
    documents, and still no row predicted by a model that saw its document."""
    import numpy as np

    from eval.folds import FOLDS

    docs = [f"d{i:02d}" for i in range(3 * FOLDS + 1)]
    rows = [
        _cv_row(f"{d}-{i}-{lang}", f"doc:{d}", lang, i % 2 == 0, n)
        for n, d in enumerate(docs)
        for i in range(2 + n % 3)
        for lang in ("zh", "en")
    ]
    fits: list[frozenset] = []
    leaked: list[float] = []

    def fit(xs, ys, c=None, names=None):
        fits.append(frozenset(float(x[0]) for x in xs))
        return {"seen": fits[-1]}

    def probability(m, xs):
        leaked.extend(float(x[0]) for x in xs if float(x[0]) in m["seen"])
        return np.full(len(xs), 0.5)

    monkeypatch.setattr(refusal_calibration, "_fit", fit)
    monkeypatch.setattr(refusal_calibration, "_probability", probability)
    refusal_calibration.grouped_cv(rows)
    assert not leaked
    assert len(fits) == 2 * FOLDS  # one model per fold and language, not one per document
    folds = refusal_calibration.fold_map(rows)
    assert set(folds) == set(docs) and set(folds.values()) == set(range(FOLDS))
    sizes = [sum(1 for r in rows if folds[r["group"][4:]] == k) for k in range(FOLDS)]
    assert max(sizes) - min(sizes) <= 2 * 4  # balanced within the largest document's rows


def _row(id_, lang, answerable, group="", gold="", nearest="", x=0.0, near_miss=False):
    return {
        "id": id_,
        "source": "s",
        "gold_doc": gold,
        "nearest_doc": nearest,
        "paraphrases": f"s:{group or id_}",
        "group": f"doc:{gold}" if gold else f"s:{group or id_}",
        "lang": lang,
        "answerable": answerable,
        "near_miss": near_miss,
        "rule_refused": False,
        "x": [x] * len(FEATURES),
    }


def test_a_probe_is_judged_with_the_document_it_is_nearest_to():
    rows = [
        _row("a", "zh", True, gold="d1"),
        _row("b", "zh", True, gold="d2"),
        _row("p1", "zh", True, group="def", nearest="d2"),  # a probe about d2: d2's fold
        _row("p2", "zh", False, group="weather", nearest="elsewhere"),  # nearest to no labelled document
    ]
    groups = {r["id"]: r["group"] for r in refusal_calibration.group_by_document(rows)}
    assert groups == {"a": "doc:d1", "b": "doc:d2", "p1": "doc:d2", "p2": "s:weather"}


def test_the_budget_leaves_a_margin_when_a_threshold_does_not_transfer_between_documents():
    """Five documents; on one of them the answerable questions score lower than on the others (a shift):
    a threshold chosen on the pooled curve at the target refuses them, the nested estimate sees it."""
    rows, probs = [], []
    for d in range(5):
        for i in range(40):
            rows.append(_row(f"a{d}-{i}", "zh", True, gold=f"d{d}"))
            # answerable: mostly high; on d4 a tenth of them low (the shift)
            probs.append(0.15 if (d == 4 and i < 4) or (d < 4 and i == 0) else 0.9)
        for i in range(10):
            rows.append(_row(f"n{d}-{i}", "zh", False, gold=f"d{d}", near_miss=True))
            probs.append(0.05 + 0.02 * i)
    tight = refusal_calibration.nested_estimate(rows, probs, "zh", 0.005)
    loose = refusal_calibration.nested_estimate(rows, probs, "zh", 0.03)
    assert tight["false_refusal"] <= loose["false_refusal"]
    budget, table = refusal_calibration.shift_budget(rows, probs, "zh")
    assert [e["budget"] for e in table] == list(refusal_calibration.BUDGETS)
    ok = [e["budget"] for e in table if e["false_refusal"] <= refusal_calibration.MAX_FALSE_REFUSAL]
    assert budget == (ok[0] if ok else refusal_calibration.BUDGETS[-1])


def test_the_nested_estimate_reports_the_questions_written_blind_apart():
    """The questions written by those who tuned the system are easy; one in ten of the blind ones scores low.
    Pooled, the low ones are 2 % of the answerable questions (within 3 %); among the blind ones 10 %, which the
    estimate reports, with what a tighter budget would cost."""
    rows, probs = [], []
    for d in range(5):
        for i in range(40):
            rows.append(_row(f"a{d}-{i}", "zh", True, gold=f"d{d}"))
            probs.append(0.9)
        for i in range(10):
            rows.append({**_row(f"b{d}-{i}", "zh", True, gold=f"d{d}"), "source": refusal_calibration.BLIND_SOURCES[0]})
            probs.append(0.3 if i == 0 else 0.9)
            rows.append(_row(f"n{d}-{i}", "zh", False, gold=f"d{d}", near_miss=True))
            probs.append(0.05 + 0.05 * i)
    # the other documents' out-of-fold predictions: the same scores
    inner = [[p for r, p in zip(rows, probs) if r["group"] != f"doc:d{k}"] for k in range(5)]
    loose = refusal_calibration.nested_estimate(rows, probs, "zh", 0.03, inner)
    assert loose["false_refusal"] <= refusal_calibration.MAX_FALSE_REFUSAL  # the pooled figure hides it
    assert loose["blind"]["false_refusal"] == 0.1 and loose["blind"]["answerable"] == 50
    budget, table = refusal_calibration.shift_budget(rows, probs, "zh", inner)
    assert budget == 0.03
    tight = next(e for e in table if e["budget"] == refusal_calibration.BUDGETS[-1])
    assert tight["blind"]["false_refusal"] == 0.0
    assert tight["near_miss_refused"] < loose["near_miss_refused"]  # the price, stated by the estimate


def test_the_nested_estimate_never_chooses_a_threshold_on_the_document_it_is_applied_to(monkeypatch):
    rows = [_row(f"{d}-{i}", "zh", i % 2 == 0, gold=f"d{d}", x=float(d)) for d in range(5) for i in range(6)]
    probs = [0.5] * len(rows)
    seen: list[set[str]] = []

    def tradeoff(rs, ps, lang):
        seen.append({r["group"] for r in rs})
        return [{"threshold": 0.0, "near_miss_refused": 0.0, "false_refusal": 0.0}]

    monkeypatch.setattr(refusal_calibration, "tradeoff", tradeoff)
    refusal_calibration.nested_estimate(rows, probs, "zh", 0.03)
    assert len(seen) == 5
    assert all(len(groups) == 4 for groups in seen)
    assert set.union(*seen) == {f"doc:d{d}" for d in range(5)}


def test_the_threshold_for_a_left_out_document_comes_from_models_that_never_saw_it(monkeypatch):
    import numpy as np

    rows = [
        _row(f"{d}-{i}", lang, i % 2 == 0, gold=f"d{d}", x=float(d))
        for d in range(5)
        for i in range(6)
        for lang in ("zh", "en")
    ]
    trained_on: list[frozenset] = []

    def fit(xs, ys, c=None, names=None):  # the "model" is the documents it saw
        trained_on.append(frozenset(float(x[0]) for x in xs))
        return {}

    monkeypatch.setattr(refusal_calibration, "_fit", fit)
    monkeypatch.setattr(refusal_calibration, "_probability", lambda m, xs: np.full(len(xs), 0.5))
    trained_on.clear()
    inner = refusal_calibration.inner_predictions(rows)
    assert [len(p) for p in inner] == [len(rows) - 12] * 5
    # per left-out document k: 2 languages x 4 folds, each model fitted on 3 documents, never on k
    assert len(trained_on) == 5 * 2 * 4 and all(len(seen) == 3 for seen in trained_on)
    for k in range(5):
        assert all(float(k) not in seen for seen in trained_on[8 * k : 8 * k + 8])


def test_a_substitute_ranker_is_used_and_the_shipped_one_restored():
    from assistant import sentence_ranker

    shipped = sentence_ranker.load
    substitute = sentence_ranker.SentenceRanker({}, 0.0, {}, {})
    with refusal_calibration.ranker_in_use(substitute) as calls:
        assert sentence_ranker.load() is substitute and calls == [1]
    assert sentence_ranker.load is shipped


# the evidence-focus features, on sentences written for the test (a corpus of a few words)
_DF = {"学校": 5, "午餐": 1, "补助": 3, "标准": 50, "提高": 100, "养老金": 4, "算力": 6, "规模": 40, "达到": 60}


def _fit(question, sentences):
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import evidence_fit, focus_units

    return evidence_fit(question, focus_units(question, "zh", _DF, None, _INTERROGATIVE), sentences)


def test_a_figure_about_something_else_does_not_fit_a_figure_question():
    question = "学校午餐补助标准是每天多少元？"
    other = _fit(question, ["城乡居民养老金月最低标准提高20元。"])
    right = _fit(question, ["学校午餐补助标准提高到每天6元。"])
    assert other["rarest_missing"] == 1.0 and right["rarest_missing"] == 0.0
    assert other["slot_coverage"] < 0.3 < right["slot_coverage"]
    assert other["focus_coverage"] < right["focus_coverage"] == 1.0


def test_the_figure_must_sit_with_the_words_asked_about():
    question = "学校午餐补助标准是每天多少元？"
    # the words are in the sentence, but the figure is in a clause about something else
    apart = _fit(question, ["完善学校午餐补助制度，养老金标准提高20元。"])
    together = _fit(question, ["完善学校午餐补助制度，补助标准提高到每天6元。"])
    assert apart["slot_coverage"] < together["slot_coverage"]


def test_general_rarity_weighs_topic_words_over_phrasing():
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units

    units = {u.forms[0]: u.weight for u in focus_units("学校午餐补助标准提高了多少？", "zh", _DF, None, _INTERROGATIVE)}
    assert units["午餐"] > units["标准"] and units["午餐"] > units["提高"]


def test_the_questions_words_about_the_text_are_not_what_it_asks_about():
    """表述 / 列举 / 论述 say how the text puts it ("包含几个“补助要……”的表述", "一共列举了几个"): the answering sentences
    need not use them (they were the heaviest unit, and two answerable count questions were refused)."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units

    df = {**_DF, "表述": 9, "列举": 3, "论述": 7, "具体": 40}
    question = "午餐补助政策中具体列举了几个方面，包含几个“补助要……”的表述，怎么论述的？"
    units = {u.forms[0] for u in focus_units(question, "zh", df, None, _INTERROGATIVE)}
    assert "午餐" in units and "补助" in units
    assert not units & {"表述", "列举", "论述", "具体"}, units


def test_the_words_of_a_date_question_are_not_what_it_asks_about():
    """哪一年 / 哪个月 ask for a date: the tokenizer's remnant (一年, 个月) is no content word that the
    answering sentence must hold."""
    df = {**_DF, "一年": 2, "个月": 2, "午餐": 1}
    question = "学校午餐补助是在哪一年、哪个月提高的？"
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import evidence_fit, focus_units

    units = focus_units(question, "zh", df, None, _INTERROGATIVE)
    assert {u.forms[0] for u in units} == {"学校", "午餐", "补助", "提高"}
    assert evidence_fit(question, units, ["2021年11月，学校午餐补助标准提高。"])["rarest_missing"] == 0.0


def test_a_unit_no_sentence_has_is_missing():
    assert _fit("算力规模能达到多少EFLOPS？", ["数据量规模达到76ZB。"])["unit_missing"] == 1.0
    assert _fit("算力规模能达到多少EFLOPS？", ["算力规模达到300EFLOPS。"])["unit_missing"] == 0.0
    assert _fit("学校午餐补助标准是每天多少元？", [])["focus_coverage"] == 0.0  # no evidence: nothing held
    # a currency is its whole name; the magnitude before a unit may differ
    assert _fit("该计划投入多少亿日元？", ["该计划投入专项资金200亿元。"])["unit_missing"] == 1.0
    assert _fit("该计划投入多少亿日元？", ["该计划投入2万亿日元。"])["unit_missing"] == 0.0
    assert _fit("学校午餐补助投入多少亿元？", ["学校午餐补助投入300万元。"])["unit_missing"] == 0.0
    # a unit that counts things is answered by a count in words: "十大行动", "三个方面"
    assert _fit("港口行动一共有多少项？", ["持续有力开展港口十大行动。"])["unit_missing"] == 0.0
    assert _fit("会议列举了多少个方面？", ["实现港口质量、效率、动力三个方面的变革。"])["unit_missing"] == 0.0
    assert _fit("港口行动一共有多少项？", ["持续有力开展港口行动。"])["unit_missing"] == 1.0
    assert _fit("计划改造多少个老旧码头？", ["再改造一批老旧码头。"])["unit_missing"] == 1.0
    # an English question's unit, in the Chinese or the English of the sentence
    assert (
        _fit("How many tonnes of grain did the harbour plan target?", ["粮食产量稳定在1.3万亿斤。"])["unit_missing"]
        == 1.0
    )
    assert (
        _fit("How many tonnes of grain did the harbour plan target?", ["港口吞吐量达到5亿吨。"])["unit_missing"] == 0.0
    )
    assert (
        _fit("How many billion yuan will the port invest?", ["The port will invest 20 billion yuan."])["unit_missing"]
        == 0.0
    )
    assert _fit("What capacity in EFLOPS does the plan set?", ["算力规模达到300EFLOPS。"])["unit_missing"] == 0.0
    assert _fit("How many kilometres of railway were built?", ["新建铁路投资8000亿元。"])["unit_missing"] == 1.0
    assert _fit("港口补助是多少元？", ["港口补助提高三大类。"])["unit_missing"] == 1.0


def test_a_congress_ordinal_is_no_count():
    from assistant.answer_types import COUNT, sentence_has

    assert sentence_has(COUNT, "要坚决打好三大攻坚战。")
    assert not sentence_has(COUNT, "深入学习贯彻党的二十大精神。")
    assert not sentence_has(COUNT, "十九大以来港口工作取得进展。")


def test_a_name_the_evidence_abbreviates_is_present():
    from assistant.refusal import entity_gap

    vocabulary = {"台湾", "香港", "日本", "美国", "政策", "合作"}
    # 台独 ("Taiwan independence") and 港澳 ("Hong Kong and Macao") are compounds led by the place
    assert entity_gap("对台湾有什么新政策？", {"台独", "政策"}, vocabulary) == 0.0
    assert entity_gap("对香港有什么新政策？", {"港澳", "政策"}, vocabulary) == 0.0
    # a pair led by another name (中日 "China-Japan") is about relations, not the place's own affairs;
    # a word sharing no character with the name is no abbreviation of it
    assert entity_gap("日本在合作上有什么安排？", {"中日", "合作"}, vocabulary) == 1.0
    assert entity_gap("对台湾有什么新政策？", {"两岸", "政策"}, vocabulary) == 1.0
    # ... nor is a word of another kind led by the place's name (美元 "US dollar", a currency)
    assert entity_gap("美国的合作政策是什么？", {"美元", "政策", "合作"}, vocabulary) == 1.0
    assert entity_gap("美国的合作政策是什么？", {"美", "美德", "政策", "合作"}, vocabulary) == 1.0


def test_an_abbreviated_name_asked_about_is_a_name():
    """欧盟 ("European Union") is an abbreviation to jieba, not a name, but asked about ("China–EU investment talks")
    it must be in the evidence like any name; 港澳 asked about is present where the evidence names 香港 (and 澳门)."""
    from assistant.refusal import entity_gap

    vocabulary = {"欧盟", "港澳", "香港", "澳门", "投资", "协定", "中美", "合作"}
    assert entity_gap("中欧投资协定谈判如何？欧盟", {"中美", "投资", "协定"}, vocabulary) == 1.0
    assert entity_gap("欧盟投资协定怎么谈？", {"欧盟", "投资", "协定"}, vocabulary) == 0.0
    assert entity_gap("港澳合作有什么安排？", {"香港", "澳门", "合作"}, vocabulary) == 0.0
    assert entity_gap("港澳合作有什么安排？", {"中美", "合作"}, vocabulary) == 1.0


def test_an_organisation_the_question_contracts_is_present_where_a_text_writes_it_out():
    """中央军委 is how a reader says what a communiqué writes 中共中央军事委员会; 中纪委, 中央纪律检查委员会. The words of
    the evidence hold neither contraction, its text holds the full name: no gap (before, "四中全会增补谁为中央军委副主席"
    was refused). A name whose characters the text does not hold in order, close together, is still a gap."""
    from assistant.refusal import entity_gap
    from assistant.textmatch import contracted_in

    vocabulary = {"中央军委", "中纪委", "主席", "全会"}
    text = "全会决定，增补张某某为中共中央军事委员会副主席。全会审议了中央纪律检查委员会的报告。"
    words = {"全会", "决定", "增补", "中共中央", "军事", "委员会", "副", "主席", "审议", "中央", "纪律", "检查", "报告"}
    assert entity_gap("全会增补谁为中央军委副主席？", words, vocabulary) == 1.0
    assert entity_gap("全会增补谁为中央军委副主席？", words, vocabulary, texts=lambda: [text]) == 0.0
    assert entity_gap("中纪委的报告说了什么？", words, vocabulary) == 1.0
    assert entity_gap("中纪委的报告说了什么？", words, vocabulary, texts=lambda: [text]) == 0.0
    # the characters far apart, or across punctuation, write out no name
    assert (
        entity_gap("中纪委的报告说了什么？", words, vocabulary, texts=lambda: ["中国的纪律检查工作，委员会指出。"])
        == 1.0
    )
    assert not contracted_in("中纪委", ["中国纪律，委员会"])
    assert contracted_in("深改委", ["中央全面深化改革委员会第十八次会议"])


def test_a_name_inside_a_longer_word_of_the_evidence_is_present():
    from assistant.refusal import entity_gap

    vocabulary = {"日本", "新兴产业", "算力", "规模"}
    # jieba tags the compound 新兴产业 as an organisation; the evidence writes it inside 战略性新兴产业
    assert entity_gap("要通过新兴产业打造哪些增长引擎？", {"战略性新兴产业", "引擎"}, vocabulary) == 0.0
    # a place the corpus knows, absent from the evidence about something else: a gap
    assert entity_gap("日本的算力规模有多大？", {"算力", "规模"}, vocabulary) == 1.0
    assert entity_gap("日本的算力规模有多大？", {"日本", "算力"}, vocabulary) == 0.0


def test_the_kind_a_which_question_asks_for_is_no_name_the_evidence_must_hold():
    """哪个城市: jieba tags 城市 as a place, but the answer names the city (上海), not the word."""
    from assistant.refusal import entity_gap

    vocabulary = {"城市", "上海", "航运中心", "日本"}
    assert entity_gap("要加快建设哪个城市的国际航运中心？", {"上海", "航运中心"}, vocabulary) == 0.0
    # a place asked about, not asked for, is still a gap
    assert entity_gap("日本的国际航运中心建在哪个城市？", {"上海", "航运中心"}, vocabulary) == 1.0


def test_a_year_next_to_an_authors_name_is_not_an_edition():
    """ "2016年习近平说…" dates what the person said; it does not ask for a 2016 edition of the documents he
    delivered (a rule refused such questions whatever the evidence)."""
    from assistant.mentions import DocumentAliases, DocumentMentions

    mentions = DocumentMentions([DocumentAliases("report-2022", "report", "2022", ("习近平", "二十大报告"))])
    found = mentions.find("2016年习近平在谈到科技创新时提出了什么？")
    # the name dated another year than the document is what the person said then: it names nothing
    assert found.named == [] and found.editions == [] and found.years == ["2016"]
    # a document's own name with a year still names an edition the corpus lacks
    assert mentions.find("2016年二十大报告提出了什么？").editions == [("report-2022", "2016")]


def test_which_aspects_asks_for_a_list_not_a_figure():
    """哪几个方面 / 哪几项 ask which ones (a list), not how many: a figure is not missing when the
    answer names the aspects without counting them (such questions were refused as a missing figure)."""
    from assistant.answer_types import NUMBER, asked_types
    from assistant.refusal import number_gap

    listing = ["一是加大投入，二是培养人才，三是优化布局。"]
    for question in ("作者建议从哪几个方面改进？", "报告提出了哪几项任务？"):
        assert number_gap(question, listing, []) == 0.0, question
        assert NUMBER not in asked_types(question), question
    # how many: a figure, or the items of a closed enumeration to count; an open one (…等) gives no count
    for question in ("作者建议从几个方面改进？", "报告提出了多少项任务？"):
        assert number_gap(question, listing, []) == 0.0, question
        assert number_gap(question, ["要在港口、航道、码头等方面改进。"], []) == 1.0, question
        assert number_gap(question, ["要加强港口建设。"], []) == 1.0, question
        assert NUMBER in asked_types(question), question


def test_a_size_asked_for_is_a_figure_and_a_noun_holding_scale_is_not():
    """规模 in a noun (养殖规模的增速, 小规模农户) names what is asked about, not a figure asked for: such a
    question was refused when its answer compared the growth with another rate and gave no figure."""
    from assistant.answer_types import NUMBER, asked_types

    for question in (
        "湿地修复规模有多大？",
        "要建成多大规模的海洋牧场？",
        "渔港建设会达到什么规模？",
        "养殖产量增长多快？",
    ):
        assert NUMBER in asked_types(question), question
    for question in ("海洋牧场养殖规模的增速应与什么相协调？", "小规模养殖户的补贴怎么发放？"):
        assert NUMBER not in asked_types(question), question


def test_a_figure_sentence_without_the_rarest_word_asked_about_does_not_fit():
    """ "人工智能…多少亿元专项资金" answered with another fund's figure: the sentence with a figure lacks the
    question's rarest word (here 午餐), wherever else that word occurs in the evidence."""
    question = "学校午餐补助标准是每天多少元？"
    other = _fit(question, ["完善学校午餐补助制度。", "城乡居民养老金月最低标准提高20元。"])
    right = _fit(question, ["学校午餐补助标准提高到每天6元。"])
    assert other["figure_rarest_missing"] == 1.0 and right["figure_rarest_missing"] == 0.0
    # not a figure question: no figure is asked for, nothing is missing
    assert _fit("学校午餐补助制度怎么完善？", ["完善学校午餐补助制度。"])["figure_rarest_missing"] == 0.0


def test_the_kind_of_thing_a_which_question_asks_for_must_be_named_by_the_evidence():
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import asked_head, focus_units, head_missing

    assert asked_head("Which minister is responsible for the tax refunds?", "en") == ["minister"]
    assert asked_head("What retirement age for women does the plan set?", "en") == ["retirement", "age"]
    assert asked_head("How many patents per ten thousand people does it target?", "en") == ["patent"]
    assert asked_head("How much did spending grow?", "en") == []
    assert asked_head("由哪位副总理牵头？", "zh") == ["总理"]
    assert asked_head("计划改造多少个城镇老旧小区？", "zh")[-1] == "小区"
    assert asked_head("是哪一年提出的？", "zh") == []  # a date, not a kind of thing
    # a list of aspects is answered by its items (面向前沿、面向市场…), not by the word naming them
    assert asked_head("公报要求面向哪几个方向？", "zh") == []
    assert asked_head("公报要求面向几个方向？", "zh") == ["方向"]  # a count of them
    question = "哪位部长负责学校午餐补助？"
    units = focus_units(question, "zh", {**_DF, "部长": 8}, None, _INTERROGATIVE)
    head = asked_head(question, "zh")
    assert head_missing(head, units, ["完善学校午餐补助制度。"]) == 1.0
    assert head_missing(head, units, ["教育部部长负责学校午餐补助。"]) == 0.0


def test_places_asked_for_by_their_kind_must_be_named_by_the_evidence():
    """ "在哪些城市试点" is answered by a place's name (深圳, 长三角), not by a sentence saying pilots are to be run,
    nor by a kind of place (经济大省, 三四线城市)."""
    from assistant.refusal_evidence import place_missing

    assert place_missing("改革试点选在哪些城市开展？", ["要开展港口改革试点示范。"]) == 1.0
    assert place_missing("会议点名要求哪几个省份挑大梁？", ["经济大省要勇挑大梁。"]) == 1.0
    # a modifier between the question word and the kind ("哪几个经济大省", "哪些具体省份")
    assert place_missing("会议点名要求哪几个经济大省挑大梁？", ["经济大省要勇挑大梁。"]) == 1.0
    assert place_missing("试点将扩大到哪些具体省份？", ["试点范围要进一步扩大。"]) == 1.0
    assert place_missing("会议点名要求哪几个经济大省挑大梁？", ["广东、江苏等经济大省要勇挑大梁。"]) == 0.0
    assert place_missing("Which cities will run the harbour pilots?", ["要开展港口改革试点示范。"]) == 1.0
    assert place_missing("改革试点选在哪些城市开展？", ["支持深圳、厦门开展港口改革试点。"]) == 0.0
    # not a question for places, or evidence the tagger cannot read: nothing to judge by
    assert place_missing("港口改革试点要做什么？", ["要开展港口改革试点示范。"]) == 0.0
    assert place_missing("Which cities will run the pilots?", ["Pilots will be run in coastal areas."]) == 0.0
    # "city-level" qualifies the people asked for: not a question for a city
    assert place_missing("Which city-level officials attended?", ["港务局负责同志出席会议。"]) == 0.0
    # nor is a kind word that modifies the next ("哪些国家重大港口专项": national projects) or starts a longer word
    assert place_missing("报告要求组织实施哪些国家重大港口专项？", ["组织实施港口疏浚等重大专项。"]) == 0.0
    assert place_missing("哪些城市更新项目获得支持？", ["支持老旧港区改造项目。"]) == 0.0
    assert place_missing("哪些国家参加了港口论坛？", ["港口论坛成功举办。"]) == 1.0
    assert place_missing("会议点名要求哪几个经济大省勇挑大梁？", ["经济大省要勇挑大梁。"]) == 1.0
    assert place_missing("港口破产制度首先在哪个城市试点？", ["探索建立港口破产制度。"]) == 1.0


def test_where_a_meeting_was_held_and_who_briefed_or_lectured_must_be_named_by_the_evidence():
    """ "在什么地点举行" / "Where was … held" is answered by a place's name (在北京举行), "由谁汇报" / "谁来讲解" / "who gave
    the lecture" by a person's: a readout saying the meeting heard a report, or that the session was held on a date,
    does not say where or from whom (external texts, 2026-12-06: such near misses were answered with the opening
    sentence). A figurative "where" (问题出在哪里, "where does the plan put its emphasis") asks for no place."""
    from assistant.refusal_evidence import person_missing, place_missing

    opening = ["港口委员会12月3日召开会议，听取港口疏浚情况汇报。"]
    assert place_missing("2031年12月港口委员会会议是在什么地点举行的？", opening) == 1.0
    assert place_missing("Where was the December 2031 harbour meeting held?", opening) == 1.0
    assert place_missing("2031年港口工作会议在哪里召开？", opening) == 1.0
    assert place_missing("2031年港口工作会议在哪里召开？", ["港口工作会议12月3日在北京召开。"]) == 0.0
    # 京 for Beijing, a venue: where it was held all the same
    assert place_missing("2031年港口工作会议在哪里召开？", ["港口工作会议12月3日在京召开。"]) == 0.0
    assert place_missing("Where was the 2031 harbour plenum held?", ["全会在人民大会堂举行。"]) == 0.0
    assert place_missing("港口改革的难点在哪里？", ["港口改革的难点在于疏浚。"]) == 0.0
    assert place_missing("Where does the plan put its emphasis?", ["要把疏浚放在突出位置。"]) == 0.0
    assert person_missing("港口疏浚情况是由谁汇报的？", opening) == 1.0
    assert person_missing("Who reported on the dredging to the December 2031 meeting?", opening) == 1.0
    assert person_missing("这次集体学习是请谁来讲解的？", ["各位同志认真听取了讲解。"]) == 1.0
    assert person_missing("这次集体学习是请谁来讲解的？", ["港口大学王建国教授就这个问题进行了讲解。"]) == 0.0
    assert person_missing("Who gave the lecture at the session?", ["港口大学王建国教授就这个问题进行了讲解。"]) == 0.0


def test_a_date_asked_for_must_be_given_by_the_evidence():
    """ "预计什么时候完成" / "by when" is answered by a date or a year (2030年, 明年, 年底, "in March"); a sentence that
    says the work is to go on does not say when. An English "when" of a clause ("… when discussing …") asks for
    no date."""
    from assistant.refusal_evidence import date_missing

    assert date_missing("港口协定谈判预计什么时候完成？", ["加快推进港口协定谈判。"]) == 1.0
    assert date_missing("港口协定谈判预计什么时候完成？", ["港口协定谈判力争明年完成。"]) == 0.0
    assert date_missing("港口示范区要在哪一年前建成？", ["到2030年建成港口示范区。"]) == 0.0
    assert date_missing("By when should the harbour treaty be concluded?", ["加快推进港口协定谈判。"]) == 1.0
    assert (
        date_missing("When will the harbour treaty be concluded?", ["The treaty is to be concluded in March."]) == 0.0
    )
    assert date_missing("Which harbours does it name when discussing pilots?", ["加快推进港口协定谈判。"]) == 0.0
    assert date_missing("When discussing pilots, which harbours does it name?", ["加快推进港口协定谈判。"]) == 0.0
    assert date_missing("港口协定谈判有哪些内容？", ["加快推进港口协定谈判。"]) == 0.0
    # a question asking two things is answered in part
    assert date_missing("协定由哪些机关签署？签署日期是哪天？", ["港务局、海事局签署港口协定。"]) == 0.0
    # 任何时期 is "any period": no 何时 ("when") is asked
    assert date_missing("为什么说港口比任何时期都更加渴求人才？", ["港口发展比历史上任何时期都更需要人才。"]) == 0.0
    assert date_missing("港口论坛何时召开？", ["港口论坛成功举办。"]) == 1.0


def test_a_person_asked_for_must_be_named_by_the_evidence():
    """ "哪位副市长" / "which vice mayor… which minister" is answered by a person's name, whether jieba's dictionary
    holds it or its tagger guesses it; a body ("我代表市政府") or a role without a name does not answer."""
    from assistant.refusal_evidence import person_missing

    assert person_missing("2031年港口工作报告是由哪位市长作的？", ["现在，我代表市政府，向大会作港口工作报告。"]) == 1.0
    assert person_missing("Which minister is in charge of the harbour pilots?", ["要开展港口改革试点示范。"]) == 1.0
    assert person_missing("哪位副市长出席会议并讲话？", ["副市长刘国中出席会议并讲话。"]) == 0.0
    assert person_missing("2031年港口工作报告是由哪位市长作的？", ["市长李强作港口工作报告。"]) == 0.0
    assert person_missing("出席会议的港务局局长是谁？", ["港务局局长、海事局局长出席会议。"]) == 1.0
    assert person_missing("领导小组的组长由谁担任？", ["成立港口改革领导小组。"]) == 1.0
    assert person_missing("作交流发言的负责同志叫什么名字？", ["港务局负责同志作交流发言。"]) == 1.0
    assert person_missing("出席会议的港务局局长是谁？", ["港务局局长王建国出席会议。"]) == 0.0
    # not a question for a person, or evidence the tagger cannot read: nothing to judge by
    assert person_missing("谁负责港口改革试点？", ["市政府负责港口改革试点。"]) == 0.0
    assert person_missing("Which minister spoke?", ["The minister of ports spoke."]) == 0.0
    # the person may be named in a quoted sentence of another section than the best one
    from assistant.refusal_evidence import features

    question = "除市长外，哪几位副市长出席了会议？"
    best = ["市政府有关领导同志出席会议。"]
    assert features(question, "zh", best, {}, False, _DF, None)["person_missing"] == 1.0
    quoted = [*best, "副市长刘国中、王某某出席会议。"]
    assert features(question, "zh", best, {}, False, _DF, None, quoted)["person_missing"] == 0.0


def test_an_english_question_is_scored_in_the_script_of_the_passage():
    """An English word beside a Chinese passage counts only when the passage holds it: otherwise a document
    with an English side (a translation, a summary) would score its questions higher than one without."""
    from assistant.refusal import share

    weights = {"午餐": 2.0, "补助": 1.0, "lunch": 2.0, "subsidy": 1.0, "kindergarten": 3.0}
    chinese = {"午餐", "补助", "学校"}
    assert share(weights, chinese, "en", chinese=True) == 1.0
    assert share(weights, chinese | {"kindergarten"}, "en", chinese=True) == 1.0
    assert share(weights, {"午餐"}, "en", chinese=True) == 2.0 / 3.0
    assert share(weights, {"lunch", "subsidy"}, "en", chinese=False) == 3.0 / 6.0
    # a Chinese question keeps every feature: a Latin word it asks about (5G, AI) must be found
    assert share(weights, chinese, "zh", chinese=True) == 3.0 / 9.0


def test_an_english_word_no_index_word_translates_only_counts_against_english_evidence():
    from assistant.refusal_evidence import FocusUnit, reachable

    bridged, unmapped = FocusUnit(("午餐", "lunch"), 5.0), FocusUnit(("kindergarten",), 9.0)
    assert reachable([bridged, unmapped], ["完善学校午餐补助制度。"]) == [bridged]
    assert reachable([bridged, unmapped], ["School lunch subsidies rise."]) == [bridged, unmapped]


def test_one_numeral_counting_something_is_a_figure():
    """ "两次降低存款准备金率" answers "how many times": a figure written as one numeral and its measure word."""
    from assistant.refusal import number_gap

    question = "How many times did the bank cut the reserve requirement ratio?"
    assert number_gap(question, ["货币政策精准有力，两次降低存款准备金率。"], []) == 0.0
    assert number_gap(question, ["货币政策精准有力，降低存款准备金率。"], []) == 1.0
    # 一 is also the article: "一个重要…" holds no figure
    assert number_gap(question, ["这是一个重要举措。"], []) == 1.0


def test_an_approximate_figure_is_a_figure():
    """ "九千六百多万名" (over 96 million), "1000多所", "三十余座": 多 / 余 before the measure word."""
    from assistant.refusal import number_gap

    question = "学会现有多少名会员？"
    assert number_gap(question, ["学会现有九千六百多万名会员。"], []) == 0.0
    assert number_gap(question, ["全国建成1000多所学校。"], []) == 0.0
    assert number_gap(question, ["新建三十余座场馆。"], []) == 0.0
    assert number_gap(question, ["学会会员更加团结。"], []) == 1.0


def test_a_year_naming_the_document_is_not_a_missing_figure():
    """ "the Party's 2024 reform decision": its passages need not repeat the year their document is dated."""
    from types import SimpleNamespace

    from assistant.refusal import number_gap

    # the fields of a Chunk that number_gap reads
    chunk = SimpleNamespace(text="推进消费税征收环节后移并稳步下划地方。", section_path=["一"], doc_date="2024-07-18")
    question = "What change to the consumption tax does the Party's 2024 reform decision propose?"
    assert number_gap(question, [chunk.text], [chunk]) == 0.0
    assert number_gap(question.replace("2024", "2027"), [chunk.text], [chunk]) == 1.0


def test_an_english_question_naming_a_measure_asks_for_a_figure():
    """ "what will the new retirement age be" asks for a figure as "多少岁" does: a sentence without one does not
    answer it (an English question has no 多少 to say so)."""
    from assistant.answer_types import asks_quantity
    from assistant.refusal_evidence import FocusUnit, evidence_fit

    question = "What will the new retirement age for men be?"
    assert asks_quantity(question) and asks_quantity("By what percent did it fall?")
    assert not asks_quantity("Why do the harbour pilots wear orange?")
    units = [FocusUnit(("退休年龄", "retirement", "age"), 12.0)]
    vague = evidence_fit(question, units, ["稳妥有序推进渐进式延迟法定退休年龄改革。"])
    stated = evidence_fit(question, units, ["男职工法定退休年龄为六十三岁。"])
    assert vague["figure_rarest_missing"] == 1.0 and vague["slot_coverage"] == 0.0
    assert stated["figure_rarest_missing"] == 0.0 and stated["slot_coverage"] > 0.5


def test_a_figure_must_hold_every_word_asked_about_that_weighs_the_most():
    """ "What percentage of GDP should R&D spending reach?": GDP and R&D both weigh the most; a sentence with a
    percentage of GDP but no R&D does not hold the figure asked for."""
    from assistant.refusal_evidence import FocusUnit, evidence_fit

    units = [FocusUnit(("国内生产总值",), 13.0), FocusUnit(("研发",), 13.0), FocusUnit(("达到",), 8.0)]
    question = "What percentage of GDP should R&D spending reach?"
    other = evidence_fit(question, units, ["国内生产总值增长，我国经济总量占世界经济的比重达百分之十八点五。"])
    right = evidence_fit(question, units, ["研发经费投入占国内生产总值比重达到百分之二点五。"])
    assert other["figure_rarest_missing"] == 1.0 and right["figure_rarest_missing"] == 0.0


def test_a_latin_term_in_a_chinese_question_is_asked_about_as_its_index_word():
    """ "我国GDP从多少增长到了多少": GDP is what is asked about, as the index word the bridge maps it to."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary, Term
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units, holds
    from knowledge.zh_en import IndexLexicon

    df = {"国内生产总值": 20, "增长": 60, "十年": 10}
    bridge = Bridge(Glossary([Term(("国内生产总值",), ("GDP",))]), IndexLexicon({}, df, 100))
    units = focus_units("过去十年我国GDP从多少增长到了多少？", "zh", df, bridge, _INTERROGATIVE)
    gdp = [u for u in units if "国内生产总值" in u.forms]
    assert gdp and gdp[0].weight == max(u.weight for u in units)
    assert holds(gdp[0], "国内生产总值从五十四万亿元增长到一百一十四万亿元。")
    assert focus_units("过去十年我国GDP从多少增长到了多少？", "zh", df, None, _INTERROGATIVE) == [
        u for u in units if u not in gdp
    ]


def test_a_rare_noun_the_index_knows_by_a_synonym_is_not_unknown():
    """比喻 (rare in general Chinese, never used by the text) is asked about as 比作, which shares its sense "liken
    to" and a character; a sense shared without a character (毛病 "fault" / 不是) is too loose."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.refusal import known_by_synonym
    from knowledge.zh_en import IndexLexicon

    bridge = Bridge(
        Glossary([]),
        IndexLexicon({"比作": ("liken to", "compare to"), "不是": ("fault",)}, {"比作": 3, "不是": 90}, 100),
    )
    assert known_by_synonym("比喻", bridge)
    assert not known_by_synonym("毛病", bridge)
    assert not known_by_synonym("基站", bridge)


def test_what_the_evidence_could_not_hold_is_judged_neutral_not_covered():
    """ "Who won the Champions League final?" beside a Chinese passage: only "final" (最后) could be found in it, and
    was; the three words no index word translates are not evidence of an answer."""
    from assistant.refusal_evidence import NEUTRAL, FocusUnit, evidence_fit, judged_share, reachable

    asked = [FocusUnit(("最后", "final"), 9.0), *(FocusUnit((w,), 13.0) for w in ("won", "champion", "league"))]
    sentences = ["最后，要进一步完善担保体系建设。"]
    units = reachable(asked, sentences)
    fit = evidence_fit("Who won the Champions League final?", units, sentences)
    assert fit["focus_coverage"] == 1.0  # judged on "final" alone
    judged = judged_share(fit, units, asked)
    assert 0.5 < judged["focus_coverage"] < 0.65 and 0.35 < judged["focus_missing"] < 0.5
    assert judged_share(fit, units, units) == fit  # everything asked could be found: unchanged
    assert {k: judged_share(fit, [], asked)[k] for k in NEUTRAL} == NEUTRAL  # nothing could: neutral


def test_each_weight_keeps_the_sign_of_what_its_feature_means():
    """A feature of evidence found never lowers P(answerable), one of something missing never raises it, even when
    the labelled rows pull the other way (here coverage is higher on the unanswerable rows)."""
    import numpy as np

    names = ["coverage", "unknown", "en"]
    xs = np.array([[0.9, 0.0, 1.0], [0.8, 1.0, 1.0], [0.2, 0.0, 1.0], [0.3, 0.0, 1.0]] * 5)
    ys = np.array([False, False, True, True] * 5)
    m = refusal_calibration._fit(xs, ys, names=names)
    assert m["w"][0] >= 0.0 and m["w"][1] <= 0.0 and m["w"][2] == 0.0
    unsigned = refusal_calibration._fit(xs, ys, names=["en", "en", "en"])
    assert np.all(unsigned["w"] == 0.0)  # a feature of no stated sign (constant per model) is not weighed


def test_a_capitalised_name_no_bridge_phrase_maps_is_unknown(assistant):
    """ "Champions League": both words occur in an English text of the corpus, the name does not."""
    diagnosis = assistant.diagnose("Who won the Champions League final?")
    assert diagnosis["features"]["unknown"] == 1.0


def test_a_quoted_capitalised_name_is_the_texts_own_term_not_an_unknown_name(assistant):
    """The asker renders a term of the text in English and quotes it ("the 'Harbour Renewal Project'"): no name the
    texts lack; the same words unquoted are one."""
    from assistant.refusal_evidence import unmapped_name
    from assistant.retrieval import bridge_for

    bridge = bridge_for(assistant.index, assistant.glossary)
    assert unmapped_name("What does the report say about the Harbour Renewal Project?", "en", bridge) == 1.0
    assert unmapped_name('What does the report say about the "Harbour Renewal Project"?', "en", bridge) == 0.0
    assert unmapped_name("What does the report say about the ‘Harbour Renewal Project’?", "en", bridge) == 0.0


def test_a_compound_of_known_words_is_phrasing_not_an_unknown_topic():
    from assistant.refusal import built_of_known

    vocabulary = {"衡量", "标准", "驱动", "动力", "出生", "欧洲"}
    assert built_of_known("衡量标准", ["衡量", "标准", "衡量标准"], vocabulary)
    assert built_of_known("驱动力", ["驱动", "动力", "驱动力"], vocabulary)  # overlapping pieces
    # a part the index lacks keeps the word rare: a one-character part is no evidence of a known topic
    assert not built_of_known("出生率", ["出生", "出生率"], vocabulary)
    assert not built_of_known("欧洲杯", ["欧洲", "欧洲杯"], vocabulary)
    assert not built_of_known("基站", ["基站"], vocabulary)


def test_a_curated_spelling_of_a_term_the_corpus_writes_otherwise_is_not_unknown():
    """党代会 is the glossary's other spelling of 全国代表大会: a corpus that writes only the latter speaks of it."""
    from assistant.glossary import Glossary, Term
    from assistant.refusal import unknown_words
    from knowledge.keyword_index import tokenize

    question = "科学发展观是在哪次党代会之后形成的？"
    vocabulary = {"科学发展观", "全国代表大会", "形成"}
    bare = Glossary([])
    assert ("党代会", "name") in unknown_words(question, vocabulary, tokenize, bare)
    curated = Glossary([Term(("全国代表大会", "党代会"), ("National Congress", "Party Congress"))])
    assert not any(w == "党代会" for w, _ in unknown_words(question, vocabulary, tokenize, curated))


class _Bridge:
    """A bridge that maps two English phrases: one to a word the index writes, one to a word it never does."""

    def __init__(self):
        self.lexicon = type("Lexicon", (), {"df": {"国务院": 16}})()

    def spans(self, text):
        out = []
        for phrase, zh in (("State Council", ("国务院",)), ("Galaxy Cup", ("银河杯",))):
            at = text.find(phrase)
            if at >= 0:
                out.append((at, at + len(phrase), zh))
        return out


def test_a_name_the_glossary_knows_but_the_index_never_writes_is_unmapped():
    from assistant.refusal_evidence import unmapped_name

    bridge = _Bridge()
    # a name run after a year counts as one ("the 2031 Galaxy Cup"), and a translation the index lacks maps nothing
    assert unmapped_name("Who won the 2031 Galaxy Cup?", "en", bridge) == 1.0
    assert unmapped_name("What does the report ask of the State Council?", "en", bridge) == 0.0
    assert unmapped_name("What does the report ask of the 2031 State Council?", "en", bridge) == 0.0


def test_an_english_name_the_bridge_maps_to_a_word_of_the_corpus_is_known_and_judged_by_the_evidence():
    """ "Wuhan" where a text speaks of 武汉 is no name the corpus lacks (it was: only the glossary translated names,
    so an English question about a place of an added text was refused as off-topic); whether the evidence
    holds it is the entity gap's to judge, as for 武汉 asked in Chinese."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.refusal import bridged_names, entity_gap, unknown_words
    from knowledge.keyword_index import tokenize
    from knowledge.zh_en import IndexLexicon

    vocabulary = {"武汉", "医护人员", "日本"}
    bridge = Bridge(Glossary([]), IndexLexicon({"武汉": ("Wuhan",), "日本": ("Japan",)}, {"武汉": 2, "日本": 1}, 50))
    question = "How many nurses went to Wuhan from other provinces?"
    assert ("Wuhan", "name") in unknown_words(question, vocabulary, tokenize, Glossary([]))
    assert not unknown_words(question, vocabulary, tokenize, Glossary([]), bridge)
    assert bridged_names("Did Japan or Wuhan send help? Wuhan did.", bridge, vocabulary) == ["日本", "武汉"]
    assert bridged_names("Wuhan sent help.", bridge, vocabulary) == []  # capitalised only to open the sentence
    asked = "，".join(["What did Japan send?", *bridged_names("What did Japan send?", bridge, vocabulary)])
    assert entity_gap(asked, {"武汉", "医护人员"}, vocabulary) == 1.0
    assert entity_gap(asked, {"日本", "医护人员"}, vocabulary) == 0.0


def test_a_piece_the_segmenter_cut_across_words_is_no_unknown_name():
    """Search-mode segmentation with an index's own terms can cut 在世 (a dictionary name, "alive") out of
    在世界上; the question says 世界, so nothing in it is a name the corpus lacks. A real name still is."""
    from assistant.glossary import Glossary
    from assistant.refusal import unknown_words

    def segmenter(text):  # what the index's segmenter gave for such a question
        return ["研发", "经费", "在世", "世界", "第几"] if "世界" in text else ["韩国", "研发", "经费"]

    vocabulary = {"研发", "经费", "世界", "第几"}
    assert not unknown_words("研发经费在世界上排第几？", vocabulary, segmenter, Glossary([]))
    assert ("韩国", "name") in unknown_words("韩国研发经费多少？", vocabulary, segmenter, Glossary([]))


def test_a_common_word_jieba_tags_as_a_place_is_no_name_to_find():
    from assistant.refusal import entity_gap, may_be_name

    vocabulary = {"东西", "武汉", "政策", "海洋"}
    # 东西 ("thing"; jieba: a place) is what the question asks for, not a place the evidence must name
    assert entity_gap("海洋政策包括哪些东西？", {"海洋", "政策"}, vocabulary) == 0.0
    assert entity_gap("武汉的海洋政策是什么？", {"海洋", "政策"}, vocabulary) == 1.0
    assert not may_be_name("东西") and may_be_name("武汉") and may_be_name("张建华")


def test_a_body_or_speaker_the_passages_byline_holds_is_no_missing_name(assistant):
    """ "Premier Li Qiang's report" brings 国务院 (of 国务院总理) into the question: the byline of the passage's document
    holds it, so the passage does not lack a name the question asks about (`refusal._evidence`)."""
    from assistant.refusal import _evidence

    chunk = next(c for c in assistant.index.chunks("gwr-2024") if c.role == "body")
    sections = {
        (chunk.doc_id, chunk.section_id): frozenset({"高校毕业生"}),
        (chunk.doc_id, "front"): frozenset({"国务院"}),
    }
    assert {"高校毕业生", "国务院"} <= _evidence([chunk], sections)
    assert assistant.diagnose("Who won the 2022 World Cup?")["features"]["unknown"] == 1.0


def test_a_name_the_tagger_guesses_and_the_corpus_never_uses_is_unknown():
    """A person's name jieba's dictionary lacks is read as one from its characters and neighbours (the tagger's
    guess): a speaker the texts never mention is asked about, not a topic they hold."""
    from assistant.glossary import Glossary
    from assistant.refusal import unknown_words
    from knowledge.keyword_index import tokenize

    vocabulary = {"会议", "发言", "副总理", "讲话", "同志"}
    for question, name in (("周泓岩在会议上作了什么发言？", "周泓岩"), ("副总理赵铭轩在会上讲了什么？", "赵铭轩")):
        assert (name, "name") in unknown_words(question, vocabulary, tokenize, Glossary([])), question
    # ... but a name the corpus uses is known, however the tagger reads it
    assert unknown_words("周泓岩在会议上作了什么发言？", vocabulary | {"周泓岩"}, tokenize, Glossary([])) == []


def test_a_part_of_the_text_is_where_the_answer_is_not_a_topic():
    """ "报告结尾号召…" names where in the report the answer is, as 文中 does: 结尾 (rare in general Chinese) is no
    unknown topic and no unit the quoted sentence must hold."""
    from assistant.glossary import Glossary
    from assistant.refusal import _INTERROGATIVE, unknown_words
    from assistant.refusal_evidence import focus_units
    from knowledge.keyword_index import tokenize

    question = "港口规划结尾号召全市人民在谁的领导下奋斗？"
    vocabulary = {"港口", "规划", "号召", "全市", "人民", "领导", "奋斗"}
    assert unknown_words(question, vocabulary, tokenize, Glossary([])) == []
    units = focus_units(question, "zh", {w: 3 for w in vocabulary}, None, _INTERROGATIVE)
    assert units and not any("结尾" in form for u in units for form in u.forms)
    # ... while a rare noun of the topic still is unknown
    assert ("基站", "rare") in unknown_words("港口规划结尾提到基站了吗？", vocabulary, tokenize, Glossary([]))


def test_a_glossary_terms_chinese_is_known_as_the_plain_dictionary_cuts_it():
    """A term another index taught the segmenter (经济增长, `add_terms`) is no word the texts lack where they write its
    parts: "GDP growth target" (经济增长预期目标) is known to a text with 经济…增长…预期目标 however the cut goes."""
    from assistant.glossary import Glossary

    text = "过去一年，全市经济稳中有进。今年主要预期目标是：地区生产总值增长6%左右。"
    vocabulary = set(tokenize(text))

    def taught(t: str) -> list[str]:  # the segmenter as another index left it
        return [*tokenize(t), *(["经济增长"] if "经济增长" in t else [])]

    found = unknown_words("What is the GDP growth target?", vocabulary, taught, Glossary.load())
    assert found == [], found


def test_a_figure_gap_needs_all_three_signals():
    """`figure_gap` refuses a figure question only when no figure of the kind asked is offered, the rarest word is in
    no selected sentence and in none with a figure; one signal missing, or neutral (0.5: no word the index knows),
    leaves the decision to the fitted model."""
    from dataclasses import replace

    from assistant.refusal import Features, figure_gap

    gap = Features(0.5, 0.5, 0.5, 0.0, 0.0, number_gap=1.0, en=1.0, rarest_missing=1.0, figure_rarest_missing=1.0)
    assert figure_gap(gap)
    for name in ("number_gap", "rarest_missing", "figure_rarest_missing"):
        for value in (0.0, 0.5):
            assert not figure_gap(replace(gap, **{name: value})), (name, value)


def test_a_name_the_evidence_writes_as_the_question_does_is_present():
    """jieba reads 总体国家安全观 as 国家 + 安全观 (tagged a person) in a question and, with the index's dictionary, as
    国家安全 + 观 in a text's words: a question quoting the text's own words was refused as naming someone absent.
    Written in the evidence's text as the question writes it, a name is there; one the text does not write is not."""
    from assistant.refusal import entity_gap

    vocabulary = {"安全观", "国家安全", "宗旨"}
    text = "会议强调，必须坚持总体国家安全观，以人民安全为宗旨。"
    words = {"会议", "强调", "必须", "坚持", "总体", "国家安全", "观", "以", "人民", "安全", "为", "宗旨"}
    question = "坚持总体国家安全观要以什么为宗旨？"
    assert entity_gap(question, words, vocabulary) == 1.0
    assert entity_gap(question, words, vocabulary, texts=lambda: [text]) == 0.0
    assert entity_gap(question, words, vocabulary, texts=lambda: ["会议强调，以人民安全为宗旨。"]) == 1.0


class _PlanBridge:
    """A bridge that maps "Five-Year Plan" to a word the index writes."""

    def __init__(self):
        self.lexicon = type("Lexicon", (), {"df": {"五年计划": 3}})()

    def spans(self, text):
        at = text.find("Five-Year Plan")
        return [(at, at + len("Five-Year Plan"), ("五年计划",))] if at >= 0 else []


def test_a_hyphenated_word_is_one_word_of_a_name_run():
    """ "during the Ninth Five-Year Plan period": the run of capitalised words is "Ninth Five-Year Plan", which the
    bridge's "Five-Year Plan" maps. Before, the run stopped at the hyphen ("Ninth Five"), no phrase mapped two of its
    words, and an answerable English question about a plan the text names was read as naming one it never uses."""
    from assistant.refusal_evidence import unmapped_name

    bridge = _PlanBridge()
    assert unmapped_name("How much grew during the Ninth Five-Year Plan period?", "en", bridge) == 0.0
    assert unmapped_name("How much grew during the Ninth Galaxy-Cup Plan period?", "en", bridge) == 1.0


def test_a_figure_sentence_need_not_name_who_said_it_nor_write_the_aspect_particle():
    """ "王建国在会上说港口收入比哪一年翻了一番？": 王建国 is who said it, and the sentence giving the figure ("港口收入较2025年翻一番")
    need not name him; nor does it write 了. Before, the name and 翻了一番 were the question's rarest units, the figure
    sentence held neither, and the answer was refused (`figure_rarest_missing`). A figure about something else still
    misses what is asked."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import evidence_fit, focus_units

    df = {"王建国": 1, "港口": 3, "收入": 40, "翻了一番": 1, "翻一番": 1, "会上": 50, "粮食": 5, "产量": 9}
    question = "王建国在会上说港口收入比哪一年翻了一番？"
    units = focus_units(question, "zh", df, None, _INTERROGATIVE)
    assert evidence_fit(question, units, ["港口收入较2025年翻一番多。"])["figure_rarest_missing"] == 0.0
    assert evidence_fit(question, units, ["粮食产量较2025年增长一成。"])["figure_rarest_missing"] == 1.0


def test_a_name_a_text_writes_with_a_space_or_an_enumeration_comma_inside_is_present():
    """中共中央 国务院 / 中共中央、国务院 is how a document's issuers are written; a question runs them together
    (中共中央国务院): before, the run was a name no text writes and refused the question (external texts, 2026-12-06)."""
    from assistant.refusal import entity_gap

    vocabulary = {"中共中央国务院", "意见", "目标"}
    words = {"中共中央", "国务院", "关于", "意见", "目标"}
    question = "中共中央国务院的意见提出了什么目标？"
    assert entity_gap(question, words, vocabulary) == 1.0
    assert entity_gap(question, words, vocabulary, texts=lambda: ["中共中央 国务院关于海洋的意见"]) == 0.0
    assert entity_gap(question, words, vocabulary, texts=lambda: ["中共中央、国务院印发意见"]) == 0.0
    # one of the two alone is no run of both
    assert entity_gap(question, words, vocabulary, texts=lambda: ["国务院印发意见，中共中央 提出目标"]) == 1.0


def test_what_a_who_question_asks_the_person_did():
    """The verb after 谁 (谁来讲解, 由谁主持), or the English words after "who" the glossary maps ("gave the lecture" →
    讲解, "chaired" → 主持); nothing for 谁负责 (a body may answer) nor for a who-question about authorship."""
    from assistant.answer_types import AUTHORSHIP, asked_types, person_actions
    from assistant.glossary import Glossary

    glossary = Glossary.load()
    assert person_actions("这次集体学习是请谁来讲解的？", glossary) == {"讲解"}
    assert person_actions("会议由谁主持？", glossary) == {"主持"}
    assert person_actions("Who gave the lecture at the study session?", glossary) == {"讲解"}
    assert person_actions("Who chaired the Central Harbour Work Conference in 2031?", glossary) == {"主持"}
    assert person_actions("谁负责港口改革试点？", glossary) == frozenset()
    assert person_actions("港口改革的重点是什么？", glossary) == frozenset()
    # who gave a report is its author (the byline answers); who gave a lecture is not
    assert AUTHORSHIP in asked_types("Who gave the report to the 21st Party Congress?")
    assert AUTHORSHIP not in asked_types("Who gave the lecture at the study session?")


def test_a_name_the_named_document_writes_is_no_entity_it_lacks():
    """jieba tags some ordinary words as person names (永葆 "keep forever"). Asked about a document that writes the
    word in a part retrieval did not rank in its top three, the word was an entity absent from the evidence, and
    the question was refused as a near miss about someone the text does not name."""
    from assistant.glossary import Glossary
    from assistant.refusal import features
    from knowledge.keyword_index import pos_tags
    from knowledge.models import Chunk

    assert ("永葆", "nr") in pos_tags("怎样永葆活力")

    def chunk(doc: str, section: str, text: str) -> Chunk:
        return Chunk(
            f"{doc}:{section}",
            doc,
            "某次学习",
            "2031-04-01",
            "zh",
            section,
            section,
            "",
            [section],
            text,
            text,
            len(text),
            0,
            len(text),
            0,
            0,
        )

    top = [chunk("s", f"p{i}", f"会议指出，要加强第{i}项学习，推动工作落实。") for i in range(1, 4)]
    later = chunk("s", "p6", "马克思主义之所以永葆生机活力，在于始终与时代同步。")
    other = chunk("o", "p1", "要加强学习，推动工作落实。")
    by_section = {(c.doc_id, c.section_id): [c] for c in [*top, later, other]}
    words = {key: frozenset(tokenize(cs[0].text)) for key, cs in by_section.items()}
    vocabulary = set().union(*words.values())
    question = "马克思主义怎样永葆生机活力？"
    args = dict(
        question=question,
        contexts=top,
        dense=0.5,
        idf={},
        glossary=Glossary.load(),
        vocabulary=vocabulary,
        tokenize=tokenize,
        language="zh",
        sections=words,
        chunks=by_section,
    )
    assert features(**args, named=["s"]).unknown == 0.0
    # asked of the other document, which never writes it, the word is still a name its evidence lacks
    assert features(**{**args, "contexts": [other]}, named=["o"]).unknown == 1.0


def test_topic_gate_refuses_what_the_near_miss_model_would_answer():
    from assistant.refusal import Features, LanguageModel

    def about(dense: float) -> Features:
        return Features(coverage=0.5, support=0.5, dense=dense, unknown=0.0, rare=0.0, number_gap=0.0, en=0.0)

    answering = LanguageModel({"coverage": 1.0}, 2.0, {"coverage": 0.0}, {"coverage": 1.0}, 0.5)
    gate = LanguageModel({"dense": 10.0}, 0.0, {"dense": 0.3}, {"dense": 1.0}, 0.5)
    without, with_gate = RefusalPolicy({"zh": answering}), RefusalPolicy({"zh": answering}, {"zh": gate})
    on_topic, off_topic = about(0.45), about(0.12)
    assert without.answerable(off_topic) and without.answerable(on_topic)
    # the gate refuses the question far from every passage, and the decision's margin is the smaller one
    assert with_gate.answerable(on_topic) and not with_gate.answerable(off_topic)
    assert with_gate.margin(off_topic) < 0 < without.margin(off_topic)
    assert with_gate.margin(on_topic) == pytest.approx(min(without.margin(on_topic), 10.0 * 0.15))
    # a question naming a document of the index is about the texts: the gate does not judge it (its name is taken
    # out of the search, and little may be left to match: "When did the 4th Plenum take place?")
    from dataclasses import replace

    assert with_gate.answerable(replace(off_topic, names_document=1.0))


def test_topic_gate_threshold_keeps_its_budget_and_weighs_both_classes_alike():
    rows = [_row(f"a{i}", "zh", True, gold=f"d{i % 5}") for i in range(200)]
    rows += [_row(f"o{i}", "zh", False, group=f"o{i}") for i in range(20)]
    rows += [_row(f"n{i}", "zh", False, gold="d0", near_miss=True) for i in range(10)]
    # answerable rows spread over P = 0.05 … 0.995; the out-of-scope ones low
    probs = [0.05 + 0.005 * i for i in range(200)] + [0.02 + 0.01 * i for i in range(20)] + [0.5] * 10
    budget = refusal_calibration.TOPIC_BUDGET
    point = refusal_calibration.topic_threshold(rows, probs, "zh")
    answerable = probs[:200]
    assert point["false_refusal"] == sum(p <= point["threshold"] for p in answerable) / 200 <= budget
    assert sum(p <= round(point["threshold"] + 0.01, 2) for p in answerable) / 200 > budget  # the highest such
    assert point["out_of_scope_refused"] == sum(p <= point["threshold"] for p in probs[200:220]) / 20
    weights = refusal_calibration._balanced([r for r in rows if not r["near_miss"]])
    assert weights[:200].sum() == pytest.approx(weights[200:].sum()) and weights.mean() == pytest.approx(1.0)
    assert refusal_calibration.out_of_scope(rows[200]) and not refusal_calibration.out_of_scope(rows[220])


def test_a_counted_noun_is_no_rare_word_of_a_small_index():
    """ "这次会议讨论了哪份文件？" on an index of one readout that never writes 文件: jieba cuts 份文件, a rare token, and
    it was a rare noun the corpus lacks, so the topic gate refused the question. A measure word after a numeral or an
    interrogative, before an ordinary noun, is the question's phrasing (`built_of_known` given the question); a word
    that only starts with such a character is not (所得税)."""
    from assistant.glossary import Glossary
    from assistant.refusal import built_of_known

    vocabulary = set(tokenize("港口工作会议在海州召开。会议讨论了改革意见。"))
    assert "文件" not in vocabulary and "任务" not in vocabulary
    assert built_of_known("份文件", ["份文件"], vocabulary, "这次会议讨论了哪份文件？")
    assert built_of_known("项任务", ["项任务"], vocabulary, "提出了几项任务？")
    assert not built_of_known("所得税", ["所得税"], vocabulary, "会议讨论了所得税吗？")
    assert not built_of_known("份文件", ["份文件"], vocabulary, "份文件是什么？")
    words = [w for w, _ in unknown_words("这次会议讨论了哪份文件？", vocabulary, tokenize, Glossary.load())]
    assert "份文件" not in words
