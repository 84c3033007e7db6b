"""Readers: bytes in, a ``Document`` out. Never raises for a bad document: the status says it.

``extract(source)`` loads the bytes (path, bytes or binary file object) within ``Limits``, sniffs
the real type from the bytes (never the name), hands them to one reader module (``pdf``, ``docx``,
``text``, ``ofd``, ``legacy`` for DOC/WPS, ``ocr`` for images), runs the per-page quality gate
(``quality``) and turns every failure into ``status`` + ``error`` here, at one boundary.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from gkreview.document import Document, ErrorInfo, Status, join_pages
from gkreview.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    ExtractionError,
    GkreviewError,
    HostileDocumentError,
    UnreadableTextError,
    UnsupportedFormatError,
)
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.limits import Deadline, Limits
from gkreview.readers.quality import assess_page, document_status, glyph_warning
from gkreview.readers.sniff import sniff

__all__ = ["Limits", "Source", "extract", "read_attached"]

log = logging.getLogger(__name__)

Source = str | os.PathLike[str] | bytes | BinaryIO

_UNSUPPORTED = {
    "xlsx": "an Excel workbook",
    "xls": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "ppt": "a PowerPoint presentation",
    "odf": "an OpenDocument file (convert it to DOCX or PDF)",
    "rtf": "an RTF file (save it as DOCX)",
    "zip": "a zip archive (unpack it and review the files inside)",
    "gzip": "a gzip archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "elf": "a program, not a document",
    "exe": "a program, not a document",
    "ole": "an OLE compound file that is not a DOC or WPS document",
}


def _load(source: Source, name: str | None, limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = name or "<bytes>"
    elif isinstance(source, str | os.PathLike):
        p = Path(source)
        label = name or str(source)
        try:
            size = p.stat().st_size
            if size > limits.max_file_bytes:
                raise DocumentTooLargeError(
                    f"{size} bytes is over the {limits.max_file_bytes}-byte file limit"
                )
            if not p.is_file():
                raise CorruptDocumentError(f"{label} is not a regular file", code="not_found")
            with p.open("rb") as fh:
                data = fh.read(limits.max_file_bytes + 1)
        except FileNotFoundError as exc:
            raise CorruptDocumentError(f"no such file: {label}", code="not_found") from exc
        except OSError as exc:
            raise CorruptDocumentError(
                f"cannot read {label}: {exc.strerror or exc}", code="not_found"
            ) from exc
    else:
        label = name or str(getattr(source, "name", "<stream>"))
        try:
            data = source.read(limits.max_file_bytes + 1)
        except (OSError, ValueError) as exc:
            raise CorruptDocumentError(f"cannot read {label}: {exc}") from exc
        if not isinstance(data, bytes | bytearray):
            raise UnsupportedFormatError(f"{label} is a text stream; open the file in binary mode ('rb')")
        data = bytes(data)
    if len(data) > limits.max_file_bytes:
        raise DocumentTooLargeError(f"over the {limits.max_file_bytes}-byte file limit")
    return data, label


def _reader(fmt: str) -> Callable[[bytes, Context], ReadResult]:
    if fmt == "pdf":
        from gkreview.readers.pdf import read_pdf

        return read_pdf
    if fmt == "docx":
        from gkreview.readers.docx import read_docx

        return read_docx
    if fmt == "ofd":
        from gkreview.readers.ofd import read_ofd

        return read_ofd
    if fmt in ("doc", "wps"):
        from gkreview.readers.legacy import read_ole

        return read_ole
    if fmt == "txt":
        from gkreview.readers.text import read_text

        return read_text
    if fmt in ("png", "jpeg", "tiff", "gif", "bmp"):
        from gkreview.readers.ocr import read_image

        return read_image
    if fmt == "empty":
        raise UnreadableTextError("the file is empty (0 bytes)", code="empty")
    raise UnsupportedFormatError(
        f"{_UNSUPPORTED.get(fmt, 'an unknown file type')}: gkreview reads PDF, DOCX, DOC, WPS, OFD and plain text"
    )


def _read(
    data: bytes, limits: Limits, deadline: Deadline, label: str, depth: int = 0
) -> tuple[str, ReadResult]:
    fmt = "unknown"
    try:
        fmt = sniff(data)
        if fmt == "text":
            fmt = "txt"
        elif fmt == "ole":
            from gkreview.readers.legacy import ole_kind

            fmt = ole_kind(data)
        return fmt, _reader(fmt)(data, Context(limits, deadline, label, depth))
    except ExtractionError as exc:
        exc.format = fmt  # type: ignore[attr-defined]
        raise


def read_attached(data: bytes, ctx: Context, label: str) -> tuple[str, ReadResult]:
    """(format, result) of a file attached to the one being read (a PDF's embedded file), within
    the same limits and deadline. Raises ExtractionError like any reader."""
    return _read(data, ctx.limits, ctx.deadline, label, ctx.depth + 1)


def extract(source: Source, *, name: str | None = None, limits: Limits | None = None) -> Document:
    """Read one document. Never raises for any input: failures are ``status`` + ``error``."""
    limits = limits or Limits()
    t0 = time.perf_counter()
    deadline = limits.deadline()
    data = b""
    label = name or (str(source) if isinstance(source, str | os.PathLike) else "<bytes>")
    fmt = "unknown"
    try:
        data, label = _load(source, name, limits)
        fmt, result = _read(data, limits, deadline, label)
        if sum(len(p.text) for p in result.pages) > limits.max_text_chars:
            raise DocumentTooLargeError(f"the document holds more than {limits.max_text_chars} characters")
        doc = _document(label, result)
        mismatch = extension_mismatch(label, fmt)
        if mismatch:
            doc = replace(doc, warnings=(*doc.warnings, mismatch))
    except ExtractionError as exc:
        fmt = getattr(exc, "format", fmt)
        doc = _failed(label, fmt, exc)
    except RecursionError as exc:
        doc = _failed(label, fmt, HostileDocumentError(f"the document is nested too deeply: {exc}"))
    except GkreviewError as exc:
        doc = _failed(label, fmt, CorruptDocumentError(exc.message))
    except Exception as exc:  # the last guard of the boundary: never raise for any bytes
        # the exception's text may quote document content: only its type goes to the report and the
        # warning; the traceback is for debug logging
        log.warning("reader crashed on %s (%s)", label, type(exc).__name__)
        log.debug("reader crash on %s", label, exc_info=True)
        err = CorruptDocumentError(
            f"the {fmt} reader failed ({type(exc).__name__}); the file may be damaged", code="reader_failed"
        )
        doc = _failed(label, fmt, err)
    return replace(
        doc,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        elapsed_ms=(time.perf_counter() - t0) * 1000,
    )


# what a file's name promises: the formats its content may have without a warning
_EXTENSIONS = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".doc": {"doc", "wps"},
    ".wps": {"wps", "doc"},
    ".ofd": {"ofd"},
    ".txt": {"txt"},
    ".png": {"png"},
    ".jpg": {"jpeg"},
    ".jpeg": {"jpeg"},
    ".tif": {"tiff"},
    ".tiff": {"tiff"},
}


def extension_mismatch(label: str, fmt: str) -> str | None:
    """The ``extension_mismatch`` warning when the file's name says one format and its bytes
    another (a text file named .docx): the file is read as what it is."""
    suffix = os.path.splitext(label)[1].lower()
    allowed = _EXTENSIONS.get(suffix)
    if allowed is None or fmt in allowed:
        return None
    return (
        f"extension_mismatch: the name ends in {suffix} but the content is {fmt.upper()};"
        f" read as {fmt.upper()} (check that this is the file meant for review)"
    )


def _failed(label: str, fmt: str, exc: ExtractionError) -> Document:
    return Document(path=label, format=fmt, status=Status(exc.status), error=ErrorInfo(exc.code, exc.message))


def _document(label: str, result: ReadResult) -> Document:
    raws: list[RawPage] = result.pages
    qualities = [assess_page(r) for r in raws]
    status, error = document_status(raws, qualities)
    text, pages = join_pages([r.text for r in raws], qualities)
    glyphs = glyph_warning(qualities)
    return Document(
        path=label,
        format=result.format,
        status=status,
        text=text,
        pages=tuple(pages),
        error=error,
        warnings=(*result.warnings, *([glyphs] if glyphs else [])),
    )
