"""Prompts are package data (`assistant/prompts/<lang>.yaml`), one file per answer language.

Kept out of code so they can be reviewed and translated as text; every context
block is numbered and labelled with its section so the model can cite `[n]`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from knowledge.models import Chunk

REQUIRED = ("system", "context_block", "user", "history", "rewrite_system", "rewrite_user")


@lru_cache(maxsize=4)
def load(language: str) -> dict[str, str]:
    lang = language if language in ("zh", "en") else "zh"
    text = resources.files("assistant").joinpath(f"prompts/{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ValueError(f"prompts/{lang}.yaml lacks {missing}")
    return data


def format_turns(history: list[dict], limit: int = 4) -> str:
    lines = []
    for turn in history[-limit:]:
        role = "user" if turn.get("role") == "user" else "assistant"
        content = str(turn.get("content", "")).strip().replace("\n", " ")
        lines.append(f"{role}: {content[:400]}")
    return "\n".join(lines)


def answer_messages(
    language: str, question: str, query: str, contexts: list[Chunk], history: list[dict], titles_en: dict[str, str]
) -> list[tuple[str, str]]:
    p = load(language)
    blocks = "\n\n".join(
        p["context_block"].format(
            n=i,
            doc_title=c.doc_title,
            doc_title_en=titles_en.get(c.doc_id, c.doc_title),
            section_label=c.section_label,
            section_label_en=c.section_label_en or c.section_label,
            text=c.text,
        )
        for i, c in enumerate(contexts, 1)
    )
    hist = p["history"].format(turns=format_turns(history), query=query) + "\n\n" if history else ""
    user = p["user"].format(contexts=blocks, question=question, history=hist)
    return [("system", p["system"]), ("human", user)]


def request_messages(request) -> list[tuple[str, str]]:
    """`answer_messages` for a `GenerationRequest`: what every chat-model generator sends."""
    return answer_messages(
        request.language,
        request.question,
        request.query,
        request.contexts,
        request.history,
        dict(request.titles_en),
    )


def rewrite_messages(language: str, question: str, history: list[dict]) -> list[tuple[str, str]]:
    p = load(language)
    return [
        ("system", p["rewrite_system"]),
        ("human", p["rewrite_user"].format(turns=format_turns(history), question=question)),
    ]
