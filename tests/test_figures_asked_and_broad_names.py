"""A figure asked for that no quoted sentence gives; a name many texts share beside one that picks out a text; a body's
meeting named with its head noun in lower case. Invented texts, not the bundled ones."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge.models import DocumentMeta


def test_a_figure_asked_for_and_none_quoted_is_missing():
    """ "兴建海州港需要多少投资" quoted with "兴建海州港是必要的" does not say how much (near misses of added reports were
    answered so, under "the documents address this question")."""
    from assistant.refusal_evidence import figure_missing

    assert figure_missing("2031年报告中，兴建海州港预计需要多少投资？", ["兴建海州港是必要的，技术上是可行的。"]) == 1.0
    assert figure_missing("How many young cadres will the 2031 conference train?", ["要培养选拔优秀年轻干部。"]) == 1.0
    # a figure of any kind, in digits or Chinese numerals, or a list to count for "how many", is left to the model
    assert figure_missing("海州港需要多少投资？", ["海州港总投资约300亿元。"]) == 0.0
    assert figure_missing("海州港需要多少投资？", ["海州港总投资约三百亿元。"]) == 0.0
    assert figure_missing("会议提出了几项任务？", ["一是稳增长，二是促改革，三是调结构。"]) == 0.0
    assert figure_missing("要开展的港口行动一共有多少项？", ["持续有力开展“港口十大行动”。"]) == 0.0
    # ... but a count of one is an article: "一支队伍" does not say how many people
    assert figure_missing("要培养多少名港口人才？", ["努力培养造就一支港口人才队伍。"]) == 1.0


def test_a_word_that_may_name_a_quantity_asks_for_no_figure():
    """ "提高哪类力量的比重" and "the statutory retirement age" ask what or on which principles, not how much: the
    development set's answers to them quote no figure and are right."""
    from assistant.refusal_evidence import figure_missing

    assert figure_missing("要提高哪类作战力量的比重？", ["增加新域新质作战力量比重。"]) == 0.0
    question = "On what principles will the statutory retirement age be raised?"
    assert figure_missing(question, ["按照自愿、弹性原则，推进渐进式延迟法定退休年龄改革。"]) == 0.0
    # nor a question asking two things: an answer to the other is worth giving
    assert figure_missing("海州港建在哪里？需要多少投资？", ["海州港建在东海之滨。"]) == 0.0


def _texts():
    politburo = [
        DocumentMeta(doc_id=f"pb-{y}-{m}", title="中共中央政治局召开会议 研究海洋工作 王某主持会议", date=f"{y}-{m}-28")
        for y in (2029, 2030, 2031)
        for m in ("04", "07")
    ]
    plenum = DocumentMeta(doc_id="plenum", title="中国共产党第二十五届中央委员会第六次全体会议公报", date="2031-10-18")
    executive = DocumentMeta(doc_id="exec", title="李某主持召开国务院常务会议", date="2031-04-02")
    congress = DocumentMeta(doc_id="congress", title="在中国共产党第二十八次全国代表大会上的报告", date="2042-10-16")
    return [*politburo, plenum, executive, congress]


def test_a_name_many_texts_share_beside_one_naming_a_text_is_what_that_text_speaks_of():
    """ "At the Sixth Plenary Session of the 25th Central Committee, who delivered the work report on behalf of the
    Political Bureau?": "the Political Bureau" named every Politburo meeting too, and the question was answered from
    them; it is what the plenum's communiqué speaks of, and stays in the query."""
    mentions = bridged_matcher(_texts())
    question = (
        "At the Sixth Plenary Session of the 25th CPC Central Committee, who delivered the work report on behalf of "
        "the Political Bureau?"
    )
    found = mentions.find(question)
    assert found.named == ["plenum"]
    assert "Political Bureau" in found.query
    # a text spoken of after the one asked about is not asked about: the shared name first is kept ...
    question = "研究海洋工作的中央政治局会议认为，二十五届六中全会的部署将产生什么作用？"
    assert "plenum" not in mentions.find(question).named or len(mentions.find(question).named) > 1
    # ... and so is a genre word, the reader's way of saying the text asked about
    assert mentions.find("二十八大报告说了什么？").named == ["congress"]
    found = mentions.find("考虑到明年要召开党的二十八大，会议提出要保持哪几种环境？")
    assert found.named != ["congress"]
    # alone, the shared name still names its texts
    assert len(mentions.find("What did the Political Bureau say about the ocean?").named) == 6


def test_a_body_s_meeting_with_its_head_noun_in_lower_case_is_named():
    """ "the State Council executive meeting of April 2, 2031": the capitalised body alone (国务院) spells no text's name;
    with the lower-case head noun after it, the glossary's phrase spells 国务院常务会议."""
    mentions = bridged_matcher(_texts())
    assert mentions.find("What did the State Council executive meeting of April 2, 2031 decide?").named == ["exec"]


def test_what_a_speaker_said_is_not_answered_by_the_list_of_speakers():
    """ "北京市在交流发言中介绍了哪些经验？", "What did Wang Yang say in his key speech?": a readout that lists who spoke
    (…负责同志作交流发言, …作了重点发言) without their words does not say it (blind readers' near misses were answered
    with the list); who spoke is answered by it, and a speaker's reported words answer what they said."""
    from assistant.refusal_evidence import speech_unreported

    listed = "海州市、江州市、港务局负责同志作交流发言。"
    study = "这次集体学习，王某、李某、张某就这个问题作了重点发言，各位同志听取了他们的发言。"
    assert speech_unreported("海州市在交流发言中介绍了哪些经验？", [listed]) == 1.0
    assert speech_unreported("What did Li say in his key speech at the study session?", [study]) == 1.0
    assert speech_unreported("哪些单位作了交流发言？", [listed]) == 0.0
    assert speech_unreported("What did Wang say about ports?", ["王某强调，要建设港口强国。"]) == 0.0
    assert speech_unreported("What did Wang say about ports?", [study, "王某强调，要建设港口强国。"]) == 0.0


def test_a_person_asked_for_by_an_office_is_a_person():
    """ "Which Governor of Hong Kong …", "the name of the governor": the sentence "去年10月香港总督…提出…方案" names the
    office, not who held it."""
    from assistant.refusal_evidence import person_missing

    sentence = ["去年10月海州总督单方面提出对现行体制进行重大改变的方案。"]
    assert person_missing("Which Governor of Haizhou did the 2031 report name?", sentence) == 1.0
    assert person_missing("What was the name of the Haizhou governor in the 2031 report?", sentence) == 1.0
    assert person_missing("Which Governor of Haizhou did the 2031 report name?", ["海州总督王某提出了方案。"]) == 0.0
