"""The sentence ranker's per-feature ablation through the public surface, on any split.

    python -m eval run --split all --ranker-without all [--out DIR]
    python -m eval run --split heldout --ranker-without year_match,mode_miss

For each feature named (or every feature: `all`), plus the full ranker as the reference, the
split(s) run with the ranker refit without that feature (the ablation models shipped in
`assistant/data/sentence_ranker.json`, fitted by `eval.train_sentence_ranker` on the development
documents). Each run is written as a normal run (`OUT/<variant>/<split>/`; a held-out split blind:
summary and aggregate reports only), and `OUT/ranker-ablation.md` / `.json` put the headline
figures side by side: answer hit, near-miss refusal and false refusal rate per language. Only
aggregates are collected, so the table can be read for the held-out split too.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.sentence_ranker import FEATURES, SENTENCE_COSINE

FULL = "(full ranker)"
#: headline figures per language
COLUMNS = ("answer_hit", "near_miss_refusal", "false_refusal_rate", "hit@5")


def variants(spec: str) -> list[str]:
    """The features to leave out: "all" or a comma-separated list (checked against the ranker's)."""
    known = (*FEATURES, SENTENCE_COSINE)  # the second look's cosine: leaving it out skips the second look
    names = list(known) if spec.strip() == "all" else [f.strip() for f in spec.split(",") if f.strip()]
    unknown = [f for f in names if f not in known]
    if unknown:
        from knowledge.errors import UserError

        raise UserError(f"unknown ranker feature(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


def headline(summary: dict) -> dict:
    """The aggregate figures of one run, per language."""
    return {
        lang: {k: summary.get("by_lang", {}).get(lang, {}).get(k) for k in COLUMNS}
        for lang in sorted(summary.get("by_lang", {}))
    }


def run(assistant, runs: dict, out: Path, spec: str, run_one) -> dict:
    """Run every split of `runs` once per variant; `run_one(split, cases, paths, out_dir)` → summary dict."""
    table: dict[str, dict] = {}
    previous = assistant.extractive.ranker_without
    try:
        for feature in ["", *variants(spec)]:
            assistant.extractive.ranker_without = feature
            name = feature or FULL
            for split, (cases, paths) in runs.items():
                folder = out / (f"without-{feature}" if feature else "full") / (split or "custom")
                table.setdefault(str(split), {})[name] = headline(run_one(split, cases, paths, folder))
    finally:
        assistant.extractive.ranker_without = previous
    out.mkdir(parents=True, exist_ok=True)
    (out / "ranker-ablation.json").write_text(json.dumps(table, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "ranker-ablation.md").write_text(render(table), encoding="utf-8")
    return table


def render(table: dict) -> str:
    lines = ["# Sentence ranker: each feature left out", ""]
    for split, rows in table.items():
        langs = sorted({lang for row in rows.values() for lang in row})
        head = ["variant"] + [f"{c} {lang}" for lang in langs for c in COLUMNS]
        lines += [f"## {split}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for name, row in rows.items():
            cells = [_fmt(row.get(lang, {}).get(c)) for lang in langs for c in COLUMNS]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _fmt(v) -> str:
    return "–" if v is None else f"{v:.3f}"
