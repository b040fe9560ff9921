"""The JSON API over real HTTP against the running app (uvicorn, real index, real assistant)."""

import dataclasses
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from app_server import free_port, serve, serve_app

from assistant.testing import assert_contract, assert_language
from web import presentation as app_format

pytestmark = pytest.mark.server

PORTAL = "http://portal.example"
MAX_BYTES = 4000
XSS_DOC = (
    "算力安全演练记录\n\n"
    "第一条：演练口令是青松七号，脚本 <script>alert('xss-script')</script> 只能当作文字。\n\n"
    "第二条：图片标签 <img src=x onerror=alert('xss-img')> 也只能当作文字显示，演练口令是青松七号。\n"
)


@pytest.fixture(scope="module")
def api_url(shared_settings, built_index):
    s = shared_settings.replace(rate_limit_per_minute=100_000, max_request_bytes=MAX_BYTES, cors_origins=PORTAL)
    with serve(s, index=built_index) as url:
        yield url


@pytest.fixture(scope="module")
def xss_index(document_index):
    """An index holding only a user-added document full of markup."""
    return document_index("演练记录.txt", XSS_DOC)


def ask(url: str, body, **kw) -> httpx.Response:
    return httpx.post(f"{url}/api/ask", json=body, timeout=120, **kw)


def check_contract(a: dict) -> None:
    assert_contract(a)
    assert_language(a["answer"], a["language"])


