"""The knowledge index: chunks in Chroma (dense) and BM25 (keyword), built incrementally.

How a build stays atomic
------------------------
The collection's metadata holds a *manifest*: for every indexed document its id, titles,
source, content hash and *version* (the first 12 hex digits of that hash). Every Chroma
record id carries the version (`shi-xu-2024:3.8:002@1a2b3c4d5e6f`), so the records of a
changed document never overwrite the ones in use. A write (build or add) goes:

1. take the write guard (`knowledge.write_guard`: a file lock for the local store, a
   lease in the server for a Chroma server) and read the committed manifest: every
   write starts from the latest commit, whichever process made it;
2. embed and upsert the records of new, changed and damaged documents under their versions;
3. check that the committed manifest is still the one read in step 1 (compare-and-swap)
   and write the new manifest in one `collection.modify` call — the commit point;
4. delete the other versions' records of the documents written or removed (by a
   metadata filter: no scan of the collection), save the keyword index, release the guard.

If anything fails before step 3 (an exception, Ctrl-C, a killed process), the old
manifest still names the old records, which are all still there: the index answers as
before and the half-written records are ignored (searches only return records the
manifest owns) until the next write removes them. A failure after step 3 leaves only
garbage that the next write collects. Keeping the manifest inside the collection, not in
a local file, makes this hold for a shared Chroma server too.

Reads are served from memory: all chunks (a few hundred) are loaded at open, so `get`,
`chunks`, `sections` are dict lookups and a dense search is one query embedding plus one
id-only Chroma query. A process that has the index open notices another process's
committed write when a search meets records it does not know (or on `refresh()`), and
reloads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from knowledge import alignment_store
from knowledge.embedders import Embedder, get_embedder
from knowledge.errors import DocumentError, WriteConflict
from knowledge import zh_en
from knowledge.keyword_index import KeywordIndex
from knowledge.models import Chunk, DocumentMeta
from knowledge.settings import Settings
from knowledge.vector_store import VectorStore

log = logging.getLogger(__name__)

MANIFEST_SCHEMA = 1
#: shortest interval between two manifest checks triggered by unknown records in a search
_REFRESH_EVERY_S = 2.0
BUNDLED = "bundled"
ADDED = "added"


# --------------------------------------------------------------------------- reports
@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    title: str
    title_en: str
    date: str
    lang: str
    chunks: int
    sections: int
    source: str = BUNDLED
    source_path: str = ""
    #: who issued or delivered it, and the names a reader uses for it (knowledge.aliases)
    issuer: str = ""
    aliases: tuple[str, ...] = ()
    #: the document this one is an official translation of ("" when none)
    translation_of: str = ""
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SectionInfo:
    doc_id: str
    section_id: str
    label: str
    label_en: str
    path: list[str]


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: chunks embedded by this build (0 when nothing changed)
    embedded: int = 0
    #: chunks in the index after the build
    chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed; {self.embedded} chunks embedded, {self.chunks} in the index "
            f"({self.seconds:.1f} s)"
        )


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # added | updated | repaired (records were missing) | unchanged | failed
    doc_id: str = ""
    chunks: int = 0
    error: str = ""


@dataclass
class AddReport:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


# --------------------------------------------------------------------------- helpers
@dataclass
class _Prepared:
    """A document run through the text pipeline, ready to store."""

    meta: DocumentMeta
    chunks: list[Chunk]
    source: str
    hash: str

    @property
    def version(self) -> str:
        return self.hash[:12]


def _doc_hash(meta: DocumentMeta, chunks: list[Chunk]) -> str:
    """Hash of everything stored for a document: text, chunking and labels alike."""
    h = hashlib.sha256()
    h.update(json.dumps([meta.doc_id, meta.title, meta.title_en, meta.date, meta.lang, meta.issuer, list(meta.aliases)],
                        ensure_ascii=False).encode())
    if meta.translation_of:
        h.update(f"translation_of={meta.translation_of}".encode())
    for c in chunks:
        h.update(json.dumps(c.to_metadata(), ensure_ascii=False, sort_keys=True).encode())
        h.update(c.search_text.encode())
    return h.hexdigest()


def _record_id(chunk_id: str, version: str) -> str:
    return f"{chunk_id}@{version}"


def _entry(p: _Prepared) -> dict[str, Any]:
    m = p.meta
    return {
        "doc_id": m.doc_id,
        "title": m.title,
        "title_en": m.title_en,
        "date": m.date,
        "lang": m.lang,
        "kind": m.kind,
        "source": p.source,
        "source_path": m.source_path,
        "issuer": m.issuer,
        "byline": m.byline,
        "aliases": list(m.aliases),
        "hash": p.hash,
        "version": p.version,
        "chunks": len(p.chunks),
        "translation_of": m.translation_of,
    }


class _State:
    """An immutable snapshot of what the index serves; swapped whole after a write."""

    def __init__(self, manifest: dict[str, Any], chunks_by_doc: dict[str, list[Chunk]], keyword: KeywordIndex | None):
        self.manifest = manifest
        self.docs: list[dict[str, Any]] = list(manifest.get("docs", []))
        self.chunks_by_doc = chunks_by_doc
        self.by_id: dict[str, Chunk] = {c.chunk_id: c for cs in chunks_by_doc.values() for c in cs}
        self.record_to_chunk: dict[str, str] = {
            _record_id(c.chunk_id, d["version"]): c.chunk_id for d in self.docs for c in chunks_by_doc.get(d["doc_id"], [])
        }
        self.ids_by_doc: dict[str, set[str]] = {d: {c.chunk_id for c in cs} for d, cs in chunks_by_doc.items()}
        self.keyword = keyword

    @property
    def generation(self) -> str:
        return self.manifest.get("generation", "empty")


# --------------------------------------------------------------------------- the index
class KnowledgeIndex:
    """Open once per process; thread-safe reads, writes serialised by a lock."""

    def __init__(self, settings: Settings, embedder: Embedder, store: VectorStore):
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self._write_lock = threading.Lock()
        self._guard = None
        self._last_refresh = time.monotonic()
        self._state = self._load_state()

    @classmethod
    def open(cls, settings: Settings, rebuild: bool = False) -> "KnowledgeIndex":
        """Open (or create) the index; IndexMismatch if it was built with another embedder.

        `rebuild=True` discards the stored index first (then call `build`).
        """
        embedder = get_embedder(settings.embedder)
        store = VectorStore.open(settings, embedder, reset=rebuild)
        if rebuild:
            shutil.rmtree(cls._keyword_root(settings), ignore_errors=True)
        return cls(settings, embedder, store)

    # ------------------------------------------------------------------ loading
    @staticmethod
    def _keyword_root(settings: Settings) -> Path:
        return Path(settings.index_dir) / "keyword" / settings.collection

    def _load_state(self) -> _State:
        manifest = self.store.read_manifest()
        versions = {d["doc_id"]: d["version"] for d in manifest.get("docs", [])}
        chunks_by_doc: dict[str, list[Chunk]] = {d: [] for d in versions}
        if versions:
            ids, metadatas, documents = self.store.records()
            for _rid, meta, text in zip(ids, metadatas, documents):
                if meta and versions.get(meta.get("doc_id")) == meta.get("xqa_version"):
                    chunks_by_doc[meta["doc_id"]].append(Chunk.from_metadata(meta, text or ""))
        for cs in chunks_by_doc.values():
            cs.sort(key=lambda c: (c.char_start, c.ordinal, c.chunk_id))
        state = _State(manifest, chunks_by_doc, None)
        state.keyword = self._keyword_for(state)
        return state

    def _keyword_for(self, state: _State) -> KeywordIndex:
        """Load the saved BM25 index of this generation, or build and save it."""
        root = self._keyword_root(self.settings)
        directory = root / state.generation
        keyword = KeywordIndex.load(directory) if directory.is_dir() else None
        if keyword is None or set(keyword.ids) != set(state.by_id):
            chunks = [c for d in state.docs for c in state.chunks_by_doc.get(d["doc_id"], [])]
            keyword = KeywordIndex.build([c.chunk_id for c in chunks], [c.search_text for c in chunks])
            try:
                keyword.save(directory)
            except OSError as exc:  # a read-only data dir still serves searches
                log.warning("cannot save the keyword index to %s: %s", directory, exc)
            for old in root.iterdir() if root.is_dir() else ():
                if old.name != state.generation and not old.name.startswith(state.generation + ".tmp"):
                    shutil.rmtree(old, ignore_errors=True)
        return keyword

    # ------------------------------------------------------------------ reading
    def documents(self) -> list[DocumentInfo]:
        st = self._state
        out = []
        for d in st.docs:
            chunks = st.chunks_by_doc.get(d["doc_id"], [])
            out.append(
                DocumentInfo(
                    doc_id=d["doc_id"],
                    title=d.get("title", ""),
                    title_en=d.get("title_en", ""),
                    date=d.get("date", ""),
                    lang=d.get("lang", ""),
                    chunks=len(chunks),
                    sections=len({c.section_id for c in chunks}),
                    source=d.get("source", BUNDLED),
                    source_path=d.get("source_path", ""),
                    issuer=d.get("issuer", ""),
                    aliases=tuple(d.get("aliases", ())),
                    translation_of=d.get("translation_of", ""),
                    kind=d.get("kind", ""),
                )
            )
        return out

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        """Chunks in document order (documents in manifest order)."""
        st = self._state
        if doc_id is not None:
            return list(st.chunks_by_doc.get(doc_id, []))
        return [c for d in st.docs for c in st.chunks_by_doc.get(d["doc_id"], [])]

    def get(self, chunk_id: str) -> Chunk:
        try:
            return self._state.by_id[chunk_id]
        except KeyError:
            raise KeyError(f"no chunk {chunk_id!r} in the index") from None

    def sections(self, doc_id: str | None = None) -> list[SectionInfo]:
        """Sections that own at least one chunk, in document order."""
        out: list[SectionInfo] = []
        seen: set[tuple[str, str]] = set()
        for c in self.chunks(doc_id):
            key = (c.doc_id, c.section_id)
            if key not in seen:
                seen.add(key)
                out.append(SectionInfo(c.doc_id, c.section_id, c.section_label, c.section_label_en, list(c.section_path)))
        return out

    def manifest(self) -> dict[str, Any]:
        """The committed manifest this index serves (documents, versions, generation)."""
        return self._state.manifest

    @property
    def generation(self) -> str:
        """Changes with every committed write: a cheap key for caches derived from the chunks."""
        return self._state.generation

    def is_empty(self) -> bool:
        return not self._state.by_id

    # ------------------------------------------------------------------ searching
    def dense_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[Chunk, float]]:
        """(chunk, cosine similarity), best first. `doc_ids` None or empty: all documents."""
        st = self._state
        if k <= 0 or not (st.by_id or self._refresh_if_due()):
            return []
        st = self._state
        vector = self.embedder.embed_query(query)
        n = k
        while True:
            hits = self.store.query(vector, n, doc_ids or None)
            out = [(st.by_id[st.record_to_chunk[rid]], score) for rid, score in hits if rid in st.record_to_chunk]
            if len(out) < len(hits) and self._refresh_if_due():
                st, n = self._state, k  # another process committed a write: serve its index
                continue
            # records the manifest does not own (an interrupted write) are skipped: ask for more
            if len(out) >= k or len(hits) < n:
                return out[:k]
            n *= 2

    def refresh(self) -> bool:
        """Reload if another process (CLI `add`, a second app) committed a write; True if it did."""
        with self._write_lock:
            return self._sync_locked()

    def _sync_locked(self) -> bool:
        """Writes start from the committed manifest, never from a stale snapshot (whose
        garbage collection would delete the other writer's records)."""
        self._last_refresh = time.monotonic()
        if self.store.read_manifest().get("generation", "empty") == self._state.generation:
            return False
        self._state = self._load_state()
        return True

    def _refresh_if_due(self) -> bool:
        """`refresh`, at most every few seconds: unknown records may just be orphans."""
        if time.monotonic() - self._last_refresh < _REFRESH_EVERY_S:
            return False
        return self.refresh()

    def keyword_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[Chunk, float]]:
        """(chunk, BM25 score), best first; only chunks sharing a term with the query."""
        st = self._state
        if k <= 0 or st.keyword is None:
            return []
        allowed = None
        if doc_ids:
            allowed = set().union(*(st.ids_by_doc.get(d, set()) for d in doc_ids))
        return [(st.by_id[cid], score) for cid, score in st.keyword.search(query, k, allowed) if cid in st.by_id]

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _writing(self):
        """Hold this process's lock and the cross-process write guard, starting from the
        committed manifest: a write never builds on a snapshot another writer replaced."""
        with self._write_lock, self.store.write_guard(self.settings.write_timeout_s) as guard:
            self._sync_locked()
            self._guard = guard
            try:
                yield
            finally:
                self._guard = None

    def _is_intact(self, entry: dict[str, Any]) -> bool:
        """Does the store hold every record the manifest promises for this document?"""
        return self.store.count_version(entry["doc_id"], entry["version"]) == entry.get("chunks", -1)

    def ensure_built(self, progress: bool = False) -> None:
        """Build the selected bundled documents if the index has none of them yet (first
        use); a changed selection takes effect with `python -m knowledge build`."""
        if not any(d.get("source") == BUNDLED for d in self._state.docs):
            self.build(progress=progress)

    def build(self, progress: bool = True) -> BuildReport:
        """Index the selected bundled documents (setting `corpus`): skip unchanged ones,
        replace changed ones, drop bundled ones no longer selected."""
        from knowledge import corpus, pipeline

        started = time.perf_counter()
        prepared = []
        for meta, text in corpus.bundled_documents(self.settings.corpus):
            meta, chunks = pipeline.prepare_document(text, meta, self.settings)
            prepared.append(_Prepared(meta, chunks, BUNDLED, _doc_hash(meta, chunks)))
        with self._writing():
            current = {d["doc_id"]: d for d in self._state.docs}
            new_ids = {p.meta.doc_id for p in prepared}
            removed = [d for d, e in current.items() if e.get("source") == BUNDLED and d not in new_ids]
            report = BuildReport()
            for p in prepared:
                old = current.get(p.meta.doc_id)
                if old is None:
                    report.added.append(p.meta.doc_id)
                elif old["hash"] != p.hash or not self._is_intact(old):
                    report.updated.append(p.meta.doc_id)
                else:
                    report.unchanged.append(p.meta.doc_id)
            report.removed = removed
            changed = [p for p in prepared if p.meta.doc_id not in report.unchanged]
            report.embedded = self._commit(changed, removed, progress, order=[p.meta.doc_id for p in prepared])
            # records of documents no manifest lists (an `add` killed before its commit)
            self.store.delete_unowned([d["doc_id"] for d in self._state.docs])
        report.chunks = len(self._state.by_id)
        report.seconds = time.perf_counter() - started
        log.info("build: %s", report.summary())
        return report

    def add(self, paths: Iterable[Path | str], progress: bool = True, translation_of: str = "") -> AddReport:
        """Add or update the user's documents; one bad file never stops the batch.

        `translation_of`: the files are translations of that indexed document (their
        alignment with it is computed when they are committed).
        """
        from knowledge import loaders, pipeline

        started = time.perf_counter()
        results: dict[int, FileResult] = {}
        prepared: list[tuple[int, _Prepared]] = []
        seen_paths: dict[str, int] = {}
        paths = [Path(p) for p in paths]
        with self._writing():
            current = {d["doc_id"]: d for d in self._state.docs}
            batch_ids: dict[str, str] = {}
            for i, path in enumerate(paths):
                key = str(path.expanduser().resolve(strict=False))
                if key in seen_paths:
                    results[i] = None  # resolved below from its first occurrence
                    continue
                seen_paths[key] = i
                try:
                    meta, text = loaders.read_document(path.expanduser(), self.settings)
                    if not meta.source_path:
                        meta = dataclasses.replace(meta, source_path=key)
                    if translation_of:
                        meta = dataclasses.replace(meta, translation_of=self._check_original(translation_of, meta.doc_id, path, current))
                    meta, chunks = pipeline.prepare_document(text, meta, self.settings)
                    if not chunks:
                        raise DocumentError(str(path), "no text to index after cleaning")
                    self._check_doc_id(meta.doc_id, path, current, batch_ids)
                except DocumentError as exc:
                    results[i] = FileResult(str(path), "failed", error=str(exc))
                    continue
                except (OSError, UnicodeError) as exc:
                    results[i] = FileResult(str(path), "failed", error=f"{path}: {exc}")
                    continue
                batch_ids[meta.doc_id] = key
                p = _Prepared(meta, chunks, ADDED, _doc_hash(meta, chunks))
                old = current.get(meta.doc_id)
                if old is None:
                    status = "added"
                elif old["hash"] != p.hash:
                    status = "updated"
                else:  # same text: still re-store it if records went missing
                    status = "unchanged" if self._is_intact(old) else "repaired"
                results[i] = FileResult(str(path), status, meta.doc_id, len(chunks))
                if status != "unchanged":
                    prepared.append((i, p))
            order = [d["doc_id"] for d in self._state.docs] + [p.meta.doc_id for _, p in prepared]
            self._commit([p for _, p in prepared], [], progress, order=order)
        for i, path in enumerate(paths):
            if results[i] is None:
                first = results[seen_paths[str(path.expanduser().resolve(strict=False))]]
                status = "failed" if first.status == "failed" else "unchanged"
                results[i] = FileResult(str(path), status, first.doc_id, first.chunks, first.error)
        return AddReport([results[i] for i in range(len(paths))], time.perf_counter() - started)

    @staticmethod
    def _check_original(original: str, doc_id: str, path: Path, current: dict[str, Any]) -> str:
        if original == doc_id:
            raise DocumentError(str(path), f"a document cannot be a translation of itself ({doc_id!r})")
        if original not in current:
            known = ", ".join(current) or "(none)"
            raise DocumentError(str(path), f"--translation-of {original!r}: no such document in the index; known: {known}")
        return original

    @staticmethod
    def _check_doc_id(doc_id: str, path: Path, current: dict[str, Any], batch_ids: dict[str, str]) -> None:
        key = str(path.expanduser().resolve(strict=False))
        if doc_id in batch_ids:
            raise DocumentError(str(path), f"document id {doc_id!r} is already taken by {batch_ids[doc_id]} in this batch; rename one file")
        old = current.get(doc_id)
        if old is None:
            return
        if old.get("source") == BUNDLED:
            raise DocumentError(str(path), f"document id {doc_id!r} belongs to a bundled document; rename the file")
        old_path = old.get("source_path", "")
        if old_path and str(Path(old_path).expanduser().resolve(strict=False)) != key:
            raise DocumentError(str(path), f"document id {doc_id!r} is already used by {old_path}; rename the file")

    def _commit(self, changed: list[_Prepared], removed: list[str], progress: bool, order: list[str]) -> int:
        """Steps 1-4 of the module docstring; returns the number of chunks embedded."""
        state = self._state
        if not changed and not removed:
            return 0
        ids, texts, metadatas = [], [], []
        for p in changed:
            for c in p.chunks:
                ids.append(_record_id(c.chunk_id, p.version))
                texts.append(c.search_text)
                metadatas.append({**c.to_metadata(), "xqa_version": p.version})
        self.store.add(ids, texts, metadatas, progress=progress)

        entries = {d["doc_id"]: d for d in state.docs if d["doc_id"] not in removed}
        entries.update({p.meta.doc_id: _entry(p) for p in changed})
        rank = {d: i for i, d in enumerate(order)}
        docs = sorted(entries.values(), key=lambda e: rank.get(e["doc_id"], len(rank)))
        manifest = {"schema": MANIFEST_SCHEMA, "generation": uuid.uuid4().hex[:16], "docs": docs}
        self._compare_and_write(state.generation, manifest)  # commit point

        for p in changed:
            self.store.delete_other_versions(p.meta.doc_id, p.version)
        for doc_id in removed:
            self.store.delete_other_versions(doc_id, None)
        chunks_by_doc = {d: list(cs) for d, cs in state.chunks_by_doc.items() if d in entries}
        for p in changed:
            chunks_by_doc[p.meta.doc_id] = sorted(p.chunks, key=lambda c: (c.char_start, c.ordinal, c.chunk_id))
        new_state = _State(manifest, chunks_by_doc, None)
        new_state.keyword = self._keyword_for(new_state)
        self._state = new_state
        alignment_store.update(self, manifest)  # align translation pairs whose side changed
        zh_en.index_lexicon(self)  # the dictionary over this generation's words, cached for the first question
        return len(ids)

    def _compare_and_write(self, expected: str, manifest: dict[str, Any]) -> None:
        """Write the manifest only if the committed one is still the one this write started
        from and the write guard is still ours; otherwise fail loudly, commit nothing."""
        guard = self._guard
        if guard is not None:
            guard.verify()
        committed = self.store.read_manifest().get("generation", "empty")
        if committed != expected:
            raise WriteConflict(
                f"another writer committed generation {committed} while this write was based on {expected}; "
                f"nothing was committed, run the command again"
            )
        self.store.write_manifest(manifest)


def open_index(settings: Settings, ensure: bool = True) -> KnowledgeIndex:
    """Open the index and build the bundled corpus on first use (what ask/app call)."""
    index = KnowledgeIndex.open(settings)
    if ensure:
        index.ensure_built()
    return index


__all__ = [
    "AddReport",
    "BuildReport",
    "DocumentInfo",
    "FileResult",
    "KnowledgeIndex",
    "SectionInfo",
    "open_index",
]
