"""Fit and judge the retrieval constants (`assistant.retrieval.Fusion`) with document-grouped CV.

    python -m eval.tuning.retrieval [--cases FILE ...] [--folds N] [--out eval/tuning/retrieval.md]

Why: constants fitted on the documents they are judged on look better than they are; on a text
nobody tuned for, issue 8 found the tuned fusion *below* plain BM25. So every constant is fitted
on some development documents and scored on the others: `GroupKFold` with the gold document as
the group. Each constant must earn its place: for each one, the whole fit is repeated with that
constant held at its neutral value ("off"), and the held-out-fold scores of the two fits are
compared. Reference points per document: BM25 alone (jieba, the question as asked) and dense
alone (the question embedded as asked), the two baselines issue 8 measured.

The searches run once per case (at the largest depth); the fit only replays fusion, boosts and
diversification (`HybridRetriever.rank`), so a full run takes a couple of minutes. Only
development documents are used: cases whose gold document is held out are dropped (and the
held-out case folder is never read).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval import metrics as m
from eval.dataset import Case, load_cases, split_paths

if TYPE_CHECKING:  # the assistant is opened lazily (heavy imports); its type is only annotated
    from assistant.pipeline import Assistant
    from assistant.retrieval import Candidates

#: documents held out entirely (never tuned on): their cases are dropped even if a file has them
HELD_OUT_DOCS = frozenset({"gwr-2023", "gwr-2025", "plenum-2024-communique", "cewc-2024", "fyp15-recommendations"})
#: candidate values of each constant; the first is its neutral ("off") value
GRID: dict[str, tuple] = {
    "dense_translated": (0.0, 0.25, 0.5, 1.0, 1.5),
    "bm25": (0.0, 0.5, 1.0, 1.5, 2.0),
    "bm25_bridged": (None, 0.5, 1.0, 1.5, 2.0, 3.0),
    "heading_only": (1.0, 0.8, 0.6, 0.4),
    "mention_boost": (1.0, 1.5, 2.0, 3.0, 6.0),
    "year_boost": (1.0, 1.25, 1.5, 2.0, 3.0),
    "named_year": (1.0, 1.25, 1.5, 2.0, 3.0),
    "max_per_section": (99, 1, 2, 3),
    "depth": (60, 10, 20, 30, 45),
    "dictionary": (False, True),
    "coverage": (0.0, 0.5, 1.0, 2.0, 3.0),
    "bridged_coverage": (0.0, 0.25, 0.5, 1.0),
    "translation": (1.0, 0.8, 0.6, 0.4, 0.25),
    "review_year": (1.0, 1.25, 1.5, 2.0),
    "dense_floor": (0, 1, 2, 3, 5),
}
MAX_DEPTH = 60
K = 10


@dataclasses.dataclass
class Prepared:
    case: Case
    gold: set
    #: candidates with the glossary only / glossary + dictionary
    cands: dict[bool, Candidates]
    bm25_only: list
    dense_only: list


def prepare(assistant, cases: list[Case]) -> list[Prepared]:
    """Search each case once per bridge variant, plus the two single-method baselines."""
    from assistant import safety
    from assistant.language import reply_language
    from assistant.pipeline import _searchable, _valid_history
    from assistant.retrieval import Fusion
    from assistant.rewrite import rewrite

    out = []
    wide = Fusion(depth=MAX_DEPTH, dense_translated=1.0)  # every list searched, whatever the shipped weights
    for c in cases:
        q = safety.clean_question(c.question, assistant.settings.max_question_chars)
        lang = reply_language(q, assistant._terms)
        query = rewrite(
            _searchable(safety.strip_injection(q)) or q, _valid_history(c.history or None), assistant.glossary, lang
        )
        cands = {}
        for dictionary in (False, True):
            retriever = assistant.retriever(k=K)
            retriever.fusion = wide
            retriever.use_dictionary = dictionary
            cands[dictionary] = retriever.candidates(query)
        bm25 = [(ch.doc_id, ch.section_id) for ch, _ in assistant.index.keyword_search(c.question, K)]
        dense = [(ch.doc_id, ch.section_id) for ch, _ in assistant.index.dense_search(c.question, K)]
        out.append(Prepared(c, c.gold_sections, cands, bm25, dense))
    return out


class Scorer:
    """hit@5 / MRR@10 of a case under a configuration, memoised (folds share most configurations)."""

    def __init__(self, assistant: Assistant) -> None:
        self.retriever = assistant.retriever(k=K)
        self._memo: dict = {}
        #: a hit in an official translation counts as the same-id section of its original, as in the eval
        #: metrics (the pipeline shows one side of a pair per place)
        self.original = {d.doc_id: d.translation_of for d in assistant.index.documents() if d.translation_of}

    def scores(self, p: Prepared, config: dict) -> tuple[float, float]:
        key = (p.case.id, tuple(sorted(config.items())))
        found = self._memo.get(key)
        if found is None:
            from assistant.retrieval import Fusion

            fusion = Fusion(**{k: v for k, v in config.items() if k != "dictionary"})
            hits = self.retriever.rank(p.cands[config["dictionary"]], K, fusion).hits
            placed = [(self.original.get(h.chunk.doc_id, h.chunk.doc_id), h.chunk.section_id) for h in hits]
            s = m.retrieval_scores(placed, p.gold)
            found = self._memo[key] = (s["hit@5"], s["mrr@10"])
        return found


def objective(scorer: Scorer, items: list[Prepared], config: dict) -> float:
    """Mean of hit@5 and MRR@10, each language weighted equally."""
    by_lang: dict[str, list[float]] = defaultdict(list)
    for p in items:
        hit, mrr = scorer.scores(p, config)
        by_lang[p.case.lang].append((hit + mrr) / 2)
    return statistics.mean(statistics.mean(v) for v in by_lang.values()) if by_lang else 0.0


def fit(scorer: Scorer, items: list[Prepared], start: dict, fixed: dict | None = None, passes: int = 2) -> dict:
    """Coordinate ascent over GRID from `start`, `fixed` constants held; ties keep the current value."""
    config = {**start, **(fixed or {})}
    for _ in range(passes):
        changed = False
        for name, values in GRID.items():
            if fixed and name in fixed:
                continue
            best, best_score = config[name], objective(scorer, items, config)
            for v in values:
                score = objective(scorer, items, {**config, name: v})
                if score > best_score + 1e-9:
                    best, best_score = v, score
            if best != config[name]:
                config[name], changed = best, True
        if not changed:
            break
    return config


def summarise(scorer: Scorer, items: list[Prepared], config: dict) -> dict:
    out = {}
    for lang in ("zh", "en"):
        rows = [scorer.scores(p, config) for p in items if p.case.lang == lang]
        if rows:
            out[lang] = {
                "hit@5": statistics.mean(r[0] for r in rows),
                "mrr@10": statistics.mean(r[1] for r in rows),
                "n": len(rows),
            }
    return out


def baseline(items: list[Prepared], attr: str) -> dict:
    out = {}
    for lang in ("zh", "en"):
        rows = [m.retrieval_scores(getattr(p, attr), p.gold) for p in items if p.case.lang == lang]
        if rows:
            out[lang] = {
                "hit@5": statistics.mean(r["hit@5"] for r in rows),
                "mrr@10": statistics.mean(r["mrr@10"] for r in rows),
                "n": len(rows),
            }
    return out


def pooled_objective(summary: dict) -> float:
    """The fit's objective over pooled held-out figures: mean of hit@5 and MRR@10, languages equal."""
    return statistics.mean((s["hit@5"] + s["mrr@10"]) / 2 for s in summary.values())


