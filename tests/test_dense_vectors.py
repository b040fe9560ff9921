"""The exact dense search over a snapshot's stored vectors (`knowledge.dense.DenseVectors`), on vectors made here."""

from __future__ import annotations

import numpy as np

from knowledge.dense import DenseVectors


def _vectors(seed: int = 0) -> tuple[DenseVectors, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    raw = {f"{d}{i}": rng.normal(size=8) for d, n in (("a", 30), ("b", 20)) for i in range(n)}
    a = DenseVectors.rows([k for k in raw if k[0] == "a"], [v for k, v in raw.items() if k[0] == "a"])
    b = DenseVectors.rows([k for k in raw if k[0] == "b"], [v for k, v in raw.items() if k[0] == "b"])
    # a document none of whose records has a vector (an interrupted write) has no rows, and breaks nothing
    empty = DenseVectors.rows([], [])
    return DenseVectors({"a": a, "gone": empty, "b": b}, ["a", "gone", "b"]), raw


def _exact(raw: dict[str, np.ndarray], query: np.ndarray, keep=lambda k: True) -> list[tuple[str, float]]:
    q = query / np.linalg.norm(query)
    sims = {k: float(v @ q / np.linalg.norm(v)) for k, v in raw.items() if keep(k)}
    return sorted(sims.items(), key=lambda kv: -kv[1])


def test_search_is_the_exact_ranking_at_any_depth_and_within_documents():
    dense, raw = _vectors()
    query = np.random.default_rng(1).normal(size=8)
    for k in (1, 5, 49, 50, 80):
        got = dense.search(query, k)
        want = _exact(raw, query)[:k]
        assert [c for c, _ in got] == [c for c, _ in want]
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5)
    only_b = dense.search(query, 7, ["b", "gone"])
    assert [c for c, _ in only_b] == [c for c, _ in _exact(raw, query, lambda k: k[0] == "b")[:7]]
    assert dense.search(query, 5, ["gone"]) == [] and dense.search(query, 0) == []


def test_equal_cosines_keep_index_order_and_scores_match_the_search():
    same = np.ones(4)
    rows = DenseVectors.rows(["x1", "x2", "x3"], [same, same * 2, same * 3])
    dense = DenseVectors({"x": rows}, ["x"])
    assert [c for c, _ in dense.search(np.ones(4), 2)] == ["x1", "x2"]
    dense, _ = _vectors()
    query = np.random.default_rng(2).normal(size=8)
    hits = dict(dense.search(query, 10))
    scores = dense.scores(query, [*hits, "unknown"])
    assert set(scores) == set(hits)
    assert all(abs(scores[c] - s) < 1e-5 for c, s in hits.items())


def test_a_snapshot_shares_unchanged_documents_and_replaces_changed_ones():
    dense, raw = _vectors()
    new_b = DenseVectors.rows(["b0"], [np.ones(8)])
    after = dense.with_documents({"b": new_b}, ["a", "b"])
    assert len(after) == 31 and len(dense) == 50
    assert after.search(np.ones(8), 1)[0][0] == "b0"
    assert after.with_documents({}, ["a"]).search(np.ones(8), 100) == dense.search(np.ones(8), 30, ["a"])
