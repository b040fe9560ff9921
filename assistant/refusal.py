"""Does the retrieved evidence answer the question? Decided from measured features.

Signals, all cheap once retrieval has run:
- `coverage`: the share of the question's content (Chinese character bigrams and
  English words, weighted by rarity in the corpus; English glossary terms counted by
  their Chinese form) found in the best of the top contexts. Only content the corpus could
  match counts, plus the unknown words below: a bigram or English word that occurs in no chunk
  and is not part of an unknown word is phrasing ("请问", "讲讲", "could you tell me") and
  would only dilute the share, more for a chatty phrasing than for a terse one. For an English question,
  a feature in the other script than the passage's counts only when the passage holds it (`share`);
- `support`: the same share, in the best single *sentence* of the top contexts that has the
  answer's type (for a quantity question: a sentence with a number). A near miss ("国防预算安排了
  多少钱？") spreads its words over several passages; an answer states them together;
- `dense`: the best cosine similarity between the question and any chunk;
- `number_gap`: the question wants a figure (多少, how many, a year like 2030) that the
  best-matching evidence lacks;
- `unknown`: 1.0 when the question names something the documents do not speak of:
  - a *name* the corpus never uses: a jieba token tagged as a place, organisation or person
    (韩国, 巴黎, 中国队, 特斯拉) or read as one in context where jieba's dictionary lacks it (`guessed_names`:
    刘鹤), a year the corpus never mentions (2025), or, in English text, a capitalised word inside a
    sentence / an acronym that neither the glossary nor the bridge translates into a word the corpus
    uses and neither the glossary's English, the function words nor the corpus's English use (FIFA,
    Tesla, DOI; "Wuhan" is known where a text speaks of 武汉);
  - in English, a run of capitalised words that no bridge phrase maps as a whole (`unmapped_name`:
    "Champions League", whose words an English translation may use);
  - `entity_gap`: a place, organisation or person the corpus knows is absent from the sections
    of the top evidence (日本 or "Japan" asked about, evidence about 算力 only), or the question names an
    edition of a document the corpus does not hold ("the 2023 government work report" when the
    report is the 2024 one);
- `rare`: 1.0 when the question has a *noun rare in general Chinese* that the corpus never uses
  (基站, 出生率, 进口额, 房价), nor a synonym of (`known_by_synonym`: 比喻 is asked about as 比作).
  A weaker sign than a name (a few rare nouns are phrasing: 举例), so it gets its own fitted weight.

The unknown-word rule is principled rather than a stop list tuned to some questions: what is
"ordinary Chinese" comes from jieba's own dictionary frequencies (a general-language list of
~350 k words over ~60 M tokens). A word frequent in general Chinese but absent from two policy
documents (请问, 讲讲, 文中, 概念, 含义, 论文) is how people ask, not an off-topic subject; a set
phrase of frequent words (具体措施, 哪些方面, 多少钱) counts as frequent; rare verbs and adverbs
are phrasing too (only nouns name subjects). Lower-case English words never count: an English
question is mostly phrasing a Chinese corpus cannot contain, and its topic words are what the
glossary translates. See `unknown_words`.

After the evidence is selected, `assistant.refusal_evidence` adds what the quoted sentences hold of what
the question asks for (its rare words, a figure about the thing asked, the kind of thing a which-question asks
for, the unit, the year): features of the question and its own evidence, not levels that differ between
documents.

They are combined by a logistic model per question language whose weights are *fitted*, not guessed:
`python -m eval.calibrate_refusal eval/data/*.jsonl eval/external/dev/*.jsonl assistant/data/refusal_probes.jsonl eval/offtopic/fitted.jsonl`
fits them on the labelled answerable/unanswerable questions (the eval set's dev cases, near misses
included, the questions on the external texts read case by case, the paraphrase probes and questions on other
subjects) in folds of whole documents, and sets each language's threshold by a stated rule on the cross-validated
trade-off curve (near misses refused against answerable questions refused); beside it a *topic gate* per language,
fitted on answerable questions against questions on other subjects (`RefusalPolicy.topic`). It writes
`assistant/data/refusal.json` with the curve.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from assistant import periods, textmatch
from assistant.answer_types import COUNT, NUMERAL, asked_types, asks_quantity, offers_quantity
from assistant.focus import INTERROGATIVE as _INTERROGATIVE
from assistant.focus import TEXT_PARTS
from assistant.glossary import Glossary
from assistant.refusal_evidence import asked_head, unmapped_name
from assistant.retrieval import mentioned_editions
from assistant.textmatch import contracted_in
from knowledge.keyword_index import pos_tags, segment
from knowledge.models import Chunk
from knowledge.text import HAN_CLASS, MONTHS, has_han, singular

TOP_CONTEXTS = 3
FEATURES = (
    "coverage",
    "support",
    "dense",
    "unknown",
    "rare",
    "number_gap",
    "en",
    "evidence",
    "evidence_margin",
    "evidence_type",
    "evidence_coverage",
    # what the selected sentences hold of what the question asks for (`assistant.refusal_evidence`)
    "focus_coverage",
    "focus_missing",
    "rarest_missing",
    "slot_coverage",
    "unit_missing",
    "year_missing",
    "figure_rarest_missing",
    "head_missing",
    "unmapped",
    "unmapped_name",
)

_TEXT_PART = re.compile(TEXT_PARTS)
#: the languages of the texts and of the answers: a question naming one ("the English title") names no thing the
#: texts lack
_LANGUAGES = frozenset({"english", "chinese"})
#: "how" asked of a verb (怎么形容, 如何评价): the word after it is what the text is asked to do, a verb of the question's
#: frame, whatever jieba's dictionary tags it (形容 and 比喻 are nouns there)
_HOW = re.compile(r"(?:如何|怎么样?|怎样|咋)(?:来|去)?$")


@dataclass(frozen=True)
class Features:
    coverage: float
    support: float
    dense: float
    unknown: float
    rare: float
    number_gap: float
    en: float
    #: the selected evidence (see `with_evidence`): the sentence ranker's probability that the best selected
    #: sentence answers (1 for a part's own headings or a byline asked for), its margin over the best
    #: sentence of another section, whether it has the answer type the question asks for, and the share of the
    #: question's own (glossary-bridged, rarity-weighted) content words it contains
    evidence: float = 0.0
    evidence_margin: float = 0.0
    evidence_type: float = 1.0
    evidence_coverage: float = 0.0
    #: see `assistant.refusal_evidence`
    focus_coverage: float = 0.0
    focus_missing: float = 1.0
    rarest_missing: float = 1.0
    slot_coverage: float = 0.0
    unit_missing: float = 0.0
    year_missing: float = 0.0
    figure_rarest_missing: float = 0.0
    head_missing: float = 0.0
    unmapped: float = 0.0
    unmapped_name: float = 0.0
    #: a rule, not a fitted weight (see `named_gap`): 1.0 when the question names a document and asks about a
    #: name (place, organisation, person, year) that document's text never contains
    named_gap: float = 0.0
    #: rules too (`refusal_evidence.person_missing`, `place_missing`, `date_missing`): a person, a place by its kind
    #: or a date asked for, none named by the evidence
    person_missing: float = 0.0
    place_missing: float = 0.0
    date_missing: float = 0.0
    #: a rule too (`refusal_evidence.figure_missing`): a figure asked for, none in the evidence
    figure_missing: float = 0.0
    #: a rule too (`refusal_evidence.speech_unreported`): what a speaker said asked for, only the list of speakers quoted
    speech_unreported: float = 0.0
    #: a rule too (`refusal_evidence.matters_unnamed`): a readout's unnamed "other matters" asked for, none named
    matters_unnamed: float = 0.0
    #: 1.0 when the question names a document of the index: it is about the texts, whatever the topic gate's scores
    #: (with the name taken out of the search, little may be left to match: "When did the 4th Plenum take place?")
    names_document: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: round(getattr(self, k), 4) for k in FEATURES}

    def vector(self) -> list[float]:
        return [getattr(self, k) for k in FEATURES]


@dataclass(frozen=True)
class LanguageModel:
    """A logistic model over standardised features: P(answerable) = σ(bias + Σ w·(x − mean)/scale);
    the question is answered when that exceeds `threshold` (the operating point chosen under grouped CV)."""

    weights: Mapping[str, float]
    bias: float
    mean: Mapping[str, float]
    scale: Mapping[str, float]
    threshold: float

    @classmethod
    def from_dict(cls, data: Mapping) -> LanguageModel:
        return cls(data["weights"], data["bias"], data["mean"], data["scale"], data["threshold"])

    def margin(self, f: Features) -> float:
        z = self.bias
        for k, w in self.weights.items():
            z += w * (getattr(f, k) - self.mean.get(k, 0.0)) / (self.scale.get(k, 1.0) or 1.0)
        return z

    def probability(self, f: Features) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.margin(f)))))


@dataclass(frozen=True)
class RefusalPolicy:
    """One model per question language (English questions meet Chinese text through the bridge; their
    features mean something else), fitted by `eval.calibrate_refusal`; and per language a *topic gate*: a model of
    whether the question is about the texts at all, fitted on answerable questions against questions on other
    subjects (`eval.calibrate_refusal.topic_threshold`). The first model is fitted mostly on near misses, which are about
    the texts; a question about a football final or a novel is too rare among them to move its weights."""

    models: Mapping[str, LanguageModel]
    topic: Mapping[str, LanguageModel] = field(default_factory=dict)

    @classmethod
    def load(cls) -> RefusalPolicy:
        """The calibrated policy shipped as package data (refit with eval.calibrate_refusal)."""
        text = resources.files("assistant").joinpath("data/refusal.json").read_text(encoding="utf-8")
        data = json.loads(text)
        policy = cls(
            {lang: LanguageModel.from_dict(m) for lang, m in data["models"].items()},
            {lang: LanguageModel.from_dict(m) for lang, m in data.get("topic", {}).items()},
        )
        weighed = [m.weights for m in (*policy.models.values(), *policy.topic.values())]
        stale = {k for w in weighed for k in w} - set(FEATURES)
        if stale:
            raise RuntimeError(
                f"assistant/data/refusal.json weighs features that no longer exist ({', '.join(sorted(stale))}): "
                "re-run python -m eval.calibrate_refusal"
            )
        return policy

    @classmethod
    def answering(cls) -> RefusalPolicy:
        """A policy whose model never refuses (only the rules do): what calibration collects features under,
        so the features never depend on the model being fitted."""
        neutral = LanguageModel({}, 0.0, {}, {}, 0.0)
        return cls({"zh": neutral, "en": neutral})

    def model(self, f: Features) -> LanguageModel:
        return self.models["en" if f.en else "zh"]

    def probability(self, f: Features) -> float:
        return self.model(f).probability(f)

    def margin(self, f: Features) -> float:
        """How far P(answerable) is above the operating point, in log-odds (positive: answer); with a topic gate,
        the smaller of that and the gate's own margin (both must pass), unless the question names a document."""
        margin = above_threshold(self.model(f), f)
        gate = None if f.names_document else self.topic.get("en" if f.en else "zh")
        return margin if gate is None else min(margin, above_threshold(gate, f))

    def answerable(self, f: Features) -> bool:
        """A question about a name the document it names never contains has no answer there, whatever the
        retrieval scores say (`named_gap`); otherwise the fitted models decide."""
        return not f.named_gap and self.margin(f) > 0


