"""What blind readers of the thirty-first batch's answers could not read: a meeting of a kind the glossary names
(民主生活会) shown with a Chinese title, and words of readouts glossed in another field's sense (主席 "premier", 增补
"augment", 机关 "gear", 新闻联播 "news hookup"), and a near miss asking how much funding answered with a span of years.
Invented sentences, not the bundled texts."""

from __future__ import annotations

from assistant.bridge import Bridge
from assistant.gloss import SentenceGloss
from assistant.glossary import Glossary
from assistant.titles_en import headline_title_en, meeting_en
from knowledge.zh_en import IndexLexicon


def test_a_meeting_of_a_kind_the_glossary_names_has_an_english_title():
    """ "中共中央政治局召开专题民主生活会强调 …" was cited under its Chinese headline in English answers: the kind is no
    common head noun (会议, 座谈会), but the glossary names it, and a body's meeting is the meeting *of* the body."""
    glossary = Glossary.load()
    headline = "中共中央政治局召开专题民主生活会强调 巩固拓展港口建设成果 王某主持会议并发表重要讲话"
    expected = "Democratic Life Meeting of the Political Bureau of the CPC Central Committee"
    assert headline_title_en(headline, glossary) == expected
    assert meeting_en("中共中央政治局民主生活会", glossary) == expected
    # the common kinds as before
    assert meeting_en("中共中央政治局会议", glossary) == "Meeting of the Political Bureau of the CPC Central Committee"
    assert meeting_en("中央农村工作会议", glossary) == "Central Rural Work Conference"


def test_words_of_readouts_are_glossed_in_their_sense_there():
    text = (
        "央视网消息（新闻联播）：全会决定增补王某为中央军事委员会副主席，全国政协主席出席，各级机关要从所有环节入手。"
    )
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert all(w in gloss for w in ("CCTV.com", "Xinwen Lianbo", "add", "vice chairman", "CPPCC chairman", "organs")), (
        gloss
    )
    assert not any(w in gloss for w in ("hookup", "augment", "premier", "gear", "possess", "buy")), gloss


def test_money_asked_for_by_what_it_is_needs_a_sum_in_yuan():
    """ "How much extra government health funding was committed" was answered with the sentence on the outline's 15
    years (a blind reader's near miss): money asked for by what it is (funding, 资金) is a unit the quotes must give."""
    from assistant.refusal_evidence import evidence_fit

    years = ["海州港规划纲要是今后15年推进港口建设的行动纲领。"]
    assert evidence_fit("How much extra funding did the 2033 Haizhou meeting commit to the port?", [], years)[
        "unit_missing"
    ]
    assert evidence_fit("2033年海州会议为港口安排了多少资金？", [], ["要加大港口资金投入。"])["unit_missing"]
    given = ["市财政安排港口建设资金300亿元。"]
    assert not evidence_fit("How much funding did the 2033 Haizhou meeting commit to the port?", [], given)[
        "unit_missing"
    ]
    assert not evidence_fit("2033年海州会议为港口安排了多少资金？", [], given)["unit_missing"]
    # a flow of money asked by how much it rose is a rate, not a sum: no unit asked
    rate = ["港口投资增长12%。"]
    assert not evidence_fit("How much did port investment spending rise in 2033?", [], rate)["unit_missing"]
    assert not evidence_fit("By how much did the port's money supply grow in 2033?", [], rate)["unit_missing"]
