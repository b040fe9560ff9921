"""Names a reader uses for a document, derived from invented metadata (no bundled text)."""

from __future__ import annotations

import pytest

from knowledge.aliases import document_aliases, reports_meeting
from knowledge.models import DocumentMeta
from knowledge.pipeline import prepare_document


def _matcher(metas):
    """The question matcher over documents with these (invented) metadata and their derived aliases."""
    from assistant.mentions import DocumentMentions, document_names

    return DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    )


def test_recurring_report_gets_its_plain_and_dated_names():
    meta = DocumentMeta(
        doc_id="r",
        title="市政府工作报告（2031年）",
        title_en="Report on the Work of the City Government (2031)",
        date="2031-01-15",
    )
    names = document_aliases(meta)
    for name in (
        "市政府工作报告",
        "2031年市政府工作报告",
        "Report on the Work of the City Government",
        "the 2031 report",
    ):
        assert name in names


def test_meeting_abbreviations_joined_to_the_document_type():
    plenum = DocumentMeta(
        doc_id="p",
        title="中国共产党第二十一届中央委员会第四次全体会议公报",
        date="2031-10-30",
        title_en="Communiqué of the Fourth Plenary Session of the 21st Central Committee of the CPC",
    )
    names = document_aliases(plenum)
    assert {"二十一届四中全会公报", "四中全会公报", "the communiqué", "fourth plenum communiqué"} <= set(names)
    # and the meeting alone, as readers say "the fourth plenum"
    assert {"二十一届四中全会", "四中全会", "fourth plenum"} <= set(names)
    congress = DocumentMeta(
        doc_id="c",
        title="团结奋斗——在中国共产党第二十一次全国代表大会上的报告",
        title_en="Strive in Unity — Report to the 21st National Congress of the CPC",
    )
    # readers say "the 21st Congress report" as often as "the 21st Party Congress report"
    assert {
        "二十一大报告",
        "21st Party Congress report",
        "21st National Congress report",
        "21st Congress report",
        "团结奋斗",
    } <= set(document_aliases(congress))
    plan = DocumentMeta(doc_id="f", title="中共中央关于制定国民经济和社会发展第十六个五年规划的建议")
    assert {"十六五规划建议", "the recommendations"} <= set(document_aliases(plan))


def test_a_text_without_an_english_title_gets_its_meetings_english_names():
    """An added text has no English title: its meetings are named in English from the Chinese title, so an
    English question naming the plenum or the congress finds it."""
    plenum = DocumentMeta(doc_id="p", title="中国共产党第二十一届中央委员会第四次全体会议公报", date="2031-10-30")
    names = set(document_aliases(plenum))
    assert {
        "Fourth Plenary Session of the 21st Central Committee",
        "Fourth Plenary Session of the 21st CPC Central Committee",
        "fourth plenum",
        "fourth plenum communiqué",
        "the 2031 communiqué",
    } <= names
    congress = DocumentMeta(doc_id="c", title="团结奋斗——在中国共产党第二十二次全国代表大会上的报告", date="2037-10-16")
    assert {"22nd National Congress", "22nd Party Congress report"} <= set(document_aliases(congress))
    matcher = _matcher([plenum, congress])
    assert matcher.find("Who presided over the Fourth Plenary Session of the 21st CPC Central Committee?").named == [
        "p"
    ]
    assert matcher.find("What does the 22nd Party Congress report say about rivers?").named == ["c"]
    # the plenum named after its Central Committee, as readers also put it: that plenum, not any fourth plenum
    other = DocumentMeta(doc_id="o", title="中国共产党第二十届中央委员会第四次全体会议公报", date="2026-10-23")
    matcher = _matcher([plenum, other])
    assert matcher.find("What did the fourth plenum of the 21st Central Committee decide?").named == ["p"]
    assert matcher.find("Who attended the fourth plenum of the 20th CPC Central Committee?").named == ["o"]
    assert matcher.find("What did the October 2031 plenum decide?").named == ["p"]


def test_a_title_with_its_year_and_issuer_in_front_is_named_without_them():
    """ "2031年中华人民共和国国务院政府工作报告" with no byline: a reader says 政府工作报告 / 2031年政府工作报告, and its
    year is its edition (the date a byline would give)."""
    from knowledge.front_matter import read_front_matter

    front = read_front_matter(
        ["2031年中华人民共和国国务院政府工作报告", "各位代表：", "现在，我代表国务院，向大会报告政府工作。"]
    )
    assert front.date == "2031"
    meta = DocumentMeta(doc_id="g", title=front.title, date=front.date)
    assert {"政府工作报告", "2031年政府工作报告", "the 2031 report"} <= set(document_aliases(meta))
    other = DocumentMeta(doc_id="h", title="政府工作报告（2032年）", date="2032-03-05")
    assert _matcher([meta, other]).find("2031年政府工作报告提出了哪些目标？").named == ["g"]


def test_a_title_of_joint_issuers_is_named_without_them():
    """ "中共中央 国务院关于…的意见": a reader cites 《关于…的意见》 or "…的意见", whichever issuers, spaced apart, head it."""
    for space in (" ", "\u3000"):
        meta = DocumentMeta(doc_id="j", title=f"中共中央{space}国务院关于推进海洋牧场建设的意见", date="2031-05-01")
        names = document_aliases(meta)
        assert "关于推进海洋牧场建设的意见" in names
        assert "推进海洋牧场建设的意见" in names
        assert "2031年关于推进海洋牧场建设的意见" in names


def test_a_subtitle_on_its_own_line_is_part_of_the_title_and_a_spaced_name_its_speaker():
    """ "坚定不移走港口强市道路" then "——全市港口第九次代表大会报告", then the date and "王 某 某": the dash line without a
    date is the title's subtitle (it was taken for a byline, so the text was no report and no congress report), and the
    name set with spaces is the speaker's as the texts write it."""
    from knowledge.front_matter import read_front_matter

    front = read_front_matter(
        [
            "坚定不移走港口强市道路  为建设国际港城而奋斗",
            "——中国共产党海州市第九次代表大会报告",
            "（2031年10月16日）",
            "王 某 某",
            "同志们：",
            "现在，我代表第八届市委向大会作报告。",
        ]
    )
    assert front.title.endswith("——中国共产党海州市第九次代表大会报告")
    assert front.date == "2031-10-16" and front.issuer == "王某某" and "——" not in front.byline
    meta = DocumentMeta(doc_id="c", title=front.title, date=front.date)
    found = _matcher([meta, DocumentMeta(doc_id="g", title="海州市政府工作报告", date="2031-01-10")])
    assert found.by_id["c"].genre == "report"


def test_a_title_naming_its_subject_is_named_by_the_subject_and_each_part_of_it():
    """ "关于A、B的决定" is "A的决定" to a reader: a question naming it so names the document, and the name's
    words are not taken for what is asked about."""
    meta = DocumentMeta(doc_id="d", title="中共中央关于加快建设海洋强国、推进蓝色经济发展的决定", date="2031-07-20")
    names = set(document_aliases(meta))
    assert {"加快建设海洋强国、推进蓝色经济发展的决定", "加快建设海洋强国的决定", "推进蓝色经济发展的决定"} <= names
    other = DocumentMeta(doc_id="o", title="国务院关于加强滨海湿地保护的意见", date="2031-03-01")
    assert "加强滨海湿地保护的意见" in document_aliases(other)
    assert "滨海湿地保护的意见" not in document_aliases(other)  # a subject is cut at 、 only, never inside a part
    found = _matcher([meta, other]).find("加快建设海洋强国的决定提出要建设哪个港口？")
    assert found.named == ["d"] and "海洋强国" not in found.query


def test_a_dateline_before_the_title_on_its_line_is_byline_not_title():
    """A news copy opens `新华社北京10月29日电  <title>`: the title is what follows the dateline, the date is the
    byline's, and the document is named by its title."""
    from knowledge.front_matter import read_front_matter

    front = read_front_matter(
        [
            "新华社北京11月2日电  中国共产党第二十一届中央委员会第六次全体会议公报",
            "（2033年11月2日中国共产党第二十一届中央委员会第六次全体会议通过）",
            "中国共产党第二十一届中央委员会第六次全体会议，于2033年10月30日至11月2日在北京举行。",
        ]
    )
    assert front.title == "中国共产党第二十一届中央委员会第六次全体会议公报"
    assert front.date == "2033-11-02" and front.byline.startswith("新华社北京11月2日电")
    meta = DocumentMeta(doc_id="c", title=front.title, date=front.date)
    assert _matcher([meta]).find("二十一届六中全会公报提出了什么？").named == ["c"]
    # a dateline opening the first paragraph of the text itself is no title
    assert read_front_matter(["新华社北京2月1日电 会议指出，要做好工作。", "第二段。"]).title == ""


def test_hand_written_aliases_come_first_and_nothing_repeats():
    meta = DocumentMeta(doc_id="d", title="关于推进城市更新的决定", date="2030-05-01")
    names = document_aliases(meta, ("城市更新决定",))
    assert names[0] == "城市更新决定" and "the decision" in names
    assert len({n.lower() for n in names}) == len(names)
    assert "2030年关于推进城市更新的决定" not in names  # no bracketed edition: not a yearly series


@pytest.mark.slow  # indexes a user document with the real embedder
def test_an_added_text_gets_aliases_from_its_title_line(shared_settings):
    text = "中国共产党第二十一届中央委员会第二次全体会议公报\n（2032年2月28日中国共产党第二十一届中央委员会第二次全体会议通过）\n全会听取了工作报告。\n"
    meta, _ = prepare_document(text, DocumentMeta(doc_id="u", title=""), shared_settings)
    assert meta.date == "2032-02-28" and "二中全会公报" in meta.aliases


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("全省海洋渔业工作会议在福州举行", "全省海洋渔业工作会议"),
        ("2031年全国某某工作会议在京召开", "全国某某工作会议"),
        ("某某发展论坛年会隆重开幕", "某某发展论坛年会"),
    ],
)
def test_a_news_headline_names_its_meeting(title, bare):
    """A text whose only title is a headline ("…会议在…举行") is asked about by the meeting's name."""
    names = document_aliases(DocumentMeta(doc_id="n", title=title, date="2031-12-12"))
    assert names[0] == title and bare in names
    assert "2031年" + bare in names
    assert not any(n.endswith(("举行", "召开", "开幕")) for n in names[1:])


def test_a_question_naming_the_bare_meeting_finds_the_headline_document():
    headline = DocumentMeta(doc_id="news", title="全省海洋渔业工作会议在福州举行", date="2031-12-12")
    other = DocumentMeta(doc_id="plan", title="全省海洋渔业发展规划", date="2031-06-01")
    mentions = _matcher([headline, other])
    found = mentions.find("全省海洋渔业工作会议部署了哪些任务？")
    assert found.named == ["news"] and "海洋渔业工作会议" not in found.query
    assert mentions.find("2031年全省海洋渔业工作会议提出了什么？").named == ["news"]
    assert mentions.find("全省海洋渔业发展规划提出了什么？").named == ["plan"]


def test_a_headline_reporting_what_was_said_at_an_occasion_names_the_occasion():
    """ "<speaker>在<occasion>时强调 …" is the readout of that occasion: a question calls the text by it, in Chinese
    (第三次集体学习, 集体学习) and, for an occasion English has a name for, in English ("the study session")."""
    study = DocumentMeta(doc_id="study", title="王某在省委常委会第三次集体学习时强调 推进海洋渔业高质量发展")
    plan = DocumentMeta(doc_id="plan", title="全省海洋渔业发展规划", date="2031-06-01")
    names = document_aliases(study)
    assert {"省委常委会第三次集体学习", "第三次集体学习", "集体学习", "study session", "the 3rd study session"} <= set(
        names
    )
    mentions = _matcher([study, plan])
    assert mentions.documents[0].genre == "communique"
    assert mentions.find("第三次集体学习对海洋渔业提出了什么要求？").named == ["study"]
    # an undated text: the year a question gives it does not send the question elsewhere
    assert mentions.find("What does the 2031 study session readout ask fishing ports to do?").named == ["study"]
    # a headline of another form names no occasion
    assert "集体学习" not in document_aliases(DocumentMeta(doc_id="x", title="集体学习的十个方法"))


def test_a_readout_names_the_numbered_occasion_its_body_held_in_its_headline_or_its_opening():
    """A study session's readout headlined "<body>举行第N次集体学习 …", or headlined by what was said ("王某强调 …") and
    saying in its opening that the body "就…进行第N次集体学习": both are that session's readout; a question naming the
    session (第十八次集体学习, "the 18th study session") found another term's session of that number, or every one."""
    from assistant.mentions import DocumentMentions, document_names

    held = DocumentMeta(doc_id="held", title="省委常委会举行第十八次集体学习 王某强调 推进海洋渔业高质量发展")
    assert {"省委常委会第十八次集体学习", "第十八次集体学习", "the 18th study session"} <= set(document_aliases(held))
    said = DocumentMeta(doc_id="said", title="王某强调 更好统筹海洋渔业发展")
    opening = "省委常委会1月28日下午就推进海洋渔业高质量发展进行第三次集体学习。王某主持学习。"
    names = document_names("said", said.title, date="2031-01", aliases=document_aliases(said), opening=opening)
    assert {"省委常委会第三次集体学习", "第三次集体学习", "the 3rd study session", "the 2031 study session"} <= set(
        names.names
    )
    mentions = DocumentMentions([names, document_names("held", held.title, aliases=document_aliases(held))])
    assert mentions.find("省委常委会第三次集体学习对渔港提出了什么要求？").named == ["said"]
    assert mentions.find("第十八次集体学习对渔港提出了什么要求？").named == ["held"]