def above_threshold(model: LanguageModel, f: Features) -> float:
    """A model's log-odds for `f` minus those of its threshold."""
    t = min(max(model.threshold, 1e-6), 1 - 1e-6)
    return model.margin(f) - math.log(t / (1 - t))


def figure_gap(f: Features) -> bool:
    """A figure asked for that the evidence does not give, by three signals that agree: the best sentences hold no
    figure of the kind asked or not the year named (`number_gap`), no selected sentence holds the question's rarest
    word (`rarest_missing`), nor does any selected sentence with a figure (`figure_rarest_missing`). Each alone is a
    fitted weight; together they are a rule (`assistant.pipeline`). Their neutral value 0.5 (no word the index knows)
    is no gap."""
    return min(f.number_gap, f.figure_rarest_missing, f.rarest_missing) >= 1.0


_BIG_NUMBER = re.compile(r"\d{3,}")


def features(
    question: str,
    contexts: list[Chunk],
    dense: float,
    idf: Mapping[str, float],
    glossary: Glossary,
    vocabulary: AbstractSet[str],
    tokenize,
    language: str,
    full_question: str = "",
    doc_years: Mapping[str, str] | None = None,
    own_question: str = "",
    sections: Mapping[tuple[str, str], frozenset[str]] | None = None,
    mentions=None,
    common: frozenset[str] = frozenset(),
    named: Iterable[str] = (),
    bridge=None,
    documents: Mapping[str, frozenset[str]] | None = None,
    unseen: float | None = None,
    chunks: Mapping[tuple[str, str], list[Chunk]] | None = None,
) -> Features:
    """The refusal features of `question` (document names removed) against its `contexts`.

    `full_question` still names the documents (for the edition check), `doc_years` maps doc_id → year;
    `own_question` is what the user typed (a follow-up's names are its own, not its history's);
    `sections` gives the words of each section: those of the top contexts' sections are the evidence for names;
    `named`: the doc_ids the question names ("what does the paper say about …"); `bridge`: the index's
    cross-lingual bridge (synonyms of rare nouns, `known_by_synonym`); `documents` gives the words of each
    document (`CorpusTables.document_words`, `words_by_document` of `sections` when not given) and `unseen` the weight of a feature no
    chunk has (`unseen_idf` of `idf`, when not given): both per generation, so no question scans the corpus's tables;
    `chunks` gives the chunks of each section (`CorpusTables.by_section`), whose texts may write out a name the question
    contracts (`contracted_in`).
    """
    translated = glossary.translate_en(question)
    named_ids = set(named)
    # a document's name ("二十大报告", "the Third Plenum's Decision") says where, not what: never an unknown word
    # (a name said as a point in time, "since the Fifth Plenum", names no source but is no unknown name either)
    own = own_question or question
    own = mentions.without_names(own) if own_question and mentions is not None else own
    # (nor is a person the bylines name whom other texts speak of: "Xi Jinping" is no name the corpus lacks)
    own = mentions.without_speakers(own) if mentions is not None else own
    strange = unknown_words(own, vocabulary, tokenize, glossary, bridge)
    by_section = chunks or {}
    top = {(c.doc_id, c.section_id) for c in contexts[:TOP_CONTEXTS]}
    # the texts of the named documents (and of the top contexts' sections), gathered once per question and only when a
    # name asks for them: each check below would otherwise scan every section of the index again
    named_sections = cache(lambda: _sections(by_section, named_ids))
    named_texts = cache(lambda: tuple(_texts(by_section, named_sections())))
    evidence_texts = cache(lambda: named_texts() + tuple(_texts(by_section, top - named_sections())))
    if any(kind == NAME and has_han(word) for word, kind in strange):
        # (one the named documents or the top contexts write is none: `written_by`)
        texts = [*evidence_texts(), *(c.text for c in contexts[:TOP_CONTEXTS])]
        strange = [
            (w, k)
            for w, k in strange
            if not (k == NAME and has_han(w) and any(written_by(whole, texts) for whole in _whole_words(own, w)))
        ]
    want = textmatch.query_terms(translated)
    unseen = unseen_idf(idf) if unseen is None else unseen
    # A feature no chunk has cannot be matched by any evidence. It counts (at the rarest weight) only when
    # it belongs to an unknown word: "请问", "讲讲", "could you" are phrasing and would only dilute the share.
    strange_features = textmatch.terms(" ".join(w for w, _ in strange))
    weights = {f: idf.get(f, unseen) for f in want if f in idf or f in strange_features}
    total = sum(weights.values())
    chunk_best = support = 0.0
    best_sentences: list[tuple[float, str]] = []
    quantity = asks_quantity(question)
    if total > 0:
        for chunk in contexts[:TOP_CONTEXTS]:
            have = textmatch.terms(chunk.text) | textmatch.terms(chunk.section_label)
            chunk_best = max(chunk_best, share(weights, have, language, has_han(chunk.text)))
            for start, end in textmatch.line_sentences(chunk.text):
                sentence = chunk.text[start:end]
                score = share(weights, textmatch.terms(sentence), language, has_han(chunk.text))
                best_sentences.append((score, sentence))
                if not quantity or NUMERAL.search(sentence):
                    support = max(support, score)
        best_sentences.sort(key=lambda p: -p[0])
    return Features(
        coverage=chunk_best,
        support=support,
        dense=dense if math.isfinite(dense) else 0.0,
        rare=1.0 if any(kind == RARE for _, kind in strange) else 0.0,
        unknown=max(
            1.0 if any(kind == NAME for _, kind in strange) else 0.0,
            entity_gap(
                "，".join([glossary.translate_en(own), *bridged_names(own, bridge, vocabulary)]),
                _evidence(contexts[:TOP_CONTEXTS], sections or {}),
                vocabulary,
                common,
                # (a name the named documents write is no name they lack: jieba tags ordinary words as names, 永葆)
                evidence_texts,
            ),
            edition_gap(full_question or question, doc_years or {}, mentions),
            # a run of capitalised English words no bridge phrase maps as a whole ("Champions League"): a name the
            # documents do not use, though each of its words may occur in an English text
            unmapped_name(own, language, bridge) if bridge is not None else 0.0,
        ),
        number_gap=number_gap(question, [s for _, s in best_sentences[:3]], contexts[:TOP_CONTEXTS]),
        en=1.0 if language == "en" else 0.0,
        names_document=1.0 if named_ids else 0.0,
        # the question without the document names: a name inside a document's title says where, not what
        named_gap=named_gap(
            translated,
            [s for s in strange if s[0] in translated or s[0] in question],
            named_ids,
            documents if documents is not None else words_by_document(sections or {}),
            vocabulary,
            common,
            named_texts,
        ),
    )