def cross_validate(
    scorer: Scorer, items: list[Prepared], start: dict, folds: int, fixed: dict | None = None, ablations: bool = True
) -> dict:
    """Per held-out fold: the full fit (with `fixed` constants held), each other constant held
    neutral (with `ablations`), and the two baselines."""
    from sklearn.model_selection import GroupKFold

    groups = [p.case.doc_id for p in items]
    n = min(folds, len(set(groups)))
    fixed = fixed or {}
    variants = {"full": fixed}
    if ablations:
        variants.update(
            {f"without {name}": {**fixed, name: values[0]} for name, values in GRID.items() if name not in fixed}
        )
    result: dict = {"folds": [], "pooled": {}}
    pooled_configs: dict[str, list[tuple[list[Prepared], dict]]] = defaultdict(list)
    for train_idx, test_idx in GroupKFold(n_splits=n).split(items, groups=groups):
        train = [items[i] for i in train_idx]
        test = [items[i] for i in test_idx]
        fold: dict[str, Any] = {
            "test_docs": sorted({p.case.doc_id for p in test}),
            "train_docs": sorted({p.case.doc_id for p in train}),
            "variants": {},
            "bm25_only": baseline(test, "bm25_only"),
            "dense_only": baseline(test, "dense_only"),
        }
        for name, fixed in variants.items():
            config = fit(scorer, train, start, fixed)
            fold["variants"][name] = {"config": config, "held_out": summarise(scorer, test, config)}
            pooled_configs[name].append((test, config))
        result["folds"].append(fold)
    for name, runs in pooled_configs.items():
        rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for test, config in runs:
            for p in test:
                rows[p.case.lang].append(scorer.scores(p, config))
        result["pooled"][name] = {
            lang: {"hit@5": statistics.mean(r[0] for r in v), "mrr@10": statistics.mean(r[1] for r in v), "n": len(v)}
            for lang, v in rows.items()
        }
    result["pooled"]["bm25_only"] = baseline(items, "bm25_only")
    result["pooled"]["dense_only"] = baseline(items, "dense_only")
    return result


