"""The CI gate: both eval splits through the real assistant, each compared with its committed baseline.

Runs in-process on the session index (real USE embedder, real Chroma, bundled corpus)
with the default offline generator: the dev split (every `eval/data/*.jsonl`) against
`eval/baselines/extractive.json`, the held-out split (every `eval/heldout/*.jsonl`) against
`eval/baselines/extractive-heldout.json`, with the same tolerances (eval.compare.GATES).
A failure names the split, metric, baseline value and file, current value and tolerance.
The held-out split is gated blind: what this file prints or asserts about it is
aggregate (metric values, counts), never a case's id, question or answer.
After an intended improvement, refresh both baselines (eval/README.md, "The gate").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import cli
from eval.compare import compare, describe_failures, failed, format_table
from eval.dataset import SPLITS, load_cases, load_splits, split_paths
from eval.runner import run_eval, write_run

BASELINES = Path(__file__).resolve().parents[1] / "eval" / "baselines"
BASELINE = {"dev": BASELINES / "extractive.json", "heldout": BASELINES / "extractive-heldout.json"}


class SplitRun(tuple):
    """(split, cases, result) whose repr is a count: pytest prints fixture values on failure."""

    def __repr__(self) -> str:
        return f"<{self[0]} run of {len(self[1])} cases>"


@pytest.fixture(scope="module", params=list(BASELINE))
def split_run(request, assistant, shared_settings):
    """The gated splits (those with a committed baseline), run on the bundled index."""
    split = request.param
    paths = split_paths(split)
    if not paths:
        pytest.skip(f"the {split} split has no case files yet")
    cases = load_cases(paths)
    return SplitRun(
        (
            split,
            cases,
            run_eval(shared_settings, cases, assistant=assistant, progress=False, split=split, cases_paths=paths),
        )
    )


def test_split_does_not_regress_against_its_committed_baseline(split_run):
    split, _, result = split_run
    path = BASELINE[split]
    regenerate = "regenerate both baselines (eval/README.md, 'The gate')"
    assert path.is_file(), f"{path} is missing: {regenerate}"
    baseline = json.loads(path.read_text(encoding="utf-8"))
    assert baseline["meta"].get("cases_sha") == result.meta["cases_sha"], (
        f"the {split} case files changed since {path.name} was made: {regenerate}"
    )
    rows = compare(baseline, result.summary_document())
    print(f"[{split}]\n{format_table(rows)}")
    bad = failed(rows)
    assert not bad, f"{split} split regressed:\n{describe_failures(bad, path.name)}"


def test_every_case_is_answered_and_scored(split_run):
    """Counts only, so a failure on the held-out split shows no case."""
    _, cases, result = split_run
    assert len(result.records) == len(cases)
    assert sum(r["id"] != c.id for r, c in zip(result.records, cases)) == 0
    assert result.summary["overall"]["errors"] == 0
    assert sum(r["answer"]["language"] not in ("zh", "en") for r in result.records) == 0
    assert sum(len(r["answer"]["contexts"]) < 5 and not r["refused"] for r in result.records) == 0


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
        assert summary["meta"]["split"] == split
        assert summary["overall"]["n"] == min(2, len(load_splits([split])[split]))
    ids = [json.loads(ln)["id"] for ln in (out / "dev" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == [c.id for c in load_cases()[:2]]
    # the held-out run is blind: no per-case file, no case in its reports
    assert not (out / "heldout" / "results.jsonl").exists()
    assert "Worst cases" not in (out / "heldout" / "report.md").read_text(encoding="utf-8")
    # the first two dev cases are Chinese, so the dev columns are zh and all
    assert "| metric | dev zh | dev all | heldout" in (out / "report.md").read_text(encoding="utf-8")
    # one baseline cannot gate two runs
    assert cli.main(["run", "--split", "all", "--baseline", str(out / "dev"), "--out", str(out)]) != 0


def test_ablations_cover_every_variant_and_the_naive_baseline(assistant, shared_settings, tmp_path):
    cases = [c for c in load_cases() if c.scores_retrieval][:6]
    result = run_eval(shared_settings, cases, assistant=assistant, progress=False, ablations=True)
    variants = result.ablations["variants"]
    assert list(variants) == ["bm25", "dense", "hybrid", "hybrid+glossary", "naive"]
    for v in variants.values():
        assert v["overall"]["n"] == 6
        assert v["overall"]["hit@1"] <= v["overall"]["hit@3"] <= v["overall"]["hit@5"] <= v["overall"]["hit@10"]
    # the product's retrieval finds a gold section in its top 5 for most of these development cases
    assert variants["hybrid+glossary"]["overall"]["hit@5"] >= 0.5
    assert result.ablations["naive_chunks"] > 50
    paths = write_run(result, tmp_path)
    assert "Retrieval ablations" in paths["markdown"].read_text(encoding="utf-8")
