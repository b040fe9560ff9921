"""English near misses of the thirty-third batch asked for persons by a noun other than "people" ("How many delegates
attended…?", "how many members…") and for places by their kind after two modifiers ("Which specific foreign countries or
regions…?", "In which building or venue…?"): each was answered with a sentence that counts no one or names no place.
Sentences written for these tests, not taken from the bundled corpus."""

from __future__ import annotations

from assistant.refusal_evidence import _asks_for_places, evidence_fit, place_missing


def _unit_missing(question: str, quoted: list[str]) -> float:
    return evidence_fit(question, [], quoted)["unit_missing"]


def test_persons_asked_for_by_their_role_need_a_figure_of_persons():
    for noun in ("delegates", "members", "officials", "cadres", "participants"):
        question = f"How many {noun} attended the 2031 Haizhou Port Work Conference?"
        assert _unit_missing(question, ["海州港务委员会委员出席会议。"]) == 1.0, noun
        assert _unit_missing(question, ["共420多名代表出席会议。"]) == 0.0, noun
    # ... unless it asks who they were too: the names answer
    assert _unit_missing("How many members attended, and who were they?", ["王某、李某、张某出席会议。"]) == 0.0
    # not a possessive ("members' duties"), which asks for no count
    assert _unit_missing("How many members' proposals were adopted?", ["海州港务委员会委员出席会议。"]) == 0.0


def test_places_asked_for_by_their_kind_after_modifiers_or_as_a_venue():
    for question in (
        "Which specific foreign countries or regions did the 2031 conference single out?",
        "Which regions did the 2031 conference name?",
        "In which building or venue was the 2031 conference held?",
    ):
        assert _asks_for_places(question), question
        assert place_missing(question, ["会议强调，要加强国际传播能力建设。"]) == 1.0, question
    assert place_missing("Which regions did the 2031 conference name?", ["要支持海州、江州加快发展。"]) == 0.0
    # a question whose document name was taken out leaves a verb before the kind word: it asks for no place
    assert not _asks_for_places("What does allow cities to do about home-purchase restrictions?")
    assert not _asks_for_places("Which regional strategies did it list?")
