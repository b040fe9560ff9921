"""Names a reader uses for a document, derived from its metadata at index time.

Why: questions name documents the way people do — 政府工作报告, 2024年政府工作报告, 二十大报告,
三中全会决定, "the 2024 report", "the Decision" — not by id or by the full official
title. Nothing in code may know a bundled document, so the names come from the
document's own title, English title, date and byline by rules that hold for Chinese
policy writing in general; the manifest may add hand-written `aliases` (data).

Rules:
* the title; without a bracketed edition such as （2024年）; that base with the year in
  front (2024年政府工作报告); a dash subtitle (——在…上的报告) split from the main title;
* a news headline's meeting, from its first clause: 某某工作会议在北京举行 习某某发表重要讲话 →
  某某工作会议 (and with its year); in English "X Conference held in Beijing; …" → X Conference;
* a title naming its subject, 关于A、B的决定: A、B的决定 and each part with the type (A的决定, B的决定);
* meeting abbreviations found in the title or byline: 第二十次全国代表大会 → 二十大,
  第二十届中央委员会第三次全体会议 → 二十届三中全会 and 三中全会, 第十五个五年规划 → 十五五规划;
* the document type at the end of the title (决定, 公报, 建议, 报告, 意见, 规划, 讲话, …)
  joined to each meeting abbreviation (二十大报告, 三中全会决定), and the abbreviation alone;
* a document whose `kind` says paper or article: 论文, the paper, the article;
* English: the English title, without a parenthetical or dash subtitle; "the <type>"
  and "the <year> <type>" for the type noun in the English title and for the English
  word of the Chinese type (决定 → decision, 公报 → communiqué, …); meeting names in the
  English title (20th National Congress → 20th Party / National Congress, 20th Congress; Third Plenary Session of
  the 20th Central Committee → third plenum) with the type (20th Party Congress report).
"""

from __future__ import annotations

import dataclasses
import re

from knowledge.headings import CN_NUMERAL
from knowledge.loaders import FILE_KINDS
from knowledge.models import DocumentMeta
from knowledge.numerals_en import CONGRESS, ORDINAL_WORDS, PLAN, PLENUM, english_meetings
from knowledge.text import HAN_CLASS, REPORTED, YEAR, english_ordinal, han_number, has_han

_BRACKETED = re.compile(r"[（(][^（）()]*[）)]\s*$")
_ZH_TYPE = re.compile(
    r"(决定|决议|公报|建议|报告|意见|通知|讲话|规划|纲要|方案|条例|办法|白皮书)(?:[（(][^）)]*[）)])?$"
)
#: a news headline reporting a meeting: "<meeting>（在<place>）（隆重）举行|召开|开幕|闭幕"
_MEETING = r"(.{2,30}?(?:会议|大会|全会|论坛|峰会|年会|座谈会|研讨会))"
_HELD = r"(?:隆重|胜利)?(?:举行|召开|开幕|闭幕|举办)"
_NEWS_TITLE = re.compile(rf"^{_MEETING}(?:[在于][^，,。\s]{{1,8}}?)?{_HELD}$")
#: a headline's clause that is a meeting's name alone, one of several listed before "…在京召开"
_BARE_MEETING = re.compile(_MEETING)
#: a news headline reporting that a body convened a meeting: "<body>召开会议", "<body>召开<kind>会议|<kind>会"
#: (中共中央政治局召开会议 → 中共中央政治局会议; …召开专题民主生活会 → …专题民主生活会: a kind of meeting is named
#: "…会", 座谈会, 研讨会, 生活会); the headline may run on without a space into what the meeting did or what was said
#: there ("…召开会议研究当前经济形势", "…召开某某会强调"); a leader who chairs one is no body (某某主持召开…: `_CHAIRS`)
_BODY_HOLDS = r"([^在，,。\s]{2,16}?)(?<!主持)(?:召开|举行)"
_CONVENES = re.compile(rf"^{_BODY_HOLDS}(.{{0,10}}?会议?)(?:$|(?=分析|研究|讨论|部署|审议|听取|决定|强调|指出))")
#: a headline's speaker before what they did at a meeting, and what may follow the meeting's name ("…并发表重要讲话",
#: "…强调 …", or nothing)
_SPEAKER_AT = r"^[^在，,。\s]{2,12}?"
_MEETING_END = r"(?:并|强调|指出|$)"
#: a news headline reporting that a leader chaired a meeting: "<speaker>主持召开<meeting>（并）强调|指出 …"
#: (某某主持召开中央某某委员会第四次会议强调 → 中央某某委员会第四次会议)
_CHAIRS = re.compile(rf"{_SPEAKER_AT}主持(?:召开)?(.{{2,30}}?(?:会议|座谈会|研讨会)){_MEETING_END}")
#: a news headline reporting that a body held a meeting named for its occasion: "<body>举行|召开<meeting>"
#: (中共中央举行纪念某某同志诞辰130周年座谈会 → 纪念某某同志诞辰130周年座谈会): the name is longer than `_CONVENES`
#: takes, and readers name the meeting without the body (group 2: the body is group 1, as in `_CONVENES`)
_HOLDS = re.compile(rf"^{_BODY_HOLDS}{_MEETING}$")
#: a news headline opening with what a meeting did: "<meeting>建议|决定|部署…" (中共中央政治局会议建议 …, 国务院常务会议
#: 部署…): the meeting is the subject, as in "<body>召开会议" (`_CONVENES`)
_MEETING_DOES = re.compile(
    r"^((?:(?!主持|出席)[^在，,。\s]){2,24}?(?:会议|全会|座谈会))(?=建议|决定|部署|强调|指出|提出|要求|认为|研究|审议|听取|通过|确定|同意)"
)
#: a news headline reporting that a leader attended a meeting: "<speaker>出席<meeting>（并发表重要讲话|强调 …）"
#: (某某出席中央某某工作会议 → 中央某某工作会议, a 大会 too); not "…会议出席…", which lists who attended
_ATTENDS = re.compile(rf"{_SPEAKER_AT}出席(.{{2,30}}?(?:会议|大会|座谈会|研讨会)){_MEETING_END}")
#: a meeting's number (第十八次, 第3次)
_NTH = r"第[一二三四五六七八九十百\d]+次"
#: a numbered meeting of a body (某某委员会第四次会议): a reader also says the body's meeting (某某委员会会议)
_NTH_MEETING = re.compile(rf"{_NTH}(?=(?:会议|座谈会)$)")
#: the occasions a headline says a leader spoke at ("某某在<occasion>时强调…"): a meeting, or a kind of occasion
#: English readers call by a name of its own (a closed class of Chinese political life, like the genres)
OCCASION_KINDS_EN = {
    "集体学习": ("study session", "group study session", "collective study session", "collective study", "group study"),
    "研讨班": ("study session", "seminar"),
    # (Xinhua's "Tibet Work Forum", "Central Symposium on Xinjiang Work")
    "座谈会": ("symposium", "forum"),
}
#: the head noun of a meeting's name and its English (工作会议 is a "Work Conference" in the official names:
#: Central Economic Work Conference); a closed class of the genre, longest first
MEETING_HEADS_EN = (
    ("工作座谈会", "Work Symposium"),
    ("工作会议", "Work Conference"),
    ("座谈会", "Symposium"),
    ("研讨会", "Seminar"),
    ("大会", "Conference"),
    ("论坛", "Forum"),
    ("峰会", "Summit"),
    ("年会", "Annual Meeting"),
    ("会议", "Meeting"),
)
#: an occasion a headline names, alone or as one of several it lists (no space, 、 or comma inside)
_BARE_OCCASION = rf"[^\s、，,]{{2,30}}?(?:会议|大会|全会|论坛|峰会|年会|座谈会|研讨会|{'|'.join(OCCASION_KINDS_EN)})"
#: the place where a leader chaired or attended the occasion, said between 在 and it ("…在河南主持召开某某座谈会时强调"):
#: no part of the occasion's name
_CONVENED_AT = r"[^在，,\s、]{0,8}?(?:主持召开|主持|召开|出席)"
#: a news headline reporting what a leader said at an occasion: "<speaker>在<occasion>时|上强调 …"
#: (at its opening or closing session: "…在某某大会开幕会上强调", "…开幕式上发表…", a seminar's "…研讨班开班式上…"; several
#: meetings held together listed with 、 or a space: "…在甲第十九次大会 乙第十四次大会开幕会上…"; or attended and spoke
#: at: "<speaker>出席甲第十七次大会 乙第十二次大会开幕会并发表重要讲话")
_SPOKEN_AT = re.compile(
    rf"^[^在，,\s]{{2,12}}?(?:在(?:{_CONVENED_AT})?|出席)((?:{_BARE_OCCASION}[、\s])*{_BARE_OCCASION})"
    r"(?:开幕|闭幕|开班|结业)?[会式]?(?:上|时|期间|并)(?:强调|指出|表示|发表|讲话|宣布)"
)
#: where the meetings of an occasion held together are listed apart (`_SPOKEN_AT`)
_OCCASIONS_APART = re.compile(r"[、\s]+")
#: the occasion's number among its kind (第十一次集体学习): how a question tells it from the others
_NUMBERED_OCCASION = re.compile(r"第([一二三四五六七八九十百\d]+)次.+$")
#: a news item's lead: its source (央视网消息（新闻联播）：, 新华社北京12月8日电), then the meeting, its days and place
_LEAD = re.compile(
    r"^(?:[^：:。，]{0,24}?(?:消息|电|讯)(?:[（(][^）)]{0,12}[）)])?[：:\s]\s*)?"
    rf"{_MEETING}(?:(?:\d{{1,2}}月)?\d{{1,2}}日(?:至\d{{1,2}}日)?)?([在于][^，,。\s]{{1,8}}?)({_HELD})"
)
#: a headline's clauses: "某某会议在北京举行 某某发表重要讲话" reports the meeting in its first
_CLAUSE_BREAK = re.compile(r"[\s，,；;：:]+")
#: an English news headline reporting a meeting: "<meeting> held in <place>", "<meeting> opens|closes"
_EN_NEWS_TITLE = re.compile(
    r"^((?:[\w'’-]+\s+){0,8}?(?:Conference|Meeting|Congress|Plenum|Session|Forum|Summit|Symposium|Assembly))"
    r"\s+(?:(?:is\s+|was\s+)?held\s+in\b|opens\b|closes\b|opened\b|closed\b|convenes\b|convened\b)",
    re.IGNORECASE,
)
LEADING_YEAR = re.compile(r"^\d{4}年(?:度)?")
#: the central organs that head a title as its issuer (a closed class of the state's and the Party's bodies)
#: (joint issuers are spaced apart: "中共中央 国务院关于…的意见")
_ISSUERS = re.compile(
    r"^(?:(?:中华人民共和国|中国共产党|中共中央|中央|国务院|全国人民代表大会常务委员会|全国人民代表大会|全国人大常委会|全国政协)\s*)+"
)
_EN_LEADING = re.compile(r"^(?:the\s+)?(?:\d{4}\s+)?", re.IGNORECASE)
_EN_TYPES = (
    "report",
    "decision",
    "resolution",
    "communiqué",
    "communique",
    "recommendations",
    "plan",
    "opinions",
    "notice",
    "speech",
    "readout",
    "white paper",
    "outline",
    "guideline",
    "guidelines",
)
#: plural genre nouns and the singular a reader also says
_EN_SINGULAR = {"opinions": "opinion", "recommendations": "recommendation", "guidelines": "guideline"}
_EN_CUT = re.compile(r"\s*(?:\(|—|--| – |,|;)")
_ZH_TYPE_EN = {
    "决定": "decision",
    "决议": "resolution",
    "公报": "communiqué",
    "建议": "recommendations",
    "报告": "report",
    "意见": "opinions",
    "通知": "notice",
    "讲话": "speech",
    "规划": "plan",
    "纲要": "outline",
    "方案": "plan",
    "白皮书": "white paper",
}
_EN_CONGRESS = re.compile(r"\b(\d+(?:st|nd|rd|th)) National Congress", re.IGNORECASE)
_EN_PLENUM = re.compile(
    r"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth) Plenary Session of the "
    r"(\d+(?:st|nd|rd|th)) Central Committee",
    re.IGNORECASE,
)
_EN_FIVE_YEAR = re.compile(r"\b(\d+(?:st|nd|rd|th)) Five-Year Plan", re.IGNORECASE)


