"""A readout headlined "<leader>出席<meeting>" names that meeting; a clause opening with a speaker's name the segmenter
takes apart is glossed as the name; the institutions and offices readers of the thirty-second batch named in English.
Sentences written for these tests, not taken from the bundled corpus."""

from __future__ import annotations

from assistant.bridge import Bridge
from assistant.gloss import SentenceGloss
from assistant.glossary import Glossary
from knowledge.aliases import document_aliases, headline_meeting
from knowledge.models import DocumentMeta
from knowledge.zh_en import IndexLexicon


def test_a_leader_attending_a_meeting_names_the_meeting():
    """ "习近平出席中央党的群团工作会议" was named by its whole headline only: all ten English questions on the readout
    found other conferences and were refused."""
    assert headline_meeting("王某出席海州港口工作会议") == "海州港口工作会议"
    assert headline_meeting("王某出席海州港口工作会议并发表重要讲话") == "海州港口工作会议"
    names = document_aliases(DocumentMeta(doc_id="h", title="王某出席海州港口工作会议", date="2031-07-06"))
    assert "海州港口工作会议" in names and "2031年海州港口工作会议" in names
    # who attended is no meeting's name, nor a line that lists the attendance
    assert headline_meeting("海州港口工作会议出席人员名单") == ""


SENTENCES = ["栗战书强调，要做好海州港口工作。", "乔木书主持会议。", "于是强调了这一点。"]


def test_a_speaker_opening_a_clause_is_glossed_as_a_name():
    """The segmenter takes 栗战书 apart (栗 + 战书 "letter of challenge"): an English reader read "chilly written war
    challenge stressed" where the text says who stressed it."""
    glossary = Glossary.load()
    glosser = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build(SENTENCES)))
    assert glosser.gloss(SENTENCES[0]).startswith("Li Zhanshu stressed")
    assert glosser.gloss(SENTENCES[1]).startswith("Qiao Mushu ")
    # a word the dictionary knows before a speech verb is that word, not a name
    assert not glosser.gloss(SENTENCES[2]).startswith("Yu ")


def test_offices_and_bodies_named_in_english_reach_their_chinese_names():
    glossary = Glossary.load()
    for english, chinese in (
        ("Which Vice President attended?", "国家副主席"),
        ("the role of mass organisations", "群团组织"),
        ("the National Conference on Publicity and Ideological Work", "宣传思想工作"),
        ("the Central Commission for Comprehensive Law-based Governance", "中央全面依法治国委员会"),
        ("the Central National Security Commission's first meeting", "中央国家安全委员会"),
    ):
        assert chinese in {t.zh_main for t in glossary.find_en(english)}, english


def test_people_asked_for_need_a_figure_of_persons_and_a_code_is_no_figure():
    """English near misses of the thirty-second batch: "How many people attended in total?" answered with the list of
    who attended, "how many people died" with a loss in yuan, "How many H7N9 cases had been reported?" with the
    sentence naming the virus (its digits read as a figure)."""
    from assistant.refusal_evidence import evidence_fit, figure_missing

    def unit_missing(question: str, quoted: list[str]) -> float:
        return evidence_fit(question, [], quoted)["unit_missing"]

    assert unit_missing("How many people died in the 2031 Haizhou floods?", ["直接经济损失2000多亿元。"]) == 1.0
    assert unit_missing("How many people attended the conference?", ["王某、李某、张某出席会议。"]) == 1.0
    assert unit_missing("海州港务会议有多少人出席？", ["海州港务委员会委员和有关负责同志出席会议。"]) == 1.0
    # a count of persons answers, in the question's language or the other
    assert (
        unit_missing("How many rural poor people were lifted out of poverty?", ["农村贫困人口减少1000多万人。"]) == 0.0
    )
    assert unit_missing("海州港务会议有多少人出席？", ["出席会议的有委员191人。"]) == 0.0
    # persons counted by a noun after the figure, or before it
    assert unit_missing("How many people were lifted out of poverty?", ["近一亿农村贫困人口实现脱贫。"]) == 0.0
    assert unit_missing("How many people found work?", ["脱贫人口务工规模超过3300万。"]) == 0.0
    # five years are no persons, nor the question's own figure
    assert unit_missing("How many people were lifted out of poverty?", ["这五年，是人民得到更多实惠的五年。"]) == 1.0
    assert unit_missing("六千多万贫困人口中西部地区有多少人？", ["六千多万贫困人口稳定脱贫。"]) == 1.0
    assert figure_missing("How many H7N9 cases had been reported?", ["做好H7N9禽流感疫情防控工作。"]) == 1.0
    assert figure_missing("How many 5G base stations will be built?", ["拓展5G应用，建设充电桩。"]) == 1.0
    assert figure_missing("How many 5G base stations will be built?", ["新建5G基站60万个。"]) == 0.0
    # a figure with its unit written in letters is a figure
    assert figure_missing("How much capacity was installed?", ["新增装机100MW。"]) == 0.0
