"""Numbered abbreviations of policy writing (六稳, 三性, 四个意识) and the lists they stand for.

Two directions, one notion: a text's list makes an abbreviation (稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期 → 六稳,
`list_abbreviations`), and a question's quoted abbreviation (“六保”具体包括哪六项) is spelled out by the sentence listing
its items (`quoted_abbreviations`, `spells_out`).

Why: readers ask for "the 六稳" or "the 三性" of a text that only ever lists them (提高宏观调控的前瞻性、针对性、有效性);
the count and the character every item shares are how Chinese policy talk names such a list. Derived from each text at
index time (a term the segmenter learns, a token of the chunk holding the list, `knowledge.keyword_index`) and read in
a sentence when a question asks for one (`assistant.refusal_evidence.holds`), so no list of known abbreviations is kept.

Rule: three or more items joined by 、, each of 2 to `MAX_ITEM` Han characters, that all start with one character
(the first item may have words before it: 要做好稳就业) or all end with one (the last may have words after it only when
they start: 稳预期工作 is read from its start). The abbreviation is the count in Chinese numerals and that character.
"""

from __future__ import annotations

import re

from knowledge.text import HAN_CLASS, han_number, han_numeral

#: the longest item of a list an abbreviation counts (保产业链供应链稳定: nine); a bound, not a tuned figure
MAX_ITEM = 10
MIN_ITEMS = 3
_LIST = re.compile(rf"{HAN_CLASS}{{2,}}(?:、{HAN_CLASS}{{2,}}){{{MIN_ITEMS - 1},}}")
#: a question's word that may be such an abbreviation: a count, then one character (六稳, 三性, 两节)
ABBREVIATION = re.compile(rf"^[两二三四五六七八九十]{{1,2}}{HAN_CLASS}$")


def list_abbreviations(text: str) -> list[str]:
    """The abbreviations the lists in `text` make, in order of appearance, each once."""
    out: list[str] = []
    for m in _LIST.finditer(text):
        items = m.group(0).split("、")
        for abbreviation in (_shared_start(items), _shared_end(items)):
            if abbreviation and abbreviation not in out:
                out.append(abbreviation)
    return out


def _shared_start(items: list[str]) -> str:
    inner = items[1:]
    c = inner[-1][0]
    if not all(i[0] == c and len(i) <= MAX_ITEM for i in inner[:-1]) or c not in items[0]:
        return ""
    return f"{han_numeral(len(items))}{c}"


def _shared_end(items: list[str]) -> str:
    first, inner = items[0], items[1:-1]
    c = first[-1]
    if not all(i[-1] == c and len(i) <= MAX_ITEM for i in inner) or c not in items[-1]:
        return ""
    return f"{han_numeral(len(items))}{c}"


#: a numbered abbreviation of policy writing, quoted or in brackets: “六保”, “四个意识”, (三大攻坚战): how many
#: items, a measure word, and the word the items share (not a numeral: “十四五” is a plan period)
_NUMBERED = re.compile(
    r"[“\"「『（(]([两二三四五六七八九十])(?:个|大|项|条|种)?"
    rf"((?:(?![一二三四五六七八九十两百千]){HAN_CLASS}){{1,3}})[”\"」』）)]"
)
#: what separates the items of a spelled-out abbreviation (保居民就业、保基本民生、…)
_ITEM_BREAK = re.compile(r"[、，,；;：:。]")


def quoted_abbreviations(text: str) -> list[tuple[str, int, str]]:
    """(abbreviation, number of items, the word they share) of each quoted numbered abbreviation in `text`."""
    return [(m.group(0)[1:-1], int(han_number(m.group(1))), m.group(2)) for m in _NUMBERED.finditer(text)]


def spells_out(sentence: str, count: int, word: str) -> bool:
    """Does the sentence list the abbreviation's items: `count` items in a row, no more, each opening with its
    word when that is one character, or closing with it (“六保”: 保居民就业、保基本民生…; “三性”: 前瞻性、针对性、有效性), or
    holding it (“四个意识”: 政治意识、大局意识…)? The first item may have words before it (要做好稳就业、稳金融…). A text
    spells an abbreviation out once and uses it bare elsewhere, so the spelled-out sentence need not hold the
    abbreviation itself."""
    items = _ITEM_BREAK.split(sentence)
    run = longest = 0
    for k, item in enumerate(items):
        fits = (item.startswith(word) or item.endswith(word)) if len(word) == 1 else word in item
        if not fits:
            run = 0
            continue
        # a run's first item counts the one before it when that holds the word after its lead-in words
        run = run + 1 if run else 1 + (k > 0 and word in items[k - 1])
        longest = max(longest, run)
    return longest == count
