"""Fault suite, storage and input: a damaged store or a hostile file gives one clear line.

Each case runs the real command line (`python -m knowledge`) against a data dir that
was damaged the way it happens in practice: bytes overwritten, a file cut short, a
broken manifest, a read-only or full disk. Then one `add` batch mixes good files with
hostile ones (billion laughs, zip bomb, symlink loop, random bytes) and Big5 text.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fault_support import knowledge_cli, synthetic_doc

from knowledge.index import KnowledgeIndex
from knowledge.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A data dir holding one added document (built once, copied by each case)."""
    root = tmp_path_factory.mktemp("pristine")
    data = root / "data"
    index = KnowledgeIndex.open(Settings.load(env={"XQA_DATA_DIR": str(data)}))
    assert index.add([synthetic_doc(root / "base.txt", "基准标记", paragraphs=4, seed=9)], progress=False).ok
    return data


def _copy(pristine: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(pristine, data)
    return data


def _one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1 and lines[0].startswith("error: "), done.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("damage", ["overwritten", "truncated"])
def test_a_damaged_database_file(pristine, tmp_path, damage):
    data = _copy(pristine, tmp_path)
    db = data / "index" / "chroma" / "chroma.sqlite3"
    if damage == "overwritten":
        with db.open("r+b") as fh:
            fh.write(random.Random(1).randbytes(8192))
    else:
        os.truncate(db, db.stat().st_size // 3)
    for command in (["list"], ["add", str(synthetic_doc(tmp_path / "x.txt", "新增标记", 2, 1))]):
        _one_line_error(knowledge_cli(data, *command), str(db.parent), "damaged", "build")


def test_a_broken_manifest_and_the_way_out(pristine, tmp_path):
    data = _copy(pristine, tmp_path)
    index = KnowledgeIndex.open(Settings.load(env={"XQA_DATA_DIR": str(data)}))
    metadata = dict(index.store._root.metadata)
    metadata["xqa_manifest"] = '{"docs": [{"doc_id": "base"'  # cut short
    index.store._root.modify(metadata=metadata)
    del index
    _one_line_error(knowledge_cli(data, "list"), "manifest", "broken", "--rebuild")
    rebuilt = knowledge_cli(data, "build", "--rebuild", "--no-progress", XQA_CORPUS="shi-xu-2024")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "shi-xu-2024" in knowledge_cli(data, "list").stdout


@contextlib.contextmanager
def _read_only(path: Path):
    """Make a directory tree unwritable, for root too (immutable flag) when possible."""
    targets = [path, *[p for p in path.rglob("*")]]
    if os.geteuid() == 0:
        flagged = subprocess.run(["chattr", "+i", *map(str, targets)], capture_output=True)
        if flagged.returncode != 0:
            pytest.skip(f"cannot make a directory read-only for root here: {flagged.stderr.decode()[:200]}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, targets)], capture_output=True)
    else:
        modes = {p: p.stat().st_mode for p in targets}
        for p in targets:
            p.chmod(modes[p] & ~0o222)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)


def test_a_read_only_data_dir(pristine, tmp_path):
    data = _copy(pristine, tmp_path)
    doc = synthetic_doc(tmp_path / "y.txt", "只读标记", 2, 2)
    with _read_only(data / "index"):
        _one_line_error(knowledge_cli(data, "add", str(doc)), str(data / "index"))


def test_a_full_disk(tmp_path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        doc = synthetic_doc(tmp_path / "big.txt", "满盘标记", paragraphs=200, seed=6)
        _one_line_error(knowledge_cli(mount / "data", "add", str(doc)), "space", str(mount))
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ------------------------------------------------------------------ hostile and odd files
def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("测试文件", level=1)
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _billion_laughs(path: Path) -> Path:
    good = _docx(path.with_name("template.docx"), "模板")
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, lol if item.filename == "word/document.xml" else src.read(item))
    return path


def _zip_bomb(path: Path) -> Path:
    good = _docx(path.with_name("template2.docx"), "模板")
    shutil.copy(good, path)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("word/media/padding.bin", "w", force_zip64=True) as fh,
    ):
        block = bytes(1 << 20)
        for _ in range(300):  # 300 MB of zeros, about 300 KB compressed
            fh.write(block)
    return path


def test_hostile_files_are_isolated_and_the_batch_goes_on(tmp_path):
    data = tmp_path / "data"
    good = synthetic_doc(tmp_path / "good.txt", "良好标记", 3, 7)
    laughs = _billion_laughs(tmp_path / "laughs.docx")
    bomb = _zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    noise = tmp_path / "noise.txt"
    rng = random.Random(3)  # random byte pairs that GB18030 decodes without error: mojibake if accepted
    noise.write_bytes(
        b"".join(
            bytes([rng.randint(0x81, 0xFE), rng.choice([*range(0x40, 0x7F), *range(0x80, 0xFF)])])
            for _ in range(20_000)
        )
    )
    big5 = tmp_path / "big5.txt"
    traditional = "一、新質生產力\n\n新質生產力是創新起主導作用，擺脫傳統經濟增長方式的先進生產力質態。\n"
    big5.write_bytes(traditional.encode("big5"))
    last = _docx(tmp_path / "last.docx", "最后一份正常文件，含有结尾标记。")

    done = knowledge_cli(data, "add", str(good), str(laughs), str(bomb), str(loop), str(noise), str(big5), str(last))
    assert done.returncode == 2, done.stderr
    failed = {line.split(": ")[1]: line for line in done.stderr.splitlines() if line.startswith("failed: ")}
    assert set(failed) == {str(laughs), str(bomb), str(loop), str(noise)}, done.stderr
    assert "entities" in failed[str(laughs)] and "bomb" in failed[str(bomb)] and "encoding" in failed[str(noise)]
    assert "Traceback" not in done.stderr

    index = KnowledgeIndex.open(Settings.load(env={"XQA_DATA_DIR": str(data)}))
    docs = {d.doc_id for d in index.documents()}
    assert docs == {"good", "big5", "last"}
    assert any("擺脫傳統經濟增長方式" in c.text for c in index.chunks("big5"))  # Big5 read as Big5
