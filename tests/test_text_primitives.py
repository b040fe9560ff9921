"""The text primitives of knowledge/text.py: their behaviour, and that no module keeps a copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge import text

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("knowledge", "assistant", "eval", "web")
#: a Han range written out in code: "\u4e00", "一-", a literal first/last ideograph
_HAN_LITERAL = re.compile(r"\\u4e00|\\u9fff|\\u3400|一-|龥")
#: the modules allowed to spell a Han range: the definition, and the deliberately
#: independent language checks (documented in knowledge/text.py)
ALLOWED = {"knowledge/text.py", "eval/metrics.py", "assistant/testing.py"}


def _sources():
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/heldout/" not in rel:
                yield rel, path.read_text(encoding="utf-8")


def test_every_module_uses_the_shared_han_class():
    copies = [rel for rel, src in _sources() if rel not in ALLOWED and _HAN_LITERAL.search(src)]
    assert not copies, f"own Han character class in {copies}: import it from knowledge.text"


def test_one_light_stemmer_and_one_language_detector():
    own = [
        rel
        for rel, src in _sources()
        if rel != "knowledge/text.py" and re.search(r"endswith\(\"ies\"\)|def (?:_?stem|_?singular)\(", src)
    ]
    assert not own, f"own plural folding in {own}: use knowledge.text.singular"


def test_one_year_pattern():
    own = [rel for rel, src in _sources() if rel != "knowledge/text.py" and "(?:19|20)" in src]
    assert not own, f"own year pattern in {own}: compose knowledge.text.YEAR"


@pytest.mark.parametrize(
    "ch, han",
    [("中", True), ("㐀", True), ("龥", True), ("豈", True), ("a", False), ("，", False), ("ア", False), ("한", False)],
)
def test_han_class(ch, han):
    assert text.has_han(ch) is han


@pytest.mark.parametrize(
    "sample, lang",
    [
        ("我国算力发展存在哪些短板？", "zh"),
        ("What are the shortcomings of computing power?", "en"),
        ("什么是 East Data West Computing 工程？", "mixed"),
        (
            "新质生产力 (new quality productive forces) 是什么意思？请具体说明其内涵和主要特征，并举例说明它与传统生产力的区别",
            "zh",
        ),
        ("", "en"),
        ("12345 ？", "en"),
    ],
)
def test_language_of(sample, lang):
    assert text.language_of(sample) == lang


def test_mostly_han_uses_the_visible_share():
    assert text.mostly_han("人工智能 AI 与 大模型")
    assert not text.mostly_han("The 算力 gap")
    assert not text.mostly_han("   ")


@pytest.mark.parametrize(
    "word, stem",
    [
        ("forces", "force"),
        ("GPUs", "gpu"),
        ("policies", "policy"),
        ("classes", "class"),
        ("progress", "progress"),
        ("analysis", "analysis"),
        ("bus", "bus"),
        ("ties", "tie"),
        ("2020s", "2020s"),
        ("is", "is"),
        ("SMEs", "sme"),
        ("CPUs", "cpu"),
    ],
)
def test_singular(word, stem):
    assert text.singular(word) == stem


@pytest.mark.parametrize("sample, width", [("abc", 3), ("中文", 4), ("ｆｕｌｌ，", 10), ("算力 GPU", 8), ("", 0)])
def test_display_width(sample, width):
    assert text.display_width(sample) == width


def test_one_display_width_and_one_heading_start_pattern():
    """Widths come from knowledge.text (wcwidth); heading-like line starts from knowledge.headings."""
    own_width = [rel for rel, src in _sources() if "east_asian_width" in src]
    assert not own_width, f"own display width in {own_width}: use knowledge.text.display_width"
    own_heading = [rel for rel, src in _sources() if rel != "knowledge/headings.py" and "#{1,6}" in src]
    assert not own_heading, f"own heading pattern in {own_heading}: use knowledge.headings"


def test_years_in_chinese_digits_read_as_arabic():
    assert (
        text.arabic_years("到二〇三五年基本实现，一九七八年开始，二零二四 年")
        == "到2035年基本实现，1978年开始，2024 年"
    )
    # numbers that are not years (no 年 after them, or not 19xx/20xx) stay as written
    assert text.arabic_years("三五年，十五年，二〇三五，一二三四年") == "三五年，十五年，二〇三五，一二三四年"
    # ... and the circle (○) many texts type for 〇 is a zero too: such a text's years are dates like any other
    assert text.arabic_years("力争到二○三五年基本实现") == "力争到2035年基本实现"
    from assistant.answer_types import DATE, sentence_has

    assert sentence_has(DATE, "力争到二○三五年基本实现现代化。")


def test_a_year_is_one_token_however_written():
    from knowledge.keyword_index import tokenize

    assert "2035" in tokenize("到二〇三五年基本实现社会主义现代化")
    assert "2035" in tokenize("到2035年基本实现社会主义现代化")


def test_chinese_numerals_read_as_their_value():
    """A unit multiplies everything below it: 一万三千亿 is 13000 亿 (1.3 trillion), not 1 万 + 3000 亿."""
    from knowledge.text import han_number

    cases = {
        "一万三千亿": "1300000000000",
        "三亿五千万": "350000000",
        "五十四万亿": "54000000000000",
        "五千五百七十五万": "55750000",
        "八百三十二": "832",
        "十八点五": "18.5",
        "2031": "2031",
    }
    assert {text: han_number(text) for text in cases} == cases


def test_a_month_and_day_after_a_year_are_read_in_digits():
    """ "二〇三一年九月的那次政治局会议": the month after the year in Arabic digits too, as every later stage reads a
    date (the month unread, the question named every Politburo meeting); alone, 十月 may be a name's."""
    assert text.arabic_dates("二〇三一年九月的那次政治局会议") == "2031年9月的那次政治局会议"
    assert text.arabic_dates("2031年十二月三十日召开") == "2031年12月30日召开"
    assert text.arabic_dates("2031年十一月二十九号") == "2031年11月29日"
    assert text.arabic_dates("十月革命的道路") == "十月革命的道路"
