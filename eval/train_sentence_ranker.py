"""Fit the extractive answer's sentence ranker on labelled (question, answer sentence) pairs.

    python -m eval.train_sentence_ranker [--out assistant/data/sentence_ranker.json] [--dry-run]

For every answerable case of the ranker's training splits (`eval.dataset.RANKER_SPLITS`, on an index holding
their documents, `eval.runner.open_training_assistant`; never a held-out split) the assistant
gathers its contexts as `ask` would, and every candidate sentence (`ExtractiveGenerator.candidates`)
is labelled by what quoting it shows (the sentence within its run of clauses joined by ；):
positive when that matches one of the case's `answer_spans` (the eval's own answer-hit
test, `eval.metrics.passage_matches`; spans derived from `evidence` where a case has none), negative
otherwise. The weights are a pairwise logistic ranking (scikit-learn, standardised features) of the
answering against the other sentences of each question, calibrated into a probability (see `_fit`).

Figures recorded with the model, all from document-grouped cross-validation (`FOLDS` folds of whole
documents, `document_folds`: a fold never sees its documents' questions; leaving one document out at a time
cost a fit per document, and the nested choice of C one per pair of documents, about 12,000 fits of 2 s on
50 documents):
- `p_at_1`: share of cases with a positive candidate whose top-ranked sentence is positive, per
  fold (document) and per language; `ceiling`: share of cases with any positive candidate;
- `regularisation`: `p_at_1` for each C of `C_GRID`; the model uses the best one (`C`), and `nested_cv`
  is `p_at_1` with C chosen inside each fold on the other documents only (`INNER_FOLDS` folds of them: the
  figure the choice cannot inflate);
- the same for the hand-weighted score the ranker replaces (`before`), when given;
- `ablation`: `p_at_1` with each feature left out (refit without it), overall and per language;
  the models refit without each feature on all rows are shipped too (`ablation_models`);
- `second_look`: `p_at_1` of the ranker alone and with the second look at its two best candidates
  (`sentence_ranker.second_look`: its margin and the embedder's cosine of question and sentence, fitted on
  the ranker's out-of-fold margins), the second look fitted without each document's rows.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from assistant.sentence_ranker import FEATURES, SECOND_LOOK_GAP, SENTENCE_COSINE, looks_again
from eval.dataset import RANKER_SPLITS, training_cases
from eval.folds import FOLDS, balanced_folds
from eval.metrics import passage_matches

OUT = Path(__file__).resolve().parent.parent / "assistant" / "data" / "sentence_ranker.json"
#: inverse regularisation strength (scikit-learn's C): the one of `C_GRID` with the best grouped-CV P@1
#: (`choose_c`); `C` is the default of the fitting functions
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
C = 1.0
#: folds of the choice of C nested inside each of the cross-validation's `FOLDS` (`eval.folds`): a bound on the
#: work (a fit of 2 s on 22,000 rows, 2026-12-04), not a tuned figure
INNER_FOLDS = 5


def collect(assistant, cases) -> list[dict]:
    """One row per (case, candidate sentence): features, label, case id, language, document."""
    rows = []
    for case in cases:
        if not case.answerable or not case.answer_spans or case.category == "injection":
            continue
        request = assistant.evidence_request(case.question, case.history)
        candidates = assistant.extractive.candidates(request)
        # the second look's cosine, as the assistant computes it (query as retrieval embedded it, each sentence)
        sentences = [request.contexts[c.ctx].text[c.start : c.end] for c in candidates]
        cosines = request.similarity(sentences) if request.similarity and sentences else [0.0] * len(sentences)
        for cand, sentence_alone, cos in zip(candidates, sentences, cosines):
            # what a reader would see quoted: the sentence within its run of clauses
            sentence = assistant.extractive.quoted(request, cand)
            spans = case.answer_spans + case.answer_spans_en
            rows.append(
                {
                    "case": case.id,
                    "lang": case.lang,
                    "doc": case.doc_id or "?",
                    "x": [cand.features[f] for f in FEATURES],
                    "y": int(any(passage_matches(sentence, s) for s in spans)),
                    "sentence": sentence_alone,
                    "cos": cos,
                }
            )
    return rows


SECOND_LOOK_NAMES = ("margin", SENTENCE_COSINE)


def second_look_rows(rows: list[dict], margins: np.ndarray) -> list[dict]:
    """The rows as the second look reads them: the first ranker's (out-of-fold) margin and the sentence cosine."""
    return [{**r, "x": [float(m), r["cos"]]} for r, m in zip(rows, margins)]


