"""The edge over real HTTP: every event that computes an answer or writes is rate-limited on
every surface (JSON API, Gradio queue joins of the chat and /embed pages, Gradio /run and
/call), bodies and histories are bounded, uploads refused, headers set, errors generic,
and a hung Chroma server fails fast (issue 12). Real app under uvicorn, real index."""

from __future__ import annotations

import http.client
import json
import os
import signal
import time
from urllib.parse import urlsplit

import httpx
import pytest
from app_server import free_port, serve, serve_app

pytestmark = pytest.mark.server

DOC = (
    "算力安全演练记录\n\n第一条：演练口令是青松七号，每季度更换一次。\n\n"
    "第二条：演练在东数西算枢纽节点进行，由运维团队负责记录。\n"
)
QUESTION = "演练口令是什么？"


@pytest.fixture(scope="module")
def small_index(document_index):
    """An index holding one short user document (fast to answer from)."""
    return document_index("演练记录.txt", DOC)


def join(url: str, mount: str, fn_index: int, data: list, session: str, **kw) -> httpx.Response:
    """POST a Gradio queue join, as the page's JavaScript does for an event."""
    body = {"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None}
    return httpx.post(f"{url}{mount}/gradio_api/queue/join", json=body, timeout=30, **kw)


def event_output(url: str, mount: str, session: str, timeout: float = 120) -> dict:
    """Read the session's event stream until the event completes; its `output`."""
    with httpx.stream(
        "GET", f"{url}{mount}/gradio_api/queue/data", params={"session_hash": session}, timeout=timeout
    ) as r:
        for line in r.iter_lines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    return msg
    raise AssertionError("the event stream ended without process_completed")


def fn_indices(application, mount: str) -> dict[str, int]:
    """The page's event handlers by function name -> fn index (what the page's JS sends)."""
    blocks = {"": application.state.blocks["/"], "/embed": application.state.blocks["/embed"]}[mount]
    out = {}
    for i, fn in blocks.fns.items():
        out.setdefault(getattr(fn.fn, "__name__", ""), i)
    return out


# ------------------------------------------------------------------------------ rate limit
def test_every_answering_or_writing_event_shares_one_rate_limit(small_index):
    settings, index = small_index
    with serve_app(settings.replace(rate_limit_per_minute=3), index=index) as (url, application):
        ui, embed = fn_indices(application, ""), fn_indices(application, "/embed")
        ask_data = [QUESTION, None, "zh", "extractive", [], 6]
        assert join(url, "", ui["respond"], ask_data, "s1").status_code == 200
        assert join(url, "/embed", embed["respond"], ask_data, "s2").status_code == 200
        assert join(url, "", ui["on_comment"], ["好", None, None, "zh"], "s3").status_code == 200
        # the budget (3) is spent: every surface that answers or writes now says 429 + Retry-After
        refused = [
            join(url, "", ui["respond"], ask_data, "s4"),
            join(url, "/embed", embed["respond"], ask_data, "s5"),
            join(url, "", ui["on_like"], [None, None, "zh"], "s6"),
            join(url, "/embed", embed["on_comment"], ["好", None, None, "zh"], "s7"),
            httpx.post(f"{url}/gradio_api/run/ask", json={"data": [QUESTION, None, None]}),
            httpx.post(f"{url}/gradio_api/call/ask", json={"data": [QUESTION, None, None]}),
            httpx.post(f"{url}/api/ask", json={"question": QUESTION}),
        ]
        for r in refused:
            assert r.status_code == 429, (r.request.url, r.status_code, r.text[:200])
            assert 0 < int(r.headers["retry-after"]) <= 60 and "too many requests" in r.json()["error"]
        # events that only change the screen are not counted (switching language still works)
        assert join(url, "", ui["relabel"], ["en", None, "extractive"], "s8").status_code == 200


# ------------------------------------------------------------------------------ sizes
def test_every_body_is_capped_gradio_routes_included(small_index):
    settings, index = small_index
    cap = 8_000
    with serve_app(settings.replace(max_request_bytes=cap, rate_limit_per_minute=0), index=index) as (url, application):
        ui = fn_indices(application, "")
        big = "长" * cap
        assert join(url, "", ui["respond"], [big, None, "zh", "extractive", [], 6], "s").status_code == 413
        assert join(url, "/embed", ui["respond"], [big, None, "zh", "extractive", [], 6], "s").status_code == 413
        for path in ("/gradio_api/run/ask", "/gradio_api/call/ask", "/api/ask"):
            r = httpx.post(url + path, json={"data": [big], "question": big})
            assert r.status_code == 413 and str(cap) in r.json()["error"], path

        def chunks():  # no Content-Length: the cap holds while the body streams in
            for _ in range(20):
                yield b"x" * 1000

        r = httpx.post(f"{url}/gradio_api/queue/join", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_uploads_are_refused_same_and_cross_origin(small_index):
    settings, index = small_index
    with serve(settings, index=index) as url:
        files = {"files": ("a.txt", b"x" * 1000, "text/plain")}
        for mount in ("", "/embed"):
            for headers in ({}, {"Origin": "http://evil.example"}):
                r = httpx.post(f"{url}{mount}/gradio_api/upload", files=files, headers=headers)
                assert r.status_code == 403 and "upload" in r.json()["error"], (mount, headers)


def test_a_maximal_history_is_refused_before_it_costs_anything(small_index):
    settings, index = small_index
    s = settings.replace(rate_limit_per_minute=0, max_request_bytes=2_000_000)
    too_many = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": "算力"} for i in range(s.max_history_messages + 1)
    ]
    too_long = [{"role": "user", "content": "算" * (s.max_history_message_chars + 1)}]
    huge = [{"role": "user" if i % 2 == 0 else "assistant", "content": "算力发展" * 1000} for i in range(60)]
    with serve(s, index=index) as url, httpx.Client(base_url=url, timeout=60) as http:
        assert http.post("/api/ask", json={"question": QUESTION}).status_code == 200  # warm
        for history in (too_many, too_long, huge):
            timings = []
            for _ in range(3):
                t0 = time.perf_counter()
                r = http.post("/api/ask", json={"question": "那怎么办？", "history": history})
                timings.append(time.perf_counter() - t0)
                assert r.status_code == 400 and "history" in r.json()["error"]
            assert min(timings) < 0.1, timings  # refused before any retrieval (best of 3: a shared machine)
        ok = [{"role": "user", "content": "算" * s.max_history_message_chars}] * 2
        r = http.post("/api/ask", json={"question": "那怎么办？", "history": ok})
        assert r.status_code == 200
        assert len(r.json()["rewritten_query"]) <= s.max_question_chars  # the carried history is capped too


def test_an_oversized_comment_is_refused_and_not_written(small_index, tmp_path):
    settings, index = small_index
    s = settings.replace(data_dir=tmp_path / "data", rate_limit_per_minute=0)
    # same index, own data dir for the feedback log
    with serve_app(s, index=index) as (url, application):
        ui = fn_indices(application, "")
        assert join(url, "", ui["respond"], [QUESTION, None, "zh", "extractive", [], 6], "sess").status_code == 200
        assert event_output(url, "", "sess")["success"]
        long_comment = "意" * (s.max_comment_chars + 1)
        assert join(url, "", ui["on_comment"], [long_comment, None, None, "zh"], "sess").status_code == 200
        out = event_output(url, "", "sess")
        assert str(s.max_comment_chars) in json.dumps(out, ensure_ascii=False)
        assert not s.feedback_path.exists()
        assert join(url, "", ui["on_comment"], ["引用清楚", None, None, "zh"], "sess").status_code == 200
        event_output(url, "", "sess")
        lines = s.feedback_path.read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["comment"] for x in lines] == ["引用清楚"]


