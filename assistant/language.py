"""Which language a question (or answer) is written in: zh, en or mixed.

Answers must come back in the question's language, and English questions over
Chinese text need glossary expansion, so the pipeline asks this first. Counting
characters is enough here: the product only knows Chinese and English.
"""

from __future__ import annotations

import re
from typing import Iterable

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: what is not natural language: script/style blocks, tags, entities, URLs, e-mail addresses,
#: code fences and spans, and code-like tokens (calls `f(x)`, assignments `a=b`, dotted or snake_case names)
_NOT_PROSE = re.compile(
    r"<\s*(script|style)\b[^>]*>.*?(?:<\s*/\s*\1\s*>|$)"
    r"|<\s*/?\s*[A-Za-z!][^<>]*>?"
    r"|&#?\w+;"
    r"|\b(?:https?|ftp)://\S+|\bwww\.\S+"
    r"|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|```.*?(?:```|$)|`[^`]*`"
    r"|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^()\s\u3400-\u9fff]*\)"
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
    text = natural_text(text)
    return len(_CJK.findall(text)), len(_LATIN_WORD.findall(text))


def detect(text: str) -> str:
    """"zh", "en" or "mixed" (both scripts present in earnest); "en" when neither is present."""
    cjk, words = counts(text)
    if cjk == 0:
        return "en"
    if words == 0:
        return "zh"
    # about 1.5 Chinese characters carry what one English word does
    zh_weight, en_weight = cjk / 1.5, float(words)
    if zh_weight >= 4 * en_weight:
        return "zh"
    if en_weight >= 4 * zh_weight:
        return "en"
    return "mixed"


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
    for term in sorted(set(terms), key=len, reverse=True):
        if term:
            stripped = re.sub(re.escape(term), " ", stripped, flags=re.I)
    cjk, words = counts(stripped)
    if words == 0 and cjk == 0:
        cjk, words = counts(text)
    return "en" if words > cjk / 1.5 else "zh"
