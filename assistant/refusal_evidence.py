"""Does the selected evidence hold what the question asks for? Refusal features of the quoted sentences.

A near miss is answered with a sentence on the right topic that lacks what was asked: "托育补贴标准是每月
多少元" quoted with the pension sentence (月最低标准提高20元), "the 2024 defence budget" with the deficit
sentence, a 2027 forecast for a 2030 question. Retrieval scores cannot see that; the quoted sentences can.
All of it is derived from the question, the selected sentences and corpus/general-language statistics, never
from a document's name or words:

- *focus units* (`assistant.focus`): the question's content words (Chinese: jieba words the index uses; English:
  the phrases the cross-lingual bridge maps to index words, with the English stems kept for English evidence), each
  weighted by its rarity in *general* Chinese (jieba's own frequencies): 托育, 国防, 起征点 are rare and say what is
  asked; 认为, 看待, 时候 are common and only phrase the question. (Corpus idf was tried: phrasing verbs the
  corpus rarely uses then weigh as much as the topic; grouped CV preferred general rarity.)
- `focus_coverage`: the weighted share of units found in the selected sentences; `focus_missing`: the weight
  of the heaviest unit they lack, relative to the heaviest unit; `rarest_missing`: 1 if that is the rarest;
- `slot_coverage`: for a question asking for a figure or a date, the best clause holding one, scored by the
  units it holds (half for units elsewhere in its sentence): the figure must be *about* what was asked;
  for other questions the same over any clause. (Whether the question asks for a figure is not a feature
  itself: the labelled near misses ask for figures more often than the answerable questions do, a trait of
  the set, not of unanswerable questions; grouped CV with it: zh AUC 0.929, en 0.838; without: 0.917, 0.840);
- `figure_rarest_missing`: for a question asking for a figure or a date, no selected sentence that holds one
  also holds the question's rarest unit (each of them, when several weigh the most) ("人工智能…多少亿元专项资金" quoted with another fund's figure);
- `head_missing`: the word naming what a which / how-many question asks for ("which *minister*", "哪位*副总理*",
  "how many *patents*") is in no selected sentence, or places are asked for by their kind ("哪些城市", "which
  cities") and no selected sentence names one (`place_missing`);
- `person_missing`, `place_missing`, `date_missing` (rules, not fitted weights): a person ("哪位副总理", "院长是谁",
  "which minister"), a place by its kind ("哪个城市", "which countries") or a date ("哪一年", "by when") is asked for
  and no selected sentence names one;
- `unit_missing`: "多少EFLOPS / 多少岁" / "how many tonnes" names a unit no selected sentence has, money is asked for by what
  it is ("多少资金", "how much funding") and no selected sentence gives a sum in yuan, or a share or rate is asked
  ("海洋经济占全省产值的比重", "by what percentage") and no selected sentence has a percentage;
- `year_missing`: the best sentence's passage is about other years than the one asked (`periods`);
- `unmapped`: the share of an English question's content words the bridge cannot map to any index word;
  `unmapped_name`: a capitalised multi-word name in it that no bridge phrase maps as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant import periods
from assistant.answer_types import (
    BODY_KINDS,
    COUNT,
    DATE,
    DATED,
    DEADLINE_Q,
    HELD_DATE,
    NUMBER,
    asked_types,
    asks_quantity,
    asks_share,
    counts_in_words,
    has_percentage,
    names_a_person,
    offers_quantity,
    sentence_has,
)
from assistant.bridge import FRAME
from assistant.focus import EN_WORD, FocusUnit, content_words, focus_units, holds
from assistant.mentions import is_person
from assistant.textmatch import EN_STOP, ZH_STOP_BIGRAMS
from knowledge.keyword_index import pos_tags, tokenize, word_ends
from knowledge.text import HAN_CLASS, has_han, singular

#: clauses: the pieces of a sentence between commas, semicolons and colons
_CLAUSE = re.compile(r"[^，,；;。:：!?！？]+")
#: "多少EFLOPS", "多少亿元", "多少岁": the unit a figure question names
#: (a currency is its whole name: 日元, 美元; a magnitude before the unit may differ: 亿元 is answered in 万元)
_UNIT = re.compile(r"多少\s*([A-Za-z]+|[万亿千百]*(?:[美日欧港英]元|[元人个岁吨辆所家项条次倍])|公里|资金|经费|钱)")
#: money asked for by what it is, not by its unit ("多少资金", "how much funding"): a sentence gives it in yuan
_MONEY = ("资金", "经费", "钱")
_MAGNITUDE = "万亿千百"
#: an English question's unit ("how many tonnes", "how many billion yuan", "in EFLOPS") and how a sentence writes it
_EN_UNITS = {
    "yuan": ("元", "yuan"),
    "tonnes": ("吨", "tonne", "ton"),
    "tons": ("吨", "tonne", "ton"),
    "kilometres": ("公里", "kilomet", "km"),
    "kilometers": ("公里", "kilomet", "km"),
    "hectares": ("公顷", "hectare"),
    "eflops": ("EFLOPS",),
}
_EN_UNIT = re.compile(
    r"\bhow (?:many|much)\b[^?]*?\b(" + "|".join(_EN_UNITS) + r")\b|\bin (" + "|".join(_EN_UNITS) + r")\b", re.I
)
#: money an English question asks for by what it is, "how much" before it with no verb between ("How much central
#: government funding did…"; not "By how much did the money supply grow", a rate), and how a sentence writes a sum
_EN_MONEY = re.compile(
    r"\bhow much\s+(?:(?!(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should)\b)[a-z-]+\s+){0,3}?"
    r"(?:money|funding|funds)\b",
    re.I,
)
_SUM_FORMS = ("元", "yuan")
#: people counted, as an English question asks for them ("how many people", "how many rural poor people", "how many
#: delegates"); the figure must count persons (`_counts_persons`), as for "多少人". Not when it asks who they were too
#: ("how many Standing Committee members attended, and who were they": the names answer both)
_EN_PEOPLE = re.compile(
    r"\bhow many\s+(?:[a-z-]+\s+){0,2}?(?:people|persons|individuals|delegates|deputies|members|officials|officers"
    r"|cadres|participants|attendees|representatives)\b(?!['’])(?![^?？]*\bwho\b)",
    re.I,
)
#: a figure as written, whole: digits or Chinese numerals with their magnitudes and 多 / 余 ("2000多亿", "近一亿", "3300万")
_FIGURE_RUN = re.compile(r"(?:\d|[零一二三四五六七八九十百千两])[\d.,零一二三四五六七八九十百千万亿两多余]*")
#: what after a figure says it counts something other than persons: time, money, a share, a weight or an area, things
_OTHER_UNIT = frozenset("年月日号时天岁届次元%％倍吨亩斤项条个家所座辆里米")
#: what an evidence-free answer gets (no sentence holds anything asked)
EMPTY = {
    "focus_coverage": 0.0,
    "focus_missing": 1.0,
    "rarest_missing": 1.0,
    "slot_coverage": 0.0,
    "unit_missing": 0.0,
    "year_missing": 0.0,
    "figure_rarest_missing": 1.0,
    "head_missing": 1.0,
}
#: the focus features when no unit of the question could be found in the evidence (nothing to judge by)
NEUTRAL = {
    "focus_coverage": 0.5,
    "focus_missing": 0.5,
    "rarest_missing": 0.5,
    "slot_coverage": 0.5,
    "figure_rarest_missing": 0.5,
}
#: a part's own headings or a byline asked for: the evidence is the answer
WHOLE = {
    "focus_coverage": 1.0,
    "focus_missing": 0.0,
    "rarest_missing": 0.0,
    "slot_coverage": 1.0,
    "unit_missing": 0.0,
    "year_missing": 0.0,
    "figure_rarest_missing": 0.0,
    "head_missing": 0.0,
}


#: the units that count things ("多少项", "多少个方面"): a count written in words answers them too
_COUNTERS = frozenset("个项条家所次")


def _gives_unit(unit: str, sentence: str, question: str) -> bool:
    """Does the sentence give a figure in the unit a question names ("多少亿元" → 亿元 or 万元)? For a unit that counts
    things, a count in words does ("十大行动" for 多少项); the items of a list do not (an enumeration of pilots does not
    say how many bases a near miss asks for). Persons: `_counts_persons`."""
    if unit in _MONEY:
        unit = "元"
    if unit.lstrip(_MAGNITUDE) == "人":
        return _counts_persons(sentence, question)
    return unit.lstrip(_MAGNITUDE) in sentence or (unit in _COUNTERS and counts_in_words(sentence))


def _counts_persons(sentence: str, question: str) -> bool:
    """Does a clause of the sentence give a figure of persons: a figure that is no date, ordinal or figure of the
    question's own (`_amounts_only`), followed by no unit of another kind (`_OTHER_UNIT`: 五年, 2000多亿元), in a clause
    that speaks of persons (人: "191人", "近一亿农村贫困人口", "脱贫人口务工规模超过3300万")? Not any sentence with 人民 in it:
    "how many people died" quoted with a loss in yuan does not say."""
    for clause in _CLAUSE.findall(_amounts_only(sentence, question)):
        if "人" in clause or "名" in clause:
            for m in _FIGURE_RUN.finditer(clause):
                if clause[m.end() : m.end() + 1] not in _OTHER_UNIT:
                    return True
    return False


def evidence_fit(question: str, units: Sequence[FocusUnit], sentences: Sequence[str]) -> dict[str, float]:
    """The coverage features of the selected sentences (see the module docstring)."""
    if not sentences:
        return dict(EMPTY)
    asked = asked_types(question) | ({NUMBER} if asks_quantity(question) else set())
    typed = [t for t in (NUMBER, DATE) if t in asked]
    counted = COUNT in asked
    unit = _UNIT.search(question)
    en_unit = _EN_UNIT.search(question)
    forms = _EN_UNITS[(en_unit.group(1) or en_unit.group(2)).lower()] if en_unit else ()
    forms = forms or (_SUM_FORMS if _EN_MONEY.search(question) else ())
    out = {
        "unit_missing": 1.0
        if (unit and not any(_gives_unit(unit.group(1), s, question) for s in sentences))
        or (forms and not any(f.lower() in s.lower() for f in forms for s in sentences))
        or (_EN_PEOPLE.search(question) and not any(_counts_persons(s, question) for s in sentences))
        or (asks_share(question) and not any(has_percentage(s) for s in sentences))
        else 0.0,
    }
    if not units:  # nothing the index could match: neutral
        return out | NEUTRAL
    text = " ".join(sentences)
    total = sum(u.weight for u in units)
    heaviest = max(u.weight for u in units)
    missing = [u.weight for u in units if not holds(u, text)]
    figure_rarest = 0.0
    if typed:
        with_figure = [s for s in sentences if any(_has(t, s, counted) for t in typed)]
        # every unit of the top weight (several tie: words general Chinese never uses, "GDP" and "R&D" both), of
        # the topic: a person the question names ("习近平在会上说农民收入比哪一年翻了一番") is who said it, which the
        # sentence giving the figure need not repeat (`person_missing` judges whether the texts name them)
        topic = [u for u in units if not is_person(u.forms[0])]
        top = max((u.weight for u in topic), default=0.0)
        figure_rarest = 0.0 if all(any(holds(u, s) for s in with_figure) for u in topic if u.weight >= top) else 1.0
    slot = 0.0
    for sentence in sentences:
        in_sentence = [u for u in units if holds(u, sentence)]
        for m in _CLAUSE.finditer(sentence):
            clause = m.group(0)
            if typed and not any(_has(t, clause, counted) for t in typed):
                continue
            score = sum(u.weight if holds(u, clause) else 0.5 * u.weight for u in in_sentence)
            slot = max(slot, score / total)
    return out | {
        "focus_coverage": 1.0 - sum(missing) / total,
        "focus_missing": max(missing, default=0.0) / heaviest,
        "rarest_missing": 1.0 if missing and max(missing) >= heaviest else 0.0,
        "slot_coverage": slot,
        "figure_rarest_missing": figure_rarest,
    }


#: the English auxiliaries that open a question's verb ("which minister *is*", "when *will*")
_AUXILIARY = r"(?:does|do|did|is|are|was|were|will|would|should|can|could|has|have|had|must)\b"
#: an English wh-phrase and the words up to the question's verb: "which minister is", "what retirement age for
#: women does", "how many patents does"
_EN_HEAD = re.compile(rf"\b(?:which|what|how many|how much)\s+((?:[A-Za-z’'-]+\s+){{1,6}}?){_AUXILIARY}", re.I)
#: a Chinese interrogative that asks for one kind of thing, named by the word after it: 哪位副总理, 哪个省,
#: 多少个城镇老旧小区, 几家企业, and 哪几位中央政治局常委: people, as 哪位 asks (not 哪些 nor 哪几个, which ask for a list of
#: aspects: 哪些方面, 哪几个方向, answered by the items, 面向世界科技前沿、面向经济主战场…, without the word)
_ZH_HEAD = re.compile(r"(?:哪一?[位个家国所条项名]|哪几位|多少[个名家所条项位]|(?<!哪)几[个名家所条项位])")


def asked_head(question: str, language: str) -> list[str]:
    """The words naming what a which / how-many question asks for, head noun last: the English content words
    of the wh-phrase before any preposition ("what retirement *age* for women" → retirement, age), or the
    nouns of the Chinese noun phrase after the interrogative (哪位副总理 → 总理, 多少个城镇老旧小区 → 城镇, 小区)."""
    if language == "en":
        m = _EN_HEAD.search(question)
        if not m:
            return []
        words = re.split(r"\b(?:per|for|of|in|on|to|from|by|under|with|between|among|at)\b", m.group(1), maxsplit=1)[0]
        return [singular(w) for w in EN_WORD.findall(words) if w.lower() not in FRAME and w.lower() not in EN_STOP]
    m = _ZH_HEAD.search(question)
    if not m or question[m.end() :].startswith(BODY_KINDS):
        return []
    nouns = []
    for word, tag in pos_tags(question[m.end() :]):
        if word in ZH_STOP_BIGRAMS:
            # "几个方面", "哪几项内容": a count of aspects, named by no answer (its items are the aspects)
            break
        if tag.startswith("n"):
            nouns.append(word)
        elif not tag.startswith(("a", "b", "q", "m")) or not has_han(word):
            break
    return nouns


def head_missing(head: Sequence[str], units: Sequence[FocusUnit], sentences: Sequence[str]) -> float:
    """1.0 if the last word of what the question asks for ("which *minister*", "哪位*副总理*") is in no selected
    sentence: the sentence is about the topic but does not name the kind of thing asked for. A word no unit
    holds (the bridge does not map it, the index does not use it) is no evidence either way: 0."""
    if not head or not sentences:
        return 0.0
    last = head[-1]
    text = " ".join(sentences)
    forms = [u for u in units if last in u.forms or (has_han(last) and any(last in f for f in u.forms))]
    if not forms:
        return 0.0 if not has_han(last) else float(last not in text)
    return 0.0 if any(holds(u, text) for u in forms) else 1.0


#: a question for places by their kind ("哪些城市", "哪几个省份", "哪几个经济大省", "哪些具体省份", "in which city",
#: "which countries"): the kind word is no answer, a place's name is. A modifier of one or two characters may come
#: between (not before 国家: "哪些通过国家主导…" asks for achievements); in English one word, after one of a few words of
#: choice ("which specific foreign countries or regions"; not "what does allow cities", a question without the name of
#: the document it named)
_PLACE_Q = re.compile(
    r"哪(?:些|几个|一?个|一?座)?(?:城市|省份|省区市|国家|城市群|大省)"
    rf"|哪(?:些|几个|一?个){HAN_CLASS}{{1,2}}(?:城市群|城市|省份|省区市|大省)"
    r"|\b(?:which|what|in which)\s+(?:(?:specific|particular|individual|other|foreign|overseas|named)\s+)?(?:[a-z-]+\s+)?"
    r"(?:cities|city|provinces?|countries|country|regions?)(?![-\w])"
    # where a meeting was held ("在什么地点举行", "在哪里召开", "Where was … held"): not a figurative "where" (问题出在哪里,
    # "where does the plan put its emphasis")
    r"|(?:什么|哪个|哪一?)地点|(?:在|于)(?:什么|哪个)地方(?:举行|召开|举办)|在哪(?:里|儿)(?:举行|召开|举办)"
    r"|在何(?:地|处)|\bwhere\b[^?？]{0,80}?\b(?:held|convened|hosted|take\s+place|took\s+place)\b"
    r"|\b(?:what|which)\s+(?:building|venue|location)\b",
    re.I,
)
#: jieba's place tag; a "place" that ends in a kind word (宜居城市, 经济大省, 三四线城市) names a kind, not a place
_PLACE_TAG = "ns"
_PLACE_KINDS = ("城市", "城镇", "都市", "大省", "地区", "国家", "省份", "城市群")


#: a kind word that is also an attribute ("national", "state"): before a noun or an adjective of two characters or more
#: it modifies it ("哪些国家重大科技专项" asks for projects), where another kind word is the noun asked for ("在哪个城市
#: 试点": 试点 is the verb, though jieba tags it a noun)
_ATTRIBUTE_KINDS = ("国家",)
_MODIFIED_TAGS = ("n", "vn", "a")


def _asks_for_places(question: str) -> bool:
    """Does the question ask for places by their kind (`_PLACE_Q`), the kind word being the noun asked for, not part
    of a longer word (哪些城市更新项目) nor an attribute of the next (哪些国家重大科技专项)?"""
    m = _PLACE_Q.search(question)
    if m is None:
        return False
    if not has_han(m.group(0)):
        return True
    tags = pos_tags(question)
    for i, ((word, _), at) in enumerate(zip(tags, word_ends(tags), strict=True)):
        if at == m.end():
            after, tag = tags[i + 1] if i + 1 < len(tags) else ("", "")
            # (a word of two characters at least: jieba tags a one-character adverb a noun, 勇 in 勇挑大梁)
            attribute = word in _ATTRIBUTE_KINDS and len(after) >= 2 and tag.startswith(_MODIFIED_TAGS)
            return not attribute
        if at > m.end():
            return False
    return True


def place_missing(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks for places by their kind and no selected Chinese sentence names a place (a word
    jieba tags as one that is not itself a kind: 深圳, 长三角, not 大城市): the sentence says pilots or hubs are to be
    set up, not where. 0 for any other question, or when the sentences are not Chinese (no tagger to read them)."""
    if not sentences or not _asks_for_places(question) or not all(has_han(s) for s in sentences):
        return 0.0
    named = any(
        tag == _PLACE_TAG and len(word) >= 2 and not word.endswith(_PLACE_KINDS)
        for sentence in sentences
        for word, tag in pos_tags(sentence)
    )
    return 0.0 if named or any(_HELD_AT.search(s) for s in sentences) else 1.0


