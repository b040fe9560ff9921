"""The pure display functions of web/presentation.py: citations link to sources, quotes are
highlighted in their paragraph, and no document or model text can become markup."""

import html
import re

import pytest

from assistant.answer import Answer, Citation, Context
from web import presentation as app_format

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'
MD_XSS = "[click](javascript:alert(3)) ![img](http://evil.example/x.png) **bold** `code` $$x$$"


def make_answer(
    answer_text: str,
    quote: str,
    context_text: str,
    *,
    refused: bool = False,
    label: str = "三（八）加速构筑算力竞争优势",
) -> dict:
    ctx = Context(
        rank=1,
        chunk_id="shi-xu-2024:3.8:002",
        doc_id="shi-xu-2024",
        section_id="3.8",
        section_label=label,
        section_label_en="III.8 Computing power",
        text=context_text,
        score=0.8,
    )
    cites = (
        []
        if refused
        else [
            Citation(
                n=1,
                chunk_id=ctx.chunk_id,
                doc_id="shi-xu-2024",
                doc_title="加快形成新质生产力的重大战略意义及实现路径研究",
                doc_date="2024",
                section_id="3.8",
                section_label=label,
                section_label_en="III.8 Computing power",
                quote=quote,
            )
        ]
    )
    return Answer(
        question="我国算力发展存在哪些短板？",
        language="zh",
        answer=answer_text,
        refused=refused,
        generator="extractive",
        citations=cites,
        contexts=[ctx],
        nearest_sections=[label] if refused else [],
    ).to_dict()


def test_marker_links_to_the_source_anchor_of_the_same_turn():
    ans = make_answer(
        "短板在芯片。「芯片设计被卡脖子」[1]",
        "芯片设计被卡脖子",
        "第一段。\n我国芯片设计被卡脖子，亟待突破。\n第三段。",
    )
    bubble = app_format.format_answer_markdown(ans, turn=3, lang="zh")
    assert '<a class="xqa-cite" href="#xqa-src-3-1" data-n="1">&#91;1&#93;</a>' in bubble
    panel = app_format.format_sources_html(ans, turn=3, lang="zh")
    assert 'id="xqa-src-3-1"' in panel
    # section label zh + en, document title and date are all shown
    assert "三（八）加速构筑算力竞争优势" in panel and "III.8 Computing power" in panel
    assert "《加快形成新质生产力的重大战略意义及实现路径研究》" in panel and "2024" in panel


def test_quote_is_highlighted_inside_its_own_paragraph_only():
    text = "第一段无关。\n我国芯片设计被卡脖子，亟待突破。\n第三段无关。"
    panel = app_format.format_sources_html(make_answer("x[1]", "芯片设计被卡脖子", text), 0, "zh")
    assert "我国<mark>芯片设计被卡脖子</mark>，亟待突破。" in panel
    assert "第一段无关" not in panel and "第三段无关" not in panel


def test_an_english_answers_dictionary_gloss_is_shown_captioned_and_escaped():
    ans = make_answer("In III.8:\n「芯片设计被卡脖子」[1]", "芯片设计被卡脖子", "我国芯片设计被卡脖子，亟待突破。")
    ans["language"] = "en"
    ans["citations"][0]["gloss_en"] = "chip design <b>choke</b> neck"
    panel = app_format.format_sources_html(ans, 0, "en")
    assert "Gloss (dictionary, word by word; not a translation)" in panel
    assert '<div class="xqa-para xqa-gloss" lang="en">chip design &lt;b&gt;choke&lt;/b&gt; neck</div>' in panel
    ans["citations"][0]["gloss_en"] = ""
    assert "xqa-gloss" not in app_format.format_sources_html(ans, 0, "en")


def test_marker_without_a_citation_stays_plain_text():
    bubble = app_format.format_answer_markdown(make_answer("见[1]和[7]", "a", "a"), 0, "en")
    assert 'href="#xqa-src-0-1"' in bubble
    assert "xqa-src-0-7" not in bubble and "&#91;7&#93;" in bubble


