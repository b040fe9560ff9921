"""Find the hierarchy of a cleaned document: which paragraphs belong to which section.

Why: answers cite sections (`三（八）加速构筑算力竞争优势…`), and chunks never cross a
section, so section boundaries must be exact. Input is cleaned text (one paragraph
per line, see `knowledge.cleaning`); output is `Section`s whose paragraphs are
verbatim lines of that text with their char offsets.

Recognised, in any document:
* Chinese parts `一、…` (id `1`) and sections `（一）…` under them (id `1.1`). A short
  line is a heading line of its own; a long paragraph that opens with the marker
  (the report's tasks) stays body text and its first sentence is the label.
* `第二章` / `第一节`, `Chapter 2`, numbered `1.` / `1.2 Title`, Markdown `#` headings
  (id from the number in the heading, else `s1`, `s2`, … in order).
* 摘要：or Abstract: before the first heading (abstract; what precedes it is `front`, what follows until the first
  heading is `intro`), an English tail of a Chinese document that contains
  `Summary：`/`Abstract：` (`summary_en`) and `Key words：` (`keywords_en`).
* `closing`: after the last numbered heading, an address line on its own
  (各位代表！, 同志们！) ends the last section; everything from it on is the
  closing, not part of that section (the report's final paragraphs).
* Text before the first heading is `0`; a document without headings is one `body`.

A heading line is the first paragraph of its own section (so a citation can quote
a heading, and a part with no text of its own still has its heading as content);
`heading_spans` tells which paragraphs are heading lines. Paragraph-level points
(第一，首先，其次，最后，一是…) are recorded as `Point`s where they open a paragraph or
a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.cleaning import cjk_ratio
from knowledge.models import DocumentMeta, Section

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def chinese_number(text: str) -> int:
    """一→1, 十→10, 十二→12, 二十三→23 (enough for headings)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return _NUMERALS.get(text, 0)


