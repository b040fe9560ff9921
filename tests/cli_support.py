"""Running the `python -m knowledge` command line as a user does: a child process, the repository as
its working directory, settings only from the given data dir (none inherited from the test's env)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_knowledge(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XQA_")}
    env["XQA_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
