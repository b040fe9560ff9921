"""The offline extractive answerer end to end: real index, real embedder, the shipped glossary."""

from __future__ import annotations

from chunk_support import make_chunk

from assistant import textmatch
from assistant.answer import Answer
from assistant.generators.base import GenerationRequest
from assistant.generators.extractive import ExtractiveGenerator
from assistant.testing import assert_contract, assert_language


def _cited_sections(answer):
    return {f"{c.doc_id}:{c.section_id}" for c in answer.citations}


def test_chinese_question_cites_the_section(assistant):
    answer = assistant.ask("论文认为我国算力发展存在哪些短板？")
    assert not answer.refused and answer.generator == "extractive" and answer.language == "zh"
    assert "shi-xu-2024:3.8" in _cited_sections(answer)
    assert "卡脖子" in answer.answer
    assert "三（八）加速构筑算力竞争优势" in answer.answer  # the section named as a reader would cite it
    assert_contract(answer.to_dict())
    assert_language(answer.answer, "zh")


def test_english_question_over_chinese_sources(assistant):
    answer = assistant.ask("What is the East Data West Computing project?")
    assert not answer.refused and answer.language == "en"
    assert "shi-xu-2024:3.8" in _cited_sections(answer)
    assert "III.8 Building competitive advantages in computing power" in answer.answer
    assert "East Data West Computing = 东数西算" in answer.answer  # glossed
    assert_contract(answer.to_dict())
    assert_language(answer.answer, "en")


def test_english_answer_uses_the_papers_own_summary(assistant):
    answer = assistant.ask("What is new quality productivity according to the paper?")
    assert "shi-xu-2024:summary_en" in _cited_sections(answer)
    assert "New quality productivity is a new form of productivity" in answer.answer
    assert_contract(answer.to_dict())


def test_follow_up_question(assistant):
    history = [
        {"role": "user", "content": "世界主要国家是怎么推动新质生产力发展的？"},
        {"role": "assistant", "content": "论文第一部分（五）介绍了美国、德国、日本的做法。"},
    ]
    answer = assistant.ask("其中德国的战略是什么？", history=history)
    assert "shi-xu-2024:1.5" in _cited_sections(answer)
    assert any("德国" in c.quote for c in answer.citations)
    assert answer.rewritten_query != "其中德国的战略是什么？"


def test_ai_plus_question_cites_the_report(assistant):
    answer = assistant.ask("2024年政府工作报告提出的“人工智能+”行动是什么？")
    assert "gwr-2024:3.1" in _cited_sections(answer)
    assert any("人工智能+" in c.quote for c in answer.citations)


def test_out_of_scope_question_is_refused(assistant):
    answer = assistant.ask("Who won the 2022 World Cup?")
    assert answer.refused and answer.language == "en" and not answer.citations
    assert answer.answer.startswith("The documents do not answer this question")
    assert answer.nearest_sections
    assert_contract(answer.to_dict())
    zh = assistant.ask("2024年欧洲杯的冠军是哪支球队？")
    assert zh.refused and zh.answer.startswith("文献中没有回答这一问题")
    assert_language(zh.answer, "zh")


def test_questions_on_other_subjects_are_refused_by_the_topic_gate(assistant):
    """Everyday questions far from every text ("how long to boil an egg"): the near-miss model, fitted mostly on
    questions about the texts, answered them with whatever passage shared a word; the topic gate refuses them
    (`RefusalPolicy.topic`). Written before either off-topic set of eval/offtopic existed."""
    for question in ("How long should I boil an egg?", "How do I train a puppy?", "What is the capital of Australia?"):
        answer = assistant.ask(question)
        assert answer.refused and not answer.citations, question
        assert answer.answer.startswith("The documents do not answer this question")


