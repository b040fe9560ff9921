"""Deterministic support check between an answer sentence and the quotes it cites.

ALCE (Gao et al., 2023) judges citation recall/precision with an NLI model. We have no
model we could trust offline, so this is a lexical proxy, chosen to be strict where
our answers are checkable and honest about where it is not:

1. Quoted spans (「…」, “…” longer than 6 characters, or `>` block lines) must be
   verbatim (whitespace-insensitive) in the cited quotes. This is exact for the
   extractive generator, whose claims *are* quotes.
2. Every number in the sentence outside the markers (5.2%, 1244万, 2027) must occur in
   the cited quotes: a changed figure is the most harmful hallucination.
3. The remaining content units (Han character bigrams and Latin words of 3+ letters,
   minus a small stop list) must be covered at least `COVERAGE` by the cited quotes.
   When the sentence has quoted spans, the text outside them is framing and only
   rules 1–2 apply to it.

Limits: paraphrases with different words fail rule 3 (false "unsupported");
a sentence that copies words but reverses their meaning passes (false "supported");
English framing around Chinese quotes is not checked beyond numbers, so a wrong
English gloss goes unnoticed. Treat the figures as a regression signal, not a
faithfulness verdict; the optional LLM judge is the semantic check.
"""

from __future__ import annotations

import re

from knowledge.text import HAN_RUN

COVERAGE = 0.6
PARTIAL = 0.2

_CITE_RE = re.compile(r"\[(\d+)\]")
QUOTE_RE = re.compile(r"「([^「」]+)」|“([^“”]{7,})”")
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")
_STOP_EN = frozenset(
    "the and for are was were that this with from what which who how does did has have had not but its "
    "their they them these those into about also such than then there here our your you can will would "
    "should could may might been being some more most other any all one two per via according says said "
    "document documents paper report section".split()
)
_STOP_ZH = frozenset("根据 文档 论文 报告 指出 认为 提出 其中 以及 这些 一个 我们 他们 需要 进行 可以 方面".split())


def citation_numbers(sentence: str) -> list[int]:
    return [int(n) for n in _CITE_RE.findall(sentence)]


def strip_citations(text: str) -> str:
    return _CITE_RE.sub("", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def quoted_spans(sentence: str) -> list[str]:
    spans = [a or b for a, b in QUOTE_RE.findall(sentence)]
    stripped = sentence.lstrip()
    if stripped.startswith(">"):
        spans.append(strip_citations(stripped.lstrip(">").strip()))
    return [s for s in spans if s.strip()]


def _outside_quotes(sentence: str) -> str:
    text = QUOTE_RE.sub(" ", sentence)
    return "" if text.lstrip().startswith(">") else text


def content_units(text: str) -> set[str]:
    """Han bigrams + Latin words (3+ letters), lowercased, stop words removed."""
    units: set[str] = set()
    for run in HAN_RUN.findall(text):
        if len(run) == 1:
            continue
        for i in range(len(run) - 1):
            bg = run[i : i + 2]
            if bg not in _STOP_ZH:
                units.add(bg)
    for w in _LATIN_WORD.findall(text):
        w = w.lower()
        if w not in _STOP_EN:
            units.add(w)
    return units


def _coverage(units: set[str], quotes_text: str) -> float:
    if not units:
        return 1.0
    hay = quotes_text.casefold()
    return sum(1 for u in units if u in hay) / len(units)


def supported(sentence: str, quotes: list[str]) -> bool:
    """Is `sentence` (citation markers allowed) fully supported by `quotes`?"""
    if not quotes:
        return False
    hay = _squash("".join(quotes))
    spans = quoted_spans(sentence)
    if any(_squash(strip_citations(s)) not in hay for s in spans):
        return False
    outside = strip_citations(_outside_quotes(sentence))
    if any(n not in hay for n in _NUM_RE.findall(outside)):
        return False
    if spans:
        return True
    return _coverage(content_units(outside), "".join(quotes)) >= COVERAGE


def partially_supported(sentence: str, quote: str) -> bool:
    """Does `quote` carry some of the sentence (ALCE's 'partial support' for precision)?"""
    hay = _squash(quote)
    spans = quoted_spans(sentence)
    if any(_squash(strip_citations(s)) in hay for s in spans):
        return True
    units = content_units(strip_citations(_outside_quotes(sentence)))
    return bool(units) and _coverage(units, quote) >= PARTIAL
