"""What a writer derives from a generation, published in the store for every reader.

Some values derived from the indexed text cost far more than reading them: the lexicon's
word counts (segmenting every chunk: ~30 s at 50x the bundled corpus) and the sentence
alignment of a translation pair (~15 s of embedding). They used to be files in each
process's data dir, so every replica with its own disk (or none) recomputed them, and
got slightly different counts from a segmenter that had learnt other coined terms.

Now the writer computes them for what it changed *before its commit point* and stores
them in the collection `<collection>.artifacts` of the same Chroma (embedded or server):
a replica that sees a generation finds its artifacts already there, whatever its data
dir. Keys name what a value derives from, so a value never changes under its key:
`lexicon-part/<doc_id>@<version>`, `lexicon/<generation>`,
`alignment/<source>@<version>--<translation>@<version>.v<schema>`. Values are text (the
owners' JSON), zlib-compressed and base64-encoded (a Chroma document is text). A missing or unreadable
artifact is computed by whoever needs it and, on a Chroma server, published then (an
index written before artifacts existed heals on first read; an embedded store, whose
files only the writer holding the write guard may change, at its next write). After each commit the writer deletes the
artifacts no generation it serves (or the one before) names.
"""

from __future__ import annotations

import base64
import binascii
import logging
import zlib

from knowledge.errors import XinzhiError

log = logging.getLogger(__name__)

LEXICON_PART, LEXICON, ALIGNMENT = "lexicon-part", "lexicon", "alignment"
#: the log line of a reader computing artifacts itself (a test checks that replicas never do)
COMPUTED_BY_READER = "computed %d artifacts the store did not hold, publishing them: %s"


def key(kind: str, name: str) -> str:
    return f"{kind}/{name}"


def kind_of(artifact_key: str) -> str:
    return artifact_key.split("/", 1)[0]


def encode(value: str) -> str:
    return base64.b64encode(zlib.compress(value.encode(), 6)).decode("ascii")


def decode(stored: str) -> str:
    return zlib.decompress(base64.b64decode(stored, validate=True)).decode()


class Artifacts:
    """The published artifacts of one index (its store's `<collection>.artifacts`)."""

    def __init__(self, store):
        self.store = store
        #: names this index's artifacts in process-wide caches (two indexes never share one)
        self.where = f"{store.where}#{store.settings.collection}"

    def get(self, keys: list[str]) -> dict[str, str]:
        """key → value of the keys published and readable; an unreadable one is left out (recomputed)."""
        out = {}
        for k, text in self.store.read_artifacts(keys).items():
            try:
                out[k] = decode(text)
            except (ValueError, zlib.error, binascii.Error) as exc:  # UnicodeError is a ValueError
                log.warning("recomputing the unreadable artifact %s: %s", k, exc)
        return out

    def put(self, values: dict[str, str]) -> None:
        """Publish values (a writer before its commit point, or a reader that had to compute one)."""
        self.store.write_artifacts({k: encode(v) for k, v in values.items()}, {k: kind_of(k) for k in values})

    def offer(self, values: dict[str, str]) -> None:
        """`put` for a reader that had to compute what the store did not hold (an index written
        before artifacts existed): a store that refuses the write costs only the sharing."""
        log.warning(COMPUTED_BY_READER, len(values), ", ".join(sorted(values)))
        if not self.store.settings.chroma_host:
            return  # an embedded store takes writes only under the write guard: the next write publishes them
        try:
            self.put(values)
        except XinzhiError as exc:
            log.warning("cannot publish %d artifacts: %s", len(values), exc)

    def keep_only(self, keep: set[str]) -> None:
        """Delete every artifact not in `keep` (after a commit: what no served generation names)."""
        stale = [k for k in self.store.artifact_keys() if k not in keep]
        if stale:
            self.store.delete_artifacts(stale)