def test_ask_chinese(api_url):
    r = ask(api_url, {"question": "我国算力发展存在哪些短板？"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    a = r.json()
    assert a["language"] == "zh" and not a["refused"] and a["citations"]
    assert a["generator"] == "extractive"
    assert "3.8" in {c["section_id"] for c in a["contexts"]}
    check_contract(a)


def test_ask_english_and_follow_up(api_url):
    a = ask(api_url, {"question": "What GDP growth target does the 2024 Government Work Report set?"}).json()
    assert a["language"] == "en" and not a["refused"] and a["citations"]
    assert "gwr-2024" in {c["doc_id"] for c in a["citations"]}
    check_contract(a)
    history = [{"role": "user", "content": a["question"]}, {"role": "assistant", "content": a["answer"]}]
    r = ask(api_url, {"question": "And what about the deficit ratio?", "history": history})
    assert r.status_code == 200
    check_contract(r.json())


def test_english_answer_carries_the_official_translation_and_its_chinese_original(api_url):
    a = ask(api_url, {"question": "How much will investment from the central government budget reach in 2022?"}).json()
    assert a["language"] == "en" and not a["refused"]
    paired = [c for c in a["citations"] if c.get("quote_en")]
    assert any("640 billion yuan" in c["quote_en"] and "6400亿元" in c["quote"] for c in paired), a["citations"]
    assert all(c["doc_id_en"] and c["chunk_id_en"] and c["section_label_en"] for c in paired)
    check_contract(a)


def test_doc_filter(api_url):
    a = ask(api_url, {"question": "我国算力发展存在哪些短板？", "doc_ids": ["gwr-2024"]}).json()
    assert {c["doc_id"] for c in a["contexts"]} == {"gwr-2024"}
    r = ask(api_url, {"question": "算力", "doc_ids": ["no-such-doc"]})
    assert r.status_code == 400 and "no-such-doc" in r.json()["error"]


def test_health(api_url):
    h = httpx.get(f"{api_url}/api/health").json()
    assert h["status"] == "ok" and h["generator"] == "extractive"
    assert {"shi-xu-2024", "gwr-2024"} <= {d["doc_id"] for d in h["documents"]}
    assert all(d["chunks"] > 0 for d in h["documents"])
    assert h["store"]["generation"] and h["store"]["records"] == sum(d["chunks"] for d in h["documents"])


@pytest.mark.parametrize(
    "body",
    [
        {"question": "   "},
        {"question": ""},
        {"history": []},
        {"question": "算力", "history": [{"role": "system", "content": "x"}]},
        {"question": 5},
        "not an object",
    ],
)
def test_bad_requests_get_400_with_a_message(api_url, body):
    r = ask(api_url, body)
    assert r.status_code == 400
    msg = r.json()["error"]
    assert msg and "Traceback" not in msg


def test_invalid_json_and_overlong_question(api_url, shared_settings):
    r = httpx.post(f"{api_url}/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "invalid request" in r.json()["error"]
    r = ask(api_url, {"question": "长" * (shared_settings.max_question_chars + 1)})
    assert r.status_code in (400, 413)
    assert r.json()["error"]


def test_oversize_body_413(api_url):
    r = ask(api_url, {"question": "算" * MAX_BYTES})
    assert r.status_code == 413 and str(MAX_BYTES) in r.json()["error"]

    def chunks():  # no Content-Length: the limit holds while streaming too
        yield b'{"question": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    r = httpx.post(f"{api_url}/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_cors_allow_list(api_url):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = httpx.options(f"{api_url}/api/ask", headers={"Origin": PORTAL, **pre})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == PORTAL
    bad = httpx.options(f"{api_url}/api/ask", headers={"Origin": "http://evil.example", **pre})
    assert bad.status_code == 400 and "access-control-allow-origin" not in bad.headers
    r = ask(api_url, {"question": "算力"}, headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    r = ask(api_url, {"question": "算力"}, headers={"Origin": PORTAL})
    assert r.headers["access-control-allow-origin"] == PORTAL


def test_default_is_same_origin_only(xss_index):
    settings, index = xss_index
    assert settings.cors_origins == ()
    with serve(settings, index=index) as url:
        r = httpx.options(f"{url}/api/ask", headers={"Origin": PORTAL, "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in r.headers
        r = httpx.get(f"{url}/api/health", headers={"Origin": PORTAL})
        assert "access-control-allow-origin" not in r.headers


def test_rate_limit_429_with_retry_after(xss_index):
    settings, index = xss_index
    with serve(settings.replace(rate_limit_per_minute=3), index=index) as url:
        codes = [ask(url, {"question": "演练口令是什么？"}).status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = ask(url, {"question": "演练口令是什么？"})
        assert r.status_code == 429
        assert 0 < int(r.headers["retry-after"]) <= 60 and r.json()["error"]


def test_user_document_markup_is_data_and_rendered_escaped(xss_index):
    settings, index = xss_index
    question = "演练口令是什么？<script>alert('q')</script><img src=x onerror=alert('q2')>"
    with serve(settings, index=index) as url:
        r = ask(url, {"question": question})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
        a = r.json()
        assert a["question"] == question  # returned as JSON data, untouched
        texts = " ".join(c["text"] for c in a["contexts"])
        assert "<script>alert('xss-script')</script>" in texts and "onerror=alert('xss-img')" in texts
        # the same Answer through the UI's renderers: visible as text, never as markup
        bubble = app_format.format_answer_markdown(a, 0, "zh")
        panel = app_format.format_sources_html(a, 0, "zh")
        user = app_format.render_chat([{"question": question, "answer": a}], "zh")[0]["content"]
        for out in (bubble, panel, user):
            assert not re.search(r"<(script|img)\b", out, re.I)
        assert "&lt;script&gt;" in user
        if a["citations"]:
            assert "<mark>" in panel
        # and the page the UI serves does not contain it either
        page = httpx.get(url + "/").text
        assert "xss-script" not in page


def test_backend_down_is_503_without_stack_trace(settings):
    dead = settings.replace(chroma_host="127.0.0.1", chroma_port=free_port())
    with serve(dead) as url:
        r = ask(url, {"question": "算力"})
        assert r.status_code == 503
        assert r.json()["error"] and "Traceback" not in r.text
        assert httpx.get(f"{url}/api/health").status_code == 503


def test_openapi_and_offline_docs(api_url):
    spec = httpx.get(f"{api_url}/openapi.json").json()
    body = spec["paths"]["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "question" in body["properties"] and body["required"] == ["question"]
    assert "/api/health" in spec["paths"]
    # the documented response is the Answer dataclass, nested Citation/Context included, every field present
    from assistant.answer import Answer, Citation, Context

    ok = spec["paths"]["/api/ask"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Answer"}
    schemas = spec["components"]["schemas"]
    for cls in (Answer, Citation, Context):
        assert set(schemas[cls.__name__]["properties"]) == {f.name for f in dataclasses.fields(cls)}
        assert set(schemas[cls.__name__]["required"]) == {f.name for f in dataclasses.fields(cls)}
    assert schemas["Answer"]["properties"]["citations"]["items"] == {"$ref": "#/components/schemas/Citation"}
    docs = httpx.get(f"{api_url}/docs").text
    assert "cdn." not in docs and "/api/docs-assets/swagger-ui-bundle.js" in docs
    for src in re.findall(r'(?:src|href)="(/api/docs-assets/[^"]+)"', docs):
        assert httpx.get(api_url + src).status_code == 200


def test_gradio_client_ask_endpoint(api_url):
    from gradio_client import Client

    client = Client(api_url + "/", verbose=False)
    a = client.predict("我国算力发展存在哪些短板？", None, None, api_name="/ask")
    assert a["language"] == "zh" and a["citations"]
    check_contract(a)


def test_pages_are_served_offline(api_url):
    r = httpx.get(api_url + "/embed", follow_redirects=True)
    assert r.status_code == 200 and str(r.url).endswith("/embed/")
    for path in ("/", "/embed/"):
        r = httpx.get(api_url + path)
        assert r.status_code == 200
        assert "fonts.googleapis" not in r.text
    theme = httpx.get(api_url + "/theme.css").text
    assert "fonts.googleapis" not in theme and "Noto Sans CJK SC" in theme


def test_misconfigured_generator_is_503_not_the_callers_fault(xss_index):
    settings, index = xss_index
    with serve(settings.replace(generator="openai", llm_base_url=""), index=index) as url:
        r = ask(url, {"question": "演练口令是什么？"})
        assert r.status_code == 503 and "server not ready" in r.json()["error"]


class SlowCountingGenerator:
    """The extractive generator, slowed down, counting how many answers run at once."""

    def __init__(self, delay_s: float):
        self.delay_s, self.active, self.peak, self.calls = delay_s, 0, 0, 0
        self._lock = threading.Lock()

    def factory(self, *, settings=None, glossary=None, **_):
        from assistant.generators.extractive import ExtractiveGenerator

        counter = self

        class Slow(ExtractiveGenerator):
            name = "slow-counting"

            def stream(self, request):
                with counter._lock:
                    counter.calls += 1
                    counter.active += 1
                    counter.peak = max(counter.peak, counter.active)
                try:
                    time.sleep(counter.delay_s)
                    yield from super().stream(request)
                finally:
                    with counter._lock:
                        counter.active -= 1

        return Slow(glossary=glossary)


def test_one_concurrency_cap_across_api_gradio_client_and_ui(shared_settings, built_index, tmp_path, monkeypatch):
    """API, Gradio /ask and the UI's streaming path all wait for the same `concurrency_limit` slots."""
    from gradio_client import Client

    from assistant.generators import GENERATORS

    slow = SlowCountingGenerator(delay_s=0.6)
    monkeypatch.setitem(GENERATORS._factories, "slow-counting", slow.factory)  # registered for this test only
    limit, each = 2, 3
    settings = shared_settings.replace(
        data_dir=tmp_path / "data", generator="slow-counting", concurrency_limit=limit, rate_limit_per_minute=0
    )
    question = "我国算力发展存在哪些短板？"
    with serve_app(settings, index=built_index) as (url, application):
        client = Client(url + "/", verbose=False)
        backend = application.state.backend

        def ui_stream():  # what the chat UI and /embed run (private Gradio events, not callable remotely)
            return [x for x in backend.stream(question) if not isinstance(x, str)][-1].to_dict()

        with ThreadPoolExecutor(max_workers=3 * each) as pool:
            api_calls = [pool.submit(ask, url, {"question": question}) for _ in range(each)]
            gradio_calls = [client.submit(question, None, None, api_name="/ask") for _ in range(each)]
            ui_calls = [pool.submit(ui_stream) for _ in range(each)]
            answers = [f.result(timeout=300).json() for f in api_calls]
            answers += [job.result(timeout=300) for job in gradio_calls]
            answers += [f.result(timeout=300) for f in ui_calls]
    assert slow.calls == 3 * each
    assert slow.peak == limit, f"{slow.peak} answers ran at once; the cap is {limit}"
    for a in answers:
        assert a["generator"] == "slow-counting" and a["citations"]


def test_rate_limit_is_shared_by_the_api_and_gradio_client(xss_index):
    from gradio_client import Client

    settings, index = xss_index
    question = "演练口令是什么？"
    with serve(settings.replace(rate_limit_per_minute=2), index=index) as url:
        client = Client(url + "/", verbose=False)
        assert client.predict(question, None, None, api_name="/ask")["question"] == question
        assert ask(url, {"question": question}).status_code == 200
        with pytest.raises(httpx.HTTPStatusError, match="429"):  # the budget is per client, not per surface
            client.predict(question, None, None, api_name="/ask")
        assert ask(url, {"question": question}).status_code == 429


def test_rate_limit_key_behind_a_reverse_proxy(xss_index):
    """A trusted proxy's X-Forwarded-For names the client; an untrusted one is a single client."""
    settings, index = xss_index
    body = {"question": "演练口令是什么？"}
    alice, bob = {"X-Forwarded-For": "203.0.113.5"}, {"X-Forwarded-For": "203.0.113.6"}
    with serve(settings.replace(rate_limit_per_minute=1), index=index) as url:  # default: loopback proxy trusted
        assert ask(url, body, headers=alice).status_code == 200
        assert ask(url, body, headers=alice).status_code == 429
        assert ask(url, body, headers=bob).status_code == 200
    with serve(settings.replace(rate_limit_per_minute=1, trusted_proxies=""), index=index) as url:
        assert ask(url, body, headers=alice).status_code == 200
        assert ask(url, body, headers=bob).status_code == 429  # both are the proxy's 127.0.0.1
