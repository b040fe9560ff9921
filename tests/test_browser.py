"""Drive the real app in headless Chromium the way a reader uses it.

Uses Debian's /usr/bin/chromium (Playwright's own browser download is impossible here).
Screenshots go to $XINZHI_SCREENSHOT_DIR if set, else a temp dir; every page load also
checks that nothing is fetched from outside the server and that no dialog ever fires.
"""

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest
from app_server import serve

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Not an XQA_ name: those are settings (unknown ones are refused) and conftest strips them.
SCREENSHOT_DIR = os.environ.get("XINZHI_SCREENSHOT_DIR")
ANSWER_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    path = Path(SCREENSHOT_DIR) if SCREENSHOT_DIR else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {path}")
    return path


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium fonts-noto-cjk")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def ui(shared_settings, built_index, tmp_path_factory):
    settings = shared_settings.replace(data_dir=tmp_path_factory.mktemp("ui-data"))  # own feedback log
    with serve(settings, index=built_index) as url:
        yield url, settings


class Watched:
    """A page plus what it fetched from elsewhere and which dialogs fired."""

    def __init__(self, page, base: str):
        self.page, self.external, self.dialogs, self.errors = page, [], [], []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:", "about:")) else self.external.append(r.url),
        )
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.csp: list[str] = []  # the app's Content-Security-Policy must fit the page it serves
        page.on("console", lambda m: self.csp.append(m.text[:300]) if "Content Security Policy" in m.text else None)

    def assert_clean(self):
        assert self.external == [], f"requests left the server: {self.external}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.csp == [], f"the page broke its own CSP: {self.csp}"