def _texts(chunks: Mapping[tuple[str, str], list[Chunk]], sections: AbstractSet[tuple[str, str]]) -> Iterator[str]:
    """The texts of the chunks of these sections."""
    return (c.text for key in sections for c in chunks.get(key, ()))


def _sections(chunks: Mapping[tuple[str, str], list[Chunk]], doc_ids: AbstractSet[str]) -> set[tuple[str, str]]:
    """The sections of these documents."""
    return {key for key in chunks if key[0] in doc_ids}


def words_by_document(sections: Mapping[tuple[str, str], frozenset[str]]) -> dict[str, frozenset[str]]:
    """doc_id → the words of all its sections (what `named_gap` checks a named document against)."""
    out: dict[str, set[str]] = {}
    for (doc_id, _), words in sections.items():
        out.setdefault(doc_id, set()).update(words)
    return {doc_id: frozenset(words) for doc_id, words in out.items()}


def unseen_idf(idf: Mapping[str, float]) -> float:
    """The weight of a question's feature that no chunk has: the rarest one's (1.0 for an empty index)."""
    return max(idf.values()) if idf else 1.0


def share(weights: Mapping[str, float], have: AbstractSet[str], language: str, chinese: bool) -> float:
    """The weighted share of the question's features (`weights`) that a text holding the features `have` holds.

    For an English question, a feature in the other script than the text's (an English word beside a Chinese
    passage, a bridged Chinese word beside an English one) counts only when the text holds it: whether a
    document has an English side (a translation, a summary) says nothing about whether it answers, and
    counting the words it cannot hold made the share depend on the document (an English question on a
    document without English text lost every word the bridge does not translate).
    """
    if language == "en":
        weights = {f: w for f, w in weights.items() if has_han(f) == chinese or f in have}
    total = sum(weights.values())
    return sum(w for f, w in weights.items() if f in have) / total if total else 0.0


