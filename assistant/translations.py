"""Answers over a document and its official translation, as one source.

Why: an English reader should be quoted the official English sentence, and see the
Chinese original it renders, with both section labels; a Chinese reader keeps the
Chinese original. The pair's sentence alignment (`knowledge.alignment`, stored by the
index) links the two, so:

* `merge_hits` makes the two sides of a pair one item per place (retrieval hits,
  contexts), on the side of the question's language (an English question reads and is
  shown the translation's chunk, a Chinese one the original's); documents without a
  translation are untouched;
* `reading_index` is the index a question reads: an English one the whole index, any other the
  index with its translations hidden (`knowledge.originals`), so a translation adds English access
  and never changes what a Chinese question gets (byte for byte: `tests/test_translation_neutral.py`);
* `attach_originals` gives every citation of a translation chunk the aligned original:
  the citation then names the original's section and quotes it (`quote`), and carries
  the official English sentence(s) the answer quoted (`quote_en`, `chunk_id_en`,
  `doc_id_en`); `verify` checks each quote against its own document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from assistant.answer import Citation
from knowledge import alignment_store
from knowledge.alignment import Alignment, ancestors
from knowledge.models import Chunk
from knowledge.originals import Originals, translation_ids


def reading_index(index: Any, language: str, doc_ids: list[str] | None = None) -> Any:
    """The index a question in `language` reads. English: the whole index (a translation is its
    English access). Any other language: the index as if no translation had been indexed
    (`knowledge.originals.Originals`), unless it holds none or the question is confined to
    translations (`doc_ids`)."""
    if language == "en":
        return index
    hidden = index.derived(translation_ids)
    if not hidden or (doc_ids and all(d in hidden for d in doc_ids)):
        return index
    return Originals(index)


class Pairs:
    """The index's translation pairs, prepared once per index generation (`Pairs.of`): their
    alignments, the place each translation chunk stands for, and both sides' section labels."""

    def __init__(self, alignments: list[Alignment], chunks_of: Callable[[str], list[Chunk]]):
        self.by_source = {a.source_id: a for a in alignments}
        self.by_translation = {a.translation_id: a for a in alignments}
        self._places = _places(alignments)
        #: (translation id, start, end) → the original text it renders (`Renderings.original`, asked per
        #: candidate sentence of every question: scanning the alignment each time was most of its cost)
        self.originals: dict[tuple[str, int, int], str] = {}
        #: doc id → section id → label, for both sides of every pair
        self.labels: dict[str, dict[str, str]] = {}
        for doc_id in [*self.by_source, *self.by_translation]:
            labels = self.labels[doc_id] = {}
            for c in chunks_of(doc_id):
                labels.setdefault(c.section_id, c.section_label)

    @classmethod
    def of(cls, index: Any) -> Pairs:
        """The pairs of the generation `index` serves (computed before that generation is served)."""
        return index.derived(_pairs_of)

    def place(self, chunk: Chunk) -> str:
        """The place a chunk stands for: an original's chunk is its own place; a translation's
        chunk stands for the original chunk it renders most sentences of (itself if none)."""
        if chunk.doc_id not in self.by_translation:
            return chunk.chunk_id
        return self._places.get(chunk.chunk_id, chunk.chunk_id)


def _pairs_of(snapshot: Any) -> Pairs:
    return Pairs(alignment_store.load(snapshot, snapshot.manifest), snapshot.chunks)


def _places(alignments: list[Alignment]) -> dict[str, str]:
    """Translation chunk id → the original chunk id it renders most aligned sentences of."""
    counts: dict[str, dict[str, int]] = {}
    for alignment in alignments:
        for p in alignment.pairs:
            for t in p.translation.chunk_ids:
                inner = counts.setdefault(t, {})
                for s in p.source.chunk_ids:
                    inner[s] = inner.get(s, 0) + 1
    return {t: max(c, key=lambda s: c[s]) for t, c in counts.items()}


