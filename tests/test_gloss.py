"""The word-by-word English gloss of quoted Chinese sentences in English answers (`assistant.gloss`).

Sentences written for these tests, not taken from the bundled corpus."""

from __future__ import annotations

import re

import pytest
from gloss_support import glosser_over

from assistant.answer import Citation
from assistant.bridge import Bridge
from assistant.gloss import LABEL, SentenceGloss, attach
from assistant.glossary import Glossary, Term
from knowledge.text import has_han
from knowledge.zh_en import IndexLexicon, ZhEnDictionary

TEXTS = [
    "2023年，本市国内生产总值增长5.2%，达到3.6万亿元。",
    "需求收缩、供给冲击的压力仍然存在，企业经营面临困难。",
    "王晓峰研究员指出，要加快发展新质生产力，完善科技创新体系。",
    "全年新增就业岗位85万个，居民人均可支配收入增长4.8%。",
    "推动GDP稳步增长，3月15日起实施新的住房政策。",
]


@pytest.fixture(scope="module")
def glosser() -> SentenceGloss:
    base = Glossary.load()
    # a multi-word term and a shorter one inside it: the longer form must win
    glossary = Glossary([*base.terms, Term(("需求收缩",), ("demand contraction",)), Term(("需求",), ("needs",))])
    return glosser_over(TEXTS, glossary)


def test_no_chinese_is_left_in_any_gloss(glosser):
    for text in TEXTS:
        gloss = glosser.gloss(text)
        assert gloss and not has_han(gloss), (text, gloss)
        assert len(re.findall(r"[A-Za-z]+", gloss)) >= 4, gloss


def test_the_glossarys_longest_term_wins(glosser):
    gloss = glosser.gloss(TEXTS[1])
    assert gloss.startswith("demand contraction"), gloss
    assert "needs" not in gloss
    assert "new quality productive forces" in glosser.gloss(TEXTS[2])


def test_numbers_years_and_percentages_are_kept(glosser):
    gloss = glosser.gloss(TEXTS[0])
    assert gloss.startswith("2023,"), gloss  # 2023年 → 2023
    assert "5.2%" in gloss and "3.6 trillion" in gloss, gloss
    gloss = glosser.gloss(TEXTS[3])
    assert "850,000" in gloss and "4.8%" in gloss, gloss
    assert "March 15" in glosser.gloss(TEXTS[4])


def test_latin_text_is_kept_and_particles_dropped(glosser):
    gloss = glosser.gloss(TEXTS[4])
    assert "GDP" in gloss, gloss
    # 的 carries no meaning between 新 and 住房政策: no stray "of"/"target" from its dictionary senses
    assert " of " not in glosser.gloss("新的住房政策"), glosser.gloss("新的住房政策")


def test_unknown_names_are_romanised(glosser):
    gloss = glosser.gloss(TEXTS[2])
    assert gloss.startswith("Wang Xiaofeng"), gloss


def test_a_word_whose_last_two_characters_are_a_word_is_no_name(glosser):
    """高品质 opens with a surname but is 高 + 品质 "quality": not romanised as a person ("Gao Pinzhi"); a name the
    tagger reads stays one."""
    gloss = glosser.gloss("推动高品质生活，王晓峰研究员出席。")
    assert "Gao" not in gloss and "quality" in gloss or "character" in gloss, gloss
    assert "Wang Xiaofeng" in gloss, gloss


def test_a_footnote_mark_never_reads_as_a_citation_marker(glosser):
    gloss = glosser.gloss("这一结论已有研究证实［4］。")
    assert gloss and "[" not in gloss and "(4)" in gloss, gloss


def test_a_sentence_without_chinese_gets_no_gloss(glosser):
    assert glosser.gloss("GDP grew by 5.2% in 2023.") == ""


def _citation(n: int, quote: str, **extra: str) -> Citation:
    return Citation(n, f"d:1:00{n}", "d", "标题", "2024", "1", "一、发展", "I. Development", quote, **extra)


