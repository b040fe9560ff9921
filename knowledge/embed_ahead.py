"""Embed a write's texts ahead, on the second core, while the write does its other work.

Why: a full build embedded the chunks, then (after the Chroma upserts) the sentence spans
of the translation pair's alignment, one after the other, while jieba tokenizing, the
upserts and the lexicon kept the second core idle. A background thread walks the plan and
hands each call to the embedder's worker process (`knowledge.embed_worker`: a thread's
numpy calls would wait for the GIL while the main thread runs Python), or embeds it itself
for an embedder without one or a plan too small to pay a worker's start. The write's
steps stay as they were: when a step asks its embedder for texts planned here
(`Embedder.embed` consults `Embedder.ahead`), it takes the vectors already made, waits
for those being made, and embeds the ones nobody has started itself, helping with the
rest of the plan while it waits. The plan holds the same texts in the same calls as the
steps make (the store's batches, one call per aligned stretch), so the vectors are
bit-identical to embedding them in the steps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from knowledge.embedders import Embedder
from knowledge.errors import BackendError
from knowledge.models import in_index_order

if TYPE_CHECKING:
    from knowledge.models import Chunk

log = logging.getLogger(__name__)
_PENDING, _RUNNING, _DONE = "pending", "running", "done"
#: fewest planned texts for which the thread starts a worker process. An `add` of one small document
#: (3 chunks) took 1.9-4.1 s with a worker, 0.5-0.6 s without (1x, load 9-12). Measured (load ~8,
#: CPU time): starting a worker and embedding one text 0.81-0.87 s of the child's CPU; embedding the
#: paper's chunks in-process 0.27 s for 32, 0.58 s for 64, 0.67 s for 128. Below ~64 texts a worker
#: costs more CPU than it takes off the main thread; the value is not tuned beyond that (on an idle
#: second core a worker's start overlaps the main thread's work, which favours a lower value).
WORKER_MIN_TEXTS = 64


class EmbedAhead:
    """Embedding calls (embedder, texts) run in order by a background thread; `take` serves them."""

    def __init__(self, calls: Sequence[tuple[Embedder, list[str]]], progress: bool = False) -> None:
        self._calls = [(e, list(texts)) for e, texts in calls if texts]
        self._state = [_PENDING] * len(self._calls)
        self._owner: dict[tuple[int, str], int] = {}
        for k, (embedder, texts) in enumerate(self._calls):
            for t in texts:
                self._owner.setdefault((id(embedder), t), k)
        self._vectors: dict[tuple[int, str], np.ndarray] = {}
        self._cond = threading.Condition()
        self._error: BaseException | None = None
        self._closed = False
        self._progress = progress
        self._bar: Any = None
        self._thread = threading.Thread(target=self._run, name="embed-ahead", daemon=True)

    # ------------------------------------------------------------------ lifetime
    def __enter__(self) -> EmbedAhead:
        if not self._calls:
            return self
        from tqdm import tqdm

        total = sum(len(t) for _, t in self._calls)
        self._bar = tqdm(total=total, desc="embedding", unit="text", disable=not self._progress, leave=False)
        for embedder in {id(e): e for e, _ in self._calls}.values():
            embedder.ahead = (*embedder.ahead, self)
        self._thread.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._calls:
            return
        with self._cond:
            self._closed = True
        self._thread.join()
        for embedder in {id(e): e for e, _ in self._calls}.values():
            embedder.ahead = tuple(p for p in embedder.ahead if p is not self)
        self._bar.close()
        if self._error is not None:
            if exc is None:
                raise self._error
            log.warning("embedding ahead also failed (the write failed first): %r", self._error)

    # ------------------------------------------------------------------ work
    def _claim(self, k: int) -> bool:
        """Mark call k as being made by the caller (the lock is held)."""
        if self._state[k] != _PENDING:
            return False
        self._state[k] = _RUNNING
        return True

    def _make(self, k: int, encode=None) -> None:
        embedder, texts = self._calls[k]
        try:
            vectors = (encode or embedder.encode)(texts)
        except BaseException:
            with self._cond:
                self._state[k] = _PENDING  # not made: whoever needs it makes it
                self._cond.notify_all()
            raise
        with self._cond:
            for t, v in zip(texts, vectors):
                self._vectors[(id(embedder), t)] = v
            self._state[k] = _DONE
            self._cond.notify_all()
        self._bar.update(len(texts))

    def _run(self) -> None:
        """The background thread: the calls in plan order, skipping those a step took, each
        sent to its embedder's worker process (`Embedder.start_worker`) if it has one."""
        workers: dict[int, Any] = {}
        try:
            for k in range(len(self._calls)):
                with self._cond:
                    if self._closed or not self._claim(k):
                        continue
                embedder = self._calls[k][0]
                if id(embedder) not in workers:
                    big = sum(len(t) for e, t in self._calls if e is embedder) >= WORKER_MIN_TEXTS
                    workers[id(embedder)] = embedder.start_worker() if big else None
                worker = workers[id(embedder)]
                try:
                    self._make(k, worker.encode if worker is not None else None)
                except BackendError as exc:
                    if worker is None:
                        raise
                    # the worker died (killed, out of memory): go on in this process
                    log.warning("embedding in-process from here: %s", exc)
                    workers[id(embedder)] = None
                    with self._cond:
                        if not self._claim(k):
                            continue
                    self._make(k)
        except BaseException as exc:  # noqa: BLE001 - raised to the step that waits for it, or at exit
            with self._cond:
                self._error = exc
                self._cond.notify_all()
        finally:
            for worker in workers.values():
                if worker is not None:
                    worker.close()

    # ------------------------------------------------------------------ the steps' side
    def covers(self, embedder: Embedder, texts: list[str]) -> bool:
        return any((id(embedder), t) in self._owner for t in texts)

    def take(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Vectors of `texts`: made ahead, or made now by this thread (the planned calls it
        needs that nobody started, then any other call not started while it waits)."""
        key = id(embedder)
        needed = sorted({self._owner[(key, t)] for t in texts if (key, t) in self._owner})
        while True:
            with self._cond:
                if self._error is not None:
                    raise self._error
                waiting = [k for k in needed if self._state[k] != _DONE]
                if not waiting:
                    break
                mine = next((k for k in waiting if self._claim(k)), None)
                if mine is None:  # all being made by the other thread: help with the plan's tail
                    mine = next((k for k in reversed(range(len(self._calls))) if self._claim(k)), None)
                if mine is None:
                    self._cond.wait()
                    continue
            self._make(mine)
        found = [self._vectors.get((key, t)) for t in texts]
        missing = [i for i, r in enumerate(found) if r is None]
        made = dict(zip(missing, embedder.encode([texts[i] for i in missing]))) if missing else {}  # outside the plan
        rows = [r if r is not None else made[i] for i, r in enumerate(found)]
        return np.stack(rows).astype(np.float32, copy=False)


# ---------------------------------------------------------------------- a write's plan
def chunk_calls(embedder: Embedder, chunks: list[Chunk], batch: int) -> list[tuple[Embedder, list[str]]]:
    """The store's embedding calls for these chunks' records (its batches, in order)."""
    texts = [c.search_text for c in chunks]
    return [(embedder, texts[i : i + batch]) for i in range(0, len(texts), batch)]


def alignment_calls(
    documents: dict[str, tuple[str, list[Chunk]]], changed: set[str]
) -> list[tuple[Embedder, list[str]]]:
    """The alignment's embedding calls for every translation pair with a changed side.

    `documents`: doc_id → (the document it translates or "", its chunks in index order).
    """
    from knowledge.alignment import ALIGNMENT_EMBEDDER, embedding_calls
    from knowledge.embedders import get_embedder

    calls: list[tuple[Embedder, list[str]]] = []
    for doc_id, (original, chunks) in documents.items():
        if original in documents and changed & {doc_id, original}:
            embedder = get_embedder(ALIGNMENT_EMBEDDER)
            calls += [(embedder, texts) for texts in embedding_calls(documents[original][1], chunks)]
    return calls


@contextmanager
def for_write(index: Any, changed: list[Any], progress: bool = False) -> Iterator[None]:
    """Embed ahead what a write of `changed` (the index's prepared documents) will embed:
    their chunks' records, then the alignments of translation pairs with a changed side."""
    from knowledge.vector_store import BATCH

    ids = {p.meta.doc_id for p in changed}
    originals = {d["doc_id"]: d.get("translation_of", "") for d in index.manifest().get("docs", [])}
    originals.update({p.meta.doc_id: p.meta.translation_of for p in changed})
    paired = {d for d, o in originals.items() if o in originals and ids & {d, o}}
    paired |= {originals[d] for d in paired}
    fresh = {p.meta.doc_id: in_index_order(p.chunks) for p in changed}
    documents = {d: (originals[d], fresh[d] if d in fresh else index.chunks(d)) for d in paired}
    calls = chunk_calls(index.embedder, [c for p in changed for c in p.chunks], BATCH)
    calls += alignment_calls(documents, ids)
    with EmbedAhead(calls, progress):
        yield
