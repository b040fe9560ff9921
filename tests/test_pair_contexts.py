"""An answer shows at least the top 5 contexts even when both sides of a translation pair were retrieved.

Merging a document and its translation into one context per place can collapse several retrieved
chunks into one; the pipeline then fetches the next-ranked places (docs/contract.md: `contexts`
lists at least the top 5). Restricting the search to the pair makes every hit a merge candidate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent.parent / "eval" / "data" / "gwr-2022.jsonl"


def _question(case_id: str) -> str:
    for line in CASES.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["id"] == case_id:
            return case["question"]
    raise LookupError(case_id)


@pytest.mark.parametrize("case_id", ["g22-en-number-003", "g22-en-fact-001"])
def test_merging_a_translation_pair_keeps_at_least_top_k_contexts(assistant, case_id):
    answer = assistant.ask(_question(case_id), doc_ids=["gwr-2022", "gwr-2022-en"], top_k=5)
    assert len(answer.contexts) >= 5
    ids = [c.chunk_id for c in answer.contexts]
    assert len(set(ids)) == len(ids)  # refilled with new places, not repeats
