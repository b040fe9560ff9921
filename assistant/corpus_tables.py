"""Corpus-wide lookup tables the assistant derives from the index, rebuilt when it changes.

IDF of lexical features (sentence selection, refusal), the word vocabulary (refusal's
unknown-word signal), English document titles, the paper's English summary chunks,
parts with their sections (list questions), chunks by section (enumerations that run
over several chunks). Built once per index generation through `KnowledgeIndex.derived`:
the index computes them for a new generation before serving it (off the request path)
and swaps them in with it, so concurrent questions never see half-updated tables.
The words of each chunk are the keyword tokens the index stored when the document was
written, so building the tables never runs the segmenter over the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.generators.extractive import idf_table
from assistant.outline import Part, parts_of
from assistant.refusal import corpus_vocabulary
from knowledge.keyword_index import tokenize
from knowledge.models import Chunk
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
    vocabulary: frozenset[str] = frozenset()
    #: words in at least `COMMON_SHARE` of the chunks (中国 in a corpus about China): every passage is
    #: about them, so they are never missing from the evidence (`assistant.refusal.entity_gap`)
    common_words: frozenset[str] = frozenset()
    titles_en: dict[str, str] = field(default_factory=dict)
    #: doc_id → the document's date ("2024-03-05"): which edition of it the corpus holds
    years: dict[str, str] = field(default_factory=dict)
    summary: tuple[Chunk, ...] = ()
    parts: tuple[Part, ...] = ()
    by_section: dict[tuple[str, str], list[Chunk]] = field(default_factory=dict)
    #: the words (segmenter tokens) of each section and its label: "上海" is not in "互联网上海量的数据"
    section_words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    @staticmethod
    def key_of(index) -> str:
        """The index's generation: it changes with every committed write (build, add, another process)."""
        return index.generation

    @classmethod
    def build(cls, index) -> CorpusTables:
        """From an index or an index snapshot (`documents()`, `chunks()`, `text_words()`, `generation`)."""
        docs = index.documents()
        chunks = index.chunks()
        by_section: dict[tuple[str, str], list[Chunk]] = {}
        words: dict[tuple[str, str], set[str]] = {}
        text_words = {c.chunk_id: index.text_words(c) for c in chunks}
        for c in chunks:
            by_section.setdefault((c.doc_id, c.section_id), []).append(c)
            words.setdefault((c.doc_id, c.section_id), set(tokenize(c.section_label))).update(text_words[c.chunk_id])
        return cls(
            key=cls.key_of(index),
            idf=idf_table(chunks),
            vocabulary=frozenset(corpus_vocabulary(chunks, lambda c: text_words[c.chunk_id])),
            common_words=common_words(index_lexicon(index)),
            titles_en={d.doc_id: d.title_en or d.title for d in docs},
            years={d.doc_id: d.date for d in docs},
            summary=tuple(c for c in chunks if c.section_id == "summary_en"),
            parts=tuple(p for d in docs for p in parts_of(index.chunks(d.doc_id))),  # per document: linear
            by_section=by_section,
            section_words={k: frozenset(v) for k, v in words.items()},
        )
