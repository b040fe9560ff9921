"""Fit the refusal decision on labelled questions and choose its operating point on questions it did not see.

    python -m eval.calibrate_refusal eval/data/*.jsonl eval/external/dev/*.jsonl assistant/data/refusal_probes.jsonl \
        eval/offtopic/fitted.jsonl [--out assistant/data/refusal.json] [--dry-run]

(the training files only, `eval.dataset.TRAINING_SPLITS`: eval/data holds the dev split, near misses in
nearmiss.jsonl included; eval/external/dev the external texts read case by case, asked on an index that holds
them, `eval.runner.open_training_assistant`.)

Each case (the eval set's shape: question, history, answerable, lang, near_miss; a probe may add `group`) is
run through the real pipeline up to the decision (`Assistant.diagnose`); its refusal features are collected
and one logistic model per question language (L2-regularised, features standardised) is fitted.

- **Folds of whole documents** (`eval.folds`: `FOLDS` folds, each document in one; leave one document out while
  there were no more documents than folds). A case goes with its gold document; a case without one (a probe, an
  out-of-domain question) goes with the document of its best retrieved passage (a translation counts as its
  original), so every fold leaves whole documents out, probes included, and no model is judged on questions
  about a document it saw.
- **Features as on a document never seen.** The sentence ranker is fitted on the training documents'
  answerable questions (`RANKER_SPLITS`: the development documents and the external texts), so on those questions its probabilities (`evidence`, `evidence_margin`, and which
  sentences are selected) are in-sample: higher than on a new document (answerable dev questions, mean
  `evidence`: zh 0.553 vs 0.529, en 0.338 vs 0.300 out of document; near misses zh 0.259 vs 0.242, en 0.134 vs
  0.123; 2026-12-01). A refusal model fitted on in-sample ranker output
  learns to trust it too much and refuses more answerable questions on new documents. So each case's features
  are collected with the ranker refitted without its fold's documents (`eval.train_sentence_ranker`), for the
  cross-validation *and* for the shipped model: it is fitted on the distribution it meets on new documents.
- **The trade-off curve.** For each threshold on P(answerable): the share of near misses refused and the share
  of answerable questions refused (false refusals), per language, counting the refusals the rules make
  whatever the model says (a named edition the corpus lacks, no evidence selected).
- **The operating point, by a stated rule**: per language, the threshold that refuses the most near misses
  while the pooled out-of-document false-refusal rate stays at most a *budget*; among equal ones the lowest
  threshold. The budget leaves a margin for the shift to new documents (`shift_budget`): a threshold picked on
  the other folds' out-of-fold predictions and applied to a left-out fold refuses more of its answerable
  questions than the pooled curve says (the pick is fitted to the curve's noise). The budget is the largest of
  `BUDGETS` whose such nested estimate, pooled over the left-out folds, stays at most `MAX_FALSE_REFUSAL` (the
  issue's 3 %). The estimate is also reported for the questions written blind (`BLIND_SOURCES`, why they do not
  set the budget there). The other folds' predictions come from models that never saw the left-out fold either
  (leave two folds out), so nothing behind the choice has seen the document it is judged on.
- **The topic gate.** Near misses are about the texts; the model above, fitted mostly on them, gives the few dozen
  questions about other subjects (a football final, a novel) little weight, and the more external texts join the
  calibration the less. So a second model per language is fitted on answerable questions against out-of-scope ones
  alone (`out_of_scope`: unanswerable and no near miss; eval/offtopic/fitted.jsonl and the probes), each class half
  the weight (`_balanced`), its threshold the highest at which it refuses at most `TOPIC_BUDGET` of the answerable
  questions out of fold (`topic_threshold`). A question is answered when both models pass. eval/offtopic/judged.jsonl
  is never fitted on: it says how the gate does on off-topic questions written by someone else.
- **The model choice** (`C`, the feature set, one model per language) was made by the same cross-validation:
  `feature_sets` in the output compares the previous 11 features with the full set under this protocol.

Re-run it when the corpus, the retriever, the sentence ranker, the features or the labelled sets change.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from assistant.refusal import FEATURES
from eval.folds import balanced_folds

#: inverse L2 strength of the logistic models (features standardised): grouped-CV ROC AUC on the development
#: set, C = 0.03 / 0.1 / 0.3 / 1.0: near misses vs answerable zh 0.947 / 0.951 / 0.951 / 0.951, en 0.860 / 0.861 /
#: 0.859 / 0.856; on the blind-written questions alone zh 0.908 / 0.915 / 0.913 / 0.915, en 0.726 / 0.743 / 0.733 /
#: 0.726 (2026-12-01: 692 cases with fresh-a/fresh-b, the features of `assistant.refusal.FEATURES`)
C = 0.1
#: the issue's target for answerable questions refused
MAX_FALSE_REFUSAL = 0.03
#: the pooled false-refusal budgets tried for the operating point, loosest first (see `shift_budget`)
BUDGETS = (0.03, 0.025, 0.02, 0.015, 0.01, 0.005)
#: the share of answerable questions the topic gate alone may refuse, out of fold (`topic_threshold`): a second
#: decision after the near-miss model has spent its budget, so a sixth of the issue's 3 %
TOPIC_BUDGET = 0.005
#: the development files whose questions were written blind: from the documents alone, by people who never saw
#: the assistant nor the rest of the eval set (eval/data/fresh-a.jsonl, fresh-b.jsonl, fresh-d.jsonl). The other labelled
#: questions were written by people who tuned the system, and are easier: under the same nested protocol (budget
#: 0.03) the decision refused 1.6 % (zh) / 1.5 % (en) of their answerable questions and 6.7 % / 9.3 % of the
#: blind ones (2026-12-01, before that day's features; after them 4.4 % / 4.7 %). The nested estimate reports
#: them apart (`blind`). They do not tighten the budget: their false refusals are the same 2 questions per
#: language at every budget down to 0.01 (a wrong sentence selected, a rule), and only the tightest budget
#: (0.005) removes one, at a price of near misses refused zh 0.64 -> 0.36, en 0.44 -> 0.13 among the blind ones.
BLIND_SOURCES = ("fresh-a", "fresh-b", "fresh-d")
LANGUAGES = ("zh", "en")
THRESHOLDS = [round(t * 0.01, 2) for t in range(0, 96)]
#: the features before the evidence-focus ones (for the before/after comparison under the same protocol)
PREVIOUS = FEATURES[:11]


def fold_map(rows: list[dict]) -> dict[str, int]:
    """Document → fold: the documents the rows are grouped by, in folds of about as many rows each
    (`eval.folds.balanced_folds`; with no more documents than folds, each document is a fold of its own)."""
    sizes = Counter(r["group"][4:] for r in rows if r["group"].startswith("doc:"))
    return balanced_folds(sizes)


def fold_count(folds: Mapping[str, int]) -> int:
    return max(folds.values(), default=0) + 1


def fold_of(group: str, folds: Mapping[str, int]) -> int:
    """A group's fold: its document's (`doc:<id>`), else a stable hash (crc32, not the salted hash)."""
    if group.startswith("doc:") and group[4:] in folds:
        return folds[group[4:]]
    return zlib.crc32(group.encode("utf-8")) % fold_count(folds)


#: the sign each feature's weight may take: more of what the question asks found in the evidence never makes an
#: answer less likely, more of it missing never more likely. Unconstrained, correlated features took weights of the
#: wrong sign that fit the development documents' mix (English `coverage` -0.25: no question word in any passage
#: *raised* P(answerable), so "Who won the Champions League final?" was answered). Grouped-CV ROC AUC, near misses vs
#: answerable, unconstrained -> signed (692 cases, 2026-12-01): zh 0.959 -> 0.959, en 0.836 -> 0.840; on the
#: blind-written questions alone zh 0.913 -> 0.911, en 0.736 -> 0.748.
EVIDENCE_FOR = frozenset(
    {
        "coverage",
        "support",
        "dense",
        "evidence",
        "evidence_margin",
        "evidence_type",
        "evidence_coverage",
        "focus_coverage",
        "slot_coverage",
    }
)
#: every other feature says something asked is missing or unknown; `en` is constant within a language's model
EVIDENCE_AGAINST = frozenset(FEATURES) - EVIDENCE_FOR - {"en"}


def _bounds(names: Sequence[str]) -> list[tuple[float | None, float | None]]:
    """Each weight's sign (`EVIDENCE_FOR`, `EVIDENCE_AGAINST`; a feature in neither, constant per model, 0)."""
    return [(0.0, None) if k in EVIDENCE_FOR else (None, 0.0) if k in EVIDENCE_AGAINST else (0.0, 0.0) for k in names]