def document_aliases(
    meta: DocumentMeta, extra: tuple[str, ...] | list[str] = (), opening: tuple[str, ...] | list[str] = ()
) -> tuple[str, ...]:
    """The document's names (see module docstring), most specific first, no duplicates;
    `extra` (hand-written, from the manifest) come first; `opening`: the text's first paragraphs, where a meeting
    its headline does not name may be reported (`reported_meeting`)."""
    names: list[str] = list(extra)
    year = meta.date[:4] if re.match(r"\d{4}", meta.date or "") else ""
    kind = _ZH_TYPE.search(meta.title) if has_han(meta.title) else None
    names += _chinese_names(meta.title, f"{meta.byline} {meta.issuer}", year)
    english_titles = [meta.title_en] + ([meta.title] if not has_han(meta.title) else [])
    if not meta.title_en and has_han(meta.title):
        # no English title (an added text): its meetings named in English all the same, so "the sixth plenum",
        # "the 19th Party Congress report" find it as they find a document the manifest gives an English title
        english_titles += english_meetings(without_announced(f"{meta.title} {meta.byline}"))
        # a body's yearly work report by the name its official translations give it ("the 2031 Report on the Work of
        # the Government"), as a report the manifest gives that English title is found
        english_titles.append(_work_report_title_en(delivered_work_report(meta.title) or meta.title))
        names += _glossed_events(meta.title, year)
    names += _english_names([t for t in english_titles if t], year, _ZH_TYPE_EN.get(kind.group(1), "") if kind else "")
    names += _first_document_names(meta.title)
    if held := reported_meeting(meta.title, opening):
        # the meeting an instruction was read out to, named as a headline reporting it names it ("中央某某工作会议",
        # "the 2031 conference", "Central … Work Conference"): a reader names the text by it
        headline = dataclasses.replace(meta, title=held, title_en="", byline="", issuer="")
        names += [n for n in document_aliases(headline) if n != held]
    if re.search(r"\b(?:paper|article)\b", meta.kind, re.IGNORECASE):
        names += ["论文", "这篇论文", "the paper", "the article"]
    seen: set[str] = set()
    out = []
    for name in (n.strip() for n in names):
        if len(name) >= 2 and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return tuple(out)


