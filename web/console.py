"""The `xinzhi-qa` console script: one word per part, each part owns its own parser.

It lives in the web package, the product's outermost layer, because it dispatches to
every other layer (the library packages never import the product).

    xinzhi-qa serve ...      -> web.server.main   (same as `python app.py`)
    xinzhi-qa index ...      -> knowledge.cli.main   (build, add, list, chunks)
    xinzhi-qa ask|batch ...  -> assistant.cli.main
    xinzhi-qa eval ...       -> eval.cli.main        (run, compare, bench)

Imports are lazy so `xinzhi-qa index list` does not load Gradio.
"""

from __future__ import annotations

import sys

USAGE = """usage: xinzhi-qa COMMAND [ARGS]

commands:
  serve            start the chat UI and JSON API (same as `python app.py`)
  index ...        build | add PATH... | list | chunks   (same as `python -m knowledge`)
  ask QUESTION     answer one question (`--json` for the Answer object)
  batch            JSONL questions on stdin -> JSONL answers on stdout
  eval ...         run | compare | bench   (same as `python -m eval`)
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "serve":
        from web import server

        return server.main(rest)
    if command == "index":
        from knowledge import cli as knowledge_cli

        return knowledge_cli.main(rest)
    if command in {"ask", "batch"}:
        from assistant import cli as assistant_cli

        return assistant_cli.main(argv)
    if command == "eval":
        from eval import cli as eval_cli

        return eval_cli.main(rest)
    print(f"unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
