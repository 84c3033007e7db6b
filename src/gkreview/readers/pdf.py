"""PDF: text per page with pypdfium2, in reading order, lines joined into paragraphs.

Per page: pdfium's text page gives the text with line breaks and a box per character; the first
and last character of each line give its geometry, from which ``layout`` joins the lines of a
paragraph and drops repeated page numbers and running headers. Comment annotations (sticky notes,
typed text) are added after their page's text. Glyphs pdfium could not map to Unicode are counted
(every character) for the quality gate. A page with no text, or a few characters over a picture
covering most of it, has no text layer: it is OCR'd when the OCR extra is installed, else the
document is ``needs_ocr``; so is a page whose text layer is unreadable (broken font maps, 10% or
more bad characters). Text drawn at 90° is regrouped by its own direction. Files attached to the
PDF are listed (warning ``attachments``, names masked); readable ones are read and reviewed as
pages after the PDF's own, the others make the document ``partial`` (code ``attachments``).

Fonts a PDF names but does not embed (STSong-Light, SimSun, …) get a blank stand-in font while
reading (``pdffont``): the text comes from the PDF's CMaps either way, and loading the system's
CJK glyphs made such PDFs ~7× slower. Pages are rendered for OCR with the system's fonts.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from gkreview.errors import CorruptDocumentError, DocumentTooLargeError, EncryptedDocumentError
from gkreview.readers import ocr, pdffont
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.layout import Line, PageLines, assemble_pages, merge_same_line
from gkreview.readers.pdffont import PDFIUM_LOCK
from gkreview.readers.quality import assess_page

__all__ = ["PDFIUM_LOCK", "read_pdf"]

_SCAN_MAX_CHARS = 50  # fewer characters than this over a page-sized picture: a scan
_SCAN_MIN_COVER = 0.5  # share of the page one picture covers


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        # PDFium's error code, not the wording: pypdfium2 5 carries it on the exception; under 4.x
        # PDFium's last error still holds it (nothing runs in between)
        code = getattr(exc, "err_code", None)
        if code is None:
            code = pdfium.raw.FPDF_GetLastError()
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocumentError(
                "the PDF is encrypted with a password; remove the protection (or supply an unprotected copy)"
            ) from exc
        raise CorruptDocumentError(f"the PDF cannot be opened: {msg}") from exc


@functools.cache
def _fast_has_map_error() -> Any:
    """``FPDFText_HasUnicodeMapError`` from the already loaded libpdfium without ctypes argument
    conversion (about twice as fast; it is called once per character). None if not found."""
    try:
        import pypdfium2.raw as raw
        import pypdfium2_raw

        lib = ctypes.CDLL(str(Path(pypdfium2_raw.__file__).with_name("libpdfium.so")))
        fn = lib.FPDFText_HasUnicodeMapError
        wrapped = raw.FPDFText_HasUnicodeMapError
    except (ImportError, OSError, AttributeError):
        return None
    if ctypes.cast(fn, ctypes.c_void_p).value != ctypes.cast(wrapped, ctypes.c_void_p).value:
        return None  # not the library pypdfium2 loaded: its handles would not be valid here
    fn.restype = ctypes.c_int
    return fn


def _page_lines(tp: Any, raw: Any, text: str, n: int, page_h: float) -> tuple[list[Line], int]:
    """Lines with geometry (from the boxes of their first and last characters) + unmapped glyphs.
    ``tp`` is a raw FPDF_TEXTPAGE handle."""
    bad = 0
    if n:  # every character: one unmapped glyph in a name is a miss
        fast = _fast_has_map_error()
        if fast is not None:
            handle = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)
            bad = list(map(fast, itertools.repeat(handle, n), range(n))).count(1)
        else:
            bad = list(map(raw.FPDFText_HasUnicodeMapError, itertools.repeat(tp, n), range(n))).count(1)
    lines: list[Line] = []
    parts = text.replace("\r\n", "\n").split("\n") if len(text) != n else None
    if parts is not None:  # offsets do not match the character indices: no geometry
        return [Line(t) for t in parts], bad
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    get_box = raw.FPDFText_GetCharBox

    def box(i: int) -> tuple[float, float, float, float]:
        get_box(tp, i, left, right, bottom, top)
        return left.value, right.value, bottom.value, top.value

    pos = 0
    rotated: list[tuple[int, float, float, float, float, str]] = []  # (index, angle, cx, cy, em, char)
    rotated_at = -1
    get_angle = raw.FPDFText_GetCharAngle
    for seg in text.split("\r\n"):
        stripped = seg.strip()
        if stripped:
            a = pos + (len(seg) - len(seg.lstrip()))
            b = pos + len(seg.rstrip()) - 1
            angle = get_angle(tp, a)
            if angle > 0 and abs(math.sin(angle)) > 0.5:  # a run drawn at (about) 90°: own direction
                if rotated_at < 0:
                    rotated_at = len(lines)
                for i in range(a, b + 1):
                    if not text[i].isspace() and raw.FPDFText_IsGenerated(tp, i) != 1:
                        l0, r0, b0, t0 = box(i)
                        em = max(r0 - l0, t0 - b0, 1.0)
                        rotated.append((i, get_angle(tp, i), (l0 + r0) / 2, (b0 + t0) / 2, em, text[i]))
                pos += len(seg) + 2
                continue
            line_text = _sorted_line(tp, raw, box, text, a, b) if _OUT_OF_ORDER.search(seg) else seg
            line_text = _drop_generated_ends(tp, raw, line_text, seg, pos, a, b)
            x0, _, y0, y1 = box(a)
            _, x1, z0, z1 = box(b)
            size = max(y1 - y0, z1 - z0, 1.0)  # glyph heights: punctuation is short, so the taller end
            lines.append(Line(line_text, x0=x0, x1=x1, top=page_h - max(y1, z1), size=size))
        pos += len(seg) + 2
    if rotated:
        lines[rotated_at:rotated_at] = _rotated_lines(rotated, page_h)
    return lines, bad


def _rotated_lines(chars: list[tuple[int, float, float, float, float, str]], page_h: float) -> list[Line]:
    """Characters drawn at an angle (a landscape table on a portrait page, vertical headers, one
    glyph per object) regrouped into lines by their own direction: pdfium orders them by position on
    the page, which reverses or scatters them. pdfium's angle turns clockwise, so the text runs
    along (cos a, −sin a) in page space (y up) and its next line lies along (−sin a, −cos a)."""
    groups: dict[int, list[tuple[int, float, float, float, float, str]]] = {}
    for c in chars:
        groups.setdefault(round(c[1] / (math.pi / 2)) % 4, []).append(c)
    out: list[Line] = []
    for quarter, group in sorted(groups.items(), key=lambda g: min(c[0] for c in g[1])):
        a = quarter * math.pi / 2
        dx, dy = math.cos(a), -math.sin(a)
        nx, ny = -math.sin(a), -math.cos(a)
        placed = sorted(
            ((cx * nx + cy * ny, cx * dx + cy * dy, em, ch, cy) for _, _, cx, cy, em, ch in group)
        )
        rows: list[list[tuple[float, float, float, str, float]]] = []
        for item in placed:
            if rows and item[0] - rows[-1][0][0] <= 0.5 * item[2]:
                rows[-1].append(item)
            else:
                rows.append([item])
        for row in rows:
            row.sort(key=lambda it: it[1])
            top = page_h - max(it[4] for it in row)
            out.append(Line("".join(it[3] for it in row), top=top, size=row[0][2], rotated=True))
    return out


def _drop_generated_ends(tp: Any, raw: Any, line_text: str, seg: str, pos: int, a: int, b: int) -> str:
    """Whitespace at the ends of a line counts as a word or cell boundary when the lines are joined
    (``layout.join_lines``); spaces pdfium made up itself (``FPDFText_IsGenerated``) are dropped, so
    only the document's own spaces count."""
    if line_text is not seg:
        return line_text
    head = range(pos, a)
    tail = range(b + 1, pos + len(seg))
    if head and all(raw.FPDFText_IsGenerated(tp, i) == 1 for i in head):
        line_text = line_text.lstrip()
    if tail and all(raw.FPDFText_IsGenerated(tp, i) == 1 for i in tail):
        line_text = line_text.rstrip()
    return line_text