def _fit(
    xs: np.ndarray,
    ys: np.ndarray,
    c: float | None = None,
    names: Sequence[str] = FEATURES,
    weights: np.ndarray | None = None,
) -> dict:
    """Standardised L2 logistic regression (sklearn's objective: C * log-loss + |w|^2 / 2, the bias free), each
    weight held to its sign (`_bounds`): weights, bias, mean, scale. `names`: the features of the columns;
    `weights`: each row's weight in the log-loss (default 1)."""
    from scipy.optimize import minimize

    mean = xs.mean(axis=0)
    scale = xs.std(axis=0)
    scale[scale == 0] = 1.0
    z = (xs - mean) / scale
    y = np.where(ys, 1.0, -1.0)
    strength, n = c or C, z.shape[1]
    each = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)

    def objective(p: np.ndarray) -> tuple[float, np.ndarray]:
        m = y * (z @ p[:n] + p[n])
        g = -y * each / (1.0 + np.exp(np.clip(m, -30, 30)))
        loss = strength * float((each * np.logaddexp(0.0, -m)).sum()) + 0.5 * float(p[:n] @ p[:n])
        return loss, np.concatenate([strength * (z.T @ g) + p[:n], [strength * g.sum()]])

    fitted = minimize(objective, np.zeros(n + 1), jac=True, method="L-BFGS-B", bounds=[*_bounds(names), (None, None)])
    if not fitted.success:
        raise RuntimeError(f"the refusal model did not converge: {fitted.message}")
    return {"w": fitted.x[:n], "b": float(fitted.x[n]), "mean": mean, "scale": scale}


