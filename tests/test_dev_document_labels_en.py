"""Hand-written English section labels of the development documents that had generated ones.

An English reader sees `label_en` in every citation; for these documents the manifest now
carries one per section, so none may fall back to a generated (dictionary-gloss) label, keep
a Chinese character, or lose the document's numbering. The held-out documents are left out on
purpose: they stand in for texts users add, which only ever get generated labels.
"""

from __future__ import annotations

import re

import pytest

from knowledge.cleaning import clean_text
from knowledge.corpus import bundled_documents
from knowledge.labels_en import fill_labels, numbering
from knowledge.structure import parse_structure
from knowledge.text import has_han

LABELLED = ("gwr-2022", "cpc20-report", "plenum-2024-decision")
# "IV.2 …" (a part's section), "II, item 5: …" (a continuously numbered item), "XII. …" (a part)
_NUMBERING = re.compile(r"^([IVXL]+)(?:\.(\d+) |, item (\d+): |\. )")


@pytest.fixture(scope="module")
def structures():
    return {
        meta.doc_id: (meta, fill_labels(parse_structure(clean_text(raw), meta), meta, gloss=lambda w: ""))
        for meta, raw in bundled_documents(",".join(LABELLED))
    }


@pytest.mark.parametrize("doc_id", LABELLED)
def test_every_section_has_a_hand_written_english_label(structures, doc_id):
    meta, structure = structures[doc_id]
    ids = [s.section_id for s in structure.sections]
    assert set(meta.section_labels_en) == set(ids), "a label for a section the text lacks, or a section unlabelled"
    for section in structure.sections:
        assert not section.label_en_generated, section.section_id
        assert section.label_en == meta.section_labels_en[section.section_id]
        assert not has_han(section.label_en), (section.section_id, section.label_en)
        assert section.label_en.isascii() and len(section.label_en) > 10, (section.section_id, section.label_en)


@pytest.mark.parametrize("doc_id", LABELLED)
def test_labels_keep_the_documents_numbering(structures, doc_id):
    _, structure = structures[doc_id]
    for section in structure.sections:
        head = numbering(section)[0]  # "III.8" / "III." from the section id; "" for front matter, opening, closing
        if not head:
            assert not _NUMBERING.match(section.label_en), (section.section_id, section.label_en)
            continue
        part, _, sub = head.partition(".")
        m = _NUMBERING.match(section.label_en)
        assert m, (section.section_id, section.label_en)
        assert (m.group(1), m.group(2) or m.group(3) or "") == (part, sub), (section.section_id, section.label_en)


def test_section_labels_are_distinct(structures):
    for doc_id, (_, structure) in structures.items():
        labels = [s.label_en for s in structure.sections]
        assert len(set(labels)) == len(labels), doc_id