# Quotes and brackets side by side ("一事一“”“”议"): pdfium emitted a punctuation run drawn in
# another font out of place. Such a line is re-read in the order of the characters' positions.
_OUT_OF_ORDER = re.compile("[“”‘’「」『』《》（）〔〕【】]\\s*[“”‘’「」『』《》（）〔〕【】]")


def _sorted_line(tp: Any, raw: Any, box: Any, text: str, a: int, b: int) -> str:
    """The characters a..b of the text page ordered by their left edge (generated spaces dropped)."""
    chars = []
    for i in range(a, b + 1):
        if raw.FPDFText_IsGenerated(tp, i) == 1:
            continue
        chars.append((box(i)[0], i, text[i]))
    chars.sort()
    return "".join(c for _, _, c in chars)


_NOTE_SUBTYPES = (1, 3)  # FPDF_ANNOT_TEXT (sticky note), FPDF_ANNOT_FREETEXT (typewriter)


def _annotation_texts(page: Any, raw: Any) -> list[str]:  # page: a raw FPDF_PAGE handle
    """The ``Contents`` of comment annotations (sticky notes, typed text): reviewers' notes that
    are no part of the page's text layer but are published with the file."""
    count = raw.FPDFPage_GetAnnotCount(page)
    out: list[str] = []
    for i in range(min(count, 500)):
        annot = raw.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) not in _NOTE_SUBTYPES:
                continue
            n = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
            if n <= 2:
                continue
            buf = ctypes.create_string_buffer(n)
            raw.FPDFAnnot_GetStringValue(
                annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n
            )
            text = buf.raw[: n - 2].decode("utf-16-le", errors="replace").strip()
            if text:
                out.append(text)
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _image_cover(page: Any, raw: Any) -> float:
    """The largest share of the page area one image covers (0 when the page has no image).
    ``page`` is a raw FPDF_PAGE handle."""
    area = max(raw.FPDF_GetPageWidthF(page) * raw.FPDF_GetPageHeightF(page), 1.0)
    box = [ctypes.c_float() for _ in range(4)]
    best = 0.0

    def cover(obj: Any) -> float:
        if not raw.FPDFPageObj_GetBounds(obj, *box):
            return 0.01  # an image whose bounds pdfium cannot tell: counts, but not as a scan
        left, bottom, right, top = (b.value for b in box)
        return max(0.0, (right - left) * (top - bottom)) / area

    for i in range(min(raw.FPDFPage_CountObjects(page), 100_000)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            best = max(best, cover(obj))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            for j in range(min(raw.FPDFFormObj_CountObjects(obj), 100_000)):
                sub = raw.FPDFFormObj_GetObject(obj, j)
                if raw.FPDFPageObj_GetType(sub) == raw.FPDF_PAGEOBJ_IMAGE:
                    best = max(best, cover(sub))
    return best


def _looks_scanned(text: str, page: Any, raw: Any) -> bool:
    """No text and a picture, or a few characters (a stamped page number) over a picture that
    covers most of the page: a scan whose words are not in the text layer."""
    chars = len("".join(text.split()))
    if chars >= _SCAN_MAX_CHARS:
        return False
    cover = _image_cover(page, raw)
    return (chars == 0 and cover > 0) or cover >= _SCAN_MIN_COVER


def _text(tp: Any, raw: Any, n: int) -> str:
    """The text of a raw FPDF_TEXTPAGE (UTF-16 from pdfium; room for surrogate pairs)."""
    if n <= 0:
        return ""
    size = 2 * n + 1
    buf = (ctypes.c_ushort * size)()
    written = raw.FPDFText_GetText(tp, 0, n, buf)
    units = max(0, min(written, size) - 1)
    return bytes(memoryview(buf).cast("B")[: 2 * units]).decode("utf-16-le", errors="replace")


def read_pdf(data: bytes, ctx: Context) -> ReadResult:
    # pdfium is not thread-safe: one PDF at a time per process (stand_in_fonts holds PDFIUM_LOCK).
    # Fonts the PDF does not embed get a blank stand-in instead of the system's: ~7x faster.
    with pdffont.stand_in_fonts():
        return _read_pdf(data, ctx)


def _ocr(data: bytes, pages: list[int], ctx: Context, warnings: list[str]) -> ocr.OcrRun:
    """OCR of the given pages, rendered from a copy of the document opened with the system's fonts
    (the reading copy has blank glyphs for fonts the PDF does not embed)."""
    with pdffont.system_fonts():
        pdf = _open(data)
        try:
            return ocr.ocr_pdf_pages(pdf, pages, ctx, warnings)
        finally:
            pdf.close()


_BROKEN_MAP_RATIO = 0.1  # a text layer this garbled (font maps) is worth less than a picture of it


def _unreadable_text(text: str, bad_glyphs: int) -> bool:
    """A page whose text layer fails the quality gate with many bad characters (broken font maps):
    OCR of its picture reads it better."""
    q = assess_page(RawPage(text, bad_glyphs=bad_glyphs))
    return not q.ok and q.chars > 0 and q.bad_chars >= _BROKEN_MAP_RATIO * q.chars


def _read_pdf(data: bytes, ctx: Context) -> ReadResult:
    import pypdfium2.raw as raw

    pdf = _open(data)
    result = ReadResult(format="pdf")
    try:
        n_pages = len(pdf)
        if n_pages > ctx.limits.max_pages:
            raise DocumentTooLargeError(f"the PDF has {n_pages} pages (limit {ctx.limits.max_pages})")
        pages: list[PageLines] = []
        bad_glyphs: list[int] = []
        scanned: list[int] = []
        page_notes: list[list[str]] = []
        broken: list[int] = []  # pages pdfium could not load
        for i in range(n_pages):
            ctx.deadline.check(f"page {i + 1}")
            page = raw.FPDF_LoadPage(pdf.raw, i)  # the raw API: no helper objects per page
            tp = raw.FPDFText_LoadPage(page) if page else None
            if not tp:
                if page:
                    raw.FPDF_ClosePage(page)
                broken.append(i)
                pages.append(PageLines([]))
                bad_glyphs.append(0)
                page_notes.append([])
                continue
            try:
                n = raw.FPDFText_CountChars(tp)
                text = _text(tp, raw, n)
                height = raw.FPDF_GetPageHeightF(page)
                lines, bad = _page_lines(tp, raw, text, n, height)
                notes = _annotation_texts(page, raw)
                if _looks_scanned(text, page, raw):
                    scanned.append(i)
            finally:
                raw.FPDFText_ClosePage(tp)
                raw.FPDF_ClosePage(page)
            pages.append(PageLines(merge_same_line(lines), height))
            bad_glyphs.append(bad)
            page_notes.append(notes)
        assembled = assemble_pages(pages, page_notes)
        result.warnings.extend(assembled.warnings)
        texts = assembled.texts
        n_notes = sum(len(notes) for notes in page_notes)
        if n_notes:
            result.warnings.append(f"{n_notes} comment annotation(s) added after their page's text")
        garbled = [
            i
            for i, t in enumerate(texts)
            if i not in scanned and i not in broken and _unreadable_text(t, bad_glyphs[i])
        ]
        if garbled and ctx.limits.ocr and ocr.engine(ctx.limits.ocr_lang):
            result.warnings.append(
                f"page(s) {', '.join(str(i + 1) for i in garbled[:20])}: the text layer is unreadable"
                " (broken font maps); read by OCR instead"
            )
        else:
            garbled = []
        to_ocr = sorted(scanned + garbled)
        run = _ocr(data, to_ocr, ctx, result.warnings) if to_ocr else ocr.OcrRun()
        for i, t in enumerate(texts):
            if i in run.pages:
                o = run.pages[i]
                issues = ("text layer unreadable (font maps): page read by OCR",) if i in garbled else ()
                result.pages.append(
                    RawPage(o.text, issues, ocr=True, ocr_confidence=o.confidence, ocr_low_share=o.low_share)
                )
            elif i in run.unread:
                result.pages.append(RawPage("", unread_parts=(run.unread[i],)))
            elif i in broken:
                result.pages.append(RawPage("", unread_parts=(f"page {i + 1} (pdfium could not load it)",)))
            else:
                result.pages.append(RawPage(t, bad_glyphs=bad_glyphs[i], no_text_layer=i in scanned))
        if broken:
            result.warnings.append(f"{len(broken)} page(s) could not be loaded")
        attached = _attachments(pdf, ctx)
    finally:
        pdf.close()
    if attached:
        _read_attachments(attached, ctx, result)
    return result


_READABLE = ("pdf", "docx", "doc", "wps", "ofd", "txt")
_LONG_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def mask_name(name: str) -> str:
    """A file name with its long digit runs (ID, phone, account numbers) masked: 3 + … + 2 kept."""
    return _LONG_DIGITS.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], name)


