"""Best-effort English labels for sections that have no hand-written one.

Why: English answers name the section a quote comes from, and a reader of English should be
able to tell sections apart and roughly know what each is about, also for a text nobody has
labelled (any document added with `knowledge add`). A generated label is the section's
numbering in English (三（八） → "III.8", （12） → "Item 12", ¶3) followed by its heading in
English words: the genre's common words from `knowledge/data/policy_terms_en.tsv` (whose first
dictionary sense misleads: 完善 is "improve", not "comprehensive"), set phrases (`PHRASE_CHARS`) from CC-CEDICT
(`knowledge.zh_en`, the same dictionary the assistant's cross-lingual bridge uses). A heading with
a word that has no confident rendering keeps its Chinese text, followed by the words that could
be rendered, so dictionary noise never poses as a translation. Every such label is marked
`label_en_generated` (chunk metadata `section_label_en_generated`).
Hand-written labels (the manifest's `section_labels_en`) are never replaced.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from knowledge.headings import CN_NUMERAL, chinese_number
from knowledge.models import DocumentMeta, Section
from knowledge.numerals_en import in_english_numerals
from knowledge.structure import DocumentStructure
from knowledge.text import ORDINAL_WORDS, has_han
from knowledge.zh_en import opening_speakers, romanize_name

#: shortest dictionary word whose gloss a label takes as a rendering: a set phrase (乡村振兴, 生产力). A
#: two-character word's first sense is often another part of speech or sense (收入 "to take in", 教育
#: "to educate", 文明 "civilized"): glossed word by word such words made headings an English reader
#: could not parse (a blind review: 16 answers); the genre's table renders the common ones
PHRASE_CHARS = 3
#: most English words a generated label may have; a longer rendering falls back to the Chinese heading
MAX_WORDS = 14
#: (marker pattern, its English rendering, whether it numbers parts and their sections: those take
#: their English number from the section id, "III.8", so a sub-section also carries its part's number)
_MARKERS: tuple[tuple[re.Pattern, Callable[[re.Match], str], bool], ...] = (
    (re.compile(rf"^第({CN_NUMERAL}|\d+)部分\s*"), lambda m: f"Part {_roman(chinese_number(m.group(1)))}", False),
    (re.compile(rf"^第({CN_NUMERAL}|\d+)[章篇]\s*"), lambda m: f"Chapter {chinese_number(m.group(1))}", False),
    (re.compile(rf"^第({CN_NUMERAL}|\d+)节\s*"), lambda m: f"Section {chinese_number(m.group(1))}", False),
    (re.compile(rf"^第({CN_NUMERAL}|\d+)条\s*"), lambda m: f"Article {chinese_number(m.group(1))}", False),
    (re.compile(rf"^({CN_NUMERAL})、\s*"), lambda m: f"{_roman(chinese_number(m.group(1)))}.", True),
    (
        re.compile(rf"^({CN_NUMERAL})[（(]({CN_NUMERAL})[）)]\s*"),
        lambda m: f"{_roman(chinese_number(m.group(1)))}.{chinese_number(m.group(2))}",
        True,
    ),
    (
        re.compile(rf"^({CN_NUMERAL})[（(](\d{{1,3}})[）)]\s*"),
        lambda m: f"{_roman(chinese_number(m.group(1)))}.{m.group(2)}",
        True,
    ),
    (re.compile(rf"^[（(]({CN_NUMERAL})[）)]\s*"), lambda m: f"({chinese_number(m.group(1))})", True),
    (re.compile(r"^[（(](\d{1,3})[）)]\s*"), lambda m: f"Item {m.group(1)}", False),
    (re.compile(rf"^({CN_NUMERAL})是\s*"), lambda m: _ORDINAL_WORDS.get(chinese_number(m.group(1)), ""), False),
    (re.compile(rf"^第({CN_NUMERAL})[，,、]\s*"), lambda m: _ORDINAL_WORDS.get(chinese_number(m.group(1)), ""), False),
    (re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.、]?\s+"), lambda m: m.group(1), True),
    (re.compile(r"^¶(\d+)\s*"), lambda m: f"¶{m.group(1)}", False),
)
_ORDINAL_WORDS: dict[int, str] = {i: w.capitalize() for i, w in enumerate(ORDINAL_WORDS, 1)}
_DOTTED = re.compile(r"(\d+)((?:\.\d+)*)")
_PARAGRAPH = re.compile(r"(?:p|¶|para)(\d+)", re.I)
#: function words a gloss would only clutter
_SKIP = frozenset(
    "的 地 得 和 与 及 以及 并 并且 而 或 等 是 在 了 着 对 把 被 为 以 于 之 其 中 上 下 个 我们 我国 年".split()
)
_CLAUSE = re.compile(r"[，,、；;：:]")
_STOP = re.compile(r"[。！？!?]")
#: a dictionary sense that is a name (Xinjiang, CPPCC): a two-character word's name is no guess, as a common word's
#: first sense may be (教育 "educate")
_PROPER = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
#: a dictionary sense about "sth"/"sb" ("put effort into sth") reads as noise in a label
_PLACEHOLDER = re.compile(r"\b(?:sth|sb|one's|oneself)\b", re.I)
#: the table's "elsewhere" column of an adverb (深入 "further"): a verb after it still opens the heading
ADVERB = "(adverb)"


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def numbering(section: Section) -> tuple[str, str]:
    """(English numbering, the label without its Chinese numbering marker)."""
    label = section.label.strip()
    rest = label
    marker, part_like = "", True
    for pattern, render, numbers_parts in _MARKERS:
        m = pattern.match(label)
        if m:
            marker, rest, part_like = render(m), label[m.end() :], numbers_parts
            break
    dotted = _DOTTED.fullmatch(section.section_id)
    # parts and their sections (一、 / 三（八） / （一）) are numbered from the id: III.8
    if dotted and int(dotted.group(1)) > 0 and part_like:
        head, tail = _roman(int(dotted.group(1))), dotted.group(2)
        return (f"{head}{tail}" if tail else f"{head}."), rest
    paragraph = _PARAGRAPH.fullmatch(section.section_id)
    if paragraph:
        return f"¶{paragraph.group(1)}", rest
    return marker, rest


def gloss_words(text: str, gloss: Callable[[str], str], limit: int = MAX_WORDS) -> str:
    """English glosses of the key words of a Chinese heading, clause marks kept as commas."""
    return _render(text, gloss, limit)[0]


def render_words(text: str) -> str:
    """The words in English when every one has a confident rendering (`_render`, the full dictionary), else ""."""
    from knowledge.zh_en import ZhEnDictionary

    words, sure = _render(text, ZhEnDictionary.full().gloss)
    return words if sure else ""


def _render(text: str, gloss: Callable[[str], str], limit: int = MAX_WORDS) -> tuple[str, bool]:
    """(the heading's words in English, whether every word had a confident rendering).

    A rendering is confident when it comes from the policy-writing table, is an ASCII word or
    number, or is the dictionary's gloss of a whole word of two or more characters; a word glossed
    only through its parts or a single character (型 → "mold") is a guess."""
    from knowledge.keyword_index import segment

    text = _STOP.split(in_english_numerals(text), maxsplit=1)[0]
    terms = policy_terms()
    adverbs = {terms[w][0] for w in terms if terms[w][1] == ADVERB}
    words: list[str] = []
    count, sure = 0, True
    for clause in _CLAUSE.split(text):
        glossed: list[str] = []
        # a clause opening with a speaker's name (王沪宁在主持会议时表示: the segmenter gives 王 + 沪宁 "Shanghai and Nanjing";
        # 汪洋在总结讲话中指出: the dictionary's "vast body of water", which the tagger tags a person) is the name,
        # romanised as the quotes' glosses give it (`assistant.gloss`)
        speaker = next(iter(opening_speakers(clause, gloss)), None)
        if speaker and speaker.start() == 0 and (name := romanize_name(speaker.group(0))):
            glossed.append(name)
            count += len(name.split())
            clause = clause[speaker.end() :]
        pieces = [w for w in segment(clause) if w not in _SKIP and any(ch.isalnum() for ch in w)]
        verbs: set[str] = set()
        i = 0
        while i < len(pieces):
            # the longest run of up to three pieces the table or the dictionary knows as one word
            j = next(
                (
                    j
                    for j in range(min(len(pieces), i + 3), i + 1, -1)
                    if "".join(pieces[i:j]) in terms or gloss("".join(pieces[i:j]))
                ),
                i + 1,
            )
            word = "".join(pieces[i:j])
            parts = _split(word, terms, gloss) if j == i + 1 and word not in terms and not gloss(word) else None
            if parts:  # a compound jieba keeps whole (扩大内需) read as its known words
                pieces[i : i + 1] = parts
                continue
            i = j
            if word.isascii():
                english, confident = [word], True
            elif word in terms:
                # a heading opens with its verb, maybe after adverbs (全面推进 "fully advance")
                adverb = terms[word][1] == ADVERB
                verb = not adverb and terms[word][0] != terms[word][1]  # a verb's forms differ: improve/improvement
                # the heading's verbs: a run of them after any adverbs (完善推进 "improve and advance")
                opening = adverb or (verb and all(g in adverbs or g in verbs for g in glossed))
                english, confident = [terms[word][0 if opening else 1]], True
                if opening and not adverb:
                    if glossed and glossed[-1] in verbs:
                        english = [f"and {english[0]}"]
                    verbs.add(english[0])
            else:
                english = _glosses(word, gloss)
                confident = (
                    len(english) == 1
                    and (len(word) >= PHRASE_CHARS or _PROPER.fullmatch(english[0]) is not None)
                    and english[0] == gloss(word)
                    and not _PLACEHOLDER.search(english[0])
                )
            sure = sure and confident
            for e in english:
                if e and (not glossed or glossed[-1] != e):
                    glossed.append(e)
                    count += len(e.split())
        if glossed:
            words.append(" ".join(glossed))
    phrase = ", ".join(words).replace("Five Year Plan", "Five-Year Plan")
    return phrase[:1].upper() + phrase[1:], sure and 0 < count <= limit


def _split(word: str, terms: dict, gloss: Callable[[str], str]) -> list[str] | None:
    """The word as known words of two or more characters, longest first (None unless they cover it)."""
    if len(word) < 4 or not has_han(word):
        return None
    out, i = [], 0
    while i < len(word):
        j = next((j for j in range(len(word), i + 1, -1) if word[i:j] in terms or gloss(word[i:j])), None)
        if j is None or (i == 0 and j == len(word)):
            return None
        out.append(word[i:j])
        i = j
    return out


def _glosses(word: str, gloss: Callable[[str], str]) -> list[str]:
    """The word's gloss, else the glosses of its dictionary sub-words (高质量发展 → high quality, development)."""
    whole = gloss(word)
    if len(word) == 1 and whole[:1].isupper():  # 保 → "Bulgaria": a one-character abbreviation of a name
        return []
    if whole or len(word) < 3:
        return [whole] if whole else []
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            part = gloss(word[i:j])
            if part:
                out.append(part)
                i = j
                break
        else:
            i += 1
    return out


def english_label(section: Section, gloss: Callable[[str], str]) -> str:
    """A generated English label: numbering + the heading in English words ("" if neither is known).

    When some word of the heading has no confident rendering, or the rendering runs past
    `MAX_WORDS`, the label shows the Chinese heading with the words that could be rendered
    ("VII.24 稳步扩大制度型开放 (gloss: steadily expand, opening up)"), so a reader is never
    handed dictionary noise as if it were a translation."""
    number, rest = numbering(section)
    words = ""
    if has_han(rest):
        words, sure = _render(rest, gloss)
        if not sure:
            heading = _STOP.split(rest, maxsplit=1)[0].strip()
            # a paragraph's or a run-in item's opening words (¶4 会议指出，…; 一是…) are a sentence, not a
            # heading: every word glossed says more to an English reader than the few a heading's fallback
            # keeps ("¶4 会议指出，… (gloss: meeting point out, …)"), and the Chinese beside it shows it is a gloss
            sentence = number.startswith("¶") or number in _ORDINAL_WORDS.values()
            kept = words if sentence and words else _confident_words(heading, gloss)
            words = f"{heading} (gloss: {_lowered_opening(kept)})" if kept else heading
    if not words and section.label_en:
        words = section.label_en
    return " ".join(p for p in (number, words) if p).strip()


def _lowered_opening(gloss: str) -> str:
    """A gloss inside a label's parentheses, its first letter lower case, unless it opens a name: an initialism (CPC)
    or a capitalised word before another ("Li Keqiang preside over meeting", not "li Keqiang")."""
    first, _, rest = gloss.partition(" ")
    if (len(first) > 1 and first.isupper()) or rest[:1].isupper():
        return gloss
    return gloss[:1].lower() + gloss[1:]


def _confident_words(text: str, gloss: Callable[[str], str]) -> str:
    """The heading's confidently rendered words only, clause by clause (the short gloss of a fallback)."""
    from knowledge.keyword_index import segment

    terms = policy_terms()
    parts = []
    for clause in _CLAUSE.split(in_english_numerals(text)):
        kept: list[str] = []
        opening = True  # the clause's verbs come first (after any adverbs); a genre word after a noun is a noun
        for word in segment(clause):
            english, sure = _render(word, gloss)
            if not (sure and english):
                continue
            if word in terms and terms[word][1] != ADVERB:
                if not opening:
                    english = terms[word][1]
                opening = opening and terms[word][0] != terms[word][1]
            elif word not in terms:
                opening = False
            kept.append(english.lower() if not word.isascii() else english)
        if kept:
            parts.append(" ".join(kept))
    return ", ".join(parts)


@lru_cache(maxsize=1)
def policy_terms() -> dict[str, tuple[str, str]]:
    """Chinese word → (English as a heading's opening verb, English elsewhere), from
    `knowledge/data/policy_terms_en.tsv`: the genre's common words whose first dictionary sense
    misleads (完善 "comprehensive" for "improve", 开放 "bloom" for "opening up")."""
    out: dict[str, tuple[str, str]] = {}
    text = resources.files("knowledge").joinpath("data/policy_terms_en.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        out[cols[0]] = (cols[1], cols[2] if len(cols) > 2 and cols[2] else cols[1])
    return out


def fill_labels(
    structure: DocumentStructure, meta: DocumentMeta, gloss: Callable[[str], str] | None = None
) -> DocumentStructure:
    """The structure with a generated `label_en` on every section without a hand-written one."""
    missing = [s for s in structure.sections if s.section_id not in meta.section_labels_en]
    if not missing:
        return structure
    if gloss is None:
        from knowledge.zh_en import ZhEnDictionary

        gloss = ZhEnDictionary.full().gloss
    sections = []
    for s in structure.sections:
        if s in missing:
            # a label the structure already gives in English (an English heading, "Opening") is kept
            label_en = s.label_en or english_label(s, gloss)
            s = dataclasses.replace(s, label_en=label_en, label_en_generated=True)
        sections.append(s)
    return dataclasses.replace(structure, sections=sections)
