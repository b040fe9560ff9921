"""Fault suite, writers: concurrent `add`s on one index lose nothing, in both store modes.

Real processes (two writer processes at once, a real `chroma run` server) because the
failure being guarded against (each writer committing a manifest built from a stale
read, then collecting the other's records as garbage) only exists across processes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from fault_support import ROOT, chroma_server, env_for, knowledge_cli, synthetic_doc

from knowledge.index import KnowledgeIndex
from knowledge.settings import Settings

pytestmark = pytest.mark.slow

WRITERS = 2
#: add calls per writer: 2 x 10 = 20 randomised, interleaved commits per run
ROUNDS = 10
#: randomised runs per store mode in CI: 10 x 2 modes = the issue's "≥ 20 randomised runs"
#: (`--fault-runs N` / FAULT_RUNS=N to change it; `python -m eval faults --runs N` outside pytest).
#: Measured 2026-11-30 on the 2-core machine: 20 runs 208 s (10.4 s a run) at load average ~1.2,
#: 38 s a run at load 5.5.
CI_RUNS = 10
#: first seed of each mode; run i uses first + 1000 * i
FIRST_SEED = {"embedded": 11, "server": 23}


def pytest_generate_tests(metafunc):
    """Parametrize `seed` with the run count asked for (each run: new random documents and timing)."""
    if "seed" in metafunc.fixturenames:
        mode = "server" if "server" in metafunc.function.__name__ else "embedded"
        runs = metafunc.config.getoption("fault_runs") or CI_RUNS
        metafunc.parametrize("seed", [FIRST_SEED[mode] + 1000 * i for i in range(runs)])


def _run_writers(tmp_path: Path, env: dict[str, str], seed: int) -> tuple[list[dict], dict[str, str]]:
    rng = random.Random(seed)
    procs, markers = [], {}
    for w in range(WRITERS):
        files = []
        for r in range(ROUNDS):
            marker = f"标记{w}{r}号{rng.randrange(10_000)}"
            path = synthetic_doc(
                tmp_path / f"w{w}-doc{r}.txt", marker, paragraphs=rng.randint(3, 9), seed=seed + 31 * w + r
            )
            markers[str(path)] = marker
            files.append(str(path))
        procs.append(
            subprocess.Popen(
                [sys.executable, str(ROOT / "tests" / "fault_writer.py"), str(seed + w), *files],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        results += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return results, markers


def _check_nothing_lost(settings: Settings, results: list[dict], markers: dict[str, str]) -> None:
    assert len(results) == WRITERS * ROUNDS
    assert all(r["status"] == "added" for r in results), [r for r in results if r["status"] != "added"]
    index = KnowledgeIndex.open(settings)  # a fresh reader, after both writers exited
    docs = {d.doc_id: d.chunks for d in index.documents()}
    assert docs == {r["doc_id"]: r["chunks"] for r in results}
    assert index.store.count() == sum(docs.values())  # every record, and no strays
    for r in results:
        hits = index.keyword_search(markers[r["path"]], 1)
        assert hits and hits[0][0].doc_id == r["doc_id"]


def test_concurrent_writers_embedded(tmp_path, seed):
    data_dir = tmp_path / "data"
    results, markers = _run_writers(tmp_path, env_for(data_dir), seed)
    _check_nothing_lost(Settings.load(env={"XQA_DATA_DIR": str(data_dir)}), results, markers)


@pytest.mark.server
def test_concurrent_writers_chroma_server(tmp_path, seed):
    with chroma_server(tmp_path / "chroma-data") as (port, _):
        server = {"XQA_CHROMA_HOST": "127.0.0.1", "XQA_CHROMA_PORT": str(port)}
        results, markers = _run_writers(tmp_path, env_for(tmp_path / "writer-data", **server), seed)
        settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "reader-data"), **server})
        _check_nothing_lost(settings, results, markers)


def test_two_cli_adds_at_once_both_land(tmp_path):
    """The reported case: two `python -m knowledge add` started together."""
    data_dir = tmp_path / "data"
    a = synthetic_doc(tmp_path / "alpha.txt", "甲号标记", paragraphs=24, seed=1)
    b = synthetic_doc(tmp_path / "beta.txt", "乙号标记", paragraphs=24, seed=2)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "knowledge", "add", "--no-progress", str(p)],
            env=env_for(data_dir),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in (a, b)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    reported = {}
    for out, _ in outs:
        doc_id, chunks = out.split("-> ")[1].split(" (")
        reported[doc_id] = int(chunks.split()[0])
    index = KnowledgeIndex.open(Settings.load(env={"XQA_DATA_DIR": str(data_dir)}))
    assert {d.doc_id: d.chunks for d in index.documents()} == reported and min(reported.values()) > 5
    assert index.store.count() == sum(reported.values())


def test_add_repairs_a_document_whose_chunks_are_missing(tmp_path):
    data_dir = tmp_path / "data"
    settings = Settings.load(env={"XQA_DATA_DIR": str(data_dir)})
    path = synthetic_doc(tmp_path / "gamma.txt", "丙号标记", paragraphs=12, seed=3)
    index = KnowledgeIndex.open(settings)
    assert index.add([path], progress=False).ok
    full = index.store.count()
    ids = index.store.records(documents=False)[0]
    index.store.delete(ids[: len(ids) // 2])  # records lost behind the manifest's back

    again = knowledge_cli(data_dir, "add", str(path))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("repaired:"), again.stdout
    fresh = KnowledgeIndex.open(settings)
    assert {d.doc_id: d.chunks for d in fresh.documents()} == {"gamma": full} and fresh.store.count() == full
    assert fresh.add([path], progress=False).files[0].status == "unchanged"
