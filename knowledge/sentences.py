"""Sentence splitting shared by chunking (split points) and the extractive answerer.

Chinese sentences end at 。！？； (and a closing quote/bracket right after them);
English ones at . ! ? followed by a space and a capital/digit/quote. Splitting
never changes text: the pieces concatenate back to the input, so a quoted sentence
is always a verbatim substring of its chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# end punctuation, then closing quotes/brackets and reference marks (［2］) that belong to it
#: reference marks that close a sentence in academic Chinese text: ［2］, ［3，4］, [5-7]
REFERENCE_MARKS = r"(?:［[\d，,\-－]+］|\[[\d,\-]+\])*"
_ZH_END = r"[。！？；!?;…]+[”’」』）)\]］]*" + REFERENCE_MARKS
_EN_END = r"[.!?][”’\"')\]]*(?=\s+[\"“A-Z0-9(])"
_SPLIT = re.compile(f"({_ZH_END}|{_EN_END})")
# an English "sentence end" right after one of these is an abbreviation, not an end
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|No|Fig|al|Dr|Mr|Ms|St|U\.S|U\.K)|\b[A-Z])\.$")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence; leading whitespace is excluded from spans."""
    start = 0
    for m in _SPLIT.finditer(text):
        end = m.end()
        if m.group(0)[0] == "." and _ABBREV.search(text, 0, m.start() + 1):
            continue
        yield from _trimmed(text, start, end)
        start = end
    if start < len(text):
        yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        yield start, stop


#: a short line that introduces what follows: 各位代表！, 同志们：, Fellow Deputies, Dear colleagues:
_LEAD_IN = re.compile(r"^(?:.{1,12}[！!：:]|[A-Z][A-Za-z ]{1,30}[,:!])$")


#: a text that stops after one of these stops inside a sentence: a run of clauses joined by ；, or a sentence
#: longer than a chunk, which the chunker cuts at a clause mark (`knowledge.chunking`)
_CUT_MARKS = ("；", ";", "，", ",", "、")


def ends_mid_sentence(text: str) -> bool:
    """The text stops inside a sentence or a run of clauses (a chunk's: it goes on in the section's next chunk)."""
    return text.rstrip().endswith(_CUT_MARKS)


def is_lead_in(line: str) -> bool:
    """A salutation or lead-in line: it belongs with the paragraph it introduces."""
    return bool(_LEAD_IN.match(line.strip()))


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each a verbatim substring, in order."""
    return [text[a:b] for a, b in sentence_spans(text)]
