"""The one server: FastAPI (/api/*, /docs) with the Gradio chat at / and /embed/, and
`main`, which `python app.py` and `xinzhi-qa serve` run."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from knowledge.errors import run_cli
from knowledge.settings import Settings, configure_logging


def create_app(settings: Settings, index: Any | None = None):
    """FastAPI app: /api/*, /docs, then Gradio at /embed and at / (mounted last: it catches all).

    The edge guard (installed by `create_api`) learns here which page events of each mount
    compute an answer or write, so it rate-limits them like /api/ask.
    """
    import gradio as gr

    from web.api import create_api
    from web.backend import Backend
    from web.guard import LimitedEvents
    from web.presentation import CSS
    from web.ui import build_blocks, theme

    backend = Backend(settings, index=index)
    limited = LimitedEvents()
    app = create_api(settings, backend, limited)

    @app.get("/embed", include_in_schema=False)
    def embed_slash():  # the mount below only matches /embed/...
        from fastapi.responses import RedirectResponse

        return RedirectResponse("embed/")

    # show_error off: a raised exception's text (paths, hosts) never reaches a toast; the
    # handlers show their own generic messages. No uploads (the guard refuses them too).
    common = {
        "theme": theme(),
        "css": CSS,
        "run_history": False,
        "show_error": False,
        "enable_monitoring": settings.gradio_monitoring,
        "max_file_size": 0,
    }
    app.state.blocks = {}
    for path, embed, links in (("/embed", True, []), ("/", False, ["api"])):
        blocks, limited_fns = build_blocks(backend, settings, embed=embed)
        limited.add(path, limited_fns)
        app.state.blocks[path] = blocks
        gr.mount_gradio_app(app, blocks, path=path, footer_links=links, **common)
    return app


def server_config(app: Any, settings: Settings, **overrides: Any):
    """The uvicorn config of `python app.py` (the tests serve with it too).

    `trusted_proxies` decides whose X-Forwarded-For header names the client, i.e. the
    key of the per-client rate limit; with none, the connecting address is the key.
    """
    import uvicorn

    proxies = list(settings.trusted_proxies)
    options = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level.lower(),
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies or None,
        **overrides,
    }
    return uvicorn.Config(app, **options)


def main(argv: list[str] | None = None) -> int:
    """`python app.py [--host H] [--port P]`: build the bundled index if missing, then serve."""
    parser = argparse.ArgumentParser(prog="xinzhi-qa serve", description="Start the chat UI, /embed and the JSON API.")
    parser.add_argument("--host", help="address to listen on (default: XQA_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: XQA_PORT or 7860)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def run() -> int:
        os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
        settings = Settings.load(overrides={"host": args.host, "port": args.port})
        configure_logging(settings)
        from knowledge.index import KnowledgeIndex

        index = KnowledgeIndex.open(settings)
        index.ensure_built()
        app = create_app(settings, index=index)
        print(
            f"Xinzhi QA: http://{settings.host}:{settings.port}/  (embed: /embed, API: /api/ask, docs: /docs)",
            flush=True,
        )
        import uvicorn

        uvicorn.Server(server_config(app, settings)).run()
        return 0

    return run_cli(run)


if __name__ == "__main__":
    raise SystemExit(main())