#: the opinions on rural work the Party centre and the State Council issue as the year's first central document
#: (中共中央 国务院关于做好2031年全面推进乡村振兴重点工作的意见): readers name them by that rank, 中央一号文件 / "the No. 1
#: central document", which no such text says of itself (a convention of Chinese political life, like the genres)
_RURAL_OPINIONS = re.compile(r"^中共中央\s*国务院\s*关于.{0,40}?(?:三农|农业|农村|乡村).{0,40}的(?:若干)?意见")
_FIRST_DOCUMENT_NAMES = (
    "中央一号文件",
    "一号文件",
    "No. 1 central document",
    "No. 1 document",
    "No.1 central document",
    "No.1 document",
    "Number One central document",
    "Document No. 1",
    "central document No. 1",
    "No. 1 policy document",
)


def _first_document_names(title: str) -> list[str]:
    """The names of the year's first central document (`_RURAL_OPINIONS`) when `title` is one, else none."""
    return list(_FIRST_DOCUMENT_NAMES) if _RURAL_OPINIONS.match(title.strip()) else []


#: a commission's meeting (中央全面深化改革委员会第十八次会议, 中央财经委员会会议): its body is abbreviated by readers
_COMMISSION = re.compile(rf"^({HAN_CLASS}{{4,12}}?)委员会(?:第[一二三四五六七八九十百\d]+次)?会议$")
#: at most this many initials before 委 (深改委, 中财委, 国资委; a bound of the convention, not a tuned figure)
MAX_INITIALS = 3
#: at most this many words of a body's name read for initials (a bound on the combinations)
MAX_NAME_WORDS = 6


#: a meeting's number before its name (第三次中央新疆工作座谈会)
_LEADING_NTH = re.compile(rf"^{_NTH}(?=\S{{4,}}$)")
#: the Central Committee's term before a body of it (二十届中央全面深化改革委员会…)
_TERM = re.compile(r"^[一二三四五六七八九十]+届(?=中央)")


def _without_term(names: list[str]) -> list[str]:
    """A commission's meeting named with the Central Committee's term (二十届中央全面深化改革委员会第一次会议) without
    it, numbered and not, as readers name it (中央全面深化改革委员会第一次会议, 中央全面深化改革委员会会议, 二十届深改委);
    a plenum's term stays (十九届中央委员会第四次全体会议 is not any Central Committee's fourth plenum)."""
    out: list[str] = []
    for name in names:
        if (term := _TERM.match(name)) and _COMMISSION.match(rest := name[term.end() :]):
            # ... and its abbreviation with the term (二十届中央深改委), as a session's ordinal qualifies a name
            out += [rest, _NTH_MEETING.sub("", rest), *(term.group(0) + a for a in commission_abbreviations(rest))]
    return list(dict.fromkeys(n for n in out if n not in names))


def commission_abbreviations(name: str) -> list[str]:
    """How readers abbreviate the commission whose meeting `name` is: the first characters of two or three of its
    words, in order, then 委 (中央全面深化改革委员会 → 深改委, also 中央深改委; 中央财经委员会 → 中财委). A four-character
    word is read as two (深化改革 → 深化 + 改革); a name with a session or ordinal (十八届, 第…) is a plenum's, not a
    commission's."""
    from itertools import combinations

    from knowledge.keyword_index import segment

    m = _COMMISSION.match(name)
    if not m or re.search("[届第]", m.group(1)):
        return []
    words = [p for w in segment(m.group(1)) for p in ((w[:2], w[2:]) if len(w) == 4 else (w,))]
    if len(words) > MAX_NAME_WORDS:
        return []
    out = []
    for k in range(2, MAX_INITIALS + 1):
        for chosen in combinations(range(len(words)), k):
            abbreviation = "".join(words[i][0] for i in chosen) + "委"
            out.append(abbreviation)
            if words[0] == "中央" and chosen[0] != 0:
                out.append(f"中央{abbreviation}")
    return out


def _chinese_names(title: str, byline: str, year: str) -> list[str]:
    if not has_han(title):
        return []
    main, _, subtitle = title.partition("——")
    base = _BRACKETED.sub("", main).strip()
    events = _event_names(base, year)
    names = [title, main, base, *events, *_occasion_names(base, year)]
    # an occasion of a kind readers name alone (座谈会: "2031年9月的座谈会", "哈尔滨座谈会", "the 2031 symposium") is
    # named so whichever form of headline reports it, as the occasion a leader spoke at is: "某某主持召开某某座谈会强调"
    # too (its English kind names were missing, so "Xi's symposium on … in May 2031" named only the other symposia)
    # (by the kind alone: not by the last word of its topic, which is no body holding it, "the 2031 Revive symposium")
    kinds = {k for e in events for k in OCCASION_KINDS_EN if e != k and e.endswith(k) and is_meeting_name(e)}
    for occasion_kind in sorted(kinds):
        names.append(occasion_kind)
        names += [name for en in OCCASION_KINDS_EN[occasion_kind] for name in _kind_names(en, "", year)]
    names += [a for name in names if not LEADING_YEAR.match(name) for a in anniversary_names(name)]
    names += instruction_names(title)
    names += _without_term(names)
    # a numbered meeting without its number (第三次中央新疆工作座谈会 → 中央新疆工作座谈会), as English says "the Central
    # Symposium on Xinjiang Work"
    names += [n[m.end() :] for n in names if (m := _LEADING_NTH.match(n)) and is_meeting_name(n[m.end() :])]
    # a standing committee is its 常委会 to readers (全国人大常委会, 中央政治局常委会会议)
    names += [n.replace("常务委员会", "常委会") for n in names if "常务委员会" in n]
    # a body's first meeting is its 首次会议 too
    names += [n.removesuffix("第一次会议") + "首次会议" for n in names if n.endswith("第一次会议")]
    names += [a for name in names for a in commission_abbreviations(name)]
    if subtitle:
        names.append(subtitle)
    if report := delivered_work_report(title):
        names += [report, f"{year}年{report}"] if year else [report]
    if year and base != main.strip() and not base.startswith(year):
        names.append(f"{year}年{base}")  # a recurring document: the bracket named its edition
    # "2019年中华人民共和国国务院政府工作报告" is "政府工作报告" and "2019年政府工作报告" to a reader: the edition's year
    # and the issuing organs before the document's own name are left out
    core = without_issuer(base)
    if core != base and len(core) >= 4 and _ZH_TYPE.search(core):
        names.append(core)
        if year:
            names.append(f"{year}年{core}")
    names += _subject_names(core)
    meetings = _meetings(without_announced(f"{title} {byline}"))
    kind = _ZH_TYPE.search(title)
    if kind:
        names += [f"{m}{kind.group(1)}" for m in meetings]
    # the meeting alone too (三中全会, 二十大), as English has "third plenum": a question naming the meeting
    # means its documents; a name two documents share is absorbed by a more precise one beside it
    # (三中全会《决定》: the Decision), as `assistant.mentions` reads it
    names += meetings
    return names


#: a headline's clause reporting a leader's instruction on a field of work: "<speaker>对<field>作出重要指示|批示"
#: (习近平对某某工作作出重要指示强调 → 某某工作); a leading 做好 ("对做好某某工作作出…") is no part of the field's name
_INSTRUCTION = re.compile(r"^[^对，,。\s]{2,8}?对(?:做好)?([^，,。\s]{2,16}?)作出(?:重要)?(指示|批示)")


def instruction_names(title: str) -> list[str]:
    """The instruction a headline reports, as readers name it: by its field with or without 重要, after 对 or 关于
    ("某某工作重要指示", "对某某工作的重要指示", "关于某某工作的指示"): else "2031年习近平对某某工作的重要指示" named the
    year's other instruction, on another field; [] for a headline reporting none."""
    names: list[str] = []
    for clause in _CLAUSE_BREAK.split(title.strip()):
        if m := _INSTRUCTION.match(clause):
            field, said = m.groups()
            for kind in (f"重要{said}", said):
                names += [f"{field}{kind}", f"对{field}的{kind}", f"关于{field}的{kind}", f"对{field}作出的{kind}"]
    return names


