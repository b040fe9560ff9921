"""Which sentence of the retrieved passages answers the question: a learned ranker.

The extractive answer quotes sentences, so the sentence it picks is what a reader judges. Each
candidate sentence is described by features that name no document (see `FEATURES`); a logistic
model over them, fitted on labelled (question, answer sentence) pairs of the development documents and the
external development texts (`eval.dataset.RANKER_SPLITS`)
with document-grouped cross-validation (`python -m eval.train_sentence_ranker`), gives the
probability that the sentence answers. The fitted weights, the feature scaling and the
cross-validated figures are package data (`assistant/data/sentence_ranker.json`), with a second look
at the two best candidates when the ranker hesitates (`second_look`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from knowledge.text import mostly_han

#: every feature is computed per candidate sentence by `ExtractiveGenerator.candidates`
FEATURES = (
    "coverage",  # share of the question's weighted terms (glossary-bridged) in the sentence
    "bridge_coverage",  # the same through the cross-lingual bridge (CC-CEDICT words for an English question)
    "own_coverage",  # the same for the current question's own terms (a follow-up's, not its history's)
    "specific",  # the sentence has one of the question's specific (not corpus-wide) terms
    "heading_fit",  # share of the question's distinctive terms in the section's headings, and its years
    "dense",  # cosine of question and chunk (multilingual embedder), from retrieval
    "rank",  # 1 / (1 + rank of the context)
    "type_match",  # the question asks for a number/date/body/list and the sentence has one
    "type_miss",  # … and the sentence has none
    "defines",  # "什么是X": the sentence says "X是…"
    "position",  # log(1 + the chunk's place in its section + the sentence's share of the way through its chunk)
    "first",  # the first sentence of its section
    "length",  # log of the sentence length in characters
    "other_doc",  # the question names one document and this sentence is from another
    "year_match",  # the question names a year and the passage's headings name it (`periods`)
    "year_miss",  # … and they name only other years
    "mode_match",  # the question asks about a target / an outcome and the passage plans / reviews, the same
    "mode_miss",  # … the other one (a target answered from the year's review, or the reverse)
)


#: the second look (`second_look`) reads the ranker's margin and this: the cosine of the question and the
#: sentence in the multilingual embedder's space (the first-stage `dense` is the whole chunk's)
SENTENCE_COSINE = "sentence_cosine"
#: the two best candidates get a second look when their ranker margins are closer than this. A bound on the
#: embedder's work, not a tuned weight: in grouped CV a gap of 0.25 gives the P@1 of 0.5 (0.800 both; 5
#: reversals beyond 0.25 cancel out) with two sentences embedded for about one question in six, not one in three
SECOND_LOOK_GAP = 0.25


@dataclass(frozen=True)
class SentenceRanker:
    weights: Mapping[str, float]
    bias: float
    mean: Mapping[str, float]
    scale: Mapping[str, float]

    @classmethod
    def from_dict(cls, data: dict) -> SentenceRanker:
        return cls(data["weights"], data["bias"], data["mean"], data["scale"])

    def margin(self, features: Mapping[str, float]) -> float:
        z = self.bias
        for name, w in self.weights.items():
            z += w * (features.get(name, 0.0) - self.mean.get(name, 0.0)) / (self.scale.get(name, 1.0) or 1.0)
        return z

    def probability(self, features: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.margin(features)))))


@lru_cache(maxsize=1)
def _shipped() -> dict:
    return json.loads(resources.files("assistant").joinpath("data/sentence_ranker.json").read_text(encoding="utf-8"))


def looks_again(margins: tuple[float, float], sentences: tuple[str, str], gap: float = SECOND_LOOK_GAP) -> bool:
    """Do the two best candidates get a second look: their margins closer than `gap`, and both sentences in
    one language (cosines across languages are on no one scale: a sentence in the question's language wins
    by it)?"""
    return margins[0] - margins[1] < gap and mostly_han(sentences[0]) == mostly_han(sentences[1])


def second_look() -> SentenceRanker | None:
    """The model that orders the two best candidates again over ("margin", `SENTENCE_COSINE`): the first
    ranker's margin and the embedder's cosine of question and sentence; None if the shipped data has none.

    Why a second look and not a feature: embedding every candidate costs ~2-4 ms a sentence on the 2-core
    target (16 a question), embedding the two best only when the ranker hesitates costs a few ms for about one
    question in six. Fitted on the ranker's out-of-fold margins (`eval.train_sentence_ranker`)."""
    data = _shipped().get("second_look")
    return SentenceRanker.from_dict(data) if data else None


@cache
def load(without: str = "") -> SentenceRanker:
    """The shipped ranker (refit with `python -m eval.train_sentence_ranker`).

    `without`: the ranker refit on the same data with that feature left out (the ablation models
    shipped alongside, so the eval harness can measure any split with each feature removed)."""
    data = _shipped()
    if not without:
        return SentenceRanker.from_dict(data)
    ablations = data.get("ablation_models", {})
    if without not in ablations:
        raise KeyError(f"no ablation model without {without!r}; known: {', '.join(sorted(ablations))}")
    return SentenceRanker.from_dict(ablations[without])
