"""`python -m knowledge` as a user runs it: a real subprocess with its own data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run_knowledge

pytestmark = pytest.mark.slow  # every test builds the bundled index in a subprocess

CONTRACT_FIELDS = {
    "chunk_id",
    "doc_id",
    "doc_title",
    "lang",
    "section_id",
    "section_label",
    "section_label_en",
    "section_path",
    "text",
    "tokens",
}


_run = run_knowledge


@pytest.fixture(scope="module")
def cli_data_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-data")
    done = _run(data_dir, "build", "--no-progress", "--docs", *TWO_DOCS)
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    return data_dir


#: the paper and the 2024 report: enough for the CLI, and fast to embed
TWO_DOCS = ("shi-xu-2024", "gwr-2024")


def test_build_again_is_incremental(cli_data_dir):
    done = _run(cli_data_dir, "build", "--docs", *TWO_DOCS)
    assert done.returncode == 0, done.stderr
    assert "2 unchanged" in done.stdout and "0 chunks embedded" in done.stdout


def test_list_table_and_json(cli_data_dir):
    table = _run(cli_data_dir, "list")
    assert table.returncode == 0, table.stderr
    header = table.stdout.splitlines()[0].split()
    assert header == ["id", "title", "date", "language", "chunks", "sections"]
    assert "shi-xu-2024" in table.stdout and "gwr-2024" in table.stdout

    as_json = _run(cli_data_dir, "list", "--json")
    docs = {d["doc_id"]: d for d in json.loads(as_json.stdout)}
    assert set(docs) == {"shi-xu-2024", "gwr-2024"}
    assert docs["gwr-2024"]["date"] == "2024-03-05" and docs["gwr-2024"]["chunks"] > 0


def test_chunks_json_lines(cli_data_dir):
    done = _run(cli_data_dir, "chunks", "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    listed = {d["doc_id"]: d["chunks"] for d in json.loads(_run(cli_data_dir, "list", "--json").stdout)}
    assert len(rows) == sum(listed.values())
    for row in rows:
        assert CONTRACT_FIELDS <= set(row)
        assert {"char_start", "char_end", "paragraph_index", "content_hash"} <= set(row)
        assert isinstance(row["section_path"], list) and row["text"] and row["tokens"] > 0
    only = [
        json.loads(line) for line in _run(cli_data_dir, "chunks", "--doc", "gwr-2024", "--json").stdout.splitlines()
    ]
    assert len(only) == listed["gwr-2024"] and {r["doc_id"] for r in only} == {"gwr-2024"}

    unknown = _run(cli_data_dir, "chunks", "--doc", "nope", "--json")
    assert unknown.returncode != 0 and "nope" in unknown.stderr and "Traceback" not in unknown.stderr


def test_build_docs_serves_the_paper_alone_and_refuses_unknown_ids(tmp_path):
    data_dir = tmp_path / "data"
    done = _run(data_dir, "build", "--no-progress", "--docs", "shi-xu-2024")
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
    docs = json.loads(_run(data_dir, "list", "--json").stdout)
    assert [d["doc_id"] for d in docs] == ["shi-xu-2024"]
    typo = _run(data_dir, "build", "--docs", "shi-xu-2042")
    assert typo.returncode != 0 and "shi-xu-2042" in typo.stderr and "gwr-2024" in typo.stderr
    assert "Traceback" not in typo.stderr


def test_add_with_one_bad_file(tmp_path):
    data_dir = tmp_path / "data"
    good = tmp_path / "notes.md"
    good.write_text(
        "# Notes\n\n## Chips\n\nLithography limits chip production. 光刻机制约芯片生产。\n", encoding="utf-8"
    )
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    done = _run(data_dir, "add", str(good), str(bad), "--no-progress")
    assert done.returncode != 0
    assert "broken.pdf" in done.stderr and "Traceback" not in done.stderr
    assert "notes.md" in done.stdout and "added" in done.stdout

    listed = json.loads(_run(data_dir, "list", "--json").stdout)
    assert [d["doc_id"] for d in listed] == ["notes"]
    again = _run(data_dir, "add", str(good))
    assert again.returncode == 0 and "unchanged" in again.stdout


def test_rebuild_starts_from_scratch(cli_data_dir):
    done = _run(cli_data_dir, "build", "--rebuild", "--no-progress", "--docs", *TWO_DOCS)
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout and "0 unchanged" in done.stdout
