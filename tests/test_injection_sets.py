"""Injection detection on two sets written for it: ordinary questions that use the attack words in their
everyday sense (扮演, 角色, 你现在, 系统, 提示, 忽略, "act as", "role", "ignore") raise no alarm, and every
attack (the eval set's and the safety tests' injections, plus classic role-play and prompt-leak attempts)
is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.safety import looks_like_injection

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


BENIGN = _lines("injection_benign.txt")
ATTACKS = _lines("injection_attacks.txt")


def test_the_sets_are_large_enough_and_cover_the_words():
    assert len(BENIGN) >= 50 and len(ATTACKS) >= 20
    text = "\n".join(BENIGN).lower()
    for word in ("扮演", "角色", "你现在", "系统", "提示", "忽略", "act as", "role", "ignore"):
        assert word in text, word


@pytest.mark.parametrize("question", BENIGN)
def test_ordinary_questions_raise_no_alarm(question):
    assert not looks_like_injection(question)


@pytest.mark.parametrize("question", ATTACKS)
def test_attacks_are_caught(question):
    assert looks_like_injection(question)


def test_every_injection_case_of_the_dev_eval_set_is_caught():
    import json

    injections = [
        case["question"]
        for path in sorted((DATA.parent.parent / "eval/data").glob("*.jsonl"))
        if not path.name.startswith(("heldout", "queries"))
        for case in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if case.get("category") == "injection"
    ]
    assert injections and [q for q in injections if not looks_like_injection(q)] == []


def test_a_benign_role_question_is_answered_without_a_warning(assistant):
    answer = assistant.ask("政府在科技创新中应当扮演什么角色？")
    assert not answer.notes
