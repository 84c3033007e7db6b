"""Text drawn at 90° (a landscape table on a portrait page) is read in its own direction: line by
line in order, never reversed, scattered one glyph a line, or glued to the page's text (#11 item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.readers import extract

LINES = [
    "第一行：各单位要认真组织自查",
    "第二行：联系人张某某电话",
    "第三行：请于月底前报送材料",
]  # SYNTHETIC


def _pdf(tmp_path: Path, angle: int, per_glyph: bool) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / f"rot{angle}{per_glyph}.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 14)
    c.drawString(72, 800, "关于开展检查工作的通知")
    c.saveState()
    c.translate(300, 700 if angle < 0 else 100)
    c.rotate(angle)
    for i, line in enumerate(LINES):
        if per_glyph:  # a converter that writes every glyph as its own object, last first
            for j, ch in reversed(list(enumerate(line))):
                c.drawString(14 * j, -20 * i, ch)
        else:
            c.drawString(0, -20 * i, line)
    c.restoreState()
    c.drawString(72, 60, "示例市人民政府办公室")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("angle", "per_glyph"), [(90, False), (-90, False), (90, True), (-90, True)])
def test_rotated_lines_are_read_in_their_own_order(tmp_path: Path, angle: int, per_glyph: bool) -> None:
    doc = extract(_pdf(tmp_path, angle, per_glyph))
    assert doc.status == "ok"
    assert doc.text.split("\n") == ["关于开展检查工作的通知", *LINES, "示例市人民政府办公室"]
