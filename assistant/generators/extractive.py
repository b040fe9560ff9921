"""The offline, deterministic answerer: it only ranks and quotes source sentences.

Why extractive: no usable chat model runs offline here, and a student checking
claims against the paper is best served by the paper's own sentences. It picks the
sentences of the top contexts that cover the question's content words (weighted by
how rare they are in the corpus), orders them section by section, and frames them in
the question's language. Nothing is stated outside a quote except section names,
the framing, and (for English answers) glossary glosses of the quoted terms.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from assistant import periods, positions, sentence_ranker, textmatch
from assistant.answer_types import (
    AGENDA_CLAUSE,
    AUTHORSHIP,
    COUNT,
    DATE,
    HELD_SENTENCE,
    LIST,
    MEETING_TOPIC,
    PERSON,
    answers_who,
    asked_types,
    asks_authorship,
    lists_names,
    names_a_person,
    person_actions,
    sentence_has,
)
from assistant.generators.base import GENERATORS, GenerationRequest, Generator
from assistant.mentions import person_names
from assistant.refusal_evidence import place_missing
from assistant.retrieval import MEETING_HELD, split_mentions
from knowledge import abbreviations
from knowledge.front_matter import ZH_DATE
from knowledge.keyword_index import pos_tags, tokenize
from knowledge.models import Chunk
from knowledge.sentences import ends_mid_sentence
from knowledge.text import HAN_CLASS, REPORTED, han_count, han_number, has_han

#: sections that restate the paper in English; used as a supplement, never as the main evidence
SUMMARY_SECTIONS = frozenset({"summary_en", "keywords_en"})
MAX_SENTENCES = 4
MAX_PER_CONTEXT = 3
#: a sentence of a section not yet quoted is quoted only if it scores at least this share of the best one;
#: chosen by leave-one-document-out over the development cases (`eval.tuning.selection`, figures in
#: eval/tuning/selection.md, 563 answerable cases over ten documents): answer hit 0.853 at 0.85 (all
#: documents) → 0.870 on each left-out document with the value its fold chose (0.4 in 8 of 10 folds),
#: citation evidence 0.877 → 0.895, for 2.15 → 2.37 quotes per answer
OTHER_CONTEXT_RATIO = 0.4
SAME_CONTEXT_RATIO = 0.3
#: a section whose heading (part and section labels) says what the question asks about is where a
#: reader looks first: score factor 1 + HEADING_WEIGHT × (share of the question's weighted terms in it)
HEADING_WEIGHT = 1.0
#: quoted sentences after which the question counts as answered (no new section is opened)
ANSWERED = 2
#: a word in at least this share of the English summary's sentences (those among the contexts) is the
#: summary's own topic word (for the paper's 19 summary sentences: new, quality, productivity): shared
#: with any question on the topic, so it proves nothing
TOPIC_SHARE = 0.5
SUMMARY_MIN_SHARED = 4
#: idf below which a question term is a topic word of the whole corpus (in > ~1/8 of the chunks)
GENERIC_IDF = 2.0
#: the contexts (by rank) whose sentences naming the question's specific terms make the others off-focus
SPECIFIC_CONTEXTS = 3
#: the contexts (by rank) where the item a question asks for by its place is looked for
ITEM_CONTEXTS = 5


@dataclass
class _Scored:
    ctx: int
    start: int
    end: int
    score: float
    #: has at least one of the question's specific (not corpus-wide topic) terms
    specific: bool = True
    #: the ranker's features (`sentence_ranker.FEATURES`)
    features: dict = field(default_factory=dict)
    #: for a line of names, the heading it is read with ("" for any other sentence: see `_sentences`)
    heading: str = ""


class ExtractiveGenerator(Generator):
    name = "extractive"
    #: a ranker feature left out (its ablation model, `sentence_ranker.load(without=…)`); "" = the full ranker
    ranker_without: str = ""
    #: `OTHER_CONTEXT_RATIO` for this generator (`eval.tuning.selection` tries others)
    other_context_ratio: float = OTHER_CONTEXT_RATIO
    #: the last question's term weights: (question, query, the idf table itself, weights): see `weights`
    _weights_memo: tuple[str, str, Mapping[str, float] | None, tuple[dict[str, float], set[str]]] | None = None

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        if request.outline:
            yield from _compose_outline(request)
            return
        picks = request.evidence
        if picks is None:
            picks = self.select(request) or self.front_matter(request)
        if not picks:
            yield _nothing(request.language)
            return
        yield from _compose(self, request, picks)

    # ---------------------------------------------------------------- selection
    def weights(self, request: GenerationRequest) -> dict[str, float]:
        """Feature → weight: rare words of the question count most; history-only words half.

        Computed once per question: selection asks for them several times (candidates, the front
        matter, the summary), and glossary expansion is most of their cost."""
        return self._question_terms(request)[0]

    def own_terms(self, request: GenerationRequest) -> set[str]:
        """The weighted terms of the current question itself (a follow-up's, not its history's)."""
        return self._question_terms(request)[1]

    def _question_terms(self, request: GenerationRequest) -> tuple[dict[str, float], set[str]]:
        # the idf table is compared by identity and held by the memo: an id() alone could be reused
        # by the table of a later index generation
        memo = self._weights_memo
        if memo is not None and memo[:2] == (request.question, request.query) and memo[2] is request.idf:
            return memo[3]
        idf = request.idf
        question, query = (
            selection_text(request.question, request.language, request.mentions),
            selection_text(request.query, request.language, request.mentions),
        )
        main = textmatch.query_terms(self.glossary.expand(question))
        extra = set()
        if query != question:
            extra = textmatch.query_terms(self.glossary.expand(query)) - main
        # a term counts with its idf; without an idf table (tests, a bare request) every term counts 1
        out: dict[str, float] = {}
        for f in main:
            if not idf or f in idf:
                out[f] = idf.get(f, 1.0)
        for f in extra:
            if not idf or f in idf:
                out[f] = 0.5 * idf.get(f, 1.0)
        terms = (out, {f for f in main if f in out})
        self._weights_memo = (request.question, request.query, request.idf, terms)
        return terms

    def bridged_weights(self, request: GenerationRequest) -> dict[str, float]:
        """Feature → idf for the question's words through the cross-lingual bridge (the dictionary's
        Chinese words for an English question's phrases, besides the glossary's): "long-term care"
        reaches 长期 and 照护, which the glossary alone does not know."""
        if not request.bridged:
            return {}
        idf = request.idf
        return {f: idf[f] for f in textmatch.query_terms(request.bridged) if f in idf}

    def defined_terms(self, request: GenerationRequest, concepts_only: bool = False) -> list[str]:
        """Chinese forms of X in "什么是X / X是什么 / What is X": the answer is a sentence "X是…".

        `concepts_only`: only the documents' own concepts, not general vocabulary (载体, 定义).
        """
        q = request.question.strip()
        if not _DEFINITION_Q.search(q):
            return []
        terms = self.glossary.find_zh(q) + self.glossary.find_en(q)
        quoted = _QUOTED_DEFINED.search(q)
        if quoted and not any(quoted.group(1) in form for t in terms for form in t.zh):
            # a term the reader quotes and asks the meaning of ("“依法治藏”是什么意思"), which no glossary holds
            return [quoted.group(1)]
        # "石建勋、徐玲这篇文章是怎么界定新质生产力的": the term next to the definition cue is defined, not
        # another term the question names (the authors)
        slot = _defined_slot(q)
        if slot:
            spans = self.glossary.find_zh_spans(q) + self.glossary.find_en_spans(q)
            inside = [t for a, b, t in spans if a < slot[1] and b > slot[0]]
            if inside:
                terms = [t for t in terms if t in inside]
        # "新质生产力的劳动对象是什么 / What are the objects of labour of new quality productive
        # forces": the question defines its specific term, the topic term only says whose it is
        concepts = [t for t in terms if t.kind == "term"]
        specific = [t for t in concepts if not _generic_term(t.zh_main, request.idf)]
        if len(specific) > 1 and request.idf:
            # in a larger corpus the topic term may pass the idf cut too: the more common one frames
            specific = [max(specific, key=lambda t: _commonest_idf(t.zh_main, request.idf))]
        terms = specific if len(concepts) > 1 and specific else terms
        return [form for t in terms if not concepts_only or t.kind == "term" for form in t.zh]

    def pure_definition_terms(self, request: GenerationRequest) -> list[str]:
        """`defined_terms` when the question asks only what X is ("什么是X？", not "X的主要载体是什么？")."""
        defined = self.defined_terms(request, concepts_only=True)
        rest = self.glossary.translate_en(request.question)
        for form in sorted(defined, key=len, reverse=True):
            rest = rest.replace(form, " ")
        rest = _DEFINITION_FRAME.sub(" ", rest)
        return defined if defined and not textmatch.query_terms(rest) else []

    def candidates(self, request: GenerationRequest) -> list[_Scored]:
        """Every sentence that may be quoted, with its ranker features (`sentence_ranker.FEATURES`).

        Not candidates: the English summary (a supplement, see `summary_sentence`), front matter
        (title and byline: `byline` answers who wrote a document), headings and fragments.
        """
        weights = self.weights(request)
        total = sum(weights.values()) or 1.0
        bridged = self.bridged_weights(request)
        bridged_total = sum(bridged.values()) or 1.0
        defined = self.defined_terms(request)
        # a follow-up's own words ("那日本呢？" → 日本) must appear: history words only set the scene
        own_terms = self.own_terms(request)
        own_total = sum(weights[f] for f in own_terms) or 1.0
        # the years and the mode (target or outcome) the question asks about; a document's own name
        # ("2024年政府工作报告") says where, not when — unless the question names no other year, when
        # the edition's year is the one meant ("2024年政府工作报告提出要开展什么行动")
        full = request.question if periods.asks_year(request.question) else request.query
        in_question = split_mentions(request.question, request.mentions)
        asked = in_question[0] if full == request.question else split_mentions(full, request.mentions)[0]
        if not periods.asks_year(asked):
            asked = full
        # ... the edition's year of a year-end readout ("2013年中央经济工作会议部署了哪些任务") also means the year it
        # plans, its 明年: its tasks are not about another year than the one asked
        edition_only = periods.asks_year(request.question) and not periods.asks_year(in_question[0])
        mode = periods.question_mode(in_question[0])
        mentioned = named_documents(request)
        named = mentioned if len(mentioned) == 1 else set()
        types = asked_types(request.question) - {AUTHORSHIP}
        # a document's name says where to look, not what is asked: its words ("2022", 政府工作) are in the
        # headings of its every part, and do not say which part answers
        name_words = textmatch.query_terms(self.glossary.expand(request.question)) - textmatch.query_terms(
            self.glossary.expand(_unnamed(request.question, request.mentions))
        )
        heading_weights = _distinctive({f: w for f, w in weights.items() if f not in name_words}, request.contexts)
        # (not for "什么是X", where X itself is asked about, nor for follow-ups, whose scene is set by earlier turns)
        follow_up = request.query != request.question
        # an English question's words reach a Chinese text through the bridge only: its renderings count too
        specific = (
            set()
            if defined or follow_up
            else (_specific_terms(weights, request.idf) & own_terms) | _specific_terms(bridged, request.idf)
        )
        # a sentence that spells out a quoted abbreviation of the question (“六保”: 保居民就业、保基本民生…) holds it
        quoted = abbreviations.quoted_abbreviations(request.question)
        out = []
        for rank, chunk in enumerate(request.contexts):
            if chunk.section_id in SUMMARY_SECTIONS or chunk.role == "front":
                continue
            # a sentence of an official translation is read with the original it renders (`translations.Renderings`)
            rendered = request.renderings if request.renderings and request.renderings.applies(chunk) else None
            fit = _section_fit(chunk, heading_weights, total)
            # a text that never says its year is of the year the index reads it to be (`_read_year`): its headings are
            # about that year as well as the one its title plans (a December readout's next year)
            dated = chunk.doc_date or _read_year(chunk.doc_id, request)
            asked_years = periods.years(asked, dated)
            if edition_only:
                asked_years |= periods.planned_by(asked_years, chunk.doc_date)
            headings = _headings(chunk) + (" " + rendered.headings(chunk) if rendered else "")
            if dated != chunk.doc_date:
                headings += f" {dated}年"
            period = periods.fit(asked_years, mode, headings, dated)
            dense = (request.dense or {}).get(chunk.chunk_id, 0.0)
            sentences, n_spans = _sentences(chunk.text, chunk.section_label, chunk.heading_chars)
            headed = {unit[1]: unit[4] for unit in sentences if unit[4]}
            for i, start, end, feats, original in _renderings(chunk, sentences, rendered):
                sentence = chunk.text[start:end]
                read = sentence
                # in a text that never says its year, the years its 今年 / 明年 / 去年 mean are years a sentence names
                # ("今年是…很不平凡的一年" answers "怎样评价2020年"). Not in a dated text: there, measured on the dev split
                # (2026-12-05), it quoted more sentences of the year's plan (20 answers longer) and lost one answer
                if dated != chunk.doc_date:
                    feats = feats | (periods.years(sentence, dated) & weights.keys())
                if start in headed:  # a name list's heading answers to the question's short name ("常委")
                    feats = feats | textmatch.written_out(weights.keys() - feats, headed[start])
                if rendered:
                    read = sentence + "\n" + original
                    feats = feats | textmatch.terms(original)
                for abbreviation, count, word in quoted:
                    if abbreviations.spells_out(sentence, count, word):
                        feats = feats | textmatch.zh_bigrams(abbreviation)
                covered = sum(w for f, w in weights.items() if f in feats)
                bridge_covered = sum(w for f, w in bridged.items() if f in feats)
                if covered <= 0 and bridge_covered <= 0:
                    continue
                has = [sentence_has(t, _without_names(read, request) if t == PERSON else read) for t in types]
                out.append(
                    _Scored(
                        rank,
                        start,
                        end,
                        0.0,
                        specific=not specific or bool(specific & feats),
                        heading=headed.get(start, ""),
                        features={
                            "coverage": covered / total,
                            "bridge_coverage": bridge_covered / bridged_total,
                            "own_coverage": sum(weights[f] for f in own_terms if f in feats) / own_total,
                            "specific": 1.0 if specific & feats else 0.0,
                            "heading_fit": fit,
                            "dense": dense,
                            "rank": 1.0 / (1.0 + rank),
                            "type_match": 1.0 if any(has) else 0.0,
                            "type_miss": 1.0 if types and not any(has) else 0.0,
                            "defines": 1.0 if any(_defines(read, t, request.question) for t in defined) else 0.0,
                            "position": math.log1p(chunk.ordinal + i / max(n_spans, 1)),
                            "first": 1.0 if chunk.ordinal == 0 and i == 0 else 0.0,
                            "length": math.log(1 + len(sentence)),
                            "other_doc": 1.0 if named and _document(chunk, request) not in named else 0.0,
                        }
                        | period,
                    )
                )
        return out

    @staticmethod
    def quoted(request: GenerationRequest, candidate: _Scored) -> str:
        """What quoting a candidate shows: the sentence, widened to its run of clauses (`_whole_run`)."""
        run = _whole_run(candidate, request.contexts[candidate.ctx].text)
        return request.contexts[run.ctx].text[run.start : run.end]

    def score_sentences(self, request: GenerationRequest) -> list[_Scored]:
        """The candidates, each scored by the learned ranker (probability that it answers the question)."""
        # ablating the second look's cosine means no second look, with the whole ranker
        with_second_look = self.ranker_without != sentence_ranker.SENTENCE_COSINE
        ranker = sentence_ranker.load(self.ranker_without if with_second_look else "")
        out = self.candidates(request)
        for s in out:
            s.score = ranker.probability(s.features)
        if with_second_look:
            _second_look(request, out, ranker)
        return out

    def byline(self, request: GenerationRequest) -> list[_Scored]:
        """For "who wrote it, where are they from": the lines after the title in the front matter
        (authors, affiliation), from the first context that is a document's front matter, and the lines of a
        signature closing that document."""
        if not asks_authorship(request.question):
            return []
        for i, chunk in enumerate(request.contexts):
            if chunk.role == "front":
                lines = list(textmatch.line_sentences(chunk.text))
                if (
                    len(lines) == 1
                ):  # "<title>——<date>在…会议上<speaker>": title and byline on one line, the byline follows the dash
                    a, b = lines[0]
                    dash = chunk.text.find("——", a, b)
                    found = [_Scored(i, dash, b, 1.0)] if dash > a else []
                else:
                    found = [_Scored(i, a, b, 1.0) for a, b in lines[1:]]
                # a signature of the same document closing it (国务院 / 2031年8月21日): every line of it is byline
                found += [
                    _Scored(j, a, b, 1.0)
                    for j, other in enumerate(request.contexts)
                    if j > i
                    and other.role == "front"
                    and other.doc_id == chunk.doc_id
                    and other.section_id != chunk.section_id
                    for a, b in textmatch.line_sentences(other.text)
                ]
                # "代表哪一届中央委员会 / 以什么身份 / on whose behalf": the opening of its body says it (我代表…向大会作报告)
                if _ON_BEHALF_Q.search(request.question):
                    found += _first_body_sentence(request.contexts, chunk.doc_id, _ON_BEHALF)
                # "when was it adopted" of a text whose front matter is its title alone: its adoption line, which a
                # read-out communiqué gives as a sentence of its body (…公报，2031年10月29日…全体会议通过)
                if DATE in asked_types(request.question) and not any(
                    _ADOPTED.search(chunk.text[s.start : s.end]) for s in found
                ):
                    found += _first_body_sentence(request.contexts, chunk.doc_id, _ADOPTED)
                # "who presided, who spoke at the plenum": a byline naming no one (（…全体会议通过）) does not say
                # (a Chinese byline: jieba tags its names; an English one is kept)
                shown = [chunk.text[s.start : s.end] for s in found]
                if (
                    _ASKS_WHO.search(request.question)
                    and any(has_han(t) for t in shown)
                    and not any(person_names(t) for t in shown)
                ):
                    return []
                return found
        return []

    def held(self, request: GenerationRequest, scored: list[_Scored]) -> list[_Scored]:
        """For "when / where was <the named meeting> held": the first sentence of the named document's body, when it
        says the meeting was held ("…全体会议，于…在北京举行"). A later sentence on another meeting being held
        ("…全国代表大会于…在北京召开") shares the question's words but not its subject. For "what was it about"
        (`MEETING_TOPIC`), the same sentence when it also says what the meeting did (`AGENDA_CLAUSE`)."""
        when_or_where = MEETING_HELD.search(request.question)
        topic = not when_or_where and MEETING_TOPIC.search(request.question)
        if not (when_or_where or topic):
            return []
        named = named_documents(request)
        if len(named) != 1:
            return []
        body = [i for i, c in enumerate(request.contexts) if c.role == "body" and _document(c, request) in named]
        if not body:
            return []
        first = min(body, key=lambda i: request.contexts[i].char_start)
        opening = min((s for s in scored if s.ctx == first), key=lambda s: s.start, default=None)
        if opening is None and topic:
            # (what a meeting was about may share no word with its opening: "the agenda", 主要议题)
            spans = textmatch.line_sentences(request.contexts[first].text)
            opening = next((_Scored(first, a, b, 0.0) for a, b in spans), None)
        if opening is None or opening.start > request.contexts[first].heading_chars:
            return []
        text = request.contexts[first].text[opening.start : opening.end]
        if topic:
            return [opening] if HELD_SENTENCE.search(text) and AGENDA_CLAUSE.search(text) else []
        # (where it was held, when it names no place: "…下午就…进行第五次集体学习" says when, not where)
        return [opening] if HELD_SENTENCE.search(text) and not place_missing(request.question, [text]) else []

    def _person_doing(self, request: GenerationRequest, scored: list[_Scored]) -> _Scored | None:
        """The best candidate of the best one's document naming a person with what a who-question asks they did
        (`person_actions`), when the best one answers no who-question (`answers_who`: "全会由中央政治局主持" does, a
        body doing it); None otherwise."""
        actions = person_actions(request.question, self.glossary)
        if not actions or not scored or answers_who(_text(request, scored[0]), actions):
            return None
        doc = request.contexts[scored[0].ctx].doc_id
        return next(
            (
                s
                for s in scored
                if request.contexts[s.ctx].doc_id == doc
                and any(a in _text(request, s) for a in actions)
                and names_a_person(_text(request, s))
            ),
            None,
        )

    def nth_item(self, request: GenerationRequest, scored: list[_Scored]) -> list[_Scored]:
        """ "第六条经验讲的是什么", "the eighth of the nine 'musts'": the first sentence opening that item (六是…, （六）…)
        in the leading contexts' sections (the pipeline attaches their chunks holding it), of the best-scored
        context first, whatever words of the question it lacks: the question names the item's place, and seldom
        its words. `scored`: the candidates (in the documents the question names, if any)."""
        n = positions.asked_item(request.question)
        if not n or not scored:
            return []
        contexts = request.contexts
        docs = {contexts[s.ctx].doc_id for s in scored}
        sections = {(c.doc_id, c.section_id) for c in contexts[:ITEM_CONTEXTS] if c.doc_id in docs}
        for ctx, chunk in enumerate(contexts):
            if (chunk.doc_id, chunk.section_id) not in sections:
                continue
            span = positions.item_sentence(chunk.text, n)
            if span:
                item = _Scored(ctx, *span, scored[0].score)
                return [*_section_opening(item, contexts), item]
        return []

    def select(self, request: GenerationRequest, scored: list[_Scored] | None = None) -> list[_Scored]:
        """The sentences to quote (`scored`: the ranked candidates, if already computed)."""
        byline = self.byline(request)
        if byline:
            return byline
        scored = sorted(
            self.score_sentences(request) if scored is None else scored, key=lambda s: s.score, reverse=True
        )
        held = self.held(request, scored)
        if held:
            return held
        if not scored:
            return []
        # sentences reached only through the dictionary bridge (关键 for "key") hold none of the question's
        # own words: a line of the English front matter that holds them ("Key words: …") answers instead
        if not any(s.features.get("coverage") for s in scored):
            front = self.front_matter(request)
            if front:
                return front
        # a sentence sharing only the documents' topic (新质生产力) with the question does not
        # answer what it asks about (劳动对象) when sentences of the best-ranked contexts name that
        # (a lower-ranked one naming it may only share a word: "universities" → 同济大学)
        # a question naming documents asks what they say: another document's sentence, however well
        # it matches, is not their answer (a comparison naming two keeps both)
        named = named_documents(request)
        inside = [s for s in scored if _document(request.contexts[s.ctx], request) in named]
        if inside:
            scored = inside
        # "谁来讲解", "who chaired": the sentence naming someone doing what was asked answers, not the best-scored one
        # with the verb and no name (各位同志认真听取了讲解); the pipeline attaches such a paragraph
        # (`_attach_person_doing`). It is quoted first, beside what the ranking picks.
        doing = self._person_doing(request, scored)
        nth = self.nth_item(request, scored)
        if nth:
            return _with_continuations(nth, request.contexts)
        if any(s.specific and s.ctx < SPECIFIC_CONTEXTS for s in scored):
            scored = [s for s in scored if s.specific]
        defined = self.pure_definition_terms(request)
        defining = [
            s
            for s in scored
            if any(_defines(request.contexts[s.ctx].text[s.start : s.end], t, request.question) for t in defined)
        ]
        if defining:  # "什么是X": the sentences saying "X是…" answer it; the others only mention X
            scored = defining
        # "常委是哪几位", "中纪委书记是谁": where people are asked for and a list of names under a heading the question's
        # words reach is a candidate, the names answer; a sentence naming the posts ("全会选举了中央政治局委员、
        # 中央政治局常务委员会委员…") only says that they were filled, however many of the question's words it holds
        if {PERSON, LIST, COUNT} & asked_types(request.question):
            # (the lines of the section whose heading holds most of the question's words as written, then as written
            # out: the other lists of the text name other posts' holders, and 中央政治局常务委员会委员 writes out every
            # word of 中央政治局委员, which holds them as written)
            best_doc = request.contexts[scored[0].ctx].doc_id
            lists = [s for s in scored if s.heading and request.contexts[s.ctx].doc_id == best_doc]
            if lists:
                weights = self.weights(request)
                lists.sort(key=lambda s: tuple(-x for x in _held_by_heading(s.heading, weights)))
                listed = request.contexts[lists[0].ctx].section_id
                scored = [s for s in lists if request.contexts[s.ctx].section_id == listed]
        across = _compares_documents(request)

        # "两份报告分别…", "…相比有何不同": each named document's best sentence is quoted, and a further
        # sentence is weighed against the best one of its own document (the other's may all score lower)
        each = len(named) > 1 and bool(_SIDE_BY_SIDE.search(request.question))

        def by_doc(s: _Scored) -> str:
            return _document(request.contexts[s.ctx], request) if each else ""

        best: dict[str, float] = {}
        for s in scored:
            best.setdefault(by_doc(s), s.score)
        leads = [next(s for s in scored if by_doc(s) == d) for d in best]
        scored = leads + [s for s in scored if not any(s is lead for lead in leads)]
        # who wrote it, at which meeting it was delivered: one byline answers, another section's lines do not
        byline_asked = asks_authorship(request.question)
        years_asked = periods.years(request.question)
        picks: list[_Scored] = []
        per_ctx: dict[int, int] = {}
        sections: set[tuple[str, str]] = set()
        for s in scored:
            if len(picks) >= MAX_SENTENCES:
                break
            chunk = request.contexts[s.ctx]
            section = (chunk.doc_id, chunk.section_id)
            ratio = SAME_CONTEXT_RATIO if section in sections else self.other_context_ratio
            if picks and (s.score < ratio * best[by_doc(s)] or per_ctx.get(s.ctx, 0) >= MAX_PER_CONTEXT):
                continue
            # the sections already quoted answer the question: a further section would only be a
            # weaker, off-target citation (unless the question compares documents)
            if section not in sections and len(picks) >= ANSWERED and not across:
                continue
            # nor one about another period than the best sentence, which is about the one asked (the byline of
            # another edition of the report asked about, the decade's figure beside the year's); when each named
            # document is asked about, against its own document's best only (the paper has no 2024 to match)
            lead = picks[0] if picks and not each else next((p for p in picks if by_doc(p) == by_doc(s)), None)
            if section not in sections and lead and (byline_asked or _off_period(request, years_asked, lead, s)):
                continue
            picks.append(s)
            per_ctx[s.ctx] = per_ctx.get(s.ctx, 0) + 1
            sections.add(section)
        if doing is not None and doing not in picks:
            picks = [doing, *picks[: MAX_SENTENCES - 1]]
        picks = _each_ask_answered(picks, scored, request, self.glossary)
        picks = _with_explanations(picks, request.contexts, meant_term(request.question))
        if LIST in asked_types(request.question):
            picks = _with_run_in_items(_with_sibling_items(picks, request.contexts), request.contexts)
        return _with_continuations(
            _with_elaborations(picks, scored, request.contexts, request.question), request.contexts
        )

    def front_matter(self, request: GenerationRequest) -> list[_Scored]:
        """The best line of the English front matter (summary, key words) when no sentence of the
        text answers: "What key words does the paper list?" is answered by the key-words line,
        which is a list, not sentences, so it is quoted as a whole line."""
        weights = self.weights(request)
        total = sum(weights.values()) or 1.0
        best: _Scored | None = None
        for i, chunk in enumerate(request.contexts):
            if chunk.section_id not in SUMMARY_SECTIONS:
                continue
            pos = 0
            for line in chunk.text.split("\n"):
                start = pos + len(line) - len(line.lstrip())
                end = pos + len(line.rstrip())
                pos += len(line) + 1
                covered = sum(w for f, w in weights.items() if f in textmatch.terms(line)) / total
                if end > start and covered > 0 and (best is None or covered > best.score):
                    best = _Scored(i, start, end, covered)
        return [best] if best else []

    def summary_sentence(self, request: GenerationRequest) -> tuple[int, int, int] | None:
        """(context, start, end) of the English-summary sentence that covers an English question.

        The summary restates the paper, so it is quoted only where it clearly says the same:
        for a definition question, its sentence defining the term; otherwise a sentence
        sharing at least four content words (besides the paper's topic words) and half of
        the question's.
        """
        want = textmatch.en_terms(self.glossary.expand(request.question))
        defining = bool(self.defined_terms(request))
        need = 0 if defining else SUMMARY_MIN_SHARED
        if not want:
            return None
        best, best_score = None, 0.0
        topic = _topic_words(
            [
                textmatch.en_terms(c.text[s:e])
                for c in request.contexts
                if c.section_id == "summary_en"
                for s, e in _summary_sentences(c.text)
            ]
        )
        for i, chunk in enumerate(request.contexts):
            if chunk.section_id != "summary_en":
                continue
            for start, end in _summary_sentences(chunk.text):
                shared = want & textmatch.en_terms(chunk.text[start:end])
                score = len(shared) / len(want)
                if len(shared - topic) >= need and score > best_score:
                    if defining and not re.search(r"\bis an?\b", chunk.text[start:end]):
                        continue
                    best, best_score = (i, start, end), score
        return best if best_score >= 0.5 else None


#: a question asking on whose behalf a report was delivered
_ON_BEHALF_Q = re.compile(
    r"代表(?:哪|什么|谁)|什么身份|以.{0,4}身份|\bon (?:whose|what) behalf\b|\bin what capacity\b", re.I
)
#: the sentence of a report's opening that says on whose behalf it is delivered ("我代表国务院，向大会报告政府工作")
_ON_BEHALF = re.compile(r"我代表[^。；]{1,30}?(?:向大会|作报告|报告)|\bon behalf of\b", re.I)


def _section_opening(item: _Scored, contexts: list[Chunk]) -> list[_Scored]:
    """The first sentence of the item's section, which announces what its items are ("会议部署城市工作7个方面的重点
    任务。"), when a context holds it and it is not the item itself."""
    chunk = contexts[item.ctx]
    for ctx, c in enumerate(contexts):
        if (c.doc_id, c.section_id, c.ordinal) == (chunk.doc_id, chunk.section_id, 0):
            first = next((s for s in textmatch.line_sentences(c.text) if s[0] >= c.heading_chars), None)
            if first and (ctx, *first) != (item.ctx, item.start, item.end):
                return [_Scored(ctx, first[0], first[1], item.score)]
    return []


#: a dated adoption line (2031年10月29日…全体会议通过, 二〇三一年…通过): a date with its day, then 通过
_ADOPTED = re.compile(rf"(?:{ZH_DATE.pattern})(?<=[日号])[^。；;\n]{{0,60}}?通过")


def _first_body_sentence(contexts: list[Chunk], doc_id: str, pattern: re.Pattern) -> list[_Scored]:
    """The first sentence of the document's body among the contexts that matches `pattern`: the one that says on
    whose behalf it is delivered (`_ON_BEHALF`), or when it was adopted (`_ADOPTED`)."""
    found = (
        _Scored(i, a, b, 1.0)
        for i, c in enumerate(contexts)
        if c.doc_id == doc_id and c.role != "front"
        for a, b in textmatch.line_sentences(c.text)
        if pattern.search(c.text[a:b])
    )
    return list(itertools.islice(found, 1))


def _second_look(request: GenerationRequest, scored: list[_Scored], ranker: sentence_ranker.SentenceRanker) -> None:
    """When the ranker barely tells its two best candidates apart, the embedder's cosine of the question and
    each sentence decides their order (`sentence_ranker.second_look`): their scores are exchanged if the
    second one wins (`sentence_ranker.looks_again` says when they get it). The other candidates, and the set of
    scores the selection and the refusal read, stay."""
    model = sentence_ranker.second_look()
    if model is None or request.similarity is None or len(scored) < 2:
        return
    first, second = sorted(scored, key=lambda s: s.score, reverse=True)[:2]
    margins = (ranker.margin(first.features), ranker.margin(second.features))
    texts = (
        request.contexts[first.ctx].text[first.start : first.end],
        request.contexts[second.ctx].text[second.start : second.end],
    )
    if not sentence_ranker.looks_again(margins, texts):
        return
    looks = [
        model.margin({"margin": m, sentence_ranker.SENTENCE_COSINE: c})
        for m, c in zip(margins, request.similarity(list(texts)))
    ]
    if looks[1] > looks[0]:
        first.score, second.score = second.score, first.score


def _off_period(request: GenerationRequest, years_asked: set[str], best: _Scored, candidate: _Scored) -> bool:
    """Is `candidate` about another period than the best sentence, which is about the one asked: the best fits the
    year asked (`periods.fit`) and the candidate does not, or the candidate names only other years (`_other_year`)?"""
    if best.features.get("year_match") and not candidate.features.get("year_match"):
        return True
    return _other_year(request, best, candidate, years_asked)


def _other_year(
    request: GenerationRequest, best: _Scored, candidate: _Scored, years_asked: set[str] | None = None
) -> bool:
    """Does `candidate` name years (`periods.years`), none of them one the question names, while `best` names one
    it does? `years_asked`: the question's years, if already read."""
    asked = periods.years(request.question) if years_asked is None else years_asked
    if not asked:
        return False
    said = periods.years(_text(request, candidate))
    return bool(said) and not said & asked and bool(periods.years(_text(request, best)) & asked)


def _text(request: GenerationRequest, s: _Scored) -> str:
    return request.contexts[s.ctx].text[s.start : s.end]


def _held_by_heading(heading: str, weights: Mapping[str, float]) -> tuple[float, float]:
    """The weight of the question's words a name list's heading holds as written, then as written or written out
    (常委 in 常务委员会委员): of a text's lists, the one whose heading holds most is quoted."""
    written = textmatch.terms(heading)
    out = written | textmatch.written_out(weights.keys() - written, heading)
    return sum(w for f, w in weights.items() if f in written), sum(w for f, w in weights.items() if f in out)


def _read_year(doc_id: str, request: GenerationRequest) -> str:
    """The year the index reads an undated text to be of (`assistant.mentions`: a December readout planning 2021 is of
    2020), "" when it cannot tell."""
    known = request.mentions.by_id.get(doc_id) if request.mentions is not None else None
    return known.year if known is not None else ""


def named_documents(request: GenerationRequest) -> set[str]:
    """The documents the question names (`assistant.mentions`), else those its earlier questions named
    (a follow-up's scene): translations count as their originals (`_document`)."""
    named = _named_in(request.question, request) or {
        d for turn in request.history if turn.get("role") == "user" for d in _named_in(turn["content"], request)
    }
    return named


def selection_text(question: str, language: str, mentions) -> str:
    """The words of a question that sentence selection weighs. In an English question, without the names of the
    documents it names: a name says where to look, not what to quote, and its bridged Chinese is one rare word
    ("the 2015 Central Economic Work Conference" → 中央经济工作会议) that outweighed the question's content words, so the
    readout's opening ("中央经济工作会议12月18日至21日在北京举行") was quoted for "what are the five policy pillars". Not
    in a Chinese question (measured on the development and external sets, 2026-12-03: in English, answer hit on the
    external texts 0.730 → 0.754; in Chinese 0.891 → 0.889 and two more development near misses answered), nor in a
    question for a person, a date or an author: it asks about the meeting or text itself ("who presided over …",
    "when and where was the plenum held"), which its opening, holding the name, answers. `mentions`: the index's
    `DocumentMentions` (None: the question itself)."""
    if language != "en" or asked_types(question) & {PERSON, DATE, AUTHORSHIP}:
        return question
    return _unnamed(question, mentions)


def _unnamed(text: str, mentions) -> str:
    """The text without the names of documents it names (`mentions`: the index's `DocumentMentions`): a name says
    where to look, not what is asked ("the 2022 report": its year and words are in the headings and sentences of
    that report's every part); the whole text when nothing else is left."""
    rest = split_mentions(text, mentions)[0]
    return rest if textmatch.query_terms(rest) else text


def _without_names(sentence: str, request: GenerationRequest) -> str:
    """A sentence without the names of documents in it: a meeting's own name ("…中央委员会第四次全体会议于…举行")
    holds a body's word, but does not say who did what the question asks."""
    return split_mentions(sentence, request.mentions)[0]


def _named_in(text: str, request: GenerationRequest) -> set[str]:
    """The documents a text names, a translation counted as its original (`_original`)."""
    return {_original(d, request) for d in split_mentions(text, request.mentions)[1]}


def _document(chunk: Chunk, request: GenerationRequest) -> str:
    """The document a chunk is named by (`_original`)."""
    return _original(chunk.doc_id, request)


def _original(doc_id: str, request: GenerationRequest) -> str:
    """An official translation and its original are one document to a reader who names it ("the 2022
    report" finds either; an English question reads the translation): the original's id stands for both."""
    pairs = request.renderings.pairs.by_translation if request.renderings else {}
    return pairs[doc_id].source_id if doc_id in pairs else doc_id


#: "what does each say": the words of `_EACH`, which `_SIDE_BY_SIDE` widens
_EACH_ZH, _EACH_EN = "分别|各自|两份|两篇|二者|两者", "each|both"
#: a question for a person ("who delivered…", 由谁作): a byline answers it only by naming someone
_ASKS_WHO = re.compile(r"\bwho\b|\bwhom\b|谁", re.I)
_EACH = re.compile(rf"{_EACH_ZH}|\b(?:{_EACH_EN})\b", re.I)
#: a question setting documents side by side ("相比", "有何不同", "compare"): not one name that fits two
#: documents of one event ("二十届三中全会": its communiqué and its decision)
_SIDE_BY_SIDE = re.compile(
    rf"{_EACH_ZH}|相比|比较|对比|区别|不同|异同|\b(?:{_EACH_EN}|compar\w*|differ\w*|versus|vs)\b", re.I
)


def _compares_documents(request: GenerationRequest) -> bool:
    """The question asks what *each* document says: its answer spans sections by design."""
    return len(_named_in(request.question, request)) >= 2 or bool(_EACH.search(request.question))


def _specific_terms(weights: dict[str, float], idf: Mapping[str, float]) -> set[str]:
    """The question's terms that are not corpus-wide topic words: a term in more than about one
    chunk in eight (新质生产力, 发展) frames the question, the rarer ones say what it asks about."""
    if not idf:
        return set()
    return {f for f in weights if idf.get(f, GENERIC_IDF) >= GENERIC_IDF}


def _generic_term(zh: str, idf: Mapping[str, float]) -> bool:
    """A term all of whose features are corpus-wide topic words (新质生产力, 生产力)."""
    feats = textmatch.terms(zh)
    return bool(idf and feats) and all(idf.get(f, GENERIC_IDF) < GENERIC_IDF for f in feats)


def _commonest_idf(zh: str, idf: Mapping[str, float]) -> float:
    """The idf of a term's most common feature (生产 for 新质生产力): how much it is a topic word."""
    return min((idf.get(f, GENERIC_IDF) for f in textmatch.terms(zh)), default=GENERIC_IDF)


def _headings(chunk: Chunk) -> str:
    return " ".join(chunk.section_path) or chunk.section_label


def _distinctive(weights: dict[str, float], contexts: list[Chunk]) -> dict[str, float]:
    """Question-term weights for heading matching, scaled by how few of the candidate sections'
    headings carry the term: 新质生产力 is in nearly every heading of the paper and says nothing
    about *which* section answers; 战略意义 is only in part 二's."""
    sections = {(c.doc_id, c.section_id): textmatch.terms(_headings(c)) for c in contexts}
    n = len(sections)
    if n < 2:
        return {}
    top = math.log((n + 1) / 0.5)
    out = {}
    for f, w in weights.items():
        df = sum(1 for have in sections.values() if f in have)
        if df:
            out[f] = w * math.log((n + 1) / (df + 0.5)) / top
    return out


def _section_fit(chunk: Chunk, weights: dict[str, float], total: float) -> float:
    """How well the chunk's headings fit the question: their share of its terms.

    The paper's parts are organised by topic (二、…重大战略意义): a question about the strategic
    significance is answered under the heading that says so, even when another section shares more
    words. (A report's parts are organised by year: that is `periods.fit`.)
    """
    have = textmatch.terms(_headings(chunk))
    return 1.0 + HEADING_WEIGHT * sum(w for f, w in weights.items() if f in have) / total


def _summary_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Full sentences of the English summary (its title and author lines stay out)."""
    for a, b in textmatch.line_sentences(text):
        if b - a > 40 and text[a:b].endswith((".", ";", "。", "；")):
            yield a, b


_DEFINITION_Q = re.compile(
    r"什么是|是什么(?!时候|时间|地方)|指的是|指什么|含义|定义|界定|内涵|^\s*(?:what|who)\s+(?:is|are|was|were)\b"
    r"|\bwhat\b[^?.]{1,80}\b(?:is|are)\s*[?.!]*\s*$|\bdefin|\bmean(?:s|ing)?\b(?!\s+of\b)",
    re.I,
)
#: a term quoted right before the cue asking what it means ("“依法治藏”是什么意思", "“两个维护”的含义是什么")
_QUOTED_DEFINED = re.compile(
    rf"[“\"]({HAN_CLASS}{{2,12}})[”\"](?:的(?:含义|意思|内涵)|是什么意思|指的是什么|指什么|是什么)"
)
#: what a definition question may say besides the term: "论文是怎么定义的" adds nothing to ask about
_DEFINITION_FRAME = re.compile(
    r"什么|是|怎么|怎样|如何|的|了|吗|呢|请问?|告诉我|一下|然后|那么|论文|报告|文章|作者|定义|含义|内涵|界定|概念|意思|认为|指|所谓"
    r"|\b(?:mean(?:s|ing)?|defin\w*|concept|term|notion)\b",
    re.I,
)


#: where a definition question names what it asks to define: after 什么是 / 界定 / define, or before 是什么 /
#: 指的是 / 的含义 / mean
_DEFINED_SLOT = (
    re.compile(r"(?:给|对)([^？?，,。；]{1,30}?)(?:下|作出?|做出?)?的?(?:定义|界定)"),
    re.compile(r"(?:什么是|何谓|何为|所谓|界定|定义)([^？?，,。；]{1,30})"),
    re.compile(r"([^？?，,。；]{1,30}?)(?:是什么(?!时候|时间|地方)|指的是|指什么|是指|的含义|的内涵|的定义|的概念)"),
    re.compile(
        r"\b(?:what (?:is|are|was|were)|defines?|definition of|meaning of|mean by|concept of)\s+([^?.]{1,80})", re.I
    ),
    re.compile(r"\b(?:what does|what do)\s+([^?.]{1,80}?)\s+mean\b", re.I),
)


def _defined_slot(question: str) -> tuple[int, int] | None:
    """(start, end) of the words a definition question asks to define (the first cue that matches)."""
    for pattern in _DEFINED_SLOT:
        m = pattern.search(question)
        if m:
            return m.span(1)
    return None


def _defines(sentence: str, term: str, question: str = "") -> bool:
    """The sentence says what `term` is: "X是…", "X为…", "X指…", "X，就是要…", X opening a clause; or what the part of X
    the question asks about is ("X的劳动力为…" for "X的劳动力是什么", not for "什么是X": that defines another concept)."""
    for m in re.finditer(re.escape(term) + r"(的[^，。；]{0,6}?)?(?:[，,]?就是|是|为|指|即)", sentence):
        if m.start() and han_count(sentence[m.start() - 1]):
            continue  # the term is not the clause's subject ("从A到X是…")
        part = (m.group(1) or "")[1:]
        if not part or (question and part in question):
            return True
    return False


#: a paragraph's headline sentence is at most this long (Han characters, or English words × 2)
HEADLINE_CHARS = 16


#: the reporting frame that opens a communiqué's or a readout's paragraph ("全会提出，", "会议强调，"): who says it,
#: not what is said (a closed class of reporting verbs after a short subject)
_REPORTED = re.compile(rf"^[^，。；：,;:\n]{{1,6}}{REPORTED}")


def _headline(text: str, start: int, end: int) -> bool:
    """A short sentence that opens a paragraph the rest of which elaborates it ("加大吸引外资力度。" then
    the measures; "全会提出，形成强大国内市场，构建新发展格局。" then how): it names the topic, the sentences
    after it say what is done about it. A reporting frame does not count towards its length."""
    if start > 0 and text[start - 1] != "\n" and not _ITEM.match(text[start:end]):
        return False
    rest = text[end:].split("\n", 1)[0]
    sentence = _REPORTED.sub("", text[start:end])
    size = han_count(sentence) or 2 * len(sentence.split())
    return size <= HEADLINE_CHARS and _substantial(rest)


def _line_end(text: str, pos: int) -> int:
    """Where the paragraph (line) holding `pos` ends: its line break, or the end of the text."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


#: jieba's tags of words that carry no content of their own: function words (`textmatch.FUNCTION_TAGS`: 另一方面),
#: adverbs (必须), punctuation
_FRAME_TAGS = (*textmatch.FUNCTION_TAGS, "d", "x", "w")


#: words that only say a topic must be handled or grasped ("要正确处理一致性和多样性的关系。"): a sentence made of the
#: question's words and these names the topic; the sentences after it say how
_HANDLING = frozenset("要 正确 处理 处理好 正确处理 把握 把握好 正确把握 妥善 认识 理解".split())


def _restates(sentence: str, question: str) -> bool:
    """Does a Chinese sentence only repeat the Chinese question: is every word of it that carries content written in
    the question or one of `_HANDLING` ("另一方面，推动大众创业、万众创新。" for "推动大众创业、万众创新有什么好处？",
    "要正确处理一致性和多样性的关系。" for "怎么讲一致性和多样性的关系？")? It names the topic asked about; the sentence
    after it says what the question asks."""
    if not has_han(question) or not has_han(sentence):
        return False
    return all(
        word in question or word in _HANDLING for word, tag in pos_tags(sentence) if not tag.startswith(_FRAME_TAGS)
    )


def _with_elaborations(
    picks: list[_Scored], scored: list[_Scored], contexts: list[Chunk], question: str = ""
) -> list[_Scored]:
    """A picked headline says only what the paragraph (or the run-in item: "三是着力建设宜居城市。…") is about, and a
    sentence restating the question only what it asks about (`_restates`): the best-ranked other sentence of its
    paragraph after it is quoted after it, or, when none shares a word with the question ("坚决打好蓝天保卫战。" then
    "加快解决燃煤污染问题。"), the sentence right after it; unless one is picked already."""
    out = list(picks)
    for s in picks:
        text = contexts[s.ctx].text
        headline = _headline(text, s.start, s.end)
        if not headline and not _restates(text[s.start : s.end], question):
            continue
        # what elaborates it: the rest of its paragraph, or of its run-in item, up to the next ("四是…")
        after = [(a, b) for a, b in textmatch.line_sentences(text[: _line_end(text, s.end)]) if a >= s.end]
        if _ITEM.match(text[s.start : s.end]):
            after = after[: next((i for i, (a, b) in enumerate(after) if _ITEM.match(text[a:b])), len(after))]
        if not after or any(p.ctx == s.ctx and after[0][0] <= p.start < after[-1][1] for p in out):
            continue
        same = [c for c in scored if c.ctx == s.ctx and after[0][0] <= c.start < after[-1][1]] if headline else []
        if same:
            out.append(dataclasses.replace(max(same, key=lambda c: c.score), score=s.score * 0.999))
        else:
            out.append(_Scored(s.ctx, after[0][0], after[0][1], s.score * 0.999))
    return out


#: "“X”是什么意思 / 具体指什么 / 怎么理解", "what does “X” mean": the reader wants X explained, not mentioned
_MEANING_Q = re.compile(
    r"什么意思|何意|指什么|指的是什么|含义|怎么理解|如何理解|\bwhat (?:does|do|did)\b.*\bmean\b|\bwhat is meant by\b"
    r"|\bmeaning of\b",
    re.I,
)
#: the quoted Chinese phrase a meaning question asks about (a slogan: 先立后破-like, two to eight characters)
_QUOTED_PHRASE = re.compile(rf"[“\"‘'「]({HAN_CLASS}{{2,8}})[”\"’'」]")
#: the sentences after a mention that are searched for its explanation (a bound on the walk, not a tuned figure)
EXPLAINED_WITHIN = 3


def meant_term(question: str) -> str:
    """The quoted phrase a meaning question asks to explain ("“稳中求进”具体指什么？" → 稳中求进); "" otherwise."""
    if not _MEANING_Q.search(question):
        return ""
    m = _QUOTED_PHRASE.search(question)
    return m.group(1) if m else ""


def explanation_after(text: str, start: int, end: int, term: str) -> tuple[int, int] | None:
    """The sentence of the paragraph after a mention of `term` (text[start:end]) that explains it part by part:
    one of the next few that holds two or more of the term's characters without the term itself. A slogan is
    explained so, its words taken up one by one (“稳中求进”: 稳是…，进是…); the sentence naming it says only that
    it is to be followed."""
    if len(term) < 2 or term not in text[start:end]:
        return None
    line_end = _line_end(text, end)
    after = [(a, b) for a, b in textmatch.line_sentences(text) if end <= a < line_end][:EXPLAINED_WITHIN]
    for a, b in after:
        sentence = text[a:b]
        if term not in sentence and len(set(term) & set(sentence)) >= 2:
            return a, b
    return None


def _with_explanations(picks: list[_Scored], contexts: list[Chunk], term: str) -> list[_Scored]:
    """A picked sentence that only mentions the phrase a meaning question asks about is quoted with the sentence
    that explains it (`explanation_after`), unless that one is picked already."""
    if not term:
        return picks
    out = list(picks)
    for s in picks:
        span = explanation_after(contexts[s.ctx].text, s.start, s.end, term)
        if span and not any(p.ctx == s.ctx and (p.start, p.end) == span for p in out):
            out.append(dataclasses.replace(s, start=span[0], end=span[1], score=s.score * 0.999))
    return out


#: a quotable sentence of a chunk: its index among the chunk's sentences, start, end, lexical features, and for a line
#: of names the heading it is read with ("" for any other sentence)
_Unit = tuple[int, int, int, frozenset[str], str]


@lru_cache(maxsize=1024)
def _sentences(text: str, section_label: str, heading_chars: int) -> tuple[tuple[_Unit, ...], int]:
    """The sentences of a chunk that may be quoted — (index among its sentences, start, end, lexical
    features, and for a line of names the heading it is read with) — and how many sentences it has. Not
    quotable: fragments, headings, the heading's characters. A chunk's text is fixed, and the same chunks come
    back for many questions, so this is worked out once per chunk (bounded: about 30 kB a chunk), not once per
    question."""
    spans = list(textmatch.line_sentences(text))
    body = [span for span in spans if span[1] > heading_chars]
    out = []
    label = ""  # the last line before a name list that is no sentence: what the names are ("常务委员会委员")
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if lists_names(sentence, alone=body == [(start, end)]) and end > heading_chars:
            # a list of names says who they are only under its heading: it is read with it
            heading = f"{section_label} {label}"
            out.append((i, start, end, frozenset(textmatch.terms(f"{heading} {sentence}")), heading))
            continue
        # (not the heading line itself, which the section's label already says)
        label = "" if re.search(r"[。！？]$", sentence) or textmatch.is_heading(sentence, section_label) else sentence
        if _substantial(sentence) and not textmatch.is_heading(sentence, section_label) and end > heading_chars:
            out.append((i, start, end, frozenset(textmatch.terms(sentence)), ""))
    return tuple(out), len(spans)


def _renderings(
    chunk: Chunk, sentences: tuple[_Unit, ...], rendered
) -> list[tuple[int, int, int, frozenset[str], str]]:
    """The quotable units of a chunk, each with the original text it renders ("" outside a translation).

    A translation may render one original sentence in several ("加大研发费用加计扣除政策实施力度，…，
    这相当于…" in three English sentences): each alone is read with the same original, so all of them
    scored alike and were quoted one after another, each citing that same original. Consecutive
    sentences of one paragraph rendering the same original are one unit: quoted together, cited once.
    """
    if rendered is None:
        return [(i, a, b, feats, "") for i, a, b, feats, _ in sentences]
    out: list[tuple[int, int, int, frozenset[str], str]] = []
    for i, a, b, feats, _ in sentences:
        original = rendered.original(chunk, a, b)
        if out and original and out[-1][4] == original and "\n" not in chunk.text[out[-1][2] : a]:
            first, start, _, have, _ = out[-1]
            out[-1] = (first, start, b, have | feats, original)
        else:
            out.append((i, a, b, feats, original))
    return out


def _substantial(sentence: str) -> bool:
    """Is it a sentence that may answer, not a fragment: eight Chinese characters, or five when it is a whole sentence
    (王毅作总结讲话。 says who gave the closing speech; a heading or a lead-in line ends in no full stop), or five words."""
    cjk = han_count(sentence)
    return (
        cjk >= 8 or (cjk >= 5 and re.search(r"[。！？]$", sentence.strip()) is not None) or len(sentence.split()) >= 5
    )


#: a lead-in that announces an enumeration: "以下四个方面", "主要做了以下工作。", "贯彻以下原则：", "要抓好以下几方面："
ENUM_INTRO = re.compile(
    r"以下[^。；！？\n]{0,16}?(?:[：:]|方面|[几\d一二三四五六七八九十两]+[点项条]|工作|原则|措施|任务|要求|重点)"
    r"|\bas follows\b|\bthe following(?:\s+\w+){0,3}\s*[:：]",
    re.I,
)
#: the start of an enumeration's item: 一是 / 二是, 第一, （一）, 1., 首先 / 其次 / 最后, ——
_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,：:]|（[一二三四五六七八九十]+）|\d{1,2}[.．、）)]"
    r"|首先|其次|再次|然后|最后|此外|另一方面|——)"
)
#: an item list is quoted up to this many items; a run of clauses joined by ； up to this many characters,
#: or up to `LIST_RUN_CHARS` when its first clause announces the list with a colon ("贯彻以下原则：…；…")
MAX_ITEMS = 9
RUN_CHARS = 320
LIST_RUN_CHARS = 800


