"""The bundled corpus: the paper and the 2024 Government Work Report, as package data.

Read through importlib.resources so an installed wheel works the same as a checkout
(nothing reads ../shared at run time). The manifest carries what the text cannot:
ids, titles, dates, and the hand-written English section labels.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

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
        aliases=tuple(entry.get("aliases", ())),
    )


def bundled_documents() -> list[tuple[DocumentMeta, str]]:
    """(meta, raw text) for every document of the manifest, in manifest order."""
    root = _corpus_dir()
    return [(_meta(e), (root / e["file"]).read_text(encoding="utf-8")) for e in manifest()["documents"]]


def corpus_fingerprint() -> str:
    """Hash of the manifest and every text: changes whenever the bundled corpus does."""
    digest = hashlib.sha256((_corpus_dir() / MANIFEST).read_bytes())
    for meta, text in bundled_documents():
        digest.update(meta.doc_id.encode("utf-8"))
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]
