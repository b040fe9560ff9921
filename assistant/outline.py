"""Questions about a whole part ("实现路径有哪些？", "What are the ten government tasks?",
"加快形成新质生产力有什么重大战略意义？").

The answer to such a question is the part's own table of contents: the headings of its
sections, quoted verbatim from the first chunk of each. Retrieval cannot deliver that
(nine sections, each matching a little), so the pipeline asks this module whether the
question names a part and, if so, adds those first chunks to the contexts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant import textmatch
from assistant.answer_types import COUNTED_ITEMS, DATE, NUMBER, PERSON, asked_types
from assistant.glossary import Glossary
from knowledge.headings import CN_NUMERAL
from knowledge.models import Chunk
from knowledge.text import HAN_CLASS

#: the question asks for an enumeration
_LIST_Q = re.compile(
    r"哪些|哪几|哪[一二三四五六七八九十两\d]+[项个条方面]|几[项个条]|列举|分别是|"
    rf"{COUNTED_ITEMS}|"
    r"\bwhat are the\b|\bwhich\b|\blist\b|\b(?:three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)
#: the words a list question puts after its question word ("哪些原则", "which strategies" once
#: `Glossary.translate_en` has made it Chinese): the kind of item it asks for
_ASKED = re.compile(
    rf"(?:哪些|哪几[个项条种类]?|哪[一二三四五六七八九十两\d]+[项个条种类]|\bwhich\b|\bwhat are the\b)"
    rf"\s*(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?((?:{HAN_CLASS}|\s)*)",
    re.I,
)
#: share of the question's content a part heading must say for the question to be "about" it
MIN_LABEL_COVERAGE = 0.6


@dataclass(frozen=True)
class Part:
    doc_id: str
    section_id: str
    label: str
    label_en: str
    #: first chunk of each section of the part, in document order
    sections: tuple[Chunk, ...]
    #: the part's last chunk when its last sentence announces the sections ("今年要重点抓好八个方面工作："): its
    #: headings are that sentence's items (`announcing_parts`); None for a part found by its heading
    lead: Chunk | None = None

    def holds(self, chunk: Chunk) -> bool:
        """Is the chunk in this part: its own opening, or one of its sections ("3", "3.1" …, or the items following
        an announcing paragraph, `announcing_parts`)?"""
        return chunk.doc_id == self.doc_id and (
            chunk.section_id == self.section_id
            or chunk.section_id.startswith(self.section_id + ".")
            or any(chunk.section_id == s.section_id for s in self.sections)
        )


def parts_of(chunks: list[Chunk]) -> list[Part]:
    """Parts (top-level sections such as "3") that have numbered sections under them ("3.1" …)."""
    first: dict[tuple[str, str], Chunk] = {}
    for c in chunks:
        first.setdefault((c.doc_id, c.section_id), c)
    out = []
    for (doc_id, sid), chunk in first.items():
        if "." in sid:
            continue
        subs = [c for (d, s), c in first.items() if d == doc_id and s.startswith(sid + ".")]  # (`Part.holds`)
        if len(subs) >= 2:
            subs.sort(key=lambda c: int(c.section_id.split(".")[1]) if c.section_id.split(".")[1].isdigit() else 0)
            out.append(Part(doc_id, sid, chunk.section_label, chunk.section_label_en, tuple(subs)))
    return out


def announcing_parts(chunks: list[Chunk]) -> list[Part]:
    """Sections (of any level) whose text ends with a lead-in announcing what follows (`announces`: loosely for a
    paragraph) and that have sections under them ("二、2010年主要任务" ending "今年要重点抓好八个方面工作：", then
    "（一）…" … "（八）…"), or, for a paragraph of a text without headings ("会议确定，明年经济工作抓好以下重点任务。"),
    the numbered sections right after it ("一是…" … "八是…" made sections 1 … 8): the items that lead-in announces
    are the headings of those sections, which no chunk holds together. `chunks` are in document order."""
    first: dict[tuple[str, str], Chunk] = {}
    last: dict[tuple[str, str], Chunk] = {}
    for c in chunks:
        first.setdefault((c.doc_id, c.section_id), c)
        if (c.doc_id, c.section_id) not in last or c.ordinal > last[(c.doc_id, c.section_id)].ordinal:
            last[(c.doc_id, c.section_id)] = c
    order = list(first)
    position = {key: i for i, key in enumerate(order)}
    out = []
    for (doc_id, sid), chunk in last.items():
        paragraph = _PARAGRAPH_SECTION.fullmatch(sid) is not None
        if not announces(chunk.text, loosely=paragraph):
            continue
        subs = [c for (d, s), c in first.items() if d == doc_id and _child_number(sid, s) is not None]
        subs.sort(key=lambda c: _child_number(sid, c.section_id) or 0)
        if not subs and paragraph:
            subs = _items_after(order[position[(doc_id, sid)] + 1 :], first)
        if len(subs) >= 2:
            head = first[(doc_id, sid)]
            out.append(Part(doc_id, sid, head.section_label, head.section_label_en, tuple(subs), lead=chunk))
    return out


#: a paragraph section of a text without headings (¶8 is "p8", `knowledge.paragraph_sections`)
_PARAGRAPH_SECTION = re.compile(r"p\d+")


def _items_after(following: list[tuple[str, str]], first: dict[tuple[str, str], Chunk]) -> list[Chunk]:
    """The first chunks of the top-level sections numbered 1, 2, 3 … that follow one another from the start of
    `following` (the sections after an announcing paragraph, in document order)."""
    out = []
    for n, key in enumerate(following, start=1):
        if key[1] != str(n):
            break
        out.append(first[key])
    return out


#: a lead-in sentence naming what follows it without a colon: "…有以下几个方面。", "…抓好以下重点任务。"; or saying
#: that a set of tasks or requirements was put forward, counted or main ("就此提出5个方面的任务。", "提出5点要求。",
#: "会议提出了推进城镇化的主要任务。"): a readout's items then follow as sections of their own (第一，… 一是…), and the
#: sentence alone, quoted for "提出了哪5个方面的任务", answered nothing (blind readers, 2026-12-06)
_ANNOUNCING_WORDS = re.compile(
    r"(?:以下|如下)[^，。；：]{0,12}[。.]?$"
    r"|(?:提出|作出|部署|明确)了?[^，。；：]{0,16}?"
    r"(?:[\d一二三四五六七八九十两]+(?:点|个方面|项|条)[^，。；：]{0,6}?|主要|重点)(?:要求|任务|工作|举措|措施)[。.]?$"
)


def announces(text: str, loosely: bool = False) -> bool:
    """Does the text's last sentence announce what follows it: end in a colon, or, `loosely`, name it "以下…" /
    "如下…"? Loosely only for a paragraph of a text without headings: in a structured text a full stop closes a
    summary ("五年来…主要做了以下工作。" over its ten sections) that a question about another part's heading
    ("2023年工作回顾中…做了哪些工作") would otherwise be answered with."""
    start, end = last_sentence(text)
    sentence = text[start:end].rstrip()
    return sentence.endswith(("：", ":")) or (loosely and bool(_ANNOUNCING_WORDS.search(sentence)))


def lead_in_span(chunk: Chunk) -> tuple[int, int]:
    """The announcing sentence at the end of a part's `lead` chunk (verbatim)."""
    return last_sentence(chunk.text)


