"""Folds of whole documents for the cross-validations that fit the learned parts.

Why one place: the sentence ranker and the refusal decision are both judged on documents their models never saw,
and the refusal's features come from rankers refitted without each fold; the two must split documents the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

#: folds of whole documents: a bound on the work (each fold is a refit), not a tuned figure. Leaving one document out
#: at a time was affordable on 17 documents; on 257 the refusal's nested estimate (leave two out) would fit about
#: 130,000 models
FOLDS = 10


def balanced_folds(sizes: Mapping[str, int], k: int = FOLDS) -> dict[str, int]:
    """Document → fold: whole documents in `k` folds of about as many items each (the largest documents first, each
    to the fold with the fewest so far; ties by name, so the split is the same on every run). With no more
    documents than `k`, each document is a fold of its own."""
    load = [0] * min(k, len(sizes))
    out = {}
    for doc in sorted(sizes, key=lambda d: (-sizes[d], d)):
        fold = min(range(len(load)), key=lambda f: (load[f], f))
        out[doc] = fold
        load[fold] += sizes[doc]
    return out