#: a meeting marking an anniversary: 纪念|庆祝<event><N>周年大会|座谈会 (纪念某某诞辰200周年大会), or <event><N>周年
#: 纪念|庆祝大会 (某某建立40周年庆祝大会)
_ANNIVERSARY = re.compile(
    r"^(?:(?P<before>纪念|庆祝)(?P<event>.{2,24}?)(?P<n>[\d一二三四五六七八九十百]+)周年"
    r"|(?P<event2>.{2,24}?)(?P<n2>[\d一二三四五六七八九十百]+)周年(?P<after>纪念|庆祝))(?P<kind>大会|座谈会)$"
)


def anniversary_names(name: str) -> list[str]:
    """A meeting marking an anniversary as readers also name it: without 纪念 / 庆祝 (某某110周年大会), with it after
    the anniversary (某某110周年纪念大会) or before it, and without the anniversary's number, which a year says
    (纪念某某大会, 某某纪念大会): else "辛亥革命110周年大会" named no meeting and the question was answered from
    other commemorations; [] for any other name."""
    m = _ANNIVERSARY.match(name)
    if not m:
        return []
    event, n = m.group("event") or m.group("event2"), m.group("n") or m.group("n2")
    marks, kind = m.group("before") or m.group("after"), m.group("kind")
    names = [
        f"{event}{n}周年{kind}",
        f"{event}{n}周年{marks}{kind}",
        f"{marks}{event}{n}周年{kind}",
        f"{marks}{event}{kind}",
        f"{event}{marks}{kind}",
    ]
    # ... and in English by its number ("the 110th anniversary"; the event's English is rarely the dictionary's)
    nth = english_ordinal(int(han_number(n)))
    names += [f"{nth} anniversary", f"the {nth} anniversary"]
    return [each for each in names if each != name]


#: "关于<subject>的<type>": a title naming its subject ("关于进一步全面深化改革、推进中国式现代化的决定")
_ABOUT = re.compile(r"^关于(.{4,40})的" + _ZH_TYPE.pattern)


def _subject_names(core: str) -> list[str]:
    """ "关于A、B的决定" is "A、B的决定", "A的决定" and "B的决定" to a reader (进一步全面深化改革的决定): the
    subject without 关于, and each of its coordinated parts (at least four characters) with the type."""
    m = _ABOUT.match(core)
    if not m:
        return []
    subject, kind = m.group(1), m.group(2)
    parts = [p for p in subject.split("、") if len(p) >= 4]
    return [f"{subject}的{kind}"] + ([f"{p}的{kind}" for p in parts] if len(parts) > 1 else [])


#: a paragraph a meeting's readout or communiqué opens by reporting it: 会议认为，… / 全会提出，…
_MEETING_REPORTS = re.compile(rf"^\s*(?:会议|全会|大会){REPORTED}", re.M)
#: paragraphs so opened that make a text a readout (one may be quoted inside any text; a readout has many)
READOUT_PARAGRAPHS = 2


def with_kind_from_text(meta: DocumentMeta, text: str) -> DocumentMeta:
    """A text added without a genre (its kind only the file type) whose paragraphs report a meeting (会议认为，…,
    会议强调，…) is a readout: its kind says so, so a question calling it by its meeting (会议认为…, "the readout")
    names it even when its title line was lost (a readout copied without its lead has no title naming it)."""
    # (a kind a loader gives by the file type says nothing of the genre)
    if (meta.kind and meta.kind not in FILE_KINDS) or len(_MEETING_REPORTS.findall(text)) < READOUT_PARAGRAPHS:
        return meta
    return dataclasses.replace(meta, kind="readout")


def reported_meeting(title: str, opening: tuple[str, ...] | list[str]) -> str:
    """The meeting a text reports though its headline names none, as a headline would report it: an instruction read
    out to a meeting ("习近平对某某工作作出重要指示强调 …", its third paragraph "中央某某工作会议13日至14日在北京召开。…" →
    中央某某工作会议在北京召开), from the first `opening` paragraph whose lead reports a meeting held (`lead_headline`);
    "" when the headline reports a meeting or occasion itself, or no opening paragraph reports one."""
    if reports_meeting(title):
        return ""
    return next((held for paragraph in opening if (held := lead_headline(paragraph))), "")


def lead_headline(paragraph: str) -> str:
    """The headline a news item's lead makes when the text has none: "央视网消息：某某工作会议12月8日至10日在北京
    举行。…" → 某某工作会议在北京举行 (what such readouts are titled); "" for any other opening."""
    m = _LEAD.match(paragraph)
    return f"{m.group(1)}{m.group(2)}{m.group(3)}" if m else ""


#: a speech delivering a report to the meeting it addresses ("现在，我代表第十八届中央委员会向大会作报告"), and which
#: report ("我代表国务院，向大会作政府工作报告": 政府工作报告)
_DELIVERS = re.compile(r"代表[^，。；]{1,30}?[，,]?\s*向(?:大会|会议|全会)(?:作|做)([^\s，,。；]{0,10}?报告)")
#: the reports `delivered_report_title` names by the meeting alone (在…上的报告)
_PLAIN_REPORTS = ("报告", "工作报告")
#: a dash byline naming the meeting a speech was delivered at ("——1990年3月20日在第七届全国人民代表大会第三次会议上")
_DELIVERED_AT = re.compile(r"^[—–-]{1,2}.*?在\S+?上$")
#: a meeting named by its ordinal (中国共产党第十九次全国代表大会, 某某协会第四次全国代表大会, 第十四届全国人民代表大会第二次会议)
_ORDINAL_MEETING = re.compile(
    r"[^\s，,。：:；;、（）()“”]{0,12}?第[一二三四五六七八九十百]+[次届][^\s，,。：:；;、（）()“”]{0,16}?"
    r"(?:代表大会(?:第[一二三四五六七八九十]+次会议)?|全体会议|会议)"
)


def delivered_report_title(paragraphs: list[str]) -> str:
    """The title a report delivered to a meeting has when the text has none: its opening says it is delivered
    ("我代表…向大会作报告") and names the meeting by its ordinal → "在<meeting>上的报告" (what such reports are
    subtitled: ——在…上的报告); "" for any other opening."""
    if not any((m := _DELIVERS.search(p)) and m.group(1) in _PLAIN_REPORTS for p in paragraphs):
        return ""
    for paragraph in paragraphs:
        if m := _ORDINAL_MEETING.search(_DELIVERS.sub("", paragraph)):
            return f"在{m.group(0)}上的报告"
    return ""


def with_delivered_report(title: str, bylines: list[str], opening: list[str]) -> str:
    """A title naming no genre ("为…而奋斗") of a report its opening says is delivered, with that report as its subtitle,
    so it is found as the report it is; any other title as it is:
    - over a dash byline naming the meeting ("——1990年3月20日在第七届全国人民代表大会第三次会议上"), the report the
      opening names ("向大会作政府工作报告" → "为…而奋斗——政府工作报告"; the meeting stays in the byline: in the title,
      "the NPC" of any question would name the report);
    - with no such byline, a plain report ("我代表…向大会作报告") whose opening names the meeting by its ordinal: the
      subtitle such reports carry (`delivered_report_title`: "为…而奋斗——在中国共产党第N次全国代表大会上的报告")."""
    if not has_han(title) or "——" in title or _ZH_TYPE.search(title):
        return title
    if not any(_DELIVERED_AT.match(b.strip()) for b in bylines):
        meeting = delivered_report_title(opening)
        return f"{title}——{meeting}" if meeting else title
    report = next((m.group(1) for p in opening if (m := _DELIVERS.search(p))), "")
    return title if report in ("", *_PLAIN_REPORTS) else f"{title}——{report}"


