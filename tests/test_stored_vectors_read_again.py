"""A process loading another's commit reads the new records' vectors from the store (the dense search is exact over
them, `knowledge.dense`). An embedded Chroma sometimes fails that read for records another process just wrote ("Error
getting embedding", seen once in the concurrent-writer fault tests): the load tries again with a fresh client, and
after `VECTOR_READS` failures embeds the chunks' search texts, which is what was stored. Real Chroma, real embedder,
a text written for the test."""

from __future__ import annotations

import pytest

from knowledge.errors import StoreUnavailable
from knowledge.index import VECTOR_READS, KnowledgeIndex

TEXT = (
    "海港城市发展报告\n\n一、港口\n海港城市的集装箱吞吐量去年增长百分之八，新建了两座自动化码头。\n\n"
    "二、人才\n海港城市引进航运人才一千二百名，设立了航运学院。\n"
)


@pytest.fixture
def written(settings, tmp_path):
    doc = tmp_path / "海港城市发展报告.txt"
    doc.write_text(TEXT, encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    assert index.add([doc], progress=False).ok
    return settings, index.dense_search("自动化码头建设", 3)


def _failing(monkeypatch, store, failures: int) -> None:
    calls: list[int] = []
    real = store.vectors

    def vectors(ids, **kw):
        calls.append(len(ids))
        if len(calls) <= failures:
            raise StoreUnavailable(
                "the local index failed: Error executing plan: Internal error: Error getting embedding"
            )
        return real(ids, **kw)

    monkeypatch.setattr(store, "vectors", vectors)


def _open_failing(settings, monkeypatch, failures: int):
    """Another process's index opening the commit, its first `failures` reads of stored vectors failing."""
    from knowledge import vector_store

    real_open = vector_store.VectorStore.open

    def open_(*a, **k):
        store = real_open(*a, **k)
        _failing(monkeypatch, store, failures)
        return store

    monkeypatch.setattr(vector_store.VectorStore, "open", open_)
    return KnowledgeIndex.open(settings)


def test_a_failed_read_of_stored_vectors_is_tried_again(written, monkeypatch):
    settings, before = written
    index = _open_failing(settings, monkeypatch, VECTOR_READS - 1)
    again = index.dense_search("自动化码头建设", 3)
    assert [c.chunk_id for c, _ in again] == [c.chunk_id for c, _ in before]
    assert [s for _, s in again] == pytest.approx([s for _, s in before], abs=1e-6)


def test_when_every_read_fails_the_search_texts_are_embedded_again(written, monkeypatch, caplog):
    settings, before = written
    index = _open_failing(settings, monkeypatch, VECTOR_READS)
    again = index.dense_search("自动化码头建设", 3)
    assert [c.chunk_id for c, _ in again] == [c.chunk_id for c, _ in before]
    assert [s for _, s in again] == pytest.approx([s for _, s in before], abs=1e-5)
    assert any("embedding the search texts" in r.getMessage() for r in caplog.records)
