"""Regressions reported from the UI work: answerable questions refused, markup flipping the
answer language, follow-ups refused although their rewritten query is well supported.

Real index, real embedder, the shipped glossary and refusal calibration.
"""

from __future__ import annotations

import pytest

from assistant.language import natural_text, reply_language
from assistant.testing import assert_language


def _cited_sections(answer) -> set[str]:
    return {f"{c.doc_id}:{c.section_id}" for c in answer.citations}


def test_english_question_about_weak_points_is_answered_from_the_computing_power_section(assistant):
    answer = assistant.ask("What are the weak points in China's computing power development?")
    assert not answer.refused and answer.language == "en"
    assert _cited_sections(answer) == {"shi-xu-2024:3.8"}
    assert_language(answer.answer, "en")


@pytest.mark.parametrize(
    "question",
    ["Why is forming new quality productive forces strategically important?", "加快形成新质生产力有什么重大战略意义？"],
)
def test_a_question_restating_a_part_heading_cites_that_part(assistant, question):
    # part 二 is "加快形成新质生产力的重大战略意义": its sections, not 一（二）/一（四）, answer it
    answer = assistant.ask(question)
    assert not answer.refused
    gold = {
        "shi-xu-2024:2",
        "shi-xu-2024:2.1",
        "shi-xu-2024:2.2",
        "shi-xu-2024:2.3",
        "shi-xu-2024:2.4",
        "shi-xu-2024:abstract",
        "shi-xu-2024:summary_en",
    }
    cited = _cited_sections(answer)
    assert cited and cited <= gold, cited


def test_a_question_sharing_only_the_topic_word_is_not_treated_as_about_a_part(assistant):
    answer = assistant.ask("新质生产力是什么？")
    assert not answer.refused
    assert "shi-xu-2024:1.2" in _cited_sections(answer)


@pytest.mark.parametrize(
    "markup", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "https://example.com/a?b=c", "`print(x)`"]
)
def test_markup_does_not_change_the_language_of_a_chinese_question(assistant, markup):
    question = f"论文认为我国算力发展存在哪些短板？{markup}"
    assert reply_language(question) == "zh"
    answer = assistant.ask(question)
    assert answer.language == "zh" and not answer.refused
    assert "shi-xu-2024:3.8" in _cited_sections(answer)
    assert_language(answer.answer, "zh")


def test_markup_before_the_question_is_not_searched(assistant):
    answer = assistant.ask("<img src=x onerror=alert(1)>新质生产力是什么？")
    assert answer.language == "zh" and not answer.refused
    assert "alert" not in answer.rewritten_query and "onerror" not in answer.rewritten_query


def test_natural_text_keeps_prose_and_drops_code():
    assert natural_text("What about <b>Japan</b>?").split() == ["What", "about", "Japan", "?"]
    assert "U.S." in natural_text("What does the paper say about U.S. policy?")
    assert natural_text("<script>alert(1)</script>") == ""
    assert reply_language("What does the paper say about this? <script>alert('一二三四五六七八九十')</script>") == "en"


def test_follow_up_with_a_well_supported_rewrite_is_answered(assistant):
    history = [{"role": "user", "content": "论文认为我国算力发展存在哪些短板？"}]
    answer = assistant.ask("那应该怎么解决？", history=history)
    assert not answer.refused and answer.language == "zh"
    assert "短板" in answer.rewritten_query
    assert "shi-xu-2024:3.8" in _cited_sections(answer)


@pytest.mark.parametrize(
    "question, section",
    [
        ("论文认为我国应该如何解决算力分布不均衡的问题？", "shi-xu-2024:3.8"),
        ("2024年政府工作报告：政府应该如何发展数字经济？", "gwr-2024:3.1"),
    ],
)
def test_modal_verbs_are_not_unknown_topic_words(assistant, question, section):
    # 应该 never occurs in the documents; it is a function word, not a topic the documents lack
    assert assistant.diagnose(question)["features"]["unknown"] == 0.0
    answer = assistant.ask(question)
    assert not answer.refused
    assert section in _cited_sections(answer)
