"""What blind readers of the thirty-second batch asked in English and could not reach, or could not read: the verbs a
readout reports a meeting's business with ("reviewed", "heard", "pointed out"), and the terms its glosses turned into
nonsense ("top floor plan" for 顶层设计). Sentences written for these tests, not taken from the bundled corpus."""

from __future__ import annotations

from assistant.bridge import Bridge
from assistant.gloss import SentenceGloss
from assistant.glossary import Glossary
from knowledge.zh_en import IndexLexicon


def chinese(glossary: Glossary, english: str) -> set[str]:
    return {zh for term in glossary.find_en(english) for zh in term.zh}


def test_the_verbs_of_a_readout_reach_the_words_it_writes():
    glossary = Glossary.load()
    found = chinese(glossary, "Which two draft laws were reviewed at the meeting?")
    assert {"草案", "审议"} <= found
    assert "听取" in chinese(glossary, "Which reports did the meeting hear?")
    # "pointed out" is what a speaker said (指出), not "pointed" (尖锐)
    assert "指出" in chinese(glossary, "What did Wang pointed out about harbours?")
    assert "印发" in chinese(glossary, "When was the plan issued?")
    # a Chinese question's 回顾 (a review of the past year) does not bring in 审议 (a meeting reviewing a document)
    assert "审议" not in glossary.expand("对上一年工作的回顾提到了什么？")


def test_terms_a_reader_could_not_read_are_glossed_as_terms():
    sentences = ["把主要精力放在顶层设计上，发挥上下游企业作用。", "最高人民检察院检察长出席会议。"]
    glossary = Glossary.load()
    glosser = SentenceGloss(glossary, Bridge(glossary, IndexLexicon.build(sentences)))
    first = glosser.gloss(sentences[0])
    assert "top-level design" in first and "upstream and downstream" in first
    assert glosser.gloss(sentences[1]).startswith("Procurator-General of the Supreme People's Procuratorate")
