"""Which language a question (or answer) is written in: zh, en or mixed.

Answers must come back in the question's language, and English questions over
Chinese text need glossary expansion, so the pipeline asks this first. Counting
characters is enough here: the product only knows Chinese and English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from knowledge.text import HAN_PER_WORD, HAN_RANGES, language_of, script_counts

#: what is not natural language: script/style blocks, tags, entities, URLs, e-mail addresses,
#: code fences and spans, and code-like tokens (calls `f(x)`, assignments `a=b`, dotted or snake_case names)
_NOT_PROSE = re.compile(
    r"<\s*(script|style)\b[^>]*>.*?(?:<\s*/\s*\1\s*>|$)"
    r"|<\s*/?\s*[A-Za-z!][^<>]*>?"
    r"|&#?\w+;"
    r"|\b(?:https?|ftp)://\S+|\bwww\.\S+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|```.*?(?:```|$)|`[^`]*`"
    r"|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^()\s" + HAN_RANGES + r"]*\)"
    r"|[A-Za-z_$][\w$-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>]*)"
    r"|\b[A-Za-z]\w*(?:_\w+)+\b|\b[A-Za-z]\w+(?:\.[A-Za-z]\w+)+\b",
    re.I | re.S,
)


def natural_text(text: str) -> str:
    """`text` without markup, URLs and code: only what a person wrote in a language.

    "我国算力有哪些短板？<script>alert(1)</script>" is a Chinese question; the
    markup's Latin letters must neither make it English nor count as search words.
    """
    return re.sub(r"[ \t]+", " ", _NOT_PROSE.sub(" ", text)).strip()


def counts(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words) in the natural-language part of `text`."""
    return script_counts(natural_text(text))


def detect(text: str) -> str:
    """ "zh", "en" or "mixed": `knowledge.text.language_of` over the natural-language part of `text`."""
    return language_of(natural_text(text))


#: `fold`'s fixes to `str.casefold`: dotless ı and a combining dot above (İ folds to i + U+0307), which
#: `re.IGNORECASE` matches with i
_FOLD_FIXES = {0x131: "i", 0x307: None}


def fold(text: str) -> str:
    """A form where any two texts `re.IGNORECASE` calls equal are equal, character by character (tests
    check every code point), so `fold(term) in fold(text)` whenever `re.search(term, text, re.I)` matches."""
    return text.casefold().translate(_FOLD_FIXES)


@functools.lru_cache(maxsize=4)
def _longest_first(terms: tuple[str, ...]) -> list[tuple[str, str]]:
    """(term, its `fold`) per distinct term, longest first, once per term list."""
    return [(term, fold(term)) for term in sorted(set(terms), key=len, reverse=True) if term]


@functools.lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(re.escape(term), re.I)


def reply_language(text: str, terms: Iterable[str] = ()) -> str:
    """The language to answer in: "zh" or "en".

    A mixed question is answered in the language of its framing: domain terms
    (e.g. "什么是 East Data West Computing？", "What is 新质生产力?") are removed
    first, then whichever script remains decides; Chinese wins a tie because both
    documents are Chinese.
    """
    lang = detect(text)
    if lang != "mixed":
        return lang
    stripped = text
    folded = fold(stripped)
    # only the terms the text holds are matched (a glossary has thousands: compiling a pattern for each on
    # every mixed question took ~1 s, far past `re`'s own cache)
    for term, key in _longest_first(tuple(terms)):
        if key in folded:
            stripped = _term_pattern(term).sub(" ", stripped)
            folded = fold(stripped)
    cjk, words = counts(stripped)
    if words == 0 and cjk == 0:
        cjk, words = counts(text)
    return "en" if words > cjk / HAN_PER_WORD else "zh"
