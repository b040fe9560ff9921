"""Align a document with its official translation: sections first, then sentences.

Why: an English reader should be quoted the official English sentence, and shown the
Chinese original it translates, with both section labels. The two texts are not
paragraph-for-paragraph parallel (the translation splits lists into paragraphs, turns
the original's 一是…二是… points into numbered headings, joins and splits sentences),
so the pair is aligned in two steps:

1. **Sections.** Sections are paired by id (一、 ↔ I. is `1`, （一） ↔ 1. is `1.1`, the
   opening `0` and `closing` pair with themselves). A section that exists on one side
   only (the translation's numbered points inside part I) joins the section of its
   nearest ancestor that exists on both sides, or else the preceding pair. When less
   than half of the source's sentences fall in paired sections (a translation whose
   headings were not found), the whole texts are aligned as one stretch.
2. **Sentences inside each section pair.** A monotonic alignment by dynamic
   programming over sentence units, allowing 1–1, 1–2, 2–1, 1–3, 3–1 beads and
   unmatched units. A bead's gain is the cross-lingual cosine similarity of its two
   sides (multilingual USE, sides of several sentences embedded as one text) plus an
   anchor term (numbers, years and percentages both sides share, with 万/亿 and
   million/billion normalised to one value), minus a length-ratio penalty and a
   threshold; an unmatched unit gains 0. The constants are stated below with the
   measurement behind them (`tests/data/alignment_gwr2022_sample.jsonl`).
3. **Links of what stays unmatched.** A translation sentence no bead holds is linked to the
   original sentence it most likely renders between its aligned neighbours (`unmatched_links`),
   so it can still be read and quoted with an original; links are kept apart from the pairs.

Input is the chunks of both documents as the index stores them, so the alignment can
be recomputed from the index alone; units are sentences of those chunks, with absolute
offsets in the cleaned text, and each unit knows the chunk that holds it.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from knowledge.models import Chunk
from knowledge.sentences import sentence_spans
from knowledge.text import han_count, mostly_han

#: the cross-lingual embedder alignment always uses (whatever the index embeds with)
ALIGNMENT_EMBEDDER = "use-multilingual"
#: schema of the stored alignment (bump when the JSON shape or the algorithm changes)
ALIGNMENT_VERSION = 6

# Bead scoring. Set by hand before the sample was drawn; sensitivity measured on the
# hand-checked sample tests/data/alignment_*_sample.jsonl (78 units, precision / units left unaligned / sentences
# unmatched zh+en): THRESHOLD 0.20 → 1.00 / 0 / 11+34, 0.30 → 1.00 / 0 / 26+49, 0.40 →
# 0.99 / 4 / 47+75 (median bead score 0.60); MERGE_PENALTY 0 → 0.987 (one wrong merge),
# 0.04 → 1.00; ANCHOR_MATCH/ANCHOR_CLASH and LENGTH_WEIGHT set to 0 change no sample
# pair (anchors decide between neighbouring figures, which the sample rarely meets).
THRESHOLD = 0.30
#: gain lost by a bead of more than one unit on a side (prefers 1–1 when it is as good)
MERGE_PENALTY = 0.04
#: weight of |log(length ratio / section's ratio)|
LENGTH_WEIGHT = 0.08
#: gain of a bead whose two sides share all their numbers
ANCHOR_MATCH = 0.25
#: gain lost when both sides carry numbers and share none
ANCHOR_CLASH = 0.12
# Links of unmatched translation units (`unmatched_links`). Set by hand, not tuned: on the 2022 pair
# all 49 unmatched English units get a link, similarities 0.13–0.56, at most 4 source units to
# choose from; 48 of 49 right on the hand-checked sample tests/data/alignment_gaps_gwr2022_sample.jsonl
# (46 before a unit between two beads was linked to the bead it joins better, `_joined_bead`).
#: similarity (cosine + anchor gain) a link needs: a positive one
LINK_THRESHOLD = 0.0
#: most source units a link chooses among (a longer stretch is a passage the translation left out
#: or rewrote, not one unit's rendering)
LINK_SPAN = 6
#: bead shapes (units of the source, units of the translation)
BEADS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))


# --------------------------------------------------------------------------- units
@dataclass(frozen=True)
class Unit:
    """A sentence (or heading line) of one side: [start, end) in the cleaned text."""

    start: int
    end: int
    text: str
    section_id: str
    chunk_ids: tuple[str, ...]


_LIST_MARK = re.compile(r"^(?:[IVXLC]+|\d{1,3}|[A-Za-z])[.)]$|^[（(]?[一二三四五六七八九十\d]+[）)、]$")
#: a unit that ends like this is not finished (a cut piece, or a list line that goes on)
_TERMINAL = re.compile(r"[。！？.!?；;…][”’\"')）\]］]*$")
_CONJUNCTION = re.compile(r"^(?:and|or)$")
_CONTINUES_LINE = re.compile(r"(?:[;:,；：，]|\b(?:and|or))$")


def units_of(chunks: list[Chunk]) -> list[Unit]:
    """Sentence units of a document, in order, each once (chunks overlap).

    A unit that is only a list marker (`1.`, `II.`) is joined to the sentence after it;
    pieces of one over-long sentence (cut by chunking) are joined back; a line that ends
    with `;` `:` `,` or `and` (a list introduced by one sentence) is joined to the next.
    """
    raw: dict[int, tuple[int, int, Chunk]] = {}  # start -> (end, line start, chunk)
    for chunk in chunks:
        pos = chunk.char_start
        for line in chunk.text.split("\n"):
            for a, b in sentence_spans(line):
                if pos + a not in raw or raw[pos + a][0] < pos + b:
                    raw[pos + a] = (pos + b, pos, chunk)
            pos += len(line) + 1
    text = _Text(chunks)
    out: list[Unit] = []
    prev_line = -1
    for start in sorted(raw):
        end, line_start, chunk = raw[start]
        if out and start < out[-1].end:  # a piece inside a unit already taken
            continue
        if out and _joins(out[-1].text, text.slice(start, end), same_line=line_start == prev_line):
            prev = out.pop()
            ids = tuple(dict.fromkeys(prev.chunk_ids + (chunk.chunk_id,)))
            out.append(Unit(prev.start, end, text.slice(prev.start, end), prev.section_id, ids))
        else:
            out.append(Unit(start, end, text.slice(start, end), chunk.section_id, (chunk.chunk_id,)))
        prev_line = line_start
    return out


def _joins(previous: str, current: str, same_line: bool) -> bool:
    last = previous.rsplit("\n", 1)[-1]
    if _LIST_MARK.match(last) or (same_line and _CONJUNCTION.match(current)):
        return True
    return not _TERMINAL.search(last) if same_line else bool(_CONTINUES_LINE.search(last))


class _Text:
    """Verbatim slices of a document's cleaned text, from the chunks that cover it."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chars: dict[int, str] = {}
        for c in chunks:
            for k, ch in enumerate(c.text):
                self.chars.setdefault(c.char_start + k, ch)

    def slice(self, start: int, end: int) -> str:
        return "".join(self.chars.get(k, "\n") for k in range(start, end))


