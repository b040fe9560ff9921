"""Title and byline lines at the top of a text, and the metadata they carry.

Why: a user's file often has no metadata but says it all in its first lines — the
title, then a byline such as `——2023年3月5日在第十四届全国人民代表大会第一次会议上`,
`（2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）`, `（2022年10月16日）`,
`新华社北京2月1日电`, a name line (`国务院总理 李强`, `习近平`), or in English
`Delivered at … on March 5, 2022` / `Li Keqiang`. Those lines become the `front`
section (never quoted as the answer to a content question), and the title, date and
issuing body fill whatever the file or manifest left empty (`apply_front_matter`:
metadata always wins). An official document may instead close with its signature (落款: the issuer's name line, then
the date alone, `read_signature`): its own section, and its date and issuer where the first lines give none.

Rules: the first paragraph is a title when it reads like one (no sentence end, not
a heading, not an address such as 同志们：). The lines after it are front matter
while they are byline-like: a dash or parenthesised line, a dateline, an English
`Delivered/Adopted at …` line, or a short name line without punctuation. The first
line that is not ends the front.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from knowledge.aliases import delivered_report_title, lead_headline, with_delivered_report
from knowledge.headings import HEADING_START_RE
from knowledge.models import DocumentMeta
from knowledge.numerals_en import MONTH_DAY, congress_years
from knowledge.text import HAN_CLASS, HAN_DIGITS, MONTHS, month_number, mostly_han

#: longest title line (a two-line title merged into one stays under it)
MAX_TITLE_CHARS = 160
#: most lines a front can have (title + byline lines): a run of short lines below a
#: title is a list, not a byline
MAX_FRONT_LINES = 6
#: longest name line (国务院总理 李克强, Premier of the State Council)
MAX_NAME_CHARS_ZH = 24
MAX_NAME_CHARS_EN = 60

#: a Chinese date, its day optional (2031年10月29日, 二〇三一年十月, 2031年10月29号)
ZH_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4}|\d{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
)
_EN_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
_EN_DATE_DMY = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r"),?\s+(\d{4})\b", re.IGNORECASE)

#: 新华社北京2月1日电, 本报北京3月5日电（记者 …）
DATELINE_RE = re.compile(
    r"^((?:新华社|中新社|人民日报|本报|央视网|新华网|光明日报|经济日报)?)\s*([^\s，。、（(]{0,10}?)\s*"
    r"(\d{1,2})月(\d{1,2})日电(?:\s*[（(][^）)]*[）)])?"
)
#: （2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）
_ADOPTED_BY = re.compile(r"日(.+?)(?:通过|发布|印发)")
#: ——2023年3月5日在第十四届全国人民代表大会第一次会议上
_DASH_BYLINE = re.compile(r"^[—–-]{1,2}\s*\S")
_EN_BYLINE = re.compile(r"^(?:Delivered|Adopted|Presented|Issued|Approved|Speech|Address|Report)\b", re.IGNORECASE)
_ADDRESS = re.compile(r"[：:，,！!]$")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?:\s|$)")


@dataclass(frozen=True)
class FrontMatter:
    """What the first lines of a text say about it."""

    lines: int = 0  # how many leading paragraphs are title/byline
    title: str = ""
    byline: str = ""  # the byline lines as written, joined by a space
    date: str = ""  # YYYY-MM-DD (or YYYY-MM) when a full date with its year is given
    issuer: str = ""  # who issued, adopted or delivered it


def read_front_matter(paragraphs: list[str]) -> FrontMatter:
    """Front matter of a text given as its paragraphs (cleaned, one per line)."""
    dateline, first = _leading_dateline(paragraphs[0]) if paragraphs else ("", "")
    first, adoption = _title_and_adoption(first)
    if len(paragraphs) < 2 or not _is_title(first):
        only = _dateline_only(paragraphs)
        # a news item copied without its headline is titled by its lead (某某会议…在北京举行), a report delivered to a
        # meeting by the meeting its opening names (在…上的报告)
        title = (
            (lead_headline(paragraphs[0]) or delivered_report_title(paragraphs[:OPENING_SPEECH])) if paragraphs else ""
        )
        return FrontMatter(
            title=title,
            byline=only.get("byline", ""),
            issuer=only.get("issuer", ""),
            date=_reviewing_meeting_date(paragraphs[:OPENING_PARAGRAPHS])
            or _held_date(paragraphs[:1])
            or _party_congress_year(title),
        )
    title, byline_in_title = (first, adoption) if adoption else _split_title(first)
    n = 1
    if not byline_in_title and len(paragraphs) > 2 and _is_subtitle(paragraphs[1]):
        # "坚定不移沿着…前进" then "——中国共产党第十八次全国代表大会报告": the title's subtitle on a line of its own
        title, n = f"{title}{paragraphs[1].strip()}", 2
    first_byline = n
    while n < min(len(paragraphs) - 1, MAX_FRONT_LINES) and _is_byline(paragraphs[n]):
        n += 1
    bylines = [b for b in (dateline, byline_in_title) if b] + [_unspaced(p) for p in paragraphs[first_byline:n]]
    given, title = title, with_delivered_report(title, bylines, paragraphs[n : n + OPENING_SPEECH])
    extra = _dateline_only(paragraphs[n : n + 1])
    return FrontMatter(
        lines=n,
        title=title,
        byline=" ".join(bylines) or extra.get("byline", ""),
        date=_first_date(bylines)
        or extra.get("date", "")
        or _title_year(title)
        or _reviewing_meeting_date(paragraphs[: n + OPENING_PARAGRAPHS])
        or _held_date(paragraphs[n : n + 1])
        # (the Party congress a subtitle read from the opening names: 为…而奋斗——在中国共产党第N次全国代表大会上的报告)
        or _party_congress_year(title.removeprefix(given)),
        issuer=_issuer(bylines) or extra.get("issuer", ""),
    )


#: the Party's own congresses, not another body's (某某协会第四次全国代表大会)
_PARTY = re.compile(r"中国共产党|党的")
#: how many paragraphs open a speech: the address (同志们：), the delivery (我代表…向大会作报告), what the meeting is
OPENING_SPEECH = 3

#: a document's number (国发〔2031〕11号), a line of its front matter that names no issuer
_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号\s*$")
#: a line that is a date and nothing else (2031年8月21日): the last line of a signature
_DATE_LINE = re.compile(rf"^\s*{ZH_DATE.pattern}\s*$")
#: most name lines above the date of a signature (国务院; 中共中央 国务院; a ministry and its partner)
MAX_SIGNATURE_NAMES = 2


def read_signature(paragraphs: list[str]) -> FrontMatter:
    """The signature (落款) that closes an official document: its issuers' name lines, then the date alone on the last
    line ("国务院" / "2031年8月21日"). `lines` counts its paragraphs at the end (0: none); its date and issuer are the
    document's when the front matter gives none (`with_signature`)."""
    if not paragraphs or not _DATE_LINE.match(paragraphs[-1]):
        return FrontMatter()
    n = 1
    while n <= MAX_SIGNATURE_NAMES and n < len(paragraphs) and _signs(paragraphs[-n - 1]):
        n += 1
    lines = paragraphs[len(paragraphs) - n :]
    return FrontMatter(lines=n, byline=" ".join(lines), date=_first_date(lines[-1:]), issuer=", ".join(lines[:-1]))


