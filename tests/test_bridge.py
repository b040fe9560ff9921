"""The cross-lingual bridge: glossary overlay over a dictionary restricted to the index's words.

Hand-made dictionary and glossary (no bundled text): the rules, not the data, are under test.
"""

from __future__ import annotations

from assistant.bridge import Bridge
from assistant.glossary import Glossary, Term
from knowledge.zh_en import IndexLexicon, ZhEnDictionary, clean_sense

SENSES = {
    "就业": ("employment", "get a job"),
    "职业": ("occupation", "employment"),
    "法治": ("rule of law",),
    "法律": ("law",),
    "粮食安全": ("food security",),
    "说": ("say",),
    "增长": ("growth", "increase"),
    "实在": ("honest", "actually"),
    "宗旨": ("aim", "purpose"),
}
DF = {"就业": 40, "职业": 3, "法治": 10, "法律": 12, "粮食安全": 5, "说": 50, "增长": 30, "实在": 1, "宗旨": 2}


def _bridge() -> Bridge:
    glossary = Glossary([Term(("法律",), ("law",), "general"), Term(("就业优先",), ("employment first",))])
    return Bridge(glossary, IndexLexicon(SENSES, DF, 100))


def test_english_words_bring_the_chinese_words_the_index_uses():
    b = _bridge()
    expanded = b.expand("What about employment and food security?")
    assert "就业" in expanded and "粮食安全" in expanded
    assert b.translate_en("What about food security?") == "What about 粮食安全?"


def test_candidates_are_ranked_by_first_sense_and_frequency():
    # 就业 has "employment" as its first sense and is frequent: it comes first
    assert _bridge().translate_en("employment") == "就业"


def test_the_glossary_wins_unless_the_dictionary_knows_a_longer_phrase():
    b = _bridge()
    assert b.translate_en("employment first policy") == "就业优先 policy"  # glossary phrase
    assert b.translate_en("the rule of law") == "the 法治"  # longer than the glossary's "law"
    assert b.translate_en("the law") == "the 法律"


def test_frame_words_and_one_character_words_are_not_translated():
    assert _bridge().expand("What does it say?") == "What does it say?"


def test_gloss_prefers_the_glossary():
    b = _bridge()
    assert b.gloss("就业优先") == "employment first"
    assert b.gloss("增长") == "growth"


def test_senses_are_cleaned_and_restricted_to_a_vocabulary():
    assert clean_sense("to expand") == "expand"
    assert clean_sense("CL:個|个[ge4]") == ""
    assert clean_sense("variant of 勛|勋[xun1]") == ""
    assert clean_sense("virtuous cycle (i.e. positive feedback loop)") == "virtuous cycle"
    d = ZhEnDictionary({"就业": ("employment",), "算力": ("computing power",)})
    assert d.gloss("算力") == "computing power" and d.gloss("不存在") == ""
    lexicon = IndexLexicon.from_json(IndexLexicon(SENSES, DF, 100).to_json())
    assert lexicon.dictionary.glosses("就业") == ("employment", "get a job") and lexicon.df["就业"] == 40


def test_words_that_frame_a_question_are_not_looked_up():
    """ "actually", "regarding", "aim for" frame a question: their dictionary senses (实在, 宗旨) are rare
    in the text and would pull unrelated chunks up the keyword list."""
    expanded = _bridge().expand("What did employment actually aim for?")
    assert "就业" in expanded
    assert "实在" not in expanded and "宗旨" not in expanded


def _wider_bridge() -> Bridge:
    senses = {
        **SENSES,
        "党": ("party", "association"),
        "一行": ("party", "delegation"),
        "新": ("new", "newly"),
        "新闻": ("news",),
        "年": ("grain", "year"),
        "时间": ("time",),
        "国内生产总值": ("gross domestic product",),
    }
    df = {**DF, "党": 99, "一行": 2, "新": 277, "新闻": 3, "年": 40, "时间": 20, "国内生产总值": 30}
    glossary = Glossary([Term(("国内生产总值",), ("gross domestic product", "GDP"))])
    return Bridge(glossary, IndexLexicon(senses, df, 100))


def test_a_possessive_is_matched_as_its_word():
    assert "党" in _wider_bridge().expand("What does the Party's plan say?")
    assert "就业" in _wider_bridge().expand("the employment's share")


