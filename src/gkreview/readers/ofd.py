"""OFD (GB/T 33190-2016): unzip, follow OFD.xml → DocRoot (Document.xml) → Pages → Content.xml and
collect every ``TextCode`` a page shows: in its layers and ``PageBlock`` s, in its template pages,
inside ``CompositeObject`` s (their ``CompositeGraphicUnit`` resources, nested) and in its
annotations' appearances.

Each TextCode is placed on the page with the full transform of the standard: a graphic unit's
``CTM`` maps its own space into the space of its ``Boundary`` (whose origin sits in the parent's
space), and a composite object's CTM maps its unit's space into its boundary; ``X``/``Y`` (and
``DeltaX``/``DeltaY``) are in the text object's own space. Files where every character is its own
TextObject with a scaling CTM (court and e-licence converters) only read in order this way: the
TextCodes are grouped into lines by their *baseline* on the page, then left to right (touching
runs join as they are; a gap of more than half an em becomes a space). Lines become paragraphs
like in the PDF reader. Rotated text (watermarks, vertical labels) is kept run by run after the
page's lines.

A page with pictures and no text (a scan packed as OFD) is OCR'd when OCR is installed
(``ocr`` pages), else it has no text layer (``needs_ocr``)."""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import posixpath
import warnings as _warnings
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from gkreview.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    ExtractionTimeoutError,
    HostileDocumentError,
)
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.layout import Line, PageLines, assemble_pages
from gkreview.readers.safezip import SafeZip
from gkreview.readers.xml import parse_xml

__all__ = ["read_ofd"]

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f: x' = ax + cy + e, y' = bx + dy + f
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_NESTING = 16  # composite objects inside composite objects (a cycle stops here)
_MAX_OBJECTS = 2_000_000  # graphic objects visited per document (composites can multiply them)
_GAP_EM = 0.5  # a gap wider than half an em between two runs on one baseline separates them
_BASELINE_EM = 0.3  # runs whose baselines differ by less than this share a line
_OCR_DPI = 300  # pictures sharper than this on the page are scaled down to it before OCR
_MIN_IMAGE_SHARE = 0.1  # a picture covering less of the page than this (a seal, a logo) is not OCR'd
_SCAN_SHARE = 0.5  # pictures covering half the page ...
_FEW_CHARS = 10  # ... with fewer characters of text than this: a scanned page


@dataclass(frozen=True)
class _Run:
    """One TextCode (or one character of a TextCode that steps down the page) placed on the page."""

    text: str
    x: float  # page position of the first character's origin (mm)
    y: float  # its baseline, growing downwards
    x1: float  # where the run ends (last character's origin + its estimated advance)
    size: float  # the em on the page
    seq: int  # order in the content stream


@dataclass
class _Image:
    resource: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 on the page
    matrix: Matrix


@dataclass
class _Page:
    runs: list[_Run] = field(default_factory=list)
    rotated: list[_Run] = field(default_factory=list)  # runs whose baseline is not horizontal
    annots: list[_Run] = field(default_factory=list)
    images: list[_Image] = field(default_factory=list)
    seq: int = 0


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    for ch in el:
        if _local(ch) == name:
            return ch
    return None


def _floats(s: str | None) -> list[float]:
    out = []
    for tok in (s or "").replace(",", " ").split():
        try:
            v = float(tok)
        except ValueError:
            continue
        if math.isfinite(v):
            out.append(v)
    return out


