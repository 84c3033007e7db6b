"""Readers: bytes in, a ``Document`` out. Never raises for a bad document: the status says it.

(Stub interface; the full readers are issue #2.)
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import BinaryIO

from gkreview.document import Document, ErrorInfo, PageQuality, Status, join_pages
from gkreview.errors import ExtractionError
from gkreview.readers.limits import Limits

__all__ = ["Limits", "Source", "extract"]

Source = str | os.PathLike[str] | bytes | BinaryIO


def _load(source: Source, name: str | None, limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "<bytes>"
    if isinstance(source, str | os.PathLike):
        p = Path(source)
        return p.read_bytes(), name or str(source)
    data = source.read(limits.max_file_bytes + 1)
    return data, name or getattr(source, "name", "<stream>")


def extract(source: Source, *, name: str | None = None, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    t0 = time.perf_counter()
    data, path = _load(source, name, limits)
    sha = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
        full, pages = join_pages([text], [PageQuality(chars=len(text))])
        doc = Document(path=path, format="txt", status=Status.OK, text=full, pages=tuple(pages))
    except UnicodeDecodeError as exc:
        err = ExtractionError(f"cannot decode {path}: {exc}")
        doc = Document(path=path, format="unknown", status=Status.UNREADABLE, error=ErrorInfo(err.code, err.message))
    from dataclasses import replace

    return replace(doc, sha256=sha, size=len(data), elapsed_ms=(time.perf_counter() - t0) * 1000)
