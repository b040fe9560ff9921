"""Which period a question asks about, and which period a passage speaks of.

A yearly report reviews the past year and sets targets for the coming one, so the same words
(国内生产总值增长…, GDP growth) answer "how much did it grow in 2023" in one part and "what is
the 2024 target" in another — and the next year's report reviews the year the previous one
planned. Two cheap signals tell them apart, both closed classes of the two languages, not words of
any document:

- the *years*: those the question names (a document's own name — "2024年政府工作报告" — says where,
  not when, so the caller leaves it out) against those of the passage's headings, with 今年/去年
  (this year / last year) resolved against the passage's document date;
- the *mode*: a question about a target, plan or arrangement (目标, 预期, 拟, target, will) against
  one about what was done or reached (回顾, 过去一年, 增长了, achieved, last year) against the mode of
  the passage's headings (工作回顾 / 目标任务).
"""

from __future__ import annotations

import re

from knowledge.numerals_en import congress_years
from knowledge.text import YEAR, YEAR_RE, arabic_years, han_number

PLAN, REVIEW = "plan", "review"

#: years relative to a document's own date: a report says 今年 for its year and 去年 for the one before; a
#: readout of a December meeting says 明年 for the year it plans
RELATIVE_YEAR = {
    0: re.compile(r"今年|本年度|this year", re.I),
    -1: re.compile(r"去年|上一年|过去一年|last year|past year", re.I),
    1: re.compile(r"明年|来年|next year|the coming year", re.I),
}
#: a review of what was done: decisive wherever it occurs
_REVIEW_STRONG = re.compile(
    r"回顾|过去一年|过去的一年|去年|上一年|一年来|实际|"
    # ("achieved", not a goal: "should be achieved / to achieve by 2035")
    r"\b(?:review(?:ed|ing)?|looking back|last year|past year|(?<!to )(?<!be )achiev\w*|actual(?:ly)?)\b",
    re.I,
)
#: a target, plan or arrangement
_PLAN_WORDS = re.compile(
    r"目标|预期|计划|拟|安排|部署|任务|要求|取向|力争|打算|准备|将要"
    # 要 before what is to be done ("2024年要开展什么行动"), not inside a word (主要, 重要, 需要, 要点, 摘要)
    r"|(?<![主重需只必纪摘概简])要(?![点素闻务害])"
    r"|\b(?:targets?|goals?|aims?|plan(?:s|ned)?|will|expect(?:ed)?|projected|forecast|intends?|set for|to be)\b",
    re.I,
)
#: an outcome asked about ("增长了多少", "how much did it grow"): weaker than a plan word. Not the past
#: tense alone ("how large were the bonds in 2022"): a year past for the reader may be the one a report plans
_REVIEW_WEAK = re.compile(
    r"(?:增长|增加|下降|提高|达到|实现|完成|取得|减少|新增|降低|突破)了"
    r"|\b(?:grew|rose|fell|reached|increased|decreased|declined)\b"
    r"|\bdid\b.{0,60}\b(?:grow|rise|fall|reach|increase|decrease|decline)\b",
    re.I,
)
#: a comparison's baseline ("和上一年相比", "比去年", "比2009年", "than last year", "compared with 2009"): it names the
#: year compared with, not the period asked about ("按照2022年的安排，赤字率和上一年相比是升是降" asks about the 2022 plan;
#: "扶贫标准是多少？比2009年提高了多少？" about the new standard). Run on text whose years are in digits (`arabic_years`)
_BASELINE = re.compile(
    r"(?:和|与|同|跟|较|比)(?:上一年|去年|上年)(?:相比|比较|同期)?"
    # a year: after 比 / 较 ("比2009年提高"), or with 相比 ("与2009年相比"); not one side of a comparison asked about
    # ("2023年的失业率和2024年的目标相比如何") nor a document's name ("论文和2024年政府工作报告")
    rf"|(?:比|较)\s*{YEAR}\s*年(?![的度])|(?:和|与|同|跟)\s*{YEAR}\s*年(?:相比|比较|同期)"
    r"|\b(?:compared? (?:with|to)|compares (?:with|to)|than|over|from) (?:the previous year|the year before|last year)\b"
    rf"|\b(?:compared? (?:with|to)|compares (?:with|to)|than) (?:in )?{YEAR}\b",
    re.I,
)
#: what a heading says about its part: a work review, or the year's targets and tasks
_HEADING_REVIEW = re.compile(r"回顾|\breview\b", re.I)
_HEADING_PLAN = re.compile(r"目标|任务|要求|取向|部署|\b(?:targets?|tasks?|plans?|policy directions?)\b", re.I)


