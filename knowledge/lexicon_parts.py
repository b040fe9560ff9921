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

The next generation's lexicon is the previous one updated by the parts of the documents
that changed (`Sum.advanced`: their old parts subtracted, their new ones added), not a sum
over every document: summing 100 documents' parts took 0.28 s of every `add` at 50x the
bundled corpus. The published lexicon carries, per character, how many parts hold it, so
a writer process that never summed starts from the lexicon of the generation it serves.
The result equals the sum over all parts (`tests/test_lexicon_parts.py`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge import artifacts
from knowledge.zh_en import IndexLexicon, ZhEnDictionary, readings_of, word_counts


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


@dataclass(frozen=True)
class Sum:
    """A generation's lexicon and what updating it takes: the document versions it sums and,
    per character, how many of their parts hold it (a character leaves with its last part).
    `char_parts` None: read from a lexicon published without them (only a full sum follows)."""

    versions: dict[str, str]
    char_parts: dict[str, int] | None
    lexicon: IndexLexicon

    def to_json(self) -> str:
        return self.lexicon.to_json(char_parts=self.char_parts)

    @classmethod
    def from_json(cls, versions: dict[str, str], text: str) -> Sum:
        data = json.loads(text)
        char_parts = data.get("char_parts")
        return cls(dict(versions), dict(char_parts) if char_parts is not None else None, IndexLexicon.from_data(data))

    def advanced(self, versions: dict[str, str], removed: Iterable[Part], added: Iterable[Part]) -> Sum:
        """The sum for `versions`: this one without the `removed` parts, with the `added` ones."""
        assert self.char_parts is not None, "a lexicon published without char_parts cannot be updated"
        old = self.lexicon
        df, char_parts, chunks = dict(old.df), dict(self.char_parts), old.chunks
        removed, added = list(removed), list(added)
        for part in removed:
            chunks -= part.chunks
            _subtract(df, part.df.items())
            _subtract(char_parts, ((ch, 1) for ch in part.chars))
        for part in added:
            chunks += part.chunks
            for word, n in part.df.items():
                df[word] = df.get(word, 0) + n
            for ch in part.chars:
                char_parts[ch] = char_parts.get(ch, 0) + 1
        senses = dict(old.dictionary.senses)
        readings = dict(old.readings)
        for part in removed:
            for word in part.df:
                if word not in df:
                    senses.pop(word, None)
            for ch in part.chars:
                if ch not in char_parts:
                    readings.pop(ch, None)
        new_words = {w for p in added for w in p.df if w not in old.df}
        new_chars = {ch for p in added for ch in p.chars if ch not in self.char_parts}
        if new_words:  # (the dictionary is loaded only for words it was not asked about yet)
            senses.update(ZhEnDictionary.for_vocabulary(new_words).senses)
        if new_chars:
            readings.update(readings_of(new_chars))
        return Sum(dict(versions), char_parts, IndexLexicon(senses, df, chunks, readings))


EMPTY = Sum({}, {}, IndexLexicon({}, {}, 0))


def _subtract(counts: dict[str, int], items: Iterable[tuple[str, int]]) -> None:
    for key, n in items:
        left = counts[key] - n
        if left:
            counts[key] = left
        else:
            del counts[key]


#: (artifacts of one index, doc_id, version) → counts: one index's parts are never another's
#: (the segmenter that counted them learnt that index's coined terms)
_parts: dict[tuple[str, str, str], Part] = {}
#: (artifacts of one index, generation) → its lexicon; the last few generations served
_lexicons: dict[tuple[str, str], IndexLexicon] = {}
_KEEP_LEXICONS = 4
#: artifacts of one index → the last sum made or read for it (what the next one is updated from)
_sums: dict[str, Sum] = {}
_lock = threading.Lock()


def part_key(doc_id: str, version: str) -> str:
    return artifacts.key(artifacts.LEXICON_PART, f"{doc_id}@{version}")


def lexicon_key(generation: str) -> str:
    return artifacts.key(artifacts.LEXICON, generation)


def needed(manifest: dict) -> set[str]:
    """The artifact keys a generation's lexicon is made of (what a writer keeps after its commit)."""
    keys = {part_key(d["doc_id"], d["version"]) for d in manifest.get("docs", [])}
    return keys | {lexicon_key(manifest.get("generation", "empty"))}


def derive(index, previous=None) -> tuple[IndexLexicon, dict[str, str]]:
    """The lexicon of the generation `index` (an index or a snapshot) serves, and the
    artifacts that were not published yet and had to be computed now (key → value).

    `previous`: the snapshot a writer replaces (its published lexicon is the starting point
    when this process has none in memory)."""
    store = index.artifacts
    generation = index.generation
    with _lock:
        found = _lexicons.get((store.where, generation))
    if found is not None:
        return found, {}
    whole = lexicon_key(generation)
    versions = index.document_versions()
    published = store.get([whole])  # a reader needs only this: the parts are for the writer of the next one
    new: dict[str, str] = {}
    if whole in published:
        total = Sum.from_json(versions, published[whole])
    else:
        base = _base(store, previous)
        gone = {d: v for d, v in base.versions.items() if versions.get(d) != v}
        removed = _parts_of(store, gone) if base.char_parts is not None else None
        if removed is None:  # the parts to subtract are gone (or not counted per character): sum all
            base, removed = EMPTY, []
        came = {d: v for d, v in versions.items() if base.versions.get(d) != v}
        added = _parts_of(store, came, index, new)
        assert added is not None
        total = base.advanced(versions, removed, added)
        new[whole] = total.to_json()
    with _lock:
        for stale in [x for x in _parts if x[0] == store.where and versions.get(x[1]) != x[2]]:
            del _parts[stale]  # versions the generation no longer serves
        _sums[store.where] = total
        _lexicons[(store.where, generation)] = total.lexicon
        while len(_lexicons) > _KEEP_LEXICONS:
            del _lexicons[next(iter(_lexicons))]
    return total.lexicon, new


def _base(store, previous) -> Sum:
    """What the next sum starts from: the last one made or read here, else the published
    lexicon of the generation `previous` serves, else nothing."""
    with _lock:
        base = _sums.get(store.where)
    if base is not None or previous is None:
        return base or EMPTY
    key = lexicon_key(previous.generation)
    published = store.get([key])
    return Sum.from_json(previous.document_versions(), published[key]) if key in published else EMPTY


def _parts_of(store, versions: dict[str, str], index=None, new: dict[str, str] | None = None) -> list[Part] | None:
    """The parts of these document versions: from memory, as published, or (with `index`,
    which serves them) counted now and added to `new`; None if one is nowhere."""
    with _lock:
        parts = {d: _parts.get((store.where, d, v)) for d, v in versions.items()}
    published = store.get([part_key(d, versions[d]) for d, p in parts.items() if p is None])
    for doc_id, part in parts.items():
        if part is not None:
            continue
        k = part_key(doc_id, versions[doc_id])
        if k in published:
            part = Part.from_json(published[k])
        elif index is not None and new is not None:
            df, chars, n = word_counts(c.text for c in index.chunks(doc_id))
            part = Part(df, "".join(sorted(chars)), n)
            new[k] = part.to_json()
        else:
            return None
        parts[doc_id] = part
    with _lock:
        _parts.update({(store.where, d, versions[d]): p for d, p in parts.items() if p is not None})
    return [p for p in parts.values() if p is not None]


def lexicon_of(index) -> IndexLexicon:
    """The generation's lexicon: from memory, as published, or (an index written before
    artifacts existed) summed and counted now and then published for the other readers."""
    lexicon, new = derive(index)
    if new:
        index.artifacts.offer(new)
    return lexicon
