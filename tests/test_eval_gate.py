"""The CI gate: the full eval set through the real assistant, compared with the committed baseline.

Runs in-process on the session index (real USE embedder, real Chroma, bundled corpus)
with the default offline generator. It fails when a gated metric (eval.compare.GATES)
dropped beyond its tolerance; after an intended improvement, refresh the baseline:
`XQA_DATA_DIR=$(mktemp -d) python -m eval run --out eval-out && cp eval-out/summary.json eval/baselines/extractive.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import cli
from eval.compare import compare, failed, format_table
from eval.dataset import load_cases
from eval.runner import run_eval, write_run

BASELINE = Path(__file__).resolve().parents[1] / "eval" / "baselines" / "extractive.json"


@pytest.fixture(scope="module")
def full_run(assistant, shared_settings):
    return run_eval(shared_settings, load_cases(), assistant=assistant, progress=False)


def test_full_set_does_not_regress_against_the_committed_baseline(full_run):
    assert BASELINE.is_file(), "eval/baselines/extractive.json is missing"
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    rows = compare(baseline, full_run.summary_document())
    print(format_table(rows))
    assert not failed(rows), format_table(failed(rows))


def test_every_case_is_answered_and_scored(full_run):
    ids = [r["id"] for r in full_run.records]
    assert ids == [c.id for c in load_cases()]
    assert full_run.summary["overall"]["errors"] == 0
    for r in full_run.records:
        assert r["answer"]["language"] in ("zh", "en")
        assert len(r["answer"]["contexts"]) >= 5 or r["refused"]


def test_run_command_writes_results_summary_and_reports(tmp_path, monkeypatch, shared_settings, built_index):
    monkeypatch.setenv("XQA_DATA_DIR", str(shared_settings.data_dir))
    out = tmp_path / "run"
    assert cli.main(["run", "--limit", "4", "--out", str(out), "--no-progress"]) == 0
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(ln)["id"] for ln in lines] == [c.id for c in load_cases()[:4]]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["overall"]["n"] == 4 and "by_lang" in summary and "by_category" in summary
    assert "Summary by language" in (out / "report.md").read_text(encoding="utf-8")
    assert "data:image/png;base64," in (out / "report.html").read_text(encoding="utf-8")
    # comparing a run with itself passes the gate
    assert cli.main(["compare", str(out), str(out / "summary.json")]) == 0


def test_ablations_cover_every_variant_and_the_naive_baseline(assistant, shared_settings, tmp_path):
    cases = [c for c in load_cases() if c.scores_retrieval][:6]
    result = run_eval(shared_settings, cases, assistant=assistant, progress=False, ablations=True)
    variants = result.ablations["variants"]
    assert list(variants) == ["bm25", "dense", "hybrid", "hybrid+glossary", "naive"]
    for v in variants.values():
        assert v["overall"]["n"] == 6 and 0.0 <= v["overall"]["hit@5"] <= 1.0
    assert result.ablations["naive_chunks"] > 50
    paths = write_run(result, tmp_path)
    assert "Retrieval ablations" in paths["markdown"].read_text(encoding="utf-8")
