"""Read a user's file (.txt .md .pdf .docx) into (DocumentMeta, raw text).

Why here and not in the index: every way a file can be unusable (missing, a
directory, empty, binary, not UTF-8/GB18030, encrypted or corrupt PDF, too big,
unsupported type) becomes one `DocumentError` with a reason a user can act on, so
`index add` can report it per file and go on with the rest of the batch. The text
returned is raw: cleaning and structure detection are the pipeline's job, the same
as for the bundled corpus. .docx headings become Markdown `#` lines so the same
structure detection finds them.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.headings import MARKDOWN_HEADING_RE
from knowledge.models import DocumentMeta
from knowledge.settings import Settings
from knowledge.text import mostly_han

#: bytes sniffed for NUL bytes before decoding
_SNIFF_BYTES = 8192
#: a .docx/.pdf may unpack to at most this many times XQA_MAX_FILE_MB (text, XML): a zip bomb does not
_UNPACKED_FACTOR = 10
#: largest compression ratio of one .docx member (Office XML compresses about 5-20x; bombs 1000x)
_MAX_ZIP_RATIO = 200
#: share of a GB18030/Big5 decoding's non-ASCII characters that must be common ones (see `_plausible`)
_PLAUSIBLE_SHARE = 0.9
_HEADING_STYLE_RE = re.compile(r"^Heading\s*(\d)$", re.IGNORECASE)


def read_document(path: Path | str, settings: Settings) -> tuple[DocumentMeta, str]:
    """Metadata and raw text of one file, or DocumentError saying why it cannot be used."""
    path = Path(path)
    shown = str(path)
    if not path.exists():
        raise DocumentError(shown, "file does not exist")
    if path.is_dir():
        raise DocumentError(shown, "is a directory, not a file (pass the files inside it)")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        supported = ", ".join(sorted(_READERS))
        raise DocumentError(shown, f"unsupported file type {suffix or '(no extension)'!r}; supported: {supported}")
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(shown, "file is empty")
    limit = settings.max_file_mb * 1024 * 1024
    if size > limit:
        raise DocumentError(
            shown,
            f"file is {size / 1024 / 1024:.1f} MB, over the limit of {settings.max_file_mb:g} MB (XQA_MAX_FILE_MB)",
        )
    text, title = reader(path, int(limit * _UNPACKED_FACTOR))
    text = text.replace("\x00", "")
    if not text.strip():
        raise DocumentError(
            shown, "no text found in the file" + (" (a scanned PDF has no text layer)" if suffix == ".pdf" else "")
        )
    meta = DocumentMeta(
        doc_id=doc_id_for(path),
        title=title or _markdown_title(text),  # else the text's title line or the file name (pipeline)
        lang=detect_lang(text),
        kind=_KINDS[suffix],
        source_path=str(path.resolve()),
    )
    return meta, text


# ------------------------------------------------------------------ ids, titles, language
def doc_id_for(path: Path) -> str:
    """ASCII slug of the file name; names with non-ASCII characters get a short hash suffix.

    `My Notes.md` → `my-notes`; `报告2024.txt` → `2024-1a2b3c4d`; `政府工作报告.txt` →
    `doc-9f86d081`: distinct Chinese names stay distinct, the same name keeps its id.
    """
    stem = unicodedata.normalize("NFKC", path.stem)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")
    if stem.isascii() and slug:
        return slug
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


#: a year a file name may carry (1950-2099), not part of a longer number
_NAME_YEAR = r"(?<!\d)(19[5-9]\d|20\d\d)"
#: a date in a file name: 20220429, 202204, 2022-04-29, 2022_04, 2022.4, 2022年4月29日, or the year alone
_NAME_DATE = re.compile(
    _NAME_YEAR
    + r"(?:(0[1-9]|1[0-2])([0-2]\d|3[01])?(?!\d)|(?:[-_. 年](0?[1-9]|1[0-2])(?!\d)(?:[-_. 月](0?[1-9]|[12]\d|3[01])(?!\d))?)?(?!\d))"
)


def date_in_file_name(stem: str) -> str:
    """The date a file's name gives (YYYY, YYYY-MM or YYYY-MM-DD), "" if none or several: archives name a text by
    its day (`20220429.md`, `pb-2022-04.txt`) while a broadcast readout's text often never states its year."""
    found = {_name_date(m) for m in _NAME_DATE.finditer(unicodedata.normalize("NFKC", stem))}
    return found.pop() if len(found) == 1 else ""


def _name_date(m: re.Match[str]) -> str:
    """YYYY[-MM[-DD]] of one `_NAME_DATE` match; a day the month does not have is dropped."""
    year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    if not month:
        return year
    if day and int(day) > calendar.monthrange(int(year), int(month))[1]:
        day = None
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def detect_lang(text: str) -> str:
    """zh when the first 20 000 characters are Chinese text (`knowledge.text.mostly_han`), else en."""
    return "zh" if mostly_han(text[:20000]) else "en"