def named_gap(
    text: str,
    strange: list[tuple[str, str]],
    named: set[str],
    documents: Mapping[str, frozenset[str]],
    vocabulary: AbstractSet[str],
    common: frozenset[str] = frozenset(),
    texts: Callable[[], Iterable[str]] = tuple,
) -> float:
    """1.0 if the question names documents (`named`) and a name in it occurs in none of them (`texts`: theirs).

    A name the corpus never uses (`strange`, kind NAME: a Chinese name, a year, or an English word that
    CC-CEDICT gives as the first sense of a place, organisation or person) is absent from every document; a name the corpus
    uses elsewhere is checked against the words of the named documents (`documents`: doc_id → the words of its
    sections; `entity_gap`). Without a
    named document the fitted `unknown` weight decides, as before: the evidence may still speak of it.
    """
    if not named:
        return 0.0
    if any(
        kind == NAME and (has_han(word) or _YEAR.fullmatch(word) or is_english_name(word)) for word, kind in strange
    ):
        return 1.0
    words = frozenset().union(*(documents.get(doc_id, frozenset()) for doc_id in named))
    return entity_gap(text, words, vocabulary, common, texts)


def number_gap(question: str, sentences: list[str], contexts: list[Chunk]) -> float:
    """1.0 when the question wants a figure the evidence lacks.

    Either it asks for a quantity ("多少", "how many") and none of the best-matching
    sentences holds a number, or it names a number (a year such as 2030) that none of
    the top contexts contains.
    """
    counted = COUNT in asked_types(question)
    if asks_quantity(question) and sentences and not any(offers_quantity(s, counted) for s in sentences):
        return 1.0
    text = " ".join(c.text for c in contexts).replace(" ", "")
    # a year is also named by the passages' headings and by 今年 / 去年 against their document's date
    # ("the target for 2024": the 2024 report says 今年)
    # ... and by the passage's document's own date ("the Party's 2024 reform decision")
    years = {y for c in contexts for y in periods.years(f"{c.text} {' '.join(c.section_path)}", c.doc_date)}
    years |= {c.doc_date[:4] for c in contexts if c.doc_date}
    for number in _BIG_NUMBER.findall(question):
        if number not in text and number not in years:
            return 1.0
    return 0.0