def _best_two(rows: list[dict], margins: np.ndarray) -> list[tuple[int, int]]:
    """Per case with two candidates or more: the rows of its best and second-best candidate by margin."""
    by_case: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_case[r["case"]].append(i)
    pairs = []
    for idx in by_case.values():
        if len(idx) > 1:
            a, b = sorted(idx, key=lambda i: -margins[i])[:2]
            pairs.append((a, b))
    return pairs


def _reverses(rows: list[dict], margins: np.ndarray, looks: np.ndarray, pair: tuple[int, int], gap: float) -> bool:
    """Would a second look with this `gap` put the pair's second row first (`sentence_ranker.looks_again`)?"""
    a, b = pair
    looked = looks_again((margins[a], margins[b]), (rows[a]["sentence"], rows[b]["sentence"]), gap)
    return looked and looks[b] > looks[a]


def with_second_look(rows: list[dict], margins: np.ndarray, looks: np.ndarray) -> np.ndarray:
    """Scores that rank each case as the assistant does: by the margin, except that the two best candidates
    exchange places when they get a second look and it prefers the second."""
    out = np.asarray(margins, dtype=float).copy()
    for a, b in _best_two(rows, margins):
        if _reverses(rows, margins, looks, (a, b), SECOND_LOOK_GAP):
            out[a], out[b] = margins[b], margins[a]
    return out


def fit_second_look(rows: list[dict], c: float, features: list[int]) -> tuple[dict, dict]:
    """The second look fitted on every row over the first ranker's out-of-fold margins, and its figures:
    P@1 of the first ranker alone and with the second look fitted without the held-out fold's documents
    (`grouped_cv`), per language and per document; and how many pairs further apart than the gap a second
    look would have reversed (what `SECOND_LOOK_GAP` leaves out)."""
    margins = grouped_cv(rows, features, c)
    look_rows = second_look_rows(rows, margins)
    looks = grouped_cv(look_rows, [0, 1], c)
    beyond = sum(
        _reverses(rows, margins, looks, pair, math.inf) and not _reverses(rows, margins, looks, pair, SECOND_LOOK_GAP)
        for pair in _best_two(rows, margins)
    )
    report = {
        "first_ranker": _summary(p_at_1(rows, margins)),
        "with_second_look": _summary(p_at_1(rows, with_second_look(rows, margins, looks))),
        "gap": SECOND_LOOK_GAP,
        "reversals_beyond_gap": int(beyond),
    }
    model = _fit_named(look_rows, [0, 1], list(SECOND_LOOK_NAMES), c)
    return model, report


def _summary(p: dict) -> dict:
    return {k: v for k, v in p.items() if k in ("all", "lang:zh", "lang:en") or k.startswith("doc:")}


class _Linear:
    """A fitted linear scorer in scikit-learn's shape (`coef_`, `intercept_`, `decision_function`)."""

    def __init__(self, coef: np.ndarray, intercept: float):
        self.coef_, self.intercept_ = np.asarray([coef]), np.asarray([intercept])

    def decision_function(self, x: np.ndarray) -> np.ndarray:
        return x @ self.coef_[0] + self.intercept_[0]