def reports_meeting(title: str) -> bool:
    """Is the title a news headline reporting a meeting ("某某工作会议在北京举行 …", "某某召开会议 …") or what was
    said at one ("某某在某某集体学习时强调 …"): the text is its readout."""
    return bool(headline_meeting(title)) or occasion_of(title) is not None


def _first_clause(title: str) -> str:
    """A headline's first clause ("某某工作会议在北京举行 习某某发表重要讲话" → 某某工作会议在北京举行): what it reports."""
    return _CLAUSE_BREAK.split(title.strip(), maxsplit=1)[0]


def headline_meeting(title: str) -> str:
    """The meeting a news headline reports in its first clause: "某某工作会议在北京举行" → 某某工作会议, "某某召开会议"
    → 某某会议 (the body's meeting), "某某召开座谈会" → 某某座谈会, "某某主持召开某某会议强调…" → 某某会议; "" for any
    other title. Of meetings held together, the first (`_headline_meetings`)."""
    return next(iter(_headline_meetings(title)), "")


def _headline_meetings(title: str) -> list[str]:
    """The meetings a news headline reports (`headline_meeting`): one, or several held together and listed before
    the clause saying so ("全国科技大会 国家科学技术奖励大会 两院院士大会在京召开" → all three)."""
    listed: list[str] = []
    for clause in _CLAUSE_BREAK.split(title.strip()):
        if m := _NEWS_TITLE.match(clause):
            return [*listed, *_run_together(m.group(1))]
        if not _BARE_MEETING.fullmatch(clause):
            break
        listed.append(clause)
    first = _first_clause(title)
    if m := _CONVENES.match(first):
        return [f"{m.group(1)}{m.group(2)}"]
    if m := _CHAIRS.match(first) or _ATTENDS.match(first):
        return [m.group(1)]
    if m := _HOLDS.match(first):
        return [m.group(2)]
    if m := _MEETING_DOES.match(first):
        return [m.group(1)]
    # "习近平对某某工作作出重要指示强调 … 蔡奇出席全国某某工作会议并讲话": a headline opening with what was said (an
    # instruction read out to the meeting) names the meeting where it says who attended it
    later = (_ATTENDS.match(clause) for clause in _CLAUSE_BREAK.split(title.strip())[1:])
    return [m.group(1) for m in later if m][-1:]


#: where one meeting's name ends and another's begins, written together in a headline: 暨 ("and", joining occasions
#: held together), or after 大会, before a name that is no part of it (not 第…次会议 of the same congress, not its
#: standing committee)
_RUN_TOGETHER = re.compile(r"暨|(?<=大会)(?!第|常务|常委|主席团|闭幕|开幕)(?=.{4})")


def _run_together(meeting: str) -> list[str]:
    """The meetings a headline writes without a break ("两院院士大会中国科协第十次全国代表大会在京召开", "某某工作会议暨
    第六次某某表彰大会在北京举行"): the whole, then each (两院院士大会, 中国科协第十次全国代表大会) when every piece is a
    meeting's name of four characters or more."""
    pieces = [p for p in _RUN_TOGETHER.split(meeting) if p]
    if len(pieces) > 1 and all(len(p) >= 4 and _BARE_MEETING.fullmatch(p) for p in pieces):
        return [meeting, *pieces]
    return [meeting]


#: a readout's opening saying a body's numbered meeting was held ("…6月13日主持召开某某领导小组第六次会议，研究…")
_OPENING_NUMBERED_MEETING = re.compile(rf"召开([^\s，,。：:；、“”《》]{{2,24}}?{_NTH}(?:会议|座谈会))")


def numbered_in_opening(title: str, opening: str) -> list[str]:
    """The numbered meeting a readout's opening names when its headline names the meeting without its number
    ("习近平主持召开某某领导小组会议" → 某某领导小组第六次会议, from "…主持召开某某领导小组第六次会议"): a reader names it
    by its number, and the unnumbered name alone left "某某领导小组第六次会议" naming nothing (an added readout's
    questions were answered from the sentence saying the meeting was held)."""
    headlined = set(_headline_meetings(title))
    numbered = [
        m.group(1)
        for m in _OPENING_NUMBERED_MEETING.finditer(opening)
        if _NTH_MEETING.sub("", m.group(1)) in headlined and m.group(1) not in headlined
    ]
    return [n for name in dict.fromkeys(numbered) for n in (name, *_unissued(name))]


def is_meeting_name(name: str) -> bool:
    """Is the name a meeting's (全国科技大会, 政治局会议, 五中全会), not a text's?"""
    return bool(_BARE_MEETING.fullmatch(name))


def without_issuer(name: str) -> str:
    """A name without the edition's year and the issuing organs before it, as a reader says it: "2019年中华人民共和国
    国务院政府工作报告" → 政府工作报告, "中共中央政治局会议" → 政治局会议."""
    return _ISSUERS.sub("", LEADING_YEAR.sub("", name)).strip()


@dataclasses.dataclass(frozen=True)
class _Occasion:
    """The occasion a "<speaker>在<occasion>时强调" headline reports."""

    #: as the headline names it (中共中央政治局第十一次集体学习)
    name: str
    #: by its number among its kind (第十一次集体学习), "" if unnumbered
    numbered: str
    #: its number in English ("11th"), "" if unnumbered
    nth: str
    #: its kind when English has a name for it (`OCCASION_KINDS_EN`: 集体学习), else ""
    kind: str


#: a headline or a readout's opening saying that a body held a numbered occasion of a kind English names ("中共中央
#: 政治局举行第十八次集体学习", "中共中央政治局1月28日下午就坚定不移走和平发展道路进行第三次集体学习"): a headline that
#: names only what was said ("某某强调 更好统筹…") leaves the occasion to the opening
_HOLDS_OCCASION = re.compile(
    r"^(?:[^：:。，]{0,24}?(?:消息|电|讯)(?:[（(][^）)]{0,12}[）)])?[：:\s]\s*)?"
    rf"([^\s，,。：:；]{{2,16}}?)(?:\d{{1,2}}月\d{{1,2}}日)?(?:上午|下午|晚上?)?(?:就[^。；]{{2,80}}?)?(?:进行|举行|召开)"
    rf"({_NTH}(?:{'|'.join(OCCASION_KINDS_EN)}))"
)


def occasion_of(title: str) -> _Occasion | None:
    """The occasion a headline reports: where its speaker spoke ("<speaker>在<occasion>时强调") or what its body held
    ("<body>举行第N次集体学习")."""
    m = _SPOKEN_AT.match(title.strip())
    return _occasion(m.group(1)) if m else held_occasion(_first_clause(title))


def occasions_held_together(o: _Occasion) -> list[_Occasion]:
    """The meetings of an occasion a headline lists as held together ("甲第十九次大会 乙第十四次大会"), each; the
    occasion alone otherwise."""
    pieces = [p for p in _OCCASIONS_APART.split(o.name) if p]
    return [_occasion(p) for p in pieces] if len(pieces) > 1 else [o]


def held_occasion(text: str) -> _Occasion | None:
    """The numbered occasion a headline clause or an opening paragraph says a body held (`_HOLDS_OCCASION`)."""
    m = _HOLDS_OCCASION.match(text)
    return _occasion(m.group(1) + m.group(2)) if m else None


