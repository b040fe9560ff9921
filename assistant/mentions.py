"""Which documents a question names, and which edition (year) it means.

The names are each indexed document's `aliases` (derived at index time by `knowledge.aliases`
from its title, English title, date and byline, plus the manifest's), completed here with what
needs the index itself: the authors named in its front matter (石建勋 / "Shi Jianxun" / "Shi and
Xu"), the English gloss of a short Chinese title (政府工作报告 → "government work report", from the
dictionary `knowledge.zh_en`), its genre word where a question uses it as a name (报告中,
《决定》, 论文, "this report", "the authors"), and a genre word qualified by words of its English
names ("the 2022 congress report", "the Party's reform decision"). So any document added to the index is recognised the
same way as the bundled ones. A name says *where* to look, not *what* about:
it is removed from the search query and the named documents' chunks are preferred in the
ranking (`assistant.retrieval.Fusion.mention_boost`). A year next to a name ("the 2023 report",
2024年政府工作报告) picks the edition among the documents the name fits; a year next to no name
("2025年的目标") is returned separately (`Mentions.years`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from assistant.language import fold
from assistant.textmatch import contracted_in
from knowledge.aliases import (
    MEETING_HEADS_EN,
    OCCASION_KINDS_EN,
    headline_meeting,
    held_occasion,
    is_meeting_name,
    numbered_in_opening,
    occasion_names,
    occasion_of,
    reports_meeting,
    without_issuer,
)
from knowledge.keyword_index import pos_tags, segment, word_ends
from knowledge.models import Chunk
from knowledge.numerals_en import (
    EN_ORDINAL,
    MONTH_DAY,
    NPC_SESSION_EN,
    NPC_SESSION_ZH,
    congress_year,
    english_ordinal_value,
    npc_session_year,
)
from knowledge.text import (
    HAN_CLASS,
    HAN_RANGES,
    HAN_RUN,
    MONTHS,
    ORDINAL_WORDS,
    YEAR,
    YEAR_RE,
    english_ordinal,
    han_number,
    han_numeral,
    has_han,
    month_number,
    months_spelled_out,
    noun_adjective_stem,
)
from knowledge.zh_en import romanize_name

#: genres of policy and academic writing: key, Chinese genre words, English nouns
GENRES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("report", ("报告",), ("report",)),
    ("decision", ("决定", "决议"), ("decision", "resolution")),
    # a communiqué or readout reports a meeting, and a question calls the text by it: 会议认为, 这次会议提出
    # (a news agency's release of it is its 通稿 / 新闻稿)
    (
        "communique",
        ("公报", "会议", "通稿", "新闻稿"),
        ("communiqué", "communique", "readout", "meeting", "conference"),
    ),
    ("recommendations", ("建议",), ("recommendations", "proposals")),
    ("plan", ("规划", "纲要"), ("plan", "outline")),
    ("paper", ("论文", "文章"), ("paper", "article", "study")),
    ("speech", ("讲话",), ("speech", "remarks")),
    ("opinions", ("意见",), ("opinions", "opinion", "guidelines", "guideline")),
    ("notice", ("通知",), ("notice", "circular")),
)
_GENRE_BY_WORD = {w.lower(): key for key, zh, en in GENRES for w in (key, *zh, *en)}
#: the genre of a meeting's record: a text one of whose names is a meeting's (全国科技大会) records it, whatever its
#: headline's last clause makes its genre ("…发表重要讲话": a speech), so a head noun of this genre ("the national science
#: and technology conference", "his science conference speech") names it too
MEETING_RECORD = "communique"
#: the one-word English names of kinds of occasion (a symposium, a forum, a seminar): the head of a qualified genre
#: phrase as a genre word of `MEETING_RECORD` is ("the 2031 private enterprise symposium" is one of the texts recording
#: a meeting whose names hold "private enterprise"), though alone such a word is only a name of the occasions of its kind
_KIND_WORDS = frozenset(kind for kinds in OCCASION_KINDS_EN.values() for kind in kinds if " " not in kind)
#: a meeting's number right before a name in a question (第二十次院士大会)
_NTH_BEFORE = re.compile(r"第[一二三四五六七八九十百\d]+次$")
#: the shortest Chinese name of a meeting that a longer one ending with it names in another form (院士大会: `_series_edition`)
MIN_SERIES_NAME = 4
#: genres whose readers say "the author(s)" / 作者
AUTHORED = frozenset({"paper"})
_PAREN = re.compile(r"[（(][^）)]*[)）]")
#: a subtitle after the main title: "团结奋斗——在…上的报告", "Unite and Strive — Report to…"
_SUBTITLE = re.compile(r"——|\s[—–-]{1,2}\s")

#: what may follow a month in a date: a part of it (7月份, 7月底, 7月初, 7月下旬), or a day (7月30日)
_MONTH_EDGE = r"份|[底初末]|[上中下]旬"
_MONTH_SPAN = rf"(?:{_MONTH_EDGE}|中)"
#: a day of a month: 30日, 30号
_ZH_DAY = r"\d{1,2}\s*[日号]"
_MONTH_PART = rf"(?:{_MONTH_SPAN}|{_ZH_DAY})"
#: … right before a name: not a bare 中, which opens 中央 ("2031年7月中央政治局…")
_MONTH_PART_BEFORE_NAME = rf"(?:{_MONTH_EDGE}|{_ZH_DAY})"
#: what joins a date to the name of the meeting held then, or of the report delivered then: 7月召开的, 7月30日那次, 7月的,
#: 2031年底召开的, 3月5日所作的, and where it was held: 6月23日在太原召开的 (a place a reader adds to the date, which says
#: where to look as the date does, not what is asked)
_ZH_DATE_JOINTS = rf"(?:在[{HAN_RANGES}]{{2,6}}?)?(?:召开|举行)的|所作的|所做的|作的|做的|的|那次|这次|那一次|这一次"
_ZH_DATE_JOINT = rf"(?:{_ZH_DATE_JOINTS})?"
#: a part of a year a meeting is placed in: 2031年一季度过后那次, 2031年年中的, 2031年上半年召开的
_YEAR_PART = r"(?:[一二三四]季度|[上下]半年|年[中初末底])(?:过后|以后|之后|后|末)?"
#: … and the opening mark of a title the name is written in: 1987年的《政府工作报告》 (the mark is no part of the name)
_YEAR_BEFORE = re.compile(
    rf"({YEAR})\s*年?\s*(?:[度底末初]\s*|\d{{1,2}}\s*月{_MONTH_PART}?\s*|{_YEAR_PART}\s*)?{_ZH_DATE_JOINT}\s*(?:the\s+)?[《“「]?$",
    re.I,
)
#: a day or a range of days in an English date ("30", "28-29", "28–29")
_EN_DAYS = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
#: "held", and where, when the place stands before the date: "held in Taiyuan on 23 June 2031"
_HELD = r"(?:held|convened)\s+(?:in\s+[A-Z][\w-]+\s+)?"
#: a year written right after a name: "（2031年）", "（2031年9月）", "(August 2031)", "of 2031", "in December 2031", "held
#: on 30 September 2031" (", held in February 2031" too), "delivered in March 2031", "meeting of July 2031" ("on" only
#: before a month: "the report on 2031" is about the year)
_YEAR_AFTER = re.compile(
    rf"^\s*(?:(?:meeting|session|conference|plenum)\s*)?[（(]\s*(?:(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?)?({YEAR})\s*年?"
    rf"\s*(?:\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?)?\s*[)）]"
    rf"|^(?:\s+|,\s+(?={_HELD}))(?:(?:meeting|session|conference|plenum)\s+)?"
    # (where it was held may stand between the participle and the date: "held in Beijing on 28-29 December 2031")
    rf"(?:{_HELD}|(?:delivered|presented|given|made|issued|released)\s+)?"
    rf"(?:of|for|in|on(?=\s+(?:{_EN_DAYS}\s+)?(?:{'|'.join(MONTHS)})))\s+"
    rf"(?:(?:{_EN_DAYS}\s+)?(?:{'|'.join(MONTHS)})\s+(?:{_EN_DAYS},?\s+)?)?({YEAR})\b",
    re.I,
)
#: words that end a description of a meeting: the question's own verbs and question words ("the conference on
#: poverty *said* … in March 2031" dates what was said, not the conference)
_DESCRIPTION_STOPS = "|".join(
    "say says said did do does is was are were be been will would should must can could has have had ask asks asked "
    "call calls called what which who whom how when where why that".split()
)
#: how many words a description may run between a name and its date
DESCRIPTION_WORDS = 14
#: a full date (a month and a year) after a description of the meeting in lower-case words, as English writes a
#: meeting no name quite spells: "the national conference *reviewing the fight against poverty and honouring its role
#: models* on 25 February 2031", "the Commission's *sixth meeting* (January 2031)". Only a month with its year: "…
#: conference on goals for 2031" is about the year
_DATE_OF_DESCRIBED = rf"(?:{_EN_DAYS}\s+)?(?:{'|'.join(MONTHS)})\s+(?:{_EN_DAYS},?\s+)?({YEAR})\b"


def _description(stops: str, word: str) -> str:
    """Up to `DESCRIPTION_WORDS` words (`word`) describing a meeting, none of them one of `stops`."""
    return rf"(?:\s+(?!{stops}\b){word}){{1,{DESCRIPTION_WORDS}}}?"


_DESCRIBED_DATE = re.compile(
    _description(f"(?:{_DESCRIPTION_STOPS})", r"[a-z][a-z'’-]*")
    + rf"(?:\s+(?:{_HELD})?(?:on|in|of)\s+{_DATE_OF_DESCRIBED}|\s*[（(]\s*{_DATE_OF_DESCRIBED}\s*[)）])"
)
#: ... and after words of any case when "held" says the date is the meeting's: "the Symposium *on Winning the Decisive
#: Battle against Poverty* held on 6 March 2031" (a capitalised description is a name the index may not spell)
_HELD_DATE_AFTER_WORDS = re.compile(
    _description(f"(?i:{_DESCRIPTION_STOPS})", r"[A-Za-z][A-Za-z'’-]*") + rf"\s+{_HELD}(?:on|in)\s+{_DATE_OF_DESCRIBED}"
)
#: where a date may open inside the words completing a name (`DocumentMentions._year_after_tail`)
_DATE_PREPOSITION = re.compile(r"\s(?=(?:in|of|on|held)\s)", re.I)
#: how far after a name `_YEAR_AFTER` looks: " conference held on 30 September 2031"
YEAR_AFTER_REACH = 43
_YEAR = YEAR_RE
#: a name whose edition is a year said elsewhere in the question: "that year's report", 当年的报告
_THAT_YEAR = re.compile(r"(?:\b(?:that|the same|the)\s+year['’]s\s+|(?:当年|该年|同年|那一年|这一年)(?:的)?\s*)$", re.I)
#: a Chinese genre word names a document only where it is used as one: 报告中 / 《决定》 / 这份报告
_ZH_BEFORE = r"(?:这篇|这份|这次|本次|此次|该|本|此|《)"
_ZH_AFTER = r"(?=》|中|里|提出|指出|提到|强调|认为|说|对|如何|怎么|关于|部署|明确|要求|里面|当中)"
#: a genre word opening the question is its subject, the document ("决定在金融法治方面要制定什么法律？",
#: "报告点名了哪些产业？"): a question does not open with the verb 决定 or the noun 建议 of its own
_ZH_OPENING = r"^\s*"
#: Chinese genre words that mean a document wherever they stand
_ZH_BARE = frozenset({"论文", "公报", "通稿", "新闻稿"})
#: English words that carry no name: articles, prepositions, conjunctions (left out of a document's name words)
_FUNCTION_WORDS = frozenset(
    "a an the of on in to for and or at by with from as into its their this that these those".split()
)
#: what opens a qualified genre phrase ("the …", "the Party's …", "2024 …"): the words after it up to the
#: genre word are its modifiers
_DETERMINERS = frozenset("the this that these those a an its their his her our".split())
#: ... but an indefinite article opens no name: "delivered an important speech" means no particular text
_INDEFINITE = frozenset({"a", "an"})
#: a word of a qualified phrase: a word, a hyphenated compound, an ordinal ("20th"), a possessive, a year
#: (a plural possessive too, "the 2031 entrepreneurs' symposium": its apostrophe broke the phrase)
_PHRASE_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*(?:['’]s|(?<=s)['’])?|\d+(?:st|nd|rd|th)\b|\d+")
#: what joins a possessor's name to the name of their document: "Li Wei's report", "Li Wei's 2031 work report"
_POSSESSIVE_GAP = re.compile(rf"['’]s\s+(?:the\s+)?(?:{YEAR}\s+)?", re.I)
#: a word of a name or of a modifier (hyphenated compounds are several: "five-year")
_NAME_WORD = re.compile(r"[^\W_]{2,}")
#: an English proper name: capitalised words, joined by spaces or by and / of / for / on ("Central Financial and
#: Economic Affairs Commission"), "the" after them ("Political Bureau of the CPC Central Committee"), or by the commas of
#: a list that "and" closes ("National Conference on Propaganda, Ideological and Cultural Work")
_EN_NAME = re.compile(
    r"\b[A-Z][A-Za-z'’-]*(?:(?:\s+(?:(?:and|of|for|on)\s+(?:the\s+)?)?|,\s+(?=(?:[A-Z][A-Za-z'’-]*,?\s+)+and\s+[A-Z]))"
    r"[A-Z][A-Za-z'’-]*)+"
)
#: the second capitalised word of a name: where it starts
_NEXT_WORD = re.compile(r"(?<=\s)[A-Z][A-Za-z'’-]*\s+[A-Z]")
#: one capitalised word not opening the question ("Politburo" in "…the Politburo democratic life meeting")
_EN_WORD_CAPITALISED = re.compile(r"(?<=\s)[A-Z][A-Za-z'’-]+")
#: from this month on, a meeting whose undated text's title names a year plans it, so is of the year before: the
#: second half of a year looks to the next ("12月8日召开会议 … 分析研究2024年经济工作" is a 2023 meeting), a January
#: meeting "部署2024年工作" to its own. A stated reading of the calendar, not a tuned figure (the texts seen are December's)
PLANS_NEXT_YEAR_FROM = 7
#: where a contracted name ends (`DocumentMentions._contracted_names`: a meeting word, not any 会, which ends 社会 too,
#: or a document's kind: 绿色转型意见 for 关于加快经济社会发展全面绿色转型的意见), and its length in characters: three at
#: least, at most a full name's (a bound on the search, not a tuned figure)
_CONTRACTED_END = re.compile(r"会议|大会|全会|座谈会|研讨会|论坛|峰会|年会|意见|决定|规划|方案|纲要|条例")
MIN_CONTRACTED = 3
MAX_CONTRACTED = 14
#: ... which starts a word: after a character that is no Han, or after one that ends a date or joins a name (年, 月,
#: 的, 在): "委会会议" inside 中央政治局常委会会议 contracts nothing; not after a digit, which is the name's own ("30周年大会"
#: is no contraction of "某某40周年纪念大会": a question on the 30th anniversary named every anniversary's meeting), but
#: at a number's first digit whatever is before it (`_starts_number`)
_BEFORE_CONTRACTED = re.compile(rf"[^{HAN_RANGES}0-9０-９]|[年月的在次]")
#: ... written in Chinese characters, with the name's own numbers among them or before them ("深圳特区40周年大会",
#: "100周年大会" for 某某成立100周年庆祝大会: a reader keeps the anniversary's number and drops other characters)
_CONTRACTED_SPAN = re.compile(rf"\d*[{HAN_RANGES}]+(?:\d+[{HAN_RANGES}]+)*")
#: ... and does not start inside a date: the 年 of "2024年教育大会" is the year's, and "年教育大会" contracted the dated
#: name "2018年全国教育大会" of another edition, so the 2024 question named the 2018 text (found on the development texts)
_IN_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十][年月日]")
#: a name's end said without its beginning (依法治国工作会议 for 中央全面依法治国工作会议) is one of its names from this many
#: characters on: a shorter end is a genre (工作会议, 全体会议, 代表大会), no name, unless one name alone ends so
#: (`DocumentMentions._one_names_end`: 教育大会)
MIN_NAME_END = 5
#: Chinese words an English word stands for in the official English names of bodies and meetings, besides the
#: dictionary's senses: 工作 is "affairs" in "the Central Conference on Ethnic Affairs" (中央民族工作会议) as often as
#: "work" (CC-CEDICT gives 工作 only "work", "job"). A convention of the names' translation, not of one text
NAME_RENDERINGS = {"affairs": ("工作",)}
#: at most this many modifiers before a genre word (a bound on the walk, not a tuned figure)
MAX_MODIFIERS = 4
#: content words of a phrase spelling a document's title that may not translate into it (`_title_tail`)
MAX_UNSPELLED = 1


@dataclass(frozen=True)
class DocumentAliases:
    doc_id: str
    genre: str
    #: the year of the document's date ("2024"), "" if unknown
    year: str
    #: the names a question may use for it, Chinese and English
    names: tuple[str, ...]
    #: its main title (before a subtitle introduced by a dash) names its genre: 政府工作报告 is "a report"
    #: by its title, 团结奋斗——在…大会上的报告 only by its subtitle (`DocumentMentions.find`)
    headline_genre: bool = True
    #: the names among `names` that are its authors' or speaker's (from the byline), not its own
    people: tuple[str, ...] = ()
    #: the month of its date, else of the day its opening paragraph says the meeting met ("中共中央政治局4月29日召开会议"
    #: in a readout that never gives its year): 1-12, 0 if unknown
    month: int = 0
    #: the day of the month of the same date (1-31), 0 if unknown
    day: int = 0
    #: the other year the text may be of, "" if none: an undated text whose title alone names a year (a readout
    #: "分析研究2024年经济工作") may be of that year or of the year before, planning it. `year` is the likelier: the
    #: year before for a meeting of the second half of a year (`PLANS_NEXT_YEAR_FROM`), the title's otherwise, and then
    #: the other is the year after for a meeting of the first half (it may hear of the year before), else the one before
    other_year: str = ""
    #: genres besides its own whose texts it records too: a readout whose headline or opening paragraph says someone
    #: delivered a speech (发表重要讲话) holds that speech, and a reader asks about it as 讲话 ("讲话里…")
    records: frozenset[str] = frozenset()


#: the genre of a text a readout records when its headline or opening says a speech was delivered (`SPEECH_SAID`)
SPEECH = "speech"
SPEECH_SAID = re.compile(r"讲话|\b(?:speech|remarks)\b", re.I)


def _records_speech(title: str, title_en: str, opening: str) -> bool:
    """Does the text record a speech: its headline or opening says one was delivered (`SPEECH_SAID`), or its headline
    is what a speaker said at an occasion ("王某在海州港口工作会议上强调…", `occasion_of`)?"""
    return bool(SPEECH_SAID.search(f"{title} {title_en} {opening}")) or occasion_of(title) is not None


def _core_title(title: str) -> str:
    """The title a reader says: without brackets, the edition's year and the issuing organs ("2016年中华人民共和国国务院
    政府工作报告" → 政府工作报告, whose genre word and gloss are those of every edition)."""
    return without_issuer(_PAREN.sub("", title).strip())


