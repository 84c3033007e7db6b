"""OFD (GB/T 33190): a package built from the standard's structure by scripts/render.py, plus the
parts of the standard render.py does not write (DeltaX "g" runs, template pages, absolute paths)."""

from __future__ import annotations

import io
import zipfile

from gkreview.readers import extract
from gkreview.readers.ofd import _deltas

NS = "http://www.ofdspec.org/2016"


def test_delta_g_notation() -> None:
    assert _deltas("g 3 5.2 1") == [5.2, 5.2, 5.2, 1.0]
    assert _deltas("") == []


def _package(content: str, template: str | None = None) -> bytes:
    buf = io.BytesIO()
    tpl_decl = '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    tpl_ref = '<ofd:Template TemplateID="5"/>' if template else ""
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "OFD.xml",
            f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>",
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>{tpl_decl}</ofd:CommonData><ofd:Pages>'
            '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        )
        z.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            f'<ofd:Page xmlns:ofd="{NS}">{tpl_ref}<ofd:Content><ofd:Layer>{content}</ofd:Layer></ofd:Content></ofd:Page>',
        )
        if template:
            z.writestr(
                "Doc_0/Tpls/Tpl_0/Content.xml",
                f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer>{template}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return buf.getvalue()


def _text(x: float, y: float, s: str, delta: str = "") -> str:
    d = f' DeltaX="{delta}"' if delta else ""
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} 100 8" Size="5">'
        f'<ofd:TextCode X="0" Y="5"{d}>{s}</ofd:TextCode></ofd:TextObject>'
    )


def test_text_objects_in_reading_order_with_template() -> None:
    content = (
        _text(60, 40, "第二行右", "g 3 5") + _text(20, 40, "第二行左", "g 3 5") + _text(20, 20, "标题", "5")
    )
    doc = extract(_package(content, template=_text(20, 5, "版头", "5")))
    assert (doc.format, doc.status) == ("ofd", "ok")
    assert doc.text.splitlines() == ["版头", "标题", "第二行左 第二行右"]  # 4 em apart: a gap


def test_touching_text_codes_join_and_a_gap_separates_cells() -> None:
    # one baseline: "鲁P" and "D12345" touch (one plate); two number cells 3 em apart stay apart
    content = (
        _text(20, 20, "车牌鲁P", "g 3 5")
        + _text(40, 20, "D12345", "g 5 5")
        + _text(20, 40, "7825", "g 3 5")
        + _text(55, 40, "15801468458", "g 10 5")
    )
    assert extract(_package(content)).text.splitlines() == ["车牌鲁PD12345", "7825 15801468458"]


def test_trailing_spaces_of_a_text_code_separate_the_next_line() -> None:
    # red team: a roster row ends "…7825  " and the next line starts with a phone number; the
    # title wraps "（S" / "YNTHETIC…" by character and must not get a space
    lines = [
        "XX镇2026年第三季度城乡居民的最低生活保障对象公示名单（S",
        "YNTHETIC 合成测试数据）。根据有关规定，现将结果公示如下",
        "3  芮健波  男  450102********7825  ",
        "15801468458  6264972725056255237",
    ]
    content = "".join(_text(20, 20 + 8 * i, t, f"g {len(t) - 1} 5") for i, t in enumerate(lines))
    text = extract(_package(content)).text
    assert "名单（SYNTHETIC 合成测试数据）" in text
    assert "450102********7825  15801468458  6264972725056255237" in text


def test_page_of_only_images_needs_ocr() -> None:
    doc = extract(_package('<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="4"/>'))
    assert doc.status == "needs_ocr"


def test_missing_page_part_is_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "OFD.xml",
            f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        )
    doc = extract(buf.getvalue())
    assert (doc.format, doc.status) == ("ofd", "unreadable")
    assert doc.error is not None and doc.error.code == "corrupt"
