"""How readers name study sessions and what a named meeting was about: invented texts, not the bundled ones."""

from __future__ import annotations

import pytest

from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta


def _matcher(metas):
    from assistant.mentions import DocumentMentions, document_names

    return DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    )


def _sessions():
    return [
        DocumentMeta(doc_id="jan23", title="王某在中共中央政治局第二次集体学习时强调 推进海洋渔业", date="2023-01"),
        DocumentMeta(doc_id="jan22", title="王某在中共中央政治局第三十六次集体学习时强调 建设海洋牧场", date="2022-01"),
        DocumentMeta(doc_id="dec17", title="王某在中共中央政治局第二次集体学习时强调 发展海洋科技", date="2017-12"),
        DocumentMeta(doc_id="pb", title="中共中央政治局召开会议 研究海洋经济工作 王某主持会议", date="2023-04"),
    ]


def test_a_numbered_study_session_is_also_named_by_its_body_so_a_date_before_it_picks_the_edition():
    """ "2023年1月中央政治局集体学习": readers name a session by its body without its number. Only 集体学习 was a name,
    so every January session was named and the year was lost (an added readout's question quoted the 2016 and 2022
    sessions)."""
    names = set(document_aliases(_sessions()[0]))
    assert {"中共中央政治局集体学习", "中央政治局集体学习", "政治局集体学习"} <= names
    mentions = _matcher(_sessions())
    for question in ("2023年1月中央政治局集体学习提出了什么？", "2023年1月31日政治局集体学习提出了什么？"):
        found = mentions.find(question)
        assert found.named == ["jan23"], (question, found.named)
    assert mentions.find("2022年1月中央政治局集体学习提出了什么？").named == ["jan22"]


def test_a_symposium_gains_no_name_made_of_a_piece_of_its_own():
    """Only a body's numbered session is named by body and kind: a symposium's "工作座谈会" or "中央座谈会" would name
    every text of the kind (a 2020 symposium's questions were answered from a 2013 one)."""
    plain = set(document_aliases(DocumentMeta(doc_id="s", title="王某在海州港口工作座谈会上发表重要讲话")))
    numbered = set(document_aliases(DocumentMeta(doc_id="n", title="王某在中央第六次海州工作座谈会上强调 建设港口")))
    assert "工作座谈会" not in plain and "中央座谈会" not in numbered


def test_the_central_committee_after_an_english_session_name_gives_its_term_and_is_part_of_the_name():
    """ "the Politburo's second collective study session of the 20th Central Committee": no study session's name writes
    the Committee, so the name meant none and the question found a plenum; its term's years tell the two second
    sessions apart, as 二十届中央政治局第二次集体学习 does in Chinese, and the words leave the query (their bridged
    党中央 was an entity the quoted sentences lacked)."""
    mentions = _matcher(_sessions())
    found = mentions.find("What did the Politburo's second collective study session of the 20th Central Committee ask?")
    assert found.named == ["jan23"]
    assert "Central Committee" not in found.query
    found = mentions.find("Who presided over the 2nd study session of the 19th CPC Central Committee Political Bureau?")
    assert found.named == ["dec17"] and "Political Bureau" not in found.query


def test_a_term_body_dated_after_a_session_name_is_no_meeting_of_the_body():
    """ "the 2nd study session of the 20th Politburo in January 2023": "the Politburo in January 2023" read as the
    Politburo's meeting then added every Politburo meeting of the year."""
    mentions = _matcher(_sessions())
    assert mentions.find("Who spoke at the 2nd study session of the 20th Politburo in January 2023?").named == ["jan23"]
    assert mentions.find("What did the Politburo say in April 2023 about fishing?").named == ["pb"]


def test_british_spellings_and_compass_adjectives_key_as_the_dictionary_writes_them():
    """CC-CEDICT writes 南亚 "southern Asia" and 国务委员 without "Councillor": "South Asia" and a British spelling
    found neither, so the name counted as one the texts lack and the question was refused."""
    from assistant.glossary import english_key

    assert english_key("southern") == "south" and english_key("Western") == "west"
    assert english_key("Councillor") == english_key("councilor")


READOUT = """中共中央政治局召开会议 分析研究当前海洋经济形势 中共中央总书记王某某主持会议
中共中央政治局9月26日召开会议，分析研究当前海洋经济形势，部署下一步海洋经济工作。
会议认为，今年以来海洋经济运行总体平稳，远洋渔业稳步发展。
会议强调，要加快建设智慧港口，推进港口集疏运体系建设。
依法治港，就是要维护港口法规权威，坚持规则面前人人平等。
会议要求，各地区各部门要深刻领会依法治港的意思，落实依法治港要求，对违规行为都要依法处理。
"""


