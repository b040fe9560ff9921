"""Cheap lexical features shared by sentence selection, support checks and refusal.

Chinese is compared by character bigrams (no segmenter needed, robust to the
PDF's split words), English by singular forms (`knowledge.text.singular`) without stopwords. Kept apart from the
BM25 index tokenizer on purpose: these run on a handful of sentences per question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from knowledge.abbreviations import list_abbreviations
from knowledge.headings import CN_NUMERAL
from knowledge.paragraph_sections import opens_run_in_item
from knowledge.sentences import sentence_spans
from knowledge.text import EN_FUNCTION_WORDS, HAN_RUN, singular

_EN_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_WS = re.compile(r"\s+")

#: function words plus question and meta words ("tell", "paper", "according") that say nothing about the topic
EN_STOP = EN_FUNCTION_WORDS | frozenset(
    """being whose here should shall may might must not no yes any all each some more most other also very
    me my we you your he she his her i tell explain describe list give according say says said paper report
    document documents mention mentions mentioned discuss discussed please between among within both either
    whether ok main key major role way ways""".split()
)
#: jieba's tags of function words: prepositions (按照, 根据), conjunctions (以及, 另一方面), pronouns (其中, 这个),
#: particles
FUNCTION_TAGS = ("p", "c", "r", "u")
#: question words and function characters that say nothing about the topic
ZH_STOP_BIGRAMS = frozenset(
    """什么 哪些 如何 怎样 怎么 为什 为何 是否 有哪 哪几 的是 是什 么是 提出 文中 论文 报告 文章 提到 指出 其中 关于
    方面 主要 一下 介绍 说明 根据 我国 中国 我们 这个 那个 这些 那些 以及 的作 作用 意义 内容 具体 包括 哪个""".split()
)


def zh_bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in HAN_RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def en_terms(text: str) -> set[str]:
    return {singular(w) for w in _EN_WORD.findall(text) if w.lower() not in EN_STOP and len(w) > 1}


def terms(text: str) -> set[str]:
    """Content features of a text: Chinese bigrams + English stems (a new set: callers may change it)."""
    return set(_terms(text))


@functools.lru_cache(maxsize=4096)
def _terms(text: str) -> frozenset[str]:
    """`terms`, remembered: a warm question asks for the same context sentences' terms in several stages
    (~80 calls, ~13 new texts per question: 39,443 hits and 7,006 misses over the 545 development questions).
    A pure function of the text, so the cache needs no other key; bounded (measured: the caches of the warm
    path together add ~15 MB of RSS over those questions, with 7,006 entries here)."""
    # a list's numbered abbreviation (六稳 for 稳就业、稳金融…) is a feature of the text listing it, which never writes it
    return frozenset(zh_bigrams(text) | en_terms(text) | set(list_abbreviations(text)))


def query_terms(text: str) -> set[str]:
    """Like `terms` but without question-word bigrams."""
    return terms(text) - ZH_STOP_BIGRAMS


_UNIFIED_MARKS: dict[str, str | int | None] = {"“": '"', "”": '"', "‘": "'", "’": "'", "，": ",", "：": ":", "；": ";"}


def squash(text: str) -> str:
    """Text without whitespace and with quote marks unified: for tolerant verbatim matching."""
    text = _WS.sub("", text)
    return text.translate(str.maketrans(_UNIFIED_MARKS))


def find_tolerant(quote: str, text: str) -> tuple[int, int] | None:
    """Span of `text` equal to `quote` up to whitespace and quote style, or None."""
    pos = text.find(quote)
    if pos != -1:
        return pos, pos + len(quote)
    target = squash(quote)
    if not target:
        return None
    # map squashed positions back to the original text
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    squashed = squash("".join(ch for _, ch in kept))
    if len(squashed) != len(kept):  # translate() is 1:1, so this never happens; keep the mapping honest
        return None
    at = squashed.find(target)
    if at == -1:
        return None
    return kept[at][0], kept[at + len(target) - 1][0] + 1


_HEADING = re.compile(rf"^(?:{CN_NUMERAL}、|（{CN_NUMERAL}）)")


def line_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans, additionally cut at line breaks: a quote never spans a heading and its text."""
    return iter(_line_sentences(text))


@functools.lru_cache(maxsize=4096)
def _line_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """`line_sentences`, remembered: the refusal features, the sentence selection and the citation check
    each split the same contexts (a pure function of the text; bounded)."""
    return tuple(_split_lines(text))


def _split_lines(text: str) -> Iterator[tuple[int, int]]:
    for start, end in sentence_spans(text):
        pos = start
        for piece in text[start:end].split("\n"):
            a = pos + len(piece) - len(piece.lstrip())
            b = pos + len(piece.rstrip())
            if b > a:
                yield a, b
            pos += len(piece) + 1


def is_heading(sentence: str, section_label: str = "") -> bool:
    """A part/section heading line ("三、…", "（八）…") or the section's own label. A run-in item
    (一是…, 第一，…) is content even where its section is labelled by its own first sentence."""
    s = sentence.strip()
    if opens_run_in_item(s):
        return False
    if _HEADING.match(s) and not re.search(r"[。！？；]$", s):
        return True
    bare = _HEADING.sub("", s).rstrip("。；;")
    label = re.sub(rf"^{CN_NUMERAL}(?:、|（{CN_NUMERAL}）)", "", section_label)
    return bool(bare) and bare == label


#: at most this many characters a contraction leaves out between two of its own (中纪委: 纪[律检查]委); a bound on the
#: search, not a tuned figure: Chinese contractions keep a word's first character, and a name's words rarely exceed four
CONTRACTED_GAP = 3


@functools.lru_cache(maxsize=4096)
def in_order(pieces: tuple[str, ...], between: str) -> re.Pattern[str]:
    """The pieces in order, each pair separated by a run of `between` (a regex of its length and characters): the one
    pattern of things a text writes apart that a question writes together (a contraction's characters, a compound's
    words)."""
    return re.compile(between.join(map(re.escape, pieces)))


def contracted_in(name: str, texts: Iterable[str]) -> bool:
    """Does a text write out the name a question contracts: the name's characters in order, at most `CONTRACTED_GAP`
    others between two of them (and a conjunction after them) and no punctuation (中央军委 in 中共中央军事委员会, 中纪委
    in 中央纪律检查委员会, 深改委 in 中央全面深化改革委员会, 生态环保大会 in 全国生态环境保护大会, 网信工作会议 in
    全国网络安全和信息化工作会议)? Texts write a body's full name; readers, its short one. Three characters at least:
    two match too much by chance."""
    if len(name) < 3:
        return False
    # (a conjunction after the skipped characters goes too: 网信 for 网络安全和信息化)
    pattern = in_order(tuple(name), f"[^\\W\\d_]{{0,{CONTRACTED_GAP}}}[和与及]?")
    return any(pattern.search(text) for text in texts)


def written_out(features: Iterable[str], text: str) -> set[str]:
    """The two-character Chinese features a text writes out with up to `CONTRACTED_GAP` characters between them (常委
    in 中央政治局常务委员会委员, 纪委 in 中央纪律检查委员会): for a short text, such as a heading, whose full names a
    question says short (unlike `contracted_in`, two characters match much by chance in a longer text)."""
    return {
        f
        for f in features
        if len(f) == 2 and HAN_RUN.fullmatch(f) and in_order(tuple(f), f"[^\\W\\d_]{{1,{CONTRACTED_GAP}}}").search(text)
    }
