"""Chinese numerals, years, dates and editions written the way an English reader reads them.

Why: both English glosses, a generated section label (`knowledge.labels_en`, at index time) and a
quote's gloss (`assistant.gloss`), meet 二〇三五年, 百分之十八, 第十九届, 十八大, “十四五” and
12月11日至12日. Read word by word through the dictionary these became "two zero three", "party eighteen
big" and "12 moon 11 solstice 12 sun". One pre-pass writes them as digits and ASCII words, which both
glossers keep as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.headings import CN_NUMERAL, chinese_number
from knowledge.text import MONTHS, ORDINAL_WORDS, arabic_years, english_ordinal, han_number, has_han

_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]"
#: meetings and plans named in full (第二十次全国代表大会, 第十九届中央委员会第六次全体会议, 第十五个五年规划)
#: the Party's congress by its number (中国共产党第二十次全国代表大会, 党的第十九次全国代表大会), not another body's
#: (中国科协第十次全国代表大会, 某某学会第三次全国代表大会, 共青团…, 妇联…: a name ending 协 / 会 / 联 / 团 / 盟 / 社)
CONGRESS = re.compile(rf"(?<![协会联团盟社])第({CN_NUMERAL})次全国代表大会")
PLENUM = re.compile(rf"第({CN_NUMERAL})届中央委员会第({CN_NUMERAL})次全体会议")
PLAN = re.compile(rf"第({CN_NUMERAL})个五年规划")
#: a plenum by its abbreviation (十九届五中全会)
PLENUM_SHORT = re.compile(rf"(?:党的)?({CN_NUMERAL})届([一二三四五六七八九])中全会")
#: a Five-Year Plan named by its number (“十五五” = the 15th), which word glosses would read as "fifteen five"
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?")
#: a Party congress by its number (党的十八大, 二十大以来), a set abbreviation ("eighteen big" word by word); without
#: 党的 only where what follows reads as a congress's (十二大行动 is "twelve major actions")
_CONGRESS_NUMBER = r"(十[一二三四五六七八九]|二十[一二三四五六七八九]?)"
_CONGRESS = re.compile(
    rf"(?<![一二三四五六七八九十百千])(?:党的{_CONGRESS_NUMBER}大(?![会学])"
    rf"|{_CONGRESS_NUMBER}大(?=以来|以后|报告|精神|召开|提出|强调|作出|确立|通过))"
)
#: 百分之十八点五 → 18.5%
_PERCENT = re.compile(rf"百分之({_NUMERAL}+(?:点[零〇一二三四五六七八九]+)?)")
#: 第三次, 第二十届, 二十届 → ordinals
_ORDINAL = re.compile(rf"第({_NUMERAL}+|\d+)[次届个条项批位名]?|({_NUMERAL}+)届")
#: a number in Chinese numerals with a unit (十八, 五十四万亿, 八百三十二): one digit and a 十百千万亿, not opening
#: with 百/千/万/亿 (百万, 千万, 万一 are words)
_CHINESE_NUMBER = re.compile(
    rf"(?<!{_NUMERAL})(?=[十零〇一二两三四五六七八九])(?={_NUMERAL}*[十百千万亿])(?={_NUMERAL}*[一二两三四五六七八九])"
    rf"({_NUMERAL}{{2,}}(?:点[零〇一二三四五六七八九]+)?)"
    rf"|(?<!{_NUMERAL})([零〇一二两三四五六七八九十]+点[零〇一二三四五六七八九]+)"
)
#: a month and day, maybe a range (12月11日至12日, 3月5日—4月1日); a month alone (3月, 3月份) but not a count
#: of months (6个月: 个 stands between)
MONTH_DAY = re.compile(
    r"(?<![\d.])(\d{1,2})\s*月(?:份)?(?:\s*(\d{1,2})\s*[日号](?:\s*[至到—－\-~～]\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号])?)?"
)
#: a number of years (过去5年, 近10年): a year itself has four digits
_YEARS = re.compile(r"(?<![\d.])(\d{1,3})\s*年(?![代度份级])")
_ORDINAL_WORDS = ("zeroth", *ORDINAL_WORDS)


def name_plans(text: str) -> str:
    """“十五五” → " 15th Five-Year Plan " (in ASCII words, which a label keeps as they are)."""
    return _FIVE_YEAR.sub(lambda m: f" {10 + chinese_number(m.group(1))}th Five-Year Plan ", text)


def ordinal(number: str) -> str:
    """3 → "third", 19 → "19th"."""
    n = int(number)
    return _ORDINAL_WORDS[n] if n < len(_ORDINAL_WORDS) else english_ordinal(n)


def _nth(numeral: str) -> str:
    return english_ordinal(int(han_number(numeral)))


#: a Party congress in English ("the 18th National Congress", "the 19th Party Congress", "the 20th CPC National Congress")
_CONGRESS_EN = re.compile(r"\b(1[2-9]|2\d)(?:st|nd|rd|th) (?:(?:CPC|Party|National) )*Congress\b", re.I)


def congress_numbers(text: str) -> set[int]:
    """The numbers of the Party congresses a text names, in full (第十八次全国代表大会), abbreviated (党的十八大,
    二十大以来) or in English ("the 19th Party Congress")."""
    out = {int(han_number(m.group(1))) for m in CONGRESS.finditer(text)}
    out |= {int(han_number(m.group(1) or m.group(2))) for m in _CONGRESS.finditer(text)}
    return out | {int(m.group(1)) for m in _CONGRESS_EN.finditer(text)}


def congress_year(number: int) -> int:
    """The year of the nth Party congress: one every five years since the 12th in 1982 (十八大 → 2012)."""
    return 1982 + 5 * (number - 12)


def congress_years(text: str) -> set[str]:
    """The years of the Party congresses a text names (党的十八大 → 2012, so 党的十八大以来 answers "since 2012")."""
    return {str(congress_year(n)) for n in congress_numbers(text) if n >= 12}


#: a session of a National People's Congress: 九届全国人大二次会议, 第十三届全国人民代表大会第二次会议, "the Second Session of
#: the 13th National People's Congress", "the 13th NPC's second session"
NPC_SESSION_ZH = re.compile(
    rf"第?(?P<term>{_NUMERAL}+|\d{{1,2}})届全国(?:人大|人民代表大会)第?(?P<session>{_NUMERAL}|\d)次(?:全体)?会议"
)
#: an English ordinal, in words up to the tenth or in digits: "second", "13th"
EN_ORDINAL = rf"(?:{'|'.join(ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))"
NPC_SESSION_EN = re.compile(
    rf"\b(?:the\s+)?(?P<session>{EN_ORDINAL})\s+(?:plenary\s+)?session\s+of\s+the\s+(?P<term>{EN_ORDINAL})\s+"
    r"(?:National\s+People['’]s\s+Congress|NPC)\b"
    rf"|\b(?:the\s+)?(?P<term2>{EN_ORDINAL})\s+(?:National\s+People['’]s\s+Congress|NPC)['’]s\s+"
    rf"(?P<session2>{EN_ORDINAL})\s+(?:plenary\s+)?session\b",
    re.I,
)


def english_ordinal_value(word: str) -> int:
    """An `EN_ORDINAL`'s number: "second" → 2, "13th" → 13; 0 for anything else."""
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS.index(word) + 1
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else 0


