"""Structure and front matter of texts written for these tests (never the bundled ones):
a news release without headings, a communiqué organised by 一是…九是, a speech
with 一、/（一） headings and （1） items, an English report with I./1. headings,
speeches organised by 第一…第二 and 首先…其次…最后."""

from __future__ import annotations

import pytest

from knowledge.loaders import read_document
from knowledge.models import DocumentMeta
from knowledge.pipeline import parse_document, prepare_document

NEWS = """城市更新试点工作会议在杭州召开
新华社杭州4月8日电
（记者 王明）
4月8日，城市更新试点工作会议在杭州召开。会议总结了首批试点城市的经验。
会议指出，试点城市共改造老旧小区1200个，惠及居民38万户。
会议要求，各地要因地制宜推进更新，防止大拆大建。
与会代表还参观了拱墅区的改造项目。
"""

TASKS = [
    "强化基础研究，建设三个省实验室",
    "突破关键核心技术，实施二十项重大攻关",
    "壮大创新主体，新增高新技术企业一千家",
    "建设科创走廊，完善沿线中试平台",
    "深化科技体制改革，扩大经费使用自主权",
    "培育科技金融，设立天使投资引导基金",
    "引育高层次人才，建设青年科学家公寓",
    "推进科技成果转化，办好技术交易大会",
    "扩大开放合作，共建国际联合实验室",
]
NUMERALS = "一二三四五六七八九"
COMMUNIQUE = "\n".join(
    [
        "全省科技创新大会公报",
        "（2025年1月20日全省科技创新大会通过）",
        "全省科技创新大会于1月19日至20日在省会召开。",
        "会议认为，过去一年全省研发投入持续增长，创新能力明显增强。",
        "会议确定，今年要抓好以下九项重点任务。",
    ]
    + [f"{n}是{task}。各地要细化方案，按季度调度进展。" for n, task in zip(NUMERALS, TASKS)]
    + ["会议号召，全省上下要团结奋斗，奋力建设科技强省。"]
)

SPEECH = """关于促进数字经济发展的实施意见
——2024年5月10日在全市数字经济大会上
市长 张华
同志们：
现在，我就促进数字经济发展讲几点意见。
一、总体要求
坚持创新驱动，到2027年数字经济核心产业增加值占比达到12%。
二、重点任务
（一）夯实数字基础设施
（1）建设算力中心。新建智能算力中心两个，总算力达到5000P。
（2）推进千兆光网。实现重点场所千兆光网全覆盖。
（二）培育数据要素市场
（3）建立数据交易平台。年交易额力争突破10亿元。
三、保障措施
加强组织领导，各部门要压实责任。
同志们！数字经济大有可为，让我们共同努力。
"""

ENGLISH = """Report on the Work of the City Government (2023)
Delivered at the First Session of the 9th Municipal People's Congress on January 12, 2023
Mayor Chen Li
Fellow Deputies,
I will now report to you on the work of the city government.
I. A Review of Our Work in 2022
Last year the city economy grew by 4.8 percent.
1. We stabilized growth. Investment in infrastructure rose by 9 percent.
2. We improved public services. Twelve new schools opened.
II. Major Tasks for 2023
1. Expanding domestic demand. We will support consumption of durable goods.
2. Advancing innovation. We will fund 30 new laboratories.
Fellow Deputies,
Let us work together for a better city.
"""


def _parse(text: str, doc_id: str = "t"):
    return parse_document(text, DocumentMeta(doc_id=doc_id, title=""))


def _ids(structure) -> list[str]:
    return [s.section_id for s in structure.sections]


# ------------------------------------------------------------------ a news release without headings
def test_news_text_gets_paragraph_sections_labelled_by_opening_words():
    doc = _parse(NEWS)
    assert _ids(doc) == ["front", "p1", "p2", "p3", "p4"]
    assert doc.section("front").paragraphs == ["城市更新试点工作会议在杭州召开", "新华社杭州4月8日电", "（记者 王明）"]
    assert doc.section("front").role == "front"
    assert doc.section("p2").label == "¶2 会议指出，试点城市共改造老旧小区1200…"
    assert doc.section("p4").label == "¶4 与会代表还参观了拱墅区的改造项目"
    assert all(s.role == "body" for s in doc.sections[1:])


