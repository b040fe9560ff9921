"""Render a run's summary and records as Markdown and as self-contained HTML.

Rendering is separate from measuring: this module only reads the summary document
(`summary.json`) and the records (`results.jsonl`). All text that came from cases or
answers is HTML-escaped; plots are matplotlib PNGs embedded as base64, so the HTML
file can be mailed or attached to a CI run as one file.
"""

from __future__ import annotations

import base64
import html
import io

#: the issues' targets for the default offline generator: (label, where, metric, bound);
#: a bound is a minimum, except for the metrics in LOWER_IS_BETTER (a maximum)
TARGETS = [
    ("hit@5 zh", ("by_lang", "zh"), "hit@5", 0.95),
    ("hit@5 en", ("by_lang", "en"), "hit@5", 0.95),
    ("MRR@10", ("overall",), "mrr@10", 0.85),
    ("citation validity", ("overall",), "citation_validity", 1.0),
    ("citation holds evidence", ("overall",), "citation_evidence", 0.90),
    ("answer hit zh", ("by_lang", "zh"), "answer_hit", 0.85),
    ("answer hit en", ("by_lang", "en"), "answer_hit", 0.85),
    ("answer hit, English spans", ("overall",), "answer_hit_en", 0.85),
    ("near-miss refusal", ("overall",), "near_miss_refusal", 0.90),
    ("false refusal rate", ("overall",), "false_refusal_rate", 0.03),
    ("section accuracy", ("overall",), "section_accuracy", 0.95),
    ("refusal accuracy", ("overall",), "refusal_accuracy", 0.95),
    ("answer language match", ("overall",), "language_match", 1.0),
]
LOWER_IS_BETTER = frozenset({"false_refusal_rate"})
#: rows of the summary tables: (label, metric key)
METRICS = [
    ("cases", "n"),
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("recall@10", "recall@10"),
    ("MRR@10", "mrr@10"),
    ("nDCG@10", "ndcg@10"),
    ("gold in any context (incl. supplementary)", "context_hit"),
    ("citation validity", "citation_validity"),
    ("section accuracy", "section_accuracy"),
    ("citation recall (ALCE proxy)", "citation_recall"),
    ("citation precision (ALCE proxy)", "citation_precision"),
    ("key-point recall", "keypoint_recall"),
    ("answer language match", "language_match"),
    ("answer hit", "answer_hit"),
    ("answer in the first quote", "answer_first"),
    ("quotes per answer that hits", "quotes_per_hit"),
    ("answer hit, English spans", "answer_hit_en"),
    ("citation holds evidence", "citation_evidence"),
    ("refusal precision", "refusal_precision"),
    ("refusal recall", "refusal_recall"),
    ("refusal accuracy", "refusal_accuracy"),
    ("near-miss refusal", "near_miss_refusal"),
    ("near misses", "near_miss_n"),
    ("false refusal rate", "false_refusal_rate"),
    ("injection resistance", "injection_resistance"),
]
CATEGORY_METRICS = [
    "n",
    "hit@5",
    "mrr@10",
    "section_accuracy",
    "answer_hit",
    "citation_evidence",
    "keypoint_recall",
    "language_match",
    "refusal_accuracy",
    "citation_recall",
]
#: columns of the by-document tables
DOC_METRICS = [
    "n",
    "hit@5",
    "mrr@10",
    "answer_hit",
    "answer_hit_en",
    "citation_evidence",
    "keypoint_recall",
    "near_miss_refusal",
    "false_refusal_rate",
    "refusal_accuracy",
]


def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


def _get(doc: dict, where: tuple) -> dict:
    node = doc
    for key in where:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node


def target_rows(doc: dict) -> list[tuple[str, str, float | None, bool]]:
    """(label, bound as text e.g. "≥ 0.95" / "≤ 0.03", value, met)."""
    rows = []
    for label, where, key, bound in TARGETS:
        v = _get(doc, where).get(key)
        lower = key in LOWER_IS_BETTER
        ok = v is not None and (v <= bound + 1e-9 if lower else v >= bound - 1e-9)
        rows.append((label, f"{'≤' if lower else '≥'} {bound}", v, ok))
    return rows


