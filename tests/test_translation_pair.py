"""A user adds their own translation pair with one command, gets it aligned, and is answered in English from it.

The pair in tests/data/translation_pair/ was written for this test: a short Chinese
report with 一、/（一） headings and its English rendering with I./1. headings, where
one Chinese sentence becomes two English ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_knowledge

from knowledge import alignment_store
from knowledge.index import KnowledgeIndex
from knowledge.settings import Settings

PAIR = Path(__file__).parent / "data" / "translation_pair"


_cli = run_knowledge


@pytest.fixture(scope="module")
def garden_pair(tmp_path_factory) -> Settings:
    """The test's pair added by a user with the two commands: the original, then its translation."""
    data_dir = tmp_path_factory.mktemp("garden") / "data"
    original = _cli(data_dir, "add", "--no-progress", str(PAIR / "garden-report-zh.txt"))
    assert original.returncode == 0, original.stderr
    done = _cli(
        data_dir, "add", "--no-progress", "--translation-of", "garden-report-zh", str(PAIR / "garden-report-en.txt")
    )
    assert done.returncode == 0, done.stderr
    assert "aligned: garden-report-en with garden-report-zh" in done.stdout
    return Settings.load(env={"XQA_DATA_DIR": str(data_dir)})


@pytest.mark.slow  # embeds and aligns a whole document pair
def test_add_translation_of_aligns_the_pair(garden_pair):
    index = KnowledgeIndex.open(garden_pair)
    [alignment] = alignment_store.load(index)
    pairs = {"".join(p.source.sentences): " ".join(p.translation.sentences) for p in alignment.pairs}
    assert pairs["我们修建了两座温室，并开放了雨水收集系统。"] == (
        "We built two greenhouses. We also opened a rainwater collection system."
    )
    assert pairs["志愿者人数达到860人。"] == "The number of volunteers reached 860."
    assert pairs["每场课程平均有25名学生参加。"] == "On average, 25 students attended each class."
    assert pairs["花园将每周六向公众开放。"] == "The garden will be open to the public every Saturday."
    sections = dict(alignment.sections)
    assert sections["1.1"] == "1.1" and sections["2"] == "2"


@pytest.mark.slow  # embeds and aligns a whole document pair
def test_an_english_question_on_a_users_pair_quotes_the_translation_with_its_original(garden_pair):
    """Over the user's own pair (real index, real embedder), an English question is answered with
    the official English sentence, carrying the Chinese original and both section labels; where the
    translation split one Chinese sentence in two, the quoted English sentence carries the whole original."""
    from assistant import translations
    from assistant.pipeline import Assistant

    index = KnowledgeIndex.open(garden_pair)
    assistant = Assistant(garden_pair, index=index)
    past_year = ("一、过去一年的工作", "I. Our Work over the Past Year")
    for question, english, chinese, labels in (
        (
            "How many volunteers did the community garden have?",
            "The number of volunteers reached 860.",
            "志愿者人数达到860人。",
            past_year,
        ),
        (  # one Chinese sentence rendered as two English ones
            "What rainwater system did the community garden open?",
            "We also opened a rainwater collection system.",
            "我们修建了两座温室，并开放了雨水收集系统。",
            past_year,
        ),
        (
            "How many nature classes were held for nearby schools?",
            "We held 42 nature classes for nearby schools.",
            "我们为附近学校举办了42场自然课。",
            ("一（一）教育活动", "I.1 Education"),
        ),
    ):
        answer = assistant.ask(question)
        assert not answer.refused, answer.answer
        cited = [c for c in answer.citations if english in c.quote_en]
        assert cited, answer.answer
        c = cited[0]
        assert english in answer.answer  # the reader is quoted the English sentence
        assert c.quote == chinese and c.doc_id == "garden-report-zh" and c.doc_id_en == "garden-report-en"
        assert (c.section_label, c.section_label_en) == labels
        assert translations.verify(c, index)
        assert {c.chunk_id, c.chunk_id_en} <= {ctx.chunk_id for ctx in answer.contexts}


def test_translation_of_an_unknown_document_is_refused_and_nothing_is_lost(tmp_path):
    data_dir = tmp_path / "data"
    done = _cli(data_dir, "add", "--no-progress", "--translation-of", "no-such-doc", str(PAIR / "garden-report-en.txt"))
    assert done.returncode != 0
    assert "no-such-doc" in done.stderr and "no such document" in done.stderr


def test_realigned_only_when_a_side_changes(tmp_path, monkeypatch):
    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")})
    original, translation = tmp_path / "garden-report-zh.txt", tmp_path / "garden-report-en.txt"
    for path in (original, translation):
        path.write_text((PAIR / path.name).read_text(encoding="utf-8"), encoding="utf-8")
    index = KnowledgeIndex.open(settings)
    index.add([original], progress=False)
    index.add([translation], progress=False, translation_of="garden-report-zh")

    def published() -> list[str]:  # the alignments the index published in its store (knowledge.artifacts)
        return [k for k in index.store.artifact_keys() if k.startswith("alignment/")]

    [stored] = published()
    aligned: list[str] = []
    real = alignment_store._align
    monkeypatch.setattr(alignment_store, "_align", lambda ix, s, t, p: aligned.append(t["doc_id"]) or real(ix, s, t, p))
    assert index.add([original], progress=False).ok  # unchanged: nothing to realign
    assert published() == [stored] and aligned == []

    original.write_text(original.read_text(encoding="utf-8").replace("42场", "44场"), encoding="utf-8")
    report = index.add([original], progress=False)
    assert [f.status for f in report.files] == ["updated"]
    [restored] = published()
    assert restored != stored and aligned == ["garden-report-en"]  # the stale alignment is gone, the new one stored
    [alignment] = alignment_store.load(index)
    assert any("44场" in "".join(p.source.sentences) for p in alignment.pairs)
    assert not (Path(settings.index_dir) / "alignment").exists()  # nothing on the local disk


def test_a_translation_without_headings_is_aligned_as_one_stretch():
    from knowledge import alignment as al
    from knowledge import pipeline
    from knowledge.embedders import get_embedder
    from knowledge.models import DocumentMeta
    from knowledge.settings import Settings

    settings = Settings.load(env={})
    zh_text = (PAIR / "garden-report-zh.txt").read_text(encoding="utf-8")
    en_lines = (PAIR / "garden-report-en.txt").read_text(encoding="utf-8").splitlines()
    en_text = "\n".join(
        line
        for line in en_lines
        if not line[:3].rstrip(".").strip("I").isdigit() and not line.startswith(("I.", "II.", "1."))
    )
    zh = pipeline.prepare_document(zh_text, DocumentMeta(doc_id="z", title="", lang="zh"), settings)[1]
    en = pipeline.prepare_document(en_text, DocumentMeta(doc_id="e", title="", lang="en"), settings)[1]
    alignment = al.align(zh, en, get_embedder(al.ALIGNMENT_EMBEDDER).embed)
    pairs = {"".join(p.source.sentences): " ".join(p.translation.sentences) for p in alignment.pairs}
    assert pairs["志愿者人数达到860人。"] == "The number of volunteers reached 860."
    assert pairs["花园将每周六向公众开放。"] == "The garden will be open to the public every Saturday."