def _signs(line: str) -> bool:
    """A Chinese name line of a signature (no list commas either: 各市、各部门 addresses, it does not sign)."""
    return (
        mostly_han(line)
        and _is_name_line(line)
        and not re.search(r"[，,、]", line)
        and not HEADING_START_RE.match(line)
    )


def with_signature(front: FrontMatter, signature: FrontMatter) -> FrontMatter:
    """The front matter with the date and issuer a signature gives where the first lines give none."""
    return dataclasses.replace(front, date=front.date or signature.date, issuer=front.issuer or signature.issuer)


def apply_front_matter(meta: DocumentMeta, front: FrontMatter) -> DocumentMeta:
    """`meta` with its empty fields filled from the text; what metadata gives wins."""
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", front.title),
            ("date", front.date),
            ("issuer", front.issuer),
            ("byline", front.byline),
        )
        if value and not getattr(meta, name)
    }
    return dataclasses.replace(meta, **changes) if changes else meta


# ------------------------------------------------------------------ line kinds
def _is_title(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE_CHARS
        and not _SENTENCE_END.search(line)
        and not _ADDRESS.search(line)
        and not HEADING_START_RE.match(line)
        and not DATELINE_RE.match(line)
    )


def _leading_dateline(line: str) -> tuple[str, str]:
    """A news copy's first line may put its dateline before the title (`新华社北京10月29日电  …全体会议公报`):
    (the dateline, the rest) when the rest reads like a title, else ("", the line)."""
    m = DATELINE_RE.match(line)
    rest = line[m.end() :].strip() if m else ""
    return (line[: m.end()].strip(), rest) if m and rest and _is_title(rest) else ("", line)


