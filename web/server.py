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
    """FastAPI app: /api/*, /docs, then Gradio at /embed and at / (mounted last: it catches all)."""
    import gradio as gr

    from web.api import create_api
    from web.backend import Backend
    from web.presentation import CSS
    from web.ui import build_blocks, theme

    backend = Backend(settings, index=index)
    app = create_api(settings, backend)
    @app.get("/embed", include_in_schema=False)
    def embed_slash():  # the mount below only matches /embed/...
        from fastapi.responses import RedirectResponse

        return RedirectResponse("embed/")

    common = {"theme": theme(), "css": CSS, "run_history": False, "show_error": True}
    gr.mount_gradio_app(app, build_blocks(backend, settings, embed=True), path="/embed", footer_links=[], **common)
    gr.mount_gradio_app(app, build_blocks(backend, settings), path="/", footer_links=["api"], **common)
    return app


def server_config(app: Any, settings: Settings, **overrides: Any):
    """The uvicorn config of `python app.py` (the tests serve with it too).

    `trusted_proxies` decides whose X-Forwarded-For header names the client, i.e. the
    key of the per-client rate limit; with none, the connecting address is the key.
    """
    import uvicorn

    proxies = list(settings.trusted_proxies)
    options = {"host": settings.host, "port": settings.port, "log_level": settings.log_level.lower(),
               "proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or None, **overrides}
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
        print(f"Xinzhi QA: http://{settings.host}:{settings.port}/  (embed: /embed, API: /api/ask, docs: /docs)",
              flush=True)
        import uvicorn

        uvicorn.Server(server_config(app, settings)).run()
        return 0

    return run_cli(run)


if __name__ == "__main__":
    raise SystemExit(main())
