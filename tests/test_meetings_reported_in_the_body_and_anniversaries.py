"""What the forty-sixth batch's readers wrote and the matcher misread. Titles and texts invented for these tests, not
taken from the bundled corpus.

- A readout headlined by an instruction read out to a meeting ("习近平对某某工作作出重要指示强调 …") whose headline
  never names the meeting, reported in the body's third paragraph ("中央某某工作会议13日至14日在北京召开。"): the
  meeting was no name of the text, so "2035年中央某某工作会议" named another year's conference.
- A meeting marking an anniversary (纪念某某110周年大会) is "某某110周年大会", "某某纪念大会", "the 110th
  anniversary" to readers: those named no text and the question was answered from other commemorations."""

from __future__ import annotations

from mention_support import bridged_matcher

from knowledge import pipeline
from knowledge.models import DocumentMeta
from knowledge.settings import Settings

INSTRUCTION_TEXT = "\n".join(
    [
        "习近平对海防工作作出重要指示强调 坚持守正创新 为建设海洋强国提供坚强保障",
        "央视网消息（新闻联播）：中共中央总书记习近平近日对海防工作作出重要指示指出，海防战线各项工作取得了新的成效。",
        "习近平强调，今年是实现规划目标任务的关键一年。海防战线要坚持守正创新，提供坚强保障。",
        "中央海防工作会议13日至14日在北京召开。王某某在会上传达习近平重要指示并讲话，表示要坚持依法治海。",
        "李某某主持会议并作总结讲话。会议以电视电话会议形式召开。",
    ]
)
EARLIER = DocumentMeta(doc_id="earlier", title="习近平在中央海防工作会议上强调 全面做好新时代海防工作", date="2031")


def _prepared(doc_id: str, text: str, date: str) -> DocumentMeta:
    meta, _ = pipeline.prepare_document(text, DocumentMeta(doc_id=doc_id, title="", date=date), Settings())
    return meta


def test_the_meeting_an_instruction_was_read_out_to_names_the_text():
    instruction = _prepared("instruction", INSTRUCTION_TEXT, "2035")
    assert "中央海防工作会议" in instruction.aliases and "the 2035 conference" in instruction.aliases
    # (the sentence saying it was held is no name)
    assert not any("召开" in name for name in instruction.aliases[1:])
    matcher = bridged_matcher([instruction, EARLIER])
    assert matcher.find("2035年中央海防工作会议由谁主持？").named == ["instruction"]
    assert matcher.find("2031年中央海防工作会议强调了什么？").named == ["earlier"]
    # ... and in English by its words spelled otherwise than the dictionary's (Defence): the text is the meeting's
    # readout, as the other year's is, so the year tells them apart
    question = "Which heads attended the January 2035 Central Coastal Defence Work Conference?"
    assert matcher.find(question).named == ["instruction"]


def test_a_meeting_named_in_the_headline_is_not_taken_from_the_body():
    """The rule is for a headline naming no meeting: one that reports its own meeting keeps its names only."""
    text = "\n".join(
        [
            "中央海防工作会议在京召开 习近平作出重要指示",
            "央视网消息（新闻联播）：中央海防工作会议13日至14日在北京召开。",
            "全国海洋宣传工作会议15日在北京举行。",
        ]
    )
    meta = _prepared("own", text, "2035")
    assert "中央海防工作会议" in meta.aliases and "全国海洋宣传工作会议" not in meta.aliases


COMMEMORATION = DocumentMeta(
    doc_id="uprising", title="纪念海州起义110周年大会在京隆重举行 习近平发表重要讲话", date="2041"
)
CELEBRATION = DocumentMeta(doc_id="zone", title="海州特区建立40周年庆祝大会隆重举行 习近平发表重要讲话", date="2040")
OTHER = DocumentMeta(doc_id="other", title="纪念海州解放30周年大会在京隆重举行 习近平发表重要讲话", date="2039")


def test_a_commemoration_is_named_as_readers_shorten_it():
    matcher = bridged_matcher([COMMEMORATION, CELEBRATION, OTHER])
    for question in (
        "习近平在海州起义110周年大会上强调了什么？",
        "2041年海州起义纪念大会提出了哪些要求？",
        "2041年纪念海州起义大会上，习近平重申了什么？",
    ):
        assert matcher.find(question).named == ["uprising"], question
    assert matcher.find("庆祝海州特区建立40周年大会上习近平讲了什么？").named == ["zone"]
    assert matcher.find("海州特区建立庆祝大会是哪一年举行的？").named == ["zone"]


def test_another_anniversary_is_no_contraction_of_a_commemorations_name():
    """ "2008年庆祝海州起义30周年大会": the digits before 周年大会 are the name's own, so "周年大会" after them contracts
    no name (it named every commemoration whose name writes 周年 and 大会 apart, "某某40周年庆祝大会"); with them, it
    names the 30th anniversary's meeting; and a reader's contraction keeping the number names its meeting
    ("海州特区40周年大会", "建团100周年大会")."""
    matcher = bridged_matcher([COMMEMORATION, CELEBRATION, OTHER])
    assert matcher.find("2008年庆祝海州起义30周年大会提出了哪些经验？").named == ["other"]
    assert matcher.find("海州特区建立30周年大会提出了什么？").named == ["other"]
    assert matcher.find("海州特区40周年大会提出了什么？").named == ["zone"]
    league = DocumentMeta(
        doc_id="league", title="庆祝海州青年团成立100周年大会在京隆重举行 习近平发表重要讲话", date="2042"
    )
    assert bridged_matcher([COMMEMORATION, CELEBRATION, league]).find(
        "习近平在建团100周年大会上提出了几点希望？"
    ).named == ["league"]


