"""Fit the refusal decision on labelled questions and choose its operating point on questions it did not see.

    python -m eval.calibrate_refusal eval/data/*.jsonl assistant/data/refusal_probes.jsonl \
        [--out assistant/data/refusal.json] [--dry-run]

(the development files only: eval/data holds the dev split, near misses in nearmiss.jsonl included.)

Each case (the eval set's shape: question, history, answerable, lang, near_miss; a probe may add `group`) is
run through the real pipeline up to the decision (`Assistant.diagnose`); its refusal features are collected
and one logistic model per question language (L2-regularised, features standardised) is fitted.

- **Leave one document out.** A case's fold is its gold document's (a case without one — a probe, an
  out-of-domain question — goes to a fold by a stable hash of its group of paraphrases), so a model is never
  judged on questions about a document it saw, nor a paraphrase on its twin. Everything recorded is out of
  fold: the trade-off curve and the per-source confusion at the chosen point.
- **The trade-off curve.** For each threshold on P(answerable): the share of near misses refused and the share
  of answerable questions refused (false refusals), per language, counting the refusals the rules make
  whatever the model says (a named edition or name the documents lack, no evidence selected).
- **The operating point, by a stated rule**: per language, the threshold that refuses the most near misses
  while the false-refusal rate stays at most `MAX_FALSE_REFUSAL` (the issue's 3 %); among equal ones the
  lowest threshold. If no threshold keeps the rate there (the rules alone exceed it), the model never refuses.
- **The model choice** (`C`, the feature set, one model per language) was made by the same cross-validation:
  `feature_sets` in the output compares the previous 11 features with the full set under this protocol.

Re-run it when the corpus, the retriever, the sentence ranker, the features or the labelled sets change.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.refusal import FEATURES

#: inverse L2 strength of the logistic models (features standardised): grouped-CV ROC AUC on the development
#: set, C = 0.1 / 0.3 / 1.0: near misses vs answerable zh 0.928 / 0.921 / 0.910, en 0.838 / 0.828 / 0.823
C = 0.1
#: the issue's target for answerable questions refused
MAX_FALSE_REFUSAL = 0.03
LANGUAGES = ("zh", "en")
THRESHOLDS = [round(t * 0.01, 2) for t in range(0, 96)]
#: the features before the evidence-focus ones (for the before/after comparison under the same protocol)
PREVIOUS = FEATURES[:11]


def fold_of(group: str, folds: Sequence[str]) -> int:
    """A group's fold: its document's index (`doc:<id>`), else a stable hash (crc32, not the salted hash)."""
    if group.startswith("doc:") and group[4:] in folds:
        return list(folds).index(group[4:])
    return zlib.crc32(group.encode("utf-8")) % len(folds)


def documents(rows: list[dict]) -> list[str]:
    return sorted({r["group"][4:] for r in rows if r["group"].startswith("doc:")})


def _fit(xs: np.ndarray, ys: np.ndarray, c: float | None = None) -> dict:
    """Standardised L2 logistic regression: weights, bias, mean, scale."""
    from sklearn.linear_model import LogisticRegression

    mean = xs.mean(axis=0)
    scale = xs.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c or C, max_iter=5000).fit((xs - mean) / scale, ys)
    return {"w": model.coef_[0], "b": float(model.intercept_[0]), "mean": mean, "scale": scale}


def _probability(m: dict, xs: np.ndarray) -> np.ndarray:
    z = ((xs - m["mean"]) / m["scale"]) @ m["w"] + m["b"]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def grouped_cv(rows: list[dict], features: Sequence[str] = FEATURES, c: float | None = None) -> list[float]:
    """Out-of-fold P(answerable): each row predicted by its language's model fitted without its fold."""
    folds = documents(rows) or ["all"]
    names = list(FEATURES)
    cols = [names.index(f) for f in features]
    probs = [0.0] * len(rows)
    for lang in LANGUAGES:
        for k in range(len(folds)):
            train = [r for r in rows if r["lang"] == lang and fold_of(r["group"], folds) != k]
            test = [i for i, r in enumerate(rows) if r["lang"] == lang and fold_of(r["group"], folds) == k]
            if not test or len({r["answerable"] for r in train}) < 2:
                continue
            m = _fit(
                np.array([[r["x"][j] for j in cols] for r in train]), np.array([r["answerable"] for r in train]), c
            )
            p = _probability(m, np.array([[rows[i]["x"][j] for j in cols] for i in test]))
            for i, pi in zip(test, p):
                probs[i] = float(pi)
    return probs


def refused(row: dict, p: float, threshold: float) -> bool:
    return row["rule_refused"] or p <= threshold


