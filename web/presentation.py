"""What a reader sees: UI strings in both languages and the pure functions that turn an
Answer (the contract's dict) into the chat bubble, the Sources panel and the status line.

No Gradio here, so all of it is tested without a browser. Every piece of document text
and model output passes through `html.escape` (plus markdown neutralisation for the chat
bubble, which Gradio renders as markdown), so nothing from a document or a model can
execute.
"""

import html
import re
from typing import Any

# ============================================================================ texts
UI_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "新质生产力问答 · Xinzhi QA",
        "intro": "就已收录的文献提问（“设置”中可查看并限定文档）；每个回答都标明出处章节与原文。",
        "placeholder": "输入问题，例如：我国算力发展存在哪些短板？",
        "send": "发送",
        "new_chat": "新对话",
        "chat": "对话",
        "sources": "来源",
        "settings": "设置",
        "generator": "回答方式",
        "doc_filter": "限定文档（不选则全部）",
        "top_k": "检索来源数量",
        "comment": "对最近一条回答的意见（可选）",
        "send_comment": "提交意见",
        "comment_saved": "已记录，谢谢！",
        "comment_too_long": "意见过长：最多 {n} 个字符。",
        "feedback_saved": "已记录反馈：{rating}",
        "no_answer_yet": "还没有可评价的回答。",
        "sources_empty": "提问后，这里会显示回答引用的原文。",
        "sources_for": "回答“{q}”所引用的来源",
        "official_translation": "官方英文译文",
        "chinese_original": "中文原文",
        "gloss": "词典逐词释义（非翻译）",
        "refused": "文档中没有找到可以回答这个问题的内容。",
        "nearest": "最接近的章节：",
        "thinking": "正在检索……",
        "error_user": "无法回答：{msg}",
        "error_backend": "服务暂时不可用，请稍后再试。",
        "status": "已索引 {n} 篇文档：{titles} · 回答方式：{generator}",
        "status_empty": "索引为空，请先运行 `python -m knowledge build`。",
        "doc_date": "日期",
        "cited_as": "引文",
        "gen_extractive": "离线摘录（extractive，不调用大模型）",
        "gen_llm": "已配置的大模型（{name}）",
        "sources_line": "来源",
        "searched_as": "按“{q}”检索",
    },
    "en": {
        "title": "Xinzhi QA · 新质生产力问答",
        "intro": "Ask about the indexed documents (see and limit them under Settings); every answer names the section "
        "it comes from and quotes it.",
        "placeholder": "Ask a question, e.g. What are the weaknesses of China's computing power?",
        "send": "Send",
        "new_chat": "New chat",
        "chat": "Chat",
        "sources": "Sources",
        "settings": "Settings",
        "generator": "Answer generator",
        "doc_filter": "Only these documents (none = all)",
        "top_k": "Number of sources retrieved",
        "comment": "Comment on the latest answer (optional)",
        "send_comment": "Send comment",
        "comment_saved": "Saved, thank you!",
        "comment_too_long": "Comment too long: at most {n} characters.",
        "feedback_saved": "Feedback saved: {rating}",
        "no_answer_yet": "There is no answer to rate yet.",
        "sources_empty": "Ask a question: the passages the answer cites appear here.",
        "sources_for": "Sources cited for “{q}”",
        "official_translation": "Official English translation",
        "chinese_original": "Chinese original",
        "gloss": "Gloss (dictionary, word by word; not a translation)",
        "refused": "The documents do not answer this question.",
        "nearest": "Nearest sections:",
        "thinking": "Searching…",
        "error_user": "Cannot answer: {msg}",
        "error_backend": "The service is temporarily unavailable; please try again later.",
        "status": "{n} documents indexed: {titles} · Generator: {generator}",
        "status_empty": "The index is empty: run `python -m knowledge build` first.",
        "doc_date": "date",
        "cited_as": "quoted",
        "gen_extractive": "Offline extractive (no LLM)",
        "gen_llm": "Configured LLM ({name})",
        "sources_line": "Sources",
        "searched_as": "Searched as “{q}”",
    },
}

