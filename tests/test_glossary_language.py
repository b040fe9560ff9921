"""The zh↔en glossary and language detection, on the real data file."""

from __future__ import annotations

from assistant.glossary import Glossary
from assistant.language import detect, reply_language


def test_glossary_has_enough_curated_domain_pairs():
    g = Glossary.load()
    assert len(g.domain_terms()) >= 150
    by_zh = {t.zh_main: t for t in g.terms}
    for zh, en in [
        ("新质生产力", "new quality productive forces"),
        ("新质生产力", "new quality productivity"),
        ("算力", "computing power"),
        ("东数西算", "East Data West Computing"),
        ("数据要素", "data elements"),
        ("卡脖子", "chokepoint technologies"),
        ("新型举国体制", "new whole-nation system"),
        ("两弹一星", "Two Bombs and One Satellite"),
        ("工业4.0", "Industry 4.0"),
        ("战略性新兴产业", "strategic emerging industries"),
        ("未来产业", "future industries"),
        ("人工智能+", "AI Plus"),
    ]:
        assert en in by_zh[zh].en, (zh, en)


def test_english_question_expands_to_the_chinese_terms_of_the_text():
    g = Glossary.load()
    expanded = g.expand("What chokepoint problems does China's computing power face?")
    assert "卡脖子" in expanded and "算力" in expanded
    assert g.translate_en("What is the East Data West Computing project?") == "What is the 东数西算 project?"
    # spelling variants of the PDF text come along
    assert "工业 4. 0" in g.expand("How does Industry 4.0 work in Germany?")


def test_chinese_question_is_not_padded_with_english():
    g = Glossary.load()
    q = "我国算力发展存在哪些短板？"
    assert g.expand(q) == q
    assert "computing power" in g.expand(q, to_english=True)


def test_acronyms_match_only_in_capitals():
    g = Glossary.load()
    assert "美国" in g.chinese_terms("What did the US programme set up?")
    assert "美国" not in g.chinese_terms("Tell us about the data market")


def test_glosses_skip_general_vocabulary():
    g = Glossary.load()
    glosses = dict(g.gloss("持续推进“东数西算”工程，将一部分东部地区算力需求有序引导至西部地区"))
    assert glosses["东数西算"] == "East Data West Computing"
    assert "发展" not in glosses and "数据" not in glosses


def test_language_detection():
    terms = Glossary.load().surface_terms()
    assert detect("我国算力发展存在哪些短板？") == "zh"
    assert detect("What is the East Data West Computing project?") == "en"
    assert detect("What is 新质生产力 in the paper?") == "mixed"
    assert reply_language("What is 新质生产力 in the paper?", terms) == "en"
    assert reply_language("什么是 East Data West Computing？", terms) == "zh"


def test_a_numbered_congress_is_the_texts_short_name():
    """ "since the 18th Party Congress" is 党的十八大 (the texts write 党的十八大以来), not the bare 全国代表大会 of "Party
    Congress": a name a readout never writes was judged missing from it and the question refused."""
    from assistant.refusal import entity_gap
    from knowledge.keyword_index import tokenize

    g = Glossary.load()
    assert g.translate_en("since the 18th Party Congress") == "since the 党的十八大"
    assert g.translate_en("since the Eighteenth National Congress of the CPC") == "since the 党的十八大"
    # unnumbered, the curated terms still answer
    assert g.translate_en("the Party Congress") == "the 全国代表大会"
    text = "会议认为，党的十八大以来，城市发展取得显著成就。"
    words, vocabulary = set(tokenize(text)), {"全国代表大会"}
    assert entity_gap(g.translate_en("What has been achieved since the 18th Party Congress?"), words, vocabulary) == 0.0
    assert entity_gap("What has been achieved since the 全国代表大会?", words, vocabulary) == 1.0
