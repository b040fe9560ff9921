"""Real processes for the fault suite: a `chroma run` server, index writers, app replicas.

Everything here starts an actual OS process (the way users and deployments meet the
index), so a fault test can kill it, run two at once, or take the disk away.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Sentences of synthetic documents: distinct text per document, chunks enough to embed for a while.
_PHRASES = (
    "推进产业链供应链优化升级",
    "提升科技创新能力",
    "培育壮大新兴产业",
    "发展现代化基础设施",
    "扩大高水平对外开放",
    "促进城乡区域协调发展",
    "加强生态环境保护",
    "完善收入分配制度",
    "提高公共服务水平",
    "深化重点领域改革",
    "防范化解重大风险",
    "保障能源资源安全",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XQA_")}
    env.update({"XQA_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"})
    env.update(extra)
    return env


def knowledge_cli(data_dir: Path, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    """`python -m knowledge ARGS` in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args],
        env=env_for(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def synthetic_doc(path: Path, marker: str, paragraphs: int, seed: int) -> Path:
    """A Chinese text with headings, `paragraphs` paragraphs and one unique marker word."""
    rng = random.Random(seed)
    lines = [f"关于{marker}的说明", ""]
    for n in range(paragraphs):
        if n % 4 == 0:
            lines += [f"{'一二三四五六七八九十'[(n // 4) % 10]}、{rng.choice(_PHRASES)}", ""]
        sentences = [f"{rng.choice(_PHRASES)}，{marker}第{n}段要求{rng.choice(_PHRASES)}。" for _ in range(6)]
        lines += ["".join(sentences), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def listed(data_dir: Path, **env: str) -> dict[str, int]:
    """doc_id → chunks, as a fresh `python -m knowledge list --json` reports them."""
    done = knowledge_cli(data_dir, "list", "--json", **env)
    assert done.returncode == 0, done.stderr
    return {d["doc_id"]: d["chunks"] for d in json.loads(done.stdout)}


def _chroma_cli() -> str:
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        pytest.skip("the `chroma` command (installed with chromadb) is not on this machine")
    return found


@contextlib.contextmanager
def _serving(
    command: list[str], health_url: str, log_path: Path, env: dict[str, str] | None = None, what: str = "server"
) -> Iterator[subprocess.Popen]:
    """Run `command` until `health_url` answers 200, yield the process, then stop it (terminate, then kill)."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    if httpx.get(health_url, timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{what} did not start: {log_path.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[tuple[int, subprocess.Popen]]:
    """A real `chroma run` on a free loopback port, data in `path`; yields (port, process)."""
    port = free_port()
    command = [_chroma_cli(), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)]
    with _serving(
        command, f"http://127.0.0.1:{port}/api/v2/heartbeat", path.with_suffix(".log"), what="chroma"
    ) as proc:
        yield port, proc


@contextlib.contextmanager
def app_process(data_dir: Path, log_path: Path, **env: str) -> Iterator[str]:
    """`python app.py` in its own process on a free port; yields its base URL."""
    port = free_port()
    environment = env_for(data_dir, XQA_RATE_LIMIT_PER_MINUTE="0", GRADIO_ANALYTICS_ENABLED="False", **env)
    url = f"http://127.0.0.1:{port}"
    with _serving([sys.executable, "app.py", "--port", str(port)], f"{url}/api/health", log_path, environment, "app"):
        yield url


def health_docs(url: str) -> dict[str, int]:
    """doc_id → chunks, as the app's /api/health reports them."""
    got = httpx.get(f"{url}/api/health", timeout=30)
    got.raise_for_status()
    return {d["doc_id"]: d["chunks"] for d in got.json()["documents"]}


def ask(url: str, question: str, doc_ids: list[str] | None = None) -> httpx.Response:
    return httpx.post(f"{url}/api/ask", json={"question": question, "doc_ids": doc_ids}, timeout=60)


def wait_until(check, timeout_s: float, every_s: float = 0.05) -> float:
    """Seconds until `check()` is true; AssertionError after `timeout_s`."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout_s:
            raise AssertionError(f"not true within {timeout_s} s")
        time.sleep(every_s)
    return time.monotonic() - start