def _tables(doc: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table, shared by Markdown and HTML."""
    langs = sorted(doc.get("by_lang", {}))
    tables = [
        (
            "Targets (default generator)",
            ["target", "bound", "value", "met"],
            [[label, bound, fmt(v), "yes" if ok else "NO"] for label, bound, v, ok in target_rows(doc)],
        )
    ]
    tables.append(
        (
            "Summary by language",
            ["metric", *langs, "all"],
            [
                [label, *[fmt(doc["by_lang"][lg].get(key)) for lg in langs], fmt(doc["overall"].get(key))]
                for label, key in METRICS
            ],
        )
    )
    cats = doc.get("by_category", {})
    tables.append(
        (
            "By category",
            ["category", *CATEGORY_METRICS],
            [[cat, *[fmt(cats[cat].get(k)) for k in CATEGORY_METRICS]] for cat in sorted(cats)],
        )
    )
    for key, title, name in (
        ("by_doc", "By document (gold doc_id)", "document"),
        ("by_doc_lang", "By document and language", "document/lang"),
    ):
        groups = doc.get(key, {})
        if groups:
            tables.append(
                (
                    title,
                    [name, *DOC_METRICS],
                    [[g, *[fmt(groups[g].get(k)) for k in DOC_METRICS]] for g in sorted(groups)],
                )
            )
    lat = doc["overall"].get("latency_ms", {})
    tables.append(
        (
            "Latency per stage (ms)",
            ["stage", "p50", "p95", "n"],
            [[s, fmt(v["p50"]), fmt(v["p95"]), fmt(v["n"])] for s, v in lat.items()],
        )
    )
    abl = doc.get("ablations") or {}
    if abl.get("variants"):
        header = [
            "variant",
            *[f"{k} {lg}" for k in ("hit@5", "mrr@10") for lg in (*langs, "all")],
            "nDCG@10",
            "recall@10",
            "latency p50 ms",
        ]
        rows = []
        for name, v in abl["variants"].items():
            row = [name]
            for k in ("hit@5", "mrr@10"):
                row += [fmt(v["by_lang"].get(lg, {}).get(k)) for lg in langs] + [fmt(v["overall"][k])]
            rows.append(
                row + [fmt(v["overall"]["ndcg@10"]), fmt(v["overall"]["recall@10"]), fmt(v["latency_ms"]["p50"])]
            )
        tables.append((f"Retrieval ablations (k={abl['k']}, {abl['n']} answerable cases)", header, rows))
    judge = doc.get("judge") or {}
    if judge.get("overall"):
        groups = {**judge["by_lang"], "all": judge["overall"]}
        tables.append(
            (
                f"LLM judge ({judge['model']}; RAGAS-style, not gated)",
                ["group", "faithfulness", "relevancy", "n"],
                [[g, fmt(v["faithfulness"]), fmt(v["relevancy"]), fmt(v["n"])] for g, v in groups.items()],
            )
        )
    elif judge.get("skipped"):
        tables.append(("LLM judge", ["status"], [[f"skipped: {judge['skipped']}"]]))
    return tables


#: rows of the dev-vs-held-out table: (label, metric key)
SPLIT_METRICS = [
    ("cases", "n"),
    ("hit@5", "hit@5"),
    ("MRR@10", "mrr@10"),
    ("citation validity", "citation_validity"),
    ("citation holds evidence", "citation_evidence"),
    ("answer hit", "answer_hit"),
    ("answer in the first quote", "answer_first"),
    ("answer hit, English spans", "answer_hit_en"),
    ("near-miss refusal", "near_miss_refusal"),
    ("false refusal rate", "false_refusal_rate"),
    ("section accuracy", "section_accuracy"),
    ("refusal accuracy", "refusal_accuracy"),
    ("key-point recall", "keypoint_recall"),
    ("answer language match", "language_match"),
]


def _gap(a, b):
    """dev − held-out, for numbers only (counts have no gap)."""
    return a - b if isinstance(a, float) and isinstance(b, float) else None


def split_table(docs: dict[str, dict]) -> tuple[list[str], list[list[str]]]:
    """Header and rows putting several runs' summaries (split name → summary) side by side, by
    language, with the gap (first split − second) when there are two."""
    langs = sorted({lg for d in docs.values() for lg in d.get("by_lang", {})})
    cols = [*langs, "all"]
    names = list(docs)
    gap = len(names) == 2
    header = ["metric", *[f"{split} {lg}" for split in names for lg in cols]]
    if gap:
        header += [f"gap {lg}" for lg in cols]

    def value(d, lg, key):
        return (d["overall"] if lg == "all" else d.get("by_lang", {}).get(lg, {})).get(key)

    rows = []
    for label, key in SPLIT_METRICS:
        row = [label]
        for d in docs.values():
            row += [fmt(value(d, lg, key)) for lg in cols]
        if gap:
            row += [
                fmt(None if key == "n" else _gap(value(docs[names[0]], lg, key), value(docs[names[1]], lg, key)))
                for lg in cols
            ]
        rows.append(row)
    return header, rows


def doc_split_table(docs: dict[str, dict]) -> tuple[list[str], list[list[str]]]:
    """One row per (split, gold document), and a gap row for a document present in both of two splits."""
    header = ["split", "document", *DOC_METRICS]
    rows, names = [], list(docs)
    for split, d in docs.items():
        for doc_id in sorted(d.get("by_doc", {})):
            rows.append([split, doc_id, *[fmt(d["by_doc"][doc_id].get(k)) for k in DOC_METRICS]])
    if len(names) == 2:
        first, second = (docs[n].get("by_doc", {}) for n in names)
        for doc_id in sorted(set(first) & set(second)):
            rows.append(
                [
                    "gap",
                    doc_id,
                    *[
                        fmt(None if k == "n" else _gap(first[doc_id].get(k), second[doc_id].get(k)))
                        for k in DOC_METRICS
                    ],
                ]
            )
    return header, rows


def render_splits_markdown(docs: dict[str, dict]) -> str:
    """The short report of `eval run --split all`: the splits side by side, by language and by document."""
    header, rows = split_table(docs)
    dheader, drows = doc_split_table(docs)
    names = list(docs)
    gap = f"gap = {names[0]} − {names[1]}" if len(names) == 2 else ""
    lines = [
        "# Xinzhi QA evaluation: splits side by side",
        "",
        "The dev split may have tuned the assistant, so its figures are optimistic; "
        "the held-out split was never used for tuning and is reported in aggregate only. "
        f"{gap}. Full reports: `<split>/report.md`.",
        "",
        "| run | case files | sha | generator |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {split} | {len(d['meta'].get('cases_files') or [])} | `{d['meta'].get('cases_sha')}` | "
        f"{d['meta'].get('generator')} |"
        for split, d in docs.items()
    ]
    return "\n".join(
        [
            *lines,
            "",
            "## By language",
            "",
            _md_table(header, rows),
            "",
            "## By document (gold doc_id)",
            "",
            _md_table(dheader, drows),
            "",
        ]
    )


def worst_cases(records: list[dict], n: int = 12) -> list[dict]:
    return sorted(records, key=lambda r: (r["score"], r["id"]))[:n]


def problems(r: dict) -> list[str]:
    """Short reasons a case scored low, for the worst-cases list."""
    out = []
    if r.get("error"):
        out.append(f"error: {r['error']}")
    if not r["refusal_correct"]:
        out.append("refused an answerable question" if r["answerable"] else "answered an unanswerable question")
    if r.get("retrieval") and r["retrieval"]["hit@5"] == 0:
        out.append("no gold section in top 5")
    if r.get("citation") and not r["citation"]["valid"]:
        out.append(f"invalid citations {r['citation']['unresolved'] + r['citation']['bad_quotes']}")
    if r.get("answer_hit") and not r["answer_hit"]["hit"] and not r["refused"]:
        out.append("no quoted passage is an answer span")
    if r.get("citation_evidence") is False and not r["refused"]:
        out.append("no citation holds the evidence")
    if r.get("keypoint_recall") is not None and r["keypoint_recall"] < 0.5:
        out.append(f"key-point recall {r['keypoint_recall']:.2f}")
    if not r["language"]["match"]:
        out.append(f"language {r['language']['declared']}/{r['language']['detected']} ≠ {r['lang']}")
    if r.get("injection") and not r["injection"]["resisted"]:
        out.append(f"injection not resisted {r['injection']}")
    return out


def _top_sections(r: dict, k: int = 5) -> str:
    ctx = (r.get("answer") or {}).get("contexts", [])[:k]
    return ", ".join(f"{c['doc_id']}:{c['section_id']}" for c in ctx)


# ------------------------------------------------------------------ Markdown
def _md_table(header: list[str], rows: list[list[str]]) -> str:
    esc = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(map(esc, header)) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(esc, row)) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(doc: dict, records: list[dict]) -> str:
    meta = doc.get("meta", {})
    parts = [
        "# Xinzhi QA evaluation report",
        "",
        ", ".join(f"{k}: `{v}`" for k, v in meta.items() if v not in (None, "")),
        "",
    ]
    for title, header, rows in _tables(doc):
        parts += [f"## {title}", "", _md_table(header, rows), ""]
    parts += ["## Worst cases", ""] if records else ["Per-case results are not shown for this run (blind split).", ""]
    for r in worst_cases(records):
        ans = (r.get("answer") or {}).get("answer", "")
        parts += [
            f"### {r['id']} ({r['lang']}, {r['category']}) score {r['score']:.2f}",
            "",
            f"- question: {r['question']}",
            f"- problems: {'; '.join(problems(r)) or '–'}",
            f"- gold: {', '.join(r['gold']) or '–'}; top-5 contexts: {_top_sections(r) or '–'}",
            f"- reference: {r['reference_answer']}",
            "",
            "```text",
            ans[:1200],
            "```",
            "",
        ]
    parts += ["Metric definitions: `eval/metrics.py` (support proxy: `eval/support.py`).", ""]
    return "\n".join(parts)


# ------------------------------------------------------------------ HTML
def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def plots(doc: dict, records: list[dict]) -> list[tuple[str, str]]:
    """(title, base64 PNG) of each plot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    keys = ["hit@5", "mrr@10", "section_accuracy", "keypoint_recall", "language_match", "refusal_accuracy"]

    def grouped(groups: dict, title: str, width: float):
        names = sorted(groups)
        fig, ax = plt.subplots(figsize=(width, 3.4))
        bw = 0.8 / len(keys)
        for i, k in enumerate(keys):
            vals = [groups[g].get(k) or 0.0 for g in names]
            ax.bar([x + i * bw for x in range(len(names))], vals, bw, label=k)
        ax.set_xticks([x + 0.4 - bw / 2 for x in range(len(names))], names, rotation=20, ha="right")
        ax.set_ylim(0, 1.05)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title)
        out.append((title, _png(fig)))
        plt.close(fig)

    grouped(doc.get("by_lang", {}), "Metrics by language", 6)
    grouped(doc.get("by_category", {}), "Metrics by category", 10)
    totals = [r["timings_ms"]["total"] for r in records if r.get("timings_ms", {}).get("total") is not None]
    if totals:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.hist(totals, bins=30, color="#4a7")
        ax.set_xlabel("ask total latency (ms)")
        ax.set_ylabel("cases")
        ax.set_title("Latency histogram")
        out.append(("Latency histogram", _png(fig)))
        plt.close(fig)
    variants = (doc.get("ablations") or {}).get("variants", {})
    if variants:
        fig, ax = plt.subplots(figsize=(7, 3.2))
        langs = sorted(doc.get("by_lang", {}))
        names = list(variants)
        bw = 0.8 / (len(langs) + 1)
        for i, lg in enumerate([*langs, "all"]):
            vals = [
                (variants[n]["overall"] if lg == "all" else variants[n]["by_lang"].get(lg, {})).get("hit@5") or 0
                for n in names
            ]
            ax.bar([x + i * bw for x in range(len(names))], vals, bw, label=f"hit@5 {lg}")
        ax.set_xticks([x + 0.4 - bw / 2 for x in range(len(names))], names)
        ax.set_ylim(0, 1.05)
        ax.legend(fontsize=7)
        ax.set_title("Retrieval ablations: hit@5")
        out.append(("Retrieval ablations", _png(fig)))
        plt.close(fig)
    return out


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}th{background:#f3f3f3}
pre{white-space:pre-wrap;background:#f8f8f8;padding:8px;font-size:13px}.case{border-top:1px solid #ddd;margin-top:1em}"""


def render_html(doc: dict, records: list[dict]) -> str:
    e = html.escape
    meta = doc.get("meta", {})
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Xinzhi QA eval report</title>",
        f"<style>{_CSS}</style></head><body><h1>Xinzhi QA evaluation report</h1>",
        "<p>" + e(", ".join(f"{k}: {v}" for k, v in meta.items() if v not in (None, ""))) + "</p>",
    ]
    for title, header, rows in _tables(doc):
        parts += [f"<h2>{e(title)}</h2>", _html_table(header, rows)]
    for title, png in plots(doc, records):
        parts.append(f"<h2>{e(title)}</h2><img alt='{e(title)}' src='data:image/png;base64,{png}'>")
    parts.append(
        "<h2>Worst cases</h2>" if records else "<p>Per-case results are not shown for this run (blind split).</p>"
    )
    for r in worst_cases(records):
        ans = (r.get("answer") or {}).get("answer", "")
        parts += [
            f"<div class='case'><h3>{e(r['id'])} ({e(r['lang'])}, {e(r['category'])}) score {r['score']:.2f}</h3>",
            f"<p><b>question</b>: {e(r['question'])}</p>",
            f"<p><b>problems</b>: {e('; '.join(problems(r)) or '–')}</p>",
            f"<p><b>gold</b>: {e(', '.join(r['gold']) or '–')}; <b>top-5 contexts</b>: {e(_top_sections(r) or '–')}</p>",
            f"<p><b>reference</b>: {e(r['reference_answer'])}</p><pre>{e(ans[:1500])}</pre></div>",
        ]
    parts.append("<p>Metric definitions: eval/metrics.py; support proxy: eval/support.py.</p></body></html>")
    return "".join(parts)
