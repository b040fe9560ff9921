"""The offline extractive answerer end to end: real index, real embedder, the shipped glossary."""

from __future__ import annotations

from assistant.answer import Answer
from assistant.testing import assert_contract, assert_language


def _cited_sections(answer):
    return {f"{c.doc_id}:{c.section_id}" for c in answer.citations}


def test_chinese_question_cites_the_section(assistant):
    answer = assistant.ask("论文认为我国算力发展存在哪些短板？")
    assert not answer.refused and answer.generator == "extractive" and answer.language == "zh"
    assert "shi-xu-2024:3.8" in _cited_sections(answer)
    assert "卡脖子" in answer.answer
    assert "三（八）加速构筑算力竞争优势" in answer.answer  # the section named as a reader would cite it
    assert_contract(answer.to_dict())
    assert_language(answer.answer, "zh")


def test_english_question_over_chinese_sources(assistant):
    answer = assistant.ask("What is the East Data West Computing project?")
    assert not answer.refused and answer.language == "en"
    assert "shi-xu-2024:3.8" in _cited_sections(answer)
    assert "III.8 Building competitive advantages in computing power" in answer.answer
    assert "East Data West Computing = 东数西算" in answer.answer  # glossed
    assert_contract(answer.to_dict())
    assert_language(answer.answer, "en")


def test_english_answer_uses_the_papers_own_summary(assistant):
    answer = assistant.ask("What is new quality productivity according to the paper?")
    assert "shi-xu-2024:summary_en" in _cited_sections(answer)
    assert "New quality productivity is a new form of productivity" in answer.answer
    assert_contract(answer.to_dict())


def test_follow_up_question(assistant):
    history = [
        {"role": "user", "content": "世界主要国家是怎么推动新质生产力发展的？"},
        {"role": "assistant", "content": "论文第一部分（五）介绍了美国、德国、日本的做法。"},
    ]
    answer = assistant.ask("其中德国的战略是什么？", history=history)
    assert "shi-xu-2024:1.5" in _cited_sections(answer)
    assert any("德国" in c.quote for c in answer.citations)
    assert answer.rewritten_query != "其中德国的战略是什么？"


def test_ai_plus_question_cites_the_report(assistant):
    answer = assistant.ask("2024年政府工作报告提出的“人工智能+”行动是什么？")
    assert "gwr-2024:3.1" in _cited_sections(answer)
    assert any("人工智能+" in c.quote for c in answer.citations)


def test_out_of_scope_question_is_refused(assistant):
    answer = assistant.ask("Who won the 2022 World Cup?")
    assert answer.refused and answer.language == "en" and not answer.citations
    assert answer.answer.startswith("The documents do not answer this question")
    assert answer.nearest_sections
    assert_contract(answer.to_dict())
    zh = assistant.ask("2024年欧洲杯的冠军是哪支球队？")
    assert zh.refused and zh.answer.startswith("文献中没有回答这一问题")
    assert_language(zh.answer, "zh")


def test_answers_are_deterministic_and_timed(assistant):
    a = assistant.ask("新质生产力的劳动资料指的是什么？")
    b = assistant.ask("新质生产力的劳动资料指的是什么？")
    assert a.answer == b.answer and [c.quote for c in a.citations] == [c.quote for c in b.citations]
    assert {"rewrite", "retrieve", "generate", "check", "total"} <= set(a.timings_ms)
    assert a.timings_ms["total"] >= a.timings_ms["retrieve"]


def test_every_non_framing_line_is_a_cited_quote(assistant):
    answer = assistant.ask("数据要素市场目前存在什么问题？")
    for line in answer.answer.splitlines():
        line = line.strip()
        if not line or line.endswith(("：", ":")):
            continue
        assert line.startswith("「") and "」[" in line, line


def test_stream_yields_text_then_one_answer(assistant):
    items = list(assistant.stream("论文认为我国算力发展存在哪些短板？"))
    assert isinstance(items[-1], Answer)
    assert all(isinstance(i, str) for i in items[:-1]) and len(items) > 2
    assert "".join(items[:-1]) == items[-1].answer


def test_document_filter_on_ask(assistant):
    answer = assistant.ask("新质生产力", doc_ids=["gwr-2024"])
    assert {c.doc_id for c in answer.contexts} == {"gwr-2024"}
    assert {c.doc_id for c in answer.citations} <= {"gwr-2024"}


def test_generators_lists_the_registry(assistant):
    assert {"extractive", "openai", "llama-cpp"} <= set(assistant.generators())


def test_list_question_about_a_part_quotes_its_section_headings(assistant):
    answer = assistant.ask("论文提出加快形成新质生产力的实现路径有哪些？")
    cited = [f"{c.doc_id}:{c.section_id}" for c in answer.citations]
    assert cited == [f"shi-xu-2024:3.{i}" for i in range(1, 10)]
    assert "「（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础」" in answer.answer
    assert_contract(answer.to_dict())
    en = assistant.ask("What are the ten government tasks for 2024?")
    assert [c.section_id for c in en.citations] == [f"3.{i}" for i in range(1, 11)]
    assert "III.1 Vigorously modernizing the industrial system" in en.answer
    assert_language(en.answer, "en")


def test_enumerated_measures_are_quoted_in_full(assistant):
    answer = assistant.ask("论文主张从哪些方面补齐算力短板、构建算力竞争优势？")
    quotes = " ".join(c.quote for c in answer.citations)
    for marker in ("首先", "其次", "再次", "最后"):
        assert marker in quotes, marker