def test_a_numbered_study_session_is_named_without_the_partys_prefix_and_told_apart_by_its_year_or_term():
    """Two terms' 18th study sessions, one headlined 中共中央政治局…, the other 中央政治局…: "2014年中央政治局第十八次集体学习"
    named the second only (its name was the longer match), whatever the year said; and "十九届中央政治局第二次集体学习"
    named none (no name writes the Central Committee's term): the term's years tell them apart."""
    from assistant.mentions import DocumentMentions, document_names

    older = DocumentMeta(
        doc_id="older", title="中共中央政治局举行第十八次集体学习 王某强调 推进海洋渔业", date="2014-10"
    )
    newer = DocumentMeta(doc_id="newer", title="王某在中央政治局第十八次集体学习时强调 建设海洋牧场", date="2019-10")
    assert "中央政治局第十八次集体学习" in document_aliases(older)
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, date=m.date, aliases=document_aliases(m)) for m in (older, newer)]
    )
    assert mentions.find("2014年中央政治局第十八次集体学习提出了什么？").named == ["older"]
    assert mentions.find("2019年中央政治局第十八次集体学习提出了什么？").named == ["newer"]
    assert mentions.find("十八届中央政治局第十八次集体学习提出了什么？").named == ["older"]
    assert mentions.find("十九届中央政治局第十八次集体学习提出了什么？").named == ["newer"]


def test_a_standing_committees_meeting_is_also_named_by_its_abbreviation():
    """常务委员会 is 常委会 to readers (全国人大常委会): "中央某某局常委会会议" named no text."""
    readout = DocumentMeta(doc_id="sc", title="中共中央海洋局常务委员会召开会议 研究部署海洋渔业工作")
    assert {"中共中央海洋局常委会会议", "中央海洋局常委会会议"} <= set(document_aliases(readout))


def test_a_headline_saying_a_body_convened_a_meeting_names_the_bodys_meeting():
    """ "<body>召开会议 …" reports the body's meeting: a question calls it 某某会议, without 中共 or without the issuing
    organs (中央政治局会议, 政治局会议), and in English by the dictionary ("the 2031 Politburo meeting")."""
    title = "中共中央政治局召开会议 研究部署海洋渔业工作 中共中央总书记王某某主持会议"
    readout = DocumentMeta(doc_id="pb", title=title)
    plan = DocumentMeta(doc_id="plan", title="全省海洋渔业发展规划", date="2031-06-01")
    names = document_aliases(readout)
    assert {"中共中央政治局会议", "中央政治局会议", "政治局会议", "Politburo Meeting", "the meeting"} <= set(names)
    assert reports_meeting(title) and reports_meeting("国务院召开常务会议 部署海洋渔业工作")
    assert not reports_meeting("关于召开海洋渔业会议的通知")
    mentions = _matcher([readout, plan])
    assert mentions.documents[0].genre == "communique"
    assert mentions.find("中央政治局会议对海洋渔业提出了什么要求？").named == ["pb"]
    found = mentions.find("What did the July 2031 Politburo meeting say about fishing ports?")
    assert found.named == ["pb"] and "Politburo" not in found.query


def test_a_meeting_word_the_dictionary_knows_in_two_words_is_named_by_them():
    """农村 has one one-word sense ("village"); the official name says "Rural" (its two-word sense "rural area"):
    a question naming the "Rural Work Conference" finds the readout, not the other conferences."""
    rural = DocumentMeta(doc_id="rural", title="中央农村工作会议在京召开 王某某出席并讲话", date="2031-12-20")
    other = DocumentMeta(doc_id="harbour", title="中央港口工作会议在京召开 李某出席", date="2031-12-10")
    assert "Rural Area Work Conference" in " ".join(document_aliases(rural))
    mentions = _matcher([rural, other])
    assert mentions.find("What did the 2031 Central Rural Work Conference say about seeds?").named == ["rural"]


def test_a_generic_name_joined_to_a_specific_one_means_the_text_that_one_names():
    """ "the report on the 3rd study session": the generic name (every report, untitled texts too) is the text the
    name after it names, whatever that text's genre; not so where a verb stands between them."""
    study = DocumentMeta(doc_id="study", title="王某在省委常委会第三次集体学习时强调 推进海洋渔业高质量发展")
    reports = [
        DocumentMeta(
            doc_id=f"r{y}",
            title=f"市政府工作报告（{y}年）",
            title_en=f"Report on the Work of the City Government ({y})",
        )
        for y in (2030, 2031)
    ]
    mentions = _matcher([study, *reports])
    assert mentions.find("What does the report on the 3rd study session say about ports?").named == ["study"]
    assert set(mentions.find("What does the report say about the 3rd study session?").named) >= {"r2030", "r2031"}


def test_that_years_report_is_the_edition_of_the_year_the_question_names():
    """ "For 2031, … that year's report" / "2031年…当年的报告": the edition is the year said elsewhere."""
    metas = [
        DocumentMeta(
            doc_id=f"r{y}",
            title=f"市政府工作报告（{y}年）",
            title_en=f"Report on the Work of the City Government ({y})",
            date=f"{y}-01-15",
            kind="report",
        )
        for y in (2030, 2031)
    ]
    mentions = _matcher(metas)
    en = mentions.find("For 2031, what grain target does that year's Report on the Work of the City Government give?")
    assert en.named == ["r2031"] and en.editions == [("r2031", "2031")]
    zh = mentions.find("2031年要新建几座社区图书馆？当年的市政府工作报告怎么说？")
    assert zh.named == ["r2031"]
    # two years: "that year" is ambiguous, every edition the name covers stays named
    both = mentions.find("Between 2030 and 2031, what does that year's Report on the Work of the City Government say?")
    assert set(both.named) == {"r2030", "r2031"}


@pytest.mark.parametrize(
    ("title", "title_en", "meeting", "meeting_en"),
    [
        (
            "全市港口发展大会在宁波召开 王某某出席并讲话（2031年5月2日）",
            "Harbour Development Conference held in Ningbo; Wang Wu attends and speaks (readout, 2 May 2031)",
            "全市港口发展大会",
            "Harbour Development Conference",
        ),
        (
            "全省水利工作会议在杭州举行，李某某作报告",
            "The 2031 Provincial Water Forum opens in Hangzhou",
            "全省水利工作会议",
            "Provincial Water Forum",
        ),
    ],
)
def test_a_headline_with_a_second_clause_names_its_meeting(title, title_en, meeting, meeting_en):
    """A readout headline also says who spoke ("…会议在某地举行 某某发表讲话", "X Conference held in Y;
    Z speaks"): the meeting is the subject of its first clause, in Chinese and in English."""
    names = document_aliases(DocumentMeta(doc_id="n", title=title, title_en=title_en, date="2031-05-02"))
    assert {meeting, "2031年" + meeting, meeting_en} <= set(names)


def _readout_and_plan(meeting: str, meeting_en: str) -> tuple[DocumentMeta, DocumentMeta]:
    """An invented meeting readout (headline title) and a plan on the same topic, of the same year."""
    readout = DocumentMeta(
        doc_id="readout",
        title=f"{meeting}在宁波召开 王某某出席并讲话",
        title_en=f"{meeting_en} held in Ningbo; Wang Wu attends and speaks",
        kind="communique",
        date="2031-05-02",
    )
    plan = DocumentMeta(
        doc_id="plan", title="全市港口建设规划", title_en="Plan for Harbour Construction", date="2031-01-01"
    )
    return readout, plan


def test_an_english_question_naming_the_meeting_finds_the_readout():
    mentions = _matcher(list(_readout_and_plan("全市港口发展大会", "Harbour Development Conference")))
    found = mentions.find("What did the 2031 Harbour Development Conference decide about dredging?")
    assert found.named == ["readout"] and "Conference" not in found.query and "2031" not in found.query


def _qualified_mentions():
    """Invented documents of four genres, named by qualified genre phrases in the next tests."""
    metas = [
        DocumentMeta(
            doc_id="congress",
            title="同心筑梦——在中国共产党第二十一次全国代表大会上的报告",
            title_en="Build the Dream Together — Report to the 21st National Congress of the Communist Party of China",
            kind="party-congress-report",
            date="2032-10-16",
        ),
        *(
            DocumentMeta(
                doc_id=f"work-{y}",
                title=f"市政府工作报告（{y}年）",
                title_en=f"Report on the Work of the City Government ({y}), delivered at the Session of the Congress",
                kind="government-work-report",
                date=f"{y}-01-15",
            )
            for y in (2031, 2032)
        ),
        DocumentMeta(
            doc_id="decision",
            title="中共中央关于深化城市治理改革的决定",
            title_en="Resolution of the CPC Central Committee on Deepening the Reform of Urban Governance",
            kind="decision",
            date="2033-07-20",
        ),
        DocumentMeta(
            doc_id="plan",
            title="沿海地区发展规划",
            title_en="Plan for the Development of Coastal Regions",
            kind="plan",
            date="2033-03-01",
        ),
    ]
    return _matcher(metas)


@pytest.mark.parametrize(
    ("question", "named", "editions"),
    [
        ("Which reforms does the 2032 congress report review?", ["congress"], [("congress", "2032")]),
        ("Why does the 2032 Party Congress report put growth first?", ["congress"], [("congress", "2032")]),
        ("What does the congress report say about schools?", ["congress"], []),
        ("What does the 21st Congress report say about schools?", ["congress"], []),
        ("What tax change does the Party's 2033 reform decision propose?", ["decision"], [("decision", "2033")]),
        ("What does the urban governance resolution say about housing?", ["decision"], []),
        ("Which ports does the development plan list?", ["plan"], []),
        # an adjective for the noun of a name ("regional" ~ Regions), as a dictionary-glossed name has the noun
        ("Which ports does the regional development plan list?", ["plan"], []),
        ("What does the city government report say about parks?", ["work-2031", "work-2032"], []),
    ],
)
def test_a_qualified_genre_phrase_names_the_documents_whose_name_holds_its_words(question, named, editions):
    """ "the 2032 congress report": a determiner, possessive or year, modifiers, a genre word. The
    modifiers are words of the document's English names; the year picks the edition."""
    found = _qualified_mentions().find(question)
    assert (found.named, found.editions) == (named, editions)
    # the phrase names where to look: it leaves the question's words, not its genre word
    assert not {"report", "decision", "resolution", "plan"} & set(found.query.lower().split())


@pytest.mark.parametrize(
    "question",
    [
        "What does the annual report say about parks?",  # a modifier no name holds
        "Is there a new plan for the coast?",
        "What does the governance plan say?",  # the words of the decision, but it is no plan
        "Which ports does the city plan to build?",  # "plan" a verb after words of the work reports
        "What does the X report say?",  # a letter is no name word
        "Who gave a development plan for the coast?",  # "a" / "an" name no particular text
        "Who delivered an urban governance resolution at the session?",
    ],
)
def test_a_genre_phrase_whose_words_no_name_holds_names_nothing(question):
    assert _qualified_mentions().find(question).named == []


def test_a_year_alone_before_the_genre_word_still_means_the_text_its_title_calls_so():
    """ "the 2032 report" (no modifier): the work report of 2032, not the congress report of that year."""
    assert _qualified_mentions().find("What does the 2032 report say about parks?").named == ["work-2032"]


def test_a_possessor_before_a_dated_name_means_only_their_document_of_that_year():
    """ "Wang Xiaoming's 2031 report": the 2031 report (and its translation, whose front matter names
    no one), not also the other report he gave."""
    from assistant.mentions import DocumentMentions, document_names

    def report(doc_id: str, year: int, mayor: str, title: str = ""):
        meta = DocumentMeta(
            doc_id=doc_id,
            title=title or f"市政府工作报告（{year}年）",
            title_en=f"Report on the Work of the City Government ({year})",
            kind="government-work-report",
            date=f"{year}-01-15",
        )
        front = f"市政府工作报告\n市长 {mayor}\n各位代表：" if mayor else "Report on the Work of the City Government"
        return document_names(
            meta.doc_id, meta.title, meta.title_en, meta.kind, meta.date, document_aliases(meta), front
        )

    mentions = DocumentMentions(
        [
            report("work-2030", 2030, "王小明"),
            report("work-2031", 2031, "王小明"),
            report("work-2031-en", 2031, "", "Report on the Work of the City Government (2031)"),
        ]
    )
    found = mentions.find("What does Wang Xiaoming's 2031 report say about parks?")
    assert found.named == ["work-2031", "work-2031-en"]
    # without a year his name still means each report he gave
    assert mentions.find("What does Wang Xiaoming's report say about parks?").named == ["work-2030", "work-2031"]


def test_a_readout_is_named_by_its_meetings_head_noun_and_initialism():
    """ "What did the conference say…", "the 2031 conference", "the HDWC": an English reader names the meeting
    a readout reports by its head noun or its initials, not only by its full name."""
    readout, plan = _readout_and_plan("全市港口发展工作会议", "Harbour Development Work Conference")
    names = document_aliases(readout)
    assert {"the conference", "the 2031 conference", "HDWC"} <= set(names)
    mentions = _matcher([readout, plan])
    assert mentions.find("What did the conference say about dredging?").named == ["readout"]
    assert mentions.find("What does the HDWC plan for 2032?").named == ["readout"]
    # the plan's name is not the meeting's
    assert mentions.find("Which dredging measures are in the plan?").named == ["plan"]


def test_a_speakers_name_inside_a_term_is_not_a_second_document():
    """A question naming one document by its title and using another text's speaker inside a longer term
    (张建华新时代…思想) is about the titled document; the authors of the titled document itself stay its name."""
    from assistant.mentions import DocumentMentions, document_names

    speech = document_names(
        "s", "在全国科技大会上的讲话", date="2031-06-01", front="在全国科技大会上的讲话\n（2031年6月1日）\n张建华"
    )
    plenum = DocumentMeta(doc_id="p", title="中国共产党第二十一届中央委员会第四次全体会议公报", date="2031-10-30")
    paper = document_names("a", "论海洋经济", kind="academic paper", front="论海洋经济\n王立新，赵敏\n某某大学")
    matcher = DocumentMentions(
        [speech, paper, document_names("p", plenum.title, date=plenum.date, aliases=document_aliases(plenum))]
    )
    assert matcher.find("四中全会公报如何定位张建华新时代海洋强国思想？").named == ["p"]
    assert matcher.find("张建华在讲话中说了什么？").named == ["s"]
    assert set(matcher.find("王立新、赵敏这篇论文怎样界定海洋经济？").named) == {"a"}


