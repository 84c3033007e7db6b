"""Fonts a PDF does not embed: the reader gives pdfium a blank stand-in font (readers/pdffont.py).

The stand-in must change nothing but speed: the same text, the same status, the same unmapped
glyph counts for the quality gate as with the system's fonts, for every kind of font a Chinese
government PDF names without embedding it. Speed: bench/extract.py --font STSong-Light.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from gkreview.document import Document
from gkreview.readers import Limits, extract, pdffont
from gkreview.readers import pdf as pdf_reader
from gkreview.readers.base import Context
from tests.conftest import iter_corpus
from tests.readers._util import load_render, squeeze

SIMSUN = "SimSun"
FANGSONG_GB = "\u4eff\u5b8b_GB2312".encode("gbk")  # 仿宋_GB2312, as a GBK name (Word writes that)


def _real_paragraphs(n_chars: int = 400) -> list[str]:
    """The first paragraphs (about ``n_chars``) of a real published document (../shared/corpora)."""
    for doc in iter_corpus("govcn_statecouncil", limit=50):
        paras = [p.strip() for p in (doc.get("text") or "").splitlines() if p.strip()]
        if sum(map(len, paras)) >= n_chars:
            out: list[str] = []
            while sum(map(len, out)) < n_chars:
                out.append(paras[len(out)])
            return out
    pytest.skip("no corpus document long enough")


def _real_text(n_chars: int = 400) -> str:
    return "".join(_real_paragraphs(n_chars))


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of the given objects (numbered from 1; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def identity_h_pdf(text: str, base_font: bytes, *, to_unicode: bool = True, per_line: int = 30) -> bytes:
    """A one-page PDF whose Type0 font (Identity-H, Adobe-Identity) is not embedded, as Word and
    many converters write when font embedding is off; glyph ids are private, so the text can
    only be read through the ToUnicode map (left out when ``to_unicode`` is False). Lines are cut
    every ``per_line`` characters and at each newline."""
    lines = [ln[i : i + per_line] for ln in text.split("\n") for i in range(0, len(ln), per_line)]
    chars = sorted(set("".join(lines)))
    cid = {ch: i + 1 for i, ch in enumerate(chars)}
    ops = [b"BT /F1 14 Tf 20 TL 72 770 Td"]
    for line in lines:
        ops.append(b"<" + "".join(f"{cid[ch]:04X}" for ch in line).encode() + b"> Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    cmap = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CMapName /Gk-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(chars), 100):
        block = chars[start : start + 100]
        cmap.append(b"%d beginbfchar" % len(block))
        cmap += [f"<{cid[ch]:04X}> <{ord(ch):04X}>".encode() for ch in block]
        cmap.append(b"endbfchar")
    cmap.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [5 0 R]" % (
        base_font.replace(b" ", b"#20")
    )
    font += b" /ToUnicode 7 0 R >>" if to_unicode else b" >>"
    widths = b" ".join(b"1000" for _ in chars)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R"
            b" /Resources << /Font << /F1 4 0 R >> >> >>",
            font,
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s"
            % base_font.replace(b" ", b"#20")
            + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor 8 0 R /DW 1000 /W [1 [" + widths + b"]] >>",
            _stream(content),
            _stream(b"\n".join(cmap)),
            b"<< /Type /FontDescriptor /FontName /%s /Flags 6"
            % base_font.replace(b" ", b"#20")
            + b" /FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700"
            b" /StemV 80 >>",
        ]
    )


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _both(path: Path, limits: Limits | None = None) -> tuple[Document, Document, int]:
    """(document read with the stand-in font, with the system's fonts, fonts the stand-in served)."""
    pdffont.install()
    provider = pdffont.installed()
    assert provider is not None
    before = provider.requests
    fast = extract(path, limits=limits)
    served = provider.requests - before
    with pdffont.system_fonts():
        slow = extract(path, limits=limits)
    return fast, slow, served


@pytest.fixture(scope="module")
def non_embedded_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real text in the fonts Chinese government PDFs name without embedding them."""
    render = load_render()
    tmp = tmp_path_factory.mktemp("pdffont")
    paras = _real_paragraphs()
    text = "".join(paras)
    out = {
        "stsong": render.write_pdf(
            "\n".join(paras), tmp / "stsong.pdf", font="STSong-Light", page_numbers=False
        ),
        "simsun": _write(tmp, "simsun.pdf", identity_h_pdf(text, SIMSUN.encode())),
        "fangsong-gbk-name": _write(tmp, "fangsong.pdf", identity_h_pdf(text, FANGSONG_GB)),
    }
    from reportlab.pdfgen import canvas  # base-14 Helvetica, never embedded

    c = canvas.Canvas(str(tmp / "helvetica.pdf"), invariant=True)
    c.setFont("Helvetica", 12)
    for i, line in enumerate(
        ["GB/T 9704-2012 Layout key for official document", "Tel. 010-12345678 (invented)"]
    ):
        c.drawString(72, 770 - 20 * i, line)
    c.save()
    out["helvetica"] = tmp / "helvetica.pdf"
    return out


@pytest.mark.parametrize("kind", ["stsong", "simsun", "fangsong-gbk-name"])
def test_stand_in_font_reads_the_same_text_as_system_fonts(
    non_embedded_pdfs: dict[str, Path], kind: str
) -> None:
    # the same characters and verdict; lines may join differently (the boxes are not the glyphs')
    fast, slow, served = _both(non_embedded_pdfs[kind])
    assert served >= 1  # pdfium asked for the font and got the stand-in
    assert fast.status == slow.status == "ok"
    assert squeeze(fast.text) == squeeze(slow.text) and len(fast.text) > 40
    assert [p.quality.bad_chars for p in fast.pages] == [p.quality.bad_chars for p in slow.pages]


def test_standard_pdf_fonts_keep_pdfiums_own(non_embedded_pdfs: dict[str, Path]) -> None:
    # Helvetica & co.: pdfium's built-in fonts (small, fast, real Latin boxes), as before
    fast, slow, served = _both(non_embedded_pdfs["helvetica"])
    assert served == 0
    assert (fast.status, fast.text) == (slow.status, slow.text)
    assert "GB/T 9704-2012" in fast.text


def test_stand_in_font_reads_real_text_exactly(non_embedded_pdfs: dict[str, Path]) -> None:
    want = squeeze(_real_text())
    for kind in ("stsong", "simsun", "fangsong-gbk-name"):
        assert squeeze(extract(non_embedded_pdfs[kind]).text) == want, kind


def test_a_character_drawn_alone_is_kept(tmp_path: Path) -> None:
    # pdfium drops a text object whose glyph boxes have no width. With the system's fonts a
    # non-embedded SimSun became pdfium's Latin fallback (no CJK glyphs, no boxes): a "。" drawn
    # alone was lost. The stand-in has a box for every code point.
    title = _real_paragraphs(20)[0]
    path = _write(tmp_path, "lone.pdf", identity_h_pdf(f"{title}\n7\n。\n附件", SIMSUN.encode()))
    assert squeeze(extract(path).text) == squeeze(f"{title}7。附件")  # pdfium 159 with system fonts: no 。


def test_unmapped_glyphs_still_fail_the_quality_gate(tmp_path: Path) -> None:
    # no ToUnicode map and a private glyph order: the text cannot be read, with any font
    path = _write(
        tmp_path, "no-tounicode.pdf", identity_h_pdf(_real_text(200), SIMSUN.encode(), to_unicode=False)
    )
    fast, slow, served = _both(path, Limits(ocr=False))  # the gate itself (OCR reads it: test_ocr.py)
    assert served >= 1
    assert fast.status == slow.status == "unreadable"
    assert fast.pages[0].quality.bad_chars == slow.pages[0].quality.bad_chars > 100


def test_character_boxes_have_the_em_height_and_the_pdfs_advance(non_embedded_pdfs: dict[str, Path]) -> None:
    # layout.py joins lines from these boxes: a box as tall as an ideograph, as wide as the PDF says
    import pypdfium2 as pdfium

    with pdffont.stand_in_fonts():
        pdf = pdfium.PdfDocument(non_embedded_pdfs["simsun"])
        try:
            tp = pdf[0].get_textpage()
            boxes = [tp.get_charbox(i) for i in range(5)]
        finally:
            pdf.close()
    for left, bottom, right, top in boxes:
        assert right - left == pytest.approx(14 * 0.94, abs=0.1)  # 14 pt font, 1000-unit advance
        assert top - bottom == pytest.approx(14 * (0.84 * (1 + 1 / 64) + 0.08), abs=0.1)
        assert bottom == pytest.approx(770 - 14 * 0.08, abs=0.1)


def test_blank_font_is_a_font_pdfium_can_load() -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    data = pdffont.blank_font()
    assert data[:4] == b"\x00\x01\x00\x00" and len(data) < 2000
    with pdffont.PDFIUM_LOCK:
        pdf = pdfium.PdfDocument.new()
        try:
            buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
            font = raw.FPDFText_LoadFont(pdf.raw, buf, len(data), raw.FPDF_FONT_TRUETYPE, 1)
            assert font  # FreeType parsed it
            raw.FPDFFont_Close(font)
        finally:
            pdf.close()


def _dark_pixels(pdf: object) -> int:
    page = pdf[0]  # type: ignore[index]
    try:
        bitmap = page.render(scale=1, grayscale=True)
        return int((bitmap.to_numpy() < 128).sum())
    finally:
        page.close()


def test_ocr_renders_pages_with_system_fonts(
    non_embedded_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the stand-in paints nothing, so the reader renders pages for OCR from a copy opened with the
    # system's fonts
    import pypdfium2 as pdfium

    data = non_embedded_pdfs["stsong"].read_bytes()
    with pdffont.stand_in_fonts():
        reading_copy = pdfium.PdfDocument(data)
        try:
            assert _dark_pixels(reading_copy) == 0
        finally:
            reading_copy.close()
    seen: list[int] = []

    def fake_ocr(
        pdf: object, pages: list[int], ctx: Context, warnings: list[str]
    ) -> dict[int, tuple[str, float]]:
        seen.append(_dark_pixels(pdf))
        return {}

    monkeypatch.setattr(pdf_reader.ocr, "ocr_pdf_pages", fake_ocr)
    limits = Limits()
    provider = pdffont.installed()
    assert provider is not None
    with pdffont.stand_in_fonts():
        pdf_reader._ocr(data, [0], Context(limits, limits.deadline()), [])
        assert provider.stand_in  # reading goes on with the stand-in
    assert seen and seen[0] > 1000  # the text was drawn
    assert not provider.stand_in  # outside the reader: the system's fonts


def test_documents_opened_outside_the_reader_get_system_fonts(non_embedded_pdfs: dict[str, Path]) -> None:
    # other in-process pdfium users (rendering, redaction) see pdfium as it was
    import pypdfium2 as pdfium

    extract(non_embedded_pdfs["stsong"])  # installs the provider
    with pdffont.PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(non_embedded_pdfs["stsong"])
        try:
            assert _dark_pixels(pdf) > 1000
        finally:
            pdf.close()


def test_install_is_idempotent() -> None:
    assert pdffont.install() and pdffont.install()
    first = pdffont.installed()
    pdffont.install()
    assert pdffont.installed() is first


def test_threads_reading_and_rendering_at_once(non_embedded_pdfs: dict[str, Path]) -> None:
    # the provider's mode is process state: readers and a renderer in other threads each get theirs
    from concurrent.futures import ThreadPoolExecutor

    import pypdfium2 as pdfium

    kinds = ["stsong", "simsun", "fangsong-gbk-name"]
    want = {k: extract(non_embedded_pdfs[k]).text for k in kinds}

    def render() -> int:
        with pdffont.system_fonts():
            pdf = pdfium.PdfDocument(non_embedded_pdfs["stsong"])
            try:
                return _dark_pixels(pdf)
            finally:
                pdf.close()

    def read(kind: str) -> tuple[str, str]:
        return kind, extract(non_embedded_pdfs[kind]).text

    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = [pool.submit(read, k) for k in kinds * 4]
        renders = [pool.submit(render) for _ in range(4)]
        assert all(text == want[kind] for kind, text in (f.result() for f in texts))
        assert all(r.result() > 1000 for r in renders)