#: jieba part-of-speech tags of names: places, organisations, people
_NAME_TAGS = frozenset({"ns", "nt", "nr", "nrt", "nrfg"})
#: ... and of the words that may abbreviate one: names and abbreviations (j: 港澳, 欧盟)
_ABBREVIATION_TAGS = _NAME_TAGS | {"j"}


def entity_gap(
    text: str,
    evidence: AbstractSet[str],
    vocabulary: AbstractSet[str],
    common: frozenset[str] = frozenset(),
    texts: Callable[[], Iterable[str]] = tuple,
) -> float:
    """1.0 if a name in `text` that the corpus uses somewhere is absent from the `evidence`.

    Names the corpus never uses are `unknown_words`' business; this catches the near miss whose topic is
    covered but not for the place, organisation or person asked about. `common`: the words of the
    whole corpus (`CorpusTables.common_words`, e.g. the country every passage is about), never a gap.
    A name inside a longer word of the evidence is present: jieba tags some compounds as names (新兴产业 as
    an organisation) that a text writes inside a longer word (战略性新兴产业). The word naming the kind of thing
    a which-question asks for is no name to find (哪个城市: jieba tags 城市 as a place; the answer names the city,
    上海, not the word; `refusal_evidence.head_missing` judges it). `texts`: the evidence's texts, where a name the
    question contracts may be written out (`contracted_in`).
    """
    asked_for = set(asked_head(text, "zh")) if has_han(text) else set()
    for name, tag in pos_tags(text):
        # an abbreviation is a name when the dictionary gives it a proper noun (欧盟 "European Union", 东盟 "ASEAN")
        if tag not in _NAME_TAGS and not (tag == "j" and proper_senses(name)):
            continue
        if len(name) < 2 or _INTERROGATIVE.search(name) or name in common:
            continue
        if name in asked_for or not may_be_name(name):
            continue
        if name in vocabulary and name not in evidence and not any(name in word for word in evidence):
            if not abbreviated_in(name, evidence) and not spelled_out_in(name, evidence):
                if not (tag in _CONTRACTED_TAGS and contracted_in(name, texts())) and not _written_in(name, texts()):
                    return 1.0
    return 0.0


def _written_in(name: str, texts: Iterable[str]) -> bool:
    """Does one of the evidence's texts write the name as it is? The evidence's words are segmented with the index's
    dictionary, the question's names without it: 总体国家安全观 is 国家安全 + 观 in a text's words and 国家 + 安全观 (tagged a
    person) in the question, and a question quoting the text's own words was refused (found on the development texts,
    2026-12-05). A space or an enumeration comma between two names the question runs together (中共中央 国务院,
    中共中央、国务院 for 中共中央国务院) does not part them."""
    joined = _NAME_SEPARATOR.sub("", name)
    return any(name in text or joined in _NAME_SEPARATOR.sub("", text) for text in texts)


#: what a text writes between two names of one run (中共中央 国务院, 中共中央、国务院): no part of either
_NAME_SEPARATOR = re.compile(rf"(?<={HAN_CLASS})[\s、·・]+(?={HAN_CLASS})")


def _whole_words(question: str, piece: str) -> list[str]:
    """The piece, and the question's words (jieba's) that hold it: the index's tokenizer parts a contracted name
    the question writes (中科院 → 中科 + 院), and only the whole is written out in a text (中国科学院: `written_by`)."""
    return [piece, *(word for word, _ in pos_tags(question) if piece in word and word != piece)]


def written_by(word: str, texts: list[str]) -> bool:
    """Does a text write a Chinese name the index never segments as a word, as it is or written out (中纪委 in 中央纪委:
    `contracted_in`)? A question quoting part of a text's word ("连增" of 十一连增) or contracting a body's name asks
    about nothing the texts lack: the index's words hold neither (found on the external texts, 2026-12-06: with the
    separator of `_written_in` and a report's author before its date, 7 answers gained, one near miss lost)."""
    return _written_in(word, texts) or contracted_in(word, texts)


#: jieba's tags of the names a question may contract: organisations (中央军委, 中纪委) and abbreviations (深改委)
_CONTRACTED_TAGS = frozenset({"nt", "j"})


def spelled_out_in(abbreviation: str, evidence: Iterable[str]) -> bool:
    """Does the evidence name a place the abbreviation stands for: a word sharing one of its characters whose proper
    English sense is in the abbreviation's (香港 "Hong Kong" in 港澳 "Hong Kong and Macao")? The converse of
    `abbreviated_in`: a text writes 香港、澳门 where a question says 港澳."""
    english = proper_senses(abbreviation)
    if not english:
        return False
    return any(
        re.search(rf"\b{re.escape(sense)}\b", english[0])
        for word in evidence
        if len(word) > 1 and set(word) & set(abbreviation) and word != abbreviation
        for sense in proper_senses(word)[:1]
    )


def proper_senses(word: str) -> list[str]:
    """The word's CC-CEDICT senses that are proper nouns (opening with a capital: 武汉 "Wuhan", 台湾 "Taiwan")."""
    from knowledge.zh_en import ZhEnDictionary

    return [s for s in ZhEnDictionary.full().senses.get(word, ()) if s[:1].isupper()]


