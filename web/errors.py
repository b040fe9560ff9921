"""What a caller is told about a failure: one mapping for the JSON API and the UI.

Input errors are the caller's to fix, so their message is shown. Everything else (the
server's setup, an unreachable store or LLM) gets a generic message and a status, and
the details (paths, hosts, collection ids) go to the log only.
"""

from __future__ import annotations

import logging

from knowledge.errors import (
    BackendError,
    ConfigError,
    IndexMismatch,
    IndexMissing,
    LLMUnavailable,
    StoreUnavailable,
    UnknownComponent,
    UserError,
)

log = logging.getLogger(__name__)

#: user errors that are about the server's setup, not about the request
SETUP_ERRORS = (ConfigError, IndexMismatch, IndexMissing, UnknownComponent)


def public_error(exc: Exception, where: str) -> tuple[int, str, bool]:
    """(HTTP status, message safe to show, is it the caller's input) for `exc`; logs the details."""
    if isinstance(exc, SETUP_ERRORS):
        log.warning("server not ready (%s): %s", where, exc)
        return 503, "server not ready; the operator has details in the server log", False
    if isinstance(exc, UserError):
        return 400, str(exc), True
    if isinstance(exc, StoreUnavailable):
        log.warning("document store unavailable (%s): %s", where, exc)
        return 503, "backend unavailable: the document store did not answer; try again later", False
    if isinstance(exc, LLMUnavailable):
        log.warning("language model unavailable (%s): %s", where, exc)
        return 503, "backend unavailable: the language model did not answer; try again later", False
    if isinstance(exc, BackendError):
        log.warning("backend error (%s): %s", where, exc)
        return 503, "backend unavailable; try again later", False
    log.error("unexpected error (%s)", where, exc_info=exc)
    return 500, "internal error; see the server log", False
