"""What kind of answer a question asks for, and whether a sentence has that kind.

The sentence ranker and the refusal decision both need it: "多少 / how much / what percentage" wants a
number (with a unit), "谁 / who" a person or a body, "何时 / when" a date, "哪些 / which" an enumeration,
"who wrote … / 作者是谁" the document's byline, "how many X / 几个" a count (in digits or in number words).
These are closed classes of the two languages (question words, units, date forms), not words of any document.
"""

from __future__ import annotations

import re

from knowledge.text import HAN_CLASS, YEAR

NUMBER, PERSON, DATE, LIST, AUTHORSHIP, COUNT = "number", "person", "date", "list", "authorship", "count"
#: a document asked for by its kind ("审议了哪份文件", "which document did the plenum adopt"): the answer names it
TITLE = "title"
TYPES = (NUMBER, PERSON, DATE, LIST, AUTHORSHIP, COUNT, TITLE)

#: who wrote the document and where they are from (not "作者认为… / what do the authors argue", a content question)
_AUTHORSHIP_Q = re.compile(
    r"作者是谁|作者有哪|谁写|谁撰写|由谁(?:撰写|写|执笔)|作者.{0,6}(?:单位|来自|哪里|哪个|哪所|机构)|(?:他们|作者|她们)来自|署名|执笔"
    r"|\bwho (?:wrote|authored|are the authors|is the author)\b|\bwritten by whom\b|\bauthors?['’]?s? (?:names?|affiliations?)\b"
    r"|\bwhere (?:are|is|do|does|did) (?:they|the authors?|the writers?)\b.{0,16}\bfrom\b"
    # "Which university do the authors come from?", "the authors' institution": where they are from, in other words
    r"|\b(?:authors?|writers?)\b[^?]{0,60}\b(?:come|comes|came|are|is) from\b"
    r"|\bwhich (?:university|universities|institution|institutions|school|college|organi[sz]ation|affiliation)\b[^?]{0,60}\b(?:authors?|writers?)\b"
    # who delivered a report, when and by which meeting a text was adopted: the front matter says it
    r"|作报告人|报告人是谁|由谁(?:作|做|宣读)|由谁[^？?。]{0,24}(?:作|做|宣读|发表)的|谁(?:作|做)的(?:这份)?报告|是(?:谁|哪位)[^？?。，,]{0,8}(?:作|做|宣读|发表)的|(?:哪天|哪一天|何时|什么时候|哪次会议|什么会议|哪个会议)[^？?。]{0,12}通过"
    # the organs that issued a document ("由哪些机关发布的", "who issued the opinions"): its title's issuers, its byline
    r"|由(?:哪些|哪个|哪家|谁)(?:机关|部门|单位|机构)?(?:联合)?(?:发布|印发|颁布|下发|发出|制定)|发文机关"
    r"|\b(?:who|which (?:bodies|body|organs?|authorities|agencies))\s+(?:jointly\s+)?(?:issued|released|promulgated)\b"
    r"|\bissued by (?:whom|which)\b"
    # the day a report was delivered or a document issued ("在哪一天作的", "是哪一天发布的"): its byline's date
    r"|(?:哪天|哪一天|何时|什么时候|几月几日)[^？?。，,]{0,4}(?:作|做|宣读|发表|发布|印发|颁布|下发)的"
    # ... with the report or speech between the verb and 的 ("在哪一天作十七大报告的")
    r"|(?:哪天|哪一天|何时|什么时候|几月几日)(?:作|做|宣读|发表)[^？?。，,]{0,12}(?:报告|讲话)的"
    # a document's number (国发〔2031〕5号) and its signature (落款): lines of its front matter or of its signature
    r"|发文字号|文号|落款|签发"
    # the meeting a report was delivered at ("是在哪次会议上作的"): its byline says
    r"|(?:哪次|哪一次|什么|哪个|哪届)(?:会议|会|大会)上(?:作|做|宣读|发表)"
    r"|\b(?:who|which (?:[a-z-]+ ){0,2}?(?:premier|minister|leader|official|person))\s+(?:presented|delivered|gave|made)\b"
    # (not who gave a study session's lecture: the lecturer is named in its body, not in a byline)
    r"(?!\s+(?:the|a)\s+(?:lecture|talk)\b)|\b(?:when|on what date)\b[^?]{0,80}\b(?:adopted|delivered|presented|issued|released|published)\b"
    # ... asked with "did" ("On what date did Hu Jintao deliver his report")
    r"|\b(?:when|on what date|on which date)\s+did\b[^?]{0,60}\b(?:deliver|present|issue|release|publish|adopt)\b"
    r"|\bby (?:which|what) (?:meeting|session|plenum|plenary session)\b"
    r"|\b(?:at|to) (?:which|what) (?:meeting|session|congress)\b[^?]{0,40}\b(?:delivered|presented|given|made)\b",
    re.I,
)
#: verbs of holding a meeting said interchangeably (…会议于…在北京举行 answers "在哪里召开的")
MEETING_VERBS = ("召开", "举行")
#: a sentence saying a meeting was held
#: (a study session's readout says it was held as 就…进行第二十次集体学习: an ordinal session conducted)
HELD_SENTENCE = re.compile(
    "|".join(MEETING_VERBS) + r"|开幕|进行第[一二三四五六七八九十百]+次|\b(?:held|convened|took place)\b", re.I
)
#: a date followed by the verb saying a meeting was held on it ("11月10日召开会议", "4月19日下午主持召开",
#: "10月10日至11日在北京召开"): the meeting's own date, which answers when it met but no question for a deadline
HELD_DATE = re.compile(
    rf"(?:{YEAR}\s*年)?\d{{1,2}}\s*月\d{{1,2}}\s*日(?:\s*至\s*\d{{1,2}}\s*日)?[^，,。；;：:]{{0,12}}?(?:{'|'.join(MEETING_VERBS)}|开幕)"
)
#: a question for a deadline or a target date ("by what year", "by when", "what deadline", 什么时候完成, 到哪一年, 期限): what
#: is to be done by then, never the day the meeting asking for it was held
DEADLINE_Q = re.compile(
    r"\bby (?:when|what (?:date|year|time))\b|\bdeadlines?\b|\btarget (?:date|year)\b"
    r"|期限|截止|到(?:哪一?年|什么时候|何时)|(?:什么时候|何时|哪一?年)(?:之?前)?(?:完成|实现|达到|建成|落实|到位)",
    re.I,
)
#: what a named meeting was about ("2031年9月中央政治局会议的主要议题是什么", "what was on the agenda of …"): its
#: readout's opening says so, in the sentence saying it was held (…召开会议，分析研究当前经济形势…)
MEETING_TOPIC = re.compile(
    r"议题|议程|主题是什么|(?:围绕|以|就)?什么主题|(?:研究|讨论|审议)了(?:什么|哪些)"
    r"|\b(?:agenda|main (?:topics?|subjects?|themes?|issues?))\b|\bthe (?:central )?(?:theme|topic|subject)s? of\b"
    r"|\bwhat (?:topics?|issues?|subjects?|matters?)\b[^?]{0,80}\b(?:discuss|stud(?:y|ied)|review|consider)",
    re.I,
)
#: an opening sentence saying what the meeting did, besides that it was held (…召开会议，分析研究…; …下午就…进行第二次集体学习)
AGENDA_CLAUSE = re.compile(r"[，,](?:分析|研究|审议|讨论|部署|听取)|就.{2,80}?(?:进行|举行)")
#: an English share or ratio asked for after its modifiers ("what deficit-to-GDP ratio", "what target share of green
#: loans") or as a share of something ("R&D spending as a share of GDP")
_SHARE_EN = (
    r"\bwhat (?:(?!(?:on|about|regarding|towards?)\b)[a-z&-]+ ){1,3}(?:share|percentage|proportion|ratio|rate)s?\b"
    r"|\bas a (?:share|percentage|proportion) of\b"
)
#: a rate asked for by the question's wh-phrase ("what urbanization rate", "at what annual growth rate", "what were the
#: GDP and its growth rate"), not one it only names ("what does the opinion say about the exchange rate", "what stance
#: on the exchange rate", "why keep a reasonable rate of growth")
_RATE_ASKED = r"\b(?:what|which)\b(?:(?!\b(?:does|do|did|say|says|said|about|on|regarding|towards?)\b)[^?])*?\brates?\b"
_NUMBER_Q = re.compile(
    r"多少|(?<!哪)几[个项大年次倍成]|百分之|比例|比重|占比|增长了|增幅|多快|how many|how much|what percentage|what share"
    # a size or a pace asked for by its adjective, as 多大 / 多快: "how large were the bonds", "how fast did … grow"
    r"|\bhow (?:large|big|fast|high)\b"
    # a size asked for (多大规模, 什么规模, 规模有多大), not a noun that holds 规模 (社会融资规模的增速, 小规模纳税人)
    r"|(?:多大|什么)的?规模|规模(?:有|是)?多大"
    r"|what proportion|\bwhat (?:is|was) the (?:rate|ratio|target|amount|number|size)\b|\bpercent|\b(?:figures|statistics)\b"
    rf"|{_RATE_ASKED}"
    # a quantity named by its noun: "what retirement age", "what budget", "to what age"
    r"|\bwhat (?:[a-z-]+ ){0,2}(?:age|budget|amount|sum|figure)\b"
    # a share named after its modifiers ("what deficit-to-GDP ratio", "what target share of …", "… as a share of GDP")
    rf"|{_SHARE_EN}",
    re.I,
)
#: a question for a share or a rate, in either language: answered by a percentage (or 成 / 个百分点), never by an
#: amount ("渔业产值占全省产值的比重是多少" quoted with 八百亿元; "by what percentage" with 2.76万亿元)
_SHARE_Q = re.compile(
    # Chinese: the share itself asked for ("比重是多少", "增速目标是多少", "多少比例", "百分之几"), not a share that
    # only names the topic ("要提高哪类力量的比重", "增速目标是根据哪些考虑定的")
    # ... and a growth or price target asked for ("增长预期目标定为多少"): set as a percentage, never as an amount
    r"(?:比重|占比|比例|增速|增长率|增幅|幅度|(?:增长|增速|涨幅)(?:的)?(?:预期)?目标)[^，,。？?；;]{0,4}?(?:是|为|达到?|有)?(?:多少|几)"
    r"|多少的?(?:比重|比例|份额)|百分之几|几成|多少个?百分点"
    r"|\b(?:what|which) (?:share|percentage|proportion)\b|\bby what percent|\bpercentage\b|\bper ?cent\b"
    r"|\bwhat (?:[a-z0-9&.-]+ ){0,4}(?:growth|inflation) (?:rate )?target\b"
    # points of a rate, as 多少个百分点 / 多少个基点
    r"|\bhow many (?:basis |percentage )points\b"
    rf"|{_RATE_ASKED}"
    rf"|{_SHARE_EN}",
    re.I,
)
_PERCENTAGE = re.compile(
    r"[%％‰]|百分之|百分点|[\d一二三四五六七八九十]+个?基点|[\d一二三四五六七八九]成|\bper ?cent|\bbasis points?\b",
    re.I,
)
#: how many things of a kind ("how many X", "几个 / 几项 / 多少个"): a count, which running text writes in
#: the kinds of body a question asks for by kind (哪个机构主持): the answer names the body (中央政治局), not its kind
BODY_KINDS = ("部门", "机构", "单位")
#: words as often as in digits ("两座", "三项", "two", "five")
_COUNT_Q = re.compile(r"\bhow many\b|多少[个项家座条类种批所部支]|(?<!哪)几[个项家座条类种批所部支]", re.I)
_COUNTED = re.compile(
    r"[一二两三四五六七八九十百千]+[个项家座条类种批所部支只台]"
    # "十大行动", "三大攻坚战" (not a congress's ordinal: 十九大, 二十大)
    r"|(?<![一二三四五六七八九十])(?:[一二两三四五六七八九]|十)大(?![会学报以精代召胜])"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds|thousands)\b",
    re.I,
)
#: (何时 "when", not inside 任何时期 / 任何时候 "any period / any time"; "when" asking, not joining a clause: "when
#: did…", "when and where", "by when?", not "which industries… when discussing…", "what did X say when it comes to…")
_DATE_Q = re.compile(
    r"什么时候|(?<![任如])何时|哪一?年|哪个时间|什么时间|哪一?天|几月|什么日期"
    r"|\bwhen(?=\s+(?:and|exactly|to|did|does|do|was|were|is|are|will|would|should|must|shall|has|have|had|can|could"
    r"|may)\b|\s*[?,.]|\s*$)|\b(?:what|which) (?:year|date|day|month)\b|\bwhat (?:[a-z-]+ )?deadline\b|\bwhat time\b",
    re.I,
)
_PERSON_Q = re.compile(
    r"谁|哪位|哪个(?:" + "|".join(BODY_KINDS) + r")|什么人|哪些(?:领导人?|人)(?![群口才员民])|\bwho\b|\bwhom\b"
    r"|\bwhich (?:body|organi[sz]ation|department|ministry|agency)\b"
    r"|\bwhich (?:[a-z-]+ )?(?:ministers?|officials?|leaders?|persons?|people|premiers?|scholars?|experts?)\b",
    re.I,
)
#: a document asked for by a kind of document that texts cite by its title in 《》 (not 法律 / 规划 / 报告, which they
#: often name without: 制定金融法, “十四五”规划)
_TITLE_Q = re.compile(
    r"(?:哪|什么)(?:一|几|两|三)?(?:份|个|项|些|部)?(?:文件|决议|条例|纲要)"
    # kinds that are also common nouns (哪些建议: which suggestions) only with a classifier for documents
    r"|哪(?:一|几|两|三)?[份部](?:意见|决定|方案|规定|办法|通知|建议)"
    r"|\b(?:which|what) (?:documents?|regulations?|opinions?|decisions?|resolutions?|guidelines?)\b",
    re.I,
)
#: several things counted and asked for without a question word that says so: "八个方面工作是什么", "三大任务是指什么"
#: (not the first or last few of a list: "前两条是什么" asks for a position, `assistant.positions`)
COUNTED_ITEMS = rf"(?<![前后第])[两二三四五六七八九十]+(?:个方面|个领域|项|条|大){HAN_CLASS}{{0,6}}?(?:是什么|是指|指什么|有什么|包括)"
_LIST_Q = re.compile(
    r"哪些|哪几|哪[两二三四五六七八九十]+[个项条类方大]|有几[个项条]|分别|列举|包括什么|\bwhat (?:are|were)\b"
    rf"|{COUNTED_ITEMS}"
    r"|\blist(?:ed|s)?\b|\bwhat (?:kinds|types|measures|steps)\b"
    # a number of things asked for: "the six areas", "five priorities"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+[a-z]+s\b",
    re.I,
)