def tradeoff(rows: list[dict], probs: list[float], lang: str) -> list[dict]:
    """Per threshold: near misses refused, answerable questions refused, other unanswerable refused."""
    sel = [(r, p) for r, p in zip(rows, probs) if r["lang"] == lang]
    ans = [(r, p) for r, p in sel if r["answerable"]]
    near = [(r, p) for r, p in sel if r["near_miss"]]
    other = [(r, p) for r, p in sel if not r["answerable"] and not r["near_miss"]]
    share = lambda items, t: round(sum(refused(r, p, t) for r, p in items) / max(len(items), 1), 4)  # noqa: E731
    return [
        {
            "threshold": t,
            "near_miss_refused": share(near, t),
            "false_refusal": share(ans, t),
            "other_unanswerable_refused": share(other, t),
        }
        for t in THRESHOLDS
    ]


def operating_point(curve: list[dict], max_false_refusal: float = MAX_FALSE_REFUSAL) -> dict:
    """The stated rule (module docstring): most near misses refused with false refusals ≤ the target."""
    feasible = [p for p in curve if p["false_refusal"] <= max_false_refusal]
    if not feasible:
        return curve[0]
    return max(feasible, key=lambda p: (p["near_miss_refused"], -p["threshold"]))


def confusion(rows: list[dict], decisions: list[int]) -> dict:
    """Per source and language: accuracy, false-refusal rate, false-answer rate, near misses refused, counts."""
    out = {}
    for source in [*sorted({r["source"] for r in rows}), "all"]:
        for lang in (*LANGUAGES, "all"):
            sel = [
                (r, d)
                for r, d in zip(rows, decisions)
                if (source == "all" or r["source"] == source) and (lang == "all" or r["lang"] == lang)
            ]
            if not sel:
                continue
            ans = [d for r, d in sel if r["answerable"]]
            una = [d for r, d in sel if not r["answerable"]]
            near = [d for r, d in sel if r["near_miss"]]
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
                "near_miss_refused": round(near.count(0) / max(len(near), 1), 4),
                "near_miss": len(near),
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
                    "near_miss": bool(case.get("near_miss")),
                    "rule_refused": bool(diag["rule_refused"]),
                    "x": [diag["features"][k] for k in FEATURES],
                }
            )
    return rows


def _cv_summary(rows: list[dict], features: Sequence[str]) -> dict:
    """Grouped-CV figures of one feature set: ROC AUC (near misses vs answerable) and the operating point."""
    from sklearn.metrics import roc_auc_score

    probs = grouped_cv(rows, features)
    out = {}
    for lang in LANGUAGES:
        sel = [(r, p) for r, p in zip(rows, probs) if r["lang"] == lang and (r["answerable"] or r["near_miss"])]
        scored = [(r, p) for r, p in sel if not r["rule_refused"]]
        point = operating_point(tradeoff(rows, probs, lang))
        out[lang] = {
            "auc_near_miss": round(
                float(roc_auc_score([r["answerable"] for r, _ in scored], [p for _, p in scored])), 4
            ),
            **point,
        }
    return out


def calibrate(rows: list[dict]) -> dict:
    probs = grouped_cv(rows)
    curves = {lang: tradeoff(rows, probs, lang) for lang in LANGUAGES}
    points = {lang: operating_point(curves[lang]) for lang in LANGUAGES}
    models = {}
    for lang in LANGUAGES:
        train = [r for r in rows if r["lang"] == lang]
        m = _fit(np.array([r["x"] for r in train]), np.array([r["answerable"] for r in train]))
        models[lang] = {
            "weights": {k: round(float(v), 4) for k, v in zip(FEATURES, m["w"])},
            "bias": round(m["b"], 4),
            "mean": {k: round(float(v), 4) for k, v in zip(FEATURES, m["mean"])},
            "scale": {k: round(float(v), 4) for k, v in zip(FEATURES, m["scale"])},
            "threshold": points[lang]["threshold"],
        }
    decisions = [int(not refused(r, p, points[r["lang"]]["threshold"])) for r, p in zip(rows, probs)]
    return {
        "models": models,
        "C": C,
        "rule": f"per language: most near misses refused with cross-validated false refusals <= {MAX_FALSE_REFUSAL}",
        "fitted_on": sorted({r["source"] for r in rows}),
        "cases": len(rows),
        "folds": documents(rows),
        "operating_point": points,
        "cross_validated": confusion(rows, decisions),
        "tradeoff": curves,
        "feature_sets": {"previous": _cv_summary(rows, PREVIOUS), "full": _cv_summary(rows, FEATURES)},
        "errors_cross_validated": [r["id"] for r, d in zip(rows, decisions) if d != int(r["answerable"])],
        "points": [
            {"id": r["id"], "answerable": r["answerable"], "near_miss": r["near_miss"], **dict(zip(FEATURES, r["x"]))}
            for r in rows
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate_refusal")
    parser.add_argument("cases", type=Path, nargs="+")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "assistant" / "data" / "refusal.json"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the figures, do not write --out")
    args = parser.parse_args(argv)

    from assistant.pipeline import Assistant
    from assistant.refusal import RefusalPolicy
    from knowledge.settings import Settings

    assistant = Assistant(Settings.load(), policy=RefusalPolicy.answering())
    result = calibrate(collect(assistant, args.cases))
    if not args.dry_run:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k not in ("points", "tradeoff", "models")}
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