def test_news_byline_fills_the_metadata():
    front = _parse(NEWS).front
    assert front.title == "城市更新试点工作会议在杭州召开"
    assert front.issuer == "新华社"
    assert "新华社杭州4月8日电" in front.byline
    assert front.date == ""  # a dateline gives no year: no date is better than a wrong one


def test_run_in_dateline_stays_content_but_names_the_issuer():
    doc = _parse("新华社北京3月2日电 国务院新闻办公室2日发布白皮书。\n白皮书共分六个部分。\n")
    assert _ids(doc) == ["p1", "p2"]
    assert doc.section("p1").label == "¶1 国务院新闻办公室2日发布白皮书"
    assert doc.front.issuer == "新华社"


# ------------------------------------------------------------------ a communiqué organised by 一是…九是
def test_communique_tasks_become_one_section_each():
    doc = _parse(COMMUNIQUE)
    assert _ids(doc) == ["front", "p1", "p2", "p3"] + [str(n) for n in range(1, 10)] + ["p13"]
    for n, task in enumerate(TASKS, start=1):
        section = doc.section(str(n))
        assert section.label == f"{NUMERALS[n - 1]}是{task}"
        assert len(section.paragraphs) == 1 and section.paragraphs[0].startswith(section.label)
    assert doc.section("p13").label.startswith("¶13 会议号召")
    assert (doc.front.title, doc.front.date, doc.front.issuer) == (
        "全省科技创新大会公报",
        "2025-01-20",
        "全省科技创新大会",
    )


def test_numbered_points_of_a_speech_without_headings():
    text = """同志们：
今天我讲三点意见。
第一，要提高认识。发展新兴产业是大势所趋。
这一点必须看清。
第二，要突出重点。一是抓项目，二是抓人才。
第三，要狠抓落实。各单位要建立台账。
谢谢大家。
"""
    doc = _parse(text)
    assert _ids(doc) == ["p1", "1", "2", "3", "p7"]
    assert doc.section("p1").paragraphs == ["同志们：", "今天我讲三点意见。"]  # the address joins what it introduces
    assert doc.section("1").label == "第一，要提高认识"
    assert doc.section("1").paragraphs == ["第一，要提高认识。发展新兴产业是大势所趋。", "这一点必须看清。"]
    assert doc.section("3").paragraphs == ["第三，要狠抓落实。各单位要建立台账。"]


def test_first_then_finally_organises_a_text():
    text = "会议讨论了三项议题。\n首先，审议年度预算。\n其次，听取审计报告。\n最后，表决人事任免。\n"
    doc = _parse(text)
    assert _ids(doc) == ["p1", "1", "2", "3"]
    assert [doc.section(i).label for i in ("1", "2", "3")] == [
        "首先，审议年度预算",
        "其次，听取审计报告",
        "最后，表决人事任免",
    ]


