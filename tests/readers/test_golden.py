"""Golden files: real text rendered into each format, extracted text compared with the expected file
(see tests/fixtures/readers/make_fixtures.py for how both were made)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.document import PAGE_SEPARATOR
from gkreview.readers import extract
from tests.readers._util import READERS, squeeze

SOURCE = (READERS / "golden_source.txt").read_text(encoding="utf-8")

CASES = [
    ("golden.pdf", "pdf", "golden_pdf.expected.txt"),
    ("golden.docx", "docx", "golden_docx.expected.txt"),
    ("golden.ofd", "ofd", "golden_ofd.expected.txt"),
    ("golden.doc", "doc", "golden_doc.expected.txt"),
    ("golden_utf8.txt", "txt", "golden_txt.expected.txt"),
    ("golden_utf8bom.txt", "txt", "golden_txt.expected.txt"),
    ("golden_utf16.txt", "txt", "golden_txt.expected.txt"),
    ("golden_gb18030.txt", "txt", "golden_txt.expected.txt"),
]


@pytest.mark.parametrize(("name", "fmt", "expected"), CASES)
def test_golden_text(name: str, fmt: str, expected: str) -> None:
    doc = extract(READERS / name)
    assert doc.status == "ok", doc.error
    assert doc.format == fmt
    assert doc.text == (READERS / expected).read_text(encoding="utf-8")
    assert doc.error is None
    assert all(p.quality.ok for p in doc.pages)


@pytest.mark.parametrize(
    "name", ["golden.pdf", "golden_embedded.pdf", "golden.ofd", "golden_gb18030.txt", "golden_utf16.txt"]
)
def test_fixed_layout_and_text_formats_keep_every_character(name: str) -> None:
    doc = extract(READERS / name)
    assert squeeze(doc.text) == squeeze(SOURCE)


@pytest.mark.parametrize("name", ["golden.pdf", "golden_embedded.pdf", "golden.ofd"])
def test_paragraphs_are_rejoined(name: str) -> None:
    doc = extract(READERS / name)
    paras = [p for p in SOURCE.splitlines() if p.strip()]
    lines = set(doc.text.replace(PAGE_SEPARATOR, "\n").splitlines())
    whole = [p for p in paras if p in lines]
    # every paragraph comes out as one line, except the one or two cut by a page break
    assert len(whole) >= len(paras) - 2 * (len(doc.pages) - 1)


@pytest.mark.parametrize("name", ["golden.docx", "golden.doc"])
def test_word_formats_keep_body_header_footer_footnote_textbox_table(name: str) -> None:
    doc = extract(READERS / name)
    for para in SOURCE.splitlines():
        assert para in doc.text
    for extra in ("国务院办公厅印发", "本文件有删减。", "指标\t类别", "医疗质量\t定量"):
        assert extra in doc.text
    assert doc.text.count("此件公开发布") == 1  # the text box, not also its fallback copy


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_page_offsets_match_the_text(name: str) -> None:
    doc = extract(READERS / name)
    assert doc.pages
    for page in doc.pages:
        assert doc.text[page.start : page.end] == page.text
    assert PAGE_SEPARATOR.join(p.text for p in doc.pages) == doc.text
    assert doc.sha256 and doc.size == (READERS / name).stat().st_size


def test_pdf_page_numbers_are_removed_where_they_repeat() -> None:
    doc = extract(READERS / "golden.pdf")
    assert len(doc.pages) >= 2
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text
    assert any("page-number" in w for w in doc.warnings)


def test_pdf_comment_annotations_are_read_after_their_page() -> None:
    doc = extract(READERS / "synthetic_annotated.pdf")
    assert doc.status == "ok"
    assert doc.pages[0].text.endswith("\n内部讨论稿")
    assert doc.pages[1].text.endswith("\n审核意见：第二段请再核实")
    assert any("annotation" in w for w in doc.warnings)


def test_contract_sample_pdf_reads_like_its_docx(samples_dir: Path) -> None:
    # ../shared/contracts/samples: the same real notice (国办发〔2019〕3号) as DOCX and PDF; the PDF
    # draws its quotation marks in another font, which pdfium emits out of place (re-ordered here)
    pdf = extract(samples_dir / "notice.pdf")
    docx = extract(samples_dir / "notice.docx")
    assert (pdf.status, docx.status) == ("ok", "ok")
    assert squeeze(pdf.text) == squeeze(docx.text)
    assert "按照“一事一议”、“一园一案”的要求" in pdf.text
    assert len(pdf.text.replace(PAGE_SEPARATOR, "\n").splitlines()) == len(docx.text.splitlines())


def test_files_attached_to_a_pdf_make_it_partial(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(READERS / "golden.pdf"))
    writer.add_attachment("名单.xlsx", b"PK\x03\x04 not read")  # invented attachment
    path = tmp_path / "attached.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    doc = extract(path)
    assert doc.status == "partial"
    assert any("attached" in w for w in doc.warnings)


def test_threads_reading_pdfs_at_once_do_not_crash() -> None:
    # pdfium is not thread-safe; the reader serialises its use (a crash here kills the test run)
    from concurrent.futures import ThreadPoolExecutor

    names = ["golden.pdf", "golden_embedded.pdf", "synthetic_wrap.pdf"] * 6
    want = {n: extract(READERS / n).text for n in set(names)}
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda n: (n, extract(READERS / n).text), names))
    assert all(text == want[n] for n, text in got)
