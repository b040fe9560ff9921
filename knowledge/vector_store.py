"""The Chroma collection behind the index, reached through langchain-chroma.

Embedded `PersistentClient` under `<data_dir>/index/chroma` by default; `HttpClient`
when `chroma_host` is set, so several processes or machines can share one server
(Chroma's local mode is not safe for concurrent writers across processes).

The collection named by `XQA_COLLECTION` (the *root*) is the index's record of itself:
its metadata holds which embedder built it (so a different embedder is refused instead
of silently mixing vector spaces) and the manifest of indexed documents (see
`knowledge.index` for why the manifest lives here: one `modify` call is the commit point
of a write, in local and server mode alike). The records live in the root too, until a
`rebuild` writes a complete new index into a fresh collection `<root>.r<id>` and the
manifest's `records` field switches to it — the pointer that makes a rebuild atomic.
Cosine space, so a score is `1 - distance` = cosine similarity.

A third collection `<root>.artifacts` holds what writers derive from a generation and
publish for every reader (`knowledge.artifacts`): one record per artifact, its value in
a metadata field, a one-dimensional placeholder vector (never searched). Not in the
record's document: a Chroma server indexes documents for full-text search, and storing
a 270 KB value there took 1.5-1.8 s against 0.04-0.06 s as metadata (measured at load 9).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.embedders import Embedder, LangChainEmbeddings
from knowledge.errors import IndexMismatch, RecordsGone, StoreCorrupt, StoreUnavailable
from knowledge.settings import Settings

log = logging.getLogger(__name__)

_EMBEDDER_KEY = "xqa_embedder"
_DIM_KEY = "xqa_dim"
_MANIFEST_KEY = "xqa_manifest"
#: the metadata field holding an artifact's value
_ARTIFACT_KEY = "xqa_value"
#: records per `add_texts` call: one progress-bar step, well under Chroma's batch limit
BATCH = 64
#: longest wait for another process that is opening (creating) the same local store
_OPEN_WAIT_S = 60.0


def _version_filter(doc_id: str, version: str) -> dict[str, Any]:
    return {"$and": [{"doc_id": doc_id}, {"xqa_version": version}]}


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


#: the HNSW graph of every collection: Chroma builds one for every collection, but it is not searched (the
#: dense search is exact over the stored vectors, `knowledge.dense`; the graph lost passages), so Chroma's
#: defaults, which cost the least to build. Until 2026-12-07 it was searched with ef_construction 200,
#: ef_search 400, max_neighbors 32, which still missed some of the exact top 60 on larger indexes.
#: how often Chroma's HNSW segment (local and server alike) saves itself: after every
#: `sync_threshold` log entries. Until it does, *every* write re-reads and decodes all log entries
#: since the last save (Chroma replays its log from the segment's saved sequence id and skips what it
#: applied), and every process that opens the store inserts them into the graph again. With
#: Chroma's default of 1000, a 3-record upsert into the 8,546-record 50x bench index cost 0.35-0.59 s
#: of CPU with 527 entries pending and 0.007 s right after a save; with 10 it costs 0.008-0.017 s
#: (30 records: 0.04-0.06 s, the graph inserts), and a save writes only the changed vectors plus the
#: id map (1, a save on every write: 0.014-0.020 s). Measured 2026-12-01, see eval/README.md
#: "Performance". `batch_size` may not exceed it.
WRITE_SYNC: dict[str, int] = {"sync_threshold": 10, "batch_size": 10}
HNSW: dict[str, Any] = {"space": "cosine", **WRITE_SYNC}


def _set_http_timeout(client, seconds: float) -> None:
    """Chroma's HTTP client is built with `timeout=None`: a hung (not dead) server would hold a
    request forever. Its httpx session is not configurable, so set the timeout on it here;
    a timeout is an httpx.TransportError, which `_guard` turns into StoreUnavailable."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if not isinstance(session, httpx.Client):
        raise StoreUnavailable("this chromadb version's HTTP client has no httpx session to set a timeout on")
    session.timeout = httpx.Timeout(seconds)