def per_document(scorer: Scorer, items: list[Prepared], config: dict) -> dict:
    """English (and Chinese) scores per gold document: shipped config vs dense-only vs BM25-only."""
    out = {}
    for doc in sorted({p.case.doc_id for p in items if p.case.doc_id is not None}):
        mine = [p for p in items if p.case.doc_id == doc]
        out[doc] = {
            "fusion": summarise(scorer, mine, config),
            "dense_only": baseline(mine, "dense_only"),
            "bm25_only": baseline(mine, "bm25_only"),
        }
    return out


def _fmt(s: dict | None, lang: str) -> str:
    if not s or lang not in s:
        return "–"
    return f"{s[lang]['hit@5']:.3f} / {s[lang]['mrr@10']:.3f} (n={s[lang]['n']})"


def report(
    cv: dict, docs: dict, final: dict, start: dict, n_cases: int, dropped: dict, shipped_cv: dict, held: dict
) -> str:
    lines = [
        "# Retrieval constants: document-grouped cross-validation",
        "",
        "Generated by `python -m eval.tuning.retrieval`. Development documents only; each fold's constants are",
        "fitted (coordinate ascent over `GRID`, objective: mean of hit@5 and MRR@10, languages weighted",
        "equally) on the other documents' cases and scored on the fold's documents. Cells: hit@5 / MRR@10.",
        "",
        f"Cases with retrieval gold: {n_cases}. Start: `{start}`.",
        "",
        "## Pooled over held-out folds",
        "",
        "| variant | zh | en |",
        "|---|---|---|",
    ]
    for name, s in cv["pooled"].items():
        objective = f" (objective {pooled_objective(s):.4f})" if name not in ("bm25_only", "dense_only") else ""
        lines.append(f"| {name}{objective} | {_fmt(s, 'zh')} | {_fmt(s, 'en')} |")
    lines += [
        "",
        "A constant earns its place when `full` beats `without <constant>` on the pooled held-out objective",
        f"(mean of hit@5 and MRR@10, languages equal). Not earning it here: `{dropped}`.",
        "",
        "## The retriever as shipped, pooled over held-out folds",
        "",
        f"Held as `assistant.retrieval.Fusion` ships them: `{held}`; every other constant refitted per fold.",
        "",
        "| variant | zh | en |",
        "|---|---|---|",
        f"| fitted | {_fmt(shipped_cv['pooled']['full'], 'zh')} | {_fmt(shipped_cv['pooled']['full'], 'en')} |",
        f"| bm25 only | {_fmt(shipped_cv['pooled']['bm25_only'], 'zh')} | {_fmt(shipped_cv['pooled']['bm25_only'], 'en')} |",
        f"| dense only | {_fmt(shipped_cv['pooled']['dense_only'], 'zh')} | {_fmt(shipped_cv['pooled']['dense_only'], 'en')} |",
        "",
        "Leave one document out (as shipped): per left-out development document and language, the",
        "fusion fitted on the other four against BM25 alone and dense alone on the left-out document's cases.",
        "The last column checks issue 8's floor: fused hit@5 at least dense-only hit@5 on that document.",
        "",
        "| left out | lang | fused | bm25 only | dense only | fused ≥ dense (hit@5) |",
        "|---|---|---|---|---|---|",
    ]
    for fold in shipped_cv["folds"]:
        v = fold["variants"]["full"]
        for lang in ("zh", "en"):
            if lang not in v["held_out"]:
                continue
            floor = fold["dense_only"].get(lang, {}).get("hit@5", 0.0)
            ok = "yes" if v["held_out"][lang]["hit@5"] >= floor - 1e-9 else "**no**"
            lines.append(
                f"| {', '.join(fold['test_docs'])} | {lang} | {_fmt(v['held_out'], lang)} | "
                f"{_fmt(fold['bm25_only'], lang)} | {_fmt(fold['dense_only'], lang)} | {ok} |"
            )
    lines += ["", "Constants fitted per fold (as shipped):", "", "| left out | fitted |", "|---|---|"]
    for fold in shipped_cv["folds"]:
        lines.append(f"| {', '.join(fold['test_docs'])} | `{fold['variants']['full']['config']}` |")
    lines += ["", "## Ablations per fold", ""]
    for i, fold in enumerate(cv["folds"], 1):
        lines += [
            f"### Fold {i}: held out {', '.join(fold['test_docs'])}",
            "",
            "| variant | zh | en | fitted |",
            "|---|---|---|---|",
        ]
        for name, v in fold["variants"].items():
            lines.append(f"| {name} | {_fmt(v['held_out'], 'zh')} | {_fmt(v['held_out'], 'en')} | `{v['config']}` |")
        lines.append(f"| bm25 only | {_fmt(fold['bm25_only'], 'zh')} | {_fmt(fold['bm25_only'], 'en')} | |")
        lines.append(f"| dense only | {_fmt(fold['dense_only'], 'zh')} | {_fmt(fold['dense_only'], 'en')} | |")
        lines.append("")
    lines += [
        "## Constants fitted on all development documents (the held ones as shipped)",
        "",
        f"`{final}`",
        "",
        "## Per document with those constants (in-sample for the fit; baselines untuned)",
        "",
        "| document | fusion zh | fusion en | dense-only zh | dense-only en | bm25-only zh | bm25-only en |",
        "|---|---|---|---|---|---|---|",
    ]
    for doc, d in docs.items():
        lines.append(
            f"| {doc} | {_fmt(d['fusion'], 'zh')} | {_fmt(d['fusion'], 'en')} | {_fmt(d['dense_only'], 'zh')} | "
            f"{_fmt(d['dense_only'], 'en')} | {_fmt(d['bm25_only'], 'zh')} | {_fmt(d['bm25_only'], 'en')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.tuning.retrieval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", help="case files (default: the dev split, every eval/data/*.jsonl)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="eval/tuning/retrieval.md")
    parser.add_argument("--json", default="eval/tuning/retrieval.json")
    parser.add_argument(
        "--flat",
        action="store_true",
        help="the development documents with their headings removed, in a throwaway index (eval/tuning/flat.py)",
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="search the index in the configured data dir instead of building a fresh one (faster; it may be stale)",
    )
    args = parser.parse_args(argv)
    if args.flat:
        from eval.tuning.flat import flattened

        with flattened():
            return _run(args)
    return _run(args)


def _run(args) -> int:
    from assistant.retrieval import Fusion
    from eval.runner import open_assistant
    from knowledge.settings import Settings

    paths = [Path(p) for p in args.cases] if args.cases else split_paths("dev")
    if args.flat:
        from eval.tuning.flat import settings_and_cases

        settings, cases = settings_and_cases(paths)
        cases = [c for c in cases if c.scores_retrieval]
    else:
        # a fresh index, built by this checkout's knowledge code: an index kept in the configured data
        # dir may have been built by older code (names, sections) and would score that code instead
        settings = (
            Settings.load() if args.reuse_index else Settings.load({"data_dir": tempfile.mkdtemp(prefix="xqa-lodo-")})
        )
        cases = [c for c in load_cases(paths) if c.scores_retrieval and c.doc_id and c.doc_id not in HELD_OUT_DOCS]
    assistant = open_assistant(settings)
    t0 = time.perf_counter()
    items = prepare(assistant, cases)
    print(f"prepared {len(items)} cases in {time.perf_counter() - t0:.1f} s")
    scorer = Scorer(assistant)
    start = {**{k: v for k, v in dataclasses.asdict(Fusion()).items()}, "dictionary": True}
    cv = cross_validate(scorer, items, start, args.folds)
    # a constant that does not raise the pooled held-out objective when it is fitted is held neutral
    full = pooled_objective(cv["pooled"]["full"])
    dropped = {
        name: values[0] for name, values in GRID.items() if pooled_objective(cv["pooled"][f"without {name}"]) >= full
    }
    # the LODO of the retriever as shipped: the constants `Fusion` ships off (and its per-section cap,
    # chosen for what a reader sees) held as shipped, the others refitted without the left-out document
    shipped = Fusion()
    held = {name: getattr(shipped, name) for name, values in GRID.items() if name != "dictionary"}
    held = {name: v for name, v in held.items() if v == GRID[name][0] or name == "max_per_section"}
    shipped_cv = cross_validate(scorer, items, start, args.folds, fixed=held, ablations=False)
    final = fit(scorer, items, start, held)
    docs = per_document(scorer, items, final)
    text = report(cv, docs, final, start, len(items), dropped, shipped_cv, held)
    if args.flat:
        text = text.replace("`python -m eval.tuning.retrieval`", "`python -m eval.tuning.retrieval --flat`", 1)
    Path(args.out).write_text(text, encoding="utf-8")
    Path(args.json).write_text(
        json.dumps(
            {"cv": cv, "dropped": dropped, "shipped_cv": shipped_cv, "final": final, "per_document": docs},
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    print(Path(args.out).read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
