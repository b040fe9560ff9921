"""A chunk written for a test: what the generator reads, without an index behind it."""

from __future__ import annotations

from knowledge.models import Chunk


def make_chunk(section_id: str, text: str, lang: str = "zh") -> Chunk:
    """Chunk 0 of section `section_id` of an invented document `doc`, holding `text`."""
    return Chunk(
        chunk_id=f"doc:{section_id}:000",
        doc_id="doc",
        doc_title="流域治理研究",
        doc_date="2024",
        lang=lang,
        section_id=section_id,
        section_label=section_id,
        section_label_en=section_id,
        section_path=[section_id],
        text=text,
        search_text=text,
        tokens=len(text),
        char_start=0,
        char_end=len(text),
        paragraph_index=0,
        ordinal=0,
    )
