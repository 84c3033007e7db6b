"""Redacting a partly read document fails closed: exit 1 and complete=false (values SYNTHETIC)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from docx import Document as DocxDocument


def _docx(path, with_embedded: bool):
    d = DocxDocument()
    d.add_paragraph("申请人身份证号码：11010519491231002X，手机13800138000。")
    d.save(path)
    if with_embedded:
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 not read")
    return path


def _redact(src, out):
    return subprocess.run(
        [sys.executable, "-m", "gkreview", "redact", str(src), "-o", str(out), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_partly_read_source_exits_1(tmp_path):
    proc = _redact(_docx(tmp_path / "a.docx", True), tmp_path / "a.red.docx")
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["complete"] is False and result["source_status"] != "ok"
    assert result["counts"]  # what could be read was still masked


def test_fully_read_source_exits_0(tmp_path):
    proc = _redact(_docx(tmp_path / "b.docx", False), tmp_path / "b.red.docx")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["complete"] is True
