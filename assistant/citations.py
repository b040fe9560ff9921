"""The one citation checker every generator's output goes through.

Generators write `[n]` for the n-th given context and may quote source text in
「…」. This module verifies both against the contexts actually given, drops
sentences whose support is invalid, renumbers markers so that every `[n]` of the
final answer names exactly one `Citation` whose `quote` is a verbatim substring of
that context's text (the contract), and tells the caller whether the answer passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import textmatch
from assistant.answer import Citation
from assistant.claims import ClaimCheck
from assistant.glossary import Glossary
from knowledge.models import Chunk
from knowledge.text import HAN_RANGES

_PIECE = re.compile(r"「[^「」]*」|\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|\n|[^「\[\n]+|[「\[]")
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*\]")
#: a sentence ends after 。！？!? or after a full stop followed by a space, but not after the full stop of an
#: enumerator ("…(2024)”, I. Review of …", "A. Tasks", "3. Measures"): that is a heading's numbering
_SENT_END = re.compile(
    r"(?<=[。！？!?])|(?<=\.)(?<!\b[IVXLC]\.)(?<!\b[IVXLC]{2}\.)(?<!\b[IVXLC]{3}\.)(?<!\b[IVXLC]{4}\.)"
    r"(?<!\b[A-Za-z\d]\.)(?<!\b\d\d\.)(?=\s)"
)


@dataclass
class CheckResult:
    text: str
    citations: list[Citation]
    claims: int = 0
    supported: int = 0
    dropped: list[str] = field(default_factory=list)
    invalid_markers: int = 0
    bad_quotes: int = 0

    @property
    def ok(self) -> bool:
        """Passed: something is cited and at most a third of the claims had to go."""
        return bool(self.citations) and len(self.dropped) * 3 <= max(self.claims, 1)


def _marker_numbers(piece: str) -> list[int]:
    m = _MARKER.fullmatch(piece.strip())
    return [int(x) for x in re.split(r"[,，、]", m.group(1))] if m else []


def _units(text: str) -> list[list[str]]:
    """Split into sentence units; markers right after a sentence end stay with that sentence."""
    units: list[list[str]] = []
    cur: list[str] = []
    just_closed = False
    for piece in _PIECE.findall(text):
        if _MARKER.fullmatch(piece.strip() or "x"):
            (units[-1] if just_closed and units else cur).append(piece)
            continue
        if piece == "\n":
            if cur:
                units.append(cur)
                cur = []
            units.append(["\n"])
            just_closed = False
            continue
        if piece.startswith("「"):
            cur.append(piece)
            just_closed = False
            continue
        segs = [s for s in _SENT_END.split(piece) if s]
        for seg in segs:
            if just_closed and not seg.strip() and units:
                units[-1].append(seg)
                continue
            cur.append(seg)
            if re.search(r"[。！？!?]\s*$", seg) or (
                seg.rstrip().endswith(".") and _SENT_END.search(seg.rstrip() + " ")
            ):
                units.append(cur)
                cur = []
                just_closed = True
            elif seg.strip():
                just_closed = False
    if cur:
        units.append(cur)
    return units


class CitationChecker:
    def __init__(self, glossary: Glossary | None = None):
        self.glossary = glossary or Glossary.load()
        self.claims = ClaimCheck(self.glossary)

    def check(self, raw: str, contexts: list[Chunk]) -> CheckResult:
        keys: dict[tuple[str, str, str], int] = {}
        citations: list[Citation] = []
        result = CheckResult(text="", citations=citations)
        out: list[str] = []

        def cite(ctx: int, start: int, end: int) -> int:
            # one citation per passage: the same sentence in two overlapping chunks of a section is one source
            chunk = contexts[ctx]
            key = (chunk.doc_id, chunk.section_id, chunk.text[start:end])
            if key not in keys:
                keys[key] = len(citations) + 1
                citations.append(Citation.of(chunk, chunk.text[start:end], keys[key]))
            return keys[key]

        for unit in _units(raw):
            if unit == ["\n"]:
                out.append("\n")
                continue
            rendered = self._check_unit(unit, contexts, cite, result)
            if rendered is not None:
                out.append(rendered)
        text = "".join(out)
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        result.text = text
        return result

    # ------------------------------------------------------------------ per unit
    def _check_unit(self, unit: list[str], contexts: list[Chunk], cite, result: CheckResult) -> str | None:
        k = len(contexts)
        if self.claims.foreign("".join(unit), [c.text for c in contexts]):  # URLs, e-mails, prompt text
            result.claims += 1
            result.dropped.append("".join(unit))
            return None
        prose = "".join(p for p in unit if not p.startswith("「") and not _marker_numbers(p))
        all_markers = [n for p in unit for n in _marker_numbers(p)]
        quotes = [i for i, p in enumerate(unit) if p.startswith("「")]
        is_claim = bool(quotes or all_markers) or not _is_framing(prose)
        if not is_claim:
            return "".join(unit)
        result.claims += 1
        if not quotes and not all_markers:
            result.dropped.append("".join(unit))
            return None
        if any(n < 1 or n > k for n in all_markers):
            result.invalid_markers += 1
            result.dropped.append("".join(unit))
            return None
        pieces = list(unit)
        used_markers: set[int] = set()
        # quotes: verify against the markers that follow them (or the unit's markers)
        for qi in quotes:
            following = []
            for p in unit[qi + 1 :]:
                nums = _marker_numbers(p)
                if nums:
                    following.extend(nums)
                elif p.strip(" ，,。.；;"):
                    break
            candidates = following or all_markers or list(range(1, k + 1))
            quote = unit[qi][1:-1]
            found = None
            for n in candidates:
                span = textmatch.find_tolerant(quote, contexts[n - 1].text) if quote.strip() else None
                if span:
                    found = (n, span)
                    break
            if not found:
                result.bad_quotes += 1
                result.dropped.append("".join(unit))
                return None
            n, (start, end) = found
            num = cite(n - 1, start, end)
            used_markers.update(following or [n])
            pieces[qi] = "「" + contexts[n - 1].text[start:end] + "」"
            # the markers right after this quote become its citation number
            j = qi + 1
            replaced = False
            while j < len(pieces):
                if _marker_numbers(pieces[j]):
                    pieces[j] = "" if replaced else f"[{num}]"
                    replaced = True
                elif pieces[j].strip(" ，,。.；;"):
                    break
                j += 1
            if not replaced:
                pieces.insert(qi + 1, f"[{num}]")
                quotes = [q + 1 if q > qi else q for q in quotes]
        # markers not attached to a quote: paraphrase support, quote the best sentence
        for i, p in enumerate(pieces):
            nums = _marker_numbers(p)
            if not nums or i > 0 and pieces[i - 1].startswith("「"):
                continue
            rendered = []
            for n in nums:
                span = self._best_support(prose, contexts[n - 1])
                if span is None:
                    continue
                rendered.append(f"[{cite(n - 1, *span)}]")
            if not rendered:
                result.dropped.append("".join(unit))
                return None
            pieces[i] = "".join(rendered)
        result.supported += 1
        return "".join(pieces)

    def _best_support(self, claim: str, chunk: Chunk) -> tuple[int, int] | None:
        """Span of the chunk sentence sharing most content with the claim; None if the chunk does not
        hold the claim (figures and overlap, `assistant.claims`) or nothing is shared."""
        if not self.claims.verdict(claim, chunk.text).supported:
            return None
        expanded = self.glossary.expand(claim)
        want = textmatch.query_terms(expanded)
        best, best_score = None, 0
        for start, end in textmatch.line_sentences(chunk.text):
            score = len(want & textmatch.terms(chunk.text[start:end]))
            if score > best_score:
                best, best_score = (start, end), score
        return best


def _is_framing(prose: str) -> bool:
    """Framing states nothing about the documents: an intro ending in a colon, or bullets/numbers only."""
    text = prose.strip()
    if not text or text.endswith((":", "：")):
        return True
    return not re.search(f"[A-Za-z{HAN_RANGES}]", text)
