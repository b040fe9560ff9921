"""A translation adds English access; it never changes what a Chinese question gets.

Two indexes of the same Chinese documents (written for the test: tests/data/translation_pair/),
one of them also holding the English translation of one document (real Chroma, the real
embedder, the alignment computed): every Chinese question gets the same Answer, byte for byte
(timings aside), while an English question on the pair is quoted the translation. Indexed beside
its original, a translation changes the corpus statistics (BM25's chunk count and mean length,
the shared numbers' document frequencies, the document count of the coverage weights, the
lexicon's chunk count) and its chunks compete in the dense top k: a Chinese question reads the
index with its translations hidden (`assistant.translations.reading_index`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.index import KnowledgeIndex
from knowledge.settings import Settings

PAIR = Path(__file__).parent / "data" / "translation_pair"
ORIGINALS = [PAIR / "garden-report-zh.txt", PAIR / "library-report-zh.txt"]
TRANSLATION = PAIR / "garden-report-en.txt"

QUESTIONS_ZH = [
    "社区花园去年种植了多少棵果树？",
    "志愿者人数达到了多少？",
    "明年蔬菜产量计划提高到多少？",
    "每场课程平均有多少名学生参加？",
    "图书馆去年新增了多少册藏书？",
    "花园和图书馆每周六有什么安排？",
    "社区花园的门票价格是多少？",  # not in the texts: refused either way
    "2031年的报告提到了哪些新建设施？",
]


def _assistant(tmp_path: Path, with_translation: bool):
    from assistant.pipeline import Assistant

    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path)})
    index = KnowledgeIndex.open(settings)
    assert index.add(ORIGINALS, progress=False).ok
    if with_translation:
        assert index.add([TRANSLATION], progress=False, translation_of="garden-report-zh").ok
    return Assistant(settings, index=index)


def _seen(answer) -> str:
    """Everything the Answer carries but its timings (which differ between any two runs)."""
    data = answer.to_dict()
    data.pop("timings_ms")
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@pytest.fixture(scope="module")
def assistants(tmp_path_factory):
    return (
        _assistant(tmp_path_factory.mktemp("originals"), with_translation=False),
        _assistant(tmp_path_factory.mktemp("with-translation"), with_translation=True),
    )


@pytest.mark.slow  # embeds two small indexes and aligns a pair
def test_chinese_questions_get_the_same_answers_with_and_without_the_translation(assistants):
    without, with_translation = assistants
    assert "garden-report-en" in {d.doc_id for d in with_translation.index.documents()}
    differ = [q for q in QUESTIONS_ZH if _seen(without.ask(q)) != _seen(with_translation.ask(q))]
    assert differ == []
    # a follow-up reads its history the same way
    history = [{"role": "user", "content": QUESTIONS_ZH[0]}, {"role": "assistant", "content": "120棵。"}]
    assert _seen(without.ask("比上年增加了多少？", history=history)) == _seen(
        with_translation.ask("比上年增加了多少？", history=history)
    )


@pytest.mark.slow
def test_the_translation_still_answers_english_questions(assistants):
    _, with_translation = assistants
    answer = with_translation.ask("How many volunteers did the community garden have?")
    assert any(c.quote_en == "The number of volunteers reached 860." for c in answer.citations), answer.answer
