"""Feedback lines are never lost or interleaved when many users write at once."""

import json
import multiprocessing as mp
import threading

from web import feedback as app_feedback

BIG = "新质生产力" * 20_000  # ~300 KB per record: far past any single-write atomicity guarantee


def _record(writer: int, i: int) -> dict:
    turn = {
        "question": f"q{writer}-{i}",
        "answer": {
            "answer": BIG if i % 5 == 0 else f"a{writer}-{i}",
            "language": "zh",
            "generator": "extractive",
            "refused": False,
            "citations": [{"n": 1, "quote": "引文"}],
        },
    }
    return app_feedback.feedback_record(turn, "up" if i % 2 else "down", f"comment {writer}-{i}", "test")


def _write_many(path: str, writer: int, count: int) -> None:
    from pathlib import Path

    for i in range(count):
        app_feedback.append_feedback(Path(path), _record(writer, i))


def _check(path, writers: int, count: int) -> None:
    lines = path.read_bytes().decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line is one whole JSON record
    assert len(records) == writers * count
    assert {r["question"] for r in records} == {f"q{w}-{i}" for w in range(writers) for i in range(count)}
    big = [r for r in records if r["answer"] == BIG]
    assert len(big) == writers * len(range(0, count, 5))
    r = records[0]
    assert set(r) >= {"timestamp", "rating", "comment", "question", "answer", "citations"}
    assert r["citations"] == [{"n": 1, "quote": "引文"}]


def test_concurrent_threads_lose_nothing(settings):
    path = settings.feedback_path
    threads = [threading.Thread(target=_write_many, args=(str(path), w, 40)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _check(path, 8, 40)


def test_concurrent_processes_lose_nothing(settings):
    path = settings.feedback_path
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_write_many, args=(str(path), w, 30)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    _check(path, 4, 30)
