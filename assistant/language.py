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
#: text between 「」 (and > quote lines) is quoted source, not the writer's language
_QUOTED = re.compile(r"「[^」]*」|^>.*$", re.M)


def counts(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words) in `text`."""
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


def outside_quotes(text: str) -> str:
    """The answer text without quoted source passages: what must be in the reply language."""
    return _QUOTED.sub(" ", text)