def _occasion(name: str) -> _Occasion:
    numbered = _NUMBERED_OCCASION.search(name)
    return _Occasion(
        name,
        numbered.group(0) if numbered else "",
        english_ordinal(int(han_number(numbered.group(1)))) if numbered else "",
        next((k for k in OCCASION_KINDS_EN if name.endswith(k)), ""),
    )


#: a body's yearly work report: "2031年中华人民共和国国务院政府工作报告", "海州市人民政府工作报告（2031年）"
_WORK_REPORT = re.compile(rf"^(?:({YEAR})年)?(?:中华人民共和国)?(.{{2,16}}?)工作报告(?:[（(]({YEAR})年?[）)])?$")


def delivered_work_report(title: str) -> str:
    """The body's work report a title's subtitle says it is ("为…而奋斗——政府工作报告", `with_delivered_report`), ""
    if none: the name a reader gives it, with its year."""
    _, _, subtitle = title.partition("——")
    m = _WORK_REPORT.match(subtitle.strip())
    return subtitle.strip() if m and not m.group(1) and not m.group(3) else ""


def _work_report_title_en(title: str) -> str:
    """ "Report on the Work of the Government (2031)" for a body's work report, as the official translations name
    them: the body's English from the dictionary (its whole name, else its last word: 国务院政府 → government),
    title-cased; "" for any other title, or a body the dictionary does not know."""
    from knowledge.keyword_index import segment
    from knowledge.zh_en import ZhEnDictionary

    m = _WORK_REPORT.match(title.strip())
    if not m:
        return ""
    dictionary = ZhEnDictionary.full()
    words = segment(m.group(2))
    senses = next(
        (found for word in (m.group(2), words[-1] if words else "") if (found := dictionary.glosses(word))), ()
    )
    if not senses:
        return ""
    body = title_case(re.sub(r"^PRC ", "", senses[0]))
    year = m.group(1) or m.group(3)
    return f"Report on the Work of the {body}" + (f" ({year})" if year else "")


def _occasion_title_en(title: str) -> str:
    """ "Readout of the 11th study session (中共中央政治局第十一次集体学习)" for a headline reporting what was said at an
    occasion of a kind English has a name for (`OCCASION_KINDS_EN`); "" for any other title."""
    o = occasion_of(title)
    if o is None or not o.kind:
        return ""
    nth = f"{o.nth} " if o.nth else ""
    return f"Readout of the {nth}{OCCASION_KINDS_EN[o.kind][0]} ({o.name})"


def _occasion_names(title: str, year: str) -> list[str]:
    """The occasion a headline reports (`occasion_of`) as a question names it (`occasion_names`); a headline of
    another form names none."""
    o = occasion_of(title)
    if o is None:
        return []
    held = occasions_held_together(o)
    # (meetings held together: the whole as the headline lists them, then each by its own names)
    return [
        *([o.name] if len(held) > 1 else []),
        *_pair_name(held),
        *(name for each in held for name in occasion_names(each, year)),
    ]


def _pair_name(held: list[_Occasion]) -> list[str]:
    """Two numbered meetings of one kind held together by bodies whose names end alike, as readers pair them: 两 and
    that last character before the kind (甲科学院第十九次院士大会 + 乙工程院第十四次院士大会 → 两院院士大会, as 两会,
    两高 pair bodies): "2031年两院院士大会" named only the texts whose headline said so."""
    if len(held) != 2 or not all(o.numbered for o in held):
        return []
    bodies = [o.name.removesuffix(o.numbered) for o in held]
    kinds = {re.sub(rf"^{_NTH}", "", o.numbered) for o in held}
    if len(kinds) != 1 or not all(bodies) or bodies[0][-1] != bodies[1][-1]:
        return []
    return [f"两{bodies[0][-1]}{kinds.pop()}"]


def occasion_names(o: _Occasion, year: str) -> list[str]:
    """An occasion as a question names it: in full (中共中央政治局第十一次集体学习), by its number (第十一次集体学习), by
    a kind English has a name for (集体学习, "the 11th study session", "the 2031 study session", "study session")."""
    names = [o.name] + ([o.numbered] if o.numbered else [])
    # without 中共 before the Party's central organs, as readers shorten it (中共中央政治局… → 中央政治局…): else a
    # question writing 中央政治局第十八次集体学习 named the one text whose headline writes it so, whatever year it gives
    names += [o.name.removeprefix("中共")] if o.name.startswith("中共中央") else []
    if is_meeting_name(o.name):
        names += _unissued(o.name)
    if o.kind:
        names.append(o.kind)
        # ... and by the body holding it without the number (中央政治局集体学习, 政治局集体学习): else a question
        # dating it ("2031年1月中央政治局集体学习") named every study session by 集体学习 and its date was lost
        body_zh = o.name.removesuffix(o.numbered)
        if o.numbered and re.fullmatch(_NTH + re.escape(o.kind), o.numbered) and len(body_zh) >= 2:
            names += [
                body_zh + o.kind,
                *([body_zh.removeprefix("中共") + o.kind] if body_zh.startswith("中共中央") else []),
                *([word + o.kind] if (word := _body_word(body_zh)) and word != body_zh else []),
            ]
        # ... and by the body holding it ("the Politburo study session", "the January 2031 Politburo group study
        # session"): else the body's English stayed in the question as what it asks about, and the readout's
        # sentences naming the body ("中共中央政治局各位同志认真听取了…") were quoted for it
        # (not 中央 alone, an adjective here: "the 2031 Central symposium" named 中央第七次某某工作座谈会 before "the 2031
        # Central Symposium on Other Work" could name the other symposium of that year; and only for a numbered
        # occasion, which a body holds: an unnumbered one's name before its kind is its topic, whose last word made
        # "the Work symposium", "the Development symposium" of several, and "the 2031 port work symposium" named
        # another year's symposium on other work)
        held_by = o.name.removesuffix(o.numbered or o.kind)
        body = _body_en(held_by) if o.numbered and held_by not in ("中央", "中共中央") else ""
        for kind in OCCASION_KINDS_EN[o.kind]:
            for en in [kind, *([f"{body} {kind}"] if body else [])]:
                names += _kind_names(en, o.nth, year)
    return names


def _kind_names(en: str, nth: str, year: str) -> list[str]:
    """An occasion's English name (its kind, "study session", or its body's, "Politburo study session") as questions
    say it: alone, after "the" / "this", after its number ("the 11th study session"), after its year."""
    names = [en, f"the {en}", f"this {en}"]
    names += [f"the {nth} {en}", f"{nth} {en}"] if nth else []
    names += [f"the {year} {en}", f"{year} {en}"] if year else []
    return names


def _body_sensed(body: str) -> tuple[str, tuple[str, ...]]:
    """A body's longest final word of two characters or more that the dictionary gives a sense of at most three
    words, with those senses (中共中央政治局 → 政治局, ("Politburo", …)); ("", ()) when none has."""
    from knowledge.zh_en import ZhEnDictionary

    dictionary = ZhEnDictionary.full()
    for i in range(len(body) - 1):
        if senses := dictionary.plain_senses(body[i:], words=3):
            return body[i:], senses
    return "", ()


def _body_word(body: str) -> str:
    """A body's final word the dictionary knows (`_body_sensed`: 中共中央政治局 → 政治局); "" when none."""
    return _body_sensed(body)[0]


def _body_en(body: str) -> str:
    """A body's English: the first sense of its final word (`_body_sensed`), capitalised (中共中央政治局 → "Politburo");
    "" when it has none."""
    senses = _body_sensed(body)[1]
    return title_case(senses[0]) if senses else ""


