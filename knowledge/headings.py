"""Which paragraphs are headings, and where each sits in the numbering hierarchy.

Why a stack of marker kinds: Chinese policy writing nests 一、 > （一） > 1． > （1）, but
any one text uses only some of them (a Decision has 一、 parts and （1）…（60） items
numbered straight through; the paper has 一、 and （一）; an English translation has
`I.` parts and `1.` items). The first kind met is the top level, a new kind met
inside it is one level deeper, a kind already open is a sibling. Ids are the numbers
down the stack (`3.8` for 三（八）, `2.5` for 二 (5)); chapters (第二章, Chapter 2)
always restart at the top.

A marker counts only when its number continues the numbering (the next sibling, 1
to open a new level, or the next number of a list numbered through the parts), so a
stray `1.` inside a paragraph list never becomes a heading. A short line is a
heading of its own; a long paragraph that opens with 一、/（一） (a report's tasks) is
body text whose first sentence is the label; `（1）`, `1.`, `I.` items that are whole
paragraphs count only below a recognised heading (a bare numbered list is a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.sentences import sentence_spans
from knowledge.text import han_number, has_han

CN_NUMERAL = "[一二三四五六七八九十]+"
#: a line that opens like a heading of any kind the reader knows (Chinese parts and sub-parts,
#: chapters, numbered, Roman, Markdown, abstract and keyword labels): the one test cleaning
#: (paragraph breaks, page artifacts) and front matter (not a title or byline) share
HEADING_START_RE = re.compile(
    rf"^(?:{CN_NUMERAL}、"
    rf"|[（(](?:{CN_NUMERAL}|\d+)[）)]"
    r"|第[一二三四五六七八九十百\d]+(?:[章节部篇编]|部分)"
    r"|(?i:摘\s*要|关\s*键\s*词|Summary|Abstract|Key\s*words?)\s*[:：]|引\s*言$"
    r"|(?i:Chapter)\s+(?:\d+|[IVXLC]+)\b|[IVXLC]{1,6}\.\s+\S"
    r"|\d+(?:\.\d+)*\.?\s+\S|\d+[.．、]"
    r"|#{1,6}\s)"
)
#: longest line read as a heading of its own
MAX_HEADING_CHARS = 60
#: a standalone English heading may be longer (words are longer than characters)
MAX_EN_HEADING_CHARS = 120

_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")
#: a Markdown heading: group 1 the #s (its level), group 2 the title
MARKDOWN_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_CHAPTER_RE = re.compile(rf"^第({CN_NUMERAL}|\d+)[章部篇编]\s*(.*)$|^第({CN_NUMERAL}|\d+)部分\s*(.*)$")
_CHAPTER_EN_RE = re.compile(r"^(?:Chapter|Part)\s+(\d+|[IVXLC]+)\b[.:]?\s*(.*)$", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)$")

#: (kind, pattern): group 1 is the number as written, the rest of the line follows the match
_MARKERS = [
    ("cn_part", re.compile(rf"^({CN_NUMERAL})、")),
    ("cn_sub", re.compile(rf"^[（(]({CN_NUMERAL})[）)]")),
    ("cn_section", re.compile(rf"^第({CN_NUMERAL}|\d+)节\s*")),
    ("paren_num", re.compile(r"^[（(](\d{1,3})[）)]\s*")),
    ("roman", re.compile(r"^([IVXLC]{1,6})\.\s+(?=\S)")),
    ("arabic", re.compile(r"^(\d{1,3})(?:[.．](?![\d.])|、)\s*(?=\S)")),
]
#: kinds whose long paragraphs are headings anywhere (report tasks open with （一）)
_LONG_ANYWHERE = {"cn_part", "cn_sub"}
#: kinds whose first heading must be number 1 (`C. elegans …` is no part 100)
_START_AT_ONE = {"roman", "arabic", "paren_num"}
#: kinds that are only headings as short lines
_SHORT_ONLY = {"cn_section"}


def chinese_number(text: str) -> int:
    """一→1, 十→10, 十二→12, 二十三→23 (`knowledge.text.han_number`, as an int)."""
    return int(han_number(text))


def roman_or_number(token: str) -> int:
    """`12`, `十二` or `XII` → 12."""
    if token.isdigit():
        return int(token)
    if re.fullmatch(CN_NUMERAL, token):
        return chinese_number(token)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(token.upper(), token.upper()[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def is_english(text: str) -> bool:
    """Latin letters and no Han characters: an English heading (its own English label)."""
    return bool(re.search(r"[A-Za-z]", text)) and not has_han(text)


def first_sentence(text: str) -> str:
    """The first sentence of `text`, without its end mark."""
    for a, b in sentence_spans(text):
        return text[a:b].rstrip("。！？；!?;.…")
    return text


def _first_sentence_end(par: str, start: int) -> int:
    """End (in `par`) of the first sentence that begins at `start`, with its end mark."""
    for _, b in sentence_spans(par[start:]):
        return start + b
    return len(par)


def is_short_line(par: str) -> bool:
    """Short enough to be a heading line, with no sentence end before its last char."""
    limit = MAX_EN_HEADING_CHARS if is_english(par) else MAX_HEADING_CHARS
    inner = par[:-1] if par else par
    return len(par) <= limit and not _SENTENCE_END_RE.search(inner)


@dataclass
class Heading:
    section_id: str
    label: str
    level: int
    standalone: bool  # the paragraph is only a heading (not body text)
    is_english: bool
    #: characters of the paragraph that are the heading: all of a heading line, or the
    #: marker and first sentence a long paragraph opens with (（一）大力推进…。)
    length: int = 0


@dataclass
class _Open:
    """A heading on the stack."""

    kind: str
    number: int
    section_id: str
    written: str  # the numeral as written: 三, 八, III, 5
    level: int


class HeadingReader:
    """Turns paragraphs into headings, in document order (it keeps the numbering context)."""

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.last_number: dict[str, int] = {}
        self.unnumbered = 0

    # ------------------------------------------------------------------ entry point
    def read(self, par: str) -> Heading | None:
        if m := MARKDOWN_HEADING_RE.match(par):
            return self._markdown(m.group(2), len(m.group(1)))
        short = is_short_line(par)
        if short and ((m := _CHAPTER_RE.match(par)) or (m := _CHAPTER_EN_RE.match(par))):
            number = roman_or_number(next(g for g in m.groups() if g))
            self.stack = [_Open("chapter", number, str(number), str(number), 1)]
            self.last_number = {"chapter": number}
            return Heading(str(number), par, 1, True, is_english(par), len(par))
        if short and (m := _DECIMAL_RE.match(par)) and not _ENDS_LIKE_SENTENCE.search(par):
            return self._decimal(m.group(1), par)
        for kind, pattern in _MARKERS:
            if m := pattern.match(par):
                if kind in _NUMBER_KINDS and _ENDS_LIKE_SENTENCE.search(par):
                    short = False  # `1. Buy milk.` is a list sentence, not a heading line
                return self._marked(kind, m, par, short)
        return None

    # ------------------------------------------------------------------ kinds
    def _marked(self, kind: str, m: re.Match[str], par: str, short: bool) -> Heading | None:
        if not short and (kind in _SHORT_ONLY or (kind not in _LONG_ANYWHERE and not self.stack)):
            return None
        number = roman_or_number(m.group(1))
        depth = next((i for i, o in enumerate(self.stack) if o.kind == kind), None)
        if depth is not None:  # a sibling of an open heading: the next number
            if number != self.stack[depth].number + 1:
                return None
            parent = self.stack[:depth]
        else:  # a new level: starts at 1, or continues a list numbered through the parts
            first = self.last_number.get(kind, 0 if kind in _START_AT_ONE else number - 1)
            if number != 1 and number != first + 1:
                return None
            parent = self.stack
        rest = par[m.end() :].strip()
        text = rest.rstrip("。.：:") if short else first_sentence(rest)
        length = len(par) if short else _first_sentence_end(par, len(par) - len(par[m.end() :].lstrip()))
        up = parent[-1] if parent else None
        label = _label(kind, m.group(1), text, up, is_english(par), par if short else "")
        sid = f"{up.section_id}.{number}" if up else str(number)
        level = up.level + 1 if up else 1
        self.stack = parent + [_Open(kind, number, sid, m.group(1), level)]
        self.last_number[kind] = number
        return Heading(sid, label, level, short, is_english(par), length)

    def _decimal(self, number: str, par: str) -> Heading:
        """`2.1 Data`: the id is the number itself, the level its depth."""
        depth = number.count(".") + 1
        self.stack = [o for o in self.stack if o.level < depth]
        self.stack.append(_Open("decimal", int(number.split(".")[-1]), number, number, depth))
        return Heading(number, par, depth, True, is_english(par), len(par))

    def _markdown(self, title: str, level: int) -> Heading:
        """A Markdown heading: its level is the number of #; its id comes from a number
        inside (`## 2.1 Methods`, `# 第二章`, `## 一、…`) or from its rank (`s1`, `s2`)."""
        inner = self.read(title)
        if inner is None:
            self.unnumbered += 1
            return Heading(f"s{self.unnumbered}", title, level, True, is_english(title))
        inner.level, inner.standalone = level, True
        if self.stack and self.stack[-1].section_id == inner.section_id:
            self.stack[-1].level = level  # what it contains nests below the Markdown level
        return inner


#: numbered kinds whose line ending like a sentence makes it a list sentence
_NUMBER_KINDS = {"arabic", "roman"}
_ENDS_LIKE_SENTENCE = re.compile(r"[.。:：,，;；]\s*$")


def _label(kind: str, written: str, text: str, up: _Open | None, english: bool, line: str) -> str:
    """How a reader cites the heading: 三、…, 三（八）…, 二（5）…, I. …, I.1 …"""
    if kind == "cn_part":
        return f"{written}、{text}"
    if kind == "roman":
        return f"{written}. {text}"
    if kind == "cn_section":
        return line.rstrip("。")
    parent = ""
    if up is not None and up.kind == "cn_part":
        parent = up.written
    elif up is not None and up.kind in ("cn_sub", "paren_num"):
        parent = f"（{up.written}）"
    if kind in ("cn_sub", "paren_num"):
        return f"{parent}（{written}）{text}"
    if english:  # arabic
        return f"{up.written}.{written} {text}" if up is not None and up.kind == "roman" else f"{written}. {text}"
    return f"{parent}{written}．{text}"
