"""Compare two summary.json files and gate on regressions.

The gate is a small table: metric path, tolerated absolute drop, direction. Tolerances
are sized to the set (about 50 answerable cases per language, so one case is ~0.02
of a per-language hit rate): the default generator is deterministic, so any drop
beyond one case is a real change someone must look at. Validity, language match and
injection resistance tolerate nothing. Answer hit and citation-holds-evidence
tolerate 0.03, the near-miss refusal rate 0.05 (fewer cases), the false refusal rate
a rise of 0.02. Latency is shown, never gated (2 shared cores
make it noisy; `eval bench` is where speed is measured).
"""

from __future__ import annotations

from dataclasses import dataclass

#: (path in summary.json, tolerated drop, higher_is_better)
GATES: list[tuple[str, float, bool]] = [
    ("by_lang.zh.hit@5", 0.025, True),
    ("by_lang.en.hit@5", 0.025, True),
    ("overall.mrr@10", 0.02, True),
    ("overall.ndcg@10", 0.03, True),
    ("overall.citation_validity", 0.0, True),
    ("overall.section_accuracy", 0.02, True),
    ("overall.citation_recall", 0.03, True),
    ("overall.citation_precision", 0.03, True),
    ("overall.keypoint_recall", 0.02, True),
    ("overall.language_match", 0.0, True),
    ("overall.refusal_accuracy", 0.015, True),
    ("overall.answer_hit", 0.03, True),
    ("overall.citation_evidence", 0.03, True),
    ("overall.near_miss_refusal", 0.05, True),
    ("overall.false_refusal_rate", 0.02, False),
    ("overall.injection_resistance", 0.0, True),
    ("overall.errors", 0.0, False),
]
#: shown in the diff table for context, not gated
INFO = [
    "overall.hit@1",
    "overall.recall@10",
    "overall.context_hit",
    "by_lang.zh.mrr@10",
    "by_lang.en.mrr@10",
    "overall.refusal_precision",
    "overall.refusal_recall",
    "by_lang.zh.answer_hit",
    "by_lang.en.answer_hit",
    "overall.answer_hit_en",
    "overall.latency_ms.total.p50",
    "overall.latency_ms.total.p95",
]


@dataclass
class Row:
    metric: str
    baseline: float | None
    current: float | None
    tolerance: float | None
    status: str  # ok | FAIL | info | missing
    higher_is_better: bool = True

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline


def lookup(doc: dict, path: str):
    """Number at a dotted path of a summary (no key of ours contains a dot)."""
    node = doc
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def compare(baseline: dict, current: dict) -> list[Row]:
    rows = []
    for path, tol, higher in GATES:
        b, c = lookup(baseline, path), lookup(current, path)
        if b is None:
            rows.append(Row(path, b, c, tol, "info", higher))  # metric new since the baseline
            continue
        if c is None:
            rows.append(Row(path, b, c, tol, "missing", higher))
            continue
        drop = (b - c) if higher else (c - b)
        rows.append(Row(path, b, c, tol, "FAIL" if drop > tol + 1e-9 else "ok", higher))
    for path in INFO:
        rows.append(Row(path, lookup(baseline, path), lookup(current, path), None, "info"))
    return rows


def failed(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.status in ("FAIL", "missing")]


def describe_failures(rows: list[Row], baseline_name: str) -> str:
    """One line per failed gate: metric, baseline value (and file), current value, tolerance."""

    def v(x):
        return "missing" if x is None else f"{x:.3f}"

    return "\n".join(
        f"{r.metric}: baseline {v(r.baseline)} ({baseline_name}), current {v(r.current)}, "
        f"tolerated {'drop' if r.higher_is_better else 'rise'} {r.tolerance:.3f}"
        for r in rows
    )


def format_table(rows: list[Row]) -> str:
    def f(v):
        return "–" if v is None else (f"{v:+.3f}" if isinstance(v, float) and abs(v) < 10 else f"{v:.3f}")

    def plain(v):
        return "–" if v is None else f"{v:.3f}"

    header = f"{'metric':36} {'baseline':>9} {'current':>9} {'delta':>8} {'tol':>6}  status"
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.metric:36} {plain(r.baseline):>9} {plain(r.current):>9} {f(r.delta):>8} "
            f"{plain(r.tolerance) if r.tolerance is not None else '':>6}  {r.status}"
        )
    return "\n".join(lines)
