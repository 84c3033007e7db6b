"""The quality gate: garbled pages make the document partial or unreadable, never clean."""

from __future__ import annotations

from gkreview.document import Status
from gkreview.readers.base import RawPage
from gkreview.readers.quality import assess_page, document_status

CLEAN = "国务院办公厅关于加强三级公立医院绩效考核工作的意见。" * 3


def _status(*pages: RawPage) -> Status:
    return document_status(pages, [assess_page(p) for p in pages])[0]


def test_clean_pages_are_ok() -> None:
    q = assess_page(RawPage(CLEAN))
    assert q.ok and q.bad_chars == 0 and q.cjk_chars > 50
    assert _status(RawPage(CLEAN), RawPage(CLEAN)) == Status.OK


def test_cid_glyphs_fail_the_page() -> None:
    q = assess_page(RawPage(CLEAN + "(cid:1234)(cid:88)"))
    assert not q.ok and q.bad_chars == 2
    assert _status(RawPage(CLEAN), RawPage("(cid:12)(cid:13)")) == Status.PARTIAL


def test_replacement_characters_and_unmapped_glyphs_fail_the_page() -> None:
    assert not assess_page(RawPage(CLEAN + "\ufffd")).ok
    assert not assess_page(RawPage(CLEAN, bad_glyphs=4)).ok


def test_every_page_garbled_is_unreadable() -> None:
    assert _status(RawPage("\ue001\ue002\ue003\ue004\ue005"), RawPage("(cid:5)")) == Status.UNREADABLE


def test_a_few_private_use_bullets_are_tolerated() -> None:
    q = assess_page(RawPage("\uf06c" + CLEAN * 2))
    assert q.ok and q.issues


def test_an_ocr_page_with_many_low_confidence_words_fails_even_with_a_good_mean() -> None:
    # a table page: the prose reads well, the cells' short words do not
    assert not assess_page(RawPage(CLEAN, ocr=True, ocr_confidence=75.0, ocr_low_share=0.35)).ok
    assert assess_page(RawPage(CLEAN, ocr=True, ocr_confidence=75.0, ocr_low_share=0.05)).ok


def test_latin1_mojibake_fails() -> None:
    garbled = "¹ úÎñÔº°ì¹ «Ìü¹ ØÓÚ¼ÓÇ¿Èý¼¶¹ «Á¢Ò½Ôº¼¨Ð§¿¼ºË"
    assert not assess_page(RawPage(garbled)).ok


def test_scanned_page_needs_ocr_and_no_text_is_unreadable() -> None:
    assert _status(RawPage(CLEAN), RawPage("", no_text_layer=True)) == Status.NEEDS_OCR
    assert _status(RawPage(""), RawPage("  ")) == Status.UNREADABLE


def test_low_ocr_confidence_fails_the_page() -> None:
    assert not assess_page(RawPage(CLEAN, ocr=True, ocr_confidence=30.0)).ok
    q = assess_page(RawPage(CLEAN, ocr=True, ocr_confidence=90.0))
    assert q.ok and q.ocr


def test_pdf_font_without_tounicode_map_is_never_clean() -> None:
    from gkreview.readers import Limits, extract
    from tests.readers._util import READERS

    doc = extract(READERS / "no_tounicode.pdf", limits=Limits(ocr=False))  # with OCR: test_ocr.py
    assert doc.status == "unreadable"
    assert doc.error is not None and doc.error.code == "garbled_text"
    assert all(not p.quality.ok for p in doc.pages)
    assert any("ToUnicode" in i for p in doc.pages for i in p.quality.issues)