def test_a_year_and_month_before_a_name_or_a_bare_genre_word_fits_an_undated_readout():
    """A readout that never states its year may be the one a question dates ("2031年11月的…会议", "the 2031
    readout"): the dated editions of other years are not meant, and a month between year and name still
    ties the year to it."""
    readout, plan = _readout_and_plan("全市港口发展大会", "Harbour Development Conference")
    other = DocumentMeta(
        doc_id="readout-2033",
        title="全市港口发展大会在宁波召开",
        title_en="Harbour Development Conference held in Ningbo",
        kind="communique",
        date="2033-05-02",
    )
    undated = DocumentMeta(**{**readout.__dict__, "date": ""})
    mentions = _matcher([undated, other, plan])
    found = mentions.find("2031年11月的全市港口发展大会提出了什么？")
    assert found.named == ["readout"] and "11月" not in found.query
    assert mentions.find("What did the 2031 readout say about dredging?").named == ["readout"]
    # with no undated readout, a bare genre word of a year no readout has is loose talk for that year's text
    assert _matcher([other, plan]).find("What did the 2031 readout say about dredging?").named == []


def test_a_speaker_other_texts_speak_of_names_no_document():
    """A person in a byline names their text only while no other text speaks of them: a leader who delivered a
    report and attends a meeting another text reports is asked about as a person."""
    from types import SimpleNamespace as NS

    from assistant.mentions import DocumentMentions

    def doc(doc_id, title, kind, front, body):
        info = NS(doc_id=doc_id, title=title, title_en="", kind=kind, date="2031-03-05", aliases=())
        chunks = [
            NS(text=front, role="front", section_id="front", ordinal=0),
            NS(text=body, role="body", section_id="1", ordinal=0),
        ]
        return info, chunks

    def index(*docs):
        return NS(documents=lambda: [i for i, _ in docs], chunks=lambda d: next(c for i, c in docs if i.doc_id == d))

    report = doc(
        "report",
        "市政府工作报告",
        "report",
        "市政府工作报告\n——2031年1月5日在市人民代表大会上\n市长 王建华",
        "过去一年，全市经济稳定增长。",
    )
    paper = doc("paper", "论港口经济", "paper", "论港口经济\n赵海明", "港口经济是城市发展的引擎。")
    readout = doc(
        "readout", "全市港口发展大会在宁波召开", "communique", "全市港口发展大会在宁波召开", "王建华出席会议并讲话。"
    )
    alone = DocumentMentions.from_index(index(report, paper))
    assert alone.find("王建华提出了什么目标？").named == ["report"]
    spoken_of = DocumentMentions.from_index(index(report, paper, readout))
    assert spoken_of.find("王建华提出了什么目标？").named == []
    assert spoken_of.find("赵海明如何看待港口经济？").named == ["paper"]  # no other text speaks of the author
    # ... and the corpus knows the speaker: no unknown name for the refusal to weigh
    assert spoken_of.without_speakers("What did Wang Jianhua say?").split() == ["What", "did", "say?"]
    assert spoken_of.without_speakers("王建华提出了什么目标？").strip() == "提出了什么目标？"


def test_a_year_ending_a_capitalised_title_is_that_titles_not_a_documents():
    """ "Germany's National Industrial Strategy 2033 plan for …": the year belongs to the strategy's title and
    "plan" is a verb; "the 2033 plan" still names the plan of that year."""
    mentions = _qualified_mentions()
    assert mentions.find("How many years does Germany's National Industrial Strategy 2033 plan for?").named == []
    assert mentions.find("What does the 2033 plan say about ports?").named == ["plan"]
    assert mentions.find("What does the March 2033 plan say about ports?").named == ["plan"]  # a month is no title


def test_a_text_whose_paragraphs_report_a_meeting_is_a_readout():
    """A readout copied without its lead has no title naming the meeting; its paragraphs (会议认为，… 会议强调，…)
    still say what it is, so 会议认为… names it, and another genre's word does not (written for the test)."""
    from knowledge.settings import Settings

    text = (
        "全面总结今年港口工作，部署明年港口工作\n"
        "会议认为，今年港口吞吐量稳步增长。\n"
        "会议强调，明年要扩建深水泊位。\n"
        "会议要求，各地要抓好落实。\n"
    )
    meta, _ = prepare_document(text, DocumentMeta(doc_id="port-x", title="", kind="text"), Settings())
    assert meta.kind == "readout"
    # one reported paragraph quoted inside another text does not make it a readout; a kind given stays
    quoted = "港口工作报告\n会议认为，吞吐量稳步增长。\n我们要扩建深水泊位。\n"
    assert prepare_document(quoted, DocumentMeta(doc_id="q", title="", kind="text"), Settings())[0].kind == "text"
    given = DocumentMeta(doc_id="r", title="", kind="speech")
    assert prepare_document(text, given, Settings())[0].kind == "speech"
    report = DocumentMeta(doc_id="wr", title="港口工作报告", kind="text", date="2031-03-01")
    titled = DocumentMeta(doc_id="port-2031", title="全省港口工作会议在福州举行", kind="text", date="2031-12-12")
    mentions = _matcher([meta, report, titled])
    assert set(mentions.find("会议认为今年港口吞吐量怎样？").named) == {"port-x", "port-2031"}
    assert mentions.find("报告中提出要扩建什么？").named == ["wr"]
    # "the conference" is the titled readout's name, and may mean the readout whose title does not say which
    # meeting it reports; "the 2030 conference" is not the titled one of 2031
    assert set(mentions.find("What did the conference say about berths?").named) == {"port-x", "port-2031"}
    assert mentions.find("What did the 2030 conference say about berths?").named == ["port-x"]


def test_a_readout_without_a_dated_line_is_dated_by_the_year_whose_work_it_reviewed():
    """A work meeting's readout copied without its dateline says in its opening which year's work the meeting
    reviewed and on which days it met: the meeting's date; a text that says neither stays undated."""
    from knowledge.front_matter import read_front_matter

    readout = [
        "海州市经济工作会议在海州举行",
        "本台消息：海州市经济工作会议12月6日至7日在海州举行。",
        "市委书记、市长和市人大常委会主任出席会议。",
        "市委书记在讲话中总结2031年经济工作，分析当前形势，部署2032年经济工作。",
        "会议认为，今年全市经济稳中向好。",
    ]
    assert read_front_matter(readout).date == "2031-12-06"
    assert read_front_matter(readout[1:]).date == "2031-12-06"
    assert read_front_matter(["海州简报", "会议认为，今年全市经济稳中向好。", "会议强调，要办好民生实事。"]).date == ""


def test_a_communique_read_out_without_a_dated_byline_is_dated_by_when_it_says_the_meeting_was_held():
    """A broadcast copy gives no （…通过） byline: its opening sentence says when the meeting was held, or its adoption
    line (without brackets, the day written 号 as spoken) when it adopted the text; a later sentence naming another
    meeting's date does not date it, nor does a readout whose opening states no year."""
    from knowledge.front_matter import read_front_matter

    held = [
        "中国共产党海州市第九届委员会第三次全体会议公报",
        "中国共产党海州市第九届委员会第三次全体会议，于2031年11月9日至12日在海州举行。",
        "全会听取和讨论了市委常委会的工作报告。",
    ]
    assert read_front_matter(held).date == "2031-11-09"
    adopted = [held[0], "2031年11月12号中国共产党海州市第九届委员会第三次全体会议通过。", *held[1:]]
    assert read_front_matter(adopted).date == "2031-11-12"
    later = [held[0], "全会听取和讨论了市委常委会的工作报告。", "全会决定，市第十次党代会于2032年6月在海州召开。"]
    assert read_front_matter(later).date == ""
    undated = [
        "海州市委召开会议",
        "海州市委7月30日召开会议，分析研究当前经济形势。",
        "会议认为，今年以来全市经济稳中向好。",
    ]
    assert read_front_matter(undated).date == ""


def test_a_news_item_without_a_headline_is_titled_by_its_lead():
    """A readout copied without its headline opens with its source and the meeting's days and place: that lead
    makes the headline such items carry, so the meeting's names reach the text; other openings give no title."""
    from knowledge.aliases import lead_headline
    from knowledge.front_matter import read_front_matter

    lead = "本台消息（晚间新闻）：海州市经济工作会议12月6日至7日在海州举行。市委书记出席会议并讲话。"
    assert lead_headline(lead) == "海州市经济工作会议在海州举行"
    assert lead_headline("新华社海州12月6日电 海州市海洋工作会议6日在海州召开。") == "海州市海洋工作会议在海州召开"
    assert lead_headline("会议认为，今年全市经济稳中向好。") == ""
    front = read_front_matter([lead, "会议认为，今年全市经济稳中向好。", "会议强调，要办好民生实事。"])
    assert front.title == "海州市经济工作会议在海州举行" and front.lines == 0


def test_a_headline_saying_a_leader_chaired_a_meeting_names_the_meeting():
    """ "<speaker>主持召开<meeting>强调 …" reports that meeting: a question names it in full or as the body's meeting
    without its number (省海洋渔业委员会会议)."""
    title = "王某某主持召开省海洋渔业委员会第三次会议强调 推动港口设备更新 降低渔船燃油成本"
    chaired = DocumentMeta(doc_id="fish", title=title)
    plan = DocumentMeta(doc_id="plan", title="全省海洋渔业发展规划", date="2031-06-01")
    assert {"省海洋渔业委员会第三次会议", "省海洋渔业委员会会议"} <= set(document_aliases(chaired))
    assert reports_meeting(title)
    mentions = _matcher([chaired, plan])
    assert mentions.find("这次省海洋渔业委员会会议研究了哪两个问题？").named == ["fish"]
    assert mentions.find("省海洋渔业委员会第三次会议由谁主持？").named == ["fish"]


def test_the_meeting_a_speaker_spoke_at_is_named_without_its_organ_and_in_english():
    """ "王某某在中央港口工作会议上强调 …": the readout records that meeting, so a reader's 港口工作会议 (without 中央) and
    "the Central Port Work Conference" name it, as they name a readout headlined "中央港口工作会议在北京举行" (before,
    only the full Chinese name did)."""
    spoken = DocumentMeta(doc_id="spoken", title="王某某在中央港口工作会议上强调 建设世界一流港口")
    other = DocumentMeta(doc_id="other", title="中央渔业工作会议在北京举行", date="2031-12-10")
    names = set(document_aliases(spoken))
    assert {"中央港口工作会议", "港口工作会议", "Central Port Work Conference"} <= names
    assert "渔业工作会议" in document_aliases(other)
    mentions = _matcher([spoken, other])
    assert mentions.find("港口工作会议提出到2035年的目标是什么？").named == ["spoken"]
    assert mentions.find("What did the Central Port Work Conference say about dredging?").named == ["spoken"]


def test_a_commission_is_named_by_the_abbreviation_readers_use():
    """ "王某某主持召开中央深化港口改革委员会第三次会议强调 …": readers say 港改委 / 中央港改委 (the first characters of its
    words, then 委); a plenum of a Central Committee (…第十八届中央委员会第三次全体会议) gets no such name."""
    meta = DocumentMeta(doc_id="c", title="王某某主持召开中央深化港口改革委员会第三次会议强调 推动港口改革")
    names = set(document_aliases(meta))
    assert {"深港改委", "港改委", "中央港改委"} <= names
    plenum = DocumentMeta(doc_id="p", title="中国共产党第二十一届中央委员会第三次全体会议公报", date="2033-11-12")
    assert not any(n.endswith("委") for n in document_aliases(plenum))
    mentions = _matcher([meta, plenum])
    assert mentions.find("港改委第三次会议审议通过了哪些方案？").named == ["c"]


def test_meetings_held_together_are_each_a_name_of_their_readout():
    """ "全国港口大会 港口科技奖励大会 海州院士大会在京召开 …": three meetings listed before the clause saying they were
    held; a question names the readout by any of them (before, the headline's first clause was no "…召开" clause,
    so the readout had no meeting name at all)."""
    from assistant.mentions import DocumentMentions, document_names

    joint = DocumentMeta(doc_id="joint", title="全国港口大会 港口科技奖励大会 海州院士大会在京召开 王某某发表重要讲话")
    other = DocumentMeta(doc_id="other", title="中央港口工作会议在北京举行 李某出席", date="2031-12-10")
    assert {"全国港口大会", "港口科技奖励大会", "海州院士大会"} <= set(document_aliases(joint))
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in (joint, other)]
    )
    for question in ("全国港口大会对疏浚提出了什么要求？", "海州院士大会上王某某对院士提出了什么希望？"):
        assert mentions.find(question).named == ["joint"], question


def test_an_english_modifier_the_bridge_translates_into_a_chinese_name_names_its_document():
    """The dictionary glosses 城市 "city", the official name says "Urban": the bridge (glossary and dictionary over
    the index's words) translates the modifier, and the Chinese name holds the translation."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    urban = DocumentMeta(doc_id="urban", title="中央城市工作会议在北京举行 王某某发表重要讲话", date="2031-07-15")
    harbour = DocumentMeta(doc_id="harbour", title="中央港口工作会议在北京举行 李某出席", date="2031-12-10")
    bridge = Bridge(
        Glossary.load(), IndexLexicon.build(["城市工作要推进城市更新，建设宜居城市。", "港口工作会议部署港口建设。"])
    )
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in (urban, harbour)
    ]
    question = "What did the 2031 Central Urban Work Conference say about parks?"
    assert DocumentMentions(names, bridge_spans=bridge.spans).find(question).named == ["urban"]
    assert DocumentMentions(names).find(question).named != ["urban"]


def test_an_english_name_the_bridge_spells_as_a_chinese_name_names_its_document():
    """The official English of a body ("Commission", "Financial and Economic Affairs") is not the dictionary's gloss
    (委员会 "committee", 财经 "finance and economics"): the glossary's phrases, translated in order, spell the
    Chinese name, so the English name finds the readout, dated or not; a name that only opens titles (国务院, "the
    State Council") names none of them."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    fec = DocumentMeta(doc_id="fec", title="王某某主持召开中央财经委员会第九次会议强调 推动港口设备更新")
    plenum = DocumentMeta(doc_id="plenum", title="省委全体会议公报", date="2031-02-20")
    council = DocumentMeta(doc_id="council", title="国务院关于推进港口设备更新的意见", date="2031-03-01")
    texts = ["中央财经委员会会议研究港口设备更新。", "国务院部署港口工作。", "全体会议审议通过公报。"]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m))
        for m in (fec, plenum, council)
    ]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    for question in (
        "What did the February 2031 meeting of the Central Financial and Economic Affairs Commission say about ports?",
        "What did the February 2031 Central Financial and Economic Affairs Commission meeting decide?",
    ):
        found = mentions.find(question)
        assert found.named == ["fec"] and "Commission" not in found.query
    assert mentions.find("What did the State Council say about ports?").named == []
    assert (
        DocumentMentions(names).find("What did the Central Financial and Economic Affairs Commission say?").named == []
    )


