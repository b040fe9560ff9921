"""Section hierarchy of the real bundled documents, and of user documents with headings."""

from __future__ import annotations

import pytest

from knowledge.corpus import bundled_documents
from knowledge.models import DocumentMeta
from knowledge.pipeline import parse_document
from knowledge.structure import DocumentStructure, parse_structure

PAPER_IDS = (
    ["front", "abstract", "intro", "1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "2.1", "2.2", "2.3", "2.4", "3"]
    + [f"3.{n}" for n in range(1, 10)]
    + ["summary_en", "keywords_en"]
)
REPORT_IDS = ["front", "0", "1", "2", "3"] + [f"3.{n}" for n in range(1, 11)] + ["closing"]


@pytest.fixture(scope="module")
def parsed() -> dict[str, DocumentStructure]:
    return {meta.doc_id: parse_document(text, meta) for meta, text in bundled_documents()}


@pytest.fixture(scope="module")
def metas() -> dict[str, DocumentMeta]:
    return {meta.doc_id: meta for meta, _ in bundled_documents()}


def _section_of(structure: DocumentStructure, phrase: str) -> list[str]:
    return [s.section_id for s in structure.sections if any(phrase in p for p in s.paragraphs)]


def test_section_ids_follow_the_convention(parsed):
    assert [s.section_id for s in parsed["shi-xu-2024"].sections] == PAPER_IDS
    assert [s.section_id for s in parsed["gwr-2024"].sections] == REPORT_IDS


def test_hand_written_english_labels_still_match_their_sections(parsed, metas):
    labelled = [doc_id for doc_id in parsed if metas[doc_id].section_labels_en]
    assert {"shi-xu-2024", "gwr-2024"} <= set(labelled)
    for doc_id in labelled:
        structure = parsed[doc_id]
        assert set(metas[doc_id].section_labels_en) == {s.section_id for s in structure.sections}
        for section in structure.sections:
            assert section.label_en == metas[doc_id].section_labels_en[section.section_id]
            assert section.label_en.isascii() and len(section.label_en) > 5


@pytest.mark.parametrize(
    "doc_id, phrase, section_id",
    [
        ("shi-xu-2024", "东数西算", "3.8"),
        ("shi-xu-2024", "两弹一星", "3.3"),
        ("shi-xu-2024", "76.6ZB", "1.4"),
        ("shi-xu-2024", "超智能社会5.0", "1.5"),
        ("shi-xu-2024", "贷款+直投", "3.7"),
        ("shi-xu-2024", "2023年9月，习近平总书记在黑龙江考察调研期间首次提出", "intro"),
        ("shi-xu-2024", "Key words：new quality productivity", "keywords_en"),
        ("shi-xu-2024", "Firstly, it facilitates a qualitative leap", "summary_en"),
        ("gwr-2024", "人工智能+", "3.1"),
        ("gwr-2024", "现在，我代表国务院，向大会报告政府工作", "0"),
        ("gwr-2024", "一国两制", "closing"),
        ("gwr-2024", "使命重在担当，奋斗创造未来", "closing"),
    ],
)
def test_known_passages_land_in_their_sections(parsed, doc_id, phrase, section_id):
    assert _section_of(parsed[doc_id], phrase) == [section_id]


def test_labels_as_a_reader_cites_them(parsed):
    paper, report = parsed["shi-xu-2024"], parsed["gwr-2024"]
    s38 = paper.section("3.8")
    assert s38.label == "三（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础"
    assert s38.label_en.startswith("III.8 Building competitive advantages in computing power")
    assert s38.path == ["三、加快形成新质生产力的实现路径", s38.label]
    assert s38.level == 2
    assert paper.section("3").label == "三、加快形成新质生产力的实现路径"
    assert paper.section("1.1").label == "一（一）加快形成新质战斗力是提升军队体系作战能力的理论创新和实践要求"
    assert paper.section("abstract").label == "摘要"
    assert paper.section("intro").label == "引言"
    assert report.section("3.1").label == "三（一）大力推进现代化产业体系建设，加快发展新质生产力"
    assert report.section("3.10").label == "三（十）切实保障和改善民生，加强和创新社会治理"
    assert report.section("1").label == "一、2023年工作回顾"
    assert report.section("3.1").path == ["三、2024年政府工作任务", report.section("3.1").label]


def test_front_abstract_and_english_summary(parsed):
    paper = parsed["shi-xu-2024"]
    assert paper.section("front").paragraphs == [
        "加快形成新质生产力的重大战略意义及实现路径研究",
        "石建勋，徐玲",
        "（同济大学 经济与管理学院，上海 200092）",
    ]
    assert len(paper.section("abstract").paragraphs) == 1
    assert paper.section("abstract").paragraphs[0].startswith("摘要：")
    summary = paper.section("summary_en").paragraphs
    assert summary[0].startswith("Major Strategic Significance and Implementation Path")
    assert summary[1] == "SHI Jian-xun, XU Ling"
    assert summary[3].startswith("Summary：")
    assert len(summary) == 6
    assert paper.section("keywords_en").paragraphs[0].startswith("Key words：")
    # parts of the paper have no text of their own before their first （一）: only their heading
    assert [paper.section(p).paragraphs for p in ("1", "2", "3")] == [
        ["一、从新质战斗力到新质生产力：理论与实践发展的新飞跃"],
        ["二、加快形成新质生产力的重大战略意义"],
        ["三、加快形成新质生产力的实现路径"],
    ]


def test_paragraph_counts_of_the_paper(parsed):
    counts = {s.section_id: len(s.paragraphs) for s in parsed["shi-xu-2024"].sections}
    # heading line + body paragraphs
    assert counts["1.3"] == 1 + 3  # labour / means of labour / objects of labour
    assert counts["1.4"] == 1 + 3  # 第一 第二 第三
    assert counts["1.5"] == 1 + 4  # overview, USA, Germany, Japan
    assert all(counts[f"3.{n}"] == 1 + 1 for n in range(1, 10))


def test_report_closing_boundary(parsed):
    report = parsed["gwr-2024"]
    last_task = report.section("3.10").paragraphs
    closing = report.section("closing").paragraphs
    assert len(last_task) == 6 and last_task[-1].startswith("维护国家安全和社会稳定")
    assert closing[0] == "各位代表！"
    assert closing[1].startswith("新征程新使命，对政府工作提出了新的更高要求")
    assert closing.count("各位代表！") == 3
    # the address inside the review (part 一) stays there
    assert "各位代表！" in report.section("1").paragraphs
    assert report.section("0").paragraphs[0] == "各位代表："
    assert report.section("front").paragraphs[0].startswith("政府工作报告——2024年3月5日")
    assert report.section("3").paragraphs == ["三、2024年政府工作任务", report.section("3").paragraphs[1]]
    assert report.section("3").paragraphs[1].startswith("党中央对今年工作作出了全面部署")
    assert report.section("3.1").paragraphs[0].startswith("（一）大力推进现代化产业体系建设")


def test_points_are_recorded(parsed):
    paper = parsed["shi-xu-2024"]
    in_14 = [(p.paragraph_index, p.marker) for p in paper.points if p.section_id == "1.4"]
    assert in_14 == [(1, "第一"), (2, "第二"), (3, "第三")]
    in_38 = [p.marker for p in paper.points if p.section_id == "3.8"]
    assert in_38 == ["首先", "其次", "再次", "最后"]
    for point in paper.points:
        assert paper.text.startswith(point.marker, point.offset)
    report_points = [p.marker for p in parsed["gwr-2024"].points if p.section_id == "1"]
    assert report_points == ["一是", "二是", "三是", "四是", "五是", "六是"]


def test_every_line_is_a_paragraph_of_exactly_one_section(parsed):
    for structure in parsed.values():
        owned: dict[int, str] = {}
        for section in structure.sections:
            for offset, paragraph in zip(section.paragraph_offsets, section.paragraphs):
                assert structure.text[offset : offset + len(paragraph)] == paragraph
                assert offset not in owned
                owned[offset] = section.section_id
        offset = 0
        for line in structure.text.split("\n"):
            assert offset in owned, line
            offset += len(line) + 1
        assert len(owned) == structure.text.count("\n") + 1


def test_heading_lines_open_their_sections(parsed):
    paper = parsed["shi-xu-2024"]
    headings = [paper.text[a:b] for a, b in paper.heading_spans]
    assert headings[0] == "一、从新质战斗力到新质生产力：理论与实践发展的新飞跃"
    assert "（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础" in headings
    assert len(headings) == 3 + 5 + 4 + 9
    firsts = {s.paragraph_offsets[0]: s for s in paper.sections if s.paragraphs}
    for start, end in paper.heading_spans:
        section = firsts[start]
        assert section.label.endswith(paper.text[start:end])
    report = parsed["gwr-2024"]
    assert [report.text[a:b] for a, b in report.heading_spans] == [
        "一、2023年工作回顾",
        "二、2024年经济社会发展总体要求和政策取向",
        "三、2024年政府工作任务",
    ]


# ------------------------------------------------------------------ user documents
def _user(text: str, doc_id: str = "user-doc") -> DocumentStructure:
    return parse_document(text, DocumentMeta(doc_id=doc_id, title="t", lang="en"))


def test_markdown_headings():
    doc = _user(
        "# Study notes\n\nWhy this exists.\n\n## 1. Background\n\nSome background.\n\n"
        "### 1.2 Details\n\nDetail text.\n\n## Methods\n\nWe read papers.\n"
    )
    ids = [(s.section_id, s.label, s.level) for s in doc.sections]
    assert ids == [
        ("s1", "Study notes", 1),
        ("1", "1. Background", 2),
        ("1.2", "1.2 Details", 3),
        ("s2", "Methods", 2),
    ]
    assert doc.section("s1").paragraphs == ["# Study notes", "Why this exists."]
    assert doc.section("1.2").path == ["Study notes", "1. Background", "1.2 Details"]
    assert doc.section("1.2").label_en == "1.2 Details"


def test_numbered_english_headings_and_preamble():
    doc = _user(
        "A short preface sentence.\n1. Introduction\nText one.\n2. Methods\nText two.\n2.1 Data\nText three.\n"
        "Chapter 3\nText four.\n"
    )
    assert [s.section_id for s in doc.sections] == ["0", "1", "2", "2.1", "3"]
    assert doc.section("0").label == "Opening"
    assert doc.section("2.1").path == ["2. Methods", "2.1 Data"]


def test_chinese_headings_get_a_generated_english_label():
    doc = _user("第一章 总则\n本办法适用于全部成员。\n第二章 细则\n一、适用范围\n适用于全体。\n（一）例外\n无例外。\n")
    assert [(s.section_id, s.level) for s in doc.sections] == [("1", 1), ("2", 1), ("2.1", 2), ("2.1.1", 3)]
    assert doc.section("1").label == "第一章 总则"
    assert doc.section("1").label_en.startswith("Chapter 1") and doc.section("1").label_en_generated
    assert doc.section("2.1.1").label_en.startswith("II.1.1")
    assert doc.section("2.1.1").label == "一（一）例外"
    assert doc.section("2.1.1").path == ["第二章 细则", "一、适用范围", "一（一）例外"]


def test_document_without_headings_gets_paragraph_sections():
    doc = _user("Just a note.\nAnother line of the note.\n")
    assert [(s.section_id, s.label, s.paragraphs) for s in doc.sections] == [
        ("p1", "¶1 Just a note", ["Just a note."]),
        ("p2", "¶2 Another line of the note", ["Another line of the note."]),
    ]


def test_list_sentences_are_not_headings():
    doc = _user("Intro line.\n1. Buy milk.\n2. Read the report, then write notes.\n")
    assert [s.section_id for s in doc.sections] == ["p1", "p2", "p3"]


def test_structure_works_on_cleaned_text_directly():
    meta = DocumentMeta(doc_id="x", title="x")
    structure = parse_structure("一、总体要求\n坚持稳中求进。\n", meta)
    assert [s.section_id for s in structure.sections] == ["1"]
    assert structure.section("1").paragraphs == ["一、总体要求", "坚持稳中求进。"]


def test_english_paper_with_abstract():
    doc = _user(
        "Computing Power and Growth\nA. Author\nAbstract: We study computing power.\n"
        "Growth needs computing power.\n1. Introduction\nText.\n"
    )
    assert [(s.section_id, len(s.paragraphs)) for s in doc.sections] == [
        ("front", 2),
        ("abstract", 1),
        ("intro", 1),
        ("1", 2),
    ]
    assert doc.section("abstract").label == "Abstract"
