"""The real type of a file, from its bytes (never from its name)."""

from __future__ import annotations

import io
import zipfile

__all__ = ["OLE_MAGIC", "sniff"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

_IMAGE_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
)
_OTHER_MAGICS = (
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "elf"),
    (b"MZ", "exe"),
)


def sniff(data: bytes) -> str:
    """``pdf``, ``docx``, ``ofd``, ``ole`` (doc/wps/encrypted office: the OLE reader decides),
    ``zip`` (another zip), an image type, ``rtf``, …, or ``text`` (possibly text: the text reader
    decides, and reports binary junk as unreadable). ``empty`` for no bytes."""
    if not data:
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(ZIP_MAGICS):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        return "ole"
    for magic, fmt in _IMAGE_MAGICS:
        if data.startswith(magic) and not (fmt == "bmp" and len(data) < 26):
            return fmt
    for magic, fmt in _OTHER_MAGICS:
        if data.startswith(magic):
            return fmt
    return "text"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist()[:100_000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        names = _local_header_names(data)  # a damaged archive: guess from its local headers
    lower = {n.lower().lstrip("/") for n in names}
    if "word/document.xml" in lower or any(n.startswith("word/") for n in lower):
        return "docx"
    if "ofd.xml" in lower:
        return "ofd"
    if any(n.startswith("xl/") for n in lower):
        return "xlsx"
    if any(n.startswith("ppt/") for n in lower):
        return "pptx"
    if "mimetype" in lower:
        return "odf"
    if "[content_types].xml" in lower:
        return "docx"  # an OOXML package whose main part the DOCX reader looks up
    return "zip"


def _local_header_names(data: bytes, limit: int = 50) -> set[str]:
    """Member names from the local file headers (when the central directory is missing)."""
    names: set[str] = set()
    pos = 0
    while len(names) < limit:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0 or pos + 30 > len(data):
            break
        n = int.from_bytes(data[pos + 26 : pos + 28], "little")
        names.add(data[pos + 30 : pos + 30 + n].decode("utf-8", errors="replace"))
        pos += 30 + n
    return names
