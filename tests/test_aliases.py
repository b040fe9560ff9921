"""Names a reader uses for a document, derived from invented metadata (no bundled text)."""

from __future__ import annotations

import pytest

from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta
from knowledge.pipeline import prepare_document


def test_recurring_report_gets_its_plain_and_dated_names():
    meta = DocumentMeta(
        doc_id="r",
        title="市政府工作报告（2031年）",
        title_en="Report on the Work of the City Government (2031)",
        date="2031-01-15",
    )
    names = document_aliases(meta)
    for name in (
        "市政府工作报告",
        "2031年市政府工作报告",
        "Report on the Work of the City Government",
        "the 2031 report",
    ):
        assert name in names


def test_meeting_abbreviations_joined_to_the_document_type():
    plenum = DocumentMeta(
        doc_id="p",
        title="中国共产党第二十一届中央委员会第四次全体会议公报",
        date="2031-10-30",
        title_en="Communiqué of the Fourth Plenary Session of the 21st Central Committee of the CPC",
    )
    names = document_aliases(plenum)
    assert {"二十一届四中全会公报", "四中全会公报", "the communiqué", "fourth plenum communiqué"} <= set(names)
    congress = DocumentMeta(
        doc_id="c",
        title="团结奋斗——在中国共产党第二十一次全国代表大会上的报告",
        title_en="Strive in Unity — Report to the 21st National Congress of the CPC",
    )
    # readers say "the 21st Congress report" as often as "the 21st Party Congress report"
    assert {
        "二十一大报告",
        "21st Party Congress report",
        "21st National Congress report",
        "21st Congress report",
        "团结奋斗",
    } <= set(document_aliases(congress))
    plan = DocumentMeta(doc_id="f", title="中共中央关于制定国民经济和社会发展第十六个五年规划的建议")
    assert {"十六五规划建议", "the recommendations"} <= set(document_aliases(plan))


def test_hand_written_aliases_come_first_and_nothing_repeats():
    meta = DocumentMeta(doc_id="d", title="关于推进城市更新的决定", date="2030-05-01")
    names = document_aliases(meta, ("城市更新决定",))
    assert names[0] == "城市更新决定" and "the decision" in names
    assert len({n.lower() for n in names}) == len(names)
    assert "2030年关于推进城市更新的决定" not in names  # no bracketed edition: not a yearly series


@pytest.mark.slow  # indexes a user document with the real embedder
def test_an_added_text_gets_aliases_from_its_title_line(shared_settings):
    text = "中国共产党第二十一届中央委员会第二次全体会议公报\n（2032年2月28日中国共产党第二十一届中央委员会第二次全体会议通过）\n全会听取了工作报告。\n"
    meta, _ = prepare_document(text, DocumentMeta(doc_id="u", title=""), shared_settings)
    assert meta.date == "2032-02-28" and "二中全会公报" in meta.aliases
