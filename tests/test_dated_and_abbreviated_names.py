"""How a question names a text by a date said around its name, a body's initialism, a commission named with the
Central Committee's term, or English words the dictionary reads into its Chinese name: all on invented texts (a
harbour commission, readouts of 2031-2032), never a bundled or evaluated one."""

from __future__ import annotations

from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta


def _mentions(metas, openings=None, texts=None, senses=None):
    """The question matcher over `metas` (with their opening paragraphs, `openings`: doc_id → text), with a bridge built
    from `texts` when given."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    openings = openings or {}
    names = [
        document_names(
            m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m), opening=openings.get(m.doc_id, "")
        )
        for m in metas
    ]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts)) if texts else None
    return DocumentMentions(names, bridge_spans=bridge.spans if bridge else None, senses=senses)


_READOUT = "中共中央政治局召开会议 分析研究当前经济形势 部署下半年经济工作"


def test_a_day_with_the_month_picks_the_readout_of_that_day():
    """Readouts that never say their year are told apart by the day their opening gives: "2031年7月31日政治局会议" and
    "the Politburo meeting held on July 31, 2031" are the one of the 31st, not every July readout."""
    metas = [DocumentMeta(doc_id=f"pb-{d}", title=_READOUT) for d in ("30", "31")]
    openings = {f"pb-{d}": f"中共中央政治局7月{d}日召开会议，分析研究当前经济形势。" for d in ("30", "31")}
    mentions = _mentions(metas, openings)
    assert mentions.find("2031年7月政治局会议提出了什么？").named == ["pb-30", "pb-31"]
    assert mentions.find("2031年7月31日政治局会议提出了什么？").named == ["pb-31"]
    assert mentions.find("What did the Politburo meeting held on July 30, 2031 say?").named == ["pb-30"]


def test_a_bodys_dated_meeting_said_with_the_possessive_is_that_meeting():
    """ "the Politburo's April 2031 meeting" is "the April 2031 Politburo meeting", not any meeting of 2031."""
    metas = [
        DocumentMeta(doc_id="april", title=_READOUT, date="2031-04-28"),
        DocumentMeta(doc_id="july", title=_READOUT, date="2031-07-30"),
        DocumentMeta(doc_id="harbour", title="中央港口工作会议在北京举行", date="2031-12-10"),
    ]
    mentions = _mentions(metas)
    found = mentions.find("How did the Politburo's July 2031 meeting describe the first half of the year?")
    assert found.named == ["july"]
    assert "2031" not in found.query and "Politburo" not in found.query


def test_a_bracketed_date_with_its_month_dates_the_name_and_leaves_the_question():
    """ "港口工作会议（2031年12月）": the bracket is the name's date, month and all; no year is left to look for."""
    metas = [
        DocumentMeta(doc_id=f"harbour-{y}", title="港口工作会议在北京举行", date=f"{y}-12-10") for y in (2031, 2032)
    ]
    found = _mentions(metas).find("港口工作会议（2031年12月）提出了哪些任务？")
    assert found.named == ["harbour-2031"]
    assert found.years == [] and "2031" not in found.query


def test_a_commission_named_with_the_central_committees_term_is_also_named_without_it():
    """二十五届中央港口发展委员会第一次会议 is also 中央港口发展委员会第一次会议, its 首次会议, the commission's unnumbered
    meeting, and its abbreviation with the term (二十五届中央港发委), which a question qualifies by the term."""
    meta = DocumentMeta(doc_id="c", title="王某某主持召开二十五届中央港口发展委员会第一次会议强调 推动港口高质量发展")
    names = document_aliases(meta)
    for name in (
        "中央港口发展委员会第一次会议",
        "二十五届中央港口发展委员会首次会议",
        "中央港口发展委员会会议",
        "二十五届中央港发委",
        "港发委",
    ):
        assert name in names, name
    other = DocumentMeta(doc_id="d", title="王某某主持召开中央港口发展委员会第十八次会议强调 推动港口绿色发展")
    mentions = _mentions([meta, other])
    assert mentions.find("二十五届中央港发委第一次会议审议了哪些文件？").named == ["c"]
    # a plenum keeps its term: 二十五届中央委员会第四次全体会议 is no Central Committee's fourth plenum in general
    plenum = DocumentMeta(doc_id="p", title="中国共产党第二十五届中央委员会第四次全体会议公报")
    assert "中央委员会第四次全体会议" not in document_aliases(plenum)


def test_a_numbered_meeting_is_also_named_without_its_number():
    """第三次中央港口工作座谈会 is "the Central Symposium on Harbour Work" too, and "the Third Central Symposium on …"
    spells it though the dictionary reads "Third" as 三次 (第 and 次 around it in the name)."""
    meta = DocumentMeta(doc_id="s", title="王某某在第三次中央港口工作座谈会上强调 推动港口高质量发展")
    assert "中央港口工作座谈会" in document_aliases(meta)
    texts = ["第三次中央港口工作座谈会在北京召开。", "港口工作要坚持高质量发展。"]
    mentions = _mentions([meta, DocumentMeta(doc_id="o", title="中央林业工作会议在北京举行")], texts=texts)
    assert mentions.find("What did the Third Central Symposium on Harbour Work say about ports?").named == ["s"]


