"""Which title an answer shows for a document (`assistant.corpus_tables.shown_titles`)."""

from __future__ import annotations

from assistant.corpus_tables import shown_titles


def test_a_title_shared_but_for_the_edition_shows_its_year():
    """An added 政府工作报告 beside 政府工作报告（2031年）: a reader must see which year's report is quoted."""
    shown = shown_titles(
        {
            "added": ("政府工作报告", "2030-03-05"),
            "bundled": ("政府工作报告（2031年）", "2031-03-05"),
            "paper": ("论海洋经济", "2031"),
            "en": ("Report on the Work of the Government", "2030-03-05"),
            "en2": ("Report on the Work of the Government (2031)", "2031-03-05"),
        }
    )
    assert shown["added"] == "政府工作报告（2030年）"
    assert shown["bundled"] == "政府工作报告（2031年）"
    assert shown["paper"] == "论海洋经济"  # a title no other document shares stays as it is
    assert shown["en"] == "Report on the Work of the Government (2030)"


def test_a_text_without_an_english_title_is_shown_by_the_name_the_english_question_gave_it():
    """An added readout's title is a Chinese headline: an English answer showed “某某工作会议在北京举行（2031年）” alone. It
    shows the reader's own English name for it, the headline after it; a generic name ("the conference") or a Chinese
    one is no name to show, and a text with an English title keeps it."""
    from assistant.corpus_tables import titles_as_said
    from assistant.mentions import DocumentMentions, document_names, said_name
    from knowledge.aliases import document_aliases
    from knowledge.models import DocumentMeta

    meta = DocumentMeta(doc_id="cw", title="中央经济工作会议在北京举行", date="2031-12-12")
    readout = document_names("cw", meta.title, "", "", meta.date, document_aliases(meta), "")
    mentions = DocumentMentions([readout])
    said = mentions.find("What did the 2031 Central Economic Work Conference say about debt?").said
    assert said == {"cw": "Central Economic Work Conference"}
    assert mentions.find("What did the conference say about debt?").said == {}
    titles = {"cw": "中央经济工作会议在北京举行（2031年）", "wr": "Report on the Work of the Government (2031)"}
    shown = titles_as_said(titles, {**said, "wr": "Government Work Report"})
    assert shown["cw"] == "Central Economic Work Conference (中央经济工作会议在北京举行（2031年）)"
    assert shown["wr"] == "Report on the Work of the Government (2031)"
    assert said_name("the conference") == "" and said_name("二十大报告") == ""
    assert said_name("the Politburo meeting") == "Politburo meeting"


def test_texts_answering_to_one_name_are_shown_by_it_without_the_date_the_question_gave():
    """Two undated readouts of one month ("the April 2031 Politburo meeting" names both): an English answer showed
    either by its Chinese headline alone. Each now shows the reader's name without the date, which the text quoted
    may not be of ("Politburo meeting", not "April 2031 Politburo meeting")."""
    from assistant.mentions import DocumentMentions, document_names, undated_name
    from knowledge.aliases import document_aliases
    from knowledge.models import DocumentMeta

    names = []
    for doc_id, topic in (("pb-a", "分析研究当前经济形势"), ("pb-b", "研究部署港口建设")):
        meta = DocumentMeta(doc_id=doc_id, title=f"中共中央政治局召开会议 {topic}")
        names.append(document_names(doc_id, meta.title, "", "", "", document_aliases(meta), ""))
    said = DocumentMentions(names).find("What did the Politburo meeting say about ports?").said
    assert said == {"pb-a": "Politburo meeting", "pb-b": "Politburo meeting"}
    assert undated_name("April 2031 Politburo meeting") == "Politburo meeting"
    assert undated_name("30 July 2031 Politburo meeting") == "Politburo meeting"
    assert undated_name("July 30, 2031 Politburo meeting") == "Politburo meeting"
    assert undated_name("Central Rural Work Conference") == "Central Rural Work Conference"


def test_titles_shared_within_a_year_show_their_month():
    """The readouts of one body's meetings share a name ("Meeting of the Political Bureau …"; one headline in Chinese):
    three of one year all shown "(2031)" left a reader unable to tell which quote was of which meeting."""
    shown = shown_titles(
        {
            "april": ("Meeting of the Political Bureau", "2031-04"),
            "july": ("Meeting of the Political Bureau", "2031-07-30"),
            "older": ("Meeting of the Political Bureau", "2030-12"),
            "zh4": ("中央某某局召开会议", "2031-04"),
            "zh7": ("中央某某局召开会议", "2031-07"),
        }
    )
    assert shown["april"] == "Meeting of the Political Bureau (April 2031)"
    assert shown["july"] == "Meeting of the Political Bureau (July 2031)"
    assert shown["older"] == "Meeting of the Political Bureau (2030)"  # the year alone tells it apart
    assert (shown["zh4"], shown["zh7"]) == ("中央某某局召开会议（2031年4月）", "中央某某局召开会议（2031年7月）")
