"""The Chroma collection behind the index, reached through langchain-chroma.

Embedded `PersistentClient` under `<data_dir>/index/chroma` by default; `HttpClient`
when `chroma_host` is set, so several processes or machines can share one server
(Chroma's local mode is not safe for concurrent writers across processes).

The collection's own metadata is the index's record of itself: which embedder built
it (so a different embedder is refused instead of silently mixing vector spaces) and
the manifest of indexed documents (see `knowledge.index` for why the manifest lives
here: one `modify` call is the commit point of a build, in local and server mode alike).
Cosine space, so a score is `1 - distance` = cosine similarity.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from knowledge.embedders import Embedder, LangChainEmbeddings
from knowledge.errors import IndexMismatch, StoreUnavailable
from knowledge.settings import Settings

log = logging.getLogger(__name__)

_EMBEDDER_KEY = "xqa_embedder"
_DIM_KEY = "xqa_dim"
_MANIFEST_KEY = "xqa_manifest"
#: records per `add_texts` call: one progress-bar step, well under Chroma's batch limit
BATCH = 64


def _version_filter(doc_id: str, version: str) -> dict[str, Any]:
    return {"$and": [{"doc_id": doc_id}, {"xqa_version": version}]}


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


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

    def __init__(self, settings: Settings, embedder: Embedder, client, where: str, reset: bool = False):
        self.settings = settings
        self.embedder = embedder
        self.where = where
        self._client = client
        if reset:
            self._drop_collection()
        self._open_collection()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, settings: Settings, embedder: Embedder, reset: bool = False) -> "VectorStore":
        """Connect, create the collection if missing, refuse a different embedder.

        `reset=True` drops the stored collection first (`build --rebuild`): the way out
        of an IndexMismatch.
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
                raise StoreUnavailable(
                    f"cannot reach the {where} (XQA_CHROMA_HOST/XQA_CHROMA_PORT): {exc}"
                ) from exc
        else:
            path = Path(settings.index_dir) / "chroma"
            where = f"local index {path}"
            try:
                path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path), settings=_client_settings())
            except (OSError, ValueError) as exc:
                raise StoreUnavailable(f"cannot open the {where}: {exc}") from exc
        return cls(settings, embedder, client, where, reset=reset)

    def _open_collection(self) -> None:
        from chromadb.errors import NotFoundError
        from langchain_chroma import Chroma

        name = self.settings.collection
        with self._guard():
            try:
                collection = self._client.get_collection(name, embedding_function=None)
            except NotFoundError:
                collection = self._client.create_collection(
                    name,
                    metadata=self._base_metadata(),
                    configuration={"hnsw": {"space": "cosine"}},
                    embedding_function=None,
                )
            self._check_embedder(collection.metadata or {})
            self._collection = collection
            # LangChain's store for writes (it embeds through our adapter); the raw
            # collection for id-only queries, which skip fetching documents.
            self.langchain = Chroma(
                client=self._client,
                collection_name=name,
                embedding_function=LangChainEmbeddings(self.embedder),
                create_collection_if_not_exists=False,
            )

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
        """Turn transport failures of a Chroma server into StoreUnavailable."""
        import httpx

        try:
            yield
        except (httpx.TransportError, ConnectionError) as exc:
            raise StoreUnavailable(f"lost the connection to the {self.where}: {exc}") from exc

    # ----------------------------------------------------------------- manifest
    def read_manifest(self) -> dict[str, Any]:
        with self._guard():
            metadata = self._client.get_collection(self.settings.collection, embedding_function=None).metadata or {}
        raw = metadata.get(_MANIFEST_KEY)
        return json.loads(raw) if raw else {}

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """The commit point: one metadata update replaces the whole manifest at once."""
        metadata = self._base_metadata()
        metadata[_MANIFEST_KEY] = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
        with self._guard():
            self._collection.modify(metadata=metadata)

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

        with tqdm(total=len(ids), desc="embedding", unit="chunk", disable=not progress, leave=False) as bar:
            for start in range(0, len(ids), BATCH):
                end = start + BATCH
                with self._guard():
                    self.langchain.add_texts(texts[start:end], metadatas=metadatas[start:end], ids=ids[start:end])
                bar.update(len(ids[start:end]))

    def records(self, documents: bool = True) -> tuple[list[str], list[dict[str, Any]], list[str]]:
        """Every record: ids, metadatas and (if asked) documents, i.e. the search texts."""
        include = ["metadatas", "documents"] if documents else ["metadatas"]
        with self._guard():
            got = self._collection.get(include=include)
        return got["ids"], got["metadatas"], got.get("documents") or [""] * len(got["ids"])

    def records_of(self, doc_id: str, version: str) -> tuple[list[str], list[dict[str, Any]], list[str]]:
        """The records of one version of one document (a reload fetches only what changed)."""
        with self._guard():
            got = self._collection.get(where=_version_filter(doc_id, version), include=["metadatas", "documents"])
        return got["ids"], got["metadatas"], got.get("documents") or [""] * len(got["ids"])

    def count_version(self, doc_id: str, version: str) -> int:
        """How many records one version of one document has (a repair check, no vectors fetched)."""
        with self._guard():
            return len(self._collection.get(where=_version_filter(doc_id, version), include=[])["ids"])

    def delete_other_versions(self, doc_id: str, keep: str | None) -> None:
        """Delete a document's records of every version but `keep` (all of them if None)."""
        where = {"doc_id": doc_id} if keep is None else {"$and": [{"doc_id": doc_id}, {"xqa_version": {"$ne": keep}}]}
        with self._guard():
            self._collection.delete(where=where)

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
        for start in range(0, len(ids), 1000):
            with self._guard():
                self._collection.delete(ids=ids[start : start + 1000])

    def count(self) -> int:
        with self._guard():
            return self._collection.count()

    def query(self, vector: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(record id, cosine similarity), best first; `doc_ids` filters in Chroma."""
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids else None
        with self._guard():
            got = self._collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=k,
                where=where,
                include=["distances"],
            )
        return [(rid, 1.0 - float(d)) for rid, d in zip(got["ids"][0], got["distances"][0])]

    def _drop_collection(self) -> None:
        from chromadb.errors import NotFoundError

        with self._guard():
            try:
                self._client.delete_collection(self.settings.collection)
            except NotFoundError:
                pass