def _fit(x: np.ndarray, y: np.ndarray, cases: np.ndarray, c: float = C):
    """Pairwise ranking, then calibration: what matters is which sentence of a question's candidates
    answers, so the weights are fitted on differences (answering − not answering sentence) within each
    question, every question weighing the same; a one-variable logistic fit of the labels on the
    resulting score (Platt scaling) then turns it into the probability the refusal decision reads."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    diffs, weights = [], []
    for case in np.unique(cases):
        here = cases == case
        pos, neg = z[here & (y == 1)], z[here & (y == 0)]
        if len(pos) and len(neg):
            d = (pos[:, None, :] - neg[None, :, :]).reshape(-1, z.shape[1])
            diffs.append(d)
            weights.append(np.full(len(d), 1.0 / len(d)))
    d, w = np.vstack(diffs), np.concatenate(weights)
    pairs = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(
        np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], sample_weight=np.r_[w, w]
    )
    score = z @ pairs.coef_[0]
    platt = LogisticRegression(C=1e4, max_iter=2000).fit(score[:, None], y)
    return _Linear(pairs.coef_[0] * platt.coef_[0][0], float(platt.intercept_[0])), mean, scale


def _scores(model, mean, scale, x: np.ndarray) -> np.ndarray:
    return model.decision_function((x - mean) / scale)


def p_at_1(rows: list[dict], scores: np.ndarray) -> dict:
    """Per case: is the best-scored candidate positive? Aggregated overall, per language, per document."""
    best: dict[str, tuple[float, int]] = {}
    meta: dict[str, tuple[str, str]] = {}
    has_pos: dict[str, bool] = defaultdict(bool)
    for row, s in zip(rows, scores):
        cid = row["case"]
        meta[cid] = (row["lang"], row["doc"])
        has_pos[cid] |= bool(row["y"])
        if cid not in best or s > best[cid][0]:
            best[cid] = (float(s), row["y"])
    groups: dict[str, list[int]] = defaultdict(list)
    ceiling: dict[str, list[int]] = defaultdict(list)
    for cid, (_, y) in best.items():
        lang, doc = meta[cid]
        for key in ("all", f"lang:{lang}", f"doc:{doc}"):
            ceiling[key].append(int(has_pos[cid]))
            if has_pos[cid]:
                groups[key].append(y)
    return {
        k: {"p_at_1": round(float(np.mean(v)), 4), "cases": len(v), "ceiling": round(float(np.mean(ceiling[k])), 4)}
        for k, v in sorted(groups.items())
    }


def document_folds(rows: list[dict], k: int = FOLDS) -> dict[str, int]:
    """Document → fold: whole documents in `k` folds of about as many cases each (`eval.folds.balanced_folds`)."""
    cases: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        cases[r["doc"]].add(r["case"])
    return balanced_folds({doc: len(ids) for doc, ids in cases.items()}, k)


def grouped_cv(rows: list[dict], features: list[int], c: float = C, k: int = FOLDS) -> np.ndarray:
    """Out-of-fold decision values: each fold of whole documents (`document_folds`) scored by a model fitted
    on the others."""
    x = np.asarray([[r["x"][i] for i in features] for r in rows], dtype=float)
    y = np.asarray([r["y"] for r in rows])
    fold_of = document_folds(rows, k)
    folds = np.asarray([fold_of[r["doc"]] for r in rows])
    cases = np.asarray([r["case"] for r in rows])
    out = np.zeros(len(rows))
    for fold in sorted(set(folds)):
        test = folds == fold
        if len(set(y[~test])) < 2:
            continue
        model, mean, scale = _fit(x[~test], y[~test], cases[~test], c)
        out[test] = _scores(model, mean, scale, x[test])
    return out


def choose_c(rows: list[dict], features: list[int], k: int = FOLDS) -> tuple[float, dict[str, dict]]:
    """The regularisation with the best grouped-CV P@1 (a tie goes to the one nearer 1), and each one's figures."""
    figures = {c: p_at_1(rows, grouped_cv(rows, features, c, k))["all"] for c in C_GRID}
    best = max(C_GRID, key=lambda c: (figures[c]["p_at_1"], -abs(np.log(c))))
    return best, {str(c): v for c, v in figures.items()}


def nested_cv(rows: list[dict], features: list[int]) -> tuple[dict, dict[str, float]]:
    """P@1 with the regularisation chosen inside each fold (by grouped CV, `INNER_FOLDS` folds, on the other
    folds' documents only), so the figure does not profit from choosing it on the documents it is measured on;
    and the choice per fold (named by its documents)."""
    x = np.asarray([[r["x"][i] for i in features] for r in rows], dtype=float)
    y = np.asarray([r["y"] for r in rows])
    fold_of = document_folds(rows)
    folds = np.asarray([fold_of[r["doc"]] for r in rows])
    cases = np.asarray([r["case"] for r in rows])
    out = np.zeros(len(rows))
    chosen: dict[str, float] = {}
    for fold in sorted(set(folds)):
        test = folds == fold
        name = ",".join(sorted(d for d, f in fold_of.items() if f == fold))
        chosen[name], _ = choose_c([r for r in rows if fold_of[r["doc"]] != fold], features, INNER_FOLDS)
        model, mean, scale = _fit(x[~test], y[~test], cases[~test], chosen[name])
        out[test] = _scores(model, mean, scale, x[test])
    return p_at_1(rows, out), chosen


