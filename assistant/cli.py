"""`python -m assistant ask|batch`: the command-line face of `Assistant`.

`ask` prints the answer (or the contract's Answer JSON with `--json`); `batch`
reads JSONL questions on stdin and writes one Answer per line, turning a bad line
into an `{"id", "error"}` object instead of stopping the batch. The bundled index
is built on first use.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from assistant.doc_filter import require_known
from knowledge.errors import UserError, XinzhiError, run_cli
from knowledge.settings import Settings, configure_logging

USAGE = (
    "usage: python -m assistant {ask QUESTION [--json] [--generator NAME] [--doc ID]... | batch < in.jsonl > out.jsonl}"
)


def _parser(command: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"python -m assistant {command}")
    if command == "ask":
        p.add_argument("question", help="the question, in Chinese or English")
        p.add_argument("--json", action="store_true", help="print the Answer object as JSON")
    p.add_argument("--generator", help="answer generator (default: XQA_GENERATOR or extractive)")
    p.add_argument("--doc", action="append", dest="doc_ids", metavar="ID", help="restrict to a document (repeatable)")
    p.add_argument("--top-k", type=int, dest="top_k", help="contexts to retrieve")
    return p


def _assistant(args: argparse.Namespace):
    from assistant.pipeline import Assistant

    settings = Settings.load()
    configure_logging(settings)
    return Assistant(settings, generator=args.generator)


def _ask(args: argparse.Namespace, out: TextIO) -> int:
    assistant = _assistant(args)
    require_known(assistant.index, args.doc_ids)
    answer = assistant.ask(args.question, doc_ids=args.doc_ids, top_k=args.top_k)
    if args.json:
        out.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(answer.answer + "\n")
        if answer.citations:
            out.write("\n")
            for c in answer.citations:
                label = c.section_label_en if answer.language == "en" and c.section_label_en else c.section_label
                out.write(f"[{c.n}] {c.doc_title} · {label} ({c.chunk_id})\n")
    return 0


def _batch(args: argparse.Namespace, inp: TextIO, out: TextIO) -> int:
    assistant = _assistant(args)
    for lineno, line in enumerate(inp, 1):
        if not line.strip():
            continue
        record_id = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise UserError('each line must be a JSON object with a "question"')
            record_id = item.get("id", lineno)
            if "question" not in item:
                raise UserError('missing "question"')
            doc_ids = item.get("doc_ids") or args.doc_ids
            require_known(assistant.index, doc_ids)
            answer = assistant.ask(item["question"], history=item.get("history"), doc_ids=doc_ids, top_k=args.top_k)
            obj = {"id": record_id, **answer.to_dict()}
        except json.JSONDecodeError as exc:
            obj = {"id": lineno, "error": f"line {lineno} is not valid JSON: {exc.msg}"}
        except XinzhiError as exc:
            obj = {"id": record_id if record_id is not None else lineno, "error": str(exc)}
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()
    # errors are reported in-band, one object per bad line; the batch itself succeeded
    return 0


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    inp, out = stdin or sys.stdin, stdout or sys.stdout
    if not argv or argv[0] not in {"ask", "batch"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    args = _parser(command).parse_args(rest)
    if command == "ask":
        return run_cli(lambda: _ask(args, out))
    return run_cli(lambda: _batch(args, inp, out))
