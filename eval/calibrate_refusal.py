"""Fit the refusal rule on labelled questions and record how well it does on questions it did not see.

    python -m eval.calibrate_refusal eval/data/*.jsonl assistant/data/refusal_probes.jsonl \
        [--out assistant/data/refusal.json] [--dry-run]

(the development files only: eval/data holds the dev split, near misses in nearmiss.jsonl included.)

Each case (the eval set's shape: question, history, answerable, lang; a probe may add `group`) is run
through the real pipeline up to retrieval; its refusal features are collected and a logistic model
(L2-regularised, Newton's method) is fitted.

Two choices keep the fit honest about new phrasings:

- **Document-grouped cross-validation.** A case's group is its gold document (a probe's: its `group` of
  paraphrases), so a fold never sees questions on the documents it is judged on, and a paraphrase never
  "validates" its twin. The figures recorded are per source file
  (dev cases, probes): accuracy, false-refusal rate (answerable questions refused) and false-answer rate
  (unanswerable questions answered).
- **Costed threshold.** A false refusal costs the student an answer that exists; a false answer still
  shows verbatim quotes with their sections, which the reader can judge. We count a false refusal as
  `FALSE_REFUSAL_COST` (2) false answers. With calibrated probabilities the cheapest decision is then
  "answer when P(answerable) > 1 / (1 + 2)", i.e. when the logistic margin exceeds -ln 2: the shipped bias
  is the fitted bias + ln 2, so `RefusalPolicy` keeps answering when its margin is positive.

Re-run it when the corpus, the retriever, the features or the labelled sets change.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from pathlib import Path

import numpy as np

from assistant.refusal import FEATURES

#: ridge penalty on the weights (features are in [0, 1])
L2 = 0.1
#: a refused answerable question costs this many answered unanswerable ones (see the module docstring)
FALSE_REFUSAL_COST = 2.0
FOLDS = 5


def _fit(xs: list[list[float]], ys: list[int]) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method (tiny data, exact optimum)."""
    x = np.hstack([np.asarray(xs, dtype=float), np.ones((len(xs), 1))])
    y = np.asarray(ys, dtype=float)
    reg = np.eye(x.shape[1]) * L2
    reg[-1, -1] = 0.0  # the bias is not penalised
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(v) for v in w[:-1]], float(w[-1])


def decision_bias(bias: float, cost: float = FALSE_REFUSAL_COST) -> float:
    """The bias that puts the decision at P(answerable) = 1 / (1 + cost)."""
    return bias + math.log(cost)


def _predict(w: list[float], b: float, x: list[float]) -> int:
    return int(sum(wi * xi for wi, xi in zip(w, x)) + b > 0)


def fold_of(group: str, folds: int = FOLDS) -> int:
    """A group's fold: stable across runs and machines (crc32, not Python's salted hash)."""
    return zlib.crc32(group.encode("utf-8")) % folds


def grouped_cv(rows: list[dict], cost: float = FALSE_REFUSAL_COST, folds: int = FOLDS) -> list[int]:
    """Out-of-fold predictions: each row predicted by a model fitted without its group."""
    preds = [0] * len(rows)
    for k in range(folds):
        train = [r for r in rows if fold_of(r["group"], folds) != k]
        w, b = _fit([r["x"] for r in train], [int(r["answerable"]) for r in train])
        b = decision_bias(b, cost)
        for i, r in enumerate(rows):
            if fold_of(r["group"], folds) == k:
                preds[i] = _predict(w, b, r["x"])
    return preds


def confusion(rows: list[dict], preds: list[int]) -> dict:
    """Per source and language: accuracy, false-refusal rate, false-answer rate, counts."""
    out = {}
    keys = sorted({r["source"] for r in rows})
    for source in [*keys, "all"]:
        for lang in ("zh", "en", "all"):
            sel = [
                (r, p)
                for r, p in zip(rows, preds)
                if (source == "all" or r["source"] == source) and (lang == "all" or r["lang"] == lang)
            ]
            if not sel:
                continue
            ans = [p for r, p in sel if r["answerable"]]
            una = [p for r, p in sel if not r["answerable"]]
            fr, fa = ans.count(0), una.count(1)
            out[f"{source}/{lang}"] = {
                "n": len(sel),
                "accuracy": round(1 - (fr + fa) / len(sel), 4),
                "false_refusal_rate": round(fr / max(len(ans), 1), 4),
                "refused_answerable": fr,
                "answerable": len(ans),
                "false_answer_rate": round(fa / max(len(una), 1), 4),
                "answered_unanswerable": fa,
                "unanswerable": len(una),
            }
    return out


def collect(assistant, paths: list[Path]) -> list[dict]:
    """The refusal features of every labelled case (injection-only questions are always refused: skipped)."""
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            diag = assistant.diagnose(case["question"], case.get("history") or None)
            if diag["features"] is None:
                continue
            doc = (case.get("gold") or {}).get("doc_id")
            group = f"doc:{doc}" if doc else f"{path.stem}:{case.get('group') or case['id']}"
            rows.append(
                {
                    "id": case["id"],
                    "source": path.stem,
                    "group": group,
                    "lang": case["lang"],
                    "answerable": bool(case["answerable"]),
                    "x": [diag["features"][k] for k in FEATURES],
                }
            )
    return rows


def calibrate(rows: list[dict], cost: float = FALSE_REFUSAL_COST) -> dict:
    xs = [r["x"] for r in rows]
    w, b = _fit(xs, [int(r["answerable"]) for r in rows])
    b = decision_bias(b, cost)
    train = [_predict(w, b, x) for x in xs]
    cv = grouped_cv(rows, cost)
    return {
        "weights": dict(zip(FEATURES, [round(v, 4) for v in w])),
        "bias": round(b, 4),
        "false_refusal_cost": cost,
        "fitted_on": sorted({r["source"] for r in rows}),
        "cases": len(rows),
        "training": confusion(rows, train),
        "cross_validated": confusion(rows, cv),
        "errors_cross_validated": [r["id"] for r, p in zip(rows, cv) if p != int(r["answerable"])],
        "points": [{"id": r["id"], "answerable": r["answerable"], **dict(zip(FEATURES, r["x"]))} for r in rows],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate_refusal")
    parser.add_argument("cases", type=Path, nargs="+")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "assistant" / "data" / "refusal.json"
    )
    parser.add_argument(
        "--cost", type=float, default=FALSE_REFUSAL_COST, help="cost of a false refusal in false answers (default 2)"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the figures, do not write --out")
    args = parser.parse_args(argv)

    from assistant.pipeline import Assistant
    from knowledge.settings import Settings

    assistant = Assistant(Settings.load())
    result = calibrate(collect(assistant, args.cases), args.cost)
    if not args.dry_run:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "points"}
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
