"""Document names in questions, derived from each document's own metadata and first lines.

The documents here are written for the test (titles, kinds, dates, bylines), so nothing depends
on the bundled corpus: any text added to the index is named the same way.
"""

from __future__ import annotations

from assistant.mentions import DocumentMentions, document_names, genre_of
from assistant.refusal import edition_gap
from assistant.retrieval import mentioned_editions, split_mentions
from knowledge.aliases import document_aliases
from knowledge.models import DocumentMeta
from knowledge.zh_en import romanize_name

GLOSS = {"政府": "government", "工作": "work", "城市": "city", "治理": "governance"}.get


def _doc(doc_id, title, title_en, kind, date, front, byline="", extra=()):
    """What the index holds for a document (aliases derived at index time) and its matcher names."""
    meta = DocumentMeta(doc_id=doc_id, title=title, title_en=title_en, kind=kind, date=date, byline=byline)
    aliases = document_aliases(meta, extra)
    return document_names(doc_id, title, title_en, kind, date, aliases, front, gloss=GLOSS)


def _mentions() -> DocumentMentions:
    return DocumentMentions(
        [
            _doc(
                "wr-a",
                "政府工作报告（2019年）",
                "Report on the Work of the Government (2019)",
                "government-work-report",
                "2019-03-05",
                "政府工作报告\n——2019年3月5日在某次会议上\n总理 王小明\n各位代表：",
            ),
            _doc(
                "wr-b",
                "政府工作报告（2020年）",
                "Report on the Work of the Government (2020)",
                "",
                "2020-03-05",
                "政府工作报告\n各位代表：",
            ),
            _doc(
                "congress",
                "团结奋斗——在中国共产党第十八次全国代表大会上的报告",
                "Unite and Strive — Report to the 18th National Congress of the Communist Party of China",
                "",
                "2012-11-08",
                "团结奋斗\n（2012年11月8日）\n同志们：",
            ),
            _doc(
                "plenum",
                "中共中央关于城市治理若干问题的决定",
                "Decision of the CPC Central Committee on Urban Governance (Third Plenary Session of the 18th Central "
                "Committee)",
                "decision",
                "2013-11-12",
                "中共中央关于城市治理若干问题的决定\n（2013年11月12日中国共产党第十八届中央委员会第三次全体会议通过）",
                byline="（2013年11月12日中国共产党第十八届中央委员会第三次全体会议通过）",
            ),
            _doc(
                "essay",
                "城市治理的路径研究",
                "Paths of Urban Governance",
                "academic paper",
                "2021",
                "城市治理的路径研究\n张伟，刘芳\n（某某大学）",
                extra=("the governance essay",),
            ),
        ]
    )


def _plenum_communique(extra=()):
    """An invented plenum's communiqué, doc_id "meeting"."""
    return _doc(
        "meeting",
        "某某全会公报",
        "Communiqué of the Fifth Plenary Session of a Committee",
        "communiqué",
        "2015-10-29",
        "某某全会公报\n（2015年10月29日通过）",
        extra=extra,
    )


def test_a_short_title_and_its_english_gloss_name_every_edition():
    m = _mentions()
    assert m.find("政府工作报告提出了什么？").named == ["wr-a", "wr-b"]
    assert m.find("What does the government work report say about jobs?").named == ["wr-a", "wr-b"]


def test_a_title_with_its_year_and_issuing_organs_is_glossed_without_them():
    """ "2031年中华人民共和国国务院政府工作报告" (a title with no English one) is "the government work report" in an English
    question, as 政府工作报告（2019年） is: the year and the issuing organs are not part of the glossed name."""
    dated = _doc("wr-c", "2031年中华人民共和国国务院政府工作报告", "", "", "2031-03-05", "各位代表：")
    assert "government work report" in dated.names
    m = DocumentMentions([*_mentions().documents, dated])
    assert m.find("What does the 2031 government work report say about jobs?").named == ["wr-c"]


def test_a_year_picks_the_edition_and_is_removed_from_the_query():
    m = _mentions()
    found = m.find("2020年政府工作报告提出的目标是什么？")
    assert found.named == ["wr-b"] and found.editions == [("wr-b", "2020")]
    assert "2020" not in found.query and "政府工作报告" not in found.query
    assert m.find("What did the 2019 report set?").named == ["wr-a"]
    assert m.find("政府工作报告（2019年）里的就业目标").named == ["wr-a"]


