"""Indexing through a real Chroma server (`chroma run` on loopback) via HttpClient."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.load_test import free_port
from knowledge.errors import IndexMismatch, StoreUnavailable
from knowledge.index import KnowledgeIndex

pytestmark = pytest.mark.server


@pytest.fixture
def chroma_server(chroma_server_process):
    return chroma_server_process[0]


def test_index_through_a_chroma_server(chroma_server, settings, tmp_path):
    server = settings.replace(chroma_host="127.0.0.1", chroma_port=chroma_server)
    index = KnowledgeIndex.open(server)
    report = index.build(progress=False)
    assert report.chunks == len(index.chunks()) > 50
    assert not (Path(settings.index_dir) / "chroma").exists()  # nothing went to the local store
    assert index.store.count() == report.chunks

    hits = index.dense_search("东数西算", 5)
    assert any("东数西算" in c.text for c, _ in hits)
    assert index.keyword_search("76.6ZB", 1)[0][0].text.count("76.6ZB") >= 1
    assert {c.doc_id for c, _ in index.dense_search("新质生产力", 5, doc_ids=["gwr-2024"])} == {"gwr-2024"}

    # another machine (own data dir, no keyword cache) sees the same index via the server
    elsewhere = server.replace(data_dir=tmp_path / "other-machine")
    other = KnowledgeIndex.open(elsewhere)
    assert [c.chunk_id for c in other.chunks()] == [c.chunk_id for c in index.chunks()]
    assert other.build(progress=False).embedded == 0
    assert [c.chunk_id for c, _ in other.keyword_search("两弹一星", 3)] == [
        c.chunk_id for c, _ in index.keyword_search("两弹一星", 3)
    ]
    with pytest.raises(IndexMismatch):
        _mismatch(server)
    # closed before the fixture stops the server: no background check reports the lost server
    for opened in (index, other):
        opened.close()


def _mismatch(server):
    """Open the server's collection while claiming another embedder id."""
    from knowledge.embedders import USEMultilingual
    from knowledge.vector_store import VectorStore

    impostor = USEMultilingual()
    impostor.id = "use-multilingual-v4"
    VectorStore.open(server, impostor)


def test_unreachable_server_is_a_clear_error(settings):
    port = free_port()
    with pytest.raises(StoreUnavailable) as err:
        KnowledgeIndex.open(settings.replace(chroma_host="127.0.0.1", chroma_port=port))
    assert f"127.0.0.1:{port}" in str(err.value)
