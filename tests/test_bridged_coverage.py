"""An English question's hits ordered by how many of its phrases each holds (`Fusion.bridged_coverage`): the bridge
renders each phrase in several Chinese words, and a passage repeating one of them matched the flat keyword query
as well as one holding every phrase asked about. The text is written for the test."""

from __future__ import annotations

from dataclasses import replace

import pytest

HARBOUR = """海港科技报告

一、人才队伍
要完善科研人才评价体系。科研人才评价要突出能力和业绩，科研人才评价要分类开展，科研人才评价结果要用好，让各类科研人才竞相涌现。

二、经费管理
要加快港口码头建设，提升集疏运能力，推进港口绿色低碳转型，扩大港口对外开放，深化港口体制改革。要改革科研经费管理制度，赋予科研人员更大经费使用自主权，同时完善人才评价机制，加强港口安全生产，做好港口防汛防台工作。

三、港口建设
要加快港口码头建设，提升集疏运能力，推进港口绿色低碳转型。
"""


@pytest.fixture(scope="module")
def retriever(document_index):
    from assistant.pipeline import Assistant

    settings, index = document_index("海港科技报告.txt", HARBOUR)
    return Assistant(settings, index=index).retriever(k=3)


def test_the_passage_holding_every_phrase_asked_comes_first(retriever):
    cands = retriever.candidates("What does the report say about talent evaluation and research funds?")
    assert cands.units, "an English question has content units"
    on = retriever.rank(cands, 3, replace(retriever.fusion, bridged_coverage=0.5)).hits
    off = retriever.rank(cands, 3, replace(retriever.fusion, bridged_coverage=0.0)).hits
    # the passage repeating "科研人才评价" leads the fused lists; the one with the research funds (经费) asked about too
    # comes first once coverage counts each phrase once
    assert off[0].chunk.section_id == "1"
    assert on[0].chunk.section_id == "2"
