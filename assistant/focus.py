"""What a question asks about: its content units, each with the forms a text may write it in and a weight.

A unit is one thing asked: a Chinese word of the index (托育, 国防, 起征点), or an English phrase the cross-lingual bridge
maps to index words (its Chinese renderings and its own English stems, any one of which a text may hold). Each weighs
by its rarity in *general* Chinese (jieba's own frequencies): rare words say what is asked; common ones (认为, 看待)
only phrase the question. Read by the refusal's evidence features (`assistant.refusal_evidence`) and by retrieval's
coverage of an English question (`assistant.retrieval.Fusion.bridged_coverage`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer_types import MEETING_VERBS
from assistant.bridge import FRAME
from assistant.textmatch import EN_STOP, FUNCTION_TAGS, in_order, terms
from knowledge.abbreviations import ABBREVIATION
from knowledge.keyword_index import segment
from knowledge.numerals_en import meeting_full_forms
from knowledge.text import has_han, singular

#: interrogatives, a closed class of the language (not a list tuned to any question set): a token made of
#: one of these is question phrasing, never an unknown topic (多少钱, 哪一年, 多长时间, 为何)
INTERROGATIVE = re.compile(r"什么|哪|多少|多[长久大快高远]|几|怎|咋|谁|为何|为啥|干[嘛吗]|何时|是否|吗|呢")
#: smoothing count for general-language frequencies: a word jieba never saw is as rare as one seen 0 times
_SMOOTH = 100
#: a run of Latin letters: an English word of a question
EN_WORD = re.compile(r"[A-Za-z]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
#: "Party's", "workers'": the possessive is no word of its own
_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass(frozen=True)
class FocusUnit:
    """One thing the question asks about: its forms (any one in a sentence counts) and its weight; `parts`: the
    words of a compound the question writes as one (增长目标), which a sentence writing them in order, close together,
    holds too (国内生产总值增长8%左右的目标: `COMPOUND_GAP`)."""

    forms: tuple[str, ...]
    weight: float
    parts: tuple[str, ...] = ()


def general_information(word: str, freq: Mapping[str, int], total: int) -> float:
    """-log of the word's smoothed frequency in general Chinese: how much it says about what is asked."""
    return math.log(total / ((freq.get(word) or 0) + _SMOOTH))


#: where in a text a question says its answer is (结尾, 开篇, 最后一段): a part of any document, not a topic
TEXT_PARTS = r"开头|结尾|开篇|末尾|篇末|文末|结语|结束语|前言|导语|正文|首段|末段|最后一段"
#: Chinese words of a question's frame, not its topic: which meeting or text (这次, 会上, 文中: the document is
#: already chosen), where in it (`TEXT_PARTS`), how the text says it (表述, 论述, 列举了几个, 具体提出, 怎么评价, 如何定位 /
#: 定调 / 判断: the question's words about the text, which its sentences need not use), and a time frame the year
#: checks judge (过去五年, 今年, 近年来: `periods`), a closed class
_ZH_FRAME = re.compile(
    rf"^(?:这|那|此|本|该)[次个些份项届]?$|^(?:会|文|报告|公报)(?:上|中|里)$|^(?:{TEXT_PARTS})$"
    r"|^(?:表述|论述|阐述|提到|谈到|提及|列举|列出|包含|具体|说法|提法|提出|评价|看待|概括|描述|做到"
    r"|定位|定性|定调|判断|研判|形容|界定|归纳)$"
    r"|^(?:过去|近|这|今后|未来)?(?:[一二三四五六七八九十两]+|\d{1,2})年(?:来|间|里|中)?$|^(?:今年|去年|明年|当年|上年|近年来?)$"
)
#: a Chinese question for a date ("哪一年", "哪个月", "几月几日"): the tokenizer splits 哪 from 一年 / 个月, and
#: the remnant, a rare word, counted as the thing asked about that no answer holds (a question on the year and
#: month a strategy was announced was refused while its sentence names both)
_WHEN_ASKED = re.compile(
    r"哪一?(?:年|个?月|天|日|季度)|几(?:月|号|日)|什么(?:时间|时候|日子|地点|地方)|何时|何地|哪里|哪儿"
)
#: ... and for the items of a list by their count ("是哪四个", "哪六项"): the count after 哪 is the question's frame, not
#: a word the answer writes (the list it asks for is its items, 稳就业、稳金融…)
_WHICH_COUNT = re.compile(r"哪[一二三四五六七八九十两\d]+[个项条点件种类]?")