#: the word for a meeting held on one theme (专题), before the meeting's kind
_THEMED = "专题"


def _event_names(title: str, year: str) -> list[str]:
    """The meeting a news-style title reports ("某某工作会议在北京举行" → 某某工作会议; with a year in
    front, also without it, and with the document's year when the title has none): a question names
    the meeting, not the headline. A body's meeting ("中共中央政治局召开会议") is also named without the issuing
    organs (政治局会议) and with 中共 dropped (中央政治局会议), as readers shorten it."""
    names: list[str] = []
    # (a body's meeting, or one the headline opens with: named without the issuing organs too)
    of_body = any(p.match(_first_clause(title)) for p in (_CONVENES, _MEETING_DOES))
    for name in _headline_meetings(title):
        bare = LEADING_YEAR.sub("", name)
        names += [name, bare] if bare != name else [name]
        if of_body:
            names += [bare.removeprefix("中共"), without_issuer(bare)]
        else:
            names += _unissued(bare)
        if year and bare == name:
            names.append(f"{year}年{name}")
        unnumbered = _NTH_MEETING.sub("", bare)
        if unnumbered != bare:
            names.append(unnumbered)
    # a meeting "on a theme" (专题民主生活会, 专题座谈会) is also named without saying so, as readers shorten it
    names += [n.replace(_THEMED, "", 1) for n in names if _THEMED in n and len(n) > len(_THEMED) + 3]
    return [n for n in names if len(n) >= 4]


#: the shortest name of a meeting without its issuing organ (人才工作会议, 政治局会议): shorter ones (全会) name no meeting
MIN_UNISSUED = 5


def _unissued(meeting: str) -> list[str]:
    """The meeting's name without its issuing organ, as a reader says it (中央经济工作会议 → 经济工作会议), when long
    enough to name a meeting (`MIN_UNISSUED`)."""
    name = without_issuer(meeting)
    return [name] if len(name) >= MIN_UNISSUED else []


#: one-word dictionary senses tried per word of a meeting's name, and most English names made of them
GLOSS_SENSES = 2
MAX_GLOSSED_NAMES = 16


def _glossed_events(title: str, year: str) -> list[str]:
    """The meeting a Chinese news title reports, named in English when no English title does: its words glossed
    by the dictionary, each by one of its first one-word senses, capitalised (某某经济工作会议 → "… Economic Work
    Conference", "… Economy Work Meeting", …: the official name is usually among them), and referred to by its
    head noun ("the conference", "the meeting"). A word the dictionary lacks, or knows only in phrases, names
    nothing in English."""
    from itertools import product

    from knowledge.keyword_index import segment
    from knowledge.zh_en import ZhEnDictionary

    out: list[str] = []
    headline = _BRACKETED.sub("", title.partition("——")[0]).strip()
    # the meetings it reports, and the one at which its speaker spoke ("…在中央人才工作会议上强调"): the text records it
    occasion = occasion_of(headline)
    # (with and without its issuing organ, as `_occasion_names` names it in Chinese)
    held = [each for each in (occasions_held_together(occasion) if occasion else []) if is_meeting_name(each.name)]
    spoken_at = [name for each in held for name in (each.name, *_unissued(each.name))]
    # (a numbered one without its number too: the dictionary has no 第六次, so "中央第六次西藏工作座谈会" was named in
    # English by its kind alone; each with its number in English)
    numbers = {
        n: each.nth
        for each in held
        for name in (each.name, *_unissued(each.name))
        if (n := re.sub(_NTH, "", name)) != name
    }
    unnumbered = list(numbers)
    for event in [*_event_names(headline, ""), *spoken_at, *unnumbered]:
        words = segment(LEADING_YEAR.sub("", event))
        dictionary = ZhEnDictionary.for_vocabulary(words)
        # (a number is its own English: 纪念某某诞辰130周年座谈会 is "the symposium", "the 2031 symposium" too)
        senses = [(w,) if w.isdigit() else _name_senses(dictionary.plain_senses(w, words=3)) for w in words]
        if not words or not all(senses):
            continue
        start = len(out)
        out += [" ".join(title_case(w) for w in glossed) for glossed in product(*senses)][:MAX_GLOSSED_NAMES]
        # "the conference", "the 2031 meeting", "CEWC": by each head noun, its initialism from the first senses
        first = [title_case(s[0]) for s in senses[:-1]]
        # (and by the head noun of its official English, a 大会 being a "conference" though the dictionary says "convention")
        official = next((en.split()[-1] for zh, en in MEETING_HEADS_EN if event.endswith(zh)), "")
        heads = dict.fromkeys([*senses[-1], *([official.lower()] if official else [])])
        out += [r for head in heads for r in _meeting_references(" ".join([*first, title_case(head)]), year)]
        kinds = next((OCCASION_KINDS_EN[k] for k in OCCASION_KINDS_EN if event.endswith(k)), ())
        out += _topic_after(first, [*senses[-1], *kinds])
        # ... and by its kind's other English names after the topic ("Tibet Work Forum"), with and without "Central"
        for kind in kinds:
            topics = (first, first[1:]) if first[:1] == ["Central"] else (first,)
            out += [" ".join([*words_en, title_case(kind)]) for words_en in topics if words_en]
        if event in unnumbered and numbers.get(event):
            # ... and with its number ("the Sixth Central Symposium on Tibet Work", "6th Tibet Work Forum"): the name
            # that tells it from the kind's other editions, with a year before it or none
            number = int(numbers[event].rstrip("stndrh"))
            spelled = [ORDINAL_WORDS[number - 1].title()] if number <= len(ORDINAL_WORDS) else []
            ordinals = [numbers[event], *spelled]
            out += [f"{o} {name}" for name in out[start:] if name[:1].isupper() for o in ordinals]
    return out


def _topic_after(first: list[str], heads: list[str]) -> list[str]:
    """A glossed meeting named with its topic after the head noun, as English often writes it: "Central Conference on
    Tibet Work", "Work Conference on Periphery Diplomacy", "Symposium on Periphery Diplomacy Work" (from "Central Tibet
    Work Conference", "Periphery Diplomacy Work …"); `first`: the words before the head noun (their first senses),
    `heads`: the head noun's senses and its kind's English names (座谈会: symposium, forum)."""
    central = first[:1] if first[:1] == ["Central"] else []
    topic = first[len(central) :]
    if not topic:
        return []
    out: list[str] = []
    for head in dict.fromkeys(title_case(h) for h in heads):
        out.append(" ".join([*central, head, "on", *topic]))
        if len(topic) > 1 and topic[-1] == "Work":
            out.append(" ".join([*central, "Work", head, "on", *topic[:-1]]))
    return out


#: a sense joining two words ("science and technology" for 科技): a name as a two-word sense is
_CONJOINED = re.compile(r"\w+ and \w+")


#: a sense that is a name, every word capitalised ("National People's Congress" for 人大)
_PROPER_NAME = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)+")


def _name_senses(senses: tuple[str, ...]) -> list[str]:
    """The dictionary senses a word of a meeting's name is tried with: its one-word senses first, then its two-word
    ones, those joining two words and names (人大: "National People's Congress"), `GLOSS_SENSES` in all (农村:
    "village", "rural area": the official name says Rural; 科技: "science and technology")."""
    two = [s for s in senses if s.count(" ") == 1 or _CONJOINED.fullmatch(s) or _PROPER_NAME.fullmatch(s)]
    return ([s for s in senses if " " not in s] + two)[:GLOSS_SENSES]