#: the clauses of a question that asks two things or more ("由谁主持，谁作了重要讲话", "who presided, and who spoke?")
_ASKS = re.compile(r"[，,；;]\s*(?:and\s+)?|\s+and\s+(?=(?:who|what|when|where|which|how|why)\b)", re.I)
_ASKING = re.compile(r"什么|哪|多少|几|怎|谁|为何|何时|\b(?:who|what|when|where|which|how|why)\b", re.I)
#: a clause's own best sentence is quoted when it scores at least this share of the best sentence's score: the best
#: sentence answers the clause the question's words favour most, and the other ask's sentence may score far below it
#: ("全会由中央政治局主持。" 0.22 beside the speech sentence's 0.75), but not among the noise (below 0.02)
ASK_RATIO = 0.1


def _each_ask_answered(picks: list[_Scored], scored: list[_Scored], request, glossary) -> list[_Scored]:
    """A question asking two things wants both answered: for each of its clauses that asks something and whose own
    words (those the other clauses do not share, weighed by the corpus idf) no quoted sentence holds, the sentence
    of the quoted document holding most of them is quoted too (among those scoring `ASK_RATIO` of the best)."""
    clauses = [c for c in _ASKS.split(request.question) if _ASKING.search(c)]
    if len(clauses) < 2 or not picks:
        return picks
    words = [
        {w for w in tokenize(glossary.expand(c)) if len(w) >= 2 and w in request.idf and not _ASKING.search(w)}
        for c in clauses
    ]
    document = request.contexts[picks[0].ctx].doc_id
    eligible = [
        s for s in scored if request.contexts[s.ctx].doc_id == document and s.score >= ASK_RATIO * picks[0].score
    ]
    out = list(picks)
    for i, own in enumerate(words):
        distinctive = own - set().union(*(w for j, w in enumerate(words) if j != i))

        def mass(s: _Scored, these: set[str] = distinctive) -> float:
            text = request.contexts[s.ctx].text[s.start : s.end].lower()
            return sum(request.idf[w] for w in these if w in text)

        if not distinctive or len(out) >= MAX_SENTENCES or any(mass(p) for p in out):
            continue
        best = max(eligible, key=mass, default=None)
        if best is not None and mass(best) > 0:
            out.append(best)
    return out


