"""Which bundled documents are served: `all` by default, or a chosen subset (XQA_CORPUS)."""

from __future__ import annotations

import pytest

from knowledge.corpus import ALL, bundled_documents, bundled_ids, select_ids
from knowledge.errors import ConfigError
from knowledge.settings import Settings


def test_all_is_the_default_and_serves_every_bundled_document():
    assert Settings.load(env={}).corpus == ALL
    assert select_ids(ALL) == bundled_ids()
    assert len(bundled_ids()) == len(set(bundled_ids())) >= 2


def test_a_comma_separated_selection_keeps_manifest_order():
    first, second = bundled_ids()[:2]
    assert select_ids(f" {second}, {first} ") == [first, second]
    assert [m.doc_id for m, _ in bundled_documents(second)] == [second]


def test_the_setting_comes_from_the_environment():
    one = bundled_ids()[0]
    assert Settings.load(env={"XQA_CORPUS": one}).corpus == one


def test_an_unknown_id_is_refused_with_the_known_ones():
    with pytest.raises(ConfigError) as err:
        select_ids("no-such-doc")
    assert "no-such-doc" in str(err.value) and bundled_ids()[0] in str(err.value)