# ------------------------------------------------------------------------------ protocol
def test_api_speaks_json_for_wrong_methods_paths_and_content_types(small_index):
    settings, index = small_index
    with serve(settings.replace(cors_origins="http://portal.example"), index=index) as url:
        r = httpx.get(f"{url}/api/ask")
        assert r.status_code == 405 and r.json()["error"] and r.headers["allow"] == "POST"
        r = httpx.post(f"{url}/api/health")
        assert r.status_code == 405 and "GET" in r.headers["allow"]
        r = httpx.get(f"{url}/api/nothing-here")
        assert r.status_code == 404 and r.json()["error"]
        # a cross-origin "simple" request (no preflight) is refused before anything is computed
        r = httpx.post(
            f"{url}/api/ask",
            content=json.dumps({"question": QUESTION}),
            headers={"content-type": "text/plain", "Origin": "http://evil.example"},
        )
        assert r.status_code == 415 and r.json()["error"]
        pre = httpx.options(
            f"{url}/api/ask", headers={"Origin": "http://portal.example", "Access-Control-Request-Method": "POST"}
        )
        assert pre.status_code == 200  # CORS preflight still answered


def test_security_headers_and_framing(small_index):
    settings, index = small_index
    with serve(settings, index=index) as url:
        for path in ("/", "/api/health", "/docs", "/theme.css"):
            h = httpx.get(url + path).headers
            assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"]
            assert "frame-ancestors 'self'" in h["content-security-policy"], path
            assert h["x-frame-options"] == "SAMEORIGIN"
        h = httpx.get(url + "/embed/").headers
        assert "frame-ancestors *" in h["content-security-policy"] and "x-frame-options" not in h
        assert "default-src 'self'" in h["content-security-policy"]
    with serve(settings.replace(embed_frame_ancestors="https://portal.example"), index=index) as url:
        h = httpx.get(url + "/embed/").headers
        assert "frame-ancestors 'self' https://portal.example" in h["content-security-policy"]
        assert "frame-ancestors 'self';" in httpx.get(url + "/").headers["content-security-policy"] + ";"


