"""Scanned pages: needs_ocr without OCR; read (and marked) with tesseract chi_sim."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.readers import Limits, extract, ocr
from tests.readers._util import READERS, char_accuracy

SCANNED = READERS / "scanned.pdf"
SOURCE = (READERS / "golden_source.txt").read_text(encoding="utf-8")[:200]


def test_scanned_page_without_ocr_needs_ocr() -> None:
    doc = extract(SCANNED, limits=Limits(ocr=False))
    assert (doc.format, doc.status) == ("pdf", "needs_ocr")
    assert doc.error is not None and "tesseract-ocr-chi-sim" in doc.error.message
    assert not doc.pages[0].quality.ok


def test_clean_ocr_text_removes_spaces_between_chinese() -> None:
    assert ocr.clean_ocr_text("国 务 院 办 公 厅 GB/T 9704") == "国务院办公厅 GB/T 9704"


@pytest.mark.ocr
@pytest.mark.skipif(not ocr.available("chi_sim"), reason="tesseract with chi_sim is not installed")
def test_scanned_page_is_ocrd() -> None:
    doc = extract(SCANNED)
    assert doc.status in {"ok", "partial"}
    assert doc.pages[0].quality.ocr
    assert any("OCR" in w for w in doc.warnings)
    assert char_accuracy(doc.text, SOURCE) > 0.85


def test_a_scan_with_a_stamped_page_number_is_not_clean(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "stamped.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.drawImage(ImageReader(Image.new("L", (300, 420), 200)), 0, 0, width=595, height=842)
    c.setFont("Helvetica", 12)
    c.drawString(280, 30, "- 1 -")  # the only text: a number stamped over the scan
    c.showPage()
    c.save()
    doc = extract(path, limits=Limits(ocr=False))
    assert doc.status == "needs_ocr"


def test_a_small_picture_on_a_text_page_is_fine(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "logo.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.drawImage(ImageReader(Image.new("L", (50, 50), 100)), 270, 700, width=60, height=60)
    c.setFont("Helvetica", 12)
    c.drawString(72, 600, "Notice on the work plan")
    c.showPage()
    c.save()
    assert extract(path, limits=Limits(ocr=False)).status == "ok"
