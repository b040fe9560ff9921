"""The assistant: question → rewrite → retrieve → gather → select evidence → decide → generate → check → Answer.

Each stage is a small LangChain Runnable (`assistant.stages.Stage`, a `RunnableLambda`
without per-call bookkeeping when nothing traces it), composed with `|`
into one chain, so a stage can be swapped or traced like any LCEL step; the
stages pass one plain `_Turn` record along. `ask`, `stream`, `retrieve` and
`diagnose` all run the same stages (the last two stop early), and whether to refuse
is decided in one place (`_stage_decide`), after the evidence is selected. All the work is local and in memory
(one or two query embeddings, BM25, a Chroma query), which keeps a warm extractive
`ask` in the low milliseconds.

Failures degrade, they never surface as stack traces: an unreachable LLM or an LLM
answer that fails the citation check gives the extractive answer with a visible
note; only user errors (empty/overlong question, bad settings) raise.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant import gloss, periods, positions, prompting, refusal_evidence, safety, textmatch, translations
from assistant.answer import Answer, Citation, Context
from assistant.answer_types import LIST, asked_types, asks_authorship, names_a_person, person_actions
from assistant.citations import CheckResult, CitationChecker
from assistant.corpus_tables import CorpusTables, titles_as_said
from assistant.generators import GENERATORS, GenerationRequest, Generator
from assistant.generators.extractive import (
    ENUM_INTRO,
    ITEM_CONTEXTS,
    MAX_CUTS,
    MAX_ITEMS,
    ExtractiveGenerator,
    item_lines,
    opens_item,
    run_in_items,
    selection_text,
)
from assistant.glossary import Glossary
from assistant.language import natural_text, reply_language
from assistant.mentions import DocumentMentions
from assistant.outline import Outline, announced_part, is_list_question, lead_in_span, match_part
from assistant.refusal import Features, RefusalPolicy, edition_gap, features, figure_gap
from assistant.retrieval import (
    MODES,
    HybridRetriever,
    RetrievalResult,
    bridge_for,
    dense_query,
    make_reranker,
    mentions_for,
    split_mentions,
    translations_of,
)
from assistant.rewrite import rewrite
from assistant.stages import Stage
from assistant.textmatch import en_terms
from knowledge import abbreviations
from knowledge.errors import InvalidQuestion, LLMUnavailable, UserError
from knowledge.keyword_index import tokenize
from knowledge.models import Chunk
from knowledge.sentences import ends_mid_sentence
from knowledge.settings import Settings
from knowledge.text import YEAR_RE, arabic_dates, arabic_years
from knowledge.zh_en import index_lexicon

log = logging.getLogger(__name__)

MIN_CONTEXTS = 5
#: contexts whose closing lead-in may announce the sections a list question asks for (`outline.announced_part`)
ANNOUNCING_CONTEXTS = 3

NOTES = {
    "llm_unavailable": {
        "zh": "大模型服务不可用（{reason}），以下为离线抽取式回答。",
        "en": "The LLM service was unavailable ({reason}); the offline extractive answer is shown instead.",
    },
    "llm_unchecked": {
        "zh": "大模型的回答未通过引文核查（{reason}），以下为离线抽取式回答。",
        "en": "The LLM's answer failed the citation check ({reason}); the offline extractive answer is shown instead.",
    },
    "llm_trimmed": {
        "zh": "已删除大模型回答中 {n} 处没有有效引文支持的句子。",
        "en": "{n} sentence(s) of the LLM's answer without valid citation support were removed.",
    },
    "undated": {
        "zh": "所引文本本身没有写明年份，无法确认它就是问题所说的{year}年那一次。",
        "en": "The quoted text does not state its year, so it cannot be confirmed to be the {year} one the question names.",
    },
    "injection": {
        "zh": "问题中包含要求改变助手行为或泄露提示词的指令，已忽略；助手只依据文献回答。",
        "en": "The question contained instructions to change the assistant's behaviour or reveal its prompts; they were ignored. The assistant only answers from the documents.",
    },
}

REFUSALS = {
    "zh": "文献中没有回答这一问题的内容，无法依据文献作答。最接近的章节是：{nearest}。",
    "en": "The documents do not answer this question, so it cannot be answered from them. The nearest sections are: {nearest}.",
}
INJECTION_ONLY = {
    "zh": "我只能依据文献回答关于其内容的问题，不会执行改变设定或输出提示词之类的指令。请直接提出关于文献内容的问题。",
    "en": "I can only answer questions about the documents' content; I do not follow instructions to change my setup or reveal my prompts. Please ask a question about the documents.",
}


@dataclass
class _Turn:
    """What flows through the chain."""

    question: str
    history: list[dict]
    doc_ids: list[str] | None
    k: int
    #: retrieval mode and glossary use (eval ablations change them through `Assistant.retrieve`)
    mode: str = "hybrid"
    use_glossary: bool = True
    language: str = "zh"
    injection: bool = False
    search_question: str = ""
    query: str = ""
    retrieved: RetrievalResult | None = None
    contexts: list[Chunk] = field(default_factory=list)
    #: chunk_id → origin of the contexts added after retrieval ("outline", "enumeration", "summary")
    origins: dict[str, str] = field(default_factory=dict)
    #: the sentences selected as evidence (the extractive selection, whichever generator writes)
    evidence: list = field(default_factory=list)
    #: every candidate sentence, scored by the sentence ranker
    candidates: list = field(default_factory=list)
    #: the evidence is the answer itself, whatever words it shares with the question: a part's own headings (an
    #: outline), the front matter's byline, the opening sentence saying when and where a named meeting was held
    evidence_is_answer: bool = False
    features: Features | None = None
    #: the question names an edition of a document (a year) that the corpus does not hold
    edition_missing: bool = False
    outline: Outline | None = None
    refused: bool = False
    #: refused whatever the learned model says: no question or evidence, a named edition or a named
    #: name the documents lack (set by the decision; calibration leaves these cases out)
    refused_by_rule: bool = False
    raw: str = ""
    generator: str = ""
    checked: CheckResult | None = None
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: chunk id → dense cosine of each context (`Assistant._dense_scores`), read once for the turn's stages
    dense: dict[str, float] = field(default_factory=dict)
    #: the corpus tables this turn uses (one snapshot, even if the index changes meanwhile)
    tables: CorpusTables = field(default_factory=CorpusTables)
    #: the index the question reads (`translations.reading_index`: a question not in English reads the
    #: originals alone); set by `_start`
    index: Any = None
    #: the chunks a refusal's nearest sections are taken from, once worked out (`Assistant._nearest_pool`)
    nearest: list[Chunk] | None = None


def _load_in_background(embedder) -> None:
    """Load the embedding model in a daemon thread: the first question's query embedding
    (which waits for it) is seconds away, and the model's loading releases the GIL part of
    the time, so it overlaps with opening the index."""
    threading.Thread(target=embedder.load, name="xqa-embedder-load", daemon=True).start()


class Assistant:
    def __init__(
        self, settings: Settings, index=None, generator: str | None = None, policy: RefusalPolicy | None = None
    ):
        self.settings = settings
        if index is None:
            from knowledge.embedders import get_embedder
            from knowledge.index import KnowledgeIndex

            _load_in_background(get_embedder(settings.embedder))  # while the index opens
            index = KnowledgeIndex.open(settings)
            index.ensure_built()
        else:
            _load_in_background(index.embedder)
        self.index = index
        self.glossary = Glossary.load()
        self._terms = self.glossary.surface_terms()
        self.generator_name = generator or settings.generator
        self.generator: Generator = GENERATORS.create(self.generator_name, settings=settings, glossary=self.glossary)
        self.extractive = (
            self.generator if isinstance(self.generator, ExtractiveGenerator) else ExtractiveGenerator(self.glossary)
        )
        self.checker = CitationChecker(self.glossary)
        self.reranker = make_reranker(settings.reranker)
        self.refusal = policy or RefusalPolicy.load()
        #: the stages up to the retrieved and gathered contexts (`retrieve`)
        self._find = (
            Stage(self._stage_rewrite, name="rewrite")
            | Stage(self._stage_retrieve, name="retrieve")
            | Stage(self._stage_gather, name="gather")
        )
        #: … up to the decision (`diagnose`, and `stream` before it streams)
        self._prepare = self._find | Stage(self._stage_select, name="select") | Stage(self._stage_decide, name="decide")
        self._chain = (
            self._prepare | Stage(self._stage_generate, name="generate") | Stage(self._stage_check, name="check")
        )

    # ------------------------------------------------------------------ public
    def generators(self) -> list[str]:
        return GENERATORS.names()

    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        doc_ids: list[str] | None = None,
        top_k: int | None = None,
    ) -> Answer:
        start = time.perf_counter()
        turn = self._start(question, history, doc_ids, top_k)
        turn = self._chain.invoke(turn)
        return self._finish(turn, start)

    def stream(
        self,
        question: str,
        history: list[dict] | None = None,
        doc_ids: list[str] | None = None,
        top_k: int | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas while the answer is produced, then one final `Answer`.

        The final Answer's `answer` is authoritative: for an LLM it is the checked
        (renumbered, possibly trimmed) text, or the extractive fallback, so a UI
        should replace the streamed text with it.
        """
        start = time.perf_counter()
        turn = self._prepare.invoke(self._start(question, history, doc_ids, top_k))
        if turn.refused or self.generator is self.extractive:
            turn = self._stage_check(self._stage_generate(turn))
            answer = self._finish(turn, start)
            yield from answer.answer.splitlines(keepends=True)
            yield answer
            return
        t0 = time.perf_counter()
        parts: list[str] = []
        try:
            for piece in self.generator.stream(self._request(turn)):
                parts.append(piece)
                yield piece
            turn.raw, turn.generator = "".join(parts), self.generator.name
        except LLMUnavailable as exc:
            self._fallback(turn, "llm_unavailable", str(exc))
        turn.timings["generate"] = _ms(t0)
        turn = self._stage_check(turn)
        yield self._finish(turn, start)

    def retrieve(
        self,
        question: str,
        history: list[dict] | None = None,
        doc_ids: list[str] | None = None,
        mode: str = "hybrid",
        use_glossary: bool = True,
        k: int | None = None,
    ) -> list[Context]:
        """Retrieval only (eval ablations): the contexts `ask` would see, in `mode`, in retrieval's order
        (an answer then leads with the ones it quotes: `quoted_first`)."""
        if mode not in MODES:
            raise UserError(f"unknown retrieval mode {mode!r}; known: {', '.join(MODES)}")
        turn = self._start(question, history, doc_ids, k, minimum=1)
        turn.mode, turn.use_glossary = mode, use_glossary
        turn = self._find.invoke(turn)
        return _contexts(turn)

    def evidence_request(
        self, question: str, history: list[dict] | None = None, doc_ids: list[str] | None = None
    ) -> GenerationRequest:
        """What the evidence selection sees for a question: the gathered contexts and the question's
        terms (for fitting the sentence ranker on labelled questions)."""
        return self._request(self._find.invoke(self._start(question, history, doc_ids, None)))

    def diagnose(self, question: str, history: list[dict] | None = None, doc_ids: list[str] | None = None) -> dict:
        """What the refusal decision sees for a question (calibration and debugging)."""
        turn = self._prepare.invoke(self._start(question, history, doc_ids, None))
        return {
            "language": turn.language,
            "query": turn.query,
            "refused": turn.refused,
            "features": turn.features.as_dict() if turn.features else None,
            "margin": self.refusal.margin(turn.features) if turn.features else None,
            "named_gap": turn.features.named_gap if turn.features else None,
            "rule_refused": turn.refused_by_rule,
            "sections": [f"{c.doc_id}:{c.section_id}" for c in turn.contexts[:5]],
        }

    def retriever(
        self,
        mode: str = "hybrid",
        use_glossary: bool = True,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        index: Any = None,
    ) -> HybridRetriever:
        """The LangChain retriever this assistant uses (also usable on its own: `.invoke(query)`);
        `index`: the index to search (default: the whole index; a turn passes the one it reads)."""
        return HybridRetriever(
            index=self.index if index is None else index,
            glossary=self.glossary,
            mode=mode,
            use_glossary=use_glossary,
            k=max(k or self.settings.top_k, 1),
            doc_ids=doc_ids,
            reranker=self.reranker,
        )

    # ------------------------------------------------------------------ stages
    def _start(self, question, history, doc_ids, top_k, minimum: int = MIN_CONTEXTS) -> _Turn:
        """The turn for a question (an answer shows at least `minimum` contexts; `retrieve` asks for exactly k)."""
        q = safety.clean_question(question, self.settings.max_question_chars)
        k = max(top_k or self.settings.top_k, minimum)
        turn = _Turn(question=q, history=_valid_history(history), doc_ids=list(doc_ids) if doc_ids else None, k=k)
        turn.language = reply_language(q, self._terms)
        turn.injection = safety.looks_like_injection(q)
        turn.search_question = _searchable(safety.strip_injection(q) if turn.injection else q)
        turn.index = translations.reading_index(self.index, turn.language, turn.doc_ids)
        turn.tables = self._refresh_corpus(turn.index)
        return turn

    def _stage_rewrite(self, turn: _Turn) -> _Turn:
        t0 = time.perf_counter()
        # a Chinese question's Latin words ("GDP", "R&D") in the Chinese the text uses, for every later stage
        turn.search_question = bridge_for(turn.index, self.glossary).annotate(turn.search_question)
        llm = self._llm_rewriter()
        turn.query = (
            rewrite(turn.search_question, turn.history, self.glossary, turn.language, llm=llm)
            if turn.search_question
            else ""
        )
        turn.query = turn.query[
            : self.settings.max_question_chars
        ]  # carried history never grows the search past a question
        turn.timings["rewrite"] = _ms(t0)
        return turn

    def _stage_retrieve(self, turn: _Turn) -> _Turn:
        t0 = time.perf_counter()
        query = turn.query or turn.question
        result = self.retriever(
            mode=turn.mode, use_glossary=turn.use_glossary, k=turn.k, doc_ids=turn.doc_ids, index=turn.index
        ).search(query)
        turn.retrieved = result
        turn.contexts = [h.chunk for h in result.hits]
        if turn.search_question:
            # the current question's own words decide; history words only help when it has none
            full = turn.search_question if turn.query == turn.search_question else turn.query
            mentions = mentions_for(turn.index)
            asked, named = split_mentions(full, mentions)
            turn.features = features(
                asked or full,
                turn.contexts,
                result.top_dense,
                turn.tables.idf,
                self.glossary,
                turn.tables.vocabulary,
                tokenize,
                turn.language,
                full_question=full,
                doc_years=turn.tables.years,
                own_question=turn.search_question,
                sections=turn.tables.section_words,
                mentions=mentions,
                common=turn.tables.common_words,
                named=named,
                bridge=bridge_for(turn.index, self.glossary),
                documents=turn.tables.document_words,
                unseen=turn.tables.unseen_idf,
                chunks=turn.tables.by_section,
            )
            turn.edition_missing = edition_gap(full, turn.tables.years, mentions) > 0
        turn.timings["retrieve"] = _ms(t0)
        return turn

    def _stage_gather(self, turn: _Turn) -> _Turn:
        """Contexts a rule adds to the retrieved ones: a part's sections, a list's continuation, the summary."""
        t0 = time.perf_counter()
        if turn.search_question:
            self._attach_outline(turn)
            self._attach_enumeration(turn)
            self._attach_spelled_out(turn)
            self._attach_asked_item(turn)
            self._attach_cut_sentences(turn)
            self._attach_keywords_of_section(turn)
            self._attach_front_matter(turn)
            self._attach_person_doing(turn)
            if turn.language == "en" and turn.outline is None:
                extra = self._summary_supplement(turn)
                if extra is not None:
                    _attach(turn, extra, "summary")
        self._one_side_per_place(turn)
        turn.timings["gather"] = _ms(t0)
        return turn

    def _one_side_per_place(self, turn: _Turn) -> None:
        """A document and its translation are one source: one context per place, in the question's language."""
        if turn.retrieved is None:
            return
        retrieved = {h.chunk.chunk_id for h in turn.retrieved.hits}
        index_had_k = len(turn.retrieved.hits) >= turn.k
        placed = translations.merge_hits(
            [
                _Placed(c, turn.origins.get(c.chunk_id, "retrieved" if c.chunk_id in retrieved else "outline"))
                for c in turn.contexts
            ],
            turn.language,
            turn.index,
        )
        turn.retrieved.hits = translations.merge_hits(turn.retrieved.hits, turn.language, turn.index)
        turn.contexts = [p.chunk for p in placed]
        turn.origins = {p.chunk.chunk_id: p.origin for p in placed if p.origin != "retrieved"}
        if index_had_k:
            self._top_up(turn)

    def _top_up(self, turn: _Turn) -> None:
        """Refill the contexts to k after merging the sides of a translation pair dropped some:
        the Answer shows at least the top k places (the contract), so the next-ranked ones are fetched."""
        if len(turn.contexts) >= turn.k or turn.retrieved is None:
            return
        assert turn.retrieved is not None, "the retrieve stage ran before the contexts are gathered"
        wider = self.retriever(
            mode=turn.mode, use_glossary=turn.use_glossary, k=2 * turn.k, doc_ids=turn.doc_ids, index=turn.index
        ).search(turn.query or turn.question)
        have = {c.chunk_id for c in turn.contexts}
        for hit in translations.merge_hits(wider.hits, turn.language, turn.index):
            if len(turn.contexts) >= turn.k:
                break
            if hit.chunk.chunk_id not in have:
                have.add(hit.chunk.chunk_id)
                turn.contexts.append(hit.chunk)
                turn.retrieved.hits.append(hit)

    def _stage_select(self, turn: _Turn) -> _Turn:
        """The sentences that answer the question (the evidence the decision and the extractive answer use)."""
        t0 = time.perf_counter()
        if turn.search_question and turn.contexts and turn.outline is None:
            request = self._request(turn)
            turn.candidates = self.extractive.score_sentences(request)
            turn.evidence = self.extractive.select(request, turn.candidates) or self.extractive.front_matter(request)
            # the lines answering who delivered a text and when (`byline`: its front matter, or the sentences of its
            # body that say so) and the sentence saying when a meeting was held are the answer, whatever they share
            held = self.extractive.held(request, turn.candidates)
            turn.evidence_is_answer = bool(turn.evidence) and (
                turn.contexts[turn.evidence[0].ctx].role == "front"
                or turn.evidence == held
                or turn.evidence == self.extractive.byline(request)
            )
        turn.evidence_is_answer = turn.evidence_is_answer or turn.outline is not None
        turn.timings["select"] = _ms(t0)
        return turn

    def _stage_decide(self, turn: _Turn) -> _Turn:
        """The one refusal decision, made once, from the question, the retrieval and the selected evidence."""
        if not turn.search_question or not turn.contexts:
            turn.refused = turn.refused_by_rule = True
            return turn
        assert turn.features is not None, "retrieval sets the features whenever there are a question and contexts"
        turn.features = dataclasses.replace(
            turn.features, **self._evidence_features(turn), **self._focus_features(turn)
        )
        # Rules before the learned model: a named edition the index lacks ("the 2021 report" when it holds
        # 2022-2025) is decisive, whatever the other editions say is not what was asked; so is a name the
        # named document never contains, or no evidence at all. So is, for a Chinese question, evidence from a
        # passage about other years only than the one asked (`year_missing`: "2023年末…" answered from the 2020
        # review): on the development set no answerable Chinese question has it (0 of 303; 7 of 132
        # unanswerable), so the figure it would quote is another year's. (Not for English questions: 2 of 294
        # answerable have it there, a follow-up's years and a named edition's.) Only for a year the question
        # asks about, not the year of the document's name alone: "2024年政府工作报告中提到的“新三样”是哪些" is
        # answered from the report's review of the year before (a blind reader's question, 2026-12-01). Nor when a
        # selected sentence itself says the year asked (`_says_year`: 明年 in a December readout dated by its file
        # name; on the external development texts 3 answers more, no near miss answered more, 2026-12-05).
        # So is, in either language, a unit the question names or a share it asks for that no selected sentence
        # has (`unit_missing`: "多少万亿元" quoted with a percentage, "what inflation target" with no percentage): 0 of
        # 456 answerable Chinese and 1 of 385 answerable English questions of the training set have it, against 35 of
        # 158 and 18 of 167 near misses (out-of-document features, `assistant/data/refusal.json`, 2026-12-03). Money
        # asked for by what it is ("how much funding", 多少资金) is a sum in yuan: on the external development texts 3
        # more English near misses refused and 1 answerable question (answered wrong before), the development set
        # unchanged (2026-12-06, twentieth session).
        # So is a person asked for by the word for one or by who they are that no selected sentence names
        # (`person_missing`: "哪位国务院总理" quoted with "我代表国务院…", "院长是谁" with "最高人民法院院长…出席会议"): on
        # the development and external development sets no answerable question has it (0 of 33 answered), 9 answered
        # near misses do (2026-12-03). So is a place asked for by its kind ("哪个城市", "which countries") or a date
        # ("哪一年", "by when") that no quoted sentence names (`place_missing`, `date_missing`): on the same sets 1
        # of 66 answered answerable questions of these forms has either (a date question answered from the wrong
        # passage), 14 answered near misses do (2026-12-03).
        # So is a figure asked for when three signals agree that the evidence does not give it: no selected sentence
        # holds the question's rarest word, no sentence with a figure holds it, and the best sentences hold no figure
        # of the kind asked or not the year named (`number_gap`): "What was X's unemployment rate in 2019" quoted with
        # an income growth rate. On the external development texts (3,933 questions) it refuses 7 more English near
        # misses and 1 answerable question (not answered right before), and on the development set 2 more English
        # near misses and no answerable question (2026-12-05; `refusal.figure_gap`).
        # So is a figure asked for by an interrogative of amount (多少, "how much", "what percentage") when no quoted
        # sentence holds a figure in any form (`figure_missing`: "兴建三峡工程需要多少投资" quoted with "…是必要的"): on the
        # external development texts (6,667 questions) it refuses 15 more Chinese and 9 more English near misses and 1
        # answerable English question (answered wrong before), on the development set 1 more Chinese near miss and no
        # answerable question (2026-12-06, an ablation on the final code). Dates, ordinals and the question's own
        # figures are no figure for it (2012年11月1日至4日, 十七届六中全会, 二十大 in "党的二十大以来…多少起"): 21 more near
        # misses of the earlier external texts refused, no answerable question lost, the development set unchanged
        # (2026-12-06, twentieth session).
        # So is what a speaker said asked for when every quoted sentence only lists who spoke (`speech_unreported`:
        # "北京市在交流发言中介绍了哪些经验" quoted with "北京市、天津市…负责同志作交流发言"): on the external development texts
        # 8 more near misses refused (5 zh, 3 en), no answerable question, the development set unchanged; a person asked
        # for by an office ("Which Governor of …", `person_missing`) 1 more English near miss (2026-12-06).
        turn.refused_by_rule = bool(
            turn.edition_missing
            or turn.features.named_gap
            or not (turn.evidence or turn.outline is not None)
            or (
                turn.language == "zh"
                and turn.features.year_missing
                and self._asks_a_year(turn)
                and not self._says_year(turn)
            )
            or turn.features.unit_missing
            or turn.features.person_missing
            or turn.features.place_missing
            or turn.features.date_missing
            or turn.features.figure_missing
            or turn.features.speech_unreported
            or turn.features.matters_unnamed
            or self._evidence_elsewhere(turn)
            or figure_gap(turn.features)
        )
        turn.refused = turn.refused_by_rule or not self.refusal.answerable(turn.features)
        return turn

    @staticmethod
    def _evidence_elsewhere(turn: _Turn) -> bool:
        """Does the question name documents and every selected sentence come from another one? "2018年10月31日政治局会议对
        房地产调控说了什么" answered from the 2024 Decision, "What did Premier Li say at the October 2018 Politburo
        meeting" from a 2023 report: what the named text does not say, another text's words do not answer (a blind
        reader's near misses, 2026-12-04). An official translation speaks for its original."""
        if not turn.evidence:
            return False
        named = set(split_mentions(turn.search_question, mentions_for(turn.index))[1])
        if not named:
            return False
        originals = turn.index.derived(translations_of)
        return all(
            (doc := turn.contexts[s.ctx].doc_id) not in named and originals.get(doc) not in named for s in turn.evidence
        )

    @staticmethod
    def _asks_a_year(turn: _Turn) -> bool:
        """Does the question name a year apart from the names of documents ("2023年末…", "in 2024")?"""
        return periods.asks_year(_unnamed_question(turn))

    @staticmethod
    def _says_year(turn: _Turn) -> bool:
        """Does a selected sentence itself say a year the question asks about, by its number or by 明年 / 今年 read against
        its document's date? Then it is about that year, whatever its passage's headings name: a December readout's
        paragraph "会议指出，今年以来…" goes on "明年将召开党的二十大，做好"三农"工作…具有特殊重要意义", which answers why
        2022's work matters (found on the development texts, 2026-12-05)."""
        asked = periods.years(_unnamed_question(turn))
        return bool(asked) and any(
            asked & periods.years(turn.contexts[s.ctx].text[s.start : s.end], turn.contexts[s.ctx].doc_date)
            for s in turn.evidence
        )

    def _evidence_features(self, turn: _Turn) -> dict[str, float]:
        """How well the selected evidence answers: the ranker's probability for the best selected
        sentence, its margin over the best sentence of another section, and the answer type.
        A part's own headings, a byline asked for and a meeting's opening asked about are the answer
        (`evidence_is_answer`)."""
        if turn.evidence_is_answer:
            return {"evidence": 1.0, "evidence_margin": 1.0, "evidence_type": 1.0, "evidence_coverage": 1.0}
        if not turn.evidence:
            return {"evidence": 0.0, "evidence_margin": 0.0, "evidence_type": 0.0, "evidence_coverage": 0.0}
        if not turn.evidence[0].features:  # a line of an English summary or key words: its coverage
            score = turn.evidence[0].score
            return {"evidence": score, "evidence_margin": 0.0, "evidence_type": 1.0, "evidence_coverage": score}
        best = max(turn.evidence, key=lambda s: s.score)
        section = functools.partial(_section_of, contexts=turn.contexts)
        # a question naming two documents or more ("两份文献分别…") has an answer in each: the margin is over
        # the best sentence of another section of the same document, not over the other document's answer
        compared = len(set(split_mentions(turn.query, mentions_for(turn.index))[1])) > 1
        rivals = [
            s
            for s in turn.candidates
            if section(s) != section(best) and (not compared or section(s)[0] == section(best)[0])
        ]
        other = max((s.score for s in rivals), default=0.0)
        return {
            "evidence": best.score,
            "evidence_margin": best.score - other,
            "evidence_type": 0.0 if best.features.get("type_miss") else 1.0,
            "evidence_coverage": max(s.features.get("own_coverage", 0.0) for s in turn.evidence),
        }

    def _focus_features(self, turn: _Turn) -> dict[str, float]:
        """What the selected sentences hold of what the question asks for (`assistant.refusal_evidence`)."""
        whole = turn.evidence_is_answer
        best = max(turn.evidence, key=lambda s: s.score).features if turn.evidence else {}
        return refusal_evidence.features(
            split_mentions(turn.search_question, mentions_for(turn.index))[0],
            turn.language,
            [turn.contexts[s.ctx].text[s.start : s.end] for s in best_section(turn.evidence, turn.contexts)],
            best,
            whole,
            index_lexicon(turn.index).df,
            bridge_for(turn.index, self.glossary),
            [turn.contexts[s.ctx].text[s.start : s.end] for s in turn.evidence],
        )

    def _stage_generate(self, turn: _Turn) -> _Turn:
        t0 = time.perf_counter()
        if not turn.refused:
            try:
                turn.raw = self.generator.generate(self._request(turn))
                turn.generator = self.generator.name
            except LLMUnavailable as exc:
                self._fallback(turn, "llm_unavailable", str(exc))
        turn.timings["generate"] = _ms(t0)
        return turn

    def _stage_check(self, turn: _Turn) -> _Turn:
        t0 = time.perf_counter()
        if not turn.refused:
            checked = self.checker.check(turn.raw, turn.contexts)
            if turn.generator != self.extractive.name and not checked.ok:
                reason = _check_reason(checked, turn.language)
                self._fallback(turn, "llm_unchecked", reason)
                checked = self.checker.check(turn.raw, turn.contexts)
            elif turn.generator != self.extractive.name and checked.dropped:
                turn.notes.append(NOTES["llm_trimmed"][turn.language].format(n=len(checked.dropped)))
            turn.checked = checked
        turn.timings["check"] = _ms(t0)
        return turn

    # ----------------------------------------------------------------- helpers
    def _fallback(self, turn: _Turn, kind: str, reason: str) -> None:
        log.warning("falling back to the extractive answer: %s", reason)
        turn.notes.append(NOTES[kind][turn.language].format(reason=reason))
        turn.raw = self.extractive.generate(self._request(turn))
        turn.generator = self.extractive.name

    def _request(self, turn: _Turn) -> GenerationRequest:
        dense_text = self._dense_query(turn)
        mentions = mentions_for(turn.index)
        return GenerationRequest(
            question=turn.search_question or turn.question,
            query=turn.query or turn.question,
            language=turn.language,
            contexts=turn.contexts,
            history=turn.history,
            titles=turn.tables.titles,
            titles_en=self._titles_en(turn, mentions),
            idf=turn.tables.idf,
            outline=turn.outline,
            evidence=turn.evidence or None,
            mentions=mentions,
            bridged=bridge_for(turn.index, self.glossary).expand(
                selection_text(turn.search_question or turn.question, turn.language, mentions)
            ),
            renderings=translations.Renderings(turn.index),
            dense=self._dense_scores(turn, dense_text),
            similarity=functools.partial(_cosines, self.index.embedder, dense_text),
        )

    @staticmethod
    def _dense_scores(turn: _Turn, dense_text: str) -> dict[str, float]:
        """Chunk id → dense score of every context: the retriever's where its dense list ranked the chunk, else
        the same cosine of `dense_text` (`_dense_query`) with its stored vector. A chunk found by keywords alone,
        or attached after retrieval, was scored 0 for the sentence ranker, and its sentences started behind
        those of every ranked chunk."""
        if turn.retrieved is None:
            return {}
        if not turn.dense:
            turn.dense = {h.chunk.chunk_id: h.dense for h in turn.retrieved.hits if h.dense is not None}
        missing = [c.chunk_id for c in turn.contexts if c.chunk_id not in turn.dense]
        if missing:
            turn.dense |= turn.index.dense_scores(dense_text, missing)
        return dict(turn.dense)

    @staticmethod
    def _dense_query(turn: _Turn) -> str:
        """The text retrieval embedded for this turn's query (its vector is remembered: `Embedder.embed_query`)."""
        query = turn.query or turn.question
        return dense_query(query, mentions_for(turn.index).find(query))

    def _llm_rewriter(self):
        complete = getattr(self.generator, "complete", None)
        if complete is None:
            return None
        return lambda lang, question, history: complete(prompting.rewrite_messages(lang, question, history))

    def _refresh_corpus(self, index: Any = None) -> CorpusTables:
        """The corpus tables of the index as it is now (rebuilt after `index.add`); `index`: the one a turn reads."""
        # built before a new generation is served
        return (self.index if index is None else index).derived(CorpusTables.build)

    def _attach_outline(self, turn: _Turn) -> None:
        """A question about a whole part.

        A list question ("实现路径有哪些？") gets the chunks opening the part's sections: their
        headings answer it (an outline). Any other question that restates the part's heading
        ("加快形成新质生产力有什么重大战略意义？") gets those chunks ranked first, and the
        generator picks the sentences as usual: the part, not the best-matching paragraph
        elsewhere, is what the question is about.
        """
        asked, named = split_mentions(turn.query, mentions_for(turn.index))
        asked = asked or turn.query
        # a question naming a document asks about a part of that document
        parts = [p for p in turn.tables.parts if not named or p.doc_id in named]
        part = match_part(asked, parts, self.glossary, turn.tables.idf)
        if part is None and is_list_question(asked):
            # or one whose best contexts end with the lead-in announcing a part's sections
            top = turn.contexts[:ANNOUNCING_CONTEXTS]
            announcing = [turn.tables.announcing.get(c.chunk_id) for c in top]
            candidates = [p for p in announcing if p is not None and (not named or p.doc_id in named)]
            part = announced_part(asked, candidates, top, self.glossary, turn.tables.idf)
        if part is None or (turn.doc_ids and part.doc_id not in turn.doc_ids):
            return
        if not is_list_question(asked):
            # the part's sections only: the best-matching sentence of another part ("新质生产力是…" for "…有什么重大
            # 战略意义") would be quoted beside them, though the question is about this part
            self._lead_with(turn, list(part.sections))
            turn.contexts = [c for c in turn.contexts if part.holds(c)]
            return
        for chunk in part.sections:
            _attach(turn, chunk, "outline")
        ids = [c.chunk_id for c in turn.contexts]
        lead = None if part.lead is None else (ids.index(part.lead.chunk_id), *lead_in_span(part.lead))
        turn.outline = Outline(part.label, part.label_en, tuple(ids.index(c.chunk_id) for c in part.sections), lead)

    @staticmethod
    def _lead_with(turn: _Turn, chunks: list[Chunk]) -> None:
        """Put `chunks` first among the contexts, keeping the rest in order (those not retrieved are "outline")."""
        lead = {c.chunk_id for c in chunks}
        retrieved = {c.chunk_id for c in turn.contexts}
        for chunk in chunks:
            if chunk.chunk_id not in retrieved:
                turn.origins.setdefault(chunk.chunk_id, "outline")
        turn.contexts = list(chunks) + [c for c in turn.contexts if c.chunk_id not in lead]

    def _attach_enumeration(self, turn: _Turn, top: int = 3, follow: int = 3) -> None:
        """A top context announcing "以下四个方面" gets the section's next chunks, where the items continue:
        the next `follow` ones, and further on those that open an item (一是…, 其次…), up to `MAX_ITEMS`."""
        for chunk in list(turn.contexts[:top]):
            if not ENUM_INTRO.search(chunk.text):
                continue
            section = turn.tables.by_section.get((chunk.doc_id, chunk.section_id), [])
            later = [c for c in section if c.ordinal > chunk.ordinal]
            items = [c for c in later[follow:] if opens_item(c.text)][:MAX_ITEMS]
            for nxt in later[:follow] + items:
                _attach(turn, nxt, "enumeration")
        if LIST not in asked_types(turn.search_question or turn.question):
            return
        # a list question whose top context holds items of an enumeration (two lines opening with ——, 一是…, or two
        # sentences opening 一是 / 二是 run into a paragraph): the section's neighbouring chunks that go on with
        # items, both ways (the run may begin before it)
        for chunk in list(turn.contexts[:top]):
            run_in = run_in_items(chunk.text) >= 2
            if item_lines(chunk.text) < 2 and not run_in:
                continue
            by_ordinal = {c.ordinal: c for c in turn.tables.by_section.get((chunk.doc_id, chunk.section_id), [])}
            for step in (1, -1):
                at = chunk.ordinal
                for _ in range(MAX_ITEMS):
                    neighbour = by_ordinal.get(at + step)
                    if neighbour is None or not (
                        opens_item(neighbour.text) or (run_in and run_in_items(neighbour.text))
                    ):
                        break
                    _attach(turn, neighbour, "enumeration")
                    at += step

    def _attach_spelled_out(self, turn: _Turn, top: int = 3) -> None:
        """A question about a quoted numbered abbreviation (“六保”具体包括哪六项) wants the sentence listing its
        items, which a text writes once and without the abbreviation: the chunks of the top contexts' sections
        holding such a sentence (`knowledge.abbreviations.spells_out`) are attached."""
        quoted = abbreviations.quoted_abbreviations(turn.search_question or turn.question)
        if not quoted:
            return
        sections = dict.fromkeys((c.doc_id, c.section_id) for c in turn.contexts[:top])
        for section in sections:
            for chunk in turn.tables.by_section.get(section, []):
                if any(
                    abbreviations.spells_out(chunk.text[a:b], count, word)
                    for a, b in textmatch.line_sentences(chunk.text)
                    for _, count, word in quoted
                ):
                    _attach(turn, chunk, "enumeration")

    def _attach_asked_item(self, turn: _Turn, top: int = ITEM_CONTEXTS) -> None:
        """A question asking for one item by its place ("第六条经验", "the eighth 'must'") names few of its words: the
        chunks of the top contexts' sections where a sentence opens that item (六是…, （六）…) are attached."""
        n = positions.asked_item(turn.search_question or turn.question)
        if not n:
            return
        for section in dict.fromkeys((c.doc_id, c.section_id) for c in turn.contexts[:top]):
            chunks = turn.tables.by_section.get(section, [])
            for chunk in chunks:
                if positions.item_sentence(chunk.text, n):
                    # with the section's opening, which says what the items are
                    _attach(turn, chunks[0], "enumeration")
                    _attach(turn, chunk, "enumeration")

    def _attach_cut_sentences(self, turn: _Turn, top: int = 3) -> None:
        """A sentence (or run of clauses) that chunk boundaries cut goes on in the neighbouring chunks: a top
        context that stops inside one gets the section's next chunks up to where it ends, one that begins
        inside one the previous chunks back to where it begins (at most `MAX_CUTS` each way), so that the
        quote can show the whole sentence."""
        for chunk in list(turn.contexts[:top]):
            section = {c.ordinal: c for c in turn.tables.by_section.get((chunk.doc_id, chunk.section_id), [])}
            for step in (1, -1):
                at = chunk
                for _ in range(MAX_CUTS):
                    nxt = section.get(at.ordinal + step)
                    # the boundary is cut when the earlier of the two chunks stops inside a sentence
                    if nxt is None or not ends_mid_sentence((at if step == 1 else nxt).text):
                        break
                    _attach(turn, nxt, "continuation")
                    at = nxt

    def _attach_keywords_of_section(self, turn: _Turn, top: int = 1) -> None:
        """A long section is retrieved by at most `Fusion.max_per_section` of its chunks, ranked by the fusion of
        both lists; the chunk holding most of the keyword query's weight may not be among them (an English
        question's embedding prefers the section's general paragraphs). The top context's section's chunk that
        holds the largest share of it (`KnowledgeIndex.keyword_coverage`) is attached when it holds more than
        the section's chunks already there."""
        query = split_mentions(turn.search_question or turn.question, mentions_for(turn.index))[0]
        keywords = bridge_for(turn.index, self.glossary).expand(query)
        have = {c.chunk_id for c in turn.contexts}
        for chunk in list(turn.contexts[:top]):
            section = turn.tables.by_section.get((chunk.doc_id, chunk.section_id), [])
            if all(c.chunk_id in have for c in section):
                continue
            share = turn.index.keyword_coverage(keywords, [c.chunk_id for c in section])
            best = max(section, key=lambda c: share.get(c.chunk_id, 0.0))
            present = max((share.get(c.chunk_id, 0.0) for c in section if c.chunk_id in have), default=0.0)
            if best.chunk_id not in have and share.get(best.chunk_id, 0.0) > present:
                _attach(turn, best, "keywords")

    def _attach_person_doing(self, turn: _Turn, most: int = 2) -> None:
        """ "谁来讲解", "who chaired the conference": the paragraphs of the document asked about (the one named, else the
        best-ranked) where someone is named doing what was asked (讲解, 主持: `answer_types.person_actions`) are
        attached. The lecturer's line of a study session's readout shares little else with the question and is
        seldom retrieved beside the paragraphs on its topic."""
        actions = person_actions(turn.search_question or turn.question, self.glossary)
        if not actions or not turn.contexts:
            return
        named = split_mentions(turn.query, mentions_for(turn.index))[1]
        doc_id = named[0] if len(named) == 1 else turn.contexts[0].doc_id
        if turn.doc_ids and doc_id not in turn.doc_ids:
            return
        found = [
            chunk
            for (d, _), chunks in turn.tables.by_section.items()
            if d == doc_id
            for chunk in chunks
            if any(a in chunk.text for a in actions) and names_a_person(chunk.text)
        ]
        for chunk in found[:most]:
            _attach(turn, chunk, "person")

    def _attach_front_matter(self, turn: _Turn) -> None:
        """ "Who wrote it, where are they from": the front matter (title, authors, affiliation) of the
        document the question names, else of the best-ranked one that has front matter, leads the contexts."""
        if not asks_authorship(turn.search_question):
            return
        named = split_mentions(turn.query, mentions_for(turn.index))[1]
        docs = list(dict.fromkeys(named + [c.doc_id for c in turn.contexts]))
        for doc_id in docs:
            if turn.doc_ids and doc_id not in turn.doc_ids:
                continue
            front = [
                c
                for (d, _), chunks in turn.tables.by_section.items()
                if d == doc_id
                for c in chunks
                if c.role == "front"
            ]
            if front:
                # its title and byline, and a signature that closes it (国务院 / 2031年8月21日) when it has one
                lead = [c for i, c in enumerate(front) if all(c.section_id != p.section_id for p in front[:i])]
                for chunk in lead:
                    if chunk.chunk_id not in {c.chunk_id for c in turn.contexts}:
                        turn.origins.setdefault(chunk.chunk_id, "front_matter")
                self._lead_with(turn, lead)
                return

    def _summary_supplement(self, turn: _Turn) -> Chunk | None:
        """For an English question on a document with an English summary: the summary chunk that matches best."""
        if any(c.section_id == "summary_en" for c in turn.contexts):
            return None
        top_docs = {c.doc_id for c in turn.contexts[:3]}
        want = en_terms(turn.search_question)
        best, best_n = None, 1
        for chunk in turn.tables.summary:
            if chunk.doc_id not in top_docs or (turn.doc_ids and chunk.doc_id not in turn.doc_ids):
                continue
            n = len(want & en_terms(chunk.text))
            if n > best_n:
                best, best_n = chunk, n
        return best

    def _finish(self, turn: _Turn, start: float) -> Answer:
        lang = turn.language
        contexts = _contexts(turn)
        if turn.refused:
            text = self._refusal_text(turn)
            citations: list[Citation] = []
            nearest = [self._section_name(title, label, lang) for title, label in self._nearest(turn)]
        else:
            assert turn.checked is not None, "the check stage runs on every answer not refused"
            text = turn.checked.text
            # a quote from a translation also shows the aligned original it renders
            citations, originals = translations.attach_originals(turn.checked.citations, turn.index)
            text, citations = gloss.attach(text, citations, lang, lambda: gloss.glosser_for(turn.index, self.glossary))
            contexts = quoted_first(contexts, citations)
            for chunk in originals:
                if chunk.chunk_id not in {c.chunk_id for c in contexts}:
                    contexts.append(_context(chunk, len(contexts) + 1, 0.0, "original"))
            nearest = []
        notes = list(turn.notes) + self._undated_notes(turn, citations)
        if turn.injection:
            notes.insert(0, NOTES["injection"][lang])
        turn.timings["total"] = _ms(start)
        return Answer(
            question=turn.question,
            language=lang,
            answer=text,
            refused=turn.refused,
            generator=turn.generator or self.generator.name,
            citations=citations,
            contexts=contexts,
            nearest_sections=nearest,
            timings_ms={k: round(v, 2) for k, v in turn.timings.items()},
            notes=notes,
            rewritten_query=turn.query,
        )

    def _undated_notes(self, turn: _Turn, citations: list[Citation]) -> list[str]:
        """A note when the question names a text's year ("the July 2021 Politburo meeting"), several texts of that name
        fit it, and the answer quotes one that never states or writes that year (a readout whose year the index cannot
        know): it may be another year's meeting of the same kind, and the reader is told so instead of reading it as
        that year's."""
        mentions = mentions_for(turn.index)
        editions = mentions.find(turn.search_question or turn.question).editions
        asked = dict(editions)
        # one text fitting the name and year is the text meant, dated or not: only several leave the reader unsure
        fits = Counter(year for _, year in editions)
        year = next(
            (
                asked[d]
                for d in dict.fromkeys(c.doc_id for c in citations)
                if d in asked
                and fits[asked[d]] > 1
                and not mentions.by_id[d].year
                and not _writes_year(turn.index, d, asked[d])
            ),
            "",
        )
        return [NOTES["undated"][turn.language].format(year=year)] if year else []

    def _titles_en(self, turn: _Turn, mentions: DocumentMentions) -> dict[str, str]:
        """The English titles of this turn's answer (`titles_as_said`); the tables' own for a Chinese question."""
        if turn.language != "en":
            return turn.tables.titles_en
        return titles_as_said(turn.tables.titles_en, mentions.find(turn.search_question or turn.question).said)

    def _nearest(self, turn: _Turn) -> list[tuple[str, str]]:
        """(document title, section label) of the three nearest sections, in the question's language, a document's
        sections together."""
        picked: list[Chunk] = []
        for chunk in self._nearest_pool(turn):
            if all((c.doc_id, c.section_id) != (chunk.doc_id, chunk.section_id) for c in picked):
                picked.append(chunk)
            if len(picked) == 3:
                break
        first = {c.doc_id: i for i, c in reversed(list(enumerate(picked)))}
        picked.sort(key=lambda c: first[c.doc_id])
        titles_en = self._titles_en(turn, mentions_for(turn.index))
        out = []
        for chunk in picked:
            if turn.language == "en":
                title = titles_en.get(chunk.doc_id, chunk.doc_title)
                out.append((title, chunk.section_label_en or chunk.section_label))
            else:
                out.append((f"《{turn.tables.titles.get(chunk.doc_id, chunk.doc_title)}》", chunk.section_label))
        return out

    def _nearest_pool(self, turn: _Turn) -> list[Chunk]:
        """The chunks a refusal's nearest sections are taken from: those of the documents the question names first (a
        search within them when no context is of them), then the other contexts. A reader who asked what a named text
        says of something it does not say checks that text: its words matched elsewhere ("由谁主持" the sentences of
        other meetings saying who chaired them), and the refusal pointed at unrelated texts (refusals on the external
        development texts listing no section of the text asked about: 244 of 2,390 before, 199 after)."""
        if turn.nearest is not None:
            return turn.nearest
        # (the question as searched: with what a follow-up carries from the conversation)
        full = turn.query or turn.search_question
        named = mentions_for(turn.index).find(full).named if full else []
        named = [d for d in named if not turn.doc_ids or d in turn.doc_ids]
        pool = list(turn.contexts)
        if named and not any(c.doc_id in named for c in pool):
            searched = self.retriever(mode=turn.mode, use_glossary=turn.use_glossary, doc_ids=named, index=turn.index)
            pool = [h.chunk for h in searched.search(full).hits] + pool
        turn.nearest = [c for c in pool if c.doc_id in named] + [c for c in pool if c.doc_id not in named]
        return turn.nearest

    @staticmethod
    def _section_name(title: str, label: str, language: str) -> str:
        return f"{title}: {label}" if language == "en" else f"{title} {label}"

    def _refusal_text(self, turn: _Turn) -> str:
        if not turn.search_question:
            return INJECTION_ONLY[turn.language]
        lang = turn.language
        # a document's title said once, before its first section (three paragraphs of one readout listed under its
        # long title three times read as a wall of that title)
        sections = self._nearest(turn)
        names = [
            label if i and sections[i - 1][0] == title else self._section_name(title, label, lang)
            for i, (title, label) in enumerate(sections)
        ]
        nearest = ("; " if lang == "en" else "；").join(names) or ("none" if lang == "en" else "无")
        return REFUSALS[lang].format(nearest=nearest)


