"""Alignments of translation pairs, computed by the writer and published with the generation.

A document whose manifest entry says `translation_of: X` (and X is indexed) forms a
pair. Its alignment is an artifact in the index's store (`knowledge.artifacts`) keyed by
both documents' versions (content hashes), so a write computes only the pairs whose
source or translation changed in that generation, before its commit point, and a reader
of any generation (a replica with an empty data dir included) finds the alignment of
exactly the versions it serves. The writer deletes the alignments of versions no longer
in the manifest after its commit.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any

from knowledge import artifacts
from knowledge.alignment import ALIGNMENT_EMBEDDER, ALIGNMENT_VERSION, Alignment, align
from knowledge.embedders import get_embedder

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
#: (artifacts of one index, artifact key) → alignment, for the pairs of the generations last read
_loaded: dict[tuple[str, str], Alignment] = {}


def pairs(manifest: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(source entry, translation entry) for every indexed pair, in manifest order."""
    docs = {d["doc_id"]: d for d in manifest.get("docs", [])}
    return [(docs[d["translation_of"]], d) for d in manifest.get("docs", []) if d.get("translation_of") in docs]


def _key(source: dict[str, Any], translation: dict[str, Any]) -> str:
    name = (
        f"{source['doc_id']}@{source['version']}--{translation['doc_id']}@{translation['version']}.v{ALIGNMENT_VERSION}"
    )
    return artifacts.key(artifacts.ALIGNMENT, name)


def needed(manifest: dict[str, Any]) -> set[str]:
    """The artifact keys of a generation's alignments (what a writer keeps after its commit)."""
    return {_key(s, t) for s, t in pairs(manifest)}


def derive(index: Any, manifest: dict[str, Any], progress: bool = False) -> tuple[list[Alignment], dict[str, str]]:
    """The alignments of the pairs of `manifest` (served by `index`, an index or a snapshot),
    and the artifacts that were not published yet and had to be computed now.

    `progress`: a progress bar over the sentence spans embedded (a pair takes ~15 s of a build).
    """
    store = index.artifacts
    with _LOCK:
        wanted = [(s, t, _key(s, t)) for s, t in pairs(manifest)]
        found = {k: _loaded[(store.where, k)] for _, _, k in wanted if (store.where, k) in _loaded}
        published = store.get([k for _, _, k in wanted if k not in found])
        current, new = [], {}
        for source, translation, k in wanted:
            alignment = found.get(k)
            if alignment is None and k in published:
                alignment = _parsed(k, published[k])
            if alignment is None:
                alignment = _align(index, source, translation, progress)
                new[k] = json.dumps(alignment.to_json(), ensure_ascii=False)
            current.append(alignment)
            found[k] = alignment
        for stale in [x for x in _loaded if x[0] == store.where and x[1] not in found]:
            del _loaded[stale]
        _loaded.update({(store.where, k): a for k, a in found.items()})
        return current, new


def _parsed(k: str, text: str) -> Alignment | None:
    try:
        return Alignment.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:  # a damaged value is recomputed, not trusted
        log.warning("recomputing the alignment %s: %s", k, exc)
        return None


def _align(index: Any, source: dict[str, Any], translation: dict[str, Any], progress: bool) -> Alignment:
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
    return alignment


def load(index: KnowledgeIndex, manifest: dict[str, Any] | None = None) -> list[Alignment]:
    """The alignments of the generation `index` serves (or of `manifest`, for a snapshot: a
    derived builder's argument): as published, or (an index written before artifacts existed)
    computed now and published for the other readers."""
    alignments, new = derive(index, index.manifest() if manifest is None else manifest)
    if new:
        index.artifacts.offer(new)
    return alignments
