"""Sections for a text with no headings: its paragraphs, or the items of the enumeration
that organises it.

Why: a news release, a communiqué or a speech often has no 一、-style headings. One
section for the whole text would let no answer say where a passage is. So:

* a run-in enumeration that opens paragraphs — 一是…二是…九是, 第一…第二…, 首先…其次…
  最后, First… Second… Finally — numbered in order from 1 becomes one section per item
  (id "1", "2", …; label: the item's first sentence, e.g. `一是大力提振消费…`); the
  paragraphs up to the next item belong to it. Only the enumeration spanning the most
  paragraphs does (an enumeration nested in an item stays inside it);
* every other paragraph is a section of its own: id "p<n>" for the n-th paragraph
  after the front matter, label `¶n` plus its opening words. A short lead-in line
  (同志们：) joins the paragraph it introduces.

A heading also says which year a part is about (一、2023年工作回顾); a text without one says it
in relative words (过去一年, 今年, 明年) that a question naming the year (2023年…, "in 2025")
cannot match. Given the text's own year (its date), each section's `context` carries the
year its paragraphs speak of (searched with its chunks as a heading is, never quoted, see
`knowledge.chunking`): the year the first relative-year word of the paragraph names,
else that of the paragraph before (the frame a readout sets runs until the next one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.front_matter import DATELINE_RE
from knowledge.headings import chinese_number, first_sentence, is_english
from knowledge.sentences import is_lead_in
from knowledge.text import ORDINAL_WORDS

#: longest label of an item section, in characters (cut at a clause mark)
MAX_ITEM_LABEL = 40
#: opening words of a paragraph label: characters (Chinese) / words (English)
OPENING_CHARS = 18
OPENING_WORDS = 8
#: relative-year words → offset from the text's own year
_RELATIVE_YEARS = {
    "过去一年": -1,
    "一年来": -1,
    "去年": -1,
    "上一年": -1,
    "今年": 0,
    "本年度": 0,
    "明年": 1,
    "来年": 1,
}
#: "比去年同期增长5%" compares with last year inside a paragraph about this one: no frame
_RELATIVE_YEAR = re.compile("(?:" + "|".join(_RELATIVE_YEARS) + r")(?!同期)")

_CLAUSE_MARK = re.compile(r"[，、：；,;:]")
_ALNUM = re.compile(r"[0-9A-Za-z.%]")
_ORDINALS_EN = list(ORDINAL_WORDS)
#: (family, pattern); group 1 is the ordinal word
_FAMILIES = [
    ("shi", re.compile(r"^([一二三四五六七八九十]+)是")),
    ("di", re.compile(r"^第([一二三四五六七八九十]+)(?:[，、：,:]|是)")),
    ("order", re.compile(r"^(首先|其次|再次|最后)[，、：,:]")),
    ("en", re.compile(r"^(" + "|".join(_ORDINALS_EN) + r"|finally|lastly)(?:ly)?[,:]", re.IGNORECASE)),
]
_ORDER = {"首先": 1, "其次": 2, "再次": 3}
_LAST = {"最后", "finally", "lastly"}


def opens_run_in_item(text: str) -> bool:
    """Does the text open with a run-in enumeration marker (一是, 第二，, 首先，, "First,")? Such a
    sentence is an item's content, never a heading, even where the item's section is labelled by it."""
    s = text.lstrip()
    return any(pattern.match(s) for _, pattern in _FAMILIES)


@dataclass(frozen=True)
class PlannedSection:
    """A section to open at paragraph `start` (an index into the given paragraphs)."""

    start: int
    section_id: str
    label: str
    #: what the section is searched with besides its label: the year it speaks of ("2025年"; "" if unknown)
    context: str = ""


def plan_sections(paragraphs: list[str], year: int | None = None) -> list[PlannedSection]:
    """Sections of a text without headings, in order; the first starts at paragraph 0.
    `year`: the text's own year (from its date), which relative-year words count from."""
    run = _organising_enumeration(paragraphs)
    items = dict(run)
    last_item = run[-1][0] if run else -1
    contexts = {i: f"{y}年" for i, y in enumerate(year_frames(paragraphs, year)) if y}
    planned: list[PlannedSection] = []
    i = 0
    while i < len(paragraphs):
        if i in items:
            planned.append(
                PlannedSection(
                    i,
                    str(items[i]),
                    opening_words(paragraphs[i], MAX_ITEM_LABEL, sentence=True),
                    contexts.get(i, ""),
                )
            )
            i += 1
            # up to the next item, paragraphs continue this one; the last item is one paragraph
            while i < last_item and i not in items:
                i += 1
            continue
        start = i
        while i < len(paragraphs) - 1 and is_lead_in(paragraphs[i]) and i + 1 not in items:
            i += 1  # a lead-in line (同志们：) joins the paragraph it introduces
        planned.append(
            PlannedSection(
                start,
                f"p{start + 1}",
                f"¶{start + 1} {opening_words(paragraphs[i], OPENING_CHARS)}",
                contexts.get(start, ""),
            )
        )
        i += 1
    return planned


