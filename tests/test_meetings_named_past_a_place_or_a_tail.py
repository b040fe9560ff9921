"""English names of meetings the thirty-third batch's readers used and the index did not follow: a conference named
"on <topic>" that a genre phrase with a tail had sent to another text, a meeting named after the place it met, the
army's own word for "all-army", and a headline that carries out an earlier plenum's spirit. Titles invented for these
tests, not taken from the bundled corpus."""

from __future__ import annotations

from mention_support import bridged_matcher

from assistant.glossary import Glossary
from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta

POLITBURO = DocumentMeta(
    doc_id="pb",
    title="中共中央政治局召开会议 审议《中国共产党统一战线工作条例》",
    date="2031-04-28",
    kind="communique",
)
CONFERENCE = DocumentMeta(
    doc_id="uf",
    title="习近平在中央统战工作会议上强调 为海州港口建设汇聚力量",
    date="2036-07-30",
    kind="communique",
)
ARMY = DocumentMeta(doc_id="army", title="全军政治工作会议在海州召开 习近平出席会议并发表重要讲话", date="2034-10-31")


def test_a_conference_named_on_its_topic_is_not_the_text_a_genre_phrase_tail_found():
    """ "the 2036 Central Conference on United Front Work": the genre phrase "the 2036 Central Conference" narrowed by
    its tail "on United Front Work" to the Politburo readout whose title holds 统一战线工作, and every English question on
    the conference's readout was refused."""
    matcher = bridged_matcher([POLITBURO, CONFERENCE], with_senses=True)
    assert matcher.find("What did the 2036 Central Conference on United Front Work say about unity?").named == ["uf"]
    assert matcher.find("What did the Central Conference on United Front Work call for?").named == ["uf"]
    # the Politburo readout is still found by its own name
    assert matcher.find("What did the April 2031 Politburo meeting review?").named == ["pb"]


def test_a_meeting_named_after_the_place_it_met_is_that_meeting():
    matcher = bridged_matcher([ARMY, CONFERENCE])
    for question in (
        "What did the 2034 All-Army Political Work Conference say about ideals?",
        "What did the 2034 Haizhou All-Army Political Work Conference say about ideals?",
    ):
        assert matcher.find(question).named == ["army"], question
    # a run of capitalised words opening the question is the question's: its first word is no place
    assert not bridged_matcher([ARMY]).find("Which Politburo Standing Committee members attended?").named


def test_the_army_word_and_political_work_reach_their_chinese():
    glossary = Glossary.load()
    assert "全军" in {t.zh_main for t in glossary.find_en("the All-Army conference")}
    assert "政治工作" in {t.zh_main for t in glossary.find_en("the army's political work")}


def test_a_plenum_whose_spirit_a_meeting_carries_out_is_no_name_of_its_readout():
    """ "习近平主持召开中央财经领导小组第十一次会议强调 全面贯彻党的十八届五中全会精神…" was named "the fifth plenum" too: a question
    on the plenum would have found the group's readout beside the plenum's communiqué."""
    meta = DocumentMeta(
        doc_id="g",
        title="习近平主持召开中央海州领导小组第三次会议强调 全面贯彻党的二十二届四中全会精神 推进海州港口建设",
        date="2043-11-10",
    )
    names = document_aliases(meta)
    assert "中央海州领导小组第三次会议" in names
    # (the headline itself stays a name: a reader may quote it)
    assert not [n for n in names if n != meta.title and ("四中全会" in n or "plenum" in n.lower() or "Plenary" in n)]
    # a plenum's own communiqué keeps its names
    communique = DocumentMeta(doc_id="c", title="中国共产党第二十二届中央委员会第四次全体会议公报", date="2043-10-28")
    assert [n for n in document_aliases(communique) if "plenum" in n.lower()]