def best_section(evidence: list, contexts: list[Chunk]) -> list:
    """The selected sentences of the section the best of them is in: what the refusal judges. Sentences of
    further sections supplement an answer (`OTHER_CONTEXT_RATIO`); pooled with it, they let a near miss look
    answered, one section holding one asked word and another the next (refusal cross-validation, zh near
    misses refused at a 3% false-refusal budget: 0.797 judging every quoted sentence, 0.814 judging these)."""
    if not evidence:
        return []
    where = _section_of(max(evidence, key=lambda s: s.score), contexts)
    return [s for s in evidence if _section_of(s, contexts) == where]


def _section_of(sentence, contexts: list[Chunk]) -> tuple[str, str]:
    """(doc_id, section_id) of a selected or candidate sentence."""
    chunk = contexts[sentence.ctx]
    return chunk.doc_id, chunk.section_id


def _cosines(embedder, query: str, sentences: list[str]) -> list[float]:
    """Cosine of the query and each sentence (the embedder's rows are unit length; the query's vector is the
    one retrieval made, `Embedder.embed_query` remembers it)."""
    target = embedder.embed_query(query)
    return [float(target @ v) for v in embedder.embed(sentences)]


def _attach(turn: _Turn, chunk: Chunk, origin: str) -> None:
    """Add a context a rule found after retrieval (one of `ORIGINS`), unless the turn has it already."""
    if all(c.chunk_id != chunk.chunk_id for c in turn.contexts):
        turn.contexts.append(chunk)
        turn.origins.setdefault(chunk.chunk_id, origin)


