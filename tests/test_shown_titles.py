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