# --------------------------------------------------------------------------- sections
def ancestors(section_id: str) -> list[str]:
    """The section and its ancestors, nearest first ("3.9" → ["3.9", "3"])."""
    parts = section_id.split(".")
    return [".".join(parts[:k]) for k in range(len(parts), 0, -1)]


def section_groups(source_ids: list[str], translation_ids: list[str]) -> list[tuple[list[str], list[str]]]:
    """Pair sections (both lists in document order): [(source ids, translation ids), …].

    A section whose id exists on both sides anchors a group; a one-sided section joins
    the group of its nearest shared ancestor, else the group before it.
    """
    shared = [s for s in source_ids if s in set(translation_ids)]
    groups: dict[str, tuple[list[str], list[str]]] = {s: ([], []) for s in shared}
    order = list(shared)

    def place(ids: list[str], side: int) -> None:
        current = None
        for sid in ids:
            anchor = next((a for a in ancestors(sid) if a in groups), None)
            if anchor is None or (anchor != sid and current is not None and order.index(current) > order.index(anchor)):
                anchor = current
            if anchor is None:  # before any shared section: a group of its own at the front
                anchor = f"~{sid}"
                groups[anchor] = ([], [])
                order.insert(0, anchor)
            groups[anchor][side].append(sid)
            current = anchor

    place(source_ids, 0)
    place(translation_ids, 1)
    return [groups[g] for g in order if groups[g][0] or groups[g][1]]


# --------------------------------------------------------------------------- anchors
_MULT_ZH = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_MULT_EN = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_WORDS_EN = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)}
_NUM_ZH = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万|千)?")
_NUM_EN = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + "|".join(_WORDS_EN) + r")\b)"
    r"(?:\s*(trillion|billion|million|thousand)\b)?",
    re.IGNORECASE,
)
_LEADING_MARK = re.compile(r"^\s*(?:[IVXLC]+|\d{1,3})\.\s")


