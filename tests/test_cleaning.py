"""Cleaning on the real artifacts of the bundled corpus (and text that must pass untouched)."""

from __future__ import annotations

import re

import pytest

from knowledge.cleaning import clean_text, layout, looks_hard_wrapped, repair_paragraph
from knowledge.corpus import bundled_documents
from knowledge.text import cjk_ratio


@pytest.fixture(scope="module")
def raw() -> dict[str, str]:
    return {meta.doc_id: text for meta, text in bundled_documents()}


@pytest.fixture(scope="module")
def paper(raw) -> str:
    return clean_text(raw["shi-xu-2024"])


@pytest.fixture(scope="module")
def paper_lines(paper) -> list[str]:
    return paper.split("\n")


def test_layout_is_decided_per_document(raw):
    assert layout(raw["shi-xu-2024"]).kind == "pdf-interleaved"
    assert looks_hard_wrapped(raw["shi-xu-2024"])
    assert layout(raw["gwr-2024"]).kind == "lines"
    assert not looks_hard_wrapped(raw["gwr-2024"])


def test_report_passes_through_unchanged(raw):
    report = raw["gwr-2024"]
    assert clean_text(report) == "\n".join(line.strip() for line in report.split("\n") if line.strip())
    assert clean_text(report).split("\n")[0] == report.split("\n")[0]  # even the \u2002 in the title line


def test_cleaning_is_idempotent(raw, paper):
    assert clean_text(paper) == paper
    report = clean_text(raw["gwr-2024"])
    assert clean_text(report) == report


def test_no_page_artifact_survives(raw, paper, paper_lines):
    assert "2024年第1期（总第482期）" in raw["shi-xu-2024"]  # the artifact is really in the source
    assert "2024年第1期（总第482期）" not in paper
    assert not [line for line in paper_lines if re.fullmatch(r"\s*\d+\s*", line)]
    assert "\n10\n" in raw["shi-xu-2024"] and "\n10\n" not in paper
    assert not [line for line in paper_lines if line != line.strip()], "page-start spaces must be gone"
    assert "" not in paper_lines


def test_text_across_the_page_break_is_joined(paper):
    # the page break (page number + running header) fell between 短 and 板
    assert (
        "为了夯实发展新质生产力的算力基础，未来应从以下四个方面补齐我国算力发展短板、构建我国算力竞争优势：首先，"
        in paper
    )


@pytest.mark.parametrize(
    "broken, repaired",
    [
        ("76. 6ZB", "76.6ZB"),
        ("23. 88ZB", "23.88ZB"),
        ("到26. 3%", "到26.3%"),
        ("“工业 4. 0”", "“工业4.0”"),
        ("“超智能社会 5. 0”", "“超智能社会5.0”"),
        ("2023年 9月", "2023年9月"),
        ("2011 年 11 月", "2011年11月"),
        ("设立 31个", "设立31个"),
        ("和 5G通信", "和5G通信"),
        ("《德国 2020高科技战略》", "《德国2020高科技战略》"),
        ("徐 玲", "徐玲"),
    ],
)
def test_numbers_and_spacing_split_by_extraction_are_repaired(raw, paper, broken, repaired):
    flat_raw = re.sub(r"\n\s*", "", raw["shi-xu-2024"])
    assert broken in flat_raw, "the artifact must exist in the source for this test to mean anything"
    assert broken not in paper
    assert repaired in paper


def test_no_split_decimal_left_in_chinese_text(paper_lines):
    for line in paper_lines:
        if cjk_ratio(line) >= 0.3:
            assert not re.search(r"\d\. \d", line), line


def test_hard_wrapped_lines_are_joined_without_spaces(paper_lines):
    # every Chinese body paragraph ends a sentence: none was cut mid-sentence
    headings = re.compile(r"^(?:[一二三]、|（[一二三四五六七八九]）)")
    body = [ln for ln in paper_lines if cjk_ratio(ln) >= 0.3 and not headings.match(ln) and len(ln) > 60]
    assert len(body) >= 25
    for line in body:
        assert re.search(r"[。！？][”’）］\d]*$", line), line[-30:]
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", line.replace("同济大学 经济", "")), line


