"""Corpus-wide lookup tables the assistant derives from the index, rebuilt when it changes.

IDF of lexical features (sentence selection, refusal), the word vocabulary (refusal's
unknown-word signal), English document titles, the paper's English summary chunks,
parts with their sections (list questions), chunks by section (enumerations that run
over several chunks). Built once per index generation through `KnowledgeIndex.derived`:
the index computes them for a new generation before serving it (off the request path)
and swaps them in with it, so concurrent questions never see half-updated tables.
The words of each chunk are the keyword tokens the index stored when the document was
written, so building the tables never runs the segmenter over the corpus. The tables are
merged from per-document parts, kept per (doc_id, version) for the documents served: a
reload after one document is added computes that document's part, not the corpus's.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from assistant.generators.extractive import feature_counts, idf_of
from assistant.glossary import Glossary
from assistant.mentions import opening_day
from assistant.outline import Part, announcing_parts, parts_of
from assistant.refusal import corpus_vocabulary, unseen_idf, words_by_document
from assistant.titles_en import headline_title_en, held_occasion_en
from knowledge.aliases import generated_title_en
from knowledge.keyword_index import tokenize
from knowledge.models import Chunk
from knowledge.numerals_en import congress_years
from knowledge.text import MONTHS, YEAR_RE, has_han
from knowledge.zh_en import IndexLexicon, index_lexicon

#: share of the chunks a word must appear in to be a topic of the whole corpus: the same 1/8 as the
#: extractive generator's GENERIC_IDF. Measured on the 11-document index (1,001 chunks): 中国 is in
#: 26 % of the chunks, the next place or person names (中国式 8 %, 党中央 7 %, 习近平 6 %) far below.
COMMON_SHARE = 1 / 8


def common_words(lexicon: IndexLexicon) -> frozenset[str]:
    """The index's words in at least `COMMON_SHARE` of its chunks."""
    floor = COMMON_SHARE * max(lexicon.chunks, 1)
    return frozenset(w for w, df in lexicon.df.items() if df >= floor)


@dataclass(frozen=True)
class CorpusTables:
    key: str = ""
    idf: dict[str, float] = field(default_factory=dict)
    #: the weight the refusal gives a question's feature that no chunk has (`assistant.refusal.unseen_idf`)
    unseen_idf: float = 1.0
    vocabulary: frozenset[str] = frozenset()
    #: words in at least `COMMON_SHARE` of the chunks (中国 in a corpus about China): every passage is
    #: about them, so they are never missing from the evidence (`assistant.refusal.entity_gap`)
    common_words: frozenset[str] = frozenset()
    #: doc_id → the title an answer shows: with its year when another document has the same title but for
    #: its edition (an added 政府工作报告 beside 政府工作报告（2031年）); `titles_en` the English one
    titles: dict[str, str] = field(default_factory=dict)
    titles_en: dict[str, str] = field(default_factory=dict)
    #: doc_id → the document's date ("2024-03-05"): which edition of it the corpus holds
    years: dict[str, str] = field(default_factory=dict)
    summary: tuple[Chunk, ...] = ()
    parts: tuple[Part, ...] = ()
    #: chunk_id of a section's last chunk → the part whose sections that chunk's closing lead-in announces
    announcing: dict[str, Part] = field(default_factory=dict)
    by_section: dict[tuple[str, str], list[Chunk]] = field(default_factory=dict)
    #: the words (segmenter tokens) of each section and its label: "上海" is not in "互联网上海量的数据"
    section_words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    #: doc_id → the words of all its sections: what a question naming the document is checked against
    #: (`assistant.refusal.named_gap`; the union of its `section_words`, once per generation, not per question)
    document_words: dict[str, frozenset[str]] = field(default_factory=dict)

    @staticmethod
    def key_of(index) -> str:
        """The index's generation: it changes with every committed write (build, add, another process)."""
        return index.generation

    @classmethod
    def build(cls, index) -> CorpusTables:
        """From an index or an index snapshot (`documents()`, `chunks()`, `text_words()`,
        `document_versions()`, `generation`): the per-document parts of documents already
        seen at the same version are reused, so a new generation costs its changed documents
        plus the merge."""
        docs = index.documents()
        versions = index.document_versions()
        parts = [_document_part(index, d.doc_id, versions.get(d.doc_id, "")) for d in docs]
        _forget_except({(d.doc_id, versions.get(d.doc_id, "")) for d in docs})
        df: dict[str, int] = {}
        vocabulary: set[str] = set()
        by_section: dict[tuple[str, str], list[Chunk]] = {}
        section_words: dict[tuple[str, str], frozenset[str]] = {}
        for part in parts:
            for f, n in part.df.items():
                df[f] = df.get(f, 0) + n
            vocabulary |= part.vocabulary
            by_section.update(part.by_section)
            section_words.update(part.section_words)
        idf = idf_of(df, sum(p.chunks for p in parts))
        # the day an undated text's opening gives (`_with_days`)
        days = {d.doc_id: p.opening_day for d, p in zip(docs, parts) if not YEAR_RE.match(d.date or "")}
        return cls(
            key=cls.key_of(index),
            idf=idf,
            unseen_idf=unseen_idf(idf),
            vocabulary=frozenset(vocabulary),
            common_words=common_words(index_lexicon(index)),
            titles=_with_days(shown_titles({d.doc_id: (d.title, d.date) for d in docs}), days),
            titles_en=_with_days(
                shown_titles(
                    {d.doc_id: (english_title(d, p.opening_occasion_en), d.date) for d, p in zip(docs, parts)}
                ),
                days,
            ),
            years={d.doc_id: d.date for d in docs},
            summary=tuple(c for p in parts for c in p.summary),
            parts=tuple(x for p in parts for x in p.parts),
            announcing={x.lead.chunk_id: x for p in parts for x in p.announcing if x.lead is not None},
            by_section=by_section,
            section_words=section_words,
            document_words=words_by_document(section_words),
        )