def may_be_name(word: str) -> bool:
    """Can a word jieba tags as a name be one: the dictionary does not list it, or lists a proper noun among its
    senses (`proper_senses`: 武汉 "Wuhan", 东北 "Northeast China")? jieba tags 东西 ("east and west; thing"), the
    "thing" of 包括哪些东西, as a place."""
    from knowledge.zh_en import ZhEnDictionary

    return not ZhEnDictionary.full().senses.get(word) or bool(proper_senses(word))


def abbreviated_in(name: str, evidence: Iterable[str]) -> bool:
    """Does the evidence speak of `name` inside a word that abbreviates it: a word sharing one of its characters
    whose first CC-CEDICT sense opens with one of the name's English senses (台独 "Taiwan independence" for 台湾, 港澳
    "Hong Kong and Macao" for 香港)? Policy texts write a place so inside compounds. A pair led by another name
    (中美 "China-USA", 中日 "China-Japan") is about relations with the place, not the place: a question on its
    trade or defence is a near miss such a word does not answer. The word must itself be a name or an
    abbreviation (jieba's tags) of two characters or more: 美元 "US dollar" is a currency, 美 "beautiful" and 美德
    "virtue" (its second sense: "USA and Germany") are no names."""
    from knowledge.zh_en import ZhEnDictionary

    senses = ZhEnDictionary.full().senses
    english = proper_senses(name)
    if not english:
        return False
    _, tags = _general()
    leads = re.compile(r"(?:" + "|".join(map(re.escape, english)) + r")\b")
    return any(
        leads.match(senses[word][0])
        for word in evidence
        if len(word) > 1 and set(word) & set(name) and tags.get(word, "") in _ABBREVIATION_TAGS and senses.get(word)
    )


@lru_cache(maxsize=1)
def _english_names() -> frozenset[str]:
    """Lower-cased first English senses of the CC-CEDICT words jieba tags as names (Canada, Singapore,
    Huawei): a capitalised English word that is one is a name; "English" or "Party" are not."""
    from knowledge.zh_en import ZhEnDictionary

    _, tags = _general()
    return frozenset(
        senses[0].lower()
        for zh, senses in ZhEnDictionary.full().senses.items()
        if senses and tags.get(zh, "") in _NAME_TAGS
    )


def is_english_name(word: str) -> bool:
    return re.sub(r"['’]s$", "", word).lower() in _english_names()


def _evidence(contexts: list[Chunk], sections: Mapping[tuple[str, str], frozenset[str]]) -> set[str]:
    """The words of the sections the top contexts belong to (a chunk may not repeat its section's subject), and of
    their documents' front matter: "Premier Li Qiang's report" names the body and the speaker its byline holds
    (国务院总理 李强), not what the passage must mention."""
    out: set[str] = set()
    for c in contexts:
        out |= sections.get((c.doc_id, c.section_id), frozenset())
        out |= sections.get((c.doc_id, "front"), frozenset())
    return out


def edition_gap(text: str, doc_years: Mapping[str, str], mentions=None) -> float:
    """1.0 if the question names a document with a year the corpus's copy is not from.
    `mentions`: the index's document-name matcher (`assistant.mentions.DocumentMentions`). So is a numbered occasion
    no document is ("第十二次集体学习" beside the 11th and 13th: `DocumentMentions.unheld_occasion`)."""
    if mentions is not None and mentions.unheld_occasion(text):
        return 1.0
    for doc_id, year in mentioned_editions(text, mentions):
        have = doc_years.get(doc_id, "")
        if have and not have.startswith(year):
            return 1.0
    return 0.0