def test_real_paragraph_breaks_are_kept(paper_lines):
    starts = [line[:12] for line in paper_lines]
    # indented first lines (width ~80 of ~84) and point openers start paragraphs
    for opener in (
        "2023年9月，习近平总书记",
        "第一，新质生产力以大数据",
        "第二，新质生产力以数据和",
        "第三，新质生产力的主要载体",
        "美国重点关注制造业回流问",
        "德国密切关注产业结构升级",
        "日本在氢能源、量子科技、",
        "新质生产力的劳动资料是实现",
        "新质生产力的劳动对象既包含",
    ):
        assert opener[:12] in starts, opener
    # full-width lines are continuations, even after a sentence end or a page start
    for continuation in ("2021年，美国发布", "日本自2016年起", "最后，要全面推进国家科技创新中心", "交互性和智能性"):
        assert not any(line.startswith(continuation) for line in paper_lines), continuation


def test_title_and_front_matter(paper_lines):
    assert paper_lines[:3] == [
        "加快形成新质生产力的重大战略意义及实现路径研究",
        "石建勋，徐玲",
        "（同济大学 经济与管理学院，上海 200092）",
    ]
    assert paper_lines[3].startswith("摘要：新质生产力是以大数据")


def test_english_summary_spacing_is_intact(raw, paper):
    source = raw["shi-xu-2024"]
    start = source.index("Summary：")
    end = source.index("Key words")
    expected = " ".join(line.strip() for line in source[start:end].split("\n") if line.strip())
    cleaned = paper[paper.index("Summary：") : paper.index("Key words")]
    # paragraph breaks become newlines, hyphens U+2010 become "-"; every word and space is kept
    assert " ".join(cleaned.split("\n")).strip() == expected.replace("\u2010", "-")
    assert "non-material entities such as vast amounts of data and information.Accelerating the formation" in cleaned
    assert (
        "Major Strategic Significance and Implementation Path of Accelerating the Formation of New Quality Productivity"
        in paper
    )


def test_english_text_is_not_number_repaired():
    text = "Output rose in 2023. 5 firms left; Version 2. 0 shipped."
    assert repair_paragraph(text) == text


def test_dense_wrapped_text_with_page_furniture(raw):
    """pypdf-like text: no blank lines, page numbers and a repeated running header."""
    source = raw["shi-xu-2024"]
    english = [
        ln.rstrip() for ln in source[source.index("Summary：") : source.index("Key words")].split("\n") if ln.strip()
    ]
    header = "Journal of Tongji University"
    pages = [english[:8], english[8:16], english[16:]]
    # page furniture surrounded by blank lines, as pypdf often emits it: a page break, not a paragraph break
    dense = "\n".join(f"{header}\n\n" + "\n".join(page) + f"\n\n{n}\n" for n, page in enumerate(pages, start=7))
    assert layout(dense).kind == "pdf-wrapped"
    cleaned = clean_text(dense)
    assert header not in cleaned
    assert not re.search(r"^\d+$", cleaned, re.M)
    paragraphs = cleaned.split("\n")
    assert [p[:19] for p in paragraphs] == ["Summary：New quality", "The workforce in th", "The establishment o"]


def test_user_text_one_paragraph_per_line_passes_through():
    md = "# 学习笔记\n\n## 1. 背景\n\n新质生产力是创新起主导作用的先进生产力质态。\n\n- 要点一：科技创新\n- 要点二：产业升级\n"
    assert layout(md).kind == "lines"
    assert (
        clean_text(md)
        == "# 学习笔记\n## 1. 背景\n新质生产力是创新起主导作用的先进生产力质态。\n- 要点一：科技创新\n- 要点二：产业升级"
    )
    assert clean_text("\ufeffHello world.\r\nSecond line.\r\n") == "Hello world.\nSecond line."