def _unnamed_question(turn: _Turn) -> str:
    """The turn's question without the names of the documents it names (a document's year says where, not when)."""
    return split_mentions(turn.search_question, mentions_for(turn.index))[0]


def _writes_year(index: Any, doc_id: str, year: str) -> bool:
    """Does the document's text write the year anywhere (会议总结2031年经济工作): an undated readout that speaks of the
    year asked is most likely that year's."""
    return any(year in YEAR_RE.findall(arabic_years(c.text)) for c in index.chunks(doc_id))


def _contexts(turn: _Turn) -> list[Context]:
    """The Answer's contexts: the turn's contexts in order, each with its retrieval score and origin."""
    scores = {h.chunk.chunk_id: float(h.score) for h in turn.retrieved.hits} if turn.retrieved else {}
    out: list[Context] = []
    for chunk in turn.contexts:
        origin = turn.origins.get(chunk.chunk_id, "retrieved")
        out.append(
            _context(chunk, len(out) + 1, scores.get(chunk.chunk_id, 0.0) if origin == "retrieved" else 0.0, origin)
        )
    return out


def quoted_first(contexts: list[Context], citations: list[Citation]) -> list[Context]:
    """The retrieved contexts an answer quotes lead the retrieved ones, in the order first quoted; the
    others keep retrieval's order, and contexts a rule added keep their places (ranks renumbered).

    Why: the sentence ranker has read every retrieved passage, so the passage it quotes is the turn's best
    evidence of which one answers. On the development questions the section of an answer's first quote is a
    gold section more often than retrieval's first context (fresh questions written blind: zh 0.867 vs
    0.800, en 0.674 vs 0.512; the older ones: zh 0.926 vs 0.845, en 0.888 vs 0.737), and a reader expects
    the source of quote [1] first."""
    cited = list(dict.fromkeys(cid for c in citations for cid in (c.chunk_id_en, c.chunk_id) if cid))
    if not cited:
        return contexts
    first = {cid: i for i, cid in enumerate(cited)}
    slots = [i for i, c in enumerate(contexts) if c.origin == "retrieved"]
    ranked = sorted((contexts[i] for i in slots), key=lambda c: first.get(c.chunk_id, len(first)))
    out = list(contexts)
    for i, c in zip(slots, ranked):
        out[i] = c
    return [dataclasses.replace(c, rank=n) for n, c in enumerate(out, 1)]