#: "which" asks for several things when a plural noun follows it ("which measures", "which two cities"), or "of" /
#: "are"; for one when a singular does ("which city's financial centre", "which concept"), as 哪些 and 哪个 differ
_WHICH = re.compile(r"\bwhich\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())
#: auxiliaries: one ends the noun phrase after "which" ("which city does …"); none opens a phrase (`assistant.bridge`)
AUXILIARIES = frozenset("do does did is was are were has have had will would should can could must may".split())
#: a plural English noun's shape: ends in s, not in ss / us / is (process, focus, analysis)
_PLURAL = re.compile(r"[a-z-]*[^siu\W'’]s", re.I)


def _asks_which_several(question: str) -> bool:
    for m in _WHICH.finditer(question):
        words = _WORD.findall(question[m.end() :])[:3]
        if words and words[0].lower() in ("of", "are", "were"):
            return True
        for word in words:
            if word.lower() in AUXILIARIES:
                break
            if _PLURAL.fullmatch(word) or word.lower() in _NUMBER_WORDS:
                return True
    return False


#: a figure: digits or Chinese numerals with a unit or a percentage
_FIGURE = re.compile(
    # not a year (2035年, 二〇三五年) nor an ordinal (第二十次): "by how much" is not answered by "by 2035" or
    # "the 20th congress"
    rf"(?<![\d.])(?!{YEAR}\s*年)\d+(?:\.\d+)?\s*[多余]?(?:%|％|‰|个百分点|万亿|亿|万|千|百|倍|元|美元|人|名|个|项|家|所|座|条|次|件|户|亩|斤|辆|台|艘|吨|公里|千米|米|"
    r"年|岁|天|小时|GW|MW|kW|km|"
    r"percent|per cent|percentage points?|trillion|billion|million|thousand|yuan|dollars?|tons?|people|years?)"
    r"|[一二三四五六七八九十百千万两]+[多余]?(?:个百分点|成|倍|亿|万)"
    # a figure in Chinese numerals (七十八点二岁, 八百三十二个, 百分之十八点五): two numerals at least, so
    # "一个" / "两项" in running text are not figures
    r"|(?<![零〇一二三四五六七八九十百千万亿两点第])(?![〇零○一二三四五六七八九]{4}年)"
    r"[零〇一二三四五六七八九十百千万亿两点]{2,}[多余]?(?:个百分点|岁|个|项|家|人|名|所|座|条|次|件|户|亩|元|年|倍|成|吨|公里)"
    r"|百分之[零〇一二三四五六七八九十百点]+",
    re.I,
)
#: a date or a time reference in a sentence (a year, a month and day, 今年, a month's English name)
DATED = re.compile(
    rf"(?<!\d){YEAR}\s*年|[〇零○一二三四五六七八九]{{4}}年|\d{{1,2}}\s*月\d{{0,2}}日?|\b{YEAR}\b|今年|去年|明年|年底|年初|上半年|下半年"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.I,
)
#: a body or a person: the kinds of subject a "who" question asks for
_BODY = re.compile(
    r"政府|国务院|中央|委员会|部门|部委|机构|组织|企业|党|人大|政协|银行|总书记|主席|总理|同志|学者|专家|单位|大学|学院"
    r"|\b(?:government|council|committee|ministry|ministries|department|party|congress|bank|commission"
    r"|authorities|enterprises?|companies|president|premier|secretary)\b",
    re.I,
)
_ENUMERATION = re.compile(r"[、；;]|一是|二是|首先|其次|第一|第二|\b(?:first|second|and)\b|:|：")
#: a colon announcing comma-separated items ("本质要求是：坚持…，坚持…，实现…"): a list without 、 or ；
_COLON_ITEMS = re.compile(r"[：:][^。；;.]*?[，,][^。；;.]*?[，,]")
#: items closed by 等 ("中国－中亚峰会、第三届…高峰论坛等"), or named after "such as" ("such as A, B and C")
_ITEMS_ETC = re.compile(r"、[^，。；、]{1,40}等|\bsuch as\b[^.;]*,[^.;]*\band\b", re.I)
#: two titled works or more ("加入《…协定》和《…协定》"): named items, joined by 和 or a comma
_TITLES = re.compile(r"《[^》]{2,}》")
#: a title in an English text: capitalised words ending in a kind of document ("the Outline of the Plan for …")
_EN_TITLE = re.compile(
    r"\b(?:[A-Z0-9][\w’'-]*\s+(?:(?:of|on|for|and|the|to|in)\s+)*){2,}"
    r"(?:Plan|Outline|Opinions?|Decision|Resolution|Regulations?|Guidelines?|Program(?:me)?|Law|Proposals?)\b"
)
#: a sentence that is itself one item of an enumeration ("——中国式现代化是…", "二是…", "（三）…", "Second, …")
_ITEM_OPENS = re.compile(
    r"^\s*(?:——|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|（[一二三四五六七八九十]+）|首先|其次|再次|最后"
    r"|(?:First|Second|Third|Fourth|Fifth|Finally)\b)"
)


#: English nouns naming a measure: a question that only names one ("what will the retirement *age* be", "the
#: *number of*") wants a figure in the refusal's sense, though the ranker does not look for a unit for it
_MEASURE_NOUN = re.compile(r"\b(?:age|ratio|amount|number of)\b", re.I)
#: any numeral, looser than a figure with its unit (`sentence_has(NUMBER, …)`): a digit, a run of Chinese numerals
#: (七十八点二岁, 八百三十二个: some texts write figures in words), or one numeral counting something (两次, 三项, 五年;
#: not 一, which is also the article: 一个重要…). The refusal asks only "is there a number at all?"
NUMERAL = re.compile(
    r"\d|[零一二三四五六七八九十两][零一二三四五六七八九十百千万亿两点]+|[二三四五六七八九十两][次个项倍条名家所位批轮年]"
)


def asks_quantity(question: str) -> bool:
    """Does the question ask for a figure (多少, how many, what percentage, what … age)? A number or a count asked
    for, or a measure named: an English question has no 多少 to say it wants a figure."""
    return bool(asked_types(question) & {NUMBER, COUNT} or _MEASURE_NOUN.search(question))


def asked_types(question: str) -> frozenset[str]:
    """The kinds of answer the question asks for (empty for an open "what / how / why")."""
    out = set()
    if _AUTHORSHIP_Q.search(question):
        out.add(AUTHORSHIP)
    if _NUMBER_Q.search(question):
        out.add(NUMBER)
    if _COUNT_Q.search(question):
        out.add(COUNT)
    if _DATE_Q.search(question):
        out.add(DATE)
    if _PERSON_Q.search(question) and AUTHORSHIP not in out:
        out.add(PERSON)
    if _LIST_Q.search(question) or _asks_which_several(question):
        out.add(LIST)
    if _TITLE_Q.search(question):
        out.add(TITLE)
    return frozenset(out)


#: one entry of a line that only lists names: a name or a short title of 1-4 Han characters (a title spaced out
#: character by character, "主　席", is one character a token), with its remark ("喻红秋（女）", "李欣然（满族）")
_LISTED = re.compile(rf"(?:{HAN_CLASS}|·){{1,4}}(?:（{HAN_CLASS}{{1,4}}）)?")


def lists_names(line: str, alone: bool = False) -> bool:
    """A line of names and nothing else ("李强　赵乐际　王沪宁", "副主席　张又侠　何卫东"), as communiqués print their
    name lists under a heading that says who they are. One name alone counts only where the caller knows the line
    is all its section holds (`alone`): a single short line is otherwise as likely a signature or a caption."""
    tokens = line.split()
    return len(tokens) >= (1 if alone else 2) and all(_LISTED.fullmatch(t) for t in tokens)


def sentence_has(kind: str, sentence: str) -> bool:
    """Does the sentence offer an answer of `kind`?"""
    if kind == NUMBER:
        return bool(_FIGURE.search(sentence))
    if kind == COUNT:
        return bool(_FIGURE.search(sentence) or _COUNTED.search(sentence)) or counts_items(sentence)
    if kind == DATE:
        return bool(DATED.search(sentence))
    if kind == PERSON:
        return bool(_BODY.search(sentence)) or lists_names(sentence)
    if kind == LIST:
        return (
            len(_ENUMERATION.findall(sentence)) >= 2
            or bool(_ITEM_OPENS.match(sentence))
            or bool(_COLON_ITEMS.search(sentence))
            or bool(_ITEMS_ETC.search(sentence))
            or len(_TITLES.findall(sentence)) >= 2
            or lists_names(sentence)
        )
    if kind == TITLE:
        return bool(_TITLES.search(sentence) or _EN_TITLE.search(sentence))
    return False


def counts_in_words(sentence: str, several: bool = False) -> bool:
    """Does the sentence say how many things there are in words ("三项", "十大行动", "five tasks")? "一批" (a batch of) is
    no number; with `several`, no count of one is ("一支队伍", "一项" say "a" as often as they give a figure)."""
    return any(
        not m.group(0).startswith("一") if several else m.group(0) != "一批" for m in _COUNTED.finditer(sentence)
    )


def counts_items(sentence: str) -> bool:
    """Is the sentence a closed enumeration, which answers "how many" as a figure does: the reader counts its items
    (具有高科技、高效能、高质量特征)? An open one ("北京、上海等") does not say how many there are."""
    return sentence_has(LIST, sentence) and not _ITEMS_ETC.search(sentence)


def offers_quantity(sentence: str, counted: bool) -> bool:
    """Does the sentence give what a quantity question wants: any numeral (`NUMERAL`), or, for a question asking how
    many (`counted`), a closed enumeration to count (`counts_items`)?"""
    return bool(NUMERAL.search(sentence)) or (counted and counts_items(sentence))


def asks_share(question: str) -> bool:
    """Does the question ask for a share or a rate (a percentage), not for an amount? Not an answer type of its own:
    a figure (`NUMBER`) already types the sentence; the refusal checks the kind of figure (`refusal_evidence`)."""
    return bool(_SHARE_Q.search(question))


def has_percentage(sentence: str) -> bool:
    return bool(_PERCENTAGE.search(sentence))


def asks_authorship(question: str) -> bool:
    return bool(_AUTHORSHIP_Q.search(question))


#: what a who-question asks the person did: the Chinese verb after 谁 (谁来讲解, 由谁主持, 谁作了汇报), or the (up to
#: four) English words after "who" before a preposition ("who gave the lecture at …", "who chaired the …")
_ZH_WHO_DID = re.compile(rf"谁(?:来|去)?(?:作了?|做了?|向{HAN_CLASS}{{1,8}}?)?({HAN_CLASS}{{2}})")
_EN_WHO_DID = re.compile(r"\bwho\s+((?:(?!(?:at|in|on|during|of|for|to|about|from|with|by)\b)[a-z-]+\s*){1,4})", re.I)
#: who is in charge of or leads something (谁负责, 谁牵头): a body may be, so no verb a named person must answer
_NOT_DONE = frozenset({"负责", "牵头"})


def person_actions(question: str, glossary) -> frozenset[str]:
    """The Chinese words for what a who-question asks a person did (讲解, 主持, 汇报): the sentence naming someone with
    one of them answers it, not one with the word and no name ("各位同志认真听取了讲解"). An English question's words
    reach Chinese through the glossary (`glossary.translate_en`: "gave the lecture" → 讲解). Empty for other
    questions, for 谁负责 (a body may answer), and for an English phrase the glossary does not map."""
    if PERSON not in asked_types(question):
        return frozenset()
    zh = _ZH_WHO_DID.search(question)
    if zh:
        words = {zh.group(1)}
    else:
        en = _EN_WHO_DID.search(question)
        # (the first: "chaired the Central Rural" → 主持, not 农村)
        words = set(re.findall(rf"{HAN_CLASS}{{2,}}", glossary.translate_en(en.group(1).strip()))[:1]) if en else set()
    return frozenset(words - _NOT_DONE)


def names_a_person(sentence: str) -> bool:
    """Does a Chinese sentence name a person: a word jieba tags as a person's name, or a name its tagger guesses from
    the characters (刘国中 in "国务院副总理刘国中出席")?"""
    from assistant.refusal import guessed_names
    from knowledge.keyword_index import pos_tags

    return any(tag.startswith("nr") and len(word) >= 2 for word, tag in pos_tags(sentence)) or bool(
        guessed_names(sentence)
    )


def answers_who(sentence: str, actions: frozenset[str]) -> bool:
    """Does a Chinese sentence answer a who-question: it names a person, or says by whom it was done ("全会由中央政治局
    主持": a body may preside)? One where the asked verb has no doer named (各位同志认真听取了讲解) does not."""
    return names_a_person(sentence) or any(re.search(rf"由[^，。；]{{1,16}}{re.escape(a)}", sentence) for a in actions)
