"""Generated English section labels: English numbering plus dictionary glosses, marked as generated.

The texts are written for the test; hand-written labels (the manifest's) must survive untouched.
"""

from __future__ import annotations

from knowledge import pipeline
from knowledge.labels_en import english_label, gloss_words, numbering
from knowledge.models import DocumentMeta, Section
from knowledge.settings import Settings

GLOSS = {
    "扩大": "expand",
    "内需": "domestic demand",
    "推动": "promote",
    "城市": "city",
    "渔港": "fishing port",
    "治理": "governance",
    "改革": "reform",
    "就业": "employment",
    "高质量": "high quality",
    "发展": "development",
}.get

TEXT = """城市治理工作要点

一、总体要求
城市治理要坚持以人民为中心。

（一）扩大内需
要扩大内需，推动消费。

（二）推动高质量发展
高质量发展是首要任务。

二、深化改革
要深化改革，稳定就业。
"""


def _section(sid: str, label: str) -> Section:
    return Section(sid, label, "", [label], 1)


def test_numbering_in_english():
    assert numbering(_section("3", "三、深化改革"))[0] == "III."
    assert numbering(_section("3.8", "三（八）扩大内需"))[0] == "III.8"
    assert numbering(_section("x", "（12）深化改革"))[0] == "Item 12"
    assert numbering(_section("p3", "城市治理要坚持"))[0] == "¶3"
    assert numbering(_section("x", "第二部分 深化改革"))[0] == "Part II"


def test_key_words_are_glossed_clause_by_clause():
    # (城市 is a word of the genre's table: "urban", as in the official names, 城市工作会议 "Urban Work Conference")
    assert gloss_words("扩大内需，推动城市治理", GLOSS) == "Expand domestic demand, promote urban governance"
    # a compound the dictionary lacks is glossed by its parts
    assert english_label(_section("2", "二、推动高质量发展"), GLOSS) == "II. Promote high-quality development"


def test_pipeline_fills_and_marks_generated_labels_but_keeps_hand_written_ones():
    meta = DocumentMeta(doc_id="t", title="城市治理工作要点", section_labels_en={"2": "II. Deepening reform (by hand)"})
    chunks = pipeline.process_document(TEXT, meta, Settings.load(env={}))
    by_section = {c.section_id: c for c in chunks}
    assert by_section["2"].section_label_en == "II. Deepening reform (by hand)"
    assert not by_section["2"].section_label_en_generated
    assert by_section["1.1"].section_label_en.startswith("I.1 ")
    assert "domestic demand" in by_section["1.1"].section_label_en
    assert by_section["1.1"].section_label_en_generated
    assert by_section["1.1"].to_metadata()["section_label_en_generated"] is True


def test_policy_verbs_read_as_verbs_and_a_noisy_heading_falls_back_to_chinese():
    from knowledge.zh_en import ZhEnDictionary

    gloss = ZhEnDictionary.full().gloss
    # the dictionary's first senses would read "comprehensive … bloom"; the genre table reads the verbs
    label = english_label(_section("4.9", "四（9）完善高水平对外开放体制机制"), gloss)
    assert label == "IV.9 Improve high-standard opening up institutions and mechanisms"
    assert "Four" not in label and "9 " not in label.split(" ", 1)[1]
    # an adverb keeps the verb after it a verb
    assert english_label(_section("2", "二、全面推进城乡治理"), gloss).startswith("II. Fully advance")
    # a run of verbs opens the heading ("improve and advance"), a noun after them stays a noun
    assert english_label(_section("3", "三、完善推进城乡治理机制"), gloss).startswith("III. Improve and advance")
    # a Five-Year Plan by its number is named, not glossed "fifteen five"
    assert "15th Five-Year Plan" in gloss_words("“十五五”时期的改革", gloss)
    # a heading with a word that has no confident rendering shows the Chinese heading, glossed
    noisy = english_label(_section("3", "三、铸就文旅融合新辉煌"), gloss)
    assert noisy.startswith("III. 铸就文旅融合新辉煌")
    assert "(gloss: " in noisy


def test_a_two_character_dictionary_word_is_not_taken_as_a_rendering():
    """A two-character word's first dictionary sense is often another part of speech (收入 "to take in");
    glossed word by word, headings read as nonsense to an English reader (a blind review). The genre's
    common words are in the table; any other two-character word sends the label to the Chinese
    heading with only the confident words."""
    from knowledge.zh_en import ZhEnDictionary

    gloss = ZhEnDictionary.full().gloss
    assert gloss("收入") == "take in"
    assert english_label(_section("5", "五、完善收入分配制度"), gloss) == "V. Improve income distribution institutions"
    label = english_label(_section("6", "六、完善收入分配办法"), gloss)
    assert label == "VI. 完善收入分配办法 (gloss: improve income distribution)"
    # a set phrase of three or more characters is the dictionary's rendering
    assert english_label(_section("7", "七、推进意识形态工作"), gloss).startswith("VII. Advance ideology")


def test_a_paragraph_sections_opening_words_are_glossed_word_by_word():
    """A text without headings: the label is ¶n and the opening words; an English reader gets every word glossed
    (marked as a gloss, the Chinese kept beside it), not only the few a heading's fallback keeps."""
    label = english_label(_section("p2", "¶2 渔港治理要扩大内需，推动就业…"), GLOSS)
    assert label.startswith("¶2 渔港治理要扩大内需，推动就业")
    gloss = label.split("(gloss: ", 1)[1]
    for word in ("fishing port governance", "must", "domestic demand", "promote employment"):
        assert word in gloss


def test_a_run_in_items_opening_words_are_glossed_word_by_word():
    """一是… / 第二，…: a run-in item opens with a sentence too."""
    label = english_label(_section("1.1", "一是渔港治理要扩大内需，推动就业"), GLOSS)
    assert label.startswith("First 渔港治理要扩大内需，推动就业")
    assert "promote employment" in label.split("(gloss: ", 1)[1]


def test_dates_years_and_meetings_in_a_label_read_as_english_not_character_glosses():
    """12月8日至9日 was glossed "12 moon 8 solstice 9 sun", 二〇四〇年 "two zero four", 党的十七大 "party seventeen
    big": numbers, dates and named meetings are written in digits and English words before any glossing."""
    words = {"会议": "meeting", "举行": "hold", "以来": "since", "目标": "goal"}

    def gloss(word: str) -> str:
        return words.get(word, "")

    label = english_label(_section("p1", "¶1 城市工作会议12月8日至9日举行…"), gloss)
    assert "December 8 to 9" in label and "moon" not in label
    label = english_label(_section("p3", "¶3 到二〇四〇年的目标…"), gloss)
    assert "2040" in label.split("(gloss: ", 1)[1]
    label = english_label(_section("p4", "¶4 党的十七大以来…"), gloss)
    assert "17th National Congress since" in label
    label = english_label(_section("p5", "¶5 第十八届中央委员会第三次全体会议举行…"), gloss)
    assert "third plenary session of the 18th central committee" in label.lower()
    label = english_label(_section("p6", "¶6 党的十七届六中全会以来…"), gloss)
    assert "sixth plenary session of the 17th central committee since" in label.lower()


def test_numerals_in_english_keep_counts_of_months_and_non_congress_numbers():
    from knowledge.numerals_en import in_english_numerals

    assert "6个月" in in_english_numerals("用6个月时间")  # a count of months, not June
    assert "Congress" not in in_english_numerals("实施十二大行动")  # twelve major actions, not a congress
    assert "3 years" in in_english_numerals("近3年来")
    assert "13月" in in_english_numerals("13月")  # no such month: left as written
