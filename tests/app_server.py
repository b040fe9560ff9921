"""Run the real app (FastAPI + both Gradio mounts) under uvicorn in a thread, on a free
loopback port, for the API and browser tests. A thread, not a process, so the tests can
hand it an index that is already open (embedded Chroma allows one opener per directory).
The server is configured by `web.server.server_config`, as `python app.py` is (proxy headers too)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

from eval.load_test import free_port  # the one free-port helper; re-exported for the tests


@contextlib.contextmanager
def serve(settings, index=None, startup_timeout: float = 120.0) -> Iterator[str]:
    """`web.server.create_app(settings, index)` served on a free port; yields its base URL."""
    with serve_app(settings, index, startup_timeout) as (url, _):
        yield url


@contextlib.contextmanager
def serve_app(settings, index=None, startup_timeout: float = 120.0) -> Iterator[tuple[str, Any]]:
    """Like `serve`, also yielding the FastAPI app (its `state.backend` is the one answering)."""
    from web import server as app

    port = free_port()
    settings = settings.replace(host="127.0.0.1", port=port)
    application = app.create_app(settings, index=index)
    server = uvicorn.Server(app.server_config(application, settings, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"app server on port {port} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", application
    finally:
        server.should_exit = True
        thread.join(timeout=15)