EXAMPLES = [
    "我国算力发展存在哪些短板？",
    "新质生产力的“新”体现在哪些方面？",
    "2024年国内生产总值增长的预期目标是多少？",
    "What does the paper say about computing power?",
    "What GDP growth target does the 2024 Government Work Report set?",
    "What are the main tasks for 2024 in the Government Work Report?",
]

CSS = """
.xqa-sources { font-size: 0.95rem; line-height: 1.6; }
.xqa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.4rem 0.7rem; margin: 0.5rem 0; }
.xqa-source summary { cursor: pointer; font-weight: 600; }
.xqa-source .xqa-label-en { display: block; font-weight: 400; color: var(--body-text-color-subdued); font-size: 0.88rem; }
.xqa-source .xqa-doc { color: var(--body-text-color-subdued); font-size: 0.88rem; margin: 0.3rem 0; }
.xqa-source .xqa-caption { font-size: 0.8em; opacity: 0.75; margin-top: 0.3rem; }
.xqa-source .xqa-gloss { font-style: italic; }
.xqa-source .xqa-para { white-space: pre-wrap; margin: 0.3rem 0; padding-left: 0.6rem; border-left: 3px solid var(--border-color-accent); }
.xqa-source mark { background: #fde68a; color: #111; padding: 0 1px; }
.xqa-source:target, .xqa-source.xqa-focus { outline: 2px solid var(--color-accent); }
.xqa-cite { text-decoration: none; font-weight: 600; }
.xqa-status { font-size: 0.88rem; color: var(--body-text-color-subdued); }
"""

# Local font names only: the default theme's GoogleFont would fetch from the internet.
FONT_STACK = [
    "system-ui",
    "Noto Sans CJK SC",
    "PingFang SC",
    "Microsoft YaHei",
    "Segoe UI",
    "Helvetica",
    "Arial",
    "sans-serif",
]
MONO_STACK = ["ui-monospace", "Noto Sans Mono CJK SC", "DejaVu Sans Mono", "Consolas", "monospace"]


def ui_text(lang: str) -> dict[str, str]:
    return UI_TEXT["en" if lang == "en" else "zh"]


def ui_lang_from_accept_language(header: str | None) -> str:
    """'zh' or 'en' from an Accept-Language header (highest q wins; Chinese if unknown)."""
    best, best_q = None, -1.0
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        q = 1.0
        match = re.search(r"q=([0-9.]+)", params)
        if match:
            try:
                q = float(match.group(1))
            except ValueError:
                q = 0.0
        lang = "zh" if tag.startswith("zh") else "en" if tag.startswith("en") else None
        if lang and q > best_q:
            best, best_q = lang, q
    return best or "zh"


def generator_label(name: str, lang: str, model: str = "") -> str:
    t = ui_text(lang)
    if name == "extractive":
        return t["gen_extractive"]
    return t["gen_llm"].format(name=f"{name}: {model}" if model else name)


