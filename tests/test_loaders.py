"""Reading user files: every format, every encoding, and one clear error per bad file."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest

from knowledge.errors import DocumentError, UserError
from knowledge.loaders import decode_text, doc_id_for, read_document
from knowledge.pipeline import parse_document, prepare_document, process_document

ZH_TEXT = "第一章 总则\n新质生产力是创新起主导作用的先进生产力质态。\n第二章 路径\n要加快构筑算力竞争优势，持续推进“东数西算”工程。\n"


def _reason(path: Path, settings) -> str:
    with pytest.raises(DocumentError) as err:
        read_document(path, settings)
    assert isinstance(err.value, UserError)  # the edge turns it into one line, exit code 2
    assert err.value.path == str(path)
    return err.value.reason


# ------------------------------------------------------------------ text encodings
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_chinese_text_in_common_encodings(tmp_path, settings, encoding):
    path = tmp_path / f"notes-{encoding}.txt"
    path.write_bytes(ZH_TEXT.encode(encoding))
    meta, text = read_document(path, settings)
    assert text.lstrip("\ufeff") == ZH_TEXT
    assert meta.lang == "zh" and meta.kind == "text"
    assert meta.title == ""  # a chapter heading is no title line: the pipeline falls back to the file name
    meta, chunks = prepare_document(text, meta, settings)
    assert meta.title == f"notes-{encoding}"
    assert [c.section_id for c in chunks] == ["1", "2"]
    assert "东数西算" in chunks[1].text


def test_gb18030_is_really_not_utf8(tmp_path):
    data = ZH_TEXT.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data, "x") == ZH_TEXT


def test_markdown_with_headings(tmp_path, settings):
    path = tmp_path / "Study Notes.md"
    path.write_text(
        "# New quality productive forces\n\nWhy I wrote this.\n\n## 1. Definition\n\nIt is advanced productivity.\n\n"
        "## 2. Computing power\n\nThe East-Data-West-Computing project moves demand west.\n",
        encoding="utf-8",
    )
    meta, text = read_document(path, settings)
    assert (meta.doc_id, meta.title, meta.lang, meta.kind) == (
        "study-notes",
        "New quality productive forces",
        "en",
        "markdown",
    )
    chunks = process_document(text, meta, settings)
    assert [(c.section_id, c.section_label, c.section_label_en) for c in chunks] == [
        ("s1", "New quality productive forces", "New quality productive forces"),
        ("1", "1. Definition", "1. Definition"),
        ("2", "2. Computing power", "2. Computing power"),
    ]
    assert chunks[2].chunk_id == "study-notes:2:000"


def test_docx_headings_become_sections(tmp_path, settings):
    document = docx.Document()
    document.add_heading("算力发展报告", 0)
    document.add_heading("一、现状", 1)
    document.add_paragraph("我国算力发展势头良好。")
    document.add_heading("二、对策", 1)
    document.add_paragraph("持续推进“东数西算”工程。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "指标"
    table.rows[0].cells[1].text = "数值"
    path = tmp_path / "report.docx"
    document.save(path)
    meta, text = read_document(path, settings)
    assert text.splitlines()[:3] == ["# 算力发展报告", "# 一、现状", "我国算力发展势头良好。"]
    assert "指标 | 数值" in text
    assert (meta.title, meta.lang, meta.kind) == ("算力发展报告", "zh", "docx")
    structure = parse_document(text, meta)
    assert [(s.section_id, s.label) for s in structure.sections] == [
        ("s1", "算力发展报告"),
        ("1", "一、现状"),
        ("2", "二、对策"),
    ]
    assert structure.section("2").paragraphs == ["# 二、对策", "持续推进“东数西算”工程。", "指标 | 数值"]


def _pdf_bytes(pages: list[list[str]], title: str) -> bytes:
    """A real, minimal PDF written by hand (one Helvetica text line per entry)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 72 740 Td 14 TL"] + [f"({line}) Tj T*" for line in lines] + ["ET"]
        content = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(f"{k} 0 R" for k in kids).encode(), len(kids))
    objects.append(b"<< /Title (%s) >>" % title.encode("latin-1"))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


