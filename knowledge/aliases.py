"""The names a reader uses for a document, derived from its metadata and opening lines.

Why: questions name documents the way people do — 政府工作报告, "the 2024 report", 二十大报告,
"the Decision", "the paper", an author's name — never by id. Nothing here knows a
particular document: every alias comes from the document's own title (Chinese and English),
kind, date and first lines (byline, authors), by rules of Chinese policy writing that hold
for any text (第二十次全国代表大会 → 二十大; 第三次全体会议 → 三中全会; a title ending in 报告 is
a report). A manifest entry may add its own `aliases` on top.

Two kinds of alias: a *name* (the title, its short forms, the congress or plenum it comes
from, an author) and a *genre* word ("the report", 《决定》, 论文): a genre word names every
document of that genre in the index, and a year next to it picks the edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.headings import chinese_number
from knowledge.zh_en import romanize_name

#: genres of policy and academic writing: key, Chinese genre words, English nouns
GENRES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("report", ("报告",), ("report",)),
    ("decision", ("决定",), ("decision", "resolution")),
    ("communique", ("公报",), ("communiqué", "communique", "readout")),
    ("recommendations", ("建议",), ("recommendations", "proposals")),
    ("plan", ("规划", "纲要"), ("plan", "outline")),
    ("paper", ("论文", "文章"), ("paper", "article", "study")),
    ("speech", ("讲话",), ("speech", "remarks")),
    ("opinions", ("意见",), ("opinions", "guidelines")),
    ("notice", ("通知",), ("notice", "circular")),
)
_GENRE_BY_WORD = {w.lower(): key for key, zh, en in GENRES for w in (key, *zh, *en)}
#: genres whose readers say "the author(s)" / 作者
AUTHORED = frozenset({"paper"})

_CN_NUM = "[一二三四五六七八九十]+"
_CONGRESS = re.compile(rf"第({_CN_NUM})次全国代表大会")
_PLENUM = re.compile(rf"(?:第({_CN_NUM})届中央委员会)?第({_CN_NUM})次全体会议")
_PLAN = re.compile(rf"第({_CN_NUM})个五年规划")
_MEETING = re.compile(r"([\u4e00-\u9fff]{2,10}?(?:工作会议|全体会议|代表大会))")
_EN_CONGRESS = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+(?:National|Party)\s+Congress\b", re.I)
_EN_PLENUM = re.compile(r"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh)\s+Plenary\s+Session\b", re.I)
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DocumentAliases:
    doc_id: str
    genre: str
    #: the year of the document's date ("2024"), "" if unknown
    year: str
    #: names (title, short forms, meeting, authors), Chinese and English
    names: tuple[str, ...]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def genre_of(kind: str, title: str, title_en: str) -> str:
    """The document's genre key from its kind, else its title's last genre word."""
    for word in re.findall(r"[A-Za-zé]+", kind.lower()):
        if word in _GENRE_BY_WORD:
            return _GENRE_BY_WORD[word]
    for part in reversed(_title_parts(title)):
        for key, zh, _ in GENRES:
            if part.endswith(zh):
                return key
    first = re.match(r"[A-Za-zé]+", title_en.strip())
    return _GENRE_BY_WORD.get(first.group(0).lower(), "") if first else ""


def _title_parts(title: str) -> list[str]:
    """The title without bracketed dates, and its main title / subtitle around a dash."""
    core = _PAREN.sub("", title).strip()
    parts = [p.strip() for p in re.split(r"——|—|--", core) if p.strip()]
    return [core, *parts] if len(parts) > 1 else [core]


def _genre_words(genre: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    for key, zh, en in GENRES:
        if key == genre:
            return zh, en
    return (), ()


def derive(doc_id: str, title: str, title_en: str = "", kind: str = "", date: str = "",
           opening: str = "", extra: tuple[str, ...] = (), gloss=None) -> DocumentAliases:
    """All names of one document. `opening` is its first lines (byline, authors); `gloss` maps a
    Chinese word to an English rendering (`knowledge.zh_en`), for English forms of short titles."""
    genre = genre_of(kind, title, title_en)
    zh_genre, en_genre = _genre_words(genre)
    year = (_YEAR.search(date) or _YEAR.search(title) or _YEAR.search(title_en) or [""])[0]
    names: list[str] = []
    parts = _title_parts(title)
    names.extend(p for p in parts if len(p) >= 4)
    head = opening.splitlines()[:4]
    scope = " ".join([title, title_en, *head])
    # a short title ending in its genre word: 政府工作报告 → "government work report", "work report"
    for part in parts:
        for word in zh_genre:
            if part.endswith(word) and 2 <= len(part) - len(word) <= 6 and "关于" not in part:
                names.append(part)
                if gloss is not None and en_genre:
                    words = [gloss(w) for w in _segment(part[: -len(word)])]
                    if words and all(words):
                        names.append(" ".join([*words, en_genre[0]]))
                        if len(words) > 1:
                            names.append(" ".join([words[-1], en_genre[0]]))
    for m in _CONGRESS.finditer(scope):
        n = chinese_number(m.group(1))
        short = f"{m.group(1)}大"
        names.extend([short, f"党的{short}"] + [f"{short}{w}" for w in zh_genre])
        names.extend(_en_congress(n, en_genre))
    for m in _EN_CONGRESS.finditer(scope):
        names.extend(_en_congress(int(m.group(1)), en_genre))
    for m in _PLENUM.finditer(scope):
        session, plenum = m.group(1), m.group(2)
        forms = [f"{plenum}中全会"] + ([f"{session}届{plenum}中全会"] if session else [])
        names.extend(forms + [f + w for f in forms for w in zh_genre])
        names.extend(_en_plenum(chinese_number(plenum), en_genre))
    for m in _EN_PLENUM.finditer(scope):
        names.extend(_en_plenum(_ORDINALS.index(m.group(1).lower()), en_genre))
    for m in _PLAN.finditer(scope):
        n = chinese_number(m.group(1))
        names.extend([f"{m.group(1)}五规划", f"{m.group(1)}五", f"{ordinal(n)} Five-Year Plan"])
    for m in _MEETING.finditer(title):
        if not _CONGRESS.search(m.group(1)) and not _PLENUM.search(m.group(1)):
            names.append(m.group(1))
    if title_en:
        en_core = re.split(r"\s+[—–-]\s+|\s*\(|,", title_en)[0].strip()
        if len(en_core.split()) >= 2:
            names.append(en_core)
    names.extend(_authors(head, title))
    names.extend(a for a in extra if a.strip())
    return DocumentAliases(doc_id, genre, year, tuple(dict.fromkeys(n.strip() for n in names if n.strip())))


def _en_congress(n: int, en_genre: tuple[str, ...]) -> list[str]:
    forms = [f"{ordinal(n)} Party Congress", f"{ordinal(n)} National Congress", f"{ordinal(n)} Congress"]
    return forms + [f"{f} {w}" for f in forms for w in en_genre]


def _en_plenum(n: int, en_genre: tuple[str, ...]) -> list[str]:
    if not 0 < n < len(_ORDINALS):
        return []
    forms = [f"{_ORDINALS[n]} plenum", f"{ordinal(n)} plenum", f"{_ORDINALS[n]} plenary session"]
    return forms + [f"{f} {w}" for f in forms for w in en_genre]


def _segment(text: str) -> list[str]:
    from knowledge.keyword_index import segment

    return segment(text)


def _authors(lines: list[str], title: str) -> list[str]:
    """Person names in the byline lines (not the title): 石建勋，徐玲 / 国务院总理 李强 / 习近平."""
    import jieba.posseg

    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line or line in title or len(line) > 40:
            continue
        for token in jieba.posseg.lcut(line):
            if token.flag.startswith("nr") and 2 <= len(token.word) <= 4:
                out.append(token.word)
    english = [romanize_name(n) for n in out]
    surnames = [e.split()[0] for e in english if e]
    pairs = [f"{a} and {b}" for a in surnames for b in surnames if a != b] if 1 < len(surnames) <= 3 else []
    return out + [e for e in english if e] + pairs