@dataclass(frozen=True)
class _DocumentPart:
    """What one document version contributes to the tables (immutable: its chunks never change)."""

    chunks: int
    #: lexical feature → chunks of this document that have it
    df: dict[str, int]
    vocabulary: frozenset[str]
    by_section: dict[tuple[str, str], list[Chunk]]
    section_words: dict[tuple[str, str], frozenset[str]]
    summary: tuple[Chunk, ...]
    parts: tuple[Part, ...]
    announcing: tuple[Part, ...]
    #: (month, day) its opening paragraph gives first (`mentions.opening_day`): when an undated readout's meeting met
    opening_day: tuple[int, int] | None = None
    #: the occasion its opening says its body held, in English ("中共中央政治局…就…进行第三次集体学习" → "3rd Study Session of
    #: the Political Bureau …"; `titles_en.held_occasion_en`): the English name of a readout headlined by what was said
    opening_occasion_en: str = ""


#: (doc_id, version) → its part, for the documents of the last generation built in this process
_parts: dict[tuple[str, str], _DocumentPart] = {}
_parts_lock = threading.Lock()


def _document_part(index, doc_id: str, version: str) -> _DocumentPart:
    key = (doc_id, version)
    with _parts_lock:
        found = _parts.get(key) if version else None
    if found is not None:
        return found
    chunks = index.chunks(doc_id)
    by_section: dict[tuple[str, str], list[Chunk]] = {}
    words: dict[tuple[str, str], set[str]] = {}
    text_words = {c.chunk_id: index.text_words(c) for c in chunks}
    for c in chunks:
        section = (c.doc_id, c.section_id)
        by_section.setdefault(section, []).append(c)
        if section not in words:  # the label's words once per section, not once per chunk
            words[section] = set(tokenize(c.section_label))
        words[section].update(text_words[c.chunk_id])
    part = _DocumentPart(
        chunks=len(chunks),
        df=feature_counts(chunks),
        # ... and the years of the Party congresses the texts name: a text that says 党的十八大以来 speaks of 2012
        # without writing it, so "since 2012" names no year the corpus never mentions
        vocabulary=frozenset(corpus_vocabulary(chunks, lambda c: text_words[c.chunk_id]))
        | {y for c in chunks for y in congress_years(c.text)},
        by_section=by_section,
        section_words={k: frozenset(v) for k, v in words.items()},
        summary=tuple(c for c in chunks if c.section_id == "summary_en"),
        parts=tuple(parts_of(chunks)),
        announcing=tuple(announcing_parts(chunks)),
        opening_day=opening_day(opening := next((c.text for c in chunks if c.role != "front"), "")),
        opening_occasion_en=held_occasion_en(opening, Glossary.load()),
    )
    if version:
        with _parts_lock:
            _parts[key] = part
    return part