def test_an_english_name_whose_head_a_for_phrase_completes_spells_the_chinese_name_head_last():
    """ "the Central Commission for Comprehensively Deepening Reform" is 中央 + 全面深化改革 + 委员会: the English head
    ("Commission") comes before the "for" phrase, the Chinese one after it; the adverb is looked up as its adjective
    (comprehensively: 全面). Before, the words in English order spelled no name and the adverb translated to nothing."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    reform = DocumentMeta(doc_id="reform", title="王某某主持召开中央全面深化改革委员会第十八次会议强调 推动港口改革")
    plan = DocumentMeta(doc_id="plan", title="中央港口工作会议在北京举行", date="2031-02-20")
    texts = ["中央全面深化改革委员会会议审议港口改革方案。", "全面推进港口改革。", "中央港口工作会议召开。"]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in (reform, plan)]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    question = (
        "What did the February 2031 meeting of the Central Commission for Comprehensively Deepening Reform approve?"
    )
    assert mentions.find(question).named == ["reform"]


def test_an_of_phrase_after_a_qualified_name_says_whose_meeting_it_is():
    """ "the 18th meeting of the reform commission": "the 18th meeting" fits the 18th Central Committee's plenums as
    well as the commission's 18th meeting; the words after "of" (reform, commission: 改革, 委员会) are held by the
    commission's name only, so they pick it (before, every 18th plenum was named with it)."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    reform = DocumentMeta(doc_id="reform", title="王某某主持召开中央全面深化改革委员会第十八次会议强调 推动港口改革")
    plenum = DocumentMeta(doc_id="plenum", title="中国共产党第十八届中央委员会第三次全体会议公报", date="2033-11-12")
    texts = ["中央全面深化改革委员会会议审议港口改革方案。", "全会审议通过公报。", "改革委员会"]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in (reform, plenum)
    ]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    assert set(mentions.find("What did the 18th meeting approve?").named) == {"reform", "plenum"}
    assert mentions.find("What did the 18th meeting of the reform commission approve?").named == ["reform"]


def test_a_meeting_a_headline_announces_is_not_the_texts_name():
    """ "…召开会议 决定召开二十一届三中全会 …": the readout of the Politburo meeting decided to convene the plenum; it is
    not the plenum's record, so neither 三中全会 nor "the third plenum" names it, and its English title is not the
    plenum's; the plenum's own communiqué keeps those names."""
    from knowledge.aliases import generated_title_en

    readout = DocumentMeta(
        doc_id="r", title="中共中央政治局召开会议 决定召开二十一届三中全会 分析研究当前港口工作", date="2034-04-30"
    )
    names = set(document_aliases(readout))
    assert not {"三中全会", "二十一届三中全会", "third plenum"} & names
    assert "Plenary" not in generated_title_en(readout)
    plenum = DocumentMeta(doc_id="p", title="中国共产党第二十一届中央委员会第三次全体会议公报", date="2034-07-18")
    assert {"三中全会", "third plenum"} <= set(document_aliases(plenum))
    assert _matcher([readout, plenum]).find("What did the third plenum decide about ports?").named == ["p"]


def test_a_report_with_no_title_line_is_titled_by_the_meeting_its_opening_names():
    """A speech copied without its title opens with its address, its delivery and the meeting it is delivered to:
    the text is titled as such reports are subtitled (在…上的报告), so it is named as they are; a Party congress
    dates it (one every five years since 1982), another body's congress does not."""
    from knowledge.front_matter import read_front_matter

    front = read_front_matter(
        [
            "同志们：",
            "现在，我代表第二十届中央委员会向大会作报告。",
            "中国共产党第二十一次全国代表大会，是在关键时期召开的一次十分重要的大会。",
            "大会的主题是：团结奋斗。",
        ]
    )
    assert front.title == "在中国共产党第二十一次全国代表大会上的报告" and front.date == "2027"
    meta = DocumentMeta(doc_id="r", title=front.title, date=front.date)
    found = _matcher([meta]).find("What does the 21st Party Congress report say about schools?")
    assert found.named == ["r"]
    other = read_front_matter(
        ["同志们：", "我代表第三届理事会向大会作报告。", "某某协会第十四次全国代表大会，是一次重要的大会。"]
    )
    assert other.title == "在某某协会第十四次全国代表大会上的报告" and other.date == ""
    # an opening that delivers no report, or names no meeting, gives no title
    assert (
        read_front_matter(["各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。", "一、回顾"]).title == ""
    )
    assert read_front_matter(["同志们：", "我代表理事会向大会作报告。", "过去五年，我们做了很多工作。"]).title == ""


#: invented opinions (意见) with an English title, for the English genre and title phrases of the next tests
_COASTAL_OPINIONS = DocumentMeta(
    doc_id="o",
    title="国务院关于推进沿海地区发展的意见",
    title_en="Opinions on Promoting the Development of Coastal Regions",
    date="2032-04-01",
)


def test_a_plural_genre_is_also_named_in_the_singular():
    """ "the 2032 opinion", "the 2032 coastal development opinion": readers say the singular of 意见's "opinions"."""
    matcher = _matcher([_COASTAL_OPINIONS])
    assert matcher.find("What does the 2032 opinion say about ports?").named == ["o"]
    assert matcher.find("What does the 2032 coastal development opinion say about ports?").named == ["o"]


def test_a_phrase_spelling_the_named_documents_title_is_part_of_its_name():
    """ "the 2032 opinions on promoting the development of coastal regions": the words after the name that spell the
    document's title say which text, not what is asked, so they leave the query; the words of the question stay."""
    matcher = _matcher([_COASTAL_OPINIONS])
    found = matcher.find("What does the 2032 opinion on the development of coastal regions say about ports?")
    assert found.named == ["o"]
    assert "coastal" not in found.query.lower() and "ports" in found.query
    # a phrase that does not spell the title stays: it is what is asked
    other = matcher.find("What does the 2032 opinion on harbour fees say about ports?")
    assert other.named == ["o"] and "harbour fees" in other.query


def test_a_genre_word_joined_to_a_dated_name_means_that_edition():
    """ "the readout of the 2031 Port Work Conference", "2031年港口工作会议通稿", "the 2032 report to the 9th Harbour
    Congress": the genre word and the dated name are one text, the edition the year picks, not every readout or report
    the genre word could mean beside it."""
    editions = [
        DocumentMeta(doc_id=f"harbour-{y}", title="港口工作会议在北京举行", date=f"{y}-12-10") for y in (2031, 2032)
    ]
    report = DocumentMeta(doc_id="report", title="港口管理局工作报告（2032年）", date="2032-03-01")
    congress = DocumentMeta(
        doc_id="congress",
        title="在全市港口第九次代表大会上的报告",
        title_en="Report to the 9th Harbour Congress",
        date="2032-10-16",
        aliases=("the 9th Harbour Congress",),
    )
    from assistant.mentions import DocumentMentions, document_names

    mentions = DocumentMentions(
        [
            document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, (*document_aliases(m), *m.aliases))
            for m in (*editions, report, congress)
        ]
    )
    for question, doc in (
        ("According to the readout of the 2031 Port Work Conference, what was said about dredging?", "harbour-2031"),
        ("2032年港口工作会议通稿对疏浚有什么要求？", "harbour-2032"),
        ("2031年港口工作会议的通稿对疏浚有什么要求？", "harbour-2031"),
    ):
        assert mentions.find(question).named == [doc], question
    found = mentions.find("What does the 2032 report to the 9th Harbour Congress say about dredging?")
    assert found.named == ["congress"]


def test_a_person_right_before_a_dated_name_is_its_author_not_a_topic():
    """ "张海峰2031年港口工作报告里…": the person who delivered the report stands before its dated name; the text need
    not name them (a report copied without its byline), so the name is no topic the question asks about and stays out
    of what is searched and judged. Said elsewhere ("张海峰对港口提出了什么"), the name stays."""
    meta = DocumentMeta(doc_id="r", title="2031年港口工作报告", date="2031")
    mentions = _matcher([meta, DocumentMeta(doc_id="s", title="2032年港口工作报告", date="2032")])
    for question in (
        "张海峰2031年港口工作报告里，疏浚目标是多少？",
        "张海峰的2031年港口工作报告里，疏浚目标是多少？",
        "张海峰在2031年港口工作报告中说疏浚目标是多少？",
    ):
        found = mentions.find(question)
        assert found.named == ["r"] and "张海峰" not in found.query, question
    assert "张海峰" in mentions.find("2031年港口工作报告里张海峰对疏浚提出了什么？").query
    # who spoke *at* a meeting is no author of its readout, which may not name them
    assert "张海峰" in mentions.find("张海峰在2031年港口工作报告上作了什么发言？").query


def test_an_author_between_a_year_and_a_report_or_a_delivered_date_names_the_edition():
    """ "2031年张海峰总理的港口工作报告", "张海峰2031年3月5日所作的港口工作报告": the year is the report's though its author
    or 所作的 stands between them, and the author with what joins them (总理的, 所作的) is no topic of the question. Before,
    the year was not read as the edition (every report was named) and 张海峰, whom no report names, refused the question."""
    meta = DocumentMeta(doc_id="r", title="2031年港口工作报告", date="2031")
    mentions = _matcher([meta, DocumentMeta(doc_id="s", title="2032年港口工作报告", date="2032")])
    for question in (
        "2031年张海峰总理的港口工作报告里，疏浚目标是多少？",
        "张海峰2031年3月5日所作的港口工作报告，疏浚目标是多少？",
        "张海峰总理2031年3月所作的港口工作报告，疏浚目标是多少？",
    ):
        found = mentions.find(question)
        assert found.named == ["r"], question
        assert "张海峰" not in found.query and "总理" not in found.query and "所作" not in found.query, question


def test_an_undated_readout_whose_title_names_next_year_is_the_meeting_of_the_year_before():
    """ "分析研究2032年港口工作" names the year the December meeting plans, not the year it met: asked for as "the
    December 2031 Politburo meeting", it is that meeting (before, its title's 2032 ruled it out, and the question
    named the undated readouts of other months instead); a text of the year asked itself still comes first."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央政治局会议", "Politburo meeting", "the Politburo meeting")
    readouts = {
        "december": (
            "中共中央政治局召开会议 分析研究2032年港口工作",
            "中共中央政治局12月8日召开会议，分析研究2032年港口工作。",
        ),
        "july": ("中共中央政治局召开会议 分析研究当前港口工作", "中共中央政治局7月30日召开会议。"),
    }
    mentions = DocumentMentions([document_names(d, t, aliases=aliases, opening=o) for d, (t, o) in readouts.items()])
    assert mentions.find("2031年12月中央政治局会议对港口有什么要求？").named == ["december"]
    assert mentions.find("What did the December 2031 Politburo meeting say about ports?").named == ["december"]
    # the month asked still picks among the undated readouts: July's, not the one planning the next year, also when the
    # year asked is the one its title names (it is no July 2032 meeting)
    assert mentions.find("2031年7月中央政治局会议对港口有什么要求？").named == ["july"]
    assert mentions.find("2032年7月中央政治局会议对港口有什么要求？").named == ["july"]
    dated = document_names("dated", "中共中央政治局召开会议", date="2031-12-06", aliases=aliases)
    both = DocumentMentions(
        [dated, *(document_names(d, t, aliases=aliases, opening=o) for d, (t, o) in readouts.items())]
    )
    assert both.find("2031年12月中央政治局会议对港口有什么要求？").named == ["dated"]


def test_december_readouts_planning_consecutive_years_are_each_the_meeting_of_the_year_before():
    """Two undated December readouts, "分析研究2032年港口工作" and "分析研究2033年港口工作": asked for as "the December 2032
    Politburo meeting", the second is meant (before, the first, whose title names 2032, was taken for it, and the
    second was never found by its year). A readout of the first half of a year naming a year plans its own."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央政治局会议", "Politburo meeting", "the Politburo meeting")
    readouts = {
        "dec-a": (
            "中共中央政治局召开会议 分析研究2032年港口工作",
            "中共中央政治局12月8日召开会议，分析研究2032年港口工作。",
        ),
        "dec-b": (
            "中共中央政治局召开会议 分析研究2033年港口工作",
            "中共中央政治局12月9日召开会议，分析研究2033年港口工作。",
        ),
        "jan": ("中共中央政治局召开会议 部署2032年港口工作", "中共中央政治局1月20日召开会议，部署2032年港口工作。"),
        "jul": ("中共中央政治局召开会议 分析研究当前港口工作", "中共中央政治局7月30日召开会议。"),
    }
    mentions = DocumentMentions([document_names(d, t, aliases=aliases, opening=o) for d, (t, o) in readouts.items()])
    for question, doc in (
        ("2032年12月中央政治局会议对港口有什么要求？", "dec-b"),
        ("What did the December 2032 Politburo meeting say about ports?", "dec-b"),
        ("2031年12月中央政治局会议对港口有什么要求？", "dec-a"),
        ("2032年1月中央政治局会议对港口有什么要求？", "jan"),
        # the month before the name, the year after it
        ("7月中央政治局会议（2031年）对港口有什么要求？", "jul"),
    ):
        assert mentions.find(question).named == [doc], question