def counterpart(chunk: Chunk, pairs: Pairs, to_translation: bool) -> list[str]:
    """Chunk ids on the other side aligned with `chunk`, most aligned sentences first."""
    if to_translation:
        alignment = pairs.by_source.get(chunk.doc_id)
        found = alignment.for_source(chunk.char_start, chunk.char_end) if alignment else []
        sides = [p.translation for p in found]
    else:
        alignment = pairs.by_translation.get(chunk.doc_id)
        found = alignment.for_translation(chunk.char_start, chunk.char_end) if alignment else []
        sides = [p.source for p in found]
    counts: dict[str, int] = {}
    for side in sides:
        for cid in side.chunk_ids:
            counts[cid] = counts.get(cid, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def one_hit_per_place(hits: list, index: Any) -> list:
    """Ranked retrieval hits with the two sides of a translation pair as one logical hit per
    place (`Pairs.place`): a hit whose place a better-ranked hit of either side already holds is
    dropped, so the pair's two renderings of one passage do not take two of the top k."""
    pairs = Pairs.of(index)
    if not pairs.by_source:
        return hits
    seen: set[str] = set()
    out = []
    for hit in hits:
        place = pairs.place(hit.chunk)
        if place not in seen:
            seen.add(place)
            out.append(hit)
    return out


def merge_hits(items: list, language: str, index: Any) -> list:
    """Items with a `chunk` (hits, contexts) with both sides of a pair as one, on the side
    a reader of `language` reads (English: the translation; otherwise the original), in
    rank order, other fields kept: what the generator reads. An item moved to the other side
    takes the chunk there it is most aligned with; the first of several items on one chunk is kept."""
    pairs = Pairs.of(index)
    if not pairs.by_source:
        return list(items)
    out = []
    seen: set[str] = set()
    for item in items:
        chunk = item.chunk
        to_translation = language == "en" and chunk.doc_id in pairs.by_source
        to_original = language != "en" and chunk.doc_id in pairs.by_translation
        if to_translation or to_original:
            ids = counterpart(chunk, pairs, to_translation=to_translation)
            chunk = index.get(ids[0]) if ids else chunk
        if chunk.chunk_id not in seen:
            seen.add(chunk.chunk_id)
            out.append(item if chunk is item.chunk else dataclasses.replace(item, chunk=chunk))
    return out


def attach_originals(citations: list[Citation], index: Any) -> tuple[list[Citation], list[Chunk]]:
    """Citations of translation chunks re-pointed at the aligned original, plus the
    original chunks they now cite (to be shown as contexts)."""
    pairs = Pairs.of(index)
    out, extra = [], []
    for c in citations:
        alignment = pairs.by_translation.get(c.doc_id)
        original = _aligned_original(c, alignment, pairs, index) if alignment else None
        if original is None:
            out.append(c)
            continue
        chunk, quote, heading = original
        out.append(
            Citation.of(
                chunk,
                quote,
                c.n,
                section_label_en=heading or "",
                quote_en=c.quote,
                chunk_id_en=c.chunk_id,
                doc_id_en=c.doc_id,
            )
        )
        extra.append(chunk)
    return out, extra


def _aligned_original(c: Citation, alignment: Alignment, pairs: Pairs, index: Any) -> tuple[Chunk, str, str] | None:
    """(original chunk, verbatim original text, English label of the original's section)
    aligned with the citation's quote. The label is the translation's own heading of the
    section with the original's id (official wording, preferred over a generated label),
    else the heading of the translated passage's section."""
    chunk = index.get(c.chunk_id)
    at = chunk.text.find(c.quote)
    if at < 0:
        return None
    start = chunk.char_start + at
    found = alignment.renderings(start, start + len(c.quote))
    if not found:
        return None
    # the original chunk holding most of the aligned text (a long sentence may run across chunks:
    # its part in that chunk is quoted)
    spans = [s for p in found for s in p.source.spans]
    ids = list(dict.fromkeys(cid for p in found for cid in p.source.chunk_ids))
    original = max((index.get(cid) for cid in ids), key=lambda o: sum(_overlap(o, a, b) for a, b in spans))
    spans = [(max(a, original.char_start), min(b, original.char_end)) for a, b in spans if _overlap(original, a, b) > 0]
    if not spans:
        return None
    quote = original.text[spans[0][0] - original.char_start : spans[-1][1] - original.char_start].strip()
    if not quote:
        return None
    return original, quote, pairs.labels[chunk.doc_id].get(original.section_id, chunk.section_label)


def _overlap(chunk: Chunk, start: int, end: int) -> int:
    return max(0, min(end, chunk.char_end) - max(start, chunk.char_start))


def verify(citation: Citation, index: Any) -> bool:
    """Both quotes are verbatim in their own documents' cited chunks."""
    if citation.quote not in index.get(citation.chunk_id).text:
        return False
    return not citation.chunk_id_en or citation.quote_en in index.get(citation.chunk_id_en).text


class Renderings:
    """What a sentence of an official translation renders: the aligned original text, and the
    headings of the original's section of the same id.

    Why: the sentence ranker's features (the question's glossary-bridged terms, figures, 是/为
    definitions, the year and mode of a part's heading) were fitted on Chinese sentences; an English
    sentence alone matches only the question's English words, so the answering sentence of the
    translation scored below a Chinese sentence of another report saying less. A translated sentence
    is described by both texts, as the pair is one source.
    """

    def __init__(self, index: Any):
        self.pairs = Pairs.of(index)

    def applies(self, chunk: Chunk) -> bool:
        return chunk.doc_id in self.pairs.by_translation

    def original(self, chunk: Chunk, start: int, end: int) -> str:
        """The original text aligned with `chunk.text[start:end]`; "" when none. For a sentence the
        alignment left unmatched, the original sentence it is linked to (`Alignment.renderings`)
        only when no pair holds that sentence: where the sentence renders one clause of an original
        whose other clauses a neighbour renders, the whole original would credit it with what the
        neighbour says (dev: a sentence without figures read with its neighbour's figures).
        Worked out once per index generation (`Pairs.originals`)."""
        key = (chunk.doc_id, chunk.char_start + start, chunk.char_start + end)
        if key not in self.pairs.originals:
            self.pairs.originals[key] = self._original(*key)
        return self.pairs.originals[key]

    def _original(self, translation_id: str, start: int, end: int) -> str:
        alignment = self.pairs.by_translation.get(translation_id)
        if alignment is None:
            return ""
        return "".join(s for p in alignment.renderings(start, end, clauses=False) for s in p.source.sentences)

    def headings(self, chunk: Chunk) -> str:
        """The headings of the original's section with the chunk's section id ("" when none)."""
        alignment = self.pairs.by_translation.get(chunk.doc_id)
        if alignment is None:
            return ""
        labels = self.pairs.labels[alignment.source_id]
        return " ".join(labels[a] for a in reversed(ancestors(chunk.section_id)) if a in labels)
