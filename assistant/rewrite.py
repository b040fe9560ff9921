"""Follow-up questions → standalone search queries.

"其中德国的战略是什么？" means nothing to a retriever without the previous turn
("世界主要国家如何推动新质生产力发展？"). With an LLM configured, the LLM rewrites it;
otherwise (and whenever the LLM fails) the previous user turn's topic words are
carried over, which is deterministic and good enough for retrieval because the
current question's own words still decide the ranking within that topic. The previous
*answer* is carried only when the follow-up points at what it said ("这一部分", "这些问题",
"that section", "its"): then it is the referent. A follow-up that asks the earlier question
about something else ("那日本呢？", "What about Japan?") carries the earlier question's topic
only: the answer's words (maybe a wrong passage) would pull it back to the same place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from assistant.glossary import Glossary
from knowledge.errors import LLMUnavailable

log = logging.getLogger(__name__)

_ZH_ANAPHORA = re.compile(
    r"^(?:其中|那么|那|它|它们|他们|这|该|此|上述|还有|另外|此外|又|并且|而)|(?:呢|分别)[？?]?$"
    r"|这些|这个|这一|这部分|那些|它们|它的|上述|该部分|该节|这项|那项"
)
_EN_ANAPHORA = re.compile(
    r"^(?:what about|how about|and\b|also\b|what else|which of them|then\b)|\b(?:it|its|they|their|them|this|that|these|those|there|such)\b",
    re.I,
)
_QUESTION_WORDS = re.compile(
    r"什么|哪些|哪个|哪几个|如何|怎样|怎么|为什么|为何|是否|吗|呢|请问|请|介绍一下|介绍|说明|提到|指出|"
    r"\b(?:what|which|who|how|why|when|where|does|do|did|is|are|was|were|the|a|an|of|in|on|to|about|please|tell|me|"
    r"explain|describe|say|says|according)\b|[？?！!。，,：:；;\"“”]",
    re.I,
)

#: asks the LLM for a rewrite: (language, question, history) -> standalone question
LLMRewrite = Callable[[str, str, list[dict]], str]
#: a follow-up that points at what the previous answer said (not "那…呢 / what about …", which re-asks)
_POINTS_BACK = re.compile(
    r"这|该|那些|那个|那部分|其中|其|它|\b(?:this|that|these|those|it|its|they|their|them|there)\b", re.I
)


def previous_user_turns(history: list[dict] | None) -> list[str]:
    return [
        str(t.get("content", ""))
        for t in (history or [])
        if t.get("role") == "user" and str(t.get("content", "")).strip()
    ]


def is_follow_up(question: str, history: list[dict] | None, glossary: Glossary) -> bool:
    """A question that leans on an earlier turn: anaphora, or short and naming no topic of its own."""
    if not previous_user_turns(history):
        return False
    q = question.strip()
    if _ZH_ANAPHORA.search(q) or _EN_ANAPHORA.search(q):
        return True
    topical = glossary.find_zh(q) + glossary.find_en(q)
    return len(q) <= 12 and not topical


def topic_words(text: str) -> str:
    """The text without question words and punctuation: what it is about."""
    return re.sub(r"\s+", " ", _QUESTION_WORDS.sub(" ", text)).strip()


def previous_assistant_reply(history: list[dict] | None) -> str:
    """The last assistant turn, if the conversation ends with one."""
    turns = list(history or [])
    if turns and turns[-1].get("role") == "assistant":
        return str(turns[-1].get("content", "")).strip()
    return ""


def heuristic_rewrite(question: str, history: list[dict] | None, glossary: Glossary) -> str:
    turns = previous_user_turns(history)
    carried = [topic_words(turns[-1])]
    # the previous turn was itself a follow-up: carry the one before it too
    if len(turns) >= 2 and is_follow_up(turns[-1], [{"role": "user", "content": turns[-2]}], glossary):
        carried.insert(0, topic_words(turns[-2]))
    reply = previous_assistant_reply(history)
    if reply and _POINTS_BACK.search(question):
        # "这一部分 / these problems / that section": the referent is in the answer just given
        carried.append(topic_words(reply[:80]))
    topic = " ".join(c for c in carried if c)
    return f"{question} {topic}".strip() if topic else question


def rewrite(
    question: str, history: list[dict] | None, glossary: Glossary, language: str, llm: LLMRewrite | None = None
) -> str:
    """The standalone query to search for (the question itself when it is not a follow-up)."""
    if not is_follow_up(question, history, glossary):
        return question
    if llm is not None:
        try:
            text = llm(language, question, list(history or []))
        except LLMUnavailable as exc:
            log.info("LLM rewrite failed (%s); carrying topic words instead", exc)
        else:
            text = (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""
            if text and len(text) <= 4 * max(len(question), 60):
                return text
    return heuristic_rewrite(question, history, glossary)