def test_a_character_stands_only_for_the_word_it_first_means():
    b = _wider_bridge()
    assert b.translate_en("the party") == "the 党"  # 党's first sense, ahead of 一行's second
    assert "年" not in b.expand("which year")  # 年's "year" is not its first sense here


def test_news_is_no_plural_of_new():
    b = _wider_bridge()
    assert "新闻" not in b.expand("new jobs") and "新" in b.expand("new jobs")
    assert "新闻" in b.expand("the news")


def test_how_many_times_asks_for_a_count_not_for_time():
    assert "时间" not in _wider_bridge().expand("How many times was it cut?")


def test_latin_words_of_a_chinese_question_are_bridged_and_are_focus_units():
    """ "过去十年我国GDP增长了多少": the text says 国内生产总值; the Latin word reaches it through the same
    bridge, for the keyword query and for what the refusal checks the quoted sentences for."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units, holds

    b = _wider_bridge()
    question = "过去十年我国GDP增长了多少？"
    assert "国内生产总值" in b.expand(question)
    units = [
        u for u in focus_units(question, "zh", {"国内生产总值": 30, "增长": 40}, b, _INTERROGATIVE) if "gdp" in u.forms
    ]
    assert len(units) == 1 and "国内生产总值" in units[0].forms
    assert holds(units[0], "国内生产总值从五十四万亿元增长到一百一十四万亿元")


def test_a_chinese_question_gets_its_latin_words_glossed_in_chinese():
    b = _wider_bridge()
    assert b.annotate("过去十年我国GDP增长了多少？") == "过去十年我国GDP（国内生产总值）增长了多少？"
    assert b.annotate("我国GDP即国内生产总值增长了多少？") == "我国GDP即国内生产总值增长了多少？"  # already there
    assert b.annotate("How did GDP grow?") == "How did GDP grow?"  # an English question is bridged elsewhere


def test_an_inflected_verb_is_looked_up_as_the_word_the_dictionary_lists():
    b = Bridge(
        Glossary([]),
        IndexLexicon(
            {"回顾": ("review",), "计划": ("plan",), "退休": ("retire",)}, {"回顾": 5, "计划": 9, "退休": 4}, 100
        ),
    )
    assert b.translate_en("the years reviewed") == "the years 回顾"
    assert b.translate_en("planned cities") == "计划 cities"
    assert b.translate_en("retired workers") == "退休 workers"


def test_a_derived_or_irregular_form_is_looked_up_as_its_base_word():
    senses = {"退休": ("retire",), "建设": ("construct",), "公平": ("fair",), "建成": ("build",), "减少": ("reduce",)}
    b = Bridge(Glossary([]), IndexLexicon(senses, dict.fromkeys(senses, 5), 100))
    assert b.translate_en("retirement age") == "退休 age"
    assert b.translate_en("road construction") == "road 建设"
    assert b.translate_en("fairness") == "公平"
    assert b.translate_en("roads built") == "roads 建成"
    assert b.translate_en("a reduction") == "a 减少"


def test_an_adverb_is_looked_up_as_its_adjective():
    """ "comprehensively" / "steadily" are not in the dictionary, "comprehensive" / "steady" are (全面, 稳步)."""
    senses = {"全面": ("comprehensive",), "稳步": ("steady",), "家庭": ("family",)}
    b = Bridge(Glossary([]), IndexLexicon(senses, dict.fromkeys(senses, 5), 100))
    assert b.translate_en("comprehensively deepening") == "全面 deepening"
    assert b.translate_en("growing steadily") == "growing 稳步"
    assert b.translate_en("every family") == "every 家庭"


def test_a_word_that_only_occurs_inside_a_longer_phrase_is_still_looked_up_as_its_base_word():
    senses = {"计划": ("plan",), "计划经济": ("planned economy",)}
    b = Bridge(Glossary([]), IndexLexicon(senses, dict.fromkeys(senses, 5), 100))
    assert b.translate_en("the planned economy") == "the 计划经济"
    assert b.translate_en("projects planned") == "projects 计划"


def test_endings_do_not_make_words_of_unrelated_ones():
    senses = {"账单": ("bill",), "状态": ("state",), "磨": ("mill",)}
    b = Bridge(Glossary([]), IndexLexicon(senses, dict.fromkeys(senses, 5), 100))
    assert b.translate_en("a billion yuan at the station") == "a billion yuan at the station"


def test_prepositions_are_not_looked_up():
    b = Bridge(Glossary([]), IndexLexicon({"过度": ("over", "excessive")}, {"过度": 5}, 100))
    assert b.expand("growth over the decade") == "growth over the decade"


def test_a_place_is_found_by_the_name_its_definition_opens_with():
    """A proper noun's definition explains it after the name; the name alone is what a question writes."""
    from knowledge.zh_en import name_senses

    assert name_senses("Wuhan city on Changjiang, subprovincial city and capital of Hubei province") == ["Wuhan"]
    assert name_senses("Hubei Province (Hupeh) in central China, abbr. 鄂[E4], capital Wuhan 武漢|武汉[Wu3 han4]") == [
        "Hubei Province",
        "Hubei",
    ]
    assert name_senses("Yangtze River, or Chang Jiang") == ["Yangtze River", "Chang Jiang"]
    # a neighbourhood, a town, a lake placed after the name too ("Zhongguancun" was an unknown name in English
    # questions on a readout that speaks of 中关村, and they were refused)
    assert name_senses("Zhongguancun neighborhood of Beijing, containing Peking University") == ["Zhongguancun"]
    assert name_senses("Taihu lake in Jiangsu") == ["Taihu"]
    assert "Zhongguancun" in ZhEnDictionary.full().senses["中关村"]
    # a later clause names something else, a connector ends no name, a common word opens none
    assert name_senses("Xi Jinping (1953-), PRC general secretary") == ["Xi Jinping"]
    assert name_senses("Belt and Road Initiative, Chinese government plan") == []
    assert name_senses("traditional Chinese medical science") == []
    senses = ZhEnDictionary.full().senses
    assert "Wuhan" in senses["武汉"] and "Hubei" in senses["湖北"]
    b = Bridge(
        Glossary([]), IndexLexicon({"湖北": senses["湖北"], "武汉": senses["武汉"]}, {"湖北": 3, "武汉": 2}, 100)
    )
    assert b.translate_en("help for Wuhan and Hubei") == "help for 武汉 and 湖北"
    assert name_senses("Japanese yen") == []  # an adjective before its noun is no name
    assert name_senses("Three Gorges on the Chang Jiang or Yangtze, namely: Qutang Gorge") == ["Three Gorges"]