def anchors(text: str) -> frozenset[str]:
    """Numbers of a sentence as normalised values ("114 trillion" = "114万亿" = 1.14e14).

    Digits only (plus one..ten before million/billion/trillion); a leading list marker
    (`3. …`) is not a number of the sentence.
    """
    text = _LEADING_MARK.sub("", text)
    values: set[str] = set()
    for m in _NUM_ZH.finditer(text):
        if m.group(2):  # plain digits are read below
            values.add(_norm(float(m.group(1)) * _MULT_ZH[m.group(2)]))
    for m in _NUM_EN.finditer(text):
        token, mult = m.group(1).lower(), (m.group(2) or "").lower()
        if token in _WORDS_EN:
            if not mult:
                continue
            value = float(_WORDS_EN[token])
        else:
            value = float(token.replace(",", ""))
        if mult:
            value *= _MULT_EN[mult]
        elif _followed_by_zh_multiplier(text, m.end()):
            continue  # counted above with its multiplier
        values.add(_norm(value))
    return frozenset(values)


def _followed_by_zh_multiplier(text: str, end: int) -> bool:
    return text[end : end + 1] in ("万", "亿", "千")


def _norm(value: float) -> str:
    return f"{value:.6g}"


def anchor_gain(a: frozenset[str], b: frozenset[str]) -> float:
    """+ANCHOR_MATCH × share of numbers in common; −ANCHOR_CLASH when both have numbers and none match."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    if common == 0:
        return -ANCHOR_CLASH
    return ANCHOR_MATCH * common / max(len(a), len(b))


# --------------------------------------------------------------------------- the pair
@dataclass
class Side:
    """One side of an aligned pair: consecutive units of one document."""

    section_id: str
    chunk_ids: list[str]
    spans: list[tuple[int, int]]
    sentences: list[str]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class AlignedPair:
    """Source sentence(s) and the translation sentence(s) that render them."""

    source: Side
    translation: Side
    score: float

    @property
    def shape(self) -> str:
        return f"{len(self.source.spans)}-{len(self.translation.spans)}"


@dataclass
class Alignment:
    """The alignment of one document (`source_id`) with its translation."""

    source_id: str
    translation_id: str
    source_version: str = ""
    translation_version: str = ""
    pairs: list[AlignedPair] = field(default_factory=list)
    #: (source section id, translation section id) of every section pair, in order
    sections: list[tuple[str, str]] = field(default_factory=list)
    #: units neither side could align (counts: source, translation)
    unmatched: tuple[int, int] = (0, 0)
    #: translation units no pair holds, each with the source unit it most likely renders (a clause
    #: of it, or all of it): weaker than `pairs`, so only read for what such a unit renders
    unmatched_links: list[AlignedPair] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["schema"] = ALIGNMENT_VERSION
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Alignment:
        def side(s: dict[str, Any]) -> Side:
            return Side(s["section_id"], list(s["chunk_ids"]), [tuple(x) for x in s["spans"]], list(s["sentences"]))

        def pair(p: dict[str, Any]) -> AlignedPair:
            return AlignedPair(side(p["source"]), side(p["translation"]), float(p["score"]))

        return cls(
            source_id=d["source_id"],
            translation_id=d["translation_id"],
            source_version=d.get("source_version", ""),
            translation_version=d.get("translation_version", ""),
            pairs=[pair(p) for p in d["pairs"]],
            sections=[tuple(s) for s in d.get("sections", [])],
            unmatched=tuple(d.get("unmatched", (0, 0))),
            unmatched_links=[pair(p) for p in d.get("unmatched_links", [])],
        )

    def for_source(self, start: int, end: int) -> list[AlignedPair]:
        """Pairs whose source side overlaps [start, end) of the source's cleaned text."""
        return self._by_source.overlapping(start, end)

    def for_translation(self, start: int, end: int) -> list[AlignedPair]:
        """Pairs whose translation side overlaps [start, end) of the translation's text."""
        return self._by_translation.overlapping(start, end)

    def renderings(self, start: int, end: int, clauses: bool = True) -> list[AlignedPair]:
        """What [start, end) of the translation renders: the pairs overlapping it, else the
        `unmatched_links` of the units it holds. `clauses=False` leaves out links to an original
        sentence a pair holds (the unit renders a clause of it, the pair's translation the rest)."""
        found = self.for_translation(start, end)
        if found:
            return found
        links = self._links_by_translation.overlapping(start, end)
        return links if clauses else [p for p in links if not self.for_source(p.source.start, p.source.end)]

    # built once per alignment (alignments are kept per pair version): a question looks up
    # hundreds of sentences, and a scan of every pair took a quarter of an English answer's time
    @cached_property
    def _by_source(self) -> _SpanIndex:
        return _SpanIndex(self.pairs, lambda p: p.source)

    @cached_property
    def _by_translation(self) -> _SpanIndex:
        return _SpanIndex(self.pairs, lambda p: p.translation)

    @cached_property
    def _links_by_translation(self) -> _SpanIndex:
        return _SpanIndex(self.unmatched_links, lambda p: p.translation)