def _probability(m: dict, xs: np.ndarray) -> np.ndarray:
    z = ((xs - m["mean"]) / m["scale"]) @ m["w"] + m["b"]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def out_of_fold(
    rows: list[dict], fit: Callable[[list[dict]], dict | None], columns: Sequence[int], default: float
) -> list[float]:
    """Each row's probability by its language's model fitted (`fit`, None when the training rows cannot make one)
    without the row's document fold; `columns`: the features the model reads; `default`: a row no model predicts."""
    folds = fold_map(rows)
    probs = [default] * len(rows)
    for lang in LANGUAGES:
        for k in range(fold_count(folds)):
            train = [r for r in rows if r["lang"] == lang and fold_of(r["group"], folds) != k]
            test = [i for i, r in enumerate(rows) if r["lang"] == lang and fold_of(r["group"], folds) == k]
            model = fit(train) if test else None
            if model is None:
                continue
            p = _probability(model, np.array([[rows[i]["x"][j] for j in columns] for i in test]))
            for i, pi in zip(test, p):
                probs[i] = float(pi)
    return probs


def grouped_cv(rows: list[dict], features: Sequence[str] = FEATURES, c: float | None = None) -> list[float]:
    """Out-of-fold P(answerable): each row predicted by its language's model fitted without its fold."""
    cols = [list(FEATURES).index(f) for f in features]

    def fit(train: list[dict]) -> dict | None:
        if len({r["answerable"] for r in train}) < 2:
            return None
        xs = np.array([[r["x"][j] for j in cols] for r in train])
        return _fit(xs, np.array([r["answerable"] for r in train]), c, names=list(features))

    return out_of_fold(rows, fit, cols, 0.0)


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


