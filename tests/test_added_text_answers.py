"""Answers and eval cases over a text a user adds (`python -m knowledge add`): invented texts, not the bundled ones."""

from __future__ import annotations

import json

import pytest

COMMUNIQUE = """中国共产党第二十一届中央委员会第四次全体会议公报
（2031年10月30日中国共产党第二十一届中央委员会第四次全体会议通过）
中国共产党第二十一届中央委员会第四次全体会议，于2031年10月27日至30日在北京举行。
出席这次全会的有，中央委员201人，候补中央委员160人。
全会由中央政治局主持。中央委员会总书记张建华作了重要讲话。
全会审议通过了关于加快建设海洋强国的决定，强调要建设现代海洋产业体系，提升海洋科技创新能力。
全会决定，中国共产党第二十二次全国代表大会于2032年下半年在北京召开。
"""


@pytest.fixture(scope="module")
def communique(document_index):
    return document_index("plenum-2031.txt", COMMUNIQUE)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "这次全会由谁主持，谁作了重要讲话？",
        "Who presided over the Fourth Plenary Session of the 21st CPC Central Committee?",
    ],
)
def test_a_who_question_is_not_answered_by_a_byline_naming_no_one(communique, question):
    """The byline （…全体会议通过） says when and by which meeting, not who presided: the sentence that names
    the people answers."""
    from assistant.pipeline import Assistant

    settings, index = communique
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quoted = " ".join(c.quote for c in answer.citations)
    assert "中央政治局主持" in quoted
    assert "通过）" not in quoted


@pytest.mark.slow
def test_eval_cases_about_an_added_text_resolve_against_the_index(communique, tmp_path):
    """`python -m eval run --cases` on a user's own document: its gold sections come from the index."""
    from eval.cli import _sections_for
    from eval.dataset import load_cases

    case = {
        "id": "own-1",
        "lang": "zh",
        "question": "二十二大什么时候召开？",
        "history": [],
        "answerable": True,
        "gold": {"doc_id": "plenum-2031"},
        "evidence": ["于2032年下半年在北京召开"],
        "reference_answer": "2032年下半年在北京召开。",
        "key_points": [["2032年下半年"]],
        "category": "who-when",
    }
    path = tmp_path / "own.jsonl"
    path.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    _, index = communique
    [resolved] = load_cases([path], _sections_for([path], index))
    assert resolved.section_ids
    assert any("2032年下半年" in span for span in resolved.answer_spans)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "二十一届四中全会是在什么时间、什么地点召开的？",
        "When and where was the Fourth Plenary Session of the 21st CPC Central Committee held?",
        # whatever words of the question the opening lacks, it is the answer (not a weak match to refuse)
        "When and where did the Fourth Plenary Session of the 21st CPC Central Committee take place?",
        # only where: the later sentence on the next congress being held in the same city (…在北京召开) shares
        # the question's words, not its subject
        "二十一届四中全会是在哪里召开的？",
        # said as in talk: 开 for 召开
        "二十一届四中全会是哪天在哪里开的？",
    ],
)
def test_when_and_where_a_named_meeting_was_held_is_its_opening_sentence(communique, question):
    """A communiqué's first sentence says when and where its meeting was held (…于…在北京举行): asked with the
    meeting's name (removed from the search as a document name) and 召开 for 举行, it is found and quoted."""
    from assistant.pipeline import Assistant

    settings, index = communique
    assistant = Assistant(settings, index=index)
    answer = assistant.ask(question)
    assert not answer.refused
    assert "2031年10月27日至30日在北京举行" in " ".join(c.quote for c in answer.citations)
    # the refusal reads the opening as the answer itself, as it reads a byline asked for
    assert assistant.diagnose(question)["features"]["evidence"] == 1.0


REPORT = """海州市政府工作报告（2031年）
一、2030年工作回顾
过去一年，全市经济稳中有进。地区生产总值增长5.6%，城镇新增就业12万人，年末城镇调查失业率为5.1%。
二、2031年工作任务
今年发展主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。
"""


@pytest.fixture(scope="module")
def city_report(document_index):
    return document_index("haizhou-2031.txt", REPORT)


@pytest.mark.slow
def test_a_figure_asked_for_a_year_the_passage_is_not_about_is_refused(city_report):
    """The review of 2030 gives the year-end unemployment rate: asked for 2028, the same sentence would answer
    with another year's figure (year_missing), so the Chinese question is refused; asked for 2030, answered."""
    from assistant.pipeline import Assistant

    settings, index = city_report
    assistant = Assistant(settings, index=index)
    other_year = assistant.ask("2028年末城镇调查失业率是多少？")
    assert other_year.refused
    # by the rule, whatever the learned model says (`year_missing`)
    assert assistant.diagnose("2028年末城镇调查失业率是多少？")["rule_refused"]
    same_year = assistant.ask("2030年末城镇调查失业率是多少？")
    assert not same_year.refused
    assert "5.1%" in " ".join(c.quote for c in same_year.citations)


@pytest.mark.slow
def test_a_unit_or_share_asked_that_no_quoted_sentence_has_is_refused_by_rule(city_report):
    """ "多少亿元" asked where the passage gives only growth rates, jobs and a rate: the figures it could quote are
    not of what was asked (`unit_missing`), so the question is refused whatever the learned model says (in either
    language: an English question asking for a share has it when no quoted sentence has a percentage); the growth
    target asked for is answered."""
    from assistant.pipeline import Assistant

    settings, index = city_report
    assistant = Assistant(settings, index=index)
    question = "2030年海州市地区生产总值达到多少亿元？"
    assert assistant.ask(question).refused
    assert assistant.diagnose(question)["rule_refused"]
    answered = assistant.ask("2031年海州市地区生产总值的增长预期目标定为多少？")
    assert not answered.refused
    assert "5%左右" in " ".join(c.quote for c in answered.citations)


@pytest.mark.slow
def test_the_year_of_a_named_report_alone_does_not_refuse_what_its_review_says(city_report):
    """ "2031年海州市政府工作报告中提到的…": the year names the edition, not the year asked about, and the report
    reviews the year before: no rule refuses the review's sentence for being about 2030 (the learned model
    decides, as for any question)."""
    from assistant.pipeline import Assistant

    settings, index = city_report
    assistant = Assistant(settings, index=index)
    question = "2031年海州市政府工作报告中提到城镇新增就业多少人？"
    assert not assistant.diagnose(question)["rule_refused"]
    answer = assistant.ask(question)
    assert not answer.refused
    assert "12万人" in " ".join(c.quote for c in answer.citations)


READOUT = """全国海洋经济工作会议在北京举行
新华社北京11月20日电  全国海洋经济工作会议11月19日至20日在北京举行。会议总结2033年海洋经济工作，部署2034年工作。
会议强调，要加快建设现代海洋产业体系，推动海上风电和海洋牧场发展。
会议要求，要把近海生态修复摆在更加突出的位置。
"""


def _named(assistant, question: str) -> list[str]:
    from assistant.retrieval import mentions_for

    return mentions_for(assistant.index).find(question).named


@pytest.fixture(scope="module")
def readout(document_index):
    return document_index("readout.txt", READOUT)


