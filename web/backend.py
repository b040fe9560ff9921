"""The backend handle behind every surface (JSON API, chat UI, /embed, Gradio `/ask`).

It opens the index once, keeps one Assistant per generator name, owns the pool of
`concurrency_limit` answer slots and the per-client rate limiter, and reports health,
so a burst on any surface queues instead of overloading two cores.
"""

from __future__ import annotations

import threading
from typing import Any, Iterator

from assistant.answer import Answer
from knowledge.errors import BackendError, UserError
from knowledge.settings import Settings
from web.limits import RateLimiter


class Backend:
    """Opens the index once and keeps one Assistant per generator name.

    Every surface (JSON API, chat UI, /embed, Gradio `/ask`) answers through `ask` or
    `stream`, so they share the index, the loaded embedder, the per-client rate limit
    and one cap of `concurrency_limit` answers computed at once.
    """

    def __init__(self, settings: Settings, index: Any | None = None):
        self.settings = settings
        self._index = index
        self._assistants: dict[str, Any] = {}
        self._lock = threading.Lock()
        #: one budget per client address for every surface, so switching surfaces gains nothing
        self.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
        # A semaphore (not a lock): a streaming answer may be resumed on another thread.
        self._slots = threading.BoundedSemaphore(max(1, settings.concurrency_limit))

    @property
    def index(self):
        with self._lock:
            if self._index is None:
                from knowledge.index import KnowledgeIndex

                self._index = KnowledgeIndex.open(self.settings)
            return self._index

    def assistant(self, generator: str | None = None):
        """The Assistant for `generator` (default: the configured one), created on first use."""
        name = generator or self.settings.generator
        index = self.index
        with self._lock:
            if name not in self._assistants:
                from assistant.pipeline import Assistant

                self._assistants[name] = Assistant(self.settings, index=index, generator=name)
            return self._assistants[name]

    def ask(self, question: str, history: list[dict] | None = None, doc_ids: list[str] | None = None,
            generator: str | None = None) -> Answer:
        """One whole answer, computed in one of the shared slots (blocks while all are busy)."""
        assistant = self._prepare(doc_ids, generator)
        with self._slots:
            return assistant.ask(question, history=history or None, doc_ids=doc_ids or None)

    def stream(self, question: str, history: list[dict] | None = None, doc_ids: list[str] | None = None,
               top_k: int | None = None, generator: str | None = None) -> Iterator[str | Answer]:
        """`Assistant.stream` holding one shared slot until the final Answer (or until closed)."""
        assistant = self._prepare(doc_ids, generator)
        with self._slots:
            yield from assistant.stream(question, history=history or None, doc_ids=doc_ids or None, top_k=top_k)

    def _prepare(self, doc_ids: list[str] | None, generator: str | None):
        """The assistant to use, after refusing unknown doc_ids (a typo would otherwise search nothing)."""
        if doc_ids:
            known = {d.doc_id for d in self.documents()}
            unknown = sorted(set(doc_ids) - known)
            if unknown:
                raise UserError(f"unknown doc_ids: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return self.assistant(generator)

    def generators(self) -> list[str]:
        """Generator names that can actually answer here (an unconfigured LLM is left out)."""
        usable = []
        for name in self.assistant().generators():
            try:
                self.assistant(name)
            except (UserError, BackendError):
                continue
            usable.append(name)
        return usable

    def documents(self) -> list[Any]:
        return list(self.index.documents())

    def health(self) -> dict[str, Any]:
        docs = self.documents()
        return {
            "status": "ok" if docs else "empty",
            "documents": [
                {k: getattr(d, k, None) for k in ("doc_id", "title", "title_en", "date", "lang", "chunks", "sections", "source")}
                for d in docs
            ],
            "generator": self.settings.generator,
            "index": self.index.health(),  # generation served, store reachable (knowledge.index)
        }
