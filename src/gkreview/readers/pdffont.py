"""Fonts for pdfium when a PDF names a font it does not embed (STSong-Light, SimSun, 仿宋_GB2312…).

pdfium then asks the system for a substitute; on Debian it picks Noto Serif CJK and loads its CFF
outline for every character to size the character's box: such a PDF read ~7× slower than one
that embeds its fonts. Reading text needs the Unicode of each character (from the PDF's CMaps and
ToUnicode maps, never from the substitute) and a box per character, not glyph shapes. So while
reading, pdfium gets one tiny font built here for every substitute it asks for: every code point
maps to a glyph that paints nothing and whose box is shaped like the ink of a Noto Serif CJK
ideograph (or, for the alphabetic scripts, a digit), so pdfium's line finding and layout.py see
the boxes they saw before; each box is placed at the character's position in the PDF.

The provider is installed into pdfium once per process and wraps pdfium's default provider:
outside ``stand_in_fonts()`` (and inside ``system_fonts()``, which wins) documents opened get the
system's fonts as before, e.g. to render pages for OCR. Fonts are fixed when a document loads
them, so a document opened in one mode keeps its fonts. Every pdfium call holds ``PDFIUM_LOCK``:
the mode is process state.
"""

from __future__ import annotations

import ctypes
import functools
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["FACE_NAME", "PDFIUM_LOCK", "blank_font", "install", "installed", "stand_in_fonts", "system_fonts"]

# pdfium is not thread-safe (threads reading CJK PDFs at once crash it): one PDF at a time per
# process. Every in-process pdfium user (reading, rendering, redaction) should hold it.
PDFIUM_LOCK = threading.RLock()

FACE_NAME = "GkreviewBlank"
_UPEM = 1000
_ASCENT = 880  # the ideographic em box (font-wide metrics)
_DESCENT = -120
# Glyph boxes (xMin, yMin, xMax, yMax) shaped like the ink of a CJK serif font's glyphs (Noto Serif
# CJK, which pdfium substitutes on Debian): an ideograph, and a digit or capital. pdfium decides
# from these boxes whether a page's text runs horizontally, so they should not be taller.
_WIDE_BOX = (30, -80, 970, 840)
_NARROW_BOX = (40, 0, 460, 740)
# (first code point, last code point, glyph): half-width glyphs for the alphabetic scripts (Latin,
# Greek, Cyrillic, …) and the half-width forms; everything else (CJK, punctuation) one em wide.
_CMAP_GROUPS = ((0x0000, 0x1FFF, 2), (0x2000, 0xFF60, 1), (0xFF61, 0xFFDC, 2), (0xFFDD, 0x10FFFF, 1))
# The 14 standard PDF fonts: pdfium draws them with small fonts of its own (its default provider
# declines them too), whose real Latin glyph boxes cost nothing; asked for a CJK charset, they get
# the stand-in like any other font.
_BASE14 = frozenset(
    f.encode()
    for f in [
        "Courier",
        "Courier-Bold",
        "Courier-BoldOblique",
        "Courier-Oblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-BoldOblique",
        "Helvetica-Oblique",
        "Times-Roman",
        "Times-Bold",
        "Times-BoldItalic",
        "Times-Italic",
        "Symbol",
        "ZapfDingbats",
    ]
)
_CJK_CHARSETS = frozenset({128, 129, 134, 136})  # FXFONT_SHIFTJIS, HANGEUL, GB2312, CHINESEBIG5
_TABLE_TTCF = 0x74746366  # 'ttcf': pdfium asks for it first to tell a collection from a font


def _table_checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF


def _diagonal_glyph(box: tuple[int, int, int, int]) -> bytes:
    """A TrueType glyph with the given box: one contour of two on-curve points, the box's lower left
    and upper right corners. A line encloses no area, so the glyph paints nothing."""
    x0, y0, x1, y1 = box
    head = struct.pack(">hhhhh", 1, x0, y0, x1, y1)  # contours, xMin, yMin, xMax, yMax
    body = struct.pack(">HH", 1, 0)  # last point of the contour, no instructions
    flags = bytes([0x01, 0x01])  # on curve; coordinates as 16-bit deltas
    xs = struct.pack(">hh", x0, x1 - x0)
    ys = struct.pack(">hh", y0, y1 - y0)
    glyph = head + body + flags + xs + ys
    return glyph + b"\0" * (-len(glyph) % 4)


