"""Fit the refusal rule on labelled questions and record how well it does.

    python -m assistant.refusal_calibration eval/data/cases.jsonl [--out assistant/data/refusal.json]

Each case (the eval set's shape: question, history, answerable, lang) is run through
the real pipeline up to retrieval; its refusal features are collected and a logistic
model (L2-regularised; `--balanced` weights the classes equally) is fitted. The output file holds the weights,
the bias, and the figures: training accuracy, leave-one-out accuracy, confusion
counts, by language. Re-run it when the corpus, the retriever or the eval set change.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from assistant.refusal import FEATURES

#: ridge penalty on the weights (features are in [0, 1])
L2 = 0.1


def _fit(xs: list[list[float]], ys: list[int], balanced: bool = False) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method (tiny data, exact optimum)."""
    x = np.hstack([np.asarray(xs, dtype=float), np.ones((len(xs), 1))])
    y = np.asarray(ys, dtype=float)
    pos, neg = max(y.sum(), 1.0), max(len(y) - y.sum(), 1.0)
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg)) if balanced else np.ones(len(y))
    reg = np.eye(x.shape[1]) * L2
    reg[-1, -1] = 0.0  # the bias is not penalised
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sw * (p - y)) + reg @ w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(v) for v in w[:-1]], float(w[-1])


def _predict(w: list[float], b: float, x: list[float]) -> int:
    return int(sum(wi * xi for wi, xi in zip(w, x)) + b > 0)


def _confusion(rows, preds) -> dict:
    out = {}
    for lang in ("zh", "en", "all"):
        sel = [(r, p) for r, p in zip(rows, preds) if lang == "all" or r["lang"] == lang]
        tp = sum(1 for r, p in sel if not r["answerable"] and not p)  # correctly refused
        fn = sum(1 for r, p in sel if not r["answerable"] and p)  # answered an unanswerable
        fp = sum(1 for r, p in sel if r["answerable"] and not p)  # refused an answerable
        tn = sum(1 for r, p in sel if r["answerable"] and p)
        out[lang] = {"n": len(sel), "accuracy": round((tp + tn) / max(len(sel), 1), 4),
                     "refused_correctly": tp, "answered_unanswerable": fn, "refused_answerable": fp}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.refusal_calibration")
    parser.add_argument("cases", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "refusal.json")
    parser.add_argument("--balanced", action="store_true", help="weight the classes equally (default: plain accuracy)")
    args = parser.parse_args(argv)

    from knowledge.settings import Settings
    from assistant.pipeline import Assistant

    settings = Settings.load()
    assistant = Assistant(settings)
    rows = []
    for line in args.cases.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        diag = assistant.diagnose(case["question"], case.get("history") or None)
        if diag["features"] is None:  # nothing but an injection: always refused, not a calibration point
            continue
        rows.append({"id": case["id"], "lang": case["lang"], "answerable": bool(case["answerable"]),
                     "x": [diag["features"][k] for k in FEATURES]})
    xs = [r["x"] for r in rows]
    ys = [int(r["answerable"]) for r in rows]
    w, b = _fit(xs, ys, args.balanced)
    train = [_predict(w, b, x) for x in xs]
    loo = []
    for i in range(len(rows)):
        wi, bi = _fit(xs[:i] + xs[i + 1 :], ys[:i] + ys[i + 1 :], args.balanced)
        loo.append(_predict(wi, bi, xs[i]))
    result = {
        "weights": dict(zip(FEATURES, [round(v, 4) for v in w])),
        "bias": round(b, 4),
        "fitted_on": str(args.cases),
        "cases": len(rows),
        "training": _confusion(rows, train),
        "leave_one_out": _confusion(rows, loo),
        "errors_leave_one_out": [r["id"] for r, p in zip(rows, loo) if p != int(r["answerable"])],
        "points": [{"id": r["id"], "answerable": r["answerable"], **dict(zip(FEATURES, r["x"]))} for r in rows],
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