class VectorStore:
    """One Chroma collection: records (id, vector, search text, flat metadata) + manifest."""

    def __init__(self, settings: Settings, embedder: Embedder, client, where: str, check_embedder: bool = True):
        self.settings = settings
        self.embedder = embedder
        self.where = where
        self._client = client
        self._langchain: dict[str, Any] = {}
        #: (client, collection) of the artifacts collection, fetched again after `reopen`
        self._artifact_collection: tuple[Any, Any] | None = None
        #: ids of the collections whose HNSW save interval `_for_write` has checked
        self._write_tuned: set[str] = set()
        self._open_root(check_embedder)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, settings: Settings, embedder: Embedder, check_embedder: bool = True) -> VectorStore:
        """Connect, create the collection if missing, refuse a different embedder.

        `check_embedder=False` opens an index of another embedder, to rebuild it (the way
        out of an IndexMismatch).
        """
        import chromadb

        if settings.chroma_host:
            where = f"Chroma server {settings.chroma_host}:{settings.chroma_port}"
            try:
                client = chromadb.HttpClient(
                    host=settings.chroma_host, port=int(settings.chroma_port), settings=_client_settings()
                )
                _set_http_timeout(client, settings.chroma_timeout_s)
            except (ValueError, ConnectionError) as exc:
                raise StoreUnavailable(f"cannot reach the {where} (XQA_CHROMA_HOST/XQA_CHROMA_PORT): {exc}") from exc
        else:
            path = Path(settings.index_dir) / "chroma"
            where = f"local index {path}"
            with _store_errors(where, path):
                client = _local_client(path)
        return cls(settings, embedder, client, where, check_embedder=check_embedder)

    def _open_root(self, check_embedder: bool) -> None:
        from chromadb.errors import NotFoundError

        name = self.settings.collection
        with self._guard():
            try:
                root = self._client.get_collection(name, embedding_function=None)
            except NotFoundError:
                root = self._create(name)
            if check_embedder:
                self._check_embedder(root.metadata or {})
            self._root = root
            #: the collection writes go to: the records collection the committed manifest names
            self._collection = root

    def _create(self, name: str):
        from chromadb.errors import ChromaError

        try:
            return self._client.create_collection(
                name,
                metadata=self._base_metadata(),
                configuration={"hnsw": HNSW},
                embedding_function=None,
            )
        except ChromaError:  # another process created it a moment ago
            return self._client.get_collection(name, embedding_function=None)

    def reopen(self) -> None:
        """A new client for a local store: Chroma caches vectors per client, so a reader only
        sees another process's writes through a fresh one. A server needs nothing."""
        if self.settings.chroma_host:
            return
        with _store_errors(self.where, Path(self.settings.index_dir) / "chroma"):
            self._client = _local_client(Path(self.settings.index_dir) / "chroma", fresh=True)
        self._langchain = {}
        with self._guard():
            self._root = self._client.get_collection(self.settings.collection, embedding_function=None)
            self._collection = self._root

    # ------------------------------------------------------------------ records collections
    def records_collection(self, name: str | None):
        """The collection holding the records (the root unless a rebuild switched it); writes
        go to it from now on."""
        from chromadb.errors import NotFoundError

        if not name or name == self.settings.collection:
            self._collection = self._root
            return self._root
        with self._guard():
            try:
                self._collection = self._client.get_collection(name, embedding_function=None)
            except NotFoundError:
                raise RecordsGone(
                    f"the records collection {name!r} named by the manifest of the {self.where} is missing"
                ) from None
        return self._collection

    def new_records_collection(self) -> str:
        """Create an empty collection for a rebuild; returns its name."""
        name = f"{self.settings.collection}.r{uuid.uuid4().hex[:12]}"
        with self._guard():
            self._create(name)
        return name

    def drop_records_collection(self, name: str) -> None:
        """Delete a replaced records collection (the root keeps the manifest: only its records go)."""
        from chromadb.errors import NotFoundError

        with self._guard():
            if name == self.settings.collection:
                _delete_ids(self._root, self._root.get(include=[])["ids"])
                return
            try:
                self._client.delete_collection(name)
            except NotFoundError:
                pass

    def leftover_records_collections(self, keep: str | None) -> list[str]:
        """Records collections of rebuilds that never committed (killed half-way)."""
        prefix = f"{self.settings.collection}.r"
        with self._guard():
            names = [c if isinstance(c, str) else c.name for c in self._client.list_collections()]
        return [n for n in names if n.startswith(prefix) and n != keep]

    def _writer(self, collection):
        """LangChain's store over a records collection, for writes (it embeds through our adapter)."""
        from langchain_chroma import Chroma

        name = collection.name
        if name not in self._langchain:
            self._langchain[name] = Chroma(
                client=self._client,
                collection_name=name,
                embedding_function=LangChainEmbeddings(self.embedder),
                create_collection_if_not_exists=False,
            )
        return self._langchain[name]

    def _for_write(self, collection):
        """`collection`, its HNSW save interval first set to `WRITE_SYNC` if it has another one (an
        index created before that setting): Chroma changes it in place, once per collection."""
        key = str(collection.id)
        if key in self._write_tuned:
            return collection
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("sync_threshold") != WRITE_SYNC["sync_threshold"]:
            with self._guard():
                collection.modify(configuration={"hnsw": dict(WRITE_SYNC)})
            log.info("set the HNSW save interval of collection %s to %s", collection.name, WRITE_SYNC)
        self._write_tuned.add(key)
        return collection

    def _base_metadata(self) -> dict[str, Any]:
        return {_EMBEDDER_KEY: self.embedder.id, _DIM_KEY: int(self.embedder.dim)}

    def _check_embedder(self, metadata: dict[str, Any]) -> None:
        stored, dim = metadata.get(_EMBEDDER_KEY), metadata.get(_DIM_KEY)
        if stored == self.embedder.id and dim == self.embedder.dim:
            return
        if self.settings.chroma_host:
            wipe = f"delete the collection {self.settings.collection!r} on that server (or set XQA_COLLECTION to a new name)"
        else:
            wipe = f"delete {Path(self.settings.index_dir)}"
        raise IndexMismatch(
            f"the {self.where} (collection {self.settings.collection!r}) was built with embedder "
            f"{stored or 'unknown'!r} ({dim or '?'}-d), but the configured embedder is {self.embedder.id!r} "
            f"({self.embedder.dim}-d). Rebuild it with `xinzhi-qa index build --rebuild` "
            f"(or `python -m knowledge build --rebuild`), or {wipe}, or set XQA_EMBEDDER={stored} again."
        )

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn transport failures of a Chroma server and local-store faults into our errors."""
        import httpx

        local = None if self.settings.chroma_host else Path(self.settings.index_dir) / "chroma"
        try:
            with _store_errors(self.where, local):
                yield
        except (httpx.TransportError, ConnectionError) as exc:
            raise StoreUnavailable(f"lost the connection to the {self.where}: {exc}") from exc

    # ----------------------------------------------------------------- manifest
    def read_manifest(self) -> dict[str, Any]:
        from chromadb.errors import NotFoundError

        with self._guard():
            try:
                metadata = self._client.get_collection(self.settings.collection, embedding_function=None).metadata or {}
            except NotFoundError:
                raise StoreCorrupt(
                    f"the collection {self.settings.collection!r} of the {self.where} was deleted while in use; "
                    f"restart, then run `python -m knowledge build`"
                ) from None
        raw = metadata.get(_MANIFEST_KEY)
        if not raw:
            return {}
        try:
            manifest = json.loads(raw)
            if not isinstance(manifest, dict) or not all(
                "doc_id" in d and "version" in d for d in manifest.get("docs", [])
            ):
                raise ValueError("not a manifest object")
        except (ValueError, TypeError, AttributeError) as exc:
            raise StoreCorrupt(
                f"the manifest stored in the {self.where} (collection {self.settings.collection!r}) is broken ({exc}); "
                f"run `python -m knowledge build --rebuild` to index again"
            ) from None
        return manifest

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """The commit point: one metadata update replaces the whole manifest at once."""
        metadata = self._base_metadata()
        metadata[_MANIFEST_KEY] = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
        with self._guard():
            self._root.modify(metadata=metadata)

    # ------------------------------------------------------------------ artifacts
    def _artifacts(self):
        """The side collection of published artifacts (created on first use)."""
        name = f"{self.settings.collection}.artifacts"
        found = self._artifact_collection
        if found is None or found[0] is not self._client:
            with self._guard():
                collection = self._client.get_or_create_collection(
                    name, configuration={"hnsw": dict(WRITE_SYNC)}, embedding_function=None
                )
            found = self._artifact_collection = (self._client, collection)
        return found[1]

    def read_artifacts(self, keys: list[str]) -> dict[str, str]:
        """key → stored value, for the keys that exist."""
        if not keys:
            return {}
        collection = self._artifacts()
        with self._guard():
            got = collection.get(ids=list(keys), include=["metadatas"])
        values = {k: (m or {}).get(_ARTIFACT_KEY) for k, m in zip(got["ids"], got.get("metadatas") or [])}
        return {k: v for k, v in values.items() if isinstance(v, str)}

    def write_artifacts(self, values: dict[str, str], kinds: dict[str, str]) -> None:
        """Store (replace) artifacts; `kinds`: key → its kind, a metadata field for listing."""
        if not values:
            return
        collection = self._for_write(self._artifacts())
        keys = list(values)
        for start in range(0, len(keys), BATCH):
            part = keys[start : start + BATCH]
            with self._guard():
                collection.upsert(
                    ids=part,
                    metadatas=[{"xqa_kind": kinds[k], _ARTIFACT_KEY: values[k]} for k in part],
                    embeddings=[[0.0]] * len(part),
                )

    def artifact_keys(self) -> list[str]:
        collection = self._artifacts()
        with self._guard():
            return list(collection.get(include=[])["ids"])

    def delete_artifacts(self, keys: list[str]) -> None:
        collection = self._for_write(self._artifacts())
        with self._guard():
            _delete_ids(collection, keys)

    # ------------------------------------------------------------------ writing
    def write_guard(self, timeout_s: float):
        """The cross-process guard every write holds (see `knowledge.write_guard`)."""
        from knowledge.write_guard import FileGuard, LeaseGuard

        if self.settings.chroma_host:
            return LeaseGuard(self._client, f"{self.settings.collection}.writelock", timeout_s)
        return FileGuard(Path(self.settings.index_dir) / "write.lock", timeout_s)

    # ------------------------------------------------------------------ records
    def add(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]], progress: bool = False) -> None:
        """Embed and upsert records in batches, with a progress bar over chunks."""
        from tqdm import tqdm

        with tqdm(total=len(ids), desc="storing", unit="chunk", disable=not progress, leave=False) as bar:
            for start in range(0, len(ids), BATCH):
                end = start + BATCH
                with self._guard():
                    self._writer(self._for_write(self._collection)).add_texts(
                        texts[start:end], metadatas=metadatas[start:end], ids=ids[start:end]
                    )
                bar.update(len(ids[start:end]))

    def update_metadata(self, ids: list[str], metadatas: list[dict[str, Any]]) -> None:
        """Set some metadata keys of existing records (Chroma merges them in: the other keys, the text and
        the vector stay)."""
        for start in range(0, len(ids), BATCH):
            with self._guard():
                self._for_write(self._collection).update(
                    ids=ids[start : start + BATCH], metadatas=metadatas[start : start + BATCH]
                )

    def records(self, documents: bool = True, collection=None) -> tuple[list[str], list[dict[str, Any]], list[str]]:
        """Every record: ids, metadatas and (if asked) documents, i.e. the search texts."""
        include = ["metadatas", "documents"] if documents else ["metadatas"]
        with self._guard():
            got = (collection or self._collection).get(include=include)
        return _rows(got)

    def records_of(
        self, doc_id: str, version: str, collection=None
    ) -> tuple[list[str], list[dict[str, Any]], list[str]]:
        """The records of one version of one document (a reload fetches only what changed)."""
        with self._guard():
            got = (collection or self._collection).get(
                where=_version_filter(doc_id, version), include=["metadatas", "documents"]
            )
        return _rows(got)

    def count_version(self, doc_id: str, version: str) -> int:
        """How many records one version of one document has (a repair check, no vectors fetched)."""
        with self._guard():
            return len(self._collection.get(where=_version_filter(doc_id, version), include=[])["ids"])

    def delete_other_versions(self, doc_id: str, keep: str | None) -> None:
        """Delete a document's records of every version but `keep` (all of them if None)."""
        where = {"doc_id": doc_id} if keep is None else {"$and": [{"doc_id": doc_id}, {"xqa_version": {"$ne": keep}}]}
        with self._guard():
            self._for_write(self._collection).delete(where=where)

    def delete_unowned(self, doc_ids: list[str]) -> None:
        """Delete records of documents the manifest does not list (left by interrupted writes)."""
        where = {"doc_id": {"$nin": list(doc_ids)}} if doc_ids else None
        with self._guard():
            if where is None:
                ids = self._collection.get(include=[])["ids"]
                if ids:
                    self._collection.delete(ids=ids)
            else:
                self._collection.delete(where=where)

    def delete(self, ids: list[str]) -> None:
        with self._guard():
            _delete_ids(self._for_write(self._collection), ids)

    def count(self) -> int:
        with self._guard():
            return self._collection.count()

    def vectors(self, ids: list[str], collection=None) -> dict[str, np.ndarray]:
        """Record id → its stored vector (ids the collection lacks are left out).

        RecordsGone if the collection was dropped by a rebuild meanwhile (the caller reloads)."""
        collection = collection or self._collection
        with self._reading(collection):
            got = collection.get(ids=list(ids), include=["embeddings"])
        return {rid: np.asarray(v, dtype=np.float32) for rid, v in zip(got["ids"], got["embeddings"])}

    @contextlib.contextmanager
    def _reading(self, collection) -> Iterator[None]:
        """A read of a generation's `collection` under the store's guard: RecordsGone if a rebuild dropped the
        collection meanwhile (the caller reloads)."""
        from chromadb.errors import NotFoundError

        with self._guard():
            try:
                yield
            except NotFoundError:
                raise RecordsGone(f"the collection {collection.name!r} was replaced by a rebuild") from None