def test_pdf_text_is_extracted_and_cleaned(tmp_path, settings):
    page1 = [
        "1. Introduction",
        "Computing power is a key factor of new quality productive forces, and its",
        "supply must grow with demand in every region of the country over the next",
        "decade of development.",
        "The East-Data-West-Computing project moves demand from eastern",
        "1",
    ]
    page2 = [
        "regions to western data centres, where energy is cheaper and land is",
        "plentiful for new sites.",
        "2. Talent",
        "Engineers who design chips and algorithms are scarce and must be trained",
        "2",
    ]
    path = tmp_path / "small.pdf"
    path.write_bytes(_pdf_bytes([page1, page2], "A small PDF"))
    meta, text = read_document(path, settings)
    assert "Computing power is a key factor" in text
    assert (meta.title, meta.kind, meta.lang) == ("A small PDF", "pdf", "en")
    structure = parse_document(text, meta)
    assert [s.section_id for s in structure.sections] == ["1", "2"]
    assert structure.section("1").paragraphs == [
        "1. Introduction",
        "Computing power is a key factor of new quality productive forces, and its supply must grow with demand "
        "in every region of the country over the next decade of development.",
        "The East-Data-West-Computing project moves demand from eastern regions to western data centres, where "
        "energy is cheaper and land is plentiful for new sites.",
    ]


# ------------------------------------------------------------------ bad input
def test_missing_path(tmp_path, settings):
    assert _reason(tmp_path / "nope.txt", settings) == "file does not exist"


def test_directory(tmp_path, settings):
    assert "directory" in _reason(tmp_path, settings)


def test_empty_file(tmp_path, settings):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert _reason(path, settings) == "file is empty"


def test_whitespace_only_file(tmp_path, settings):
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\t\n", encoding="utf-8")
    assert "no text" in _reason(path, settings)


def test_binary_file(tmp_path, settings):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in _reason(path, settings)


def test_binary_file_without_nul_bytes(tmp_path, settings):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 500)
    assert "binary" in _reason(path, settings)


def test_undecodable_text(tmp_path, settings):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9 \xff\xfe\xfd" * 10 + b"\x81\x30")  # neither UTF-8 nor GB18030
    assert "UTF-8" in _reason(path, settings)


def test_encrypted_pdf(tmp_path, settings):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "encrypted" in _reason(path, settings)


def test_corrupt_pdf(tmp_path, settings):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage without xref\n")
    assert "damaged" in _reason(path, settings)


def test_truncated_pdf(tmp_path, settings):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    whole = tmp_path / "whole.pdf"
    with whole.open("wb") as fh:
        writer.write(fh)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole.read_bytes()[:120])
    assert "damaged" in _reason(path, settings)


def test_corrupt_docx(tmp_path, settings):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive")
    assert "not a readable .docx" in _reason(path, settings)


def test_file_over_the_size_limit(tmp_path, settings):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    reason = _reason(path, settings)
    assert "50.0 MB" in reason and "XQA_MAX_FILE_MB" in reason
    assert settings.max_file_mb < 50


def test_size_limit_follows_settings(tmp_path, settings):
    path = tmp_path / "small.txt"
    path.write_text("A short note about productivity." * 100, encoding="utf-8")
    assert "over the limit" in _reason(path, settings.replace(max_file_mb=0.001))
    read_document(path, settings)


def test_unsupported_extension(tmp_path, settings):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"whatever")
    reason = _reason(path, settings)
    assert ".pptx" in reason and ".pdf" in reason


# ------------------------------------------------------------------ ids
def test_doc_ids_are_ascii_slugs_and_keep_chinese_names_apart():
    assert doc_id_for(Path("My Notes (v2).md")) == "my-notes-v2"
    a, b = doc_id_for(Path("政府工作报告.txt")), doc_id_for(Path("工作总结.txt"))
    assert a != b and a.startswith("doc-") and a.isascii()
    assert doc_id_for(Path("报告2024.txt")).startswith("2024-")
    assert doc_id_for(Path("政府工作报告.txt")) == a  # same name, same id: re-adding replaces
