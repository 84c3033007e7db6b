"""Plain text: UTF-8 (with or without BOM), UTF-16/32 (BOM, or a BOM-less UTF-16 guessed from NUL
bytes), GB18030/GBK, else charset-normalizer's best guess. Never raises on undecodable bytes;
binary junk is ``unreadable``."""

from __future__ import annotations

import codecs
import re

from gkreview.errors import DocumentTooLargeError, UnreadableTextError
from gkreview.readers.base import Context, RawPage, ReadResult

__all__ = ["decode_text", "read_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_MAX_JUNK_RATIO = 0.02


def _utf16_guess(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


_PLAIN = re.compile("[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014-\u201d]")


def _utf16_cjk_guess(data: bytes) -> str | None:
    """BOM-less UTF-16 of Chinese text has few NUL bytes; recognise it by what it decodes to."""
    if len(data) % 2 or len(data) < 4:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:20000].decode(enc)
        except UnicodeDecodeError:
            continue
        if len(_PLAIN.findall(sample)) >= 0.95 * len(sample):
            return enc
    return None


def _gb_plausible(text: str) -> bool:
    """Most non-ASCII characters of a real GB18030 text are common Chinese (in GB2312)."""
    non_ascii = [c for c in text[:20000] if ord(c) > 0x7F]
    if not non_ascii:
        return True
    common = 0
    for c in non_ascii:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(non_ascii) >= 0.9


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding). Bytes that no encoding explains are replaced by U+FFFD (never raises)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc + "-bom"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc16 = _utf16_guess(data)
    if enc16:
        return data.decode(enc16, errors="replace"), enc16
    try:
        text = data.decode("gb18030")
        if _gb_plausible(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    enc16 = _utf16_cjk_guess(data)
    if enc16:
        return data.decode(enc16, errors="replace"), enc16
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        enc = best.encoding
        return data.decode(enc, errors="replace"), enc
    # utf-8 with a few bad bytes, or GB18030 with a few bad bytes: the one with fewer U+FFFD
    u = data.decode("utf-8", errors="replace")
    g = data.decode("gb18030", errors="replace")
    return (u, "utf-8?") if u.count("\ufffd") <= g.count("\ufffd") else (g, "gb18030?")


def read_text(data: bytes, ctx: Context) -> ReadResult:
    if len(data) > ctx.limits.max_text_chars * 4:
        raise DocumentTooLargeError(f"text file of {len(data)} bytes is over the limit")
    text, enc = decode_text(data)
    junk = len(_JUNK.findall(text[:200_000]))
    sample_len = min(len(text), 200_000)
    if b"\x00" in data[:8192] and not enc.startswith(("utf-16", "utf-32")):
        raise UnreadableTextError("binary data, not text (NUL bytes); no reader for this file type")
    if sample_len and junk / sample_len > _MAX_JUNK_RATIO:
        raise UnreadableTextError(
            f"binary data, not text: {junk} of {sample_len} characters are control or undecodable bytes"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = ReadResult(format="txt")
    if enc not in ("utf-8", "utf-8-bom"):
        result.warnings.append(f"decoded as {enc}")
    result.pages.append(RawPage(text))
    return result
