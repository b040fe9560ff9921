"""Flat-text proxy: development documents with their headings removed, asked end to end.

Why: texts printed as plain paragraphs (a news readout, a communiqué structured only by
run-in items 一是…二是… or 要…；要…) are found worse than headed texts, and every
development document has headings, so nothing measured that. This proxy makes such texts
from development documents without reading any held-out text:

* each document of `FLAT_DOCS` is cleaned and structured as usual, then every heading line
  (一、… / （一）… / numbered items standing on their own line) is dropped and a run-in
  heading (（一）加快…。 followed by body text in one paragraph) loses its heading sentence:
  only body paragraphs remain, as in a readout. Its metadata loses the hand-written English
  section labels (they name the headed sections), as an added text has none;
* the whole bundled corpus is indexed in a throwaway data dir with the flattened texts in
  place of the originals (`headed` run: the same with the originals);
* every answerable development case on those documents that has `evidence` is asked through
  `Assistant.ask`, its gold sections re-derived from its evidence against the structure of
  the text indexed (`eval.dataset.resolve_case`; hand-pinned `section_ids` are ignored so
  both runs use the same rule). Only cases resolvable in both runs are scored, so the two
  columns compare the same questions.

Run: `python -m eval.flat_proxy [--out DIR] [--docs a,b] [--only flat|headed]`; prints
hit@5 / MRR@10 / answer hit per language, flattened vs headed, and writes `summary.json`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

#: development documents made flat (headed, Chinese, with cases that resolve from evidence)
FLAT_DOCS = ("gwr-2024", "cpc20-report", "plenum-2024-decision")
MODES = ("headed", "flat")
METRICS = ("hit@5", "mrr@10", "answer_hit", "citation_evidence")


def flatten(raw: str, meta) -> str:
    """The document's cleaned text without its headings (see module doc)."""
    from knowledge.cleaning import clean_text
    from knowledge.structure import parse_structure

    structure = parse_structure(clean_text(raw), meta)
    standalone = set(structure.heading_spans)
    lines: list[str] = []
    for section in structure.sections:
        for k, (offset, par) in enumerate(zip(section.paragraph_offsets, section.paragraphs, strict=True)):
            if k == 0 and section.heading:
                if (offset, offset + len(par)) in standalone:
                    continue
                par = par[len(section.heading) :].strip() if par.startswith(section.heading) else par
            if par.strip():
                lines.append(par)
    return "\n".join(lines) + "\n"


def corpus_documents(mode: str, docs: tuple[str, ...]):
    """`knowledge.corpus.bundled_documents` as the proxy serves it in `mode`."""
    from knowledge import corpus

    original = corpus.bundled_documents

    def documents(selection: str = corpus.ALL):
        out = []
        for meta, raw in original(selection):
            if mode == "flat" and meta.doc_id in docs:
                out.append((replace(meta, section_labels_en={}), flatten(raw, meta)))
            else:
                out.append((meta, raw))
        return out

    return documents


@contextmanager
def serving(mode: str, docs: tuple[str, ...]):
    """Within: the bundled corpus is the one of `mode` (index builds and gold resolution)."""
    from knowledge import corpus

    original = corpus.bundled_documents
    corpus.bundled_documents = corpus_documents(mode, docs)
    try:
        yield
    finally:
        corpus.bundled_documents = original


def section_texts(docs: tuple[str, ...]):
    """The served documents' sections in `eval.dataset.SectionTexts` form (call inside `serving`)."""
    from eval import dataset
    from knowledge import corpus

    return dataset.section_texts(corpus.bundled_documents(",".join(docs)))


def proxy_cases(paths: list[Path], docs: tuple[str, ...], sections) -> dict:
    """id → case resolved against `sections` from its evidence, for the answerable cases on `docs`."""
    from eval.dataset import InvalidCase, parse_case, resolve_case

    out = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = parse_case(json.loads(line))
            if case.doc_id not in docs or not case.answerable or not case.evidence:
                continue
            case = replace(case, section_ids=[], sections_resolved=True)
            if case.answer_spans_derived:
                case = replace(case, answer_spans=[], answer_spans_derived=False)
            try:
                out[case.id] = resolve_case(case, sections)
            except InvalidCase:
                continue  # no section of this text holds an evidence phrase (e.g. it was a heading)
    return out


def run(docs: tuple[str, ...], modes: tuple[str, ...], out_dir: Path | None, progress: bool = False) -> dict:
    """Per mode and language: hit@5, MRR@10, answer hit and n over the shared cases."""
    from eval.dataset import split_paths
    from eval.runner import open_assistant, run_cases
    from eval.scoring import breakdown
    from knowledge.settings import Settings

    paths = split_paths("dev")
    resolved = {}
    for mode in MODES:
        with serving(mode, docs):
            resolved[mode] = proxy_cases(paths, docs, section_texts(docs))
    shared = sorted(set(resolved["headed"]) & set(resolved["flat"]))
    summary: dict = {"docs": list(docs), "cases": len(shared), "modes": {}}
    for mode in modes:
        with serving(mode, docs), tempfile.TemporaryDirectory(prefix=f"xqa-flatproxy-{mode}-") as data_dir:
            settings = Settings.load({"data_dir": data_dir})
            assistant = open_assistant(settings)
            records = run_cases(assistant, [resolved[mode][i] for i in shared], progress=progress)
        summary["modes"][mode] = {
            lang: {**{k: s.get(k) for k in METRICS}, "n": s.get("n")}
            for lang, s in breakdown(records)["by_lang"].items()
        }
        summary["modes"][mode]["by_doc_lang"] = {
            key: {k: s.get(k) for k in METRICS} for key, s in breakdown(records)["by_doc_lang"].items()
        }
        if out_dir:
            out_dir.mkdir(parents=True, exist_ok=True)
            with (out_dir / f"results-{mode}.jsonl").open("w", encoding="utf-8") as f:
                for r in records:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if out_dir:
        (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def render(summary: dict) -> str:
    """A table: per language, each metric flattened vs headed."""
    lines = [
        f"flat proxy over {', '.join(summary['docs'])}: {summary['cases']} cases",
        "| mode | lang | n | hit@5 | MRR@10 | answer hit | citation holds evidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for mode, by_lang in summary["modes"].items():
        for lang in ("zh", "en"):
            s = by_lang.get(lang)
            if s:
                cells = " | ".join("-" if s[k] is None else f"{s[k]:.3f}" for k in METRICS)
                lines.append(f"| {mode} | {lang} | {s['n']} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.flat_proxy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default=",".join(FLAT_DOCS), help="development documents to flatten")
    parser.add_argument("--only", choices=MODES, help="run one mode only")
    parser.add_argument("--out", type=Path, help="write summary.json and per-mode results here")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)
    docs = tuple(d.strip() for d in args.docs.split(",") if d.strip())
    summary = run(docs, (args.only,) if args.only else MODES, args.out, args.progress)
    print(render(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