def test_a_commemoration_is_named_in_english_by_its_anniversary():
    matcher = bridged_matcher([COMMEMORATION, CELEBRATION, OTHER])
    assert matcher.find("At the meeting marking the 110th anniversary, what did Xi say?").named == ["uprising"]
    assert matcher.find("What did Xi say at the 40th anniversary celebration in 2040?").named == ["zone"]


ATTENDED_PAIR = DocumentMeta(
    doc_id="attended",
    title="习近平出席甲海洋科学院第十七次院士大会 乙海洋工程院第十二次院士大会开幕会并发表重要讲话",
    date="2044",
)
SPOKEN_PAIR = DocumentMeta(
    doc_id="spoken",
    title="习近平在甲海洋科学院第十九次院士大会 乙海洋工程院第十四次院士大会开幕会上发表重要讲话强调 瞄准前沿",
    date="2048",
)
SAID_PAIR = DocumentMeta(doc_id="said", title="全国海洋科技大会 两院院士大会在京召开 习近平发表重要讲话", date="2052")


def test_meetings_a_leader_attended_together_are_named_each_and_as_a_pair():
    """ "某某出席甲第十七次院士大会 乙第十二次院士大会开幕会并发表重要讲话" lists two meetings as "…在…开幕会上发表…"
    does: each is named, and the pair as readers say it (两院院士大会); the second meeting and the pair named nothing,
    so "2044年两院院士大会" named the texts whose headline wrote 两院院士大会, of other years."""
    from knowledge.aliases import document_aliases

    names = document_aliases(ATTENDED_PAIR)
    assert {"乙海洋工程院第十二次院士大会", "两院院士大会", "院士大会"} <= set(names), names
    assert "两院院士大会" in document_aliases(SPOKEN_PAIR)
    matcher = bridged_matcher([ATTENDED_PAIR, SPOKEN_PAIR, SAID_PAIR])
    assert matcher.find("2044年两院院士大会上习近平强调了什么？").named == ["attended"]
    assert matcher.find("2048年6月两院院士大会开幕会由谁主持？").named == ["spoken"]
    assert matcher.find("乙海洋工程院第十二次院士大会上习近平讲了什么？").named == ["attended"]


def test_no_pair_name_for_bodies_that_end_differently():
    from knowledge.aliases import document_aliases

    meta = DocumentMeta(
        doc_id="x",
        title="习近平出席甲海洋学会第九次代表大会 乙海洋研究中心第四次代表大会开幕会并发表重要讲话",
        date="2044",
    )
    assert not any(n.startswith("两") for n in document_aliases(meta))


def test_a_readouts_unnamed_other_matters_are_not_answered_by_its_formula():
    """ "“还研究了其他事项”，具体是哪些事项？", "What were the other matters studied?": the readout's closing formula "会议
    还研究了其他事项。" says only that there were some (eighteen near misses of the development texts, all answered with
    the formula or the readout's opening); "did it deal with anything else" is answered by it, and a sentence naming
    the matters answers what they were."""
    from assistant.refusal_evidence import matters_unnamed

    formula = "会议还研究了其他事项。"
    opening = "中共中央政治局5月26日召开会议，审议《海防工作条例》。"
    assert matters_unnamed("2035年5月26日政治局会议“还研究了其他事项”，这些事项具体是什么？", [formula]) == 1.0
    assert matters_unnamed("2035年5月政治局会议还研究了哪些其他事项？", [opening]) == 1.0
    assert matters_unnamed("What were the other matters studied at the May 2035 Politburo meeting?", [formula]) == 1.0
    assert (
        matters_unnamed("Did the May 2035 Politburo meeting deal with anything besides the regulations?", [formula])
        == 0.0
    )
    assert matters_unnamed("2035年5月政治局会议审议了哪些文件？", [opening]) == 0.0
    named = "会议还研究了其他事项，决定召开全国海防工作会议。"
    assert matters_unnamed("2035年5月政治局会议“还研究了其他事项”，具体是什么？", [formula, named]) == 0.0


def test_an_instruction_is_named_by_its_field():
    """ "2035年习近平对海防工作的重要指示", "2035年海防工作重要指示": the instruction a headline reports ("习近平对海防工作
    作出重要指示强调 …") is named by its field; that named no text, and the year's other instruction, on rural work, was
    quoted."""
    rural = DocumentMeta(
        doc_id="rural", title="中央海洋农村工作会议在京召开 习近平对做好“三海”工作作出重要指示", date="2035"
    )
    coast = DocumentMeta(doc_id="coast", title="习近平对海防工作作出重要指示强调 坚持守正创新", date="2035")
    matcher = bridged_matcher([rural, coast])
    assert matcher.find("习近平2035年对海防工作的重要指示要求贯彻哪些会议的精神？").named == ["coast"]
    assert matcher.find("在2035年海防工作重要指示中，习近平为什么说今年特殊？").named == ["coast"]
    assert matcher.find("习近平2035年对“三海”工作的指示提出了什么要求？").named == ["rural"]
