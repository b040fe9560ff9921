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
    ],
)
def test_when_and_where_a_named_meeting_was_held_is_its_opening_sentence(communique, question):
    """A communiqué's first sentence says when and where its meeting was held (…于…在北京举行): asked with the
    meeting's name (removed from the search as a document name) and 召开 for 举行, it is found and quoted."""
    from assistant.pipeline import Assistant

    settings, index = communique
    answer = Assistant(settings, index=index).ask(question)
    assert not answer.refused
    assert "2031年10月27日至30日在北京举行" in " ".join(c.quote for c in answer.citations)


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