@pytest.mark.slow
def test_an_added_readout_without_english_title_or_year_is_named_in_english_and_by_any_year(readout):
    """A readout whose text names its meeting but never its year: an English question names the meeting through
    the dictionary's senses, and a year beside its name is not an edition the index lacks (the text may be it)."""
    from assistant.pipeline import Assistant

    settings, index = readout
    assistant = Assistant(settings, index=index)
    english = assistant.ask("What did the conference say about a modern marine industry system?")
    assert not english.refused and "现代海洋产业体系" in " ".join(c.quote for c in english.citations)
    assert "readout" in {
        name for name in _named(assistant, "What did the Nationwide Ocean Economic Work Conference stress?")
    }
    dated = assistant.ask("2033年全国海洋经济工作会议要求把什么摆在更加突出的位置？")
    assert not dated.refused and "近海生态修复" in " ".join(c.quote for c in dated.citations)
    assert not dated.notes  # the text names the year it reviews: the index dates it
    # the readout's title is a Chinese headline: an English answer shows it by the meeting it reports, in English
    # (`assistant.titles_en`; before 2026-12-06 by the question's name for it, the Chinese headline after it)
    named = assistant.ask("What did the Nationwide Ocean Economic Work Conference say about a modern marine industry?")
    assert not named.refused and "“National Marine Economy Work Conference" in named.answer
    assert "全国海洋经济工作会议在北京举行" not in named.answer


def _province_report(year: int, session: str, delivered: str, growth: str, target: str) -> str:
    """An edition of an invented provincial report: delivered in January of `year`, reviewing the year before."""
    return f"""政府工作报告
——{year}年1月{delivered}日在东川省第十四届人民代表大会第{session}次会议上
东川省省长 王明远
各位代表：
一、{year - 1}年工作回顾
过去一年，全省经济稳中有进，地区生产总值增长{growth}。
二、{year}年工作安排
今年全省发展主要预期目标是：地区生产总值增长{target}。
"""


PROVINCE_REPORT = _province_report(2031, "五", "20", "5.2%", "5%左右")
PROVINCE_REPORT_BEFORE = _province_report(2030, "四", "18", "5.4%", "5%以上")


@pytest.fixture(scope="module")
def province_report(tmp_path_factory):
    """Two editions of a report and a communiqué in one index (a year picks the edition among them)."""
    from knowledge.index import KnowledgeIndex
    from knowledge.settings import Settings

    root = tmp_path_factory.mktemp("province")
    paths = []
    for name, text in (
        ("dongchuan-2031.txt", PROVINCE_REPORT),
        ("dongchuan-2030.txt", PROVINCE_REPORT_BEFORE),
        ("plenum-2031.txt", COMMUNIQUE),
    ):
        (root / name).write_text(text, encoding="utf-8")
        paths.append(root / name)
    settings = Settings.load(env={"XQA_DATA_DIR": str(root / "data")})
    index = KnowledgeIndex.open(settings)
    assert index.add(paths, progress=False).ok
    return settings, index


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        # the meeting a report was delivered at: its byline says (not refused as a question about 2031's figures)
        "2031年的政府工作报告是在哪次会议上作的？",
        # a year in Chinese digits names the edition as 2031年 does
        "二〇三一年政府工作报告是在什么会议上作的？",
        "At which session was the 2031 government work report delivered?",
    ],
)
def test_the_meeting_a_report_was_delivered_at_is_its_byline(province_report, question):
    from assistant.pipeline import Assistant

    settings, index = province_report
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quoted = " ".join(c.quote for c in answer.citations)
    assert "第十四届人民代表大会第五次会议" in quoted and "增长" not in quoted and "第四次会议" not in quoted


@pytest.mark.slow
def test_where_a_meeting_was_held_is_not_where_the_next_is_held(province_report):
    """Beside other texts, "在哪里召开" of a named plenum: its opening sentence, not the later one on the next
    congress being held in the same city (the same words, another subject)."""
    from assistant.pipeline import Assistant

    settings, index = province_report
    answer = Assistant(settings, index=index).ask("二十一届四中全会是在哪里召开的？")
    quoted = " ".join(c.quote for c in answer.citations)
    assert not answer.refused and "2031年10月27日至30日在北京举行" in quoted and "2032年" not in quoted


#: one sentence longer than a chunk (300 tokens): the chunker cuts it at a clause mark
_CLAUSES = [
    "坚持把港口群协同放在首位",
    "坚持以渔民增收为出发点",
    "坚持深海装备自主研制",
    "坚持近岸湿地修复优先",
    "坚持航运金融开放试点",
    "坚持海岛基础设施补短板",
    "坚持极地科考常态化",
    "坚持海水淡化规模利用",
    "坚持远洋船队绿色改装",
    "坚持海洋气象预报精细化",
    "坚持滨海旅游错峰发展",
    "坚持海底光缆安全保护",
    "坚持潮汐能示范电站建设",
    "坚持海洋牧场标准化管理",
    "坚持跨省海域联合执法",
    "坚持蓝色碳汇核算试点",
    "坚持船员职业培训全覆盖",
    "坚持海洋文化遗产保护",
    "坚持沿海防灾减灾一体化",
    "坚持海洋数据共享开放",
]
LONG_SENTENCE = (
    "全会提出，推进海洋强国建设必须做到："
    + "，".join(c + "，着力打通各环节堵点" for c in _CLAUSES)
    + "，坚持陆海统筹。"
)
PLENUM_LONG = COMMUNIQUE.replace("全会决定，", LONG_SENTENCE + "\n全会决定，")


@pytest.fixture(scope="module")
def plenum_long(document_index):
    return document_index("plenum-2031-long.txt", PLENUM_LONG)


@pytest.mark.slow
def test_a_sentence_longer_than_a_chunk_is_quoted_whole(plenum_long):
    """A chunk boundary cuts a sentence longer than a chunk: the quote goes on in the next chunk, so the
    reader sees the whole sentence, not a piece ending in a comma (a blind reader's finding)."""
    from assistant.pipeline import Assistant
    from knowledge.index import KnowledgeIndex

    settings, index = plenum_long
    chunks = [c for c in KnowledgeIndex.open(settings).chunks() if "坚持" in c.text]
    assert len(chunks) >= 2 and chunks[0].text.rstrip().endswith("，"), "the test needs a sentence cut by a chunk"
    answer = Assistant(settings, index=index).ask("全会提出建设海洋强国必须做到什么？")
    assert not answer.refused
    quoted = "".join(c.quote for c in answer.citations)
    assert _CLAUSES[0] in quoted and "坚持陆海统筹。" in quoted, quoted
    assert quoted.count(_CLAUSES[-1]) == 1, "the pieces overlap nowhere in the quotes"
    assert "continuation" in {c.origin for c in answer.contexts}


# a section longer than retrieval shows: five paragraphs of general wording, then one holding the figure asked for
_GENERAL = (
    "要坚持稳中求进，统筹发展和安全，推动经济实现质的有效提升和量的合理增长，持续增强发展的协调性和可持续性。" * 6
)
SECTION_LONG = (
    "二〇三一年海洋经济工作报告\n一、稳步推进海洋经济发展\n"
    + "\n".join(_GENERAL for _ in range(5))
    + "\n今年潮汐发电装机容量要达到120万千瓦，海水淡化规模达到每日300万吨。\n"
)


@pytest.fixture(scope="module")
def section_long(document_index):
    return document_index("ocean-2031.txt", SECTION_LONG)


@pytest.mark.slow
def test_the_chunk_of_a_retrieved_section_holding_the_asked_keywords_is_attached(section_long):
    """A long section is retrieved by two of its chunks at most: when those are its general paragraphs, the
    chunk holding the question's keywords is attached (origin "keywords"), and none is attached twice."""
    from assistant.pipeline import Assistant

    settings, index = section_long
    assistant = Assistant(settings, index=index)
    question = "潮汐发电装机容量要达到多少？"
    turn = assistant._start(question, None, None, None)
    section = [c for c in turn.tables.by_section[("ocean-2031", "1")]]
    assert len(section) >= 4, "the test needs a section of several chunks"
    keyword_chunk = next(c for c in section if "潮汐发电" in c.text)
    turn.contexts = [c for c in section if c is not keyword_chunk][:2]
    assistant._attach_keywords_of_section(turn)
    assert keyword_chunk.chunk_id in [c.chunk_id for c in turn.contexts]
    assert turn.origins[keyword_chunk.chunk_id] == "keywords"
    before = len(turn.contexts)
    assistant._attach_keywords_of_section(turn)
    assert len(turn.contexts) == before


