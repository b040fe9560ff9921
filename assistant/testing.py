"""Test doubles shipped with the package: a real OpenAI-compatible HTTP server.

`ScriptedLLMServer` listens on 127.0.0.1 (free port) and answers
`POST /v1/chat/completions` from a script of `Reply`s: plain JSON, SSE streaming,
HTTP errors such as 429, slow replies (to trigger client timeouts), malformed
bodies. Every request is recorded. Tests of the assistant, the eval harness and the
app all use it, so the `openai` generator is always exercised through the real
langchain-openai client over real HTTP, never through a mock object.

    with ScriptedLLMServer([Reply(status=429), Reply("「…」[1]")]) as llm:
        settings = settings.replace(llm_base_url=llm.base_url, llm_model="scripted", llm_api_key="x")

Also here: reply builders that quote the contexts a prompt carried (`quoting_reply`), and
the Answer contract as assertions (`assert_contract`, `assert_language`) for any test
that checks an Answer.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from knowledge.text import has_han

#: content may be computed from the request (e.g. to quote the context the prompt carried)
Content = str | Callable[[dict[str, Any]], str]


@dataclass
class Reply:
    content: Content = ""
    status: int = 200
    #: seconds to wait before answering (a slow server, for timeouts)
    delay: float = 0.0
    #: None: stream if the request asked for it; True/False forces the shape
    stream: bool | None = None
    #: raw body sent instead of a proper completion (malformed JSON etc.)
    raw_body: str | None = None
    #: characters per streamed delta
    chunk_chars: int = 8
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    path: str
    #: header names lower-cased
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    def text(self) -> str:
        """All message contents joined: what the model was shown."""
        parts = []
        for m in self.messages:
            c = m.get("content")
            parts.append(c if isinstance(c, str) else json.dumps(c, ensure_ascii=False))
        return "\n".join(parts)


class ScriptedLLMServer:
    def __init__(
        self, replies: Iterable[Reply | str] = (), default: Reply | str | None = None, model: str = "scripted"
    ):
        self._script: deque[Reply] = deque(_as_reply(r) for r in replies)
        self.default = _as_reply(default) if default is not None else Reply("（无脚本回复）")
        self.model = model
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------------- control
    def push(self, *replies: Reply | str) -> None:
        with self._lock:
            self._script.extend(_as_reply(r) for r in replies)

    def start(self) -> ScriptedLLMServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="scripted-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ScriptedLLMServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _next(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else self.default


def _as_reply(r: Reply | str) -> Reply:
    return r if isinstance(r, Reply) else Reply(r)


def _handler_for(owner: ScriptedLLMServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._json(
                    200, {"object": "list", "data": [{"id": owner.model, "object": "model", "owned_by": "test"}]}
                )
            else:
                self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._json(400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}})
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                return
            owner.requests.append(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            reply = owner._next()
            if reply.delay:
                time.sleep(reply.delay)
            if reply.status != 200:
                headers = {"retry-after-ms": "20", **reply.headers}
                self._json(
                    reply.status,
                    {"error": {"message": f"scripted HTTP {reply.status}", "type": "server_error"}},
                    headers,
                )
                return
            if reply.raw_body is not None:
                self._send(200, reply.raw_body.encode(), "application/json", reply.headers)
                return
            content = reply.content(body) if callable(reply.content) else reply.content
            stream = body.get("stream", False) if reply.stream is None else reply.stream
            if stream:
                self._stream(content, reply)
            else:
                self._json(200, _completion(owner.model, content), reply.headers)

        # ------------------------------------------------------------ writing
        def _json(self, status: int, obj: dict, headers: dict[str, str] | None = None) -> None:
            self._send(status, json.dumps(obj, ensure_ascii=False).encode(), "application/json", headers or {})

        def _send(self, status: int, data: bytes, ctype: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, content: str, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            for k, v in reply.headers.items():
                self.send_header(k, v)
            self.end_headers()
            cid = f"chatcmpl-{time.time_ns()}"
            step = max(1, reply.chunk_chars)
            first = _chunk(cid, owner.model, {"role": "assistant", "content": ""}, None)
            events = [first]
            events += [
                _chunk(cid, owner.model, {"content": content[i : i + step]}, None) for i in range(0, len(content), step)
            ]
            events.append(_chunk(cid, owner.model, {}, "stop"))
            for ev in events:
                self.wfile.write(f"data: {json.dumps(ev, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{time.time_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": 1,
            "completion_tokens": max(1, len(content)),
            "total_tokens": 1 + max(1, len(content)),
        },
    }


def _chunk(cid: str, model: str, delta: dict, finish: str | None) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


# ---------------------------------------------------------------- reply builders
_BLOCK = re.compile(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n</资料>|\n</documents>)", re.S | re.M)


def context_blocks(body: dict[str, Any]) -> dict[int, str]:
    """The numbered context texts an assistant prompt carried (`[n] label` + text blocks)."""
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    return {int(n): block for n, block in _BLOCK.findall(text)}


def quoting_reply(n: int = 1, prefix: str = "", suffix: str = "") -> Callable[[dict[str, Any]], str]:
    """A reply that quotes the first sentence of context `n` verbatim and cites it: a well-behaved LLM."""
    from knowledge.sentences import split_sentences

    def build(body: dict[str, Any]) -> str:
        blocks = context_blocks(body)
        sentence = split_sentences(blocks[n])[0]
        return f"{prefix}「{sentence}」[{n}]{suffix}"

    return build


# ---------------------------------------------------------------- contract assertions
# The rules of shared/design/contract.md as assertions, for every test that checks an Answer.


_CONTRACT_MARKER = re.compile(r"\[(\d+)\]")
_CONTRACT_QUOTE = re.compile(r"「([^「」]*)」")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_contract(answer: dict, min_contexts: int = 5) -> None:
    """`min_contexts`: 5 by the contract; less only for a test index holding fewer chunks."""
    keys = {
        "question",
        "language",
        "answer",
        "refused",
        "generator",
        "citations",
        "contexts",
        "nearest_sections",
        "timings_ms",
    }
    assert keys <= set(answer), keys - set(answer)
    contexts = {c["chunk_id"]: c for c in answer["contexts"]}
    numbers = {c["n"] for c in answer["citations"]}
    markers = {int(m) for m in _CONTRACT_MARKER.findall(answer["answer"])}
    assert markers <= numbers, f"markers {markers - numbers} name no citation"
    assert len(numbers) == len(answer["citations"]), "citation numbers must be unique"
    for c in answer["citations"]:
        assert c["chunk_id"] in contexts, c["chunk_id"]
        assert c["quote"] and c["quote"] in contexts[c["chunk_id"]]["text"], c["quote"]
        if c.get("quote_en"):  # an official translation's sentence and the original it renders
            assert c["chunk_id_en"] in contexts, c["chunk_id_en"]
            assert c["quote_en"] in contexts[c["chunk_id_en"]]["text"], c["quote_en"]
        if c.get("gloss_en"):  # a dictionary gloss: English only, of a Chinese quote of an English answer
            assert answer["language"] == "en" and not c.get("quote_en"), c
            assert not has_han(c["gloss_en"]) and has_han(c["quote"]), c["gloss_en"]
    assert [c["rank"] for c in answer["contexts"]] == list(range(1, len(answer["contexts"]) + 1))
    if answer["refused"]:
        assert answer["nearest_sections"]
        assert not answer["citations"]
    else:
        assert len(answer["contexts"]) >= min_contexts
        assert answer["citations"]
        # the source of quote [1] leads the retrieved contexts (when retrieval returned it)
        first = answer["citations"][0]
        retrieved = [c["chunk_id"] for c in answer["contexts"] if c.get("origin", "retrieved") == "retrieved"]
        quoted = {first["chunk_id"], first.get("chunk_id_en") or first["chunk_id"]}
        if quoted & set(retrieved):
            assert retrieved[0] in quoted, (retrieved[0], quoted)


def own_words(text: str) -> str:
    """The answer outside quotes and markers: what must be in the question's language."""
    return _CONTRACT_MARKER.sub(" ", _CONTRACT_QUOTE.sub(" ", text))


def assert_language(text: str, lang: str) -> None:
    """`text`'s own words are in `lang`: an independent check, not the product's detector
    (see knowledge/text.py)."""
    own = own_words(text)
    han = len(_HAN.findall(own))
    words = len(re.findall(r"[A-Za-z]{2,}", own))
    if lang == "zh":
        assert han > 2 * words, own
    else:
        assert words * 2 > han, own
