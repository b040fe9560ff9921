"""The cross-lingual bridge: English question words → the Chinese words the index uses, and back.

Why: the documents are Chinese and an English question shares no word with them, so BM25 finds
nothing and the embedder only roughly aligns the two languages. The curated glossary
(`assistant/data/glossary.tsv`) knows the bundled documents' concepts; for everything else —
and for any text added later — CC-CEDICT supplies the senses, restricted to the words that
actually occur in the index (`knowledge.zh_en.IndexLexicon`, derived per index generation), so
"employment" brings 就业 and not one of the dozens of dictionary words nobody here uses.

Order of authority: where the glossary matches a phrase, its translation wins; the dictionary
fills in only the English words the glossary leaves untranslated, and after the glossary's words for a
phrase of several words adds its own whose first sense that phrase is ("stock market": 资本市场, then 股市).
A modifier coordinated with another takes the head noun they share ("property and stock markets": property
market). For an English phrase the
dictionary offers several Chinese words; the ones whose *first* sense it is count double, the
more frequent in the index come first, and at most `CANDIDATES` are used. A one-character word
(党, 税) renders only the word it first means. Words are matched by `english_key` (plural- and
possessive-free); an inflected verb form the dictionary does not list is looked up as its base form.

Chinese questions use the bridge too: their Latin words ("GDP", "R&D") are glossed with the
Chinese the text uses (`Bridge.annotate`) before the question is searched and judged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.answer_types import AUXILIARIES
from assistant.glossary import Glossary, english_key
from assistant.mentions import is_person
from knowledge.text import month_number, mostly_han
from knowledge.zh_en import IndexLexicon

#: Chinese words taken per English phrase for the keyword query (the translated dense query takes the first)
CANDIDATES = 2
#: longest English phrase (in words) looked up in the dictionary
MAX_PHRASE = 4
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:\.\d+)?")
#: words of the question's frame, not its topic (a dictionary would map them to 说, 提到, 文件…)
FRAME = frozenset(
    "a an and are as at be been but by can could did do does for from had has have how if in into is it its "
    "of on or our so such than that the their them then there these they this those to was were what when "
    "where which while who whom why will with would about according any some all also more most much many "
    "say says said mention mentions mentioned describe described explain explains tell give gives list "
    "document documents text texts question answer please i you me we us my your "
    # "how many times": a count asked for, not the dictionary's time (时间, 时刻)
    "times "
    # place and time prepositions: "over the decade" is no 过度 (excessive), "under the plan" no 下面
    "over under after before through across against toward towards upon via per".split()
)

#: words that frame an English question ("actually", "regarding", "according to", "aim for") without
#: naming its topic: the dictionary has senses for them (实在, 宗旨) that rarely occur in the text, so
#: their high IDF would pull unrelated chunks up the keyword list. Not looked up; `FRAME` stays the
#: shared list (the refusal evidence reads it too)
LOOKUP_FRAME = FRAME | frozenset(
    "actually really exactly specifically particularly regarding concerning according during whose whom "
    "aim aims aimed supposed cited cite cites stated".split()
)


#: frame words that open no phrase of their own (`Bridge._frame_opened`): articles ("the first (half)" is no 一世, "the
#: First"), auxiliaries ("be resolved" is no 立志, "determined to"), question words ("what time" is no 几点, "o'clock";
#: "how many years" no 几年, which texts never write: they write 三年)
_NOT_OPENING = (
    AUXILIARIES
    | frozenset("the a an be been being might".split())
    | frozenset("what which who whom whose why where when how that these those".split())
)

#: words joining two modifiers that share one head noun ("property and stock markets")
COORDINATORS = frozenset({"and", "or"})

#: texts whose `Bridge.spans` are kept (a bound on memory, not a tuned figure)
SPANS_MEMO = 1024


#: prepositions that introduce a date ("held on 10 November", "met in March 2031")
_DATE_PREPOSITIONS = frozenset({"on", "in", "at", "by", "since", "until"})


def _month_of_date(text: str, tokens: list, i: int) -> bool:
    """Is tokens[i] a month's capitalised name next to a number ("March 2031", "5 March", "March 5")?"""
    start, end, _, lower = tokens[i]
    if not month_number(lower) or not text[start].isupper():
        return False
    return any(0 <= j < len(tokens) and tokens[j][3].isdigit() for j in (i - 1, i + 1))


