"""The index lexicon is summed from per-document counts: an add counts only the added document."""

from __future__ import annotations

from pathlib import Path

from knowledge import lexicon_parts
from knowledge.index import KnowledgeIndex
from knowledge.zh_en import IndexLexicon, index_lexicon

FIRST = "一、算力基础\n\n算力是数字经济的核心生产力。东数西算工程统筹布局数据中心。"
SECOND = "一、人工智能\n\n人工智能赋能千行百业。大模型带动算力需求增长。"


def test_an_add_counts_only_the_new_document(settings, tmp_path, monkeypatch):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    assert index.add([first], progress=False).ok
    counted: list[list[str]] = []
    real = lexicon_parts.word_counts

    def spy(texts):
        texts = list(texts)
        counted.append(texts)
        return real(texts)

    monkeypatch.setattr(lexicon_parts, "word_counts", spy)
    assert index.add([second], progress=False).ok  # the commit computes the new generation's lexicon
    assert counted == [[c.text for c in index.chunks("second")]]

    lexicon = index_lexicon(index)
    whole = IndexLexicon.build(c.text for c in index.chunks())
    assert (lexicon.df, lexicon.chunks, lexicon.readings) == (whole.df, whole.chunks, whole.readings)
    assert lexicon.df["算力"] == 2
    parts = Path(settings.index_dir) / "lexicon" / settings.collection / "parts"
    assert len(list(parts.glob("*.json"))) == 2
