"""Choose the extractive answer's `OTHER_CONTEXT_RATIO` by leave-one-document-out, on what a reader sees.

    python -m eval.tuning.selection [--out eval/tuning/selection.md] [--json eval/tuning/selection.json]

The constant decides when a sentence of a section not yet quoted joins the answer: only if it scores at
least that share of the best sentence. Too high, and an answer sitting in the second or third context is
never quoted when the first context's best sentence wins; too low, and answers fill with off-target quotes.

Every answerable case of the training splits (`eval.dataset.TRAINING_SPLITS`: the development split and the
external development texts, on the index that holds them, `eval.runner.open_training_assistant`; never a
held-out split) is asked once per value of `GRID` through the public surface (`eval.runner.run_cases`), and
scored as the eval scores it: answer hit (a quote matches a gold answer span), citation evidence, quotes shown.
The value is chosen per fold on the other documents by `objective` (answer hit + citation evidence − `QUOTE_COST`
per quote shown) and judged on the left-out document, so the figure reported is one the choice did not see.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from assistant.generators.extractive import OTHER_CONTEXT_RATIO
from eval.dataset import TRAINING_SPLITS, training_cases

#: values tried (the shipped one is among them)
GRID = (0.85, 0.7, 0.55, 0.4, 0.25)
#: what one more quote per answer costs against answer hit + citation evidence: an extra quote a reader
#: must read is worth at most 1 more answered question in 20 (a stated choice, not a fitted one)
QUOTE_COST = 0.05


def outcome(record: dict) -> dict:
    """What one answer gives a reader: the answer quoted, a citation holding the evidence, quotes shown."""
    refused = bool(record.get("refused"))
    hit = record.get("answer_hit") or {}
    return {
        "doc": record.get("doc") or "",
        "lang": record.get("lang") or "",
        "answer_hit": float(bool(hit.get("hit")) and not refused),
        "citation_evidence": float(bool(record.get("citation_evidence")) and not refused),
        "quotes": float(hit.get("quotes") or 0),
    }


def means(rows: list[dict]) -> dict:
    n = max(len(rows), 1)
    return {k: round(sum(r[k] for r in rows) / n, 4) for k in ("answer_hit", "citation_evidence", "quotes")} | {
        "cases": len(rows)
    }


def objective(rows: list[dict]) -> float:
    m = means(rows)
    return m["answer_hit"] + m["citation_evidence"] - QUOTE_COST * m["quotes"]


def leave_one_document_out(by_value: dict[float, list[dict]]) -> dict:
    """Per left-out document: the value chosen on the others and the left-out document's outcomes with it."""
    docs = sorted({r["doc"] for rows in by_value.values() for r in rows})
    judged: list[dict] = []
    folds = {}
    for doc in docs:
        chosen = max(by_value, key=lambda v: (objective([r for r in by_value[v] if r["doc"] != doc]), v))
        left_out = [r for r in by_value[chosen] if r["doc"] == doc]
        folds[doc] = {"chosen": chosen} | means(left_out)
        judged += left_out
    return {"folds": folds, "left_out": means(judged)}


def run(assistant, cases, grid=GRID, progress: bool = True) -> dict:
    """Ask every case once per value; the figures, pooled and leave-one-document-out."""
    from eval.runner import run_cases

    previous = assistant.extractive.other_context_ratio
    by_value: dict[float, list[dict]] = {}
    try:
        for value in grid:
            assistant.extractive.other_context_ratio = value
            by_value[value] = [outcome(r) for r in run_cases(assistant, cases, progress=progress)]
    finally:
        assistant.extractive.other_context_ratio = previous
    pooled = {str(v): means(rows) for v, rows in by_value.items()}
    by_lang = {
        str(v): {lang: means([r for r in rows if r["lang"] == lang]) for lang in sorted({r["lang"] for r in rows})}
        for v, rows in by_value.items()
    }
    chosen_on_all = max(by_value, key=lambda v: (objective(by_value[v]), v))
    return {
        "splits": list(TRAINING_SPLITS),
        "grid": list(grid),
        "quote_cost": QUOTE_COST,
        "shipped": OTHER_CONTEXT_RATIO,
        "chosen_on_all": chosen_on_all,
        "pooled": pooled,
        "by_lang": by_lang,
        "lodo": leave_one_document_out(by_value),
    }


def render(report: dict) -> str:
    lodo = report["lodo"]
    lines = [
        "# Extractive answer: `OTHER_CONTEXT_RATIO`, leave one document out",
        "",
        f"Splits: {', '.join(report['splits'])} (answerable cases). Objective: answer hit + citation evidence "
        f"− {report['quote_cost']} × quotes per answer. Shipped: {report['shipped']}; "
        f"chosen on all documents: {report['chosen_on_all']}.",
        "",
        "| value | answer hit | citation evidence | quotes per answer | cases |",
        "|---|---|---|---|---|",
    ]
    for v, m in report["pooled"].items():
        lines.append(
            f"| {v} | {m['answer_hit']:.3f} | {m['citation_evidence']:.3f} | {m['quotes']:.2f} | {m['cases']} |"
        )
    lines += [
        "",
        "Left-out documents (each judged with the value chosen on the others):",
        "",
        "| document | chosen | answer hit | citation evidence | quotes | cases |",
        "|---|---|---|---|---|---|",
    ]
    for doc, f in lodo["folds"].items():
        lines.append(
            f"| {doc} | {f['chosen']} | {f['answer_hit']:.3f} | {f['citation_evidence']:.3f} | {f['quotes']:.2f} "
            f"| {f['cases']} |"
        )
    t = lodo["left_out"]
    lines += [
        f"| **all** | | {t['answer_hit']:.3f} | {t['citation_evidence']:.3f} | {t['quotes']:.2f} | {t['cases']} |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.tuning.selection", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="eval/tuning/selection.md")
    parser.add_argument("--json", default="eval/tuning/selection.json")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    from eval.runner import open_training_assistant
    from knowledge.settings import Settings

    # a fresh index built by this checkout's code (one in the configured data dir may be older)
    settings = Settings.load({"data_dir": tempfile.mkdtemp(prefix="xqa-selection-")})
    assistant = open_training_assistant(settings)
    cases = [c for c in training_cases() if c.answerable and c.category != "injection"]
    report = run(assistant, cases, progress=not args.no_progress)
    Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    Path(args.out).write_text(render(report), encoding="utf-8")
    print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