#: jieba dictionary frequency (over its ~60 M-token general corpus) below which a word is rare in general
#: Chinese: ~17 per million. 论文 (1875), 含义 (1339), 天气 (2657) are above it; 基站 (77), 出生率 (325),
#: 房价 (655), 毛病 (807) below. (500 and 1000 were tried: 1000 refused more near misses in cross-validation
#: at the same false-refusal rate.)
RARE_FREQ = 1000
#: kinds of unknown words: a name or year (the documents do not speak of it) and a rare noun (a topic
#: word the documents do not use; weaker: some rare nouns are phrasing, 比喻, 举例, 毛病)
NAME, RARE = "name", "rare"
#: jieba lists set phrases (具体措施, 哪些方面, 多少钱) at a nominal frequency of 3, below any real count
PHRASE_FREQ = 5
#: jieba part-of-speech tags of nouns (a rare verb or adverb is phrasing, a rare noun is a topic)
_NOUN_TAGS = ("n", "vn", "nz", "ng")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_EN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z\-]*(?:['’][A-Za-z]+)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？:;：；]\s*|[\"“(（]\s*)$")


def _general():
    """jieba's own (general-Chinese) dictionary: word → frequency, word → part-of-speech tag."""
    import jieba
    import jieba.posseg

    jieba.dt.check_initialized()
    return jieba.dt, jieba.posseg.dt.word_tag_tab


def _pieces(word: str, dt) -> list[str]:
    """The most probable split of `word` into *shorter* dictionary words (jieba's own DAG + frequencies)."""
    freq, total = dt.FREQ, dt.total
    dag = dt.get_DAG(word)
    n = len(word)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = [j for j in dag[i] if not (i == 0 and j == n - 1)] or [i]
        best[i] = max((math.log(freq.get(word[i : j + 1]) or 1) - math.log(total) + best[j + 1][0], j) for j in options)
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(word[i : j + 1])
        i = j + 1
    return out


def is_general_word(word: str) -> bool:
    """Is `word` ordinary Chinese (question phrasing), by jieba's general frequencies?

    A frequent dictionary word is; so is a set phrase of frequent words (具体措施 = 具体 + 措施,
    多少钱 = 多少 + 钱) and a segmenter guess outside the dictionary made of frequent characters
    (建了, 提了: a word and a particle). A rare dictionary word is not (基站, 出生率, 进口额).
    """
    dt, _ = _general()
    freq = dt.FREQ.get(word) or 0
    if freq >= RARE_FREQ or _INTERROGATIVE.search(word):
        return True
    pieces = _pieces(word, dt)
    common = all((dt.FREQ.get(p) or 0) >= RARE_FREQ for p in pieces)
    if freq == 0:  # not a dictionary word at all
        return common
    # jieba also lists set phrases at a nominal frequency (3): those are as common as their parts
    return freq < PHRASE_FREQ and common and any(len(p) > 1 for p in pieces)


def unknown_kind(word: str) -> str | None:
    """Is a Chinese token the corpus never uses a sign of an off-topic question, and of which kind?

    "name" for a name (place, organisation, person: 韩国, 巴黎, 中国队, 特斯拉), "rare" for a noun rare
    in general Chinese (基站, 出生率, 欧洲杯, 进口额); None for anything else: a word frequent in general
    Chinese but absent from two policy documents (请问, 讲讲, 文中, 概念, 含义) is how people ask.
    """
    dt, tags = _general()
    tag = tags.get(word, "")
    # any name, however famous (北京, 法国), but not a set phrase jieba tags as one (多少钱)
    if tag in _NAME_TAGS and ((dt.FREQ.get(word) or 0) >= RARE_FREQ or not is_general_word(word)):
        return NAME
    if tag.startswith(_NOUN_TAGS) and not is_general_word(word):
        return RARE
    return None


@lru_cache(maxsize=4)
def english_words(glossary: Glossary) -> frozenset[str]:
    """English words the assistant knows besides the corpus's: the glossary's and the function words."""
    words = {w.lower() for t in glossary.terms for e in t.en for w in _EN_WORD.findall(e)}
    return frozenset(words | {singular(w) for w in words} | textmatch.EN_STOP)


#: Chinese measure words (classifiers), a closed class: 一份文件, 哪项任务, 几个方面
_MEASURE_WORDS = frozenset("份项个条位家所名件次种类批部篇")


def built_of_known(word: str, pieces: Iterable[str], vocabulary: AbstractSet[str], text: str = "") -> bool:
    """Is `word` covered, character by character, by shorter words the index uses (衡量标准 = 衡量 + 标准,
    驱动力 = 驱动 + 动力)? Such a compound is a paraphrase around known topics, not one the texts never
    touch; a rare noun with a part the index lacks (出生率, 欧洲杯, 基站) stays rare.

    A measure word leading the word is the segmenter's cut of a counted noun (份文件 of 哪份文件 = 份 + 文件), no part of a
    name: it is covered. Counted in `text` (the question: after a numeral or an interrogative), an ordinary noun is how
    people ask, however small the index that lacks it (`_counted`)."""
    covered = [False] * len(word)
    if word[0] in _MEASURE_WORDS:
        if _counted(word, text):
            return True
        covered[0] = True
    for piece in pieces:
        if piece == word or len(piece) < 2 or piece not in vocabulary:
            continue
        start = word.find(piece)
        while start >= 0:
            covered[start : start + len(piece)] = [True] * len(piece)
            start = word.find(piece, start + 1)
    return all(covered)


#: what counts a measure word before a noun (哪份文件, 几项任务, 两个问题, 每条意见)
_COUNTING = re.compile(r"[哪几一二两三四五六七八九十百千万每多数各这那该此本]$")


def _counted(word: str, text: str) -> bool:
    """Does `text` count `word`, a measure word and an ordinary noun (`is_general_word`), after a numeral or an
    interrogative? A word that merely starts with such a character (所得税, 所有制) is not counted where nothing counts
    it."""
    if len(word) < 3 or not is_general_word(word[1:]):
        return False
    return any(_COUNTING.search(text[: m.start()]) for m in re.finditer(re.escape(word), text))


def known_by_synonym(word: str, bridge) -> bool:
    """Does the index use a synonym of `word`: a word sharing one of its CC-CEDICT senses (as the cross-lingual
    bridge maps that sense, whole, to index words) and one of its characters? 比喻 ("liken to") is asked
    about as 比作; sharing a sense alone is too loose (毛病 "fault" → 不是)."""
    from knowledge.zh_en import ZhEnDictionary, clean_sense

    for sense in ZhEnDictionary.full().glosses(word):
        text = clean_sense(sense)
        for start, end, words in bridge.spans(text) if text else ():
            if start == 0 and end == len(text) and any(w != word and set(w) & set(word) for w in words):
                return True
    return False


def unknown_words(
    question: str, vocabulary: AbstractSet[str], tokenize, glossary: Glossary, bridge=None
) -> list[tuple[str, str]]:
    """The words of a question that name something the corpus never mentions, with their kind.

    - Chinese tokens of the glossary-translated question (search-mode pieces of a known word excluded),
      judged by `unknown_kind`;
    - years the corpus never mentions (2025, 1990);
    - in English text, names: a capitalised word inside a sentence or an acronym (FIFA, Tesla, Brazil,
      DOI) that the glossary does not translate, that the bridge does not map to a word of the corpus
      (`bridged_name`: "Wuhan" where a text speaks of 武汉), and that is neither a word of the glossary's English, a
      function word, nor used by the corpus's English (the paper's summary and key words); and a
      capitalised glossary term whose Chinese the corpus never uses ("World Cup" → 世界杯).
      Lower-case English words never count: an English question is mostly phrasing the Chinese corpus
      cannot contain, and its topic words are what the glossary translates.
    `bridge` (`assistant.bridge.Bridge`): a rare noun the index knows by a synonym is not unknown (`known_by_synonym`).
    """
    translated = glossary.translate_en(question)
    tokens = [t for t in tokenize(translated) if has_han(t) and len(t) >= 2]
    out = []
    read: set[str] | None = None
    guessed: set[str] = set()
    for t in tokens:
        if t in vocabulary or any(t in w and w in vocabulary for w in tokens if w != t):
            continue
        if read is None:
            read = words_in_context(translated)
            guessed = guessed_names(translated)
        # a piece the search-mode segmenter cut across words (在世 of 在世界上) is no word of the question
        if t not in read:
            continue
        # a curated spelling of a term the corpus writes otherwise (党代会 for 全国代表大会): the corpus speaks of it
        if any(t in term.zh and any(z in vocabulary for z in term.zh) for term in glossary.find_zh(t)):
            continue
        kind = unknown_kind(t) or (NAME if t in guessed else None)
        if kind == RARE and built_of_known(t, tokens, vocabulary, translated):
            continue
        # a part of the text (结尾, 开篇) says where the answer is, as 文中 does: no topic the texts lack
        if kind == RARE and _TEXT_PART.fullmatch(t):
            continue
        if kind == RARE and any(_HOW.search(translated[: m.start()]) for m in re.finditer(re.escape(t), translated)):
            continue
        if kind == RARE and bridge is not None and known_by_synonym(t, bridge):
            continue
        if kind:
            out.append((t, kind))
    out.extend((y, NAME) for y in _YEAR.findall(question) if y not in vocabulary)
    known_english = english_words(glossary)
    bridged = {m.group(0) for m in _EN_WORD.finditer(question) if bridged_name(question, m, bridge, vocabulary)}
    for m in _EN_WORD.finditer(translated):
        word = m.group(0)
        if not _inside_sentence(translated, m.start(), word) or word in bridged:
            continue
        bare = re.sub(r"['’]s$", "", word)
        known = tokenize(bare)
        if bare.lower() in known_english or (known and all(k in vocabulary for k in known)):
            continue
        if bare in MONTHS:  # a date ("the July 2031 meeting"), which Chinese writes in numerals (7月): no name
            continue
        if bare.lower() in _LANGUAGES:  # "the paper's English summary": the languages the texts come in
            continue
        out.append((word, NAME))
    for start, end, term in glossary.find_en_spans(question):
        # (its Chinese as the index cuts it, or as the plain dictionary does: the terms other indexes taught the
        # segmenter, `add_terms`, would make 经济增长预期目标 a word the texts never write where they write
        # 经济…增长…预期目标)
        if _inside_sentence(question, start, question[start:end]) and not any(
            all(k in vocabulary for k in tokenize(zh)) or all(k in vocabulary for k in segment(zh)) for zh in term.zh
        ):
            out.append((question[start:end], NAME))
    return out


def words_in_context(text: str) -> set[str]:
    """The words jieba reads in `text` (its part-of-speech segmentation, which weighs each word against its
    neighbours) and the shorter dictionary words inside them: the words a reader sees in the question."""
    dt, _ = _general()
    out: set[str] = set()
    for word, _tag in pos_tags(text):
        out.add(word)
        out.update(word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1) if word[i:j] in dt.FREQ)
    return out


def guessed_names(text: str) -> set[str]:
    """Names jieba's tagger reads in `text` that its dictionary does not hold (a person's name it guesses from the
    characters and their neighbours: 刘鹤 in "刘鹤在…会议上作了什么发言"). `unknown_kind` judges a word by its
    dictionary entry and so cannot see them; a name the corpus never uses is a name the texts do not speak of."""
    dt, tags = _general()
    return {
        w for w, tag in pos_tags(text) if tag in _NAME_TAGS and len(w) >= 2 and not dt.FREQ.get(w) and not tags.get(w)
    }


def bridged_name(question: str, m: re.Match, bridge, vocabulary: AbstractSet[str]) -> tuple[str, ...]:
    """The index's Chinese words for a capitalised English word of the question (`m`) that the bridge maps to
    words the corpus uses ("Wuhan" → 武汉 where a text speaks of 武汉): a name the corpus knows, whether the
    evidence holds it is `entity_gap`'s business. Empty for any other word."""
    if bridge is None or not _inside_sentence(question, m.start(), m.group(0)):
        return ()
    for start, end, words in bridge.spans(question):
        if start <= m.start() < end:
            return tuple(w for w in words if w in vocabulary)
    return ()


def bridged_names(question: str, bridge, vocabulary: AbstractSet[str]) -> list[str]:
    """The Chinese words of every capitalised English word the bridge maps (`bridged_name`)."""
    return [w for m in _EN_WORD.finditer(question) for w in bridged_name(question, m, bridge, vocabulary)]


def _inside_sentence(text: str, start: int, word: str) -> bool:
    """A capitalised word that is not capitalised only because it opens a sentence (nor the pronoun I)."""
    return word[0].isupper() and word != "I" and not _SENTENCE_START.search(text[:start])


def corpus_vocabulary(texts: Iterable[str], tokenize) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        vocab.update(tokenize(text))
    return vocab
