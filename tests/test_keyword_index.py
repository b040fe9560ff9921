"""The BM25 tokenizer and index: derived terms and numbers stay whole, punctuation goes."""

from __future__ import annotations

from knowledge.keyword_index import KeywordIndex, Shard, Vocabulary, add_terms, derive_terms, pos_tags, tokenize

#: written for this test: a coined term quoted once, another recurring unquoted in varied contexts
TEXT = (
    "各地推进“云栖算网”建设。建立数据账户体系。完善数据账户体系，推广数据账户体系经验，"
    "依托数据账户体系开展试点。数据量将达76.6ZB，迈向工业4.0。"
)


def test_terms_are_derived_from_the_text_itself():
    terms = derive_terms(TEXT)
    assert "云栖算网" in terms  # quoted
    assert "数据账户体系" in terms  # a recurring run of jieba tokens, kept whole (not its parts)
    assert "数据账户" not in terms and "账户体系" not in terms
    assert not any(t.endswith(("的", "了")) for t in terms)
    add_terms(terms)
    tokens = tokenize(TEXT)
    for term in ("云栖算网", "数据账户体系", "76.6zb", "4.0", "工业"):
        assert term in tokens, term
    assert "算力" in tokenize("布局算力枢纽")
    assert "生产力" in tokenize("新质生产力")  # search mode also emits the dictionary sub-words
    assert not any(t in tokens for t in ("，", "“", "”", "。", " ", "的"))


def test_a_term_changes_only_the_texts_it_occurs_in():
    """Teaching the segmenter terms of other documents leaves a text without them cut as before (jieba's
    total frequency grew with every term, and 1,000 terms re-cut 较快增长 as 较快 instead of 较 + 快)."""
    text = "两地能源投资较快增长，本地居民可支配收入稳步提高，有效应对特大洪涝灾害"  # written for this test
    before = tokenize(text)
    rare = "鹭鸥鹊鹂鸾鹳鹬鹮鹞鹰"
    add_terms(rare[i % 10] + rare[i // 10 % 10] + rare[i // 100 % 10] + "鹮鹞" for i in range(1000))
    assert tokenize(text) == before


def test_english_is_lowercased_without_stop_words():
    assert tokenize("The GDP grew 5.2% in 2023; new quality productive forces!") == [
        "gdp",
        "grew",
        "5.2%",
        "2023",
        "new",
        "quality",
        "productive",
        "force",
    ]


def test_full_width_text_is_normalised():
    assert "76.6zb" in tokenize("７６.６ＺＢ") and "ai" in tokenize("ＡＩ")


def test_search_ranks_exact_terms_and_respects_the_filter(tmp_path):
    ids = ["a", "b", "c"]
    texts = ["实施东数西算工程，布局算力枢纽。", "培育数据要素市场。", "Computing power is the new productive force."]
    index = KeywordIndex.build(ids, texts)
    assert index.search("东数西算", 3)[0][0] == "a"
    assert index.search("computing powers", 3)[0][0] == "c"
    assert index.search("东数西算", 3, allowed={"b", "c"}) == []
    assert index.search("，。", 3) == []


def test_shards_share_global_statistics():
    """Replacing one document's shard gives the scores of an index built from scratch."""
    texts = {
        "a": ["数据要素市场化配置改革。", "培育数据要素市场。"],
        "b": ["算力基础设施布局。"],
        "c": ["数据要素和算力。"],
    }
    vocab = Vocabulary()

    def shard(d):
        return Shard.of([f"{d}{i}" for i in range(len(texts[d]))], [tokenize(t) for t in texts[d]], vocab)

    two = KeywordIndex({d: shard(d) for d in "ab"}, ["a", "b"], vocab)
    grown = two.with_shards({"c": shard("c")}, ["a", "b", "c"])
    fresh = KeywordIndex.build(
        [f"{d}{i}" for d in "abc" for i in range(len(texts[d]))], [t for d in "abc" for t in texts[d]]
    )
    assert grown.search("数据要素", 5) == fresh.search("数据要素", 5)
    assert grown.search("数据要素", 5) != two.search("数据要素", 5)  # df and N changed for every shard


def test_pos_tags_are_jiebas_part_of_speech_words():
    import jieba.posseg

    text = "武汉的国际航运中心建在哪个城市？"
    assert pos_tags(text) == tuple((t.word, t.flag) for t in jieba.posseg.lcut(text))
    assert pos_tags(text) is pos_tags(text)  # a short text's tags are remembered
    long = text * 40  # a long one's are not, and are the same
    assert pos_tags(long) == tuple((t.word, t.flag) for t in jieba.posseg.lcut(long))
