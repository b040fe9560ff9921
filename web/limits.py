"""Limits of the edge, shared by every surface: the per-client rate limit, its client key,
and the bounds on the history a question may carry.

The rate limit is keyed on the client address as the ASGI server reports it. Behind a
reverse proxy that is the proxy's address, unless the proxy is listed in
`trusted_proxies` (then uvicorn takes the client from its X-Forwarded-For header).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from knowledge.errors import InvalidQuestion


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


def client_address(request: Any) -> str:
    """The rate-limit key of an ASGI scope, a Starlette or a `gr.Request`: the client's IP
    (see the module doc on proxies)."""
    if isinstance(request, dict):
        return (request.get("client") or (None,))[0] or "unknown"
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"


def check_history(history: Any, max_messages: int, max_chars: int) -> None:
    """Refuse a history too long to be an honest conversation, before it costs anything:
    the follow-up rewrite carries earlier turns into the search query."""
    if not history:
        return
    if isinstance(history, list) and len(history) > max_messages:
        raise InvalidQuestion(f"history has {len(history)} messages; at most {max_messages} are accepted")
    for i, message in enumerate(history if isinstance(history, list) else []):
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str) and len(content) > max_chars:
            raise InvalidQuestion(f"history message {i} is longer than {max_chars} characters")