@pytest.mark.slow
def test_the_year_of_a_named_report_alone_is_no_missing_year_for_the_learned_model(city_report):
    """ "2031年…报告认为…": the year names the edition; the review's passage about 2030 is not about another year than
    the one asked, for the learned model's `year_missing` feature too (a blind reader's question was refused so)."""
    from assistant.pipeline import Assistant

    settings, index = city_report
    assistant = Assistant(settings, index=index)
    named_only = assistant.diagnose("2031年海州市政府工作报告认为城镇新增就业多少人？")
    assert named_only["features"]["year_missing"] == 0.0
    asked = assistant.diagnose("2028年末城镇新增就业多少人？")
    assert asked["features"]["year_missing"] == 1.0


def test_a_congress_names_its_year():
    """党的十八大 was held in 2012, and the congresses follow every five years from the 12th (1982): a text that says
    党的二十一大以来 speaks of the years since 2027, in Chinese or in English; 十二大行动 is no congress."""
    from assistant.periods import years
    from knowledge.numerals_en import congress_years

    assert congress_years("党的十八大以来") == {"2012"}
    assert congress_years("第二十一次全国代表大会") == {"2027"}
    assert congress_years("since the 19th Party Congress") == {"2017"}
    assert congress_years("实施十二大行动") == set()
    assert "2027" in years("党的二十一大以来，海洋经济快速发展。", "2031-10-30")


SINCE_CONGRESS = """海州市海洋经济发展公报
党的二十一大以来，海州市海洋经济快速发展，海洋生产总值年均增长百分之七。
全市建成远洋渔业基地三个，海水淡化能力显著提升。
"""


@pytest.fixture(scope="module")
def since_congress(document_index):
    return document_index("haizhou-ocean.txt", SINCE_CONGRESS)


@pytest.mark.slow
def test_a_year_a_text_names_by_its_congress_is_no_unknown_or_missing_year(since_congress):
    """ "Since 2027" asks about what the text dates 党的二十一大以来: neither a year the corpus never mentions
    (`unknown`) nor a year the evidence lacks (`number_gap`)."""
    from assistant.pipeline import Assistant

    settings, index = since_congress
    seen = Assistant(settings, index=index).diagnose("How fast has Haizhou's ocean economy grown since 2027?")
    assert seen["features"]["unknown"] == 0.0
    assert seen["features"]["number_gap"] == 0.0


OPINIONS = """省人民政府关于加快发展海洋渔业的意见
省政发〔2031〕7号
各市人民政府，省政府各部门：
为加快发展海洋渔业，现提出如下意见。
一、总体要求
到2035年，全省渔业产值达到八百亿元，建成三个国家级渔港经济区。
二、重点任务
推广绿色渔船，建设远洋渔业基地，完善渔业保险制度。
三、组织实施
各地要细化方案，按季度调度进展。
省人民政府
2031年8月21日
"""


@pytest.fixture(scope="module")
def opinions(document_index):
    return document_index("fishery-opinions.txt", OPINIONS)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("这份海洋渔业意见的落款日期是哪一天？", "2031年8月21日"),
        ("海洋渔业意见的发文字号是什么？", "省政发〔2031〕7号"),
    ],
)
def test_the_signature_and_number_of_an_official_document_answer_questions_about_them(opinions, question, wanted):
    from assistant.pipeline import Assistant

    settings, index = opinions
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert any(wanted in c.quote for c in answer.citations)


HARBOUR = """海州市港口发展报告
一、总体部署
今年港口工作要稳中求进。一方面，扩大港口吞吐能力，新建深水泊位四个。另一方面，推动海洋牧场建设。这既可以增加渔民收入、稳定水产品供给，又有利于修复近海生态环境。全市渔业产值增长百分之六。
二、重点任务
加快智慧港口建设，推进港口集疏运体系建设，完善港口物流网络。
"""


@pytest.mark.slow
def test_a_sentence_that_only_repeats_the_question_is_quoted_with_the_one_after_it(document_index):
    """ "推动海洋牧场建设有什么好处？": the sentence ranked first ("另一方面，推动海洋牧场建设。") only repeats the
    question; the one after it, which shares no word with the question, says what was asked, so it is quoted too."""
    from assistant.generators.extractive import _restates
    from assistant.pipeline import Assistant

    question = "报告认为推动海洋牧场建设有什么好处？"
    assert _restates("另一方面，推动海洋牧场建设。", question)
    assert not _restates("制定海洋牧场促进法。", "要求出台哪部促进海洋牧场的法律？")  # 制定 … 促进法 is news
    assert not _restates("今年海洋牧场投资拟安排70亿元。", "今年海洋牧场投资拟安排多少？")  # so is the figure
    settings, index = document_index("harbour-2031.txt", HARBOUR)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert "增加渔民收入" in " ".join(c.quote for c in answer.citations), answer.answer


RUN_IN = """海州市港口工作会议在海州举行
会议部署港口工作三个方面的重点任务。一是着力建设绿色港口。推广岸电设施，淘汰高耗能装卸机械，建成零碳码头两座。二是着力建设智慧港口。推进自动化码头改造，建设港口数据平台。三是着力建设开放港口。新开国际航线五条。
会议要求，坚决打好港区蓝天保卫战。加快解决燃煤锅炉污染问题；强化船舶尾气治理；严格执法督查。
"""


@pytest.mark.slow
def test_a_headline_is_quoted_with_what_elaborates_it_even_without_the_questions_words(document_index):
    """A run-in item's heading ("一是着力建设绿色港口。") and a paragraph's headline ("坚决打好港区蓝天保卫战。") say what
    the part is about; the sentence after them says what is done, though it shares no word with the question: it
    is quoted too, and not the next item's heading."""
    from assistant.pipeline import Assistant

    settings, index = document_index("port-2031.txt", RUN_IN)
    assistant = Assistant(settings, index=index)
    green = " ".join(c.quote for c in assistant.ask("在建设绿色港口方面，会议提出了哪些具体举措？").citations)
    assert "岸电设施" in green, green
    sky = " ".join(c.quote for c in assistant.ask("港区蓝天保卫战要怎么打？").citations)
    assert "燃煤锅炉" in sky, sky


CITY_REPORT = """海州市政府工作报告
——2031年1月10日在海州市第十六届人民代表大会第三次会议上
市长 王海平
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。
一、2030年工作回顾
过去一年，全市港口吞吐量增长百分之八，新建深水泊位三个。
二、2031年工作安排
今年要加快建设智慧港口，新开国际航线五条。
"""


