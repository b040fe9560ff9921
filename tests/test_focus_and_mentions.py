"""Quote order by the question's focus, questions that name a document, everyday English paraphrases.

Real index, embedder and glossary (session `assistant` fixture).
"""

from __future__ import annotations

import pytest

from assistant.glossary import Glossary


@pytest.mark.parametrize(
    "question, focus",
    [
        ("新质生产力的劳动对象包括什么？", "劳动对象"),
        ("新质生产力的劳动资料有什么特点？", "劳动资料"),
        ("What are the objects of labour of new quality productive forces?", "劳动对象"),
        ("What does the paper say about the means of labour of new quality productive forces?", "劳动资料"),
    ],
)
def test_the_sentence_about_the_focus_term_is_quoted_first(assistant, question, focus):
    """Sentences sharing only the topic (新质生产力) come after the one about what is asked."""
    answer = assistant.ask(question)
    assert not answer.refused and answer.citations
    assert focus in answer.citations[0].quote, answer.answer
    without_focus = [c.quote for c in answer.citations if focus not in c.quote]
    assert len(without_focus) < len(answer.citations)


@pytest.mark.parametrize(
    "question, section",
    [
        ("Who delivered the 2024 Government Work Report and when?", "gwr-2024:front"),
        ("When was the 2024 government work report delivered?", "gwr-2024:front"),
        ("2024年政府工作报告是谁作的？", "gwr-2024:front"),
        ("Who wrote the paper?", "shi-xu-2024:front"),
    ],
)
def test_a_question_about_a_named_document_itself_finds_its_opening(assistant, question, section):
    first = assistant.retrieve(question)[0]
    assert f"{first.doc_id}:{first.section_id}" == section


def test_a_who_question_naming_several_editions_gets_their_openings_first(assistant):
    contexts = assistant.retrieve("政府工作报告是谁作的？")
    reports = [c for c in contexts[:3]]
    assert all(c.section_id == "front" and c.doc_id.startswith("gwr-") for c in reports), reports


@pytest.mark.parametrize(
    "question, doc_id",
    [
        ("What does the 2024 government work report say about data elements?", "gwr-2024"),
        ("2024年政府工作报告怎么说人工智能？", "gwr-2024"),
        ("这篇论文如何看待数据要素？", "shi-xu-2024"),
    ],
)
def test_the_named_document_comes_first(assistant, question, doc_id):
    contexts = assistant.retrieve(question)
    assert [c.doc_id for c in contexts[:3]] == [doc_id] * 3


@pytest.mark.parametrize(
    "phrase, zh",
    [
        ("falling back into poverty", "防止返贫"),
        ("overtaking on a bend", "弯道超车"),
        ("changing lanes to overtake", "变道超车"),
        ("the chip bottleneck", "卡脖子"),
    ],
)
def test_everyday_paraphrases_reach_the_documents_terms(phrase, zh):
    assert zh in [t.zh_main for t in Glossary.load().find_en(f"What about {phrase}?")]


def test_chip_bottleneck_question_finds_the_computing_power_section(assistant):
    sections = [
        f"{c.doc_id}:{c.section_id}"
        for c in assistant.retrieve("What does the paper say about the chip bottleneck?")[:5]
    ]
    assert "shi-xu-2024:3.8" in sections