def test_wrapped_markdown_keeps_blank_line_paragraphs_and_list_items():
    md = (
        "# Notes on computing power\n\n"
        "Computing power is an important foundation of new quality productive forces and\n"
        "its level decides how quickly big data and artificial intelligence can be put to\n"
        "work in industry\n\n"
        "Shortcomings listed by the authors include\n"
        "- chip design and manufacturing held back by export controls on key equipment and\n"
        "  tools\n"
        "- too few algorithm engineers\n"
        "- data centres unevenly spread between the east and the west of the country so\n"
        "  that eastern demand must be moved west\n"
    )
    assert layout(md).kind == "pdf-wrapped"
    assert clean_text(md).split("\n") == [
        "# Notes on computing power",
        "Computing power is an important foundation of new quality productive forces and its level decides how "
        "quickly big data and artificial intelligence can be put to work in industry",
        "Shortcomings listed by the authors include",
        "- chip design and manufacturing held back by export controls on key equipment and tools",
        "- too few algorithm engineers",
        "- data centres unevenly spread between the east and the west of the country so that eastern demand must "
        "be moved west",
    ]


def test_one_long_line_per_paragraph_is_never_rejoined():
    long_lines = "\n\n".join(
        f"Paragraph {n} talks about productivity and innovation at length without a final stop " * 3 for n in range(10)
    )
    assert layout(long_lines).kind == "lines"
    assert clean_text(long_lines) == "\n".join(ln.strip() for ln in long_lines.split("\n") if ln.strip())


def test_a_short_text_of_one_paragraph_per_line_keeps_its_byline_lines():
    """Eight short lines, most ending mid-sentence (a title, a dash byline, a name, an address, headings): no line width
    recurs, so it is no printed page to re-join, and its byline lines stay lines of their own."""
    text = (
        "政府工作报告\n——2031年1月20日在东川省第十四届人民代表大会第五次会议上\n东川省省长 王明远\n各位代表：\n"
        "一、2030年工作回顾\n过去一年，全省经济稳中有进，地区生产总值增长5.2%。\n二、2031年工作安排\n"
        "今年全省发展主要预期目标是：地区生产总值增长5%左右。\n"
    )
    assert layout(text).kind == "lines"
    lines = clean_text(text).split("\n")
    assert lines[1] == "——2031年1月20日在东川省第十四届人民代表大会第五次会议上" and lines[2] == "东川省省长 王明远"


def test_a_communique_of_name_lists_is_not_rejoined_as_a_printed_page():
    """A session's communiqué: title, adoption line, then headings and name lists, most lines ending without a sentence
    end and some widths recurring. Half its lines are far wider than its most common width, which no printed page has:
    each line stays a paragraph, and the title line stays the title."""
    names = "　".join(["赵东明", "钱西林", "孙南山", "李北海", "周中原", "吴高远", "郑长青", "王立新", "冯建国"])
    text = "\n".join(
        [
            "东川省第九届委员会第一次全体会议公报",
            "（2031年10月23日东川省第九届委员会第一次全体会议通过）",
            "东川省第九届委员会第一次全体会议，于2031年10月23日在东川举行。",
            "出席全会的有委员63人，候补委员18人。纪律检查委员会委员列席会议。",
            "全会选举了常务委员会委员和书记、副书记；通过了秘书长人选，决定了各专门委员会组成人员，现予公布。",
            "一、常务委员会委员",
            "（按姓氏笔画为序排列）",
            names,
            "二、书记、副书记",
            "书　记　赵东明",
            "副书记　钱西林　孙南山",
            "三、秘书长",
            "周中原",
            "四、专门委员会主任委员",
            names,
            "五、纪律检查委员会书记、副书记",
            "书　记　吴高远",
            "副书记　郑长青　王立新",
        ]
    )
    assert layout(text).kind == "lines"
    lines = clean_text(text).split("\n")
    assert lines[0] == "东川省第九届委员会第一次全体会议公报" and lines[7] == names


def test_full_width_digits_and_letters_become_ascii_and_chinese_punctuation_stays():
    """A report typed full width (１９９６年, ６．１％, ＧＤＰ) against questions in ASCII: "到2000年…目标" was refused because
    "2000" is not in "到２０００年". Digits, Latin letters and a point between digits fold; （）：，％ stay as written."""
    text = "一、１９９６年海洋渔业工作的回顾\n渔业产值增长６．１％，ＧＤＰ占比（１）：到２０００年达到１３％。"
    assert clean_text(text) == "一、1996年海洋渔业工作的回顾\n渔业产值增长6.1％，GDP占比（1）：到2000年达到13％。"