def _with_continuations(picks: list[_Scored], contexts: list[Chunk]) -> list[_Scored]:
    """A picked piece of an enumeration is incomplete alone: quote the enumeration.

    - A clause that a ； joins to its neighbours ("今年发展主要预期目标是：国内生产总值增长5%左右；
      城镇新增就业…；…。") is one item of a list: the whole run up to the full stop is quoted, when
      it is short enough to read (`RUN_CHARS`), else the clause and the ones after it up to that length.
    - A run that opens a line after a one-sentence line ending in a colon ("今年…主要预期目标是：" / next line
      "国内生产总值增长8%左右；…") continues that line: the lead-in is quoted before it, as it names what the
      run lists.
    - A lead-in ("主要做了以下工作。", "要抓好以下几方面：", any sentence ending in a colon) says
      nothing alone: the items that follow it (一是…, 二是…; 首先…, 其次…; ——…) are added, the
      first sentence of each (its headline), also from the section's next chunks among the contexts.
    """
    out: list[_Scored] = []
    for s in picks:
        whole = _whole_run(s, contexts[s.ctx].text)
        out.extend(_run_before_chunk(whole, contexts))
        # a lead-in already quoted keeps its place and score (`_ordered` puts it before its line)
        for lead in _lead_in_line_before(whole, contexts[s.ctx].text):
            if all((p.ctx, p.start, p.end) != (lead.ctx, lead.start, lead.end) for p in picks + out):
                out.append(lead)
        out.append(whole)
        out.extend(_run_across_chunks(whole, contexts))
        sentence = contexts[s.ctx].text[whole.start : whole.end]
        if _leads_in(sentence):
            items = _items_after(whole, contexts)
            if not items and sentence.rstrip().endswith(("：", ":")):
                items = _lines_after(whole, contexts[s.ctx].text)
            out.extend(items)
        else:
            for run in _announced_after(whole, contexts[s.ctx].text):
                out.append(run)
                out.extend(_run_across_chunks(run, contexts))
    return out


