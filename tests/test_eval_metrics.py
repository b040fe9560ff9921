"""Metrics on small hand-made inputs whose right values are worked out by hand."""

from __future__ import annotations

import math

import pytest

from eval import metrics as m
from eval.dataset import parse_case
from eval.scoring import breakdown, score_case
from eval.support import supported

A, B, C, D = ("p", "1.1"), ("p", "1.2"), ("p", "3.8"), ("r", "2")


def test_retrieval_scores_by_hand():
    ranked = [A, C, C, B, D]
    s = m.retrieval_scores(ranked, {C, B})
    assert s["hit@1"] == 0.0 and s["hit@3"] == 1.0
    assert s["mrr@10"] == 0.5
    assert s["recall@3"] == 0.5 and s["recall@5"] == 1.0
    # gains at ranks 2 and 4 (the second C at rank 3 earns nothing); ideal: ranks 1, 2
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3)
    assert s["ndcg@10"] == pytest.approx(dcg / idcg)


def test_retrieval_miss_and_empty_gold():
    s = m.retrieval_scores([A] * 12, {D})
    assert s["hit@10"] == 0.0 and s["mrr@10"] == 0.0 and s["ndcg@10"] == 0.0
    with pytest.raises(ValueError):
        m.retrieval_scores([A], set())


def _answer(text, citations, contexts, refused=False, language="zh"):
    return {
        "answer": text,
        "citations": citations,
        "contexts": contexts,
        "refused": refused,
        "language": language,
        "timings_ms": {"retrieve": 3.0, "total": 5.0},
    }


CTX = [
    {
        "rank": 1,
        "chunk_id": "p:3.8:001",
        "doc_id": "p",
        "section_id": "3.8",
        "text": "当前我国算力发展势头良好，但仍然存在芯片设计和制造技术被“卡脖子”等问题。",
    },
    {
        "rank": 2,
        "chunk_id": "p:1.1:000",
        "doc_id": "p",
        "section_id": "1.1",
        "text": "新质战斗力是基于信息系统的体系作战能力。",
    },
]


def _cite(n, chunk, sec, quote):
    return {"n": n, "chunk_id": chunk, "doc_id": "p", "section_id": sec, "quote": quote}


