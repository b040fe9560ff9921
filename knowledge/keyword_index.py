"""BM25 over the same chunks as the vector store, for exact terms embeddings blur.

Numbers (76.6ZB, 4.0, 5G), coined terms and names are where a dense model is weakest
and a keyword match is strongest. Chinese is segmented with jieba in search mode (a
compound is kept whole *and* its dictionary sub-words are emitted); ASCII runs are split
by a regex first so numbers with units stay one token; English words are lowercased,
plurals folded and stop words dropped.

Coined terms jieba does not know are derived from each document's own text when it is
indexed (`derive_terms`: terms in quotation marks, and runs of jieba tokens that recur
as one unit) and added to the segmenter of every process that serves the document, so
nothing here knows any particular text.

The index is *sharded per document*: each document version's chunks are tokenized once,
when the document is written, and the token lists travel with its records in Chroma.
A `KeywordIndex` stacks the shards and computes the global statistics (document
frequencies, average length) over them, so adding one document costs its own
tokenization plus a cheap re-stack, and a replica never needs a local file.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.abbreviations import list_abbreviations
from knowledge.text import EN_FUNCTION_WORDS, HAN_CLASS, HAN_RANGES, arabic_years, singular

#: BM25 parameters (Lucene's variant, as bm25s computed it before: scores are unchanged)
K1, B = 1.5, 0.75
#: derived terms: length in characters, how often a token run must recur, how many per document
_TERM_CHARS = (3, 8)
_MIN_RUNS = 3
_TERMS_PER_DOC = 80
_QUOTED = re.compile(rf"[“「『\"]({HAN_CLASS}{{2,8}})[”」』\"]")
_HAN = re.compile(rf"^{HAN_CLASS}+$")

_ZH_STOP = frozenset(
    "的 了 和 与 及 是 在 对 将 把 被 也 都 而 又 并 或 等 之 其 为 以 于 中 上 下 这 那 个 些 着 从 向 "
    "吗 呢 吧 啊 什么 哪些 怎么 怎样 如何 为什么 哪 有 有何 是否 我们 我国 一个".split()
)

_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%'’+\-]*")
_ASCII_TOKEN = re.compile(r"\d+(?:\.\d+)*[A-Za-z%]*|[A-Za-z]+(?:['’][A-Za-z]+)?")

_jieba: dict[str, object] = {}
_jieba_lock = threading.Lock()
_added: set[str] = set()
#: the plain jieba dictionary (`segment`, `derive_terms`: stable whatever is indexed) and the
#: keyword tokenizer's (plus the terms derived from the indexed documents)
BASE, KEYWORD = "base", "keyword"


#: jieba's default dictionary (word → frequency, total) as loaded from its cache, before any term is added
_dictionary: tuple[dict[str, int], int] | None = None


def _load_dictionary(tokenizer) -> None:
    """Give a jieba Tokenizer the default dictionary: read from jieba's cache once per process
    (~1 s), then copied (~20 ms) for every other tokenizer, jieba's global one included (the
    part-of-speech tagger `jieba.posseg` uses it), instead of each reading the cache again."""
    global _dictionary
    if _dictionary is None:
        tokenizer.initialize()
        _dictionary = (dict(tokenizer.FREQ), tokenizer.total)
        return
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = dict(_dictionary[0]), _dictionary[1]
            tokenizer.initialized = True


def _segmenter(kind: str = KEYWORD):
    """A private jieba Tokenizer of that kind, initialised once, quietly."""
    if kind not in _jieba:
        with _jieba_lock:
            if kind not in _jieba:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                _load_dictionary(tk)
                _load_dictionary(jieba.dt)  # a no-op once jieba initialised it itself
                _jieba[kind] = tk
    return _jieba[kind]


def add_terms(terms: Iterable[str]) -> None:
    """Teach the segmenter terms derived from indexed documents (idempotent, cumulative).

    jieba's total frequency is kept as it was: it scales every word's probability, so growing it
    with each term changed how text *without* any of the terms is cut (1,000 terms re-cut 较快增长).
    With the total fixed, a term changes the tokens of exactly the texts it occurs in, which is what
    lets `KnowledgeIndex._recut` re-tokenize only those. (Before both changes, the stored tokens of 590
    of the 1,342 chunks of the bundled and external texts differed from what their text cut to.)"""
    new = [t for t in terms if t not in _added]
    if not new:
        return
    seg = _segmenter(KEYWORD)
    with _jieba_lock:
        total = seg.total
        for term in new:
            seg.add_word(term, freq=200_000)
            _added.add(term)
        seg.total = total


def derive_terms(text: str) -> list[str]:
    """Coined terms of one document, from its own text: quoted terms, and runs of 2-3
    jieba tokens (3-8 Han characters, first and last token two characters or more) that
    recur as one unit at least `_MIN_RUNS` times with different characters on both sides
    (a run always followed by the same character is a fragment of a longer word).

    A shorter run that only ever occurs inside a longer kept one is dropped. At most
    `_TERMS_PER_DOC`, most frequent first, after the numbered abbreviations of its lists (`knowledge.abbreviations`).
    """
    text = unicodedata.normalize("NFKC", text)
    quoted = Counter(m.group(1) for m in _QUOTED.finditer(text))
    seg = _segmenter(BASE)
    runs: Counter[str] = Counter()
    sides: dict[str, tuple[set[str], set[str]]] = {}
    for piece in re.split(f"[^{HAN_RANGES}]+", text):
        if len(piece) < _TERM_CHARS[0]:
            continue
        words = list(seg.cut(piece, HMM=False))
        starts = np.cumsum([0] + [len(w) for w in words])
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if len(gram[0]) < 2 or len(gram[-1]) < 2 or any(w in _ZH_STOP for w in gram):
                    continue  # a run opening or closing on one character is mostly a fragment
                joined = "".join(gram)
                if not _TERM_CHARS[0] <= len(joined) <= _TERM_CHARS[1]:
                    continue
                runs[joined] += 1
                left, right = sides.setdefault(joined, (set(), set()))
                a, b = starts[i], starts[i + n]
                left.add(piece[a - 1] if a > 0 else f"^{len(left)}")  # a piece boundary counts as new each time
                right.add(piece[b] if b < len(piece) else f"${len(right)}")
    frequent = {
        t: c
        for t, c in runs.items()
        if c >= _MIN_RUNS and _HAN.match(t) and len(sides[t][0]) >= 2 and len(sides[t][1]) >= 2
    }
    closed = {t: c for t, c in frequent.items() if not any(t != o and t in o and oc >= c for o, oc in frequent.items())}
    ranked = sorted(closed.items(), key=lambda tc: (-tc[1], -len(tc[0]), tc[0]))
    terms = [t for t, _ in quoted.most_common() if len(t) >= 2]
    terms += [t for t, _ in ranked if t not in quoted]
    # a list's numbered abbreviation (六稳) is a word a question uses for it: cut whole, it is the token the list's
    # text holds (`_tokenize`)
    return list(dict.fromkeys([*list_abbreviations(text), *terms[:_TERMS_PER_DOC]]))


def segment(text: str) -> list[str]:
    """jieba words of a text (accurate mode, plain dictionary: the same whatever is indexed), spaces dropped."""
    return [w for w in _segmenter(BASE).lcut(unicodedata.normalize("NFKC", text)) if w.strip()]


def _keep_zh(token: str) -> bool:
    return token not in _ZH_STOP and any(ch.isalnum() for ch in token)


#: bumped whenever `tokenize` changes what it returns: it is part of every document's stored version, so an
#: index built with other tokens is rebuilt, not searched with tokens its questions no longer produce
#: (3: a derived term changes only the texts it occurs in, `add_terms`; 4: a list's numbered abbreviation is a token of
#: the text holding the list, `knowledge.abbreviations`)
TOKENIZER_VERSION = 4


#: texts up to this long (questions and keyword queries) have their tokens remembered (`_query_tokens`)
_REMEMBERED_CHARS = 512


def tokenize(text: str) -> list[str]:
    """jieba (search mode) tokens for Chinese, lowercased words and whole numbers for ASCII; a year in
    Chinese digits is the same token as in Arabic ones (二〇三五年 / 2035年 → 2035)."""
    if len(text) <= _REMEMBERED_CHARS:
        return list(_query_tokens(text, len(_added)))
    return _tokenize(text)


@functools.lru_cache(maxsize=1024)
def _query_tokens(text: str, terms_added: int) -> tuple[str, ...]:
    """`tokenize` of a short text, remembered: one question's keyword query is tokenized by the search,
    the coverage and the refusal features. Keyed by how many derived terms the segmenter has learnt
    (`add_terms` only ever adds), so a document indexed since never meets tokens segmented without its terms."""
    return tuple(_tokenize(text))


def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech tag) of each word jieba's tagger reads in `text` (`jieba.posseg`, on jieba's own
    tokenizer: the plain dictionary, which derived terms never change, `add_terms`). A short text's tags are
    remembered: the refusal features tag the same question text two or three times (its unknown words, the
    entity gap, the named documents' gap), about 0.5 ms each on the 2-core target."""
    if len(text) <= _REMEMBERED_CHARS:
        return _remembered_tags(text)
    return _tag(text)


