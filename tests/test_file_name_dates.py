"""A text that never states its year (a broadcast readout: "中共中央政治局4月28日召开会议") is dated by its file name
when the name carries a date (`20310428.md`, `pb-2031-04.txt`): invented readouts of 2031-2032, never a bundled or
evaluated one."""

from __future__ import annotations

import dataclasses

import pytest

from knowledge.loaders import date_in_file_name
from knowledge.models import DocumentMeta
from knowledge.pipeline import prepare_document
from knowledge.settings import Settings

_READOUT = (
    "中共中央政治局召开会议 分析研究当前经济形势和经济工作\n"
    "中共中央政治局4月28日召开会议，分析研究当前经济形势和经济工作。中共中央总书记主持会议。\n"
    "会议认为，今年以来，经济运行总体平稳。\n"
)


@pytest.mark.parametrize(
    ("stem", "date"),
    [
        ("20310428", "2031-04-28"),
        ("203104", "2031-04"),
        ("pb-2031-04", "2031-04"),
        ("pb_2031_4_28", "2031-04-28"),
        ("2031年4月28日政治局会议", "2031-04-28"),
        ("cewc-2031", "2031"),
        ("2031.4", "2031-04"),
        ("20310230", "2031-02"),  # no 30 February: the month stays, the day goes
        ("pb-2031-13", "2031"),  # no month 13
    ],
)
def test_a_file_name_gives_its_date(stem, date):
    assert date_in_file_name(stem) == date


@pytest.mark.parametrize("stem", ["plenum-19-5", "cpc19-report", "notes", "gwr-2031-2036", "id20319", "v12031"])
def test_a_file_name_without_one_date_gives_none(stem):
    """Numbers that are no year (a plenum's 19-5, an id), and two different years, date nothing."""
    assert date_in_file_name(stem) == ""


def _meta(name: str, **given) -> DocumentMeta:
    return DocumentMeta(doc_id=name, title="", kind="text", source_path=f"/portal/uploads/{name}.txt", **given)


def test_an_undated_text_takes_its_file_names_date_and_the_setting_turns_it_off():
    meta, _ = prepare_document(_READOUT, _meta("pb-2031-04"), Settings())
    assert meta.date == "2031-04"
    off, _ = prepare_document(_READOUT, _meta("pb-2031-04"), Settings(dates_from_file_names=False))
    assert off.date == ""


def test_the_texts_own_date_and_given_metadata_win_over_the_file_name():
    dated = "中央港口工作会议公报\n（2032年12月10日中央港口工作会议通过）\n会议认为，港口运行总体平稳。\n"
    assert prepare_document(dated, _meta("harbour-2031"), Settings())[0].date == "2032-12-10"
    assert prepare_document(_READOUT, _meta("pb-2031-04", date="2033-04-20"), Settings())[0].date == "2033-04-20"


def test_readouts_named_by_their_year_are_told_apart_by_a_question_naming_it():
    """Two April readouts alike but for their files' names: "2032年4月政治局会议" and "the April 2031 Politburo
    meeting" each name one; the month from the name meets the opening's day ("2031年4月28日")."""
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.aliases import document_aliases

    metas = [prepare_document(_READOUT, _meta(f"pb-{y}-04"), Settings())[0] for y in (2031, 2032)]
    opening = _READOUT.splitlines()[1]
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m), opening=opening)
        for m in metas
    ]
    assert [(n.year, n.month, n.day) for n in names] == [("2031", 4, 28), ("2032", 4, 28)]
    mentions = DocumentMentions(names)
    assert mentions.find("2032年4月政治局会议对经济形势怎么看？").named == ["pb-2032-04"]
    assert mentions.find("What did the April 2031 Politburo meeting say about the economy?").named == ["pb-2031-04"]
    assert mentions.find("What did the Politburo meeting of 28 April 2031 say?").named == ["pb-2031-04"]
    assert mentions.find("2031年4月28日政治局会议讲了什么？").named == ["pb-2031-04"]


def test_a_text_without_a_file_gives_no_date():
    """Text given without a file (metadata only) has no name to read."""
    assert (
        prepare_document(_READOUT, dataclasses.replace(_meta("pb-2031-04"), source_path=""), Settings())[0].date == ""
    )


def test_a_year_before_a_contracted_name_is_the_year_not_part_of_the_name():
    """Two editions of one conference, headlined differently, each dated by its file name: "2032年港口大会" contracts
    全国港口大会 and names the 2032 text. Its 年 is the year's: "年港口大会" must not contract the other edition's dated
    name "2031年全国港口大会" (before, the 2032 question named the 2031 text)."""
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.aliases import document_aliases

    texts = {
        "harbour-2031": "全国港口大会在京召开 总书记出席会议并发表重要讲话\n全国港口大会10日在北京召开。\n",
        "harbour-2032": "总书记在全国港口大会上强调 建设港口强国\n全国港口大会9日至10日在北京召开。\n",
    }
    metas = [prepare_document(text, _meta(name), Settings())[0] for name, text in texts.items()]
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m), opening=texts[m.doc_id])
        for m in metas
    ]
    mentions = DocumentMentions(names)
    assert mentions.find("2032年港口大会讲话提到哪几对关系？").named == ["harbour-2032"]
    assert mentions.find("2031年港口大会讲话提到哪几对关系？").named == ["harbour-2031"]