def _dated_after(tokens: list, end: int) -> bool:
    """Does the phrase of tokens[…:end] end in a preposition that a date follows (a number or a month's name)?"""
    if end >= len(tokens) or tokens[end - 1][3] not in _DATE_PREPOSITIONS:
        return False
    after = tokens[end][3]
    return after.isdigit() or bool(month_number(after))


@dataclass(frozen=True)
class _Candidate:
    zh: str
    #: the place of the English phrase among the word's senses (0: what the word first means)
    position: int
    df: int


def _candidate_order(c: _Candidate) -> tuple:
    """Which Chinese words render an English phrase first: the ones whose first sense it is, and
    among equals the more frequent in the index."""
    return (-c.df * (2 if c.position == 0 else 1), c.zh)


@functools.cache
def _sense_key(sense: str) -> tuple[str, ...]:
    """A dictionary sense's English words as matched: once per process, not once per index
    generation (a bridge is built again for every generation, before it is served)."""
    return tuple(english_key(w) for w in _WORD.findall(sense))


#: irregular past forms a question writes ("the bridge built", "the medals won"): their base form
IRREGULAR = dict(
    pair.split(":")
    for pair in (
        "built:build held:hold paid:pay sent:send won:win drawn:draw chosen:choose "
        "spent:spend brought:bring sought:seek led:lead met:meet rose:rise risen:rise "
        "grew:grow grown:grow fell:fall fallen:fall began:begin begun:begin told:tell lost:lose "
        "struck:strike stricken:strike became:become found:find laid:lay "
        "bought:buy sold:sell taught:teach thought:think written:write spoken:speak broken:break "
        "driven:drive shown:show known:know"
    ).split()
)
#: endings of a derived or inflected word, the shortest stem they follow, and what its base form ends with
#: instead, tried in order ("speculation" → speculate before speculat, "production" → produce before product);
#: -ion only after t or s, so "million" is no "mill"; "station" is too short a word to be "state"
_ENDINGS = (
    ("ied", 2, ("y",)),
    ("ed", 2, ("", "e")),
    ("ing", 2, ("", "e")),
    ("ation", 3, ("ate", "", "e")),
    ("uction", 3, ("uce", "uct")),
    ("ction", 3, ("ct",)),
    ("tion", 4, ("te", "t")),
    ("sion", 3, ("d", "de", "se")),
    ("ment", 3, ("",)),
    ("ness", 3, ("",)),
    # an adverb the dictionary lists as its adjective: "comprehensively" 全面, "steadily" 稳步
    ("ily", 3, ("y",)),
    ("ly", 4, ("",)),
    # an adjective the dictionary lists as its noun: "ideological" 思想 (ideology), "historical" 历史 (history)
    ("ical", 4, ("y", "ics")),
)


#: light verbs a form is not traced back to: "making policies consistent" is no 制造 (manufacture), "taking
#: measures" no 拿 (their phrases, "put forward", "take measures", are looked up as they are)
_LIGHT = frozenset("make take get put do have give go come set keep".split())


def base_forms(key: str) -> tuple[str, ...]:
    """The base forms an English word (as keyed) may come from, most likely first; none for a word
    without a known ending. Morphology only: whether a form is a word is the dictionary's to say."""
    if key in IRREGULAR:
        return (IRREGULAR[key],)
    for ending, shortest, replacements in _ENDINGS:
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= shortest:
            forms = [stem + r for r in replacements]
            if stem[-1] == stem[-2] and ending in ("ed", "ing"):
                forms.append(stem[:-1])  # planned, running
            return tuple(f for f in dict.fromkeys(forms) if f not in _LIGHT)
    return ()