def word_ends(words: Sequence[tuple[str, str]]) -> list[int]:
    """Where each word of `pos_tags(text)` ends in `text` (the words cover the text in order)."""
    return list(itertools.accumulate(len(word) for word, _ in words))


@functools.lru_cache(maxsize=1024)
def _remembered_tags(text: str) -> tuple[tuple[str, str], ...]:
    """`pos_tags` of a short text (a pure function of the text: the tagger's dictionary never changes)."""
    return _tag(text)


def _tag(text: str) -> tuple[tuple[str, str], ...]:
    import jieba.posseg

    return tuple((token.word, token.flag) for token in jieba.posseg.lcut(text))


def _tokenize(text: str) -> list[str]:
    text = arabic_years(unicodedata.normalize("NFKC", text))
    seg = _segmenter()
    out: list[str] = []
    pos = 0
    for m in _ASCII_RUN.finditer(text):
        if m.start() > pos:
            out.extend(t for t in seg.cut_for_search(text[pos : m.start()]) if _keep_zh(t))
        for tok in _ASCII_TOKEN.findall(m.group()):
            if tok.lower() not in EN_FUNCTION_WORDS:
                out.append(singular(tok))  # lowercased; an acronym's plural (GPUs) folds too
        pos = m.end()
    if pos < len(text):
        out.extend(t for t in seg.cut_for_search(text[pos:]) if _keep_zh(t))
    # "六稳" finds the text that lists 稳就业、稳金融…, which never writes it
    out.extend(list_abbreviations(text))
    return out


