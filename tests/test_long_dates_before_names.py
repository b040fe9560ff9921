"""What the thirty-seventh batch's readers wrote and the matcher misread: a full Chinese date with its joining words
before a name ("2034年9月27日召开的…表彰大会") is longer than the reach that looked for a year before a name, so the year was
cut in two and every year's meeting of the name was open (the one whose month and day were known won). Titles invented
for these tests, not taken from the bundled corpus."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.models import DocumentMeta

#: a commendation conference whose readout gives its day only, and one of another year with a full date
LATER = DocumentMeta(doc_id="later", title="习近平在全国海防团结进步表彰大会上发表重要讲话", date="2034")
EARLIER = DocumentMeta(
    doc_id="earlier", title="中央海防工作会议暨第六次全国海防团结进步表彰大会在北京举行", date="2031-09-28"
)


def test_a_full_date_with_its_joining_words_before_a_name_dates_it():
    matcher = bridged_matcher([LATER, EARLIER])
    for question in (
        "2034年9月27日召开的全国海防团结进步表彰大会上，共有多少个模范集体受到表彰？",
        "2034年12月27日召开的全国海防团结进步表彰大会由谁主持？",
        "习近平在2034年9月27日举行的全国海防团结进步表彰大会上说了什么？",
    ):
        assert matcher.find(question).named == ["later"], question
    # the shorter forms were read before and still are
    assert matcher.find("2034年全国海防团结进步表彰大会由谁主持？").named == ["later"]
    assert matcher.find("2031年9月召开的全国海防团结进步表彰大会由谁主持？").named == ["earlier"]


#: two symposiums of one kind, of different years
SYMPOSIUM = DocumentMeta(
    doc_id="symposium", title="习近平在偏远海岛海防攻坚座谈会上强调 加大政策倾斜", date="2034-06-23"
)
OTHER_SYMPOSIUM = DocumentMeta(doc_id="other", title="习近平在海防工作座谈会上强调 守好海疆", date="2036-03-06")


def test_where_a_meeting_was_held_goes_with_its_date():
    """ "2034年6月23日在海口召开的…座谈会": the place said with the date dates the name as the date alone did, and leaves the
    question with it (it said where to look, not what is asked); "… held in Haikou on 23 June 2034" dates a described
    symposium as "held on 23 June 2034" did."""
    matcher = bridged_matcher([SYMPOSIUM, OTHER_SYMPOSIUM, LATER, EARLIER])
    found = matcher.find("2034年6月23日在海口召开的偏远海岛海防攻坚座谈会提出了哪些要求？")
    assert found.named == ["symposium"]
    assert "海口" not in found.query and "召开" not in found.query, found.query
    found = matcher.find("2034年9月27日在北京举行的全国海防团结进步表彰大会由谁主持？")
    assert found.named == ["later"] and "北京" not in found.query, found.query
    question = "What did the symposium on defence of remote islands held in Haikou on 23 June 2034 ask for?"
    found = matcher.find(question)
    assert found.named == ["symposium"]
    # the words describing it name it with the date: they say where to look, not what is asked
    assert "remote" not in found.query and "Haikou" not in found.query, found.query


def test_a_date_after_a_nearer_name_is_that_names():
    """ "the members of the Standing Committee who attended the symposium … held in Haikou on 23 June 2034": the date is
    the symposium's, the nearer name; read as the committee's it named the committee's meetings of that year and left
    the question with no text to answer it from."""
    committee = DocumentMeta(
        doc_id="committee",
        title="中共中央政治局常务委员会召开会议 研究海岸防护工作 中共中央总书记习近平主持会议",
        date="2034-02-03",
    )
    matcher = bridged_matcher([SYMPOSIUM, OTHER_SYMPOSIUM, committee])
    question = (
        "Which members of the Politburo Standing Committee attended the symposium on defence of remote islands held in "
        "Haikou on 23 June 2034?"
    )
    found = matcher.find(question)
    assert ("symposium", "2034") in found.editions, found
    assert ("committee", "2034") not in found.editions, found