def _rows(got: Any) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """(ids, metadatas, documents) of a Chroma `get` result (documents "" when not asked for)."""
    return got["ids"], got["metadatas"], got.get("documents") or [""] * len(got["ids"])


#: ids per Chroma `delete` call
_DELETE_BATCH = 1000


def _delete_ids(collection: Any, ids: list[str]) -> None:
    """Delete records by id, in batches Chroma accepts."""
    for start in range(0, len(ids), _DELETE_BATCH):
        collection.delete(ids=ids[start : start + _DELETE_BATCH])


def _local_client(path: Path, fresh: bool = False):
    """A PersistentClient on `path`; `fresh` bypasses Chroma's per-path client cache."""
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient

    path.mkdir(parents=True, exist_ok=True)
    if fresh:
        # Chroma shares one System per path inside a process; forget ours so the new client
        # reads the store from disk. Clients already handed out keep working on the old one.
        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    # Two processes opening a new store at once both run Chroma's schema migrations and one fails
    # ("table collections already exists": 2 of 10 randomised concurrent-writer runs): one at a time.
    from knowledge.write_guard import FileGuard

    guard: FileGuard | None = None
    try:
        guard = FileGuard(path.parent / "open.lock", timeout_s=_OPEN_WAIT_S).__enter__()
    except StoreUnavailable:  # a read-only data dir: no process can be creating the store in it
        guard = None
    try:
        return chromadb.PersistentClient(path=str(path), settings=_client_settings())
    finally:
        if guard is not None:
            guard.__exit__(None, None, None)