def test_monitoring_is_off_by_default(small_index):
    settings, index = small_index
    with serve(settings, index=index) as url:
        for path in ("/monitoring", "/monitoring/summary", "/embed/monitoring/summary"):
            assert httpx.get(url + path).status_code in (403, 404), path


def test_an_unexpected_error_is_json_500_and_keeps_the_connection(small_index, monkeypatch):
    settings, index = small_index
    with serve_app(settings, index=index) as (url, application):

        def explode(*a, **kw):
            raise RuntimeError("secret internal detail /srv/xqa")

        monkeypatch.setattr(application.state.backend, "ask", explode)
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        body = json.dumps({"question": QUESTION})
        conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        payload = r.read()
        assert r.status == 500 and "secret" not in payload.decode() and json.loads(payload)["error"]
        sock = conn.sock
        assert sock is not None, "the server closed the connection after a 500"
        conn.request("GET", "/api/health")
        r2 = conn.getresponse()
        r2.read()
        assert r2.status == 200 and conn.sock is sock  # same keep-alive connection
        conn.close()


def test_backend_errors_are_generic_for_callers_and_detailed_in_the_log(settings, caplog):
    port = free_port()
    dead = settings.replace(chroma_host="127.0.0.1", chroma_port=port)
    with serve_app(dead) as (url, application):
        r = httpx.post(f"{url}/api/ask", json={"question": QUESTION})
        assert r.status_code == 503 and str(port) not in r.text and "127.0.0.1" not in r.text
        h = httpx.get(f"{url}/api/health")
        assert h.status_code == 503 and h.json()["status"] == "degraded" and str(port) not in h.text
        ui = fn_indices(application, "")
        assert join(url, "", ui["respond"], [QUESTION, None, "zh", "extractive", [], 6], "sess").status_code == 200
        shown = json.dumps(event_output(url, "", "sess"), ensure_ascii=False)
        assert "服务暂时不可用" in shown and str(port) not in shown and "127.0.0.1" not in shown
    assert any(str(port) in rec.getMessage() for rec in caplog.records)  # the operator still gets the detail


# ------------------------------------------------------------------------------ chroma
def test_a_hung_chroma_server_degrades_health_within_the_timeout_and_answers_go_on(chroma_server_process, tmp_path):
    """A hung store (connections open, nothing answers): health says so (503, degraded) within the timeout, and
    questions are still answered, in bounded time, from the generation this process serves, whose chunks, keyword
    index and vectors it holds (the dense search reads no store since it became exact, `knowledge.dense`)."""
    from knowledge.index import KnowledgeIndex
    from knowledge.settings import Settings

    port, proc = chroma_server_process
    doc = tmp_path / "演练记录.txt"
    doc.write_text(DOC, encoding="utf-8")
    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")}).replace(
        chroma_host="127.0.0.1", chroma_port=port, chroma_timeout_s=2.0, rate_limit_per_minute=0
    )
    index = KnowledgeIndex.open(settings)
    assert index.add([doc], progress=False).ok
    with serve(settings, index=index) as url:
        assert httpx.post(f"{url}/api/ask", json={"question": QUESTION}, timeout=60).status_code == 200
        assert httpx.get(f"{url}/api/health", timeout=30).json()["status"] == "ok"
        os.kill(proc.pid, signal.SIGSTOP)  # hung, not dead: connections open, nothing answers
        try:
            t0 = time.monotonic()
            h = httpx.get(f"{url}/api/health", timeout=30)
            assert time.monotonic() - t0 < settings.chroma_timeout_s * 3 + 2  # bounded by the timeout, not forever
            assert h.status_code == 503 and h.json()["status"] == "degraded"
            assert "document store" in h.json()["reason"]
            t0 = time.monotonic()
            r = httpx.post(f"{url}/api/ask", json={"question": "东数西算枢纽节点由谁记录？"}, timeout=60)
            took = time.monotonic() - t0
            assert r.status_code == 200 and r.json()["citations"], r.text
            assert took < settings.chroma_timeout_s * 3 + 2, took
        finally:
            os.kill(proc.pid, signal.SIGCONT)
        assert httpx.get(f"{url}/api/health", timeout=30).status_code == 200
    index.close()  # before the fixture stops the server
