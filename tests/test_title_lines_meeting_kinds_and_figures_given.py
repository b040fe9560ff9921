"""A title joined to its adoption line; a meeting of a kind named "…会" that a body convened; a figure asked for that
the quoted sentences give only as a date, an ordinal or a number the question itself states. Invented texts, not
the bundled ones."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.aliases import document_aliases, headline_meeting
from knowledge.front_matter import read_front_matter
from knowledge.models import DocumentMeta


def test_a_title_joined_to_its_adoption_line_is_still_the_title():
    """A broadcast copy writes "<communiqué's title>，<date><body>通过。" as one sentence: the text was named by nothing
    (its questions, in both languages, went to other plenums)."""
    front = read_front_matter(
        [
            "中国共产党第二十一届中央委员会第六次全体会议公报，2033年11月2日中国共产党第二十一届中央委员会第六次全体会议通过。",
            "中国共产党第二十一届中央委员会第六次全体会议，于2033年10月30日至11月2日在北京举行。",
        ]
    )
    assert front.title == "中国共产党第二十一届中央委员会第六次全体会议公报"
    assert front.date == "2033-11-02" and front.issuer == "中国共产党第二十一届中央委员会第六次全体会议"
    meta = DocumentMeta(doc_id="c", title=front.title, date=front.date)
    assert "Sixth Plenary Session of the 21st Central Committee" in document_aliases(meta)
    # a first sentence of the text is no title, nor a line whose part after the comma is no adoption line
    assert read_front_matter(["海州港建设工作会议，于2033年10月30日在海州举行。", "会议指出。"]).title == ""
    assert read_front_matter(["全会认为，2033年11月2日以来工作成效显著。", "第二段。"]).title == ""


def test_a_body_convening_a_meeting_of_a_kind_named_by_its_last_character_names_it():
    """ "中共中央政治局召开专题民主生活会强调 …": the meeting is 中共中央政治局专题民主生活会 (a kind of meeting named
    "…会" like 座谈会; the headline runs on into what was stressed there). Questions named it and found nothing."""
    title = "海州市委常委会召开专题民主生活会强调 巩固拓展教育成果 王某主持会议并发表重要讲话"
    assert headline_meeting(title) == "海州市委常委会专题民主生活会"
    assert headline_meeting("海州市委召开座谈会强调 做好港口工作") == "海州市委座谈会"
    # as before: a body's plain meeting, and a notice of a meeting to come names none
    assert headline_meeting("中共中央政治局召开会议 研究部署海洋渔业工作") == "中共中央政治局会议"
    assert headline_meeting("关于召开海洋渔业会议的通知") == ""
    politburo = "中共中央政治局召开专题民主生活会强调 巩固拓展港口建设成果 王某主持会议并发表重要讲话"
    metas = [
        DocumentMeta(doc_id="hz", title=title, date="2033-12-21"),
        DocumentMeta(doc_id="dlm", title=politburo, date="2033-12-21"),
        DocumentMeta(doc_id="pb", title="中共中央政治局召开会议 研究部署海洋渔业工作", date="2033-12-08"),
    ]
    matcher = bridged_matcher(metas)
    assert matcher.find("2033年12月海州市委常委会专题民主生活会强调了什么？").named == ["hz"]
    assert matcher.find("2033年12月中央政治局民主生活会强调了什么？").named == ["dlm"]
    # in English: one capitalised word, then the meeting's kind in lower case, as the glossary names it
    found = matcher.find("What did the December 2033 Politburo democratic life meeting stress?")
    assert found.named == ["dlm"] and "democratic" not in found.query
    assert matcher.find("What did the December 2033 Politburo meeting decide?").named == ["pb"]


def test_a_figure_the_question_gives_or_a_date_or_an_ordinal_is_not_the_figure_it_asks_for():
    """ "党的二十大以来共查处违反中央八项规定精神问题多少起" quoted with the sentence on the report "关于党的二十大以来…执行中央
    八项规定情况" (figures the question itself gives), or "党员总数是多少" with "十七届六中全会以来" and "于2012年11月1日至4日"
    (ordinals and dates): no quoted sentence says how many, and near misses were answered so."""
    from assistant.refusal_evidence import figure_missing

    question = "2033年海州港务会议通报，党的二十一大以来共查处违反港口八项规定问题多少起？"
    quoted = ["会上听取关于党的二十一大以来港务委员会贯彻执行港口八项规定情况的报告。"]
    assert figure_missing(question, quoted) == 1.0
    quoted = ["全会充分肯定了二十一届六中全会以来港务委员会的工作。", "会议于2033年11月1日至4日在海州举行。"]
    assert figure_missing("二十一届七中全会提到海州港员工总数是多少？", quoted) == 1.0
    # a figure beside them is the answer; so is the question's year's figure in the sentence that gives it
    assert figure_missing(question, ["二十一大以来共查处违反港口八项规定问题1.2万起。"]) == 0.0
    assert figure_missing("2033年海州港吞吐量增长多少？", ["2033年海州港吞吐量增长5.2%。"]) == 0.0
    assert figure_missing("要在多少个月内建成？", ["要在12个月内建成。"]) == 0.0