#: where a meeting is said to be held: "在京召开" (京 for Beijing, one character), "在人民大会堂举行" (a venue jieba tags
#: as an organisation)
_HELD_AT = re.compile(r"[在于][^\s，,。；;、：:]{1,12}?(?:隆重)?(?:举行|召开|举办|开幕|闭幕)")


#: a question for a person by the word for one ("哪位副总理", "哪几位同志", "which vice premier", "which officials") or
#: for a person's identity ("院长是谁", "叫什么名字", "组长由谁担任"): a body (国务院, "the ministry") or a role without a
#: name does not answer it, a person's name does ("who" alone may ask for a body: 谁负责 → 国务院)
_PERSON_Q = re.compile(
    r"哪一?位|哪几位|是谁|叫什么名字|由谁(?:担任|主持|出任|汇报|讲解)|谁(?:来)?(?:作了?|做了?)?(?:汇报|讲解)"
    r"|\bwhich\s+(?:vice[- ])?(?:premiers?|ministers?|officials?|leaders?|persons?|people|scholars?|experts?"
    r"|governors?|presidents?|chairm[ae]n|secretar(?:y|ies)|mayors?|ambassadors?|speakers?|lecturers?)\b"
    # the name of a holder of an office ("the name of the governor", "name the minister"): a person
    r"|\bname\s+(?:of\s+)?the\s+(?:[a-z-]+\s+){0,3}?(?:governor|premier|minister|president|chairman|secretary|mayor"
    r"|ambassador|official|speaker|lecturer)\b"
    # who briefed or lectured: a person, not the body the readout names ("听取…情况汇报" says what was heard, not from whom)
    r"|\bwho\s+(?:reported|briefed|lectured|gave\s+(?:the|a)\s+(?:report|lecture|briefing))\b",
    re.I,
)


