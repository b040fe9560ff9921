"""Chroma's HNSW segment saves itself every `WRITE_SYNC` log entries, in new and in old indexes.

Until the segment saves, every write re-reads the log since its last save, so with Chroma's
default interval (1000) a small write cost in proportion to the small writes before it
(eval/README.md, "Performance"). Real Chroma, real embedder; the pending entries are read from
Chroma's own tables (`embeddings_queue`, `max_seq_id`), the only place they show.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.embedders import USEMultilingual
from knowledge.settings import Settings
from knowledge.vector_store import WRITE_SYNC, VectorStore, _client_settings

LIMIT = WRITE_SYNC["sync_threshold"]
#: small writes per test: enough that the segment must have saved during them
WRITES = 30


@pytest.fixture(scope="module")
def embedder():
    return USEMultilingual()


def _pending(settings: Settings) -> dict[str, int]:
    """Collection name → its log entries the HNSW segment has not saved yet."""
    path = Path(settings.index_dir) / "chroma" / "chroma.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT c.name, c.id, s.id FROM collections c JOIN segments s ON s.collection = c.id WHERE s.scope = 'VECTOR'"
        ).fetchall()
        pending = {}
        for name, collection_id, segment_id in rows:
            saved = db.execute("SELECT seq_id FROM max_seq_id WHERE segment_id = ?", (segment_id,)).fetchone()
            pending[name] = db.execute(
                "SELECT count(*) FROM embeddings_queue WHERE topic LIKE ? AND seq_id > ?",
                (f"%/{collection_id}", saved[0] if saved else 0),
            ).fetchone()[0]
    return pending


def _small_writes(store: VectorStore, n: int, tag: str) -> None:
    """One record and one artifact per write, the way a user adds documents one at a time."""
    for i in range(n):
        store.add([f"{tag}-{i}"], [f"第{i}份说明，{tag}。"], [{"doc_id": f"{tag}-{i}", "xqa_version": "v1"}])
        store.write_artifacts({f"{tag}/{i}": "值" * 50}, {f"{tag}/{i}": "test"})


def _sync_threshold(collection) -> int:
    return collection.configuration["hnsw"]["sync_threshold"]


def test_a_new_index_saves_its_graph_every_few_writes(settings, embedder):
    store = VectorStore.open(settings, embedder)
    _small_writes(store, WRITES, "new")
    pending = _pending(settings)
    assert set(pending) == {settings.collection, f"{settings.collection}.artifacts"}
    assert all(n < LIMIT < WRITES for n in pending.values()), pending
    assert store.count() == WRITES
    assert store.read_artifacts(["new/7"]) == {"new/7": "值" * 50}


def test_an_index_made_with_chromas_default_is_switched_by_its_first_write(settings, embedder):
    import chromadb

    path = Path(settings.index_dir) / "chroma"
    client = chromadb.PersistentClient(path=str(path), settings=_client_settings())
    old = {"xqa_embedder": embedder.id, "xqa_dim": int(embedder.dim)}
    client.create_collection(settings.collection, metadata=old, configuration={"hnsw": {"space": "cosine"}})
    client.create_collection(f"{settings.collection}.artifacts")
    assert _sync_threshold(client.get_collection(settings.collection)) == 1000  # Chroma's default

    store = VectorStore.open(settings, embedder)
    _small_writes(store, 1, "first")  # the first write switches each collection it writes to
    store.reopen()  # a new process: Chroma reads the interval when it loads the segment
    for name in (settings.collection, f"{settings.collection}.artifacts"):
        assert _sync_threshold(store._client.get_collection(name)) == LIMIT
    _small_writes(store, WRITES, "later")
    assert all(n < LIMIT < WRITES for n in _pending(settings).values()), _pending(settings)
    assert store.count() == WRITES + 1