# ------------------------------------------------------------------ 一、/（一） headings and （1） items
def test_parts_sections_and_numbered_items():
    doc = _parse(SPEECH)
    assert _ids(doc) == ["front", "0", "1", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.3", "3", "closing"]
    assert doc.section("2.1").label == "二（一）夯实数字基础设施"
    assert doc.section("2.1.1").label == "（一）（1）建设算力中心"
    assert doc.section("2.2.3").label == "（二）（3）建立数据交易平台"  # numbered through the sections
    assert doc.section("2.1.1").path == ["二、重点任务", "二（一）夯实数字基础设施", "（一）（1）建设算力中心"]
    assert doc.section("0").paragraphs == ["同志们：", "现在，我就促进数字经济发展讲几点意见。"]
    assert doc.section("closing").paragraphs == ["同志们！数字经济大有可为，让我们共同努力。"]
    assert (doc.front.title, doc.front.date, doc.front.issuer) == (
        "关于促进数字经济发展的实施意见",
        "2024-05-10",
        "市长 张华",
    )


def test_item_numbers_that_do_not_continue_are_not_headings():
    doc = _parse("一、总体要求\n（1）坚持创新。\n（2）坚持开放。\n（2）重复的编号。\n（9）跳号的编号。\n")
    assert _ids(doc) == ["1", "1.1", "1.2"]
    assert doc.section("1.2").paragraphs == ["（2）坚持开放。", "（2）重复的编号。", "（9）跳号的编号。"]


# ------------------------------------------------------------------ English I./1. headings
def test_english_roman_parts_and_numbered_items():
    doc = _parse(ENGLISH)
    assert _ids(doc) == ["front", "0", "1", "1.1", "1.2", "2", "2.1", "2.2", "closing"]
    assert doc.section("1").label == "I. A Review of Our Work in 2022"
    assert doc.section("1.1").label == "I.1 We stabilized growth"
    assert doc.section("2.2").label == "II.2 Advancing innovation"
    assert doc.section("2.2").label_en == doc.section("2.2").label
    assert doc.section("front").label == "Title and byline"
    assert (doc.front.title, doc.front.date, doc.front.issuer) == (
        "Report on the Work of the City Government (2023)",
        "2023-01-12",
        "Mayor Chen Li",
    )


# ------------------------------------------------------------------ what `add` does with a user's file
def test_added_file_gets_title_and_byline_metadata_and_a_front_chunk(tmp_path, shared_settings):
    path = tmp_path / "communique.txt"
    path.write_text(COMMUNIQUE, encoding="utf-8")
    meta, text = read_document(path, shared_settings)
    meta, chunks = prepare_document(text, meta, shared_settings)
    assert (meta.title, meta.date, meta.issuer) == ("全省科技创新大会公报", "2025-01-20", "全省科技创新大会")
    assert all(c.doc_title == "全省科技创新大会公报" and c.doc_date == "2025-01-20" for c in chunks)
    front = [c for c in chunks if c.section_id == "front"]
    assert [c.role for c in front] == ["front"] and front[0].to_metadata()["role"] == "front"
    assert {c.role for c in chunks if c.section_id != "front"} == {"body"}


def test_metadata_given_by_the_file_wins(shared_settings):
    meta = DocumentMeta(doc_id="x", title="我的标题", date="2020-01-01")
    meta, _ = prepare_document(COMMUNIQUE, meta, shared_settings)
    assert (meta.title, meta.date, meta.issuer) == ("我的标题", "2020-01-01", "全省科技创新大会")


def test_heading_chunks_say_where_the_heading_ends(shared_settings):
    _, chunks = prepare_document(SPEECH, DocumentMeta(doc_id="s", title=""), shared_settings)
    by_section = {c.section_id: c for c in chunks}
    assert by_section["2"].role == "heading" and by_section["2"].heading_chars == len("二、重点任务")
    assert by_section["1"].role == "body" and by_section["1"].text[: by_section["1"].heading_chars] == "一、总体要求"
    item = by_section["2.1.1"]  # an item paragraph: its first sentence is the heading
    assert item.role == "body" and item.text[: item.heading_chars] == "（1）建设算力中心。"


# ------------------------------------------------------------------ 第X部分 / 第X章 / 第X节 and points inside sections
def test_parts_chapters_and_sections_nest_by_kind():
    doc = _parse(
        "第一部分 总体要求\n一、指导思想\n坚持稳中求进。\n第二部分 主要任务\n一、扩大内需\n（一）提振消费\n增加收入。\n"
    )
    assert [(s.section_id, s.level) for s in doc.sections] == [("1", 1), ("1.1", 2), ("2", 1), ("2.1", 2), ("2.1.1", 3)]
    assert doc.section("2.1.1").path == ["第二部分 主要任务", "一、扩大内需", "一（一）提振消费"]
    law = _parse(
        "第一章 总则\n第一节 目的\n为了规范管理，制定本办法。\n第二节 范围\n本办法适用于全市。\n第二章 附则\n本办法自公布之日起施行。\n"
    )
    assert [s.section_id for s in law.sections] == ["1", "1.1", "1.2", "2"]


def test_enumerations_inside_a_headed_section_stay_points_of_it():
    doc = _parse("一、主要任务\n第一，扩大内需。\n第二，稳定就业。\n二、保障措施\n加强领导。\n")
    assert _ids(doc) == ["1", "2"]
    assert [(p.section_id, p.marker) for p in doc.points] == [("1", "第一"), ("1", "第二")]


# ------------------------------------------------------------------ through the real index (Chroma, embedder)
def test_index_add_keeps_front_matter_roles_and_aliases(settings, tmp_path):
    from knowledge.index import KnowledgeIndex

    path = tmp_path / "plenum-communique.txt"
    path.write_text(COMMUNIQUE, encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    report = index.add([path], progress=False)
    assert report.files[0].status == "added", report.files[0].error
    doc_id = report.files[0].doc_id
    info = next(d for d in index.documents() if d.doc_id == doc_id)
    assert (info.title, info.date, info.issuer) == ("全省科技创新大会公报", "2025-01-20", "全省科技创新大会")
    assert "the communiqué" in info.aliases
    again = KnowledgeIndex.open(settings)  # read back from the store, not from memory
    chunks = again.chunks(doc_id)
    assert [c.section_id for c in chunks if c.role == "front"] == ["front"]
    assert [c.section_label for c in chunks if c.section_id == "3"] == [f"三是{TASKS[2]}"]


# ------------------------------------------------------------------ odd input never breaks the invariants
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "只有一行",
        "标题\n",
        "一、\n（一）\n",
        "C. elegans is a small worm\nIt lives in soil.\n",
        "I. M. Pei\n",
        "（3）孤立的编号\n正文。\n",
        "第一，\n第二，\n",
        "——\n（）\n新华社电\n",
    ],
)
def test_odd_texts_parse_into_sections_that_cover_every_line(text):
    doc = _parse(text)
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert sum(len(s.paragraphs) for s in doc.sections) == len(lines)
    for s in doc.sections:
        assert s.section_id and s.label
        for offset, paragraph in zip(s.paragraph_offsets, s.paragraphs):
            assert doc.text[offset : offset + len(paragraph)] == paragraph
    assert len({s.section_id for s in doc.sections}) == len(doc.sections)


