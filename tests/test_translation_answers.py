"""English answers from a document with an official translation quote the translation
and carry the aligned original (assistant/translations.py), over the real index."""

from __future__ import annotations

from assistant import translations


def test_english_answer_quotes_the_official_translation_with_its_chinese_original(assistant):
    answer = assistant.ask("How much will investment from the central government budget reach in 2022?")
    assert not answer.refused
    paired = [c for c in answer.citations if c.quote_en]
    assert paired, answer.answer
    index = assistant.index
    for c in paired:
        assert index.get(c.chunk_id_en).doc_id == c.doc_id_en
        assert index.get(c.chunk_id).doc_id == c.doc_id != c.doc_id_en
        assert c.quote in index.get(c.chunk_id).text and c.quote_en in index.get(c.chunk_id_en).text
        assert translations.verify(c, index)
        assert c.quote_en in answer.answer  # the reader is quoted the official English
        assert c.section_label and c.section_label_en and c.section_label != c.section_label_en
    assert any("640 billion yuan" in c.quote_en and "6400亿元" in c.quote for c in paired)
    assert {c.chunk_id for c in answer.citations} <= {ctx.chunk_id for ctx in answer.contexts}


def test_chinese_questions_keep_quoting_the_chinese_original(assistant):
    answer = assistant.ask("2022年政府工作报告中，中央预算内投资安排多少亿元？")
    assert not any(c.quote_en for c in answer.citations)
    docs = {c.doc_id for c in answer.citations} | {ctx.doc_id for ctx in answer.contexts}
    assert not any(d in translations.Pairs.of(assistant.index).by_translation for d in docs)


def test_verify_rejects_a_quote_that_is_not_in_its_document(assistant):
    answer = assistant.ask("How much will investment from the central government budget reach in 2022?")
    c = next(c for c in answer.citations if c.quote_en)
    import dataclasses

    assert not translations.verify(dataclasses.replace(c, quote_en=c.quote_en + " (edited)"), assistant.index)
    assert not translations.verify(dataclasses.replace(c, quote="不在原文中的句子"), assistant.index)