@pytest.mark.slow
def test_who_delivered_a_report_on_whose_behalf_and_when_is_answered_from_its_byline_and_opening(document_index):
    """The byline gives the date and the speaker; the opening of the body says on whose behalf the report is made
    (我代表市人民政府，向大会报告工作): a question asking all three gets all three quoted."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-report-2031.txt", CITY_REPORT)
    answer = Assistant(settings, index=index).ask("海州市政府工作报告是谁、代表什么机关、在哪一天作的？")
    assert not answer.refused, answer.answer
    quotes = " ".join(c.quote for c in answer.citations)
    for part in ("2031年1月10日", "王海平", "我代表市人民政府"):
        assert part in quotes, quotes


UNDATED_READOUT = """中共中央政治局召开会议 分析研究当前经济形势
中共中央政治局7月28日召开会议，分析研究当前经济形势，部署下半年经济工作。
会议强调，要稳住外贸外资基本盘，推动港口物流畅通。
会议指出，2030年以来港口建设成效明显。
"""


OTHER_UNDATED_READOUT = """中共中央政治局召开会议 研究部署下半年经济工作
中共中央政治局7月30日召开会议，研究部署下半年经济工作。
会议强调，要做好粮食生产，保障能源供应。
"""


@pytest.mark.slow
def test_a_year_asked_of_a_text_that_never_states_one_is_noted(document_index, tmp_path):
    """ "the July 2031 Politburo meeting" fits two readouts that never say their year (either may be any July's): the
    answer quotes one, and a note tells the reader the quoted text cannot be confirmed to be that year's (blind grading
    of 2026-12-04: other years' readouts were read as the year asked). No note when no year is asked, when one text
    alone fits, or when the text writes the year asked somewhere."""
    from assistant.pipeline import Assistant

    settings, index = document_index("readout.txt", UNDATED_READOUT)
    assistant = Assistant(settings, index=index)
    # one undated text of the name is the text meant: nothing to tell
    assert not assistant.ask("2031年7月政治局会议对外贸外资提出了什么要求？").notes
    # another July readout without its year: "July 2031" fits both
    other = tmp_path / "other-readout.txt"
    other.write_text(OTHER_UNDATED_READOUT, encoding="utf-8")
    assert index.add([other], progress=False).ok
    zh = assistant.ask("2031年7月政治局会议对外贸外资提出了什么要求？")
    assert not zh.refused and any("没有写明年份" in n and "2031" in n for n in zh.notes)
    en = assistant.ask("What did the July 2031 Politburo meeting say about foreign trade?")
    assert not en.refused and any("does not state its year" in n and "2031" in n for n in en.notes)
    assert not assistant.ask("政治局会议对外贸外资提出了什么要求？").notes
    # a text that writes the year asked speaks of it: most likely that year's, no note
    assert not assistant.ask("2030年7月政治局会议对外贸外资提出了什么要求？").notes


TARGETS = """2032年东川市政府工作报告
——2032年1月10日在东川市第十届人民代表大会第二次会议上
各位代表：
现在，我代表东川市人民政府，向大会报告政府工作，请予审议。
一、2031年工作回顾
过去一年，全市经济稳中有进。地区生产总值增长5.8%，城镇新增就业14万人。
二、2032年工作任务
今年全市经济社会发展的主要预期目标是：
地区生产总值增长6%左右；城镇新增就业15万人以上；居民消费价格涨幅3%左右。
实现上述目标，要坚持稳中求进，加强政策协调。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["2032年东川市地区生产总值增长的预期目标是多少？", "What GDP growth target does Dongchuan set for 2032?"],
)
def test_a_list_on_the_line_after_its_colon_lead_in_is_quoted_with_the_lead_in(document_index, question):
    """The targets' line has no subject ("地区生产总值增长6%左右；…"): the line before it, ending in a colon, says
    what it lists, so it is quoted first, and what it names (预期目标) is not missing from the evidence."""
    from assistant.pipeline import Assistant

    settings, index = document_index("dongchuan-2032.txt", TARGETS)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quotes = [c.quote for c in answer.citations]
    lead = quotes.index("今年全市经济社会发展的主要预期目标是：")
    assert quotes[lead + 1].startswith("地区生产总值增长6%左右；"), quotes


@pytest.mark.slow
def test_a_salutation_is_not_quoted_as_the_lead_in_of_the_sentence_after_it(document_index):
    """ "各位代表：" ends in a colon but is followed by a sentence, not a list: it introduces nothing to quote."""
    from assistant.pipeline import Assistant

    settings, index = document_index("dongchuan-2032.txt", TARGETS)
    answer = Assistant(settings, index=index).ask("东川市政府工作报告是代表谁向大会报告政府工作的？")
    quotes = [c.quote for c in answer.citations]
    assert any("代表东川市人民政府" in q for q in quotes), quotes
    assert "各位代表：" not in quotes


TASKS = """海州市城市工作会议在海州举行
本台消息：海州市城市工作会议7月14日至15日在海州举行。
会议部署城市工作7个方面的重点任务。一是着力优化现代化城市体系，发展组团式、网络化的城市群。二是着力建设富有活力的创新城市，培育发展新兴产业。三是着力建设舒适便利的宜居城市，加快推进城中村改造。四是着力建设绿色低碳的美丽城市，推进生态修复。五是着力建设安全可靠的韧性城市，加强地下管网建设。六是着力建设崇德向善的文明城市，保护历史文化街区。七是着力建设便捷高效的智慧城市，推进数字政务。
会议要求，各级党委和政府要加强组织领导，确保各项任务落地见效。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "海州市城市工作会议部署的七项重点任务中，第六项是什么？",
        "What is the sixth task set by the Haizhou city work conference?",
    ],
)
def test_an_item_asked_for_by_its_place_is_quoted_with_what_announces_the_items(document_index, question):
    """ "第六项是什么" names the item's place, not its words: the sentence opening 六是 answers, after the sentence
    that says what the items are; the neighbouring items (which share the question's words as much) are not it."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-city.txt", TASKS)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quotes = [c.quote for c in answer.citations]
    assert quotes[:2] == [
        "会议部署城市工作7个方面的重点任务。",
        "六是着力建设崇德向善的文明城市，保护历史文化街区。",
    ], quotes


def test_the_place_of_one_item_asked_for_is_read_from_the_question():
    from assistant.positions import asked_item, opens_item_number

    assert asked_item("改革开放40周年讲话中的第六条经验讲的是什么？") == 6
    assert asked_item("What is the eighth of the nine 'musts' he listed?") == 8
    assert asked_item("What does the second “must” require?") == 2
    # an ordinal that names a meeting, a goal or a period is no item's place
    for question in (
        "“十四五”是向第二个百年奋斗目标进军的第几个五年？",
        "What did the Second Plenum adopt?",
        "第三次全体会议",
    ):
        assert asked_item(question) == 0
    assert opens_item_number("六是着力建设文明城市。", 6) and opens_item_number("（十一）加强监管。", 11)
    assert not opens_item_number("五是着力建设韧性城市。", 6)


YEAR_END = """海州市经济工作会议在海州举行
本台消息：海州市经济工作会议12月8日至10日在海州举行。
市委书记在会上发表讲话，总结2031年经济工作，分析当前经济形势，部署2032年经济工作。
会议认为，今年以来，全市经济稳中向好，港口吞吐量创历史新高，新开工重点项目120个。
会议提出了明年经济工作的主要任务。一是扩大有效投资，推进港口扩建。二是培育海洋新兴产业，建设海洋牧场。三是保障和改善民生，新建保障性住房5000套。
"""


@pytest.mark.slow
def test_the_year_of_a_year_end_readout_named_by_its_edition_is_also_the_year_it_plans(document_index):
    """ "2031年海州市经济工作会议部署了哪些任务": the year names the December meeting, whose tasks are for 2032 (明年);
    the paragraph of next year's tasks answers, not the review of 2031 for naming its year."""
    from assistant.periods import planned_by
    from assistant.pipeline import Assistant

    assert planned_by({"2031"}, "2031-12-08") == {"2032"}
    assert planned_by({"2031"}, "2031-03-05") == set() and planned_by({"2030"}, "2031-12-08") == set()
    settings, index = document_index("haizhou-econ.txt", YEAR_END)
    assistant = Assistant(settings, index=index)
    question = "2031年海州市经济工作会议部署了哪些主要任务？"
    request = assistant.evidence_request(question, [])
    tasks = [
        s
        for s in assistant.extractive.score_sentences(request)
        if request.contexts[s.ctx].text[s.start : s.end] == "会议提出了明年经济工作的主要任务。"
    ]
    assert tasks and all(s.features.get("year_match") and not s.features.get("year_miss") for s in tasks)
    answer = assistant.ask(question)
    assert not answer.refused
    assert any("主要任务" in c.quote or c.quote.startswith("一是") for c in answer.citations[:2])


CONGRESS_REPORT = """海州市第十六次党代会报告
（2031年1月10日）
同志们：
现在，我代表第十五届市委向大会作报告。
一、过去五年的工作
过去五年，全市港口吞吐量增长百分之八，新建深水泊位三个。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["市委是在哪一天作海州市第十六次党代会报告的？", "On what date did the city committee deliver its report?"],
)
def test_the_day_a_report_was_delivered_is_its_dateline_when_the_question_names_the_report_or_asks_with_did(
    document_index, question
):
    """A dateline alone under the title ((2031年1月10日)) answers when the report was delivered, asked with the
    report named between the verb and 的, or in English with "did"; before, neither was an authorship question
    and the dateline, no candidate sentence, could not be quoted."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-congress-2031.txt", CONGRESS_REPORT)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused, answer.answer
    assert any("2031年1月10日" in c.quote for c in answer.citations), answer.answer


