"""Citing the section that answers (year, heading, named document, definitions) and refusing
near misses (a name or an edition of a document the evidence does not cover).

Real index, real embedder, the shipped glossary and refusal calibration; the probe questions
are not eval cases.
"""

from __future__ import annotations

import pytest

from assistant import textmatch
from assistant.generators.base import GenerationRequest
from assistant.refusal import edition_gap, entity_gap
from assistant.retrieval import mentioned_editions, mentions_for


def _cited_sections(answer) -> set[str]:
    return {f"{c.doc_id}:{c.section_id}" for c in answer.citations}


@pytest.mark.parametrize(
    "question, section",
    [
        ("2023年城镇新增就业多少人？", "gwr-2024:1"),  # 一、2023年工作回顾
        ("2024年政府工作报告提出今年城镇新增就业目标是多少？", "gwr-2024:2"),  # 今年 = the report's year
        ("What is the 2024 target for urban unemployment in the 2024 government work report?", "gwr-2024:2"),
    ],
)
def test_the_year_asked_about_picks_the_part_of_the_report(assistant, question, section):
    answer = assistant.ask(question)
    assert not answer.refused
    assert _cited_sections(answer) == {section}


@pytest.mark.parametrize("question", ["告诉我新质生产力的定义。", "Explain what new quality productive forces are."])
def test_a_definition_question_quotes_the_defining_sentence(assistant, question):
    answer = assistant.ask(question)
    assert not answer.refused
    assert "新质生产力是以大数据、云计算、人工智能" in answer.answer
    assert _cited_sections(answer) <= {"shi-xu-2024:1.2", "shi-xu-2024:abstract", "shi-xu-2024:summary_en"}


def test_an_attribute_question_is_not_treated_as_a_definition(assistant):
    generator = assistant.extractive

    def asks_to_define(question: str) -> list[str]:
        return generator.pure_definition_terms(
            GenerationRequest(question=question, query="", language="zh", contexts=[])
        )

    assert asks_to_define("论文认为新质生产力的主要载体是什么？") == []
    assert asks_to_define("“新质生产力”这个概念最早是什么时候提出的？") == []
    assert asks_to_define("什么是东数西算？") == ["东数西算"]
    assert asks_to_define("What does data element mean?") == ["数据要素"]


def test_a_follow_up_is_searched_with_the_previous_question_not_the_previous_answer(assistant):
    # the previous answer quoted the wrong passage (about talent): its words must not steer a follow-up that
    # re-asks the question about something else
    history = [
        {"role": "user", "content": "我国算力发展存在哪些短板？"},
        {"role": "assistant", "content": "「要实施更加灵活和包容的人才政策，吸引国外优秀的科技人才。」[1]"},
    ]
    answer = assistant.ask("那芯片方面呢？", history=history)
    assert "算力" in answer.rewritten_query
    assert not {"人才", "政策", "吸引"} & set(
        answer.rewritten_query.replace(" ", "")[i : i + 2] for i in range(len(answer.rewritten_query))
    )
    assert not answer.refused
    assert "shi-xu-2024:3.8" in _cited_sections(answer)


def test_editions_named_with_a_year(built_index):
    mentions = mentions_for(built_index)
    assert ("gwr-2024", "2024") in mentioned_editions("2024年政府工作报告给国防预算安排了多少钱？", mentions)
    assert mentioned_editions("政府工作报告提出了什么？", mentions) == []
    years = {"gwr-2024": "2024-03-05"}
    assert edition_gap("2019年政府工作报告提出了哪些任务？", years, mentions) == 1.0
    assert edition_gap("2024年政府工作报告提出了哪些任务？", years, mentions) == 0.0


def test_a_name_the_evidence_lacks_is_a_gap():
    vocabulary = {"日本", "算力", "发展"}
    assert entity_gap("日本的算力发展如何？", {"算力", "发展"}, vocabulary) == 1.0
    assert entity_gap("日本的算力发展如何？", {"日本", "算力"}, vocabulary) == 0.0
    # what the whole corpus is about (CorpusTables.common_words)
    assert entity_gap("中国的算力发展如何？", {"算力"}, vocabulary | {"中国"}, frozenset({"中国"})) == 0.0
    assert entity_gap("韩国的算力发展如何？", {"算力"}, vocabulary) == 0.0  # unknown to the corpus: oov's job


