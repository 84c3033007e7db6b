"""DOCX specifics: text boxes once, tracked deletions out, notes and tables in order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gkreview.errors import ExtractionTimeoutError
from gkreview.readers import Limits, extract
from gkreview.readers.base import Context
from gkreview.readers.docx import read_docx
from gkreview.readers.limits import Deadline
from tests.readers._util import READERS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, parts: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        for name, xml in (parts or {}).items():
            z.writestr(name, xml)
    return buf.getvalue()


def test_deleted_text_and_field_codes_are_left_out_of_the_body() -> None:
    body = (
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:tab/><w:t>尾</w:t></w:r></w:p>"
    )
    doc = extract(_docx(body))
    assert doc.text.split("\n")[0] == "保留插入\t尾"
    assert "PAGE" not in doc.text


def test_tracked_deletions_are_reviewed_after_the_body_with_a_warning() -> None:
    # red team: a deleted ID (SYNTHETIC value) travels with the file; Word shows only "（已删除）"
    body = (
        "<w:p><w:r><w:t>身份证号：</w:t></w:r>"
        '<w:del w:id="1" w:author="x"><w:r><w:delText>11010519491231002X</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t>（已删除）</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>第二段没有修订。</w:t></w:r></w:p>"
        '<w:p><w:moveFrom w:id="3" w:author="x"><w:r><w:t>联系电话13800138000</w:t></w:r></w:moveFrom>'
        "<w:r><w:t>移走之后</w:t></w:r></w:p>"
    )
    doc = extract(_docx(body))
    assert doc.status == "ok"
    lines = doc.text.split("\n")
    assert lines[:3] == [
        "身份证号：（已删除）。",
        "第二段没有修订。",
        "移走之后",
    ]  # the body as Word shows it
    assert lines[3:] == [
        "【修订记录中已删除的文字】",
        "身份证号：11010519491231002X。",
        "联系电话13800138000移走之后",
    ]
    assert any(w.startswith("docx_tracked_changes") and "2 paragraph" in w for w in doc.warnings)


def test_a_deleted_id_is_found_by_the_review() -> None:
    import gkreview

    body = (
        "<w:p><w:r><w:t>申请人身份证号：</w:t></w:r>"
        '<w:del w:id="1" w:author="x"><w:r><w:delText>11010519491231002X</w:delText></w:r></w:del></w:p>'
    )
    report = gkreview.review(_docx(body), name="synthetic_tracked_deletion.docx")
    found = report.to_dict()["findings"]
    assert [f["detector"] for f in found if f["detector"] == "cn_resident_id"] == ["cn_resident_id"], found


def test_no_tracked_changes_no_block_and_no_warning() -> None:
    body = '<w:p><w:ins w:id="1" w:author="x"><w:r><w:t>插入的字</w:t></w:r></w:ins></w:p>'
    doc = extract(_docx(body))
    assert doc.text == "插入的字"
    assert not any(w.startswith("docx_") for w in doc.warnings)


def test_hidden_text_is_read_with_a_warning() -> None:
    body = (
        "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>可见</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的13800138000</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>不隐藏</w:t></w:r></w:p>'
    )
    doc = extract(_docx(body))
    assert doc.text == "可见隐藏的13800138000不隐藏"
    assert [w for w in doc.warnings if w.startswith("docx_hidden_text")] == [
        "docx_hidden_text: 1 run(s) of hidden text (not shown by Word) are included in the text"
    ]


def test_document_properties_are_listed_by_name_not_value() -> None:
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>张三丰</dc:creator>'
        "<cp:lastModifiedBy>李四光</cp:lastModifiedBy><dc:title></dc:title></cp:coreProperties>"
    )
    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Company>某某科技有限公司</Company></Properties>"
    )
    doc = extract(
        _docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", {"docProps/core.xml": core, "docProps/app.xml": app})
    )
    assert doc.text == "正文"
    props = [w for w in doc.warnings if w.startswith("docx_properties")]
    assert len(props) == 1
    assert "creator, lastModifiedBy, Company" in props[0]
    assert "张三丰" not in props[0] and "title" not in props[0]


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


class _CountingDeadline(Deadline):
    """A deadline that expires at its ``after``-th check (no wall clock: the test cannot be flaky)."""

    def __init__(self, after: int) -> None:
        super().__init__(3600.0)
        self.after = after
        self.checks = 0

    def check(self, where: str = "") -> None:
        self.checks += 1
        if self.checks >= self.after:
            raise ExtractionTimeoutError(f"deadline reached (at {where})")


def _nested_tables(depth: int, rows: int) -> str:
    """SYNTHETIC: tables nested ``depth`` deep, each cell holding the next table (the shape of a
    2.7 MB real-world DOCX that took 125 s)."""
    inner = "<w:p><w:r><w:t>最内层</w:t></w:r></w:p>"
    for _ in range(depth):
        row = f"<w:tr><w:tc>{inner}</w:tc><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr>"
        inner = f"<w:tbl>{row * rows}</w:tbl><w:p/>"
    return inner


def test_nested_tables_check_the_deadline() -> None:
    data = _docx(_nested_tables(depth=60, rows=1))  # few paragraphs: all the work is in the tables
    deadline = _CountingDeadline(after=3)  # the main part's check, then the first table's
    with pytest.raises(ExtractionTimeoutError):
        read_docx(data, Context(Limits(), deadline))
    assert deadline.checks == 3


def test_nested_tables_are_read_in_order_with_a_deadline_that_does_not_expire() -> None:
    doc = extract(_docx(_nested_tables(depth=3, rows=1)))
    assert doc.status == "ok"
    assert doc.text.split() == ["最内层", "格", "格", "格"]


def test_a_timeout_in_nested_tables_is_the_status_not_ok() -> None:
    doc = extract(_docx(_nested_tables(depth=12, rows=2)), limits=Limits(timeout_s=0.0))
    assert doc.status == "timeout"


def test_a_text_file_named_docx_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "通知.docx"
    path.write_text("关于开展检查工作的通知\n各处室：请于本周内完成。\n", encoding="utf-8")
    doc = extract(path)
    assert (doc.format, doc.status) == ("txt", "ok")
    assert "请于本周内完成" in doc.text
    assert any(w.startswith("extension_mismatch") and ".docx" in w for w in doc.warnings)


def test_a_matching_name_has_no_mismatch_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(_docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"))
    assert not any(w.startswith("extension_mismatch") for w in extract(path).warnings)
    path = tmp_path / "b.txt"
    path.write_text("正文", encoding="utf-8")
    assert not any(w.startswith("extension_mismatch") for w in extract(path).warnings)


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


# the list definitions WPS/Word write for 公文 headings: 一、 （一） 1. （1）
_GONGWEN_LIST = (
    f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="3">'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.", suff="tab")
    + _lvl(3, "decimal", "（%4）")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="4">'
    + _lvl(0, "bullet", "\uf06c", suff="tab")
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>'
)
_STYLES = (
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="H1">'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>'
)
_NUM_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"'
    ' Target="numbering.xml"/>'
    '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    ' Target="styles.xml"/></Relationships>'
)


def _np(text: str, num: str | None = None, lvl: int = 0, style: str | None = None) -> str:
    ppr = ""
    if num is not None:
        ppr = f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'
    if style:
        ppr = f'<w:pStyle w:val="{style}"/>' + ppr
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_automatic_list_numbers_of_gongwen_headings_are_rendered() -> None:
    body = "".join(
        [
            _np("总体要求", "1"),
            _np("指导思想", "1", 1),
            _np("基本原则", "1", 1),
            _np("坚持问题导向", "1", 2),
            _np("坚持统筹推进", "1", 2),
            _np("重点任务", "1"),  # 二、 and the deeper levels restart
            _np("加强组织领导", "1", 1),
            _np("明确责任分工", "1", 3),
            _np("要点", "2"),  # a bullet: no number
            _np("保障措施", style="H1b"),  # numbered through its style (basedOn H1): 三、
            _np("新的清单", "5"),  # another list instance that restarts at 1
        ]
    )
    parts = {
        "word/numbering.xml": _GONGWEN_LIST,
        "word/styles.xml": _STYLES,
        "word/_rels/document.xml.rels": _NUM_RELS,
    }
    doc = extract(_docx(body, parts))
    assert doc.status == "ok"
    assert doc.text.split("\n") == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.坚持问题导向",
        "2.坚持统筹推进",
        "二、重点任务",
        "（一）加强组织领导",
        "（1）明确责任分工",
        "要点",
        "三、保障措施",
        "一、新的清单",
    ]


def test_a_docx_without_numbering_is_unchanged() -> None:
    doc = extract(_docx(_np("总体要求", "1")))
    assert doc.text == "总体要求"


def test_chinese_counting_and_other_formats() -> None:
    from gkreview.readers.listnum import format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 21, 105, 1200)] == [
        "一", "十", "十一", "二十", "二十一", "一百零五", "一千二百",
    ]  # fmt: skip
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"
