"""The multilingual USE model in a process of its own, fed over stdin/stdout.

Why a process and not a thread: while the build's main thread runs Python (jieba, the
lexicon, Chroma's client code), a second thread's numpy calls wait for the GIL between
operations. Measured on the 2-core machine (load ~7): embedding 256 chunks took 21.9 s wall
beside a jieba thread against 7.0 s alone, for the same 2.3-2.7 s of CPU. A child process
embeds at full speed; its start costs ~1 s of CPU (numpy, the weights), paid once per write.

Protocol (both ends here): the parent writes a 4-byte little-endian length and a JSON list
of texts; the child answers with rows and columns (2 × 4 bytes) and the float32 rows,
exactly what `USEMultilingual.encode` returns for those texts in this process. End of
input ends the child, so it never outlives the write that started it.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from knowledge.errors import BackendError

_HEADER = struct.Struct("<I")
_SHAPE = struct.Struct("<II")


class EmbedWorker:
    """The parent's handle on one worker process."""

    def __init__(self, threads: int = 1) -> None:
        root = str(Path(__file__).resolve().parent.parent)  # the child imports this same `knowledge`
        self._stderr = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child never blocks on it
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "knowledge.embed_worker", str(threads)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin, self._stdout = self._proc.stdin, self._proc.stdout

    def encode(self, texts: list[str]) -> np.ndarray:
        """The model's rows for `texts` (BackendError, with the child's last words, if it died)."""
        try:
            data = json.dumps(texts, ensure_ascii=False).encode("utf-8")
            self._stdin.write(_HEADER.pack(len(data)) + data)
            self._stdin.flush()
            rows, dim = _SHAPE.unpack(_read(self._stdout, _SHAPE.size))
            body = _read(self._stdout, rows * dim * 4)
        except (OSError, EOFError) as exc:
            raise BackendError(f"the embedding worker stopped: {self._last_words() or exc}") from exc
        return np.frombuffer(body, dtype=np.float32).reshape(rows, dim)

    def _last_words(self) -> str:
        self._end()
        self._stderr.seek(0)
        words = self._stderr.read().decode("utf-8", "replace").strip()[-600:]
        self._stderr.close()
        return words

    def close(self) -> None:
        """End the child (end of its input) and reap it."""
        self._end()
        self._stderr.close()

    def _end(self) -> None:
        try:
            self._stdin.close()
        except OSError:  # the child is gone already: wait() reaps it
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._stdout.close()


def _read(stream, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError(f"expected {n} bytes, got {len(data)}")
    return data


def serve(threads: int) -> int:
    """The child: embed each request until the input ends."""
    from knowledge import use_model

    model = use_model.load(threads)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return 0
        texts = json.loads(_read(stdin, _HEADER.unpack(header)[0]))
        vectors = use_model.normalise(model.encode(texts)) if texts else np.zeros((0, 512), np.float32)
        stdout.write(_SHAPE.pack(*vectors.shape) + np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
        stdout.flush()


if __name__ == "__main__":
    raise SystemExit(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
