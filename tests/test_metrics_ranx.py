"""The eval's retrieval metrics agree with ranx, a maintained IR-metrics library.

The harness keeps its own small implementation (it needs per-case values and
section-level gold); this test holds it to ranx's definitions on random rankings.
"""

from __future__ import annotations

import random

import pytest

ranx = pytest.importorskip("ranx")

pytestmark = pytest.mark.slow  # ranx compiles its metrics with numba on first use (a minute or more)

from eval.metrics import retrieval_scores  # noqa: E402

METRICS = {
    "hit@1": "hit_rate@1",
    "hit@5": "hit_rate@5",
    "recall@3": "recall@3",
    "recall@10": "recall@10",
    "mrr@10": "mrr@10",
    "ndcg@10": "ndcg@10",
}


def _random_case(rng: random.Random) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    pool = [("doc", f"s{i}") for i in range(25)]
    ranked = rng.sample(pool, rng.randint(1, 15))
    gold = set(rng.sample(pool, rng.randint(1, 4)))
    return ranked, gold


def test_retrieval_metrics_agree_with_ranx_to_six_decimals():
    rng = random.Random(20261130)
    cases = [_random_case(rng) for _ in range(300)]
    qrels = ranx.Qrels({f"q{i:04d}": {f"{d}:{s}": 1 for d, s in gold} for i, (_, gold) in enumerate(cases)})
    run = ranx.Run(
        {
            f"q{i:04d}": {f"{d}:{s}": float(len(ranked) - r) for r, (d, s) in enumerate(ranked)}
            for i, (ranked, _) in enumerate(cases)
        }
    )
    theirs = ranx.evaluate(qrels, run, list(METRICS.values()), return_mean=False, make_comparable=True)
    for name, ranx_name in METRICS.items():
        ours = [retrieval_scores(ranked, gold)[name] for ranked, gold in cases]
        for i, value in enumerate(ours):
            assert value == pytest.approx(float(theirs[ranx_name][i]), abs=1e-6), (name, i)
    # the random cases exercise both outcomes of every metric
    assert {retrieval_scores(r, g)["hit@5"] for r, g in cases} == {0.0, 1.0}
