"""A development proxy for texts without headings: the development documents, flattened.

Why: every development document has 一、/（一） headings, but the documents retrieval finds
worst among those nobody tuned on are communiqué-like texts structured only by paragraphs (¶n)
and run-in items (一是…九是). Leaving one development document out does not test that
structure. So, without reading any held-out text, the development documents are re-indexed
with their heading markers removed (一、 （一） 第一部分 1. （1） at a line start; the heading's
words stay as an ordinary line), which `knowledge.paragraph_sections` then structures like any
text without headings; each case's gold sections are re-resolved from its `evidence` against
that structure, and cases whose file pins `section_ids` by hand are left out.

The paper is left out (its 摘要/引言 structure makes one long section once its headings are
gone), and so is the official translation (its section pairs would not survive flattening):
English questions then meet the flattened Chinese text through the bridge, as they would meet
an added text that has no translation.

Used by `python -m eval.tuning.retrieval --flat`.
"""

from __future__ import annotations

import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

#: the development documents flattened (the Chinese originals with headings, minus the paper)
FLAT_DOCS = ("gwr-2024", "gwr-2022", "cpc20-report", "plenum-2024-decision")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分\s*|\d+[.．、](?!\d)\s*|（\d+）)"
)


def flatten(text: str) -> str:
    """The cleaned text with the heading markers at line starts removed."""
    return "\n".join(_MARKER.sub("", line) for line in text.split("\n"))


@contextmanager
def flattened():
    """Within: the text pipeline (index build and gold resolution) sees flattened documents."""
    from knowledge import pipeline, structure

    original = structure.parse_structure

    def parse(text, meta):
        return original(flatten(text) if meta.doc_id in FLAT_DOCS else text, meta)

    pipeline.parse_structure = parse
    structure.parse_structure = parse
    try:
        yield
    finally:
        pipeline.parse_structure = original
        structure.parse_structure = original


def section_texts():
    """The flattened documents' sections in `eval.dataset.SectionTexts` form."""
    from knowledge.cleaning import clean_text
    from knowledge.corpus import bundled_documents
    from knowledge.structure import parse_structure

    out = {}
    for meta, raw in bundled_documents(",".join(FLAT_DOCS)):
        st = parse_structure(clean_text(raw), meta)
        out[meta.doc_id] = {s.section_id: (s.label, "\n".join(s.paragraphs)) for s in st.sections}
    return out


def settings_and_cases(paths: list[Path]):
    """(settings for a throwaway index of the flattened documents, the cases it can score).
    Call inside `flattened()`."""
    import json

    from eval.dataset import InvalidCase, parse_case, resolve_case
    from knowledge.settings import Settings

    sections = section_texts()
    cases = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = parse_case(json.loads(line))
            if case.doc_id in FLAT_DOCS and case.sections_resolved and case.answerable and case.evidence:
                try:
                    cases.append(resolve_case(case, sections))
                except InvalidCase:
                    continue  # no flattened section holds an evidence phrase
    data_dir = Path(tempfile.mkdtemp(prefix="xqa-flat-"))
    return Settings.load({"data_dir": str(data_dir), "corpus": ",".join(FLAT_DOCS)}), cases
