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
def assistant(built_index, shared_settings):
    """The real assistant over the shared index, offline extractive generator."""
    from assistant.pipeline import Assistant

    return Assistant(shared_settings, index=built_index)


@pytest.fixture
def chroma_server_process(tmp_path):
    """A real Chroma server (`chroma run` on a free loopback port): yields (port, process)."""
    from fault_support import chroma_server_process

    with chroma_server_process(tmp_path / "chroma-data") as running:
        yield running
