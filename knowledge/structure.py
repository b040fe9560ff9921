"""Find the hierarchy of a cleaned document: which paragraphs belong to which section.

Why: answers cite sections (`三（八）加速构筑算力竞争优势…`), and chunks never cross a
section, so section boundaries must be exact. Input is cleaned text (one paragraph
per line, see `knowledge.cleaning`); output is `Section`s whose paragraphs are
verbatim lines of that text with their char offsets. The steps, each in its module:

* `front_matter`: the title and byline lines at the top (`front`, role "front": not
  content) and the title, date and issuer they state.
* `headings`: numbered headings of any common kind — 一、 / （一） / 1． / （1） /
  第X章 / 第X节 / 第X部分, `I.` / `1.` / `1.2`, Markdown `#` — nested by the order in
  which their kinds appear (ids `3.8`, `2.5`, …).
* Here: 摘要：/Abstract: before the first heading (`abstract`; what follows until the
  first heading is `intro`), an English tail of a Chinese document with
  `Summary：`/`Abstract：` (`summary_en`) and `Key words：` (`keywords_en`); text before
  the first heading is `0`; after the last heading, an address line (各位代表！,
  同志们！…, Fellow Deputies,) starts the `closing`; a signature closing an official document (its issuer's name
  line, then the date alone: 国务院 / 2031年8月21日) is `signature` (role "front", like the title and byline).
* `paragraph_sections`: a text with no headings gets a section per paragraph (`p1`,
  `¶1 …`) or per item of the run-in enumeration that organises it (一是…九是).

A heading line is the first paragraph of its own section (so a citation can quote
a heading, and a part with no text of its own still has its heading as content);
`heading_spans` tells which paragraphs are heading lines. Paragraph-level points
(第一，首先，其次，最后，一是…) are recorded as `Point`s where they open a paragraph or
a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.front_matter import FrontMatter, read_front_matter, read_signature, with_signature
from knowledge.headings import CN_NUMERAL, Heading, HeadingReader, is_english
from knowledge.models import DocumentMeta, Section
from knowledge.paragraph_sections import plan_sections
from knowledge.text import mostly_han

_ABSTRACT_RE = re.compile(r"^(?:摘\s*要|Abstract)\s*[:：]", re.IGNORECASE)
_SUMMARY_EN_RE = re.compile(r"^(?:Summary|Abstract)\s*[:：]", re.IGNORECASE)
_KEYWORDS_EN_RE = re.compile(r"^Key\s*words?\s*[:：]", re.IGNORECASE)
_ADDRESS_RE = re.compile(
    r"^(?:(?:各位代表|同志们|代表们|女士们、先生们|朋友们)(?:[！!：:]$|[！!])"
    r"|(?:Fellow [Dd]eputies|Comrades|Dear [Cc]olleagues|Ladies and [Gg]entlemen|Friends)[,!:]$)"
)
_POINT_RE = re.compile(
    r"(?:^|(?<=[。！？；：])|(?<=[.;:] ))"
    r"(第[一二三四五六七八九十]+(?=[，、：])|首先(?=[，、：])|其次(?=[，、：])|再次(?=[，、：])"
    r"|最后(?=[，、：])|Firstly(?=,)|Secondly(?=,)|Thirdly(?=,)|Lastly(?=,)|Finally(?=,))"
)
_LIST_POINT_RE = re.compile(rf"^({CN_NUMERAL}是)")

#: labels of sections that have no heading line (zh label, en label)
FIXED_LABELS = {
    "front": ("标题与署名", "Title and byline"),
    "abstract": ("摘要", "Abstract"),
    "intro": ("引言", "Introduction"),
    "summary_en": ("英文摘要（Summary）", "English summary"),
    "keywords_en": ("英文关键词（Key words）", "Key words"),
    "closing": ("结束语", "Closing"),
    "signature": ("落款", "Signature"),
    "0": ("开篇", "Opening"),
    "body": ("全文", "Full text"),
}


#: sections of lines about the document, not content (role "front": never the answer to a content question)
FRONT_SECTIONS = frozenset({"front", "signature"})


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
    #: title, byline, date and issuer read from the first lines
    front: FrontMatter = field(default_factory=FrontMatter)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.section_id == section_id:
                return s
        raise KeyError(section_id)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def parse_structure(text: str, meta: DocumentMeta) -> DocumentStructure:
    """Sections (with paragraphs and offsets) of cleaned `text`; see module docstring."""
    paragraphs = _paragraphs(text)
    pars = [p for _, p in paragraphs]
    zh_doc = mostly_han(text)
    english_tail = _english_tail_start(paragraphs) if zh_doc else None
    end = len(paragraphs) if english_tail is None else english_tail
    front = read_front_matter(pars[:end])
    signature = read_signature(pars[front.lines + 1 : end]) if zh_doc else FrontMatter()
    front = with_signature(front, signature)
    signed_at = end - signature.lines
    reader = HeadingReader()
    headings: list[Heading | None] = [None] * len(pars)
    for i in range(front.lines, signed_at):
        headings[i] = reader.read(pars[i])
    last_heading = max((i for i, h in enumerate(headings) if h), default=None)
    closing_at = None
    if last_heading is not None:
        closing_at = next((i for i in range(last_heading + 1, signed_at) if _ADDRESS_RE.match(pars[i])), None)
    # an abstract counts only before the first heading (later on it is ordinary text)
    first_heading = next((i for i, h in enumerate(headings) if h), end)
    abstract_at = next((i for i in range(first_heading) if _ABSTRACT_RE.match(pars[i])), None)
    front_end = front.lines if abstract_at is None else max(front.lines, abstract_at)
    planned = {}
    if last_heading is None and abstract_at is None:
        date = meta.date or front.date
        year = int(date[:4]) if date[:4].isdigit() else None
        planned = {front_end + p.start: p for p in plan_sections(pars[front_end:signed_at], year)}

    builder = _Builder(meta, zh_doc)
    for i, (offset, par) in enumerate(paragraphs):
        head = headings[i]
        if i >= end:
            builder.enter("keywords_en" if _KEYWORDS_EN_RE.match(par) else "summary_en")
        elif i < front_end:
            builder.enter("front")
        elif i >= signed_at:
            builder.enter("signature")
        elif i == abstract_at:
            builder.enter("abstract")
        elif closing_at is not None and i >= closing_at:
            builder.enter("closing")
        elif head is not None:
            builder.heading(head, par)
            if head.standalone:
                builder.heading_spans.append((offset, offset + len(par)))
        elif i in planned:
            builder.planned(planned[i].section_id, planned[i].label, planned[i].context)
        elif builder.current_id == "abstract":
            builder.enter("intro")
        elif builder.current is None or builder.current_id == "front":
            builder.enter("0" if last_heading is not None else "body")
        builder.add(offset, par)
    return builder.result(text, front)


def _english_tail_start(paragraphs: list[tuple[int, str]]) -> int | None:
    """Index where a Chinese document's trailing English block (with a Summary) begins."""
    start = len(paragraphs)
    while start > 0 and not mostly_han(paragraphs[start - 1][1]):
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

    def _open(
        self, sid: str, label: str, label_en: str, level: int, path: list[str], role: str = "body", heading: str = ""
    ) -> None:
        sid = self._unique(sid)
        self.used.add(sid)
        label_en = self.meta.section_labels_en.get(sid, label_en)
        self.sections.append(Section(sid, label, label_en, path, level, role=role, heading=heading))

    def enter(self, sid: str) -> None:
        """Continue in the fixed section `sid`, opening it unless it is the current one."""
        if self.current_id != sid:
            self.fixed(sid)

    def fixed(self, sid: str) -> None:
        zh, en = FIXED_LABELS[sid]
        label = zh if self.zh_doc or sid in ("summary_en", "keywords_en") else en
        self.stack = []
        self._open(sid, label, en, 1, [label], role="front" if sid in FRONT_SECTIONS else "body")

    def planned(self, sid: str, label: str, context: str = "") -> None:
        """A paragraph or enumeration-item section of a text without headings."""
        self.stack = []
        self._open(sid, label, label if is_english(label) else "", 1, [label])
        self.sections[-1].context = context

    def heading(self, head: Heading, line: str) -> None:
        self.stack = [(lvl, lab) for lvl, lab in self.stack if lvl < head.level]
        self.stack.append((head.level, head.label))
        self._open(
            head.section_id,
            head.label,
            head.label if head.is_english else "",
            head.level,
            [lab for _, lab in self.stack],
            heading=line if head.standalone else line[: head.length],
        )

    def add(self, offset: int, par: str) -> None:
        if self.current is None:
            self.fixed("body")
        section = self.sections[-1]
        section.paragraphs.append(par)
        section.paragraph_offsets.append(offset)

    def result(self, text: str, front: FrontMatter) -> DocumentStructure:
        points = [
            Point(s.section_id, k, off + m.start(1), m.group(1))
            for s in self.sections
            for k, (off, par) in enumerate(zip(s.paragraph_offsets, s.paragraphs))
            for m in list(_POINT_RE.finditer(par)) + list(_LIST_POINT_RE.finditer(par))
        ]
        points.sort(key=lambda p: p.offset)
        return DocumentStructure(text, self.sections, points, self.heading_spans, front)