def test_an_edition_the_index_lacks_is_an_edition_gap():
    m = _mentions()
    assert mentioned_editions("2018年政府工作报告提出了哪些任务？", m) == [("wr-a", "2018"), ("wr-b", "2018")]
    years = {"wr-a": "2019-03-05", "wr-b": "2020-03-05"}
    assert edition_gap("2018年政府工作报告提出了哪些任务？", years, m) == 1.0
    assert edition_gap("2019年政府工作报告提出了哪些任务？", years, m) == 0.0
    assert edition_gap("政府工作报告提出了哪些任务？", years, m) == 0.0


def test_congress_and_plenum_short_forms():
    m = _mentions()
    assert m.find("十八大报告如何论述改革？").named == ["congress"]
    assert m.find("What does the 18th Party Congress report say about reform?").named == ["congress"]
    assert m.find("三中全会决定提出了哪些改革？").named == ["plenum"]
    assert m.find("What does the Decision say about cities?").named == ["plenum"]
    assert m.find("What did the third plenum decide?").named == ["plenum"]
    # the meeting alone names its document, in Chinese as in English, and leaves the question's words
    for question in (
        "三中全会提出了哪些改革？",
        "十八届三中全会《决定》提出了哪些改革？",
        "三中全会的《决定》提出了哪些改革？",
    ):
        found = m.find(question)
        assert found.named == ["plenum"] and "三中全会" not in found.query, question
    assert m.find("十八大提出了什么？").named == ["congress"]


def test_genre_words_authors_and_manifest_aliases():
    m = _mentions()
    assert m.find("这篇论文的作者是谁？").named == ["essay"]
    assert m.find("What does the paper say about cities?").named == ["essay"]
    assert m.find("Who are Zhang and Liu?").named == ["essay"]
    assert m.find("张伟在文中说了什么？").named == ["essay"]
    assert m.find("What does the governance essay argue?").named == ["essay"]
    assert m.find("王小明作报告的日期").named == ["wr-a"]
    # dated another year than the author's documents, the name is about what the person did then
    found = m.find("2016年王小明在谈到城市建设时提出了什么？")
    assert found.named == [] and "王小明" in found.query and "2016" in found.years
    assert m.find("2019年王小明作的报告提出了什么？").named == ["wr-a"]
    # a genre word opening the question is its subject: the document
    found = m.find("决定在城市管理方面要制定什么法规？")
    assert found.named == ["plenum"] and not found.query.startswith("决定")
    assert m.find("决定怎样评价城市治理？").named == ["plenum"]
    # the genre word as an ordinary word names nothing
    assert m.find("他决定做什么？").named == []
    assert m.find("政府决定在哪些城市试点？").named == []
    assert m.find("城市治理有哪些路径？").named == []


def test_a_bare_year_is_kept_apart():
    found = _mentions().find("2020年的经济增长目标是多少？")
    assert found.named == [] and found.years == ["2020"]


def test_without_a_matcher_nothing_is_named():
    assert split_mentions("政府工作报告提出了什么？", None) == ("政府工作报告提出了什么？", [])


def test_rules_of_the_derivation():
    assert genre_of("", "某某会议公报", "") == "communique"
    assert genre_of("government-work-report", "x", "") == "report"
    assert genre_of("", "Something", "Report on Things") == "report"
    assert romanize_name("张伟") == "Zhang Wei"


def test_a_name_written_another_way_than_its_alias_is_found_not_a_crash():
    """A name's pattern also matches 'e' for 'é' and other spaces or dashes; the document is the one
    whose name matched (a question writing "communique" for a "communiqué" alias raised KeyError)."""
    meeting = _plenum_communique(extra=("the communiqué", "Year-End Meeting"))
    mentions = DocumentMentions([meeting, *_mentions().documents])
    for question in ("What does the communique say about reform?", "What did the year end meeting decide?"):
        assert mentions.find(question).named == ["meeting"], question


def test_a_shared_name_means_the_document_the_question_names_more_precisely():
    """ "the report" names every report; beside "the 18th National Congress" it means that one."""
    mentions = _mentions()
    for question in (
        "What does the report to the 18th National Congress say about cities?",
        "What does the 18th CPC National Congress report say about cities?",
    ):
        assert mentions.find(question).named == ["congress"], question
    assert set(mentions.find("What does the report say about cities?").named) >= {"wr-a", "wr-b", "congress"}
    # a year keeps an edition apart from the precisely named document
    assert mentions.find("Compare the 2019 report with the 18th National Congress report").named == ["wr-a", "congress"]