def npc_session_year(term: int, session: int) -> str:
    """The year of a session of the National People's Congress: one is elected every five years since the 6th in 1983,
    and meets once a year, each March (九届全国人大二次会议 → 1999); "" outside the rule (before the 6th, a sixth
    session)."""
    if term < 6 or not 1 <= session <= 5:
        return ""
    return str(1983 + 5 * (term - 6) + session - 1)


#: a meeting by its abbreviation alone: 四中全会, 十九届四中全会, 十八大, 党的二十大
_MEETING_SHORT = re.compile(
    rf"^(?:(?:党的)?(?:({CN_NUMERAL})届)?([一二三四五六七八九])中全会|(?:党的)?{_CONGRESS_NUMBER}大)$"
)


def meeting_full_forms(word: str) -> tuple[str, ...]:
    """How a text writes in full the meeting a word abbreviates: 四中全会 → 第四次全体会议 (十九届四中全会 → also
    第十九届中央委员会第四次全体会议), 十八大 → 第十八次全国代表大会; () for any other word."""
    m = _MEETING_SHORT.match(word)
    if not m:
        return ()
    if m.group(3):
        return (f"第{m.group(3)}次全国代表大会",)
    session = f"第{m.group(2)}次全体会议"
    return (session, f"第{m.group(1)}届中央委员会{session}") if m.group(1) else (session,)


def _plenum(m: re.Match) -> str:
    session = int(han_number(m.group(2)))
    if not 1 <= session <= len(ORDINAL_WORDS):
        return m.group(0)
    return f"{ORDINAL_WORDS[session - 1].capitalize()} Plenary Session of the {_nth(m.group(1))} Central Committee"


#: each full name's English, as the official translations write it
_IN_FULL: tuple[tuple[re.Pattern, Callable[[re.Match], str]], ...] = (
    (PLENUM, _plenum),
    (PLENUM_SHORT, _plenum),
    (CONGRESS, lambda m: f"{_nth(m.group(1))} National Congress"),
    (PLAN, lambda m: f"{_nth(m.group(1))} Five-Year Plan"),
)


def english_meetings(text: str) -> list[str]:
    """The meetings and plans a text names in full, in English ("Sixth Plenary Session of the 19th Central
    Committee", "20th National Congress", "15th Five-Year Plan")."""
    found = (render(m) for pattern, render in _IN_FULL for m in pattern.finditer(text))
    return [e for e in found if not has_han(e)]


def _spaced(render: Callable[[re.Match], str]) -> Callable[[re.Match], str]:
    return lambda m: f" {render(m)} "


def in_english_numerals(text: str) -> str:
    """The text with its plans, years, congresses, percentages, ordinals, Chinese numbers, dates and
    numbers of years in digits and English words (spaced, so a segmenter keeps them whole)."""
    for pattern, render in _IN_FULL:
        text = pattern.sub(_spaced(render), text)
    text = arabic_years(name_plans(text))
    text = _CONGRESS.sub(lambda m: f" {_nth(m.group(1) or m.group(2))} National Congress ", text)
    text = _PERCENT.sub(lambda m: f" {han_number(m.group(1))}% ", text)
    text = _ORDINAL.sub(lambda m: f" {ordinal(han_number(m.group(1) or m.group(2)))} ", text)
    text = _CHINESE_NUMBER.sub(lambda m: f" {han_number(m.group(1) or m.group(2))} ", text)
    text = MONTH_DAY.sub(_date, text)
    return _YEARS.sub(lambda m: f" {m.group(1)} {'year' if m.group(1) == '1' else 'years'} ", text)


def _date(m: re.Match) -> str:
    month, day, month_to, day_to = m.groups()
    if not 1 <= int(month) <= 12 or (month_to and not 1 <= int(month_to) <= 12):
        return m.group(0)
    out = f"{MONTHS[int(month) - 1]} {day}" if day else MONTHS[int(month) - 1]
    if day_to:
        out += f" to {MONTHS[int(month_to) - 1]} {day_to}" if month_to else f" to {day_to}"
    return f" {out} "
