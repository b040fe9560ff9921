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


def test_a_translated_sentence_is_read_with_the_original_it_renders(assistant):
    """The ranker's features of a sentence of the translation count what its aligned original says
    (bridged Chinese terms, figures): alone, the English sentence matched only the question's English words."""
    import dataclasses

    request = assistant.evidence_request("What GDP figure for 2021 does the 2022 report give?")
    renderings = request.renderings
    assert renderings is not None

    def gdp_sentence(req):
        for cand in assistant.extractive.candidates(req):
            chunk = req.contexts[cand.ctx]
            if renderings.applies(chunk) and "114 trillion yuan" in chunk.text[cand.start : cand.end]:
                return chunk, cand
        return None, None

    chunk, read = gdp_sentence(request)
    assert chunk is not None, [c.chunk_id for c in request.contexts]
    assert "114万亿元" in renderings.original(chunk, read.start, read.end)
    assert "一、" in renderings.headings(chunk)  # the original's heading of the same section
    _, alone = gdp_sentence(dataclasses.replace(request, renderings=None))
    assert read.features["coverage"] > alone.features["coverage"]


def test_an_english_question_on_the_pair_is_quoted_the_answering_official_sentence(assistant):
    answer = assistant.ask("What GDP figure for 2021 does the 2022 report give?")
    assert any("114 trillion yuan" in c.quote_en and "114万亿元" in c.quote for c in answer.citations), answer.answer


def test_retrieval_returns_one_hit_per_place_of_a_translation_pair(assistant):
    """Both sides of a pair match an English question about the 2022 report (the original through
    the bridged terms, the translation through its own words): they are one logical hit per place."""
    pairs = translations.Pairs.of(assistant.index)
    for question in (
        "In the 2022 report, what was the grain harvest of 2021?",
        "For the 2022 report, what spending on projects comes from Beijing's own budget?",
    ):
        hits = assistant.retriever(k=10).search(question).hits
        places = [pairs.place(h.chunk) for h in hits]
        assert len(places) == len(set(places)), [h.chunk.chunk_id for h in hits]
        assert {h.chunk.doc_id for h in hits} & (set(pairs.by_source) | set(pairs.by_translation))


def test_an_unmatched_official_sentence_is_quoted_with_the_original_it_renders(assistant):
    """The alignment leaves a sentence unmatched when its figure changes unit (万亿斤 → metric tons);
    quoted, it still carries the original between its aligned neighbours."""
    renderings = translations.Renderings(assistant.index)
    pairs = translations.Pairs.of(assistant.index)
    [translation_id] = pairs.by_translation
    sentence = "Grain output reached a record high of 685 million metric tons."
    chunk = next(c for c in assistant.index.chunks(translation_id) if sentence in c.text)
    at = chunk.text.index(sentence)
    assert not pairs.by_translation[translation_id].for_translation(chunk.char_start + at, chunk.char_start + at + 10)
    assert "粮食产量" in renderings.original(chunk, at, at + len(sentence))
    answer = assistant.ask("The 2022 report's review: grain production in 2021 was how large?")
    cited = [c for c in answer.citations if c.quote_en == sentence]
    assert cited and "粮食产量" in cited[0].quote and translations.verify(cited[0], assistant.index), answer.answer


def test_a_question_asking_for_figures_asks_for_numbers():
    """ "What … figures / statistics does it give" wants numbers, like "how much": the sentence with
    the figure answers it, not one that only names the topic."""
    from assistant.answer_types import NUMBER, asked_types

    assert NUMBER in asked_types("Looking back, what trade figures does the report give?")
    assert NUMBER in asked_types("Which statistics on housing does the report cite?")
    assert NUMBER not in asked_types("What does the report say about trade?")


def test_every_official_sentence_quoted_carries_its_chinese_original(assistant):
    """A long original sentence cut by chunking is aligned whole: its part in the chunk holding most
    of it is the quoted original (list items of "…do the following:" came back without one)."""
    from assistant.answer import Citation

    index = assistant.index
    [translation_id] = translations.Pairs.of(index).by_translation
    item = "ensure both development and security;"
    chunk = next(c for c in index.chunks(translation_id) if item in c.text)
    [cited], originals = translations.attach_originals([Citation.of(chunk, item, 1)], index)
    assert cited.quote_en == item and cited.doc_id != translation_id
    assert "统筹发展和安全" in cited.quote and translations.verify(cited, index)
    assert originals and cited.quote in originals[0].text


def test_who_delivered_a_report_is_answered_from_its_byline(assistant):
    """A report or speech is "delivered" or "presented" by its author: the byline answers, in the
    official English where the document has a translation."""
    from assistant.answer_types import asks_authorship

    assert asks_authorship("Who delivered the report, and on which date?")
    assert asks_authorship("When was the report presented, and by whom?")
    assert not asks_authorship("What does the report say about delivery services?")
    answer = assistant.ask("When and at which session was the 2022 government work report delivered, and by whom?")
    assert any("Li Keqiang" in c.quote_en for c in answer.citations), answer.answer