def test_a_year_and_a_genre_word_mean_the_text_its_title_calls_so():
    """ "the 2012 report": the 2012 edition of the work report (a report by its title), not the
    congress report of the same year (a report only by its subtitle); named precisely, the congress
    report is still found, and a year only the subtitled text fits still picks it."""
    work_2012 = _doc(
        "wr-c",
        "政府工作报告（2012年）",
        "Report on the Work of the Government (2012)",
        "government-work-report",
        "2012-03-05",
        "政府工作报告\n各位代表：",
    )
    mentions = DocumentMentions([work_2012, *_mentions().documents])
    for question in (
        "What does the 2012 report say about jobs?",
        "2012年的报告中就业目标是多少？",
        "2012年报告里提到哪些任务？",
    ):
        assert mentions.find(question).named == ["wr-c"], question
    assert mentions.find("What does the 18th Party Congress report say about reform?").named == ["congress"]
    assert _mentions().find("What does the 2012 report say about reform?").named == ["congress"]


def test_a_byline_on_the_title_line_names_the_speaker():
    one_line = "政府工作报告——2021年3月5日在某届全国人民代表大会某次会议上国务院总理\u2002王小明\n各位代表："
    names = document_names(
        "wr-c", "政府工作报告（2021年）", "", "government-work-report", "2021-03-05", front=one_line
    ).names
    assert "王小明" in names


def test_a_genre_word_dated_another_texts_year_is_loose_talk_for_that_text():
    """ "the 2030 plan" where the only plan is of 2031 and a report is of 2030: the reader means the 2030
    text's plans, not a missing edition of the plan; a year no text has stays a named edition (refused)."""
    m = DocumentMentions(
        [
            _doc("plan", "全市港口建设规划", "Plan for Harbour Construction", "plan", "2031-01-01", "全市港口建设规划"),
            _doc(
                "wr",
                "市政府工作报告（2030年）",
                "Report on the Work of the City Government (2030)",
                "report",
                "2030-01-15",
                "市政府工作报告",
            ),
        ]
    )
    loose = m.find("What does the 2030 plan say about dredging?")
    assert loose.named == [] and loose.years == ["2030"]
    assert m.find("2030年规划提出了什么？").named == []
    assert m.find("What does the 2031 plan say about dredging?").named == ["plan"]
    missing = m.find("What does the 2029 plan say about dredging?")
    assert missing.named == ["plan"] and missing.editions == [("plan", "2029")]


def test_a_qualified_phrase_ending_in_an_accented_genre_word_names_its_document():
    # "the 2013 plenum communiqué": the genre word is written with its accent, as the English names write it
    communique = _doc(
        "readout",
        "中国共产党第十八届中央委员会第三次全体会议公报",
        "Communiqué of the Third Plenary Session of the 18th Central Committee (plenum)",
        "",
        "2013-11-12",
        "中国共产党第十八届中央委员会第三次全体会议公报\n（2013年11月12日）",
    )
    mentions = DocumentMentions([communique, *_mentions().documents])
    for question in ("What does the 2013 plenum communiqué say on cities?", "What does the plenum communique say?"):
        assert mentions.find(question).named == ["readout"], question
    # a speaker named as part of what is asked about is not a second document; as a text's owner they are
    about = mentions.find("In this communiqué, how are officials led by Wang Xiaoming described?")
    assert about.named == ["readout"] and "Wang Xiaoming" in about.query
    assert "wr-a" in mentions.find("Does this communiqué mention Wang Xiaoming's report on cities?").named
    assert "wr-a" in mentions.find("What do the communiqué and Wang Xiaoming say about cities?").named


def test_a_question_calls_a_communique_or_readout_by_its_meeting():
    """ "会议认为…", "这次会议提出…": the text reporting a meeting is asked about as the meeting (an added readout's
    questions said so, and fell to a work report that says the same). 会议 asked about ("由哪次会议通过",
    "列席了会议") names nothing."""
    meeting = _plenum_communique()
    mentions = DocumentMentions([meeting, *_mentions().documents])
    for question in ("会议认为当前面临哪些压力？", "按照会议要求，货币政策要怎样？", "这次会议提出了哪些任务？"):
        assert mentions.find(question).named == ["meeting"], question
    for question in ("这份报告是在哪次会议上作的？", "有多少人列席了会议？", "报告提出要开好哪些会议？"):
        assert "meeting" not in mentions.find(question).named, question


