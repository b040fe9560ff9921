"""No product code knows a particular document (issue 8): no bundled document's id, title or English
title appears in `assistant/`, `knowledge/` or `web/` code. What is specific to one text is data (its
manifest entry, `knowledge/data/`) or derived from its text at index time."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("assistant", "knowledge", "web")


def _needles() -> set[str]:
    manifest = json.loads((ROOT / "knowledge" / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    out = set()
    for doc in manifest["documents"]:
        out.add(doc["id"])
        out.update(doc[k] for k in ("title", "title_en") if doc.get(k))
    return out


def test_no_bundled_document_is_named_in_product_code():
    needles = [re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])") for n in sorted(_needles())]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {pattern.pattern}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for pattern in needles
        if pattern.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_check_sees_an_id():
    """The pattern finds an id as a word, not inside a longer one."""
    pattern = re.compile(r"(?<![\w-])" + re.escape("gwr-2022") + r"(?![\w-])")
    assert pattern.search('doc = "gwr-2022"') and not pattern.search("gwr-2022-en")