READ_OUT_COMMUNIQUE = """海州市委第五次全体会议公报
海州市委第五次全体会议于2031年10月26号至29号在海州举行。现在全文播送，海州市委第五次全体会议公报。
海州市委第五次全体会议公报，2031年10月29日海州市委第五次全体会议通过，海州市委第五次全体会议，于2031年10月26日至29日在海州举行。出席这次全会的有，市委委员49人，候补市委委员6人。
全会由市委常委会主持。市委书记作了重要讲话。
全会听取和讨论了市委常委会的工作报告，审议通过了《海州市港口发展规划的建议》。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["海州市委第五次全体会议公报是哪一天通过的？", "On what date was the communiqué of the Haizhou plenum adopted?"],
)
def test_the_day_a_communique_was_adopted_is_its_adoption_line_when_its_front_matter_is_its_title_alone(
    document_index, question
):
    """A communiqué read out on the news gives its adoption line (…公报，2031年10月29日…通过) as a sentence of its
    body, not under its title: the byline of a title alone said nothing, so the line was only a candidate sentence,
    weighed by the ranker (among many texts an English question was refused for it). It is the answer, as a byline
    line is: the refusal reads it as full evidence."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-plenum-5.txt", READ_OUT_COMMUNIQUE)
    assistant = Assistant(settings, index=index)
    answer = assistant.ask(question)
    assert not answer.refused, answer.answer
    assert "2031年10月29日海州市委第五次全体会议通过" in answer.citations[0].quote, answer.answer
    assert assistant.diagnose(question)["features"]["evidence"] == 1.0


DISCIPLINE_COMMUNIQUE = """海州市委第六次全体会议公报
海州市委第六次全体会议于2031年11月2日至3日在海州举行。
全会审议并通过了市纪委关于韩立山严重违纪问题的审查报告，确认市委常委会之前作出的给予韩立山撤销党内职务处分。
全会强调，要加快建设港口物流枢纽，扩大海洋装备制造业规模。
"""


