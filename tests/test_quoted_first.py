"""An answer's contexts lead with the passages it quotes (docs/contract.md, `contexts`)."""

from __future__ import annotations

from assistant.answer import Citation, Context
from assistant.pipeline import quoted_first


def _ctx(rank: int, chunk_id: str, origin: str = "retrieved") -> Context:
    return Context(rank, chunk_id, "d", "1", "一、", "I.", f"text of {chunk_id}", 1.0 / rank, origin)


def _cite(n: int, chunk_id: str, chunk_id_en: str = "") -> Citation:
    return Citation(n, chunk_id, "d", "T", "", "1", "一、", "I.", "q", chunk_id_en=chunk_id_en)


def test_quoted_retrieved_contexts_lead_in_the_order_quoted():
    contexts = [_ctx(1, "a"), _ctx(2, "b"), _ctx(3, "c"), _ctx(4, "d")]
    out = quoted_first(contexts, [_cite(1, "c"), _cite(2, "b"), _cite(3, "c")])
    assert [c.chunk_id for c in out] == ["c", "b", "a", "d"]
    assert [c.rank for c in out] == [1, 2, 3, 4]
    # scores travel with their contexts: the score is retrieval's, the rank the answer's order
    assert out[0].score == contexts[2].score


def test_rule_added_contexts_keep_their_places_and_a_translation_quote_counts():
    contexts = [_ctx(1, "outline", "outline"), _ctx(2, "a"), _ctx(3, "en-b"), _ctx(4, "orig-b", "original")]
    out = quoted_first(contexts, [_cite(1, "orig-b", chunk_id_en="en-b")])
    assert [c.chunk_id for c in out] == ["outline", "en-b", "a", "orig-b"]
    assert [c.origin for c in out] == ["outline", "retrieved", "retrieved", "original"]


def test_no_quote_keeps_retrievals_order():
    contexts = [_ctx(1, "a"), _ctx(2, "b")]
    assert quoted_first(contexts, []) == contexts