def year_frames(paragraphs: list[str], year: int | None) -> list[int | None]:
    """Per paragraph, the year it speaks of: named by its first relative-year word (过去一年 →
    year - 1), else the previous paragraph's; None before the first such word or without `year`."""
    frames: list[int | None] = []
    frame = None
    for par in paragraphs:
        m = _RELATIVE_YEAR.search(par) if year else None
        if m and year:
            frame = year + _RELATIVE_YEARS[m.group(0)]
        frames.append(frame)
    return frames


def _organising_enumeration(paragraphs: list[str]) -> list[tuple[int, int]]:
    """(paragraph index, item number) of the enumeration spanning the most paragraphs."""
    best: list[tuple[int, int]] = []
    for family, pattern in _FAMILIES:
        for run in _runs(paragraphs, family, pattern):
            span, best_span = run[-1][0] - run[0][0], (best[-1][0] - best[0][0]) if best else -1
            if len(run) >= 2 and (span, len(run)) > (best_span, len(best)):
                best = run
    return best


def _runs(paragraphs: list[str], family: str, pattern: re.Pattern[str]) -> list[list[tuple[int, int]]]:
    """Items numbered 1, 2, 3, … in order (a `最后`/`Finally` closes a run)."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for i, par in enumerate(paragraphs):
        m = pattern.match(par)
        if not m:
            continue
        word = m.group(1)
        if word.lower() in _LAST:
            if current:
                current.append((i, current[-1][1] + 1))
                runs.append(current)
                current = []
            continue
        number = _number(family, word)
        if number == 1:
            if current:
                runs.append(current)
            current = [(i, 1)]
        elif current and number == current[-1][1] + 1:
            current.append((i, number))
    if current:
        runs.append(current)
    return runs


def _number(family: str, word: str) -> int:
    if family == "order":
        return _ORDER[word]
    if family == "en":
        return _ORDINALS_EN.index(word.lower()) + 1
    return chinese_number(word)


def opening_words(paragraph: str, limit: int, sentence: bool = False) -> str:
    """A short label from the start of `paragraph`: its first sentence (`sentence`) or
    first words, cut at a clause mark within `limit` characters (English: words)."""
    text = (
        paragraph[m.end() :].lstrip() if (m := DATELINE_RE.match(paragraph)) and m.end() < len(paragraph) else paragraph
    )
    head = first_sentence(text)
    if is_english(head):
        words = head.split()
        n = limit // 4 if sentence else OPENING_WORDS
        return " ".join(words[:n]) + ("…" if len(words) > n else "")
    if len(head) <= limit:
        return head
    cut = max((m.start() for m in _CLAUSE_MARK.finditer(head, 0, limit)), default=0)
    if cut < limit // 2:
        cut = limit
        while cut < len(head) and _ALNUM.match(head[cut - 1]) and _ALNUM.match(head[cut]):
            cut += 1  # never cut inside a number or a Latin word (1200, 5G)
    return head[:cut] + "…"