def test_attach_glosses_english_answers_under_their_quotes(glosser):
    text = f"The documents address this question in the following passages:\n\nIn “T”, I:\n「{TEXTS[0]}」[1]\n「{TEXTS[3]}」[2]"
    official = _citation(2, TEXTS[3], quote_en="An official English sentence.", chunk_id_en="e:1:002", doc_id_en="e")
    out, cited = attach(text, [_citation(1, TEXTS[0]), official], "en", lambda: glosser)
    assert cited[0].gloss_en == glosser.gloss(TEXTS[0]) and cited[0].gloss_en
    assert cited[1].gloss_en == "", "an official translation's quote needs no gloss"
    lines = out.split("\n")
    i = lines.index(f"「{TEXTS[0]}」[1]")
    assert lines[i + 1] == f"{LABEL} {cited[0].gloss_en}"
    assert lines[-1] == f"「{TEXTS[3]}」[2]"


def test_chinese_answers_are_not_glossed(glosser):
    text = f"文献中与该问题直接相关的论述如下：\n「{TEXTS[0]}」[1]"
    out, cited = attach(text, [_citation(1, TEXTS[0])], "zh", lambda: glosser)
    assert out == text and cited[0].gloss_en == ""


def test_an_english_answer_from_an_index_shows_the_gloss(document_index):
    from assistant.pipeline import Assistant
    from assistant.testing import assert_contract

    text = "一、经济发展\n" + "".join(TEXTS[:2]) + "\n二、科技创新\n" + "".join(TEXTS[2:]) + "\n"
    settings, index = document_index("gloss-test.txt", text)
    answer = Assistant(settings, index=index).ask("How much did gross domestic product grow in 2023?").to_dict()
    assert_contract(answer, min_contexts=1)
    assert not answer["refused"], answer["answer"]
    glossed = [c for c in answer["citations"] if c["gloss_en"]]
    assert glossed, answer["citations"]
    for c in glossed:
        assert not has_han(c["gloss_en"])
        assert f"{LABEL} {c['gloss_en']}" in answer["answer"]


def test_a_figure_with_more_than_before_its_unit_reads_as_one_number(glosser):
    """三千二百多万套 is "over 32 million" (was "over 3200" and 万套 romanised as a name), and a classifier after
    a number's unit (套, 名) is read as nothing."""
    gloss = glosser.gloss("全市建成保障房三千二百多万套，惠及一千一百多万户，培训技工六百多万名。")
    assert "over 32 million" in gloss and "over 11 million household" in gloss and "over 6 million" in gloss, gloss
    assert not re.search(r"Wan|cover|name\b", gloss), gloss


def test_a_word_whose_every_sense_explains_it_keeps_its_shortest_and_a_reference_its_targets_senses():
    """CC-CEDICT explains some words in longer senses than a search word may have, or only refers to another
    word ("see 邪道"): the gloss reads the shortest explanation, or the word referred to, not its characters."""
    senses = ZhEnDictionary.full().senses
    assert senses["长效"] == ("be effective over an extended period",)
    assert senses["邪路"] == senses["邪道"] and senses["邪路"]


def test_the_plain_sense_comes_first():
    """CC-CEDICT lists a proper name or a regional usage beside the common word (强国: "(ironically) mainland
    China (Taiwan & Hong Kong usage)" before "powerful country"; 现代 the company before "modern times"; 强 read
    jiang "stubborn" before qiang "strong"): the common word with the character's commonest reading wins."""
    senses = ZhEnDictionary.full().senses
    assert senses["强国"][0] == "powerful country"
    assert "mainland China" not in senses["强国"]
    assert senses["现代"][0] == "modern times"
    assert senses["强"][0] == "strong"
    # the reading's tone as well: 创 chuang4 (创新, 创造) "to initiate", not chuang1 "a wound" (a blind reader's garble)
    assert senses["创"][0] != "a wound" and "initiate" in senses["创"][:3]
    assert senses["比"][0] == "compare"


def test_a_place_keeps_its_name_and_a_word_is_not_read_as_a_name_inside_it(glosser):
    """北京's only CC-CEDICT sense is "Beijing, capital of …" (the rendering, then an explanation); 劳动报酬 is
    not in the dictionary and reads as 劳动 + 报酬, not as the newspaper 劳动报 ("Trud") + 酬."""
    text = glosser.gloss("会议在北京举行，劳动报酬稳步提高。")
    assert "Beijing" in text
    assert "Trud" not in text and "reward" in text