def test_a_year_said_by_its_last_two_digits_names_the_edition():
    """ "09年政府工作报告" is the 2009 report, as Chinese speech shortens a year (a question on the 2009 report was sent to
    the 2010 one); "近10年" / "过去10年" count years and name no edition."""
    from assistant.mentions import DocumentMentions, document_names

    editions = [
        DocumentMeta(doc_id=f"harbour-{y}", title="港口工作会议在北京举行", date=f"{y}-12-10") for y in (2031, 2032)
    ]
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in editions]
    )
    assert mentions.find("31年港口工作会议对疏浚有什么要求？").named == ["harbour-2031"]
    assert mentions.find("32年12月港口工作会议对疏浚有什么要求？").named == ["harbour-2032"]
    for question in ("近10年港口工作会议都强调了什么？", "过去10年港口工作会议的重点是什么？"):
        assert mentions.find(question).editions == [], question


def test_a_month_with_the_year_picks_the_undated_readout_of_that_month():
    """Readouts that never give their year ("中共中央政治局4月29日召开会议") all fit "2031": the month said with the year
    ("the April 2031 Politburo meeting", "2031年7月中央政治局会议") picks the one whose opening day is in that month."""
    from assistant.mentions import DocumentMentions, document_names

    title = "中共中央政治局召开会议 分析研究当前港口工作"
    openings = {"april": "中共中央政治局4月29日召开会议，分析研究港口工作。", "july": "中共中央政治局7月30日召开会议。"}
    mentions = DocumentMentions(
        [
            document_names(
                d, title, aliases=("中央政治局会议", "Politburo meeting", "the Politburo meeting"), opening=o
            )
            for d, o in openings.items()
        ]
    )
    assert mentions.find("What did the April 2031 Politburo meeting say about ports?").named == ["april"]
    assert mentions.find("2031年7月中央政治局会议对港口有什么要求？").named == ["july"]
    # the day written with the month is part of the name, not of what is asked
    found = mentions.find("What did the 30 July 2031 Politburo meeting say about ports?")
    assert found.named == ["july"] and "30" not in found.query
    assert "30" not in mentions.find("What did the July 30, 2031 Politburo meeting say about ports?").query
    # a day written without its year says which meeting too
    found = mentions.find("4月29日中央政治局会议对港口有什么要求？")
    assert found.named == ["april"] and "4月" not in found.query
    assert mentions.find("What did the July 30 Politburo meeting say about ports?").named == ["july"]
    assert sorted(mentions.find("What did the 2031 Politburo meeting say about ports?").named) == ["april", "july"]


def test_a_readout_whose_headline_ends_in_a_speech_is_named_by_its_meetings_english_head_noun():
    """ "全国科技大会 … 在京召开 王某某发表重要讲话" ends in a speech, but its first clause reports the meetings it records: it
    is their readout ("the 2031 science and technology conference") and holds the speech ("his 2031 science conference
    speech" names it too). 科技 is
    "science and technology" in the dictionary, one sense of three words, so its English names say so."""
    joint = DocumentMeta(
        doc_id="joint", title="全国科技大会 全国港口大会在京召开 王某某发表重要讲话", date="2031-06-24"
    )
    other = DocumentMeta(doc_id="other", title="中央港口工作会议在北京举行 李某出席", date="2031-12-10")
    plan = DocumentMeta(doc_id="plan", title="全省科学技术发展规划", date="2031-06-01")
    assert "Science and Technology" in " ".join(document_aliases(joint))
    mentions = _matcher([joint, other, plan])
    assert mentions.by_id["joint"].genre == "communique"
    for question in (
        "Who attended the 2031 science and technology conference?",
        "What did Wang ask of universities in his 2031 science conference speech?",
    ):
        assert mentions.find(question).named == ["joint"], question
    # a head noun of no meeting the text records names it not: the plan is no conference
    assert mentions.find("What does the 2031 science and technology plan say about ports?").named != ["joint"]


def _two_meetings_mentions(texts: list[str]):
    """Mentions over two invented meeting readouts (a harbour-affairs conference and a forestry conference) and an
    invented plenum, with a bridge built from `texts`."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    metas = (
        DocumentMeta(doc_id="harbour", title="王某某在中央港口工作会议上强调 推动港口高质量发展", date="2033-08-28"),
        DocumentMeta(doc_id="forest", title="王某某在中央林业工作会议上强调 推动林业高质量发展", date="2033-08-29"),
        DocumentMeta(doc_id="plenum", title="中国共产党第二十五届中央委员会第四次全体会议公报", date="2033-10-23"),
    )
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    return DocumentMentions(names, bridge_spans=bridge.spans)


def test_an_on_phrase_after_a_meeting_says_which_meeting_and_affairs_is_its_work():
    """ "the Central Conference on Harbour Affairs": English names a 工作会议 by what it is on, after its head, and
    renders 工作 "affairs" (CC-CEDICT: only "work", "job"). Before, "Central Conference" named both conferences, and
    "harbour affairs conference" neither."""
    mentions = _two_meetings_mentions(["中央港口工作会议指出港口要发展。", "中央林业工作会议指出林业要发展。"])
    assert mentions.find("What did the 2033 Central Conference on Harbour Affairs say?").named == ["harbour"]
    assert mentions.find("What did the August 2033 harbour affairs conference say?").named == ["harbour"]
    assert mentions.find("What did the 2033 Central Conference on Forestry Affairs say?").named == ["forest"]


def test_a_verb_after_a_title_case_name_is_no_word_of_it():
    """ "Where was the 2032 Central Conference on Harbour Affairs Work held?": "held" is the question's verb. Before, it was
    read as a word of the on-phrase, and 举行 narrowed the editions to those whose headlines say 在北京举行 — the 2032
    text, headlined by its speech, was not named."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    metas = (
        DocumentMeta(doc_id="h31", title="中央港口工作会议在北京举行", date="2031-12-20"),
        DocumentMeta(doc_id="h32", title="王某某在中央港口工作会议上强调 推动港口高质量发展", date="2032-06-22"),
        DocumentMeta(doc_id="h33", title="中央港口工作会议在北京举行", date="2033-12-18"),
    )
    bridge = Bridge(Glossary.load(), IndexLexicon.build(["中央港口工作会议在北京举行。港口要发展。"]))
    names = [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    assert mentions.find("What did the 2032 Central Conference on Harbour Affairs Work say?").named == ["h32"]
    assert mentions.find("Where was the 2032 Central Conference on Harbour Affairs Work held?").named == ["h32"]


def test_work_relating_to_a_matter_is_that_matters_work():
    """ "the Central Conference on Work Relating to Harbour Affairs" is the official English of 中央港口工作会议: the work
    is said before what it is about (before, "Central Conference on Work" named the meeting of neither)."""
    mentions = _two_meetings_mentions(["中央港口工作会议指出港口要发展。", "中央林业工作会议指出林业要发展。"])
    for question, doc in (
        ("What did the 2033 Central Conference on Work Relating to Harbour Affairs say?", "harbour"),
        ("What did the Central Conference on Work Related to Forestry in August 2033 say?", "forest"),
        ("When and where was the 2033 Central Conference on Work Relating to Harbour Affairs held?", "harbour"),
    ):
        assert mentions.find(question).named == [doc], question
    # the matter is its capitalised words only, not the lower-case words after it (before: "… on Harbour Affairs
    # held Work?", and a real index's 2018 conference was named by its other editions)
    from assistant.mentions import _work_relating_said_before

    assert (
        _work_relating_said_before("When was the Central Conference on Work Relating to Harbour Affairs held in 2033?")
        == "When was the Central Conference on Harbour Affairs Work held in 2033?"
    )


def test_an_ordinal_of_a_name_is_matched_in_words_or_digits():
    """ "the 4th plenum" is "the fourth plenum" (before, only the word form named the plenum)."""
    mentions = _two_meetings_mentions(["全会审议通过公报。"])
    assert mentions.find("What did the fourth plenum decide?").named == ["plenum"]
    assert mentions.find("What did the 4th plenum decide?").named == ["plenum"]
    assert mentions.find("What did the Fourth Plenary Session of the 25th Central Committee decide?").named == [
        "plenum"
    ]
    assert mentions.find("What did the 4th Plenary Session of the 25th Central Committee decide?").named == ["plenum"]


def test_a_date_after_a_name_says_which_meeting():
    """ "the Politburo meeting in December 2031", "… of April 2031", "… held on 8 December 2031": the month and year
    after the name pick the meeting as they do before it (before, every Politburo readout was named). "on" with a year
    alone is what a text is about ("the report on 2031"), no date."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央政治局会议", "Politburo meeting", "the Politburo meeting")
    mentions = DocumentMentions(
        [
            document_names("dec31", "中共中央政治局召开会议 分析研究港口工作", date="2031-12-08", aliases=aliases),
            document_names("apr31", "中共中央政治局召开会议 研究港口工作", date="2031-04-29", aliases=aliases),
            document_names("dec32", "中共中央政治局召开会议 研究航运工作", date="2032-12-07", aliases=aliases),
        ]
    )
    assert mentions.find("What did the Politburo meeting in December 2031 say about ports?").named == ["dec31"]
    assert mentions.find("What did the Politburo meeting of April 2031 say about ports?").named == ["apr31"]
    assert mentions.find("What did the Politburo meeting held on 7 December 2032 say?").named == ["dec32"]
    assert mentions.find("What did the Politburo meeting on December 8, 2031 say?").named == ["dec31"]
    # where it was held between the participle and the date, and a range of days (external texts, 2026-12-06)
    assert mentions.find("Who chaired the Politburo meeting held in Beijing in December 2032?").named == ["dec32"]
    assert mentions.find("Who spoke at the Politburo meeting held in Beijing on 7-8 December 2032?").named == ["dec32"]
    assert mentions.find("Who spoke at the Politburo meeting held on December 7-8, 2032?").named == ["dec32"]
    assert len(mentions.find("What did the Politburo meeting say about ports?").named) == 3
    # a day and 那次 before the name, its year after it
    assert mentions.find("4月29日那次中央政治局会议（2031年）对港口有什么要求？").named == ["apr31"]
    assert mentions.find("2031年4月29日这次中央政治局会议对港口有什么要求？").named == ["apr31"]


def test_a_readout_that_never_says_when_it_met_may_be_of_the_month_asked():
    """Two undated readouts of a harbour conference: one says 12月 (no year), the other says no date at all. "the
    December 2031 harbour work conference" may be either (before, the one saying 12月 was named alone, though it may
    be of any year); a readout of a known other month is not."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央港口工作会议", "Central Harbour Work Conference")
    mentions = DocumentMentions(
        [
            document_names(
                "said", "中央港口工作会议在京召开", aliases=aliases, opening="中央港口工作会议12月20日在北京召开。"
            ),
            document_names("silent", "中央港口工作会议召开", aliases=aliases, opening="中央港口工作会议在北京召开。"),
            document_names(
                "april", "中央港口工作会议举行", aliases=aliases, opening="中央港口工作会议4月9日在北京召开。"
            ),
        ]
    )
    found = mentions.find("What did the Central Harbour Work Conference of December 2031 decide?").named
    assert sorted(found) == ["said", "silent"]
    found = mentions.find("What did the Central Harbour Work Conference of April 2031 decide?").named
    assert sorted(found) == ["april", "silent"]


def test_a_meeting_name_a_question_contracts_names_its_text():
    """ "2031年港口航保大会" writes 全国港口航运保护大会 short, as readers write 生态环保大会 for 全国生态环境保护大会
    (before, it named nothing). A word ending in 会 that is no meeting (经济社会) contracts no name, though a plan's
    title holds its characters in order (国民经济和社会发展…)."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="harbour", title="王某某在全国港口航运保护大会上强调 推动港口发展", date="2031-07-18"),
            DocumentMeta(doc_id="plan", title="国民经济和社会发展第二十个五年规划纲要", date="2031-03-12"),
        ]
    )
    assert mentions.find("2031年港口航保大会提出了什么？").named == ["harbour"]
    assert mentions.find("2031年经济社会发展的主要目标是什么？").named == []


def test_a_contraction_leaves_out_a_conjunction_too():
    """ "全国海渔工作会议" writes 全国海洋经济和渔业工作会议 short, dropping 和 with the rest of 海洋经济 (as 网信 does
    网络安全和信息化); before, a gap of four characters named nothing."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="coast", title="王某某在全国海洋经济和渔业工作会议上强调 守护海岸", date="2031-04-20"),
            DocumentMeta(doc_id="forest", title="中央林业工作会议在京召开", date="2031-12-10"),
        ]
    )
    assert mentions.find("2031年全国海渔工作会议提出了什么？").named == ["coast"]


def test_a_documents_short_name_ending_in_its_kind_names_it():
    """ "2031年海洋牧场意见" writes 关于推进海洋牧场建设的意见 short, as readers write 绿色转型意见 (before, only 意见 was
    read, naming every set of opinions); a kind alone names them all still."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="ranch", title="中共中央 国务院关于推进海洋牧场建设的意见", date="2031-05-01"),
            DocumentMeta(doc_id="wetland", title="国务院关于加强滨海湿地保护的意见", date="2031-03-01"),
        ]
    )
    assert mentions.find("2031年海洋牧场意见提出了什么目标？").named == ["ranch"]
    assert mentions.find("滨海湿地意见提出了什么？").named == ["wetland"]
    assert set(mentions.find("这份意见提出了什么？").named) == {"ranch", "wetland"}


def test_a_meeting_name_said_without_its_beginning_names_its_text():
    """ "2031年那次港口航运工作会议" says 中央全面港口航运工作会议 without its first words (before, it named nothing: only
    whole names and names with characters skipped were read); a genre alone (工作会议) names no text."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="harbour", title="中央全面港口航运工作会议在京召开", date="2031-11-17"),
            DocumentMeta(doc_id="forest", title="中央林业工作会议在京召开", date="2031-12-10"),
        ]
    )
    assert mentions.find("2031年那次港口航运工作会议提出了什么？").named == ["harbour"]
    assert mentions.find("港口航运工作会议提出了什么？").named == ["harbour"]
    assert mentions.find("2031年那次工作会议提出了什么？").named != ["harbour"]


