"""`python -m eval` / `xinzhi-qa eval`: run, compare, bench, export-beir.

A thin edge: parse arguments, load settings once, call the harness, print. Errors
become one line through `knowledge.errors.run_cli`; `compare` (and `run --baseline`)
exit 1 when a gated metric regressed beyond its tolerance.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.dataset import SPLITS
from knowledge.errors import UserError, run_cli


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description="Evaluate Xinzhi QA on the eval set.")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="answer every case and write results, summary and report")
    run.add_argument("--generator", help="generator name (default: settings, i.e. extractive)")
    run.add_argument("--out", type=Path, default=Path("eval-out"), help="output directory (default: ./eval-out)")
    run.add_argument("--cases", type=Path, nargs="+", help="case file(s) (default: the bundled split, see --split)")
    run.add_argument(
        "--split",
        choices=[*SPLITS, "all"],
        help="bundled split: dev (every eval/data/*.jsonl, the default), heldout (every "
        "eval/heldout/*.jsonl, run blind: aggregates only) or all "
        "(each split in OUT/<split>/ plus OUT/report.md comparing them)",
    )
    run.add_argument("--limit", type=int, help="only the first N cases")
    run.add_argument(
        "--ablations",
        action="store_true",
        help="also compare bm25 / dense / hybrid / hybrid+glossary / naive LangChain baseline",
    )
    run.add_argument(
        "--judge",
        action="store_true",
        help="add LLM-judged faithfulness / answer relevancy (needs XQA_LLM_BASE_URL + XQA_LLM_MODEL; "
        "skipped otherwise)",
    )
    run.add_argument("--baseline", type=Path, help="compare with this summary.json and exit 1 on regression")
    run.add_argument(
        "--ranker-without",
        metavar="FEATURE[,…]|all",
        help="sentence-ranker ablation: run the split(s) once with the full ranker and once per feature left "
        "out (OUT/<variant>/<split>/, table in OUT/ranker-ablation.md; aggregates only)",
    )
    run.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: when stderr is a terminal)",
    )
    cmp_ = sub.add_parser("compare", help="diff two summaries; exit 1 when a gated metric dropped")
    cmp_.add_argument("baseline", type=Path, help="summary.json (or a run directory)")
    cmp_.add_argument("current", type=Path, help="summary.json (or a run directory)")
    bench = sub.add_parser("bench", help="performance figures: build time, RSS, warm/cold latency")
    bench.add_argument("--out", type=Path, default=Path("eval-bench"), help="output directory")
    bench.add_argument("--generator", help="generator for the warm latency (default: settings)")
    bench.add_argument("--rounds", type=int, default=1, help="passes over the eval questions for warm latency")
    bench.add_argument(
        "--scale", help="instead: the scale benchmark at these multiples of the base corpus, e.g. 1,10,50"
    )
    faults = sub.add_parser("faults", help="the concurrent-writer fault tests over N randomised runs per store mode")
    faults.add_argument(
        "--runs", type=int, default=10, help="randomised runs per store mode (default 10: 20 over both modes)"
    )
    faults.add_argument("--modes", default="embedded,server", help="store modes: embedded,server")
    beir = sub.add_parser("export-beir", help="write queries.jsonl, qrels.tsv (and corpus.jsonl) in BEIR shape")
    beir.add_argument("--out", type=Path, default=Path("eval-beir"))
    beir.add_argument(
        "--cases", type=Path, nargs="+", help="case file(s) (default: the dev split; held-out files are never exported)"
    )
    beir.add_argument("--corpus", action="store_true", help="also export the section corpus")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    return run_cli(lambda: _dispatch(args))


def load_summary(path: Path) -> dict:
    path = path / "summary.json" if path.is_dir() else path
    if not path.is_file():
        raise UserError(f"no summary at {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} is not JSON: {exc.msg}") from exc


def _dispatch(args: argparse.Namespace) -> int:
    from knowledge.settings import Settings, configure_logging

    if args.command == "compare":
        from eval.compare import compare, describe_failures, failed, format_table

        rows = compare(load_summary(args.baseline), load_summary(args.current))
        print(format_table(rows))
        bad = failed(rows)
        if bad:
            print("\nREGRESSION:\n" + describe_failures(bad, str(args.baseline)), file=sys.stderr)
        return 1 if bad else 0

    settings = Settings.load()
    configure_logging(settings)
    if args.command == "run":
        return _run(args, settings)
    if args.command == "bench" and args.scale:
        from eval.bench import render_scale_markdown, run_scale_bench

        result = run_scale_bench(  # with XQA_CHROMA_HOST: built in that server, measured by an empty-data-dir replica
            tuple(int(x) for x in args.scale.split(",")),
            chroma_host=settings.chroma_host,
            chroma_port=int(settings.chroma_port),
        )
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "bench-scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        (args.out / "bench-scale.md").write_text(render_scale_markdown(result), encoding="utf-8")
        print(render_scale_markdown(result))
        return 0
    if args.command == "bench":
        from eval.bench import run_bench, write_bench

        paths = write_bench(run_bench(settings, generator=args.generator, rounds=args.rounds), args.out)
        print(paths["markdown"].read_text(encoding="utf-8"))
        return 0
    if args.command == "faults":
        from eval.faults import run_faults

        result = run_faults(args.runs, args.modes)
        print(json.dumps({k: v for k, v in result.items() if k != "output"}, ensure_ascii=False, indent=2))
        if result["returncode"]:
            print(result["output"], file=sys.stderr)
        return 0 if result["returncode"] == 0 and result["passed"] == result["runs"] else 1
    if args.command == "export-beir":
        from eval.beir import bundled_sections, export_beir
        from eval.dataset import BLIND_SPLITS, load_cases, split_of

        if any(split_of(p) in BLIND_SPLITS for p in args.cases or []):
            raise UserError("held-out cases are read blind: they are not exported")
        sections = bundled_sections() if args.corpus else None
        for p in export_beir(load_cases(args.cases), args.out, sections).values():
            print(p)
        return 0
    raise UserError(f"unknown command {args.command}")


def _split_names(split: str | None) -> list[str]:
    return list(SPLITS) if split == "all" else [split or "dev"]


def _no_split_with_cases(args: argparse.Namespace) -> None:
    if args.split:
        raise UserError("give either --cases FILE or --split, not both")


def _run(args: argparse.Namespace, settings) -> int:
    from eval.dataset import BLIND_SPLITS, EXTERNAL_SPLITS, load_cases, load_splits, split_of, split_paths
    from eval.report import render_splits_markdown
    from eval.runner import open_assistant, open_external_assistant, run_eval, write_run

    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    if args.cases:
        _no_split_with_cases(args)
        # files of a bundled split keep that split's rules (a held-out file is run blind)
        named = {split_of(p) for p in args.cases}
        if len(named) > 1 and named & BLIND_SPLITS:
            raise UserError("run held-out case files on their own (their run is blind)")
        split = named.pop() if len(named) == 1 else None
        opener = open_external_assistant if split in EXTERNAL_SPLITS else open_assistant
        assistant = external = opener(settings, args.generator)
        runs = {split: (load_cases(args.cases, _sections_for(args.cases, assistant.index)), list(args.cases))}
    else:
        names = _split_names(args.split)
        about_external = [n for n in names if n in EXTERNAL_SPLITS]
        runs = {name: (cases, split_paths(name)) for name, cases in load_splits(names).items()}
        # the external splits have their own index (the bundled corpus plus their documents), opened only after
        # the other splits have run: indexing their texts teaches the process's segmenter their coined words,
        # which would change how the bundled index is built and searched
        external = None
        assistant = open_assistant(settings, args.generator) if len(about_external) < len(names) else None
    if len(runs) > 1 and args.baseline:
        raise UserError("--baseline compares one run: use --split dev or --split heldout with it")
    if args.ranker_without:
        if assistant is None:
            raise UserError("the ranker ablation runs the bundled splits: not with the external splits alone")
        skipped = [s for s in runs if s in EXTERNAL_SPLITS]
        if skipped:
            print(f"ranker ablation: leaves out {', '.join(skipped)} (their own index)", file=sys.stderr)
        return _ranker_ablation(args, settings, {s: r for s, r in runs.items() if s not in skipped}, assistant)
    docs: dict[str, dict] = {}  # by split name: several runs are always named splits
    status = 0
    for split, (cases, path) in sorted(runs.items(), key=lambda r: r[0] in EXTERNAL_SPLITS):
        if split in EXTERNAL_SPLITS and external is None:
            external = open_external_assistant(settings, args.generator)
        result = run_eval(
            settings,
            cases[: args.limit],
            generator=args.generator,
            ablations=args.ablations,
            judge=args.judge,
            progress=progress,
            assistant=external if split in EXTERNAL_SPLITS else assistant,
            cases_paths=path,
            split=split,
        )
        out = args.out / split if len(runs) > 1 else args.out
        status = max(status, _report_run(args, result, write_run(result, out)))
        if split is not None:
            docs[split] = result.summary_document()
    if len(runs) > 1:
        combined = args.out / "report.md"
        combined.write_text(render_splits_markdown(docs), encoding="utf-8")
        print(f"splits report: {combined}")
    return status


def _sections_for(paths: list[Path], index):
    """The bundled documents' sections, plus those of documents the cases name that were added to the index
    (`python -m knowledge add`): maintainers evaluate on their own texts too."""
    from eval.dataset import bundled_section_texts, case_doc_ids, index_section_texts

    bundled = bundled_section_texts()
    return {**bundled, **index_section_texts(index, case_doc_ids(paths) - set(bundled))}


def _ranker_ablation(args: argparse.Namespace, settings, runs: dict, assistant) -> int:
    from eval import ranker_ablation
    from eval.runner import run_eval, write_run

    if args.baseline:
        raise UserError("--baseline compares one run: not with --ranker-without")

    def run_one(split, cases, paths, out):
        result = run_eval(
            settings,
            cases[: args.limit],
            generator=args.generator,
            progress=False,
            assistant=assistant,
            cases_paths=paths,
            split=split,
        )
        result.meta["ranker_without"] = assistant.extractive.ranker_without
        write_run(result, out)
        return result.summary_document()

    ranker_ablation.run(assistant, runs, args.out, args.ranker_without, run_one)
    print((args.out / "ranker-ablation.md").read_text(encoding="utf-8"))
    return 0


def _report_run(args: argparse.Namespace, result, paths: dict[str, Path]) -> int:
    """Print one run's headline, targets and files; compare with --baseline (1 on regression)."""
    from eval.report import target_rows

    o = result.summary["overall"]

    def r3(v):
        return v if v is None else round(v, 3)

    print(
        f"[{result.meta['split']}] {result.meta['cases']} cases, generator {result.meta['generator']}: "
        f"hit@5 {r3(o['hit@5'])}, MRR@10 {r3(o['mrr@10'])}, answer hit {r3(o['answer_hit'])}, "
        f"refusal accuracy {r3(o['refusal_accuracy'])}"
    )
    for label, bound, value, ok in target_rows(result.summary_document()):
        print(f"  {'ok ' if ok else 'MISS'} {label:26} {value if value is None else round(value, 3)} (target {bound})")
    if result.judge.get("skipped"):
        print(f"judge skipped: {result.judge['skipped']}")
    for name, p in paths.items():
        print(f"{name}: {p}")
    if args.baseline:
        from eval.compare import compare, describe_failures, failed, format_table

        rows = compare(load_summary(args.baseline), result.summary_document())
        print(format_table(rows))
        bad = failed(rows)
        if bad:
            print(describe_failures(bad, str(args.baseline)), file=sys.stderr)
        return 1 if bad else 0
    return 0