def test_a_place_inside_a_longer_word_keeps_its_name_and_this_reads_this(glosser):
    """台湾同胞 is Taiwan + compatriots (a place's capitalised sense is its name, not a name hidden in a word:
    not 台 "you" + 湾 "bay"); 本 before a noun is "this" (本世纪 "this century", not "root century")."""
    text = glosser.gloss("欢迎台湾同胞在本世纪中叶前来参观。")
    assert "Taiwan" in text and "bay" not in text
    assert "this century" in text and "root" not in text


def test_common_words_read_in_their_running_text_sense():
    """Words whose dictionary sense misleads in a policy sentence (先 "early", 当下 "immediately", 自有 "of course
    have", 按 "press") read as they are meant there (`assistant/data/gloss_words.tsv`)."""
    text = "当下，海港先发行专项债券，企业以自有资金按季度投入。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([text])))
    gloss = glosser.gloss(text)
    assert gloss.startswith("at present"), gloss
    assert "first issue" in gloss and "own" in gloss and " at " in gloss, gloss
    assert not any(w in gloss for w in ("early", "immediately", "of course", "press")), gloss
    meeting = "海港委员列席这次会议，要求化解港口纠纷，盘活存量岸线，公布名义运价。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([meeting])))
    gloss = glosser.gloss(meeting)
    assert "this meeting" in gloss and "second" not in gloss, gloss  # 这次: this, not "this second"
    assert "non-voting" in gloss and "defuse" in gloss and "existing stock" in gloss and "nominal" in gloss, gloss


def test_a_name_the_dictionary_knows_whole_is_glossed_whole(glosser):
    """jieba cuts 上海合作组织 into three words the text's lexicon glosses one by one; the dictionary has the
    whole name, and the reader gets it."""
    gloss = glosser.gloss("本市将承办上海合作组织的一次部长级会议。")
    assert "Shanghai Cooperation Organisation" in gloss, gloss


def test_words_of_political_prose_read_as_meant_there():
    """分子 is "elements" (not "molecule"), 同胞 "compatriots" (not "sibling"), 时 after a time "when" (not "o'clock"),
    人民政协 the CPPCC, 决不 "never" (a blind grading found each of these garbled)."""
    text = "决不允许分裂分子破坏台湾同胞的团结，建港十周年时召开人民政协会议。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([text])))
    gloss = glosser.gloss(text)
    assert all(w in gloss for w in ("never", "elements", "compatriots", "anniversary when", "CPPCC")), gloss
    assert not any(w in gloss for w in ("molecule", "sibling", "o'clock", "cooperate", "simply")), gloss


def test_a_readouts_reporting_words_read_as_meant_there():
    """部署 lays out (not "dispose"), 方面 are aspects (not "respect"), 重点 is key (not "important point"), 指出 points
    out, 强调 stresses: the words every readout's paragraphs open with."""
    text = "会议指出，要部署港口工作5个方面的重点任务。会议强调，要守住安全底线。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([text])))
    gloss = glosser.gloss(text)
    assert all(w in gloss for w in ("pointed out", "lay out", "aspects", "key", "stressed")), gloss
    assert not any(w in gloss for w in ("dispose", "respect", "important point", "indicate")), gloss


def test_a_negation_reads_as_one_and_speculation_is_not_cooking():
    """不是 is "not" (CC-CEDICT's first sense, "fault", turned "是用来住的、不是用来炒的" into "fault be used for sauté"),
    一般 "ordinary", 炒 (of houses, stocks) "speculate on" (a blind grading found each garbled)."""
    text = "坚持港口是用来运货的、不是用来炒的定位，推进的不是一般的改革。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([text])))
    gloss = glosser.gloss(text)
    assert all(w in gloss for w in ("not", "ordinary", "speculate")), gloss
    assert not any(w in gloss for w in ("fault", "sauté", "same")), gloss


