"""What every answer generator gets and gives: the chain does not care which one runs.

A generator turns a `GenerationRequest` (question, reply language, numbered
contexts) into answer text, yielded as deltas. It writes `[n]` for the n-th
context and quotes source text in 「…」; the citation checker
(`assistant.citations`) verifies and renumbers whatever it writes, so no generator
is trusted to cite correctly.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.glossary import Glossary
from assistant.outline import Outline
from knowledge.models import Chunk
from knowledge.registry import Registry


@dataclass
class GenerationRequest:
    question: str
    #: the standalone query (after follow-up rewriting); equals `question` for first turns
    query: str
    #: "zh" or "en": the language to answer in
    language: str
    contexts: list[Chunk]
    history: list[dict] = field(default_factory=list)
    #: the documents' titles as answers show them, by doc_id (`CorpusTables.titles`), and the English ones
    titles: Mapping[str, str] = field(default_factory=dict)
    titles_en: Mapping[str, str] = field(default_factory=dict)
    #: inverse document frequency of lexical features over the whole index
    idf: Mapping[str, float] = field(default_factory=dict)
    #: for a list question about a whole part: its label, the contexts opening its sections, its lead-in
    outline: Outline | None = None
    #: chunk_id → cosine similarity of the question and the chunk (retrieval's dense score)
    dense: Mapping[str, float] = field(default_factory=dict)
    #: the sentences already selected as evidence (by `ExtractiveGenerator.select`); None: select them here
    evidence: list | None = None
    #: the index's document-name matcher (`assistant.mentions.DocumentMentions`); None: no names known
    mentions: Any = None
    #: the question through the cross-lingual bridge (`assistant.bridge.Bridge.expand`: glossary and
    #: dictionary words in Chinese); "" when no bridge is at hand (then only the glossary expands it)
    bridged: str = ""
    #: what sentences of an official translation render (`assistant.translations.Renderings`): their
    #: candidate features are read on both texts; None: no translation pairs
    renderings: Any = None
    #: cosines of the query and each of some sentences in the embedder's space (`ExtractiveGenerator`'s second
    #: look at its two best candidates); None: no embedder at hand, no second look
    similarity: Callable[[list[str]], list[float]] | None = None


class Generator(ABC):
    #: registry name, reported in `Answer.generator`
    name: str = ""

    def __init__(self, glossary: Glossary | None = None):
        self.glossary = glossary or Glossary.load()

    @abstractmethod
    def stream(self, request: GenerationRequest) -> Iterator[str]:
        """Yield the answer text in pieces; raise `LLMUnavailable` if a backend fails."""

    def generate(self, request: GenerationRequest) -> str:
        return "".join(self.stream(request))


GENERATORS: Registry[Generator] = Registry("generator")