def test_answers_are_deterministic_and_timed(assistant):
    a = assistant.ask("新质生产力的劳动资料指的是什么？")
    b = assistant.ask("新质生产力的劳动资料指的是什么？")
    assert a.answer == b.answer and [c.quote for c in a.citations] == [c.quote for c in b.citations]
    assert {"rewrite", "retrieve", "generate", "check", "total"} <= set(a.timings_ms)
    assert a.timings_ms["total"] >= a.timings_ms["retrieve"]


def test_every_non_framing_line_is_a_cited_quote(assistant):
    answer = assistant.ask("数据要素市场目前存在什么问题？")
    for line in answer.answer.splitlines():
        line = line.strip()
        if not line or line.endswith(("：", ":")):
            continue
        assert line.startswith("「") and "」[" in line, line


def test_stream_yields_text_then_one_answer(assistant):
    items = list(assistant.stream("论文认为我国算力发展存在哪些短板？"))
    assert isinstance(items[-1], Answer)
    assert all(isinstance(i, str) for i in items[:-1]) and len(items) > 2
    assert "".join(items[:-1]) == items[-1].answer


def test_document_filter_on_ask(assistant):
    answer = assistant.ask("新质生产力", doc_ids=["gwr-2024"])
    assert {c.doc_id for c in answer.contexts} == {"gwr-2024"}
    assert {c.doc_id for c in answer.citations} <= {"gwr-2024"}


def test_generators_lists_the_registry(assistant):
    assert {"extractive", "openai", "llama-cpp"} <= set(assistant.generators())


def test_list_question_about_a_part_quotes_its_section_headings(assistant):
    answer = assistant.ask("论文提出加快形成新质生产力的实现路径有哪些？")
    cited = [f"{c.doc_id}:{c.section_id}" for c in answer.citations]
    assert cited == [f"shi-xu-2024:3.{i}" for i in range(1, 10)]
    assert "「（八）加速构筑算力竞争优势，夯实发展新质生产力的算力基础」" in answer.answer
    assert_contract(answer.to_dict())
    en = assistant.ask("What are the ten government tasks for 2024?")
    assert [c.section_id for c in en.citations] == [f"3.{i}" for i in range(1, 11)]
    assert "III.1 Vigorously modernizing the industrial system" in en.answer
    assert_language(en.answer, "en")


def test_enumerated_measures_are_quoted_in_full(assistant):
    answer = assistant.ask("论文主张从哪些方面补齐算力短板、构建算力竞争优势？")
    quotes = " ".join(c.quote for c in answer.citations)
    for marker in ("首先", "其次", "再次", "最后"):
        assert marker in quotes, marker


def _front_matter_request(question: str, bridged: str) -> GenerationRequest:
    # written for the test: a paper's English key-words line and a body sentence that shares with an English
    # question only a word the dictionary bridge adds (关键 for "key")
    contexts = [
        make_chunk("keywords_en", "Key words：river basins； flood control； wetland restoration", lang="en"),
        make_chunk("2.1", "流域治理的关键在于统筹上下游、左右岸的防洪和生态修复工作。"),
    ]
    idf = {f: 3.0 for text in (question, bridged, contexts[0].text, contexts[1].text) for f in textmatch.terms(text)}
    return GenerationRequest(
        question=question, query=question, language="en", contexts=contexts, idf=idf, bridged=bridged
    )


def test_a_front_matter_line_with_the_questions_words_beats_sentences_reached_only_through_the_bridge():
    generator = ExtractiveGenerator()
    request = _front_matter_request("Which key words does the study list?", "Which key words does the study list? 关键")
    assert any(s.features["bridge_coverage"] > 0 for s in generator.candidates(request))  # a bridge-only candidate
    picks = generator.select(request)
    assert [request.contexts[p.ctx].section_id for p in picks] == ["keywords_en"]
    assert "flood control" in request.contexts[picks[0].ctx].text[picks[0].start : picks[0].end]


def test_a_sentence_holding_the_questions_own_words_is_quoted_rather_than_the_front_matter():
    generator = ExtractiveGenerator()
    request = _front_matter_request("流域治理的关键是什么？", "流域治理的关键是什么？")
    picks = generator.select(request)
    assert [request.contexts[p.ctx].section_id for p in picks] == ["2.1"]


