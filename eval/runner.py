"""Run the eval set through the public surface and collect scored records.

Every case goes through `Assistant.ask(question, history=...)` exactly as a user's
question would (no private hooks), so the run measures what users get. Ablations
call `Assistant.retrieve(mode=..., use_glossary=...)` for the retrieval-only
variants, plus the naive LangChain baseline of `eval.naive`.
"""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval import metrics as m
from eval.dataset import BLIND_SPLITS, Case, files_sha
from eval.scoring import RETRIEVAL_KEYS, breakdown, error_record, score_case
from knowledge.errors import UserError, XinzhiError
from knowledge.settings import Settings

#: retrieval-only variants compared side by side (name → Assistant.retrieve kwargs);
#: "naive" (eval.naive) is added after these.
ABLATIONS: dict[str, dict] = {
    "bm25": {"mode": "bm25", "use_glossary": False},
    "dense": {"mode": "dense", "use_glossary": False},
    "hybrid": {"mode": "hybrid", "use_glossary": False},
    "hybrid+glossary": {"mode": "hybrid", "use_glossary": True},
}
ABLATION_K = 10
WARM_UP_QUESTION = "新质生产力是什么？"


@dataclass
class RunResult:
    meta: dict
    records: list[dict]
    summary: dict
    ablations: dict = field(default_factory=dict)
    judge: dict = field(default_factory=dict)

    def summary_document(self) -> dict:
        """What `summary.json` holds (and what `eval compare` reads)."""
        doc = {"meta": self.meta, **self.summary, "ablations": self.ablations}
        if self.judge:
            doc["judge"] = self.judge
        return doc


def prompt_texts() -> list[str]:
    """The assistant's prompt files (package data), for the prompt-leak check."""
    folder = resources.files("assistant") / "prompts"
    if not folder.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))]


def open_assistant(settings: Settings, generator: str | None = None):
    """The real assistant over the index in settings.data_dir (built if missing)."""
    from assistant.pipeline import Assistant
    from knowledge.index import KnowledgeIndex

    index = KnowledgeIndex.open(settings)
    index.ensure_built()
    return Assistant(settings, index=index, generator=generator)


def open_external_assistant(
    settings: Settings, generator: str | None = None, split: str | None = None, policy: Any = None
):
    """The real assistant over the index of the external splits: the bundled corpus plus the external
    documents (`eval.dataset.external_documents`; with `split`, only those its cases are about), kept in
    `<data_dir>/external/` (`<data_dir>/external-<split>/` for one split; another collection on a Chroma server),
    so the app's index and the other splits' figures are untouched. `policy`: the refusal policy (default: the
    shipped one)."""
    from assistant.pipeline import Assistant
    from eval.dataset import external_documents, split_documents
    from knowledge.index import KnowledgeIndex

    name = f"external-{split}" if split else "external"
    own = settings.model_copy(
        update={"data_dir": Path(settings.data_dir) / name, "collection": f"{settings.collection}-{name}"}
    )
    index = KnowledgeIndex.open(own)
    index.ensure_built()
    have = {d.doc_id for d in index.documents()}
    missing = [p for p in (split_documents(split) if split else external_documents()) if p.stem not in have]
    if missing:
        report = index.add(missing, progress=False)
        if not report.ok:
            failed = "; ".join(f"{f.path}: {f.error}" for f in report.failed)
            raise UserError(f"cannot index the external documents: {failed}")
    return Assistant(own, index=index, generator=generator, policy=policy)


def open_training_assistant(settings: Settings, policy: Any = None):
    """The assistant the learned parts are fitted with (`eval.dataset.TRAINING_SPLITS`): the bundled corpus plus
    the external texts of the development split, not the kept ones (their text is no distractor while fitting)."""
    return open_external_assistant(settings, split="external", policy=policy)


def translation_originals(assistant) -> dict[str, str]:
    """doc_id of each indexed official translation → doc_id of its original."""
    return {d.doc_id: d.translation_of for d in assistant.index.documents() if d.translation_of}


def run_cases(assistant, cases: list[Case], progress: bool = True) -> list[dict]:
    """Ask every case (with its history) and score the answer."""
    fragments = m.prompt_fragments(prompt_texts())
    originals = translation_originals(assistant)
    # one unscored question first, so lazy model/index loading is not charged to case 1's latency
    assistant.ask(WARM_UP_QUESTION)
    records = []
    for case in tqdm(cases, desc="eval", unit="case", disable=not progress):
        try:
            answer = assistant.ask(case.question, history=case.history or None)
        except XinzhiError as exc:  # a typed failure is a result to report, not a crash of the run
            records.append(error_record(case, f"{type(exc).__name__}: {exc}"))
            continue
        records.append(score_case(case, answer.to_dict(), fragments, originals))
    return records