#: a five-year plan period by its short name (“十三五”时期, 十四五规划) or in full (第十四个五年规划; "14th Five-Year
#: Plan"): the 11th–19th, whose short names cannot be read as a number (十五 can)
_PLAN_PERIOD = re.compile(
    r"十([一二三四五六七八九])五(?!年)|第十([一二三四五六七八九])个五年|\b1([1-9])th Five-Year Plan", re.I
)


def plan_years(text: str) -> set[str]:
    """The years of the five-year plan periods a text names: the Nth plan from the 3rd on covers the five
    years from 1966 + 5·(N − 3) (十三五 → 2016–2020, 十四五 → 2021–2025)."""
    out: set[str] = set()
    for m in _PLAN_PERIOD.finditer(text):
        digit = m.group(1) or m.group(2)
        n = int(han_number("十" + digit)) if digit else 10 + int(m.group(3))
        start = 1966 + 5 * (n - 3)
        out.update(str(y) for y in range(start, start + 5))
    return out


def years(text: str, doc_date: str = "") -> set[str]:
    """Years a text names, 今年 / this year, 去年 / last year and 明年 / next year resolved against the document's date
    (a comparison's baseline, "比去年", is not a year the text is about), and the years of a five-year plan
    period it names (`plan_years`) and of the Party congresses it names (`congress_years`)."""
    congresses = congress_years(text)
    text = _BASELINE.sub(" ", arabic_years(text))
    out = set(YEAR_RE.findall(text)) | plan_years(text) | congresses
    year = YEAR_RE.match(doc_date or "")
    for offset, pattern in RELATIVE_YEAR.items():
        if year and pattern.search(text):
            out.add(str(int(year.group(0)) + offset))
    return out


#: the month from which a text's 明年 is the year it plans (a December work conference plans the next year)
YEAR_END_MONTH = 12


def planned_by(edition_years: set[str], doc_date: str) -> set[str]:
    """The year a year-end text of one of `edition_years` plans (the next), when the document is dated in its last
    month: "the 2013 economic work conference" sets the tasks of 2014."""
    m = re.match(r"(\d{4})-(\d{2})", doc_date or "")
    if not m or m.group(1) not in edition_years or int(m.group(2)) < YEAR_END_MONTH:
        return set()
    return {str(int(m.group(1)) + 1)}


def asks_year(text: str) -> bool:
    """Does the text name a year, a five-year plan period or a year relative to its date (今年, next year), other than
    a comparison's baseline ("比2009年提高了多少")?"""
    text = _BASELINE.sub(" ", arabic_years(text))
    return bool(
        YEAR_RE.search(text) or _PLAN_PERIOD.search(text) or any(p.search(text) for p in RELATIVE_YEAR.values())
    )


def question_mode(question: str) -> str | None:
    """`PLAN` (a target, plan, arrangement), `REVIEW` (what was done or reached), or None."""
    question = _BASELINE.sub(" ", question)
    if _REVIEW_STRONG.search(question):
        return REVIEW
    if _PLAN_WORDS.search(question):
        return PLAN
    if _REVIEW_WEAK.search(question):
        return REVIEW
    return None


def heading_mode(headings: str) -> str | None:
    """A part's mode from its headings ("一、2023年工作回顾" → review, "三、2024年政府工作任务" → plan)."""
    if _HEADING_REVIEW.search(headings):
        return REVIEW
    if _HEADING_PLAN.search(headings):
        return PLAN
    return None


def fit(asked_years: set[str], mode: str | None, headings: str, doc_date: str) -> dict[str, float]:
    """The ranker's period features of one sentence (see `sentence_ranker.FEATURES`).

    `year_match` / `year_miss`: the question names years and the passage's headings name a year it asks /
    none of them; `mode_match` / `mode_miss`: the question asks about a target or an outcome and the
    passage's headings plan or review — the same / the other. (The sentence's own years and 要/将 were
    tried as a fallback: noisier, lower grouped-CV P@1.)
    """
    named = years(headings, doc_date)
    passage = heading_mode(headings)
    return {
        "year_match": 1.0 if asked_years and named and asked_years & named else 0.0,
        "year_miss": 1.0 if asked_years and named and not asked_years & named else 0.0,
        "mode_match": 1.0 if mode and passage == mode else 0.0,
        "mode_miss": 1.0 if mode and passage and passage != mode else 0.0,
    }