def genre_of(kind: str, title: str, title_en: str) -> str:
    """The document's genre key from its kind, else its title's last genre word."""
    for word in re.findall(r"[A-Za-zé]+", kind.lower()):
        if word in _GENRE_BY_WORD:
            return _GENRE_BY_WORD[word]
    core = _core_title(title)
    if headline_meeting(core):
        # "某某大会在京召开 习某某出席会议并发表重要讲话": a headline whose first clause reports a meeting heads its
        # readout, whatever genre word a later clause ends in
        return "communique"
    for part in reversed([core, *re.split(r"——", core)]):
        for key, zh, _ in GENRES:
            if part.strip().endswith(zh):
                return key
    first = re.match(r"[A-Za-zé]+", title_en.strip())
    if first and first.group(0).lower() in _GENRE_BY_WORD:
        return _GENRE_BY_WORD[first.group(0).lower()]
    # a news headline reporting a meeting ("某某工作会议在北京举行"): the text is the meeting's readout
    return "communique" if reports_meeting(title) else ""


def document_names(
    doc_id: str,
    title: str,
    title_en: str = "",
    kind: str = "",
    date: str = "",
    aliases: tuple[str, ...] = (),
    front: str = "",
    gloss=None,
    romanize=romanize_name,
    shared: frozenset[str] = frozenset(),
    opening: str = "",
) -> DocumentAliases:
    """A document's names: its `aliases` plus the authors in its `front` matter and the English
    gloss of a short title ending in its genre word (`gloss`: Chinese word → English; `romanize`:
    a name → pinyin, e.g. `IndexLexicon.romanize_name`; `shared`: people of the front matter other texts
    speak of, who name no document; `opening`: the first paragraph of its body, whose first day dates an undated
    readout's month)."""
    genre = genre_of(kind, title, title_en)
    if not genre and any(is_meeting_name(name) for name in aliases):
        # a headline of no genre naming no meeting ("某某对某某工作作出重要指示强调 …") whose text reports one (its names
        # hold the meeting's, `knowledge.aliases.reported_meeting`): the meeting's readout, as a headline reporting the
        # meeting makes it ("the Central … Work Conference of January 2031" named only the other year's readout)
        genre = MEETING_RECORD
    zh_genre, en_genre = next(((zh, en) for key, zh, en in GENRES if key == genre), ((), ()))
    year = (re.search(YEAR, f"{date} {title} {title_en}") or [""])[0]
    month, day = _month_and_day(date, opening)
    other_year = ""
    if year and not re.search(YEAR, date):
        before = str(int(year) - 1)
        after = str(int(year) + 1)
        # a meeting of the first half of a year may hear of the year before ("4月19日召开会议 … 听取2031年…考核情况汇报")
        year, other_year = (before, year) if month >= PLANS_NEXT_YEAR_FROM else (year, after if month else before)
    names = list(aliases)
    core = _core_title(title)
    for word in zh_genre:
        stem = core[: -len(word)] if core.endswith(word) else ""
        if gloss is not None and en_genre and 2 <= len(stem) <= 6 and "关于" not in stem:
            words = [gloss(w) for w in segment(stem)]
            if words and all(words):
                names.append(" ".join([*words, en_genre[0]]))
                if len(words) > 1:
                    names.append(" ".join([words[-1], en_genre[0]]))
    # a readout headlined by what was said ("某某强调 更好统筹…") names its occasion in its opening ("中共中央政治局1月28日
    # 下午就…进行第三次集体学习"): a reader names the text by it ("十八届中央政治局第三次集体学习", "the January 2013 study session")
    if occasion_of(title) is None and (held := held_occasion(opening)) is not None:
        names += occasion_names(held, year)
    names += numbered_in_opening(title, opening)
    people = _authors(_byline_lines(front), title, romanize, shared)
    names.extend(people)
    return DocumentAliases(
        doc_id,
        genre,
        year,
        tuple(dict.fromkeys(n.strip() for n in names if n.strip())),
        _genre_in_main_title(genre, title, title_en),
        tuple(p.strip() for p in people if p.strip()),
        month=month,
        day=day,
        other_year=other_year,
        records=frozenset({SPEECH}) if _records_speech(title, title_en, opening) else frozenset(),
    )


def _month_and_day(date: str, opening: str) -> tuple[int, int]:
    """(month, day) of a date (YYYY-MM…; a date without its day takes the opening's day of that month), else of the
    first day (N月M日) the opening paragraph gives; (0, 0) if none."""
    seen = opening_day(opening)
    if m := re.match(r"\d{4}-(\d{2})(?:-(\d{2}))?", date):
        month = int(m.group(1))
        return month, int(m.group(2) or 0) or (seen[1] if seen and seen[0] == month else 0)
    return seen or (0, 0)


def opening_day(opening: str) -> tuple[int, int] | None:
    """(month, day) of the first day (N月M日) an opening paragraph gives: the day an undated readout's meeting met."""
    day = next((d for d in MONTH_DAY.finditer(opening) if d.group(2)), None)
    if day is None or not 1 <= int(day.group(1)) <= 12 or not 1 <= int(day.group(2)) <= 31:
        return None
    return int(day.group(1)), int(day.group(2))


def _genre_in_main_title(genre: str, title: str, title_en: str) -> bool:
    """Does the main title — the part before a subtitle introduced by a dash — carry a genre word? A readout's headline
    naming the meeting it reports does (纪念某某诞辰200周年大会在京举行, 某某工作座谈会召开: no 会议 in it, but a meeting's
    name): else "the May 2031 conference" named the readouts whose headline happened to say 会议 ("出席会议") and not it."""
    zh, en = next(((zh, en) for key, zh, en in GENRES if key == genre), ((), ()))
    heads = [_SUBTITLE.split(_PAREN.sub("", t))[0].lower() for t in (title, title_en) if t.strip()]
    if genre == MEETING_RECORD and has_han(title) and headline_meeting(heads[0]):
        return True
    return any(w in head for head in heads for w in zh) or any(
        re.search(rf"\b{re.escape(w)}s?\b", head) for head in heads for w in en
    )


def _byline_lines(front: str) -> list[str]:
    """The lines of a document's front matter its byline may be on."""
    return front.splitlines()[:4]


def _byline_people(lines: list[str], title: str) -> list[str]:
    """Person names in the byline lines (not the title): 石建勋，徐玲 / 国务院总理 李强 / 习近平."""
    out: list[str] = []
    # a title and its byline can share one line (政府工作报告——2024年3月5日在…上国务院总理 李强)
    pieces = [p.strip() for line in lines for p in unicodedata.normalize("NFKC", line).split("——")]
    for line in pieces:
        if line and line not in title and len(line) <= 40:
            out.extend(person_names(line))
    return out


def _authors(lines: list[str], title: str, romanize=romanize_name, shared: frozenset[str] = frozenset()) -> list[str]:
    """The byline's people (`_byline_people`) but the `shared` ones, with their pinyin ("Shi Jianxun") and, for
    two or three authors, "Shi and Xu"."""
    out = [n for n in _byline_people(lines, title) if n not in shared]
    english = [e for e in (romanize(n) for n in out) if e]
    surnames = [e.split()[0] for e in english]
    pairs = [f"{a} and {b}" for a in surnames for b in surnames if a != b] if 1 < len(surnames) <= 3 else []
    return out + english + pairs


#: questions whose `DocumentMentions.find` result is kept (a bound on memory, not a tuned figure)
FIND_MEMO = 1024
#: reduced name alternations each matcher remembers (`DocumentMentions._name_spans`)
NAME_SETS_MEMO = 256
#: what `_pattern` turns into flexible or optional parts of a name: spaces, dashes, é
_NAME_SEPARATORS = re.compile(r"[ \-é]+")


@dataclass
class Mentions:
    #: the question with the document names removed
    query: str
    #: named doc_ids, in order of first mention
    named: list[str] = field(default_factory=list)
    #: (doc_id, year) for documents named with a year: the edition the question means
    editions: list[tuple[str, str]] = field(default_factory=list)
    #: years the question names apart from any document name
    years: list[str] = field(default_factory=list)
    #: names said as points in time ("五中全会以来", "since the Fifth Plenum"): they name no source and stay in
    #: `query`, but they are names the index knows
    anchors: list[str] = field(default_factory=list)
    #: doc_id → the English name the question calls it by ("Central Economic Work Conference"): an English answer
    #: shows a text with no English title by the reader's own name for it (`said_name`)
    said: dict[str, str] = field(default_factory=dict)


