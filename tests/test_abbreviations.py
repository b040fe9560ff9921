"""Numbered abbreviations derived from a text's lists (六稳 for 稳就业、稳金融…): invented lists, not the bundled texts."""

from __future__ import annotations

import pytest

from knowledge.abbreviations import list_abbreviations

READOUT = """全省港口工作会议在海州召开
全省港口工作会议7月30日在海州召开，分析研究当前港口工作。
会议认为，上半年港口运行总体平稳，吞吐量保持增长。
会议要求，要做好稳航线、稳货源、稳岗位、稳预期工作，保持港口平稳运行。
会议强调，要提高港口调度的前瞻性、针对性、有效性，加快建设智慧港口。
"""

FOREST = """江州市林业工作报告
过去一年，全市完成造林面积12万亩，森林覆盖率达到45%。
今年要加强森林防火，建设林业数据平台，推进国有林场改革。
要完善生态补偿机制，提高护林员补助标准。
"""


def test_a_list_sharing_its_first_or_last_character_is_abbreviated_by_its_count():
    assert list_abbreviations("要做好稳航线、稳货源、稳岗位、稳预期工作。") == ["四稳"]
    assert list_abbreviations("要提高港口调度的前瞻性、针对性、有效性。") == ["三性"]
    assert list_abbreviations("保航线运转、保船员就业、保港口安全、保产业链供应链稳定、保基层运转") == ["五保"]
    # a list sharing no character, or of two items, makes none
    assert list_abbreviations("港口、航运、物流三个行业") == []
    assert list_abbreviations("稳航线、稳货源") == []


def test_the_abbreviation_is_a_token_of_the_text_listing_it_and_of_a_question_saying_it():
    """The chunk listing the items holds the token 四稳; a question says it as one word once the segmenter has learnt
    the document's terms (`derive_terms`)."""
    from knowledge.keyword_index import add_terms, derive_terms, tokenize

    assert "四稳" in tokenize("要做好稳航线、稳货源、稳岗位、稳预期工作。")
    add_terms(derive_terms(READOUT))
    assert "四稳" in tokenize("会议提出的“四稳”是哪四个？")


def test_a_sentence_listing_the_items_holds_the_abbreviation_a_question_asks_for():
    from assistant.refusal_evidence import FocusUnit, holds

    unit = FocusUnit(forms=("四稳",), weight=1.0)
    assert holds(unit, "要做好稳航线、稳货源、稳岗位、稳预期工作，保持港口平稳运行。")
    assert not holds(unit, "要做好稳航线、稳货源、稳岗位工作。")  # three of them: the 三稳


@pytest.mark.slow
def test_a_question_naming_a_list_by_its_abbreviation_is_answered_with_the_list(document_index):
    """ "会议提出的“四稳”是哪四个？": the readout lists 稳航线、稳货源、稳岗位、稳预期 and never writes 四稳 (before, the
    word was one the texts never use, and the question was refused)."""
    from assistant.pipeline import Assistant

    settings, index = document_index("harbour-readout-2031.txt", READOUT)
    other = settings.data_dir.parent / "forest-report-2031.txt"
    other.write_text(FOREST, encoding="utf-8")
    assert index.add([other], progress=False).ok
    answer = Assistant(settings, index=index).ask("全省港口工作会议提出的“四稳”是哪四个？")
    assert not answer.refused, answer.answer
    assert "稳航线" in answer.citations[0].quote


def test_a_quoted_abbreviation_is_spelled_out_by_items_opening_or_closing_with_its_character():
    """ "“三性”" is spelled out by 前瞻性、针对性、有效性 (its character closes each item) as “四稳” is by 稳航线、稳货源…
    (before, only items opening with it counted)."""
    from knowledge.abbreviations import quoted_abbreviations, spells_out

    assert quoted_abbreviations("会议要求提高港口调度的哪“三性”？") == [("三性", 3, "性")]
    assert spells_out("要提高港口调度的前瞻性、针对性、有效性，加快建设智慧港口。", 3, "性")
    assert spells_out("要做好稳航线、稳货源、稳岗位、稳预期工作。", 4, "稳")
