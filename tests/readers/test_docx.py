"""DOCX specifics: text boxes once, tracked deletions out, notes and tables in order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from gkreview.readers import extract
from tests.readers._util import READERS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def test_deleted_text_and_field_codes_are_left_out() -> None:
    body = (
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:tab/><w:t>尾</w:t></w:r></w:p>"
    )
    doc = extract(_docx(body))
    assert doc.text == "保留插入\t尾"


def test_nested_table_cells() -> None:
    inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"
        f"<w:tc>{inner}</w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert extract(_docx(body)).text == "甲\t内\n乙"


def test_text_box_is_read_once_and_after_its_paragraph() -> None:
    doc = extract(READERS / "golden.docx")
    lines = doc.text.splitlines()
    assert lines.count("此件公开发布") == 1
    assert lines.index("此件公开发布") == lines.index("三级公立医院绩效考核工作的意见") + 1


def test_order_header_body_notes_footer() -> None:
    text = extract(READERS / "golden.docx").text
    assert (
        text.index("国务院办公厅\n")
        < text.index("国办发")
        < text.index("本文件有删减。")
        < text.index("国务院办公厅印发")
    )


def test_a_docx_of_only_pictures_needs_ocr(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p/></w:body></w:document>')
        z.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n")
    assert extract(buf.getvalue()).status == "needs_ocr"


def test_embedded_objects_make_the_document_partial() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>正文见附表</w:t></w:r></w:p></w:body></w:document>',
        )
        z.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK\x03\x04")
    doc = extract(buf.getvalue())
    assert doc.status == "partial"
    assert doc.text == "正文见附表"
    assert any("embedded" in w for w in doc.warnings)
