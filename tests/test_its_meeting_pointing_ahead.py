""" "At its meeting of 30 August 2031, what did the CPC Politburo decide?": "its" points ahead to the body named after
it, and the dated meeting is that body's (the back-referring "the Politburo … at its 30 August 2031 meeting" was read
already; the forty-second batch's reader wrote it this way round and no text was named). Titles invented here."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.models import DocumentMeta

AUGUST = DocumentMeta(
    doc_id="pb-august", title="中共中央政治局召开会议 决定召开海洋大会 中共中央总书记王某某主持会议", date="2031-08-30"
)
APRIL = DocumentMeta(
    doc_id="pb-april",
    title="中共中央政治局召开会议 分析研究海洋经济形势 中共中央总书记王某某主持会议",
    date="2031-04-29",
)


def test_its_dated_meeting_is_the_meeting_of_the_body_named_after_it():
    matcher = bridged_matcher([AUGUST, APRIL])
    for question in (
        "At its meeting of 30 August 2031, what did the CPC Politburo decide to convene?",
        "At its meeting on 30 August 2031, which congress did the Politburo decide to hold?",
    ):
        found = matcher.find(question)
        assert found.named == ["pb-august"], (question, found)


def test_its_meeting_with_no_body_after_it_names_nothing():
    found = bridged_matcher([AUGUST, APRIL]).find("At its meeting of 30 August 2031, what was decided?")
    assert found.named == []
