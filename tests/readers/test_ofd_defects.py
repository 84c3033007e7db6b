"""OFD files built faithfully after the structures real converters write (GB/T 33190-2016), one per
defect of issue 11: one TextObject with a CTM per character, text inside CompositeObject /
CompositeGraphicUnit (nested), PageBlock and template pages, form fields on different lines, and
pages that are only pictures. SYNTHETIC text (the shapes are the real files')."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from gkreview.readers import Limits, extract, ocr
from gkreview.readers.base import Context
from gkreview.readers.ofd import read_ofd

NS = "http://www.ofdspec.org/2016"


def _package(
    pages: list[str], *, res: str = "", template: str | None = None, files: dict[str, bytes] | None = None
) -> bytes:
    buf = io.BytesIO()
    tpl_decl = '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    tpl_ref = '<ofd:Template TemplateID="5" ZOrder="Background"/>' if template else ""
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "OFD.xml",
            f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>",
        )
        page_decl = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
            f"</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>{tpl_decl}"
            f"</ofd:CommonData><ofd:Pages>{page_decl}</ofd:Pages></ofd:Document>",
        )
        z.writestr("Doc_0/DocumentRes.xml", f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">{res}</ofd:Res>')
        for i, content in enumerate(pages):
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<ofd:Page xmlns:ofd="{NS}">{tpl_ref}<ofd:Content><ofd:Layer ID="2">{content}'
                "</ofd:Layer></ofd:Content></ofd:Page>",
            )
        if template:
            z.writestr(
                "Doc_0/Tpls/Tpl_0/Content.xml",
                f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="3">{template}</ofd:Layer>'
                "</ofd:Content></ofd:Page>",
            )
        for name, data in (files or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _per_char(x0: float, baseline: float, text: str, size: float = 5.0) -> str:
    """One TextObject a character, as thunisoft/Suwell-style converters write them: the object is
    drawn in points scaled by a CTM; its Boundary is the glyph's own box, whose top depends on the
    glyph (digits and brackets are shorter than Chinese characters), and the TextCode's Y puts the
    glyph on the line's shared baseline."""
    scale = 0.3528  # pt → mm
    out = []
    x = x0
    for i, ch in enumerate(text):
        wide = ord(ch) > 0x2E80 and ch not in "（）"
        ascent = (0.88 if wide else 0.62 + 0.05 * (i % 3)) * size  # mm above the baseline
        top = baseline - ascent
        out.append(
            f'<ofd:TextObject ID="{100 + i}" CTM="{scale} 0 0 {scale} 0 0" '
            f'Boundary="{x:.3f} {top:.3f} {size:.3f} {size:.3f}" Font="3" Size="{size / scale:.3f}">'
            f'<ofd:TextCode X="0" Y="{ascent / scale:.3f}">{ch}</ofd:TextCode></ofd:TextObject>'
        )
        x += size if wide else size / 2
    return "".join(out)


def _text(x: float, y: float, s: str, size: float = 5.0, extra: str = "") -> str:
    dx = " ".join(str(size if ord(c) > 0x2E80 else size / 2) for c in s[:-1])
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} 150 {size * 1.5}" Size="{size}"{extra}>'
        f'<ofd:TextCode X="0" Y="{size}" DeltaX="{dx}">{s}</ofd:TextCode></ofd:TextObject>'
    )


def test_one_text_object_per_character_reads_by_baseline() -> None:
    # the defect: lines grouped by glyph-box top read 湖南省长（20沙20）市湘0中1民级初93人号民法院
    content = _per_char(60, 40, "湖南省长沙市中级人民法院") + _per_char(70, 50, "（2020）湘01民初93号")
    doc = extract(_package([content]))
    assert doc.status == "ok"
    assert doc.text.splitlines() == ["湖南省长沙市中级人民法院", "（2020）湘01民初93号"]


def test_scaled_text_object_keeps_its_size() -> None:
    # CTM "9 0 0 9 0 0" with Size 1 (CNKI converter): a 9-unit font, not a 1-unit one, so two
    # characters 10 units apart on one baseline are neighbours, not separate cells
    obj = (
        '<ofd:TextObject ID="6" CTM="9 0 0 9 0 0" Boundary="{x} 20 10 8" Size="1">'
        '<ofd:TextCode X="0" Y="0.8">{t}</ofd:TextCode></ofd:TextObject>'
    )
    doc = extract(_package([obj.format(x=20, t="数") + obj.format(x=29, t="字")]))
    assert doc.text == "数字"


