"""A paragraph label opening with a speaker's name glosses the name as a name, as the quotes' glosses do. A blind reader
of the thirty-third batch met "¶12 王沪宁在主持会议时表示… (gloss: shanghai and Nanjing preside over meeting o'clock
express)": the segmenter takes the name apart, and the label's gloss had no speaker rule. Names invented for these
tests, not taken from the bundled corpus."""

from __future__ import annotations

from knowledge.labels_en import english_label
from knowledge.models import Section
from knowledge.zh_en import ZhEnDictionary


def _paragraph(sid: str, label: str) -> Section:
    return Section(sid, label, "", [label], 1)


def test_a_speaker_opening_a_paragraph_is_named_in_its_label():
    gloss = ZhEnDictionary.full().gloss
    label = english_label(_paragraph("p12", "¶12 乔木书在主持会议时表示…"), gloss)
    assert "(gloss: Qiao Mushu " in label, label
    label = english_label(_paragraph("p3", "¶3 栗战书强调，要做好海州港口工作…"), gloss)
    assert "(gloss: Li Zhanshu " in label, label


def test_a_word_the_dictionary_knows_is_a_name_only_where_the_tagger_reads_a_person():
    gloss = ZhEnDictionary.full().gloss
    # 汪洋 is "vast body of water" in the dictionary; opening a clause before 在总结讲话中指出 it is a person
    assert "(gloss: Wang Yang " in english_label(_paragraph("p11", "¶11 汪洋在总结讲话中指出…"), gloss)
    # 于是 before 强调 is "thereupon", no name
    label = english_label(_paragraph("p5", "¶5 于是强调了这一点…"), gloss)
    assert "Yu " not in label and "thereupon" in label.lower(), label