def test_a_meeting_referred_to_with_its_date_inside_picks_that_edition():
    """ "the December 2022 conference", "the 2022 conference": "the conference" of that year, here the readout that
    never states its year (the dated one is of 2024); both were read as no name at all."""
    from assistant.mentions import document_names

    dated = document_names("cw-2024", "某某工作会议在北京举行", "", "", "2024-12-12", ("the conference",), "")
    undated = document_names("cw-x", "某某工作会议在北京举行", "", "", "", ("the conference",), "")
    mentions = DocumentMentions([dated, undated])
    for question in (
        "What did the December 2022 conference say about housing?",
        "What did the 2022 conference decide?",
    ):
        assert mentions.find(question).named == ["cw-x"], question
    assert mentions.find("What did the December 2024 conference decide?").named == ["cw-2024"]
    assert set(mentions.find("What did the conference decide?").named) == {"cw-2024", "cw-x"}


def test_a_genre_word_also_names_a_text_of_unknown_genre():
    """A readout added without its lead has no title, so no genre and no name: "会议认为…", "the readout", "the
    conference" may mean it as well as the titled texts of the genre (they named only those, and its questions fell
    to them). A text of known genre is not named by another genre's word."""
    from assistant.mentions import document_names

    titled = document_names("cw-2024", "某某工作会议在北京举行", "", "", "2024-12-12", ("the conference",), "")
    untitled = document_names("cw-x", "习近平在讲话中总结了经济工作", "", "", "", (), "")
    assert untitled.genre == ""
    mentions = DocumentMentions([titled, untitled, *_mentions().documents])
    for question in (
        "会议认为当前面临哪些压力？",
        "What does the readout say about housing?",
        "What did the conference decide?",
        "What did the 2022 conference decide?",
    ):
        assert "cw-x" in mentions.find(question).named, question
    assert mentions.find("What did the 2022 conference decide?").named == ["cw-x"]
    assert "cw-2024" not in mentions.find("决定在城市治理方面提出了什么？").named


def test_another_sessions_plenum_is_what_is_asked_about_not_a_name():
    m = _mentions()
    assert m.find("三中全会决定提出了哪些改革？").named == ["plenum"]
    assert m.find("十八届三中全会决定提出了哪些改革？").named == ["plenum"]
    # the plenum of another session has a short name in common with the document, nothing else
    found = m.find("十五届三中全会提出的方针是什么？")
    assert found.named == [] and "十五届三中全会" in found.query
    # ... in English too, the Central Committee said after the plenum or before it
    assert m.find("What reforms did the Third Plenum of the 18th Central Committee propose?").named == ["plenum"]
    for question in (
        "What reforms did the Third Plenum of the 15th Central Committee propose?",
        "What did the 15th CPC Central Committee's third plenum propose?",
        # CC, the usual abbreviation
        "What did the 15th CC Third Plenum propose?",
        "What did the Third Plenum of the 15th CC propose?",
    ):
        assert m.find(question).named == [], question
    for question in ("What did the 18th CC Third Plenum propose?", "What did the 18th CC's third plenum propose?"):
        assert m.find(question).named == ["plenum"], question


def test_an_ordinal_number_in_an_english_name_is_the_number_of_a_chinese_title():
    """ "the 40th anniversary speech": 40th is the 40 of 庆祝改革开放40周年大会 (or 四十), not of 140 or 2040."""
    from assistant.mentions import _numbers

    assert _numbers("40th", "庆祝改革开放40周年大会在京隆重举行") and _numbers("40th", "庆祝改革开放四十周年大会")
    assert _numbers("19th", "中国共产党第十九次全国代表大会")
    assert (
        not _numbers("40th", "2040年远景目标")
        and not _numbers("40th", "一百四十周年")
        and not _numbers("fortieth", "40")
    )


