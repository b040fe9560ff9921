"""Bounded load run against POST /api/ask on loopback (a benchmark, not a unit test).

    python -m eval.load_test                      # starts `python -m app` on a free port, 20 clients, 60 s
    python -m eval.load_test --url http://127.0.0.1:7860 --clients 20 --duration 60
    python -m eval.load_test --duration 10 --json # shorter run, machine-readable report

Each client loops over a fixed mix of Chinese and English questions (one a follow-up with
history) until the time is up or the request cap is reached; then the run stops itself
and prints p50/p95/p99 latency, throughput and errors. Exit status 0 only when there were
no errors and p95 met the target (default 500 ms, the extractive generator's target).
When it starts the server itself it sets XQA_RATE_LIMIT_PER_MINUTE very high: the
per-client limit is for the public, and every load client here shares 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from eval.load_abuse import abusive_client
from eval.metrics import percentile

QUESTIONS: list[dict] = [
    {"question": "我国算力发展存在哪些短板？"},
    {"question": "What are the weak points in China's computing power development?"},
    {"question": "2024年国内生产总值增长的预期目标是多少？"},
    {"question": "What GDP growth target does the 2024 Government Work Report set?"},
    {"question": "新质生产力的“新”体现在哪些方面？"},
    {"question": "What does the paper say about computing power?"},
    {
        "question": "那应该怎么解决？",
        "history": [
            {"role": "user", "content": "我国算力发展存在哪些短板？"},
            {"role": "assistant", "content": "芯片设计和制造技术受制于人。"},
        ],
    },
    {"question": "如何培育壮大新兴产业？"},
    {"question": "What are the main tasks for 2024 in the Government Work Report?"},
]


def free_port() -> int:
    """A free loopback port: the one helper, the tests use it too."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, startup_timeout: float) -> subprocess.Popen:
    """`python -m app` on loopback with the rate limit lifted for this run only."""
    env = dict(os.environ, XQA_RATE_LIMIT_PER_MINUTE="1000000", XQA_HOST="127.0.0.1", XQA_PORT=str(port))
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "app"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + startup_timeout
    url = f"http://127.0.0.1:{port}/api/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.stderr else ""
            raise SystemExit(f"server exited with {proc.returncode}:\n{err}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"server did not answer {url} within {startup_timeout:.0f} s")


async def client(http: httpx.AsyncClient, cid: int, stop_at: float, budget: list[int], out: list) -> None:
    i = cid
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        body = QUESTIONS[i % len(QUESTIONS)]
        i += 1
        t0 = time.perf_counter()
        try:
            r = await http.post("/api/ask", json=body)
            status: int | str = r.status_code
            ok = status == 200 and bool(r.json().get("answer"))
        except (httpx.HTTPError, ValueError) as exc:
            status, ok = type(exc).__name__, False
        out.append((time.perf_counter() - t0, status, ok))


async def run(url: str, clients: int, duration: float, max_requests: int, timeout: float, abusive: int = 0) -> dict:
    results: list = []
    abuse: list = []
    budget = [max_requests]
    limits = httpx.Limits(max_connections=clients + abusive, max_keepalive_connections=clients + abusive)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        setup = await _abuse_setup(http) if abusive else None
        started = time.monotonic()
        await asyncio.gather(
            *(client(http, c, started + duration, budget, results) for c in range(clients)),
            *(abusive_client(http, started + duration, abuse, *setup) for _ in range(abusive) if setup is not None),
        )
        elapsed = time.monotonic() - started
    latencies = [r[0] * 1000 for r in results]
    errors = Counter(str(r[1]) for r in results if not r[2])
    return {
        "url": url,
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests": len(results),
        "throughput_rps": round(len(results) / elapsed, 1) if elapsed else 0.0,
        **{f"p{p}_ms": _percentile_ms(latencies, p) for p in (50, 95, 99)},
        "max_ms": round(max(latencies, default=float("nan")), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else float("nan"),
        "errors": sum(errors.values()),
        "errors_by_status": dict(errors),
        **(
            {
                "abusive_clients": abusive,
                "abusive_requests": dict(Counter(k for _, k in abuse)),
                "abusive_p50_ms": _percentile_ms([t * 1000 for t, _ in abuse], 50),
            }
            if abusive
            else {}
        ),
    }


def _percentile_ms(values: list[float], p: float) -> float:
    """A percentile rounded for the report; NaN when there are no values."""
    v = percentile(values, p)
    return round(v, 1) if v is not None else float("nan")


async def _abuse_setup(http: httpx.AsyncClient) -> tuple[dict, int | None]:
    """The server's limits (from its own settings) and the chat page's comment event, for `--abusive`."""
    from knowledge.settings import Settings

    s = Settings.load()
    limits = {
        k: getattr(s, k)
        for k in ("max_history_messages", "max_history_message_chars", "max_request_bytes", "max_comment_chars")
    }
    config = (await http.get("/config")).json()
    comment_fn = next(
        (
            d["id"]
            for d in config.get("dependencies", [])
            if any(t[0] == _component_id(config, "xqa-send-comment") for t in d.get("targets", []))
        ),
        None,
    )
    return limits, comment_fn


def _component_id(config: dict, elem_id: str) -> int | None:
    return next((c["id"] for c in config.get("components", []) if c.get("props", {}).get("elem_id") == elem_id), None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.load_test", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="target a running server (default: start `python -m app` on a free loopback port)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--max-requests", type=int, default=100_000, help="stop after this many requests in total")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout, seconds")
    ap.add_argument("--p95-target-ms", type=float, default=500.0)
    ap.add_argument("--startup-timeout", type=float, default=600.0, help="seconds to wait for a started server")
    ap.add_argument("--json", action="store_true", help="print the report as one JSON object")
    ap.add_argument(
        "--abusive",
        type=int,
        default=0,
        help="extra clients sending maximal histories and comments (eval/load_abuse.py); "
        "the report's figures stay those of the ordinary clients",
    )
    args = ap.parse_args(argv)

    proc = None
    url = args.url
    if not url:
        port = free_port()
        print(f"starting server on 127.0.0.1:{port} …", file=sys.stderr, flush=True)
        proc = start_server(port, args.startup_timeout)
        url = f"http://127.0.0.1:{port}"
    try:
        httpx.post(f"{url}/api/ask", json=QUESTIONS[0], timeout=120)  # warm-up, not measured
        report = asyncio.run(run(url, args.clients, args.duration, args.max_requests, args.timeout, args.abusive))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    report["p95_target_ms"] = args.p95_target_ms
    report["passed"] = report["errors"] == 0 and report["p95_ms"] <= args.p95_target_ms
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(
            f"{report['requests']} requests from {report['clients']} clients in {report['duration_s']} s "
            f"-> {report['throughput_rps']} req/s"
        )
        print(
            f"latency ms: p50 {report['p50_ms']}  p95 {report['p95_ms']}  p99 {report['p99_ms']}  "
            f"max {report['max_ms']}  mean {report['mean_ms']}"
        )
        print(f"errors: {report['errors']} {report['errors_by_status'] or ''}")
        print(f"target p95 <= {args.p95_target_ms:.0f} ms and 0 errors: {'PASS' if report['passed'] else 'FAIL'}")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