def _market_bridge() -> Bridge:
    senses = {
        "股市": ("stock market",),
        "资本市场": ("capital market",),
        "楼市": ("real estate market",),
        "资产": ("property", "assets"),
        "小学": ("primary school",),
        "中学": ("secondary school",),
        "初级": ("primary",),
        "动态": ("movement", "stock market"),
    }
    df = {"股市": 3, "资本市场": 9, "楼市": 2, "资产": 20, "小学": 4, "中学": 5, "初级": 6, "动态": 30}
    glossary = Glossary(
        [Term(("资本市场",), ("capital market", "stock market")), Term(("房地产市场",), ("property market",))]
    )
    return Bridge(glossary, IndexLexicon(senses, df, 100))


def test_the_dictionary_adds_its_own_word_for_the_very_phrase_the_glossary_renders():
    """The glossary's word comes first; the dictionary's word whose first sense is that phrase follows (股市), not one
    for which it is a later sense (动态 "movement" first)."""
    b = _market_bridge()
    assert [w for _, _, w in b.spans("What about the stock market?")] == [("资本市场", "股市")]
    assert b.translate_en("the stock market") == "the 资本市场"


def test_a_modifier_coordinated_with_another_takes_their_shared_head_noun():
    """ "property and stock markets" are property markets and stock markets; "primary and secondary schools" are
    primary schools and secondary schools."""
    b = _market_bridge()
    spans = [w for _, _, w in b.spans("the property and stock markets")]
    assert spans[0] == ("房地产市场",) and "股市" in spans[1]
    assert [w for _, _, w in b.spans("primary and secondary schools")] == [("小学",), ("中学",)]
    # no shared head across punctuation or without a coordinator
    assert [w for _, _, w in b.spans("property, and stock markets")][0] == ("资产",)
    assert [w for _, _, w in b.spans("primary schools")] == [("小学",)]