def test_a_year_held_or_convened_then_names_that_years_meeting():
    """ "2031年召开的…", "在2031年底召开的…": the year with what says the meeting was held then is its edition (before,
    召开的 / 举行的 after a year cut it off, and every edition of the meeting was named alike)."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="h31", title="中央港口工作会议在北京举行", date="2031-12-20"),
            DocumentMeta(doc_id="h32", title="中央港口工作会议在北京举行", date="2032-12-22"),
        ]
    )
    for question in (
        "2031年召开的中央港口工作会议提出了什么？",
        "在2031年底召开的中央港口工作会议上，谁作了讲话？",
        "2031年举行的中央港口工作会议强调什么？",
    ):
        assert mentions.find(question).named == ["h31"], question
    assert mentions.find("2032年召开的中央港口工作会议提出了什么？").named == ["h32"]


def _two_readouts(*others: DocumentMeta):
    """A matcher over the April and July 2031 readouts of the Politburo (no year in their titles) and `others`."""
    return _matcher(
        [
            DocumentMeta(doc_id="apr", title="中共中央政治局召开会议 分析研究当前经济形势", date="2031-04-28"),
            DocumentMeta(doc_id="jul", title="中共中央政治局召开会议 分析研究当前经济形势", date="2031-07-30"),
            *others,
        ]
    )


def test_a_body_dated_beside_it_and_followed_by_its_meeting_names_that_meeting():
    """ "2031年4月政治局经济形势会议", "2031年7月中央政治局分析经济形势的会议", "二十届中央政治局2031年4月28日会议",
    "中央政治局2031年7月30日开会": the body's meeting held then (before, the date named nothing, being apart from
    政治局会议, and 经济工作会议 named the economic work conference). A date alone names none."""
    mentions = _two_readouts(DocumentMeta(doc_id="cewc", title="中央经济工作会议在北京举行", date="2031-12-12"))
    for question, doc in (
        ("2031年4月政治局经济工作会议强调坚持什么？", "apr"),
        ("2031年7月中央政治局分析经济形势的会议对港口有什么要求？", "jul"),
        ("2031年7月政治局研究2032年经济工作的会议说了什么？", "jul"),
        ("二十届中央政治局2031年4月28日会议列举了什么？", "apr"),
        ("二十届中央政治局2031年7月的会议有何部署？", "jul"),
        ("中央政治局2031年7月30日开会部署了什么？", "jul"),
    ):
        assert mentions.find(question).named == [doc], question
    assert mentions.find("2031年4月经济形势怎么样？").named == []
    assert mentions.find("2031年12月中央经济工作会议提出了什么？").named == ["cewc"]


def test_a_meetings_date_said_before_what_it_did_dates_its_name():
    """ "2031年7月底部署下半年工作的那次政治局会议", "2031年12月在北京召开的中央港口工作会议": the date before a clause on
    what the meeting did dates the name after it; "2031年底" is December's meeting. A year without a month before
    such a clause is the year planned ("部署2032年工作的…"), no date of the meeting."""
    mentions = _two_readouts(
        DocumentMeta(doc_id="dec", title="中共中央政治局召开会议 分析研究2032年经济工作", date="2031-12-08"),
        DocumentMeta(doc_id="h31", title="中央港口工作会议在北京举行", date="2031-12-20"),
        DocumentMeta(doc_id="h32", title="中央港口工作会议在北京举行", date="2032-12-22"),
        DocumentMeta(doc_id="c10", title="中央港口委员会第十次会议召开", date="2031-07-15"),
    )
    for question, doc in (
        ("2031年7月底部署下半年工作的那次中央政治局会议怎么说？", "jul"),
        # a numbered meeting, a day or a bare joint after the date: the name is dated as written
        ("2031年7月中央港口委员会第十次会议提出了什么？", "c10"),
        ("2031年7月15日的中央港口委员会第十次会议提出了什么？", "c10"),
        ("2032年12月召开的中央港口工作会议由谁主持？", "h32"),
        ("2031年底研究部署2032年工作的那次政治局会议肯定了哪些工作？", "dec"),
        ("2031年底的政治局会议说了什么？", "dec"),
        ("2031年4月底那次政治局经济形势会议认为经济面临什么问题？", "apr"),
        ("2031年7月的中央政治局经济工作会议要求什么？", "jul"),
        ("哪些人出席了2032年12月在北京召开的中央港口工作会议？", "h32"),
    ):
        assert mentions.find(question).named == [doc], question
    assert mentions.find("部署2032年工作的中央港口工作会议提出了什么？").named != ["h32"]


def test_a_short_end_of_one_meetings_name_names_it():
    """ "2031年港口大会" says 全国港口大会, the one name ending so (before, an end under five characters named nothing);
    "2031年工作会议" names no text, two names ending so."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="harbour", title="王某某在全国港口大会上强调 推动港口发展", date="2031-09-10"),
            DocumentMeta(doc_id="forest", title="中央林业工作会议在京召开", date="2031-12-10"),
            DocumentMeta(doc_id="mining", title="中央矿业工作会议在京召开", date="2031-11-10"),
        ]
    )
    assert mentions.find("2031年港口大会讲话里提到哪几对关系？").named == ["harbour"]
    assert sorted(mentions.find("2031年工作会议提出了什么？").named) != ["forest", "mining"]


def test_an_undated_spring_readout_naming_a_year_may_be_of_the_year_after():
    """An April readout that hears of the year before ("听取2031年港口安全考核情况汇报") is a 2032 meeting: asked for as
    "the April 2032 Politburo meeting" it is named (before, its title's 2031 made it a 2031 or 2030 meeting, and the
    question named every other undated April readout instead)."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央政治局会议", "Politburo meeting", "the Politburo meeting")
    readouts = {
        "april-a": (
            "中共中央政治局召开会议 分析研究当前港口工作 听取2031年港口安全考核情况汇报",
            "中共中央政治局4月19日召开会议，分析研究当前港口工作。",
        ),
        "april-b": ("中共中央政治局召开会议 分析研究当前港口工作", "中共中央政治局4月28日召开会议。"),
    }
    mentions = DocumentMentions([document_names(d, t, aliases=aliases, opening=o) for d, (t, o) in readouts.items()])
    # ... and before the April readout that names no year, which may be of any
    assert mentions.find("2032年4月中央政治局会议对港口有什么要求？").named == ["april-a"]
    assert mentions.find("What did the April 2032 Politburo meeting say about ports?").named == ["april-a"]
    assert "april-a" in mentions.find("2031年4月中央政治局会议对港口有什么要求？").named
    assert mentions.find("2033年4月中央政治局会议对港口有什么要求？").named == ["april-b"]


def test_a_part_of_a_month_dates_a_meeting_as_its_month_does():
    """ "2031年7月底的中央政治局会议", "7月下旬政治局会议": the end, start or a third of a month dates the meeting as the
    month does (before, 月底 cut the date off the name: the question named every readout and the year was a gap)."""
    from assistant.mentions import DocumentMentions, document_names

    aliases = ("中央政治局会议", "Politburo meeting", "the Politburo meeting")
    openings = {"april": "中共中央政治局4月29日召开会议，分析研究港口工作。", "july": "中共中央政治局7月30日召开会议。"}
    title = "中共中央政治局召开会议 分析研究当前港口工作"
    mentions = DocumentMentions([document_names(d, title, aliases=aliases, opening=o) for d, o in openings.items()])
    for question in ("2031年7月底的中央政治局会议对港口有什么要求？", "7月下旬中央政治局会议对港口有什么要求？"):
        found = mentions.find(question)
        assert found.named == ["july"] and "底" not in found.query and "下旬" not in found.query, question


def test_a_meeting_named_after_a_body_the_dictionary_names_is_named_in_english():
    """中央人大工作会议: 人大 is "National People's Congress" in the dictionary, a name of three words; the meeting is
    named in English with it ("the 2031 people's congress work conference"; before, a sense of more than two words
    named nothing, the readout had no English name and such questions went to other texts)."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="npc", title="王某某在中央人大工作会议上发表重要讲话强调 坚持和完善人民代表大会制度"),
            DocumentMeta(doc_id="cewc", title="中央经济工作会议在北京举行", date="2031-12-12"),
        ]
    )
    for question in (
        "What did Wang say at the October 2031 people's congress work conference?",
        "What did the 2031 Central Conference on People's Congresses' Work say?",
    ):
        assert mentions.find(question).named == ["npc"], question