def inner_predictions(rows: list[dict]) -> list[list[float]]:
    """For each fold k: out-of-fold P(answerable) of the rows of the *other* folds' documents, from models that
    never saw fold k either (leave k and the row's own fold out)."""
    folds = fold_map(rows)
    out = []
    for k in range(fold_count(folds)):
        inner = [r for r in rows if fold_of(r["group"], folds) != k]
        out.append(grouped_cv(inner))
    return out


def nested_estimate(
    rows: list[dict], probs: list[float], lang: str, budget: float, inner: list[list[float]] | None = None
) -> dict:
    """A threshold chosen on the other documents' out-of-fold predictions (`operating_point` with `budget`;
    `inner`: those predictions, by `inner_predictions`, so no model behind the choice saw the left-out
    fold), applied to each left-out fold in turn: the rates on documents it was not chosen on, pooled."""
    folds = fold_map(rows)
    inner = inner if inner is not None else inner_predictions(rows)
    decided = []
    for k in range(fold_count(folds)):
        others = [r for r in rows if fold_of(r["group"], folds) != k]
        t = operating_point(tradeoff(others, inner[k], lang), budget)["threshold"]
        decided += [
            (r, refused(r, p, t)) for r, p in zip(rows, probs) if r["lang"] == lang and fold_of(r["group"], folds) == k
        ]
    return {"budget": budget, **_rates(decided), "blind": _rates([(r, d) for r, d in decided if is_blind(r)])}


def is_blind(row: dict) -> bool:
    return row["source"] in BLIND_SOURCES


def _rates(decided: list[tuple[dict, bool]]) -> dict:
    """Near misses refused and answerable questions refused among (row, refused) pairs."""
    ans = [d for r, d in decided if r["answerable"]]
    near = [d for r, d in decided if r["near_miss"]]
    return {
        "near_miss_refused": round(sum(near) / max(len(near), 1), 4),
        "false_refusal": round(sum(ans) / max(len(ans), 1), 4),
        "answerable": len(ans),
    }


def shift_budget(
    rows: list[dict], probs: list[float], lang: str, inner: list[list[float]] | None = None
) -> tuple[float, list[dict]]:
    """The loosest budget whose nested estimate keeps false refusals at most `MAX_FALSE_REFUSAL` (the tightest
    one if none does), and the estimate of every budget tried (with the blind questions' part, `BLIND_SOURCES`)."""
    inner = inner if inner is not None else inner_predictions(rows)
    table = [nested_estimate(rows, probs, lang, b, inner) for b in BUDGETS]
    ok = [e["budget"] for e in table if e["false_refusal"] <= MAX_FALSE_REFUSAL]
    return (ok[0] if ok else BUDGETS[-1]), table


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


def out_of_scope(row: dict) -> bool:
    """An unanswerable question that is no near miss: about another subject (a probe, the off-topic sets)."""
    return not row["answerable"] and not row["near_miss"]


def _balanced(rows: list[dict]) -> np.ndarray:
    """Row weights giving the answerable rows and the out-of-scope ones half the total each (mean weight 1): the
    out-of-scope questions are a few dozen among thousands."""
    about = np.array([r["answerable"] for r in rows])
    n, k = len(rows), int(about.sum())
    return np.where(about, n / (2 * max(k, 1)), n / (2 * max(n - k, 1)))


def _fit_topic(rows: list[dict]) -> dict:
    """The topic gate of one language: answerable rows against out-of-scope ones (`_balanced`)."""
    sel = [r for r in rows if r["answerable"] or out_of_scope(r)]
    return _fit(np.array([r["x"] for r in sel]), np.array([r["answerable"] for r in sel]), weights=_balanced(sel))