class _SpanIndex:
    """Pairs found by the spans of one side: those with a span overlapping [start, end), in order."""

    def __init__(self, pairs: list[AlignedPair], side: Callable[[AlignedPair], Side]) -> None:
        self.pairs = pairs
        spans = sorted((a, b, k) for k, p in enumerate(pairs) for a, b in side(p).spans)
        self.starts = [a for a, _, _ in spans]
        self.spans = spans
        #: the greatest span end up to each position (spans may nest in a hand-made alignment)
        self.reach = list(itertools.accumulate((b for _, b, _ in spans), max))

    def overlapping(self, start: int, end: int) -> list[AlignedPair]:
        lo = bisect.bisect_right(self.reach, start)
        hi = bisect.bisect_left(self.starts, end)
        found = {k for a, b, k in self.spans[lo:hi] if a < end and start < b}
        return [self.pairs[k] for k in sorted(found)]


# --------------------------------------------------------------------------- aligning
def align(source_chunks: list[Chunk], translation_chunks: list[Chunk], embed) -> Alignment:
    """Align two documents given as their chunks; `embed(texts) -> unit-length rows`."""
    src, tgt, groups = _stretches(source_chunks, translation_chunks)
    source_id = source_chunks[0].doc_id if source_chunks else ""
    translation_id = translation_chunks[0].doc_id if translation_chunks else ""
    result = Alignment(source_id, translation_id)
    matched_src = matched_tgt = 0
    for src_ids, tgt_ids, a, b in groups:
        if src_ids and tgt_ids:
            result.sections.append((src_ids[0], tgt_ids[0]))
        if not a or not b:
            continue
        scores = _Scores([u.text for u in a], [u.text for u in b], embed)
        beads = _beads(scores)
        for i0, i1, j0, j1, score in beads:
            result.pairs.append(AlignedPair(_side(a[i0:i1]), _side(b[j0:j1]), round(score, 4)))
            matched_src += i1 - i0
            matched_tgt += j1 - j0
        for i, j, score in unmatched_links(scores, beads):
            result.unmatched_links.append(AlignedPair(_side([a[i]]), _side([b[j]]), round(score, 4)))
    result.unmatched = (len(src) - matched_src, len(tgt) - matched_tgt)
    return result


def embedding_calls(source_chunks: list[Chunk], translation_chunks: list[Chunk]) -> list[list[str]]:
    """The texts `align` will pass to `embed`, call by call, so a write can embed them
    ahead while it does other work (`knowledge.embed_ahead`)."""
    _, _, groups = _stretches(source_chunks, translation_chunks)
    return [list(span_texts([u.text for u in a], [u.text for u in b]).values()) for _, _, a, b in groups if a and b]


def _stretches(
    source_chunks: list[Chunk], translation_chunks: list[Chunk]
) -> tuple[list[Unit], list[Unit], list[tuple[list[str], list[str], list[Unit], list[Unit]]]]:
    """Both sides' units and the stretches aligned one against the other:
    (source section ids, translation section ids, source units, translation units)."""
    src = units_of(source_chunks)
    tgt = units_of(translation_chunks)
    source_ids, translation_ids = _ordered_ids(src), _ordered_ids(tgt)
    groups = section_groups(source_ids, translation_ids)
    paired = {sid for src_ids, tgt_ids in groups if src_ids and tgt_ids for sid in src_ids}
    if sum(u.section_id in paired for u in src) * 2 < len(src):
        # the structures share too little numbering (a translation without headings): one stretch
        groups = [(source_ids, translation_ids)]
    stretches = [
        (src_ids, tgt_ids, [u for u in src if u.section_id in src_ids], [u for u in tgt if u.section_id in tgt_ids])
        for src_ids, tgt_ids in groups
    ]
    return src, tgt, stretches