def test_names_in_a_list_of_people_are_romanised_whole():
    """jieba splits names it does not know (王 + 永春, "Yongchun County"; 毛 + 万春, "hair"): in a sentence that names
    people, a name next to a list comma is romanised whole (a blind grader read "grand Yongchun County"). Places the
    dictionary knows stay places."""
    texts = [
        "港务会议审议通过了关于李东生、蒋洁敏、王永春、李春城、万庆良严重违纪问题的审查报告。",
        "会议递补候补委员毛万春、王晓峰为委员。",
        "李东生出席会议，支持江苏、浙江开展试点。",
    ]
    glossary = Glossary.load()
    glosser = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build(texts)))
    first, second, third = (glosser.gloss(t) for t in texts)
    assert "Wang Yongchun" in first and "Wan Qingliang" in first and "County" not in first, first
    assert "Mao Wanchun" in second and "hair" not in second, second
    assert "Jiangsu" in third and "Zhejiang" in third, third


def test_agreement_reads_as_consistent_and_no_double_space_is_left():
    """一致 in running text is "consistent", not "unanimous" (a blind grader's example); a dropped character leaves no
    double space ("party  leadership")."""
    text = "坚持党的领导和港务法治是一致的。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "consistent" in gloss and "unanimous" not in gloss and "  " not in gloss, gloss


def test_a_record_a_channel_and_a_readouts_credit_read_as_meant_there():
    """创历史最高水平 sets a record (not "a wound history tallest level"), 渠道 are channels (not an "irrigation ditch"),
    调结构 adjusts the structure (not "transfer"), 在京 is in Beijing (not "big"), and a readout's credit
    央视网消息（新闻联播） is CCTV's, not a person's name read in pinyin: a blind reader found each of these garbled."""
    text = "央视网消息（新闻联播）：海港会议在京召开。粮食产量创历史最高水平，拓宽融资渠道，加快调结构。"
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build([text])))
    gloss = glosser.gloss(text)
    assert all(w in gloss for w in ("CCTV", "in Beijing", "set", "highest", "channels", "adjust")), gloss
    assert not any(w in gloss for w in ("Yang", "wound", "tallest", "ditch", "transfer", "big")), gloss


def test_a_name_the_dictionary_knows_as_a_word_is_romanised_in_a_list_of_people():
    """ "张建华、汪洋、王沪海出席会议": 汪洋 is a person there, not "vast body of water", and 王沪海's 沪, a character only
    names use in the dictionary, is read (before: "wang hai"); a blind grader could not tell who attended."""
    text = "张建华、汪洋、王沪海出席会议。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "Wang Yang" in gloss and "water" not in gloss, gloss
    assert "Wang Huhai" in gloss, gloss


def test_in_china_is_read_as_china():
    """在华 is "in China" (the dictionary's 华 "magnificent", a one-character word whose capitalised sense "China" is
    skipped, read "protect in magnificent foreign-funded enterprises")."""
    text = "保护在华外资企业合法权益。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "in China" in gloss and "magnificent" not in gloss, gloss


def test_a_run_the_tagger_takes_for_a_person_is_glossed_when_it_is_no_listed_name():
    """jieba's tagger also tags 加倍努力, 安全性 and 相衔接 as people: written alone between commas they are glossed, not
    romanised ("Jia Beinuli"), as they open with no common surname or are dictionary words outside a list of people."""
    text = "各方面齐心协力，加倍努力，确保项目可行性、安全性，与规划目标相衔接。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "Jia" not in gloss and "An Quan" not in gloss and "Xiang Xian" not in gloss, gloss


def test_a_word_with_a_suffix_in_a_list_is_no_person():
    """复杂性、严峻性、不确定性: the tagger takes 严峻性 (严峻 + 性) for a person and it stands between list commas; it was
    romanised "Yan Junxing" in a Politburo readout's gloss. A name whose first two characters are no word stays one."""
    text = "我国经济发展环境的复杂性、严峻性、不确定性上升。李东生、王永春、万庆良出席会议。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert "Yan" not in gloss and "grim" in gloss, gloss
    assert "Wang Yongchun" in gloss and "Li Dongsheng" in gloss, gloss


def test_a_line_of_names_is_glossed_name_by_name(glosser):
    """A communiqué's name list is people, each romanised whole (栗战书 was "chilly written war challenge", 苗华 "sprout
    magnificent", a blind reader's complaint), its titles in English, spaced-out ones read whole, remarks kept."""
    assert glosser.gloss("习近平\u3000栗战书\u3000汪洋\u3000苗华") == "Xi Jinping, Li Zhanshu, Wang Yang, Miao Hua"
    assert glosser.gloss("书\u3000记\u3000李希").startswith("secretary, Li Xi")
    assert glosser.gloss("副主席\u3000张又侠").split(", ")[1] == "Zhang Youxia"
    assert glosser.gloss("王晓萍（女）\u3000王爱文").startswith("Wang Xiaoping (female), Wang Aiwen")


