"""The JSON API and the shared backend handle behind both the API and the chat UI.

An adapter only: it validates and limits HTTP input, hands the question to
`assistant.pipeline.Assistant` and returns `Answer.to_dict()` (the contract's Answer
object). Limits live here because they are properties of the edge, not of answering:
body size (413), per-client rate (429 + Retry-After), a CORS allow-list, and one pool
of `concurrency_limit` answer slots in the `Backend`, shared by the API, the chat UI,
/embed and the Gradio `/ask` endpoint, so a burst on any surface queues instead of
overloading two cores.
Typed errors become JSON messages here and nowhere else: user errors 400, backend
errors 503; nothing ever returns a stack trace.

The per-client rate limit is keyed on the client address as the ASGI server reports
it. Behind a reverse proxy that is the proxy's address, unless the proxy is listed in
`trusted_proxies` (then uvicorn takes the client from its X-Forwarded-For header).
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, Literal

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.dataclasses import dataclass as pydantic_dataclass

from assistant.answer import Answer
from knowledge.errors import BackendError, ConfigError, IndexMismatch, IndexMissing, UserError, XinzhiError
from knowledge.settings import Settings

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- backend
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
        }


# --------------------------------------------------------------------------- limits
class RateLimiter:
    """Sliding one-minute window per client key; `limit <= 0` disables it."""

    def __init__(self, limit_per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.limit = limit_per_minute
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float:
        """Record a request; return 0 if allowed, else seconds until the next one is."""
        if self.limit <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60.0:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(0.001, hits[0] + 60.0 - now)
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients so memory stays bounded
                for k in [k for k, v in self._hits.items() if not v or v[-1] <= now - 60.0]:
                    del self._hits[k]
            return 0.0


class BodyTooLarge(Exception):
    """Raised while reading a request body that exceeds max_request_bytes."""


async def read_limited_body(request: Request, limit: int) -> bytes:
    """Read the body, refusing early from Content-Length or while streaming chunks."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)


# --------------------------------------------------------------------------- schema
class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    """Body of POST /api/ask."""

    question: str = Field(description="The question, Chinese or English.")
    history: list[Message] = Field(default_factory=list, description="Earlier turns, oldest first.")
    doc_ids: list[str] | None = Field(default=None, description="Only search these documents (see /api/health).")


#: The response schema, derived from the `Answer` dataclass so the shape is defined once; it only
#: adds that every field is always present in a response (the dataclass has defaults for building).
AnswerSchema = pydantic_dataclass(Answer, config=ConfigDict(json_schema_serialization_defaults_required=True))


class ErrorOut(BaseModel):
    error: str


def client_address(request: Any) -> str:
    """The rate-limit key of a Starlette or `gr.Request`: the client's IP (see the module doc on proxies)."""
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _schema_ref_fix(schema: dict[str, Any]) -> dict[str, Any]:
    """Pydantic puts nested models under $defs; OpenAPI wants components/schemas."""
    import json

    text = json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
    out = json.loads(text)
    out.pop("$defs", None)
    return out


# --------------------------------------------------------------------------- app
def create_api(settings: Settings, backend: Backend) -> FastAPI:
    """The FastAPI app with /api/*, offline /docs and /openapi.json (Gradio is mounted on it later)."""
    app = FastAPI(
        title="Xinzhi QA API",
        version="1",
        description="Bilingual questions over the bundled documents, answers with section-level citations.",
        docs_url=None,
        redoc_url=None,
    )
    # Always install our own CORS middleware: Gradio then adds none of its own, so the
    # allow-list from settings is the only policy (empty = same origin only).
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )
    # No more API threads than slots: requests beyond that wait in the pool's queue, not on a thread.
    workers = ThreadPoolExecutor(max_workers=max(1, settings.concurrency_limit), thread_name_prefix="xqa-api")
    app.state.backend = backend
    app.state.workers = workers

    ask_schema = _schema_ref_fix(AskRequest.model_json_schema())

    @app.post(
        "/api/ask",
        response_model=AnswerSchema,
        responses={400: {"model": ErrorOut}, 413: {"model": ErrorOut}, 429: {"model": ErrorOut}, 503: {"model": ErrorOut}},
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": ask_schema}}}},
        summary="Answer one question with citations",
    )
    async def ask(request: Request):
        wait = backend.rate_limiter.check(client_address(request))
        if wait:
            return _error(429, "too many requests; retry later", {"Retry-After": str(math.ceil(wait))})
        try:
            raw = await read_limited_body(request, settings.max_request_bytes)
        except BodyTooLarge:
            return _error(413, f"request body larger than {settings.max_request_bytes} bytes")
        try:
            req = AskRequest.model_validate_json(raw or b"{}")
        except ValidationError as exc:
            return _error(400, "invalid request: " + "; ".join(_describe(e) for e in exc.errors()))
        try:
            history = [m.model_dump() for m in req.history]
            loop = asyncio.get_running_loop()
            answer = await loop.run_in_executor(
                workers, lambda: backend.ask(req.question, history=history, doc_ids=req.doc_ids)
            )
        except (ConfigError, IndexMismatch, IndexMissing) as exc:  # the server's setup, not the request
            log.warning("server not ready for /api/ask: %s", exc)
            return _error(503, f"server not ready: {exc}")
        except UserError as exc:
            return _error(400, str(exc))
        except BackendError as exc:
            log.warning("backend error on /api/ask: %s", exc)
            return _error(503, f"backend unavailable: {exc}")
        except XinzhiError as exc:
            return _error(500, str(exc))
        return JSONResponse(answer.to_dict())

    @app.get("/api/health", summary="Indexed documents and the generator in use")
    def health():
        try:
            return backend.health()
        except BackendError as exc:
            return _error(503, f"backend unavailable: {exc}")
        except UserError as exc:  # e.g. IndexMismatch: needs a rebuild
            return _error(503, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):  # the edge: log it, never show it
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "internal error; see the server log")

    _mount_offline_docs(app)
    return app


def _describe(err: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in err.get("loc", ())) or "body"
    return f"{where}: {err.get('msg', 'invalid')}"


def _mount_offline_docs(app: FastAPI) -> None:
    """FastAPI's /docs loads Swagger UI from a CDN; serve the copy shipped in a wheel instead."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # optional: /openapi.json still works without it
        log.info("swagger-ui-bundle-v2 not installed; /docs disabled, /openapi.json still served")
        return
    app.mount("/api/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Xinzhi QA API",
            swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs-assets/swagger-ui.css",
            swagger_favicon_url="/api/docs-assets/favicon-32x32.png",
        )