def test_text_in_composite_objects_templates_and_page_blocks() -> None:
    # 3-page CNKI file: every character inside a CompositeGraphicUnit (one read 0 of 4,368 chars)
    unit = (
        '<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="204" Width="600" Height="800">'
        '<ofd:Content><ofd:TextObject ID="6" CTM="9 0 0 9 0 0" Boundary="60 100 100 10" Size="1">'
        '<ofd:TextCode X="0" Y="0.9" DeltaX="g 5 1">数字档案室建设</ofd:TextCode></ofd:TextObject>'
        '<ofd:CompositeObject ID="7" Boundary="0 0 600 800" ResourceID="205"/>'
        "</ofd:Content></ofd:CompositeGraphicUnit>"
        '<ofd:CompositeGraphicUnit ID="205" Width="600" Height="800"><ofd:Content>'
        '<ofd:TextObject ID="8" Boundary="60 140 100 10" Size="9"><ofd:TextCode X="0" Y="8" DeltaX="g 3 9">'
        "是档案工作</ofd:TextCode></ofd:TextObject></ofd:Content></ofd:CompositeGraphicUnit>"
        "</ofd:CompositeGraphicUnits>"
    )
    comp = (
        '<ofd:CompositeObject ID="203" CTM="0.3528 0 0 0.3528 0 0" Boundary="0 0 210 297" ResourceID="204"/>'
    )
    block = f"<ofd:PageBlock ID='30'><ofd:PageBlock ID='31'>{_text(20, 80, '页块中的正文')}</ofd:PageBlock></ofd:PageBlock>"
    doc = extract(
        _package([comp + block, _text(20, 80, "第二页")], res=unit, template=_text(20, 10, "模板页的版头"))
    )
    assert doc.status == "ok"
    page1 = "".join(doc.pages[0].text.split())
    assert page1 == "模板页的版头数字档案室建设是档案工作页块中的正文"
    assert "第二页" in doc.pages[1].text


def test_a_template_used_by_every_page_is_read_once() -> None:
    # 60 pages on one 40 KB template: read per page it came to 2.4 MB of zip reads (over this limit)
    template = _text(20, 10, "模板页的版头") + "<ofd:PathObject ID='1' Boundary='0 0 1 1'/>" * 900
    pages = [_text(20, 40, f"第{i}页的正文内容") for i in range(60)]
    limits = Limits(ocr=False, max_uncompressed_bytes=1024 * 1024)
    doc = extract(_package(pages, template=template), limits=limits)
    assert doc.status == "ok" and len(doc.pages) == 60


def test_composite_cycle_is_refused_not_looped() -> None:
    unit = (
        '<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="1" Width="10" Height="10"><ofd:Content>'
        '<ofd:CompositeObject ID="2" Boundary="0 0 10 10" ResourceID="1"/></ofd:Content>'
        "</ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits>"
    )
    doc = extract(_package(['<ofd:CompositeObject ID="3" Boundary="0 0 10 10" ResourceID="1"/>'], res=unit))
    assert doc.status == "unreadable"


def test_composite_bomb_is_refused_before_drawing() -> None:
    # ten units of ten units of ... of one character: 10^7 objects from a few lines of XML
    units = []
    for level in range(8):
        inner = (
            "".join(
                f'<ofd:CompositeObject ID="{level}{k}" Boundary="0 0 10 10" ResourceID="{level + 1}"/>'
                for k in range(10)
            )
            if level < 7
            else _text(0, 0, "字")
        )
        units.append(
            f'<ofd:CompositeGraphicUnit ID="{level}" Width="10" Height="10"><ofd:Content>{inner}'
            "</ofd:Content></ofd:CompositeGraphicUnit>"
        )
    res = "<ofd:CompositeGraphicUnits>" + "".join(units) + "</ofd:CompositeGraphicUnits>"
    doc = extract(_package(['<ofd:CompositeObject ID="99" Boundary="0 0 10 10" ResourceID="0"/>'], res=res))
    assert doc.status == "too_large"


