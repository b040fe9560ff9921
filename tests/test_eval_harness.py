"""The harness edges: compare's gate and exit codes, report rendering, BEIR files in sync."""

from __future__ import annotations

import json

from eval import cli
from eval.compare import GATES, compare, describe_failures, failed
from eval.dataset import load_cases, split_dir, split_paths
from eval.report import render_html, render_markdown, render_splits_markdown
from eval.scoring import breakdown, score_case


def _summary(**overrides) -> dict:
    base = {
        "overall": {
            "mrr@10": 0.9,
            "ndcg@10": 0.85,
            "citation_validity": 1.0,
            "section_accuracy": 0.97,
            "citation_recall": 0.9,
            "citation_precision": 0.95,
            "keypoint_recall": 0.8,
            "language_match": 1.0,
            "refusal_accuracy": 0.96,
            "injection_resistance": 1.0,
            "errors": 0,
            "answer_hit": 0.7,
            "citation_evidence": 0.9,
            "near_miss_refusal": 0.6,
            "false_refusal_rate": 0.05,
        },
        "by_lang": {"zh": {"hit@5": 0.98}, "en": {"hit@5": 0.96}},
    }
    for path, value in overrides.items():
        node = base
        *parents, leaf = path.split("/")
        for p in parents:
            node = node[p]
        node[leaf] = value
    return base


def test_every_gate_reads_a_metric_of_the_summary_shape():
    rows = compare(_summary(), _summary())
    assert not failed(rows)
    assert {r.metric for r in rows if r.status == "ok"} == {p for p, _, _ in GATES}


def test_drop_within_tolerance_passes_beyond_fails():
    assert not failed(compare(_summary(), _summary(**{"overall/mrr@10": 0.885})))
    bad = failed(compare(_summary(), _summary(**{"overall/mrr@10": 0.85, "overall/citation_validity": 0.99})))
    assert {r.metric for r in bad} == {"overall.mrr@10", "overall.citation_validity"}
    # errors are lower-is-better; improvements never fail
    assert failed(compare(_summary(), _summary(**{"overall/errors": 1})))
    assert not failed(compare(_summary(), _summary(**{"overall/mrr@10": 1.0})))
    # the false refusal rate may not rise more than its tolerance
    assert not failed(compare(_summary(), _summary(**{"overall/false_refusal_rate": 0.06})))
    assert [r.metric for r in failed(compare(_summary(), _summary(**{"overall/false_refusal_rate": 0.08})))] == [
        "overall.false_refusal_rate"
    ]


def test_missing_metric_fails():
    cur = _summary()
    del cur["overall"]["section_accuracy"]
    assert [r.metric for r in failed(compare(_summary(), cur))] == ["overall.section_accuracy"]


def test_compare_cli_exit_codes(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "summary.json").write_text(json.dumps(_summary()))
    (tmp_path / "b.json").write_text(json.dumps(_summary(**{"by_lang/en/hit@5": 0.9})))
    assert cli.main(["compare", str(tmp_path / "a"), str(tmp_path / "a")]) == 0
    assert cli.main(["compare", str(tmp_path / "a"), str(tmp_path / "b.json")]) == 1
    out = capsys.readouterr()
    assert "by_lang.en.hit@5" in out.out and "FAIL" in out.out and "REGRESSION" in out.err
    # the failure names the metric, the baseline (value and file), the current value and the tolerance
    assert f"by_lang.en.hit@5: baseline 0.960 ({tmp_path / 'a'}), current 0.900, tolerated drop 0.025" in out.err
    assert cli.main(["compare", str(tmp_path / "nope.json"), str(tmp_path / "b.json")]) != 0


def test_reports_escape_text_and_embed_plots():
    case = load_cases()[0]
    evil = "<script>alert(1)</script>"
    answer = {
        "question": evil,
        "language": "zh",
        "answer": evil,
        "refused": False,
        "generator": "x",
        "citations": [],
        "contexts": [],
        "nearest_sections": [],
        "timings_ms": {"total": 4.0},
    }
    recs = [score_case(case, answer, [])]
    doc = {"meta": {"generator": "x"}, **breakdown(recs), "ablations": {}}
    page = render_html(doc, recs)
    assert evil not in page and "&lt;script&gt;" in page
    assert page.count("data:image/png;base64,") >= 2
    md = render_markdown(doc, recs)
    assert "Summary by language" in md and case.id in md


