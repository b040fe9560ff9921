"""What the thirty-fifth batch's readers wrote and the assistant misread: a meeting described in words rather than
named, dated after the description; a name contracted by dropping characters inside it (党建 for 党的建设) when it is
longer than the contractions seen before; a deadline asked for, which the day the meeting met does not answer; a
dictionary phrase that opens with a frame word ("as soon as possible"); and dates read as phrases ("held on", "March"). Titles invented for these tests, not taken from
the bundled corpus."""

from __future__ import annotations

from mention_support import bridged_matcher

from assistant.bridge import Bridge
from assistant.glossary import Glossary
from assistant.mentions import _date_after_description
from assistant.refusal_evidence import date_missing
from knowledge.models import DocumentMeta
from knowledge.zh_en import IndexLexicon

#: a readout that never says its month (its lead gives the day only: "25日上午…举行")
REVIEW = DocumentMeta(doc_id="review", title="全国海防总结表彰大会在京隆重举行", date="2031")
#: a conference of the same year whose month is known
OCEAN = DocumentMeta(doc_id="ocean", title="习近平在全国海洋工作会议上强调 建设海洋强国", date="2031-10-12")
EARLIER = DocumentMeta(doc_id="earlier", title="全国海防工作会议在京召开", date="2030-03-02")
PORTS = DocumentMeta(doc_id="ports", title="全国港口企业党的建设工作会议在京召开", date="2032-10-11")
HELD = DocumentMeta(
    doc_id="held",
    title="中共中央政治局召开会议 分析研究2033年经济工作 中共中央总书记习近平主持会议",
    date="2032-12-06",
)


def test_a_meeting_described_in_lower_case_words_is_dated_by_the_full_date_after_the_description():
    """ "the national conference reviewing … and honouring its role models on 25 February 2031": the date after the
    description says which conference (the year's readout whose month no line gives, not October's), where the
    description alone named every national conference of every year."""
    matcher = bridged_matcher([REVIEW, OCEAN, EARLIER])
    question = (
        "At the national conference reviewing coastal defence work and honouring its role models on 25 February 2031,"
        " who spoke?"
    )
    assert matcher.find(question).named == ["review"]
    # a year without its month, and a date after the question's own verb, date what was said, not the conference
    assert _date_after_description("national conference on goals for 2031", len("national conference")) == ("", 0, 0)
    said = "national conference said targets were met in March 2031"
    assert _date_after_description(said, len("national conference")) == ("", 0, 0)


def test_a_long_name_contracted_inside_is_the_meeting_it_contracts():
    """全国港口企业党建工作会议 (twelve characters) says 全国港口企业党的建设工作会议 with 的 and 设 left out."""
    matcher = bridged_matcher([PORTS, EARLIER])
    assert matcher.find("2032年全国港口企业党建工作会议提出了哪些要求？").named == ["ports"]


def test_the_end_of_a_headline_of_several_pieces_is_no_contracted_name():
    """A headline's last piece, "中共中央总书记习近平主持会议", is a sentence of every such readout: the same words in a
    question or a quoted sentence name no meeting."""
    matcher = bridged_matcher([HELD, EARLIER])
    assert matcher.find("中共中央总书记习近平主持会议时强调了什么？").named == []


def test_a_deadline_asked_for_is_not_the_day_the_meeting_met():
    """ "By what deadline did the 10 November 2031 meeting require …" quoted with "…11月10日召开会议…" was answered: the
    day the meeting met is no deadline. The same date answers when the meeting met."""
    opening = "中共中央政治局常务委员会11月10日召开会议，研究部署进一步优化防控工作的二十条措施。"
    measures = "要坚持科学精准防控，提高防疫工作的有效性。"
    asked = "By what deadline did the 10 November 2031 meeting require the twenty measures to be implemented?"
    assert date_missing(asked, [opening, measures]) == 1.0
    assert (
        date_missing("到哪一年要完成这项改革？", ["习近平4月19日下午主持召开中央全面深化改革委员会第二十五次会议。"])
        == 1.0
    )
    assert date_missing("到哪一年要完成这项改革？", ["到2035年基本完成改革。"]) == 0.0
    assert date_missing("When was the meeting held?", [opening]) == 0.0
    assert date_missing("会议是哪一天召开的？", [opening]) == 0.0


def test_a_dictionary_phrase_opening_with_a_frame_word_is_looked_up():
    """ "as quickly as possible" is 尽快 and "in advance" 提前: phrases the dictionary lists, whose first word ("as",
    "in") frames questions elsewhere and was skipped, so the quoted sentence missed the words that answer."""
    lexicon = IndexLexicon.build(["要尽快恢复正常生产生活秩序。", "要提前做好准备。"])
    spans = Bridge(Glossary.load(), lexicon).spans(
        "What outcomes did the meeting want achieved as quickly as possible?"
    )
    assert any("尽快" in zh for _, _, zh in spans)
    spans = Bridge(Glossary.load(), lexicon).spans("What should be prepared in advance?")
    assert any("提前" in zh for _, _, zh in spans)


def test_a_date_after_a_verb_and_a_month_by_a_number_are_no_phrases_of_the_dictionary():
    """ "held on 10 November" is the verb and the date's preposition, not "hold on" (等等, "wait"); "March 2031" is a
    month, not the verb or the noun (进军, 步伐): both brought words the question does not mean into every search for a
    meeting held on a day."""
    lexicon = IndexLexicon.build(["等等。", "会议在北京召开。", "迈出新步伐，向现代化进军。"])
    bridge = Bridge(Glossary.load(), lexicon)
    words = {w for _, _, zh in bridge.spans("What was decided at the meeting held on 10 November 2031?") for w in zh}
    assert "等等" not in words
    words = {
        w for _, _, zh in bridge.spans("What did the March 2031 report say, and what was held in May 2031?") for w in zh
    }
    assert not words & {"进军", "步伐"}
    # the word itself, not next to a number, is still looked up
    words = {
        w for _, _, zh in bridge.spans("What does the report say about the march towards modernization?") for w in zh
    }
    assert words & {"进军", "步伐"}
