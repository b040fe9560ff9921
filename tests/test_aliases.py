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
    # and the meeting alone, as readers say "the fourth plenum"
    assert {"二十一届四中全会", "四中全会", "fourth plenum"} <= set(names)
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


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("全省海洋渔业工作会议在福州举行", "全省海洋渔业工作会议"),
        ("2031年全国某某工作会议在京召开", "全国某某工作会议"),
        ("某某发展论坛年会隆重开幕", "某某发展论坛年会"),
    ],
)
def test_a_news_headline_names_its_meeting(title, bare):
    """A text whose only title is a headline ("…会议在…举行") is asked about by the meeting's name."""
    names = document_aliases(DocumentMeta(doc_id="n", title=title, date="2031-12-12"))
    assert names[0] == title and bare in names
    assert "2031年" + bare in names
    assert not any(n.endswith(("举行", "召开", "开幕")) for n in names[1:])


def test_a_question_naming_the_bare_meeting_finds_the_headline_document():
    from assistant.mentions import DocumentMentions, document_names

    headline = DocumentMeta(doc_id="news", title="全省海洋渔业工作会议在福州举行", date="2031-12-12")
    other = DocumentMeta(doc_id="plan", title="全省海洋渔业发展规划", date="2031-06-01")
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, date=m.date, aliases=document_aliases(m)) for m in (headline, other)]
    )
    found = mentions.find("全省海洋渔业工作会议部署了哪些任务？")
    assert found.named == ["news"] and "海洋渔业工作会议" not in found.query
    assert mentions.find("2031年全省海洋渔业工作会议提出了什么？").named == ["news"]
    assert mentions.find("全省海洋渔业发展规划提出了什么？").named == ["plan"]


def test_that_years_report_is_the_edition_of_the_year_the_question_names():
    """ "For 2031, … that year's report" / "2031年…当年的报告": the edition is the year said elsewhere."""
    from assistant.mentions import DocumentMentions, document_names

    metas = [
        DocumentMeta(
            doc_id=f"r{y}",
            title=f"市政府工作报告（{y}年）",
            title_en=f"Report on the Work of the City Government ({y})",
            date=f"{y}-01-15",
            kind="report",
        )
        for y in (2030, 2031)
    ]
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    )
    en = mentions.find("For 2031, what grain target does that year's Report on the Work of the City Government give?")
    assert en.named == ["r2031"] and en.editions == [("r2031", "2031")]
    zh = mentions.find("2031年要新建几座社区图书馆？当年的市政府工作报告怎么说？")
    assert zh.named == ["r2031"]
    # two years: "that year" is ambiguous, every edition the name covers stays named
    both = mentions.find("Between 2030 and 2031, what does that year's Report on the Work of the City Government say?")
    assert set(both.named) == {"r2030", "r2031"}