def _context(chunk: Chunk, rank: int, score: float, origin: str) -> Context:
    return Context(
        rank=rank,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        section_id=chunk.section_id,
        section_label=chunk.section_label,
        section_label_en=chunk.section_label_en,
        text=chunk.text,
        score=round(float(score), 4),
        origin=origin,
    )


@dataclass(frozen=True)
class _Placed:
    """A context and its origin (so that swapping a chunk for its translation keeps the origin)."""

    chunk: Chunk
    origin: str


def _searchable(question: str) -> str:
    """What to search for: the question's natural language (markup, URLs and code are not words
    of the documents and would only dilute the refusal's coverage); the text itself if that is all. Its years
    in Arabic digits (二〇二二年 → 2022年), the form in which every later stage reads a year (the edition a
    question names, the years it asks about), and so the month and day after a year (`arabic_dates`)."""
    return arabic_dates(natural_text(question) or question)


def _valid_history(history) -> list[dict]:
    if history is None:
        return []
    if not isinstance(history, list) or not all(isinstance(t, dict) for t in history):
        raise InvalidQuestion('history must be a list of {"role", "content"} objects / 对话历史格式错误')
    return [
        {"role": str(t.get("role", "")), "content": safety.clean_question(str(t.get("content", "")), 100_000)}
        for t in history
        if str(t.get("content", "")).strip() and t.get("role") in ("user", "assistant")
    ]


def _check_reason(checked: CheckResult, lang: str) -> str:
    if lang == "en":
        return (
            f"{len(checked.dropped)} of {checked.claims} statements lacked valid support"
            if checked.citations
            else "no valid citation"
        )
    return f"{checked.claims} 个陈述中有 {len(checked.dropped)} 个缺少有效引文" if checked.citations else "没有有效引文"


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000.0