def test_an_english_name_with_cybersecurity_spells_its_chinese_name():
    """ "the National Conference on Cybersecurity and Informatization" is 全国 + 网络安全 + 信息化 + 会议: the dictionary has
    "cyber security" (two words) and "network security", not the one word official English uses, which the glossary
    adds as general vocabulary (before, only "National Conference" was read, naming every national conference)."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    cyber = DocumentMeta(doc_id="cyber", title="王某某在全国网络安全和信息化工作会议上强调 建设网络强国")
    forest = DocumentMeta(doc_id="forest", title="王某某在全国林业工作会议上强调 保护森林")
    texts = ["全国网络安全和信息化工作会议部署网络安全工作。", "全国林业工作会议部署林业工作。"]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [
        document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in (cyber, forest)
    ]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    found = mentions.find("What did the National Conference on Cybersecurity and Informatization call for?")
    assert found.named == ["cyber"]


def test_the_years_first_central_document_on_rural_work_is_named_by_its_rank():
    """中共中央 国务院关于做好2031年…乡村…工作的意见 never calls itself 中央一号文件, yet readers name it so ("the 2031 No. 1
    central document"): on the external texts, English hit@5 for the 2022 one was 0.1. Other opinions are not."""
    rural = DocumentMeta(doc_id="r", title="中共中央 国务院关于做好2031年全面推进乡村振兴重点工作的意见")
    assert {"中央一号文件", "No. 1 central document", "No. 1 document"} <= set(document_aliases(rural))
    market = DocumentMeta(doc_id="m", title="中共中央 国务院关于加快建设全国统一大市场的意见")
    assert "No. 1 document" not in document_aliases(market)
    local = DocumentMeta(doc_id="l", title="海州市人民政府关于推进乡村振兴的意见")
    assert "中央一号文件" not in document_aliases(local)


def test_meetings_a_headline_writes_together_are_each_named():
    """ "两院院士大会中国科协第十次全国代表大会在京召开": two meetings without a break between them; a reader names either
    (2021年两院院士大会), and the whole was the only name (an external text's Chinese hit@5 was 0.17). One congress's
    session (全国人民代表大会第二次会议) stays one."""
    title = "院士大会海州学会第三次全国代表大会在京召开"
    names = document_aliases(DocumentMeta(doc_id="s", title=title, date="2031-05-28"))
    assert {"院士大会", "海州学会第三次全国代表大会", "2031年院士大会"} <= set(names)
    session = document_aliases(DocumentMeta(doc_id="n", title="全国人民代表大会第二次会议在京开幕"))
    assert "全国人民代表大会" not in session


def test_another_bodys_national_congress_is_not_the_partys():
    """中国科协第十次全国代表大会 is the science association's tenth congress: not 十大, not "the 10th Party Congress" (an
    added readout was named so, beside the 1973 Party congress a question may mean)."""
    names = document_aliases(DocumentMeta(doc_id="c", title="海州科协第十次全国代表大会在京召开"))
    assert "十大" not in names and not any("Party Congress" in n for n in names), names
    party = document_aliases(DocumentMeta(doc_id="p", title="中国共产党第十九次全国代表大会在京开幕"))
    assert "十九大" in party and any("19th Party Congress" in n for n in party), party


def test_an_english_name_bridged_through_the_glossary_is_not_cut_by_a_generic_name_before_it():
    """ "the 2033 Central Conference on Work Related to Neighboring Countries": the glossary renders "neighboring
    countries" 周边 (CC-CEDICT gives 周边 only "periphery", "rim"), so the bridged name spells 中央周边工作会议; the
    generic "the 2033 Central Conference" before it (every central conference of the year) is its start, not a name
    of its own (before, every conference of 2033 was named)."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    metas = (
        DocumentMeta(doc_id="neighbours", title="中央周边工作会议在北京举行 王某某发表重要讲话", date="2033-04-09"),
        DocumentMeta(doc_id="harbour", title="中央港口工作会议在北京举行 王某某发表重要讲话", date="2033-08-28"),
        DocumentMeta(doc_id="forest", title="中央林业工作会议在北京举行 王某某发表重要讲话", date="2033-08-29"),
    )
    texts = ["中央周边工作会议指出周边要稳定。", "中央港口工作会议指出港口要发展。", "中央林业工作会议指出林业要发展。"]
    bridge = Bridge(Glossary.load(), IndexLexicon.build(texts))
    names = [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    for question in (
        "According to the readout of the 2033 Central Conference on Work Related to Neighboring Countries, what was said?",
        "What did the 2033 Central Conference on Neighborhood Work say about relations with neighbours?",
    ):
        assert mentions.find(question).named == ["neighbours"], question


def test_an_on_phrase_in_title_case_completes_the_name_it_follows():
    """ "What did the 2033 Central Conference on Harbour Affairs say about piers?": "on Harbour Affairs" is the rest of
    the conference's English name, not what is asked. Before, it stayed in the question with the name taken out, and
    "Harbour Affairs" read as a capitalised name the texts never use (the refusal's unknown-name feature). A
    lower-case phrase, or one naming nothing of the text ("on Hong Kong"), stays."""
    mentions = _two_meetings_mentions(["中央港口工作会议指出港口要发展。", "中央林业工作会议指出林业要发展。"])
    found = mentions.find("What did the 2033 Central Conference on Harbour Affairs say about piers?")
    assert found.named == ["harbour"]
    assert "Harbour" not in found.query and "piers" in found.query
    assert "Hong Kong" in mentions.find("What did the 2033 Central Conference on Hong Kong say?").query


def _work_reports(*years: int):
    """Mentions over invented government work reports of the given years (no English title, no byline)."""
    from assistant.mentions import DocumentMentions, document_names

    metas = [
        DocumentMeta(doc_id=f"r{y % 100}", title=f"{y}年中华人民共和国国务院政府工作报告", date=f"{y}-03-05")
        for y in years
    ]
    return DocumentMentions(
        [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    )


def test_a_work_report_without_an_english_title_is_named_as_the_official_translations_name_it():
    """An added 2031年…政府工作报告 with no English title answers to "the 2031 Report on the Work of the Government", as a
    report the manifest gives that title does. Before, only "the 2031 report" named it, and the rest of the name
    ("on the Work of the Government") stayed in the question as capitalised words the texts never use."""
    meta = DocumentMeta(doc_id="r31", title="2031年中华人民共和国国务院政府工作报告", date="2031-03-05")
    assert "Report on the Work of the Government" in document_aliases(meta)
    found = _work_reports(2031, 2032).find(
        "According to the 2031 Report on the Work of the Government, how much grain?"
    )
    assert found.named == ["r31"]
    assert "Work" not in found.query and "Government" not in found.query


def test_an_english_possessor_of_a_dated_name_is_no_word_of_the_question():
    """ "In Premier Wang Hai's 2031 Report on the Work of the Government, …": who delivered the report (or whose it is:
    "China's 2031 report") says which text, not what is asked, as 温家宝的2008年政府工作报告 does. Before, the name stayed
    in the question, and a report whose text never names its speaker made it a name the texts do not use."""
    mentions = _work_reports(2031, 2032)
    found = mentions.find("In Premier Wang Hai's 2031 Report on the Work of the Government, how much grain was grown?")
    assert found.named == ["r31"] and "Wang" not in found.query and "grain" in found.query
    found = mentions.find("According to China's 2032 report, how much grain was grown?")
    assert found.named == ["r32"] and "China" not in found.query
    # a word opening the question is no possessor's
    assert "What" in mentions.find("What's the 2032 report say about grain?").query


def test_a_report_named_by_the_npc_session_it_was_delivered_at_is_that_years_edition():
    """The National People's Congress is elected every five years (the 6th in 1983) and meets each March, so
    十五届全国人大二次会议上的政府工作报告 is the 2029 report and "the report delivered at the Third Session of the 15th
    NPC" the 2030 one: names a reader uses, which a report without its byline never writes. Before, the session named
    nothing and every edition was searched; "delivered in March 2030" did not date the name either."""
    from knowledge.numerals_en import npc_session_year

    assert npc_session_year(9, 2) == "1999" and npc_session_year(14, 1) == "2023" and npc_session_year(5, 1) == ""
    mentions = _work_reports(2029, 2030)
    found = mentions.find("十五届全国人大二次会议上的政府工作报告对粮食有什么要求？")
    assert found.named == ["r29"] and "会议" not in found.query
    found = mentions.find("王某在第十五届全国人民代表大会第三次会议上作的政府工作报告对粮食有什么要求？")
    assert found.named == ["r30"] and "王某" not in found.query
    question = "What did the government work report delivered at the Third Session of the 15th NPC say about grain?"
    assert mentions.find(question).named == ["r30"]
    assert mentions.find("What did the report to the 15th NPC's second session say about grain?").named == ["r29"]
    assert mentions.find("What did the government work report delivered in March 2030 say about grain?").named == [
        "r30"
    ]


def test_a_headline_running_on_without_a_space_after_the_meeting_still_names_it():
    """ "<body>召开会议研究当前形势" (no space before what the meeting did): the body's meeting is named all the same."""
    readout = DocumentMeta(doc_id="sc", title="中共中央海洋局常务委员会召开会议研究部署海洋渔业工作")
    names = set(document_aliases(readout))
    assert {"中共中央海洋局常务委员会会议", "中央海洋局常委会会议"} <= names
    # ... but a headline whose 会议 runs on into other words (会议室) reports no meeting
    assert "海洋局会议" not in document_aliases(DocumentMeta(doc_id="r", title="海洋局召开会议室改造工程研讨"))


def test_a_numbered_study_session_no_text_is_is_an_edition_the_index_lacks():
    """ "第十二次集体学习由哪位专家讲解" beside the 11th and 13th sessions' readouts: the adjacent session is a near miss, and
    the question named every study session instead (by 集体学习) and was answered from another one's lecturer."""
    from assistant.mentions import DocumentMentions, document_names
    from assistant.refusal import edition_gap

    metas = [
        DocumentMeta(doc_id=f"s{n}", title=f"王某在中共中央海洋局第{zh}次集体学习时强调 推进海洋渔业", date="2031-03")
        for n, zh in ((11, "十一"), (13, "十三"))
    ]
    mentions = DocumentMentions(
        [document_names(m.doc_id, m.title, date=m.date, aliases=document_aliases(m)) for m in metas]
    )
    assert mentions.unheld_occasion("中央海洋局第十二次集体学习由哪位专家讲解？") == "第十二次集体学习"
    assert mentions.unheld_occasion("Who lectured at the bureau's 12th study session?")
    assert mentions.unheld_occasion("第十一次集体学习由哪位专家讲解？") == ""
    assert mentions.unheld_occasion("Who lectured at the 13th study session?") == ""
    assert mentions.unheld_occasion("2031年第一次集体学习讲了什么？") == ""  # the year's first, not the term's
    assert edition_gap("中央海洋局第十二次集体学习由哪位专家讲解？", {"s11": "2031", "s13": "2031"}, mentions) == 1.0
    assert edition_gap("中央海洋局第十一次集体学习由哪位专家讲解？", {"s11": "2031", "s13": "2031"}, mentions) == 0.0


def test_a_study_session_is_named_in_english_with_the_body_holding_it():
    """ "the March 2031 Politburo study session": the body's English stayed in the question as what it asks about, and
    the readout's sentences naming the body (中共中央政治局各位同志认真听取了…) were quoted for it."""
    from assistant.mentions import DocumentMentions, document_names

    study = DocumentMeta(doc_id="st", title="王某在中共中央政治局第七次集体学习时强调 推进海洋渔业", date="2031-03")
    names = document_aliases(study)
    assert {"Politburo study session", "the 7th Politburo study session", "Politburo group study session"} <= set(names)
    mentions = DocumentMentions([document_names("st", study.title, date=study.date, aliases=names)])
    for question in (
        "What did the March 2031 Politburo study session say about fishing ports?",
        "According to Wang at the Politburo group study session of March 2031, what must fishing ports do?",
    ):
        found = mentions.find(question)
        assert found.named == ["st"] and "Politburo" not in found.query, found.query


def test_a_bodys_dated_study_session_said_with_the_possessive_names_it():
    """ "At the Politburo's March 2031 study session, …": the possessive before the date left "Politburo's" in the
    question (75 English questions of the external development texts say it so)."""
    study = DocumentMeta(doc_id="st", title="王某在中共中央政治局第七次集体学习时强调 推进海洋渔业", date="2031-03")
    other = DocumentMeta(doc_id="old", title="王某在中共中央政治局第二次集体学习时强调 建设海洋牧场", date="2030-01")
    mentions = _matcher((study, other))
    for question in (
        "At the Politburo's March 2031 study session, what did Wang say about fishing ports?",
        "What did the Politburo's March 2031 group study session say about fishing ports?",
    ):
        found = mentions.find(question)
        assert found.named == ["st"] and "Politburo" not in found.query, found.query


def test_meetings_joined_by_ji_are_each_named_and_a_question_naming_one_finds_its_edition():
    """ "某某工作会议暨国务院第六次某某表彰大会在北京举行": two occasions held together; a reader names the first
    (2014年中央民族工作会议). The whole was the only name, so the year's question named the other edition (a readout of
    2021 headlined by the conference alone) and was refused as an edition the index lacks (an added readout's Chinese
    questions: 16 of 17 refused)."""
    joint = DocumentMeta(
        doc_id="joint", title="中央港口工作会议暨国务院第六次全国港口表彰大会在北京举行", date="2031-09"
    )
    names = document_aliases(joint)
    assert {"中央港口工作会议", "国务院第六次全国港口表彰大会", "2031年中央港口工作会议"} <= set(names), names
    later = DocumentMeta(doc_id="later", title="王某在中央港口工作会议上强调 建设海洋强国", date="2037-08")
    mentions = _matcher((joint, later))
    found = mentions.find("2031年中央港口工作会议提出了哪些要求？")
    assert found.named == ["joint"] and found.editions == [("joint", "2031")]


def test_a_readout_is_named_by_the_number_its_opening_gives_a_meeting_its_headline_leaves_unnumbered():
    """Headlined "王某主持召开海州港务领导小组会议", the readout's opening says "…主持召开海州港务领导小组第六次会议": a
    question names the meeting by its number, which no name held (the question's words 第六次 stayed in the query, and the
    sentence saying the meeting was held was quoted for every question)."""
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.aliases import headline_meeting, numbered_in_opening

    title = "王某主持召开海州港务领导小组会议强调 推动港口能源革命"
    opening = "海州港务领导小组组长王某6月13日主持召开海州港务领导小组第六次会议，研究港口能源安全战略。"
    assert numbered_in_opening(title, opening)[0] == "海州港务领导小组第六次会议"
    # (the leader chairing it is no body convening it: the name was 王某主持海州港务领导小组会议)
    assert headline_meeting("王某主持召开海州港务领导小组会议") == "海州港务领导小组会议"
    # an opening naming another body's meeting, or a headline already numbered, adds nothing
    assert numbered_in_opening(title, "王某6月13日主持召开海州渔业领导小组第六次会议。") == []
    assert numbered_in_opening("王某主持召开海州港务领导小组第六次会议", opening) == []
    meta = DocumentMeta(doc_id="lg", title=title, date="2031-06")
    other = DocumentMeta(doc_id="pb", title="中共中央政治局召开会议 王某主持会议", date="2031-06")
    mentions = DocumentMentions(
        [
            document_names("lg", title, date=meta.date, aliases=document_aliases(meta), opening=opening),
            document_names("pb", other.title, date=other.date, aliases=document_aliases(other)),
        ]
    )
    found = mentions.find("2031年海州港务领导小组第六次会议研究了什么战略？")
    assert found.named == ["lg"] and "第六次" not in found.query


def test_a_readout_no_name_names_may_be_the_edition_a_question_asks_for():
    """A readout added without its headline and lead (its title is its file's name, `nameless`) cannot be named; a
    question naming its meeting and year ("2032年中央港口工作会议") named the other years' readouts and was refused as an
    edition the index lacks (six development readouts stripped so: hit@5 zh 0.884 -> 0.305, false refusals 5 % -> 52 %).
    The nameless text of that year, or of none, is the edition asked for; with none, the gap stays."""
    from assistant.mentions import DocumentMentions, document_names

    titled = [
        DocumentMeta(doc_id=f"port-{y}", title="中央港口工作会议在北京举行", date=f"{y}-12", kind="readout")
        for y in (2031, 2033)
    ]
    names = [document_names(m.doc_id, m.title, kind=m.kind, date=m.date, aliases=document_aliases(m)) for m in titled]
    bare = document_names("port-2032", "port-2032", kind="readout", date="2032", aliases=("port-2032",))
    question = "2032年中央港口工作会议对港口建设提出了什么要求？"
    gap = DocumentMentions(names).find(question)
    assert sorted(gap.named) == ["port-2031", "port-2033"] and ("port-2031", "2032") in gap.editions
    found = DocumentMentions([*names, bare]).find(question)
    assert found.named == ["port-2032"] and found.editions == [("port-2032", "2032")]
    assert DocumentMentions([*names, bare]).find("What did the 2032 Central Port Work Conference require?").named == [
        "port-2032"
    ]
    # a nameless text of another year is no edition of this one
    other = document_names("port-2030", "port-2030", kind="readout", date="2030", aliases=("port-2030",))
    assert "port-2030" not in DocumentMentions([*names, other]).find(question).named


def test_a_nameless_readout_of_the_month_asked_is_that_months_edition_when_the_named_ones_are_of_other_months():
    """ "2032年12月港务局会议" when the named readouts of 2032 are of April and July: the nameless readout of December
    2032 is the one asked for; when a named readout of 2032 never says its month, the named ones stay (it may be
    December's)."""
    from assistant.mentions import DocumentMentions, document_names

    def titled(doc_id: str, date: str):
        m = DocumentMeta(doc_id=doc_id, title="海州港务局召开会议 研究港口工作", date=date, kind="readout")
        return document_names(m.doc_id, m.title, kind=m.kind, date=m.date, aliases=document_aliases(m))

    bare = document_names("dec", "dec", kind="readout", date="2032-12", aliases=("dec",))
    question = "2032年12月海州港务局会议对港口建设提出了什么要求？"
    months = DocumentMentions([titled("apr", "2032-04"), titled("jul", "2032-07"), bare])
    assert months.find(question).named == ["dec"]
    unknown = DocumentMentions([titled("apr", "2032-04"), titled("some", "2032"), bare])
    assert "some" in unknown.find(question).named and "dec" not in unknown.find(question).named


def test_a_date_after_the_words_completing_a_name_picks_the_edition():
    """ "the Central Conference on Harbour Affairs in September 2033": the year stands after "on Harbour Affairs", the
    words completing the name, so it was not read as the name's; both editions were named and the month alone was read
    (blind readers' English questions on a 2014 conference were answered from the 2021 one)."""
    from assistant.bridge import Bridge
    from assistant.glossary import Glossary
    from assistant.mentions import DocumentMentions, document_names
    from knowledge.zh_en import IndexLexicon

    metas = (
        DocumentMeta(doc_id="early", title="中央港口工作会议在北京举行", date="2033-09-28", kind="readout"),
        DocumentMeta(doc_id="late", title="王某某在中央港口工作会议上强调 推动港口高质量发展", date="2040-08-27"),
    )
    bridge = Bridge(Glossary.load(), IndexLexicon.build(["中央港口工作会议指出港口要发展。"]))
    names = [document_names(m.doc_id, m.title, m.title_en, m.kind, m.date, document_aliases(m)) for m in metas]
    mentions = DocumentMentions(names, bridge_spans=bridge.spans)
    for question, doc in (
        ("How many people attended the Central Conference on Harbour Affairs in September 2033?", "early"),
        ("How many people attended the Central Conference on Harbour Affairs in 2040?", "late"),
    ):
        found = mentions.find(question)
        assert found.named == [doc] and "20" not in found.query, (question, found)
    assert sorted(mentions.find("What did the Central Conference on Harbour Affairs say about piers?").named) == [
        "early",
        "late",
    ]


def test_a_report_titled_by_a_slogan_is_named_by_the_report_its_opening_says_it_delivers():
    """A government work report of the 1990s is titled by a slogan ("为…而奋斗"), its byline names the session it was
    delivered at, and only its opening says what it is ("我代表市人民政府，向大会作政府工作报告"): it was no report to
    the matcher, so "2031年政府工作报告" named an edition the index lacked and every question about it was refused."""
    from knowledge.front_matter import read_front_matter

    front = read_front_matter(
        [
            "为建设繁荣美丽的海州而奋斗",
            "——2031年3月5日在海州市第九届人民代表大会第三次会议上",
            "市长 王某某",
            "各位代表：",
            "现在，我代表市人民政府，向大会作政府工作报告，请予审议。",
            "一、2030年的回顾",
        ]
    )
    assert front.title == "为建设繁荣美丽的海州而奋斗——政府工作报告"
    assert front.date == "2031-03-05"
    meta = DocumentMeta(doc_id="r", title=front.title, date=front.date, byline=front.byline)
    names = document_aliases(meta)
    assert "政府工作报告" in names and "2031年政府工作报告" in names
    found = _matcher([meta, DocumentMeta(doc_id="g", title="2030年海州市政府工作报告", date="2030-03-01")])
    assert found.by_id["r"].genre == "report"
    assert found.find("2031年政府工作报告对新建社区图书馆作了什么安排？").named == ["r"]
    # a slogan over a byline with no delivery in the opening stays the title it is
    plain = read_front_matter(
        [
            "为建设繁荣美丽的海州而奋斗",
            "——2031年3月5日在海州市青年座谈会上",
            "王某某",
            "同志们：",
            "今天我们在这里座谈。",
        ]
    )
    assert plain.title == "为建设繁荣美丽的海州而奋斗"


def test_an_aside_naming_the_session_a_report_was_delivered_at_dates_the_report():
    """ "国务院政府工作报告（王某在十五届全国人大二次会议上所作）": the session in the aside is the report's edition
    (2029), and its words are no topic of the question (they were the rarest words asked, found in no passage)."""
    metas = [
        DocumentMeta(doc_id=f"r{y}", title=f"{y}年国务院政府工作报告", date=f"{y}-03-05", kind="report")
        for y in (2029, 2030)
    ]
    found = _matcher(metas).find("国务院政府工作报告（王某在十五届全国人大二次会议上所作）提到的外债余额是多少？")
    assert found.named == ["r2029"]
    assert "十五届" not in found.query and "王某" not in found.query
    # "向…作的《政府工作报告》": the session the report was delivered to, the name in quotation marks
    delivered_to = _matcher(metas).find("王某向第十五届全国人大第二次会议作的《政府工作报告》提到的外债余额是多少？")
    assert delivered_to.named == ["r2029"]
    # a session outside the rule (before the sixth NPC) leaves the aside as it was
    kept = _matcher(metas).find("国务院政府工作报告（王某在五届全国人大二次会议上所作）提到的外债余额是多少？")
    assert "五届全国人大二次会议" in kept.query


def test_a_congress_report_titled_by_a_slogan_is_named_by_the_congress_its_opening_names():
    """A Party congress report copied with its slogan title and the speaker's name only: no dash byline names the
    congress, the opening does ("我代表第N届中央委员会向大会作报告", then "中国共产党第N+1次全国代表大会，是…"). It was
    no congress report to the matcher ("N+1大报告" named nothing) and had no year; now it is subtitled as such reports
    are, and dated by its congress."""
    from knowledge.front_matter import read_front_matter

    lines = [
        "高举旗帜，团结奋进，开创海上丝路新局面",
        "王某某",
        "同志们：",
        "现在，我代表第二十五届中央委员会向大会作报告。",
        "中国共产党第二十六次全国代表大会，是在承前启后的关键时期召开的一次重要会议。",
        "一、过去五年的工作",
    ]
    front = read_front_matter(lines)
    assert front.title == "高举旗帜，团结奋进，开创海上丝路新局面——在中国共产党第二十六次全国代表大会上的报告"
    assert front.date == "2052"  # one congress every five years since the 12th in 1982
    meta = DocumentMeta(doc_id="c", title=front.title, date=front.date, byline=front.byline)
    other = DocumentMeta(doc_id="o", title="在中国共产党第二十五次全国代表大会上的报告", date="2047")
    found = _matcher([meta, other])
    assert found.find("二十六大报告对海上丝路作了什么部署？").named == ["c"]
    assert found.find(
        "What did the 2052 report to the 26th Party Congress say about the maritime silk road?"
    ).named == ["c"]
    # a title that names a congress it is about, not one it was delivered to, is not dated by it
    study = read_front_matter(["某某在集体学习时强调 全面学习落实党的二十大精神", "央视网消息：会议指出，要加强学习。"])
    assert study.date == ""


def test_the_place_where_a_leader_chaired_an_occasion_is_no_part_of_its_name():
    """ "王某某在湖东主持召开长湖流域保护和发展座谈会时强调": the symposium is 长湖流域保护和发展座谈会, held in 湖东 (before,
    its name was "湖东主持召开长湖流域保护和发展座谈会", which no reader writes)."""
    meta = DocumentMeta(
        doc_id="lake", title="王某某在湖东主持召开长湖流域保护和发展座谈会时强调 共同保护长湖", date="2031-09-19"
    )
    names = document_aliases(meta)
    assert "长湖流域保护和发展座谈会" in names
    assert not [n for n in names if "主持召开" in n and n != meta.title]


def test_a_symposium_a_leader_chaired_is_named_by_its_kind_too():
    """A symposium reported as "王某某主持召开某某座谈会强调…" is a 座谈会 to readers ("2031年9月的座谈会"), as one
    reported as "王某某在某某座谈会上强调…" was already (before, only the latter had the name)."""
    chaired = DocumentMeta(doc_id="west", title="王某某主持召开推动西岭地区振兴座谈会强调 奋力振兴西岭", date="2031-09")
    spoken = DocumentMeta(doc_id="east", title="王某某在推动东岭地区发展座谈会上强调 加快发展东岭", date="2030-05")
    assert "座谈会" in document_aliases(chaired)
    assert "座谈会" in document_aliases(spoken)
    mentions = _matcher([chaired, spoken])
    assert mentions.find("2031年9月的座谈会提出了什么？").named == ["west"]


def test_a_symposium_a_question_contracts_names_its_text_not_every_symposium():
    """ "西岭振兴座谈会" writes 推动西岭地区振兴座谈会 short, after a place where it met too ("北城西岭振兴座谈会"):
    the one symposium, not every text named 座谈会 (before, a contracted name had to end in 会议, 大会 or 全会, so the
    bare kind named both)."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="west", title="王某某主持召开推动西岭地区振兴座谈会强调 奋力振兴西岭", date="2031-09"),
            DocumentMeta(doc_id="east", title="王某某在推动东岭地区发展座谈会上强调 加快发展东岭", date="2030-05"),
        ]
    )
    assert mentions.find("西岭振兴座谈会上提出了哪些任务？").named == ["west"]
    assert mentions.find("2031年哈尔滨西岭地区振兴座谈会上有哪些人发言？").named == ["west"]


def test_a_body_said_of_its_members_names_none_of_its_meetings():
    """ "Which members of the Politburo Standing Committee attended …" asks who sat on the body at another occasion; the
    body's name named every readout of its meetings (before), and the occasion asked about lost to them."""
    from assistant.mentions import _of_members

    def said_of_members(question: str, name: str) -> bool:
        start = question.index(name)
        return _of_members(question, start, start + len(name))

    assert said_of_members(
        "Which members of the Politburo Standing Committee attended the conference?", "Politburo Standing Committee"
    )
    assert said_of_members(
        "Besides the three Politburo Standing Committee members, who attended?", "Politburo Standing Committee"
    )
    assert said_of_members("Which of the Commission's members spoke?", "Commission")
    assert not said_of_members(
        "What did the Politburo Standing Committee meeting of February 2031 decide?", "Politburo Standing Committee"
    )
    assert not said_of_members("Who chaired the Politburo Standing Committee?", "Politburo Standing Committee")


def test_a_phrase_headed_by_a_kind_of_occasion_names_only_occasions_of_that_kind():
    """ "the 2031 port symposium" is a 座谈会: not the year's other texts whose names hold "port" (a work conference,
    before)."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="conf", title="全国港口航运工作会议在京召开", date="2031-07"),
            DocumentMeta(doc_id="symp", title="王某某主持召开港口发展座谈会强调 建设一流港口", date="2031-05"),
        ]
    )
    assert mentions.find("What did the 2031 port symposium propose?").named == ["symp"]


def test_a_symposium_a_leader_chaired_is_named_by_its_kind_in_english_too():
    """ "Xi's symposium on … in May 2031" means the symposium of that month whichever form of headline reports it: one
    "王某某主持召开某某座谈会强调…" had only its Chinese kind as a name (before), so the English kind named the other
    symposia alone and the question went to them."""
    chaired = DocumentMeta(doc_id="west", title="王某某主持召开推动西岭地区振兴座谈会强调 奋力振兴西岭", date="2031-05")
    spoken = DocumentMeta(doc_id="east", title="王某某在推动东岭地区发展座谈会上强调 加快发展东岭", date="2030-05")
    assert {"symposium", "forum", "the 2031 symposium"} <= set(document_aliases(chaired))
    mentions = _matcher([chaired, spoken])
    assert mentions.find("Who spoke at Wang's symposium on the region in May 2031?").named == ["west"]


def test_a_seminar_a_leader_opened_is_named_as_the_occasion_he_spoke_at():
    """ "王某某在某某研讨班开班式上发表重要讲话" reports a speech at a seminar's opening: the seminar is the occasion, named
    as a study session or seminar (before, the headline named nothing, 开班式 being no opening the pattern knew)."""
    meta = DocumentMeta(
        doc_id="seminar", title="王某某在学习贯彻某某精神研讨班开班式上发表重要讲话强调 推进现代化", date="2031-02"
    )
    names = document_aliases(meta)
    assert "学习贯彻某某精神研讨班" in names
    assert {"研讨班", "study session", "seminar", "the 2031 study session"} <= set(names)


def test_a_plural_possessive_opens_no_gap_in_a_qualified_phrase():
    """ "the 2031 port workers' symposium": the apostrophe after a plural ended the phrase's words (before), so the
    phrase named nothing and "symposium" alone named every symposium of the year."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="workers", title="王某某主持召开港口工人座谈会强调 建设一流港口", date="2031-05"),
            DocumentMeta(doc_id="farmers", title="王某某在农民座谈会上强调 振兴乡村", date="2031-07"),
        ]
    )
    assert mentions.find("What did Wang ask of the 2031 port workers' symposium?").named == ["workers"]