#: a sentence that opens by announcing what the one before it names ("主要有：…", "具体包括：…")
_ANNOUNCES = re.compile(r"^[^，。；：:,;\n]{1,6}[：:]")


def _announced_after(pick: _Scored, text: str) -> list[_Scored]:
    """ "…面临不少困难和问题。主要有：…；…。": the next sentence of the paragraph lists what the picked one
    names, so its run is quoted too."""
    line_end = _line_end(text, pick.end)
    after = [(a, b) for a, b in textmatch.line_sentences(text[:line_end]) if a >= pick.end]
    if not after or not _ANNOUNCES.match(text[after[0][0] : after[0][1]]):
        return []
    return [_whole_run(_Scored(pick.ctx, after[0][0], after[0][1], pick.score), text)]


def _lead_in_line_before(run: _Scored, text: str) -> list[_Scored]:
    """The line before `run` when `run` opens a line and lists (clauses joined by ；, an item, a line without end
    punctuation) and that line is one sentence ending in a colon. A salutation ("各位代表：") is followed by a
    sentence, not a list."""
    quoted = text[run.start : run.end].rstrip()
    listing = re.search("[；;]", quoted) or opens_item(quoted) or not quoted.endswith(tuple(".。!?！？"))
    if run.start == 0 or text[run.start - 1] != "\n" or not listing:
        return []
    begin = text.rfind("\n", 0, run.start - 1) + 1
    line = list(textmatch.line_sentences(text[begin : run.start - 1]))
    if len(line) != 1 or not text[begin : run.start - 1].rstrip().endswith(("：", ":")):
        return []
    a, b = line[0]
    return [_Scored(run.ctx, begin + a, begin + b, run.score)]


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of clause runs: consecutive sentences of one line joined by ； (or ;)."""
    runs: list[tuple[int, int]] = []
    joined = False
    for a, b in textmatch.line_sentences(text):
        if joined and runs and "\n" not in text[runs[-1][1] : a]:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
        joined = text[a:b].rstrip().endswith(("；", ";"))
    return runs


def _whole_run(s: _Scored, text: str) -> _Scored:
    """`s` widened to its clause run (see `_with_continuations`)."""
    for a, b in _runs(text):
        if a <= s.start and s.end <= b and (a, b) != (s.start, s.end):
            first = next(textmatch.line_sentences(text[a:b]))
            limit = LIST_RUN_CHARS if re.search("[：:]", text[a : a + first[1]]) else RUN_CHARS
            if b - a <= limit:
                return dataclasses.replace(s, start=a, end=b)
            end = s.end
            for x, y in textmatch.line_sentences(text[:b]):
                if x >= s.end and y - s.start <= limit:
                    end = y
            return dataclasses.replace(s, end=end)
    return s


def _neighbour(contexts: list[Chunk], ctx: int, step: int) -> int | None:
    """The context holding the chunk `step` places after (or before) context `ctx` in its section, if any."""
    base = contexts[ctx]
    for i, c in enumerate(contexts):
        if (c.doc_id, c.section_id) == (base.doc_id, base.section_id) and c.ordinal == base.ordinal + step:
            return i
    return None


#: a sentence is followed across at most this many chunk boundaries (one longer than a chunk spans two or three)
MAX_CUTS = 3


def _run_across_chunks(run: _Scored, contexts: list[Chunk]) -> list[_Scored]:
    """The rest of a sentence or clause run that chunk boundaries cut: the clauses of each next chunk's first
    run that the quoted text does not already hold (chunks overlap by a sentence or so)."""
    out: list[_Scored] = []
    piece = run
    for _ in range(MAX_CUTS):
        text = contexts[piece.ctx].text
        ctx = _neighbour(contexts, piece.ctx, 1)
        if piece.end < len(text.rstrip()) or not ends_mid_sentence(text) or ctx is None:
            break
        quoted = text[piece.start : piece.end]
        body = contexts[ctx].text
        first = _runs(body)[0]
        rest = [(a, b) for a, b in textmatch.line_sentences(body) if first[0] <= a and b <= first[1]]
        rest = [(a, b) for a, b in rest if body[a:b] not in quoted]
        if not rest:
            break
        start = rest[0][0] + _overlap(quoted, body[rest[0][0] : rest[-1][1]])
        if start >= rest[-1][1]:
            break
        piece = _Scored(ctx, start, rest[-1][1], run.score)
        out.append(piece)
    return out


def _run_before_chunk(run: _Scored, contexts: list[Chunk]) -> list[_Scored]:
    """The beginning of a sentence that chunk boundaries cut before the quoted run: the last run of each
    previous chunk that stops inside a sentence, while the text quoted so far opens its chunk."""
    out: list[_Scored] = []
    piece = run
    for _ in range(MAX_CUTS):
        text = contexts[piece.ctx].text
        ctx = _neighbour(contexts, piece.ctx, -1)
        if text[: piece.start].strip() or ctx is None or not ends_mid_sentence(contexts[ctx].text):
            break
        body = contexts[ctx].text
        a, b = _runs(body)[-1]
        end = b - _overlap(body[a:b], text[piece.start : piece.end])
        if a >= end:
            break
        piece = _Scored(ctx, a, end, run.score)
        out.insert(0, piece)
    return out


#: a shared end and start shorter than this is chance ("的"), not text that two chunks both hold
MIN_OVERLAP = 4


def _overlap(before: str, after: str) -> int:
    """Length of the longest end of `before` that `after` starts with (overlapping chunks repeat text)."""
    for n in range(min(len(before), len(after)), MIN_OVERLAP - 1, -1):
        if after.startswith(before[-n:]):
            return n
    return 0


def _leads_in(sentence: str) -> bool:
    tail = sentence.rstrip()
    return tail.endswith(("：", ":")) or bool(ENUM_INTRO.search(tail))


def _lines_after(lead: _Scored, text: str) -> list[_Scored]:
    """What follows a colon without item markers: a bare list of lines without end punctuation
    ("GDP growth of around 5.5 percent" …), else the next two sentences ("如下界定：" + the definition)."""
    after = [(a, b) for a, b in textmatch.line_sentences(text) if a >= lead.end]
    bare = []
    for a, b in after[:MAX_ITEMS]:
        if text[a - 1] != "\n" or text[b - 1] in ".。!?！？；;":
            break
        bare.append(_Scored(lead.ctx, a, b, lead.score))
    return bare or [_Scored(lead.ctx, a, b, lead.score) for a, b in after[:2]]


def _items_after(lead: _Scored, contexts: list[Chunk]) -> list[_Scored]:
    """The items that follow a lead-in: sentences opening with an item marker, until a paragraph that
    opens with none (the enumeration is over); each item's first sentence only."""
    text = contexts[lead.ctx].text
    following = [(lead.ctx, a, b) for a, b in textmatch.line_sentences(text) if a >= lead.end]
    following += _next_chunks_sentences(contexts, lead.ctx)
    items: list[_Scored] = []
    for n, (c, a, b) in enumerate(following):
        body = contexts[c].text
        sentence = body[a:b]
        opens_line = a > 0 and body[a - 1] == "\n"
        if _ITEM.match(sentence) and not textmatch.is_heading(sentence):
            if len(sentence.strip()) <= 3 and n + 1 < len(following) and following[n + 1][0] == c:
                b = following[n + 1][2]  # "2." alone: the marker and the item's first sentence
                sentence = body[a:b]
            if sentence not in {contexts[i.ctx].text[i.start : i.end] for i in items}:
                items.append(_Scored(c, a, b, lead.score))
            if len(items) >= MAX_ITEMS:
                break
        elif opens_line and items:
            break
    return items


