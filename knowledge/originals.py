"""The index as a reader of the originals sees it: its official translations hidden.

Why: a translation adds English access; it must not change what a question in the
originals' language gets. Indexed beside its original, a translation changes every corpus
statistic a Chinese question is scored with — the BM25 chunk count and mean length, the
number of documents in the coverage weights, the chunk count of the lexicon (common
words), the sentence features' IDF — and its chunks compete in the dense top k and carry
document names. `Originals` serves the same generation with every document that declares
`translation_of` hidden, as if it had never been indexed: its own keyword index over the
other documents' shards (stored tokens, no re-segmenting), its own lexicon (the
translations' word counts taken out), its own derived tables (`derived`, computed with the
generation before it is served, like the index's own), and dense search filtered to the
other documents in the store. The records are the index's: nothing is stored twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from knowledge.models import Chunk
from knowledge.zh_en import IndexLexicon, word_counts

T = TypeVar("T")


def translation_ids(state: Any) -> frozenset[str]:
    """The documents of a generation that declare `translation_of` (manifest order kept by the caller)."""
    return frozenset(d["doc_id"] for d in state.manifest.get("docs", []) if d.get("translation_of"))


class Snapshot:
    """One generation without its translations; offers what the index's snapshot offers to derived
    builders (`documents()`, `chunks()`, `text_words()`, `document_versions()`, `generation`,
    `manifest`, `settings`, `artifacts`) and its lexicon (`knowledge.zh_en.index_lexicon`)."""

    def __init__(self, full: Any, hidden: frozenset[str], lexicon: IndexLexicon):
        self.full = full
        self.hidden = hidden
        self.manifest = {
            **full.manifest,
            "docs": [d for d in full.manifest.get("docs", []) if d["doc_id"] not in hidden],
        }
        self.generation = full.generation
        self.settings, self.artifacts = full.settings, full.artifacts
        order = [d["doc_id"] for d in self.manifest["docs"]]
        self.keyword = full.keyword.with_shards({}, order) if full.keyword is not None else None
        self._lexicon = lexicon
        #: values derived from this view of the generation, keyed by their builder
        self.derived: dict[Any, Any] = {}
        self._documents = [d for d in full.documents() if d.doc_id not in hidden]
        #: how many chunks the hidden documents have (what a search over every document must skip)
        self.hidden_chunks = sum(len(full.chunks(d)) for d in hidden)

    def documents(self) -> list[Any]:
        return list(self._documents)

    def lexicon(self) -> IndexLexicon:
        return self._lexicon

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        if doc_id is not None:
            return [] if doc_id in self.hidden else self.full.chunks(doc_id)
        return [c for c in self.full.chunks() if c.doc_id not in self.hidden]

    def text_words(self, chunk: Chunk) -> list[str]:
        return self.full.text_words(chunk)

    def document_versions(self) -> dict[str, str]:
        return {d: v for d, v in self.full.document_versions().items() if d not in self.hidden}


def lexicon_without(lexicon: IndexLexicon, hidden: list[Chunk]) -> IndexLexicon:
    """The lexicon of an index without the `hidden` chunks: their words' counts and their number
    taken out (`word_counts`, the counting the lexicon's parts were made with). Character readings
    are kept whole: they are only looked up, for names found in the remaining texts."""
    df, _, n = word_counts(c.text for c in hidden)
    left = {w: k - df.get(w, 0) for w, k in lexicon.df.items() if k > df.get(w, 0)}
    senses = {w: s for w, s in lexicon.dictionary.senses.items() if w in left}
    return IndexLexicon(senses, left, lexicon.chunks - n, lexicon.readings)


#: builders asked for on a view: computed for every later generation before it is served (as the
#: index's own); module-level functions or one per glossary, so the registry stays small
_builders: dict[Callable[[Any], Any], None] = {}


def _prepare(state: Any) -> Snapshot:
    """The view of a generation, with every builder asked for so far computed on it."""
    from knowledge.zh_en import index_lexicon

    hidden = translation_ids(state)
    lexicon = lexicon_without(index_lexicon(state), [c for d in sorted(hidden) for c in state.chunks(d)])
    snapshot = Snapshot(state, hidden, lexicon)
    for build in list(_builders):
        snapshot.derived[build] = build(snapshot)
    return snapshot


class Originals:
    """`KnowledgeIndex`'s reading surface over its served generation without translations
    (`Snapshot`, derived once per generation). Cheap to make: it holds only the index."""

    def __init__(self, index: Any):
        self.index = index
        self.embedder = index.embedder
        self.settings = index.settings

    def _snapshot(self) -> Snapshot:
        return self.index.derived(_prepare)

    def hides(self) -> frozenset[str]:
        """The documents this view hides (the generation's translations)."""
        return self._snapshot().hidden

    # --------------------------------------------------------------- reading (as `KnowledgeIndex`)
    def derived(self, build: Callable[[Any], T]) -> T:
        snapshot = self._snapshot()
        _builders[build] = None
        if build not in snapshot.derived:
            snapshot.derived[build] = build(snapshot)
        return snapshot.derived[build]

    def lexicon(self) -> IndexLexicon:
        return self._snapshot().lexicon()

    @property
    def generation(self) -> str:
        return self._snapshot().generation

    def manifest(self) -> dict[str, Any]:
        return self._snapshot().manifest

    def documents(self) -> list[Any]:
        return self._snapshot().documents()

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        return self._snapshot().chunks(doc_id)

    def text_words(self, chunk: Chunk) -> list[str]:
        return self.index.text_words(chunk)

    def document_versions(self) -> dict[str, str]:
        return self._snapshot().document_versions()

    def get(self, chunk_id: str) -> Chunk:
        return self.index.get(chunk_id)

    @staticmethod
    def _shown(snapshot: Snapshot, doc_ids: list[str] | None) -> list[str]:
        """The documents a search may return: those asked for (all when none) that the view shows."""
        shown = list(snapshot.document_versions())
        return [d for d in shown if d in doc_ids] if doc_ids else shown

    def dense_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[Chunk, float]]:
        """The index's dense search without the hidden documents' chunks. Over every document it asks
        the store for k more than the hidden chunks and drops those (a filter in the store made each
        query several times slower); over chosen documents the store filters, as it does for the index."""
        snapshot = self._snapshot()
        if doc_ids:
            shown = self._shown(snapshot, doc_ids)
            return self.index.dense_search(query, k, doc_ids=shown) if shown else []
        found = self.index.dense_search(query, k + snapshot.hidden_chunks, None)
        return [(c, score) for c, score in found if c.doc_id not in snapshot.hidden][:k]

    def keyword_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[Chunk, float]]:
        """BM25 over the documents shown, with their statistics alone."""
        snapshot = self._snapshot()
        if k <= 0 or snapshot.keyword is None:
            return []
        allowed = None
        if doc_ids:
            allowed = {c.chunk_id for d in self._shown(snapshot, doc_ids) for c in snapshot.chunks(d)}
        return [(snapshot.full.by_id[cid], score) for cid, score in snapshot.keyword.search(query, k, allowed)]

    def keyword_coverage(self, query: str, chunk_ids: list[str]) -> dict[str, float]:
        snapshot = self._snapshot()
        return snapshot.keyword.coverage(query, chunk_ids) if snapshot.keyword is not None else {}

    def dense_scores(self, query: str, chunk_ids: list[str]) -> dict[str, float]:
        return self.index.dense_scores(query, chunk_ids)
