"""The CI gate: both eval splits through the real assistant, each compared with its committed baseline.

Runs in-process on the session index (real USE embedder, real Chroma, bundled corpus)
with the default offline generator: the dev split (`cases.jsonl`) against
`eval/baselines/extractive.json`, the held-out split (`heldout.jsonl`) against
`eval/baselines/extractive-heldout.json`, with the same tolerances (eval.compare.GATES).
A failure names the split, metric, baseline value and file, current value and tolerance.
After an intended improvement, refresh both baselines (eval/README.md, "The gate").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import cli
from eval.compare import compare, describe_failures, failed, format_table
from eval.dataset import SPLITS, load_cases, split_path
from eval.runner import run_eval, write_run

BASELINES = Path(__file__).resolve().parents[1] / "eval" / "baselines"
BASELINE = {"dev": BASELINES / "extractive.json", "heldout": BASELINES / "extractive-heldout.json"}


@pytest.fixture(scope="module", params=list(SPLITS))
def split_run(request, assistant, shared_settings):
    split = request.param
    cases = load_cases(split_path(split))
    return split, cases, run_eval(shared_settings, cases, assistant=assistant, progress=False, split=split)


def test_split_does_not_regress_against_its_committed_baseline(split_run):
    split, _, result = split_run
    path = BASELINE[split]
    assert path.is_file(), f"{path} is missing"
    rows = compare(json.loads(path.read_text(encoding="utf-8")), result.summary_document())
    print(f"[{split}]\n{format_table(rows)}")
    bad = failed(rows)
    assert not bad, f"{split} split regressed:\n{describe_failures(bad, path.name)}"


def test_every_case_is_answered_and_scored(split_run):
    _, cases, result = split_run
    assert [r["id"] for r in result.records] == [c.id for c in cases]
    assert result.summary["overall"]["errors"] == 0
    for r in result.records:
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


def test_run_all_splits_writes_each_and_a_side_by_side_report(tmp_path, monkeypatch, shared_settings, built_index):
    monkeypatch.setenv("XQA_DATA_DIR", str(shared_settings.data_dir))
    out = tmp_path / "run"
    assert cli.main(["run", "--split", "all", "--limit", "2", "--out", str(out), "--no-progress"]) == 0
    for split in SPLITS:
        summary = json.loads((out / split / "summary.json").read_text(encoding="utf-8"))
        assert summary["meta"]["split"] == split and summary["overall"]["n"] == 2
        ids = [json.loads(ln)["id"] for ln in (out / split / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        assert ids == [c.id for c in load_cases(split_path(split))[:2]]
    # the first two cases of each split are Chinese, so the table has zh and all columns only
    assert "| metric | dev zh | dev all | heldout zh | heldout all |" in (out / "report.md").read_text(encoding="utf-8")
    # one baseline cannot gate two runs
    assert cli.main(["run", "--split", "all", "--baseline", str(out / "dev"), "--out", str(out)]) != 0


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