def test_an_institutions_initialism_from_the_glossary_names_its_meetings():
    """ "CFEAC" is 中央财经委员会 by the glossary (institutions with the initialisms their official English uses): the
    commission's meetings, and a number after it picks one of them."""
    metas = [
        DocumentMeta(doc_id=f"fec-{n}", title=f"王某某主持召开中央财经委员会第{n}次会议强调 推动高质量发展")
        for n in ("九", "十")
    ]
    texts = ["中央财经委员会第九次会议研究港口发展问题。", "中央财经委员会第十次会议研究林业发展问题。"]
    mentions = _mentions(metas, texts=texts)
    assert mentions.find("What did the CFEAC say about ports?").named == ["fec-九", "fec-十"]
    assert mentions.find("What did the CFEAC's tenth meeting say about forests?").named == ["fec-十"]


def test_a_possessor_or_of_the_joins_an_english_name_as_a_reader_writes_it():
    """ "Xi's Central Financial and Economic Affairs Commission meeting of July 2031": the possessor is not of the name,
    and a date after the head noun dates it; "the Political Bureau of the CPC Central Committee meeting" is the
    Politburo's, one dictionary phrase for the whole name."""
    metas = [
        DocumentMeta(doc_id="fec", title="王某某主持召开中央财经委员会第十一次会议强调 推动高质量发展"),
        DocumentMeta(doc_id="april", title=_READOUT, date="2031-04-28"),
        DocumentMeta(doc_id="july", title=_READOUT, date="2031-07-30"),
    ]
    openings = {"fec": "王某某7月1日下午主持召开中央财经委员会第十一次会议。"}
    texts = ["中央财经委员会研究港口问题。", "中共中央政治局召开会议。"]
    mentions = _mentions(metas, openings, texts=texts)
    found = mentions.find("What did Xi's Central Financial and Economic Affairs Commission meeting of July 2031 say?")
    assert found.named == ["fec"]
    assert mentions.find(
        "Who chaired the Political Bureau of the CPC Central Committee meeting held on 30 July 2031?"
    ).named == ["july"]


def test_a_modifier_may_be_a_dictionary_sense_of_a_word_of_the_chinese_name():
    """ "the 2031 factor market opinion": 要素 is "essential factor" to the dictionary, though the bridge renders "factor"
    as 因素; the opinions whose Chinese name holds 要素 and 市场 are named. A hyphened modifier is each of its parts."""
    from knowledge.zh_en import ZhEnDictionary

    metas = [
        DocumentMeta(doc_id="factor", title="海州市关于完善要素市场化配置机制的意见", date="2031-03-30"),
        DocumentMeta(doc_id="green", title="海州市关于加快绿色转型的意见", date="2031-07-31"),
    ]
    texts = ["要素市场化配置机制要完善。", "加快绿色转型。", "影响因素很多。"]
    mentions = _mentions(metas, texts=texts, senses=ZhEnDictionary.full().plain_senses)
    for question in ("What does the 2031 factor market opinion say?", "What does the 2031 factor-market opinion say?"):
        assert mentions.find(question).named == ["factor"], question
    # "guideline" names opinions too
    assert mentions.find("What does the 2031 green transition guideline say?").named == ["green"]


def test_an_english_headline_held_in_beijing_names_its_meeting_not_that_edition():
    """ "the Harbour Work Conference held in Beijing in December 2032" asks for that year's conference: the 2031
    readout's English headline ("… held in Beijing; …") is no name of its own."""
    metas = [
        DocumentMeta(
            doc_id="h2031",
            title="港口工作会议在北京举行",
            title_en="Harbour Work Conference held in Beijing; Wang delivers a speech",
            date="2031-12-10",
        ),
        DocumentMeta(doc_id="h2032", title="港口工作会议在北京举行", date="2032-12-10"),
    ]
    assert "Harbour Work Conference held in Beijing" not in document_aliases(metas[0])
    assert "Harbour Work Conference" in document_aliases(metas[0])


def test_a_headline_reporting_a_meeting_heads_its_readout_though_it_ends_in_a_speech():
    """全国港口大会在京召开 王某某出席会议并发表重要讲话 is the conference's readout: "the 2031 National Harbour
    Conference" names it beside another readout of the same conference whose headline is the speech's."""
    metas = [
        DocumentMeta(doc_id="a", title="全国港口大会在京召开 王某某出席会议并发表重要讲话"),
        DocumentMeta(doc_id="b", title="王某某在全国港口大会上强调 推动港口高质量发展"),
    ]
    mentions = _mentions(metas, texts=["全国港口大会在京召开。"])
    assert mentions.by_id["a"].genre == "communique"
    assert set(mentions.find("What did the 2031 National Harbour Conference say?").named) == {"a", "b"}


def test_an_abbreviated_month_dates_the_name_as_the_full_one_does():
    """ "its Dec 2031 meeting", "Dec. 9, 2031": an English month's abbreviation is the month (before, "Dec" was read
    as no month, the year alone named no readout, and the question named nothing)."""
    from knowledge.text import months_spelled_out

    assert months_spelled_out("at its Dec 2031 meeting") == "at its December 2031 meeting"
    assert months_spelled_out("on Dec. 9, 2031 and Sept 24") == "on December 9, 2031 and September 24"
    assert months_spelled_out("Mar is a word; so is Jun") == "Mar is a word; so is Jun"
    metas = [
        DocumentMeta(doc_id="july", title=_READOUT, date="2031-07-30"),
        DocumentMeta(doc_id="december", title=_READOUT, date="2031-12-09"),
    ]
    mentions = _mentions(metas)
    assert mentions.find("What problems did the Politburo acknowledge at its Dec 2031 meeting?").named == ["december"]
    assert mentions.find("What did the Politburo meeting of Dec. 9, 2031 say?").named == ["december"]
    assert mentions.find("What did the Jul 2031 Politburo meeting say?").named == ["july"]
