"""The flat-text proxy's flattening (eval/flat_proxy.py), on a text written for this test: heading
lines go, a run-in heading sentence is cut from its paragraph, body paragraphs stay verbatim, and
what is left is structured as a text without headings."""

from __future__ import annotations

from eval.flat_proxy import flatten
from knowledge.models import DocumentMeta
from knowledge.pipeline import parse_document

HEADED = """全市工作报告
——2024年1月10日在市人民代表大会上
一、2023年工作回顾
过去一年，全市经济稳中向好。
（一）扩大有效投资。新开工项目120个。
（二）稳定就业
新增城镇就业6万人。
二、2024年主要任务
今年要抓好以下工作。
一是扩大内需。
二是稳定外贸。
"""


def test_flatten_keeps_only_body_paragraphs():
    meta = DocumentMeta(doc_id="t", title="")
    flat = flatten(HEADED, meta)
    assert flat.splitlines() == [
        "全市工作报告",
        "——2024年1月10日在市人民代表大会上",
        "过去一年，全市经济稳中向好。",
        "新开工项目120个。",
        "新增城镇就业6万人。",
        "今年要抓好以下工作。",
        "一是扩大内需。",
        "二是稳定外贸。",
    ]
    doc = parse_document(flat, meta)
    assert [s.section_id for s in doc.sections] == ["front", "p1", "p2", "p3", "p4", "1", "2"]
    assert doc.section("p1").context == "2023年" and doc.section("1").context == "2024年"
