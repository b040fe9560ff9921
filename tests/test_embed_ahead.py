"""Embedding a write's texts ahead (knowledge/embed_ahead.py, knowledge/embed_worker.py):
the steps get the vectors they would have made themselves, bit for bit, whoever makes them;
a failure reaches the step; no worker process outlives the write."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge import embed_ahead
from knowledge.embed_ahead import EmbedAhead
from knowledge.embed_worker import EmbedWorker
from knowledge.embedders import Embedder, get_embedder
from knowledge.errors import BackendError

TEXTS = [f"第{i}条：加快发展新质生产力，推进第{i}项改革。" for i in range(40)] + [
    f"Item {i}: we will advance reform number {i} and develop new quality productive forces." for i in range(40)
]


@pytest.fixture(scope="module")
def use():
    return get_embedder("use-multilingual")


def test_worker_process_gives_the_in_process_bits(use):
    worker = EmbedWorker()
    try:
        got = worker.encode(TEXTS[:30])
    finally:
        worker.close()
    assert worker._proc.returncode == 0
    assert np.array_equal(got, use.encode(TEXTS[:30]))


def test_steps_take_planned_vectors_bit_identical(use):
    calls = [TEXTS[i : i + 16] for i in range(0, len(TEXTS), 16)]
    expected = {t: v for call in calls for t, v in zip(call, use.encode(call))}
    with EmbedAhead([(use, call) for call in calls]) as plan:
        assert use.ahead == (plan,)
        # the steps ask in another order: the last call first, then a mix with a text outside the plan
        last = use.embed(calls[-1])
        mixed = use.embed([TEXTS[3], "不在计划中的一句话", TEXTS[70]])
        rest = [use.embed(call) for call in calls[:-1]]
    assert use.ahead == ()
    assert all(np.array_equal(v, expected[t]) for t, v in zip(calls[-1], last))
    assert np.array_equal(mixed[0], expected[TEXTS[3]]) and np.array_equal(mixed[2], expected[TEXTS[70]])
    np.testing.assert_allclose(mixed[1], use.encode(["不在计划中的一句话"])[0], atol=1e-6)
    assert all(np.array_equal(v, expected[t]) for call, got in zip(calls, rest) for t, v in zip(call, got))


class _Broken(Embedder):
    id = "broken"
    dim = 4

    def encode(self, texts):
        raise BackendError("the model is gone")


def test_a_failure_reaches_the_step_that_needs_the_vectors():
    broken = _Broken()
    with pytest.raises(BackendError, match="the model is gone"):
        with EmbedAhead([(broken, ["a", "b"]), (broken, ["c"])]):
            broken.embed(["c"])
    assert broken.ahead == ()


def test_a_killed_worker_is_replaced_by_embedding_in_process(use, monkeypatch):
    started = []

    def dying_worker():
        worker = EmbedWorker()
        worker._proc.kill()
        started.append(worker)
        return worker

    monkeypatch.setattr(use, "start_worker", dying_worker)
    monkeypatch.setattr(embed_ahead, "WORKER_MIN_TEXTS", 1)  # a worker even for this small plan
    calls = [TEXTS[i : i + 20] for i in range(0, len(TEXTS), 20)]
    with EmbedAhead([(use, call) for call in calls]):
        got = [use.embed(call) for call in calls]
    assert started and started[0]._proc.poll() is not None
    assert all(np.array_equal(g, use.encode(call)) for g, call in zip(got, calls))


def test_a_small_plan_starts_no_worker_process(use, monkeypatch):
    """A worker's start costs more than embedding a small add's few chunks in a thread."""

    def no_worker():
        raise AssertionError("a worker process was started for a small plan")

    monkeypatch.setattr(use, "start_worker", no_worker)
    with EmbedAhead([(use, TEXTS[:3])]):
        got = use.embed(TEXTS[:3])
    # embedded in a thread of this process: OpenBLAS may take another kernel path off the main thread (0.3.31
    # differs in the 7th decimal), so the same vectors to float32 rounding, not bit for bit as the worker gives
    assert np.allclose(got, use.encode(TEXTS[:3]), rtol=0, atol=1e-6)
