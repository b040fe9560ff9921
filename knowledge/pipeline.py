"""Raw document text → chunks: clean → structure → chunk.

The one entry point the index uses for every document, bundled or added by the user,
so both get exactly the same treatment. Pure functions: no I/O, no store.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from knowledge import labels_en
from knowledge.aliases import document_aliases, with_kind_from_text
from knowledge.chunking import chunk_document
from knowledge.cleaning import clean_text
from knowledge.front_matter import OPENING_PARAGRAPHS, apply_front_matter
from knowledge.loaders import date_in_file_name
from knowledge.models import Chunk, DocumentMeta
from knowledge.settings import Settings
from knowledge.structure import DocumentStructure, parse_structure


def parse_document(text: str, meta: DocumentMeta) -> DocumentStructure:
    """Cleaned text plus its sections (and points, heading spans)."""
    return labels_en.fill_labels(parse_structure(clean_text(text), meta), meta)


def process_document(text: str, meta: DocumentMeta, settings: Settings) -> list[Chunk]:
    """All chunks of one raw document, in document order, sized by `settings`."""
    return prepare_document(text, meta, settings)[1]


def prepare_document(text: str, meta: DocumentMeta, settings: Settings) -> tuple[DocumentMeta, list[Chunk]]:
    """The document's metadata completed from its title/byline lines (what `meta` gives
    wins), else its date from its file name (setting `dates_from_file_names`), and with the names a reader uses
    for it, and its chunks, which carry that metadata."""
    structure = parse_document(text, meta)
    meta = with_kind_from_text(apply_front_matter(meta, structure.front), structure.text)
    if not meta.date and meta.source_path and settings.dates_from_file_names:
        meta = dataclasses.replace(meta, date=date_in_file_name(Path(meta.source_path).stem))
    if not meta.title:
        meta = dataclasses.replace(meta, title=Path(meta.source_path).stem if meta.source_path else meta.doc_id)
    # (the headline and the body's opening: where a meeting the headline does not name may be reported)
    opening = [p for p in structure.text.splitlines() if p.strip()][: 1 + OPENING_PARAGRAPHS]
    meta = dataclasses.replace(meta, aliases=document_aliases(meta, meta.aliases, opening))
    return meta, chunks_of(structure, meta, settings)


def chunks_of(structure: DocumentStructure, meta: DocumentMeta, settings: Settings) -> list[Chunk]:
    """Chunks of an already parsed document (lets callers keep the structure too)."""
    return chunk_document(structure, meta, settings.chunk_tokens, settings.chunk_overlap_tokens)