def person_missing(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks for a person (`_PERSON_Q`) and no selected Chinese sentence names a person (a
    word jieba tags as a person's name, or a name its tagger guesses from the characters: 刘国中 in "国务院副总理刘国中
    出席"): "我代表国务院，向大会作报告" does not say which premier. 0 for any other question, or when the sentences are not
    Chinese (no tagger to read them)."""
    if not sentences or not _PERSON_Q.search(question) or not all(has_han(s) for s in sentences):
        return 0.0
    return 0.0 if any(names_a_person(s) for s in sentences) else 1.0


#: an English question for a date: "when" asking with an auxiliary ("When will", "when is … supposed to"), "by when",
#: "what year / date / deadline"; not "when" of a clause ("When discussing …, which industries", "improved when it …")
_EN_WHEN_Q = re.compile(
    r"\b(?:by|since|until) when\b"
    rf"|\bwhen\s+{_AUXILIARY}"
    r"|\b(?:what|which) (?:year|date|day|month)\b|\bwhat (?:[a-z-]+ )?deadline\b",
    re.I,
)
_QUESTION_MARK = re.compile(r"[?？]")


def date_missing(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks for a date (a Chinese date question, `answer_types.DATE`; an English one by
    `_EN_WHEN_Q`) and no selected sentence has a date or a year (`sentence_has(DATE, …)`): "预计什么时候完成" quoted
    with "谈判要取得实质性进展" does not say when. Not for a question that asks several things ("由哪些机关发布的？日期是
    哪天？"): an answer to its other part is worth giving."""
    if not sentences or DATE not in asked_types(question) or len(_QUESTION_MARK.findall(question)) > 1:
        return 0.0
    if not has_han(question) and not _EN_WHEN_Q.search(question):
        return 0.0
    if DEADLINE_Q.search(question):
        # (a deadline asked for is not the day the meeting met: "By what deadline did the 10 November 2031 meeting
        # require …" quoted with "…11月10日召开会议…")
        sentences = [HELD_DATE.sub(" ", s) for s in sentences]
    return 0.0 if any(sentence_has(DATE, s) for s in sentences) else 1.0


def speech_unreported(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks what was said in a speech or by a speaker (`_SAID_Q`) and every selected sentence only
    lists who spoke (`_SPEAKER_LIST`: "北京市、天津市…负责同志作交流发言", "孙某、汪某…作了重点发言"): a readout that names
    the speakers without reporting their words does not say what they said (near misses of added readouts were
    answered with the list)."""
    return _unanswered(question, sentences, _SAID_Q, lambda s: not _SPEAKER_LIST.search(s))


def _unanswered(question: str, sentences: Sequence[str], asked: re.Pattern, answers) -> float:
    """1.0 if the question asks what `asked` matches and no quoted sentence `answers` it (a predicate on a sentence);
    0.0 without sentences or when it asks something else."""
    if not sentences or not asked.search(question):
        return 0.0
    return 0.0 if any(answers(s) for s in sentences) else 1.0


#: a question for what was said: "发言中谈了哪些内容", "介绍了哪些经验", "讲话强调了什么", "What did X say", "what proposals did
#: X put forward"
_SAID_Q = re.compile(
    r"(?:谈|讲|说|介绍|提出|强调)了?(?:哪些|什么)|发言(?:的)?(?:具体)?内容"
    r"|\bwhat\b[^?]{0,80}?\b(?:say|said|propose|proposed|put\s+forward|talk\s+about|talked\s+about|present|presented)\b",
    re.I,
)
#: a sentence listing who spoke: names joined by 、, then (作|做)(了)(重点|交流…)发言
_SPEAKER_LIST = re.compile(
    r"[^，。；、]{2,}(?:、[^，。；、]{2,})+[^，。；、]{0,12}?(?:作|做)了?(?:重点|交流|大会|书面)?发言"
)


def matters_unnamed(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks what a readout's "other matters" were (`_OTHER_MATTERS_Q`: "“还研究了其他事项”，具体是
    哪些", "What were the other matters studied") and no quoted sentence names them (`_MATTERS_NAMED`): a readout's
    closing formula "会议还研究了其他事项。" says only that there were some, and the sentences quoted beside it are the
    matters the readout does name. (Not "did it deal with anything else", which the formula answers.)"""
    return _unanswered(question, sentences, _OTHER_MATTERS_Q, _MATTERS_NAMED.search)


#: a question for what the "other matters" of a readout were: 其他事项 or 其他议题 with an interrogative of content, or
#: "what / which … other matters"
_OTHER_MATTERS_Q = re.compile(
    r"其他(?:事项|议题)[^？?。]{0,16}?(?:具体|哪些|什么|指的?是|包括)|(?:哪些|什么)其他(?:事项|议题)"
    r"|\b(?:what|which)\b[^?]{0,60}?\bother\s+(?:matters|issues|items|business|agenda items)\b",
    re.I,
)
#: a sentence saying what the other matters were: 其他事项 followed by more than the end of the formula
_MATTERS_NAMED = re.compile(rf"其他(?:事项|议题)[，,：:（(、]?{HAN_CLASS}{{4,}}")


def figure_missing(question: str, sentences: Sequence[str]) -> float:
    """1.0 if the question asks for a figure by an interrogative of amount (`_FIGURE_Q`: 多少, "how much") and no
    selected sentence holds one of any kind: in digits, in Chinese numerals, a count of two or more in words (十大行动),
    or, for how many, a list to count. "兴建三峡工程需要多少投资" quoted with "兴建三峡工程是必要的…" does not say how
    much. Not for a question that asks several things (an answer to its other part is worth giving)."""
    if not sentences or len(_QUESTION_MARK.findall(question)) > 1 or not _FIGURE_Q.search(question):
        return 0.0
    counted = COUNT in asked_types(question)
    amounts = [_amounts_only(s, question) for s in sentences]
    return 0.0 if any(_has(NUMBER, s, counted) or counts_in_words(s, several=True) for s in amounts) else 1.0


#: what in a sentence is no amount: a date (`answer_types.DATED`: 2012年, 11月4日, 二〇一二年; and a day alone, 至4日), an
#: ordinal (第七次, 十七届, 七中全会, 二十大), or the digits of a code that names a thing (H7N9, G20, PM2.5, C919; 5G, 3D: one
#: letter after a digit; not 100MW or 10EFLOPS, a figure with its unit)
_NOT_AMOUNT = re.compile(
    rf"{DATED.pattern}|(?<![\d.])\d{{1,2}}\s*[日号](?!\d)|第[零一二三四五六七八九十百千\d]+"
    r"|(?<![A-Za-z\d])[A-Za-z]+\d[\dA-Za-z.]*|(?<![A-Za-z\d.])\d[A-Z](?![A-Za-z])"
    r"|[一二三四五六七八九十\d]+(?:届|中全会|大(?=[以精代召胜报会]))",
    re.I,
)
#: a figure as written: digits, or a run of Chinese numerals
_NUMERAL_RUN = re.compile(r"\d+(?:\.\d+)?|[零〇一二三四五六七八九十百千万亿两]+")


def _amounts_only(sentence: str, question: str) -> str:
    """The sentence without what cannot answer the question's "how much" (`figure_missing`): dates and ordinals
    (`_NOT_AMOUNT`), and the figures the question gives itself: "党的二十大以来共查处违反中央八项规定精神问题多少起" is not
    answered by a sentence on the report "关于党的二十大以来…贯彻执行中央八项规定情况" (a Chinese numeral with the
    character after it, 二十大 and 八项; digits of two or more, as "2018" in an English question)."""
    text = _NOT_AMOUNT.sub(" ", sentence)
    for m in _NUMERAL_RUN.finditer(question):
        given = m.group(0) if m.group(0)[0].isdigit() else question[m.start() : m.end() + 1]
        if len(given) >= 2:
            text = re.sub(rf"(?<![\d.]){re.escape(given)}(?![\d.])", " ", text)
    return text


#: a question for a figure by the interrogative of amount ("多少", "多大", "how much", "what percentage"), not by a word
#: that may name a quantity without asking one ("提高哪类力量的比重", "the statutory retirement age")
_FIGURE_Q = re.compile(
    r"多少|多大|多高|多长|多快|多远|几[十百千万亿]"
    r"|\bhow\s+(?:much|many|large|big|high|long|fast)\b"
    r"|\bwhat\s+(?:percentage|proportion|share|amount|number|sum|figure|rate)\b",
    re.I,
)


def reachable(units: Sequence[FocusUnit], sentences: Sequence[str]) -> list[FocusUnit]:
    """The units the selected sentences could hold: a form in the script of one of them (a Chinese word for a
    Chinese sentence, an English stem for an English one), or held anyway. An English word no index word
    translates can only be found in an English sentence: on a document without English text it would count
    as missing from every answer, so how much a document's questions were refused would depend on whether
    it has a translation; the share of such words is `unmapped`'s."""
    scripts = {has_han(s) for s in sentences}
    text = " ".join(sentences)
    return [u for u in units if any(has_han(f) in scripts for f in u.forms) or holds(u, text)]


def judged_share(fit: dict[str, float], units: Sequence[FocusUnit], asked: Sequence[FocusUnit]) -> dict[str, float]:
    """The focus features of the `units` the evidence could hold, drawn towards `NEUTRAL` by the weight of the units
    asked that it could not (`reachable`): "Who won the Champions League final?" beside a Chinese passage could only
    be judged by "final" (最后), which the passage held, and scored as fully covered. With no unit reachable this is
    `NEUTRAL`, as when the index matches none."""
    total = sum(u.weight for u in asked)
    share = sum(u.weight for u in units) / total if total else 1.0
    return {k: share * v + (1.0 - share) * NEUTRAL[k] if k in NEUTRAL else v for k, v in fit.items()}


def _has(kind: str, clause: str, counted: bool = False) -> bool:
    """`answer_types.sentence_has`, with figures written in Chinese numerals (八百三十二个) counted as figures, and,
    for a question asking how many (`counted`), an enumeration as the figure: its items are the count."""
    return sentence_has(kind, clause) or (kind == NUMBER and offers_quantity(clause, counted))


#: a quoted stretch of a question ("…", “…”, '…', ‘…’)
_QUOTED = re.compile(r"\"[^\"]{2,80}\"|“[^”]{2,80}”|(?<!\w)'[^']{2,80}'(?!\w)|‘[^’]{2,80}’")
#: a run of capitalised words not opening the question ("Champions League", "Taylor Swift", "State Council"), a
#: hyphenated word one of them ("the Ninth Five-Year Plan": not "Ninth Five", which no phrase maps whole)
_NAME_RUN = re.compile(r"(?<=[a-z0-9,;:’'] )(?:[A-Z][a-z]+(?:-[A-Za-z]+)*(?:['’]s)? )+[A-Z][a-z]+(?:-[A-Za-z]+)*")


def unmapped_name(question: str, language: str, bridge) -> float:
    """1.0 if an English question names something by a run of capitalised words that no bridge phrase maps
    to an index word as a whole: a name the documents do not use (the English translation's words alone —
    "league", "champions" — do not make "Champions League" one of its names)."""
    if language != "en":
        return 0.0
    # a phrase the glossary knows but the index never writes (World Cup = 世界杯) is no name the documents use
    spans = [(s, e, zh) for s, e, zh in bridge.spans(question) if any(_in_index(w, bridge) for w in zh)]
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(question)]
    for m in _NAME_RUN.finditer(question):
        # a quoted name is the text's own term, rendered in English by the asker ("the 'Ten Million Project'")
        if any(s <= m.start() and m.end() <= e for s, e in quoted):
            continue
        # known: a phrase of the bridge spans two of its words at least ("President Xi Jinping", "State Council")
        inside = [(s, e) for s, e, _ in spans if s < m.end() and m.start() < e]
        if not any(len(EN_WORD.findall(question[max(s, m.start()) : min(e, m.end())])) >= 2 for s, e in inside):
            return 1.0
    return 0.0


def _in_index(word: str, bridge) -> bool:
    """Does the index write `word`: a word of its lexicon, or a longer term all of whose words are?"""
    df = bridge.lexicon.df
    return word in df or (len(word) > 2 and all(w in df for w in tokenize(word) if has_han(w)))


def unmapped(question: str, language: str, bridge) -> float:
    """The share of an English question's content words (not function or frame words) that no bridge phrase
    covers: words no index word translates (fusion, kindergartens), so no passage can speak of them."""
    if language != "en":
        return 0.0
    spans = bridge.spans(question)
    words = content_words(question)
    if not words:
        return 0.0
    covered = sum(1 for m in words if any(s <= m.start() < e for s, e, _ in spans))
    return 1.0 - covered / len(words)


def features(
    question: str,
    language: str,
    sentences: Sequence[str],
    best: Mapping[str, float],
    whole: bool,
    corpus_df: Mapping[str, int],
    bridge,
    quoted: Sequence[str] = (),
) -> dict[str, float]:
    """All the features of this module for one question (document names already removed from `question`).

    `sentences`: the selected evidence of the best section; `quoted`: every selected sentence (default `sentences`);
    `best`: the sentence ranker's features of the best of them; `whole`: the evidence is the answer itself (a part's
    own headings, the byline asked for, a named meeting's opening asked about: `_Turn.evidence_is_answer`)."""
    from assistant.refusal import _INTERROGATIVE

    out = {"unmapped": unmapped(question, language, bridge), "unmapped_name": unmapped_name(question, language, bridge)}
    if whole:
        return out | WHOLE
    asked = focus_units(question, language, corpus_df, bridge, _INTERROGATIVE)
    units = reachable(asked, sentences)
    place = place_missing(question, sentences)
    return (
        out
        | judged_share(evidence_fit(question, units, sentences), units, asked)
        | {
            # a year only in a document's name ("2022年政府工作报告认为…") is where, not when: the passage's period
            # is not asked about (the question reaches here without its document names)
            "year_missing": float(best.get("year_miss", 0.0)) if periods.asks_year(question) else 0.0,
            "head_missing": max(head_missing(asked_head(question, language), units, sentences), place),
            # (a person, a place or a date may be in a sentence of another section: "李强、赵乐际…出席会议" below the
            # speech's)
            "person_missing": person_missing(question, quoted or sentences),
            "place_missing": place_missing(question, quoted) if quoted else place,
            "date_missing": date_missing(question, quoted or sentences),
            "figure_missing": figure_missing(question, quoted or sentences),
            "speech_unreported": speech_unreported(question, quoted or sentences),
            "matters_unnamed": matters_unnamed(question, quoted or sentences),
        }
    )