#: a title and its adoption line written as one sentence: "<title>，2031年11月4日<body>通过。"
_TITLE_COMMA_ADOPTION = re.compile(rf"^([^，,。]+)[，,]\s*((?:{ZH_DATE.pattern})[^，,。；]*?(?:通过|发布|印发))。?$")


def _title_and_adoption(line: str) -> tuple[str, str]:
    """A copy may join the title and the line saying who adopted it when ("…全体会议公报，2012年11月4日…全体会议
    通过。"): (the title, the adoption line) when the part before the comma reads like a title, else (the line, "")."""
    m = _TITLE_COMMA_ADOPTION.match(line)
    if m and _is_title(m.group(1)):
        return m.group(1).strip(), m.group(2)
    return line, ""


def _split_title(line: str) -> tuple[str, str]:
    """`政府工作报告——2024年3月5日在…上国务院总理 李强` → (title, byline); a dash
    subtitle without a date (`…——在…大会上的报告`) stays part of the title."""
    head, dash, tail = line.partition("——")
    if dash and head and _has_date(tail):
        return head.strip(), dash + tail
    return line, ""


def _has_date(text: str) -> bool:
    """Does the text give a date, in Chinese or in English?"""
    return bool(ZH_DATE.search(text) or _EN_DATE.search(text))


def _is_subtitle(line: str) -> bool:
    """A line opened by a dash that gives no date (——在…大会上的报告, ——中国共产党第十八次全国代表大会报告): the title's
    subtitle, not a byline (——2031年3月5日在…会议上)."""
    return bool(_DASH_BYLINE.match(line)) and not _has_date(line) and _is_title(line)


#: a name set with a space between its characters, as a formal byline sets it (胡 锦 涛)
_SPACED_NAME = re.compile(rf"\s*{HAN_CLASS}(?:[ \u3000]+{HAN_CLASS}){{1,3}}\s*")


def _unspaced(line: str) -> str:
    """The byline line with a spaced-out name closed up (胡 锦 涛 → 胡锦涛): the name as the texts write it."""
    return re.sub(r"\s+", "", line) if _SPACED_NAME.fullmatch(line) else line


def _is_byline(line: str) -> bool:
    if HEADING_START_RE.match(line) or _ADDRESS.search(line):
        return False
    if _DASH_BYLINE.match(line) and _has_date(line):
        return True
    if re.fullmatch(r"[（(][^（()）]{2,80}[）)]", line):
        return True
    if DATELINE_RE.fullmatch(line):
        return True
    if _EN_BYLINE.match(line) and not line.rstrip().endswith("."):
        return True
    return _is_name_line(line)


def _is_name_line(line: str) -> bool:
    """A short line without sentence punctuation: a name (国务院总理 李强, 国务院, Li Keqiang)."""
    limit = MAX_NAME_CHARS_ZH if mostly_han(line) else MAX_NAME_CHARS_EN
    return len(line) <= limit and not re.search(r"[。！？!?；;：:.]", line)


# ------------------------------------------------------------------ values
def _first_date(lines: list[str]) -> str:
    for line in lines:
        if m := ZH_DATE.search(line):
            year = "".join(HAN_DIGITS.get(c, c) for c in m.group(1))
            month, day = _zh_int(m.group(2)), _zh_int(m.group(3)) if m.group(3) else 0
            return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        if m := _EN_DATE.search(line):
            return f"{m.group(3)}-{month_number(m.group(1)):02d}-{int(m.group(2)):02d}"
        if m := _EN_DATE_DMY.search(line):
            return f"{m.group(3)}-{month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
    return ""


