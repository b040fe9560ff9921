"""The backend handle behind every surface (JSON API, chat UI, /embed, Gradio `/ask`).

It opens the index once, keeps one Assistant per generator name, owns the pool of
`concurrency_limit` answer slots (answers and feedback writes both take one) and the
per-client rate limiter, bounds the history a question may carry, and reports health,
so a burst on any surface queues instead of overloading two cores.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

from assistant.answer import Answer
from assistant.doc_filter import require_known
from knowledge.errors import BackendError, InvalidQuestion, UserError
from knowledge.settings import Settings
from web.feedback import append_feedback
from web.limits import RateLimiter, check_history

log = logging.getLogger(__name__)

#: how long a generator reachability probe is trusted (health checks may come every second)
_PROBE_TTL_S = 30.0


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
        self._probe: tuple[float, dict[str, Any]] | None = None

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

    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        doc_ids: list[str] | None = None,
        generator: str | None = None,
    ) -> Answer:
        """One whole answer, computed in one of the shared slots (blocks while all are busy)."""
        assistant = self._prepare(history, doc_ids, generator)
        with self._slots:
            return assistant.ask(question, history=history or None, doc_ids=doc_ids or None)

    def stream(
        self,
        question: str,
        history: list[dict] | None = None,
        doc_ids: list[str] | None = None,
        top_k: int | None = None,
        generator: str | None = None,
    ) -> Iterator[str | Answer]:
        """`Assistant.stream` holding one shared slot until the final Answer (or until closed)."""
        assistant = self._prepare(history, doc_ids, generator)
        with self._slots:
            yield from assistant.stream(question, history=history or None, doc_ids=doc_ids or None, top_k=top_k)

    def record_feedback(self, record: dict[str, Any]) -> None:
        """Append one feedback line in one of the shared slots (a write is work like an answer)."""
        comment = record.get("comment") or ""
        if len(comment) > self.settings.max_comment_chars:
            raise InvalidQuestion(f"comment longer than {self.settings.max_comment_chars} characters")
        with self._slots:
            append_feedback(self.settings.feedback_path, record)

    def _prepare(self, history: list[dict] | None, doc_ids: list[str] | None, generator: str | None):
        """The assistant to use, after refusing an oversized history (before it costs anything)
        and unknown doc_ids (a typo would otherwise search nothing)."""
        check_history(history, self.settings.max_history_messages, self.settings.max_history_message_chars)
        require_known(self.index, doc_ids)
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
        """The store and the generator, each checked for real; `status` is "ok" or "degraded"
        with a `reason` (details go to the log, not to the caller)."""
        store, docs = self._check_store()
        generator = self._check_generator()
        problems = [c["reason"] for c in (store, generator) if not c["ok"]]
        return {
            "status": "degraded" if problems else "ok",
            **({"reason": "; ".join(problems)} if problems else {}),
            "store": store,
            "generator": self.settings.generator,
            "generator_check": generator,
            "documents": [
                {
                    k: getattr(d, k, None)
                    for k in ("doc_id", "title", "title_en", "date", "lang", "chunks", "sections", "source")
                }
                for d in docs
            ],
        }

    def _check_store(self) -> tuple[dict[str, Any], list[Any]]:
        try:
            index = self.index
            records = index.store.count()  # a real round trip to Chroma (bounded by chroma_timeout_s)
            docs = self.documents()
        except (UserError, BackendError) as exc:
            log.warning("health: document store: %s", exc)
            return {"ok": False, "reason": f"document store unavailable ({type(exc).__name__})"}, []
        except Exception:  # a broken store raises Chroma's own errors: health must report, not crash
            log.exception("health: document store check failed")
            return {"ok": False, "reason": "document store check failed"}, []
        if not docs or not records:
            return {"ok": False, "reason": "the index holds no documents", "records": records}, docs
        return {"ok": True, "records": records, "generation": index.generation}, docs

    def _check_generator(self) -> dict[str, Any]:
        name = self.settings.generator
        try:
            self.assistant(name)
        except (UserError, BackendError) as exc:
            log.warning("health: generator %s: %s", name, exc)
            return {"ok": False, "reason": f"generator {name!r} not usable ({type(exc).__name__})"}
        if not self.settings.llm_base_url or name in {"extractive", "llama-cpp"}:
            return {"ok": True}
        return self._probe_llm()

    def _probe_llm(self) -> dict[str, Any]:
        """Is the LLM endpoint answering at all? Any HTTP status counts; cached for a while."""
        import httpx

        with self._lock:
            cached = self._probe
            if cached and time.monotonic() - cached[0] < _PROBE_TTL_S:
                return cached[1]
        url = self.settings.llm_base_url.rstrip("/") + "/models"
        try:
            httpx.get(
                url,
                timeout=min(3.0, self.settings.llm_timeout_s),
                headers={"Authorization": f"Bearer {self.settings.llm_api_key}"},
            )
            result: dict[str, Any] = {"ok": True}
        except httpx.HTTPError as exc:
            log.warning("health: LLM endpoint %s: %s", url, exc)
            result = {"ok": False, "reason": f"LLM endpoint unreachable ({type(exc).__name__})"}
        with self._lock:
            self._probe = (time.monotonic(), result)
        return result
