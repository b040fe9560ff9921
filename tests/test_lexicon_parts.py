"""The index lexicon is summed from per-document counts: an add counts only the added document,
and publishes the counts in the store, so another process reads them instead of counting."""

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
    published = index.store.artifact_keys()
    parts = {lexicon_parts.part_key(d, v) for d, v in index.versions().items()}
    assert parts | {lexicon_parts.lexicon_key(index.generation)} <= set(published)
    assert len([k for k in published if k.startswith("lexicon-part/")]) == 2  # the replaced versions' are gone
    assert not (Path(settings.index_dir) / "lexicon").exists()  # nothing on the local disk


def test_another_process_reads_the_published_lexicon(settings, tmp_path):
    """A reader (here: a second index object, as another process opens one) counts nothing."""
    import subprocess
    import sys

    first = tmp_path / "first.txt"
    first.write_text(FIRST, encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    assert index.add([first], progress=False).ok
    expected = index_lexicon(index)
    script = (
        "import json, sys\n"
        "from knowledge import lexicon_parts\n"
        "from knowledge.index import KnowledgeIndex\n"
        "from knowledge.settings import Settings\n"
        "def refuse(texts): raise SystemExit('counted words: the lexicon was not published')\n"
        "lexicon_parts.word_counts = refuse\n"
        "index = KnowledgeIndex.open(Settings.load())\n"
        "lex = lexicon_parts.lexicon_of(index)\n"
        "print(json.dumps([lex.df, lex.chunks, lex.readings], ensure_ascii=False))\n"
    )
    import json
    import os

    env = {**os.environ, "XQA_DATA_DIR": str(settings.data_dir), "PYTHONPATH": str(Path(__file__).parents[1])}
    del index
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == [expected.df, expected.chunks, expected.readings]