def last_sentence(text: str) -> tuple[int, int]:
    """The span of the text's last sentence ((0, 0) for a text without one)."""
    return next(iter(reversed(tuple(textmatch.line_sentences(text)))), (0, 0))


def _child_number(parent: str, section_id: str) -> int | None:
    """n when `section_id` is the n-th section directly under `parent` ("2" → "2.3": 3), else None."""
    head, _, rest = section_id.rpartition(".")
    return int(rest) if head == parent and rest.isdigit() else None


@dataclass(frozen=True)
class Outline:
    """What a list question about a part is answered with: the part's label (Chinese, English), the indices of the
    contexts that open each of its sections, and where the lead-in announcing them stands, if one does
    ((context, start, end) of "今年要重点抓好八个方面工作：")."""

    label: str
    label_en: str
    sections: tuple[int, ...]
    lead: tuple[int, int, int] | None = None


def announced_part(
    question: str, parts: Sequence[Part], contexts: Sequence[Chunk], glossary: Glossary, idf: dict[str, float]
) -> Part | None:
    """The first of `parts` (found by `announcing_parts`) whose lead-in is what the question asks about: of the
    sentences of the best `contexts` (the lead chunks among them), the one sharing most of the question's words (by
    idf), and at least one. A list question about a target named beside it ("主要预期目标有哪些"), or about another
    lead-in ("回顾…时期的政府工作，我们…加深了以下几个方面的认识和体会：" beside "五年来，我们主要做了以下工作："), is not
    answered with the headings that the closing sentence announces."""
    want = textmatch.query_terms(glossary.translate_en(question))

    def shared(text: str, span: tuple[int, int]) -> float:
        return sum(idf.get(f, 0.0) for f in want & textmatch.terms(text[span[0] : span[1]]))

    best = max((shared(c.text, s) for c in contexts for s in textmatch.line_sentences(c.text)), default=0.0)
    for part in parts:
        assert part.lead is not None, "announced parts have a lead chunk"
        said = shared(part.lead.text, lead_in_span(part.lead))
        if said > 0 and said >= best:
            return part
    return None


