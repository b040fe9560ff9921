"""`python -m assistant ask|batch` against the shared bundled index."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import cli
from assistant.testing import assert_contract


@pytest.fixture
def shared_env(monkeypatch, built_index, shared_settings):
    monkeypatch.setenv("XQA_DATA_DIR", str(shared_settings.data_dir))
    return shared_settings


def test_ask_json_matches_the_contract(shared_env):
    out = io.StringIO()
    assert cli.main(["ask", "我国算力发展存在哪些短板？", "--json"], stdout=out) == 0
    answer = json.loads(out.getvalue())
    assert_contract(answer)
    assert answer["language"] == "zh" and answer["generator"] == "extractive"
    assert "shi-xu-2024:3.8" in {f"{c['doc_id']}:{c['section_id']}" for c in answer["citations"]}
    assert {"retrieve", "generate", "total"} <= set(answer["timings_ms"])


def test_ask_text_lists_the_sources(shared_env):
    out = io.StringIO()
    assert cli.main(["ask", "What is the East Data West Computing project?"], stdout=out) == 0
    text = out.getvalue()
    assert "「" in text and "[1] 加快形成新质生产力的重大战略意义及实现路径研究 · III.8" in text


def test_ask_with_document_filter(shared_env):
    out = io.StringIO()
    assert cli.main(["ask", "新质生产力", "--json", "--doc", "gwr-2024"], stdout=out) == 0
    answer = json.loads(out.getvalue())
    assert {c["doc_id"] for c in answer["contexts"]} == {"gwr-2024"}


def test_unknown_doc_is_an_error_not_an_empty_search(shared_env, capsys):
    assert cli.main(["ask", "新质生产力", "--doc", "gwr-2O24"]) == 2  # a typo: letter O for zero
    err = capsys.readouterr().err
    assert "unknown doc_ids: gwr-2O24" in err and "gwr-2024" in err


def test_empty_question_is_a_clean_error(shared_env, capsys):
    assert cli.main(["ask", "   "]) == 2
    assert "error: the question is empty" in capsys.readouterr().err


def test_unknown_generator_is_a_clean_error(shared_env, capsys):
    assert cli.main(["ask", "算力", "--generator", "gpt-99"]) == 2
    assert "unknown generator" in capsys.readouterr().err


def test_batch_survives_bad_lines(shared_env):
    lines = [
        {"id": "q1", "question": "我国算力发展存在哪些短板？"},
        "this line is not json",
        {"id": "q3", "question": ""},
        {
            "id": "q4",
            "question": "What about Japan?",
            "history": [
                {"role": "user", "content": "What is Germany's industrial strategy according to the paper?"},
                {"role": "assistant", "content": "Germany focuses on industrial upgrading."},
            ],
        },
        {"id": "q5"},
        [1, 2],
    ]
    stdin = io.StringIO("\n".join(json.dumps(x) if not isinstance(x, str) else x for x in lines) + "\n")
    out = io.StringIO()
    assert cli.main(["batch"], stdin=stdin, stdout=out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in results] == ["q1", 2, "q3", "q4", "q5", 6]
    assert_contract(results[0])
    assert_contract(results[3])
    assert "shi-xu-2024:1.5" in {f"{c['doc_id']}:{c['section_id']}" for c in results[3]["citations"]}
    for bad in (results[1], results[2], results[4], results[5]):
        assert set(bad) == {"id", "error"} and bad["error"]


def test_module_entry_point_runs_in_a_fresh_process(shared_env):
    env = {**os.environ, "XQA_DATA_DIR": str(shared_env.data_dir), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "Who won the 2022 World Cup?", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["refused"] and answer["language"] == "en"
    assert_contract(answer)