@pytest.mark.slow
def test_a_person_named_in_pinyin_finds_the_name_the_text_writes(document_index):
    """ "Han Lishan" is no dictionary word: the bridge reads the index's words of two to four characters by their
    pinyin, so the English name finds 韩立山 (the tagger reads it as a person's name) and the sentence about him is
    the answer; before, the name mapped to nothing and the question was refused (`unmapped_name`)."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-plenum-6.txt", DISCIPLINE_COMMUNIQUE)
    assistant = Assistant(settings, index=index)
    question = "According to the Haizhou plenum communiqué, what disciplinary action was taken against Han Lishan?"
    answer = assistant.ask(question)
    assert not answer.refused, answer.answer
    assert "撤销党内职务处分" in answer.citations[0].quote, answer.answer
    assert assistant.diagnose(question)["features"]["unmapped_name"] == 0.0


CITY_WORK_REPORT = """海州市2031年政府工作报告
一、2030年工作回顾
过去一年，全市地区生产总值增长百分之六点五，城镇新增就业八万人。
我们着力稳增长、调结构、惠民生，各项工作取得新进展。
二、2031年主要任务
今年经济社会发展的主要预期目标是：地区生产总值增长百分之六左右；城镇新增就业七万人以上；居民消费价格涨幅百分之三左右。
做好今年工作，要坚持稳中求进工作总基调，统筹发展和安全。
今年要重点做好五个方面工作：
（一）扩大有效投资，保持经济平稳运行
加快港口、铁路和城市更新项目建设，全年完成重点项目投资五百亿元。
（二）培育海洋产业，推动结构优化升级
建设海洋装备产业园，发展海洋生物医药。
（三）深化改革开放，激发市场主体活力
推进国有企业改革，优化营商环境。
（四）加强生态保护，建设美丽海州
治理近岸海域污染，新增城市绿地二百公顷。
（五）办好民生实事，增进人民福祉
新建中小学校十所，提高城乡居民基础养老金。
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["海州市2031年政府工作报告提出今年要重点做好的五个方面工作是什么？", "海州今年要重点做好哪些方面的工作？"],
)
def test_a_lead_in_closing_its_section_is_answered_with_the_headings_of_the_sections_it_announces(
    document_index, question
):
    """ "今年要重点做好五个方面工作：" ends its section; the five items are the headings of the sections under it,
    which no chunk holds together. Before, the lead-in was quoted alone (a blind reader: none of the items given)."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-work-2031.txt", CITY_WORK_REPORT)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused, answer.answer
    quoted = [c.quote for c in answer.citations]
    assert "今年要重点做好五个方面工作：" in quoted[0], answer.answer
    for heading in ("扩大有效投资", "培育海洋产业", "深化改革开放", "加强生态保护", "办好民生实事"):
        assert any(heading in q for q in quoted), (heading, answer.answer)


@pytest.mark.slow
def test_a_list_asked_from_a_sentence_beside_the_lead_in_is_not_answered_with_the_announced_headings(document_index):
    """The targets (主要预期目标) stand in the same chunk as the closing lead-in: a question about them is answered
    with their sentence, not with the headings of the tasks."""
    from assistant.pipeline import Assistant

    settings, index = document_index("haizhou-work-2031.txt", CITY_WORK_REPORT)
    answer = Assistant(settings, index=index).ask("海州2031年的主要预期目标有哪些？")
    assert not answer.refused, answer.answer
    quoted = " ".join(c.quote for c in answer.citations)
    assert "地区生产总值增长百分之六左右" in quoted, answer.answer
    assert "扩大有效投资" not in quoted, answer.answer


HARBOUR_READOUT = """港口工作会议在海州召开
会议10月31日在海州召开，分析研究当前港口工作。
会议认为，前三季度港口吞吐量保持增长，航线网络不断完善。
会议要求，要加快建设智慧港口，推进自动化码头改造。
"""

HOUSING_REPORT = """江州市住房工作报告
今年要完善房地产税收制度，稳定房价预期。
要改革商品房预售制度，加快保障性住房建设。
"""


@pytest.mark.slow
def test_what_a_named_text_does_not_say_is_not_answered_from_another_text(document_index):
    """A question naming the harbour readout whose every selected sentence is the housing report's is refused by rule:
    what the named text does not say, another text's words do not answer (a blind reader's near miss on a Politburo
    readout, "对房地产调控说了什么", was answered from another year's Decision). Evidence from the named readout, or a
    question naming no text, is no such case."""
    from types import SimpleNamespace

    from assistant.pipeline import Assistant

    settings, index = document_index("harbour-readout-2031.txt", HARBOUR_READOUT)
    other = settings.data_dir.parent / "housing-report-2031.txt"
    other.write_text(HOUSING_REPORT, encoding="utf-8")
    assert index.add([other], progress=False).ok
    chunks = [c for c in index.chunks() if c.role != "front"]
    housing = [i for i, c in enumerate(chunks) if c.doc_id == "housing-report-2031"]
    harbour = [i for i, c in enumerate(chunks) if c.doc_id == "harbour-readout-2031"]

    def turn(question, evidence):
        return SimpleNamespace(
            search_question=question, index=index, contexts=chunks, evidence=[SimpleNamespace(ctx=i) for i in evidence]
        )

    elsewhere = Assistant._evidence_elsewhere
    assert elsewhere(turn("港口工作会议对房地产调控说了什么？", housing))
    assert not elsewhere(turn("港口工作会议对房地产调控说了什么？", harbour + housing))
    assert not elsewhere(turn("哪份文件谈到了房地产调控？", housing))


NAME_LISTS = """中国共产党第二十三届中央委员会第一次全体会议公报
（2037年10月25日中国共产党第二十三届中央委员会第一次全体会议通过）
中国共产党第二十三届中央委员会第一次全体会议，于2037年10月25日在北京举行。
出席全会的有中央委员199人，候补中央委员158人。
全会选举了中央政治局委员、中央政治局常务委员会委员、中央委员会总书记；根据中央政治局常务委员会的提名，通过了中央书记处成员；批准了中央纪律检查委员会第一次全体会议选举产生的书记、副书记人选。
名单如下：
一、中央政治局委员
（按姓氏笔画为序排列）
丁浩然　马文涛　王立群　孔德明　石晓峰　刘振宇　许建国　孙立平　李志远　吴海波
二、中央政治局常务委员会委员
许建国　王立群　孙立平　马文涛　丁浩然
三、中央书记处书记
吴海波　刘振宇　孔德明　韩雪梅（女）
四、中央纪律检查委员会书记、副书记
书　记　孙立平
副书记　韩雪梅（女）　赵德胜　钱敏（回族）
"""


@pytest.fixture(scope="module")
def name_lists(document_index):
    return document_index("plenum-2037.txt", NAME_LISTS)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "names", "not_names"),
    [
        ("二十三届一中全会选出的中央政治局常务委员会委员是哪几位？", "许建国　王立群", "吴海波"),
        ("二十三届中央纪律检查委员会书记是谁？", "孙立平", "吴海波"),
        ("二十三届中央书记处书记都有谁？", "韩雪梅", "许建国"),
        # 中央政治局常务委员会委员 holds every word of 中央政治局委员: the heading holding them as written answers
        ("二十三届中央政治局委员有哪些人？", "丁浩然　马文涛", "许建国　王立群"),
        # in English too, and only the list asked for: the text's other lists name other posts' holders
        (
            "Who are the members of the Politburo Standing Committee elected at the first plenary session of the 23rd "
            "Central Committee?",
            "许建国　王立群",
            "赵德胜",
        ),
        (
            "Who are the members of the Secretariat named by the 23rd Central Committee's first plenum?",
            "吴海波",
            "许建国",
        ),
    ],
)
def test_who_was_elected_is_answered_by_the_name_list_under_its_heading(name_lists, question, names, not_names):
    """A communiqué prints its name lists under headings that say who they are: the list whose heading the question's
    words reach answers, not the sentence naming the posts that were filled. (An index of this text alone does not know
    常委 or 中纪委 as words, and refuses them as names it lacks: `test_name_lists` checks the short names.)"""
    from assistant.pipeline import Assistant

    settings, index = name_lists
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quoted = " ".join(c.quote for c in answer.citations)
    assert names in quoted and not_names not in quoted
    assert "全会选举了" not in quoted


YEAR_END_READOUT = """中共中央政治局召开会议 分析研究2032年经济工作 中共中央总书记王某某主持会议
中共中央政治局12月8日召开会议，分析研究2032年经济工作。
会议认为，今年是港口建设史上极不平凡的一年，沿海港口吞吐量创历史新高。
会议指出，明年是港口现代化建设进程中具有特殊重要性的一年，做好经济工作意义重大。
会议强调，要加快建设世界一流港口，推动港口绿色转型，巩固2030年以来港口改革成果。
此前，港口工作领导小组召开会议，听取2031年港口工作情况汇报。
"""


@pytest.fixture(scope="module")
def year_end_readout(document_index):
    return document_index("pb-year-end.txt", YEAR_END_READOUT)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2031年12月政治局会议是怎样评价2031年这一年的？", "今年是港口建设史上极不平凡的一年"),
        ("2031年12月政治局会议为什么说2032年很重要？", "明年是港口现代化建设进程中具有特殊重要性的一年"),
    ],
)
def test_an_undated_readouts_this_year_and_next_are_the_years_asked(year_end_readout, question, expected):
    """A December readout that never says its year (its title plans 2032: it is of 2031) says 今年 for 2031 and 明年
    for 2032: those sentences answer questions naming the years, not one that writes a year out (the 2031 report a
    group heard before the meeting)."""
    from assistant.pipeline import Assistant

    settings, index = year_end_readout
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    quoted = " ".join(c.quote for c in answer.citations)
    assert expected in quoted and "听取2031年港口工作情况汇报" not in quoted


HARBOUR_READOUT = """海州港口工作会议在海州召开
央视网消息（新闻联播）：海州港口工作会议12月20日至21日在海州召开。
张建华在会上强调，全面推进港口振兴的深度、广度、难度都前所未有，必须加强顶层设计，以更有力的举措推进。一是要加快发展临港产业，顺应产业发展规律，立足当地特色资源，推动临港产业发展壮大，优化产业布局，让船员更多分享产业增值收益。二是要加强港口文化建设，弘扬航海精神，普及航运知识，推进港区移风易俗，形成文明港风、良好家风、淳朴民风。三是要加强港区生态建设，保持战略定力，推进港湾污染治理，持续开展航道清淤和岸线修复，提升港区生态环境质量。四是要深化港口改革，加快推进重点领域和关键环节改革，激发港口发展活力，稳步推进码头经营权改革试点。五是要实施港区建设行动，继续把公共基础设施建设的重点放在港区，提高港区道路、供水、供电和通信水平。六是要推动港城融合发展见实效，健全港城融合发展体制机制，促进要素在港城之间双向流动。七是要加强和改进港区治理，加快构建党组织领导的港区治理体系，提高港区善治水平。
会议强调，要加强党对港口工作的全面领导。
"""


@pytest.fixture(scope="module")
def harbour_readout(document_index):
    return document_index("harbour-2031.txt", HARBOUR_READOUT)


@pytest.mark.slow
def test_a_list_run_into_a_paragraph_is_quoted_whole(harbour_readout):
    """一是…。二是…。…七是…。 inside one paragraph, longer than a chunk: a list question gets all seven items in order
    (a blind reader got 一是, 二是 and 七是 and took them for the list)."""
    from assistant.pipeline import Assistant

    settings, index = harbour_readout
    answer = Assistant(settings, index=index).ask("海州港口工作会议就全面推进港口振兴提出了哪几个方面的要求？")
    quoted = [c.quote for c in answer.citations]
    items = [q[:2] for q in quoted if q[1:2] == "是"]
    assert items == ["一是", "二是", "三是", "四是", "五是", "六是", "七是"], quoted


ANNOUNCED = """港口工作会议在北京举行
央视网消息：港口工作会议12月10日至11日在北京举行。
会议认为，今年港口工作取得新进展，全市港口吞吐量增长5.2%，集装箱吞吐量增长7.1%。
会议确定，明年港口工作抓好以下重点任务。
一是坚持扩大开放，建设国际枢纽港。推进航线网络建设，完善集疏运体系。
二是坚持绿色发展，推动港口低碳转型。推广岸电设施，加强港区污染防治。
三是坚持创新驱动，建设智慧港口。推进自动化码头建设，发展港口数字平台。
会议强调，要加强党对港口工作的全面领导，确保各项任务落到实处。
"""


@pytest.mark.slow
def test_the_items_after_a_paragraph_announcing_them_answer_a_list_question(document_index):
    """A readout without headings announces its tasks in a paragraph ending in 以下重点任务。 (no colon), and each item
    (一是…) is a section of its own: the list question is answered with the lead-in, then each item's heading."""
    from assistant.pipeline import Assistant

    settings, index = document_index("harbour-2031.txt", ANNOUNCED)
    answer = Assistant(settings, index=index).ask("港口工作会议确定的明年重点任务有哪几项？")
    quotes = [c.quote for c in answer.citations]
    assert quotes[:4] == [
        "会议确定，明年港口工作抓好以下重点任务。",
        "一是坚持扩大开放，建设国际枢纽港。",
        "二是坚持绿色发展，推动港口低碳转型。",
        "三是坚持创新驱动，建设智慧港口。",
    ], quotes


