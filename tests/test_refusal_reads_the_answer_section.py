"""The refusal judges the section the best quoted sentence is in, not every section an answer quotes."""

from __future__ import annotations

from chunk_support import make_chunk

from assistant.generators.extractive import _Scored
from assistant.pipeline import best_section


def test_only_the_best_sentences_section_is_judged():
    # written for this test: two sentences of section 2, one of section 5 quoted as a supplement
    contexts = [make_chunk("2", "甲句。乙句。"), make_chunk("5", "丙句。"), make_chunk("2", "丁句。")]
    evidence = [_Scored(1, 0, 3, 0.5), _Scored(0, 0, 3, 0.9), _Scored(2, 0, 3, 0.4), _Scored(0, 3, 6, 0.6)]
    judged = best_section(evidence, contexts)
    assert [(s.ctx, s.start) for s in judged] == [(0, 0), (2, 0), (0, 3)]
    assert best_section([], contexts) == []