def topic_cv(rows: list[dict]) -> list[float]:
    """Out-of-fold P(about the texts) of every row, near misses included (the gate meets them too): each row by its
    language's gate fitted without its fold."""

    def fit(train: list[dict]) -> dict | None:
        if not any(out_of_scope(r) for r in train) or not any(r["answerable"] for r in train):
            return None
        return _fit_topic(train)

    return out_of_fold(rows, fit, range(len(FEATURES)), 1.0)


def topic_threshold(rows: list[dict], probs: list[float], lang: str, budget: float = TOPIC_BUDGET) -> dict:
    """The gate's operating point: the highest threshold at which the gate alone refuses at most `budget` of the
    answerable questions (the most out-of-scope ones refused, the share refused only grows with the threshold)."""
    sel = [(r, p) for r, p in zip(rows, probs) if r["lang"] == lang]
    ans = [p for r, p in sel if r["answerable"]]
    oos = [p for r, p in sel if out_of_scope(r)]
    best = {"threshold": 0.0, "false_refusal": 0.0, "out_of_scope_refused": 0.0}
    for t in THRESHOLDS:
        fr = sum(p <= t for p in ans) / max(len(ans), 1)
        if fr > budget:
            break
        best = {
            "threshold": t,
            "false_refusal": round(fr, 4),
            "out_of_scope_refused": round(sum(p <= t for p in oos) / max(len(oos), 1), 4),
        }
    return best


def topic_applied(rows: list[dict], probs: list[float], lang: str) -> dict:
    """The gate's threshold chosen on the other folds' out-of-fold predictions and applied to each left-out fold
    in turn (as `nested_estimate`, one level): its rates on documents it was not chosen on, pooled."""
    folds = fold_map(rows)
    ans = oos = fr = caught = 0
    for k in range(fold_count(folds)):
        others = [(r, p) for r, p in zip(rows, probs) if fold_of(r["group"], folds) != k]
        t = topic_threshold([r for r, _ in others], [p for _, p in others], lang)["threshold"]
        for r, p in zip(rows, probs):
            if r["lang"] != lang or fold_of(r["group"], folds) != k:
                continue
            ans, fr = ans + r["answerable"], fr + (r["answerable"] and p <= t)
            oos, caught = oos + out_of_scope(r), caught + (out_of_scope(r) and p <= t)
    return {
        "false_refusal": round(fr / max(ans, 1), 4),
        "out_of_scope_refused": round(caught / max(oos, 1), 4),
        "answerable": ans,
        "out_of_scope": oos,
    }


def originals(assistant) -> dict[str, str]:
    """doc_id → the document it translates, for the indexed translations (a translation is its original's fold)."""
    return {
        d["doc_id"]: d["translation_of"] for d in assistant.index.manifest().get("docs", []) if d.get("translation_of")
    }