_CN = "[一二三四五六七八九十]+"
_PART_RE = re.compile(rf"^({_CN})、")
_SUB_RE = re.compile(rf"^（({_CN})）")
_CHAPTER_RE = re.compile(rf"^第({_CN}|\d+)[章部篇]\s*(.*)$")
_SECTION_CN_RE = re.compile(rf"^第({_CN}|\d+)节\s*(.*)$")
_CHAPTER_EN_RE = re.compile(r"^Chapter\s+(\d+|[IVXLC]+)\b[.:]?\s*(.*)$", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$")
_MARKDOWN_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_ABSTRACT_RE = re.compile(r"^(?:摘\s*要|Abstract)\s*[:：]", re.IGNORECASE)
_SUMMARY_EN_RE = re.compile(r"^(?:Summary|Abstract)\s*[:：]", re.IGNORECASE)
_KEYWORDS_EN_RE = re.compile(r"^Key\s*words?\s*[:：]", re.IGNORECASE)
_ADDRESS_RE = re.compile(r"^(?:各位代表|同志们|代表们|女士们、先生们|朋友们)[！!：:]$")
_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")
_POINT_RE = re.compile(
    r"(?:^|(?<=[。！？；：])|(?<=[.;:] ))"
    r"(第[一二三四五六七八九十]+(?=[，、：])|首先(?=[，、：])|其次(?=[，、：])|再次(?=[，、：])"
    r"|最后(?=[，、：])|Firstly(?=,)|Secondly(?=,)|Thirdly(?=,)|Lastly(?=,)|Finally(?=,))"
)
_LIST_POINT_RE = re.compile(rf"^({_CN}是)")

#: labels of sections that have no heading line (zh label, en label)
FIXED_LABELS = {
    "front": ("标题、作者与单位", "Title, authors and affiliation"),
    "abstract": ("摘要", "Abstract"),
    "intro": ("引言", "Introduction"),
    "summary_en": ("英文摘要（Summary）", "English summary"),
    "keywords_en": ("英文关键词（Key words）", "Key words"),
    "closing": ("结束语", "Closing"),
    "0": ("开篇", "Opening"),
    "body": ("全文", "Full text"),
}

MAX_HEADING_CHARS = 60


@dataclass
class Point:
    """A paragraph-level point (第一，首先，…) inside a section."""

    section_id: str
    paragraph_index: int
    offset: int  # char offset in the cleaned text
    marker: str


@dataclass
class DocumentStructure:
    text: str
    sections: list[Section]
    points: list[Point] = field(default_factory=list)
    #: (start, end) of heading lines (each is the first paragraph of its section)
    heading_spans: list[tuple[int, int]] = field(default_factory=list)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.section_id == section_id:
                return s
        raise KeyError(section_id)


@dataclass
class _Heading:
    section_id: str
    label: str
    level: int
    standalone: bool  # the paragraph is only a heading (not body text)
    is_english: bool


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END_RE.search(text)
    return text[: m.start()] if m else text


def _short(par: str) -> bool:
    """Short enough to be a heading line, with no sentence end before its last char."""
    return len(par) <= MAX_HEADING_CHARS and not _SENTENCE_END_RE.search(par[:-1] if par else par)


class _HeadingReader:
    """Turns paragraphs into headings, keeping the numbering context (chapter, current part)."""

    def __init__(self) -> None:
        self.chapter: str | None = None
        self.part: tuple[str, str, int] | None = None  # (id, numeral text, level)
        self.unnumbered = 0

    def read(self, par: str) -> _Heading | None:
        english = _is_english(par)
        if m := _PART_RE.match(par):
            n = chinese_number(m.group(1))
            sid, level = (f"{self.chapter}.{n}", 2) if self.chapter else (str(n), 1)
            self.part = (sid, m.group(1), level)
            standalone = _short(par)
            return _Heading(sid, par if standalone else _first_sentence(par), level, standalone, False)
        if m := _SUB_RE.match(par):
            n = chinese_number(m.group(1))
            if self.part is not None:
                prefix, sid, level = self.part[1], f"{self.part[0]}.{n}", self.part[2] + 1
            elif self.chapter:
                prefix, sid, level = "", f"{self.chapter}.{n}", 2
            else:
                prefix, sid, level = "", str(n), 1
            standalone = _short(par)
            label = prefix + (par if standalone else _first_sentence(par))
            return _Heading(sid, label, level, standalone, False)
        if m := _MARKDOWN_RE.match(par):
            return self._markdown(m.group(2), len(m.group(1)))
        if not _short(par):
            return None
        if (m := _CHAPTER_RE.match(par)) or (m := _CHAPTER_EN_RE.match(par)):
            self.chapter, self.part = str(_roman_or_number(m.group(1))), None
            return _Heading(self.chapter, par, 1, True, english)
        if m := _SECTION_CN_RE.match(par):
            n = chinese_number(m.group(1))
            sid = f"{self.chapter}.{n}" if self.chapter else str(n)
            return _Heading(sid, par, 2 if self.chapter else 1, True, False)
        if (m := _NUMBERED_RE.match(par)) and not par.rstrip().endswith((".", "。", ":", "：", ",", "，", ";", "；")):
            return _Heading(m.group(1), par, m.group(1).count(".") + 1, True, english)
        return None

    def _markdown(self, title: str, level: int) -> _Heading:
        """A Markdown heading: its level is the number of #; its id comes from a number
        inside (`## 2.1 Methods`, `# 第二章`, `## 一、…`) or from its rank (`s1`, `s2`)."""
        inner = self.read(title) if _short(title) or _PART_RE.match(title) or _SUB_RE.match(title) else None
        if inner is None:
            self.unnumbered += 1
            return _Heading(f"s{self.unnumbered}", title, level, True, _is_english(title))
        inner.level, inner.standalone = level, True
        if self.part is not None and self.part[0] == inner.section_id:
            self.part = (self.part[0], self.part[1], level)
        return inner


def _is_english(text: str) -> bool:
    """Latin letters and no Han characters: an English heading (its own English label)."""
    return bool(re.search(r"[A-Za-z]", text)) and cjk_ratio(text) == 0


def _roman_or_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if re.fullmatch(_CN, token):
        return chinese_number(token)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(token.upper(), token.upper()[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def parse_structure(text: str, meta: DocumentMeta) -> DocumentStructure:
    """Sections (with paragraphs and offsets) of cleaned `text`; see module docstring."""
    paragraphs = _paragraphs(text)
    reader = _HeadingReader()
    headings = [reader.read(p) for _, p in paragraphs]
    zh_doc = cjk_ratio(text) >= 0.3
    english_tail = _english_tail_start(paragraphs) if zh_doc else None
    if english_tail is not None:
        headings[english_tail:] = [None] * (len(paragraphs) - english_tail)
    last_heading = max((i for i, h in enumerate(headings) if h), default=None)
    closing_at = None
    if last_heading is not None:
        closing_at = next(
            (i for i in range(last_heading + 1, english_tail or len(paragraphs)) if _ADDRESS_RE.match(paragraphs[i][1])),
            None,
        )
    # an abstract counts only before the first heading (later on it is ordinary text)
    first_heading = next((i for i, h in enumerate(headings) if h), english_tail or len(paragraphs))
    abstract_at = next((i for i in range(first_heading) if _ABSTRACT_RE.match(paragraphs[i][1])), None)

    builder = _Builder(meta, zh_doc)
    for i, (offset, par) in enumerate(paragraphs):
        head = headings[i]
        if english_tail is not None and i >= english_tail:
            builder.enter("keywords_en" if _KEYWORDS_EN_RE.match(par) else "summary_en")
        elif closing_at is not None and i >= closing_at:
            builder.enter("closing")
        elif head is not None:
            builder.heading(head)
            if head.standalone:
                builder.heading_spans.append((offset, offset + len(par)))
        elif abstract_at is not None and i <= abstract_at:
            builder.enter("abstract" if i == abstract_at else "front")
        elif abstract_at is not None and builder.current_id == "abstract":
            builder.enter("intro")
        elif builder.current is None:
            builder.enter("0" if last_heading is not None else "body")
        builder.add(offset, par)
    return builder.result(text)


def _english_tail_start(paragraphs: list[tuple[int, str]]) -> int | None:
    """Index where a Chinese document's trailing English block (with a Summary) begins."""
    start = len(paragraphs)
    while start > 0 and cjk_ratio(paragraphs[start - 1][1]) < 0.3:
        start -= 1
    tail = paragraphs[start:]
    if tail and start > 0 and any(_SUMMARY_EN_RE.match(p) for _, p in tail):
        return start
    return None


class _Builder:
    """Accumulates sections in document order."""

    def __init__(self, meta: DocumentMeta, zh_doc: bool) -> None:
        self.meta = meta
        self.zh_doc = zh_doc
        self.sections: list[Section] = []
        self.heading_spans: list[tuple[int, int]] = []
        self.stack: list[tuple[int, str]] = []  # (level, label) of open headings
        self.used: set[str] = set()

    @property
    def current(self) -> Section | None:
        return self.sections[-1] if self.sections else None

    @property
    def current_id(self) -> str | None:
        return self.current.section_id if self.current else None

    def _unique(self, sid: str) -> str:
        if sid not in self.used:
            return sid
        k = 2
        while f"{sid}-{k}" in self.used:
            k += 1
        return f"{sid}-{k}"

    def _open(self, sid: str, label: str, label_en: str, level: int, path: list[str]) -> None:
        sid = self._unique(sid)
        self.used.add(sid)
        label_en = self.meta.section_labels_en.get(sid, label_en)
        self.sections.append(Section(sid, label, label_en, path, level))

    def enter(self, sid: str) -> None:
        """Continue in the fixed section `sid`, opening it unless it is the current one."""
        if self.current_id != sid:
            self.fixed(sid)

    def fixed(self, sid: str) -> None:
        zh, en = FIXED_LABELS[sid]
        label = zh if self.zh_doc or sid in ("summary_en", "keywords_en") else en
        self.stack = []
        self._open(sid, label, en, 1, [label])

    def heading(self, head: _Heading) -> None:
        self.stack = [(lvl, lab) for lvl, lab in self.stack if lvl < head.level]
        self.stack.append((head.level, head.label))
        self._open(head.section_id, head.label, head.label if head.is_english else "", head.level,
                   [lab for _, lab in self.stack])

    def add(self, offset: int, par: str) -> None:
        if self.current is None:
            self.fixed("body")
        self.current.paragraphs.append(par)
        self.current.paragraph_offsets.append(offset)

    def result(self, text: str) -> DocumentStructure:
        points = [
            Point(s.section_id, k, off + m.start(1), m.group(1))
            for s in self.sections
            for k, (off, par) in enumerate(zip(s.paragraph_offsets, s.paragraphs))
            for m in list(_POINT_RE.finditer(par)) + list(_LIST_POINT_RE.finditer(par))
        ]
        points.sort(key=lambda p: p.offset)
        return DocumentStructure(text, self.sections, points, self.heading_spans)
