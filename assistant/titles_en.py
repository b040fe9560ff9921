"""English names for Chinese texts the manifest gives no English title: the meeting a readout's headline reports.

Most texts a user adds are news readouts whose title is a Chinese headline ("中共中央政治局召开会议 分析研究…",
"某某主持召开中央某某委员会第六次会议强调…", "某某工作会议在北京举行"). An English answer that names them by the headline
hands an English reader a line of Chinese for every source it cites or lists (a refusal listing three nearest
sections was mostly Chinese). The meeting the headline reports is what English readers call such a text ("the
Central Rural Work Conference", "the Politburo meeting of 30 July"), so that is its English name: the institution's
official name from the curated glossary where it has one, else the genre's words (`knowledge.labels_en`) and the
dictionary, word by word. A name with a word neither renders confidently is none ("": the Chinese title is shown):
dictionary noise is never presented as a title.
"""

from __future__ import annotations

import re

from assistant.glossary import Glossary
from knowledge.aliases import (
    LEADING_YEAR,
    MEETING_HEADS_EN,
    OCCASION_KINDS_EN,
    headline_meeting,
    held_occasion,
    is_meeting_name,
    occasion_of,
    occasions_held_together,
    title_case,
)
from knowledge.labels_en import render_words
from knowledge.text import english_ordinal, han_number, has_han

#: a meeting's number (第六次) and its body's term (二十届), wherever the name writes them
_NTH = re.compile(r"第([一二三四五六七八九十百\d]+)次")
_TERM = re.compile(r"^([一二三四五六七八九十百\d]+)届")
#: the occasions named by their kind and the body holding them ("11th Study Session of the Political Bureau …"); a
#: symposium is named as a meeting is (第三次中央某某工作座谈会)
STUDY_KINDS = ("集体学习", "研讨班")


def headline_title_en(title: str, glossary: Glossary) -> str:
    """The English name of the meeting a Chinese news headline reports ("" for any other title, or one a word of which
    has no confident English)."""
    if not has_han(title):
        return ""
    occasion = occasion_of(title)
    # (of meetings held together, the first)
    occasion = occasions_held_together(occasion)[0] if occasion is not None else None
    if occasion is not None and occasion.kind in STUDY_KINDS:
        return _occasion_en(occasion, glossary)
    meeting = headline_meeting(title) or (occasion.name if occasion and is_meeting_name(occasion.name) else "")
    # (of meetings held together, 某某工作会议暨某某大会, the first)
    return meeting_en(meeting.split("暨")[0], glossary) if meeting else ""


def held_occasion_en(opening: str, glossary: Glossary) -> str:
    """The English name of the numbered occasion a readout's opening says its body held ("中共中央政治局1月28日下午就…进行
    第三次集体学习" → "3rd Study Session of the Political Bureau of the CPC Central Committee"); "" for any other opening."""
    occasion = held_occasion(opening)
    return _occasion_en(occasion, glossary) if occasion is not None and occasion.kind in STUDY_KINDS else ""


def meeting_en(name: str, glossary: Glossary) -> str:
    """中央农村工作会议 → "Central Rural Work Conference", 中共中央政治局会议 → "Meeting of the Political Bureau of the CPC
    Central Committee", 二十届中央财经委员会第一次会议 → "1st Meeting of the 20th Central Financial and Economic Affairs
    Commission", 第三次中央某某工作座谈会 → "3rd Central … Work Symposium"; "" when a word has no confident English."""
    name = LEADING_YEAR.sub("", name)
    whole = _term(name, glossary)
    if whole:
        return whole
    nth = _NTH.search(name)
    rest = _NTH.sub("", name, count=1)
    term = _TERM.match(rest)
    rest = rest[term.end() :] if term else rest
    head = next(((zh, en) for zh, en in MEETING_HEADS_EN if rest.endswith(zh) and len(rest) > len(zh)), None)
    # a kind the glossary names, when none of the commonest ends the name
    glossed = head is None
    if glossed:
        head = _glossary_head(rest, glossary)
    if head is None:
        return ""
    body = rest.removesuffix(head[0])
    english = _english(body, glossary)
    if not english:
        return ""
    number = f"{_ordinal(nth.group(1))} " if nth else ""
    of_term = f"{_ordinal(term.group(1))} " if term else ""
    # a body's meeting (中共中央政治局会议, 某某委员会第六次会议) is the meeting *of* it; a topic's (农村工作会议) is named by it
    if _is_body(body) and (head[1] == "Meeting" or (glossed and head[1].endswith("Meeting"))):
        return f"{number}{head[1]} of the {of_term}{english}"
    return f"{number}{of_term}{english} {head[1]}"


#: the English words a glossary term ending a meeting's name must end with to be its head noun
_MEETING_WORDS = ("Meeting", "Conference", "Session", "Symposium", "Forum")


def _glossary_head(name: str, glossary: Glossary) -> tuple[str, str] | None:
    """A kind of meeting the curated glossary names, ending the name after something else (中共中央政治局专题民主生活会 →
    (专题民主生活会, "Democratic Life Meeting")): its `MEETING_HEADS_EN` are only the commonest kinds."""
    for start, end, term in glossary.find_zh_spans(name):
        english = title_case(term.en_main)
        if term.kind == "term" and 0 < start and end == len(name) and english.endswith(_MEETING_WORDS):
            return name[start:], english
    return None


def _ordinal(number: str) -> str:
    return english_ordinal(int(han_number(number)))


def _occasion_en(occasion, glossary: Glossary) -> str:
    """中共中央政治局第十一次集体学习 → "11th Study Session of the Political Bureau of the CPC Central Committee"."""
    kind = title_case(OCCASION_KINDS_EN[occasion.kind][0])
    body = occasion.name.removesuffix(occasion.numbered or occasion.kind)
    # (the body's term before it: 十八届中共中央政治局 → "the 18th Political Bureau …")
    term = _TERM.match(body)
    body = body[term.end() :] if term else body
    of_term = f"{_ordinal(term.group(1))} " if term else ""
    nth = f"{occasion.nth} " if occasion.nth else ""
    english = _english(body, glossary) if body else ""
    if body and not english:
        return ""
    return f"{nth}{kind} of the {of_term}{english}" if english else f"{nth}{kind}"


def _term(text: str, glossary: Glossary) -> str:
    """The glossary's English for the whole text (a few spellings: without 中共 before the Party's central organs)."""
    for form in (text, text.removeprefix("中共")):
        for start, end, term in glossary.find_zh_spans(form):
            if start == 0 and end == len(form) and term.kind == "term":
                return term.en_main
    return ""


def _is_body(text: str) -> bool:
    """Is the text an organ's name (政治局, 委员会, 国务院) rather than a field of work?"""
    return bool(re.search(r"(?:局|委员会|委|院|部|中央|小组)$", text.removeprefix("中共")))


def _english(text: str, glossary: Glossary) -> str:
    """The text in English: the glossary's terms as they are, the words between them rendered confidently by the
    genre's table and the dictionary (`knowledge.labels_en.render_words`); "" if some word has none."""
    whole = _term(text, glossary)
    if whole:
        return whole
    out: list[str] = []
    pos = 0
    spans = [(s, e, t) for s, e, t in glossary.find_zh_spans(text) if t.kind == "term"]
    for start, end, term in [*spans, (len(text), len(text), None)]:
        if start > pos:
            words = render_words(text[pos:start])
            if not words:
                return ""
            out.append(words)
        if term is not None:
            out.append(term.en_main)
        pos = max(pos, end)
    return title_case(" ".join(out))
