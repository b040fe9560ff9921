"""`assistant.language.fold`: the prefilter of `reply_language` never skips a term `re.I` would match."""

from __future__ import annotations

import _sre
import re
import sys
from re import _casefix  # type: ignore[attr-defined]

from assistant.language import counts, detect, fold, reply_language
from knowledge.text import HAN_PER_WORD


def test_characters_ignorecase_calls_equal_fold_equal():
    # re.IGNORECASE matches a literal by its simple lower case, plus the extra cases re lists
    by_lower: dict[int, set[str]] = {}
    for cp in range(sys.maxunicode + 1):
        if not 0xD800 <= cp <= 0xDFFF:
            by_lower.setdefault(_sre.unicode_tolower(cp), set()).add(fold(chr(cp)))
    assert all(len(folds) == 1 for folds in by_lower.values())
    for a, others in _casefix._EXTRA_CASES.items():
        assert all(fold(chr(a)) == fold(chr(b)) for b in others)


def _reference(text: str, terms: list[str]) -> str:
    """`reply_language` as it was: every term's pattern tried on a mixed question, longest first."""
    if detect(text) != "mixed":
        return detect(text)
    stripped = text
    for term in sorted(set(terms), key=len, reverse=True):
        if term:
            stripped = re.sub(re.escape(term), " ", stripped, flags=re.I)
    cjk, words = counts(stripped)
    if words == 0 and cjk == 0:
        cjk, words = counts(text)
    return "en" if words > cjk / HAN_PER_WORD else "zh"


def test_mixed_questions_answer_as_before():
    terms = ["East Data West Computing", "新质生产力", "数据", "computing", "İstanbul", "Data"]
    for question, lang in [
        ("什么是 EAST DATA west computing？", "zh"),
        ("What is 新质生产力 and why does it matter so much today?", "en"),
        ("请介绍一下 ıstanbul 的数据情况", "zh"),
        ("新质生产力 data centre", None),
    ]:
        assert reply_language(question, terms) == _reference(question, terms)
        if lang:
            assert reply_language(question, terms) == lang
