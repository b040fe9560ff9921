"""Export the eval set in BEIR's shapes so standard IR tools can read it.

BEIR layout: `queries.jsonl` ({"_id", "text", "metadata"}), `qrels/test.tsv`-style
`qrels.tsv` (header `query-id corpus-id score`) and `corpus.jsonl` ({"_id", "title",
"text"}). Our relevance unit is the section, so corpus ids are `doc_id:section_id`
and the corpus is one entry per section (exported on demand from the index or the
cleaned bundled corpus). Only answerable cases with gold sections get qrels; a
follow-up's query text is its question alone (BEIR has no history) and the history
rides in `metadata`.

Gold sections may be resolved from the evidence at load time (eval.dataset), so the
files are generated on demand (`python -m eval export-beir`), never committed: a
committed copy would go stale whenever the knowledge code re-numbers sections. Only
development cases are exported; held-out cases are read blind.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.dataset import Case


def export_beir(
    cases: list[Case], out_dir: Path, sections: list[dict] | None = None, prefix: str = ""
) -> dict[str, Path]:
    """Write {prefix}queries.jsonl + {prefix}qrels.tsv (+ corpus.jsonl when `sections` is given)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"queries": out_dir / f"{prefix}queries.jsonl", "qrels": out_dir / f"{prefix}qrels.tsv"}
    with paths["queries"].open("w", encoding="utf-8") as f:
        for c in cases:
            meta = {"lang": c.lang, "category": c.category, "answerable": c.answerable, "history": c.history}
            f.write(json.dumps({"_id": c.id, "text": c.question, "metadata": meta}, ensure_ascii=False) + "\n")
    with paths["qrels"].open("w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for c in cases:
            if c.scores_retrieval:
                for d, s in sorted(c.gold_sections):
                    f.write(f"{c.id}\t{d}:{s}\t1\n")
    if sections is not None:
        paths["corpus"] = out_dir / "corpus.jsonl"
        with paths["corpus"].open("w", encoding="utf-8") as f:
            for sec in sections:
                f.write(
                    json.dumps(
                        {"_id": f"{sec['doc_id']}:{sec['section_id']}", "title": sec["label"], "text": sec["text"]},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    return paths


def bundled_sections() -> list[dict]:
    """One entry per section of the cleaned bundled corpus (for `corpus.jsonl`)."""
    from knowledge.cleaning import clean_text
    from knowledge.corpus import bundled_documents
    from knowledge.structure import parse_structure

    out = []
    for meta, raw in bundled_documents():
        for s in parse_structure(clean_text(raw), meta).sections:
            out.append(
                {"doc_id": meta.doc_id, "section_id": s.section_id, "label": s.label, "text": "\n".join(s.paragraphs)}
            )
    return out
