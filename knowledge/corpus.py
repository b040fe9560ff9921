"""The bundled corpus: the paper and the related policy texts, as package data.

Read through importlib.resources so an installed wheel works the same as a checkout
(nothing reads ../shared at run time). The manifest carries what the text cannot:
ids, titles, dates, and the hand-written English section labels.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from knowledge.errors import ConfigError
from knowledge.models import DocumentMeta

MANIFEST = "manifest.json"


def _corpus_dir():
    # `knowledge/corpus/` is a data folder next to this module (same name, no
    # __init__.py), so it is reached from the `knowledge` package, not imported.
    return resources.files("knowledge") / "corpus"


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """The parsed manifest (cached: it never changes while the process runs)."""
    return json.loads((_corpus_dir() / MANIFEST).read_text(encoding="utf-8"))


def _meta(entry: dict[str, Any]) -> DocumentMeta:
    language = entry.get("language", "zh")
    return DocumentMeta(
        doc_id=entry["id"],
        title=entry["title"],
        title_en=entry.get("title_en", ""),
        date=entry.get("date", ""),
        lang="en" if language.startswith("en") else "zh",
        kind=entry.get("kind", ""),
        source_path=f"knowledge/corpus/{entry['file']}",
        section_labels_en=dict(entry.get("section_labels_en", {})),
        translation_of=entry.get("translation_of", ""),
        issuer=entry.get("issuer", ""),
        aliases=tuple(entry.get("aliases", ())),
    )


#: the corpus selection that serves every bundled document (setting `corpus`, XQA_CORPUS)
ALL = "all"


def bundled_ids() -> list[str]:
    """Ids of the bundled documents, in manifest order."""
    return [e["id"] for e in manifest()["documents"]]


def select_ids(selection: str = ALL) -> list[str]:
    """The bundled ids a selection names: `all`, or ids separated by commas (manifest order).

    An unknown id is a ConfigError naming the known ones, so a typo never silently
    serves a smaller corpus."""
    known = bundled_ids()
    wanted = [s.strip() for s in selection.split(",") if s.strip()]
    if not wanted or wanted == [ALL]:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise ConfigError(
            f"unknown bundled document(s) {', '.join(unknown)} (XQA_CORPUS / --docs); known: {ALL}, {', '.join(known)}"
        )
    return [k for k in known if k in wanted]


def bundled_documents(selection: str = ALL) -> list[tuple[DocumentMeta, str]]:
    """(meta, raw text) for the selected documents of the manifest, in manifest order."""
    root = _corpus_dir()
    chosen = set(select_ids(selection))
    return [
        (_meta(e), (root / e["file"]).read_text(encoding="utf-8")) for e in manifest()["documents"] if e["id"] in chosen
    ]