def read_cases(paths: list[Path]) -> list[tuple[str, dict]]:
    return [
        (path.stem, json.loads(line))
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def collect(assistant, cases: list[tuple[str, dict]]) -> list[dict]:
    """The refusal features of every labelled (source, case) (injection-only questions are always refused:
    skipped), grouped by document (`group_by_document`)."""
    rows = []
    original = originals(assistant)
    for source, case in cases:
        diag = assistant.diagnose(case["question"], case.get("history") or None)
        if diag["features"] is None:
            continue
        nearest = diag["sections"][0].split(":", 1)[0] if diag["sections"] else ""
        rows.append(
            {
                "id": case["id"],
                "source": source,
                "gold_doc": (case.get("gold") or {}).get("doc_id") or "",
                "nearest_doc": original.get(nearest, nearest),
                "paraphrases": f"{source}:{case.get('group') or case['id']}",
                "lang": case["lang"],
                "answerable": bool(case["answerable"]),
                "near_miss": bool(case.get("near_miss")),
                "rule_refused": bool(diag["rule_refused"]),
                "named_gap": bool(diag["named_gap"]),
                "x": [diag["features"][k] for k in FEATURES],
            }
        )
    return group_by_document(rows)


def group_by_document(rows: list[dict]) -> list[dict]:
    """Each row's `group`: its gold document; without one (a probe, an out-of-domain question), the labelled
    document of its best retrieved passage, so a fold leaves whole documents out, probes included (a probe
    nearest to a document no case is about goes with its paraphrases, to a fold by hash)."""
    labelled = {r["gold_doc"] for r in rows if r["gold_doc"]}
    for r in rows:
        doc = r["gold_doc"] or (r["nearest_doc"] if r["nearest_doc"] in labelled else "")
        r["group"] = f"doc:{doc}" if doc else r["paraphrases"]
    return rows


@contextmanager
def ranker_in_use(ranker) -> Iterator[list[int]]:
    """The extractive generator scores sentences with `ranker` instead of the shipped one (it loads its
    ranker through `sentence_ranker.load` at every question); yields a count of the loads, so a caller can
    check the substitute was used."""
    from assistant import sentence_ranker

    shipped, calls = sentence_ranker.load, [0]

    def load(without: str = ""):
        calls[0] += 1
        return ranker

    sentence_ranker.load = load  # type: ignore[assignment]
    try:
        yield calls
    finally:
        sentence_ranker.load = shipped


def collect_out_of_document(
    assistant, cases: list[tuple[str, dict]], ranker_rows: Path | None = None
) -> tuple[list[dict], list[dict]]:
    """The rows with the shipped ranker (in-sample on the development documents), and the same rows with each
    fold's features collected under the sentence ranker refitted without that fold's documents (module docstring).
    `ranker_rows`: the ranker's training rows, cached (`train_sentence_ranker.load_or_collect`)."""
    from assistant.sentence_ranker import FEATURES as RANKER_FEATURES
    from assistant.sentence_ranker import SentenceRanker
    from eval import train_sentence_ranker

    shipped = collect(assistant, cases)
    training = train_sentence_ranker.load_or_collect(ranker_rows, assistant)
    by_id = {c["id"]: (source, c) for source, c in cases}
    folds = fold_map(shipped)
    out: list[dict] = []
    for k in range(fold_count(folds)):
        members = [r for r in shipped if fold_of(r["group"], folds) == k]
        train = [r for r in training if folds.get(r["doc"]) != k]
        if not members:
            continue
        if len(train) == len(training):  # the ranker never saw this fold's documents
            out += [dict(r) for r in members]
            continue
        ranker = SentenceRanker.from_dict(
            train_sentence_ranker._model(train, list(range(len(RANKER_FEATURES))), train_sentence_ranker.shipped_c())
        )
        with ranker_in_use(ranker) as calls:
            again = {r["id"]: r for r in collect(assistant, [by_id[r["id"]] for r in members])}
        if not calls[0]:
            raise RuntimeError("the extractive generator no longer loads its ranker through sentence_ranker.load")
        # a row keeps its group (the fold is the document's, whatever the refitted ranker selects)
        out += [{**r, "x": again[r["id"]]["x"], "rule_refused": again[r["id"]]["rule_refused"]} for r in members]
    order = {r["id"]: i for i, r in enumerate(shipped)}
    return shipped, sorted(out, key=lambda r: order[r["id"]])


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


def _shipped(m: dict, threshold: float) -> dict:
    """A fitted model as `assistant.refusal.LanguageModel` reads it."""
    return {
        "weights": {k: round(float(v), 4) for k, v in zip(FEATURES, m["w"])},
        "bias": round(m["b"], 4),
        "mean": {k: round(float(v), 4) for k, v in zip(FEATURES, m["mean"])},
        "scale": {k: round(float(v), 4) for k, v in zip(FEATURES, m["scale"])},
        "threshold": threshold,
    }


def calibrate(rows: list[dict], in_sample: list[dict] | None = None) -> dict:
    """The shipped models and their out-of-document figures; `in_sample`: the same rows with the shipped
    ranker's features (recorded for comparison, not used)."""
    probs = grouped_cv(rows)
    folds = fold_map(rows)
    curves = {lang: tradeoff(rows, probs, lang) for lang in LANGUAGES}
    inner = inner_predictions(rows)
    budgets = {lang: shift_budget(rows, probs, lang, inner) for lang in LANGUAGES}
    points = {lang: operating_point(curves[lang], budgets[lang][0]) for lang in LANGUAGES}
    topic_probs = topic_cv(rows)
    gates = {lang: topic_threshold(rows, topic_probs, lang) for lang in LANGUAGES}
    models, topic = {}, {}
    for lang in LANGUAGES:
        train = [r for r in rows if r["lang"] == lang]
        m = _fit(np.array([r["x"] for r in train]), np.array([r["answerable"] for r in train]))
        models[lang] = _shipped(m, points[lang]["threshold"])
        if any(out_of_scope(r) for r in train):
            topic[lang] = _shipped(_fit_topic(train), gates[lang]["threshold"])
    decisions = [
        int(
            not refused(r, p, points[r["lang"]]["threshold"])
            and (r["lang"] not in topic or q > gates[r["lang"]]["threshold"])
        )
        for r, p, q in zip(rows, probs, topic_probs)
    ]
    return {
        "models": models,
        "topic": topic,
        "topic_gate": {
            "rule": f"per language: the highest threshold at which the gate alone refuses <= {TOPIC_BUDGET} of the "
            "answerable questions out of fold (answerable against out-of-scope questions, each class half the weight)",
            "operating_point": gates,
            "applied": {lang: topic_applied(rows, topic_probs, lang) for lang in LANGUAGES},
        },
        "C": C,
        "rule": (
            "per language: most near misses refused with pooled out-of-document false refusals <= the budget, "
            f"the loosest budget whose nested estimate (leave two folds of documents out) is <= {MAX_FALSE_REFUSAL} "
            f"(nested.*.blind: the same estimate on the questions written blind, {', '.join(BLIND_SOURCES)})"
        ),
        "ranker_features": "out of document (the sentence ranker refitted without each case's fold of documents)",
        "fitted_on": sorted({r["source"] for r in rows}),
        "cases": len(rows),
        "folds": folds,
        "fold_sizes": [sum(1 for r in rows if fold_of(r["group"], folds) == k) for k in range(fold_count(folds))],
        "operating_point": points,
        "budget": {lang: budgets[lang][0] for lang in LANGUAGES},
        "nested": {lang: budgets[lang][1] for lang in LANGUAGES},
        "cross_validated": confusion(rows, decisions),
        "tradeoff": curves,
        "feature_sets": {"previous": _cv_summary(rows, PREVIOUS), "full": _cv_summary(rows, FEATURES)},
        **({"in_sample_ranker": _cv_summary(in_sample, FEATURES)} if in_sample else {}),
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
    parser.add_argument(
        "--rows",
        type=Path,
        help="the collected rows (both ranker settings): read from this file if it exists (the case files are then not "
        "read), else collected and written there (a refit of the same rows, e.g. after a change to the fitting alone, "
        "then skips the pipeline runs)",
    )
    parser.add_argument(
        "--ranker-rows",
        type=Path,
        help="the sentence ranker's training rows (`python -m eval.train_sentence_ranker --rows`): read if the file "
        "exists, else collected and written there",
    )
    args = parser.parse_args(argv)

    from assistant.refusal import RefusalPolicy
    from eval.runner import open_training_assistant
    from knowledge.settings import Settings

    if args.rows and args.rows.exists():
        saved = json.loads(args.rows.read_text(encoding="utf-8"))
        in_sample, rows = saved["in_sample"], saved["rows"]
    else:
        assistant = open_training_assistant(Settings.load(), policy=RefusalPolicy.answering())
        in_sample, rows = collect_out_of_document(assistant, read_cases(args.cases), args.ranker_rows)
    if args.rows and not args.rows.exists():
        args.rows.write_text(json.dumps({"in_sample": in_sample, "rows": rows}, ensure_ascii=False), encoding="utf-8")
    result = calibrate(rows, in_sample)
    if not args.dry_run:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k not in ("points", "tradeoff", "models")}
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