COUNTED = """王某主持召开海州港务领导小组会议
海州港务领导小组组长王某6月13日主持召开海州港务领导小组第六次会议，研究港口能源安全战略。
王某在讲话中指出，港口能源消费增长较快，能源结构亟待优化。
王某就推动港口能源革命提出4点要求。
第一，推动港口能源消费革命，抑制不合理能源消费。
第二，推动港口能源供给革命，建立多元供应体系。
第三，推动港口能源技术革命，带动港口装备升级。
第四，全方位加强港口国际合作，保障港口能源安全。
"""


@pytest.mark.slow
def test_the_items_after_a_sentence_saying_how_many_requirements_were_put_forward_answer_a_list_question(
    document_index,
):
    """ "王某就…提出4点要求。" says a set follows without a colon or 以下 (a readout's "提出5个方面的任务。", "会议提出了推进城镇化的
    主要任务。"); its items are sections of their own (第一，…). Blind readers asking for the requirements got the sentence
    alone: the list question is answered with it, then each item."""
    from assistant.pipeline import Assistant

    settings, index = document_index("port-group-2031.txt", COUNTED)
    answer = Assistant(settings, index=index).ask("海州港务领导小组第六次会议上王某提出了哪几点要求？")
    quotes = [c.quote for c in answer.citations]
    assert quotes[:5] == [
        "王某就推动港口能源革命提出4点要求。",
        "第一，推动港口能源消费革命，抑制不合理能源消费。",
        "第二，推动港口能源供给革命，建立多元供应体系。",
        "第三，推动港口能源技术革命，带动港口装备升级。",
        "第四，全方位加强港口国际合作，保障港口能源安全。",
    ], quotes


BALANCE = """海州市港口工作会议在海州举行
海州市港口工作会议12月9日在海州举行。市委书记出席会议并讲话。
会议指出，要正确处理开发和保护的关系。开发是满足港口吞吐需求的手段，保护是守住近海生态底线的前提，要在保护中开发、在开发中保护，不要搞成“一刀切”。会议强调，要加快智慧港口建设，推进港口集疏运体系建设。
"""


@pytest.mark.slow
def test_a_sentence_saying_only_that_a_topic_must_be_handled_is_quoted_with_what_follows(document_index):
    """ "怎么讲开发和保护的关系？": "要正确处理开发和保护的关系。" names the topic (the question's words and words saying it
    must be handled); the sentence after it says how, so it is quoted too (a blind reader's question, 2026-12-05)."""
    from assistant.generators.extractive import _restates
    from assistant.pipeline import Assistant

    question = "海州港口工作会议怎么讲开发和保护的关系？"
    assert _restates("要正确处理开发和保护的关系。", question)
    assert not _restates("要坚持开发和保护并重。", question)  # 坚持 … 并重 says something
    settings, index = document_index("harbour-meeting.txt", BALANCE)
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert "在保护中开发" in " ".join(c.quote for c in answer.citations), answer.answer


_PORT_READOUT = """中央港口工作会议在京召开
中央港口工作会议12月25日至26日在北京召开。
会议指出，今年以来，港口运行总体平稳，吞吐能力稳步提升。明年将召开全国港口大会，做好港口工作、稳定港口这个基本盘，对于保持平稳健康的经济环境具有特殊重要意义。
会议强调，2032年要加快建设智慧港口，推进绿色航运，提高港口服务水平。
"""


@pytest.fixture(scope="module")
def port_readout(document_index):
    return document_index("port-2031.txt", _PORT_READOUT)


@pytest.mark.slow
def test_a_sentence_saying_the_year_asked_by_its_next_year_answers_it(port_readout):
    """A December readout dated by its file name (2031) reviews its year ("今年以来…") and plans the next in one
    paragraph: asked why 2032's work matters, the sentence saying 明年 (2032) answers, though the paragraph's opening
    words speak of 2031. Before, the rule refusing evidence from a passage about other years than the one asked
    refused it."""
    from assistant.pipeline import Assistant

    settings, index = port_readout
    answer = Assistant(settings, index=index).ask("2031年中央港口工作会议为什么说做好2032年港口工作具有特殊重要意义？")
    assert not answer.refused
    assert "明年将召开全国港口大会" in " ".join(c.quote for c in answer.citations)


_SHORT_CLOSING = """中央港口工作会议在北京举行
中央港口工作会议4月8日至9日在北京举行。总书记出席会议并发表重要讲话。
会议指出，港口是开放的门户，要加快建设智慧港口，推进绿色航运。
王某作总结讲话。
有关方面负责同志参加会议。
"""


@pytest.fixture(scope="module")
def short_closing(document_index):
    return document_index("harbour-conference-2031.txt", _SHORT_CLOSING)


@pytest.mark.slow
def test_a_short_whole_sentence_may_be_the_answer(short_closing):
    """ "王某作总结讲话。" is seven characters, a whole sentence, and says who gave the closing speech. Before, a
    sentence under eight characters was a fragment, never quoted, and another sentence was quoted instead."""
    from assistant.pipeline import Assistant

    settings, index = short_closing
    assistant = Assistant(settings, index=index)
    for question in (
        "2031年中央港口工作会议上谁作了总结讲话？",
        "Who summed up the 2031 Central Harbour Work Conference in a speech at its close?",
    ):
        answer = assistant.ask(question)
        assert not answer.refused, question
        assert "王某作总结讲话" in " ".join(c.quote for c in answer.citations), question


RURAL_READOUT = """2031年港口农村工作会议在京召开
港口农村工作会议12月22日至23日在北京召开。
会议指出，今年港口农业农村发展实现新突破，渔获产量实现“十一连增”，渔民增收实现“十一连快”。
会议听取了中央纪律检查委员会驻港口工作组的汇报。
中国科学院海洋研究所所长王某在会上作了发言。
会议要求，明年要稳定渔获产量，继续增加渔民收入。
"""


