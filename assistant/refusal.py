"""Does the retrieved evidence answer the question? Decided from measured features.

Signals, all cheap once retrieval has run:
- `coverage`: the share of the question's content (Chinese character bigrams and
  English words, weighted by rarity in the corpus; English glossary terms counted by
  their Chinese form) found in the best of the top contexts;
- `dense`: the best cosine similarity between the question and any chunk;
- `number_gap`: the question wants a figure (多少, how many, a year like 2030) that the
  best-matching evidence lacks;
- `oov`: 1.0 when a word of the question (a jieba token of the glossary-translated
  question that is not part of a longer known token) occurs nowhere in the corpus:
  韩国, 欧洲杯, 出生率, "FIFA" …

They are combined by a logistic model whose weights are *fitted*, not guessed:
`python -m assistant.refusal_calibration eval/data/cases.jsonl` fits them on the
labelled answerable/unanswerable cases and writes `assistant/data/refusal.json`
together with the accuracy it reached (training and leave-one-out). The defaults
below are used only if that file is missing.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Mapping

from assistant import textmatch
from assistant.glossary import Glossary
from knowledge.models import Chunk

TOP_CONTEXTS = 3
FEATURES = ("coverage", "dense", "oov", "number_gap", "en")

#: question words: never evidence of an unknown topic
_QUESTION_TOKENS = frozenset(
    """什么 哪些 哪个 哪几 如何 怎样 怎么 为什么 为何 是否 多少 多少钱 几个 哪里 哪儿 谁 吗 呢 请问 介绍 说明 论文 报告
    文章 提到 提出 指出 认为 主张 说 讲 作者 具体 分别 一下 一共 以及 还有 相关 方面 内容 哪一 哪年 何时 时候 今年 去年
    这个 那个 这些 那些 其中 然后 首先 告诉 给出 提供 列举 属于 包括 包含 涉及 举例 举例说明 用来 概念 意思 含义 定义
    区别 异同 对比 对应 关系 侧重 侧重点 重点 具体措施 措施 哪些方面 做法 看法 怎么样 最早 最近 第几 哪一年 多长 长时间
    多长时间 多久 哪支 一项 两项 三项 四项 五项 六项 七项 八项 九项 十项 几项 几个方面
    what which who whom how why when where does did do is are was were the a an of to in on for and or about say says
    said paper report document according please tell explain describe list main give""".split()
)


@dataclass(frozen=True)
class Features:
    coverage: float
    dense: float
    oov: float
    number_gap: float
    en: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(getattr(self, k), 4) for k in FEATURES}

    def vector(self) -> list[float]:
        return [getattr(self, k) for k in FEATURES]


@dataclass(frozen=True)
class RefusalPolicy:
    """Answer when the logistic margin `w·features + bias` is positive."""

    weights: Mapping[str, float]
    bias: float

    @classmethod
    def load(cls) -> "RefusalPolicy":
        try:
            text = resources.files("assistant").joinpath("data/refusal.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(DEFAULT_WEIGHTS, DEFAULT_BIAS)
        data = json.loads(text)
        return cls(data["weights"], data["bias"])

    def margin(self, f: Features, language: str | None = None) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in zip(FEATURES, f.vector())) + self.bias

    def answerable(self, f: Features, language: str | None = None) -> bool:
        return self.margin(f) > 0


#: fallback only (a hand rule: answer when a third of the question is covered and little is unknown)
DEFAULT_WEIGHTS = {"coverage": 6.0, "dense": 0.0, "oov": -6.0, "number_gap": 0.0, "en": 0.0}
DEFAULT_BIAS = -2.0


_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASKS_QUANTITY = re.compile(r"多少|几[个项大年次倍]|百分之|比例|比重|增长了|how many|how much|what percentage|what share|what proportion|\brate\b", re.I)
_NUMBER = re.compile(r"\d")
_BIG_NUMBER = re.compile(r"\d{3,}")


def features(question: str, contexts: list[Chunk], dense: float, idf: Mapping[str, float],
             glossary: Glossary, vocabulary: set[str], tokenize, language: str) -> Features:
    translated = glossary.translate_en(question)
    want = textmatch.query_terms(translated)
    unseen = max(idf.values()) if idf else 1.0
    weights = {f: idf.get(f, unseen) for f in want}
    total = sum(weights.values())
    chunk_best = sentence_best = 0.0
    best_sentences: list[tuple[float, str]] = []
    if total > 0:
        for chunk in contexts[:TOP_CONTEXTS]:
            have = textmatch.terms(chunk.text) | textmatch.terms(chunk.section_label)
            chunk_best = max(chunk_best, sum(w for f, w in weights.items() if f in have) / total)
            for start, end in textmatch.line_sentences(chunk.text):
                sentence = chunk.text[start:end]
                feats = textmatch.terms(sentence)
                score = sum(w for f, w in weights.items() if f in feats) / total
                best_sentences.append((score, sentence))
        best_sentences.sort(key=lambda p: -p[0])
        sentence_best = best_sentences[0][0] if best_sentences else 0.0
    return Features(
        coverage=chunk_best,
        dense=dense if math.isfinite(dense) else 0.0,
        oov=oov_share(translated, vocabulary, tokenize),
        number_gap=number_gap(question, [s for _, s in best_sentences[:3]], contexts[:TOP_CONTEXTS]),
        en=1.0 if language == "en" else 0.0,
    )


def number_gap(question: str, sentences: list[str], contexts: list[Chunk]) -> float:
    """1.0 when the question wants a figure the evidence lacks.

    Either it asks for a quantity ("多少", "how many") and none of the best-matching
    sentences holds a number, or it names a number (a year such as 2030) that none of
    the top contexts contains.
    """
    if _ASKS_QUANTITY.search(question) and sentences and not any(_NUMBER.search(s) for s in sentences):
        return 1.0
    text = " ".join(c.text for c in contexts).replace(" ", "")
    for number in _BIG_NUMBER.findall(question):
        if number not in text:
            return 1.0
    return 0.0


def oov_share(text: str, vocabulary: set[str], tokenize) -> float:
    """1.0 if the question has a Chinese content word the corpus never uses, else 0.0.

    Only Chinese tokens count (for an English question: the Chinese forms its glossary
    terms were translated to): leftover English words are unknown to a Chinese corpus
    whether or not the question is answerable, so they carry no signal.
    """
    words = [t for t in tokenize(text) if _content_word(t) and _CJK.search(t)]
    unknown = [t for t in words if t not in vocabulary]
    # search-mode tokens overlap (新质 / 新质生产力): an unknown piece of a known word is not unknown
    unknown = [t for t in unknown if not any(t in w and w in vocabulary for w in words if w != t)]
    return 1.0 if unknown else 0.0


def _content_word(token: str) -> bool:
    if token in _QUESTION_TOKENS or re.fullmatch(r"\d+", token):
        return False
    return len(token) >= 2


def corpus_vocabulary(texts: Iterable[str], tokenize) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        vocab.update(tokenize(text))
    return vocab
