"""The selection constant's tuning judges each document with a value chosen without it."""

from __future__ import annotations

from eval.tuning.selection import leave_one_document_out, objective


def _rows(doc: str, hits: int, cases: int = 4, quotes: float = 2.0) -> list[dict]:
    return [
        {
            "doc": doc,
            "lang": "zh",
            "answer_hit": float(i < hits),
            "citation_evidence": float(i < hits),
            "quotes": quotes,
        }
        for i in range(cases)
    ]


def test_each_document_is_judged_with_the_value_the_others_chose():
    # document a answers best at 0.4, b and c at 0.85: a is judged with 0.85, what b and c chose
    by_value = {
        0.85: _rows("a", 1) + _rows("b", 4) + _rows("c", 4),
        0.4: _rows("a", 4) + _rows("b", 2) + _rows("c", 2),
    }
    lodo = leave_one_document_out(by_value)
    assert lodo["folds"]["a"]["chosen"] == 0.85 and lodo["folds"]["a"]["answer_hit"] == 0.25
    assert lodo["folds"]["b"]["chosen"] == 0.4  # without b: a and c answer 6 of 8 at 0.4, 5 of 8 at 0.85
    assert lodo["folds"]["b"]["answer_hit"] == 0.5
    assert lodo["left_out"]["cases"] == 12


def test_more_quotes_cost_what_they_show():
    assert objective(_rows("a", 2, quotes=1.0)) > objective(_rows("a", 2, quotes=3.0))