def _name_table() -> bytes:
    records = [(1, FACE_NAME), (2, "Regular"), (4, FACE_NAME), (6, FACE_NAME)]
    strings = b""
    rows = b""
    for name_id, value in records:
        raw = value.encode("utf-16-be")
        rows += struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(raw), len(strings))
        strings += raw
    return struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + rows + strings


@functools.cache
def blank_font() -> bytes:
    """The TrueType font handed to pdfium: .notdef and a wide glyph (one em), and a narrow one (half
    an em) for the alphabetic scripts and half-width forms; every code point is mapped by a few
    many-to-one cmap groups (format 13)."""
    glyphs = [_diagonal_glyph(_WIDE_BOX), _diagonal_glyph(_WIDE_BOX), _diagonal_glyph(_NARROW_BOX)]
    metrics = [(_UPEM, _WIDE_BOX[0]), (_UPEM, _WIDE_BOX[0]), (_UPEM // 2, _NARROW_BOX[0])]
    offsets = [sum(len(g) for g in glyphs[:i]) for i in range(len(glyphs) + 1)]
    groups = b"".join(struct.pack(">LLL", *g) for g in _CMAP_GROUPS)
    tables = {
        "cmap": struct.pack(">HH", 0, 1)
        + struct.pack(">HHL", 3, 10, 12)
        + struct.pack(">HHLLL", 13, 0, 16 + len(groups), 0, len(_CMAP_GROUPS))
        + groups,
        "glyf": b"".join(glyphs),
        "head": struct.pack(
            ">LLLLHHqqhhhhHHhhh",
            0x00010000,  # version
            0x00010000,  # font revision
            0,  # checksum adjustment (set below)
            0x5F0F3CF5,  # magic
            0x0009,  # flags: baseline at y=0, integer scaling
            _UPEM,
            0,  # created
            0,  # modified
            *_WIDE_BOX,  # xMin, yMin, xMax, yMax of all glyphs
            0,  # mac style
            8,  # smallest readable size
            2,  # font direction hint
            1,  # long loca offsets
            0,  # glyph data format
        ),
        "hhea": struct.pack(
            ">LhhhHhhhhhhhhhhhH",
            0x00010000,
            _ASCENT,
            _DESCENT,
            0,  # line gap
            _UPEM,  # advance width max
            0,
            0,
            0,  # min lsb, min rsb, x max extent
            1,
            0,
            0,  # caret slope rise, run, offset
            0,
            0,
            0,
            0,  # reserved
            0,  # metric data format
            len(glyphs),  # number of hMetrics
        ),
        "hmtx": b"".join(struct.pack(">Hh", *m) for m in metrics),  # advance, left side bearing
        "loca": struct.pack(f">{len(offsets)}L", *offsets),
        "maxp": struct.pack(
            ">LHHHHHHHHHHHHHH", 0x00010000, len(glyphs), 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
        ),
        "name": _name_table(),
        "post": struct.pack(">LLhhLLLLL", 0x00030000, 0, 0, 0, 0, 0, 0, 0, 0),
    }
    tags = sorted(tables)
    offset = 12 + 16 * len(tags)
    directory = b""
    body = b""
    head_at = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset + len(body)
        directory += struct.pack(">4sLLL", tag.encode(), _table_checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    entry_selector = max(i for i in range(8) if 2**i <= len(tags))
    search_range = 16 * 2**entry_selector
    header = struct.pack(
        ">LHHHH", 0x00010000, len(tags), search_range, entry_selector, 16 * len(tags) - search_range
    )
    font = bytearray(header + directory + body)
    adjustment = (0xB1B0AFBA - _table_checksum(bytes(font))) & 0xFFFFFFFF
    struct.pack_into(">L", font, head_at + 8, adjustment)  # head.checkSumAdjustment
    return bytes(font)


def _tables(font: bytes) -> dict[int, bytes]:
    """The tables of a TrueType font by tag (as the 32-bit number pdfium asks for)."""
    count = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _, off, length = struct.unpack_from(">LLLL", font, 12 + 16 * i)
        out[tag] = font[off : off + length]
    return out


# ------------------------------------------------------------------------------------------ provider

_MAP_FONT = ctypes.CFUNCTYPE(
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_char_p,
    ctypes.c_void_p,
)
_ENUM_FONTS = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_GET_FONT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p)
_GET_FONT_DATA = ctypes.CFUNCTYPE(
    ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_ulong
)
_GET_FACE_NAME = ctypes.CFUNCTYPE(
    ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong
)
_GET_CHARSET = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_DELETE_FONT = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class _SysFontInfo(ctypes.Structure):
    """The layout of pdfium's FPDF_SYSFONTINFO (version 1), with callback types of our own."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("Release", ctypes.c_void_p),  # not needed: the provider lives as long as the process
        ("EnumFonts", _ENUM_FONTS),
        ("MapFont", _MAP_FONT),
        ("GetFont", _GET_FONT),
        ("GetFontData", _GET_FONT_DATA),
        ("GetFaceName", _GET_FACE_NAME),
        ("GetFontCharset", _GET_CHARSET),
        ("DeleteFont", _DELETE_FONT),
    ]


_PROTOTYPES: dict[str, Any] = {
    "EnumFonts": _ENUM_FONTS,
    "MapFont": _MAP_FONT,
    "GetFont": _GET_FONT,
    "GetFontData": _GET_FONT_DATA,
    "GetFaceName": _GET_FACE_NAME,
    "GetFontCharset": _GET_CHARSET,
    "DeleteFont": _DELETE_FONT,
}


class _Provider:
    """Answers pdfium's font requests with the blank font (``stand_in``), else asks pdfium's default
    provider. Its handles are pointers into pdfium's memory; ours is the address of our font data,
    which no pdfium allocation can share."""

    def __init__(self, default: Any) -> None:
        self.default = default  # FPDF_SYSFONTINFO* of pdfium's own provider, or None
        self.this = ctypes.cast(default, ctypes.c_void_p).value if default else None
        self.reading = 0  # depth of ``stand_in_fonts``
        self.system = 0  # depth of ``system_fonts`` (wins over reading)
        self._defaults: dict[str, Any] = {}
        self.font = blank_font()
        self.tables = _tables(self.font)
        self.buffer = ctypes.create_string_buffer(self.font, len(self.font))
        self.handle = ctypes.addressof(self.buffer)
        self.face = FACE_NAME.encode() + b"\0"
        self.requests = 0  # fonts answered with the blank font (for tests and the benchmark)
        self.struct = _SysFontInfo(
            version=1,
            Release=None,
            EnumFonts=_ENUM_FONTS(self._enum_fonts),
            MapFont=_MAP_FONT(self._map_font),
            GetFont=_GET_FONT(self._get_font),
            GetFontData=_GET_FONT_DATA(self._get_font_data),
            GetFaceName=_GET_FACE_NAME(self._get_face_name),
            GetFontCharset=_GET_CHARSET(self._get_charset),
            DeleteFont=_DELETE_FONT(self._delete_font),
        )

    @property
    def stand_in(self) -> bool:
        return self.reading > 0 and self.system == 0

    def _default(self, name: str) -> Any:
        """pdfium's default implementation of ``name`` with our argument types, or None."""
        if name not in self._defaults:
            fn = None
            if self.default:
                address = ctypes.cast(getattr(self.default.contents, name), ctypes.c_void_p).value
                if address:
                    fn = _PROTOTYPES[name](address)
            self._defaults[name] = fn
        return self._defaults[name]

    def _enum_fonts(self, _this: int | None, mapper: int | None) -> None:
        fn = self._default("EnumFonts")
        if fn is not None:  # the font list, so that ``system_fonts`` maps like pdfium's default
            self.system += 1  # names and their fonts from the system, whatever the mode
            try:
                fn(self.this, mapper)
            finally:
                self.system -= 1

    def _map_font(
        self,
        _this: int | None,
        weight: int,
        italic: int,
        charset: int,
        pitch: int,
        face: bytes | None,
        exact: int | None,
    ) -> int | None:
        if not self.stand_in:
            fn = self._default("MapFont")
            return fn(self.this, weight, italic, charset, pitch, face, exact) if fn is not None else None
        if face in _BASE14 and charset not in _CJK_CHARSETS:
            return None  # pdfium's own
        self.requests += 1
        return self.handle

    def _get_font(self, _this: int | None, face: bytes | None) -> int | None:
        if not self.stand_in:
            fn = self._default("GetFont")
            return fn(self.this, face) if fn is not None else None
        if face in _BASE14:
            return None  # pdfium's own
        self.requests += 1
        return self.handle

    def _get_font_data(
        self, _this: int | None, font: int | None, table: int, buf: int | None, size: int
    ) -> int:
        if font != self.handle:
            fn = self._default("GetFontData")
            return int(fn(self.this, font, table, buf, size)) if fn is not None else 0
        if table == 0:
            data = self.font
        elif table == _TABLE_TTCF:
            return 0  # a single font, not a collection
        else:
            data = self.tables.get(table, b"")
        if buf and size >= len(data):
            ctypes.memmove(buf, data, len(data))
        return len(data)

    def _get_face_name(self, _this: int | None, font: int | None, buf: int | None, size: int) -> int:
        if font != self.handle:
            fn = self._default("GetFaceName")
            return int(fn(self.this, font, buf, size)) if fn is not None else 0
        if buf and size >= len(self.face):
            ctypes.memmove(buf, self.face, len(self.face))
        return len(self.face)

    def _get_charset(self, _this: int | None, font: int | None) -> int:
        if font != self.handle:
            fn = self._default("GetFontCharset")
            return int(fn(self.this, font)) if fn is not None else 0
        return 1  # FXFONT_DEFAULT_CHARSET: pdfium keeps the charset it asked for

    def _delete_font(self, _this: int | None, font: int | None) -> None:
        if font != self.handle:
            fn = self._default("DeleteFont")
            if fn is not None:
                fn(self.this, font)


_PROVIDER: list[_Provider] = []  # the installed provider; kept alive for the life of the process


def install() -> bool:
    """Install the provider into pdfium, once per process; True when it is installed."""
    with PDFIUM_LOCK:
        if _PROVIDER:
            return True
        try:
            import pypdfium2.raw as raw

            default = raw.FPDF_GetDefaultSystemFontInfo()
            provider = _Provider(default if default else None)
            raw.FPDF_SetSystemFontInfo(
                ctypes.cast(ctypes.pointer(provider.struct), ctypes.POINTER(raw.FPDF_SYSFONTINFO))
            )
        except (ImportError, AttributeError, OSError):
            return False
        _PROVIDER.append(provider)
        return True


def installed() -> _Provider | None:
    return _PROVIDER[0] if _PROVIDER else None


@contextmanager
def stand_in_fonts() -> Iterator[None]:
    """Within: documents opened (and pages loaded) get the blank font for every font they do not
    embed (installs the provider first). Holds ``PDFIUM_LOCK``."""
    with PDFIUM_LOCK:
        provider = installed() if install() else None
        if provider is None:
            yield
            return
        provider.reading += 1
        try:
            yield
        finally:
            provider.reading -= 1


@contextmanager
def system_fonts() -> Iterator[None]:
    """Within: documents get the system's fonts, as pdfium does by default, also inside
    ``stand_in_fonts`` (rendering needs glyph shapes). Holds ``PDFIUM_LOCK``."""
    with PDFIUM_LOCK:
        provider = installed()
        if provider is None:
            yield
            return
        provider.system += 1
        try:
            yield
        finally:
            provider.system -= 1
