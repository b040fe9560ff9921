"""Words of a question's frame, not its topic, are no evidence to find: invented questions, closed classes."""

from __future__ import annotations


def test_a_plenum_or_congress_abbreviation_is_held_by_its_full_form():
    from assistant.refusal_evidence import FocusUnit, holds
    from knowledge.numerals_en import meeting_full_forms

    assert meeting_full_forms("五中全会") == ("第五次全体会议",)
    assert meeting_full_forms("二十一届三中全会") == ("第三次全体会议", "第二十一届中央委员会第三次全体会议")
    assert meeting_full_forms("党的二十二大") == ("第二十二次全国代表大会",)
    assert meeting_full_forms("全会") == ()
    unit = FocusUnit(("五中全会", *meeting_full_forms("五中全会")), 1.0)
    assert holds(unit, "中国共产党第二十一届中央委员会第五次全体会议，于2036年10月在北京举行。")


def test_a_measure_word_before_a_known_noun_is_no_unknown_word():
    from assistant.refusal import built_of_known

    vocabulary = {"文件", "任务"}
    assert built_of_known("份文件", ["份", "文件"], vocabulary)
    assert built_of_known("项任务", ["项", "任务"], vocabulary)
    assert not built_of_known("份报纸", ["份", "报纸"], vocabulary)


def test_frame_words_and_time_frames_are_not_focus_units():
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units

    df = {w: 3 for w in ("这次", "会上", "过去五年", "今年", "海洋", "渔港", "主持")}
    units = [u.forms[0] for u in focus_units("这次会上，过去五年海洋渔港建了多少？", "zh", df, None, _INTERROGATIVE)]
    assert "海洋" in units or "渔港" in units
    assert not {"这次", "会上", "过去五年"} & set(units)


def test_which_body_asks_for_a_name_not_for_the_word_body():
    """哪个机构主持: the answer names the body (市政府), without the word 机构; 哪位副市长: the sentence names the office (its head noun, 市长)."""
    from assistant.refusal_evidence import asked_head

    assert asked_head("会议由哪个机构主持？", "zh") == []
    assert asked_head("哪位副市长作了报告？", "zh") == ["市长"]


def test_how_many_aspects_asks_for_a_count_not_for_the_word_aspect():
    """几个方面 / 哪几项内容: the answer lists the aspects (结构优化、动能转换…) without the word 方面; 几个港口 names
    what is counted."""
    from assistant.refusal_evidence import asked_head

    assert asked_head("会议要求城市在哪些方面取得进展？共几个方面？", "zh") == []
    assert asked_head("规划新建几个港口？", "zh") == ["港口"]


def test_a_news_release_is_a_name_for_a_readout():
    from assistant.mentions import GENRES

    communique = next(zh for key, zh, _ in GENRES if key == "communique")
    assert "通稿" in communique


def test_a_duration_is_a_time_frame_but_a_year_is_asked_about():
    """过去五年 / 十年来 frame the question (the year checks judge them); 2031年 is what it asks about."""
    from assistant.focus import _ZH_FRAME

    assert _ZH_FRAME.match("过去五年") and _ZH_FRAME.match("十年来") and _ZH_FRAME.match("今年")
    assert not _ZH_FRAME.match("2031年") and not _ZH_FRAME.match("海洋")


def test_function_words_are_not_focus_units():
    """按照 (a preposition), 其中 (a pronoun), 这一 (outside jieba's dictionary, of frequent characters) frame the question:
    as focus units they weighed as much as its topic (这一: as rare as a word jieba never saw). The topic is 海洋 or
    海洋经济, as the process's segmenter reads it: indexing a text that coins 海洋经济 earlier in the same process (the
    external texts' index, in the full suite) teaches it the word."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units

    df = {w: 3 for w in ("按照", "其中", "这一", "海洋", "渔港", "比重", "海洋经济")}
    question = "按照规划，其中海洋经济的比重达到多少？报告怎么看这一变化？"
    units = [u.forms[0] for u in focus_units(question, "zh", df, None, _INTERROGATIVE)]
    assert {"海洋", "海洋经济"} & set(units) and "比重" in units
    assert not {"按照", "其中", "这一"} & set(units)


def test_how_a_text_assesses_something_is_frame_not_topic():
    """ "会议怎么评价今年的港口工作": the answer assesses the harbour work without the word 评价 (before, 评价 was the
    rarest thing asked about, and the question was refused)."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import focus_units

    df = {w: 3 for w in ("评价", "看待", "港口", "工作", "概括")}
    for question in ("会议怎么评价今年的港口工作？", "会议如何看待港口工作？", "会议怎样概括港口工作？"):
        units = [u.forms[0] for u in focus_units(question, "zh", df, None, _INTERROGATIVE)]
        assert "港口" in units and not {"评价", "看待", "概括"} & set(units), question


def test_a_compound_is_held_by_a_sentence_writing_its_words_apart():
    """财政赤字 asked about, 财政收支赤字 written: the compound's two words in one sentence hold it (before, the rarest
    unit was missing and the figure's sentence did not count); apart in two sentences, they do not."""
    from assistant.refusal import _INTERROGATIVE
    from assistant.refusal_evidence import evidence_fit, focus_units

    df = {"港口": 4, "财政": 60, "赤字": 9, "财政赤字": 3}
    question = "港口财政赤字定在多少？"
    units = focus_units(question, "zh", df, None, _INTERROGATIVE)
    assert "财政赤字" in [u.forms[0] for u in units]
    together = evidence_fit(question, units, ["今年港口财政收支赤字拟安排20亿元。"])
    apart = evidence_fit(question, units, ["港口财政收入增长。", "赤字拟安排20亿元。"])
    assert together["rarest_missing"] == 0.0 and together["focus_coverage"] == 1.0
    assert apart["focus_coverage"] < 1.0
    # in the other order, or far apart in one sentence, they are two things the sentence says
    reversed_ = evidence_fit(question, units, ["港口赤字扩大，财政收入增长。"])
    distant = evidence_fit(question, units, ["港口财政收入和支出的平衡逐步改善，赤字拟安排20亿元。"])
    assert reversed_["focus_coverage"] < 1.0 and distant["focus_coverage"] < 1.0


def test_what_a_text_asks_to_achieve_is_the_questions_frame():
    """ "明年要做到哪“六稳”": 做到 says how the text puts it, not what is asked; it was the rarest word the quote (the
    sentence listing 稳就业、稳金融…) lacked, and a blind reader's question was refused with that sentence nearest."""
    from assistant.focus import _ZH_FRAME

    assert _ZH_FRAME.match("做到") and not _ZH_FRAME.match("稳就业")
