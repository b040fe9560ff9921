"""Query-term coverage (`Fusion.coverage`, `KeywordIndex.coverage`): the passage holding all of a
question's weighty terms comes first, and a word many documents use (短板, 存在) weighs less than
a topical term one document uses (潮汐发电), even when fewer chunks hold the generic word.

The texts are written for the test.
"""

from __future__ import annotations

import pytest

from knowledge.keyword_index import KeywordIndex, Shard, Vocabulary, tokenize

#: the topical term recurs across one document's sections; the generic words across the others
ENERGY = """海港能源报告

一、总体情况
潮汐发电是海港能源建设的重点，潮汐发电装机规模不断扩大。

二、技术进展
潮汐发电技术日益成熟，潮汐发电成本逐年下降，潮汐发电效率持续提高。

三、主要不足
潮汐发电的短板是储能配套不足，电网调峰能力有待提高。
"""
OTHERS = {
    "海港民生报告.txt": "海港民生报告\n\n一、民生保障\n民生领域存在短板，养老服务存在短板，托育服务存在短板。\n",
    "海港社会报告.txt": "海港社会报告\n\n一、社会事业\n社会事业存在短板，基层治理存在短板，文化设施存在短板。\n",
    "海港交通报告.txt": "海港交通报告\n\n一、交通建设\n县域交通存在短板，港口集疏运存在短板。\n",
}


def _index(docs: dict[str, list[str]]) -> KeywordIndex:
    vocab = Vocabulary()
    shards = {
        d: Shard.of([f"{d}:{i}" for i in range(len(texts))], [tokenize(t) for t in texts], vocab)
        for d, texts in docs.items()
    }
    return KeywordIndex(shards, list(docs), vocab)


def test_coverage_weighs_a_term_by_how_few_documents_use_it():
    # 潮汐发电 is in more chunks than 短板, but in one document; 短板 and 存在 are in every other one
    index = _index(
        {
            "energy": ["潮汐发电规模扩大", "潮汐发电成本下降", "潮汐发电的短板是储能不足", "潮汐发电技术成熟"],
            "city": ["民生领域存在短板，养老服务存在短板", "港口吞吐量增长"],
            "society": ["基层治理存在短板", "文化设施完善"],
            "county": ["县域交通存在短板", "农业增产"],
        }
    )
    share = index.coverage("潮汐发电存在哪些短板", ["energy:2", "city:0", "city:1"])
    assert share["energy:2"] > 2 * share["city:0"]
    assert share["city:1"] == 0.0
    assert 0.0 < share["city:0"] < 1.0


@pytest.fixture(scope="module")
def retriever(document_index, tmp_path_factory):
    from assistant.pipeline import Assistant

    settings, index = document_index("海港能源报告.txt", ENERGY)
    tmp_path = tmp_path_factory.mktemp("others")
    paths = []
    for name, text in OTHERS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    assert index.add(paths, progress=False).ok
    found = Assistant(settings, index=index).retriever(k=3)
    found.mode = "bm25"  # the keyword side alone, where generic-word repeats weigh most
    return found


def test_the_topic_passage_outranks_generic_word_repeats(retriever):
    from dataclasses import replace

    cands = retriever.candidates("潮汐发电存在哪些短板？")
    on = retriever.rank(cands, 3, replace(retriever.fusion, coverage=2.0)).hits
    assert on[0].chunk.doc_title == "海港能源报告" and on[0].chunk.section_id == "3"
    off = retriever.rank(cands, 3, replace(retriever.fusion, coverage=0.0)).hits
    # without it, BM25 prefers the sections repeating the topical term without the question's point
    assert off[0].chunk.section_id != "3"


def test_on_a_small_corpus_a_term_every_document_uses_still_counts():
    """Two documents: 城市更新 is in both, 地铁 in one. The shared term's document weight is
    log(1 + 2/2), not near zero: a chunk holding it alone keeps a real share of the query's weight."""
    index = _index(
        {"a": ["城市更新提速", "地铁建设加快", "城市更新与地铁规划衔接"], "b": ["城市更新试点扩大", "老旧小区改造"]}
    )
    share = index.coverage("城市更新和地铁", ["a:0", "a:1", "a:2", "b:1"])
    assert share["a:2"] == pytest.approx(1.0)
    assert share["a:0"] > 0.4 and share["a:1"] > 0.4
    assert share["b:1"] == 0.0


def test_a_term_only_a_hidden_document_holds_weighs_nothing():
    """A view without some documents (`with_shards`, as the index with its translations hidden) keeps the
    shared vocabulary: a query word only a hidden document holds must weigh 0, not make every share NaN."""
    index = _index({"a": ["城市更新提速", "地铁建设加快"], "b": ["city renewal zebra crossing"]})
    view = index.with_shards({}, ["a"])
    share = view.coverage("zebra 城市更新", ["a:0", "a:1"])
    assert share == {"a:0": pytest.approx(1.0), "a:1": 0.0}
