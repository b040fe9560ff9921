"""Best-effort English labels for sections that have no hand-written one.

Why: English answers name the section a quote comes from, and a reader of English should be
able to tell sections apart and roughly know what each is about, also for a text nobody has
labelled (any document added with `knowledge add`). A generated label is the section's
numbering in English (三（八） → "III.8", （12） → "Item 12", ¶3) followed by the English
glosses of its heading's key words from CC-CEDICT (`knowledge.zh_en`, the same dictionary the
assistant's cross-lingual bridge uses). Word-by-word glosses are not a translation; the label
says so by being marked `label_en_generated` (chunk metadata `section_label_en_generated`).
Hand-written labels (the manifest's `section_labels_en`) are never replaced.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from knowledge.headings import chinese_number
from knowledge.models import DocumentMeta, Section
from knowledge.structure import DocumentStructure
from knowledge.text import has_han

#: most English words a generated label takes from the heading
MAX_WORDS = 10
_CN = "[一二三四五六七八九十]+"
#: (marker pattern, its English rendering, whether it numbers parts and their sections: those take
#: their English number from the section id, "III.8", so a sub-section also carries its part's number)
_MARKERS: tuple[tuple[re.Pattern, Callable[[re.Match], str], bool], ...] = (
    (re.compile(rf"^第({_CN}|\d+)部分\s*"), lambda m: f"Part {_roman(chinese_number(m.group(1)))}", False),
    (re.compile(rf"^第({_CN}|\d+)[章篇]\s*"), lambda m: f"Chapter {chinese_number(m.group(1))}", False),
    (re.compile(rf"^第({_CN}|\d+)节\s*"), lambda m: f"Section {chinese_number(m.group(1))}", False),
    (re.compile(rf"^第({_CN}|\d+)条\s*"), lambda m: f"Article {chinese_number(m.group(1))}", False),
    (re.compile(rf"^({_CN})、\s*"), lambda m: f"{_roman(chinese_number(m.group(1)))}.", True),
    (
        re.compile(rf"^({_CN})[（(]({_CN})[）)]\s*"),
        lambda m: f"{_roman(chinese_number(m.group(1)))}.{chinese_number(m.group(2))}",
        True,
    ),
    (re.compile(rf"^[（(]({_CN})[）)]\s*"), lambda m: f"({chinese_number(m.group(1))})", True),
    (re.compile(r"^[（(](\d{1,3})[）)]\s*"), lambda m: f"Item {m.group(1)}", False),
    (re.compile(rf"^({_CN})是\s*"), lambda m: _ORDINAL_WORDS.get(chinese_number(m.group(1)), ""), False),
    (re.compile(rf"^第({_CN})[，,、]\s*"), lambda m: _ORDINAL_WORDS.get(chinese_number(m.group(1)), ""), False),
    (re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.、]?\s+"), lambda m: m.group(1), True),
    (re.compile(r"^¶(\d+)\s*"), lambda m: f"¶{m.group(1)}", False),
)
_ORDINAL_WORDS: dict[int, str] = {
    1: "First",
    2: "Second",
    3: "Third",
    4: "Fourth",
    5: "Fifth",
    6: "Sixth",
    7: "Seventh",
    8: "Eighth",
    9: "Ninth",
    10: "Tenth",
}
_DOTTED = re.compile(r"(\d+)((?:\.\d+)*)")
_PARAGRAPH = re.compile(r"(?:p|¶|para)(\d+)", re.I)
#: function words a gloss would only clutter
_SKIP = frozenset(
    "的 地 得 和 与 及 以及 并 并且 而 或 等 是 在 了 着 对 把 被 为 以 于 之 其 中 上 下 个 我们 我国 年".split()
)
_CLAUSE = re.compile(r"[，,、；;：:]")
_STOP = re.compile(r"[。！？!?]")


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def numbering(section: Section) -> tuple[str, str]:
    """(English numbering, the label without its Chinese numbering marker)."""
    label = section.label.strip()
    rest = label
    marker, part_like = "", True
    for pattern, render, numbers_parts in _MARKERS:
        m = pattern.match(label)
        if m:
            marker, rest, part_like = render(m), label[m.end() :], numbers_parts
            break
    dotted = _DOTTED.fullmatch(section.section_id)
    # parts and their sections (一、 / 三（八） / （一）) are numbered from the id: III.8
    if dotted and int(dotted.group(1)) > 0 and part_like:
        head, tail = _roman(int(dotted.group(1))), dotted.group(2)
        return (f"{head}{tail}" if tail else f"{head}."), rest
    paragraph = _PARAGRAPH.fullmatch(section.section_id)
    if paragraph:
        return f"¶{paragraph.group(1)}", rest
    return marker, rest


def gloss_words(text: str, gloss: Callable[[str], str], limit: int = MAX_WORDS) -> str:
    """English glosses of the key words of a Chinese heading, clause marks kept as commas."""
    from knowledge.keyword_index import segment

    text = _STOP.split(text, maxsplit=1)[0]
    words: list[str] = []
    count = 0
    for clause in _CLAUSE.split(text):
        glossed: list[str] = []
        for word in segment(clause):
            if count >= limit:
                break
            if word in _SKIP or not any(ch.isalnum() for ch in word):
                continue
            for english in [word] if word.isascii() else _glosses(word, gloss):
                if english and (not glossed or glossed[-1] != english):
                    glossed.append(english)
                    count += 1
        if glossed:
            words.append(" ".join(glossed))
        if count >= limit:
            break
    phrase = ", ".join(words)
    return phrase[:1].upper() + phrase[1:]


def _glosses(word: str, gloss: Callable[[str], str]) -> list[str]:
    """The word's gloss, else the glosses of its dictionary sub-words (高质量发展 → high quality, development)."""
    whole = gloss(word)
    if len(word) == 1 and whole[:1].isupper():  # 保 → "Bulgaria": a one-character abbreviation of a name
        return []
    if whole or len(word) < 3:
        return [whole] if whole else []
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            part = gloss(word[i:j])
            if part:
                out.append(part)
                i = j
                break
        else:
            i += 1
    return out


def english_label(section: Section, gloss: Callable[[str], str]) -> str:
    """A generated English label: numbering + glossed heading words ("" if neither is known)."""
    number, rest = numbering(section)
    words = gloss_words(rest, gloss) if has_han(rest) else ""
    if not words and section.label_en:
        words = section.label_en
    return " ".join(p for p in (number, words) if p).strip()


def fill_labels(
    structure: DocumentStructure, meta: DocumentMeta, gloss: Callable[[str], str] | None = None
) -> DocumentStructure:
    """The structure with a generated `label_en` on every section without a hand-written one."""
    missing = [s for s in structure.sections if s.section_id not in meta.section_labels_en]
    if not missing:
        return structure
    if gloss is None:
        from knowledge.zh_en import ZhEnDictionary

        gloss = ZhEnDictionary.full().gloss
    sections = []
    for s in structure.sections:
        if s in missing:
            # a label the structure already gives in English (an English heading, "Opening") is kept
            label_en = s.label_en or english_label(s, gloss)
            s = dataclasses.replace(s, label_en=label_en, label_en_generated=True)
        sections.append(s)
    return dataclasses.replace(structure, sections=sections)
