"""One root exception for the whole product.

User errors (bad question, missing file, wrong config) are kept apart from backend
errors (Chroma down, LLM unreachable) so the edges (CLI, app, API) can turn each
into a message without a stack trace, and so callers can decide what to retry.
This module lives in `knowledge/` because it is the lowest layer: `assistant/`,
`eval/` and `web/` import downward from here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


class XinzhiError(Exception):
    """Root of every error this product raises on purpose."""

    #: exit code used by the command line for this class of error
    exit_code: int = 1


class UserError(XinzhiError):
    """The user can fix this: bad input, bad path, bad setting."""

    exit_code = 2


class ConfigError(UserError):
    """A setting (env `XQA_*` or config file) is unknown or invalid."""


class InvalidQuestion(UserError):
    """Empty, overlong or otherwise unusable question."""


class DocumentError(UserError):
    """A document cannot be read: missing, empty, binary, encrypted, corrupt, too big."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnknownComponent(UserError):
    """A registry lookup (embedder, generator, ...) named something that does not exist."""

    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(sorted(known)) or '(none)'}")
        self.kind = kind
        self.name = name
        self.known = known


class IndexMismatch(UserError):
    """The stored index was built with another embedder; it must be rebuilt."""


class IndexMissing(UserError):
    """No index has been built yet."""


class BackendError(XinzhiError):
    """Something outside the user's input failed: vector store, LLM server, model load."""

    exit_code = 3


class StoreUnavailable(BackendError):
    """The Chroma server (or local store) cannot be reached or opened."""


class IndexBusy(BackendError):
    """Another writer holds the index's write guard for longer than the configured wait."""


class WriteConflict(BackendError):
    """Another writer committed while this one was writing; nothing of this write was committed."""


class RecordsGone(BackendError):
    """The records collection a reader used was replaced by a rebuild and dropped."""


class StoreCorrupt(BackendError):
    """The stored index cannot be read (damaged database file, broken manifest)."""


class LLMUnavailable(BackendError):
    """The configured LLM server is unreachable, timed out, or answered with an error."""


def run_cli(main: Callable[[], int]) -> int:
    """Run a command-line entry point, turning our errors into one line on stderr.

    This is the only place errors become messages for the terminal; the code below
    it raises typed errors and never prints them.
    """
    try:
        return main()
    except XinzhiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
