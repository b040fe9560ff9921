"""The Answer object of the public contract (`shared/design/contract.md`).

Everything that shows an answer (CLI, Gradio, JSON API, eval harness) adapts this one
shape; nothing downstream re-derives citations or languages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    doc_title: str
    doc_date: str
    section_id: str
    section_label: str
    section_label_en: str
    #: verbatim substring of the cited context's text
    quote: str
    #: for an English answer from a document with an official English translation: the
    #: translation's sentence(s) the answer quotes (verbatim in chunk `chunk_id_en` of
    #: document `doc_id_en`); `quote` is then the aligned original they render
    quote_en: str = ""
    chunk_id_en: str = ""
    doc_id_en: str = ""
    #: for an English answer quoting Chinese (no official translation): the quote's word-by-word English
    #: dictionary gloss (`assistant.gloss`), also shown under the quote; "" otherwise
    gloss_en: str = ""

    @classmethod
    def of(cls, chunk: Any, quote: str, n: int, **extra: str) -> Citation:
        """The citation of `quote` in `chunk` (any object with the chunk's fields)."""
        return cls(
            n=n,
            chunk_id=chunk.chunk_id,
            doc_id=chunk.doc_id,
            doc_title=chunk.doc_title,
            doc_date=chunk.doc_date,
            section_id=chunk.section_id,
            section_label=chunk.section_label,
            section_label_en=extra.pop("section_label_en", "") or chunk.section_label_en,
            quote=quote,
            **extra,
        )


#: where a context comes from: ranked by retrieval, or added by a rule after it (not ranked, `score` 0)
ORIGINS = (
    "retrieved",
    "outline",
    "enumeration",
    "continuation",
    "keywords",
    "person",
    "summary",
    "front_matter",
    "original",
)


@dataclass
class Context:
    rank: int
    chunk_id: str
    doc_id: str
    section_id: str
    section_label: str
    section_label_en: str
    text: str
    score: float
    #: one of ORIGINS: "retrieved" (ranked by the retriever), "outline" (the opening chunk of a section of the
    #: part a question asks about), "enumeration" (a chunk continuing a list announced in a retrieved one),
    #: "continuation" (the neighbouring chunk holding the rest of a sentence a chunk boundary cuts in a retrieved one),
    #: "keywords" (the chunk of the top context's section holding most of the question's keyword weight), "person" (a
    #: paragraph of the document asked about naming someone doing what a who-question asks: 谁来讲解, "who chaired"),
    #: "summary" (the document's English summary, for an English question), "front_matter" (a document's
    #: title, authors and affiliation, for a question about who wrote it), "original" (the aligned original of a
    #: cited passage of an official translation)
    origin: str = "retrieved"


@dataclass
class Answer:
    question: str
    language: str
    answer: str
    refused: bool
    generator: str
    citations: list[Citation] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    nearest_sections: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: visible notes for the user, e.g. "the LLM was unreachable; extractive answer shown"
    notes: list[str] = field(default_factory=list)
    #: the standalone query actually searched (after follow-up rewriting)
    rewritten_query: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
