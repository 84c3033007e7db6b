"""Redaction (区分处理): the redacted output, extracted again with gkreview.extract, no longer holds
the values. All values here are SYNTHETIC (valid checksums, no real person)."""

from __future__ import annotations

import json

import pytest

import gkreview
from gkreview.cli import main
from gkreview.redact import RedactionResult, redact

ID = "11010519491231002X"  # GB 11643 test vector
MOBILE = "13812345678"
CARD = "6222021234567890128"
ADDR_TAIL = "南池子大街12号3单元401室"
TEXT = (
    "关于某某同志情况的报告\n"
    f"姓名：张三，身份证号：{ID}，手机：{MOBILE}。\n"
    f"家庭住址：北京市东城区东华门街道{ADDR_TAIL}。\n"
    f"银行卡号：{CARD}。\n"
    "妥否，请批示。\n"
)
VALUES = (ID, MOBILE, CARD, ADDR_TAIL, "张三")


def _assert_clean(text: str) -> None:
    compact = "".join(text.split())
    for v in VALUES:
        assert v not in compact, v
    assert "110105********002X" in compact
    assert "138****5678" in compact
    assert "东华门街道" in compact  # the address is kept down to the 街道


def test_txt_same_encoding(tmp_path):
    src = tmp_path / "memo.txt"
    src.write_bytes(TEXT.encode("gb18030"))
    out = tmp_path / "memo-redacted.txt"
    result = redact(src, out)
    assert isinstance(result, RedactionResult) and result.output == out
    assert out.read_bytes().decode("gb18030")  # still GB18030
    _assert_clean(gkreview.extract(out).text)
    assert result.counts == {"personal_info": 5}
    assert {s.category for s in result.not_redacted} == {"process_info"}
    assert ID not in json.dumps(result.to_dict(), ensure_ascii=False)


def test_docx_keeps_runs_and_layout(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("关于某某同志情况的报告")
    p = d.add_paragraph(f"姓名：张三，身份证号：{ID[:9]}")
    run = p.add_run(ID[9:])  # the value spans two runs
    run.bold = True
    p.add_run(f"，手机：{MOBILE}。")
    d.add_paragraph(f"家庭住址：北京市东城区东华门街道{ADDR_TAIL}。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "银行卡号："
    table.cell(0, 1).text = CARD
    src, out = tmp_path / "r.docx", tmp_path / "r-redacted.docx"
    d.save(src)
    result = redact(src, out)
    assert result.output_format == "docx"
    doc = gkreview.extract(out)
    assert doc.status == "ok"
    _assert_clean(doc.text)
    again = docx.Document(out)
    assert [r.bold for r in again.paragraphs[1].runs] == [None, True, None]  # run formatting kept


def test_pdf_text_layer_has_no_values(tmp_path):
    pytest.importorskip("reportlab")
    from gkreview.redact import _write_pdf

    src, out = tmp_path / "r.pdf", tmp_path / "r-redacted.pdf"
    _write_pdf([TEXT], src)  # a text PDF holding the values
    assert ID in "".join(gkreview.extract(src).text.split())
    result = redact(src, out)
    assert result.output_format == "pdf" and any("new text PDF" in n for n in result.notes)
    _assert_clean(gkreview.extract(out).text)


def test_min_severity_high_keeps_medium_names(tmp_path):
    src, out = tmp_path / "m.txt", tmp_path / "m-red.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = redact(src, out, min_severity="high")
    text = out.read_text(encoding="utf-8")
    assert "张三" in text and ID not in text
    assert "person_name" not in {s.detector for s in result.spans}


def test_bad_severity(tmp_path):
    src = tmp_path / "m.txt"
    src.write_text(TEXT, encoding="utf-8")
    with pytest.raises(gkreview.GkreviewError):
        redact(src, tmp_path / "o.txt", min_severity="severe")


def test_cli_redact(tmp_path, capsys):
    src, out = tmp_path / "m.txt", tmp_path / "m-red.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["redact", str(src), "-o", str(out), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["counts"] == {"personal_info": 5}
    _assert_clean(out.read_text(encoding="utf-8"))


def test_cli_redact_needs_output(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["redact", str(tmp_path / "x.txt")])
    assert exc.value.code == 2


def test_docx_comments_are_redacted_too(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    para = d.add_paragraph("正文")
    if not hasattr(d, "add_comment"):
        pytest.skip("python-docx without comments support")
    d.add_comment(para.runs[0], text=f"手机：{MOBILE}", author="审核人")
    src, out = tmp_path / "c.docx", tmp_path / "c-red.docx"
    d.save(src)
    redact(src, out)
    import zipfile

    xml = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert MOBILE not in xml and "138****5678" in xml


def test_docx_roster_table_is_redacted_like_it_is_reviewed(tmp_path):
    """A 名单 table: cells are read as one tab-separated row, so the header row gives the context
    (a phone in the 联系电话 column of a row whose ID number is already masked)."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("低保对象公示名单")
    rows = [("序号", "姓名", "身份证号码", "联系电话", "家庭住址"),
            ("1", "王芳", "110105********002X", MOBILE, f"北京市东城区东华门街道{ADDR_TAIL}")]  # fmt: skip
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    src, out = tmp_path / "roster.docx", tmp_path / "roster-redacted.docx"
    d.save(src)
    review = gkreview.Reviewer(model=None).review(src)
    assert {f.detector for f in review.findings if f.severity == "high"} >= {"cn_mobile", "home_address"}
    redact(src, out)
    compact = "".join(gkreview.extract(out).text.split())
    for v in (MOBILE, ADDR_TAIL, "王芳"):
        assert v not in compact, v
    assert "序号姓名身份证号码联系电话家庭住址" in compact  # the header row is kept


def test_docx_tracked_deletions_are_not_carried_into_the_redacted_copy(tmp_path):
    """Deleted text (w:del/w:delText) is invisible and not reviewed, but it stays in the file."""
    import zipfile

    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("申请人：王芳，身份证号：MARK。")
    src, out = tmp_path / "del.docx", tmp_path / "del-redacted.docx"
    d.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    deleted = (
        '</w:t></w:r><w:del w:id="9" w:author="x" w:date="2026-01-01T00:00:00Z"><w:r>'
        f"<w:delText>{ID}</w:delText></w:r></w:del><w:r><w:t>（已删除）"
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"MARK", deleted.encode())
    with zipfile.ZipFile(src, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    result = redact(src, out)
    with zipfile.ZipFile(out) as z:
        assert ID.encode() not in z.read("word/document.xml")
    assert any("tracked deletion" in n for n in result.notes)
    assert "（已删除）" in gkreview.extract(out).text  # the visible text is untouched
