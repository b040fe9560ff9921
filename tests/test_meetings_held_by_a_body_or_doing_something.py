"""What the forty-first batch's readers wrote and the matcher misread. Titles invented for these tests, not taken from
the bundled corpus.

- A headline saying a body held a meeting named for its occasion ("中共中央举行纪念某某诞辰150周年座谈会 …") named no
  meeting: the name is longer than a body's "召开会议", and no question naming the symposium found the text.
- A headline opening with what a meeting did ("中共中央政治局会议建议 …") named no meeting either: "the 30 August
  Politburo meeting" found every other readout of that year's Politburo meetings.
- A meeting's name with a number in it (130周年) had no English name at all, not even "the symposium": the
  dictionary has no entry for the number, and one word without English left the whole name without; and a 大会 was
  never "the conference", the dictionary giving "convention".
- "是围绕什么主题进行的" asked what a study session was about without a word its opening writes: 主题 was asked about.
- "在七届全国人大一次会议上所作的那份政府工作报告": a demonstrative between the session and the report's name."""

from __future__ import annotations

import pytest
from mention_support import bridged_matcher

from knowledge.aliases import _glossed_events, headline_meeting
from knowledge.models import DocumentMeta

ANNIVERSARY = DocumentMeta(
    doc_id="anniversary",
    title="中共中央举行纪念鲁迅诞辰150周年座谈会 王某某发表重要讲话强调 把事业继续推向前进",
    date="2031-09-25",
)
OTHER_SYMPOSIUM = DocumentMeta(
    doc_id="other-symposium", title="王某某在海防工作座谈会上强调 守正创新", date="2031-05-12"
)
PROPOSES = DocumentMeta(
    doc_id="proposes",
    title="中共中央政治局会议建议 海洋大会10月16日在北京召开 中共中央总书记王某某主持会议",
    date="2032-08-30",
)
CONVENED = DocumentMeta(
    doc_id="convened",
    title="中共中央政治局召开会议 分析研究海洋经济形势 中共中央总书记王某某主持会议",
    date="2032-04-29",
)


def test_a_meeting_a_body_held_or_that_did_something_is_the_headlines_meeting():
    assert headline_meeting(ANNIVERSARY.title) == "纪念鲁迅诞辰150周年座谈会"
    assert headline_meeting(PROPOSES.title) == "中共中央政治局会议"
    # a leader chairing one is no body holding it, nor a meeting doing something
    assert headline_meeting("王某某主持召开中央海洋委员会第一次会议强调 守正创新") == "中央海洋委员会第一次会议"
    assert headline_meeting("中共中央举行纪念鲁迅诞辰150周年座谈会") == "纪念鲁迅诞辰150周年座谈会"


def test_a_meeting_named_with_a_number_is_the_symposium_in_english():
    names = _glossed_events(ANNIVERSARY.title, "2031")
    assert "the symposium" in names and "the 2031 symposium" in names


def test_the_meetings_name_finds_the_readout_that_a_body_held_or_that_did_something():
    matcher = bridged_matcher([ANNIVERSARY, OTHER_SYMPOSIUM, PROPOSES, CONVENED])
    assert matcher.find("纪念鲁迅诞辰150周年座谈会上的讲话提出了什么？").named == ["anniversary"]
    assert matcher.find("2032年8月30日召开的中共中央政治局会议建议海洋大会何时召开？").named == ["proposes"]
    found = matcher.find("At the symposium on 25 September 2031, what did the speaker say about the cause?")
    assert found.named == ["anniversary"], found


def test_a_general_meeting_is_the_conference_in_english():
    """大会 is a "convention" or a "general assembly" in the dictionary and a "conference" in the official names
    (`MEETING_HEADS_EN`): "the May 2031 conference marking …" named no 大会."""
    names = _glossed_events("纪念鲁迅诞辰150周年大会在京举行 王某某发表重要讲话", "2031")
    assert "the conference" in names and "the 2031 conference" in names


STUDY_SESSION = """王某某在中共中央政治局第十二次集体学习时强调 推动海洋牧场向纵深发展
中共中央政治局1月25日上午就海洋牧场建设和远洋渔业发展举行第十二次集体学习。中共中央总书记王某某在主持学习时强调，要加快建设海洋牧场。
海洋大学教授李某某就这个问题进行讲解，提出了工作建议。
王某某指出，远洋渔业是海洋经济的重要组成部分，要完善远洋渔业管理。
"""


#: another text of the index, whose words include 主题
SYMPOSIUM = """海防工作座谈会在京召开
海防工作座谈会12日在北京召开，会议的主题是加强海防建设。会议强调，要完善海防管理体制。
"""


@pytest.fixture(scope="module")
def study_session(document_index, tmp_path_factory):
    settings, index = document_index("study-2031-01.txt", STUDY_SESSION)
    other = tmp_path_factory.mktemp("other") / "symposium-2031-05.txt"
    other.write_text(SYMPOSIUM, encoding="utf-8")
    assert index.add([other], progress=False).ok
    return settings, index


@pytest.mark.slow
def test_the_theme_a_study_session_was_held_on_is_its_opening_sentence(study_session):
    """ "围绕什么主题进行的": the theme is what the opening says the session was held on (就…举行第十二次集体学习); the
    question's 主题 is no word the answer writes, and the question was refused."""
    from assistant.pipeline import Assistant

    settings, index = study_session
    answer = Assistant(settings, index=index).ask("中央政治局第十二次集体学习是围绕什么主题进行的？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("中共中央政治局1月25日上午就海洋牧场建设和远洋渔业发展举行")


def test_a_demonstrative_before_a_report_delivered_at_an_npc_session_keeps_the_session_its_date():
    """ "在十五届全国人大二次会议上所作的那份政府工作报告": 那份 ("that") between the session and the report left the
    session naming nothing, and every edition was searched."""
    metas = [
        DocumentMeta(doc_id=f"r{y}", title=f"{y}年国务院政府工作报告", date=f"{y}-03-05", kind="report")
        for y in (2029, 2030)
    ]
    found = bridged_matcher(metas).find(
        "2029年3月在十五届全国人大二次会议上所作的那份政府工作报告提到的外债余额是多少？"
    )
    assert found.named == ["r2029"], found


def test_a_readout_headlined_by_its_meeting_is_titled_as_one():
    """A readout's headline naming its meeting (…大会在京举行) calls the text a meeting's record as "会议" does: "the
    May 2031 conference" named only the readout whose headline happened to write 会议 ("出席会议")."""
    metas = [
        DocumentMeta(doc_id="lu-xun", title="纪念鲁迅诞辰150周年大会在京举行 王某某发表重要讲话", date="2031-05"),
        DocumentMeta(doc_id="ports", title="全国港口大会在京召开 王某某出席会议并讲话", date="2031-05-20"),
    ]
    assert bridged_matcher(metas).find("What did the May 2031 conference say about ports?").named == ["lu-xun", "ports"]