# ============================================================================ escaping
# Markdown punctuation turned into numeric entities: CommonMark never reads an entity as
# syntax, so document text cannot make links, images, emphasis, code or LaTeX.
_MD_ENTITIES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~$:="}
_MD_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape_text(text: str) -> str:
    """HTML-escape for the Sources panel (plain HTML)."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """HTML-escape and neutralise markdown for the chat bubble, keeping line breaks."""
    out = []
    for line in text.split("\n"):
        out.append("".join(_MD_ENTITIES.get(c, c) for c in line.lstrip(" \t")))  # one pass: no double escaping
    return "\n".join(out)


def _anchor(turn: int, n: int) -> str:
    return f"xqa-src-{turn}-{n}"


_MARKER = re.compile(r"\[(\d+)\]")


def format_answer_text(text: str, cited: set[int], turn: int) -> str:
    """Escaped answer text whose [n] markers (for known citations) link to the Sources panel."""
    lines = []
    for line in text.split("\n"):
        prefix = ""
        if line.startswith(">"):  # the contract's quote lines stay a markdown block quote
            prefix, line = "> ", line[1:].lstrip()
        pieces, last = [], 0
        for m in _MARKER.finditer(line):
            pieces.append(escape_markdown(line[last : m.start()]))
            n = int(m.group(1))
            if n in cited:
                pieces.append(f'<a class="xqa-cite" href="#{_anchor(turn, n)}" data-n="{n}">&#91;{n}&#93;</a>')
            else:
                pieces.append(escape_markdown(m.group(0)))
            last = m.end()
        pieces.append(escape_markdown(line[last:]))
        lines.append(prefix + "".join(pieces))
    return "\n".join(lines)


# ============================================================================ answer -> screen
def format_answer_markdown(answer: dict[str, Any], turn: int, lang: str) -> str:
    """The chat bubble for a finished answer: text with linked [n], notes, a compact source list."""
    t = ui_text(lang)
    cited = {c["n"] for c in answer.get("citations", [])}
    parts = [format_answer_text(answer.get("answer", ""), cited, turn)]
    for note in answer.get("notes", []) or []:
        parts.append(f"<em>{escape_markdown(note)}</em>")
    if answer.get("refused") and answer.get("nearest_sections"):
        items = "\n".join(f"- {escape_markdown(s)}" for s in answer["nearest_sections"])
        parts.append(f"{escape_markdown(t['nearest'])}\n\n{items}")
    if answer.get("citations"):
        refs = "<br>".join(
            f'<a class="xqa-cite" href="#{_anchor(turn, c["n"])}">&#91;{c["n"]}&#93;</a> '
            f"{escape_markdown(c['section_label_en'] if answer.get('language') == 'en' and c.get('section_label_en') else c['section_label'])}"
            f" · {escape_markdown(c['doc_title'])}"
            for c in answer["citations"]
        )
        parts.append(f"<small>{escape_markdown(t['sources_line'])}:<br>{refs}</small>")
    return "\n\n".join(parts)


def format_partial(text: str, lang: str) -> str:
    """A streaming answer so far (no links yet: citations are only final with the Answer)."""
    return (escape_markdown(text) if text else escape_markdown(ui_text(lang)["thinking"])) + " ▌"


def highlight_in_context(context_text: str, quote: str) -> str:
    """The paragraph of `context_text` holding `quote`, escaped, with the quote in <mark>."""
    if quote and quote in context_text:
        start = context_text.index(quote)
        end = start + len(quote)
        para_start = context_text.rfind("\n", 0, start) + 1
        para_end = context_text.find("\n", end)
        para_end = len(context_text) if para_end == -1 else para_end
        return (
            escape_text(context_text[para_start:start])
            + f"<mark>{escape_text(quote)}</mark>"
            + escape_text(context_text[end:para_end])
        )
    # quote not located (should not happen under the contract): show both, quote marked
    body = escape_text(context_text)
    return (f"<mark>{escape_text(quote)}</mark>\n\n" if quote else "") + body


def format_sources_html(answer: dict[str, Any] | None, turn: int, lang: str) -> str:
    """The Sources panel for one answer: one <details> per citation, or the nearest sections."""
    t = ui_text(lang)
    if not answer:
        return f'<div class="xqa-sources"><p>{escape_text(t["sources_empty"])}</p></div>'
    contexts = {c["chunk_id"]: c for c in answer.get("contexts", [])}
    out = [
        f'<div class="xqa-sources"><p><b>{escape_text(t["sources_for"].format(q=answer.get("question", "")))}</b></p>'
    ]
    rewritten = answer.get("rewritten_query") or ""
    if rewritten and rewritten.strip() != answer.get("question", "").strip():  # follow-ups are searched standalone
        out.append(f'<p class="xqa-rewritten">{escape_text(t["searched_as"].format(q=rewritten))}</p>')
    if answer.get("refused") or not answer.get("citations"):
        out.append(f"<p>{escape_text(t['refused'])}</p>")
        if answer.get("nearest_sections"):
            out.append(f"<p>{escape_text(t['nearest'])}</p><ul>")
            out.extend(f"<li>{escape_text(s)}</li>" for s in answer["nearest_sections"])
            out.append("</ul>")
    for c in answer.get("citations", []):
        ctx = contexts.get(c["chunk_id"])
        para = highlight_in_context(ctx["text"], c["quote"]) if ctx else f"<mark>{escape_text(c['quote'])}</mark>"
        out.append(
            f'<details class="xqa-source" id="{_anchor(turn, c["n"])}" data-n="{c["n"]}" open>'
            f"<summary>[{c['n']}] {escape_text(c['section_label'])}"
            f'<span class="xqa-label-en">{escape_text(c["section_label_en"])}</span></summary>'
            f'<div class="xqa-doc">《{escape_text(c["doc_title"])}》'
            + (f" · {escape_text(t['doc_date'])} {escape_text(str(c['doc_date']))}" if c.get("doc_date") else "")
            + f" · {escape_text(c['chunk_id'])}</div>"
            + _translation_html(c, contexts, t)
            + f'<div class="xqa-para">{para}</div>'
            + _gloss_html(c, t)
            + "</details>"
        )
    out.append("</div>")
    return "".join(out)


def _gloss_html(c: dict[str, Any], t: dict[str, str]) -> str:
    """An English answer's word-by-word dictionary gloss of a Chinese quote (`gloss_en`), captioned as such."""
    if not c.get("gloss_en"):
        return ""
    return (
        f'<div class="xqa-caption">{escape_text(t["gloss"])}</div>'
        f'<div class="xqa-para xqa-gloss" lang="en">{escape_text(c["gloss_en"])}</div>'
    )