def match_part(question: str, parts: Sequence[Part], glossary: Glossary, idf: dict[str, float]) -> Part | None:
    """The part whose heading the question is about, if any.

    A list question ("实现路径有哪些？") only has to be covered by the heading; any other question
    must also say most of the heading itself ("加快形成新质生产力有什么重大战略意义？" is the heading
    of part 二 asked as a question), so that a question merely sharing the topic word
    ("新质生产力是什么？") is not answered with a table of contents.
    """
    listing = is_list_question(question)
    translated = glossary.translate_en(question)
    want = textmatch.query_terms(translated)
    kind = asked_kind(translated)
    weights = {f: idf.get(f, 0.0) for f in want if f in idf}
    total = sum(weights.values())
    if total <= 0:
        return None
    best, best_cov = None, 0.0
    for part in parts:
        have = textmatch.terms(part.label)
        if listing and kind and kind not in have:
            continue  # "贯彻哪些原则": a part whose heading names no 原则 does not list them
        cov = sum(w for f, w in weights.items() if f in have) / total
        if not listing:
            said = textmatch.query_terms(_NUMBERING.sub("", part.label))
            label_total = sum(idf.get(f, 0.0) for f in said)
            if label_total <= 0 or sum(idf.get(f, 0.0) for f in said if f in want) / label_total < MIN_LABEL_COVERAGE:
                continue
        if cov > best_cov:
            best, best_cov = part, cov
    return best if best_cov >= MIN_LABEL_COVERAGE else None


_NUMBERING = re.compile(rf"^{CN_NUMERAL}、")


def asked_kind(question: str) -> str:
    """The head word of what a list question asks for, when it follows the question word: the last
    two characters of the Chinese words there ("哪些原则" → 原则, "哪些重大战略意义" → 意义); "" when
    the question names it before ("实现路径有哪些") or it is a function word (方面, 内容)."""
    m = _ASKED.search(question)
    head = re.sub(r"\s+", "", m.group(1))[-2:] if m else ""
    return head if len(head) == 2 and head not in textmatch.ZH_STOP_BIGRAMS else ""


def is_list_question(question: str) -> bool:
    """The question asks for an enumeration ("哪些", "which", "list", "the ten …"), not for a person, a figure or a
    date ("which scholar's definition…", "which year", 哪些人): those are answered by a sentence, not by the headings
    of a part's sections."""
    return bool(_LIST_Q.search(question)) and not asked_types(question) & {PERSON, NUMBER, DATE}


def heading_span(chunk: Chunk) -> tuple[int, int]:
    """The section's heading as it stands at the start of its first chunk (verbatim)."""
    for start, end in textmatch.line_sentences(chunk.text):
        return start, end
    return 0, len(chunk.text)
