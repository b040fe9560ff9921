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


# Texts written for these tests: shared words (算力, 数据), words only one text has, and
# characters that leave the lexicon with their last text (鲸, 鲨).
TEXTS = {
    "a": "算力是数字经济的核心生产力。数据中心统筹布局。",
    "b": "人工智能赋能千行百业。大模型带动算力需求增长。",
    "c": "海洋经济里鲸鲨洄游。数据要素流通加快。",
    "c2": "海洋经济稳步发展。数据要素市场加快建设。",
}


def _part(text: str) -> lexicon_parts.Part:
    df, chars, n = lexicon_parts.word_counts([text])
    return lexicon_parts.Part(df, "".join(sorted(chars)), n)


def _same(total: lexicon_parts.Sum, texts: list[str]) -> None:
    whole = IndexLexicon.build(texts)
    lexicon = total.lexicon
    assert (lexicon.df, lexicon.chunks, lexicon.readings) == (whole.df, whole.chunks, whole.readings)
    assert lexicon.dictionary.senses == whole.dictionary.senses


def test_the_updated_lexicon_equals_the_sum_of_all_parts():
    """Adds, a re-add of a changed text and removals, one step at a time, each equal to the
    lexicon counted from scratch over the texts then indexed."""
    parts = {k: _part(t) for k, t in TEXTS.items()}
    total = lexicon_parts.EMPTY.advanced({"a": "1"}, [], [parts["a"]])
    _same(total, [TEXTS["a"]])
    total = total.advanced({"a": "1", "b": "1"}, [], [parts["b"]])
    total = total.advanced({"a": "1", "b": "1", "c": "1"}, [], [parts["c"]])
    _same(total, [TEXTS["a"], TEXTS["b"], TEXTS["c"]])
    assert "鲸" in total.lexicon.readings
    total = total.advanced({"a": "1", "b": "1", "c": "2"}, [parts["c"]], [parts["c2"]])  # c changed
    _same(total, [TEXTS["a"], TEXTS["b"], TEXTS["c2"]])
    assert "鲸" not in total.lexicon.readings and "鲸" not in (total.char_parts or {})
    total = total.advanced({"b": "1", "c": "2"}, [parts["a"]], [])  # a removed
    _same(total, [TEXTS["b"], TEXTS["c2"]])
    total = total.advanced({}, [parts["b"], parts["c2"]], [])
    assert (total.lexicon.df, total.lexicon.chunks, total.lexicon.readings, total.char_parts) == ({}, 0, {}, {})


def test_a_new_writer_starts_from_the_published_lexicon(settings, tmp_path, monkeypatch):
    """A writer process that never summed (here: the process caches emptied) updates the
    published lexicon of the generation it serves by the added document's part only."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    assert index.add([first], progress=False).ok
    saved = (dict(lexicon_parts._sums), dict(lexicon_parts._parts), dict(lexicon_parts._lexicons))
    for cache in (lexicon_parts._sums, lexicon_parts._parts, lexicon_parts._lexicons):
        cache.clear()
    steps: list[tuple[int, int, int]] = []
    real = lexicon_parts.Sum.advanced

    def spy(self, versions, removed, added):
        removed, added = list(removed), list(added)
        steps.append((len(self.versions), len(removed), len(added)))
        return real(self, versions, removed, added)

    monkeypatch.setattr(lexicon_parts.Sum, "advanced", spy)
    try:
        writer = KnowledgeIndex.open(settings)
        assert writer.add([second], progress=False).ok
    finally:
        for cache, old in zip((lexicon_parts._sums, lexicon_parts._parts, lexicon_parts._lexicons), saved):
            cache.update(old)
    assert steps == [(1, 0, 1)]  # from the published one-document lexicon, plus one part
    lexicon = index_lexicon(writer)
    whole = IndexLexicon.build(c.text for c in writer.chunks())
    assert (lexicon.df, lexicon.chunks, lexicon.readings) == (whole.df, whole.chunks, whole.readings)
    assert lexicon.dictionary.senses == whole.dictionary.senses