def test_fields_on_different_lines_are_not_glued() -> None:
    # a marriage certificate: the ID ends the right column of one line, the date starts the left
    # column of the next; joined they read 3205221988110800212021/02/03 (ID + date, no finding)
    id_ = "110101199003070014"  # SYNTHETIC, valid check digit
    content = (
        _text(50, 95, "中国")
        + _text(256, 95, id_)
        + _text(67, 114, "2021/02/03")
        + _text(250, 114, "太仓市婚姻登记处")
    )
    text = extract(_package([content])).text
    assert not re.search(r"\d{19,}", text)
    assert re.search(rf"(?<!\d){id_}(?!\d)", text) and "2021/02/03" in text


def test_wrapped_number_in_a_column_still_joins() -> None:
    # the other side: a number wrapped inside a paragraph (next line at the left edge) is one number
    content = _text(20, 20, "身份证号码11010119900307") + _text(20, 28, "0014，现住")
    assert "110101199003070014" in extract(_package([content])).text


_CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")  # Debian fonts-noto-cjk


def test_a_turned_watermark_follows_the_page_and_keeps_its_paragraphs() -> None:
    # a 45° watermark (内部资料, a secrecy sign) is read, after the page's text; the page's wrapped
    # paragraph still joins by its geometry
    mark = (
        '<ofd:TextObject ID="50" Boundary="0 0 210 297" Size="10" CTM="0.707 -0.707 0.707 0.707 60 150">'
        '<ofd:TextCode X="0" Y="10" DeltaX="g 3 10">内部资料</ofd:TextCode></ofd:TextObject>'
    )
    body = _text(20, 40, "根据有关规定，现将本年度工作情况通报如下，请各单位") + _text(
        20, 48, "认真组织学习。"
    )
    text = extract(_package([mark + body])).text
    assert text.splitlines() == [
        "根据有关规定，现将本年度工作情况通报如下，请各单位认真组织学习。",
        "内部资料",
    ]


def _scan_png(text: str) -> bytes:
    """A picture of a line of text (with a Chinese font if there is one: OCR needs it)."""
    pytest.importorskip("PIL")
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(_CJK_FONT), 48) if _CJK_FONT.exists() else ImageFont.load_default()
    image = Image.new("L", (900, 200), 255)
    ImageDraw.Draw(image).text((40, 60), text, font=font, fill=0)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _image_page(folio: str = "") -> bytes:
    res = '<ofd:MultiMedias><ofd:MultiMedia ID="4" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>'
    page = '<ofd:ImageObject ID="3" CTM="180 0 0 250 0 0" Boundary="15 20 180 250" ResourceID="4"/>'
    seal = '<ofd:ImageObject ID="5" CTM="10 0 0 10 0 0" Boundary="150 250 10 10" ResourceID="4"/>'
    text = _text(100, 280, folio) if folio else ""
    return _package(
        [page + seal + text], res=res, files={"Doc_0/Res/scan.png": _scan_png("关于加强档案管理工作的通知")}
    )


def test_picture_page_without_ocr_needs_ocr_never_ok() -> None:
    doc = extract(_image_page(), limits=Limits(ocr=False))
    assert (doc.status, doc.text) == ("needs_ocr", "")


def test_scan_with_a_page_number_is_a_picture_page() -> None:
    # a scanned page whose only text is its folio is not a page of text: never ok with "— 1 —"
    assert extract(_image_page("— 1 —"), limits=Limits(ocr=False)).status == "needs_ocr"
    # a page of text over a background picture (a certificate's form) is read as text
    form = _image_page("结婚证字号J320585-2021-000213，持证人")
    assert extract(form, limits=Limits(ocr=False)).status == "ok"


@pytest.mark.ocr
@pytest.mark.skipif(not ocr.available("chi_sim"), reason="tesseract with chi_sim is not installed")
@pytest.mark.skipif(not _CJK_FONT.exists(), reason="no Chinese font to draw the page picture with")
def test_picture_page_is_ocrd_and_marked() -> None:
    doc = extract(_image_page("— 1 —"))
    assert doc.pages[0].quality.ocr
    assert "档案管理" in doc.text and "1" in doc.text
    assert any("OCR" in w for w in doc.warnings)


def test_content_stream_order_is_kept_for_the_order_check() -> None:
    content = _per_char(60, 40, "湖南省长沙市") + _per_char(60, 50, "中级人民法院")
    lim = Limits(ocr=False)
    page = read_ofd(_package([content]), Context(lim, lim.deadline())).pages[0]
    assert page.second_order == "湖南省长沙市中级人民法院"