def test_a_stray_letter_is_no_roman_part():
    doc = _parse("C. elegans is a small worm\nIt lives in soil.\n")
    assert "100" not in _ids(doc)


def test_a_paragraph_that_opens_with_a_marker_marks_its_heading_sentence(shared_settings):
    text = "三、今年的任务\n（一）扩大国内需求，稳定经济增长。今年要多措并举提振消费。\n（二）推进科技创新。加大基础研究投入。\n"
    _, chunks = prepare_document(text, DocumentMeta(doc_id="h", title=""), shared_settings)
    first = next(c for c in chunks if c.section_id == "3.1")
    assert first.section_label == "三（一）扩大国内需求，稳定经济增长"
    assert first.text[: first.heading_chars] == "（一）扩大国内需求，稳定经济增长。"
    assert first.role == "body"


OPINIONS = """省人民政府关于加快发展海洋渔业的意见
省政发〔2031〕7号
各市人民政府，省政府各部门：
为加快发展海洋渔业，现提出如下意见。
一、总体要求
到2035年，全省渔业产值达到八百亿元。
二、重点任务
建设三个国家级渔港经济区，推广绿色渔船。
三、组织实施
各地要细化方案，按季度调度进展。
省人民政府
2031年8月21日
"""


def test_a_signature_closing_an_official_document_is_its_own_section_and_dates_it():
    """落款: the issuer's name line, then the date alone, close an official document. They are a section of their own,
    about the document like its title lines (role "front"), not part of its last part; the date and issuer are the
    document's when its first lines give none (the number 省政发〔2031〕7号 names no issuer)."""
    doc = parse_document(OPINIONS, DocumentMeta(doc_id="op", title=""))
    by_id = {s.section_id: s for s in doc.sections}
    assert by_id["signature"].paragraphs == ["省人民政府", "2031年8月21日"] and by_id["signature"].label == "落款"
    assert by_id["signature"].role == "front" and by_id["3"].paragraphs[-1] == "各地要细化方案，按季度调度进展。"
    assert doc.front.date == "2031-08-21" and doc.front.issuer == "省人民政府"
    # a text whose last line is a sentence has no signature
    plain = parse_document(OPINIONS.replace("省人民政府\n2031年8月21日\n", ""), DocumentMeta(doc_id="p", title=""))
    assert "signature" not in {s.section_id for s in plain.sections}
