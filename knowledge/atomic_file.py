"""Write a file so that readers in other processes see the old or the new content, never half.

One primitive for the caches a process keeps on local disk (today the parsed CC-CEDICT: what an
index derives from its documents is published in the store, `knowledge.artifacts`): write a
temporary file beside the target, then rename it.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """`data` into `path` (text as UTF-8), creating its folder; OSError if it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)
