"""The BM25 tokenizer: corpus terms and numbers stay whole, punctuation goes."""

from __future__ import annotations

from knowledge.keyword_index import KeywordIndex, tokenize


def test_key_terms_and_numbers_stay_whole():
    tokens = tokenize("实施“东数西算”工程，加快形成新质生产力，芯片被“卡脖子”，数据量将达76.6ZB，迈向工业4.0。")
    for term in ("东数西算", "新质生产力", "卡脖子", "76.6zb", "4.0", "工业"):
        assert term in tokens, term
    assert "算力" in tokenize("布局算力枢纽")
    assert "生产力" in tokens  # search mode also emits the dictionary sub-words
    assert not any(t in tokens for t in ("，", "“", "”", "。", " ", "的"))


def test_english_is_lowercased_without_stop_words():
    assert tokenize("The GDP grew 5.2% in 2023; new quality productive forces!") == [
        "gdp", "grew", "5.2%", "2023", "new", "quality", "productive", "force",
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
    index.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    assert loaded.search("数据要素", 3) == index.search("数据要素", 3)
    assert KeywordIndex.load(tmp_path / "missing") is None
