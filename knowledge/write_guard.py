"""One writer at a time per index, across processes and machines.

Every write (build, add, rebuild) holds a guard from before it reads the committed
manifest until after it has written the new one, so no writer starts from a manifest
another writer is about to replace (that is how two concurrent `add`s used to lose a
document). Two kinds, picked by the store:

- **local store**: an exclusive `flock` on `<index_dir>/write.lock`. The kernel drops
  it when the holder dies (even by `kill -9`), so a crash never blocks the next writer.
- **Chroma server**: a *lease* kept in the server itself, so writers on different
  machines see it: a collection `<collection>.writelock` whose creation is atomic
  (Chroma refuses a second collection of the same name) and whose metadata names the
  holder and an expiry the holder renews from a heartbeat thread. A lease left by a
  dead writer expires after `TTL_S` and is then broken by the next writer.

A lease can in principle be broken under a writer that stalled for longer than the
TTL; `verify()` is called just before the commit point, and the index also compares
the manifest generation it started from with the committed one (compare-and-swap), so
such a writer fails loudly (`WriteConflict`) instead of overwriting the other's work.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import threading
import time
import uuid
from pathlib import Path

from knowledge.errors import IndexBusy, StoreUnavailable, WriteConflict

#: seconds a server lease lives without renewal (a dead writer blocks others this long)
TTL_S = 30.0
#: how often a waiting writer looks at the guard again
_POLL_S = 0.2


def _holder() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}"


class FileGuard:
    """Exclusive `flock` on a file next to the local store."""

    def __init__(self, path: Path, timeout_s: float):
        self.path = Path(path)
        self.timeout_s = timeout_s
        self._fd: int | None = None

    def __enter__(self) -> FileGuard:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreUnavailable(os_problem(self.path.parent, exc)) from exc
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_quietly(fd)
                    os.close(fd)
                    raise IndexBusy(
                        f"another writer ({holder or 'unknown process'}) is still writing the index at "
                        f"{self.path.parent} after {self.timeout_s:g} s; try again when it has finished "
                        f"(XQA_WRITE_TIMEOUT_S sets the wait)"
                    ) from None
                time.sleep(_POLL_S)
        with contextlib.suppress(OSError):  # who holds it: for the message of a waiting writer only
            os.ftruncate(fd, 0)
            os.pwrite(fd, _holder().encode(), 0)
        self._fd = fd
        return self

    def verify(self) -> None:
        """A kernel lock cannot be lost while the process lives: nothing to check."""

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _read_quietly(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def os_problem(where: Path, exc: OSError) -> str:
    """One line saying what went wrong with a data dir and what to do about it."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the data dir {where} is not writable ({exc.strerror}); fix its permissions or set XQA_DATA_DIR"
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device of {where}; free some space and run the command again"
    return f"cannot use {where}: {exc.strerror or exc}"


class LeaseGuard:
    """A lease in the Chroma server: a collection that only one writer can create."""

    def __init__(self, client, name: str, timeout_s: float, ttl_s: float = TTL_S):
        self._client = client
        self.name = name
        self.timeout_s = timeout_s
        self.ttl_s = ttl_s
        self.token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def _metadata(self) -> dict:
        return {"xqa_owner": self.token, "xqa_holder": _holder(), "xqa_expires": time.time() + self.ttl_s}

    def _current(self) -> dict | None:
        from chromadb.errors import NotFoundError

        try:
            return dict(self._client.get_collection(self.name, embedding_function=None).metadata or {})
        except NotFoundError:
            return None

    def __enter__(self) -> LeaseGuard:
        from chromadb.errors import ChromaError

        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                self._client.create_collection(self.name, metadata=self._metadata(), embedding_function=None)
                break
            except ChromaError:  # it exists: another writer holds the lease (or held it and died)
                held = self._current()
                if held is not None and float(held.get("xqa_expires", 0)) < time.time():
                    self._break(held)
                    continue
                if time.monotonic() >= deadline:
                    who = (held or {}).get("xqa_holder", "unknown process")
                    raise IndexBusy(
                        f"another writer ({who}) holds the write lease {self.name!r} on the Chroma server after "
                        f"{self.timeout_s:g} s; try again when it has finished (XQA_WRITE_TIMEOUT_S sets the wait)"
                    ) from None
                time.sleep(_POLL_S)
        self._heartbeat = threading.Thread(target=self._renew, name="xqa-lease", daemon=True)
        self._heartbeat.start()
        return self

    def _break(self, held: dict) -> None:
        """Delete an expired lease, unless someone renewed or replaced it meanwhile."""
        from chromadb.errors import NotFoundError

        again = self._current()
        if again is None or again.get("xqa_owner") != held.get("xqa_owner"):
            return
        with contextlib.suppress(NotFoundError):
            self._client.delete_collection(self.name)

    def _renew(self) -> None:
        while not self._stop.wait(self.ttl_s / 3):
            try:
                held = self._current()
                if held is None or held.get("xqa_owner") != self.token:
                    self._lost.set()
                    return
                self._client.get_collection(self.name, embedding_function=None).modify(metadata=self._metadata())
            except Exception:  # noqa: BLE001 - a failed renewal is reported by verify(), not here
                self._lost.set()
                return

    def verify(self) -> None:
        """Raise WriteConflict if the lease is no longer ours (it expired and was broken)."""
        held = self._current()
        if self._lost.is_set() or held is None or held.get("xqa_owner") != self.token:
            raise WriteConflict(
                f"the write lease {self.name!r} was taken over by another writer "
                f"({(held or {}).get('xqa_holder', 'unknown')}) while this one was running; nothing was committed, "
                f"run the command again"
            )

    def __exit__(self, *exc_info) -> None:
        from chromadb.errors import NotFoundError

        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=5)
        held = self._current()
        if held is not None and held.get("xqa_owner") == self.token:
            with contextlib.suppress(NotFoundError):
                self._client.delete_collection(self.name)
