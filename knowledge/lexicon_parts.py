"""The index lexicon's word counts per document version, so a write costs its own documents.

`knowledge.zh_en.IndexLexicon` needs, for every Chinese word of the index, the number of
chunks holding it. Counting means segmenting every chunk (8,546 chunks: ~30 s, 98 % of an
`add` at 50× the bundled corpus). The counts add up over documents, and a document version
never changes, so each version's counts are computed once, when it is first served, kept in
memory and saved under `<index_dir>/lexicon/<collection>/parts/`; a new generation's
lexicon is the sum of its documents' parts. A full build counts every document after all
their coined terms are known, exactly as before; an `add` counts only the new document (the
other documents keep the counts of the segmenter they were counted with, as their keyword
index shards keep their tokens).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from knowledge.atomic_file import write_atomic
from knowledge.zh_en import IndexLexicon, word_counts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Part:
    df: dict[str, int]
    chars: str
    chunks: int

    def to_json(self) -> str:
        return json.dumps({"df": self.df, "chars": self.chars, "chunks": self.chunks}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Part:
        data = json.loads(text)
        return cls(dict(data["df"]), str(data["chars"]), int(data["chunks"]))


#: (parts directory, doc_id, version) → counts: one index's parts are never another's (the segmenter
#: that counted them learnt that index's coined terms)
_parts: dict[tuple[str, str, str], Part] = {}
_lock = threading.Lock()


def _file(directory: Path, doc_id: str, version: str) -> Path:
    return directory / f"{hashlib.sha1(doc_id.encode()).hexdigest()[:16]}@{version}.json"


def part_of(index, doc_id: str, version: str, directory: Path) -> Part:
    """The word counts of one document version: from memory, its saved file, or counted now."""
    key = (str(directory), doc_id, version)
    with _lock:
        found = _parts.get(key)
    if found is not None:
        return found
    path = _file(directory, doc_id, version)
    part = None
    if path.is_file():
        try:
            part = Part.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            log.warning("recounting the unreadable lexicon part %s: %s", path, exc)
    if part is None:
        df, chars, n = word_counts(c.text for c in index.chunks(doc_id))
        part = Part(df, "".join(sorted(chars)), n)
        try:
            write_atomic(path, part.to_json())
        except OSError as exc:  # a read-only data dir still serves questions
            log.warning("cannot save the lexicon part %s: %s", path, exc)
    with _lock:
        _parts[key] = part
    return part


def merged_lexicon(index, directory: Path) -> IndexLexicon:
    """The lexicon of the index's generation: its documents' parts summed, in manifest order."""
    df: dict[str, int] = {}
    chars: set[str] = set()
    chunks = 0
    for doc_id, version in index.document_versions().items():
        part = part_of(index, doc_id, version, directory)
        for word, n in part.df.items():
            df[word] = df.get(word, 0) + n
        chars.update(part.chars)
        chunks += part.chunks
    return IndexLexicon.of_counts(df, chars, chunks)


def forget_except(index, directory: Path) -> None:
    """Drop the parts (memory and files) of document versions the generation no longer serves."""
    versions = index.document_versions()
    keep = {_file(directory, d, v).name for d, v in versions.items()}
    with _lock:
        for key in [k for k in _parts if k[0] == str(directory) and versions.get(k[1]) != k[2]]:
            del _parts[key]
    for old in directory.glob("*.json") if directory.is_dir() else ():
        if old.name not in keep:
            old.unlink(missing_ok=True)
