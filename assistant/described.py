"""The document a question describes without naming it: by its date and its occasion in other words.

Why: readers name a meeting or a speech in their own words ("the ceremony marking the CPC's 100th anniversary on
1 July 2021", "Xi's September 2019 Yellow River speech"); the names derived from a Chinese headline
(`knowledge.aliases`) are glosses such a description rarely spells, so `assistant.mentions` finds no name. The
multilingual embedder places the question near the headline of the text it describes, though not reliably among
hundreds of alike headlines: so only the documents dated as the question dates (its year, and its month when it gives
one) compete, and the nearest title counts only when it is nearer than the next one by a margin
(`Fusion.described_margin`). Retrieval then raises that document's chunks (`Fusion.described_boost`); unlike a name, a
description is not taken out of the search query and does not make the question one about a named document.
"""

from __future__ import annotations

import re

import numpy as np

from knowledge.embedders import get_embedder
from knowledge.text import MONTHS, YEAR

#: words that make a question describe an occasion (a speech, a meeting, a ceremony), the kind of text a description
#: names: a year in a question without one is what the question is about ("the GDP target for 2025"), not when its
#: text was written, and on the development split such questions lost their passage to the year's texts (the first
#: version, without this condition: English hit@5 0.983 -> 0.957). A closed class of the genre, as
#: `knowledge.aliases.OCCASION_KINDS_EN`; the Chinese words serve a Chinese margin (`Fusion.described_margin` has none)
_OCCASION = re.compile(
    r"\b(?:speech(?:es)?|address|remarks|symposium|forum|seminar|conference|meeting|session|ceremony|rally"
    r"|celebration|gathering|congress|plenum|tour|inspection|readout)\b"
    r"|讲话|座谈会|研讨会|会议|大会|全会|论坛|仪式|典礼|集体学习|考察",
    re.IGNORECASE,
)
_MONTH = "|".join(MONTHS)
#: a month said with its year: "July 2021", "1 July 2021", "July 1, 2021", 2021年7月
_MONTH_OF_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?:\d{{1,2}},?\s+)?(?P<year>{YEAR})\b|(?<!\d)(?P<zh_year>{YEAR})\s*年\s*(?P<zh_month>\d{{1,2}})\s*月",
    re.IGNORECASE,
)


def title_vectors(snapshot) -> np.ndarray:
    """Unit vectors of the served documents' titles, in `documents()` order (once per generation:
    `KnowledgeIndex.derived`)."""
    titles = [d.title or d.doc_id for d in snapshot.documents()]
    return get_embedder(snapshot.settings.embedder).embed(titles)


def asked_month(question: str, year: str) -> int:
    """The month the question gives with `year` (0 when none)."""
    for m in _MONTH_OF_YEAR.finditer(question):
        if m.group("year") == year:
            return MONTHS.index(m.group("month").title()) + 1
        if m.group("zh_year") == year and 1 <= int(m.group("zh_month")) <= 12:
            return int(m.group("zh_month"))
    return 0


def dated_as_asked(date: str, year: str, month: int) -> bool:
    """Is a document of `date` (YYYY, YYYY-MM or YYYY-MM-DD; "" unknown) one the question's date may mean? Any, when
    the question gives no year; of that year, and of that month when both say one."""
    if not year:
        return True
    if not date.startswith(year):
        return False
    return not month or len(date) < 7 or int(date[5:7]) == month


def described_document(index, question: str, years: list[str], margin: float) -> str:
    """The document whose title a question describing an occasion (`_OCCASION`) is nearest to, among two or more dated
    as it dates (`dated_as_asked`), when nearer than the next by `margin`; "" otherwise."""
    if not _OCCASION.search(question):
        return ""
    docs = index.documents()
    year = years[0] if years else ""
    month = asked_month(question, year) if year else 0
    fits = [i for i, d in enumerate(docs) if dated_as_asked(d.date, year, month)]
    # (one text dated so is no description's finding: its date alone points at it, and the year's boost does that;
    # "2023年政府主要做了哪些工作？" is answered by the next year's report, `Fusion.review_year`)
    if len(fits) < 2:
        return ""
    titles = index.derived(title_vectors)
    scores = titles[fits] @ index.embedder.embed_query(question)
    second, first = np.partition(scores, -2)[-2:]
    return docs[fits[int(np.argmax(scores))]].doc_id if first - second >= margin else ""