def _translation_html(c: dict[str, Any], contexts: dict[str, Any], t: dict[str, str]) -> str:
    """For a citation quoting an official translation: the English quote in its paragraph,
    then a caption over the aligned original (shown by the caller)."""
    if not c.get("quote_en"):
        return ""
    ctx = contexts.get(c.get("chunk_id_en", ""))
    para = highlight_in_context(ctx["text"], c["quote_en"]) if ctx else f"<mark>{escape_text(c['quote_en'])}</mark>"
    return (
        f'<div class="xqa-caption">{escape_text(t["official_translation"])} · {escape_text(c.get("chunk_id_en", ""))}</div>'
        f'<div class="xqa-para xqa-translation" lang="en">{para}</div>'
        f'<div class="xqa-caption">{escape_text(t["chinese_original"])}</div>'
    )


def status_markdown(documents: list[Any], generator: str, lang: str, model: str = "") -> str:
    t = ui_text(lang)
    if not documents:
        return escape_markdown(t["status_empty"])
    titles = (
        "；".join(f"《{d.title}》" for d in documents)
        if lang == "zh"
        else "; ".join((getattr(d, "title_en", "") or d.title) for d in documents)
    )
    text = t["status"].format(n=len(documents), titles=titles, generator=generator_label(generator, lang, model))
    return escape_markdown(text)


# ============================================================================ chat state
# One turn = {"question", "answer": Answer dict | None, "error": str, "partial": str}.
# The chat display is a pure function of the turns, so nothing shown is read back as input.
def render_chat(turns: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    messages: list[dict[str, str]] = []
    for i, turn in enumerate(turns):
        messages.append({"role": "user", "content": escape_markdown(turn["question"])})
        if turn.get("answer"):
            content = format_answer_markdown(turn["answer"], i, lang)
        elif turn.get("error"):
            content = escape_markdown(turn["error"])
        else:
            content = format_partial(turn.get("partial", ""), lang)
        messages.append({"role": "assistant", "content": content})
    return messages


def history_for_assistant(
    turns: list[dict[str, Any]], max_messages: int | None = None, max_chars: int | None = None
) -> list[dict[str, str]]:
    """Earlier answered turns in the Assistant's messages shape (raw text, not display HTML):
    at most the last `max_messages`, each cut to `max_chars`, so a long chat keeps working
    within the backend's history limits instead of failing."""
    history: list[dict[str, str]] = []
    for turn in turns:
        if turn.get("answer"):
            history.append({"role": "user", "content": turn["question"]})
            history.append({"role": "assistant", "content": turn["answer"]["answer"]})
    if max_messages is not None:
        history = history[-max_messages:] if max_messages > 0 else []
        if history and history[0]["role"] == "assistant":  # start at a user turn
            history = history[1:]
    if max_chars is not None:
        history = [{**m, "content": m["content"][:max_chars]} for m in history]
    return history
