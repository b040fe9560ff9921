"""What the thirty-eighth batch's readers wrote and the matcher misread. Titles invented for these tests, not taken
from the bundled corpus.

- A readout headlined by an instruction read out to a meeting ("某某对某某工作作出重要指示强调 … 王某出席全国某某工作会议
  并讲话") names the meeting only in its last clause: the meeting was no name of the text, and no question naming it
  found it.
- Another body's congress is abbreviated by its number as the Party's is (中国某某学会九大 for 中国某某学会第九次全国代表
  大会).
- A reader's term for meetings held together, explained by their names in brackets ("2036年5月的“海洋三会”（…、…、…）"),
  left the term and the date in the question: the date named no edition and the term was asked about.
- "哪几位中央政治局常委" asks for people by their office, as 哪位 does: a text listing their names without the office
  answers it."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.models import DocumentMeta

INSTRUCTION = DocumentMeta(
    doc_id="instruction",
    title="习近平对海防宣传工作作出重要指示强调 守正创新 王某某出席全国海防宣传工作会议并讲话",
    date="2035",
)
OTHER_YEAR = DocumentMeta(doc_id="other-year", title="全国海防宣传工作会议在京召开", date="2031-08-19")


def test_a_meeting_named_where_a_headline_says_who_attended_it_names_the_readout():
    matcher = bridged_matcher([INSTRUCTION, OTHER_YEAR])
    found = matcher.find("2035年10月全国海防宣传工作会议上传达的重要指示提出了什么要求？")
    assert found.named == ["instruction"], found
    assert "海防宣传" not in found.query and "2035" not in found.query, found.query
    # the headline's own first clause still names what it always named
    assert matcher.find("2031年全国海防宣传工作会议提出了什么？").named == ["other-year"]


THREE = DocumentMeta(
    doc_id="three",
    title="全国海洋科技创新大会 两院海洋院士大会 中国海洋学会第九次全国代表大会在京召开",
    date="2036",
)
LATER_ASSEMBLY = DocumentMeta(
    doc_id="later-assembly", title="两院海洋院士大会中国海洋学会第十次全国代表大会在京召开", date="2038"
)


def test_another_bodys_congress_is_named_by_its_number():
    matcher = bridged_matcher([THREE, LATER_ASSEMBLY])
    assert matcher.find("中国海洋学会九大有多少人参加？").named == ["three"]
    assert matcher.find("中国海洋学会十大有多少人参加？").named == ["later-assembly"]


def test_a_term_explained_by_names_in_brackets_is_their_name():
    matcher = bridged_matcher([THREE, LATER_ASSEMBLY])
    for question in (
        "2036年5月的“海洋三会”（全国海洋科技创新大会、两院海洋院士大会、中国海洋学会九大）约有多少人参加？",
        "2036年5月的海洋三会（全国海洋科技创新大会、两院海洋院士大会）约有多少人参加？",
    ):
        found = matcher.find(question)
        assert found.named == ["three"], found
        # the term, the brackets and the date said where to look; what is asked is left
        assert found.query == "约有多少人参加？", found.query
        assert ("three", "2036") in found.editions, found
    # brackets holding anything but names explain nothing: the question keeps its words
    found = matcher.find("2036年5月的海洋三会（在北京举行）约有多少人参加？")
    assert "海洋三会" in found.query, found.query


def test_which_people_by_their_office_asks_for_people():
    from assistant.refusal_evidence import asked_head

    assert asked_head("除习近平外，还有哪几位中央政治局常委出席了会议？", "zh") == ["中央政治局常委"]
    # a list of aspects is still no kind of thing asked for
    assert asked_head("会议提出了哪几个方面的要求？", "zh") == []


def test_an_english_name_listing_its_topics_with_commas_is_one_name():
    """ "the National Conference on Propaganda, Ideological and Cultural Work": the commas of a list that "and" closes
    join the name's words, and "Ideological" is read as the noun the dictionary lists (ideology, 思想), not only in the
    phrase "ideological work" (政工) the name does not write. Cut at the comma, the name named every conference on
    propaganda work and left "Ideological and Cultural Work" in the question, a name no text held."""
    ocean = DocumentMeta(
        doc_id="ocean",
        title="习近平对海洋宣传思想文化工作作出重要指示强调 守正创新 王某某出席全国海洋宣传思想文化工作会议并讲话",
        date="2035",
    )
    earlier = DocumentMeta(doc_id="earlier", title="全国海洋宣传工作会议在京召开", date="2031-08-19")
    thought = DocumentMeta(doc_id="thought", title="习近平在全国海洋宣传思想工作会议上强调 守正创新", date="2033-08-19")
    matcher = bridged_matcher([ocean, earlier, thought])
    found = matcher.find(
        "What did the National Conference on Ocean Propaganda, Ideological and Cultural Work held in October 2035 call for?"
    )
    assert found.named == ["ocean"], found
    assert ("ocean", "2035") in found.editions and "Cultural" not in found.query, found
    assert matcher.find(
        "What did the National Conference on Ocean Propaganda and Ideological Work call for?"
    ).named == ["thought"]


def test_a_meeting_a_document_is_to_be_submitted_to_names_no_readout():
    """ "中共中央政治局召开会议 讨论拟提请二十届三中全会审议的文件": the plenum is where the document goes, not the meeting the
    readout records. Read as the readout's own, the plenum was its English title (an English answer quoted the
    Politburo meeting as "Third Plenary Session of the 20th Central Committee") and "三中全会" named it."""
    from knowledge.aliases import document_aliases, generated_title_en

    meta = DocumentMeta(
        doc_id="pb",
        title="中共中央政治局召开会议 讨论拟提请二十五届三中全会审议的文件 中共中央总书记主持会议",
        date="2049",
    )
    assert "Plenary" not in generated_title_en(meta)
    assert not any("三中全会" in name for name in document_aliases(meta)[1:])


def test_a_meeting_a_document_is_to_be_discussed_at_names_no_readout():
    """ "研究拟提请党的二十五届七中全会讨论的文件": discussed (讨论) there rather than reviewed (审议), the plenum is still
    where the documents go. A blind reader found the Politburo readout titled "Seventh Plenary Session of the 19th
    Central Committee" in English answers (thirty-fourth session)."""
    from knowledge.aliases import document_aliases, generated_title_en

    meta = DocumentMeta(
        doc_id="pb",
        title="中共中央政治局召开会议 研究拟提请党的二十五届七中全会讨论的文件 中共中央总书记主持会议",
        date="2049",
    )
    assert "Plenary" not in generated_title_en(meta)
    assert not any("plenum" in name.lower() or "七中全会" in name for name in document_aliases(meta)[1:])
