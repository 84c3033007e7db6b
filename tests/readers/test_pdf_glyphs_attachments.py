"""Symbol-font bullets and a handful of private-use glyphs are not garbled text; files attached to
a PDF get their own warning and are reviewed when they are readable (#11 item 6)."""

from __future__ import annotations

import io
import zipfile

from gkreview.readers import Limits, extract
from tests.readers._pdfraw import RawPdf, SimpleFont

BODY = "各单位要按照本通知要求，认真组织开展自查工作，并于月底前报送自查报告。"  # SYNTHETIC


def _bulleted(n: int) -> RawPdf:
    """Word's PDF export of a bulleted list: each bullet a Wingdings glyph mapped to U+F06C."""
    pdf = RawPdf(fonts={"W": SimpleFont("ABCDEF+Wingdings-Regular", {0x6C: "\uf06c"})})
    page = []
    for i in range(n):
        page += [("W", 72, 780 - 30 * i, "\x6c"), ("Song", 90, 780 - 30 * i, f"{i + 1}.{BODY}")]
    pdf.pages.append(page)
    return pdf


def test_wingdings_bullets_are_not_garbled_text() -> None:
    doc = extract(_bulleted(8).build())
    assert doc.status == "ok", doc.error
    assert doc.pages[0].quality.ok and doc.pages[0].quality.bad_chars == 0
    assert any(w.startswith("symbol_glyphs") for w in doc.warnings)


def test_a_handful_of_private_use_glyphs_warn_and_stay_ok() -> None:
    # a rare character of a name drawn from a private-use 造字 font (3 on a page of text)
    pdf = RawPdf(fonts={"Z": SimpleFont("ZaoZi", {0x41: "\ue001", 0x42: "\ue002", 0x43: "\ue003"}, False)})
    pdf.pages.append(
        [("Song", 72, 780 - 30 * i, BODY) for i in range(5)]
        + [
            ("Song", 72, 600, "联系人：张"),
            ("Z", 132, 600, "A"),
            ("Song", 72, 570, "王"),
            ("Z", 96, 570, "BC"),
        ]
    )
    doc = extract(pdf.build())
    assert doc.status == "ok", doc.error
    assert any(w.startswith("symbol_glyphs") and "private-use" in w for w in doc.warnings)


def test_a_page_of_private_use_glyphs_is_still_garbled() -> None:
    # hard negative: a font whose map sends Chinese text into the private-use area
    pdf = RawPdf(fonts={"Z": SimpleFont("Garbled", {c: chr(0xE000 + c) for c in range(0x41, 0x5B)}, False)})
    pdf.pages.append([("Song", 72, 780, BODY), ("Z", 72, 740, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
    doc = extract(pdf.build(), limits=Limits(ocr=False))  # the gate itself (with OCR: test_ocr.py)
    assert doc.status != "ok"
    assert doc.error is not None and doc.error.code == "garbled_text"


def test_symbol_glyphs_that_are_the_whole_text_are_not_bullets() -> None:
    pdf = RawPdf(fonts={"W": SimpleFont("Wingdings", {c: chr(0xF000 + c) for c in range(0x41, 0x5B)})})
    pdf.pages.append([("W", 72, 780 - 20 * i, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") for i in range(3)])
    assert extract(pdf.build(), limits=Limits(ocr=False)).status != "ok"


def test_a_readable_attachment_is_reviewed_and_named_in_its_own_warning() -> None:
    pdf = _bulleted(2)
    pdf.files["报名名单.txt"] = "报名人员：张某某，联系电话13812345678。".encode()  # SYNTHETIC
    inner = RawPdf()
    inner.pages.append([("Song", 72, 780, "附件二：经费预算表")])
    pdf.files["预算.pdf"] = inner.build()
    doc = extract(pdf.build())
    assert doc.status == "ok", doc.error
    assert "13812345678" in doc.text  # reviewed: the detectors see it
    assert "经费预算表" in doc.text
    warning = next(w for w in doc.warnings if w.startswith("attachments:"))
    assert "报名名单.txt" in warning and "预算.pdf" in warning
    assert len(doc.pages) == 3


def test_an_unreadable_attachment_goes_to_a_person_not_under_garbled_text() -> None:
    pdf = _bulleted(2)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    pdf.files["汇总表.xlsx"] = buf.getvalue()
    doc = extract(pdf.build())
    assert doc.status == "partial"
    assert doc.error is not None and doc.error.code == "attachments"
    assert "汇总表.xlsx" in doc.error.message


def test_attachment_names_carrying_an_id_are_masked() -> None:
    pdf = _bulleted(1)
    pdf.files["张某某110101199003078515.txt"] = "说明".encode()
    doc = extract(pdf.build())
    shown = " ".join(doc.warnings) + doc.text + (doc.error.message if doc.error else "")
    assert "110101199003078515" not in shown
    assert "110*************15" in shown
