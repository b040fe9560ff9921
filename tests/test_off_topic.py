"""English questions about something the texts never speak of (`refusal_evidence.off_topic`): invented texts."""

from __future__ import annotations

import pytest

from assistant.bridge import Bridge
from assistant.glossary import Glossary
from assistant.refusal_evidence import mapped_share, off_topic
from knowledge.zh_en import IndexLexicon

TEXTS = [
    "会议强调，要推进港口建设，发展远洋渔业，稳定粮食生产，扩大对外开放。",
    "要加强生态环境保护，促进就业和收入增长。",
]


@pytest.fixture(scope="module")
def bridge():
    glossary = Glossary.load()
    return Bridge(glossary, IndexLexicon.build(TEXTS))


@pytest.mark.parametrize(
    "question",
    [
        "How long should I boil an egg to get a runny yolk?",
        "Are lilies toxic to cats?",
        "Why does my cat knead blankets?",
    ],
)
def test_a_question_most_of_whose_words_the_index_never_writes_is_off_topic(bridge, question):
    """Lower-case English words never counted as unknown (a question is mostly phrasing the Chinese texts cannot
    contain), so an everyday question was answered with a policy sentence (240 off-topic questions written blind:
    English ones refused 0.60 / 0.65)."""
    assert off_topic(question, "en", bridge), mapped_share(question, bridge)


@pytest.mark.parametrize(
    "question",
    [
        "What did the meeting say about port construction and deep-sea fishing?",
        "How should employment and income growth be promoted?",
        # one content word says too little to judge
        "What about deleveraging?",
        # hyphenated prefixes are no words of their own
        "What did it say about non-members and ecological protection?",
    ],
)
def test_a_question_on_what_the_texts_speak_of_is_not(bridge, question):
    assert not off_topic(question, "en", bridge), mapped_share(question, bridge)


def test_chinese_questions_are_left_to_the_unknown_words():
    assert not off_topic("鸡蛋要煮多久才是溏心的？", "zh", None)


@pytest.mark.slow
def test_an_everyday_english_question_is_refused(assistant):
    answer = assistant.ask("What can I substitute for buttermilk in pancakes?")
    assert answer.refused, answer.answer
