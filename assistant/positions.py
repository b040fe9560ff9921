"""Positional questions: "排在前两条的任务是什么", "what are the first two tasks".

Why: such a question names no topic of the items it asks for, only their place, so neither
BM25 nor the embedder finds them; what it does share words with is the enumeration's lead-in or
one of its items. The items are sections with a number (`knowledge.models.Section`: "1", "2"
for run-in items 一是…二是…, "3.1", "3.2" for （一）（二） under 三、), so once the best-ranked
candidate that has items (or is one) shows which enumeration the question is about, its first
items can be put first.
"""

from __future__ import annotations

import re
from typing import Any

from assistant import textmatch
from knowledge.models import Chunk
from knowledge.text import ORDINAL_WORDS, han_number, han_numeral

_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
#: "前两条", "排在前三项", "头两个", "the first two", "the top three"; a bare "第一条" / "the first task": 1
_FIRST_N = re.compile(
    r"(?:前|头)([两二三四五2-5])\s*(?:条|项|个|点|大|件|方面|部分|类)"
    r"|\b(?:the\s+)?(?:first|top)\s+(two|three|four|five|[2-5])\b"
    r"|第一(?:条|项|个|点|件)(?!\d)|\bthe\s+(?:very\s+)?first\s+(?:task|item|point|measure|priority)\b",
    re.I,
)
#: candidates looked through for the enumeration the question is about
WINDOW = 10

#: what an item is called after its ordinal in English ("the eighth of the nine 'musts'", "the second lesson")
_ITEM_NOUNS = "must|lesson|task|item|point|measure|priority|principle|requirement|experience|step|aspect|area"
#: one item asked for by its place: 第六条 / 第六项 / 第九点 / 第六个是…; the Nth <item noun> (not 第二个百年, not the
#: Second Plenum: a noun of a list must follow)
_NTH = re.compile(
    r"第([一二三四五六七八九十]{1,3}|\d{1,2})\s*(?:条|项|点|方面|个(?=[是？?，,]))"
    rf"|\bthe\s+({'|'.join(ORDINAL_WORDS)})\s+(?:of\s+the\s+\w+\s+)?['‘’\"“”]?(?:{_ITEM_NOUNS})s?\b",
    re.I,
)


def asked_item(question: str) -> int:
    """The place of the one item a question asks for by its place (0: none)."""
    m = _NTH.search(question)
    if not m:
        return 0
    if m.group(2):
        return ORDINAL_WORDS.index(m.group(2).lower()) + 1
    return int(han_number(m.group(1)))


def item_sentence(text: str, n: int) -> tuple[int, int] | None:
    """The span of the text's first sentence (`textmatch.line_sentences`) that opens its n-th item, if any."""
    return next(((a, b) for a, b in textmatch.line_sentences(text) if opens_item_number(text[a:b], n)), None)


def opens_item_number(sentence: str, n: int) -> bool:
    """Does the sentence open the n-th item of a run-in or numbered enumeration (六是…, 第六，…, （六）…, 6. …, 其六，…)?"""
    if not 1 <= n <= 19:
        return False
    han = han_numeral(n)
    marker = rf"^\s*(?:{han}是|第{han}[，、,：:]|（{han}）|{n}[.．、）)]|其{han}[，、,])"
    return re.match(marker, sentence) is not None


def asked_count(question: str) -> int:
    """How many leading items a positional question asks for (0: not positional)."""
    m = _FIRST_N.search(question)
    if not m:
        return 0
    word = m.group(1) or m.group(2)
    if not word:
        return 1
    return int(word) if word.isdigit() else _COUNT[word.lower()]


def item_number(section_id: str) -> tuple[str, int] | None:
    """(parent section id, number) of an item section ("3.2" → ("3", 2), "2" → ("", 2)), else None."""
    parent, _, last = section_id.rpartition(".")
    return (parent, int(last)) if last.isdigit() else None


def first_items_first(
    index: Any, fused: list[tuple[Chunk, float]], count: int, doc_ids: list[str] | None = None
) -> list[tuple[Chunk, float]]:
    """The first `count` items of the enumeration the question is about, at the top of the ranking in
    their order. That enumeration is the items of the best-ranked candidate that has items (a part
    三、 whose heading the question matches, with its （一）（二）), else the siblings of the
    best-ranked candidate that is an item; the ranking is left as it was when there is neither.
    `doc_ids`: the documents the question names (or the search is limited to), if any."""
    window = [c for c, _ in fused[:WINDOW] if not doc_ids or c.doc_id in doc_ids]
    chunks_of: dict[str, list[Chunk]] = {}
    for c in window:
        if c.doc_id not in chunks_of:
            chunks_of[c.doc_id] = index.chunks(c.doc_id)
    sections = {d: {c.section_id for c in chunks} for d, chunks in chunks_of.items()}
    parent = next(((c.doc_id, c.section_id) for c in window if f"{c.section_id}.1" in sections[c.doc_id]), None)
    if parent is None:
        parent = next(((c.doc_id, p[0]) for c in window for p in [item_number(c.section_id)] if p), None)
    if parent is None:
        return fused
    doc_id, prefix = parent
    wanted = {(f"{prefix}.{i}" if prefix else str(i)): i for i in range(1, count + 1)}
    firsts: dict[int, Chunk] = {}
    for c in chunks_of[doc_id]:
        i = wanted.get(c.section_id)
        if i is not None and i not in firsts and c.role == "body":
            firsts[i] = c
    if not firsts:
        return fused
    top = fused[0][1]
    items = [firsts[i] for i in sorted(firsts)]
    ids = {c.chunk_id for c in items}
    return [(c, top * (1.01 + 0.01 * (len(items) - n))) for n, c in enumerate(items)] + [
        (c, sc) for c, sc in fused if c.chunk_id not in ids
    ]