def _forget_except(keep: set[tuple[str, str]]) -> None:
    """Drop the parts of documents no longer served (memory stays in proportion to the corpus)."""
    with _parts_lock:
        for key in [k for k in _parts if k not in keep]:
            del _parts[key]


_EDITION = re.compile(r"[（(][^（）()]*[)）]|\d{4}\s*年?")


def english_title(meta, opening_occasion_en: str = "") -> str:
    """The title an English answer names a document by: the manifest's, one generated from a formal Chinese title
    (`generated_title_en`), else the meeting its headline reports (`headline_title_en`), else the occasion its opening
    says was held (for a headline of what was said at it), else the Chinese title."""
    english = meta.title_en or generated_title_en(meta)
    if english and not has_han(english):
        return english
    return headline_title_en(meta.title, Glossary.load()) or opening_occasion_en or english or meta.title


def shown_titles(titles: dict[str, tuple[str, str]]) -> dict[str, str]:
    """doc_id → (title, date) as answers show them: a title that another document's shares but for its
    edition (政府工作报告 beside 政府工作报告（2031年）) gets its year (`dated_title`), others stay as they are."""
    base = {d: _EDITION.sub("", t).strip() for d, (t, _) in titles.items()}
    shared = {b for b, n in Counter(base.values()).items() if n > 1}
    out = {d: dated_title(t, date) if base[d] in shared else t for d, (t, date) in titles.items()}
    # several of one year (the readouts of a body's meetings, named alike in English): their months tell them apart
    again = {t for t, n in Counter(out.values()).items() if n > 1}
    return {d: dated_title(t, date, month=True) if out[d] in again else out[d] for d, (t, date) in titles.items()}


def _with_days(titles: dict[str, str], days: dict[str, tuple[int, int] | None]) -> dict[str, str]:
    """The shown titles, an undated text's with the day its opening gives (`days`, `day_title`): several readouts of one
    body share a headline and never say their year, and a reader comparing quotes needs to tell them apart."""
    return {d: day_title(t, days.get(d)) for d, t in titles.items()}


def day_title(title: str, day: tuple[int, int] | None) -> str:
    """The title with a month and day (中共中央政治局召开会议（7月30日）, "… (30 July)"); as it is without one."""
    if day is None:
        return title
    month, date = day
    return f"{title}（{month}月{date}日）" if has_han(title) else f"{title} ({date} {MONTHS[month - 1]})"


def dated_title(title: str, date: str, month: bool = False) -> str:
    """The title with its document's year when it names no year: 政府工作报告 → 政府工作报告（2030年）,
    "Report on the Work of the Government" → "… (2021)"; with `month`, also the month the date gives (…（2030年4月）,
    "… (April 2030)"); a title that names a year is left as it is."""
    year = YEAR_RE.match(date or "")
    if not year or YEAR_RE.search(title):
        return title
    m = _MONTH.match(date) if month else None
    if m is None or not 1 <= int(m.group(1)) <= 12:
        return f"{title}（{year.group(0)}年）" if has_han(title) else f"{title} ({year.group(0)})"
    n = int(m.group(1))
    return f"{title}（{year.group(0)}年{n}月）" if has_han(title) else f"{title} ({MONTHS[n - 1]} {year.group(0)})"


#: the month of an ISO date (2030-04, 2030-04-28)
_MONTH = re.compile(r"^\d{4}-(\d{2})")


def titles_as_said(titles_en: dict[str, str], said: dict[str, str]) -> dict[str, str]:
    """The English titles an answer shows, a text that has none (its Chinese title shown) called by the English name
    the question gave it, its title after it: "Central Economic Work Conference (中央经济工作会议在北京举行（2014年）)".
    A reader who asked in English reads their own name for the text; the title says which text it is."""
    out = dict(titles_en)
    for doc_id, name in said.items():
        title = out.get(doc_id, "")
        if title and has_han(title):
            out[doc_id] = f"{name} ({title})"
    return out
