"""Limits of the edge, shared by every surface: the per-client rate limit and the
bounded request-body reader.

The rate limit is keyed on the client address as the ASGI server reports it. Behind a
reverse proxy that is the proxy's address, unless the proxy is listed in
`trusted_proxies` (then uvicorn takes the client from its X-Forwarded-For header).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any, Callable

from starlette.requests import Request


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




def client_address(request: Any) -> str:
    """The rate-limit key of a Starlette or `gr.Request`: the client's IP (see the module doc on proxies)."""
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"
