"""Render a given text into document files: DOCX, PDF, TXT, OFD (and an image-only "scanned" PDF).

Used by the reader fixtures, the demo set (corpora/build_demo.py) and the benchmarks, which render
real corpus texts into files. Each non-empty line of ``text`` is one paragraph.

    write_docx(text, path, *, header=None, footer=None, footnote=None, textbox=None, table=None)
    write_pdf(text, path, *, font_size=14, page_numbers=True, header=None, font="auto")
    write_scanned_pdf(text, path)      # pages are pictures of the text, no text layer
    write_txt(text, path, encoding="utf-8")
    write_ofd(text, path)

``write_pdf`` embeds a subset of a Debian TrueType CJK font (fonts-wqy-zenhei) with a ToUnicode
map, as office software does, or uses reportlab's built-in STSong-Light CID font (``font=``); both
are real text PDFs whose text pypdfium2 reads back exactly. Lines wrap at the right margin wherever the width runs out, also inside
numbers, the way a word processor wraps Chinese. Page numbers are printed as "— N —".
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = [
    "paragraphs",
    "pdf_font",
    "wrap_lines",
    "write_docx",
    "write_ofd",
    "write_pdf",
    "write_scanned_pdf",
    "write_txt",
]

PathLike = str | os.PathLike[str]

PDF_FONT = "STSong-Light"
A4 = (595.28, 841.89)
MARGIN = 72.0


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped: the paragraphs every writer renders."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


# --------------------------------------------------------------------------------------------- TXT


def write_txt(text: str, path: PathLike, encoding: str = "utf-8", *, newline: str = "\n") -> Path:
    """Write ``text`` as plain text ("utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", ...)."""
    p = Path(path)
    body = text.replace("\r\n", "\n").replace("\n", newline)
    p.write_bytes(body.encode(encoding))
    return p


# --------------------------------------------------------------------------------------------- PDF


EMBED_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian fonts-wqy-zenhei (TrueType outlines)
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # Debian fonts-arphic-uming
)
EMBEDDED = "GkCJK"


def pdf_font(font: str = "auto") -> str:
    """Register and return the reportlab font name for ``font``:
    ``"STSong-Light"`` (built-in CID font, not embedded: every reader must load a CJK CMap),
    ``"embedded"`` (a subset of a Debian TrueType CJK font embedded with a ToUnicode map, as
    office software writes PDFs), or ``"auto"`` (embedded when such a font is installed)."""
    from reportlab.pdfbase import pdfmetrics

    if font == EMBEDDED:
        font = "embedded"
    if font == "auto":
        font = "embedded" if any(Path(f).exists() for f in EMBED_FONT_FILES) else PDF_FONT
    if font == "embedded":
        if EMBEDDED not in pdfmetrics.getRegisteredFontNames():
            from reportlab.pdfbase.ttfonts import TTFont

            path = next((f for f in EMBED_FONT_FILES if Path(f).exists()), None)
            if path is None:
                raise FileNotFoundError("no TrueType CJK font: apt-get install fonts-wqy-zenhei")
            pdfmetrics.registerFont(TTFont(EMBEDDED, path, subfontIndex=0))
        return EMBEDDED
    if font == PDF_FONT:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
        return PDF_FONT
    raise ValueError(f"unknown font {font!r}: use 'auto', 'embedded' or 'STSong-Light'")


def wrap_lines(
    para: str, width: float, font_size: float, first_indent: float, font: str = PDF_FONT
) -> list[str]:
    """Greedy character wrap of one paragraph to ``width`` points (first line indented)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = pdf_font(font)
    lines: list[str] = []
    cur: list[str] = []
    cur_w = first_indent
    for ch in para:
        w = stringWidth(ch, font, font_size)
        if cur and cur_w + w > width:
            lines.append("".join(cur))
            cur, cur_w = [], 0.0
        cur.append(ch)
        cur_w += w
    if cur:
        lines.append("".join(cur))
    return lines