def _ordered_ids(units: list[Unit]) -> list[str]:
    return list(dict.fromkeys(u.section_id for u in units))


def _side(units: list[Unit]) -> Side:
    return Side(
        section_id=units[0].section_id,
        chunk_ids=list(dict.fromkeys(c for u in units for c in u.chunk_ids)),
        spans=[(u.start, u.end) for u in units],
        sentences=[u.text for u in units],
    )


class _Scores:
    """What the beads of two unit lists are scored with: every run of 1–3 units of each side
    embedded once (`span_texts`), its anchors and length."""

    def __init__(self, a: list[str], b: list[str], embed) -> None:
        self.n, self.m = len(a), len(b)
        texts = span_texts(a, b)
        keys = list(texts)
        vectors = embed([texts[k] for k in keys])
        self.vec = {k: vectors[i] for i, k in enumerate(keys)}
        self.nums = {k: anchors(t) for k, t in texts.items()}
        self.lens = {k: _length(t) for k, t in texts.items()}
        self.ratio = max(sum(self.lens[(1, j, 1)] for j in range(self.m)), 1) / max(
            sum(self.lens[(0, i, 1)] for i in range(self.n)), 1
        )

    def similarity(self, i: int, p: int, j: int, q: int) -> float:
        """Cosine similarity of a[i:i+p] and b[j:j+q] plus their anchor gain."""
        ka, kb = (0, i, p), (1, j, q)
        return float(np.dot(self.vec[ka], self.vec[kb])) + anchor_gain(self.nums[ka], self.nums[kb])

    def gain(self, i: int, p: int, j: int, q: int) -> float:
        """A bead's gain: similarity, minus the length-ratio penalty, the merge penalty and the threshold."""
        ka, kb = (0, i, p), (1, j, q)
        length = abs(math.log(max(self.lens[kb], 1) / max(self.lens[ka], 1) / self.ratio))
        g = self.similarity(i, p, j, q) - LENGTH_WEIGHT * length - THRESHOLD
        if p > 1 or q > 1:
            g -= MERGE_PENALTY * (p + q - 2)
        return g


def align_units(a: list[str], b: list[str], embed) -> list[tuple[int, int, int, int, float]]:
    """Monotonic bead alignment of sentence lists `a` and `b`.

    Returns beads (i0, i1, j0, j1, gain+threshold) for the matched stretches
    a[i0:i1] ↔ b[j0:j1]; units in no bead are unmatched.
    """
    return _beads(_Scores(a, b, embed))