def _first_syllable_only(zh: str, sense: str, readings: Mapping[str, str]) -> bool:
    """Is the sense the word's first syllable alone, capitalised (隰县 "Xi", a county's short name)? An English question
    writes such a syllable as a person's surname ("Xi's speech"), never for the place: mapped to it, every question
    about a leader's speech asked for a county once a text named it (found on an added text)."""
    return len(zh) >= 2 and sense[:1].isupper() and " " not in sense and sense.lower() == readings.get(zh[0], "")


class Bridge:
    """Glossary overlay + the index's dictionary, behind the two rewrites retrieval needs."""

    def __init__(self, glossary: Glossary, lexicon: IndexLexicon):
        self.glossary = glossary
        self.lexicon = lexicon
        #: `_find_spans` memoised per text (the standard LRU cache, one per bridge)
        self._cached_spans = functools.lru_cache(maxsize=SPANS_MEMO)(self._find_spans)
        found: dict[tuple[str, ...], dict[str, _Candidate]] = {}
        for zh, senses in lexicon.dictionary.senses.items():
            df = lexicon.df.get(zh, 0)
            for i, sense in enumerate(senses):
                key = _sense_key(sense)
                if not key or len(key) > MAX_PHRASE or all(w in LOOKUP_FRAME for w in key):
                    continue
                if len(zh) < 2 and (i > 0 or len(key) > 1):
                    continue  # a character only for the one word it first means (党 "party", 税 "tax")
                if _first_syllable_only(zh, sense, lexicon.readings):
                    continue
                have = found.setdefault(key, {})
                if zh not in have:  # senses come in order: the first place the phrase takes is kept
                    have[zh] = _Candidate(zh, i, df)
        ranked = {key: sorted(cands.values(), key=_candidate_order)[:CANDIDATES] for key, cands in found.items()}
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {
            key: tuple(c.zh for c in cands) for key, cands in ranked.items()
        }
        #: the words among those whose first sense is the phrase (股市 "stock market"; not 动态, whose first sense is
        #: "movement" before "development"): the ones added to a glossary term's own
        self._primary = {key: tuple(c.zh for c in cands if c.position == 0) for key, cands in ranked.items()}
        #: the English words of the dictionary's phrases: an inflected form of one is looked up as it
        self._words = frozenset(w for key in self._phrases for w in key)

    def __len__(self) -> int:
        return len(self._phrases)

    def spans(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, Chinese words) of the English phrases in `text`, in text order: the glossary's
        where it has the phrase, the dictionary's where it has a longer one or the glossary none.
        Memoised per text (a bridge serves one index generation; a turn asks several times)."""
        return list(self._cached_spans(text))

    def _find_spans(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        glossary = [(s, e, term.zh) for s, e, term in self.glossary.find_en_spans(text)]
        tokens = [(m.start(), m.end(), english_key(m.group(0)), m.group(0).lower()) for m in _WORD.finditer(text)]
        lemmas = [self._lemma(t[2]) for t in tokens]
        found: list[tuple[int, int, tuple[str, ...]]] = []
        exact = {(s, e) for s, e, _ in glossary}
        also: dict[tuple[int, int], tuple[str, ...]] = {}
        i = 0
        while i < len(tokens):
            if _month_of_date(text, tokens, i):
                # "March 2031", "5 March": a date, not the verb or the noun (进军, 步伐)
                i += 1
                continue
            if tokens[i][3] in LOOKUP_FRAME:
                # a frame word opens no topic, but it may open a dictionary phrase that is one ("as soon as possible"
                # 尽快, "at the same time" 同时, "in advance" 提前), where no glossary phrase overlaps it
                opened = self._frame_opened(tokens, lemmas, i, glossary)
                if opened:
                    found.append(opened[:3])
                    i += opened[3]
                else:
                    i += 1
                continue
            name = self._name_at(text, tokens, i)
            if name:
                length, people = name
                start, end = tokens[i][0], tokens[i + length - 1][1]
                if not any(s < end and start < e for s, e, _ in glossary):
                    found.append((start, end, people))
                    i += length
                    continue
            for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
                window = tokens[i : i + n]
                start, end = window[0][0], window[-1][1]
                # the glossary wins unless the dictionary's phrase is longer than every glossary phrase it overlaps;
                # the dictionary's words for the very phrase of several words the glossary renders come after the
                # glossary's ("stock market": 资本市场, then 股市; a single word's would be common words: "work" 劳动)
                if any(s < end and start < e and e - s >= end - start for s, e, _ in glossary):
                    if (
                        n > 1
                        and (start, end) in exact
                        and (words := self._phrase_of(window, lemmas[i : i + n], self._primary))
                    ):
                        also[(start, end)] = words
                    continue
                if n > 1 and _dated_after(tokens, i + n):
                    # a verb and the preposition of the date after it ("held on 10 November" is no "hold on", 等等)
                    continue
                words = (n == 1 and self._shared_head(text, tokens, lemmas, i)) or self._phrase_of(
                    window, lemmas[i : i + n]
                )
                if words:
                    found.append((start, end, words))
                    i += n
                    break
            else:
                i += 1
        kept = [
            (gs, ge, tuple(dict.fromkeys([*zh, *also.get((gs, ge), ())])))
            for gs, ge, zh in glossary
            if not any(s < ge and gs < e for s, e, _ in found)
        ]
        return sorted(kept + found)

    def _frame_opened(self, tokens: list, lemmas: list[str], i: int, glossary: list) -> tuple | None:
        """(start, end, Chinese words, number of tokens) of the longest dictionary phrase of two words or more that
        opens at the frame word `tokens[i]`, overlapping no glossary phrase; None when there is none. Not at an article, an
        auxiliary or a question word (`_NOT_OPENING`): the words after it are looked up as they are."""
        if tokens[i][3] in _NOT_OPENING:
            return None
        for n in range(min(MAX_PHRASE, len(tokens) - i), 1, -1):
            window = tokens[i : i + n]
            start, end = window[0][0], window[-1][1]
            if any(s < end and start < e for s, e, _ in glossary):
                continue
            words = self._phrase_of(window, lemmas[i : i + n])
            if words:
                return start, end, words, n
        return None

    def _phrase_of(self, window: list, lemmas: list[str], phrases: dict | None = None) -> tuple[str, ...]:
        """The Chinese words of the English phrase `window` (tokens) spells, as written or by its words' base forms
        (in `phrases`, default all the dictionary's)."""
        phrases = self._phrases if phrases is None else phrases
        return phrases.get(tuple(t[2] for t in window)) or phrases.get(tuple(lemmas)) or ()

    def _shared_head(self, text: str, tokens: list, lemmas: list[str], i: int) -> tuple[str, ...]:
        """The Chinese words of token `i` with the head noun it shares with the modifier coordinated with it: in
        "property and stock markets" (urban and rural areas, economic and social development) "property" is the
        property market (楼市), which the word alone (资产) is not. () when the dictionary has no such phrase."""
        if i + 3 >= len(tokens) or tokens[i + 1][3] not in COORDINATORS:
            return ()
        for j in (i + 3, i + 4):
            between = tokens[i + 2 : j + 1]
            if len(between) < j - i - 1 or any(t[3] in FRAME for t in between):
                break
            gaps = [text[a[1] : b[0]] for a, b in zip(tokens[i : j + 1], tokens[i + 1 : j + 1])]
            if any(g.strip() for g in gaps):
                break
            pair = f"{text[tokens[i][0] : tokens[i][1]]} {text[tokens[j][0] : tokens[j][1]]}"
            term = [t for s, e, t in self.glossary.find_en_spans(pair) if (s, e) == (0, len(pair))]
            words = term[0].zh if term else self._phrase_of([tokens[i], tokens[j]], [lemmas[i], lemmas[j]])
            if words:
                return words
        return ()

    def _name_at(self, text: str, tokens: list, i: int) -> tuple[int, tuple[str, ...]] | None:
        """A person's name in pinyin from token `i` on ("Li Jia", "Fu Zhenghua": two or three capitalised words, each
        made of pinyin syllables) that is how an index word reads (`IndexLexicon.words_by_pinyin`): (its words, the
        Chinese words). The dictionary knows the famous (李克强) and none of the others a text names (李佳)."""
        for n in (3, 2):
            window = tokens[i : i + n]
            if len(window) < n or not all(text[t[0]].isupper() and self._pinyin(t[2]) for t in window):
                continue
            if any("\n" in text[a[1] : b[0]] or text[a[1] : b[0]].strip() for a, b in zip(window, window[1:])):
                continue
            words = self.lexicon.words_by_pinyin.get("".join(t[2] for t in window), ())
            # a person's name by the tagger's reading of the word alone: "Li Jia" is 李佳, not 力加 (力加…)
            people = [w for w in words if is_person(w)]
            if people:
                return n, tuple(people[:CANDIDATES])
        return None

    def _pinyin(self, word: str) -> bool:
        """Is `word` (lower case) a run of the index's pinyin syllables ("zhenghua")?"""
        syllables = self.lexicon.syllables
        ends = {0}
        for end in range(1, len(word) + 1):
            if any(start in ends and word[start:end] in syllables for start in range(max(0, end - 6), end)):
                ends.add(end)
        return len(word) in ends

    def _lemma(self, key: str) -> str:
        """The dictionary's word for a form of it the dictionary does not list: an inflected verb ("reviewed" →
        review, "planned" → plan, "making" → make, "built" → build) or a noun made from a verb or adjective
        ("retirement" → retire, "construction" → construct, "speculation" → speculate, "fairness" → fair).
        A key that is a phrase of its own stays; otherwise the first base form that is one, else the first
        that occurs in a longer phrase, else the key. Senses are base forms, and an unmapped question word
        weighs as the rarest in the refusal's focus."""
        if (key,) in self._phrases:
            return key
        bases = base_forms(key)
        return next((b for b in bases if (b,) in self._phrases), None) or next(
            (b for b in (key, *bases) if b in self._words), key
        )

    def expand(self, query: str) -> str:
        """The glossary's expansion plus the dictionary's Chinese words (the keyword query)."""
        expanded = self.glossary.expand(query)
        extra = [w for _, _, words in self.spans(query) for w in words if w not in expanded]
        return " ".join([expanded, *dict.fromkeys(extra)]) if extra else expanded

    def translate_en(self, query: str) -> str:
        """English phrases replaced by Chinese ones, glossary first (the second dense query)."""
        spans = self.spans(query)
        if not spans:
            return query
        parts, pos = [], 0
        for start, end, words in spans:
            parts.append(query[pos:start])
            parts.append(words[0])
            pos = end
        parts.append(query[pos:])
        return "".join(parts)

    def annotate(self, question: str) -> str:
        """A Chinese question with its Latin words glossed in Chinese after them ("我国GDP" →
        "我国GDP（国内生产总值）"), so retrieval, evidence selection and the refusal's focus read the
        word the text uses; other questions, and words whose rendering the question already has,
        are left as they are."""
        if not mostly_han(question):
            return question
        parts, pos = [], 0
        for _start, end, words in self.spans(question):
            if words[0] in question:
                continue
            parts.append(question[pos:end])
            parts.append(f"（{words[0]}）")
            pos = end
        parts.append(question[pos:])
        return "".join(parts)

    def gloss(self, word: str) -> str:
        """English for a Chinese word: the glossary's if it has the word, else the dictionary's."""
        for term in self.glossary.find_zh(word):
            if word in term.zh:
                return term.en_main
        return self.lexicon.dictionary.gloss(word)
