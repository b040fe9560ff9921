"""What a text without headings keeps of what headings would have said (texts written for these
tests, never the bundled ones): the year its relative-year words (今年, 明年, 过去一年) name, which a
heading such as 一、2023年工作回顾 states outright. It is searched with the section's chunks, never
quoted."""

from __future__ import annotations

from knowledge.chunking import chunk_document
from knowledge.models import DocumentMeta
from knowledge.paragraph_sections import year_frames
from knowledge.pipeline import parse_document

READOUT = "\n".join(
    [
        "全市经济工作会议公报",
        "（2024年12月20日全市经济工作会议通过）",
        "会议认为，今年全市经济运行总体平稳，地区生产总值增长5.1%。",
        "新能源汽车产量占全省比重超过三成，工业投资增长9%。",
        "会议强调，做好明年经济工作，要抓好以下重点任务。",
        "一是扩大有效投资，新开工重大项目200个。",
        "二是提振居民消费，举办汽车消费季活动。",
        "三是稳定就业，新增城镇就业8万人。",
        "会议号召，全市上下要团结奋斗。",
    ]
)


def _doc(text: str = READOUT, date: str = ""):
    return parse_document(text, DocumentMeta(doc_id="t", title="", date=date))


def test_relative_years_are_read_from_the_texts_own_date():
    doc = _doc()  # dated by its byline: 2024-12-20
    assert doc.section("p1").context == "2024年"  # 今年
    assert doc.section("p2").context == "2024年"  # no relative word: the frame set before it runs on
    assert doc.section("p3").context == "2025年"  # 明年
    assert [doc.section(s).context for s in ("1", "2", "3")] == ["2025年"] * 3
    assert year_frames(["五年来成绩显著。", "过去一年粮食增产。", "产量创新高。", "今年要稳增长。"], 2024) == [
        None,
        2023,
        2023,
        2024,
    ]


def test_a_comparison_with_last_year_sets_no_frame():
    pars = ["今年以来经济平稳。", "前三季度，工业增加值比去年同期增长5%。", "去年粮食增产。"]
    assert year_frames(pars, 2024) == [2024, 2024, 2023]


def test_no_date_no_year():
    undated = READOUT.split("\n", 2)[2]  # without the title and its dated byline
    assert all(s.context == "" for s in _doc(undated).sections)
    assert _doc(undated, date="2024-12-20").section("p1").context == "2024年"  # the metadata's date


def test_the_year_is_searched_but_never_quoted():
    doc = _doc()
    chunks = chunk_document(doc, DocumentMeta(doc_id="t", title=""), 300, 40)
    item = next(c for c in chunks if c.section_id == "1")
    assert item.text == "一是扩大有效投资，新开工重大项目200个。"
    assert item.search_text == f"2025年 一是扩大有效投资，新开工重大项目200个\n{item.text}"
    assert doc.text[item.char_start : item.char_end] == item.text
    assert "2025" not in item.section_label


def test_headed_texts_are_unchanged():
    doc = _doc("一、主要任务\n今年要扩大内需。\n二、保障措施\n明年要加强领导。\n", date="2024-03-05")
    assert all(s.context == "" for s in doc.sections)