@pytest.mark.parametrize(
    "question", ["2019年政府工作报告提出了哪些任务？", "What does the 2021 government work report say about AI?"]
)
def test_another_edition_of_the_report_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused and not answer.citations
    assert assistant.diagnose(question)["features"]["unknown"] == 1.0


@pytest.mark.parametrize(
    "question",
    [
        "政府工作报告提出2024年的居民消费价格涨幅目标是多少？",
        "What was China's grain output in 2023?",
        # (not "德国的人工智能战略": the paper names Germany's industrial strategies, none on AI: a near miss)
        "德国2019年发布了什么产业战略？",
    ],
)
def test_answerable_questions_with_years_and_names_are_answered(assistant, question):
    answer = assistant.ask(question)
    assert not answer.refused and answer.citations


def test_the_key_words_line_answers_a_question_about_key_words(assistant):
    # the key words are a list on one line, not sentences: quoted whole rather than refused
    answer = assistant.ask("Which key words are given for the paper?")
    assert not answer.refused
    assert _cited_sections(answer) == {"shi-xu-2024:keywords_en"}
    assert "future industries" in answer.citations[0].quote


def _part(doc_id: str, label: str):
    from assistant.outline import Part

    return Part(doc_id, "1", label, "", ())


def test_a_list_question_gets_a_parts_outline_only_when_the_heading_names_what_it_lists():
    # written for the test: a plan whose first part is about the general requirements of river-basin governance
    from assistant.glossary import Glossary
    from assistant.outline import asked_kind, match_part

    glossary = Glossary.load()
    parts = [_part("plan", "一、推进流域治理的总体要求")]
    idf = {f: 3.0 for f in textmatch.terms("推进流域治理的总体要求要贯彻哪些原则有哪些")}
    assert asked_kind("推进流域治理的总体要求要贯彻哪些原则？") == "原则"
    assert asked_kind("推进流域治理的总体要求有哪些？") == ""  # named before the question word
    assert match_part("推进流域治理的总体要求要贯彻哪些原则？", parts, glossary, idf) is None
    assert match_part("推进流域治理的总体要求有哪些？", parts, glossary, idf) == parts[0]


def test_a_question_naming_a_document_is_not_answered_with_another_documents_outline(assistant):
    # the paper's part 三 is headed 实现路径; a question naming the 2024 report asks about that report
    answer = assistant.ask("2024年政府工作报告提出的实现路径有哪些？")
    assert all(c.doc_id != "shi-xu-2024" for c in answer.citations)


def test_the_term_a_definition_question_asks_about_is_the_one_next_to_its_cue(assistant):
    # "石建勋、徐玲这篇文章是怎么界定新质生产力的": the authors' names are glossary terms too, and rarer than the
    # topic term: they were taken for the term to define, so no sentence counted as defining it
    generator = assistant.extractive

    def defined(question: str) -> list[str]:
        return generator.defined_terms(GenerationRequest(question=question, query="", language="zh", contexts=[]))

    assert "新质生产力" in defined("石建勋、徐玲这篇文章是怎么界定新质生产力的？")
    assert "新质生产力" in defined("这篇论文是怎么给新质生产力下定义的？")
    assert "石建勋" not in defined("石建勋、徐玲这篇文章是怎么界定新质生产力的？")


@pytest.mark.parametrize(
    "sentence, term, question, defines",
    [
        ("新质生产力是以新技术与新要素紧密结合的生产力新形态。", "新质生产力", "什么是新质生产力？", True),
        ("与传统生产力相比，新质生产力是代表新技术的新型生产力。", "新质生产力", "什么是新质生产力？", True),
        # another concept's definition: the part (劳动力) is not what the question asks about
        ("新质生产力的劳动力为数智化劳动者。", "新质生产力", "什么是新质生产力？", False),
        ("新质生产力的劳动力为数智化劳动者。", "新质生产力", "新质生产力的劳动力是什么？", True),
        # the term is not the clause's subject
        ("从新质战斗力到新质生产力是理论与实践发展的新飞跃。", "新质生产力", "什么是新质生产力？", False),
    ],
)
def test_a_defining_sentence_says_what_the_asked_term_is(sentence, term, question, defines):
    from assistant.generators.extractive import _defines

    assert _defines(sentence, term, question) is defines
