"""A document filter names documents the index holds, or it is refused.

A typo in `--doc` or `doc_ids` would otherwise search nothing and refuse every question
as unanswerable; the CLI and the web backend both check with this one function.
"""

from __future__ import annotations

from typing import Any

from knowledge.errors import UserError


def require_known(index: Any, doc_ids: list[str] | None) -> None:
    """Raise UserError naming the unknown ids (and the known ones) if any id is not indexed."""
    if not doc_ids:
        return
    known = {d.doc_id for d in index.documents()}
    unknown = sorted(set(doc_ids) - known)
    if unknown:
        raise UserError(f"unknown doc_ids: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
