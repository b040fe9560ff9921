"""The zh↔en term list of the corpus, as data (`assistant/data/glossary.tsv`).

Why: the documents are Chinese and the embedder only roughly aligns the two
languages, so an English question ("East Data West Computing") must also be
searched with the Chinese words the text uses (东数西算), and an English answer
that quotes Chinese sentences should say what the key terms mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from knowledge.text import ORDINAL_WORDS, english_ordinal, han_numeral, singular

_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|\+")


@dataclass(frozen=True)
class Term:
    zh: tuple[str, ...]  # Chinese surface forms; zh[0] is canonical
    en: tuple[str, ...]  # English variants; en[0] is the gloss
    #: "term" (a concept of the documents, glossed in answers) or "general" (search vocabulary only)
    kind: str = "term"

    @property
    def zh_main(self) -> str:
        return self.zh[0]

    @property
    def en_main(self) -> str:
        return self.en[0]


#: British → American spellings, applied to both the glossary's variants and the question, so
#: one variant matches both ("modernisation", "labour", "centre", "programme", "defence")
_SPELLING = (
    (re.compile(r"isation$"), "ization"),
    (re.compile(r"(?<=\w\w)is(e|ed|ing)$"), r"iz\1"),
    (re.compile(r"(?<=\w\w)ys(e|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w\w\w)our(ed|ing|hood)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w\w)tre$"), "ter"),
    (re.compile(r"^(defen|licen|offen)ce$"), r"\1se"),
    (re.compile(r"^programme$"), "program"),
    (re.compile(r"^catalogue$"), "catalog"),
    (re.compile(r"^ageing$"), "aging"),
    (re.compile(r"^judgement$"), "judgment"),
    (re.compile(r"^councillor$"), "councilor"),
    # a compass point's adjective, as the dictionary writes a region ("southern Asia" 南亚 for "South Asia")
    (re.compile(r"^(south|north|east|west)ern$"), r"\1"),
)
#: plurals in -es that the shared `singular` leaves with an "e" ("taxes" → "taxe", "churches" → "churche")
_ES_PLURAL = re.compile(r"(?:ss|x|ch|sh|z)es$")
#: a possessive ending ("China's", "the Party's", "ministers'"): the word is matched without it
_POSSESSIVE = re.compile(r"['’]s?$")
#: words whose final "s" is no plural: folded to their stem they would match another word's senses
#: ("news" → "new": every "new" of a question brought 新闻 and 信息, the dictionary's words for news)
_NOT_PLURAL = frozenset("news series species means economics politics statistics physics mathematics ethics".split())


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """The form a word is matched by: plural-free, American spelling, lower case. Memoised: every
    question's words pass through it several times (glossary, bridge, refusal features)."""
    w = _POSSESSIVE.sub("", word.lower())
    if w in _NOT_PLURAL:
        return w
    w = w[:-2] if len(w) > 4 and _ES_PLURAL.search(w) else singular(w)
    for pattern, repl in _SPELLING:
        w = pattern.sub(repl, w)
    return w


#: the one key English words are matched by, shared with the cross-lingual bridge
english_key = _key


