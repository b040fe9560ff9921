"""`DocumentMentions._name_spans`: the reduced name alternation finds what the whole one finds."""

from __future__ import annotations

import itertools
import re

from assistant.mentions import DocumentAliases, DocumentMentions

_DOCS = [
    DocumentAliases(
        "a", "report", "2031", ("市政府工作报告", "the city report", "City Work Report", "Café-Policy Review")
    ),
    DocumentAliases("b", "report", "2032", ("市政府工作报告", "the city report", "Harbour Plan", "港口规划")),
    DocumentAliases("c", "decision", "2031", ("the decision", "Third Plenum Decision", "三中全会决定", "三中全会")),
]
_QUESTIONS = [
    "市政府工作报告提出了哪些目标？",
    "What does THE  CITY   REPORT say about harbours?",
    "In the third plenum decision and the Harbour Plan, what is new?",
    "cafe policy review: what does it review?",
    "Café–Policy  Review and CAFÉ POLICYREVIEW",
    "三中全会决定和三中全会公报有何不同？",
    "the decisions of the cityreport",
    "nothing named here at all",
]


def test_reduced_alternation_matches_the_whole_one():
    mentions = DocumentMentions(_DOCS)
    whole = re.compile("|".join(f"({p})" for p in mentions._patterns), re.I)
    names = [n for d in _DOCS for n in d.names]
    questions = _QUESTIONS + [f"{a} {b.upper()}?" for a, b in itertools.permutations(names, 2)]
    for q in questions:
        expected = [(m.start(), m.end(), mentions._docs_of_group[(m.lastindex or 1) - 1]) for m in whole.finditer(q)]
        assert mentions._name_spans(q) == expected, q
    assert mentions._name_spans("三中全会决定说了什么") == [(0, 6, frozenset({"c"}))]