#: an item of an enumeration run into a paragraph: a sentence opening 一是 / 二是 … (its number)
_RUN_IN_ITEM = re.compile(r"^([一二三四五六七八九十]+)是")


def run_in_items(text: str) -> int:
    """How many sentences of the text open a run-in item (一是…。二是…。 inside a paragraph)."""
    return sum(1 for a, b in textmatch.line_sentences(text) if _RUN_IN_ITEM.match(text[a:b].strip()))


def _with_run_in_items(picks: list[_Scored], contexts: list[Chunk]) -> list[_Scored]:
    """A list question answered by items run into a paragraph (一是…。二是…。七是…) wants all of them, in order: when
    two picked sentences are items of one section, or one is its first item, the section's run holding them is quoted
    (its sentences 一是 to the last, in the order of the section's chunks among the contexts), in place of the picked
    items. A blind reader got 一是, 二是 and 七是 of seven and took them for the whole list. (`positions.opens_item_number`
    asks whether a sentence opens a given item; this reads the number a run-in item opens with.)"""

    def number(s: _Scored) -> int:
        m = _RUN_IN_ITEM.match(contexts[s.ctx].text[s.start : s.end].strip())
        return int(han_number(m.group(1))) if m else 0

    by_section: dict[tuple[str, str], list[_Scored]] = {}
    for s in picks:
        if number(s):
            by_section.setdefault((contexts[s.ctx].doc_id, contexts[s.ctx].section_id), []).append(s)
    for section, members in by_section.items():
        # one item is enough when it is the run's first (一是…): the list starts there; another alone may hold the
        # answer itself (one step of several)
        if len(members) < 2 and number(members[0]) != 1:
            continue
        chunks = sorted(
            (i for i, c in enumerate(contexts) if (c.doc_id, c.section_id) == section),
            key=lambda i: contexts[i].ordinal,
        )
        sentences = [_Scored(i, a, b, 0.0) for i in chunks for a, b in textmatch.line_sentences(contexts[i].text)]
        runs: list[list[_Scored]] = []
        for s in sentences:
            n = number(s)
            if n == 1:
                runs.append([s])
            elif n and runs and number(runs[-1][-1]) == n - 1:
                runs[-1].append(s)
        wanted = {(m.ctx, m.start) for m in members}
        run = next((r for r in runs if sum((s.ctx, s.start) in wanted for s in r) >= min(2, len(members))), None)
        if run is None:
            continue
        top = max(m.score for m in members)
        ordered = [dataclasses.replace(s, score=top * (1 - 1e-6 * k)) for k, s in enumerate(run[:MAX_ITEMS])]
        return [p for p in picks if not any(p is m for m in members)] + ordered
    return picks


