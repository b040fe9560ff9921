"""Shared fixtures: every test gets its own data dir; the bundled index is built once.

Tests never touch the user's real data dir: `XQA_*` variables from the developer's
shell are removed and `XQA_DATA_DIR` points at a temp dir (the pattern of llm's
tests/conftest.py). Building the bundled index is the expensive step, so one
session-wide index is shared by the tests that only read it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from knowledge.settings import Settings

# Tests run with no network: make any accidental hub download fail fast instead of hanging.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ["ANONYMIZED_TELEMETRY"] = "False"


#: fixtures that cost tens of seconds: the full bundled-corpus index build, a Chroma server process
SLOW_FIXTURES = frozenset({"built_index", "assistant", "chroma_server_process"})
#: markers of tests that start real processes or a browser
SLOW_MARKERS = ("server", "browser")


def pytest_addoption(parser):
    parser.addoption(
        "--fault-runs",
        type=int,
        default=int(os.environ.get("FAULT_RUNS", "0") or 0) or None,
        help="randomised runs per store mode of the concurrent-writer fault tests "
        "(default: tests/test_fault_writers.py's CI count; env FAULT_RUNS)",
    )


def pytest_collection_modifyitems(config, items):
    """Mark `slow` every test that builds the full index or starts a server or browser, so
    `pytest -m "not slow"` is the fast tier; the plain `pytest` run still runs everything."""
    for item in items:
        uses = SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if uses or any(item.get_closest_marker(m) for m in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    for key in list(os.environ):
        if key.startswith("XQA_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XQA_DATA_DIR", str(tmp_path / "xqa-data"))


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings whose data dir is this test's own temp dir."""
    return Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "xqa-data")})


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shared-index")


@pytest.fixture(scope="session")
def shared_settings(shared_data_dir) -> Settings:
    """Settings of the session-wide index of the bundled corpus (read-only for tests)."""
    return Settings.load(env={"XQA_DATA_DIR": str(shared_data_dir)})


@pytest.fixture(scope="session")
def built_index(shared_settings):
    """The bundled corpus indexed once with the real default embedder and real Chroma."""
    from knowledge.index import KnowledgeIndex

    index = KnowledgeIndex.open(shared_settings)
    index.build(progress=False)
    return index


@pytest.fixture(scope="session")
def document_index(tmp_path_factory):
    """A factory: `make(name, text)` → (settings, index) of a fresh index holding only the
    user-added document `name` with `text` (small, so fast to build and to answer from)."""
    from knowledge.index import KnowledgeIndex

    def make(name: str, text: str):
        root = tmp_path_factory.mktemp("doc-index")
        doc = root / name
        doc.write_text(text, encoding="utf-8")
        settings = Settings.load(env={"XQA_DATA_DIR": str(root / "data")})
        index = KnowledgeIndex.open(settings)
        report = index.add([doc], progress=False)
        assert report.ok, report
        return settings, index

    return make


@pytest.fixture(scope="session")
def assistant(built_index, shared_settings):
    """The real assistant over the shared index, offline extractive generator."""
    from assistant.pipeline import Assistant

    return Assistant(shared_settings, index=built_index)


@pytest.fixture
def chroma_server_process(tmp_path):
    """A real Chroma server (`chroma run` on a free loopback port): yields (port, process)."""
    from fault_support import chroma_server

    with chroma_server(tmp_path / "chroma-data") as server:
        yield server
