"""What the thirty-sixth batch's readers wrote and the matcher misread: a date followed by an aside in brackets
("1月25日（农历正月初一）召开的…"), a meeting named by its body with its topic before 会议 ("中央政治局常委会疫情防控会议"),
a date in brackets or after "held" following words that describe a meeting, and a month asked of a year whose texts
are of other months except one whose month no line says. Titles invented for these tests, not taken from the bundled
corpus."""

from __future__ import annotations

from mention_support import bridged_matcher

from assistant.mentions import _topic_inserted
from knowledge.models import DocumentMeta

#: two meetings of a standing committee in one year, and one of another year
EPIDEMIC = DocumentMeta(
    doc_id="epidemic",
    title="中共中央政治局常务委员会召开会议 研究海岸防护工作 中共中央总书记习近平主持会议",
    date="2031-01-25",
)
FEBRUARY = DocumentMeta(
    doc_id="february",
    title="中共中央政治局常务委员会召开会议 研究港口建设工作 中共中央总书记习近平主持会议",
    date="2031-02-12",
)
LATER = DocumentMeta(
    doc_id="later",
    title="中共中央政治局常务委员会召开会议 研究航运工作 中共中央总书记习近平主持会议",
    date="2033-11-10",
)
#: a symposium whose readout gives the day only (its month unknown), two of the same year known to be of other months,
#: and one of another year
SYMPOSIUM = DocumentMeta(doc_id="symposium", title="习近平在决战决胜海防攻坚座谈会上强调 坚决夺取全面胜利", date="2031")
AUGUST = DocumentMeta(doc_id="august", title="习近平在中央第七次海岛工作座谈会上强调 建设海岛", date="2031-08-28")
OLDER = DocumentMeta(doc_id="older", title="习近平在民营企业座谈会上强调 支持民营经济", date="2028-11-01")
SEPTEMBER = DocumentMeta(doc_id="september", title="习近平在第三次中央海疆工作座谈会上强调 守好海疆", date="2031-09-25")


def test_an_aside_after_the_day_leaves_the_date_to_the_meeting_named_after_it():
    """ "2031年1月25日（农历正月初一）召开的…会议": the aside stood between the day and the name, so the day was not read and
    every meeting of the committee was named."""
    matcher = bridged_matcher([EPIDEMIC, FEBRUARY, LATER])
    assert matcher.find("2031年1月25日（农历正月初一）召开的中央政治局常委会会议提出了什么要求？").named == ["epidemic"]


def test_a_committee_meeting_named_with_its_topic_before_the_meeting_word_is_that_committees_meeting():
    """中央政治局常委会疫情防控会议 is 中央政治局常委会会议 with the topic inside: it named no document (only the genre word
    会议, every meeting of the index)."""
    matcher = bridged_matcher([EPIDEMIC, FEBRUARY, LATER])
    assert matcher.find("2031年1月25日召开的中央政治局常委会海岸防护会议提出了什么要求？").named == ["epidemic"]
    assert _topic_inserted("中央政治局常委会海岸防护会议", "中央政治局常委会会议")
    # a number inside says which meeting, not its topic; a name that is no body's meeting takes no topic
    assert not _topic_inserted("中央政治局常委会第三次会议", "中央政治局常委会会议")
    assert not _topic_inserted("全国海防港口工作会议", "全国海防工作会议")
    # ... nor do who attended and what was done: "中央海防委员会委员出席会议" is a sentence of the readout
    assert not _topic_inserted("中央海防委员会委员出席会议", "中央海防委员会会议")


def test_a_date_in_brackets_after_a_described_meeting_dates_it():
    """ "the Commission's sixth meeting (January 2031)": the bracketed date after the words describing the meeting says
    which sixth meeting, as "in January 2031" did."""
    first = DocumentMeta(
        doc_id="first", title="习近平主持召开中央财经委员会第六次会议强调 抓好海防建设", date="2031-01-03"
    )
    second = DocumentMeta(
        doc_id="second", title="习近平主持召开中央财经委员会第六次会议强调 推进港口建设", date="2037-07-01"
    )
    matcher = bridged_matcher([first, second])
    said = "At the Central Financial and Economic Affairs Commission's sixth meeting ({}), which bodies reported?"
    assert matcher.find(said.format("January 2031")).named == ["first"]
    assert matcher.find(said.format("July 2037")).named == ["second"]


def test_a_date_after_held_dates_a_meeting_described_in_capitalised_words_and_its_month_picks_the_undated_text():
    """ "the Symposium on Winning the Decisive Battle for Coastal Defence held on 6 March 2031": capitalised words
    describing the meeting, then "held on" and the date. The year's symposia of August and September are not of March;
    the one whose readout gives the day only may be."""
    matcher = bridged_matcher([SYMPOSIUM, AUGUST, SEPTEMBER, OLDER])
    question = (
        "What did Xi say at the Symposium on Winning the Decisive Battle for Coastal Defence held on 6 March 2031?"
    )
    assert matcher.find(question).named == ["symposium"]
    # in lower-case words the date was read, but the month did not choose among the year's symposia
    assert matcher.find(question.replace("Symposium on Winning", "symposium on winning")).named == ["symposium"]


def test_a_part_of_the_year_between_the_year_and_the_name_leaves_the_year_to_the_name():
    """ "2031年一季度过后那次中央政治局经济形势会议", "2031年年中的…": the part of the year stood between the year and the
    name, so the year was not read and every Politburo meeting of every year was named."""
    metas = [
        DocumentMeta(
            doc_id=f"pb-{d}", title=f"中共中央政治局召开会议 分析研究{topic} 中共中央总书记习近平主持会议", date=d
        )
        for d, topic in (
            ("2031-04-28", "当前经济形势和经济工作"),
            ("2031-07-30", "当前经济形势和下半年经济工作"),
            ("2030-04-29", "当前经济形势和经济工作"),
        )
    ]
    matcher = bridged_matcher(metas)
    for said in ("2031年一季度过后那次", "2031年年中的"):
        assert matcher.find(f"{said}中央政治局经济形势会议把制造业放在什么位置？").named == [
            "pb-2031-04-28",
            "pb-2031-07-30",
        ]
