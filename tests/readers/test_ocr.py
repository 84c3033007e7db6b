"""Scanned pages: needs_ocr without OCR; read (and marked) with tesseract chi_sim."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.errors import ExtractionTimeoutError
from gkreview.readers import Limits, extract, ocr
from gkreview.readers.limits import Deadline
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
@pytest.mark.skipif(ocr.engine() is None, reason="no OCR engine is installed")
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


class _RunningOut(Deadline):
    """A deadline with plenty of time for its first ``budget`` looks, then none (no wall clock)."""

    def __init__(self, budget: int) -> None:
        super().__init__(60.0)
        self.looks = budget

    @property
    def remaining(self) -> float:
        self.looks -= 1
        return 30.0 if self.looks >= 0 else 0.0

    def check(self, where: str = "") -> None:
        if self.looks < 0:
            raise ExtractionTimeoutError(f"out of time at {where}")


def _scan_pdf(tmp_path: Path, pages: int) -> Path:
    """SYNTHETIC: a scanned document, every page a picture without a text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for _ in range(pages):
        c.drawImage(ImageReader(Image.new("L", (120, 170), 230)), 0, 0, width=595, height=842)
        c.showPage()
    c.save()
    return path


def _fake_engine(monkeypatch: pytest.MonkeyPatch, reads: list[int]) -> None:
    def read_page(image: object, name: str, lang: str, timeout: float) -> ocr.OcrPage:
        reads.append(1)
        return ocr.OcrPage(f"第{len(reads)}页识别的文字，关于开展工作的通知。", 95.0, 0.0, name)

    monkeypatch.setattr(ocr, "engine", lambda lang="chi_sim", choice=None: "tesseract")
    monkeypatch.setattr(ocr, "read_page", read_page)


def test_ocr_that_runs_out_of_time_keeps_the_pages_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    _fake_engine(monkeypatch, reads)
    deadline = _RunningOut(budget=2)  # time for two pages of five
    monkeypatch.setattr(Limits, "deadline", lambda self: deadline)
    doc = extract(_scan_pdf(tmp_path, 5))
    assert doc.status == "partial"  # not `timeout` with nothing
    assert "第1页识别的文字" in doc.text and "第2页识别的文字" in doc.text
    assert [p.quality.ocr for p in doc.pages] == [True, True, False, False, False]
    assert doc.error is not None and doc.error.code == "ocr_incomplete"
    assert "read 2 of 5 page(s)" in doc.error.message  # the real numbers, not "took longer than 2 s"
    assert "60 s limit" in doc.error.message


def test_ocr_reads_every_page_when_there_is_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    _fake_engine(monkeypatch, reads)
    doc = extract(_scan_pdf(tmp_path, 3))
    assert doc.status == "ok" and len(reads) == 3
    assert all(p.quality.ocr for p in doc.pages)


def test_tesseract_word_confidences_give_the_low_confidence_share(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    data = {
        "text": ["关于开展", "检查", "|", "的通知", "", "a1"],
        "conf": ["96", "91", "12", "88", "-1", "20"],
        "block_num": [1, 1, 1, 1, 1, 1],
        "par_num": [1, 1, 1, 1, 1, 1],
        "line_num": [1, 1, 2, 2, 2, 3],
    }
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: data)
    page = ocr.tesseract_page(object(), "chi_sim", 5.0)
    assert page.text == "关于开展检查\n| 的通知\na1"
    assert page.low_share == pytest.approx(3 / 12)  # "|" and "a1" of 12 characters
    assert 70 < page.confidence < 80


@pytest.mark.ocr
@pytest.mark.skipif(ocr.engine() is None, reason="no OCR engine is installed")
def test_a_pdf_whose_font_maps_are_broken_is_read_by_ocr() -> None:
    # the known failure of Chinese government PDFs: an embedded CID font without a ToUnicode map
    doc = extract(READERS / "no_tounicode.pdf", limits=Limits(timeout_s=600))
    assert doc.status != "unreadable"
    assert all(p.quality.ocr for p in doc.pages)
    assert any("broken font maps" in w for w in doc.warnings)
    want = (READERS / "golden_pdf.expected.txt").read_text(encoding="utf-8")
    assert char_accuracy(doc.text, want) > 0.9


def table_picture() -> tuple[object, str]:
    """SYNTHETIC: a scanned-looking table (ruled cells, small type, slight blur) and its text."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 18)
    img = Image.new("L", (1200, 700), 255)
    draw = ImageDraw.Draw(img)
    rows = [("序号", "姓名", "单位", "职务", "联系电话")]
    rows += [(str(i), f"张某{i}", "市财政局", "科员", f"1380013{i:04d}") for i in range(1, 12)]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            x, y = 40 + c * 220, 30 + r * 52
            draw.rectangle([x, y, x + 220, y + 52], outline=0, width=2)
            draw.text((x + 10, y + 15), cell, font=font, fill=0)
    picture = img.resize((600, 350)).filter(ImageFilter.GaussianBlur(0.6))
    return picture, "\n".join("".join(r) for r in rows)


@pytest.mark.ocr
@pytest.mark.skipif(
    not ocr.available("chi_sim") or not Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc").exists(),
    reason="tesseract with chi_sim (and Debian fonts-wqy-zenhei) needed",
)
def test_a_table_page_tesseract_reads_with_low_confidence_is_not_ok(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture, _ = table_picture()
    path = tmp_path / "table-scan.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.drawImage(ImageReader(picture), 20, 400, width=555, height=324)
    c.showPage()
    c.save()
    monkeypatch.setenv("GKREVIEW_OCR_ENGINE", "tesseract")
    doc = extract(path)
    assert doc.pages[0].quality.ocr
    assert not doc.pages[0].quality.ok
    assert doc.status != "ok"
    assert any("low confidence" in i for i in doc.pages[0].quality.issues)


@pytest.mark.ocr
@pytest.mark.skipif(ocr.engine() is None, reason="no OCR engine is installed")
@pytest.mark.parametrize("name", ["book_page.jpg", "paper_left.png"])
def test_real_scans_are_read(name: str) -> None:
    # real pictures of printed Chinese pages (tests/fixtures/readers/ocr/PROVENANCE.md)
    path = READERS / "ocr" / name
    doc = extract(path)
    assert doc.format == "image" and doc.pages[0].quality.ocr
    want = path.with_name(path.stem + ".gt.txt").read_text(encoding="utf-8")
    assert char_accuracy(doc.text, want) > 0.9
