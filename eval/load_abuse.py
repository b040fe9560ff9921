"""Abusive clients for `python -m eval.load_test --abusive N`: each sends, in a loop, the
largest requests the server accepts, to measure whether they starve ordinary clients.

One request in turn of each kind:
- POST /api/ask with a follow-up question and a maximal history (as many messages of
  as many characters as fit under the body cap), so the follow-up rewrite carries it;
- POST /gradio_api/run/ask with the same history (the Gradio API surface);
- a feedback comment of the maximal length through the chat page's queue.
Their own latencies are reported apart; the ordinary clients' figures are the point.
"""

from __future__ import annotations

import json
import time
import uuid

import httpx

FOLLOW_UP = "那应该怎么解决？"


def maximal_history(max_messages: int, max_chars: int, max_bytes: int) -> list[dict]:
    """The longest history a body of `max_bytes` carries within the message limits."""
    filler = "我国算力发展存在芯片设计和制造技术被卡脖子的问题，算力基础设施和数据中心分布不均衡。"
    per_message = max(1, min(max_chars, (max_bytes - 400) // (3 * max_messages) - 40))
    text = (filler * (per_message // len(filler) + 1))[:per_message]
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": text} for i in range(max_messages)]


def _body(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


async def abusive_client(
    http: httpx.AsyncClient, stop_at: float, out: list, settings: dict, comment_fn_index: int | None
) -> None:
    history = maximal_history(
        settings["max_history_messages"], settings["max_history_message_chars"], settings["max_request_bytes"]
    )
    comment = "意" * settings["max_comment_chars"]
    session = uuid.uuid4().hex
    kinds = ["api", "gradio", "comment"] if comment_fn_index is not None else ["api", "gradio"]
    i = 0
    headers = {"content-type": "application/json"}
    while time.monotonic() < stop_at:
        kind = kinds[i % len(kinds)]
        i += 1
        if kind == "api":
            req = ("/api/ask", _body({"question": FOLLOW_UP, "history": history}))
        elif kind == "gradio":
            req = ("/gradio_api/run/ask", _body({"data": [FOLLOW_UP, history, None]}))
        else:
            req = (
                "/gradio_api/queue/join",
                _body(
                    {
                        "data": [comment, None, None, "zh"],
                        "fn_index": comment_fn_index,
                        "session_hash": session,
                        "event_data": None,
                        "trigger_id": None,
                    }
                ),
            )
        t0 = time.perf_counter()
        try:
            r = await http.post(req[0], content=req[1], headers=headers)
            status: int | str = r.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        out.append((time.perf_counter() - t0, f"{kind}:{status}"))