class DocumentMentions:
    """Matches document names in questions; built once per index generation."""

    def __init__(
        self,
        documents: list[DocumentAliases],
        speakers: tuple[str, ...] = (),
        bridge_spans: Callable[[str], list[tuple[int, int, tuple[str, ...]]]] | None = None,
        senses: Callable[[str], tuple[str, ...]] | None = None,
    ):
        self.documents = documents
        #: the numbers of the numbered occasions of each kind the documents are (第十八次集体学习 → {"集体学习": {18}})
        self._occasion_numbers: dict[str, set[int]] = {}
        for doc in documents:
            for name in doc.names:
                for m in _NUMBERED_OCCASION_ZH.finditer(name):
                    self._occasion_numbers.setdefault(m.group(2), set()).add(int(han_number(m.group(1))))
        #: English text → (start, end, Chinese words) of its phrases (`Bridge.spans`): an English name a document's
        #: Chinese name spells that way names it (`_bridged_names`), and a modifier of a qualified genre phrase a
        #: Chinese name holds that way is one of its name words ("the Central *Urban* Work Conference" for
        #: 中央城市工作会议, whose dictionary gloss says "City")
        self._bridge_spans = bridge_spans
        self._zh_names = {d.doc_id: tuple(n for n in d.names if has_han(n)) for d in documents}
        #: the Chinese names of meetings as the documents are called, exactly ("中央政治局会议"): a body's meeting
        self._meeting_names = frozenset(n for names in self._zh_names.values() for n in names if n.endswith("会议"))
        #: the texts recording a meeting one of their names names (`MEETING_RECORD`)
        self._meeting_records = frozenset(d for d, names in self._zh_names.items() if any(map(is_meeting_name, names)))
        #: people of the bylines who name no document, because other texts speak of them (`from_index`), in
        #: Chinese and in pinyin: the corpus knows them, so they are no unknown name (`without_speakers`)
        self._speakers = (
            re.compile("|".join(_pattern(n) for n in sorted(speakers, key=len, reverse=True)), re.I)
            if speakers
            else None
        )
        self.by_id = {d.doc_id: d for d in documents}
        #: the texts no name names but their id (no title read from the text, none given): `_nameless_edition`
        self._nameless = frozenset(d.doc_id for d in documents if set(d.names) <= {d.doc_id})
        #: `_find` memoised per question (the standard LRU cache, one per matcher)
        self._cached_find = functools.lru_cache(maxsize=FIND_MEMO)(self._find)
        by_name: dict[str, set[str]] = {}
        for d in documents:
            for name in d.names:
                by_name.setdefault(name.lower(), set()).add(d.doc_id)
        longest_first = sorted(by_name, key=len, reverse=True)
        #: the documents of each name, in the order of the pattern's groups: a name's pattern matches
        #: spellings other than the name itself (é written e, other spaces or dashes), so the group
        #: that matched says which name it was, not the matched text
        self._docs_of_group = [frozenset(by_name[n]) for n in longest_first]
        self._patterns = [_pattern(n) for n in longest_first]
        #: what every match of each name's pattern holds (`fold`ed): its pieces between spaces, dashes and é
        # (an ordinal is no piece: the name matches it in words or digits, `_words`)
        self._pieces = [
            tuple(fold(p) for p in _NAME_SEPARATORS.split(n) if p and not _ORDINAL_SPELLING.fullmatch(p))
            for n in longest_first
        ]
        #: the names' alternation reduced to the names a question can hold, by their positions (`_name_spans`)
        self._names_among = functools.lru_cache(maxsize=NAME_SETS_MEMO)(self._alternation)
        #: each document's English name words, for qualified genre phrases ("the 2022 congress report")
        self._words = {d.doc_id: name_words(d.names) for d in documents}
        #: ... and their noun-adjective stems (`_holds`), worked out once per matcher, not per question
        self._stems = {doc: frozenset(noun_adjective_stem(w) for w in words) for doc, words in self._words.items()}
        self._senses = senses
        #: the English words of the dictionary senses of each document's Chinese name words (要素 "essential factor",
        #: 网络 "cyber-"), with their stems: a modifier that is one of them is of the name ("the 2020 factor market
        #: opinions") though the bridge translates it otherwise (factor → 因素). Worked out on the first qualified
        #: phrase that needs them, not at start-up (`_senses_of`)
        self._sense_words: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._people = frozenset(fold(p) for d in documents for p in d.people)
        english = sorted((w for w in _GENRE_BY_WORD if not has_han(w)), key=len, reverse=True)
        self._genre_word = re.compile(
            rf"\b({'|'.join(map(re.escape, english + sorted(_KIND_WORDS, key=len, reverse=True)))})s?\b", re.I
        )
        #: each genre's phrase pattern, the documents it names, and those of them a title's generic name ("the
        #: conference") may mean too (`_find`)
        self._genres: list[tuple[re.Pattern, frozenset[str], frozenset[str]]] = []
        # a text whose genre is unknown (no title, no kind) may be of any genre: a genre word names it with the
        # texts of its genre, or 会议认为… would send a question about an untitled readout to the titled ones
        unknown = frozenset(d.doc_id for d in documents if not d.genre)
        for key, zh, en in GENRES:
            docs = frozenset(d.doc_id for d in documents if d.genre == key or key in d.records)
            if not docs:
                continue
            docs |= unknown
            # ... as may a text of the genre whose title does not say which one it is (a readout without its lead), or
            # one recording a text of the genre under a title that does not say so (a readout of what a leader said at a
            # seminar is "Xi's February 2031 speech": before, the other texts of 2031 named "the 2031 speech" took it)
            untitled = (
                frozenset(d.doc_id for d in documents if (d.genre == key or key in d.records) and not d.headline_genre)
                | unknown
            )
            words = "|".join(re.escape(w) for w in sorted(en, key=len, reverse=True))
            forms = [rf"\b(?:the|this|that)\s+(?:{YEAR}\s+)?(?:{words})s?\b", rf"\b{YEAR}\s+(?:{words})\b"]
            for w in zh:
                forms.append(
                    re.escape(w)
                    if w in _ZH_BARE
                    else rf"{_ZH_BEFORE}{re.escape(w)}》?|{re.escape(w)}{_ZH_AFTER}|{_ZH_OPENING}{re.escape(w)}"
                )
            if key in AUTHORED:
                forms.extend([r"\bthe\s+authors?\b", "作者"])
            self._genres.append((re.compile("|".join(forms), re.I), docs, untitled))

    @classmethod
    def from_index(cls, index, gloss=None, romanize=romanize_name, bridge_spans=None, senses=None) -> DocumentMentions:
        """From the index's documents: their aliases, kinds, dates and front matter.

        A person in a byline names their text only while no other text speaks of them: a leader who delivered
        one report and is named in the body of a communiqué or a readout ("…出席会议") is asked about as a person
        ("习近平宣布了什么？", "which leaders besides X attended"), not as a way to name the report."""
        infos = list(index.documents())
        chunks = {info.doc_id: index.chunks(info.doc_id) for info in infos}
        fronts = {d: first.text if (first := opening_chunk(cs)) else "" for d, cs in chunks.items()}
        bodies = {d: "\n".join(c.text for c in cs if c.role != "front") for d, cs in chunks.items()}
        openings = {d: next((c.text for c in cs if c.role != "front"), "") for d, cs in chunks.items()}
        out = []
        speakers: list[str] = []
        for info in infos:
            shared = frozenset(
                name
                for name in _byline_people(_byline_lines(fronts[info.doc_id]), info.title)
                if any(name in body for d, body in bodies.items() if d != info.doc_id)
            )
            out.append(
                document_names(
                    info.doc_id,
                    info.title,
                    info.title_en,
                    info.kind,
                    info.date,
                    info.aliases,
                    fronts[info.doc_id],
                    gloss,
                    romanize,
                    shared,
                    openings[info.doc_id],
                )
            )
            speakers.extend(n for name in sorted(shared) for n in (name, romanize(name)) if n and n not in speakers)
        return cls(out, tuple(speakers), bridge_spans, senses)

    def without_speakers(self, text: str) -> str:
        """`text` without the names of `speakers`."""
        return self._speakers.sub(" ", text) if self._speakers else text

    def find(self, question: str) -> Mentions:
        """The documents and years `question` names. Memoised per question (the matcher is built once
        per index generation and several stages of one turn ask about the same question); each caller
        gets its own copy."""
        found = self._cached_find(question)
        return Mentions(
            found.query,
            list(found.named),
            list(found.editions),
            list(found.years),
            list(found.anchors),
            dict(found.said),
        )

    def unheld_occasion(self, question: str) -> str:
        """A numbered occasion of a kind the question names that no document is ("第十二次集体学习", "the 12th study
        session", when the index holds other study sessions but not the 12th): an adjacent session is a near miss the
        others' texts do not answer; "" when there is none (or the index holds no occasion of that kind)."""
        asked = [
            (m.group(0), m.group(2), int(han_number(m.group(1))))
            for m in _NUMBERED_OCCASION_ZH.finditer(question)
            # (not a year's first: "2031年第一次集体学习" is the year's, not the term's, first session)
            if not question[: m.start()].endswith("年")
        ]
        asked += [
            (m.group(0), "集体学习", english_ordinal_value(m.group(1))) for m in _NUMBERED_STUDY_EN.finditer(question)
        ]
        for said, kind, number in asked:
            if kind in self._occasion_numbers and number not in self._occasion_numbers[kind]:
                return said
        return ""

    def without_names(self, question: str) -> str:
        """The question without the names of indexed documents, those said as points in time too."""
        found = self._cached_find(question)
        query = found.query
        for anchor in found.anchors:
            query = query.replace(anchor, " ")
        return query

    def _find(self, question: str) -> Mentions:
        question = _work_relating_said_before(
            self._dated_by_back_reference(
                months_spelled_out(_npc_sessions_dated(_names_spelled_out(_asides_after_days(question))))
            )
        )
        names = self._names_in(question)
        in_time = {(s, e) for s, e, _ in names if _time_anchor(question, s, e)}
        anchors = [question[s:e] for s, e in sorted(in_time)]
        spans = [
            (s, e, of_session)
            for s, e, docs in names
            if (s, e) not in in_time and (of_session := self._of_session(question, s, e, docs))
        ]
        bare_genre: set[tuple[int, int]] = set()
        for pattern, docs, untitled in self._genres:
            for m in pattern.finditer(question):
                if _titled_year(question, m.start()):
                    continue
                if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), docs))
                    bare_genre.add((m.start(), m.end()))
                elif untitled:
                    # a title's generic name ("the conference", "the report") is a genre phrase too: it may
                    # mean an untitled text of the genre as well
                    spans = [
                        (s, e, d | untitled) if m.start() <= s and e <= m.end() else (s, e, d) for s, e, d in spans
                    ]
        spans.sort()
        spans = _absorb_generic(question, spans)
        spans = _without_broad(question, self._without_embedded_people(question, spans), bare_genre)
        named: list[str] = []
        editions: list[tuple[str, str]] = []
        claimed: list[tuple[int, int]] = []
        kept: list[tuple[int, int, frozenset[str]]] = []
        #: the kept spans with the documents they name once their edition is picked
        resolved: list[tuple[int, int, frozenset[str]]] = []
        for start, end, docs in spans:
            year, ystart, yend = _adjacent_year(question, start, end)
            if not year:
                year, ystart, yend = self._year_after_tail(question, start, end, docs)
            if not year:
                others = [(s, d) for s, e, d in spans if (s, e) not in bare_genre and not d & docs]
                year, ystart, yend = _date_after_description(question, end, others)
            person = bool(year) and is_person(question[start:end])
            if person and all(self.by_id[d].year != year for d in docs):
                # "2016年王某提出…": an author's name dated another year than their documents is about
                # what the person said or did then, not a way to name the document; it stays in the question
                continue
            if year and (start, end) in bare_genre and self._loose_genre(docs, year):
                # "the 2024 plan" when the only plan is of 2025 and another text is of 2024: a genre word is
                # loose talk for that year's text, not a named edition the index lacks; the year stays
                continue
            kept.append((start, end, docs))
            # an author's name dated their documents' year is the document, but the year no edition of it
            if year and not person:
                claimed.append((ystart, yend))
                if author := _author_before(question, min(ystart, start), max(end, yend)):
                    claimed.append(author)
                fitting = {d for d in docs if self.by_id[d].year == year}
                # a text dated that year before one whose title's year makes it likely (`DocumentAliases.other_year`)
                fitting = {d for d in fitting if not self.by_id[d].other_year} or fitting
                # "the 2022 report": the edition of a text its title calls a report (政府工作报告), not
                # a text of that year only its subtitle calls one (团结奋斗——在…大会上的报告)
                of_year = fitting
                # (not by a kind of occasion, which every text it names is by its name: "the 2031 symposium" named the
                # one symposium of 2031 whose headline reads as a readout's, "…主持召开某某座谈会强调", not those
                # reported as "…在某某座谈会上强调")
                titled = (
                    set()
                    if _kind_of_occasion(question[start:end])
                    else {d for d in fitting if self.by_id[d].headline_genre}
                )
                # a text whose date is unknown may be the edition asked for ("2031年海洋经济工作会议" when the readout
                # held never says its year): it, not the dated editions of other years
                # (or one whose year is only its title's, which may be the year it plans: `_uncertain_year`)
                fitting = (
                    titled
                    or fitting
                    or self._uncertain_year(docs, year)
                    or self._nameless_edition(docs, year)
                    or self._series_edition(question[start:end], year)
                )
                # "the April 2031 Politburo meeting": of the texts that fit the year, those of the month it gives; when
                # none is of that month, of the texts whose year is uncertain (a title's "2032年" that is the year a
                # December meeting plans is no April 2032 meeting)
                month, mstart, mend = _asked_month(question, min(ystart, start), max(end, yend))
                if month:
                    # (the year's texts of that month before the uncertain ones, titled by a genre word or not: "the
                    # national conference … of February 2031" is the February readout whose headline says 大会 though
                    # others of the year say 会议)
                    in_month = (
                        self._of_month(fitting, month)
                        or self._of_month(of_year, month)
                        or self._of_month(self._uncertain_year(docs, year), month)
                    )
                    if not in_month:
                        # when every text that fits is known to be of another month, a nameless one of the month asked;
                        # else the texts whose month no line says ("全国脱贫攻坚总结表彰大会25日上午…", "the Symposium …
                        # held on 6 March 2031" whose readout says 6日 only), of the year or, when some fit, of those
                        known = all(self.by_id[d].month for d in fitting)
                        in_month = (known and self._of_month(self._nameless_edition(docs, year), month)) or {
                            d for d in (of_year if known else fitting) if not self.by_id[d].month
                        }
                    fitting = self._of_day(in_month, month, _asked_day(question, mstart, mend)) or in_month or fitting
                    claimed.append((mstart, mend))
                # of texts that may be of the year, one whose title's year makes it one of the two it may be of, rather
                # than those that name no year ("the April 2032 Politburo meeting": the April readout hearing of 2031)
                fitting = self._year_in_title(fitting, year) or fitting
                docs = frozenset(fitting) if fitting else docs
                editions.extend((d, year) for d in sorted(docs))
            elif not year and (dated := _undated_month(question, start, end))[0]:
                # "4月29日政治局会议", "the July 30 Politburo meeting": a day without its year still says which meeting
                month, mstart, mend = dated
                fitting = {d for d in docs if self.by_id[d].month == month}
                fitting = self._of_day(fitting, month, _asked_day(question, mstart, mend)) or fitting
                if fitting:
                    docs = frozenset(fitting)
                    claimed.append((mstart, mend))
            resolved.append((start, end, docs))
        for docs in _possessors_qualify(question, _narrowed(question, resolved)):
            named.extend(d for d in sorted(docs, key=self._order) if d not in named)
        # "the 2022 opinions *on accelerating the building of a unified national market*": the words after a name that
        # spell its document's title are part of the name, not of what is asked
        # (the documents the name means once its edition is picked: "the 2031 report" is every report of any year
        # until the year picks the government's, whose title the words after it spell)
        kept = [
            (s, self._name_end(question, e, meant), docs)
            for (s, e, docs), (_, _, meant) in zip(kept, resolved, strict=True)
        ]
        taken = claimed + [(s, e) for s, e, _ in kept]
        removed = [False] * len(question)
        for start, end in taken:
            removed[start:end] = [True] * (end - start)
        query = "".join(" " if gone else ch for ch, gone in zip(question, removed))
        years = [m.group(1) for m in _YEAR.finditer(question) if not any(s <= m.start() < e for s, e in taken)]
        said: dict[str, str] = {}
        for start, end, docs in resolved:
            name = said_name(question[start:end])
            if len(docs) > 1:
                # the name several texts answer to (the undated readouts of one month, a meeting's two editions):
                # the reader's name without the date they gave, which the text quoted may not be of
                name = said_name(undated_name(name))
            for doc_id in sorted(docs, key=self._order) if name else ():
                said.setdefault(doc_id, name)
        return Mentions(re.sub(r"\s+", " ", query).strip(), named, editions, list(dict.fromkeys(years)), anchors, said)

    def _dated_by_back_reference(self, question: str) -> str:
        """ "What did the Politburo review at *its 28 July 2022 meeting*?" said as "… the 28 July 2022 Politburo
        meeting review …": a body named first and its meeting dated after it by "its" is that dated meeting, as if the
        date and the meeting's head noun were written with the body's name (otherwise "2022 meeting" alone names
        whichever meeting of 2022 the index dates). Unchanged when the body and the head noun name no document."""
        m = _ITS_DATED.search(question) or _ITS_MEETING_DATED.search(question)
        if m is None and (possessed := _POSSESSED_DATED.search(question)):
            return self._dated_possessor(question, possessed)
        if m:
            for body in reversed(list(_CAPITALISED.finditer(question, 0, m.start()))):
                name = f"{body.group(0)} {m.group('head')}"
                if self._names_whole(name, body.group(0)):
                    before, between = question[: body.start()], question[body.end() : m.start()]
                    return f"{before}{m.group('date')} {name}{between.rstrip()}{question[m.end() :]}"
            # "At its meeting of 30 August 2031, what did the CPC Politburo decide …": "its" may point ahead, to the
            # first body named after it, read from its first word or a later one ("CPC Politburo", "Politburo"; so
            # written by the forty-second batch's helper, 2026-12-07)
            for body in _CAPITALISED.finditer(question, m.end()):
                words = _OPENING_PREPOSITION.sub("", body.group(0)).split()
                for text in (" ".join(words[k:]) for k in range(len(words))):
                    name = f"{text} {m.group('head')}"
                    if self._names_whole(name, text):
                        return f"{question[: m.start()]}the {m.group('date')} {name}{question[m.end() :]}"
            return question
        return self._dated_by_clause(self._dated_zh_body(self._dated_body(question)))

    def _dated_by_clause(self, question: str) -> str:
        """ "2031年7月底部署下半年经济工作的那次政治局会议", "2031年12月在北京召开的中央港口工作会议": the date of a
        meeting said before a clause on what was done there dates the name that follows the clause, as if written
        right before it ("部署下半年经济工作的那次2031年7月底政治局会议"). Unchanged when no name follows."""
        clauses = [m for m in _ZH_DATED_CLAUSE.finditer(question) if not _NO_CLAUSE.fullmatch(m.group("clause"))]
        names = self._names_in(question) if clauses else []
        for m in clauses:
            # the clause says what was done, naming nothing itself ("2031年4月二十届中央深改委第一次会议的委员": the
            # date is the named meeting's)
            if any(s == m.end() for s, _, _ in names) and not any(
                m.start("clause") <= s < m.end("clause") for s, _, _ in names
            ):
                return f"{question[: m.start()]}{m.group('clause')}{m.group('date')}{question[m.end() :]}"
        return question

    def _dated_zh_body(self, question: str) -> str:
        """ "2031年4月政治局经济工作会议", "2031年4月中央政治局分析经济形势的会议", "十九届中央政治局2031年4月的会议",
        "中央政治局2031年4月5日开会": a body that names no document alone (政治局), dated right before or after it and
        followed within a few characters by 会议 / 开会, is the meeting of it held then, said "2031年4月政治局会议"
        (otherwise "经济工作会议" names the economic work conferences and the date names nothing). The words between the
        body and 会议 stay, after the name. Unchanged when the body with 会议 names no document."""
        for m in _ZH_DATED_BODY.finditer(question):
            before, date, after = m.group("before"), m.group("date"), m.group("after")
            # a numbered meeting (中央财经委员会第十次会议): the date is said with a name
            if _NUMBERED_MEETING.search(after):
                continue
            # the body after the date (its longest start that is one), or, with nothing but 的 after the date, before it
            found = [(after[:j], after[j:], m.start("date")) for j in range(len(after), 1, -1)]
            if after in ("", "的"):
                found += [(before[i:], after, m.start("date") - len(before) + i) for i in range(len(before) - 1)]
            for body, rest, start in found:
                # the body with 会议 is a document's name exactly (中央政治局会议), the body alone names none
                if f"{body}会议" in self._meeting_names and not self._names_in(body):
                    return f"{question[:start]}{date}{body}会议{rest.removesuffix('的')}{question[m.end() :]}"
        return question

    def _dated_possessor(self, question: str, m: re.Match[str]) -> str:
        """ "the Politburo's July 2031 meeting", "the Commission's 1 July 2031 session": a body's dated meeting said
        with the possessive is "the July 2031 Politburo meeting", when the body and the head noun name documents.
        Unchanged otherwise."""
        body = m.group("body")
        if body.split()[0] in _QUESTION_WORDS:
            body = body.split(maxsplit=1)[1] if " " in body else ""
        # (a capitalised preposition opening the question is no part of the body: "At the Politburo's …")
        body = _OPENING_PREPOSITION.sub("", body)
        name = f"{body} {m.group('head')}"
        if not body or not self._names_whole(name, body):
            return question
        return f"{question[: m.end('body') - len(body)]}{m.group('date')} {name}{question[m.end() :]}"

    def _dated_body(self, question: str) -> str:
        """ "How did the Politburo in December 2031 …", "… reviewed by the Politburo in April 2031", "What did the
        Politburo say in April 2031 about …": a body that names no document alone, dated a few words after it, is the
        meeting of it held then ("the December 2031 Politburo meeting"), when the body and a meeting's head noun name
        documents. Unchanged otherwise (a body that is a name already is dated as written)."""
        m = _IN_DATED.search(question)
        if not m:
            return question
        bodies = [
            b for b in _CAPITALISED.finditer(question, 0, m.start()) if b.group(0).split()[0] not in _QUESTION_WORDS
        ]
        if not bodies or len(question[bodies[-1].end() : m.start()].split()) > _DATED_BODY_GAP:
            return question
        start, end = _owned_start(bodies[-1]), bodies[-1].end()
        body = question[start:end]
        # (a term's body, "the study session *of the 18th Politburo* in November 2031", is no meeting of it)
        if self._names_in(body) or _EN_NTH_BARE_BEFORE.search(question[:start]):
            return question
        for head in _HEADS:
            name = f"{body} {head}"
            if self._names_whole(name, body):
                between = question[end : m.start()].rstrip()
                return f"{question[:start]}{m.group('date')} {name}{between}{question[m.end() :]}"
        return question

    def _names_whole(self, name: str, body: str) -> bool:
        """Does `name` (a body and a head noun) name documents from its start past the body?"""
        return any(s == 0 and e >= len(body) for s, e, _ in self._names_in(name))

    def _without_embedded_people(
        self, question: str, spans: list[tuple[int, int, frozenset[str]]]
    ) -> list[tuple[int, int, frozenset[str]]]:
        """A question that names a document by its title ("六中全会公报如何定位习近平新时代…思想？") is about
        that document: a speaker's name written into a longer Chinese term (习近平新时代…, 习近平总书记)
        is part of what it asks about, not a second document (the name followed by a Chinese character, and not
        an author of the document named beside it); so is an English name completing another word ("the
        Communists represented by X", not "X's report", "the speech by X": `_english_subject`)."""
        people = {
            (s, e)
            for s, e, _ in spans
            if fold(question[s:e]) in self._people
            and (e < len(question) and has_han(question[e]) or _english_subject(question, s, e))
        }
        titled = {d for s, e, docs in spans if (s, e) not in people for d in docs}
        # (石建勋、徐玲这篇文章: the authors of the very document named beside them stay its name)
        drop = {(s, e) for s, e, docs in spans if (s, e) in people and titled and not docs & titled}
        return [(s, e, d) for s, e, d in spans if (s, e) not in drop]

    def _of_session(self, question: str, start: int, end: int, docs: frozenset[str]) -> frozenset[str]:
        """The documents a short name ("三中全会") means where a session's ordinal qualifies it ("十一届三中全会"):
        those with a name holding the qualified form. Another session's plenum is none of them: it is what the
        question asks about."""
        session = _SESSION.search(question[:start])
        if session:
            qualified = fold(question[session.start() : end])
            found = frozenset(d for d in docs if any(qualified in fold(n) for n in self.by_id[d].names))
            if found or not question.startswith(("中央", "中共中央"), start):
                return found
            # a Central Committee's term before one of its organs ("十九届中央政治局第二次集体学习"), which no text's name
            # writes: the texts of that term's years, or of no known year
            return self._of_term(docs, int(han_number(session.group(0).strip("第届"))))
        # in English the Central Committee qualifies it after ("the Sixth Plenum *of the 18th Central Committee*") or
        # before ("*the 18th Central Committee's* sixth plenum")
        english = _EN_SESSION_AFTER.match(question, end) or _EN_SESSION_BEFORE.search(question[:start])
        if not english:
            return self._of_numbered_meeting(question, start, end, docs)
        committee = [fold(f"{english.group(1)} {cpc}Central Committee") for cpc in ("", "CPC ")]
        found = frozenset(d for d in docs if any(c in fold(n) for n in self.by_id[d].names for c in committee))
        if found or any("central committee" in fold(n) for d in docs for n in self.by_id[d].names):
            return found
        # the term of the Committee whose organ held it ("the Politburo's second study session *of the 20th Central
        # Committee*"), which no such text's name writes: as in Chinese, the texts of that term's years or of none
        return self._of_term(docs, english_ordinal_value(english.group(1)))

    def _of_term(self, docs: frozenset[str], term: int) -> frozenset[str]:
        """The documents of a Central Committee's term: dated in its years (`_term_years`) or undated."""
        years = _term_years(term)
        return frozenset(d for d in docs if not self.by_id[d].year or self.by_id[d].year in years)

    def _of_numbered_meeting(self, question: str, start: int, end: int, docs: frozenset[str]) -> frozenset[str]:
        """The documents a body's name means where an English ordinal numbers its meeting ("the tenth meeting of the
        X Commission", "the X Commission's tenth meeting", "the 10th X Commission meeting"): those named 第十次会议;
        none when none is, as another meeting of the body is what the question asks about. Unchanged without an
        ordinal, or when none of the documents is a numbered meeting."""
        numbered = {d: _meeting_numbers(self.by_id[d].names) for d in docs}
        if not any(numbered.values()):
            return docs
        m = _EN_NTH_MEETING_BEFORE.search(question[:start]) or _EN_NTH_MEETING_AFTER.match(question, end)
        if m is None:
            bare = _EN_NTH_BARE_BEFORE.search(question[:start])
            m = bare if bare and re.match(r"\s+(?:meeting|session)\b", question[end:], re.I) else None
        if m is None:
            return docs
        return frozenset(d for d, numbers in numbered.items() if english_ordinal_value(m.group(1)) in numbers)

    def _name_end(self, question: str, end: int, docs: frozenset[str]) -> int:
        """Where a name ending at `end` ends with the words after it that spell its documents' title (`_title_tail`,
        `_titled_tail`): "the 2022 opinions *on accelerating …*", "the Central Conference *on Ethnic Work*"."""
        # ... and the Central Committee whose term it is ("the 20th study session *of the 18th CPC Central Committee
        # Political Bureau*"): left in the query, its bridged 党中央 was an entity the answer's sentences lacked
        term = _EN_TERM_AFTER.match(question, end)
        return max(
            self._title_tail(question, end, docs), self._titled_tail(question, end, docs), term.end() if term else 0
        )

    def _year_after_tail(self, question: str, start: int, end: int, docs: frozenset[str]) -> tuple[str, int, int]:
        """A year after the words that complete a name ("the Central Conference *on Ethnic Work* in September 2031"),
        read after the whole tail or where a date's preposition opens in it (the tail may take in "in September"):
        else both editions were named and the month alone was read. ("", 0, 0) when there is none."""
        tail = self._name_end(question, end, docs)
        if tail <= end:
            return "", 0, 0
        cuts = [end + m.start() for m in _DATE_PREPOSITION.finditer(question[end:tail])]
        for cut in [tail, *reversed(cuts)]:
            if (found := _adjacent_year(question, start, cut))[0]:
                return found
        return "", 0, 0

    def _nameless_edition(self, docs: frozenset[str], year: str) -> set[str]:
        """The texts no name names (`_nameless`) of the genre of `docs` or of none, dated `year` or undated: when none of
        `docs` is of the year (or of the month asked), one of them may be the edition asked for. A readout added without
        its headline and lead (its title is its file's name) was never searched: "2031年海洋经济工作会议" named the other
        years' readouts and was refused as an edition the index lacks."""
        genres = {self.by_id[d].genre for d in docs} | {""}
        return {d for d in self._nameless if self.by_id[d].genre in genres and self.by_id[d].year in (year, "")}

    def _series_edition(self, written: str, year: str) -> set[str]:
        """The texts of `year` whose headline names the meeting the Chinese name `written` names, in a longer or shorter
        form of it: one name ends with the other (两院院士大会 / 院士大会 of 第十九次院士大会), of `MIN_SERIES_NAME`
        characters at least. A series' headlines name its editions differently: "2018年两院院士大会" named the 2021 and
        2024 texts (两院院士大会) as editions the index lacks while the 2018 text's name is 院士大会."""
        if not has_han(written) or len(written) < MIN_SERIES_NAME:
            return set()
        return {
            d
            for d, names in self._zh_names.items()
            if self.by_id[d].year == year
            and any(len(n) >= MIN_SERIES_NAME and (n.endswith(written) or written.endswith(n)) for n in names)
        }

    def _uncertain_year(self, docs: frozenset[str], year: str) -> set[str]:
        """Of `docs`, those that may be of `year` though no date says so: the texts that name no year, and the undated
        ones whose title's year makes `year` one of the two they may be of (`DocumentAliases.other_year`)."""
        return {d for d in docs if not self.by_id[d].year} | self._year_in_title(set(docs), year)

    def _year_in_title(self, docs: set[str], year: str) -> set[str]:
        """Of `docs`, the undated ones whose title's year makes `year` one of the two they may be of."""
        return {d for d in docs if self.by_id[d].other_year and year in (self.by_id[d].other_year, self.by_id[d].year)}

    def _of_month(self, docs: set[str], month: int) -> set[str]:
        """Of `docs`, those of `month`; where there are any, also those neither whose year nor whose month is known (a
        readout that never says when it met may be that month's: "the conference of December 2023" is not only the
        one that says 12月 without its year). None when no text is known to be of the month."""
        known = {d for d in docs if self.by_id[d].month == month}
        if not known:
            return known
        return known | {d for d in docs if not self.by_id[d].month and not self.by_id[d].year}

    def _of_day(self, docs: set[str], month: int, day: int) -> set[str]:
        """Of `docs`, those known to be of that day of `month` ("the 31 July 2031 Politburo meeting" when the readouts
        of July never say their year); none when no day is asked or none is known to be of it."""
        return {d for d in docs if self.by_id[d].month == month and self.by_id[d].day == day} if day else set()

    def _loose_genre(self, docs: frozenset[str], year: str) -> bool:
        """Does a bare genre word dated `year` miss every one of its documents while another document is of
        that year?"""
        # (an undated text of the genre may be of that year: the year picks it, `_find`)
        return all(self.by_id[d].year not in ("", year) for d in docs) and any(d.year == year for d in self.documents)

    def _names_in(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, documents) of every name in `question`: the names as written (`_name_spans`), then, where they
        overlap none of those, qualified genre phrases, English names bridged from the Chinese ones and contracted
        Chinese names."""
        names = [
            (s, e, docs)
            for s, e, docs in self._name_spans(question)
            if not _titled_year(question, s) and not self._numbered_otherwise(question, s, e, docs)
        ]
        bridged = self._bridged_names(question)
        qualified = self._qualified(question)
        contracted = self._contracted_names(question)
        for start, end, docs in [
            *qualified,
            *bridged,
            *self._initialisms(question),
            *contracted,
        ]:
            overlapped = [(s, e, d) for s, e, d in names if s < end and start < e]
            if overlapped and _takes_over(question, (start, end, docs), overlapped, bridged, qualified, contracted):
                names = [n for n in names if n not in overlapped]
                overlapped = []
            if not overlapped:
                names.append((start, end, docs))
        return _explained_by_names(question, [n for n in names if not _of_members(question, n[0], n[1])])

    def _numbered_otherwise(self, question: str, start: int, end: int, docs: frozenset[str]) -> bool:
        """Is the Chinese name at question[start:end] the series name of a numbered meeting none of `docs` is: "第二十次"
        before 院士大会, a name the text of the nineteenth has (from its 第十九次院士大会)? Such a question is about
        another meeting of the series, not about the one the index holds."""
        number = _NTH_BEFORE.search(question, 0, start)
        # (a kind of occasion's own number, 第二十次集体学习, is told apart by `unheld_occasion`)
        if number is None or question[start:end].endswith(tuple(OCCASION_KINDS_EN)):
            return False
        numbered = number.group(0) + question[start:end]
        return not any(numbered in name for d in docs for name in self._zh_names[d])

    def _name_spans(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, documents) of the names in `question`: the alternation of every name, longest
        first, searched with only the names whose pieces the question holds. A name without them matches
        nowhere in it, so the first alternative matching at each place is the same as in the whole
        alternation; the whole one (115 names) cost ~1 ms a question, the reduced ones are remembered."""
        folded = fold(question)
        which = tuple(i for i, pieces in enumerate(self._pieces) if all(p in folded for p in pieces))
        if not which:
            return []
        return [
            (m.start(), m.end(), self._docs_of_group[which[(m.lastindex or 1) - 1]])
            for m in self._names_among(which).finditer(question)
        ]

    def _alternation(self, which: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"({self._patterns[i]})" for i in which), re.I)

    def _qualified(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """Qualified genre phrases: "the 2022 congress report", "the Party's 2024 reform decision" —
        a determiner, possessive or year, then modifiers, then a genre word. The phrase names the
        documents whose English name words hold every modifier and that are of its genre or have its
        genre word in their name, those of its genre where any is; the year is left to the edition
        logic (`_adjacent_year`). Modifiers no name holds ("the annual report") name nothing."""
        out = []
        for m in self._genre_word.finditer(question):
            phrase = _qualified_phrase(question, m.start())
            if phrase is None:
                continue
            start, modifiers = phrase
            if _titled_year(question, start):
                continue
            key = _GENRE_BY_WORD.get(m.group(1).lower(), MEETING_RECORD)  # (a kind of occasion: `_KIND_WORDS`)
            translated = {w: self._word_terms(w) for w in modifiers}
            phrased = self._phrase_terms(question[start : m.start()], modifiers)
            genre_words = {w.lower() for k, _, en in GENRES if k == key for w in (k, *en)}
            fits = [
                d
                for d in self.documents
                if all(
                    self._name_holds(d.doc_id, w, translated[w])
                    or any(t in n for t in phrased[i] for n in self._zh_names[d.doc_id])
                    for i, w in enumerate(modifiers)
                )
                and (
                    d.genre == key
                    or genre_words & self._words[d.doc_id]
                    or (key == MEETING_RECORD and d.doc_id in self._meeting_records)
                )
            ]
            # (a kind of occasion heads the phrase: only the texts recording an occasion of that kind, "the 2031 central
            # region symposium" none of the year's plenums or Politburo meetings whose names hold "central")
            head = m.group(1).lower()
            kinds = [zh for zh, en in OCCASION_KINDS_EN.items() if head in en] + [
                zh for zh, en in MEETING_HEADS_EN if head in _KIND_WORDS and en.lower() == head
            ]
            if kinds:
                fits = [d for d in fits if any(k in n for k in kinds for n in self._zh_names[d.doc_id])]
            of_genre = [d for d in fits if d.genre == key]
            docs = self._of_tail(question, m.end(), frozenset(d.doc_id for d in (of_genre or fits)))
            if docs:
                out.append((start, m.end(), docs))
        return out

    def _phrase_terms(self, text: str, modifiers: list[str]) -> list[tuple[str, ...]]:
        """For each modifier (in order in `text`, the phrase before the genre word), the Chinese words of a bridge
        phrase of several modifiers that holds it ("financial and economic affairs" → 财经: a phrase none of whose
        words alone says it); () where none does."""
        out: list[tuple[str, ...]] = [() for _ in modifiers]
        if self._bridge_spans is None or len(modifiers) < 2:
            return out
        lowered, starts, at = text.lower(), [], 0
        for w in modifiers:
            at = lowered.find(w, at)
            if at < 0:
                return out
            starts.append(at)
            at += len(w)
        for s, e, terms in self._bridge_spans(text):
            covered = [i for i, at in enumerate(starts) if s <= at < e]
            if len(covered) > 1:
                for i in covered:
                    out[i] = tuple(t for t in terms if has_han(t) and len(t) >= 2)
        return out

    def _of_tail(self, question: str, end: int, docs: frozenset[str]) -> frozenset[str]:
        """Those of `docs` that the words of an of / for / on phrase after their name hold ("the 18th meeting *of the reform
        commission*": the 18th plenums hold 18th, the reform commission's meeting holds the three words): its words up
        to the first that none of `docs` holds, at most `MAX_MODIFIERS`; all of `docs` when none of them holds all."""
        joined = _HEAD_JOINT.match(question, end)
        if not joined or len(docs) < 2:
            return docs
        narrowed, held = docs, 0
        titled = False
        for m, word in _phrase_words(question, joined.end()):
            if held >= MAX_MODIFIERS or word in _FUNCTION_WORDS:
                break
            # a phrase in title case ("on Foreign Affairs Work") ends at its first lower-case word ("held": the
            # question's verb, not a word of the name)
            if titled and m.group(0)[:1].islower():
                break
            titled = titled or m.group(0)[:1].isupper()
            terms = self._word_terms(word)
            holding = frozenset(d for d in narrowed if self._name_holds(d, word, terms))
            if not holding:
                break
            narrowed, held = holding, held + 1
        return narrowed if held else docs

    def _title_tail(self, question: str, end: int, docs: frozenset[str]) -> int:
        """Where a name at question[…:end] ends once an English phrase joined to it by on / of / about / for that spells
        its document's title is taken in ("the 2022 opinions on the unified national market"): up to its last word
        that is a word of the document's names or translates into a word of its Chinese names (`_word_terms`), two
        such words at least, more of them than other content words, and at most `MAX_UNSPELLED` others (a verb of
        the title the dictionary renders otherwise: "on *accelerating* the building of …"); `end` when there is no
        such phrase."""
        joined = _OF_NAME.match(question, end)
        if not joined:
            return end
        last, spelled, other = end, 0, 0
        for m, word in _phrase_words(question, joined.end()):
            if word in _FUNCTION_WORDS:
                continue
            terms = self._word_terms(word)
            if all(self._name_holds(d, word, terms) for d in docs):
                last, spelled = m.end(), spelled + 1
                continue
            other += 1
            if other > MAX_UNSPELLED:
                break
        return last if spelled >= 2 and spelled > other else end

    def _titled_tail(self, question: str, end: int, docs: frozenset[str]) -> int:
        """Where a name at question[…:end] ends once a title-case phrase joined to it by on / of / for is taken in:
        the rest of an official English name ("the 2031 Central Conference *on Harbour Affairs*"), which a reader
        capitalises as a name, not as what is asked. At least one of its content words must be a word of the named
        documents' names (`_name_holds`: 港口 for "Harbour"), and no fewer of them than the others ("Affairs" need not
        be); a lower-case content word ends it ("… on Harbour Affairs *said*"). `end` when there is no such phrase."""
        joined = _HEAD_JOINT.match(question, end)
        if not joined or not docs:
            return end
        last, spelled, other = end, 0, 0
        for m, word in _phrase_words(question, joined.end()):
            if word in _FUNCTION_WORDS:
                continue
            if not m.group(0)[:1].isupper():
                break
            terms = self._word_terms(word)
            if all(self._name_holds(d, word, terms) for d in docs):
                spelled += 1
            else:
                other += 1
            last = m.end()
        return last if spelled and spelled >= other else end

    def _name_holds(self, doc_id: str, word: str, terms: list[str]) -> bool:
        """Is the English `word` a word of the document's names, or one of its translations `terms` (`_word_terms`) in
        one of its Chinese names? A hyphened word ("factor-market") is, when each of its parts is."""
        if "-" in word.strip("-"):
            return all(self._name_holds(doc_id, p, self._word_terms(p)) for p in word.split("-") if p)
        return (
            _holds(self._words[doc_id], self._stems[doc_id], word)
            or (self._senses is not None and _holds(*self._senses_of(doc_id), word))
            or (_GENRE_BY_WORD.get(word) == MEETING_RECORD and doc_id in self._meeting_records)
            or any(t in name for t in terms for name in self._zh_names[doc_id])
            or any(_numbers(word, name) for name in self._zh_names[doc_id])
        )

    def _senses_of(self, doc_id: str) -> tuple[frozenset[str], frozenset[str]]:
        """The document's `sense_words` and their noun-adjective stems (`_holds`), once per matcher."""
        if doc_id not in self._sense_words:
            assert self._senses is not None
            words = sense_words(self._zh_names[doc_id], self._senses)
            self._sense_words[doc_id] = (words, frozenset(noun_adjective_stem(w) for w in words))
        return self._sense_words[doc_id]

    def _word_terms(self, word: str) -> list[str]:
        """The Chinese words (two characters or more) the English word alone translates to, and those it stands for in
        a name (`NAME_RENDERINGS`); a Chinese name of a document holding one has the word among its name words."""
        spans = self._bridge_spans(word) if self._bridge_spans is not None else []
        alone = spans[0][2] if len(spans) == 1 and spans[0][:2] == (0, len(word)) else ()
        return [t for t in _in_names(word, alone) if len(t) >= 2]

    def _bridged_names(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """English names (`_EN_NAME`: capitalised words, joined by and / of / for / on) whose phrases the bridge translates,
        every content word of them, into words that spell a Chinese name of a document (`_spells`: "the Central
        Financial and Economic Affairs Commission" is 中央 + 财经 + 委员会, 中央财经委员会会议). A name the dictionary
        glosses otherwise than its official English reaches the text all the same."""
        if self._bridge_spans is None:
            return []
        out = []
        names = list(_EN_NAME.finditer(question))
        # (one capitalised word is a name only with a lower-case head noun after it: "the Politburo democratic life
        # meeting")
        single = [
            m
            for m in _EN_WORD_CAPITALISED.finditer(question)
            if not any(n.start() <= m.start() < n.end() for n in names)
        ]
        for m, alone in [*((n, True) for n in names), *((w, False) for w in single)]:
            start = _owned_start(m)
            # (else with the lower-case head noun after it: "the State Council executive meeting")
            head = _LOWER_HEAD.match(question, m.end())
            # (without it first: the words after a name the bridge spells may be its session's, "the tenth Central
            # Financial and Economic Affairs Commission meeting")
            ends = ([m.end()] if alone else []) + ([head.end()] if head else [])
            # (else from its second word: a place before the name is where it met, "the Gutian All-Army Political Work
            # Conference"; not a run opening the question, whose first word is capitalised as the question's: "Which
            # Politburo Standing Committee members …" names no meeting)
            second = _NEXT_WORD.search(question, start + 1, m.end()) if alone and start > 0 else None
            starts = [start] + ([second.start()] if second else [])
            found = next(
                ((s, e, docs) for s in starts for e in ends if (docs := self._spelled_docs(question[s:e]))), None
            )
            if found:
                out.append(found)
        return sorted(out)

    def _spelled_docs(self, name: str) -> frozenset[str]:
        """The documents a Chinese name of which the bridge's translations of every content word of `name` spell."""
        spans = self._bridge_spans(name) if self._bridge_spans is not None else []
        words = [w for w in _NAME_WORD.finditer(name) if w.group(0).lower() not in _FUNCTION_WORDS]
        # one phrase of the dictionary may be the whole name ("Political Bureau of the CPC Central Committee")
        whole = len(spans) == 1 and len(words) >= 2
        if (len(spans) < 2 and not whole) or not all(any(s <= w.start() < e for s, e, _ in spans) for w in words):
            return frozenset()
        # (a word is read alone too: in "Propaganda, Ideological and Cultural Work" the dictionary reads "ideological work"
        # as one phrase, 政工, while the name writes 思想…工作)
        options = [
            tuple(
                dict.fromkeys(
                    t
                    for t in (
                        *_in_names(name[s:e], terms),
                        *(self._word_terms(name[s:e]) if " " not in name[s:e] else ()),
                    )
                    if has_han(t)
                )
            )
            for s, e, terms in spans
        ]
        orders = [options, *_head_last(name, spans, options)]
        return frozenset(d for d, names in self._zh_names.items() if any(_spells(n, o) for n in names for o in orders))

    def _initialisms(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """A body's initialism ("the CFEAC's tenth meeting") that the bridge translates, alone, into a Chinese word of
        `MIN_INITIALISED` characters or more (中央财经委员会): the documents whose Chinese names hold that word."""
        if self._bridge_spans is None:
            return []
        out = []
        for m in _INITIALISM.finditer(question):
            spans = self._bridge_spans(m.group(0))
            if len(spans) != 1 or spans[0][:2] != (0, len(m.group(0))):
                continue
            terms = [t for t in spans[0][2] if has_han(t) and len(t) >= MIN_INITIALISED]
            docs = frozenset(d for d, names in self._zh_names.items() if any(t in n for t in terms for n in names))
            if docs:
                out.append((m.start(), m.end(), docs))
        return out

    def _contracted_names(self, question: str) -> list[tuple[int, int, frozenset[str]]]:
        """Chinese names a question contracts ("生态环保大会" for 全国生态环境保护大会, "生态环境大会" for it too, "绿色转型意见",
        `textmatch.contracted_in`): the longest run of Chinese characters ending in a meeting word or a document's kind
        (`_CONTRACTED_END`) that a document's Chinese name writes out, skipping characters or its beginning, or with a
        topic before a body's 会议 ("中央政治局常委会疫情防控会议"; `_contracts`; a whole name is the exact names'
        business), starting a word (`_BEFORE_CONTRACTED`)."""
        out = []
        places: set[int] | None = None
        for m in _CONTRACTED_END.finditer(question):
            end = m.end()
            for start in range(max(0, end - MAX_CONTRACTED), end - MIN_CONTRACTED + 1):
                span = question[start:end]
                if not _CONTRACTED_SPAN.fullmatch(span):
                    continue
                if (
                    start
                    and not _starts_number(question, start)
                    and (
                        not _BEFORE_CONTRACTED.match(question[start - 1])
                        or _IN_DATE.match(question[start - 1 : start + 1])
                    )
                ):
                    # (or after a place, where the meeting was held: "哈尔滨东北振兴座谈会")
                    places = _place_ends(question) if places is None else places
                    if start not in places:
                        continue
                docs = frozenset(d for d, names in self._zh_names.items() if any(_contracts(span, n) for n in names))
                if not docs and len(span) == MIN_NAME_END - 1:
                    docs = self._one_names_end(span)
                if docs:
                    out.append((start, end, docs))
                    break
        return out

    def _one_names_end(self, span: str) -> frozenset[str]:
        """The documents of the one name that ends in `span`, a shorter end than `MIN_NAME_END` ("教育大会" for 全国教育大会):
        none when names of several meetings end so (工作会议, 全体会议, 代表大会 are genres, not names)."""
        ends = {
            d: {n for n in names if n.endswith(span) and n != span and HAN_RUN.fullmatch(n)}
            for d, names in self._zh_names.items()
        }
        shortest = {min(found, key=len) for found in ends.values() if found}
        return frozenset(d for d, found in ends.items() if found) if len(shortest) == 1 else frozenset()

    def _order(self, doc_id: str) -> int:
        return next(i for i, d in enumerate(self.documents) if d.doc_id == doc_id)


#: "Conference on Work Relating to Foreign Affairs", "… on Work Related to Harbour Affairs": the official English of a
#: 工作会议 says what the work is about after it
_WORK_RELATING = re.compile(
    r"\b((?i:on)\s+)(?i:work\s+relat(?:ing|ed)\s+to\s+(?:the\s+)?)([A-Z][A-Za-z'’-]*(?:\s+(?:and\s+)?[A-Z][A-Za-z'’-]*)*)"
)


#: a headline of several pieces ("…会议 分析研究… 中共中央总书记习近平主持会议"): its end is a sentence of its own
_SPACED = re.compile(r"\s")


#: an English body's name said of its members ("which members of the Politburo Standing Committee attended",
#: "the three Politburo Standing Committee members"): who sat on it, not its meeting's readout
_MEMBERS_AFTER = re.compile(r"(?:['’]s)?\s+members?\b", re.I)
_MEMBERS_BEFORE = re.compile(r"\bmembers?\s+of\s+(?:the\s+)?$", re.I)


def _of_members(question: str, start: int, end: int) -> bool:
    """Is the English name at question[start:end] said of the body's members (`_MEMBERS_AFTER`, `_MEMBERS_BEFORE`)?"""
    return not has_han(question[start:end]) and bool(
        _MEMBERS_AFTER.match(question, end) or _MEMBERS_BEFORE.search(question, 0, start)
    )


def _place_ends(text: str) -> set[int]:
    """Where in `text` a word jieba's tagger reads as a place name (ns: 哈尔滨, 河南) ends."""
    tags = pos_tags(text)
    return {end for end, (_, tag) in zip(word_ends(tags), tags, strict=True) if tag == "ns"}


def _starts_number(question: str, start: int) -> bool:
    """Does a whole number start at `start` (a digit after no digit: "建团100周年大会" → 100周年大会)? A number opens a word
    of its own, whatever character is before it."""
    return question[start].isdigit() and not question[start - 1].isdigit()


def _contracts(span: str, name: str) -> bool:
    """Does `span` say the Chinese name `name` contracted: skipping characters of it (生态环保大会 for 全国生态环境保护大会,
    `textmatch.contracted_in`), or as its end without its beginning (`MIN_NAME_END`)? Or, a body's meeting, with the
    meeting's topic inside (`_topic_inserted`)? The whole name is the exact names' business."""
    if span in name:
        # (the end of a name of one piece: a headline of several, "…会议 分析研究… 中共中央总书记习近平主持会议", ends
        # in a sentence of its own, which names no meeting)
        return span != name and name.endswith(span) and len(span) >= MIN_NAME_END and not _SPACED.search(name)
    return (span[0] in name and contracted_in(span, (name,))) or _topic_inserted(span, name)


#: a body whose meetings a question may name by their topic, written before the meeting word: 中央政治局常委会 of
#: "中央政治局常委会疫情防控会议" (the name 中央政治局常委会会议 with 疫情防控 inside)
_BODY_END = ("委员会", "常委会", "领导小组", "政治局")
#: how many characters the topic may have, and what it may not hold: a number says which meeting, not its topic; who
#: attended and what was done are a sentence about the meeting ("中央审计委员会委员出席会议", "…常委会召开会议": the texts'
#: own sentences have these words there, never a topic)
MAX_TOPIC = 6
_NOT_TOPIC = re.compile(r"[第次届年月日号]|出席|列席|召开|举行|主持|参加|委员|成员|常委|全体")


def _topic_inserted(span: str, name: str) -> bool:
    """Does `span` write a body's meeting `name` (body + 会议) with the meeting's topic before 会议 (`_BODY_END`)?"""
    if not (name.endswith("会议") and span.endswith("会议")):
        return False
    body = name[:-2]
    if not (body.endswith(_BODY_END) and span.startswith(body)):
        return False
    topic = span[len(body) : -2]
    return 2 <= len(topic) <= MAX_TOPIC and not _NOT_TOPIC.search(topic)


#: a Chinese NPC session said as the occasion of the report delivered at it: 九届全国人大二次会议上(所作)的
#: (在…上 with it: "朱镕基在九届全国人大二次会议上作的政府工作报告" is his 1999 report; 向…作的 too), and the opening
#: quotation mark of the report's name (《政府工作报告》: the year replacing them stands right before the name); a
#: demonstrative may point at the report ("在七届全国人大一次会议上所作的那份政府工作报告")
_NPC_REPORT_ZH = re.compile(
    rf"(?:(?P<at>在)\s*|向\s*)?(?:{NPC_SESSION_ZH.pattern})\s*(?(at)上|上?)\s*(?:所?[作做]的|的)?\s*(?:[这那该此]份)?\s*《?"
    r"(?=\s*政府工作报告)"
)
#: ... or in an aside right after the report's name: "政府工作报告（李某在七届全国人大三次会议上所作）"
_NPC_ASIDE_ZH = re.compile(
    rf"(?<=政府工作报告)\s*[（(][^（）()]{{0,12}}?在?\s*(?:{NPC_SESSION_ZH.pattern})\s*上?\s*(?:所?[作做]的?)?\s*[)）]"
)
#: ... and an English one after the name of what was delivered there: "(delivered) at the Second Session of the 10th
#: NPC", "to the 13th NPC's second session"
_NPC_AT = re.compile(r"\b(?:at|to|before)\s+$", re.I)


def _npc_sessions_dated(question: str) -> str:
    """The question with a session of the National People's Congress that a report was delivered at said by its date
    (`knowledge.numerals_en.npc_session_year`): 九届全国人大二次会议上的政府工作报告 → 1999年政府工作报告, "the report
    delivered at the Second Session of the 10th NPC" → "… delivered in March 2004", an aside after the report's name
    too ("政府工作报告（李某在七届全国人大三次会议上所作）" → "政府工作报告（1990年）"): the names a report's edition is known by, which a text without its byline never
    writes. Unchanged where no session stands so."""
    question = _NPC_REPORT_ZH.sub(lambda m: f"{year}年" if (year := _zh_session_year(m)) else m.group(0), question)
    # (an aside keeps its brackets: "政府工作报告（1990年）" is read as a year after a name)
    question = _NPC_ASIDE_ZH.sub(lambda m: f"（{year}年）" if (year := _zh_session_year(m)) else m.group(0), question)
    out, at = [], 0
    for m in NPC_SESSION_EN.finditer(question):
        joint = _NPC_AT.search(question[at : m.start()])
        term = english_ordinal_value(m.group("term") or m.group("term2"))
        year = npc_session_year(term, english_ordinal_value(m.group("session") or m.group("session2")))
        if joint is None or not year:
            continue
        out.append(question[at : at + joint.start()] + f"in March {year}")
        at = m.end()
    return "".join(out) + question[at:]


def _zh_session_year(m: re.Match[str]) -> str:
    """The year of the NPC session a match of `NPC_SESSION_ZH`'s groups names, "" outside `npc_session_year`'s rule."""
    return npc_session_year(int(han_number(m.group("term"))), int(han_number(m.group("session"))))


#: the Party said before its Politburo's meeting ("the CPC Central Committee Political Bureau meeting", "the July 2031
#: CCP Politburo meeting", "the CPC Politburo's July 2031 meeting"): no part of the meeting's name, and between a date
#: and the name it parts them. Only before a meeting: "the CPC Central Committee Political Bureau held its study
#: session" names the session, which "the Political Bureau" alone would hide behind the body's meetings
_PARTY_BEFORE_POLITBURO = re.compile(
    r"\b(?:CPC|CCP|Communist\s+Party\s+of\s+China|Chinese\s+Communist\s+Party)(?:['’]s)?"
    r"(?:\s+Central\s+Committee(?:['’]s)?)?\s+"
    rf"(?=(?:Political\s+Bureau|Politburo)(?:['’]s)?\s+(?:(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:{YEAR}\s+)?)?meeting\b)"
)


#: "S&T", English shorthand for "science and technology" in names ("the National S&T Conference", 全国科技大会)
_S_AND_T = re.compile(r"\bS\s?&\s?T\b")


#: a bracketed aside ("（全国科技创新大会、两院院士大会、中国科协九大）") and the reader's term right before it: quoted, or a
#: run of Chinese characters after 的 or a date ("2016年5月的科技三会（…）")
_BRACKETED = re.compile(r"[（(][^（）()]{2,80}[)）]")
_TERM_BEFORE = re.compile(
    rf"(?:[“\"「‘][^“”\"「」‘’]{{1,12}}[”\"」’]|(?<=[的年月日])(?:(?![的年月日]){HAN_CLASS}){{2,8}})$"
)
#: what may stand between the names in such an aside: 、，, 和 / 及 / 与, "and", spaces
_BETWEEN_NAMES = re.compile(r"^(?:[\s、，,;；]|和|及|与|\band\b)*$")


def _explained_by_names(
    question: str, names: list[tuple[int, int, frozenset[str]]]
) -> list[tuple[int, int, frozenset[str]]]:
    """A reader's term for a text explained by that text's names in brackets right after it ("2016年5月的“科技三会”（全国
    科技创新大会、两院院士大会、中国科协九大）…"): the term and the brackets are one name, of the documents every bracketed
    name names, so a date before the term dates it and the term's words leave the question with the names. Only when
    the brackets hold nothing but names and what joins them."""
    for m in _BRACKETED.finditer(question):
        inside = [(s, e, d) for s, e, d in names if m.start() < s and e < m.end()]
        term = _TERM_BEFORE.search(question, 0, m.start())
        if not inside or term is None:
            continue
        rest = list(question[m.start() + 1 : m.end() - 1])
        for s, e, _ in inside:
            rest[s - m.start() - 1 : e - m.start() - 1] = [" "] * (e - s)
        docs = frozenset.intersection(*(d for _, _, d in inside))
        if not docs or not _BETWEEN_NAMES.match("".join(rest)):
            continue
        # (in the place of the first bracketed name: the order the names were found in is the order they are read in)
        at = names.index(inside[0])
        names = (
            [n for n in names[:at] if n not in inside]
            + [(term.start(), m.end(), docs)]
            + [n for n in names[at:] if n not in inside]
        )
    return names


#: an aside in brackets after a Chinese day, before the name of what was held then: "1月25日（农历正月初一）召开的…会议"
#: (the day is read right before the name: `_month_day_before`, `_YEAR_BEFORE`)
_ASIDE_AFTER_DAY = re.compile(r"(\d{1,2}\s*[日号])\s*[（(][^（）()0-9]{1,12}[)）]")


def _asides_after_days(question: str) -> str:
    """The question without a bracketed aside after a Chinese day (`_ASIDE_AFTER_DAY`); unchanged without one."""
    return _ASIDE_AFTER_DAY.sub(r"\1", question)


def _names_spelled_out(question: str) -> str:
    """The question without the Party said before its Politburo (`_PARTY_BEFORE_POLITBURO`) and with "S&T" spelled out,
    as names are written; unchanged without either."""
    return _S_AND_T.sub("Science and Technology", _PARTY_BEFORE_POLITBURO.sub(_unless_of_a_term, question))


def _unless_of_a_term(m: re.Match[str]) -> str:
    """ "" for the Party said before its Politburo, which is kept after a term's ordinal: "the 19th CPC Central Committee
    Political Bureau" names the term's body (`_OF_THE_NTH`)."""
    return m.group(0) if re.search(r"\d(?:st|nd|rd|th)\s+$", m.string[: m.start()]) else ""


def _work_relating_said_before(question: str) -> str:
    """The question with "on Work Relating to X" said as "on X Work", the order of the Chinese name (中央外事工作会议 is
    中央 + 外事 + 工作 + 会议), which the English names are matched in (`_head_last`); unchanged without such a phrase."""
    return _WORK_RELATING.sub(lambda m: f"{m.group(1)}{m.group(2)} Work", question)


def said_name(text: str) -> str:
    """An English name as a question says it, fit to show a reader: capitalised words ("Central Economic Work
    Conference", "Politburo meeting"), without a leading article; "" for a generic or Chinese one ("the conference",
    "二十大报告")."""
    name = re.sub(r"^(?:the|this|that)\s+", "", text.strip(), flags=re.I)
    if has_han(name) or not re.search(r"\b[A-Z][a-z]", name):
        return ""
    return name


_DATE_WORD = re.compile(rf"\b(?:(?:{'|'.join(MONTHS)})|\d{{1,2}}(?:st|nd|rd|th)?|{YEAR})\b,?(?:['’]s\b)?", re.I)


def undated_name(name: str) -> str:
    """The name without the date said with it: "April 2031 Politburo meeting" → "Politburo meeting"."""
    return re.sub(r"\s+", " ", _DATE_WORD.sub(" ", name)).strip()


def name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The content words of a document's English names, lower-cased: each name without its
    parentheticals and without what follows a comma or semicolon (a description, "…, delivered by
    Premier …"), but with both sides of a dash (a title and its subtitle)."""
    words: set[str] = set()
    for name in names:
        if not re.search(r"[A-Za-z]", name):
            continue
        for part in _SUBTITLE.split(_PAREN.sub("", name)):
            head = re.split(r"[,;]", part, maxsplit=1)[0]
            words.update(w for w in _NAME_WORD.findall(head.lower()) if w not in _FUNCTION_WORDS)
    return frozenset(words)


def sense_words(names: tuple[str, ...], senses: Callable[[str], tuple[str, ...]]) -> frozenset[str]:
    """The content words, lower-cased, of the dictionary `senses` of the words of Chinese `names`."""
    return frozenset(
        w
        for name in names
        for word in segment(name)
        if has_han(word)
        for sense in senses(word)
        for w in _NAME_WORD.findall(sense.lower())
        if w not in _FUNCTION_WORDS
    )


def _holds(words: frozenset[str], stems: frozenset[str], modifier: str) -> bool:
    """Does a document's name hold the modifier, in the singular or plural ("reforms" ~ "reform"), or as the noun
    of an adjective ("financial" ~ "finance", "economic" ~ "economy": a name glossed by the dictionary has the
    noun where the official name has the adjective; `stems`: the `noun_adjective_stem`s of `words`)? A modifier of
    no name word ("the X report") is held by none."""
    parts = _NAME_WORD.findall(modifier)
    return bool(parts) and all(
        p in words or (p.endswith("s") and p[:-1] in words) or f"{p}s" in words or noun_adjective_stem(p) in stems
        for p in parts
    )


def _numbers(word: str, name: str) -> bool:
    """Does a Chinese name hold the number an English ordinal gives ("40th" ~ 庆祝改革开放40周年大会, "19th" ~
    十九届), as a whole number (not inside 2040 or 一百四十)?"""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", word)
    if not m:
        return False
    n = int(m.group(1))
    han = han_numeral(n)
    return bool(
        re.search(rf"(?<!\d){n}(?!\d)|(?<![〇一二三四五六七八九十百]){han}(?![〇一二三四五六七八九十百])", name)
    )


def _in_names(english: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese words an English word of a name stands for: the bridge's `terms`, then what official names render so
    (`NAME_RENDERINGS`)."""
    return tuple(dict.fromkeys((*terms, *NAME_RENDERINGS.get(english.lower(), ()))))


#: the measure word after an ordinal in a name (第三*次*中央新疆工作座谈会, 第十九*届*): "the Third Central Symposium"
_ORDINAL_MEASURE = re.compile("[次届]")


#: a name's head noun in lower case after its capitalised words, a word or two between ("the State Council *executive
#: meeting*", "the Central Committee's *work conference*")
_LOWER_HEAD = re.compile(r"(?:\s+[a-z][a-z-]*){0,2}?\s+(?:meeting|conference|session|symposium|forum)s?\b")


def _spells(name: str, options: list[tuple[str, ...]]) -> bool:
    """Is `name` one word of each of `options`, in order and side by side, with at most 会议 after them (中央 + 财经 +
    委员会 spell 中央财经委员会会议; an ordinal's measure word may follow the ordinal: 第三 + 次)? A name holding them
    among other words is not spelled: "the State Council" (国务院) does not name every text whose title opens with
    国务院."""

    def from_(at: int, i: int) -> bool:
        if i == len(options):
            return name[at:] in ("", "会议")
        return any(
            name.startswith(w, at)
            and (
                from_(at + len(w), i + 1)
                or (
                    w.startswith("第")
                    and _ORDINAL_MEASURE.match(name, at + len(w)) is not None
                    and from_(at + len(w) + 1, i + 1)
                )
            )
            for w in options[i]
        )

    # (an ordinal's 第 before the first word: "Third" is 三次 to the dictionary, 第三次… to the name)
    return from_(0, 0) or (name.startswith("第") and from_(1, 0))


def _phrase_words(question: str, start: int) -> Iterator[tuple[re.Match[str], str]]:
    """The words of the phrase at question[start:], each with its match and lower-cased, up to the first
    punctuation between two of them (the phrase has ended there)."""
    previous = start
    for m in _PHRASE_TOKEN.finditer(question, start):
        if question[previous : m.start()].strip(" "):
            return
        previous = m.end()
        yield m, m.group(0).lower()


def _head_last(name: str, spans: list[tuple[int, int, tuple[str, ...]]], options: list[tuple[str, ...]]):
    """The order in Chinese of a name whose head an English "for" / "of" / "on" phrase completes: "Central Commission
    for Comprehensively Deepening Reform" is 中央 + 全面深化改革 + 委员会, "National Conference on Ecological and
    Environmental Protection" 全国 + 生态环境保护 + 大会: the head (its last word before the joint) after the phrase;
    none unless the name has one such joint, with words on both sides."""
    joints = list(_HEAD_JOINT.finditer(name))
    if len(joints) != 1:
        return []
    before = sum(1 for s, _, _ in spans if s < joints[0].start())
    if not 0 < before < len(spans):
        return []
    return [[*options[: before - 1], *options[before:], options[before - 1]]]


Span = tuple[int, int, frozenset[str]]


def _takes_over(
    question: str,
    span: Span,
    overlapped: list[Span],
    bridged: list[Span],
    qualified: list[Span],
    contracted: list[Span],
) -> bool:
    """Does a bridged name, a qualified phrase or a contracted Chinese name replace the names as written that it
    overlaps?"""
    start, end, docs = span
    if span in bridged and (
        # a bridged name takes the names it overlaps as its words when it starts before them ("Political Bureau of the
        # CPC Central Committee meeting": the name heading the phrase), or when each is a broader generic name whose end
        # it takes on and makes precise ("the 2025 Central Conference" + "on Work Related to Neighboring Countries":
        # every conference of the year, then the one)
        all(start < s < end for s, _, _ in overlapped)
        or all(s < start < e <= end and len(d) > len(docs) for s, e, d in overlapped)
        # ... or when each is a genre phrase it runs on from, which a tail narrowed to another document ("the Central
        # Conference" + "on United Front Work": the conference that names united front work is the one, not a
        # Politburo readout of the year whose title holds 统一战线工作)
        or all((s, e, d) in qualified and s <= start < e < end for s, e, d in overlapped)
        # ... or when it is the owner opening a qualified phrase ("the Central National Security Commission's first
        # meeting": the commission's, not every first meeting of the year)
        or all((s, e, d) in qualified and s == start and end < e for s, e, d in overlapped)
    ):
        return True
    # a qualified phrase headed by a kind of occasion takes in the kind's name it ends with ("the 2031 private
    # enterprise symposium": not every symposium, "symposium" being one of their names), and so does a contracted
    # Chinese name ending in the kind ("东北振兴座谈会" for 新时代推动东北全面振兴座谈会: not every 座谈会)
    return (span in qualified or span in contracted) and all(
        start < s and e == end and (question[s:e].lower() in _KIND_WORDS or question[s:e] in OCCASION_KINDS_EN)
        for s, e, _ in overlapped
    )


#: a name ending in a kind of occasion in English, of one word or several ("the 2031 study session")
_ENDS_IN_KIND = re.compile(
    rf"\b(?:{'|'.join(sorted((re.escape(k) for ks in OCCASION_KINDS_EN.values() for k in ks), key=len, reverse=True))})s?$",
    re.I,
)


def _kind_of_occasion(name: str) -> bool:
    """Does a name end in a kind of occasion (`OCCASION_KINDS_EN`: "the 2031 symposium", "the 2031 study session",
    2031年的座谈会)?"""
    return bool(_ENDS_IN_KIND.search(name)) or name.endswith(tuple(OCCASION_KINDS_EN))


def _qualified_phrase(question: str, genre_start: int) -> tuple[int, list[str]] | None:
    """The modifiers before the genre word at `genre_start` and where the phrase starts, if they are
    opened by a year, a possessive or a determiner ("the Party's 2024 reform decision" → reform);
    None if there are no modifiers or nothing opens them."""
    tokens = list(_PHRASE_TOKEN.finditer(question, max(0, genre_start - 120), genre_start))
    modifiers: list[str] = []
    end = genre_start
    i = len(tokens) - 1
    # the modifiers: words (ordinals too) right before the genre word, separated by spaces only; "and" joins two of
    # them ("the national science and technology conference")
    while i >= 0 and not question[tokens[i].end() : end].strip() and len(modifiers) < MAX_MODIFIERS:
        word = tokens[i].group(0).lower()
        if word == "and" and modifiers and i > 0 and _modifier(tokens[i - 1].group(0).lower()):
            end = tokens[i].start()
            i -= 1
            continue
        if not _modifier(word):
            break
        modifiers.insert(0, word.rstrip("'’"))
        end = tokens[i].start()
        i -= 1
    if not modifiers:
        return None
    start = None
    # what opens them, read backwards: a year, a possessive, a determiner (each optional, one needed)
    for opens in (
        lambda w: bool(_YEAR.fullmatch(w)),
        lambda w: bool(re.search(r"['’]s$", w)),
        # "the / this / its …", not "a / an": "delivered an important speech" names no text
        lambda w: w in _DETERMINERS and w not in _INDEFINITE,
    ):
        if i >= 0 and not question[tokens[i].end() : end].strip() and opens(tokens[i].group(0).lower()):
            start = end = tokens[i].start()
            i -= 1
    if start is not None and re.match(r"[A-Z][\w-]*['’]s\s", question[start:]):
        # a body's name whose possessive opens the phrase is part of it ("the Central Military Commission's reform
        # work conference"): left in the question, "Central Military" was a name the documents never say
        owner = _author_before(question, question.index(" ", start) + 1, genre_start)
        start = owner[0] if owner else start
    return (start, modifiers) if start is not None else None


def _modifier(word: str) -> bool:
    """Can the word modify a genre word in a qualified phrase: not a determiner, function word, number or possessive?"""
    return not (word in _DETERMINERS or word in _FUNCTION_WORDS or word.isdigit() or re.search(r"['’]s$", word))


def _english_subject(question: str, start: int, end: int) -> bool:
    """Is the Latin-script name at question[start:end] part of what a question asks about rather than the owner
    of a text? When it completes another word than a genre word with by / of ("the Communists represented by X",
    "the thought of X"); not as a subject ("What do X say …") nor after a genre word ("the speech by X")."""
    if has_han(question[start:end]):
        return False
    before = re.search(r"(\w+)\s+(?:by|of)\s+$", question[:start])
    return before is not None and before.group(1).lower() not in _GENRE_BY_WORD


def person_names(text: str) -> list[str]:
    """The Chinese person names in `text`, by jieba's tag (nr), two to four characters."""
    return [word for word, tag in pos_tags(text) if tag.startswith("nr") and 2 <= len(word) <= 4]


#: what may stand between an author's name and the dated name of their text: 温家宝同志的2008年政府工作报告,
#: 温家宝在2007年政府工作报告中 (who spoke in it: `_IN_TEXT` follows the name; 在…会议上 is who spoke at a meeting,
#: whom its readout may not name)
_AUTHOR_JOINT = re.compile(r"(?:同志|总理|总书记)?(?:所作的|所做的|作的|做的|的|(?P<at>在))?\s*$")
_IN_TEXT = re.compile(r"\s*(?:中|里|当中)")


#: an English possessor right before the dated name of a text, its title included: "Premier Wang Hai's 2031 report",
#: "China's 2031 Report on the Work of the Government" (a capitalised word that opens a clause is no part of it)
_EN_OWNER = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+$")
_NOT_OWNER = frozenset(
    "in on at by for from to according what how why when where which who did does do is was were the and of".split()
)


def _author_before(question: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a person's name stands right before the dated name of a text at `start`, as its author or speaker
    ("温家宝2008年政府工作报告", "温家宝的2010年政府工作报告", "温家宝在2007年政府工作报告中说"; "Premier Wang Hai's 2031
    report", whose owner may as well be a country or a body: "China's 2031 report"): who delivered it is no
    topic of the question, whether or not the text names them: the span of the name and what joins it to the text's
    (总理的, 所作的, "'s"); None if no name stands there. `end`: where the name
    ends (在 joins an author only when the question goes on 中 / 里)."""
    if owner := _EN_OWNER.search(question[:start]):
        words = owner.group(1).split()
        while words and words[0].lower() in _NOT_OWNER:
            words = words[1:]
        if words:
            return owner.end(1) - len(" ".join(words)), owner.end()
    joint = _AUTHOR_JOINT.search(question[:start])
    if joint is None or (joint.group("at") and not _IN_TEXT.match(question, end)):
        return None
    tail = question[: joint.start()]
    names = person_names(tail[-6:])
    if not names or not tail.endswith(names[-1]):
        return None
    return len(tail) - len(names[-1]), start


def is_person(name: str) -> bool:
    """Is the text one Chinese person's name, by jieba's tag (an author in a byline, a speaker a question names)?"""
    return person_names(name) == [name]


def opening_chunk(chunks: list[Chunk]) -> Chunk | None:
    """A document's front matter (chunk role "front": title, byline, authors), else its first chunk."""
    return next((c for c in chunks if getattr(c, "role", "") == "front"), chunks[0] if chunks else None)


#: a date inside a reference by determiner and noun: "the [December] 2022 conference" is "the conference" of that year
_DATE_INSIDE = rf"(?:(?:{'|'.join(MONTHS)})\s+)?(?:{YEAR}\s+)?"


def _pattern(name: str) -> str:
    """A name as a regex: English words whole, flexible spaces and dashes, é optional; a reference by determiner
    and noun ("the conference", "this meeting") also with a date between them ("the December 2022 conference":
    its year picks the edition, `_adjacent_year`)."""
    determiner = re.match(r"(?i)(the|this|that)\s+(?=[A-Za-z])", name)
    # (not a genre word's: "the 2030 plan" is read by the genre's own forms, which know loose talk from an edition)
    if determiner and name[determiner.end() :].lower() not in _GENRE_BY_WORD:
        text = rf"{determiner.group(1)}\s+{_DATE_INSIDE}{_words(name[determiner.end() :])}"
    else:
        text = _words(name)
    if re.match(r"[A-Za-z0-9]", name):
        text = r"(?<![A-Za-z0-9])" + text
    if re.search(r"[A-Za-z0-9]$", name):
        text += r"(?![A-Za-z0-9])"
    return text


def _words(name: str) -> str:
    """A name's own text as a regex, without its boundaries (`_pattern`); an ordinal up to the tenth also in the other
    of its two spellings ("fourth plenum" ~ "4th plenum")."""
    text = re.escape(name)
    text = re.sub(r"(?:\\ )+", r"\\s+", text).replace("é", "[eé]").replace("\\-", "[-\\s]?")
    return _ORDINAL_SPELLING.sub(lambda m: _ordinal_alternatives(m.group(0)), text)


_ORDINAL_SPELLING = re.compile(
    rf"\b(?:{'|'.join(ORDINAL_WORDS)}|{'|'.join(english_ordinal(n) for n in range(1, len(ORDINAL_WORDS) + 1))})\b",
    re.I,
)


def _ordinal_alternatives(ordinal: str) -> str:
    """An ordinal of a name as a regex matching its word and its digits (Fourth ~ 4th)."""
    n = english_ordinal_value(ordinal)
    return f"(?:{ORDINAL_WORDS[n - 1]}|{english_ordinal(n)})"


def _possessors_qualify(question: str, spans: list[tuple[int, int, frozenset[str]]]) -> list[frozenset[str]]:
    """The documents each span names, where a possessor's name right before another name ("Li Wei's
    2031 report") names only the documents of both — the person's other texts are not meant — if any."""
    out = [docs for _, _, docs in spans]
    for i in range(len(spans) - 1):
        shared = out[i] & spans[i + 1][2]
        if shared and _POSSESSIVE_GAP.fullmatch(question[spans[i][1] : spans[i + 1][0]]):
            out[i] = shared
    return out


def _narrower(docs: frozenset[str], spans: list[tuple[int, int, frozenset[str]]]) -> frozenset[str]:
    """The documents the spans naming fewer than `docs` (a strict subset of them) name together."""
    return frozenset().union(*(d for _, _, d in spans if d < docs))


def _narrowed(question: str, spans: list[tuple[int, int, frozenset[str]]]) -> list[tuple[int, int, frozenset[str]]]:
    """Once editions are picked, an undated name whose documents hold what another name names ("the readout *of
    the 2016* Central Economic Work Conference", "2016年中央经济工作会议*通稿*") means that text, not every text
    it could name: it keeps only the documents narrower names name. A dated name keeps its edition."""
    out = []
    for start, end, docs in spans:
        narrower = _narrower(docs, spans)
        if narrower and not _adjacent_year(question, start, end)[0]:
            docs = narrower
        out.append((start, end, docs))
    return out


#: a name this many texts or more answer to is a body's or a genre's ("the Political Bureau", "the work report"), no
#: text a reader picks out by it (a bound on what one name can mean, not a tuned figure)
MANY_TEXTS = 5


def _without_broad(
    question: str, spans: list[tuple[int, int, frozenset[str]]], genre_words: set[tuple[int, int]]
) -> list[tuple[int, int, frozenset[str]]]:
    """After a name that picks out one text, a name that many texts answer to and no year dates is what that text
    speaks of, not another text asked about: "At the Sixth Plenary Session of the 17th Central Committee, who delivered
    the work report on behalf of the Political Bureau?" asks about the plenum, whose communiqué says who reported for
    the Politburo; naming every work report and every Politburo meeting too sent the question to them (found on an
    added text). Such a span is left in the question, as the words it asks about. Only after it: a question names
    what it asks about first, and a text it speaks of may follow ("分析研究2014年经济工作的政治局会议认为，十八届三中全会
    的部署将…": the meeting is asked about, the plenum is what it spoke of). Nor a genre word (`genre_words`: "会议",
    "the report"), a reader's way of saying the text asked about ("考虑到明年要召开党的二十大，会议提出…")."""
    ones = [s for s, _, docs in spans if len(docs) == 1]
    if not ones:
        return spans
    first = min(ones)
    one = frozenset().union(*(docs for _, _, docs in spans if len(docs) == 1))
    return [
        (s, e, docs)
        for s, e, docs in spans
        if s < first
        or len(docs) < MANY_TEXTS
        or docs & one
        or (s, e) in genre_words
        or _adjacent_year(question, s, e)[0]
    ]


def _absorb_generic(
    question: str, spans: list[tuple[int, int, frozenset[str]]]
) -> list[tuple[int, int, frozenset[str]]]:
    """A name shared by several documents and written without a year ("the report") means the one of
    them the question names more precisely ("the report to the 20th National Congress"), not all of
    them: such a span keeps only the documents some narrower span names. Joined to a name after it by of / on / about
    (or before 的), it is that name's text even when a year dates it ("the February 2031 meeting of the … Commission")."""
    out = []
    for i, (start, end, docs) in enumerate(spans):
        narrower = _narrower(docs, spans)
        if len(docs) > 1 or _names_another(question, i, spans):
            # "the report on the 11th study session", "the work report at the plenum", "第十一次集体学习的报道": the
            # generic name is the text the next (or, before 的, the previous) name names, whatever its genre; so too
            # when a year dates it ("the February 2031 meeting of the Harbour Commission")
            linked = [
                d
                for j, gap in ((i + 1, _LINKED_NAME), (i - 1, _OF_ZH))
                if 0 <= j < len(spans)
                and (len(d := spans[j][2]) < len(docs) or not d & docs)
                and gap.fullmatch(question[end : spans[j][0]] if j > i else question[spans[j][1] : start])
            ]
            if not _adjacent_year(question, start, end)[0]:
                docs = narrower or (linked[0] if linked else docs)
            elif linked:
                docs = linked[0]
        out.append((start, end, docs))
    return out


def _names_another(question: str, i: int, spans: list[tuple[int, int, frozenset[str]]]) -> bool:
    """Is the name of spans[i] joined by of / on / … to a next name of other texts only ("the 2031 meeting *of the*
    Harbour Commission", where "the 2031 meeting" is another meeting's name too): a generic name of one text."""
    if i + 1 >= len(spans):
        return False
    (_, end, docs), (start, _, after) = spans[i], spans[i + 1]
    return not docs & after and bool(_LINKED_NAME.fullmatch(question[end:start]))


#: what joins an English name's head to the phrase completing it, which Chinese says first: whose it is or what it is
#: about ("the 18th meeting of the reform commission", "the Central Conference on Ethnic Affairs"; `_of_tail`,
#: `_head_last`)
_HEAD_JOINT = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?", re.I)
#: what joins a generic name to the name of the text it means: "the report *on the* 11th study session"
_OF_NAME = re.compile(r"\s+(?:on|of|about|from|at|for)\s+(?:the\s+)?", re.I)
#: ... and a generic name to the name of the body or meeting it is addressed to: "the 2031 report *to the* 9th Congress"
_LINKED_NAME = re.compile(r"\s+(?:on|of|about|from|at|for|to)\s+(?:the\s+)?", re.I)
_OF_ZH = re.compile(r"的")


def _term_years(term: int) -> set[str]:
    """The years of a Central Committee's term: from its congress to the next (十九届: 2017 to 2022)."""
    return {str(y) for y in range(congress_year(term), congress_year(term + 1) + 1)}


#: a numbered occasion of a kind English names (第十八次集体学习), in a document's name or a question
_NUMBERED_OCCASION_ZH = re.compile(rf"第([一二三四五六七八九十百\d]+)次({'|'.join(OCCASION_KINDS_EN)})")
#: ... a numbered study session in English ("the 12th study session", "the Politburo's 12th group study session")
_NUMBERED_STUDY_EN = re.compile(
    rf"\b({EN_ORDINAL})\s+(?:Politburo\s+)?(?:group\s+|collective\s+)?study\s+session", re.I
)


#: a session's ordinal right before a short name: 十一届 (三中全会), 第十三届 (四中全会)
_SESSION = re.compile(r"第?[一二三四五六七八九十]+届$")
#: (CC: the usual abbreviation of Central Committee, "the 18th CC Second Plenum")
_OF_THE_NTH = r"\s+of\s+the\s+(\d{1,2}(?:st|nd|rd|th))\s+(?:CPC\s+)?"
_EN_SESSION_AFTER = re.compile(_OF_THE_NTH + r"(?:Central\s+Committee|CC)\b", re.I)
#: ... and a body of that Committee after it ("of the 18th CPC Central Committee Political Bureau", "of the 18th Politburo")
_EN_TERM_AFTER = re.compile(
    _OF_THE_NTH
    + r"(?:(?:Central\s+Committee|CC)(?:['’]s)?(?:\s+(?:Political\s+Bureau|Politburo))?|Political\s+Bureau|Politburo)\b",
    re.I,
)
#: a body's meeting numbered before its name ("the tenth meeting of the X Commission") or after it ("the X
#: Commission's tenth meeting", "X Commission 10th meeting"), or right before it with the head noun after ("the
#: 10th X Commission meeting": `_EN_NTH_BARE_BEFORE`)
_EN_NTH_MEETING_BEFORE = re.compile(rf"\b({EN_ORDINAL})\s+(?:meeting|session)\s+of\s+(?:the\s+)?$", re.I)
_EN_NTH_MEETING_AFTER = re.compile(rf"(?:['’]s)?\s+({EN_ORDINAL})\s+(?:meeting|session)\b", re.I)
_EN_NTH_BARE_BEFORE = re.compile(rf"\b({EN_ORDINAL})\s+$", re.I)
#: a numbered meeting in a document's Chinese name (中央财经委员会第十次会议)
_NTH_MEETING_NAME = re.compile(r"第([一二三四五六七八九十百\d]+)次会议")


def _meeting_numbers(names: tuple[str, ...] | list[str]) -> set[int]:
    """The numbers of the meetings a document's names number (第十次会议 → 10)."""
    return {int(han_number(m.group(1))) for name in names for m in _NTH_MEETING_NAME.finditer(name)}


_EN_SESSION_BEFORE = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th))\s+(?:CPC\s+)?(?:Central\s+Committee['’]s|CC(?:['’]s)?)\s+$", re.I
)
#: a name said as a point in time: "二十届三中全会以来", "十九大之后", "since the Fifth Plenum", "after the 2022 report"
#: (not a bare 后 or 前: "报告前言", "决定后面提到")
_SINCE_AFTER = re.compile(r"^\s*(?:召开)?(?:以来|以后|之后|以前|之前)|^\s*召开[后前]")
_SINCE_BEFORE = re.compile(r"\b(?:since|after|before|following|until)\s+(?:the\s+)?$", re.I)


def _time_anchor(question: str, start: int, end: int) -> bool:
    """Is the name at `start`…`end` a point in time ("五中全会以来取得的成就", "since the Fifth Plenum")? Then it
    names no source: what happened since a meeting is told by later texts, and the name stays in the query."""
    return bool(_SINCE_BEFORE.search(question[:start]) or _SINCE_AFTER.match(question[end:]))


def _titled_year(question: str, start: int) -> bool:
    """Is the year opening a genre phrase at `start` the end of a capitalised title before it ("Germany's
    National Industrial Strategy 2030 plan for …", "Vision 2030 report")? Then the year is that title's and the
    genre word names nothing ("the 2030 plan", "Li Wei's 2031 report" still name a document)."""
    before = re.search(r"\b([A-Z][A-Za-z-]*)\s+$", question[:start])
    if not re.match(YEAR, question[start:]) or not before or month_number(before.group(1)):
        return False
    # a capitalised word opening the question or a clause is no title's ("In 2031 report …")
    return re.search(r"[A-Za-z0-9)’'”\"]\s+$", question[: before.start(1)]) is not None


#: "its 28 July 2022 meeting", "its December 2013 session": a meeting dated after the body named before it
_ITS_DATED = re.compile(
    rf"\bits\s+(?P<date>(?:\d{{1,2}}\s+)?(?:(?:{'|'.join(MONTHS)})\s+)?(?:\d{{1,2}},?\s+)?{YEAR})\s+"
    r"(?P<head>meeting|session|conference|plenum)\b",
    re.I,
)
#: "its meeting on 1 July 2031", "its session of April 2031": a body's meeting dated after its head noun
_ITS_MEETING_DATED = re.compile(
    rf"\bits\s+(?P<head>meeting|session|conference|plenum)\s+(?:held\s+)?(?:on|of|in)\s+"
    rf"(?P<date>(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?{YEAR})\b",
    re.I,
)
#: an initialism: three to six capitals standing alone as a word ("CFEAC", "the CCDR's")
_INITIALISM = re.compile(r"\b[A-Z]{3,6}\b")
#: the shortest Chinese word an initialism names a document by (中央财经委员会, 国务院金融委; not 中央 or 委员会, which
#: many names hold)
MIN_INITIALISED = 4
#: a possessor opening a run of capitalised words ("China's Central … Commission")
_POSSESSOR = re.compile(r"[A-Z][A-Za-z-]*['’]s\s+(?=[A-Z])")


def _owned_start(run: re.Match) -> int:
    """Where the name in a run of capitalised words starts: after its possessor, which is not of the name ("China's
    Central … Commission", "Xi's Central … Commission", "China's Politburo")."""
    owner = _POSSESSOR.match(run.group(0))
    return run.start() + (owner.end() if owner else 0)


#: "the Politburo's July 2031 meeting", "the Commission's 1 July 2031 session", "the Politburo's January 2031 study
#: session": a body's meeting dated between the possessive and the head noun (`DocumentMentions._dated_possessor`)
_POSSESSED_DATED = re.compile(
    r"\b(?P<body>[A-Z][A-Za-z-]*(?:\s+(?:(?:and|of|for|on|the)\s+)*[A-Z][A-Za-z-]*)*)['’]s\s+"
    rf"(?P<date>(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?{YEAR})\s+"
    r"(?P<head>(?:(?:group|collective)\s+)?study\s+session|meeting|session|conference|plenum)\b"
)
#: a capitalised preposition (and "the") opening a question before a body's name: "At the Politburo's …"
_OPENING_PREPOSITION = re.compile(r"^(?:(?:At|In|On|During|From|By|Under|According\s+to)\s+)(?:the\s+)?")
#: "in December 2031", "on 30 April 2031": a month and year said as when something was said or done (`_dated_body`)
_IN_DATED = re.compile(
    rf"\b(?:in|on)\s+(?P<date>(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?{YEAR})\b", re.I
)
#: a meeting's number in Chinese: 第十次, 第3次
_NUMBERED_MEETING = re.compile(r"第[\d一二三四五六七八九十百两]+次")
#: a Chinese date with the words around it up to 会议 / 开会 (`DocumentMentions._dated_zh_body`): "十九届中央政治局2031年4月的会议",
#: "2031年4月中央政治局分析经济形势的会议"
_ZH_DATED_BODY = re.compile(
    rf"(?P<before>[{HAN_RANGES}]{{0,8}})(?P<date>{YEAR}\s*年\s*\d{{1,2}}\s*月{_MONTH_PART_BEFORE_NAME}?(?:的|那次|这次)?)"
    rf"(?P<after>[{HAN_RANGES}\d]{{0,16}}?)(?:会议|开会)"
)
#: a Chinese date of a meeting said before what was done there, then the meeting's name (`_dated_by_clause`):
#: "2031年7月底部署下半年经济工作的那次政治局会议", "2031年12月在北京召开的中央港口工作会议". A month (or the year's
#: end or start) is needed: "部署2032年经济工作的会议" names the year planned, not when the meeting was held
_ZH_DATED_CLAUSE = re.compile(
    rf"(?P<date>{YEAR}\s*年\s*(?:\d{{1,2}}\s*月{_MONTH_PART_BEFORE_NAME}?|[底末初]))"
    r"(?P<clause>[^\s，。？！；：、“”‘’《》（）()]{2,24}?(?:的那次|的这次|的|那次|这次))"
)
#: what follows a date without saying what a meeting did (`_dated_by_clause`): a day or joints ("2031年9月10日的…",
#: "2031年12月召开的这次…" date the name already), or who delivered it ("2031年3月5日某某所作的政府工作报告" keeps its
#: author before the name)
_NO_CLAUSE = re.compile(rf"(?:{_ZH_DAY})?(?:{_ZH_DATE_JOINTS})+|.*(?:所作|所做)的")
#: how many words may stand between a body and its date in `_dated_body` ("the Politburo *say* in April 2031")
_DATED_BODY_GAP = 2
#: the head nouns that make a body's name a meeting's (`_dated_body`), the likeliest first
_HEADS = ("meeting", "session", "conference", "plenum")
#: capitalised words that open a question, no body's name
_QUESTION_WORDS = frozenset(
    {"What", "How", "Which", "Who", "When", "Where", "Why", "Did", "Does", "Do", "Is", "Was", "Under", "According"}
)
#: a run of capitalised words (of / and / for / on / the between them): a body's English name ("Politburo", "Central
#: Committee of the CPC")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]*(?:\s+(?:(?:and|of|for|on|the)\s+)*[A-Z][A-Za-z'’-]*)*")
#: a month said with a name's year, with its day if given: "April 2031", "30 July 2031", "July 30, 2031", "2031年4月"
_MONTH_NAME = re.compile(r"(?:\b\d{1,2}\s+)?\b(" + "|".join(MONTHS) + r")\b(?:\s+\d{1,2}\b,?)?", re.I)
_ZH_MONTH = re.compile(r"(?:\d{4}|(?<!\d)\d{2})\s*年\s*(\d{1,2})\s*月")
#: a year's end said instead of its month: "2031年底", "2031年末"
_ZH_YEAR_END = re.compile(r"(?:\d{4}|(?<!\d)\d{2})\s*年\s*([底末])")
#: ... in English: "the 2031 year-end meeting", "the end-of-year Politburo meeting"
_EN_YEAR_END = re.compile(r"\b(year[- ]end|end[- ]of[- ](?:the[- ])?year)\b", re.I)
#: a month right before a name, its year said after it or not at all: "7月政治局会议（2022年）"
_ZH_MONTH_BEFORE = re.compile(rf"(?<![\d年])(\d{{1,2}})\s*月{_MONTH_SPAN}?{_ZH_DATE_JOINT}\s*$")
#: a day written right before a name, without a year: "4月29日政治局会议", "7月30日召开的政治局会议"
_ZH_DAY_BEFORE = re.compile(rf"(\d{{1,2}})\s*月\s*\d{{1,2}}\s*[日号]{_ZH_DATE_JOINT}\s*$")


#: a day of a month: "7月31日", "31 July", "July 31" (not "July 2031")
_DAY_OF_MONTH = re.compile(
    rf"\d\s*月\s*(\d{{1,2}})\s*[日号]|\b(\d{{1,2}})\s+(?:{'|'.join(MONTHS)})\b|\b(?:{'|'.join(MONTHS)})\s+(\d{{1,2}})\b(?!\d)",
    re.I,
)


def _asked_day(question: str, start: int, end: int) -> int:
    """The day of the month written with a month found at question[start:end] (`_asked_month`), 0 if none."""
    m = _DAY_OF_MONTH.search(question, max(0, start - 3), min(len(question), end + 4))
    day = int(next(g for g in m.groups() if g)) if m else 0
    return day if 1 <= day <= 31 else 0


def _undated_month(question: str, start: int, end: int) -> tuple[int, int, int]:
    """The month a name written without a year is dated by (`_month_day_before`, else `_asked_month`) and where."""
    before = _month_day_before(question, start)
    return before if before[0] else _asked_month(question, start, end)


def _month_day_before(question: str, start: int) -> tuple[int, int, int]:
    """The month of a day written right before a name ("4月29日政治局会议") and where; 0 if none."""
    m = _ZH_DAY_BEFORE.search(question[max(0, start - 12) : start])
    if not m or not 1 <= int(m.group(1)) <= 12 or _YEAR_BEFORE.search(question[max(0, start - 20) : start]):
        return 0, 0, 0
    offset = max(0, start - 12)
    return int(m.group(1)), offset + m.start(), offset + m.end()


def _asked_month(question: str, start: int, end: int) -> tuple[int, int, int]:
    """The month written with a name and its year (in question[start:end], or just before it) and where; 0 if none."""
    offset = max(0, start - 12)
    near = question[offset:end]
    if m := _MONTH_NAME.search(near):
        return month_number(m.group(1)), offset + m.start(), offset + m.end()
    if (m := _ZH_MONTH.search(near)) and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1)), offset + m.start(1), offset + m.end()
    if m := _ZH_YEAR_END.search(near) or _EN_YEAR_END.search(near):
        # 2031年底, "the 2031 year-end meeting": the meetings at a year's end are December's
        return 12, offset + m.start(1), offset + m.end()
    for before in (_ZH_MONTH_BEFORE, _ZH_DAY_BEFORE):
        if (m := before.search(question[offset:start])) and 1 <= int(m.group(1)) <= 12:
            return int(m.group(1)), offset + m.start(1), offset + m.end()
    return 0, 0, 0


#: a year said by its last two digits right before a name, as Chinese speech shortens it ("09年政府工作报告")
#: (not a number of years: 近10年, 过去10年)
_SHORT_YEAR_BEFORE = re.compile(
    rf"(?<![\d.近去前后这多几最])(\d{{2}})\s*年\s*(?:\d{{1,2}}\s*月{_MONTH_PART}?\s*)?(?:的\s*)?$"
)


#: a year, then one to three words that qualify the name after them, right before it (`_adjacent_year`): none of them a
#: function word or verb that would part the year from the name ("in 2020 Xi said the Politburo meeting …"), nor a
#: text's head noun, which the year dates instead ("the 2020 report on the Politburo meeting")
_YEAR_BEFORE_MODIFIERS = re.compile(
    rf"(?<![\d-])({YEAR})\s+(?:(?!(?:{'|'.join(sorted(_FUNCTION_WORDS))}|and|or|but|did|does|do|was|were|is|are|has|have|had|"
    rf"said|says|say|told|held|reports?|(?:{'|'.join(_HEADS)})s?|"
    r"speech|speeches|communiqué|communique|readout|decision|plan)\b)[A-Za-z][A-Za-z'’-]*\s+){1,3}$",
    re.I,
)
#: how far before a name `_YEAR_BEFORE_MODIFIERS` looks (three words and a year)
MODIFIED_REACH = 40


def _full_year(two_digits: str) -> str:
    """ "09" → "2009", "98" → "1998": a two-digit year of the texts' time span (1950–2049)."""
    return ("20" if int(two_digits) < 50 else "19") + two_digits


def _date_after_description(
    question: str, end: int, others: Sequence[tuple[int, frozenset[str]]] = ()
) -> tuple[str, int, int]:
    """The year of a full date after the lower-case words describing the meeting a name at question[…:end] names
    (`_DESCRIBED_DATE`, `_HELD_DATE_AFTER_WORDS`), and where the description and the date are: they name the meeting
    as the name does, so they say where to look, not what is asked ("the symposium *on poverty alleviation in deeply
    impoverished areas held in Taiyuan on 23 June 2031*": left in the question, its words made the readout's opening,
    which holds them, the quote for every question on the symposium); ("", 0, 0) when there is none, or when one of
    `others` (where names of other texts start, genre words left out) starts in the words before the date: that nearer
    name is what it dates ("the Standing Committee attended the Central Economic Work Conference held in Beijing in
    December 2031"; but "the readout of its first meeting on …" names the same texts)."""
    m = _DESCRIBED_DATE.match(question, end) or _HELD_DATE_AFTER_WORDS.match(question, end)
    if not m or any(end <= start < m.end() for start, _ in others):
        return "", 0, 0
    return m.group(m.lastindex or 1), end, m.end()


#: how far before a name a Chinese date and what joins it may reach: "2031年12月28日召开的" is 14 characters (a reach of 12
#: cut its year in two and left every year's meeting of the name), "2031年6月23日在山西太原召开的" 18
DATE_BEFORE_REACH = 20


def _year_right_before(question: str, at: int) -> tuple[str, int, int]:
    """The year of a Chinese date and what joins it right before question[at] (`_YEAR_BEFORE`, reaching back
    `DATE_BEFORE_REACH`), where the year starts and where the joint ends; ("", 0, 0) when there is none."""
    offset = max(0, at - DATE_BEFORE_REACH)
    m = _YEAR_BEFORE.search(question[offset:at])
    return (m.group(1), offset + m.start(1), offset + m.end()) if m else ("", 0, 0)


def _adjacent_year(question: str, start: int, end: int) -> tuple[str, int, int]:
    """A year written right before ("2023年", "the 2023") or after ("（2024年）", "of 2024", "in December 2024") a
    name, or inside it ("the 2023 report")."""
    inside = _YEAR.search(question, start, end)
    if inside:
        return inside.group(1), inside.start(), inside.end()
    year, ystart, yend = _year_right_before(question, start)
    if year:
        # the name's year with what ties it to the name ("2023年的"): none of it is asked about
        return year, ystart, yend
    if author := _author_before(question, start, end):
        # "2031年王某总理的政府工作报告": the year of the report its author delivered, the author's name between them
        # going with the year (who delivered it is no topic of the question, `_author_before`)
        year, ystart, _ = _year_right_before(question, author[0])
        if year:
            return year, ystart, start
    short = _SHORT_YEAR_BEFORE.search(question[max(0, start - 12) : start])
    if short:
        offset = max(0, start - 12)
        return _full_year(short.group(1)), offset + short.start(1), offset + short.end()
    after = _YEAR_AFTER.search(question[end : end + YEAR_AFTER_REACH])
    if after:
        group = 1 if after.group(1) else 2
        # (a bracketed date is the name's whole, month and day too: "（2031年9月）")
        return after.group(group), end + after.start(group), end + (after.end() if group == 1 else after.end(group))
    modified = _YEAR_BEFORE_MODIFIERS.search(question[max(0, start - MODIFIED_REACH) : start])
    if modified:
        # "the 2018 year-end Politburo meeting", "the 2004 Chinese government work report", "the 2013 Zhongguancun
        # study session": the year only (the words between may be what the question asks about)
        offset = max(0, start - MODIFIED_REACH)
        return modified.group(1), offset + modified.start(1), offset + modified.end(1)
    if _THAT_YEAR.search(question[max(0, start - 16) : start]):
        # "For 2022, … that year's report", "2022年…当年的政府工作报告": the one year the question names
        years = list(_YEAR.finditer(question))
        if len({m.group(1) for m in years}) == 1:
            return years[0].group(1), years[0].start(1), years[0].end(1)
    return "", 0, 0