@contextlib.contextmanager
def open_page(browser, url: str, locale: str):
    ctx = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    watched = Watched(page, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    try:
        yield watched
    finally:
        ctx.close()


def bots(frame):
    return frame.locator("#xqa-chat [data-testid=bot]")


def ask(page, question: str) -> str:
    """Type a question, send it, wait until the answer is final; return its text."""
    frame = page
    before = bots(frame).count()
    frame.locator("#xqa-question textarea").fill(question)
    frame.locator("#xqa-send").click()
    last = bots(frame).nth(before)
    last.wait_for(timeout=ANSWER_TIMEOUT_MS)
    # streaming shows a trailing cursor; the final render drops it
    frame.wait_for_function(
        "n => { const b = document.querySelectorAll('#xqa-chat [data-testid=bot]');"
        " return b.length > n && !b[n].innerText.trim().endsWith('▌'); }",
        arg=before,
        timeout=ANSWER_TIMEOUT_MS,
    )
    return last.inner_text()


def feedback_lines(settings) -> list[dict]:
    path = settings.feedback_path
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def wait_feedback(page, settings, count: int) -> list[dict]:
    for _ in range(100):
        lines = feedback_lines(settings)
        if len(lines) >= count:
            return lines
        page.wait_for_timeout(100)
    raise AssertionError(f"expected {count} feedback lines, got {feedback_lines(settings)}")


def test_chat_journey(browser, ui, shots):
    url, settings = ui
    with open_page(browser, url + "/", "zh-CN") as w:
        page = w.page
        page.goto(url + "/")
        page.locator("#xqa-question textarea").wait_for()
        page.locator("#xqa-status").filter(has_text="已索引").wait_for()  # UI follows Accept-Language
        assert page.locator("#xqa-send").inner_text().strip() == "发送"

        zh_q = "我国算力发展存在哪些短板？"
        text = ask(page, zh_q)
        answer1 = bots(page).nth(0)
        assert answer1.locator("a.xqa-cite").count() >= 1, text
        page.screenshot(path=str(shots / "01-zh-answer.png"), full_page=True)

        # open the source behind the first [n]
        link = answer1.locator("a.xqa-cite").first
        target = link.get_attribute("href")
        link.click()
        assert page.url.endswith(target)
        source = page.locator(target)
        assert source.is_visible()
        mark = source.locator("mark").first
        assert mark.is_visible() and mark.inner_text().strip()
        assert source.locator(".xqa-label-en").inner_text().strip()  # English label beside the Chinese one
        source.locator("summary").click()  # collapse and reopen it like a reader
        assert not mark.is_visible()
        source.locator("summary").click()
        assert mark.is_visible()
        page.locator("#xqa-sources").screenshot(path=str(shots / "02-source-opened.png"))

        # follow-up uses the conversation
        follow = ask(page, "那应该怎么解决？")
        assert follow.strip()
        # the follow-up was searched together with the conversation so far (history reached the assistant)
        assert "算力" in page.locator("#xqa-sources .xqa-rewritten").inner_text()

        en_q = "What GDP growth target does the 2024 Government Work Report set?"
        en_text = ask(page, en_q)
        assert bots(page).nth(2).locator("a.xqa-cite").count() >= 1, en_text
        page.screenshot(path=str(shots / "03-en-answer.png"), full_page=True)

        # 👍 on the first answer, then a comment on the latest one
        answer1.hover()
        page.locator("#xqa-chat button[aria-label='赞']").first.click()
        lines = wait_feedback(page, settings, 1)
        assert lines[0]["rating"] == "up" and lines[0]["question"] == zh_q and lines[0]["citations"]
        page.locator("#xqa-comment textarea").fill("引用很清楚 <b>good</b>")
        page.locator("#xqa-send-comment").click()
        lines = wait_feedback(page, settings, 2)
        assert lines[1]["comment"] == "引用很清楚 <b>good</b>" and lines[1]["question"] == en_q
        assert lines[1]["answer"] and lines[1]["timestamp"]

        # switch the interface to English: labels change, the conversation stays
        page.locator("#xqa-lang label").filter(has_text="English").click()
        page.locator("#xqa-send").filter(has_text="Send").wait_for()
        assert page.locator("#xqa-question textarea").get_attribute("placeholder").startswith("Ask a question")
        assert bots(page).count() == 3
        page.screenshot(path=str(shots / "04-ui-english.png"), full_page=True)

        page.locator("#xqa-new").click()
        page.wait_for_function("() => document.querySelectorAll('#xqa-chat [data-testid=bot]').length === 0")
        assert "Ask a question" in page.locator("#xqa-sources").inner_text()
        assert w.errors == []
        w.assert_clean()


def test_english_answer_shows_the_official_translation_beside_the_chinese_original(browser, ui, shots):
    url, _ = ui
    with open_page(browser, url + "/", "en-US") as w:
        page = w.page
        page.goto(url + "/")
        page.locator("#xqa-send").filter(has_text="Send").wait_for()
        text = ask(page, "How much will investment from the central government budget reach in 2022?")
        assert "640 billion yuan" in text  # the official English sentence is quoted in the answer
        source = page.locator("#xqa-sources .xqa-source").filter(has_text="640 billion yuan").first
        assert source.locator(".xqa-translation mark").inner_text().strip().startswith("Investment from the central")
        assert "6400亿元" in source.locator(".xqa-para:not(.xqa-translation) mark").inner_text()
        assert "Chinese original" in source.inner_text()
        summary = source.locator("summary").inner_text()
        assert "三（五）" in summary and "Expanding domestic demand" in source.locator(".xqa-label-en").inner_text()
        page.locator("#xqa-sources").screenshot(path=str(shots / "05-en-translation-source.png"))
        assert w.errors == []
        w.assert_clean()

        # the /embed page a portal frames shows the same
        page.goto(url + "/api/health")
        page.set_content(f'<iframe src="{url}/embed/" width="900" height="760" title="Xinzhi QA"></iframe>')
        frame = page.frame_locator("iframe")
        frame.locator("#xqa-question textarea").fill(
            "How much will investment from the central government budget reach in 2022?"
        )
        frame.locator("#xqa-send").click()
        embedded = frame.locator("#xqa-sources .xqa-source").filter(has_text="640 billion yuan").first
        embedded.wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert "6400亿元" in embedded.locator(".xqa-para:not(.xqa-translation) mark").inner_text()
        w.assert_clean()


def test_settings_filter_documents_and_sources(browser, ui, shots):
    url, settings = ui
    with open_page(browser, url + "/", "zh-CN") as w:
        page = w.page
        page.goto(url + "/")
        page.locator("#xqa-status").filter(has_text="离线摘录").wait_for()  # status names the generator
        page.locator("#xqa-settings").get_by_text("设置").click()
        page.locator("#xqa-docs label").filter(has_text="政府工作报告（2024年）").click()
        page.locator("#xqa-topk input[type=number]").fill("3")
        page.locator("#xqa-topk input[type=number]").press("Enter")
        page.screenshot(path=str(shots / "07-settings.png"), full_page=True)
        ask(page, "算力基础设施建设")  # unfiltered, the paper answers this; filtered, only the report may
        docs = page.locator("#xqa-sources .xqa-doc").all_inner_texts()
        assert docs and all("政府工作报告（2024年）" in d for d in docs), docs
        w.assert_clean()


def test_llm_answer_streams_and_its_markup_is_inert(browser, shared_settings, built_index, tmp_path, shots):
    """The configured-LLM path: a real OpenAI-compatible server (scripted) streams an answer
    whose text carries markup; the UI streams it, then shows it cited and inert."""
    from assistant.testing import Reply, ScriptedLLMServer, quoting_reply

    evil = "论文指出<img src=x onerror=\"alert('llm')\">：" + "新质生产力" * 20
    with ScriptedLLMServer(default=Reply(quoting_reply(1, prefix=evil), chunk_chars=2)) as llm:
        settings = shared_settings.replace(
            data_dir=tmp_path / "data",
            generator="openai",
            llm_base_url=llm.base_url,
            llm_model="scripted",
            llm_api_key="x",
        )
        with serve(settings, index=built_index) as url, open_page(browser, url + "/", "zh-CN") as w:
            page = w.page
            page.goto(url + "/")
            page.locator("#xqa-status").filter(has_text="已配置的大模型").wait_for()
            # remember every intermediate state of the answer bubble while it streams
            page.evaluate("""() => { window.__seen = [];
                new MutationObserver(() => document.querySelectorAll('#xqa-chat [data-testid=bot]')
                    .forEach(b => window.__seen.push(b.innerText))).observe(
                    document.querySelector('#xqa-chat'), {subtree: true, childList: true, characterData: true}); }""")
            text = ask(page, "我国算力发展存在哪些短板？")
            assert "论文指出<img src=x onerror=\"alert('llm')\">" in text  # shown as text
            assert bots(page).nth(0).locator("a.xqa-cite").count() >= 1
            seen = page.evaluate("window.__seen")
            partial = [s for s in seen if s.strip().endswith("▌") and "论文指出" in s]
            assert partial, "no partial LLM text was shown before the final answer"
            assert any(r.body.get("stream") is True for r in llm.requests)
            assert page.locator("img[src='x']").count() == 0
            page.screenshot(path=str(shots / "08-llm-streamed.png"), full_page=True)
            w.assert_clean()


def test_markup_in_documents_and_questions_never_runs(browser, shots, tmp_path):
    from knowledge.index import KnowledgeIndex
    from knowledge.settings import Settings

    doc = tmp_path / "演练记录.txt"
    doc.write_text(
        "算力安全演练记录\n\n演练口令是青松七号 <script>alert('doc-script')</script> 必须显示为文字。\n\n"
        "演练口令是青松七号 <img src=x onerror=\"alert('doc-img')\"> 同样只是文字。\n",
        encoding="utf-8",
    )
    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")})
    index = KnowledgeIndex.open(settings)
    assert index.add([doc], progress=False).ok
    question = "演练口令是什么？<script>alert('q-script')</script><img src=x onerror=\"alert('q-img')\">"
    with serve(settings, index=index) as url, open_page(browser, url + "/", "zh-CN") as w:
        page = w.page
        page.goto(url + "/")
        page.locator("#xqa-question textarea").wait_for()
        ask(page, question)
        page.wait_for_timeout(500)  # give any injected handler time to fire
        chat_text = page.locator("#xqa-chat").inner_text()
        assert "<script>alert('q-script')</script>" in chat_text  # shown as text
        panel = page.locator("#xqa-sources").inner_text()
        assert "<script>alert('doc-script')</script>" in panel or "<img src=x" in panel
        assert page.locator("#xqa-chat script, #xqa-sources script, img[src='x']").count() == 0
        page.screenshot(path=str(shots / "05-markup-escaped.png"), full_page=True)
        w.assert_clean()


def test_embed_page_in_an_iframe(browser, ui, shots):
    url, _ = ui
    with open_page(browser, url + "/", "en-US") as w:
        page = w.page
        page.goto(url + "/api/health")  # same origin as the portal page below, like a portal would be
        page.set_content(
            f'<h3>Study portal</h3><iframe src="{url}/embed/" width="900" height="760" '
            'style="border:1px solid #ccc" title="Xinzhi QA"></iframe>'
        )
        frame = page.frame_locator("iframe")
        frame.locator("#xqa-question textarea").wait_for()
        frame.locator("#xqa-send").filter(has_text="Send").wait_for()  # English from Accept-Language
        assert frame.locator("#xqa-settings").count() == 0 or not frame.locator("#xqa-settings").is_visible()
        frame.locator("#xqa-question textarea").fill("What does the paper say about computing power?")
        frame.locator("#xqa-send").click()
        frame.locator("#xqa-chat [data-testid=bot] a.xqa-cite").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        page.wait_for_timeout(300)
        page.screenshot(path=str(shots / "06-embed-iframe.png"), full_page=True)
        w.assert_clean()


def test_over_the_rate_limit_the_page_says_so_and_keeps_the_conversation(
    browser, shared_settings, built_index, tmp_path, shots
):
    """The chat's own events count against the per-client limit (they used to bypass it)."""
    settings = shared_settings.replace(data_dir=tmp_path / "data", rate_limit_per_minute=2)
    with serve(settings, index=built_index) as url, open_page(browser, url + "/", "en-US") as w:
        page = w.page
        page.goto(url + "/")
        page.locator("#xqa-send").filter(has_text="Send").wait_for()
        ask(page, "What does the paper say about computing power?")
        ask(page, "What GDP growth target does the 2024 Government Work Report set?")
        page.locator("#xqa-question textarea").fill("What are the main tasks for 2024?")
        page.locator("#xqa-send").click()
        page.get_by_text("too many requests").first.wait_for(timeout=30_000)
        assert bots(page).count() == 2  # nothing lost, nothing half-answered
        page.screenshot(path=str(shots / "09-rate-limited.png"), full_page=True)
        w.assert_clean()


def test_only_the_embed_page_may_be_framed_by_another_site(browser, ui, shots, tmp_path):
    """frame-ancestors: /embed/ opens to other origins (default `*`), the full UI only to itself.
    The portal is a plain static server on another port, i.e. another site."""
    import functools
    import http.server
    import threading

    url, _ = ui
    (tmp_path / "portal.html").write_text(
        f'<h3>Study portal</h3><iframe id="embed" src="{url}/embed/" width="900" height="500"></iframe>'
        f'<iframe id="full" src="{url}/" width="900" height="500"></iframe>',
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        portal = f"http://127.0.0.1:{server.server_address[1]}"
        with open_page(browser, portal + "/", "en-US") as w:
            page = w.page
            page.goto(portal + "/portal.html")
            page.frame_locator("#embed").locator("#xqa-question textarea").wait_for()
            page.wait_for_timeout(1500)
            assert page.frame_locator("#full").locator("#xqa-question").count() == 0  # refused by the browser
            assert any("frame-ancestors" in m for m in w.csp), w.csp
            assert all("/embed" not in m.split("because")[0] for m in w.csp), w.csp
            page.screenshot(path=str(shots / "10-framing.png"), full_page=True)
    finally:
        server.shutdown()
        thread.join(timeout=10)