def run_ablations(assistant, cases: list[Case], settings: Settings, progress: bool = True, naive: bool = True) -> dict:
    """Retrieval metrics of each variant, overall and by language, with latency."""
    targets = [c for c in cases if c.scores_retrieval]
    originals = translation_originals(assistant)
    per_variant: dict[str, list[tuple[Case, dict, float]]] = {name: [] for name in ABLATIONS}
    bar = tqdm(total=len(targets) * (len(ABLATIONS) + int(naive)), desc="ablations", unit="q", disable=not progress)
    for name, kwargs in ABLATIONS.items():
        for c in targets:
            t0 = time.perf_counter()
            contexts = assistant.retrieve(c.question, history=c.history or None, k=ABLATION_K, **kwargs)
            ms = (time.perf_counter() - t0) * 1000
            ranked = [m.as_original((x.doc_id, x.section_id), originals, c.gold_sections) for x in contexts]
            per_variant[name].append((c, m.retrieval_scores(ranked, c.gold_sections), ms))
            bar.update()
    info: dict = {}
    if naive:
        from eval.naive import NaiveBaseline
        from knowledge.corpus import bundled_documents
        from knowledge.embedders import get_embedder

        t0 = time.perf_counter()
        baseline = NaiveBaseline(get_embedder(settings.embedder), bundled_documents())
        info["naive_build_s"] = round(time.perf_counter() - t0, 2)
        info["naive_chunks"] = baseline.chunk_count
        per_variant["naive"] = []
        try:
            for c in targets:
                t0 = time.perf_counter()
                ranked = baseline.search(c.question, k=ABLATION_K)
                ms = (time.perf_counter() - t0) * 1000
                per_variant["naive"].append((c, m.retrieval_scores(ranked, c.gold_sections), ms))
                bar.update()
        finally:
            baseline.close()
    bar.close()
    out = {"k": ABLATION_K, "n": len(targets), **info, "variants": {}}
    for name, rows in per_variant.items():
        out["variants"][name] = {
            "overall": _retrieval_means([s for _, s, _ in rows]),
            "by_lang": {
                lang: _retrieval_means([s for c, s, _ in rows if c.lang == lang])
                for lang in sorted({c.lang for c, _, _ in rows})
            },
            "by_category": {
                cat: _retrieval_means([s for c, s, _ in rows if c.category == cat])
                for cat in sorted({c.category for c, _, _ in rows})
            },
            # per gold document × language: issue 8 compares English hit@5 per document with dense-only
            "by_doc_lang": {
                key: _retrieval_means([s for c, s, _ in rows if f"{c.doc_id}/{c.lang}" == key])
                for key in sorted({f"{c.doc_id}/{c.lang}" for c, _, _ in rows})
            },
            "latency_ms": {
                "p50": m.percentile([t for *_, t in rows], 50),
                "p95": m.percentile([t for *_, t in rows], 95),
            },
        }
    return out


def _retrieval_means(scores: list[dict]) -> dict:
    return {k: m.mean(s[k] for s in scores) for k in RETRIEVAL_KEYS} | {"n": len(scores)}


def run_eval(
    settings: Settings,
    cases: list[Case],
    *,
    generator: str | None = None,
    ablations: bool = False,
    judge: bool = False,
    progress: bool = True,
    assistant=None,
    cases_paths: list[Path] | None = None,
    split: str | None = None,
) -> RunResult:
    """The whole run: answers + metrics (+ ablations), with the metadata to reproduce it."""
    assistant = assistant or open_assistant(settings, generator)
    t0 = time.perf_counter()
    records = run_cases(assistant, cases, progress=progress)
    meta = {
        "generator": generator or settings.generator,
        "generators_seen": sorted({r["answer"]["generator"] for r in records if r.get("answer")}),
        "embedder": settings.embedder,
        "split": split or ("custom" if cases_paths else "dev"),
        "cases": len(cases),
        "cases_files": [p.name if split else str(p) for p in cases_paths or []],
        "cases_sha": files_sha(list(cases_paths or [])),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "run_s": None,
    }
    abl = run_ablations(assistant, cases, settings, progress=progress) if ablations else {}
    judged = {}
    if judge:
        from eval.judge import judge_records

        judged = judge_records(records, settings, progress=progress)
    meta["run_s"] = round(time.perf_counter() - t0, 1)
    return RunResult(meta=meta, records=records, summary=breakdown(records), ablations=abl, judge=judged)


def write_run(result: RunResult, out_dir: Path) -> dict[str, Path]:
    """results.jsonl, summary.json, report.md and report.html in out_dir.

    A blind split (held-out) writes no per-case file and its reports list no cases:
    only aggregate figures leave a held-out run."""
    from eval.report import render_html, render_markdown

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blind = result.meta.get("split") in BLIND_SPLITS
    paths = {"summary": out_dir / "summary.json", "markdown": out_dir / "report.md", "html": out_dir / "report.html"}
    if not blind:
        paths["results"] = out_dir / "results.jsonl"
        with paths["results"].open("w", encoding="utf-8") as f:
            for r in result.records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    doc = result.summary_document()
    shown = [] if blind else result.records
    paths["summary"].write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    paths["markdown"].write_text(render_markdown(doc, shown), encoding="utf-8")
    paths["html"].write_text(render_html(doc, shown), encoding="utf-8")
    return paths
