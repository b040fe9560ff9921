"""Text primitives shared by knowledge, assistant and eval: one definition of each.

What counts as a Chinese (Han) character, which language a text is written in, how an
English word is folded to its singular, which English words are function words, how wide a
line is on a page, and how a year is written: every module that needs one of these
imports it from here, so cleaning, retrieval, answer checks and the eval agree on them
(tests/test_text_primitives.py checks that no module keeps its own copy).

Two language checks stay independent on purpose, with their own character class and
rule, because they *judge* the product's language choice and must not share its bugs:
`eval.metrics.detect_language` (the language-match metric) and
`assistant.testing.assert_language` (the tests' check of an answer's own words). For the
same reason the eval's citation-support check (eval/support.py) keeps its own content units
and stop lists; it shares only the Han class.
"""

from __future__ import annotations

import re

import wcwidth

#: Han ideographs: CJK Unified Ideographs, Extension A and the compatibility block
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: one Han character, as a regex character class (compose it into larger patterns)
HAN_CLASS = f"[{HAN_RANGES}]"
HAN = re.compile(HAN_CLASS)
HAN_RUN = re.compile(HAN_CLASS + "+")
#: an English word for language detection (single letters are too often labels: "A", "x")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SPACE = re.compile(r"\s")

#: English function words: no search or matching feature is made of them (the BM25 index's
#: stop list; the sentence features add question and meta words to it, assistant.textmatch)
EN_FUNCTION_WORDS = frozenset(
    "a an and are as at be been but by can could did do does for from had has have how if in into is it its "
    "of on or our so such than that the their them then there these they this those to was were what when "
    "where which while who whom why will with would about".split()
)
#: a year as the texts write one (1949, 2035): compose it into patterns
YEAR = r"(?:19|20)\d\d"
#: the English month names, in order (a date written "December 2022")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTHS, 1)}


#: an English month's abbreviation before a day or a year ("Dec 2016", "Dec. 9, 2016", "Sept 24"): capitalised, as a
#: date is written ("mar" or "Jun" before no number is no month)
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?\s*(?=\d)")


def months_spelled_out(text: str) -> str:
    """The text with abbreviated month names written out ("Dec 2016" → "December 2016"), the form dates are read in."""
    return _MONTH_ABBREVIATION.sub(lambda m: next(n for n in MONTHS if n.startswith(m.group(1)[:3])) + " ", text)


def month_number(name: str) -> int:
    """1-12 for an English month name in any case ("april", "April"); 0 for any other word."""
    return _MONTH_NUMBERS.get(name.lower(), 0)


#: a standalone year (not part of a longer number), captured
YEAR_RE = re.compile(rf"(?<!\d)({YEAR})(?!\d)")
#: a Chinese digit's value (〇 and 零 both zero; so is ○, the circle many texts type for 〇: 二○三五年)
HAN_DIGITS = {**{c: str(i) for i, c in enumerate("〇一二三四五六七八九")}, "零": "0", "○": "0"}
#: a Chinese numeral's digit value (两 counts as 2: 两项)
_HAN_VALUES = {c: int(d) for c, d in HAN_DIGITS.items()} | {"两": 2}
#: a year written in Chinese digits before 年 (二〇三五年, 一九七八年): policy texts write years so,
#: questions write 2035年 or "by 2035"
_HAN_YEAR = re.compile("(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}(?=\\s*年)")
#: the Han share from which a line, paragraph or document is Chinese text (English text has
#: none; Chinese prose with Latin names and figures stays well above it)
ZH_SHARE = 0.3
#: about 1.5 Chinese characters carry what one English word does
HAN_PER_WORD = 1.5
#: one script must outweigh the other this many times for a text to be in that language
DOMINANCE = 4.0


def arabic_years(text: str) -> str:
    """The text with years written in Chinese digits in Arabic ones (二〇三五年 → 2035年), so that a
    question's "2035" finds, and is checked against, a text that writes 二〇三五年."""
    return _HAN_YEAR.sub(lambda m: "".join(HAN_DIGITS[c] for c in m.group(0)), text)


#: a month written in Chinese numerals after a year in digits, and its day (2031年九月, 2031年十二月三十日)
_HAN_MONTH_AFTER_YEAR = re.compile(
    r"(?<=\d年)(十[一二]?|[一二三四五六七八九])月(?:(三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?"
)


def arabic_dates(text: str) -> str:
    """The text with its years in Arabic digits (`arabic_years`) and the month and day after a year too (二〇三一年九月
    → 2031年9月): a question dating a meeting so ("二〇三一年九月的那次政治局会议") named every Politburo meeting, the
    month unread. Only after a year: alone, 十月 may be a name's (十月革命)."""

    def digits(m: re.Match) -> str:
        day = f"{han_number(m.group(2))}日" if m.group(2) else ""
        return f"{han_number(m.group(1))}月{day}"

    return _HAN_MONTH_AFTER_YEAR.sub(digits, arabic_years(text))