@contextlib.contextmanager
def _store_errors(where: str, local: Path | None = None) -> Iterator[None]:
    """Store faults (damaged database file, read-only or full disk, any other Chroma failure)
    as one-line errors; `local` is the local store's folder (for the free-space check)."""
    from chromadb.errors import ChromaError, InvalidArgumentError, NotFoundError

    from knowledge.write_guard import os_problem

    try:
        yield
    except OSError as exc:
        raise StoreUnavailable(f"the {where}: {os_problem(Path(exc.filename or '.'), exc)}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(_damaged(where, exc)) from exc
    except ChromaError as exc:
        text = str(exc).lower()
        if any(m in text for m in ("readonly", "read-only", "read only")):
            raise StoreUnavailable(
                f"the {where} is read-only ({exc}); fix its permissions or set XQA_DATA_DIR"
            ) from exc
        if "disk is full" in text or "no space" in text:
            raise StoreUnavailable(
                f"no space left for the {where} ({exc}); free some space and run the command again"
            ) from exc
        if any(m in text for m in ("not a database", "malformed", "corrupt", "disk image", "file is encrypted")):
            raise StoreCorrupt(_damaged(where, exc)) from exc
        if isinstance(exc, (NotFoundError, InvalidArgumentError)):
            raise  # the callers handle these
        if local is not None and _nearly_full(local):
            raise StoreUnavailable(
                f"no space left for the {where} ({_first_line(exc)}); free some space and run the command again"
            ) from exc
        raise StoreUnavailable(f"the {where} failed: {_first_line(exc)}") from exc


def _nearly_full(path: Path) -> bool:
    import shutil

    for candidate in (path, *path.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free < 8 * 1024 * 1024
    return False


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


def _damaged(where: str, exc: BaseException) -> str:
    return (
        f"the {where} is damaged and cannot be read ({_first_line(exc)}); move that folder away "
        f"and run `python -m knowledge build` (re-run `add` for your own documents)"
    )