class Vocabulary:
    """Term → column, append-only and shared by every shard of one open index."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._ids)

    def column(self, term: str) -> int | None:
        return self._ids.get(term)

    def columns(self, terms: list[str]) -> list[int]:
        with self._lock:
            return [self._ids.setdefault(t, len(self._ids)) for t in terms]


@dataclass(frozen=True)
class Shard:
    """The term counts of one document version's chunks (rows) over vocabulary columns."""

    ids: tuple[str, ...]
    rows: np.ndarray  # row of each nonzero
    cols: np.ndarray  # column of each nonzero
    counts: np.ndarray  # term count of each nonzero
    lengths: np.ndarray  # tokens per chunk

    @classmethod
    def of(cls, ids: list[str], token_lists: list[list[str]], vocab: Vocabulary) -> Shard:
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for r, tokens in enumerate(token_lists):
            counted = Counter(tokens)
            rows += [r] * len(counted)
            cols += vocab.columns(list(counted))
            counts += counted.values()
        return cls(
            tuple(ids),
            np.asarray(rows, dtype=np.int32),
            np.asarray(cols, dtype=np.int32),
            np.asarray(counts, dtype=np.float32),
            np.asarray([len(t) for t in token_lists], dtype=np.float32),
        )


def encode_tokens(tokens: list[str]) -> str:
    """Tokens as one metadata string (tokens never contain whitespace)."""
    return " ".join(tokens)


def decode_tokens(value: str) -> list[str]:
    return value.split(" ") if value else []