@pytest.fixture(scope="module")
def rural_readout(document_index):
    return document_index("harbour-rural-2031.txt", RURAL_READOUT)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("2031年港口农村工作会议提到了哪些“连增”“连快”成绩？", "连增"),
        ("2031年港口农村工作会议听取了中纪委哪个工作组的汇报？", "中纪委"),
        # (the index's tokenizer parts 中科院 into 中科 + 院: the whole, a word of the question, is written out)
        ("2031年港口农村工作会议上，中科院海洋研究所谁作了发言？", "中科"),
    ],
)
def test_a_name_the_named_text_writes_inside_a_word_or_in_full_is_no_unknown_name(rural_readout, question, word):
    """A question quoting part of a text's word ("连增" of “十一连增”) or contracting a body the text writes in full
    (中纪委 for 中央纪律检查委员会) names nothing the text lacks, though the index never segments it as a word: before,
    it was an unknown name of the named text and refused the question (external texts, 2026-12-06)."""
    from assistant.pipeline import Assistant
    from assistant.refusal import NAME, unknown_words
    from knowledge.keyword_index import tokenize

    settings, index = rural_readout
    assistant = Assistant(settings, index=index)
    vocabulary = assistant._refresh_corpus().vocabulary
    assert (word, NAME) in unknown_words(question, vocabulary, tokenize, assistant.glossary)
    diagnosis = assistant.diagnose(question)
    assert diagnosis["features"]["unknown"] == 0.0 and not diagnosis["named_gap"], diagnosis
    assert not assistant.ask(question).refused


STUDY_READOUT = """张建华在中央政治局第三次集体学习时强调 加快建设海洋强国
中共中央政治局3月8日下午就加快建设海洋强国进行第三次集体学习。中共中央总书记张建华在主持学习时强调，海洋是高质量发展战略要地，要加快建设海洋强国。
海州大学副校长、中国工程院院士王海明就这个问题作了讲解，并谈了意见和建议。
中共中央政治局各位同志认真听取了讲解，并进行了讨论。
张建华指出，要发展海洋经济，推进海洋科技创新，保护海洋生态环境，维护海洋权益。
张建华强调，要推进港口航运、海洋渔业、海洋能源等产业高质量发展，构建现代海洋产业体系。
"""


@pytest.fixture(scope="module")
def study_readout(document_index):
    return document_index("ocean-study-2031.txt", STUDY_READOUT)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["第三次集体学习是请谁来讲解的？", "Who gave the lecture at the Politburo's third study session on the ocean?"],
)
def test_a_who_question_quotes_the_sentence_naming_someone_doing_what_was_asked(study_readout, question):
    """ "谁来讲解" / "who gave the lecture": the sentence naming the lecturer answers, not the one with 讲解 and no name
    (各位同志认真听取了讲解), whose words the question shares as well (external texts, 2026-12-06: the lecturer's line
    was seldom even among the contexts)."""
    from assistant.pipeline import Assistant

    settings, index = study_readout
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert any("王海明" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


PHILOSOPHY_READOUT = """张建华在中央政治局第五次集体学习时强调 学习掌握辩证唯物主义
中共中央政治局1月23日下午就辩证唯物主义基本原理和方法论进行第五次集体学习。海州大学王海明教授就这个问题进行讲解。
张建华在主持学习时发表了讲话。他指出，今天，中央政治局进行2031年第一次集体学习，学习内容是辩证唯物主义基本原理和方法论。
2029年，我们进行第二次集体学习时安排了历史唯物主义基本原理和方法论，这次集体学习安排辩证唯物主义。
张建华强调，要学习掌握世界统一于物质、物质决定意识的原理，坚持从客观实际出发制定政策。
"""


@pytest.fixture(scope="module")
def philosophy_readout(document_index):
    return document_index("philosophy-study-2031.txt", PHILOSOPHY_READOUT)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "2031年第五次集体学习是哪一天进行的？",
        "On what date did the Politburo hold its fifth collective study session on dialectical materialism?",
    ],
)
def test_the_day_a_study_session_was_held_is_its_opening_sentence(philosophy_readout, question):
    """A study session's readout says it was held as "…1月23日下午就…进行第五次集体学习" (no 召开 / 举行), and a reader asks
    "哪一天进行的" or "On what date did … hold": the opening sentence answers (blind reader, 2026-12-06: the English
    question was answered without it)."""
    from assistant.pipeline import Assistant

    settings, index = philosophy_readout
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert any("1月23日下午" in c.quote for c in answer.citations), [c.quote for c in answer.citations]


@pytest.mark.slow
def test_where_a_study_session_was_held_is_not_its_dated_opening(philosophy_readout):
    """The opening "…1月23日下午就…进行第五次集体学习" says when, not where: asked where, the readout does not say."""
    from assistant.pipeline import Assistant

    settings, index = philosophy_readout
    assert Assistant(settings, index=index).ask("2031年第五次集体学习是在什么地点举行的？").refused


FISHERY_READOUT = """中共中央政治局召开会议 研究部署海洋渔业工作 中央委员会总书记张建华主持会议
中共中央政治局4月9日召开会议，研究部署海洋渔业工作。中央委员会总书记张建华主持会议。
会议指出，要建设现代化海洋牧场，推进远洋渔业高质量发展。
会议强调，要加快老旧渔船更新改造，提升渔港综合服务能力。
会议要求，要保护近海渔业资源，严格执行伏季休渔制度。
"""


@pytest.mark.slow
def test_an_english_refusal_names_an_added_readout_by_its_meeting_in_english_once(document_index):
    """An English refusal listed three paragraphs of a readout, each under its Chinese headline: a line of Chinese an
    English reader cannot read, three times. The readout is named by the meeting its headline reports, in English
    (`assistant.titles_en`), once before its sections; each nearest section the Answer lists still names it."""
    from assistant.pipeline import Assistant

    settings, index = document_index("readout-0409.txt", FISHERY_READOUT)
    answer = Assistant(settings, index=index).ask("Who won the Champions League final?")
    assert answer.refused
    title = "Meeting of the Political Bureau of the CPC Central Committee (9 April)"
    assert answer.answer.count(title) == 1, answer.answer
    assert "研究部署海洋渔业工作" not in answer.answer
    assert len(answer.nearest_sections) >= 2
    assert all(section.startswith(f"{title}: ") for section in answer.nearest_sections)


PERSONNEL_READOUT = """中共中央政治局召开会议 审议干部工作条例 中央委员会总书记张建华主持会议
中共中央政治局7月28日召开会议，审议《干部选拔任用工作条例》。中央委员会总书记张建华主持会议。
会议审议通过了《干部选拔任用工作条例》和《党政领导干部考核工作条例》。
会议强调，要坚持党管干部原则，严把选人用人政治关。
"""


@pytest.mark.slow
def test_a_refusal_about_a_named_readout_lists_that_readouts_sections_first(tmp_path):
    """Asked what the 9 April meeting adopted, which its readout does not say, the refusal's nearest sections were the
    July readout's (whose words "审议通过…条例" the question shares): a reader checks the text asked about, so its
    sections come first."""
    from assistant.pipeline import Assistant
    from knowledge.index import KnowledgeIndex
    from knowledge.settings import Settings

    docs = [tmp_path / "readout-0409.txt", tmp_path / "readout-0728.txt"]
    docs[0].write_text(FISHERY_READOUT, encoding="utf-8")
    docs[1].write_text(PERSONNEL_READOUT, encoding="utf-8")
    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")})
    index = KnowledgeIndex.open(settings)
    assert index.add(docs, progress=False).ok
    answer = Assistant(settings, index=index).ask("4月9日中共中央政治局会议审议通过了哪些条例？")
    assert answer.refused
    assert answer.nearest_sections and all("海洋渔业" in s for s in answer.nearest_sections[:2]), (
        answer.nearest_sections
    )
