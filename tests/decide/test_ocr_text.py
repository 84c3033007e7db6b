"""Text that came from OCR is never passed as clean: a misread digit can hide an ID number."""

from __future__ import annotations

from dataclasses import replace

from gkreview.decide import Decider
from gkreview.document import PageQuality
from gkreview.review import text_document
from tests.conftest import iter_corpus


def _doc(ocr: bool):
    text = next(iter_corpus("govcn_statecouncil", limit=1))["text"]
    doc = text_document(text, "scan.pdf")
    page = replace(doc.pages[0], quality=PageQuality(chars=len(text), ocr=ocr))
    return replace(doc, pages=(page,))


def test_ocr_text_needs_a_person_with_article_17():
    s = Decider(model=None).suggest(_doc(ocr=True), [])
    assert s.needs_human_review
    ocr = [r for r in s.reasons if r.rule == "ocr_text"]
    assert ocr and ocr[0].code == "HUMAN_REVIEW"
    assert "OCR" in ocr[0].explanation


def test_the_same_text_read_from_a_text_layer_has_no_ocr_reason():
    s = Decider(model=None).suggest(_doc(ocr=False), [])
    assert not [r for r in s.reasons if r.rule == "ocr_text"]