def _en_tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(raw, match key, start, end) per token."""
    return [(m.group(0), _key(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 1 < len(letters) <= 4 and all(c.isupper() for c in letters)


#: texts whose `Glossary.expand` and term spans each glossary remembers (questions and context sentences: a few MB at most)
EXPAND_MEMO = 4096


class Glossary:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        # first stem -> [(pattern, term)], pattern = tuple of (stem, raw-or-None-if-case-free)
        self._en_index: dict[str, list[tuple[tuple[tuple[str, str | None], ...], Term]]] = {}
        for term in terms:
            for variant in term.en:
                toks = _en_tokens(variant)
                if not toks:
                    continue
                pattern = tuple((stem, raw if _is_acronym(raw) else None) for raw, stem, _, _ in toks)
                self._en_index.setdefault(pattern[0][0], []).append((pattern, term))
        for entries in self._en_index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        self._zh_forms = sorted(
            ((form, term) for term in terms for form in term.zh), key=lambda p: len(p[0]), reverse=True
        )
        #: positions in `_zh_forms` by the form's first two characters: a text is only searched for
        #: the forms whose opening it contains (the list has a couple of thousand forms)
        self._zh_by_opening: dict[str, list[int]] = {}
        for i, (form, _) in enumerate(self._zh_forms):
            self._zh_by_opening.setdefault(form[:2], []).append(i)
        #: `expand` memoised per glossary: a turn expands its question and its contexts' sentences in
        #: several stages, and the same chunks recur across questions
        self._cached_expand = lru_cache(maxsize=EXPAND_MEMO)(self._expand)
        #: the term spans of a text, memoised likewise (a turn's stages look up its question several times)
        self._cached_en_spans = lru_cache(maxsize=EXPAND_MEMO)(self._find_en_spans)
        self._cached_zh_spans = lru_cache(maxsize=EXPAND_MEMO)(self._find_zh_spans)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        if path is None:
            return _default()
        return cls(_parse(Path(path).read_text(encoding="utf-8")))

    def __len__(self) -> int:
        return len(self.terms)

    def domain_terms(self) -> list[Term]:
        """The curated concept pairs (without the general search vocabulary)."""
        return [t for t in self.terms if t.kind == "term"]

    # ----------------------------------------------------------------- matching
    def find_en_spans(self, text: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping English term occurrences, longest match first, in text order."""
        return list(self._cached_en_spans(text))

    def _find_en_spans(self, text: str) -> tuple[tuple[int, int, Term], ...]:
        toks = _en_tokens(text)
        out: list[tuple[int, int, Term]] = []
        i = 0
        while i < len(toks):
            matched = None
            for pattern, term in self._en_index.get(toks[i][1], ()):
                n = len(pattern)
                if i + n > len(toks):
                    continue
                if all(
                    toks[i + j][1] == stem and (raw is None or toks[i + j][0] == raw)
                    for j, (stem, raw) in enumerate(pattern)
                ):
                    matched = (n, term)
                    break
            if matched:
                n, term = matched
                out.append((toks[i][2], toks[i + n - 1][3], term))
                i += n
            else:
                i += 1
        return tuple(out)

    def find_zh_spans(self, text: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping Chinese term occurrences (longest form wins), in text order."""
        return list(self._cached_zh_spans(text))

    def _find_zh_spans(self, text: str) -> tuple[tuple[int, int, Term], ...]:
        taken = [False] * len(text)
        out: list[tuple[int, int, Term]] = []
        openings = {text[i : i + 2] for i in range(len(text))} | set(text)
        candidates = sorted(i for o in openings for i in self._zh_by_opening.get(o, ()))
        for form, term in (self._zh_forms[i] for i in candidates):
            start = text.find(form)
            while start != -1:
                end = start + len(form)
                if not any(taken[start:end]):
                    out.append((start, end, term))
                    for p in range(start, end):
                        taken[p] = True
                start = text.find(form, end)
        out.sort(key=lambda s: s[0])
        return tuple(out)

    def find_en(self, text: str) -> list[Term]:
        return _unique(t for _, _, t in self.find_en_spans(text))

    def find_zh(self, text: str) -> list[Term]:
        return _unique(t for _, _, t in self.find_zh_spans(text))

    # ---------------------------------------------------------------- rewriting
    def expand(self, query: str, to_english: bool = False) -> str:
        """The query plus the Chinese forms of its English terms (for BM25 over Chinese text).

        Chinese terms also bring their other Chinese spellings (工业4.0 / 工业 4. 0);
        their English renderings are added only with `to_english` (for English text):
        measured on the eval set, adding them to Chinese questions pulls in the paper's
        English summary and costs hit@5.
        """
        return self._cached_expand(query, to_english)

    def _expand(self, query: str, to_english: bool) -> str:
        extra: list[str] = []
        for term in self.find_en(query):
            extra.extend(term.zh)
        for term in self.find_zh(query):
            extra.extend(term.zh[1:])
            if to_english:
                extra.append(term.en_main)
        extra = [e for e in _unique(extra) if e not in query]
        return " ".join([query, *extra]) if extra else query

    def translate_en(self, query: str) -> str:
        """English term occurrences replaced by their Chinese form (for a second dense query)."""
        spans = self.find_en_spans(query)
        if not spans:
            return query
        parts, pos = [], 0
        for start, end, term in spans:
            parts.append(query[pos:start])
            parts.append(term.zh_main)
            pos = end
        parts.append(query[pos:])
        return "".join(parts)

    def chinese_terms(self, query: str) -> list[str]:
        """Canonical Chinese terms named in an English (or mixed) query."""
        return [t.zh_main for t in self.find_en(query)] + [t.zh_main for t in self.find_zh(query)]

    def gloss(self, text: str, limit: int = 6, prefer: list[Term] | None = None) -> list[tuple[str, str]]:
        """(Chinese form, English gloss) of terms in a Chinese text; `prefer`red terms first."""
        found = [t for t in self.find_zh(text) if t.kind == "term"]
        order = [t for t in (prefer or []) if t in found] + [t for t in found if t not in (prefer or [])]
        return [(t.zh_main, t.en_main) for t in _unique(order)][:limit]

    def surface_terms(self) -> list[str]:
        return [s for t in self.terms for s in (*t.zh, *t.en)]


def _unique(items) -> list:
    seen, out = set(), []
    for item in items:
        key = id(item) if isinstance(item, Term) else item
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _parse(text: str) -> list[Term]:
    terms = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in (2, 3):
            raise ValueError(f"glossary line {lineno}: expected 'zh<TAB>en|en…[<TAB>general]'")
        zh_forms = tuple(z.strip() for z in cols[0].split("|") if z.strip())
        en_forms = tuple(e.strip() for e in cols[1].split("|") if e.strip())
        kind = cols[2].strip() if len(cols) == 3 else "term"
        terms.append(Term(zh_forms, en_forms, kind))
    return terms


#: English ordinal words (first … twenty-fifth), as official English names number congresses
_ORDINAL_NAMES = (
    *ORDINAL_WORDS,
    *("eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()),
    *(f"twenty-{w}" for w in ORDINAL_WORDS[:5]),
)


def numbered_terms() -> list[Term]:
    """The Party's congresses by their number, generated by rule: "the 18th Party Congress" is 党的十八大, which is how
    the texts write it ("党的十八大以来"), not the bare 全国代表大会 of "Party Congress", which no readout writes and which
    made "since the 18th Party Congress" a name the text lacks. Search vocabulary ("general"), after the curated terms,
    which win where both match. One Chinese form: a Chinese question naming 党的十九大 is not widened to
    第十九次全国代表大会, which the sentence saying when the congress meets writes (measured on the external development
    texts: with it, three Chinese questions on what was done since a congress quoted that sentence). Central committees
    by number (十九届中央) were tried too and dropped: the plenum's opening sentence, which writes the committee's full
    name, then outranked the one saying who presided (the suite's slow tier)."""
    out = []
    for n, word in enumerate(_ORDINAL_NAMES, 1):
        han = han_numeral(n)
        nth = (english_ordinal(n), word)
        out.append(
            Term(
                (f"党的{han}大",),
                tuple(
                    f"{o} {name}"
                    for o in nth
                    for name in (
                        "Party Congress",
                        "CPC National Congress",
                        "National Congress of the CPC",
                        "National Congress of the Communist Party of China",
                        "CPC Congress",
                    )
                ),
                "general",
            )
        )
    return out


@lru_cache(maxsize=1)
def _default() -> Glossary:
    text = resources.files("assistant").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    return Glossary(_parse(text) + numbered_terms())