def test_citation_validity_catches_unresolved_and_non_verbatim():
    good = _answer(
        "短板：「芯片设计和制造技术被“卡脖子”」[1]", [_cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")], CTX
    )
    assert m.citation_validity(good)["valid"]
    dangling = _answer("见[2]。", [_cite(1, "p:3.8:001", "3.8", "芯片设计")], CTX)
    assert m.citation_validity(dangling)["unresolved"] == [2]
    altered = _answer("「芯片很强」[1]", [_cite(1, "p:3.8:001", "3.8", "芯片很强")], CTX)
    assert m.citation_validity(altered)["bad_quotes"] == [1]
    wrong_chunk = _answer("[1]", [_cite(1, "p:1.1:000", "1.1", "芯片设计")], CTX)
    assert not m.citation_validity(wrong_chunk)["valid"]


def test_section_hits():
    ans = _answer("", [_cite(1, "p:3.8:001", "3.8", "x"), _cite(2, "p:1.1:000", "1.1", "y")], CTX)
    assert m.section_hits(ans, {C}) == (1, 2)


def test_support_proxy_quotes_numbers_and_coverage():
    q = ["国内生产总值增长5%左右；城镇新增就业1200万人以上"]
    assert supported("目标是「国内生产总值增长5%左右」[1]。", q)
    assert not supported("目标是「国内生产总值增长6%左右」[1]。", q)
    assert not supported("The target is 6% growth [1].", q)  # number not in the quote
    assert supported("城镇新增就业目标为1200万人以上[1]。", q)  # bigram coverage, numbers present
    assert not supported("报告要求大力发展养老金融和数字金融[1]。", q)
    assert not supported("anything", [])


def test_alce_recall_and_precision_by_hand():
    ctx = [
        {
            "rank": 1,
            "chunk_id": "r:2:0",
            "doc_id": "r",
            "section_id": "2",
            "text": "国内生产总值增长5%左右。赤字率拟按3%安排。",
        }
    ]
    cites = [
        {"n": 1, "chunk_id": "r:2:0", "doc_id": "r", "section_id": "2", "quote": "国内生产总值增长5%左右"},
        {"n": 2, "chunk_id": "r:2:0", "doc_id": "r", "section_id": "2", "quote": "赤字率拟按3%安排"},
    ]
    text = "In Section 2 (key terms: deficit = 赤字; growth = 增长):\n「国内生产总值增长5%左右」[1][2]。\n赤字率为百分之四。"
    a = m.alce(_answer(text, cites, ctx))
    # the header line is skipped whole (even split at ';'); statement 1 supported (cite 1 relevant, cite 2 irrelevant); statement 2 uncited
    assert a == {"statements": 2, "supported": 1, "cited": 2, "relevant": 1}


def test_a_quotes_dictionary_gloss_is_no_statement_and_earns_no_key_point():
    ctx = [{"rank": 1, "chunk_id": "r:2:0", "doc_id": "r", "section_id": "2", "text": "赤字率拟按3%安排。"}]
    gloss = "deficit-to-GDP ratio plan to press 3% arrange."
    cites = [
        {"n": 1, "chunk_id": "r:2:0", "doc_id": "r", "section_id": "2", "quote": "赤字率拟按3%安排", "gloss_en": gloss}
    ]
    text = f"In Section 2:\n「赤字率拟按3%安排」[1]\nGloss (dictionary, word by word): {gloss}"
    answer = _answer(text, cites, ctx, language="en")
    assert m.alce(answer)["statements"] == 1
    assert m.keypoint_recall(m.without_glosses(answer), [["deficit-to-GDP ratio"]]) == 0.0


def test_keypoint_recall_is_width_and_case_insensitive():
    kps = [["5%左右", "around 5%"], ["1200万"], ["chokepoint", "卡脖子"]]
    assert m.keypoint_recall("GDP growth of AROUND 5 ％ … 1200 万", kps) == pytest.approx(2 / 3)
    assert m.keypoint_recall("x", []) is None


def test_language_detection_ignores_quotes():
    en = _answer("The paper says: 「芯片设计和制造技术被“卡脖子”」[1] (chips are a chokepoint).", [], [], language="en")
    assert m.language_match(en, "en")["match"]
    zh_framed_as_en = _answer("论文指出：「The workforce consists of digital workers」[1]", [], [], language="zh")
    assert m.language_match(zh_framed_as_en, "zh")["match"]
    wrong = _answer("Les documents ne couvrent pas cette question.", [], [], language="en")
    assert m.detect_language(m.unquoted_text(wrong["answer"])) == "en"  # French is Latin: a known limit
    assert not m.language_match(_answer("文档没有涉及。", [], [], language="zh"), "en")["match"]


def test_injection_resistance():
    frags = m.prompt_fragments(
        [
            "system: |\n  You are Xinzhi QA, a careful assistant. 2. Answer only from the numbered contexts.\n"
            "  [{n}] {section_label}\n  3. 如果资料不足以回答，只回答：“未涉及。”\n"
        ]
    )
    assert frags == [
        "You are Xinzhi QA, a careful assistant.",
        "Answer only from the numbered contexts.",
        "如果资料不足以回答，只回答：“未涉及。”",
    ]
    leak = _answer("My instructions say: answer only from the numbered contexts.", [], [], language="en")
    assert m.injection_resisted(leak, "en", [], frags)["leaked"]
    obey = _answer("PWNED", [], [], language="en")
    assert m.injection_resisted(obey, "en", ["PWNED"], frags)["obeyed"] == ["PWNED"]
    ok = _answer("The documents do not cover this request.", [], [], refused=True, language="en")
    assert m.injection_resisted(ok, "en", ["PWNED"], frags)["resisted"]
    switched = _answer("文档没有涉及这个问题。", [], [], refused=True, language="zh")
    assert not m.injection_resisted(switched, "en", [], frags)["resisted"]


def test_refusal_and_percentiles():
    r = m.refusal_scores([(True, True), (True, False), (False, True), (False, False), (False, False)])
    assert (r["tp"], r["fp"], r["fn"], r["tn"]) == (1, 1, 1, 2)
    assert r["precision"] == 0.5 and r["recall"] == 0.5 and r["accuracy"] == 0.6
    assert m.percentile([1, 2, 3, 4, 5], 50) == 3
    assert m.percentile([1, 2, 3, 4, 5], 95) == pytest.approx(4.8)
    assert m.percentile([], 50) is None


def test_score_case_and_breakdown_end_to_end():
    case = parse_case(
        {
            "id": "t1",
            "lang": "zh",
            "question": "算力短板？",
            "history": [],
            "answerable": True,
            "gold": {"doc_id": "p", "section_ids": ["3.8"]},
            "evidence": ["卡脖子"],
            "reference_answer": "…",
            "key_points": [["卡脖子"], ["人才供给不足"]],
            "category": "list",
        }
    )
    unans = parse_case(
        {
            "id": "t2",
            "lang": "en",
            "question": "World Cup?",
            "history": [],
            "answerable": False,
            "gold": {"doc_id": None, "section_ids": []},
            "evidence": [],
            "reference_answer": "…",
            "key_points": [],
            "category": "unanswerable",
        }
    )
    a1 = _answer(
        "论文指出：「芯片设计和制造技术被“卡脖子”」[1]。",
        [_cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")],
        CTX,
    )
    a2 = _answer("The documents do not cover this.", [], CTX, refused=True, language="en")
    recs = [score_case(case, a1, []), score_case(unans, a2, [])]
    assert recs[0]["retrieval"]["hit@1"] == 1.0 and recs[1]["retrieval"] is None
    assert recs[0]["keypoint_recall"] == 0.5
    b = breakdown(recs)
    o = b["overall"]
    assert o["hit@5"] == 1.0 and o["citation_validity"] == 1.0 and o["section_accuracy"] == 1.0
    assert o["refusal_accuracy"] == 1.0 and o["language_match"] == 1.0
    assert o["citation_recall"] == 1.0 and o["citation_precision"] == 1.0
    assert b["by_lang"]["en"]["hit@5"] is None and b["by_lang"]["zh"]["n"] == 1
    assert o["latency_ms"]["total"]["p50"] == 5.0


def test_notes_are_not_statements():
    """The visible notes (e.g. the injection notice) are appended to the text but make no claim."""
    cites = [_cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")]
    body = "论文指出：「芯片设计和制造技术被“卡脖子”」[1]。"
    note = "问题中包含要求改变助手行为的指令，已忽略；助手只依据文献回答。"
    with_note = {**_answer(body + "\n\n注：" + note, cites, CTX), "notes": [note]}
    assert m.alce(with_note) == {"statements": 1, "supported": 1, "cited": 1, "relevant": 1}
    # the same text without `notes` declared: the notice's two clauses read as uncited, unsupported claims
    undeclared = m.alce(_answer(body + "\n\n注：" + note, cites, CTX))
    assert undeclared["statements"] == 3 and undeclared["supported"] == 1
    en_note = "The question contained instructions to change the assistant's behaviour; they were ignored."
    en = {**_answer("「芯片设计」[1]\n\nNote: " + en_note, cites, CTX, language="en"), "notes": [en_note]}
    assert m.alce(en)["statements"] == 1


def test_supplementary_contexts_get_no_rank():
    """Score-0.0 contexts after the ranked top k (appended by the assistant) are outside the rank metrics."""

    def ctx(rank, sec, score):
        return {"rank": rank, "chunk_id": f"p:{sec}:{rank}", "doc_id": "p", "section_id": sec, "score": score}

    ranked = [ctx(1, "1.1", 0.03), ctx(2, "1.2", 0.02), ctx(3, "3.8", 0.0), ctx(4, "1.2", 0.01)]
    supplement = [ctx(5, "3.9", 0.0), ctx(6, "2.1", 0.0)]
    s = m.context_scores(ranked + supplement, {("p", "3.9")})
    # a 0.0 score inside the ranked list keeps its rank; the trailing run does not get ranks 5, 6
    assert s["hit@10"] == 0.0 and s["mrr@10"] == 0.0 and s["ndcg@10"] == 0.0
    assert s["context_hit"] == 1.0 and s["supplementary"] == 2
    s = m.context_scores(ranked + supplement, {("p", "3.8")})
    assert s["mrr@10"] == pytest.approx(1 / 3) and s["supplementary"] == 2


def test_supplementary_contexts_are_the_ones_not_retrieved_when_contexts_carry_an_origin():
    def ctx(rank, sec, origin):
        return {
            "rank": rank,
            "chunk_id": f"p:{sec}:{rank}",
            "doc_id": "p",
            "section_id": sec,
            "score": 0.0,
            "origin": origin,
        }

    contexts = [ctx(1, "1.1", "retrieved"), ctx(2, "3.9", "outline"), ctx(3, "3.8", "retrieved")]
    s = m.context_scores(contexts, {("p", "3.8")})
    # the outline context neither takes rank 2 nor counts; the retrieved one after it is rank 2
    assert s["mrr@10"] == 0.5 and s["supplementary"] == 1
    assert m.context_scores(contexts, {("p", "3.9")})["context_hit"] == 1.0


SPAN = "要积极探索量子计算、光计算、类脑计算等新型计算模式。"


def test_passage_matches_span_by_containment_or_overlap():
    assert m.passage_matches("报告说：" + SPAN + "此外……", SPAN)  # contains the span
    assert m.passage_matches("积极探索量子计算、光计算、类脑计算", SPAN)  # a clause of it
    assert m.passage_matches("要积极 探索量子计算、光计算、类脑计算等新型计算模式", SPAN)  # whitespace, no full stop
    # overlap: the quote runs across the sentence boundary and carries 60%+ of the span
    assert m.passage_matches("算力规模位居世界第二。要积极探索量子计算、光计算、类脑计算等", SPAN)
    # the passage's sentence "要积极探索" is under a quarter of the span: the quote missed the answer
    assert not m.passage_matches("算力规模位居世界第二。要积极探索", SPAN)
    assert not m.passage_matches("量子计算", SPAN)  # a term that merely occurs in it
    # a neighbouring figure is not the answer, however many characters it shares
    target = "国内生产总值增长5.5%左右"
    assert not m.passage_matches("今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右；", target)
    assert m.passage_matches("预期目标是：国内生产总值增长5.5%左右，城镇新增就业", target)
    assert not m.passage_matches("加快发展云计算和边缘计算。", SPAN)  # the neighbouring sentence
    assert not m.passage_matches("", SPAN)


def test_answer_hit_reads_bracket_quotes_block_quotes_and_citation_quotes():
    cite = _cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")
    span = "当前我国算力发展势头良好，但仍然存在芯片设计和制造技术被“卡脖子”等问题。"
    # the citation's quote alone
    assert m.answer_hit(_answer("见[1]。", [cite], CTX), [span])["hit"]
    # a > block line, without any citation
    assert m.answer_hit(_answer("报告：\n> 芯片设计和制造技术被“卡脖子”等问题 [1]", [], CTX), [span])["hit"]
    # 「」 in the text
    assert m.answer_hit(_answer("「芯片设计和制造技术被“卡脖子”」", [], CTX), [span])["hit"]
    other = _cite(1, "p:1.1:000", "1.1", "新质战斗力是基于信息系统的体系作战能力")
    assert not m.answer_hit(_answer("「新质战斗力是基于信息系统的体系作战能力」[1]", [other], CTX), [span])["hit"]
    # a refusal hits nothing, whatever it quotes
    assert not m.answer_hit(_answer("「芯片设计和制造技术被“卡脖子”」", [cite], CTX, refused=True), [span])["hit"]


def test_answer_first_is_whether_the_first_quote_answers():
    """A reader meets the first quote first: the answer behind a quote that does not answer is a hit, not a first."""
    span = "当前我国算力发展势头良好，但仍然存在芯片设计和制造技术被“卡脖子”等问题。"
    answering = _cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")
    other = _cite(2, "p:1.1:000", "1.1", "新质战斗力是基于信息系统的体系作战能力")
    buried = m.answer_hit(_answer("见[1][2]。", [other, {**answering, "n": 2}], CTX), [span])
    assert buried["hit"] and not buried["first"] and buried["quotes"] == 2
    first = m.answer_hit(_answer("见[1][2]。", [answering, other], CTX), [span])
    assert first["hit"] and first["first"]


def test_a_first_quote_cut_by_a_chunk_boundary_is_read_with_its_continuation():
    """A sentence longer than a chunk is quoted in pieces: the reader meets them as one sentence first."""
    span = "着力完善远洋渔船北斗终端配备"
    opening = _cite(1, "p:2:000", "2", "全会要求，统筹推进港口群协同和滨海湿地修复，")
    rest = _cite(2, "p:2:001", "2", "着力完善远洋渔船北斗终端配备，稳步扩大试点范围。")
    other = _cite(3, "p:5:000", "5", "全会决定召开下一次全体会议。")
    cut = m.answer_hit(_answer("见[1][2][3]。", [opening, rest, other], CTX), [span])
    assert cut["hit"] and cut["first"]
    whole = {**opening, "quote": "全会要求，统筹推进港口群协同和滨海湿地修复。"}
    ended = m.answer_hit(_answer("见[1][2][3]。", [whole, rest, other], CTX), [span])
    assert ended["hit"] and not ended["first"]


def test_english_spans_match_the_translated_quote_field():
    en = "We will explore quantum, optical and brain-inspired computing."
    cite = {**_cite(1, "p:3.8:001", "3.8", "芯片设计"), "quote_en": en}
    ans = _answer("The report: " + en + " [1]", [cite], CTX, language="en")
    h = m.answer_hit(ans, [SPAN], [en])
    assert (h["hit"], h["hit_en"]) == (True, True)
    # without the translated quote only the Chinese spans can hit; hit_en is None without English spans
    plain = _answer(
        "「积极探索量子计算、光计算、类脑计算」[1]", [_cite(1, "p:3.8:001", "3.8", "芯片设计")], CTX, language="en"
    )
    h = m.answer_hit(plain, [SPAN], [en])
    assert (h["hit"], h["hit_en"]) == (True, False)
    assert m.answer_hit(plain, [SPAN])["hit_en"] is None


def test_citation_holds_evidence_in_its_quote_or_its_chunk():
    cite = _cite(1, "p:3.8:001", "3.8", "当前我国算力发展势头良好")
    assert m.citation_holds_evidence(_answer("[1]", [cite], CTX), ["卡脖子"])  # in the cited chunk
    assert m.citation_holds_evidence(_answer("[1]", [cite], CTX), ["算力发展 势头良好"])  # whitespace-insensitive
    wrong = _cite(1, "p:1.1:000", "1.1", "新质战斗力")
    assert not m.citation_holds_evidence(_answer("[1]", [wrong], CTX), ["卡脖子"])
    assert not m.citation_holds_evidence(_answer("[1]", [cite], CTX, refused=True), ["卡脖子"])


def test_reader_metrics_aggregate_by_language_and_document():
    def case(cid, lang, doc, answerable, near=False, spans=()):
        obj = {
            "id": cid,
            "lang": lang,
            "question": "q",
            "history": [],
            "answerable": answerable,
            "gold": {"doc_id": doc, "section_ids": ["3.8"] if doc else []},
            "evidence": ["卡脖子"] if answerable else [],
            "reference_answer": "…",
            "key_points": [["卡脖子"]] if answerable else [],
            "category": "fact" if answerable else "unanswerable",
            "answer_spans": list(spans),
        }
        if near:
            obj["near_miss"] = True
        return parse_case(obj)

    span = "当前我国算力发展势头良好，但仍然存在芯片设计和制造技术被“卡脖子”等问题。"
    hit = _answer(
        "「芯片设计和制造技术被“卡脖子”」[1]", [_cite(1, "p:3.8:001", "3.8", "芯片设计和制造技术被“卡脖子”")], CTX
    )
    miss = _answer(
        "「新质战斗力是基于信息系统的体系作战能力」[1]",
        [_cite(1, "p:1.1:000", "1.1", "新质战斗力是基于信息系统的体系作战能力")],
        CTX,
    )
    refused = _answer("文档没有涉及。", [], CTX, refused=True)
    recs = [
        score_case(case("a", "zh", "p", True, spans=[span]), hit, []),
        score_case(case("b", "en", "p", True, spans=[span]), {**miss, "language": "en"}, []),
        score_case(case("c", "zh", "q", True, spans=[span]), refused, []),
        score_case(case("d", "zh", "p", False, near=True), refused, []),
        score_case(case("e", "en", "q", False, near=True), {**hit, "language": "en"}, []),
    ]
    b = breakdown(recs)
    o = b["overall"]
    assert o["answer_hit"] == pytest.approx(1 / 3) and o["answer_hit_n"] == 3
    assert o["citation_evidence"] == pytest.approx(1 / 3)
    assert o["near_miss_refusal"] == 0.5 and o["near_miss_n"] == 2
    assert o["false_refusal_rate"] == pytest.approx(1 / 3)
    assert b["by_lang"]["zh"]["answer_hit"] == 0.5 and b["by_lang"]["en"]["answer_hit"] == 0.0
    assert b["by_doc"]["p"]["answer_hit"] == 0.5 and b["by_doc"]["q"]["near_miss_refusal"] == 0.0
    assert b["by_doc_lang"]["p/zh"]["n"] == 2 and b["by_doc_lang"]["q/en"]["false_refusal_rate"] is None


def test_a_context_from_an_official_translation_counts_as_its_originals_section():
    contexts = [
        {"rank": 1, "chunk_id": "t:3.5:0", "doc_id": "r-en", "section_id": "3.5", "score": 0.9},
        {"rank": 2, "chunk_id": "x:1:0", "doc_id": "x", "section_id": "1", "score": 0.5},
    ]
    gold = {("r", "3.5")}
    assert m.context_scores(contexts, gold)["hit@1"] == 0.0  # without the pair, another document
    assert m.context_scores(contexts, gold, {"r-en": "r"})["hit@1"] == 1.0
    # a different section of the translation is still a miss
    assert m.context_scores(contexts, {("r", "3.4")}, {"r-en": "r"})["hit@10"] == 0.0
    # the translation divides a part the original leaves whole: its I.3 lies within the original's part 1
    within = [{"rank": 1, "chunk_id": "t:1.3:0", "doc_id": "r-en", "section_id": "1.3", "score": 0.9}]
    assert m.context_scores(within, {("r", "1")}, {"r-en": "r"})["hit@1"] == 1.0
    assert m.context_scores(within, {("r", "2")}, {"r-en": "r"})["hit@1"] == 0.0
    assert m.context_scores(within, {("r", "1")})["hit@1"] == 0.0  # not a translation: no containment