def test_a_dated_kind_of_occasion_names_every_occasion_of_that_kind_of_the_year():
    """ "the 2031 symposium" is any symposium of 2031, whichever form of headline reports it: the one whose headline
    reads as a readout ("王某某主持召开某某座谈会强调…") took the name alone (before), as "the 2031 report" is the text its
    title calls a report, and the question about the other went to it."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="west", title="王某某主持召开推动西岭地区振兴座谈会强调 奋力振兴西岭", date="2031-05"),
            DocumentMeta(doc_id="east", title="王某某在推动东岭地区发展座谈会上强调 加快发展东岭", date="2031-11"),
        ]
    )
    assert sorted(mentions.find("What did the 2031 symposium propose?").named) == ["east", "west"]
    assert mentions.find("What did the November 2031 symposium propose?").named == ["east"]


def test_a_readout_recording_a_speech_is_the_speech_of_its_month():
    """ "Xi's February 2031 speech" is the readout of what he said at a seminar that February, though another text of
    2031 whose headline says 讲话 is named "the 2031 speech": that one took the question (before), the seminar's
    readout being no text "of the speech genre" the phrase could also mean."""
    mentions = _matcher(
        [
            DocumentMeta(doc_id="speech", title="王某某在海州纪念大会上的讲话", date="2031"),
            DocumentMeta(
                doc_id="seminar",
                title="王某某在学习贯彻某某精神研讨班开班式上发表重要讲话强调 推进现代化",
                date="2031-02",
            ),
        ]
    )
    assert mentions.find("What did Wang's February 2031 speech say of modernisation?").named == ["seminar"]


def test_an_unnumbered_occasion_is_not_named_by_its_topics_last_word():
    """ "the 2031 port and shipping work symposium" is the port symposium of 2031, not the 2030 symposium on other work that
    was named "the Work symposium" (before: the last word of an unnumbered occasion's topic was read as the body holding
    it, as 中共中央政治局 holds its numbered study sessions)."""
    other = DocumentMeta(doc_id="other", title="王某某在周边外交工作座谈会上发表重要讲话", date="2030-10")
    harbour = DocumentMeta(doc_id="harbour", title="王某某主持召开港口航运工作座谈会强调 建设一流港口", date="2031-05")
    assert not {"Work symposium", "the Work symposium"} & set(document_aliases(other))
    mentions = _matcher([other, harbour])
    assert mentions.find("What did the 2031 port and shipping work symposium propose?").named == ["harbour"]


def test_a_dated_kind_of_occasion_of_several_words_names_every_one_of_its_year():
    """ "the 2031 study session" is any study session of 2031, as "the 2031 symposium" is any symposium: a kind of
    several words ("study session") was not read as one (before), and the session whose headline reads as a readout's
    ("中共中央政治局举行第五次集体学习…") took the name alone."""
    mentions = _matcher(
        [
            DocumentMeta(
                doc_id="held", title="中共中央政治局举行第五次集体学习 王某某主持学习并发表重要讲话", date="2031-05"
            ),
            DocumentMeta(
                doc_id="spoken", title="王某某在中共中央政治局第九次集体学习时强调 推进海洋强国建设", date="2031-11"
            ),
        ]
    )
    assert sorted(mentions.find("What did the 2031 study session propose?").named) == ["held", "spoken"]
    assert sorted(mentions.find("What did the 2031 Politburo study session propose?").named) == ["held", "spoken"]
