"""OFD (GB/T 33190-2016): unzip, follow OFD.xml → DocRoot (Document.xml) → Pages → Content.xml,
collect ``TextObject/TextCode`` with their positions (template pages too), order them into lines
by baseline and position (TextCodes on one baseline: touching boxes join as they are, a gap of
more than half an em becomes a space), then join lines into paragraphs like the PDF reader
(whitespace a TextCode ends or starts with is kept at the join: a table-cell boundary)."""

from __future__ import annotations

import contextlib
import itertools
import posixpath
from dataclasses import dataclass

from lxml import etree

from gkreview.errors import CorruptDocumentError, DocumentTooLargeError
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.layout import Line, PageLines, drop_repeated_furniture, join_lines, mend_page_breaks
from gkreview.readers.safezip import SafeZip
from gkreview.readers.xml import parse_xml

__all__ = ["read_ofd"]


@dataclass(frozen=True)
class _Glyphs:
    text: str
    x: float
    y: float  # baseline, growing downwards (mm)
    width: float
    size: float


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
            out.append(float(tok))
        except ValueError:
            continue
    return out


def _deltas(s: str | None) -> list[float]:
    """DeltaX / DeltaY: numbers, where ``g N v`` stands for N copies of v."""
    toks = (s or "").split()
    out: list[float] = []
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                n, v = int(float(toks[i + 1])), float(toks[i + 2])
            except ValueError:
                break
            out.extend([v] * max(0, min(n, 100_000)))
            i += 3
        else:
            with contextlib.suppress(ValueError):
                out.append(float(toks[i]))
            i += 1
    return out


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip()
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _collect(el: etree._Element, out: list[_Glyphs], images: list[int]) -> None:
    for ch in el:
        name = _local(ch)
        if name == "TextObject":
            box = _floats(ch.get("Boundary"))
            bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
            size = (_floats(ch.get("Size")) or [3.5])[0]
            x = y = 0.0
            for code in ch:
                if _local(code) != "TextCode":
                    continue
                text = code.text or ""
                if not text:
                    continue
                if code.get("X") is not None:
                    x = (_floats(code.get("X")) or [0.0])[0]
                if code.get("Y") is not None:
                    y = (_floats(code.get("Y")) or [0.0])[0]
                dx = _deltas(code.get("DeltaX"))
                width = sum(dx[: max(len(text) - 1, 0)]) + size
                out.append(_Glyphs(text, bx + x, by + y, width, size))
        elif name == "ImageObject":
            images.append(1)
        elif name in ("Content", "Layer", "PageBlock", "CompositeObject"):
            _collect(ch, out, images)


_GAP_EM = 0.5  # a gap wider than half an em between two TextCodes on one baseline separates them


def _join_row(row: list[_Glyphs]) -> str:
    """The TextCodes of one baseline, left to right: boxes that touch join as they are; a gap
    between boxes (table cells, tab stops) becomes a space, so two numbers in adjacent cells are
    never glued into one."""
    parts = [row[0].text]
    for prev, g in itertools.pairwise(row):
        gap = g.x - (prev.x + prev.width)
        if (
            gap > _GAP_EM * max(prev.size, g.size)
            and not prev.text[-1:].isspace()
            and not g.text[:1].isspace()
        ):
            parts.append(" ")
        parts.append(g.text)
    return "".join(parts)


def _lines(glyphs: list[_Glyphs]) -> list[Line]:
    glyphs = sorted(glyphs, key=lambda g: (g.y, g.x))
    rows: list[list[_Glyphs]] = []
    for g in glyphs:
        if rows and abs(rows[-1][0].y - g.y) <= 0.4 * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    out = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        text = _join_row(row)
        x0 = row[0].x
        x1 = max(g.x + g.width for g in row)
        size = max(g.size for g in row)
        out.append(Line(text, x0=x0, x1=x1, top=row[0].y - size, size=size))
    return out


def read_ofd(data: bytes, ctx: Context) -> ReadResult:
    z = SafeZip(data, ctx.limits)
    try:
        root = parse_xml(z.read("OFD.xml"), "OFD.xml")
        doc_roots = [el.text.strip() for el in root.iter() if _local(el) == "DocRoot" and el.text]
        if not doc_roots:
            raise CorruptDocumentError("OFD.xml names no DocRoot (Document.xml)")
        pages: list[PageLines] = []
        scanned: list[bool] = []
        result = ReadResult(format="ofd")
        if len(doc_roots) > 1:
            result.warnings.append(f"the OFD package holds {len(doc_roots)} documents; all are read in order")
        for doc_loc in doc_roots:
            doc_path = _resolve("", doc_loc)
            doc_root = parse_xml(z.read(doc_path), doc_path)
            doc_dir = posixpath.dirname(doc_path)
            templates: dict[str, str] = {}
            for el in doc_root.iter():
                if _local(el) == "TemplatePage" and el.get("ID") and el.get("BaseLoc"):
                    templates[el.get("ID") or ""] = _resolve(doc_dir, el.get("BaseLoc") or "")
            page_els = [el for el in doc_root.iter() if _local(el) == "Page" and el.get("BaseLoc")]
            if len(pages) + len(page_els) > ctx.limits.max_pages:
                raise DocumentTooLargeError(f"the OFD has more than {ctx.limits.max_pages} pages")
            for el in page_els:
                ctx.deadline.check(f"OFD page {len(pages) + 1}")
                page_path = _resolve(doc_dir, el.get("BaseLoc") or "")
                page_root = parse_xml(z.read(page_path), page_path)
                glyphs: list[_Glyphs] = []
                images: list[int] = []
                for tpl in page_root:
                    if _local(tpl) == "Template" and tpl.get("TemplateID") in templates:
                        tpl_path = templates[tpl.get("TemplateID") or ""]
                        if z.find(tpl_path):
                            _collect(parse_xml(z.read(tpl_path), tpl_path), glyphs, images)
                _collect(page_root, glyphs, images)
                lines = _lines(glyphs)
                pages.append(PageLines(lines))
                scanned.append(not lines and bool(images))
        result.warnings.extend(drop_repeated_furniture(pages))
        texts: list[str] = []
        continues: list[bool] = []
        for pl in pages:
            t, cont = join_lines(pl.lines)
            texts.append(t)
            continues.append(cont)
        mend_page_breaks(texts, continues)
        result.pages = [RawPage(t, no_text_layer=s) for t, s in zip(texts, scanned, strict=True)]
        return result
    finally:
        z.close()