#: the words a name in English leaves in lower case ("Central Commission for Deepening Reform")
_LOWER_IN_NAMES = frozenset({"and", "of", "the", "on", "for", "in", "to"})


def title_case(words: str) -> str:
    """Words capitalised as official English names are, but for `_LOWER_IN_NAMES`."""
    return " ".join(w if w in _LOWER_IN_NAMES else w[:1].upper() + w[1:] for w in words.split(" "))


def _meeting_references(meeting: str, year: str) -> list[str]:
    """How English readers refer to a meeting a readout reports, besides its full name: by its head noun
    ("the conference", "the 2031 conference") and, for a name of three capitalised words or more, by its
    initialism ("Harbour Development Work Conference" → HDWC)."""
    words = meeting.split()
    head = words[-1].lower()
    names = [f"the {head}", f"this {head}"] + ([f"the {year} {head}", f"{year} {head}"] if year else [])
    capitals = [w[0] for w in words if w[:1].isupper()]
    if len(capitals) >= 3 and len(capitals) == len(words):
        names.append("".join(capitals))
    return names


#: a clause of a headline announcing a meeting to come ("决定召开二十届三中全会", "定于10月召开…") or a document to be
#: submitted to one ("讨论拟提请二十届三中全会审议的文件", "研究拟提请十九届七中全会讨论的文件"): the text is not its record,
#: so it is no name of the text
_ANNOUNCED = re.compile(
    r"(?:决定|拟|将|建议|定于)[^\s，。；]{0,16}?召开[^\s，。；]*|(?:决定|拟|将)?(?:提请|提交)[^\s，。；]{0,20}?(?:审议|讨论)[^\s，。；]*"
)
#: a clause of a headline carrying out an earlier meeting's decisions ("全面贯彻党的十八届五中全会精神", "学习贯彻…精神"): the text
#: records another meeting, which applies that one's spirit
_CARRIED_OUT = re.compile(r"(?:贯彻|落实|领会)[^\s，。；]{0,20}?精神")


def without_announced(text: str) -> str:
    """The text without the meetings it announces (`_ANNOUNCED`) or whose spirit it carries out (`_CARRIED_OUT`): those
    it names as its own remain."""
    return _CARRIED_OUT.sub(" ", _ANNOUNCED.sub(" ", text))


#: another body's congress by its number (中国科协第九次全国代表大会): the body's name, from a break in the text or the end
#: of a meeting a headline names before it without one (两院院士大会中国科协第十次全国代表大会)
_BODY_CONGRESS = re.compile(
    rf"(?:^|(?<=[\s，,。：:；;、（）()“”])|(?<=大会)|(?<=会议))((?:(?!大会|会议)[^\s，,。：:；;、（）()“”]){{1,9}}?[协会联团盟社])第({CN_NUMERAL})次全国代表大会"
)


def _meetings(text: str) -> list[str]:
    """The meetings a title names in full, as readers abbreviate them: 二十大, 十九届六中全会 and 六中全会, 十四五规划, and
    another body's congress by its number after its name (中国科协九大 for 中国科协第九次全国代表大会)."""
    out = []
    for m in CONGRESS.finditer(text):
        out.append(f"{m.group(1)}大")
    for m in _BODY_CONGRESS.finditer(text):
        out.append(f"{m.group(1)}{m.group(2)}大")
    for m in PLENUM.finditer(text):
        out += [f"{m.group(1)}届{m.group(2)}中全会", f"{m.group(2)}中全会"]
    for m in PLAN.finditer(text):
        out.append(f"{m.group(1)}五规划")
    return out


def generated_title_en(meta: DocumentMeta) -> str:
    """The English title an English answer shows for a Chinese text the manifest gives none (one a user adds): its kind
    and the meeting its title names in full, as the official translations name them (中国共产党第十九届中央委员会第六次
    全体会议公报 → "Communiqué of the Sixth Plenary Session of the 19th Central Committee", …第十四个五年规划…的建议 →
    "Recommendations for the 14th Five-Year Plan"); "" for a title that names
    no meeting in full (the Chinese title is shown then: a word-by-word gloss of a headline reads worse)."""
    if meta.title_en or not has_han(meta.title):
        return ""
    meetings = english_meetings(without_announced(meta.title))
    if not meetings:
        return _occasion_title_en(meta.title) or _work_report_title_en(meta.title)
    kind = _ZH_TYPE.search(meta.title)
    genre = _ZH_TYPE_EN.get(kind.group(1), "") if kind else ""
    if not genre:
        return meetings[0]
    # a plan's recommendations are *for* it; a report is delivered *to* a congress; the rest are *of* their meeting
    link = "for" if meetings[0].endswith("Plan") else "to" if genre == "report" and "Congress" in meetings[0] else "of"
    return f"{genre[:1].upper()}{genre[1:]} {link} the {meetings[0]}"


def _english_names(titles: list[str], year: str, zh_kind: str) -> list[str]:
    names: list[str] = []
    kinds = [zh_kind] if zh_kind else []
    meetings: list[str] = []
    for title in titles:
        main = _EN_CUT.split(title, maxsplit=1)[0].strip()
        event = _EN_NEWS_TITLE.match(main)
        # "X Conference held in Beijing": a question names the meeting, not the headline ("the X Conference held in
        # Beijing in December 2031" is that year's conference, whichever text's headline says so)
        names += [title] if event else [title, main]
        if event:
            names += [event.group(1), _EN_LEADING.sub("", event.group(1))]
            names += _meeting_references(_EN_LEADING.sub("", event.group(1)), year)
        kinds += [t for t in _EN_TYPES if re.search(rf"\b{re.escape(t)}\b", main.lower())][:1]
        # "the 20th Party Congress report", "the 20th National Congress report", "the 20th Congress report",
        # "the 20th CPC National Congress report"
        meetings += [
            f"{m.group(1)} {w}Congress"
            for m in _EN_CONGRESS.finditer(title)
            for w in ("Party ", "National ", "", "CPC National ", "CPC ")
        ]
        meetings += [f"{m.group(1).lower()} plenum" for m in _EN_PLENUM.finditer(title)]
        meetings += [
            f"{m.group(1)} Plenary Session of the {m.group(2)} CPC Central Committee"
            for m in _EN_PLENUM.finditer(title)
        ]
        # "the 20th Central Committee's second plenum", "the second plenum of the 20th (CPC) Central Committee"
        meetings += [
            form
            for m in _EN_PLENUM.finditer(title)
            for form in (
                f"{m.group(2)} Central Committee's {m.group(1).lower()} plenum",
                f"{m.group(1).lower()} plenum of the {m.group(2)} Central Committee",
                f"{m.group(1).lower()} plenum of the {m.group(2)} CPC Central Committee",
            )
        ]
        # ... and by its year ("the February 2023 plenum"): one Central Committee holds at most a few a year
        if year and _EN_PLENUM.search(title):
            meetings += [f"{year} plenum", f"{year} plenary session"]
        meetings += [f"{m.group(1)} Five-Year Plan" for m in _EN_FIVE_YEAR.finditer(title)]
    # a genre named in the plural is also said in the singular ("the 2022 opinion", "the recommendation")
    kinds += [_EN_SINGULAR[k] for k in kinds if k in _EN_SINGULAR]
    for kind in dict.fromkeys(kinds):
        names.append(f"the {kind}")
        if year:
            names += [f"the {year} {kind}", f"{year} {kind}"]
        names += [f"{m} {kind}" for m in meetings]
    return names + meetings