@pytest.fixture(scope="module")
def readout(document_index):
    return document_index("pb-2031-09.txt", READOUT)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "中央政治局会议的主要议题是什么？",
        "What was on the agenda of the Politburo meeting?",
        "What was the theme of the Politburo meeting?",
    ],
)
def test_what_a_named_meeting_was_about_is_its_opening_sentence(readout, question):
    """A readout's opening says what the meeting did (…召开会议，分析研究…): it answers "主要议题", "the agenda". The
    question shares no word with it: the opening was not retrieved, or no sentence was a candidate, and the question
    was refused."""
    from assistant.pipeline import Assistant

    settings, index = readout
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("中共中央政治局9月26日召开会议，分析研究当前海洋经济形势")


@pytest.mark.slow
def test_a_quoted_term_asked_the_meaning_of_is_defined_by_the_sentence_saying_what_it_is(readout):
    """ "“依法治港”是什么意思": a term no glossary holds, defined in the text as "依法治港，就是要…"; the sentence asking
    to meet its requirements (落实依法治港要求) was quoted instead."""
    from assistant.pipeline import Assistant

    settings, index = readout
    answer = Assistant(settings, index=index).ask("中央政治局会议说的“依法治港”是什么意思？")
    assert answer.citations[0].quote == "依法治港，就是要维护港口法规权威，坚持规则面前人人平等。"


def test_a_symposium_is_named_in_english_with_its_topic_after_its_kind_and_with_its_number():
    """Xinhua writes "the Central Symposium on Xinjiang Work", "the Sixth Tibet Work Forum", "the Work Conference on
    Periphery Diplomacy": the glossed names put the topic before the head noun only, and a numbered symposium (第六次,
    which the dictionary lacks) had no glossed name at all, so such questions named nothing or the wrong edition."""
    names = set(document_aliases(DocumentMeta(doc_id="s6", title="王某在中央第六次港口工作座谈会上强调 建设海洋强国")))
    assert {"Central Symposium on Port Work", "Port Work Forum", "Sixth Central Symposium on Port Work"} <= names
    assert {"6th Port Work Forum", "Central Work Conference on Port"} <= names
    plain = set(document_aliases(DocumentMeta(doc_id="p", title="王某在港口外交工作座谈会上发表重要讲话")))
    assert "Work Conference on Port Diplomacy" in plain


def test_the_year_before_a_central_symposium_on_a_topic_picks_that_topics_symposium():
    """ "the 2036 Central Symposium on Fishery Work": a symposium held by 中央 was also named "the 2036 Central symposium",
    which matched first and named the year's other symposium (中央 is no body holding it)."""
    metas = [
        DocumentMeta(doc_id="port6", title="王某在中央第六次港口工作座谈会上强调 建设海洋强国", date="2031-08"),
        DocumentMeta(doc_id="port7", title="王某在中央第七次港口工作座谈会上强调 建设智慧港口", date="2036-08"),
        DocumentMeta(doc_id="fish", title="王某在第三次中央渔业工作座谈会上强调 发展远洋渔业", date="2036-09"),
    ]
    mentions = _matcher(metas)
    assert mentions.find("What did the 2036 Central Symposium on Fishery Work say?").named == ["fish"]
    assert mentions.find("What did the 2031 Sixth Central Symposium on Port Work say?").named == ["port6"]
    assert mentions.find("Who spoke at the Seventh Port Work Forum?").named == ["port7"]


def test_a_persons_name_in_a_list_is_romanised_though_the_surname_is_less_common():
    """栗战书、俞正声: surnames outside the commonest hundred were glossed word by word ("chilly written war challenge")."""
    from assistant.bridge import Bridge
    from assistant.gloss import SentenceGloss
    from assistant.glossary import Glossary
    from knowledge.zh_en import IndexLexicon

    text = "栗战书、王沪宁、俞正声出席会议。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "Li Zhanshu" in gloss and "Yu Zhengsheng" in gloss and "chilly" not in gloss, gloss


def test_a_label_gloss_opening_with_a_name_keeps_its_capitals():
    """ "¶2 李克强主持会议 (gloss: li Keqiang preside over meeting)": the gloss's first letter was lowered whatever it was."""
    from knowledge.labels_en import _lowered_opening

    assert _lowered_opening("Li Keqiang preside over meeting") == "Li Keqiang preside over meeting"
    assert _lowered_opening("CPC Central Committee politburo") == "CPC Central Committee politburo"
    assert _lowered_opening("Meeting believe") == "meeting believe"