def _beads(scores: _Scores) -> list[tuple[int, int, int, int, float]]:
    n, m = scores.n, scores.m
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    back: dict[tuple[int, int], tuple[int, int, float | None]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            cand: list[tuple[float, int, int, float | None]] = []
            if i > 0:
                cand.append((best[i - 1, j], i - 1, j, None))
            if j > 0:
                cand.append((best[i, j - 1], i, j - 1, None))
            for p, q in BEADS:
                if i >= p and j >= q:
                    gained = scores.gain(i - p, p, j - q, q)
                    if gained > 0:
                        cand.append((best[i - p, j - q] + gained, i - p, j - q, gained))
            value, pi, pj, g = max(cand, key=lambda c: c[0])
            best[i, j] = value
            back[(i, j)] = (pi, pj, g)
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        pi, pj, g = back[(i, j)]
        if g is not None:
            beads.append((pi, i, pj, j, g + THRESHOLD))
        i, j = pi, pj
    beads.reverse()
    return beads


def unmatched_links(scores: _Scores, beads: list[tuple[int, int, int, int, float]]) -> list[tuple[int, int, float]]:
    """(source unit, translation unit, similarity) for translation units no bead holds.

    Why: the beads leave a sentence unmatched when its figure changes unit (1.37万亿斤 / "685
    million metric tons"), when a short sentence scores low, or when it renders one clause of an
    original sentence whose other clauses a neighbour renders (a 1–2 split scored below 1–1). The
    alignment is monotonic, so what it renders lies between its aligned neighbours:

    1. the source units no bead holds between the same two beads are rendered by some unmatched
       translation unit there: the two runs are paired 1–1 in order, by similarity (`_in_order`);
    2. a translation unit still unlinked renders (part of) a source unit from the source side of the
       bead before to that of the bead after: where every source unit there is in a bead, the one
       whose bead it joins better (`_joined_bead`); else the one most similar to it.
    """
    links = []
    bounds = [(0, 0, 0, 0)] + [(i0, i1, j0, j1) for i0, i1, j0, j1, _ in beads] + [(scores.n,) * 2 + (scores.m,) * 2]
    for before, after in zip(bounds, bounds[1:]):
        gap_a, gap_b = range(before[1], after[0]), range(before[3], after[2])
        if not gap_b:
            continue
        paired = {j: i for i, j in _in_order(scores, gap_a, gap_b)} if len(gap_a) <= LINK_SPAN else {}
        for j in gap_b:
            lo, hi = before[0], after[1]
            if j in paired:
                i = paired[j]
            elif hi - lo <= LINK_SPAN:
                # with no source unit left between the beads, it renders a clause of one of theirs
                joined = None if gap_a else _joined_bead(scores, before, after, j)
                i = joined if joined is not None else max(range(lo, hi), key=lambda i: scores.similarity(i, 1, j, 1))
            else:
                continue
            score = scores.similarity(i, 1, j, 1)
            if score >= LINK_THRESHOLD:
                links.append((i, j, score))
    return links


def _joined_bead(scores: _Scores, before: tuple, after: tuple, j: int) -> int | None:
    """For translation unit `j` between two beads: the last source unit of the bead before or the first
    of the bead after, whichever bead's similarity `j` raises more when joined to its translation side
    (runs of at most 3 units, the ones embedded). None unless both beads can be compared.

    Why: an unmatched sentence between two beads usually renders a clause of one of their source
    sentences — the tail of the one before or the head of the one after. Compared alone, a short
    source sentence ("提升新型城镇化质量。") outscores the long one whose first clause the sentence renders
    ("有序推进城市更新，…", diluted by its other clauses); the bead it completes does not (the bundled pair:
    2 of the 3 wrong links of the hand-checked gap sample right, none of the right ones lost)."""
    gains = {}
    if before[1] > before[0]:
        i0, start = max(before[0], before[1] - 3), max(before[2], j - 2)
        if start < before[3]:  # the window holds some of the bead's translation
            p = before[1] - i0
            gains[before[1] - 1] = scores.similarity(i0, p, start, j + 1 - start) - scores.similarity(
                i0, p, start, j - start
            )
    if after[1] > after[0]:
        p, end = min(3, after[1] - after[0]), min(after[3], j + 3)
        if end > after[2]:
            gains[after[0]] = scores.similarity(after[0], p, j, end - j) - scores.similarity(
                after[0], p, j + 1, end - j - 1
            )
    return max(gains, key=lambda i: gains[i]) if len(gains) == 2 else None


def _in_order(scores: _Scores, a: range, b: range) -> list[tuple[int, int]]:
    """A monotonic 1–1 pairing of source units `a` with translation units `b` of greatest total
    similarity (pairs reaching LINK_THRESHOLD only)."""
    best = np.zeros((len(a) + 1, len(b) + 1))
    for x in range(1, len(a) + 1):
        for y in range(1, len(b) + 1):
            sim = scores.similarity(a[x - 1], 1, b[y - 1], 1)
            both = best[x - 1, y - 1] + sim if sim >= LINK_THRESHOLD else -np.inf
            best[x, y] = max(best[x - 1, y], best[x, y - 1], both)
    out, x, y = [], len(a), len(b)
    while x and y:
        if best[x, y] == best[x - 1, y]:
            x -= 1
        elif best[x, y] == best[x, y - 1]:
            y -= 1
        else:
            out.append((a[x - 1], b[y - 1]))
            x, y = x - 1, y - 1
    return out[::-1]


def span_texts(a: list[str], b: list[str]) -> dict[tuple[int, int, int], str]:
    """{(side, first unit, units): text} of every run of 1–3 consecutive units of each side
    (side 0 is `a`), in the order they are embedded."""
    texts: dict[tuple[int, int, int], str] = {}
    for side, units in ((0, a), (1, b)):
        joiner = "" if side == 0 and _mostly_cjk(units) else " "
        for k in range(1, 4):
            for i in range(len(units) - k + 1):
                texts[(side, i, k)] = joiner.join(units[i : i + k])
    return texts


def _mostly_cjk(texts: Iterable[str]) -> bool:
    return mostly_han("".join(texts))


def _length(text: str) -> int:
    """Characters, with a Han character counted as three (a rough zh:en length unit)."""
    return len(text) + 2 * han_count(text)
