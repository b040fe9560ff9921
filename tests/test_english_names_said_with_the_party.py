"""English names of meetings said with the Party before the body, words between the year and the name, and "S&T":
invented texts, not the bundled ones."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.models import DocumentMeta


def _meetings():
    return [
        DocumentMeta(doc_id="pb-jul", title="中共中央政治局召开会议 研究海洋经济工作 王某主持会议", date="2031-07-30"),
        DocumentMeta(doc_id="pb-apr", title="中共中央政治局召开会议 研究港口建设工作 王某主持会议", date="2031-04-28"),
        DocumentMeta(doc_id="pb-old", title="中共中央政治局召开会议 研究渔业工作 王某主持会议", date="2029-07-24"),
        DocumentMeta(doc_id="study", title="王某在中共中央政治局第五次集体学习时强调 发展海洋科技", date="2031-05"),
    ]


def test_the_party_before_the_politburo_neither_hides_the_meeting_nor_parts_it_from_its_date():
    """ "the CPC Central Committee Political Bureau meeting held on 30 July 2031" named nothing, and in "the July 2031
    CPC Politburo meeting" the Party's initials parted the date from the name, so every Politburo meeting was named
    (questions of an added readout were answered from other years' meetings)."""
    mentions = bridged_matcher(_meetings())
    for question in (
        "Who chaired the CPC Central Committee Political Bureau meeting held on 30 July 2031?",
        "Which drivers of demand did the July 2031 CPC Politburo meeting want to keep growing?",
        "What did the CPC Politburo's July 2031 meeting say about ports?",
    ):
        assert mentions.find(question).named == ["pb-jul"], question


def test_the_party_before_the_politburo_holding_a_study_session_still_names_the_session():
    """Only before a meeting is the Party left out: "the Political Bureau" alone would name the body's meetings and hide
    the study session it held."""
    mentions = bridged_matcher(_meetings())
    question = "On what date did the CPC Central Committee Political Bureau hold its 2031 collective study session?"
    assert mentions.find(question).named == ["study"]


def test_a_term_s_central_committee_before_its_political_bureau_is_kept():
    """ "the 19th CPC Central Committee Political Bureau" names the term's body: the Party is not dropped there."""
    from assistant.mentions import _names_spelled_out

    question = "the 2nd study session of the 19th CPC Central Committee Political Bureau meeting"
    assert _names_spelled_out(question) == question


def test_words_between_a_year_and_a_name_still_date_it():
    """ "the 2029 year-end Politburo meeting", "the 2031 Chinese government work report": the words qualifying the name
    parted the year from it, and every edition was named."""
    reports = [
        DocumentMeta(doc_id=f"gwr-{y}", title=f"{y}年政府工作报告", date=f"{y}-03-05") for y in (2029, 2030, 2031)
    ]
    mentions = bridged_matcher(reports + _meetings())
    found = mentions.find("How many troops did the 2030 Chinese government work report say would be cut?")
    assert found.named == ["gwr-2030"]
    assert mentions.find("What did the 2029 summer Politburo meeting say about fisheries?").named == ["pb-old"]
    # a verb of saying parts a year from a name: the year is when something was said, not the meeting's
    found = mentions.find("In 2029 Wang said the Politburo meeting should do what?")
    assert "pb-old" not in found.named or len(found.named) > 1


def test_s_and_t_spells_science_and_technology_in_a_name():
    mentions = bridged_matcher(
        [DocumentMeta(doc_id="stc", title="全国科技大会在京召开 王某出席并发表重要讲话", date="2031-06-24")]
        + _meetings()
    )
    assert mentions.find("What did the 2031 National S&T Conference say about talent?").named == ["stc"]


def test_the_2031_year_end_meeting_is_december_s():
    mentions = bridged_matcher(
        _meetings() + [DocumentMeta(doc_id="pb-dec", title="中共中央政治局召开会议 研究渔业", date="2031-12-08")]
    )
    assert mentions.find("What did the 2031 year-end Politburo meeting say about fisheries?").named == ["pb-dec"]


def test_a_readout_that_records_a_speech_is_named_by_the_word_speech_too():
    """讲话 in a question named only the texts whose genre is a speech: questions about the speech a readout records
    ("…大会在京举行 王某发表重要讲话": "讲话里…") were sent to two other texts (found on added readouts)."""
    speech = DocumentMeta(doc_id="speech", title="王某在海州论坛上的讲话", date="2031-05-01")
    readout = DocumentMeta(
        doc_id="readout", title="庆祝海州建港100周年大会在京举行 王某发表重要讲话", date="2031-09-01"
    )
    plain = DocumentMeta(doc_id="plain", title="中共中央政治局召开会议 研究渔业", date="2031-04-01")
    named = bridged_matcher([speech, readout, plain]).find("讲话里对港口建设提出了什么要求？").named
    assert "readout" in named and "speech" in named and "plain" not in named
