"""The JSON API: /api/ask, /api/health, offline /docs and /openapi.json.

An adapter only: it validates and limits HTTP input, hands the question to the shared
`web.backend.Backend` and returns `Answer.to_dict()` (the contract's Answer object).
Limits live at the edge (`web.guard`: body size 413, per-client rate 429 + Retry-After,
JSON 404/405/415), a CORS allow-list here, and the backend's answer slots shared with
the chat UI and /embed.
Typed errors become JSON messages here and nowhere else: user errors 400, backend
errors 503; nothing ever returns a stack trace.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.dataclasses import dataclass as pydantic_dataclass

from assistant.answer import Answer
from knowledge.errors import XinzhiError
from knowledge.settings import Settings
from web.backend import Backend
from web.errors import public_error
from web.guard import EdgeGuard, LimitedEvents

log = logging.getLogger(__name__)


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
def create_api(settings: Settings, backend: Backend, limited: LimitedEvents | None = None) -> FastAPI:
    """The FastAPI app with /api/*, offline /docs and /openapi.json (Gradio is mounted on it later)."""
    limited = limited if limited is not None else LimitedEvents()
    app = FastAPI(
        title="Xinzhi QA API",
        version="1",
        description="Bilingual questions over the bundled documents, answers with section-level citations.",
        docs_url=None,
        redoc_url=None,
    )
    # The guard first, then CORS around it (outermost), so refusals carry CORS headers too.
    app.add_middleware(
        EdgeGuard,
        settings=settings,
        limiter=backend.rate_limiter,
        limited=limited,
        api_methods=lambda: _api_methods(app),
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
        responses={code: {"model": ErrorOut} for code in (400, 405, 413, 415, 429, 503)},
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": ask_schema}}}},
        summary="Answer one question with citations",
    )
    async def ask(request: Request):
        # size, method, content type and rate were checked by the edge guard before this runs
        try:
            req = AskRequest.model_validate_json(await request.body() or b"{}")
        except ValidationError as exc:
            return _error(400, "invalid request: " + "; ".join(_describe(e) for e in exc.errors()))
        try:
            history = [m.model_dump() for m in req.history]
            loop = asyncio.get_running_loop()
            answer = await loop.run_in_executor(
                workers, lambda: backend.ask(req.question, history=history, doc_ids=req.doc_ids)
            )
        except XinzhiError as exc:
            status, message, _ = public_error(exc, "/api/ask")
            return _error(status, message)
        return JSONResponse(answer.to_dict())

    @app.get(
        "/api/health",
        summary="The document store and the generator, checked; 503 when degraded",
        responses={503: {"description": "degraded: `reason` says what is wrong"}},
    )
    def health():
        report = backend.health()
        return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503)

    _mount_offline_docs(app)
    return app


def _api_methods(app: FastAPI) -> dict[str, set[str]]:
    """Each /api route's methods, read from the app itself so the guard never disagrees with it."""
    return {r.path: set(r.methods or ()) for r in app.routes if isinstance(r, APIRoute) and r.path.startswith("/api/")}


def _describe(err: Mapping[str, Any]) -> str:
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