def test_sentences_rendering_one_original_are_quoted_once(assistant):
    """The official translation renders 加大研发费用加计扣除政策实施力度… in three English sentences: each
    read with that original scored alike, and the answer quoted all three, each citing the same Chinese
    sentence. They are one quote with one citation."""
    for question in (
        "By how much will the government raise the additional tax deduction for R&D costs of small and medium sci-tech enterprises in 2022?",
        "What tax incentives for enterprise innovation does the 2022 government work report announce?",
    ):
        answer = assistant.ask(question)
        originals = [c.quote for c in answer.citations]
        assert len(originals) == len(set(originals)), answer.answer
        cited = [c for c in answer.citations if "加计扣除比例从75%提高到100%" in c.quote]
        assert len(cited) == 1, answer.answer
        assert "from 75 percent to 100 percent" in cited[0].quote_en
        assert "large injection of government funding" in cited[0].quote_en  # the rendering's last sentence
        assert_contract(answer.to_dict())


def test_a_question_naming_a_document_is_quoted_from_it(assistant):
    """The question names the Decision, whose sections rank first: the paper's sentences on the topic
    matched more of its words, and the answer quoted them. A named document that holds candidate
    sentences is the one quoted; an official translation counts as its original."""
    answer = assistant.ask(
        "When discussing new quality productive forces, which strategic industries does the Decision list?"
    )
    assert answer.citations and {c.doc_id for c in answer.citations} == {"plenum-2024-decision"}, answer.answer
    answer = assistant.ask("What tax incentives does the 2022 government work report announce?")
    assert answer.citations and {c.doc_id for c in answer.citations} == {"gwr-2022"}, answer.answer
    assert all(c.quote_en for c in answer.citations)  # quoted in the official English


def test_a_comparison_naming_two_documents_quotes_each(assistant):
    """ "两份文献分别…": the answer quotes both named documents, though every sentence of one scored
    below the other's best (it quoted only the paper)."""
    answer = assistant.ask("2024年政府工作报告和论文分别怎样论述人工智能？")
    assert {c.doc_id for c in answer.citations} == {"gwr-2024", "shi-xu-2024"}, answer.answer


def test_a_document_name_does_not_lift_the_headings_that_repeat_it(assistant):
    """ "…according to the 2022 report": the year names the report, and the heading of its part on the
    year's plans (二、2022年…) holds it; counted as a word asked about, it lifted that part above the
    part that answers (1.8, where the triple pressures are named)."""
    request = assistant.evidence_request(
        "What 'triple pressure' did China's economy face according to the 2022 report?"
    )
    fit: dict[str, float] = {}
    for cand in assistant.extractive.candidates(request):
        chunk = request.contexts[cand.ctx]
        fit[chunk.section_id] = max(fit.get(chunk.section_id, 0.0), cand.features["heading_fit"])
    assert {"2", "1.8"} <= set(fit), fit
    assert fit["2"] <= fit["1.8"], fit


def test_list_lines_rendering_one_original_clause_are_one_quote(assistant):
    """The official English lists the 2022 targets line by line where the original runs clauses joined
    by ；: two lines render one clause (jobs and unemployment: 城镇新增就业…；), and the lead-in renders
    the first clause with the GDP line. Quoted line by line, each such clause was cited twice."""
    answer = assistant.ask(
        "Which development targets did the 2022 government work report set for that year's grain output and CPI?"
    )
    originals = [c.quote for c in answer.citations]
    assert len(originals) == len(set(originals)), answer.answer
    english = "\n".join(c.quote_en for c in answer.citations)
    for line in (
        "GDP growth of around 5.5 percent",
        "over 11 million new urban jobs",
        "CPI increase of around 3 percent",
    ):
        assert line in english, answer.answer