def test_a_name_said_as_a_point_in_time_names_no_source():
    m = _mentions()
    found = m.find("三中全会以来城市治理有哪些进展？")
    assert found.named == [] and "三中全会以来" in found.query
    assert m.find("十八大召开后，政府工作报告提出了什么？").named == ["wr-a", "wr-b"]
    assert m.find("What did the 2020 report say about cities since the third plenum?").named == ["wr-b"]
    assert m.find("After the 18th Party Congress report, what changed?").named == []
    # 前 and 后 alone are no point in time: 报告前言, 决定后面
    assert m.find("十八大报告前言说了什么？").named == ["congress"]


def test_a_name_said_as_a_point_in_time_is_still_a_known_name():
    m = _mentions()
    question = "What did the 2020 report say about cities since the Third Plenum?"
    assert m.find(question).anchors == ["Third Plenum"]
    assert "Third Plenum" not in m.without_names(question) and "cities" in m.without_names(question)


def test_a_body_named_first_and_its_meeting_dated_after_it_is_that_meeting():
    """ "What did the Politburo review at its July 2031 meeting?": the body's meeting of that month (a readout that never
    states its year), not whichever meeting of 2031 the index dates ("2031 meeting" alone named the conference)."""
    from assistant.mentions import document_names

    def named(doc_id, title, date, opening):
        meta = DocumentMeta(doc_id=doc_id, title=title, date=date)
        return document_names(doc_id, title, "", "", date, document_aliases(meta), "", opening=opening)

    body = named("pb-x", "中共中央政治局召开会议 分析研究当前经济形势", "", "中共中央政治局7月28日召开会议。")
    other = named("pb-y", "中共中央政治局召开会议 分析研究当前经济形势", "", "中共中央政治局4月28日召开会议。")
    conference = named(
        "cw-2031", "中央经济工作会议在北京举行", "2031-12-12", "中央经济工作会议12月11日至12日在北京举行。"
    )
    mentions = DocumentMentions([body, other, conference])
    for question in (
        "What report did the Politburo review at its July 2031 meeting?",
        "Besides the economy, what did the Politburo discuss at its 28 July 2031 meeting?",
    ):
        assert mentions.find(question).named == ["pb-x"], question
    assert mentions.find("What did the conference say at its December 2031 meeting?").named == ["cw-2031"]
    # the date after the head noun ("at its meeting on 28 July 2031") or after the body alone, a few words on ("the
    # Politburo in July 2031", "reviewed by the Politburo in July 2031", "the Politburo say in July 2031"): the same
    for question in (
        "What report did the Politburo review at its meeting on 28 July 2031?",
        "How did the Politburo in July 2031 see the economy?",
        "Under the rules reviewed by the Politburo in July 2031, what is required?",
        "What did the Politburo say in July 2031 about ports?",
        # a possessor before the body is not of its name
        "What did China's Politburo say in July 2031 about ports?",
        "What did China's Politburo, meeting in July 2031, say about ports?",
    ):
        assert mentions.find(question).named == ["pb-x"], question
    # a body dated many words on, or a date with no body before it, names nothing
    assert mentions.find("What did the Politburo think was needed for ports in July 2031?").named == []
    assert mentions.find("What happened in July 2031?").named == []


def test_an_english_ordinal_numbers_a_bodys_meeting():
    """ "the tenth meeting of the X Commission", "the X Commission's fourth meeting", "the 10th X Commission meeting":
    of the commission's readouts, the one named 第十次会议 (an external text's English hit@5 was 0.5: the name alone
    named the commission's three readouts). A meeting the index lacks names none of them."""
    from assistant.mentions import DocumentMentions, document_names

    def named(doc_id: str, number: str):
        return document_names(
            doc_id,
            f"海州港口委员会第{number}次会议召开",
            aliases=(f"海州港口委员会第{number}次会议", "Harbour Commission"),
        )

    mentions = DocumentMentions([named("tenth", "十"), named("fourth", "四")])
    assert mentions.find("What did the tenth meeting of the Harbour Commission say about ports?").named == ["tenth"]
    assert mentions.find("What did the Harbour Commission's fourth meeting say about ports?").named == ["fourth"]
    assert mentions.find("What did the 10th Harbour Commission meeting say about ports?").named == ["tenth"]
    assert sorted(mentions.find("What did the Harbour Commission say about ports?").named) == ["fourth", "tenth"]
    assert mentions.find("What did the ninth meeting of the Harbour Commission say about ports?").named == []