def _markdown_title(text: str) -> str:
    """The first Markdown heading (a plain title line is read by `knowledge.front_matter`)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:200]:
        if m := MARKDOWN_HEADING_RE.match(line):
            return m.group(2)
    return ""


# ------------------------------------------------------------------ readers
def _read_text(path: Path, _unpacked_limit: int) -> tuple[str, str]:
    data = path.read_bytes()
    return decode_text(data, str(path)), ""


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, then GB18030 or Big5 when the result reads as text.

    GB18030 decodes nearly any byte string, so a decoding is only accepted when its
    characters are the common ones of that encoding (see `_plausible`): Big5 text or
    random bytes decoded as GB18030 are refused instead of being indexed as mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(shown, "looks like UTF-16 but cannot be decoded") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise DocumentError(shown, "binary file (contains NUL bytes), not text")
    decoded_somehow = False
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded_somehow = True
        if _control_share(text) > 0.01:
            raise DocumentError(shown, "binary file (control characters), not text")
        if encoding == "utf-8-sig" or _plausible(text, encoding):
            return text
    if decoded_somehow:
        raise DocumentError(
            shown,
            "cannot tell the text's encoding: decoded as GB18030 or Big5 it is mostly rare characters "
            "(mojibake), so it is probably another encoding or not text; save it as UTF-8",
        )
    raise DocumentError(shown, "cannot decode the text: it is neither UTF-8 nor GB18030/GBK nor Big5; save it as UTF-8")


def _plausible(text: str, encoding: str) -> bool:
    """Are the non-ASCII characters of a legacy decoding mostly common ones?

    Common = GB2312 symbols and level-1 characters (the 3,755 frequent ones; lead byte
    below 0xD8) for a GB18030 decoding, Big5 symbols and frequent characters (lead byte
    up to 0xC6) for Big5. Real text scores above 0.97; Big5 read as GB18030, or random
    byte pairs, about 0.5 or less.
    """
    sample = [c for c in text[:20000] if ord(c) > 0x7F and not c.isspace()]
    if not sample:
        return True
    codec, last_lead = ("big5", 0xC6) if encoding == "big5" else ("gb2312", 0xD7)
    common = 0
    for ch in sample:
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(raw) == 2 and raw[0] <= last_lead
    return common / len(sample) >= _PLAUSIBLE_SHARE


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls / max(1, len(sample))


def _read_pdf(path: Path, unpacked_limit: int) -> tuple[str, str]:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    shown = str(path)
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(shown, "PDF is encrypted (password protected); save an unprotected copy and add that")
        pages, size = [], 0
        for page in reader.pages:  # pypdf caps each stream; this caps the whole document
            pages.append(page.extract_text() or "")
            size += len(pages[-1].encode("utf-8"))
            if size > unpacked_limit:
                raise DocumentError(shown, _unpacked_message(unpacked_limit))
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (FileNotDecryptedError, DependencyError):
        raise DocumentError(
            shown, "PDF is encrypted and cannot be decrypted; save an unprotected copy and add that"
        ) from None
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, zipfile.BadZipFile) as exc:
        raise DocumentError(shown, f"PDF is damaged or not a PDF ({type(exc).__name__}: {exc})") from None
    return "\n".join(page.rstrip("\n") for page in pages), str(title).strip()


def _read_docx(path: Path, unpacked_limit: int) -> tuple[str, str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    shown = str(path)
    _check_package(path, unpacked_limit)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(shown, f"not a readable .docx file (damaged or password protected: {exc})") from None
    lines: list[str] = []
    title = (document.core_properties.title or "").strip()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                if any(cells):
                    lines.append(" | ".join(cells))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        if style == "Title":
            title = title or text
            lines.append(f"# {text}")
        elif m := _HEADING_STYLE_RE.match(style):
            lines.append(f"{'#' * min(6, int(m.group(1)))} {text}")
        else:
            lines.append(text)
    return "\n".join(lines), title


def _unpacked_message(limit: int) -> str:
    return (
        f"unpacks to more than {limit / 1024 / 1024:.0f} MB ({_UNPACKED_FACTOR} x XQA_MAX_FILE_MB): "
        "refused as a possible decompression bomb"
    )


def _check_package(path: Path, unpacked_limit: int) -> None:
    """Refuse a .docx before parsing it: unpacked size, compression ratio, XML entity tricks."""
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if sum(m.file_size for m in members) > unpacked_limit:
                raise DocumentError(shown, _unpacked_message(unpacked_limit))
            for m in members:
                if m.file_size > 1_000_000 and m.file_size > _MAX_ZIP_RATIO * max(1, m.compress_size):
                    raise DocumentError(
                        shown,
                        f"member {m.filename} is compressed {m.file_size // max(1, m.compress_size)}x: "
                        "refused as a possible decompression bomb",
                    )
                if m.filename.endswith((".xml", ".rels")):
                    with package.open(m) as fh:
                        head = fh.read(4096)
                    if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                        raise DocumentError(
                            shown,
                            f"member {m.filename} declares XML entities (as in a "
                            "'billion laughs' attack); Word never writes those",
                        )
    except zipfile.BadZipFile as exc:
        raise DocumentError(shown, f"not a readable .docx file (damaged or password protected: {exc})") from None


_READERS: dict[str, Callable[[Path, int], tuple[str, str]]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf", ".docx": "docx"}
#: the kinds a loader gives: the file's type, which says nothing of the document's genre
FILE_KINDS = frozenset(_KINDS.values())
