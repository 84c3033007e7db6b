"""Real OFD files from public repositories (tests/fixtures/ofd_wild, PROVENANCE.md there): golden
expectations for the files behind each defect of issue 11, and the whole set against the TextCode
text in reading order derived independently from the XML (scripts/eval_ofd.py)."""

from __future__ import annotations

import importlib.util
import re
import statistics
import sys
from types import ModuleType

import pytest

from gkreview.readers import Limits, extract
from tests.conftest import FIXTURES, ROOT

WILD = FIXTURES / "ofd_wild"
NO_OCR = Limits(ocr=False)


def _eval() -> ModuleType:
    if "eval_ofd" not in sys.modules:
        spec = importlib.util.spec_from_file_location("eval_ofd", ROOT / "scripts" / "eval_ofd.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules["eval_ofd"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["eval_ofd"]


def _squeezed(name: str) -> str:
    return "".join(extract(WILD / name, limits=NO_OCR).text.split())


@pytest.mark.parametrize(
    ("name", "in_order"),
    [
        # one TextObject with a CTM per character (e-licence converter): 建设单位 read 建 设 单 位 far apart
        ("ofdrw_converter_zsbk.ofd", ["建设单位中华安保有限公司", "工程名称中华监测有限公司保障园区项目"]),
        ("ofdrw_converter_signout.ofd", ["XX市政府文件处理", "来文文号", "来文单位市人民政府办公室"]),
        # bank receipt: 27 of 54 TextCodes with a CTM
        ("ofdjs_26050100800_00001.ofd", ["中国建设银行单位客户专用回单"]),
        # every character inside a CompositeGraphicUnit: 0 of 4,368 characters read before
        ("ofdrw_converter_y.ofd", ["专题·数字档案室建设与实践", "数字档案室建设是"]),
        # watermark annotations (a secrecy mark in an annotation is content)
        ("ofdrw_tool_hello_watermark.ofd", ["你好呀，OFDReader&Writer！", "保密资料"]),
    ],
)
def test_real_files_read_in_order(name: str, in_order: list[str]) -> None:
    text = _squeezed(name)
    pos = 0
    for part in in_order:
        found = text.find(part, pos)
        assert found >= 0, f"{part!r} not found (in order) in {name}"
        pos = found + len(part)


def test_real_certificate_id_and_date_are_not_glued() -> None:
    text = extract(WILD / "ofdrw_converter_不规范资源路径.ofd", limits=NO_OCR).text
    assert not re.search(r"\d{19,}", text)  # was "<18-digit ID>2021/02/03"
    assert re.search(r"(?<!\d)\d{17}[\dX](?!\d)", text) and "2021/02/03" in text


def test_real_composite_file_reads_every_page() -> None:
    doc = extract(WILD / "ofdrw_converter_y.ofd", limits=NO_OCR)
    assert doc.status == "ok"
    assert [len(p.text) > 500 for p in doc.pages] == [True, True, True]


def test_real_picture_only_file_is_never_ok_without_ocr() -> None:
    doc = extract(WILD / "ofdrw_converter_containsJPEG.ofd", limits=NO_OCR)
    assert doc.status == "needs_ocr"


def test_random_test_text_is_not_ok() -> None:
    # ofdrw's paragraph-splitting sample is random characters ("K*区区区位南Z数"): not words
    doc = extract(WILD / "ofdrw_layout_SplitParagraph.ofd", limits=NO_OCR)
    assert doc.status == "partial"
    assert any("reading order" in i for p in doc.pages for i in p.quality.issues)


def test_classical_poetry_is_not_mistaken_for_scrambled_text() -> None:
    assert extract(WILD / "ofdrw_sign_doc1File.ofd", limits=NO_OCR).status == "ok"


def test_whole_set_against_the_textcode_text() -> None:
    ev = _eval()
    accs: list[float] = []
    missing: list[str] = []
    wrong_ok: list[str] = []
    for path in sorted(WILD.glob("*.ofd")):
        doc = extract(path, limits=NO_OCR)
        _, ref_pages, codes, _ = ev.reference(path)
        ref = "\n".join(ref_pages)
        if not ev.squeeze(ref):
            continue
        acc = ev.accuracy("\n".join(p.text for p in doc.pages), ref)
        accs.append(acc)
        if acc < 0.98 and doc.status == "ok":
            wrong_ok.append(path.name)
        hay = ev.squeeze(doc.text)
        missing += [f"{path.name}: {c[0][:10]}" for c in codes if not ev._shown(c, hay)]
    assert len(accs) >= 51
    assert statistics.median(accs) >= 0.98
    assert wrong_ok == []  # a file read out of order is never reported ok
    # every TextCode a page shows is in the text (page furniture dropped on purpose aside)
    assert len(missing) <= 2, missing


def test_fixture_provenance_lists_every_file() -> None:
    listed = (WILD / "PROVENANCE.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in listed for p in WILD.glob("*.ofd"))
