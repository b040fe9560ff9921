"""`python -m knowledge` / `xinzhi-qa index`: build, add, list, chunks, config.

A thin edge over `KnowledgeIndex`: parse arguments, load settings, print. Results go to
stdout (tables or JSON), progress and per-file problems to stderr; errors become one
line through `run_cli`. `add` exits non-zero when any file failed, after indexing the
others.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from knowledge.errors import DocumentError, UserError, run_cli
from knowledge.settings import Settings, configuration_table, configure_logging
from knowledge.text import display_width


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Manage the Xinzhi QA knowledge index.")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="(re)build the index of the bundled corpus, incrementally and atomically")
    build.add_argument(
        "--rebuild",
        action="store_true",
        help="index everything again into a new collection and switch to it when complete (e.g. after changing "
        "XQA_EMBEDDER); documents you added are re-read from their files",
    )
    build.add_argument(
        "--drop-missing",
        action="store_true",
        help="with --rebuild: drop added documents whose source file can no longer be read",
    )
    build.add_argument(
        "--docs",
        nargs="+",
        metavar="ID",
        help="serve only these bundled documents (ids as in `knowledge list`; default: XQA_CORPUS, `all`)",
    )
    _progress_flag(build)

    add = sub.add_parser("add", help="add or update your own documents (.txt .md .pdf .docx)")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument(
        "--translation-of",
        metavar="ID",
        default="",
        help="the files are (official) translations of the indexed document ID; they are aligned with it",
    )
    _progress_flag(add)

    lst = sub.add_parser("list", help="documents in the index")
    lst.add_argument("--json", action="store_true", help="print a JSON array instead of a table")

    chunks = sub.add_parser("chunks", help="the chunks of the index, in document order")
    chunks.add_argument("--doc", metavar="ID", help="only this document")
    chunks.add_argument("--json", action="store_true", help="one JSON object per line")

    config = sub.add_parser("config", help="the settings in effect by section (the API key hidden), as JSON")
    config.add_argument("--markdown", action="store_true", help="print the README's table of every setting instead")
    return parser


def _progress_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar while embedding (default: when stderr is a terminal)",
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run_cli(lambda: _run(args))
    except BrokenPipeError:  # `python -m knowledge chunks | head`: the reader left, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace) -> int:
    from knowledge.index import KnowledgeIndex

    if args.command == "config" and args.markdown:
        print(configuration_table())
        return 0
    settings = Settings.load()
    if args.command == "config":
        print(json.dumps(settings.redacted(), ensure_ascii=False, indent=2))
        return 0
    configure_logging(settings)
    progress = sys.stderr.isatty() if getattr(args, "progress", None) is None else args.progress

    if args.command == "build":
        if args.docs:
            settings = settings.replace(corpus=",".join(args.docs))
        index = KnowledgeIndex.open(settings, rebuild=args.rebuild)
        report = index.rebuild(progress, args.drop_missing) if args.rebuild else index.build(progress=progress)
        print(f"index built: {report.summary()}")
        return 0

    if args.command == "add":
        index = KnowledgeIndex.open(settings)
        added = index.add(args.paths, progress=progress, translation_of=args.translation_of)
        for f in added.files:
            if f.status == "failed":
                print(f"failed: {f.error}", file=sys.stderr)
            else:
                print(f"{f.status}: {f.path} -> {f.doc_id} ({f.chunks} chunks)")
        if args.translation_of:
            _print_alignments(index, {f.doc_id for f in added.files if f.status != "failed"})
        if added.failed:
            print(f"{len(added.failed)} of {len(added.files)} files failed; the others were indexed", file=sys.stderr)
            return DocumentError.exit_code
        return 0

    index = KnowledgeIndex.open(settings)
    if args.command == "list":
        docs = index.documents()
        if args.json:
            print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
        else:
            _print_table(
                ["id", "title", "date", "language", "chunks", "sections"],
                [[d.doc_id, d.title, d.date, d.lang, d.chunks, d.sections] for d in docs],
            )
            if not docs:
                print("(the index is empty: run `python -m knowledge build`)", file=sys.stderr)
        return 0

    if args.command == "chunks":
        known = [d.doc_id for d in index.documents()]
        if args.doc is not None and args.doc not in known:
            raise UserError(f"no document {args.doc!r} in the index; known: {', '.join(known) or '(none)'}")
        for chunk in index.chunks(args.doc):
            if args.json:
                print(json.dumps(chunk.to_public(), ensure_ascii=False))
            else:
                preview = chunk.text.replace("\n", " ")[:40]
                print(f"{chunk.chunk_id}\t{chunk.tokens}\t{chunk.section_label[:30]}\t{preview}")
        return 0
    raise AssertionError(args.command)  # argparse restricts the choices


def _print_alignments(index, doc_ids: set[str]) -> None:
    from knowledge import alignment_store

    for a in alignment_store.load(index):
        if a.translation_id in doc_ids:
            print(
                f"aligned: {a.translation_id} with {a.source_id}: {len(a.pairs)} sentence pairs, "
                f"{a.unmatched[0]} + {a.unmatched[1]} sentences unmatched"
            )


def _print_table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
