"""Does the retrieved evidence answer the question? Decided from measured features.

Signals, all cheap once retrieval has run:
- `coverage`: the share of the question's content (Chinese character bigrams and
  English words, weighted by rarity in the corpus; English glossary terms counted by
  their Chinese form) found in the best of the top contexts;
- `support`: the same share, in the best single *sentence* of the top contexts that has the
  answer's type (for a quantity question: a sentence with a number). A near miss ("国防预算安排了
  多少钱？") spreads its words over several passages; an answer states them together;
- `dense`: the best cosine similarity between the question and any chunk;
- `number_gap`: the question wants a figure (多少, how many, a year like 2030) that the
  best-matching evidence lacks;
- `unknown`: 1.0 when the question names something the evidence lacks, the larger of
  - `oov`: a word of the question (a jieba token of the glossary-translated question that
    is not part of a longer known token) occurs nowhere in the corpus: 韩国, 欧洲杯, 出生率, "FIFA" …;
  - `entity_gap`: a place, organisation or person the corpus knows is absent from the sections
    of the top evidence (日本 asked about, evidence about 算力 only), or the question names an
    edition of a document the corpus does not hold ("the 2023 government work report" when the
    report is the 2024 one).
  One fitted weight for both: each alone has too few labelled examples to be weighed on its own.

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
from assistant.retrieval import mentioned_editions
from knowledge.models import Chunk

TOP_CONTEXTS = 3
FEATURES = ("coverage", "support", "dense", "unknown", "number_gap", "en")

#: question words and auxiliary (modal) verbs, a closed class: never evidence of an unknown topic
_QUESTION_TOKENS = frozenset(
    """什么 哪些 哪个 哪几 如何 怎样 怎么 为什么 为何 是否 多少 多少钱 几个 哪里 哪儿 谁 吗 呢 请问 介绍 说明 论文 报告
    文章 提到 提出 指出 认为 主张 说 讲 作者 具体 分别 一下 一共 以及 还有 相关 方面 内容 哪一 哪年 何时 时候 今年 去年
    这个 那个 这些 那些 其中 然后 首先 告诉 给出 提供 列举 属于 包括 包含 涉及 举例 举例说明 用来 概念 意思 含义 定义
    区别 异同 对比 对应 关系 侧重 侧重点 重点 具体措施 措施 哪些方面 做法 看法 怎么样 最早 最近 第几 哪一年 多长 长时间
    多长时间 多久 哪支 一项 两项 三项 四项 五项 六项 七项 八项 九项 十项 几项 几个方面 哪一条 哪条 哪一点 哪一项
    应该 应当 需要 必须 可以 能够 可能 愿意 打算 想要 怎么办 该怎么 怎么样才能 如何才能 作用 意义 用途 好处
    what which who whom how why when where does did do is are was were the a an of to in on for and or about say says
    said paper report document according please tell explain describe list main give""".split()
)


@dataclass(frozen=True)
class Features:
    coverage: float
    support: float
    dense: float
    unknown: float
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
DEFAULT_WEIGHTS = {"coverage": 6.0, "support": 0.0, "dense": 0.0, "unknown": -6.0, "number_gap": 0.0, "en": 0.0}
DEFAULT_BIAS = -2.0


_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASKS_QUANTITY = re.compile(r"多少|几[个项大年次倍]|百分之|比例|比重|增长了|how many|how much|what percentage|what share|what proportion|\brate\b", re.I)
_NUMBER = re.compile(r"\d")
_BIG_NUMBER = re.compile(r"\d{3,}")


def features(question: str, contexts: list[Chunk], dense: float, idf: Mapping[str, float],
             glossary: Glossary, vocabulary: set[str], tokenize, language: str,
             full_question: str = "", doc_years: Mapping[str, str] | None = None,
             own_question: str = "", sections: Mapping[tuple[str, str], frozenset[str]] | None = None) -> Features:
    """The refusal features of `question` (document names removed) against its `contexts`.

    `full_question` still names the documents (for the edition check), `doc_years` maps doc_id → year;
    `own_question` is what the user typed (a follow-up's names are its own, not its history's);
    `sections` gives the words of each section: those of the top contexts' sections are the evidence for names.
    """
    translated = glossary.translate_en(question)
    want = textmatch.query_terms(translated)
    unseen = max(idf.values()) if idf else 1.0
    weights = {f: idf.get(f, unseen) for f in want}
    total = sum(weights.values())
    chunk_best = support = 0.0
    best_sentences: list[tuple[float, str]] = []
    quantity = bool(_ASKS_QUANTITY.search(question))
    if total > 0:
        for chunk in contexts[:TOP_CONTEXTS]:
            have = textmatch.terms(chunk.text) | textmatch.terms(chunk.section_label)
            chunk_best = max(chunk_best, sum(w for f, w in weights.items() if f in have) / total)
            for start, end in textmatch.line_sentences(chunk.text):
                sentence = chunk.text[start:end]
                feats = textmatch.terms(sentence)
                score = sum(w for f, w in weights.items() if f in feats) / total
                best_sentences.append((score, sentence))
                if not quantity or _NUMBER.search(sentence):
                    support = max(support, score)
        best_sentences.sort(key=lambda p: -p[0])
    return Features(
        coverage=chunk_best,
        support=support,
        dense=dense if math.isfinite(dense) else 0.0,
        unknown=max(
            oov_share(translated, vocabulary, tokenize),
            entity_gap(glossary.translate_en(own_question or question),
                       _evidence(contexts[:TOP_CONTEXTS], sections or {}), vocabulary),
            edition_gap(full_question or question, doc_years or {}),
        ),
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


#: jieba part-of-speech tags of names: places, organisations, people
_NAME_TAGS = frozenset({"ns", "nt", "nr", "nrt", "nrfg"})


#: the country both documents are about (mostly as 我国, which the segmenter drops as a stopword):
#: every passage is about it, so it is never missing from the evidence
_HOME = frozenset({"中国", "我国", "中华人民共和国"})


def entity_gap(text: str, evidence: set[str], vocabulary: set[str]) -> float:
    """1.0 if a name in `text` that the corpus uses somewhere is absent from the `evidence`.

    Names the corpus never uses are `oov`'s business; this catches the near miss whose topic is
    covered but not for the place, organisation or person asked about.
    """
    import jieba.posseg

    for token in jieba.posseg.lcut(text):
        name = token.word
        if token.flag not in _NAME_TAGS or len(name) < 2 or name in _QUESTION_TOKENS or name in _HOME:
            continue
        if name in vocabulary and name not in evidence:
            return 1.0
    return 0.0


def _evidence(contexts: list[Chunk], sections: Mapping[tuple[str, str], frozenset[str]]) -> set[str]:
    """The words of the sections the top contexts belong to (a chunk may not repeat its section's subject)."""
    out: set[str] = set()
    for c in contexts:
        out |= sections.get((c.doc_id, c.section_id), frozenset())
    return out


def edition_gap(text: str, doc_years: Mapping[str, str]) -> float:
    """1.0 if the question names a document with a year the corpus's copy is not from."""
    for doc_id, year in mentioned_editions(text):
        have = doc_years.get(doc_id, "")
        if have and not have.startswith(year):
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
