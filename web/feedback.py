"""The feedback log: one JSON line per 👍/👎 or comment, appended to the data dir.

Kept apart from the display code because it is the one thing the UI writes to disk,
and it must stay whole when several users (threads or server processes) write at once.
"""

import fcntl
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def feedback_record(turn: dict[str, Any], rating: str | None, comment: str, surface: str) -> dict[str, Any]:
    """One log line: the rating with what was rated (question, answer, citations) and where."""
    answer = turn.get("answer") or {}
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "surface": surface,
        "rating": rating,
        "comment": comment,
        "question": turn.get("question", ""),
        "answer": answer.get("answer", ""),
        "language": answer.get("language", ""),
        "generator": answer.get("generator", ""),
        "refused": answer.get("refused"),
        "citations": answer.get("citations", []),
    }


def append_feedback(path: Path, record: dict[str, Any]) -> None:
    """Append one JSON line; safe with concurrent writers (threads or processes).

    An exclusive flock around a single O_APPEND write keeps each record whole, even
    past the pipe-buffer size where plain appends may interleave.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
