"""The index lexicon of a generation, summed from per-document word counts and published.

`knowledge.zh_en.IndexLexicon` needs, for every Chinese word of the index, the number of
chunks holding it. Counting means segmenting every chunk (8,546 chunks: ~30 s, 98 % of an
`add` at 50x the bundled corpus). The counts add up over documents, and a document version
never changes, so each version's counts (its *part*) are computed once, by the writer
that stores the version, and published with it (`knowledge.artifacts`), as is the merged
lexicon of every generation the writer commits. A reader (a replica with an empty data
dir, another machine) loads the generation's lexicon in one read and counts nothing, and
serves exactly the counts the writer served. A full build counts every document after
all their coined terms are known; an `add` counts only the new document (the other
documents keep the counts of the segmenter they were counted with, as their keyword
index shards keep their tokens).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from knowledge import artifacts
from knowledge.zh_en import IndexLexicon, word_counts


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


#: (artifacts of one index, doc_id, version) → counts: one index's parts are never another's
#: (the segmenter that counted them learnt that index's coined terms)
_parts: dict[tuple[str, str, str], Part] = {}
#: (artifacts of one index, generation) → its lexicon; the last few generations served
_lexicons: dict[tuple[str, str], IndexLexicon] = {}
_KEEP_LEXICONS = 4
_lock = threading.Lock()


def part_key(doc_id: str, version: str) -> str:
    return artifacts.key(artifacts.LEXICON_PART, f"{doc_id}@{version}")


def lexicon_key(generation: str) -> str:
    return artifacts.key(artifacts.LEXICON, generation)


def needed(manifest: dict) -> set[str]:
    """The artifact keys a generation's lexicon is made of (what a writer keeps after its commit)."""
    keys = {part_key(d["doc_id"], d["version"]) for d in manifest.get("docs", [])}
    return keys | {lexicon_key(manifest.get("generation", "empty"))}


def derive(index) -> tuple[IndexLexicon, dict[str, str]]:
    """The lexicon of the generation `index` (an index or a snapshot) serves, and the
    artifacts that were not published yet and had to be computed now (key → value)."""
    store = index.artifacts
    generation = index.generation
    with _lock:
        found = _lexicons.get((store.where, generation))
    if found is not None:
        return found, {}
    whole = lexicon_key(generation)
    versions = index.document_versions()
    with _lock:
        parts = {d: _parts.get((store.where, d, v)) for d, v in versions.items()}
    published = store.get([whole])  # a reader needs only this: the parts are for the writer of the next one
    new: dict[str, str] = {}
    if whole in published:
        lexicon = IndexLexicon.from_json(published[whole])
    else:
        published = store.get([part_key(d, versions[d]) for d, p in parts.items() if p is None])
        for doc_id, part in parts.items():
            if part is None:
                k = part_key(doc_id, versions[doc_id])
                if k in published:
                    part = Part.from_json(published[k])
                else:
                    df, chars, n = word_counts(c.text for c in index.chunks(doc_id))
                    part = Part(df, "".join(sorted(chars)), n)
                    new[k] = part.to_json()
                parts[doc_id] = part
        lexicon = _merged([p for p in parts.values() if p is not None])
        new[whole] = lexicon.to_json()
    with _lock:
        for doc_id, part in parts.items():
            if part is not None:
                _parts[(store.where, doc_id, versions[doc_id])] = part
        for stale in [x for x in _parts if x[0] == store.where and versions.get(x[1]) != x[2]]:
            del _parts[stale]  # versions the generation no longer serves
        _lexicons[(store.where, generation)] = lexicon
        while len(_lexicons) > _KEEP_LEXICONS:
            del _lexicons[next(iter(_lexicons))]
    return lexicon, new


def lexicon_of(index) -> IndexLexicon:
    """The generation's lexicon: from memory, as published, or (an index written before
    artifacts existed) summed and counted now and then published for the other readers."""
    lexicon, new = derive(index)
    if new:
        index.artifacts.offer(new)
    return lexicon


def _merged(parts: list[Part]) -> IndexLexicon:
    df: dict[str, int] = {}
    chars: set[str] = set()
    chunks = 0
    for part in parts:
        for word, n in part.df.items():
            df[word] = df.get(word, 0) + n
        chars.update(part.chars)
        chunks += part.chunks
    return IndexLexicon.of_counts(df, chars, chunks)
