"""The external splits (`eval/external/`): documents the app does not bundle, run on their own index."""

from __future__ import annotations

import pytest

from eval.dataset import EXTERNAL_SPLITS, external_documents, load_splits, split_paths


def test_the_external_splits_resolve_against_their_documents():
    """Their cases load with gold sections from the external texts, read as `knowledge add` reads a file."""
    assert {p.stem for p in external_documents()} >= {"ext-gwr-2021", "ext-plenum-19-6"}
    splits = load_splits(sorted(EXTERNAL_SPLITS))
    for name in EXTERNAL_SPLITS:
        assert split_paths(name)
        assert all(c.doc_id and c.doc_id.startswith("ext-") for c in splits[name])
        assert all(c.section_ids for c in splits[name] if c.answerable)


@pytest.mark.slow
def test_the_external_index_holds_the_bundled_corpus_and_the_external_texts(tmp_path):
    """`open_external_assistant` indexes the external documents beside the bundled corpus in a data dir of its
    own, leaving the app's index as it was, and answers from them."""
    from eval.runner import open_external_assistant
    from knowledge.settings import Settings

    settings = Settings.load(env={"XQA_DATA_DIR": str(tmp_path / "data")})
    assistant = open_external_assistant(settings)
    ids = {d.doc_id for d in assistant.index.documents()}
    assert {p.stem for p in external_documents()} <= ids and "shi-xu-2024" in ids
    assert not (tmp_path / "data" / "index").exists()  # the app's own index is not touched
    answer = assistant.ask("十九届六中全会是在什么时间、什么地点召开的？")
    assert not answer.refused
    assert any(c.doc_id == "ext-plenum-19-6" for c in answer.citations)
