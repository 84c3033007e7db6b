"""DOC and WPS (OLE compound files): the Word binary text through the piece table.

olefile opens the compound file; the FIB of the ``WordDocument`` stream points at the CLX in the
table stream (``0Table``/``1Table``), whose PlcPcd lists the text pieces (8-bit "compressed" or
UTF-16). Field codes are dropped (their results kept), cell marks become tabs, paragraph marks
newlines. Main text first, then footnotes, headers, comments, endnotes and text boxes. When the
piece table cannot be read, antiword and then LibreOffice (headless, private profile, time limit)
are tried if installed; else the status is ``unsupported`` with what to install.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gkreview.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    ExtractionError,
    ExtractionTimeoutError,
    UnsupportedFormatError,
)
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.doclists import list_labels

__all__ = ["ole_kind", "piece_table_text", "read_ole"]

_INSTALL = (
    "install antiword (apt-get install antiword) or LibreOffice (apt-get install libreoffice-writer-nogui)"
)
_DROP = re.compile(r"[\x00-\x06\x08\x0e-\x1d\x1f]")
_BLANKS = re.compile(r"\n{3,}")


def _open(data: bytes) -> Any:
    import olefile

    try:
        return olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error, IndexError, KeyError, TypeError, MemoryError) as exc:
        raise CorruptDocumentError(f"a damaged OLE compound file: {exc}") from exc


def _streams(ole: Any) -> set[str]:
    return {"/".join(s) for s in ole.listdir(streams=True, storages=False)}


# Kingsoft WPS Office names itself in the summary streams and adds a KSOProductBuildVer property
_WPS_MARKS = tuple(
    m.encode(enc) for m in ("WPS", "Kingsoft", "KSOProductBuildVer") for enc in ("ascii", "utf-16-le")
)


def _is_wps(ole: Any, names: set[str]) -> bool:
    """True when the summary streams say Kingsoft WPS Office wrote the file (format ``wps``)."""
    for s in ("\x05SummaryInformation", "\x05DocumentSummaryInformation"):
        if s in names:
            try:
                blob = ole.openstream(s).read(65536)
            except (OSError, ValueError, struct.error, IndexError):
                continue
            if any(m in blob for m in _WPS_MARKS):
                return True
    return False


def ole_kind(data: bytes) -> str:
    """``doc``, ``wps``, ``docx`` (a password-protected OOXML package), ``xls``, ``ppt`` or ``ole``.
    Raises CorruptDocumentError when the compound file cannot be opened."""
    ole = _open(data)
    try:
        names = _streams(ole)
        if "EncryptionInfo" in names and "EncryptedPackage" in names:
            return "docx"
        if "WordDocument" in names:
            return "wps" if _is_wps(ole, names) else "doc"
        if "Workbook" in names or "Book" in names:
            return "xls"
        if "PowerPoint Document" in names:
            return "ppt"
        return "ole"
    except (OSError, ValueError, struct.error, IndexError) as exc:  # olefile on a damaged directory
        raise CorruptDocumentError(f"a damaged OLE compound file: {exc}") from exc
    finally:
        ole.close()


def _u16(b: bytes, o: int) -> int:
    return int(struct.unpack_from("<H", b, o)[0])


def _u32(b: bytes, o: int) -> int:
    return int(struct.unpack_from("<I", b, o)[0])


def _clean(text: str) -> str:
    out: list[str] = []
    stack: list[bool] = []  # per open field: True while in its code part
    for ch in text:
        if ch == "\x13":
            stack.append(True)
            continue
        if ch == "\x14":
            if stack:
                stack[-1] = False
            continue
        if ch == "\x15":
            if stack:
                stack.pop()
            continue
        if stack and stack[-1]:
            continue
        out.append(ch)
    s = "".join(out).replace("\x07\x07", "\n").replace("\x07", "\t")
    s = s.replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n").replace("\x1e", "-")
    s = _DROP.sub("", s)
    s = "\n".join(ln.rstrip() for ln in s.split("\n"))
    return _BLANKS.sub("\n\n", s).strip("\n")


def piece_table_text(word: bytes, table: bytes, check: Callable[[], None] | None = None) -> list[str]:
    """The stories of a Word 97–2003 document: [main, footnotes, headers, comments, endnotes,
    text boxes, header text boxes] (cleaned). Raises CorruptDocumentError/UnsupportedFormatError.
    ``check`` (the deadline) is called every 1000 pieces."""
    try:
        csw = _u16(word, 32)
        pos = 34 + 2 * csw
        cslw = _u16(word, pos)
        rglw = pos + 2
        ccps = [max(0, struct.unpack_from("<i", word, rglw + off)[0]) for off in (12, 16, 20, 28, 32, 36, 40)]
        pos2 = rglw + 4 * cslw
        rgfc = pos2 + 2
        fc_clx, lcb_clx = _u32(word, rgfc + 264), _u32(word, rgfc + 268)
    except struct.error as exc:
        raise CorruptDocumentError("the Word FIB is truncated") from exc
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise CorruptDocumentError("the Word piece table (CLX) points outside the table stream")
    i, end = fc_clx, fc_clx + lcb_clx
    plc = b""
    try:
        while i < end:
            kind = table[i]
            if kind == 1:
                i += 3 + _u16(table, i + 1)
            elif kind == 2:
                lcb = _u32(table, i + 1)
                plc = table[i + 5 : i + 5 + lcb]
                break
            else:
                raise CorruptDocumentError(f"unexpected byte {kind:#x} in the Word CLX")
    except (struct.error, IndexError) as exc:
        raise CorruptDocumentError("the Word CLX is truncated") from exc
    if len(plc) < 16 or (len(plc) - 4) % 12:
        raise CorruptDocumentError("the Word PlcPcd has a bad size")
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    chunks: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    for k in range(n):
        if check is not None and k % 1000 == 999:
            check()
        cp0, cp1 = cps[k], cps[k + 1]
        if cp1 < cp0 or cp1 - cp0 > 50_000_000:
            raise CorruptDocumentError("the Word piece table has a bad piece")
        raw_fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        count = cp1 - cp0
        if raw_fc & 0x40000000:
            start = (raw_fc & 0x3FFFFFFF) // 2
            chunks.append(word[start : start + count].decode("cp1252", errors="replace"))
        else:
            start = raw_fc & 0x3FFFFFFF
            chunks.append(word[start : start + 2 * count].decode("utf-16-le", errors="replace"))
        pieces.append((cp0, cp1, start, bool(raw_fc & 0x40000000)))
    full = "".join(chunks)
    labels = list_labels(word, table, rgfc, pieces, full)  # automatic list numbers (一、（一）1.)
    bounds = list(itertools.accumulate(ccps, initial=0))
    if labels:
        parts: list[str] = []
        last = 0
        shift = [0] * len(bounds)
        for at in sorted(labels):
            parts += [full[last:at], labels[at]]
            last = at
            for b, end in enumerate(bounds):
                if end > at or (end == at and b == 0):
                    shift[b] += len(labels[at])
        parts.append(full[last:])
        full = "".join(parts)
        bounds = [end + shift[b] for b, end in enumerate(bounds)]
        bounds[0] = 0
    stories = [_clean(full[bounds[i] : bounds[i + 1]]) for i in range(len(ccps))]
    return stories


def _word_text(ole: Any, names: set[str], ctx: Context) -> str:
    word = ole.openstream("WordDocument").read()
    if len(word) < 0x01AA:
        raise CorruptDocumentError("the WordDocument stream is too short for a Word 97–2003 FIB")
    ident, nfib, flags = _u16(word, 0), _u16(word, 2), _u16(word, 0x0A)
    if ident != 0xA5EC:
        raise UnsupportedFormatError(f"not a Word 97–2003 binary (wIdent {ident:#06x})")
    if flags & 0x0100:
        raise EncryptedDocumentError("the Word document is password-protected; supply an unprotected copy")
    if nfib < 0x00C1:
        raise UnsupportedFormatError(f"a Word 6/95 document (nFib {nfib:#x}); {_INSTALL} to read it")
    tname = "1Table" if flags & 0x0200 else "0Table"
    if tname not in names:
        raise CorruptDocumentError(f"the {tname} stream is missing")
    table = ole.openstream(tname).read()
    stories = piece_table_text(word, table, lambda: ctx.deadline.check("Word piece table"))
    return "\n".join(s for s in stories if s.strip())


def _run_tool(cmd: list[str], ctx: Context, cwd: str) -> subprocess.CompletedProcess[bytes]:
    timeout = max(1.0, ctx.deadline.remaining)
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExtractionTimeoutError(f"{cmd[0]} took longer than {timeout:.0f} s") from exc
    except OSError as exc:
        raise UnsupportedFormatError(f"{cmd[0]} could not be run: {exc}") from exc


def _fallback(data: bytes, fmt: str, ctx: Context, why: str) -> tuple[str, str]:
    antiword = shutil.which("antiword")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="gkreview-ole-") as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        if antiword:
            proc = _run_tool([antiword, "-m", "UTF-8.txt", "-w", "0", str(src)], ctx, tmp)
            text = proc.stdout.decode("utf-8", errors="replace").strip()
            if proc.returncode == 0 and text:
                return text, "antiword"
        if soffice:
            profile = Path(tmp) / "profile"
            proc = _run_tool(
                [
                    soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "txt:Text (encoded):UTF8",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                ctx,
                tmp,
            )
            out = Path(tmp) / "input.txt"
            if out.exists():
                return out.read_bytes().decode("utf-8-sig", errors="replace").strip(), "libreoffice"
    tools = " or ".join(t for t, p in (("antiword", antiword), ("LibreOffice", soffice)) if p)
    if tools:
        raise UnsupportedFormatError(
            f"this {fmt.upper()} file cannot be read ({why}); {tools} could not read it either"
        )
    raise UnsupportedFormatError(f"this {fmt.upper()} file cannot be read ({why}); {_INSTALL}")


def read_ole(data: bytes, ctx: Context) -> ReadResult:
    kind = ole_kind(data)
    if kind == "docx":
        raise EncryptedDocumentError("a password-protected Office document; supply an unprotected copy")
    if kind in ("xls", "ppt"):
        raise UnsupportedFormatError(f"an Excel/PowerPoint binary ({kind}) is not a document gkreview reads")
    if kind == "ole":
        raise UnsupportedFormatError(
            "an OLE compound file without a WordDocument stream; not a DOC or WPS file"
        )
    result = ReadResult(format=kind)
    ole = _open(data)
    try:
        try:
            text = _word_text(ole, _streams(ole), ctx)
        except EncryptedDocumentError:
            raise
        except (ExtractionError, OSError, ValueError, struct.error, IndexError) as exc:
            if isinstance(exc, ExtractionTimeoutError):
                raise
            why = exc.message if isinstance(exc, ExtractionError) else str(exc)
            text, tool = _fallback(data, kind, ctx, why)
            result.warnings.append(f"read with {tool} (piece table: {why})")
    finally:
        ole.close()
    result.pages.append(RawPage(text))
    return result