def test_words_a_blind_reader_found_garbled_in_readouts():
    """翻一番 was "turn over one foreign" (a reader never learnt that incomes doubled), 成立 "hold water" (新中国成立
    is the founding of New China), 办公室主任 "business premises director", 惠民生 "Huimin be born"."""
    text = "农民收入较2010年翻一番多。新中国成立70周年。领导小组办公室主任作总结讲话，要惠民生。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert all(w in gloss for w in ("more than double", "founding", "office director", "people's lives")), gloss
    assert not any(w in gloss for w in ("foreign", "hold water", "premises", "Huimin")), gloss


def test_a_sense_the_indexs_english_texts_use_is_preferred_to_the_dictionarys_first():
    """变调's first CC-CEDICT sense is the linguists' "tone sandhi"; the index's English texts (an official
    translation's words) say "change". With them the gloss takes a sense whose every word they use; without them,
    as before, the dictionary's order decides. A blind grader read "proactive fiscal policy not tone sandhi" for
    积极的财政政策不变调."""
    from assistant.bridge import Bridge
    from assistant.gloss import SentenceGloss
    from assistant.glossary import Glossary
    from knowledge.zh_en import IndexLexicon

    text = "积极的财政政策不变调。"
    bridge = Bridge(Glossary.load(), IndexLexicon.build([text]))
    english = frozenset("we will not change the key policies and will keep them stable".split())
    assert "sandhi" in SentenceGloss(Glossary.load(), bridge).gloss(text)
    glossed = SentenceGloss(Glossary.load(), bridge, english).gloss(text)
    assert "change" in glossed and "sandhi" not in glossed


def test_a_place_the_word_also_names_is_not_its_gloss():
    """兴国 is "invigorate the country" before it is "Xingguo county": 兴国之魂 was glossed "Xingguo spirit" (a blind
    reader); a word whose first sense is a name (中国 "China") keeps it."""
    glosser = SentenceGloss(Glossary.load(), Bridge(Glossary.load(), IndexLexicon.build(["坚持科教兴国。"])))
    gloss = glosser.gloss("坚持科教兴国。")
    assert "Xingguo" not in gloss and "invigorate" in gloss
    assert "China" in glosser.gloss("中国经济")


def test_coordinated_one_character_modifiers_read_as_coordinated(glosser):
    """东西部 is 东部 and 西部, not 东西 "stuff" + 部 "department" (a blind reader, 2026-12-07); a direction that is one
    (西南部) or a name (中东) is left whole, and modifiers that each make a word with the head read as those words."""
    gloss = glosser.gloss("缩小东西部差距，推进大中小城市协调发展。")
    assert "eastern and western regions" in gloss and "stuff" not in gloss, gloss
    assert "large, medium and small" in gloss, gloss
    assert "southwest" in glosser.gloss("西南部地区"), glosser.gloss("西南部地区")
    assert "Middle East" in glosser.gloss("中东问题"), glosser.gloss("中东问题")
    gloss = glosser.gloss("大中小学思政课")
    assert "university" in gloss and "large" not in gloss, gloss
    assert glosser.gloss("东中西部地区") == "eastern, central and western regions"


def test_words_the_thirty_seventh_batchs_readers_found_garbled():
    """护林员 was "protect forest person", 抓手 "mechanical hand", 严肃认真抓好整改 "grave serious grab good reform" and
    奔小康 "run quickly well-off" (blind readers, 2026-12-07)."""
    text = "增加护林员等公益岗位，以帮扶措施为抓手，要严肃认真抓好整改，携手奔小康。"
    glossary = Glossary.load()
    gloss = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build([text]))).gloss(text)
    assert all(w in gloss for w in ("forest rangers", "posts", "lever", "rectification", "moderate prosperity")), gloss
    assert not any(w in gloss for w in ("protect forest", "mechanical", "grab", "run quickly", "grave")), gloss
