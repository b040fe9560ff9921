"""A writer process of the fault suite: `python tests/fault_writer.py SEED FILE...`.

Adds the files one `add` call at a time after a random pause (so two writers'
calls interleave differently on every run) and prints one JSON line per file.
Settings come from the environment (`XQA_*`), as for the CLI.
"""

from __future__ import annotations

import json
import random
import sys
import time


def main(argv: list[str]) -> int:
    from knowledge.index import KnowledgeIndex
    from knowledge.settings import Settings

    rng = random.Random(int(argv[0]))
    index = KnowledgeIndex.open(Settings.load())
    for path in argv[1:]:
        time.sleep(rng.uniform(0.0, 0.4))
        result = index.add([path], progress=False).files[0]
        print(
            json.dumps(
                {
                    "path": path,
                    "status": result.status,
                    "doc_id": result.doc_id,
                    "chunks": result.chunks,
                    "error": result.error,
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