def shipped_c() -> float:
    """The regularisation the shipped ranker was fitted with (what a refit of it, e.g. without one document, uses)."""
    return float(json.loads(OUT.read_text(encoding="utf-8"))["report"].get("C", C))


def _model(rows: list[dict], features: list[int], c: float = C) -> dict:
    """A ranker fitted on every row over the given features (weights, bias and scaling by name)."""
    return _fit_named(rows, features, [FEATURES[i] for i in features], c)


def _fit_named(rows: list[dict], features: list[int], names: list[str], c: float = C) -> dict:
    x = np.asarray([[r["x"][i] for i in features] for r in rows], dtype=float)
    y = np.asarray([r["y"] for r in rows])
    model, mean, scale = _fit(x, y, np.asarray([r["case"] for r in rows]), c)
    return {
        "weights": {f: round(float(w), 5) for f, w in zip(names, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 5),
        "mean": {f: round(float(v), 5) for f, v in zip(names, mean)},
        "scale": {f: round(float(v), 5) for f, v in zip(names, scale)},
    }


def load_or_collect(path: Path | None, assistant=None) -> list[dict]:
    """The ranker's training rows (`collect` over `RANKER_SPLITS` on the training index, asked with `assistant`, else
    one opened on it), cached in `path`: read when the file exists, written when it does not."""
    if path and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    if assistant is None:
        from eval.runner import open_training_assistant
        from knowledge.settings import Settings

        assistant = open_training_assistant(Settings.load())
    rows = collect(assistant, training_cases(RANKER_SPLITS))
    if path:
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument(
        "--rows",
        type=Path,
        help="the collected rows: read from this file if it exists, else collected and written there (a refit of "
        "the same rows, e.g. after a change to the fitting alone, then skips the pipeline run)",
    )
    args = ap.parse_args(argv)
    rows = load_or_collect(args.rows)
    everything = list(range(len(FEATURES)))
    report: dict[str, Any] = {
        "rows": len(rows),
        "positives": int(sum(r["y"] for r in rows)),
        "cases": len({r["case"] for r in rows}),
        "documents": sorted({r["doc"] for r in rows}),
        "folds": FOLDS,
        "inner_folds": INNER_FOLDS,
    }
    c, report["regularisation"] = choose_c(rows, everything)
    report["C"] = c
    report["cv"] = p_at_1(rows, grouped_cv(rows, everything, c))
    nested, chosen = nested_cv(rows, everything)
    report["nested_cv"] = {"C": chosen, **{k: nested[k] for k in ("all", "lang:zh", "lang:en") if k in nested}}
    report["ablation"] = {}
    for j, f in enumerate(FEATURES):
        cv = p_at_1(rows, grouped_cv(rows, [i for i in everything if i != j], c))
        report["ablation"][f] = {k: cv[k] for k in ("all", "lang:zh", "lang:en") if k in cv}
    second_look, report["second_look"] = fit_second_look(rows, c, everything)
    data = {
        **_model(rows, everything, c),
        # the embedder's second look at the two best candidates (`sentence_ranker.second_look`)
        "second_look": second_look,
        "fitted_on": f"splits {', '.join(RANKER_SPLITS)}, answerable cases with answer spans",
        "report": report,
        # the ranker refit without each feature: `sentence_ranker.load(without=…)`, for the eval
        # harness's ablation (`python -m eval run --ranker-without all`)
        "ablation_models": {f: _model(rows, [i for i in everything if i != j], c) for j, f in enumerate(FEATURES)},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.dry_run:
        print(text)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(json.dumps(report["cv"]["all"]), "→", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
