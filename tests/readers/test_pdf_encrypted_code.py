"""An encrypted PDF is recognised by PDFium's error code (FPDF_ERR_PASSWORD), not by the word
"password" in the error message (which pypdfium2 may word differently from one version to the next)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from gkreview.errors import CorruptDocumentError, EncryptedDocumentError
from gkreview.readers import pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def test_the_encrypted_fixture_is_encrypted() -> None:
    with pytest.raises(EncryptedDocumentError):
        pdf._open((FIXTURES / "encrypted.pdf").read_bytes())


@pytest.mark.parametrize(
    ("message", "code", "expected"),
    [
        ("Failed to load document (PDFium: something else).", raw.FPDF_ERR_PASSWORD, EncryptedDocumentError),
        ("Failed to load document (PDFium: wrong password?).", raw.FPDF_ERR_FORMAT, CorruptDocumentError),
    ],
)
def test_the_code_decides_not_the_words(monkeypatch, message: str, code: int, expected: type) -> None:
    def refuse(data: bytes) -> None:
        exc = pdfium.PdfiumError(message)
        exc.err_code = code  # as pypdfium2 5 sets it
        raise exc

    monkeypatch.setattr(pdfium, "PdfDocument", refuse)
    with pytest.raises(expected):
        pdf._open(b"%PDF-1.7")


def test_without_a_code_on_the_exception_pdfiums_last_error_decides(monkeypatch) -> None:
    data = (FIXTURES / "encrypted.pdf").read_bytes()

    def refuse_like_pypdfium2_4(blob: bytes) -> None:
        raw.FPDF_LoadMemDocument(data, len(data), None)  # fails, and sets PDFium's last error
        raise pdfium.PdfiumError("Failed to load document.")  # no err_code, no telling words

    monkeypatch.setattr(pdfium, "PdfDocument", refuse_like_pypdfium2_4)
    with pytest.raises(EncryptedDocumentError):
        pdf._open(data)