#: a title that names its edition: opening with its year (2019年…政府工作报告) or ending with it in brackets (（2024年）)
_TITLE_YEAR = re.compile(r"^(\d{4})年|[（(](\d{4})年?(?:度)?[)）]\s*$")


def _title_year(title: str) -> str:
    """The year a title names as its edition, when no byline dates the text (then the date is that year alone)."""
    m = _TITLE_YEAR.search(title)
    return (m.group(1) or m.group(2)) if m else ""


#: a work meeting's readout opens by what it did: it reviewed one year's work and planned the next ("总结2031年经济
#: 工作，…部署2032年经济工作"), on the days it gives without their year ("12月8日至10日")
_REVIEWED_YEAR = re.compile(r"总结\s*(\d{4})\s*年")


#: how many paragraphs after the front matter open a readout (the meeting's days, who attended, what it did)
OPENING_PARAGRAPHS = 3


def _reviewing_meeting_date(paragraphs: list[str]) -> str:
    """The date of a meeting whose readout's opening paragraphs say which year's work it reviewed, when nothing
    else dates the text: that year, with the month and day they give (YYYY-MM-DD, else YYYY)."""
    opening = "\n".join(paragraphs)
    if not (m := _REVIEWED_YEAR.search(opening)):
        return ""
    day = next((d for d in MONTH_DAY.finditer(opening) if d.group(2)), None)
    return f"{m.group(1)}-{int(day.group(1)):02d}-{int(day.group(2)):02d}" if day else m.group(1)


#: a meeting's opening sentence says when it was held or what it adopted, with the year ("…全体会议，于2013年2月26日至
#: 28日在北京举行", "2013年11月12号…全体会议通过。")
_HELD = re.compile(rf"^[^。；！？]*?{ZH_DATE.pattern}[^。；！？]{{0,60}}?(?:举行|召开|通过)")


def _held_date(first: list[str]) -> str:
    """The date the first sentence of the body's first paragraph gives for the meeting being held (or adopting the
    text), when nothing else dates it (its first day: YYYY-MM-DD, else YYYY-MM). Only the first: a later paragraph
    may name another meeting's date (…党代会于2032年6月召开)."""
    return _first_date([m.group(0)]) if first and (m := _HELD.match(first[0])) else ""


def _party_congress_year(title: str) -> str:
    """The year of the Party congress a title names (在中国共产党第十九次全国代表大会上的报告 → 2017; one every five years
    since the 12th in 1982), for a report with no date of its own; "" for any other title."""
    years = congress_years(title) if _PARTY.search(title) else set()
    return next(iter(years)) if len(years) == 1 else ""


def _zh_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return int(HAN_DIGITS.get(tens, "1") if tens else 1) * 10 + (int(HAN_DIGITS[ones]) if ones else 0)
    return int(HAN_DIGITS.get(text, "0"))


def _issuer(lines: list[str]) -> str:
    """A name line (国务院总理 李强; Li Keqiang, Premier of the State Council), else the
    body that adopted it (…全体会议通过), else the news agency of a dateline."""
    names = [
        ln
        for ln in lines
        if not _DASH_BYLINE.match(ln)
        and not ln.startswith(("（", "("))
        and not DATELINE_RE.match(ln)
        and not _EN_BYLINE.match(ln)
        and not _DOC_NUMBER.search(ln)
        and not _adoption_line(ln)
    ]
    if names:
        return ", ".join(names)
    for line in lines:
        if m := _adoption_line(line):
            return m.group(1).strip()
    for line in lines:
        if m := DATELINE_RE.match(line):
            return m.group(1)
    return ""


def _adoption_line(line: str) -> re.Match[str] | None:
    """Does the line say when and by whom the text was adopted (…2031年11月4日…全体会议通过)? Its match: the body."""
    return _ADOPTED_BY.search(line) if ZH_DATE.search(line) else None


def _dateline_only(paragraphs: list[str]) -> dict[str, str]:
    """Issuer and byline from a dateline that opens the first body paragraph."""
    if not paragraphs or not (m := DATELINE_RE.match(paragraphs[0])):
        return {}
    return {"byline": m.group(0).strip(), "issuer": m.group(1)}