class KeywordIndex:
    """BM25 over stacked per-document shards; results are (chunk_id, score), best first."""

    def __init__(self, shards: dict[str, Shard], order: list[str], vocab: Vocabulary):
        from scipy.sparse import csc_matrix

        self.shards = shards
        self.vocab = vocab
        present = [shards[d] for d in order if d in shards]
        self.ids: list[str] = [cid for sh in present for cid in sh.ids]
        self._row = {cid: i for i, cid in enumerate(self.ids)}
        offsets = np.cumsum([0] + [len(sh.ids) for sh in present])
        self._shard_sizes = [len(sh.ids) for sh in present]
        #: the shard (document) of each row, for document frequencies (`coverage`)
        self._shard_of = np.repeat(np.arange(len(present)), self._shard_sizes)
        n, width = len(self.ids), len(vocab)
        rows = (
            np.concatenate([sh.rows + off for sh, off in zip(present, offsets)]) if present else np.zeros(0, np.int32)
        )
        cols = np.concatenate([sh.cols for sh in present]) if present else np.zeros(0, np.int32)
        counts = np.concatenate([sh.counts for sh in present]) if present else np.zeros(0, np.float32)
        self._tf = csc_matrix((counts, (rows, cols)), shape=(n, width))
        self._lengths = np.concatenate([sh.lengths for sh in present]) if present else np.zeros(0, np.float32)
        df = np.diff(self._tf.indptr)
        self._idf = np.where(df > 0, np.log1p((n - df + 0.5) / (df + 0.5)), 0.0)
        mean = float(self._lengths.mean()) if n else 1.0
        self._norm = K1 * ((1 - B) + B * self._lengths / (mean or 1.0))

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> KeywordIndex:
        """An index of loose texts (one shard): for tests and one-off use."""
        vocab = Vocabulary()
        return cls({"": Shard.of(ids, [tokenize(t) for t in texts], vocab)}, [""], vocab)

    def with_shards(self, changed: dict[str, Shard], order: list[str]) -> KeywordIndex:
        """A new index with some documents' shards replaced or added (others reused as they are)."""
        shards = {d: sh for d, sh in self.shards.items() if d in set(order)}
        shards.update(changed)
        return KeywordIndex(shards, order, self.vocab)

    def coverage(self, query: str, ids: list[str]) -> dict[str, float]:
        """Share of the query's term weight each chunk contains (1.0: every distinct query term).

        A term weighs its chunk IDF times its document IDF (over the shards, i.e. documents): a word
        every kind of text uses (存在, 短板) is spread over many documents even when few chunks hold
        it, while a topical term (潮汐发电) sits in a few. The document IDF is log(1 + documents / documents
        holding it): a term every document uses keeps log 2 at any corpus size (the BM25 form gave it 0.04 of
        11 documents, so on a few related texts a question's topic, shared by all of them, counted for
        nothing). LODO as shipped, BM25 form -> this one: flat proxy zh 0.945/0.866 -> 0.964/0.886 (hit@5 /
        MRR@10), headed zh 0.973/0.900 -> 0.980/0.895, English 0.938/0.786 -> 0.922/0.785 and 0.974/0.854 ->
        0.974/0.854 (`eval/tuning/retrieval*.md`). The assistant's fusion weighs candidates by this share
        (`assistant.retrieval.Fusion.coverage`)."""
        width = self._tf.shape[1]
        columns = sorted({c for c in (self.vocab.column(t) for t in tokenize(query)) if c is not None and c < width})
        rows = [self._row[i] for i in ids if i in self._row]
        if not columns or not rows:
            return {}
        docs = len(self._shard_sizes)
        indptr, indices = self._tf.indptr, self._tf.indices
        spread = np.array([len(np.unique(self._shard_of[indices[indptr[c] : indptr[c + 1]]])) for c in columns])
        # a term no document of this index holds (a hidden or removed document's word, still in the shared
        # vocabulary) weighs nothing, as its chunk IDF says
        weight = np.where(spread > 0, self._idf[columns] * np.log1p(docs / np.maximum(spread, 1)), 0.0)
        total = float(weight.sum())
        if total <= 0:
            return {}
        # each row's held weights summed in column order, as the sparse product (binary rows @ weight) did
        held = np.zeros(len(self.ids))
        data = self._tf.data
        for c, w in zip(columns, weight):
            lo, hi = indptr[c], indptr[c + 1]
            held[indices[lo:hi][data[lo:hi] > 0]] += w
        share = held[rows] / total
        return {self.ids[r]: float(v) for r, v in zip(rows, share)}

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        if not self.ids or k <= 0:
            return []
        width = self._tf.shape[1]
        columns = [c for c in (self.vocab.column(t) for t in tokenize(query)) if c is not None and c < width]
        if not columns:
            return []
        indptr, indices, data = self._tf.indptr, self._tf.indices, self._tf.data
        rows, weights = [], []
        for c in columns:  # a repeated query term counts again, as in bm25s
            lo, hi = indptr[c], indptr[c + 1]
            r, tf = indices[lo:hi], data[lo:hi]
            rows.append(r)
            weights.append(self._idf[c] * tf / (self._norm[r] + tf))
        scores = np.bincount(np.concatenate(rows), weights=np.concatenate(weights), minlength=len(self.ids))
        scores = scores.astype(np.float32)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[[self._row[c] for c in allowed if c in self._row]] = True
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
