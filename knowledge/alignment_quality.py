"""Precision of an alignment against hand-checked samples.

The sample (`tests/data/alignment_gwr2022_sample.jsonl`) gives, for units spread over
a document, the source sentences and the translation sentences that render them, as
checked by a reader of both texts. An aligned pair is *judged* when its source side
overlaps a sample unit's source text; it is *correct* when every one of its spans, on
both sides, lies inside that unit's gold text. Gold units may be wider than the pairs
(a translator moves a clause across a sentence boundary), so a pair that gets part of
a unit right is correct, and a pair that reaches into a neighbouring sentence is not.

A second sample (`tests/data/alignment_gaps_gwr2022_sample.jsonl`) gives, for translation
sentences the alignment leaves unmatched, the original sentence(s) each renders (whole
sentences, also where it renders one clause of them): the original shown for such a
sentence (`assistant.translations.Renderings.original`) is *right* when it lies inside
them, *partly* right when it also reaches outside, *wrong* when it misses them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.alignment import Alignment


@dataclass
class SampleUnit:
    id: str
    source: list[str]
    translation: list[str]
    section_id: str = ""


@dataclass
class Precision:
    judged: int
    correct: int
    #: sample units no aligned pair touches (the aligner left them unmatched)
    uncovered: int
    wrong: list[str]

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else 0.0


def _rows(path: Path | str) -> list[dict]:
    """The objects of a JSON-lines sample file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_sample(path: Path | str) -> list[SampleUnit]:
    return [SampleUnit(d["id"], d["zh"], d["en"], d.get("section_id", "")) for d in _rows(path)]


def _regions(texts: list[str], document: str) -> list[tuple[int, int]]:
    """Where the texts are in the document; neighbours separated only by whitespace
    (two sentences, or a line and the next) form one region."""
    spans = []
    for t in texts:
        at = document.find(t)
        if at < 0:
            raise ValueError(f"sample text not in the document: {t[:40]!r}")
        spans.append((at, at + len(t)))
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and not document[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in regions)


def sample_precision(
    alignment: Alignment, sample: list[SampleUnit], source_text: str, translation_text: str
) -> Precision:
    """Judge every pair that touches a sample unit (texts: the cleaned documents)."""
    judged = correct = uncovered = 0
    wrong: list[str] = []
    for unit in sample:
        src = _regions(unit.source, source_text)
        tgt = _regions(unit.translation, translation_text)
        pairs = [p for p in alignment.pairs if any(p.source.start < b and a < p.source.end for a, b in src)]
        if not pairs:
            uncovered += 1
        for p in pairs:
            judged += 1
            if all(_inside(s, src) for s in p.source.spans) and all(_inside(s, tgt) for s in p.translation.spans):
                correct += 1
            else:
                wrong.append(
                    f"{unit.id}: {''.join(p.source.sentences)[:30]} -> {' '.join(p.translation.sentences)[:60]}"
                )
    return Precision(judged, correct, uncovered, wrong)


@dataclass
class UnmatchedUnit:
    """A translation sentence the alignment leaves unmatched, with the original sentence(s) it renders."""

    id: str
    translation: str
    source: list[str]
    section_id: str = ""


def load_unmatched_sample(path: Path | str) -> list[UnmatchedUnit]:
    return [UnmatchedUnit(d["id"], d["en"], d["zh"], d.get("section_id", "")) for d in _rows(path)]


def rendering_verdict(shown: str, gold: list[str], source_text: str) -> str:
    """ "none" (nothing shown), "right" (inside the gold sentences), "partly" (overlaps them and reaches
    outside) or "wrong" (misses them), for an original text shown for a translation sentence."""
    if not shown.strip():
        return "none"
    regions = _regions(gold, source_text)
    spans, at = [], source_text.find(shown)
    while at >= 0:  # a short sentence may occur more than once: judge the occurrence nearest the gold
        spans.append((at, at + len(shown)))
        at = source_text.find(shown, at + 1)
    if not spans:
        raise ValueError(f"shown text not in the document: {shown[:40]!r}")
    span = min(spans, key=lambda s: min(abs(s[0] - a) for a, _ in regions))
    if _inside(span, regions):
        return "right"
    return "partly" if any(a < span[1] and span[0] < b for a, b in regions) else "wrong"