@pytest.mark.parametrize("payload", [XSS, MD_XSS])
def test_model_output_and_document_text_never_become_markup(payload):
    ans = make_answer(f"{payload}[1]", quote=payload, context_text=f"前文 {payload} 后文")
    ans["question"] = payload
    ans["notes"] = [payload]
    bubble = app_format.format_answer_markdown(ans, 0, "zh")
    panel = app_format.format_sources_html(ans, 0, "zh")
    user = app_format.render_chat([{"question": payload, "answer": ans}], "zh")[0]["content"]
    for out in (bubble, panel, user):
        assert "<script" not in out and "<img" not in out
    for out in (bubble, user):  # chat bubbles are rendered as markdown; the panel is plain HTML
        assert "](" not in out and "**" not in out and "$$" not in out and "`" not in out
    # ... yet the text reads the same once entities are decoded (nothing is lost)
    assert payload in html.unescape(re.sub(r"<[^>]+>", "", panel))
    assert payload in html.unescape(user)


def test_section_label_from_a_user_document_is_escaped():
    ans = make_answer("x[1]", "q", "q", label=XSS)
    panel = app_format.format_sources_html(ans, 0, "en")
    assert "<script" not in panel and "&lt;script&gt;" in panel


def test_refused_answer_lists_nearest_sections():
    ans = make_answer("文档中没有相关内容。", "", "", refused=True)
    panel = app_format.format_sources_html(ans, 0, "zh")
    assert "最接近的章节" in panel and "三（八）加速构筑算力竞争优势" in panel
    assert "最接近的章节" in app_format.format_answer_markdown(ans, 0, "zh")
    assert "Nearest sections" in app_format.format_sources_html(ans, 0, "en")


def test_quote_lines_stay_block_quotes_and_text_is_escaped():
    out = app_format.format_answer_text("> 原文<b>引用</b>[1]\n正文", {1}, 0)
    first, second = out.split("\n")
    assert first.startswith("> ") and "&lt;b&gt;" in first and 'href="#xqa-src-0-1"' in first
    assert second == "正文"


def test_chat_rendering_and_history_for_follow_ups():
    ans = make_answer("回答[1]", "q", "q")
    turns = [{"question": "问一", "answer": ans}, {"question": "问二", "answer": None, "error": "", "partial": "部分"}]
    chat = app_format.render_chat(turns, "zh")
    assert [m["role"] for m in chat] == ["user", "assistant", "user", "assistant"]
    assert chat[3]["content"].startswith("部分")
    # the assistant gets the raw answer text, never the display HTML; unfinished turns are left out
    assert app_format.history_for_assistant(turns) == [
        {"role": "user", "content": "问一"},
        {"role": "assistant", "content": "回答[1]"},
    ]


@pytest.mark.parametrize(
    "header,expected",
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9", "en"),
        ("en;q=0.5,zh-TW;q=0.8", "zh"),
        ("fr-FR,en;q=0.7", "en"),
        ("", "zh"),
        (None, "zh"),
        ("de", "zh"),
    ],
)
def test_ui_language_from_accept_language(header, expected):
    assert app_format.ui_lang_from_accept_language(header) == expected


def test_every_ui_string_exists_in_both_languages():
    assert set(app_format.UI_TEXT["zh"]) == set(app_format.UI_TEXT["en"])
    assert any(re.search(r"[\u4e00-\u9fff]", q) for q in app_format.EXAMPLES)
    assert any(re.fullmatch(r"[ -~]+", q) for q in app_format.EXAMPLES)


@pytest.mark.parametrize("text", ["China's GDP", 'say "hi" & <b>bye</b>', "&#x27; literally", "5% · 3.8 — a-b_c*d"])
def test_escaping_round_trips_exactly_once(text):
    # the browser decodes entities once: what the reader sees is the original text
    assert html.unescape(app_format.escape_markdown(text)) == text
    assert html.unescape(app_format.escape_text(text)) == text
