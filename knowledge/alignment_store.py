"""Alignments of translation pairs, stored next to the index and rebuilt incrementally.

A document whose manifest entry says `translation_of: X` (and X is indexed) forms a
pair. Its alignment is a JSON file under `<index_dir>/alignment/<collection>/`, named
by both documents' versions (content hashes), so a write recomputes only the pairs
whose source or translation changed in that generation, and a reader of any generation
finds the file of exactly the versions it serves. Files of versions no longer in the
manifest are deleted after a write.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.alignment import ALIGNMENT_EMBEDDER, ALIGNMENT_VERSION, Alignment, align
from knowledge.atomic_file import write_atomic
from knowledge.embedders import get_embedder

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex

log = logging.getLogger(__name__)
_LOCK = threading.Lock()


def pairs(manifest: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(source entry, translation entry) for every indexed pair, in manifest order."""
    docs = {d["doc_id"]: d for d in manifest.get("docs", [])}
    return [(docs[d["translation_of"]], d) for d in manifest.get("docs", []) if d.get("translation_of") in docs]


def _directory(index: KnowledgeIndex) -> Path:
    return Path(index.settings.index_dir) / "alignment" / index.settings.collection


def _file(index: KnowledgeIndex, source: dict[str, Any], translation: dict[str, Any]) -> Path:
    name = f"{source['doc_id']}@{source['version']}--{translation['doc_id']}@{translation['version']}.v{ALIGNMENT_VERSION}.json"
    return _directory(index) / name


def update(index: KnowledgeIndex, manifest: dict[str, Any], progress: bool = False) -> list[Alignment]:
    """Align every pair of `manifest` that has no stored alignment yet; drop stale files.

    Called by the index after each committed write (the hook in `KnowledgeIndex._commit`);
    `progress`: a progress bar over the sentence spans embedded (a pair takes ~15 s of a build).
    """
    with _LOCK:
        current = []
        keep = set()
        for source, translation in pairs(manifest):
            path = _file(index, source, translation)
            keep.add(path.name)
            alignment = _read(path)
            if alignment is None:
                from tqdm import tqdm

                embed = get_embedder(ALIGNMENT_EMBEDDER).embed
                desc = f"aligning {translation['doc_id']} with {source['doc_id']}"
                with tqdm(desc=desc, unit="span", disable=not progress, leave=False) as bar:

                    def counted(texts, embed=embed, bar=bar):
                        vectors = embed(texts)
                        bar.update(len(texts))
                        return vectors

                    alignment = align(index.chunks(source["doc_id"]), index.chunks(translation["doc_id"]), counted)
                alignment.source_version, alignment.translation_version = source["version"], translation["version"]
                _write(path, alignment)
            current.append(alignment)
        directory = _directory(index)
        for old in directory.iterdir() if directory.is_dir() else ():
            if old.name not in keep and old.suffix == ".json":
                old.unlink(missing_ok=True)
        return current


def load(index: KnowledgeIndex) -> list[Alignment]:
    """The alignments of the generation `index` serves (computed now if missing)."""
    return update(index, index.manifest())


def _read(path: Path) -> Alignment | None:
    try:
        return Alignment.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError) as exc:  # a damaged file is recomputed, not trusted
        log.warning("recomputing alignment %s: %s", path.name, exc)
        return None


def _write(path: Path, alignment: Alignment) -> None:
    write_atomic(path, json.dumps(alignment.to_json(), ensure_ascii=False))