def _with_sibling_items(picks: list[_Scored], contexts: list[Chunk]) -> list[_Scored]:
    """A list question answered by items of an enumeration (paragraphs opening with ——, 一是, 首先…) wants all of
    them: when two picked items belong to one run, the run's items are quoted, from its first item (`item_run_start`,
    also in the section's previous chunks among the contexts) on, as a lead-in brings the items after it (`_items_after`). One picked item is not enough:
    the answer may lie inside that item (one step of several), and its siblings would only bury it."""
    runs: dict[tuple[int, int], list[_Scored]] = {}
    for s in picks:
        text = contexts[s.ctx].text
        if (s.start == 0 or text[s.start - 1] == "\n") and _ITEM.match(text[s.start : s.end]):
            runs.setdefault((s.ctx, item_run_start(text, s.start)), []).append(s)
    for (ctx, first), members in runs.items():
        if len(members) < 2:
            continue
        # the run may begin in the section's previous chunk (the pipeline attaches it: `_attach_enumeration`)
        while first == 0 and (before := _neighbour(contexts, ctx, -1)) is not None:
            text = contexts[before].text
            start = item_run_start(text, len(text))
            if start == len(text):
                break
            ctx, first = before, start
        lead = dataclasses.replace(members[0], ctx=ctx, start=first, end=first)
        items = _items_after(lead, contexts)
        # the items replace the picked ones, in document order: scores falling by a hair from the best member's
        top = max(m.score for m in members)
        ordered = [dataclasses.replace(item, score=top * (1 - 1e-6 * n)) for n, item in enumerate(items)]
        return [p for p in picks if not any(p is m for m in members)] + ordered
    return picks


