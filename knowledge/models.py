"""Plain data passed between the steps of the knowledge pipeline.

load → clean → structure → chunk → embed → store: each step takes and returns these,
so every step can be tested on its own and swapped without touching the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """What the manifest (or `index add`) knows about one document."""

    doc_id: str
    title: str
    title_en: str = ""
    date: str = ""
    lang: str = "zh"
    kind: str = ""
    source_path: str = ""
    #: section_id -> English label, written by hand in the manifest for the bundled corpus
    section_labels_en: dict[str, str] = field(default_factory=dict)
    #: who issued, adopted or delivered it (manifest, else read from the byline)
    issuer: str = ""
    #: the byline lines as written in the text (——2024年3月5日在…上, 新华社北京2月1日电)
    byline: str = ""
    #: names a reader uses for it (政府工作报告, 二十大报告, the 2024 report): the manifest's
    #: hand-written ones, completed at index time by `knowledge.aliases`
    aliases: tuple[str, ...] = ()
    #: id of the document this one is a translation of ("" if it is an original)
    translation_of: str = ""


@dataclass
class Section:
    """A node of the document's hierarchy that owns paragraphs.

    `section_id` is stable and short: "front" (title and byline lines), "abstract", "intro"
    (引言), "3" for part 三、, "3.8" for 三（八）, "2.5" for item （5） of part 二, "summary_en" /
    "keywords_en" for an English summary and key words, "0" (opening before the first
    heading) and "closing"; Markdown headings without a number are "s1", "s2", …; a text
    without headings has paragraph sections "p1", "p2", … (shown ¶1, ¶2) and, where a
    run-in enumeration (一是…二是…, 第一…第二…) organises it, item sections "1", "2", ….
    `role` is "front" for the title/byline section (not content: never the answer to a
    content question), else "body".
    """

    section_id: str
    label: str
    label_en: str
    #: labels from the root down to this section, e.g. ["三、加快形成…实现路径", "（八）加速构筑…"]
    path: list[str]
    level: int
    paragraphs: list[str] = field(default_factory=list)
    #: char offset of each paragraph in the cleaned document text
    paragraph_offsets: list[int] = field(default_factory=list)
    role: str = "body"
    #: the heading text the section opens with: its heading line, or the marker and first
    #: sentence of a paragraph that opens with one (（一）大力推进…。); "" when it has none
    heading: str = ""
    #: `label_en` was generated (`knowledge.labels_en`), not written by hand in the manifest
    label_en_generated: bool = False
    #: in a text without headings, the year its paragraphs speak of ("2025年" where they say 明年;
    #: `knowledge.paragraph_sections`): searched with the section's chunks, never quoted
    context: str = ""


@dataclass
class Chunk:
    """The unit that is embedded, keyword-indexed, retrieved and cited.

    `text` is verbatim cleaned source text: citations quote from it. `search_text` may add
    a heading prefix and is what embedding and BM25 see. `role` says what the text is:
    "front" (title/byline lines), "heading" (only heading lines), "body" (content);
    `heading_chars` is how many leading characters of `text` are the section's heading (a
    heading line, or the marker and first sentence of a paragraph that opens with one; 0
    when the chunk does not start with one), so a quote can skip it.
    """

    chunk_id: str
    doc_id: str
    doc_title: str
    doc_date: str
    lang: str
    section_id: str
    section_label: str
    section_label_en: str
    section_path: list[str]
    text: str
    search_text: str
    tokens: int
    char_start: int
    char_end: int
    paragraph_index: int
    ordinal: int
    role: str = "body"
    heading_chars: int = 0
    #: `section_label_en` was generated (numbering + dictionary glosses), not written by hand
    section_label_en_generated: bool = False

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.search_text.encode("utf-8")).hexdigest()[:16]

    def to_public(self) -> dict[str, Any]:
        """The contract's `chunks --json` object (plus spans and hash)."""
        d = asdict(self)
        d.pop("search_text")
        d["content_hash"] = self.content_hash
        return d

    def to_metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (scalars only)."""
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            "lang": self.lang,
            "section_id": self.section_id,
            "section_label": self.section_label,
            "section_label_en": self.section_label_en,
            "section_path": " / ".join(self.section_path),
            "text": self.text,
            "tokens": self.tokens,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "paragraph_index": self.paragraph_index,
            "ordinal": self.ordinal,
            "role": self.role,
            "heading_chars": self.heading_chars,
            "section_label_en_generated": self.section_label_en_generated,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_metadata(cls, meta: dict[str, Any], search_text: str) -> Chunk:
        return cls(
            chunk_id=meta["chunk_id"],
            doc_id=meta["doc_id"],
            doc_title=meta["doc_title"],
            doc_date=meta.get("doc_date", ""),
            lang=meta.get("lang", "zh"),
            section_id=meta["section_id"],
            section_label=meta["section_label"],
            section_label_en=meta.get("section_label_en", ""),
            section_path=[p for p in meta.get("section_path", "").split(" / ") if p],
            text=meta["text"],
            search_text=search_text,
            tokens=int(meta.get("tokens", 0)),
            char_start=int(meta.get("char_start", 0)),
            char_end=int(meta.get("char_end", 0)),
            paragraph_index=int(meta.get("paragraph_index", 0)),
            ordinal=int(meta.get("ordinal", 0)),
            role=meta.get("role", "body"),
            heading_chars=int(meta.get("heading_chars", 0)),
            section_label_en_generated=bool(meta.get("section_label_en_generated", False)),
        )


def in_index_order(chunks: list[Chunk]) -> list[Chunk]:
    """A document's chunks in the order the index serves them (text position, then ordinal)."""
    return sorted(chunks, key=lambda c: (c.char_start, c.ordinal, c.chunk_id))


def make_chunk_id(doc_id: str, section_id: str, ordinal: int) -> str:
    """Stable id: doc, section, ordinal within the section (e.g. `<doc_id>:3.8:002`)."""
    return f"{doc_id}:{section_id}:{ordinal:03d}"