def test_failure_lines_say_which_way_a_metric_may_move():
    bad = failed(compare(_summary(), _summary(**{"overall/errors": 2, "overall/language_match": 0.99})))
    lines = describe_failures(bad, "base.json").splitlines()
    assert lines == [
        "overall.language_match: baseline 1.000 (base.json), current 0.990, tolerated drop 0.000",
        "overall.errors: baseline 0.000 (base.json), current 2.000, tolerated rise 0.000",
    ]


def test_beir_export_is_generated_on_demand_for_dev_cases_only(tmp_path, capsys):
    data = split_paths("dev")[0].parent
    assert not list(data.glob("*.tsv")) and not (data / "queries.jsonl").exists()  # never committed
    assert cli.main(["export-beir", "--out", str(tmp_path)]) == 0
    ids = [json.loads(ln)["_id"] for ln in (tmp_path / "queries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == [c.id for c in load_cases()]
    # a file inside eval/heldout is refused by its folder, before anything is read
    inside = split_dir("heldout") / "any.jsonl"
    assert cli.main(["export-beir", "--cases", str(inside), "--out", str(tmp_path)]) != 0
    assert "not exported" in capsys.readouterr().err


def test_splits_report_puts_runs_side_by_side():
    docs = {
        "dev": {"meta": {"cases_files": ["cases.jsonl"], "generator": "extractive"}, **_summary()},
        "heldout": {
            "meta": {"cases_files": ["h.jsonl"], "generator": "extractive"},
            **_summary(**{"by_lang/en/hit@5": 0.875}),
        },
    }
    md = render_splits_markdown(docs)
    assert "| metric | dev en | dev zh | dev all | heldout en | heldout zh | heldout all |" in md
    assert "| hit@5 | 0.960 | 0.980 | – | 0.875 | 0.980 | – | 0.085 | 0.000 | – |" in md  # gap = dev − heldout
    assert "gap en | gap zh | gap all |" in md


def test_splits_report_has_each_document_and_the_gap_on_shared_ones():
    def doc(by_doc):
        return {"meta": {"cases_files": ["x.jsonl"]}, **_summary(), "by_doc": by_doc}

    md = render_splits_markdown(
        {
            "dev": doc({"p": {"n": 10, "answer_hit": 0.9}, "r": {"n": 5, "answer_hit": 0.8}}),
            "heldout": doc({"p": {"n": 4, "answer_hit": 0.75}, "h": {"n": 6, "answer_hit": 0.5}}),
        }
    )
    assert "| dev | r | 5 | – | – | 0.800 |" in md and "| heldout | h | 6 | – | – | 0.500 |" in md
    # only the document in both splits gets a gap row (counts have none)
    assert "| gap | p | – | – | – | 0.150 |" in md and "| gap | r |" not in md


def test_split_and_cases_options_exclude_each_other(tmp_path, capsys):
    assert cli.main(["run", "--split", "dev", "--cases", str(split_paths("dev")[0]), "--out", str(tmp_path)]) != 0
    assert "not both" in capsys.readouterr().err


def test_a_heldout_run_writes_aggregates_only(tmp_path):
    """A blind split's run leaves no per-case file and names no case in its reports."""
    from eval.dataset import split_of
    from eval.runner import RunResult, write_run

    case = load_cases()[0]
    answer = {
        "question": case.question,
        "language": case.lang,
        "answer": "「x」",
        "refused": False,
        "generator": "x",
        "citations": [],
        "contexts": [],
        "nearest_sections": [],
        "timings_ms": {"total": 1.0},
    }
    recs = [score_case(case, answer, [])]
    for split, blind in (("heldout", True), ("dev", False)):
        out = tmp_path / split
        paths = write_run(RunResult(meta={"split": split}, records=recs, summary=breakdown(recs)), out)
        assert ("results" not in paths) == blind and (out / "results.jsonl").exists() != blind
        for name in ("markdown", "html"):
            assert (case.id in paths[name].read_text(encoding="utf-8")) != blind
    # a case file is judged by its folder, so `--cases` on a held-out file is run blind too
    assert split_of(split_dir("heldout") / "any.jsonl") == "heldout" and split_of(split_paths("dev")[0]) == "dev"
    assert split_of(tmp_path / "mine.jsonl") is None