def _attachments(pdf: Any, ctx: Context) -> list[tuple[str, bytes | None]]:
    """(name, bytes or None when pdfium cannot give them) of the files embedded in the PDF."""
    import pypdfium2 as pdfium

    out: list[tuple[str, bytes | None]] = []
    for i in range(min(pdf.count_attachments(), 1000)):
        att = pdf.get_attachment(i)
        name = att.get_name() or f"attachment {i + 1}"
        try:
            data: bytes | None = bytes(att.get_data())
        except (pdfium.PdfiumError, ValueError, OSError):
            data = None
        if data is not None and len(data) > ctx.limits.max_file_bytes:
            data = None
        out.append((name, data))
    return out


def _read_attachments(attached: list[tuple[str, bytes | None]], ctx: Context, result: ReadResult) -> None:
    """Readable attachments (PDF, DOCX, DOC, WPS, OFD, text) are read and reviewed as pages after
    the PDF's own, under a heading line; the others stay unread parts (a person gets the file).
    Names are listed masked (warning ``attachments``)."""
    from gkreview.errors import ExtractionError, ExtractionTimeoutError
    from gkreview.readers import read_attached

    read: list[str] = []
    unread: list[str] = []
    for name, data in attached:
        shown = mask_name(name)
        why = ""
        if data is None:
            why = "its bytes could not be read"
        elif ctx.depth > 0:
            why = "an attachment inside an attachment"
        else:
            try:
                if ctx.deadline.remaining <= 0:
                    raise ExtractionTimeoutError("the file's time limit was reached before it")
                fmt, sub = read_attached(data, ctx, shown)
            except ExtractionError as exc:  # timeout included: the PDF's own pages are kept
                fmt, sub, why = getattr(exc, "format", "?"), None, exc.message
            if sub is not None and fmt not in _READABLE:
                why = f"a {fmt} file"
            elif sub is not None:
                pages = sub.pages or [RawPage("")]
                head = f"【PDF附件：{shown}】"
                pages[0] = replace(pages[0], text=f"{head}\n{pages[0].text}")
                result.pages.extend(pages)
                result.warnings.extend(f"attachment {shown}: {w}" for w in sub.warnings)
                read.append(shown)
                continue
        unread.append(f"{shown} ({why})")
    if unread and result.pages:  # content that travels with the file but was not reviewed
        first = result.pages[0]
        result.pages[0] = replace(
            first, unread_parts=(*first.unread_parts, *(f"attached file {u}" for u in unread))
        )
    listed = [f"{n} (reviewed after the PDF's pages)" for n in read] + [f"{u}: not read" for u in unread]
    result.warnings.append(f"attachments: {len(attached)} file(s) attached to the PDF: {'; '.join(listed)}")