def item_run_start(text: str, start: int) -> int:
    """Where the run of enumeration items that the item at `start` belongs to begins in `text`: the earliest
    line opening with an item marker, going back over the items' own further sentences, up to a line that
    opens with none."""
    first = start
    for a, b in reversed([(a, b) for a, b in textmatch.line_sentences(text[:start])]):
        if a > 0 and text[a - 1] != "\n":
            continue  # an item's further sentence: the line it is on decides
        if not _ITEM.match(text[a:b]):
            break
        first = a
    return first


def _next_chunks_sentences(contexts: list[Chunk], ctx: int) -> list[tuple[int, int, int]]:
    """Sentences of the chunks that follow context `ctx` in its section and are among the contexts, in order."""
    base = contexts[ctx]
    later = sorted(
        (c.ordinal, i)
        for i, c in enumerate(contexts)
        if (c.doc_id, c.section_id) == (base.doc_id, base.section_id) and c.ordinal > base.ordinal
    )
    return [(i, a, b) for _, i in later for a, b in textmatch.line_sentences(contexts[i].text)]


def opens_item(text: str) -> bool:
    """Does a line of the text open an enumeration's item (一是…, 首先…, 2. …)?"""
    return item_lines(text) > 0


def item_lines(text: str) -> int:
    """How many lines of the text open an enumeration's item."""
    return sum(1 for line in text.split("\n") if _ITEM.match(line.strip()))