def focus_units(question: str, language: str, corpus_df: Mapping[str, int], bridge, interrogative) -> list[FocusUnit]:
    """The question's content units (see the module docstring). `corpus_df`: the index's words and their
    chunk frequencies; `bridge`: `assistant.bridge.Bridge`; `interrogative`: the pattern of question words.
    Chinese words come from the index's own tokenizer (it knows the terms coined at index time: 东数西算),
    a piece of a longer word of the question is not a unit of its own."""
    from assistant.refusal import _general
    from knowledge.keyword_index import tokenize

    dt, _ = _general()
    info = lambda w: general_information(w, dt.FREQ, dt.total)  # noqa: E731
    out: list[FocusUnit] = []
    if language == "en":
        out.extend(bridged_units(question, corpus_df, bridge, info))
        # a content word no index word translates ("Champions", "fusion") is asked about too: only an English
        # sentence can hold it, and it weighs as a word general Chinese never uses
        spans = bridge.spans(question)
        for m in content_words(question):
            if not any(s <= m.start() < e for s, e, _ in spans):
                out.append(FocusUnit((singular(m.group(0).lower()),), info("")))
        return out
    # a Latin term in a Chinese question (GDP, R&D, AI) is asked about as the index word the bridge maps it to
    for start, end, words in bridge.spans(question) if bridge is not None else ():
        known = [w for w in words if w in corpus_df]
        if known and not has_han(question[start:end]):
            out.append(FocusUnit((*known, question[start:end].lower()), max(info(w) for w in known)))
    words = list(
        dict.fromkeys(
            w
            for w in tokenize(_WHICH_COUNT.sub(" ", _WHEN_ASKED.sub(" ", question)))
            if len(w) >= 2
            and has_han(w)
            and not interrogative.search(w)
            and not _ZH_FRAME.match(w)
            and w in corpus_df
            and not _function_word(w)
        )
    )
    for word in words:
        if not any(word != longer and word in longer for longer in words):
            # a meeting asked about by its abbreviation is held by a text that writes it in full (四中全会: 第四次全体会议)
            forms = MEETING_VERBS if word in MEETING_VERBS else (word, *meeting_full_forms(word))
            out.append(FocusUnit(forms, _weight(word, info, dt.FREQ), compound_parts(word, corpus_df)))
    return out


def _weight(word: str, info, freq: Mapping[str, int]) -> float:
    """A word's weight as a unit: its information in general Chinese (`info`; `freq`: general Chinese's word
    frequencies); for a compound general Chinese never writes as one word but whose words it knows (国内生产总值增长,
    平均每年: terms the index coined), that of its rarest content word. Weighed as unseen, such a compound was the
    question's rarest unit, and a sentence writing its words apart (国内生产总值比上年增长) or otherwise (年均) was read
    as lacking what is asked."""
    if freq.get(word) or len(word) < 4:
        return info(word)
    pieces = segment(word)
    if len(pieces) < 2 or not all(freq.get(p) for p in pieces):
        return info(word)
    content = [p for p in pieces if not _function_word(p)] or pieces
    return max(map(info, content))


