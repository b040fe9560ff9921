"""The Gradio chat page (and its /embed variant): wiring only.

What a reader sees is computed by the pure functions of `web.presentation` (tested
without a browser), the feedback log is `web.feedback`, and every answer is computed by
`web.backend.Backend`, which owns the limits shared by all surfaces. The handlers below
only move state between those functions and the screen.

No `from __future__ import annotations` here: Gradio reads the handlers' type hints
(`gr.Request`, `gr.SelectData`, the `/ask` endpoint's parameters) at runtime.
"""

import logging
from collections.abc import Iterator
from typing import Any

from knowledge.errors import BackendError, UserError
from knowledge.settings import Settings
from web.errors import public_error
from web.feedback import feedback_record
from web.presentation import (
    EXAMPLES,
    FONT_STACK,
    MONO_STACK,
    format_sources_html,
    generator_label,
    history_for_assistant,
    render_chat,
    status_markdown,
    ui_lang_from_accept_language,
    ui_text,
)

log = logging.getLogger(__name__)

#: Gradio concurrency group of every event that computes an answer (one queue budget per page)
ANSWER_GROUP = "answer"


def build_blocks(backend: Any, settings: Settings, embed: bool = False) -> tuple[Any, set[int]]:
    """The chat page (`embed=True`: chat, examples and sources only, for iframes), and the fn
    indices of its events that compute an answer or write (for the edge guard's rate limit)."""
    import gradio as gr

    surface = "embed" if embed else "ui"
    t0 = ui_text("zh")
    with gr.Blocks(analytics_enabled=False, title="Xinzhi QA · 新质生产力问答", fill_width=embed) as demo:
        turns = gr.State([])
        rated = gr.State({})  # turn index -> last rating, for comments
        with gr.Row():
            title = gr.Markdown(f"### {t0['title']}\n{t0['intro']}" if not embed else f"#### {t0['title']}")
            lang = gr.Radio(
                [("中文", "zh"), ("English", "en")],
                value="zh",
                label="界面语言 / Language",
                elem_id="xqa-lang",
                scale=0,
                min_width=260,
            )
        status = gr.Markdown("", elem_classes=["xqa-status"], elem_id="xqa-status", visible=not embed)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label=t0["chat"],
                    elem_id="xqa-chat",
                    height=520 if not embed else 420,
                    latex_delimiters=[],
                    sanitize_html=True,
                    buttons=["copy"],
                    feedback_options=("Like", "Dislike"),
                    layout="bubble",
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder=t0["placeholder"],
                        show_label=False,
                        scale=5,
                        elem_id="xqa-question",
                        max_length=settings.max_question_chars,
                        lines=1,
                    )
                    send = gr.Button(t0["send"], variant="primary", scale=1, elem_id="xqa-send")
                    new = gr.Button(t0["new_chat"], scale=1, elem_id="xqa-new")
                gr.Examples(EXAMPLES, inputs=[box], label="示例问题 / Examples")
                with gr.Row(visible=not embed):
                    comment = gr.Textbox(
                        label=t0["comment"],
                        scale=4,
                        elem_id="xqa-comment",
                        lines=1,
                        max_length=settings.max_comment_chars,
                    )
                    send_comment = gr.Button(t0["send_comment"], scale=1, elem_id="xqa-send-comment")
                feedback_note = gr.Markdown("", elem_id="xqa-feedback-note")
            with gr.Column(scale=2):
                sources_title = gr.Markdown(f"#### {t0['sources']}")
                sources = gr.HTML(format_sources_html(None, 0, "zh"), elem_id="xqa-sources")
        with gr.Accordion(t0["settings"], open=False, visible=not embed, elem_id="xqa-settings") as settings_box:
            generator = gr.Dropdown(
                choices=[settings.generator], value=settings.generator, label=t0["generator"], elem_id="xqa-generator"
            )
            doc_filter = gr.CheckboxGroup(choices=[], value=[], label=t0["doc_filter"], elem_id="xqa-docs")
            top_k = gr.Slider(1, 12, value=settings.top_k, step=1, label=t0["top_k"], elem_id="xqa-topk")

        labelled = [
            title,
            status,
            chat,
            box,
            send,
            new,
            comment,
            send_comment,
            sources_title,
            settings_box,
            generator,
            doc_filter,
            top_k,
        ]

        def relabel(ui_lang: str, turns_v, gen_name: str):
            t = ui_text(ui_lang)
            docs = _safe_documents(backend)
            return [
                gr.update(value=f"### {t['title']}\n{t['intro']}" if not embed else f"#### {t['title']}"),
                gr.update(value=status_markdown(docs, gen_name, ui_lang, settings.llm_model)),
                gr.update(label=t["chat"], value=render_chat(turns_v, ui_lang)),
                gr.update(placeholder=t["placeholder"]),
                gr.update(value=t["send"]),
                gr.update(value=t["new_chat"]),
                gr.update(label=t["comment"]),
                gr.update(value=t["send_comment"]),
                gr.update(value=f"#### {t['sources']}"),
                gr.update(label=t["settings"]),
                gr.update(
                    label=t["generator"],
                    choices=[
                        (generator_label(g, ui_lang, settings.llm_model), g)
                        for g in _safe_generators(backend, settings)
                    ],
                ),
                gr.update(label=t["doc_filter"], choices=[(d.title, d.doc_id) for d in docs]),
                gr.update(label=t["top_k"]),
                gr.update(
                    value=format_sources_html(turns_v[-1]["answer"] if turns_v else None, len(turns_v) - 1, ui_lang)
                ),
                "",  # a feedback note in the old language would linger
            ]

        def on_load(turns_v, gen_name, request: gr.Request):
            ui_lang = ui_lang_from_accept_language(request.headers.get("accept-language") if request else None)
            return [ui_lang, *relabel(ui_lang, turns_v, gen_name)]

        def respond(question: str, turns_v, ui_lang: str, gen_name: str, doc_ids, k) -> Iterator[tuple]:
            question = (question or "").strip()
            if not question:
                yield render_chat(turns_v, ui_lang), turns_v, gr.update(), gr.update()
                return
            history = history_for_assistant(turns_v, settings.max_history_messages, settings.max_history_message_chars)
            turns_v = [*turns_v, {"question": question, "answer": None, "error": "", "partial": ""}]
            current = turns_v[-1]
            yield render_chat(turns_v, ui_lang), turns_v, gr.update(), ""
            try:
                stream = backend.stream(
                    question, history=history, doc_ids=doc_ids or None, top_k=int(k) if k else None, generator=gen_name
                )
                for item in stream:
                    if isinstance(item, str):
                        current["partial"] += item
                        yield render_chat(turns_v, ui_lang), turns_v, gr.update(), gr.update()
                    else:
                        current["answer"] = item.to_dict()
            except Exception as exc:  # the UI edge: log it, show a message, never leave a turn hanging
                current["error"] = ui_error(exc, surface, ui_lang)
            answer = current["answer"]
            panel = format_sources_html(answer, len(turns_v) - 1, ui_lang) if answer else gr.update()
            yield render_chat(turns_v, ui_lang), turns_v, panel, gr.update()

        def new_chat(ui_lang: str):
            return [], [], {}, format_sources_html(None, 0, ui_lang), "", ""

        def on_select(turns_v, ui_lang: str, evt: gr.SelectData):
            index = evt.index if isinstance(evt.index, int) else evt.index[0]
            i = index // 2
            if 0 <= i < len(turns_v) and turns_v[i].get("answer"):
                return format_sources_html(turns_v[i]["answer"], i, ui_lang)
            return gr.update()

        def on_like(turns_v, rated_v, ui_lang: str, evt: gr.LikeData):
            index = evt.index if isinstance(evt.index, int) else evt.index[0]
            i = index // 2
            if not (0 <= i < len(turns_v)) or not turns_v[i].get("answer"):
                return rated_v, ui_text(ui_lang)["no_answer_yet"]
            rating = ("up" if evt.liked else "down") if isinstance(evt.liked, bool) else str(evt.liked)[:40]
            try:
                backend.record_feedback(feedback_record(turns_v[i], rating, "", surface))
            except Exception as exc:
                return rated_v, ui_error(exc, surface, ui_lang)
            return {**rated_v, i: rating}, ui_text(ui_lang)["feedback_saved"].format(
                rating="👍" if rating == "up" else "👎"
            )

        def on_comment(text: str, turns_v, rated_v, ui_lang: str):
            answered = [i for i, tv in enumerate(turns_v) if tv.get("answer")]
            if not answered or not (text or "").strip():
                return gr.update(), ui_text(ui_lang)["no_answer_yet"] if not answered else ""
            i = answered[-1]
            if len(text.strip()) > settings.max_comment_chars:  # the page caps typing; this caps any client
                return gr.update(), ui_text(ui_lang)["comment_too_long"].format(n=settings.max_comment_chars)
            try:
                backend.record_feedback(feedback_record(turns_v[i], rated_v.get(i), text.strip(), surface))
            except Exception as exc:
                return gr.update(), ui_error(exc, surface, ui_lang)
            return "", ui_text(ui_lang)["comment_saved"]

        #: the events that compute an answer or write: the edge guard rate-limits their queue joins
        limited: list[Any] = [respond, on_like, on_comment]
        private = {"api_visibility": "private"}
        # Every answering event shares one Gradio group sized to the backend's slots, so this
        # page's queue never runs more answers than the server computes at once anyway.
        answering = {"concurrency_id": ANSWER_GROUP, "concurrency_limit": max(1, settings.concurrency_limit)}
        demo.load(on_load, [turns, generator], [lang, *labelled, sources, feedback_note], **private)
        lang.input(relabel, [lang, turns, generator], [*labelled, sources, feedback_note], **private)
        ask_inputs = [box, turns, lang, generator, doc_filter, top_k]
        box.submit(respond, ask_inputs, [chat, turns, sources, box], **private, **answering)
        send.click(respond, ask_inputs, [chat, turns, sources, box], **private, **answering)
        new.click(new_chat, [lang], [chat, turns, rated, sources, box, feedback_note], **private)
        chat.clear(new_chat, [lang], [chat, turns, rated, sources, box, feedback_note], **private)
        chat.select(on_select, [turns, lang], [sources], **private)
        chat.like(on_like, [turns, rated, lang], [rated, feedback_note], **private)
        send_comment.click(on_comment, [comment, turns, rated, lang], [comment, feedback_note], **private)
        generator.change(
            lambda g, ui_lang: status_markdown(_safe_documents(backend), g, ui_lang, settings.llm_model),
            [generator, lang],
            [status],
            **private,
        )

        if not embed:

            def ask(
                question: str,
                history: list[dict] | None = None,
                doc_ids: list[str] | None = None,
                request: gr.Request | None = None,
            ) -> dict:
                """Answer one question; returns the Answer object (same as POST /api/ask).
                (The rate limit was applied by the edge guard to this call already.)"""
                try:
                    return backend.ask(question, history=history, doc_ids=doc_ids).to_dict()
                except Exception as exc:
                    raise gr.Error(public_error(exc, "gradio /ask")[1]) from None

            gr.api(ask, api_name="ask", **answering)
            limited.append(ask)
    demo.queue(default_concurrency_limit=max(1, settings.concurrency_limit), max_size=settings.max_queue_size)
    return demo, {i for i, fn in demo.fns.items() if fn.fn in limited}


def ui_error(exc: Exception, surface: str, ui_lang: str) -> str:
    """The message a reader sees: input errors as they are, anything else generic (details logged)."""
    _, message, is_input = public_error(exc, f"UI ({surface})")
    t = ui_text(ui_lang)
    return t["error_user"].format(msg=message) if is_input else t["error_backend"]


def _safe_documents(backend: Any) -> list[Any]:
    try:
        return backend.documents()
    except (UserError, BackendError):
        return []


def _safe_generators(backend: Any, settings: Settings) -> list[str]:
    try:
        names = backend.generators()
    except (UserError, BackendError):
        names = []
    return names or [settings.generator]


def theme():
    import gradio as gr

    return gr.themes.Default(font=FONT_STACK, font_mono=MONO_STACK)
