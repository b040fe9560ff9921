"""The edge guard: one ASGI middleware in front of every route, JSON API and both Gradio mounts.

Gradio's own routes (`/gradio_api/queue/join`, `/run/*`, `/call/*`, `/upload`) are not
FastAPI routes of ours, so limits set on our routes alone are bypassed through them. This
guard sees every request first and applies the edge's rules in one place:

- every request body is capped (`max_request_bytes`, 413), with or without Content-Length;
- uploads are refused (403): the app has no upload component;
- one per-client rate limit (429 + Retry-After) over every event that computes an answer
  or writes: POST /api/ask, Gradio `/run|/api|/call/<name>`, and `queue/join` of the
  page events registered as limited (the chat question and the feedback events);
- /api/* answers in JSON: unknown path 404, wrong method 405 (with Allow), /api/ask only
  takes `application/json` (415), so a cross-origin "simple" text/plain POST computes nothing;
- security headers on every response (CSP with `frame-ancestors`, nosniff, Referrer-Policy);
- an unexpected exception becomes a JSON 500 without closing the keep-alive connection
  (the details go to the log, never to the client).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from knowledge.settings import Settings
from web.limits import RateLimiter, client_address

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_GRADIO_CALL = re.compile(r"/gradio_api/(?:run|api|call)/[^/]+/?$")
_GRADIO_JOIN = re.compile(r"/gradio_api/queue/join/?$")
_GRADIO_UPLOAD = re.compile(r"/gradio_api/upload/?$")
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

#: Gradio's page is a single-page app with an inline config script and inline styles, and
#: its HTML component compiles templates with `new Function` (hence 'unsafe-eval'; the
#: browser test fails on any CSP violation). It fetches and streams (SSE) from its own
#: origin only, so connect-src 'self' stops injected markup from sending data elsewhere.
_CSP_BASE = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


@dataclass
class LimitedEvents:
    """Which Gradio page events count against the rate limit: fn indices per mount path."""

    by_mount: dict[str, set[int]] = field(default_factory=dict)

    def add(self, mount: str, fn_indices: set[int]) -> None:
        self.by_mount[mount.rstrip("/")] = set(fn_indices)

    def is_limited(self, path: str, fn_index: Any) -> bool:
        mount = max((m for m in self.by_mount if path.startswith(m + "/")), key=len, default=None)
        return mount is not None and fn_index in self.by_mount[mount]


class EdgeGuard:
    """ASGI middleware; `api_methods` maps each /api path to the methods it answers."""

    def __init__(
        self,
        app: Callable,
        settings: Settings,
        limiter: RateLimiter,
        limited: LimitedEvents,
        api_methods: Callable[[], dict[str, set[str]]],
        embed_prefix: str = "/embed",
    ):
        self.app = app
        self.settings = settings
        self.limiter = limiter
        self.limited = limited
        self.api_methods = api_methods
        self.embed_prefix = embed_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        send = self._with_security_headers(send, path)
        refusal = self._refuse_by_route(scope, path, method)
        if refusal:
            await _send_json(send, *refusal)
            return
        if method in _BODY_METHODS:
            body = await self._read_body(scope, receive)
            if body is None:
                await _send_json(send, 413, f"request body larger than {self.settings.max_request_bytes} bytes")
                return
            if method == "POST" and self._counts(path, body):
                wait = self.limiter.check(client_address(scope))
                if wait:
                    seconds = math.ceil(wait)
                    await _send_json(
                        send, 429, f"too many requests; retry in {seconds} s", {"retry-after": str(seconds)}
                    )
                    return
            receive = _replay(body, receive)
        await self._call_app(scope, receive, send)

    # ------------------------------------------------------------------ rules
    def _refuse_by_route(self, scope: Scope, path: str, method: str) -> tuple[int, str, dict[str, str]] | None:
        if _GRADIO_UPLOAD.search(path):
            return 403, "this app accepts no file uploads", {}
        if path.startswith("/api/") and not path.startswith("/api/docs-assets/"):
            routes = self.api_methods()
            if path not in routes:
                return 404, f"no API route {path}; see /docs", {}
            allowed = routes[path] | {"OPTIONS"}  # OPTIONS: CORS preflight, answered by the CORS middleware
            if method not in allowed:
                return 405, f"{method} is not allowed on {path}", {"allow": ", ".join(sorted(routes[path]))}
            if method == "POST" and not _is_json(scope):
                return 415, "send the body as application/json", {}
        return None

    def _counts(self, path: str, body: bytes) -> bool:
        """Does this POST compute an answer or write (and so count against the rate limit)?"""
        if path == "/api/ask" or _GRADIO_CALL.search(path):
            return True
        if _GRADIO_JOIN.search(path):
            try:
                fn_index = json.loads(body or b"{}").get("fn_index")
            except (ValueError, AttributeError):
                return False  # Gradio refuses a malformed join itself (422), computing nothing
            return self.limited.is_limited(path, fn_index)
        return False

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it is known to exceed the cap."""
        limit = self.settings.max_request_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return None
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return bytes(body)
            body.extend(message.get("body", b""))
            if len(body) > limit:
                return None
            if not message.get("more_body"):
                return bytes(body)

    def _with_security_headers(self, send: Send, path: str) -> Send:
        embed = path == self.embed_prefix or path.startswith(self.embed_prefix + "/")
        if embed:
            origins = [o for o in self.settings.embed_frame_ancestors if o]
            ancestors = "*" if "*" in origins else " ".join(["'self'", *origins])
        else:
            ancestors = "'self'"
        headers = [
            (b"content-security-policy", f"{_CSP_BASE}; frame-ancestors {ancestors}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]
        if not embed:
            headers.append((b"x-frame-options", b"SAMEORIGIN"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {
                    **message,
                    "headers": [*message.get("headers", []), *(h for h in headers if h[0] not in present)],
                }
            await send(message)

        return send_with_headers

    async def _call_app(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:  # the edge: log it, answer 500 in JSON, keep the connection
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            if started:
                raise  # half a response was sent: only closing the connection can end it
            await _send_json(send, 500, "internal error; see the server log")


def _is_json(scope: Scope) -> bool:
    value = dict(scope.get("headers") or []).get(b"content-type", b"").decode("latin-1")
    return value.split(";")[0].strip().lower() == "application/json"


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that yields the already-read body once, then defers to the real one."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _send_json(send: Send, status: int, error: str, headers: dict[str, str] | None = None) -> None:
    payload = json.dumps({"error": error}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})