#: the verbs a communiqué or a readout reports its meeting by ("会议认为，", "全会提出，", "会议强调，")
REPORTING_VERBS = ("提出", "强调", "指出", "认为", "要求", "明确", "表示")
#: a reporting verb and the comma or colon after it: the end of a reporting frame ("全会提出，"), compose it into patterns
REPORTED = rf"(?:{'|'.join(REPORTING_VERBS)})[，,：:]"
#: English ordinal words, first to tenth (index + 1 is the number)
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def english_ordinal(n: int) -> str:
    """A number as an English ordinal in digits: 19 → 19th, 22 → 22nd, 13 → 13th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def han_numeral(n: int) -> str:
    """A whole number below 100 in Chinese numerals, as policy texts number items and sessions: 6 → 六, 11 → 十一, 40 → 四十."""
    tens, ones = divmod(n, 10)
    digits = "〇一二三四五六七八九"
    return (digits[tens] if tens > 1 else "") + ("十" if tens else "") + (digits[ones] if ones else "")


def han_number(text: str) -> str:
    """Chinese numerals (or digits) as Arabic digits: 二十三 → 23, 五十四万亿 → 54000000000000, 十八点五 → 18.5."""
    if text.isdigit():
        return text
    whole, _, decimals = text.partition("点")
    # `below`: the 万 group not yet multiplied by a larger unit (一万三千亿 is 13000 亿, not 1 万 + 3000 亿)
    total = below = section = digit = 0
    for ch in whole.replace("万亿", "兆"):
        if ch in _HAN_VALUES:
            digit = _HAN_VALUES[ch]
        elif ch in "十百千":
            section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
        elif ch == "万":
            below += (section + digit) * 10**4
            section = digit = 0
        else:  # 亿 兆
            total += (below + section + digit) * {"亿": 10**8, "兆": 10**12}[ch]
            below = section = digit = 0
    value = str(total + below + section + digit)
    return value + ("." + "".join(HAN_DIGITS[c] for c in decimals) if decimals else "")


def han_count(text: str) -> int:
    """Number of Han characters in `text`."""
    return len(HAN.findall(text))


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def cjk_ratio(text: str) -> float:
    """Share of Han characters among the non-space characters of `text`."""
    visible = len(text) - len(_SPACE.findall(text))
    return han_count(text) / visible if visible else 0.0


def mostly_han(text: str) -> bool:
    """A Chinese line, paragraph or document: at least `ZH_SHARE` of its visible characters are Han."""
    return cjk_ratio(text) >= ZH_SHARE


def display_width(text: str) -> int:
    """Columns `text` takes on a page or a terminal: CJK and full-width characters count 2
    (wcwidth's Unicode tables: East Asian Wide/Fullwidth, zero-width marks, control codes)."""
    return int(wcwidth.width(text))


def script_counts(text: str) -> tuple[int, int]:
    """(Han characters, Latin words) of `text`."""
    return han_count(text), len(LATIN_WORD.findall(text))


def language_of(text: str) -> str:
    """ "zh", "en" or "mixed" (both scripts present in earnest); "en" when neither is present.

    The one language detector of the product (questions, answers, documents): a script
    wins when it outweighs the other `DOMINANCE` times, Han characters weighed at
    1/`HAN_PER_WORD` word each.
    """
    han, words = script_counts(text)
    if han == 0:
        return "en"
    if words == 0:
        return "zh"
    zh_weight, en_weight = han / HAN_PER_WORD, float(words)
    if zh_weight >= DOMINANCE * en_weight:
        return "zh"
    if en_weight >= DOMINANCE * zh_weight:
        return "en"
    return "mixed"


def singular(word: str) -> str:
    """An English word lowercased and folded to its singular (forces → force, policies → policy,
    classes → class, GPUs → gpu; bus, analysis, progress unchanged): the one light stemmer, shared by the
    BM25 tokenizer, the glossary and the sentence-matching features, so query and text fold alike."""
    w = word.lower()
    if not w.isalpha():
        return w
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():  # an acronym's plural: GPUs, SMEs
        return w[:-1]
    if w.endswith("sses"):
        return w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


#: endings an English noun and its adjective differ by (finance / financial, economy / economic, nation / national)
_DERIVATIONAL = ("ial", "ic", "al", "y", "e")
#: a derivational stem keeps this many letters at least (so short words are compared whole)
_MIN_STEM = 4


def noun_adjective_stem(word: str) -> str:
    """`singular(word)` without one noun or adjective ending (`_DERIVATIONAL`) when four letters remain: "financial"
    and "finance" share "financ", "economic" and "economy" "econom", "regional" and "regions" "region". For matching
    a name's words only ("the Central Financial Work Conference" against a dictionary's "Central Finance …")."""
    w = singular(word)
    for ending in _DERIVATIONAL:
        if w.endswith(ending) and len(w) - len(ending) >= _MIN_STEM:
            return w[: -len(ending)]
    return w
