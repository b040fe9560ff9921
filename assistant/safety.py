"""Question validation and prompt-injection handling.

Why here and not in the UI: every surface (CLI, batch, app, API, eval) goes through
`Assistant.ask`, so one check protects them all. Injection is handled by
*behaviour*, not by a blocklist alone: the extractive path never reads
instructions at all (it only ranks and quotes sentences) and never has the system
prompt to leak; the LLM path fences question and documents as data, and the citation
checker drops whatever the model says that is not supported by a quote. Detection
here only feeds a note and keeps instruction-like text out of the search query.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.errors import InvalidQuestion

# C0/C1 controls except tab/newline, plus zero-width and bidi override characters
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

#: Each pattern needs the *instruction* around a word, never the word alone: 扮演/角色/你现在/系统/提示/忽略,
#: "act as", "role", "ignore" are ordinary in questions about the documents ("政府应当扮演什么角色？",
#: "你现在能总结一下吗？", "How does the state act as an investor?"); tests/data/injection_benign.txt and
#: tests/data/injection_attacks.txt hold both sides.
_INJECTION_PATTERNS = [
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier|preceding)\b[^.。\n]{0,40}(?:instructions?|prompts?|rules?|messages?|context)",
    r"disregard (?:all |any |the |your )?(?:previous|prior|above|earlier|rules|instructions|guidelines)\b",
    r"\b(?:start|begin|prefix) (?:your|the) (?:reply|answer|response) with\b|\bnew system message\b",
    r"forget (?:all |everything |your )?(?:previous |prior )?(?:instructions?|rules?)",
    r"(?:reveal|print|show|output|repeat|leak|tell me)\b[^.。\n]{0,30}\b(?:system|hidden|initial)\s+(?:prompt|instructions?|message)",
    # a new identity for the assistant: "you are now DAN", "act as an unrestricted …", "please act as my …"
    r"\byou are now\b(?!\s+(?:able|going)\b)|(?:^|[.!?:;,]\s*|\b(?:you|please|now)\s+)act as\b|\bpretend (?:that )?you\b"
    r"|\bfrom now on,? you\b|\bdeveloper mode\b|\bjailbreak\b",
    r"(?:忽略|无视)(?:之前|以上|上面|前面|先前|你的|所有)(?:的)?(?:所有)?(?:指令|指示|提示|规则|要求|设定)",
    r"(?:输出|显示|打印|告诉我|泄露|重复|说出)(?:一下)?(?:你的)?(?:系统)?(?:提示词|系统提示|指令|设定|prompt)",
    r"系统提示词|你的(?:角色)?(?:设定|规则|提示词|系统提示|指令)|(?:管理员|系统|开发者)(?:指令|通知|消息)",
    r"解除(?:了)?(?:所有|全部|一切)?(?:的)?限制|(?:回答|回复)(?:的)?开头(?:必须|要|请|需)?(?:写|加|是)",
    # a new role for the assistant: 你现在是一个…, 请你扮演…, 扮演我的…
    r"你现在(?:是|作为|成为|扮演)(?:一[个名位]|[个名位])|(?:你|您)(?:现在|来|要|将|必须)?(?:扮演|充当|假装|假扮)|请(?!问)(?:你|您)?扮演|扮演(?:我的|一个没有|一个不受)",
    r"(?:只|仅)(?:回复|输出|回答|返回)\s*[“\"「]",
    r"从现在(?:起|开始)[，,]?\s*(?:请|你|您)|系统通知|开发者模式|(?:你|您)?不受任何限制(?!地)|原样(?:附|输出|返回)|完整提示词|每句话?末尾加",
    r"\b(?:reply|respond|answer|output)\s+only\s+with\b",
    r"\bsystem override\b|\bdebug mode\b|\bappend\s+['\"“]|\banswer in (?:french|german|spanish|japanese|russian)\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS), re.I)


def clean_question(question: object, max_chars: int) -> str:
    """The question with control characters removed and whitespace normalised.

    Raises InvalidQuestion (English + Chinese message) when nothing usable is left
    or the question is longer than `max_chars`.
    """
    if not isinstance(question, str):
        raise InvalidQuestion("the question must be text / 问题必须是文本")
    text = unicodedata.normalize("NFC", question)
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    if not text:
        raise InvalidQuestion("the question is empty / 问题为空，请输入问题")
    if len(text) > max_chars:
        raise InvalidQuestion(
            f"the question is too long ({len(text)} characters; the limit is {max_chars}) / "
            f"问题过长（{len(text)} 字符，上限为 {max_chars} 字符），请缩短后再问"
        )
    return text


def looks_like_injection(text: str) -> bool:
    """True when text tries to give the assistant instructions (zh or en)."""
    return bool(_INJECTION.search(text))


def strip_injection(text: str) -> str:
    """The text with instruction-like clauses removed: what is left is the actual question.

    Used for the search query only; the user's question itself is never altered.
    """
    pieces = re.split(r"(?<=[。！？!?；;，,.\n])", text)
    kept = [p for p in pieces if not looks_like_injection(p)]
    return "".join(kept).strip()
