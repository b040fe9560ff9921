"""Meetings the thirty-fourth batch's readers named and the index did not follow: a headline listing two meetings held
together at whose opening a leader spoke, a series whose headlines name it differently from year to year, a symposium
named by its topic before the kind, a body's possessive opening the name of its meeting, and the words readers use for
政法. Titles invented for these tests, not taken from the bundled corpus."""

from __future__ import annotations

from mention_support import bridged_matcher

from assistant.glossary import Glossary
from assistant.mentions import _qualified_phrase
from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta

TOGETHER = DocumentMeta(
    doc_id="together",
    title="习近平在海州学会第十九次会员大会 海州协会第十四次会员大会开幕会上发表重要讲话强调 推进港口合作",
    date="2033-05-28",
)
SERIES = DocumentMeta(doc_id="series", title="两会会员大会海州联合会第十次全国代表大会在京召开", date="2036-05-28")
SYMPOSIUM = DocumentMeta(
    doc_id="sym", title="习近平主持召开民营企业座谈会强调 支持民营企业发展", date="2031-11-01", kind="communique"
)
TIBET = DocumentMeta(
    doc_id="tibet",
    title="习近平在中央第七次西藏工作座谈会上强调 推进西藏长治久安",
    date="2030-08-29",
    kind="communique",
)


def test_a_headline_listing_meetings_held_together_names_each():
    """ "…在甲第十九次会员大会 乙第十四次会员大会开幕会上发表重要讲话…": the space between the meetings and the opening session
    after them hid the occasion, and the text had no name but its whole headline."""
    names = document_aliases(TOGETHER)
    assert {"海州学会第十九次会员大会", "海州协会第十四次会员大会"} <= set(names)
    # at an opening ceremony too
    forum = DocumentMeta(doc_id="f", title="习近平在海州论坛2031年年会开幕式上发表主旨演讲", date="2031-04-10")
    assert "海州论坛2031年年会" in document_aliases(forum)


def test_a_series_named_otherwise_in_another_years_headline_is_still_that_years_edition():
    """ "2033年两会会员大会": the 2036 headline calls the series 两会会员大会, the 2033 one 第十九次会员大会 (会员大会 to a
    reader): the year picks the 2033 text, not the 2036 one as an edition the index lacks."""
    matcher = bridged_matcher([TOGETHER, SERIES])
    assert matcher.find("2033年两会会员大会上习近平强调了什么？").named == ["together"]
    assert matcher.find("2036年会员大会提出了什么？").named == ["series"]
    assert matcher.find("2033年会员大会提出了什么？").named == ["together"]
    # another meeting of the series by its number is not the nineteenth's text
    assert matcher.find("海州学会第二十次会员大会提出了什么？").named != ["together"]


def test_a_symposium_named_by_its_topic_is_that_symposium_not_every_other():
    """ "the 1 November 2031 private enterprise symposium" named every other symposium (by "symposium", a name of theirs)
    as editions of 2031 the index lacks."""
    matcher = bridged_matcher([SYMPOSIUM, TIBET], with_senses=True)
    for question in (
        "How did Xi react while entrepreneurs spoke at the 1 November 2031 private enterprise symposium?",
        "What did Xi say at the 2031 private enterprises symposium?",
    ):
        assert matcher.find(question).named == ["sym"], question


def test_a_body_the_bridge_names_keeps_its_meeting_when_its_possessive_opens_a_qualified_phrase():
    """The owner of a qualified phrase ("the Central Military Commission's reform work conference") is taken into the
    phrase, so that no half of the body's name stays in the question as an unknown name; a body the bridge names
    itself still names its own meeting ("first meeting" alone is every first meeting of the year)."""
    nsc = DocumentMeta(
        doc_id="nsc", title="习近平主持召开中央国家安全委员会第一次会议并发表重要讲话", date="2034-04-15"
    )
    cyber = DocumentMeta(
        doc_id="cyber", title="习近平主持召开中央网络安全和信息化领导小组第一次会议并发表重要讲话", date="2034-02-27"
    )
    question = "What did the Central National Security Commission's first meeting in 2034 decide?"
    assert bridged_matcher([nsc, cyber]).find(question).named == ["nsc"]
    question = "Which campaign did the Central Military Commission's reform work conference stress?"
    start, modifiers = _qualified_phrase(question, question.index("conference"))
    assert question[start:].startswith("Central Military Commission's") and modifiers == ["reform", "work"]


def test_political_and_legal_work_reaches_its_chinese():
    glossary = Glossary.load()
    assert "政法" in {t.zh_main for t in glossary.find_en("the Central Political and Legal Work Conference")}
    assert "中央全面依法治国委员会" in {
        t.zh_main for t in glossary.find_en("the Central Commission for Comprehensively Law-Based Governance")
    }