def _deltas(s: str | None, limit: int = 100_000) -> list[float]:
    """DeltaX / DeltaY: numbers, where ``g N v`` stands for N copies of v (at most ``limit``)."""
    toks = (s or "").split()
    out: list[float] = []
    i = 0
    while i < len(toks) and len(out) < limit:
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                n, v = int(float(toks[i + 1])), float(toks[i + 2])
            except (ValueError, OverflowError):
                break
            out.extend([v] * max(0, min(n, limit - len(out))))
            i += 3
        else:
            with contextlib.suppress(ValueError):
                out.append(float(toks[i]))
            i += 1
    return [v if math.isfinite(v) else 0.0 for v in out]


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _then(t: Matrix, p: Matrix) -> Matrix:
    """The transform that applies ``t`` first, then ``p``."""
    a, b, c, d, e, f = t
    pa, pb, pc, pd, pe, pf = p
    return (
        pa * a + pc * b,
        pb * a + pd * b,
        pa * c + pc * d,
        pb * c + pd * d,
        pa * e + pc * f + pe,
        pb * e + pd * f + pf,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _object_matrix(el: etree._Element, parent: Matrix) -> Matrix:
    """Object space → page: the object's CTM, then the origin of its Boundary, then the parent's."""
    box = _floats(el.get("Boundary"))
    bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
    ctm = _floats(el.get("CTM"))
    local = (
        (ctm[0], ctm[1], ctm[2], ctm[3], ctm[4] + bx, ctm[5] + by) if len(ctm) == 6 else (1, 0, 0, 1, bx, by)
    )
    return _then(tuple(float(v) for v in local), parent)  # type: ignore[arg-type]


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80  # CJK, fullwidth forms: one em; Latin letters and digits about half


class _Reader:
    """Walks one document's pages; knows its resources (composite units, pictures) and limits."""

    def __init__(self, z: SafeZip, ctx: Context, doc_dir: str, doc_root: etree._Element) -> None:
        self.z = z
        self.ctx = ctx
        self.doc_dir = doc_dir
        self.units: dict[str, etree._Element] = {}
        self.costs: dict[str, int] = {}
        self.loaded: set[str] = set()
        self.media: dict[str, str] = {}
        self.objects = 0
        self.missing_units = 0
        common = _child(doc_root, "CommonData")
        if common is not None:
            for el in common:
                if _local(el) in ("PublicRes", "DocumentRes") and el.text:
                    self._load_res(_resolve(doc_dir, el.text))

    def _load_res(self, path: str) -> None:
        if path in self.loaded or not self.z.find(path):
            return
        self.loaded.add(path)  # pages often share one resource file: read it once
        root = parse_xml(self.z.read(path), path)
        res_dir = posixpath.dirname(path)
        base = _resolve(res_dir, root.get("BaseLoc") or "") if root.get("BaseLoc") else res_dir
        for el in root.iter():
            name = _local(el)
            if name == "CompositeGraphicUnit" and el.get("ID"):
                self.units.setdefault(el.get("ID") or "", el)
            elif name == "MultiMedia" and el.get("ID"):
                mf = _child(el, "MediaFile")
                if mf is not None and mf.text:
                    self.media.setdefault(el.get("ID") or "", _resolve(base, mf.text))

    def page_res(self, page_root: etree._Element, page_dir: str) -> None:
        for el in page_root:
            if _local(el) == "PageRes" and el.text:
                path = _resolve(page_dir, el.text)
                self._load_res(path if self.z.find(path) else _resolve(self.doc_dir, el.text))

    def collect(self, el: etree._Element, m: Matrix, page: _Page, out: list[_Run]) -> None:
        for ch in el:
            name = _local(ch)
            self.objects += 1
            if self.objects > _MAX_OBJECTS:
                raise DocumentTooLargeError(f"the OFD draws more than {_MAX_OBJECTS} objects")
            if self.objects % 5000 == 0:
                self.ctx.deadline.check("OFD page content")
            if name == "TextObject":
                self._text(ch, _object_matrix(ch, m), page, out)
            elif name == "ImageObject":
                self._image(ch, _object_matrix(ch, m), page)
            elif name in ("Content", "Layer", "PageBlock"):
                self.collect(ch, m, page, out)
            elif name == "CompositeObject":
                rid = ch.get("ResourceID") or ""
                unit = self.units.get(rid)
                if unit is None:
                    self.missing_units += 1
                    continue
                self.objects += self._cost(rid, ())  # what drawing it visits, counted before drawing
                if self.objects > _MAX_OBJECTS:
                    raise DocumentTooLargeError(f"the OFD draws more than {_MAX_OBJECTS} objects")
                content = _child(unit, "Content")
                if content is not None:
                    self.collect(content, _object_matrix(ch, m), page, out)

    def _cost(self, rid: str, stack: tuple[str, ...]) -> int:
        """How many objects drawing composite unit ``rid`` visits (units inside units multiply:
        ten units of ten units of ten... is a bomb). Memoised; a unit inside itself is refused."""
        if rid in self.costs:
            return self.costs[rid]
        if rid in stack or len(stack) >= _MAX_NESTING:
            raise HostileDocumentError("composite objects nested in a cycle or too deeply")
        unit = self.units.get(rid)
        total = 0
        todo = [unit] if unit is not None else []
        while todo:
            el = todo.pop()
            for ch in el:
                total += 1
                name = _local(ch)
                if name in ("Content", "Layer", "PageBlock"):
                    todo.append(ch)
                elif name == "CompositeObject":
                    total += self._cost(ch.get("ResourceID") or "", (*stack, rid))
                if total > _MAX_OBJECTS:
                    break
        self.costs[rid] = total
        return total

    def _text(self, obj: etree._Element, m: Matrix, page: _Page, out: list[_Run]) -> None:
        size = (_floats(obj.get("Size")) or [3.5])[0]
        hscale = (_floats(obj.get("HScale")) or [1.0])[0]
        scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0
        em = abs(size) * scale
        horizontal = abs(m[1]) <= 0.2 * abs(m[0]) and abs(m[0]) > 0
        x = y = 0.0
        for code in obj:
            if _local(code) != "TextCode":
                continue
            text = code.text or ""
            if code.get("X") is not None:
                x = (_floats(code.get("X")) or [0.0])[0]
            if code.get("Y") is not None:
                y = (_floats(code.get("Y")) or [0.0])[0]
            if not text:
                continue
            dx = _deltas(code.get("DeltaX"), len(text))
            dy = _deltas(code.get("DeltaY"), len(text))
            # characters DeltaX does not cover advance by the font's widths: about one em a wide
            # character, half an em a narrow one
            dx += [size * hscale * (1.0 if _wide(c) else 0.5) for c in text[len(dx) : len(text) - 1]]
            # the last character's advance: as the run's own characters of its kind advance, else
            # one em for a wide character and half an em for a narrow one
            kind = _wide(text[-1])
            same = [d for c, d in zip(text, dx, strict=False) if _wide(c) == kind and d > 0]
            last = sorted(same)[len(same) // 2] if same else size * hscale * (1.0 if kind else 0.5)
            page.seq += 1
            if any(dy[: len(text) - 1]) or not horizontal:
                # the text steps down the page (vertical writing) or is turned: one run a character
                cx, cy = x, y
                for i, c in enumerate(text):
                    px, py = _apply(m, cx, cy)
                    ex, _ = _apply(m, cx + (dx[i] if i < len(dx) else last), cy)
                    run = _Run(c, px, py, max(px, ex), em, page.seq)
                    (out if horizontal else page.rotated).append(run)
                    cx += dx[i] if i < len(dx) else last
                    cy += dy[i] if i < len(dy) else 0.0
                x, y = cx, cy
                continue
            width = sum(dx[: len(text) - 1]) + last
            px, py = _apply(m, x, y)
            ex, _ = _apply(m, x + width, y)
            out.append(_Run(text, min(px, ex), py, max(px, ex), em, page.seq))
            x += width  # a following TextCode without X continues here

    def _image(self, obj: etree._Element, m: Matrix, page: _Page) -> None:
        pts = [_apply(m, u, v) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        page.images.append(_Image(obj.get("ResourceID") or "", (min(xs), min(ys), max(xs), max(ys)), m))


def _join_row(row: list[_Run]) -> str:
    """The runs of one baseline, left to right: runs that touch join as they are; a gap between
    them (table cells, tab stops, fields of a form) becomes a space, so two numbers in adjacent
    cells are never glued into one."""
    parts = [row[0].text]
    end = row[0].x1
    for prev, g in itertools.pairwise(row):
        gap = g.x - end
        if (
            gap > _GAP_EM * max(prev.size, g.size)
            and not parts[-1][-1:].isspace()
            and not g.text[:1].isspace()
        ):
            parts.append(" ")
        parts.append(g.text)
        end = max(end, g.x1)
    return "".join(parts)


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Group runs into lines by baseline (within 0.3 em), each line left to right."""
    runs = sorted(runs, key=lambda r: (r.y, r.x, r.seq))
    rows: list[list[_Run]] = []
    anchor = 0.0
    for r in runs:
        if rows and r.y - anchor <= _BASELINE_EM * min(r.size, rows[-1][0].size):
            rows[-1].append(r)
        else:
            rows.append([r])
            anchor = r.y
    for row in rows:
        row.sort(key=lambda r: (r.x, r.seq))
    return rows


def _lines(runs: list[_Run]) -> list[Line]:
    rows = _rows(runs)
    left = min((r.x for r in runs), default=0.0)
    out: list[Line] = []
    for k, row in enumerate(rows):
        text = _join_row(row)
        size = max(r.size for r in row)
        if k + 1 < len(rows) and not text[-1:].isspace():
            # the next line starts where no run of this line starts, nor the text's left edge: it
            # is another field of a form (an ID on this line, a date on the next), not the rest of
            # a wrapped line; the space tells join_lines not to glue them
            nxt = rows[k + 1][0].x
            em = max(size, rows[k + 1][0].size)
            if all(abs(nxt - r.x) > em for r in row) and nxt - left > em:
                text += " "
        out.append(Line(text, x0=row[0].x, x1=max(r.x1 for r in row), top=row[0].y - size, size=size))
    return out


def _stream_text(runs: list[_Run]) -> str:
    """The page's text in content-stream order: the second ordering for the reading-order check."""
    return "".join(r.text for r in sorted(runs, key=lambda r: r.seq))


def _rotated_lines(runs: list[_Run]) -> list[Line]:
    """Turned text (watermarks, stamps, vertical labels), in stream order: runs within 2 em of the
    previous one join it, as the stream drew them."""
    out: list[Line] = []
    prev: _Run | None = None
    for r in sorted(runs, key=lambda r: r.seq):
        if prev is not None and math.hypot(r.x - prev.x, r.y - prev.y) <= 2 * max(r.size, prev.size):
            last = out[-1]
            out[-1] = Line(last.text + r.text, last.x0, max(last.x1 or r.x1, r.x1), last.top, last.size)
        else:
            out.append(Line(r.text, x0=r.x, x1=r.x1, top=r.y - r.size, size=r.size))
        prev = r
    return out


def _annotation_pages(z: SafeZip, doc_dir: str, doc_root: etree._Element) -> dict[str, list[str]]:
    """Page ID → the annotation files (PageAnnot) of that page."""
    out: dict[str, list[str]] = {}
    for el in doc_root:
        if _local(el) != "Annotations" or not el.text:
            continue
        path = _resolve(doc_dir, el.text)
        if not z.find(path):
            continue
        root = parse_xml(z.read(path), path)
        base = posixpath.dirname(path)
        for pg in root:
            if _local(pg) != "Page":
                continue
            for loc in pg:
                if _local(loc) == "FileLoc" and loc.text:
                    target = _resolve(base, loc.text)
                    if not z.find(target):
                        target = _resolve(doc_dir, loc.text)
                    out.setdefault(pg.get("PageID") or "", []).append(target)
    return out


def _ocr_images(r: _Reader, page: _Page, area: float, ctx: Context) -> tuple[str, float] | None:
    """OCR the page's large pictures top to bottom: (text, confidence), or None when none decodes."""
    from PIL import Image

    from gkreview.readers.ocr import ocr_image

    lim = ctx.limits
    texts: list[str] = []
    weighted = 0.0
    total = 0
    big = [
        im
        for im in page.images
        if (im.box[2] - im.box[0]) * (im.box[3] - im.box[1]) >= _MIN_IMAGE_SHARE * area
        and im.resource in r.media
    ]
    for im in sorted(big, key=lambda im: (im.box[1], im.box[0])):
        ctx.deadline.check("OCR of an OFD page")
        path = r.media[im.resource]
        if not r.z.find(path):
            continue
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("error", Image.DecompressionBombWarning)
                image: Any = Image.open(io.BytesIO(r.z.read(path)))
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DocumentTooLargeError(f"a page picture is too large to OCR: {exc}") from exc
        except (OSError, ValueError, SyntaxError, EOFError):
            continue  # a format PIL cannot decode (JBIG2): the page stays unread
        a, _, _, d, _, _ = im.matrix
        image = image.convert("L")
        width_in = (im.box[2] - im.box[0]) / 25.4
        if width_in > 0 and image.width > 1.3 * _OCR_DPI * width_in:  # a photo at 600 dpi: OCR is
            scale = _OCR_DPI * width_in / image.width  # no better and several times slower
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
        if a < 0:
            image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        if d < 0:
            image = image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        text, conf = ocr_image(image, lim.ocr_lang, ctx.deadline.remaining)
        if text:
            texts.append(text)
            weighted += conf * len(text)
            total += len(text)
    if not texts:
        return None
    return "\n".join(texts), weighted / total if total else 0.0


def _picture_page(lines: list[str], page: _Page, area: float) -> bool:
    """A page that is a picture of text: pictures and no text, or pictures covering most of the
    page with no more text than a page number or a stamp's caption (a scan with a folio)."""
    if not page.images:
        return False
    chars = sum(len("".join(ln.split())) for ln in lines)
    if chars == 0:
        return True
    covered = sum((im.box[2] - im.box[0]) * (im.box[3] - im.box[1]) for im in page.images)
    return chars < _FEW_CHARS and covered >= _SCAN_SHARE * area


def _box_area(el: etree._Element | None, default: float) -> float:
    """The area of a page area element's PhysicalBox (mm²), else ``default``."""
    box_el = _child(el, "PhysicalBox") if el is not None else None
    box = _floats(box_el.text if box_el is not None else None)
    return box[2] * box[3] if len(box) == 4 and box[2] * box[3] > 0 else default


def read_ofd(data: bytes, ctx: Context) -> ReadResult:
    z = SafeZip(data, ctx.limits)
    try:
        root = parse_xml(z.read("OFD.xml"), "OFD.xml")
        doc_roots = [el.text.strip() for el in root.iter() if _local(el) == "DocRoot" and el.text]
        if not doc_roots:
            raise CorruptDocumentError("OFD.xml names no DocRoot (Document.xml)")
        pages: list[PageLines] = []
        scanned: list[bool] = []
        ocr_pages: dict[int, tuple[str, float]] = {}
        not_ocrd: list[str] = []
        streams: list[str] = []  # each page's text in content-stream order
        extras: list[list[str]] = []  # each page's turned text and annotation text
        result = ReadResult(format="ofd")
        if len(doc_roots) > 1:
            result.warnings.append(f"the OFD package holds {len(doc_roots)} documents; all are read in order")
        ocr_ok: bool | None = None
        missing_units = 0
        for doc_loc in doc_roots:
            doc_path = _resolve("", doc_loc)
            doc_root = parse_xml(z.read(doc_path), doc_path)
            doc_dir = posixpath.dirname(doc_path)
            reader = _Reader(z, ctx, doc_dir, doc_root)
            templates: dict[str, str] = {}
            parsed_templates: dict[str, etree._Element] = {}
            default_area = 210.0 * 297.0
            for el in doc_root.iter():
                name = _local(el)
                if name == "TemplatePage" and el.get("ID") and el.get("BaseLoc"):
                    templates[el.get("ID") or ""] = _resolve(doc_dir, el.get("BaseLoc") or "")
                elif name == "PageArea":
                    default_area = _box_area(el, default_area)
            annots = _annotation_pages(z, doc_dir, doc_root)
            page_els = [el for el in doc_root.iter() if _local(el) == "Page" and el.get("BaseLoc")]
            if len(pages) + len(page_els) > ctx.limits.max_pages:
                raise DocumentTooLargeError(f"the OFD has more than {ctx.limits.max_pages} pages")
            for el in page_els:
                ctx.deadline.check(f"OFD page {len(pages) + 1}")
                page_path = _resolve(doc_dir, el.get("BaseLoc") or "")
                page_root = parse_xml(z.read(page_path), page_path)
                reader.page_res(page_root, posixpath.dirname(page_path))
                page = _Page()
                runs: list[_Run] = []
                for tpl in page_root:
                    if _local(tpl) == "Template" and tpl.get("TemplateID") in templates:
                        tpl_path = templates[tpl.get("TemplateID") or ""]
                        if tpl_path not in parsed_templates and z.find(tpl_path):
                            # parsed once: every page may use it (and each read counts to the zip limits)
                            parsed_templates[tpl_path] = parse_xml(z.read(tpl_path), tpl_path)
                            reader.page_res(parsed_templates[tpl_path], posixpath.dirname(tpl_path))
                        if tpl_path in parsed_templates:
                            reader.collect(parsed_templates[tpl_path], _IDENTITY, page, runs)
                reader.collect(page_root, _IDENTITY, page, runs)
                for annot_path in annots.get(el.get("ID") or "", []):
                    ctx.deadline.check(f"OFD annotations of page {len(pages) + 1}")
                    for annot in parse_xml(z.read(annot_path), annot_path).iter():
                        if _local(annot) == "Appearance":
                            reader.collect(annot, _object_matrix(annot, _IDENTITY), page, page.annots)
                lines = _lines(runs)
                # turned text and annotations (watermarks, stamps) follow the page's lines, apart
                extra = [ln.text for ln in _rotated_lines(page.rotated) + _lines(page.annots)]
                streams.append(_stream_text(runs))
                index = len(pages)
                pages.append(PageLines(lines))
                extras.append(extra)
                area = _box_area(_child(page_root, "Area"), default_area)
                no_text = _picture_page([ln.text for ln in lines] + extra, page, area)
                if no_text:
                    if ocr_ok is None:
                        from gkreview.readers.ocr import available

                        ocr_ok = ctx.limits.ocr and available(ctx.limits.ocr_lang)
                    if ocr_ok and len(ocr_pages) < ctx.limits.max_ocr_pages:
                        try:
                            got = _ocr_images(reader, page, area, ctx)
                        except ExtractionTimeoutError:
                            not_ocrd.append(f"{index + 1} (out of time)")
                            got = None
                        if got is not None:
                            ocr_pages[index] = got
                            no_text = False
                        elif not not_ocrd or not not_ocrd[-1].startswith(f"{index + 1} "):
                            not_ocrd.append(f"{index + 1} (no picture OCR can decode)")
                scanned.append(no_text)
            missing_units += reader.missing_units
        if missing_units:
            result.warnings.append(f"{missing_units} composite object(s) refer to a missing resource")
        if ocr_pages:
            result.warnings.append(
                f"OCR (tesseract {ctx.limits.ocr_lang}) read picture page(s) "
                f"{', '.join(str(i + 1) for i in sorted(ocr_pages))}"
            )
        if not_ocrd:
            result.warnings.append(f"picture page(s) not OCR'd: {', '.join(not_ocrd[:20])}")
        if any(scanned) and ocr_ok is False:
            result.warnings.append(f"{sum(scanned)} page(s) are pictures without text; OCR is not installed")
        assembled = assemble_pages(pages, extras)
        result.warnings.extend(assembled.warnings)
        texts = assembled.texts
        out: list[RawPage] = []
        for i, (t, s) in enumerate(zip(texts, scanned, strict=True)):
            if i in ocr_pages:
                text, conf = ocr_pages[i]  # with the few characters the page had as text
                out.append(RawPage(f"{t}\n{text}".strip(), ocr=True, ocr_confidence=conf))
            else:
                out.append(RawPage(t, no_text_layer=s, second_order=streams[i]))
        result.pages = out
        return result
    finally:
        z.close()