def compound_parts(word: str, corpus_df: Mapping[str, int]) -> tuple[str, ...]:
    """The words of a compound (增长目标: 增长 + 目标; 国内生产总值增长: 国内生产总值 + 增长), when the index knows them all
    and none is a function word or a single character; () for any other word. Chinese coins such compounds freely,
    and a text may write their words apart (增长8%左右的目标, 国内生产总值比上年增长). A four-character word is read as two
    pairs; a longer one as the plain dictionary cuts it."""
    if len(word) < 4:
        return ()
    parts = (word[:2], word[2:]) if len(word) == 4 else tuple(segment(word))
    if len(parts) > 1 and all(len(p) > 1 and p in corpus_df and not _function_word(p) for p in parts):
        return parts
    return ()


def _function_word(word: str) -> bool:
    """Does the word only frame the question: a preposition, conjunction, pronoun or particle in jieba's dictionary,
    or a two-character word outside it made of frequent characters (这一, 该项: `refusal.is_general_word`; a longer one,
    国内生产总值, is a compound of content words)? Such a word would weigh as much as the topic: a word jieba never saw
    is as rare as it gets."""
    from assistant.refusal import _general, is_general_word

    dt, tags = _general()
    tag = tags.get(word, "")
    return tag.startswith(FUNCTION_TAGS) or (len(word) == 2 and not dt.FREQ.get(word) and is_general_word(word))


def bridged_units(question: str, corpus_df: Mapping[str, int], bridge, info) -> list[FocusUnit]:
    """A unit per English phrase of the question the bridge maps to index words: those words, and the
    phrase's own stems for English evidence; weighted by its rarest index word (`info`)."""
    from knowledge.keyword_index import tokenize

    out: list[FocusUnit] = []
    for start, end, words in bridge.spans(question):
        english = tuple(
            dict.fromkeys(
                singular(w.lower())
                for w in EN_WORD.findall(_POSSESSIVE.sub("", question[start:end]))
                if w.lower() not in FRAME and len(w) > 1  # not the letters of "R&D": every r… word would hold them
            )
        )
        known = [w for w in words if w in corpus_df]
        if known:
            out.append(FocusUnit(tuple(known) + english, max(info(w) for w in known)))
            continue
        parts = [p for w in words for p in tokenize(w) if p in corpus_df and len(p) > 1]
        if parts:
            out.append(FocusUnit(tuple(words) + english, max(info(p) for p in parts)))
    return out


def holds(unit: FocusUnit, text: str) -> bool:
    """Does the text hold one of the unit's forms (a Chinese word as a substring, an English stem as a word start)?
    A Chinese form's aspect particle 了 may be left out (翻了一番 is held by 翻一番)."""
    low = None
    for form in unit.forms:
        if has_han(form):
            if form in text or ("了" in form[1:-1] and form.replace("了", "") in text):
                return True
            continue
        if low is None:
            # (an English form is a word with letters: a text without any holds none, and most texts are Chinese)
            low = text.lower() if _LATIN_LETTER.search(text) else ""
        if low and re.search(r"\b" + re.escape(form), low):
            return True
    # "六稳" is held by the sentence listing 稳就业、稳金融…, which never writes it
    if _abbreviated(unit.forms) and set(unit.forms) & terms(text):
        return True
    return bool(unit.parts) and in_order(unit.parts, f"[^。！？!?；;]{{0,{COMPOUND_GAP}}}").search(text) is not None


@lru_cache(maxsize=4096)
def _abbreviated(forms: tuple[str, ...]) -> bool:
    """Is one of a unit's forms an abbreviation of a list (六稳)? (Asked of every text a unit is looked for in.)"""
    return any(ABBREVIATION.match(form) for form in forms)


#: at most this many characters between the two words of a compound written apart (增长8%左右的目标: five), none
#: ending a sentence: a bound that keeps them one phrase, not a tuned figure (高速公路…铁路 is no 高速铁路)
COMPOUND_GAP = 6


def content_words(question: str) -> list[re.Match]:
    """English words of a question that are neither function nor frame words (what it is about)."""
    return [
        m
        for m in EN_WORD.finditer(question)
        if len(m.group(0)) > 2 and m.group(0).lower() not in FRAME and m.group(0).lower() not in EN_STOP
    ]