def write_pdf(
    text: str,
    path: PathLike,
    *,
    font_size: float = 14.0,
    page_numbers: bool = True,
    header: str | None = None,
    title_centered: bool = True,
    font: str = "auto",
) -> Path:
    """A real text PDF (A4) of ``text``: paragraphs indented two characters, wrapped at the margin.

    The first paragraph is centred as a title when ``title_centered``. ``header`` is printed at
    the top of every page; page numbers "— N —" at the bottom. ``font``: see ``pdf_font``.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    fname = pdf_font(font)
    p = Path(path)
    c = canvas.Canvas(str(p), pagesize=A4, invariant=True)
    c.setTitle("")
    width = A4[0] - 2 * MARGIN
    leading = font_size * 1.6
    top = A4[1] - MARGIN
    bottom = MARGIN
    page_no = 1

    def begin_page() -> float:
        c.setFont(fname, font_size)
        if header:
            c.setFont(fname, 10)
            c.drawCentredString(A4[0] / 2, A4[1] - 40, header)
            c.setFont(fname, font_size)
        return top - font_size

    def end_page() -> None:
        nonlocal page_no
        if page_numbers:
            c.setFont(fname, 12)
            c.drawCentredString(A4[0] / 2, 40, f"— {page_no} —")
        c.showPage()
        page_no += 1

    y = begin_page()
    paras = paragraphs(text)
    for i, para in enumerate(paras):
        centred = title_centered and i == 0 and stringWidth(para, fname, font_size) <= width
        indent = 0.0 if centred else 2 * font_size
        for j, line in enumerate(wrap_lines(para, width, font_size, indent, fname)):
            if y < bottom:
                end_page()
                y = begin_page()
            c.setFont(fname, font_size)
            if centred:
                c.drawCentredString(A4[0] / 2, y, line)
            else:
                c.drawString(MARGIN + (indent if j == 0 else 0.0), y, line)
            y -= leading
    end_page()
    c.save()
    return p


def _cjk_font_file() -> str:
    candidates = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ]
    for f in candidates:
        if Path(f).exists():
            return f
    raise FileNotFoundError("no CJK font found: apt-get install fonts-noto-cjk")


def write_scanned_pdf(text: str, path: PathLike, *, dpi: int = 200, font_px: int = 44) -> Path:
    """A PDF whose pages are only pictures of ``text`` (no text layer), like a scanned letter.

    Needs a CJK font file (Debian fonts-noto-cjk) and Pillow.
    """
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype(_cjk_font_file(), font_px, index=2)  # index 2: the SC face
    w_px, h_px = int(A4[0] / 72 * dpi), int(A4[1] / 72 * dpi)
    margin = int(MARGIN / 72 * dpi)
    line_h = int(font_px * 1.6)
    per_line = max(1, (w_px - 2 * margin) // font_px)
    lines: list[str] = []
    for para in paragraphs(text):
        lines.extend(para[k : k + per_line] for k in range(0, len(para), per_line))
    per_page = max(1, (h_px - 2 * margin) // line_h)
    p = Path(path)
    c = canvas.Canvas(str(p), pagesize=A4, invariant=True)
    for k in range(0, max(len(lines), 1), per_page):
        img = Image.new("L", (w_px, h_px), 255)
        draw = ImageDraw.Draw(img)
        for n, line in enumerate(lines[k : k + per_page]):
            draw.text((margin, margin + n * line_h), line, fill=0, font=font)
        buf = io.BytesIO()
        img.save(buf, format="PNG", optimize=True)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return p


# -------------------------------------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_NS_DECL = (
    f'xmlns:w="{_W}" xmlns:r="{_R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)


_ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed member times: the same text gives the same bytes


def _zwrite(z: zipfile.ZipFile, name: str, data: str) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, extra_runs: str = "") -> str:
    return f"<w:p>{_run(text) if text else ''}{extra_runs}</w:p>"


def _textbox_runs(text: str) -> str:
    """A text box as Word 2010+ writes it: the DrawingML shape plus a VML fallback copy."""
    inner = "".join(_para(t) for t in paragraphs(text))
    choice = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="600000"/><wp:wrapNone/><wp:docPr id="1" name="TextBox 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        f"<w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _table(rows: Sequence[Sequence[str]]) -> str:
    out = ["<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr>"]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            out.append(f"<w:tc>{_para(cell)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(
    text: str,
    path: PathLike,
    *,
    header: str | None = None,
    footer: str | None = None,
    footnote: str | None = None,
    textbox: str | None = None,
    table: Sequence[Sequence[str]] | None = None,
) -> Path:
    """A minimal, valid DOCX of ``text`` (one paragraph per line), written as WordprocessingML.

    ``footnote`` is attached to the first paragraph, ``textbox`` anchored in the second paragraph
    (or the first), ``table`` (rows of cells) inserted after the first paragraph.
    """
    paras = paragraphs(text)
    body: list[str] = []
    tb_at = 1 if len(paras) > 1 else 0
    for i, t in enumerate(paras):
        extra = ""
        if footnote and i == 0:
            extra += '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        if textbox and i == tb_at:
            extra += _textbox_runs(textbox)
        body.append(_para(t, extra))
        if table and i == 0:
            body.append(_table(table))
    if not paras:
        body.append("<w:p/>")
        if table:
            body.append(_table(table))
    rels = []
    overrides = [
        f'<Override PartName="/word/document.xml" ContentType="{_WML_CT}.document.main+xml"/>',
    ]
    sect = ""
    if header:
        rels.append(f'<Relationship Id="rIdH1" Type="{_R}/header" Target="header1.xml"/>')
        overrides.append(f'<Override PartName="/word/header1.xml" ContentType="{_WML_CT}.header+xml"/>')
        sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
    if footer:
        rels.append(f'<Relationship Id="rIdF1" Type="{_R}/footer" Target="footer1.xml"/>')
        overrides.append(f'<Override PartName="/word/footer1.xml" ContentType="{_WML_CT}.footer+xml"/>')
        sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
    if footnote:
        rels.append(f'<Relationship Id="rIdN1" Type="{_R}/footnotes" Target="footnotes.xml"/>')
        overrides.append(f'<Override PartName="/word/footnotes.xml" ContentType="{_WML_CT}.footnotes+xml"/>')
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS_DECL}><w:body>'
        + "".join(body)
        + f'<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    ct = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_REL}">'
        f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_REL}">'
        + "".join(rels)
        + "</Relationships>"
    )
    p = Path(path)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        _zwrite(z, "[Content_Types].xml", ct)
        _zwrite(z, "_rels/.rels", root_rels)
        _zwrite(z, "word/document.xml", document)
        _zwrite(z, "word/_rels/document.xml.rels", doc_rels)
        if header:
            _zwrite(
                z,
                "word/header1.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<w:hdr {_NS_DECL}>'
                + "".join(_para(t) for t in paragraphs(header))
                + "</w:hdr>",
            )
        if footer:
            _zwrite(
                z,
                "word/footer1.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<w:ftr {_NS_DECL}>'
                + "".join(_para(t) for t in paragraphs(footer))
                + "</w:ftr>",
            )
        if footnote:
            _zwrite(
                z,
                "word/footnotes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes {_NS_DECL}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                '</w:r></w:p></w:footnote><w:footnote w:id="1">'
                + "".join(_para(t) for t in paragraphs(footnote))
                + "</w:footnote></w:footnotes>",
            )
    return p


# --------------------------------------------------------------------------------------------- OFD

_OFD = "http://www.ofdspec.org/2016"


def write_ofd(text: str, path: PathLike, *, font_size_mm: float = 5.0, chars_per_line: int = 30) -> Path:
    """An OFD package (GB/T 33190-2016) of ``text``: OFD.xml → Doc_0/Document.xml → pages.

    Each line is one ``TextObject`` with one ``TextCode`` (X, Y, DeltaX in millimetres); page
    size A4 (210 × 297 mm), 30 lines a page; the first line of a paragraph is indented by two
    characters, as in a 公文.
    """
    lines: list[tuple[int, str]] = []  # (indent in characters, text)
    for para in paragraphs(text):
        first = chars_per_line - 2
        lines.append((2, para[:first]))
        lines.extend((0, para[k : k + chars_per_line]) for k in range(first, len(para), chars_per_line))
    lines_per_page = 30
    pages = [lines[k : k + lines_per_page] for k in range(0, max(len(lines), 1), lines_per_page)]
    p = Path(path)
    ofd_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{_OFD}" Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>gkreview-render</ofd:DocID><ofd:Creator>gkreview scripts/render.py"
        "</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    page_refs = "".join(
        f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    document_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{_OFD}"><ofd:CommonData>'
        "<ofd:MaxUnitID>100000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
    )
    public_res = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{_OFD}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        _zwrite(z, "OFD.xml", ofd_xml)
        _zwrite(z, "Doc_0/Document.xml", document_xml)
        _zwrite(z, "Doc_0/PublicRes.xml", public_res)
        uid = 1000
        for i, page_lines in enumerate(pages):
            objs = []
            for n, (indent, line) in enumerate(page_lines):
                uid += 1
                y = 25.0 + n * font_size_mm * 1.6
                x = 20.0 + indent * font_size_mm
                width = font_size_mm * len(line)
                delta = " ".join([f"{font_size_mm:g}"] * (len(line) - 1))
                objs.append(
                    f'<ofd:TextObject ID="{uid}" Boundary="{x:g} {y:.2f} {width:.2f} {font_size_mm * 1.4:.2f}" '
                    f'Font="2" Size="{font_size_mm:g}"><ofd:TextCode X="0" Y="{font_size_mm:g}"'
                    + (f' DeltaX="{delta}"' if delta else "")
                    + f">{escape(line)}</ofd:TextCode></ofd:TextObject>"
                )
            _zwrite(
                z,
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{_OFD}"><ofd:Content>'
                f'<ofd:Layer ID="{10000 + i}">' + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return p