def test_a_document_is_named_once_for_consecutive_sections_of_it():
    """A long title repeated before every group of quotes buried them (a blind reader's finding): the next
    group from the same document says so."""
    from assistant.generators.extractive import _compose, _Scored

    contexts = [make_chunk("1", "流域治理要统筹上下游。"), make_chunk("2", "湿地修复资金由省级财政安排。")]
    picks = [_Scored(0, 0, len(contexts[0].text), 0.9), _Scored(1, 0, len(contexts[1].text), 0.8)]
    for language, first, again in (
        ("zh", "见《流域治理研究》1：", "见同一文献2："),
        ("en", "In “Watershed governance”, 1", "In the same document, 2"),
    ):
        request = GenerationRequest(
            question="流域治理怎么安排？",
            query="流域治理怎么安排？",
            language=language,
            contexts=contexts,
            titles_en={"doc": "Watershed governance"},
        )
        text = "".join(_compose(ExtractiveGenerator(), request, picks))
        assert first in text and again in text and text.count("流域治理研究") <= 1, text


def test_a_further_section_naming_another_year_is_no_supplement():
    """When the best sentence names the year asked, another section's sentence naming only other years stays out
    (another edition's target beside this one's); one naming no year may join. Sentences written for this test."""
    from assistant.generators.extractive import _other_year, _Scored

    texts = ["二〇三一年目标为增长5%左右。", "2030年目标为增长5%以上。", "目标是稳中求进。"]
    contexts = [make_chunk(str(i), t) for i, t in enumerate(texts)]
    request = GenerationRequest(question="2031年的增长目标是多少？", query="", language="zh", contexts=contexts)
    best, other, plain = (_Scored(i, 0, len(t), 1.0 - i / 10) for i, t in enumerate(texts))
    assert _other_year(request, best, other)
    assert not _other_year(request, best, plain)
    assert not _other_year(request, other, best)  # the best naming no year asked: nothing to keep out


def test_a_question_asking_two_things_quotes_a_sentence_for_each():
    """ "由谁主持，谁作了重要讲话": the best sentence answers one ask; the other ask's sentence is quoted although it
    scores far below it (the ratio that keeps weaker sentences out would drop it): of the sentences holding that ask's
    own words, the one holding most of them (not the higher-scored one holding only 全会)."""
    import dataclasses

    from assistant.generators.base import GenerationRequest
    from assistant.generators.extractive import _each_ask_answered, _Scored
    from assistant.glossary import Glossary
    from knowledge.models import DocumentMeta
    from knowledge.pipeline import process_document
    from knowledge.settings import Settings

    text = "某某全会公报\n全会由中央政治局主持。中央委员会总书记王某作了重要讲话。全会审议通过了海洋强国的决定。\n"
    chunk = next(
        c
        for c in process_document(text, DocumentMeta(doc_id="p", title="某某全会公报"), Settings.load())
        if "主持" in c.text
    )
    spans = {
        s: (chunk.text.index(s), chunk.text.index(s) + len(s))
        for s in ("全会由中央政治局主持。", "中央委员会总书记王某作了重要讲话。", "全会审议通过了海洋强国的决定。")
    }
    speech, chair, decision = (
        _Scored(0, *spans["中央委员会总书记王某作了重要讲话。"], 0.75),
        _Scored(0, *spans["全会由中央政治局主持。"], 0.2),
        _Scored(0, *spans["全会审议通过了海洋强国的决定。"], 0.3),
    )
    idf = {"主持": 3.0, "重要": 1.0, "讲话": 2.0, "全会": 1.0, "决定": 1.5}
    request = GenerationRequest(
        question="这次全会由谁主持，谁作了重要讲话？", query="", language="zh", contexts=[chunk], idf=idf
    )
    picked = _each_ask_answered([speech], [speech, decision, chair], request, Glossary.load())
    assert picked == [speech, chair]
    # one ask: nothing added
    one = dataclasses.replace(request, question="谁作了重要讲话？")
    assert _each_ask_answered([speech], [speech, decision, chair], one, Glossary.load()) == [speech]