def _ordered(picks: list[_Scored], contexts: list[Chunk]) -> list[tuple[int, int, int]]:
    """Group by context (best context first), most relevant sentence first inside, one entry per sentence.

    The reader should meet the sentence that answers first: inside a context, sentences are
    ordered by score, and document order only breaks ties (a list's items carry their
    introducing sentence's score, so they follow it in order). Sentences are quoted one by
    one, each with its own marker, so every sentence of the answer carries its citation.
    """
    order: list[int] = []
    for s in sorted(picks, key=lambda s: -s.score):
        if s.ctx not in order:
            order.append(s.ctx)
    out: list[tuple[int, int, int]] = []
    quoted: set[str] = set()
    every = [contexts[s.ctx].text[s.start : s.end].strip() for s in picks]
    for ctx in order:
        best: dict[tuple[int, int], float] = {}
        for s in picks:
            if s.ctx == ctx:
                # a sentence also added as a list item keeps its list's (lower) score: items stay in order
                best[(s.start, s.end)] = min(s.score, best.get((s.start, s.end), s.score))
        for a, b in sorted(best, key=lambda span: (-best[span], span)):
            # overlapping chunks repeat sentences: each is quoted once; and a quote that another one holds
            # whole (a clause of a run quoted whole, also from an overlapping chunk) is left out
            whole = contexts[ctx].text[a:b].strip()
            if any(whole != t and whole in t for t in every):
                continue
            unquoted = _unquoted(contexts[ctx].text, a, b, quoted)
            if unquoted is None:
                continue
            a, b = unquoted
            text = contexts[ctx].text[a:b].strip()
            if text not in quoted:
                quoted.add(text)
                out.append((ctx, a, b))
    return _lead_ins_first(out, contexts)


def _lead_ins_first(quotes: list[tuple[int, int, int]], contexts: list[Chunk]) -> list[tuple[int, int, int]]:
    """A colon lead-in is read right before the line it introduces, whatever their scores (the lead-in alone
    may score lower than its list, or be quoted for a list of its own)."""
    out = list(quotes)
    for lead in quotes:
        ctx, a, b = lead
        text = contexts[ctx].text
        line_end = text.find("\n", b)
        if line_end < 0 or text[b:line_end].strip() or not text[a:b].rstrip().endswith(("：", ":")):
            continue
        follower = next((q for q in out if q[0] == ctx and q[1] == line_end + 1), None)
        if follower is not None and out.index(follower) < out.index(lead):
            out.remove(lead)
            out.insert(out.index(follower), lead)
    return out


def _unquoted(text: str, start: int, end: int, quoted: set[str]) -> tuple[int, int] | None:
    """A run's span without its leading and trailing clauses that a quote already shown holds (two
    overlapping chunks each hold part of one run, and either may be quoted first); None when a shown
    quote holds every clause."""
    pieces = [(start + a, start + b) for a, b in textmatch.line_sentences(text[start:end])]
    new = [(a, b) for a, b in pieces if not any(text[a:b] in q for q in quoted)]
    if not pieces:
        return start, end
    if not new:
        return None
    return new[0][0], new[-1][1]


def _one_per_original(quotes: list[tuple[int, int, int]], request: GenerationRequest) -> list[tuple[int, int, int]]:
    """Quotes of an official translation that render the same original and stand next to each other in
    the text are one quote: a list's lines ("over 11 million new urban jobs", "a surveyed urban
    unemployment rate…") render one clause of the original's run (城镇新增就业…；), and quoted line by
    line, each cited that same clause again. (`candidates` joins such sentences before scoring; a
    list's lines are added after it.)"""
    rendered = request.renderings
    if rendered is None:
        return quotes
    out: list[tuple[int, int, int]] = []
    for ctx, a, b in quotes:
        chunk = request.contexts[ctx]
        original = rendered.original(chunk, a, b) if rendered.applies(chunk) else ""
        for k, (c, x, y) in enumerate(out):
            beside = not chunk.text[min(y, b) : max(x, a)].strip()
            if original and c == ctx and beside and rendered.original(chunk, x, y) == original:
                out[k] = (ctx, min(x, a), max(y, b))
                break
        else:
            out.append((ctx, a, b))
    return out


def _section_name(chunk: Chunk, language: str, request: GenerationRequest, same_document: bool = False) -> str:
    """The document and section a group of quotes comes from; `same_document`: the group before named the
    document already (a title of 25 words repeated before every group buried the quotes, a blind reader found)."""
    if language == "en":
        title = "the same document" if same_document else f"“{request.titles_en.get(chunk.doc_id) or chunk.doc_id}”"
        label = chunk.section_label_en or f"section {chunk.section_id}"
        return f"{title}, {label}"
    label = chunk.section_label or chunk.section_id
    return ("同一文献" if same_document else f"《{request.titles.get(chunk.doc_id, chunk.doc_title)}》") + label


def _compose(gen: ExtractiveGenerator, request: GenerationRequest, picks: list[_Scored]) -> Iterator[str]:
    contexts, lang = request.contexts, request.language
    quotes = _one_per_original(_ordered(picks, contexts), request)
    question_terms = gen.glossary.find_en(request.question) + gen.glossary.find_zh(request.question)
    if lang == "en":
        yield "The documents address this question in the following passages:\n"
    else:
        yield "文献中与该问题直接相关的论述如下：\n"
    sections: list[tuple[tuple[str, str], list[tuple[int, int, int]]]] = []
    for item in quotes:
        chunk = contexts[item[0]]
        key = (chunk.doc_id, chunk.section_id)
        if sections and sections[-1][0] == key:
            sections[-1][1].append(item)
        else:
            sections.append((key, [item]))
    previous = ""
    for (doc_id, _), items in sections:
        chunk = contexts[items[0][0]]
        name = _section_name(chunk, lang, request, same_document=doc_id == previous)
        previous = doc_id
        if lang == "en":
            header = f"\nIn {name}"
            if chunk.lang != "en":
                quoted = "".join(contexts[c].text[a:b] for c, a, b in items)
                glosses = gen.glossary.gloss(quoted, limit=4, prefer=question_terms)
                if glosses:
                    header += " (key terms: " + "; ".join(f"{en} = {zh}" for zh, en in glosses) + ")"
            yield header + ":\n"
        else:
            yield f"\n见{name}：\n"
        for ctx, start, end in items:
            yield f"「{contexts[ctx].text[start:end]}」[{ctx + 1}]\n"
    summarised = {c.doc_id for c in contexts if c.section_id == "summary_en"}
    if lang == "en" and any(contexts[c].doc_id in summarised for c, _, _ in quotes):
        found = gen.summary_sentence(request)
        if found:
            i, start, end = found
            yield f"\nThe paper's own English summary puts it this way:\n「{contexts[i].text[start:end]}」[{i + 1}]\n"


def _compose_outline(request: GenerationRequest) -> Iterator[str]:
    """A part's sections, each heading quoted from the chunk that opens it, after the lead-in announcing them when
    the text has one (quoted too: it says what the headings are, "今年要重点抓好八个方面工作：")."""
    from assistant.outline import heading_span

    assert request.outline is not None, "composed only for requests that carry an outline"
    outline = request.outline
    first = request.contexts[outline.sections[0]]
    n = len(outline.sections)
    if request.language == "en":
        title = request.titles_en.get(first.doc_id, first.doc_title)
        label = outline.label_en or outline.label
        yield f"In “{title}”, part “{label}”" + (":\n" if outline.lead else f" has {n} sections:\n")
    else:
        title = request.titles.get(first.doc_id, first.doc_title)
        yield f"《{title}》{outline.label}" + ("：\n" if outline.lead else f"包括以下{n}个部分：\n")
    if outline.lead:
        ctx, start, end = outline.lead
        yield f"「{request.contexts[ctx].text[start:end]}」[{ctx + 1}]\n"
    for i in outline.sections:
        chunk = request.contexts[i]
        start, end = heading_span(chunk)
        if request.language == "en" and chunk.section_label_en:
            yield f"\n{chunk.section_label_en}:\n"
        yield f"「{chunk.text[start:end]}」[{i + 1}]\n"


def _nothing(language: str) -> str:
    return (
        "The retrieved passages do not contain a sentence that answers this question."
        if language == "en"
        else "检索到的段落中没有能直接回答该问题的句子。"
    )


@GENERATORS.register("extractive")
def _factory(*, settings=None, glossary=None, **_):
    return ExtractiveGenerator(glossary=glossary)


def _topic_words(sentences: list[set[str]]) -> set[str]:
    """Words in at least `TOPIC_SHARE` of the sentences."""
    counts: dict[str, int] = {}
    for words in sentences:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return {w for w, n in counts.items() if n >= TOPIC_SHARE * len(sentences)}


def idf_table(chunks: list[Chunk]) -> dict[str, float]:
    """Inverse document frequency of lexical features over all chunks (computed once per index)."""
    return idf_of(feature_counts(chunks), len(chunks))


def feature_counts(chunks: list[Chunk]) -> dict[str, int]:
    """Lexical feature → number of the chunks that have it (summed over documents by `idf_of`'s callers)."""
    df: dict[str, int] = {}
    for chunk in chunks:
        for f in textmatch.terms(chunk.text):
            df[f] = df.get(f, 0) + 1
    return df


def idf_of(df: dict[str, int], chunks: int) -> dict[str, float]:
    n = chunks or 1
    return {f: math.log((n + 1) / (d + 0.5)) for f, d in df.items()}
