"""DOCX: WordprocessingML read directly with lxml (through ``xml.parse_xml``: no entities, no DTD).

Output order: headers, body (paragraphs and tables in document order, text boxes after the
paragraph that anchors them), footnotes, endnotes, comments, footers. Each text box is read once
(Word stores a DrawingML copy in ``mc:Choice`` and a VML fallback copy in ``mc:Fallback``; the
fallback is skipped). Tables become rows of cells: cells joined by a tab, one row a line. Field
codes are left out; inserted text is kept.

Content that travels with the file but that Word's normal view does not show is reviewed too:
text deleted (or moved away) with tracked changes is left out of the body, and each paragraph
that holds some is appended after everything else as it read before the change, under a heading
line (warning ``docx_tracked_changes``); hidden text (``w:vanish``) is read in place (warning
``docx_hidden_text``); document properties naming people or an organisation (author, last
modified by, company, …) are listed by name, not value (warning ``docx_properties``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from lxml import etree

from gkreview.errors import CorruptDocumentError, DocumentTooLargeError
from gkreview.readers.base import Context, RawPage, ReadResult
from gkreview.readers.listnum import Level, ListNumbering
from gkreview.readers.safezip import SafeZip
from gkreview.readers.xml import parse_xml

__all__ = ["read_docx"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_KINDS = ("header", "footnotes", "endnotes", "comments", "footer")


_DELETED_HEADING = "【修订记录中已删除的文字】"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# properties that name a person or an organisation, or hold free-text notes (docProps/core.xml,
# app.xml); the title, subject and keywords are left alone
_CORE_FIELDS = (("dc", "creator"), ("cp", "lastModifiedBy"), ("dc", "description"))
_APP_FIELDS = ("Company", "Manager")
_TRUE = ("1", "true", "on")


class _Walker:
    def __init__(self, ns: str, check: Callable[[], None], numbering: _Numbering | None = None) -> None:
        w = "{" + ns + "}"
        self.numbering = numbering
        self.PPR, self.NUMPR, self.PSTYLE = w + "pPr", w + "numPr", w + "pStyle"
        self.P, self.TBL, self.TR, self.TC = w + "p", w + "tbl", w + "tr", w + "tc"
        self.T, self.TAB, self.BR, self.CR = w + "t", w + "tab", w + "br", w + "cr"
        self.NBH = w + "noBreakHyphen"
        self.TXBX = w + "txbxContent"
        self.SKIP = {w + "del", w + "instrText", w + "delInstrText", w + "moveFrom", w + "rPr", w + "pPr"}
        self.FOOTNOTE, self.ENDNOTE = w + "footnote", w + "endnote"
        self.TYPE = w + "type"
        self.ALT, self.CHOICE, self.FALLBACK = (
            f"{{{_MC}}}AlternateContent",
            f"{{{_MC}}}Choice",
            f"{{{_MC}}}Fallback",
        )
        self.DEL, self.MOVE_FROM = w + "del", w + "moveFrom"
        self.INS, self.MOVE_TO = w + "ins", w + "moveTo"
        self.DEL_TEXT, self.R, self.RPR = w + "delText", w + "r", w + "rPr"
        self.VANISH, self.VAL = w + "vanish", w + "val"
        self.ORIG_SKIP = (self.SKIP - {self.DEL, self.MOVE_FROM}) | {
            self.INS,
            self.MOVE_TO,
            self.TXBX,
            self.FALLBACK,
            self.P,
        }
        self.check = check
        self.count = 0

    def deleted_paragraphs(self, root: etree._Element) -> list[str]:
        """Each paragraph of ``root`` that holds tracked-deleted or moved-away text, as it read
        before the change (deleted text in place, inserted text out), in document order."""
        paras: dict[etree._Element, None] = {}
        for el in root.iter(self.DEL_TEXT, self.MOVE_FROM):
            if el.tag == self.MOVE_FROM and not any(True for _ in el.iter(self.T)):
                continue
            p = el.getparent()
            while p is not None and p.tag != self.P:
                p = p.getparent()
            if p is not None:
                paras[p] = None
        out = []
        for p in paras:
            buf: list[str] = []
            self.original(p, buf)
            text = "".join(buf).strip()
            if text:
                out.append(text)
        return out

    def original(self, el: etree._Element, buf: list[str]) -> None:
        """The run content of a paragraph before tracked changes (text boxes left out)."""
        for ch in el:
            tag = ch.tag
            if tag in (self.T, self.DEL_TEXT):
                buf.append(ch.text or "")
            elif tag == self.TAB:
                buf.append("\t")
            elif tag in (self.BR, self.CR):
                buf.append(" ")
            elif tag == self.NBH:
                buf.append("-")
            elif tag == self.ALT:
                self.original(self._alternative(ch), buf)
            elif tag in self.ORIG_SKIP or not isinstance(tag, str):
                continue
            else:
                self.original(ch, buf)

    def hidden_runs(self, root: etree._Element) -> int:
        """Runs with text marked hidden (``w:vanish``): read, but not shown by Word."""
        n = 0
        for v in root.iter(self.VANISH):
            rpr = v.getparent()
            run = rpr.getparent() if rpr is not None else None
            if rpr is None or rpr.tag != self.RPR or run is None or run.tag != self.R:
                continue  # a paragraph mark's or a style's property
            if (v.get(self.VAL) or "true").lower() in _TRUE and any(True for _ in run.iter(self.T)):
                n += 1
        return n

    def blocks(self, el: etree._Element, out: list[str]) -> None:
        """Paragraph-level content of a container (body, cell, text box, header, note)."""
        for ch in el:
            tag = ch.tag
            if tag == self.P:
                self.paragraph(ch, out)
            elif tag == self.TBL:
                self.table(ch, out)
            elif tag == self.ALT:
                self.blocks(self._alternative(ch), out)
            elif tag == self.FALLBACK or tag in self.SKIP or not isinstance(tag, str):
                continue
            else:  # sdt, sdtContent, customXml, smartTag, ins, ...
                self.blocks(ch, out)

    def _alternative(self, alt: etree._Element) -> etree._Element:
        for ch in alt:
            if ch.tag == self.CHOICE:
                return ch
        for ch in alt:
            if ch.tag == self.FALLBACK:
                return ch
        return alt

    def paragraph(self, p: etree._Element, out: list[str]) -> None:
        buf: list[str] = []
        boxes: list[etree._Element] = []
        if self.numbering is not None:
            buf.append(self.numbering.label(p))
        self.runs(p, buf, boxes)
        out.append("".join(buf))
        self.tick()
        for box in boxes:
            self.blocks(box, out)

    def runs(self, el: etree._Element, buf: list[str], boxes: list[etree._Element]) -> None:
        for ch in el:
            tag = ch.tag
            if tag == self.T:
                buf.append(ch.text or "")
            elif tag == self.TAB:
                buf.append("\t")
            elif tag in (self.BR, self.CR):
                buf.append("\n")
            elif tag == self.NBH:
                buf.append("-")
            elif tag == self.TXBX:
                boxes.append(ch)
            elif tag == self.ALT:
                self.runs(self._alternative(ch), buf, boxes)
            elif tag == self.FALLBACK or tag in self.SKIP or not isinstance(tag, str):
                continue
            elif tag == self.P:  # a paragraph nested in run content (rare)
                self.runs(ch, buf, boxes)
                buf.append("\n")
            else:
                self.runs(ch, buf, boxes)

    def tick(self) -> None:
        """Counts one unit of work (a paragraph, a table row or cell); checks the deadline every 500."""
        self.count += 1
        if self.count % 500 == 0:
            self.check()

    def _children(self, el: etree._Element, tag: str) -> list[etree._Element]:
        """The ``tag`` elements that belong to ``el`` itself: its children, and those inside
        wrappers (sdt, customXml, ins, …), never those of a nested table (not quadratic in depth)."""
        found: list[etree._Element] = []
        stack = [iter(el)]
        while stack:
            ch = next(stack[-1], None)
            if ch is None:
                stack.pop()
                continue
            t = ch.tag
            if t == tag:
                found.append(ch)
            elif isinstance(t, str) and t not in (self.TBL, self.TR, self.TC, self.P) and t not in self.SKIP:
                stack.append(iter(ch))
        return found

    def table(self, tbl: etree._Element, out: list[str]) -> None:
        self.check()  # every table, at any depth: nested tables are where the work hides
        for tr in self._children(tbl, self.TR):
            self.tick()
            cells = []
            for tc in self._children(tr, self.TC):
                self.tick()
                inner: list[str] = []
                self.blocks(tc, inner)
                cells.append(" ".join(t.replace("\n", " ") for t in inner if t.strip()))
            out.append("\t".join(cells))

    def notes(self, root: etree._Element, out: list[str]) -> None:
        for note in root:
            if note.tag in (self.FOOTNOTE, self.ENDNOTE) and note.get(self.TYPE) in (
                "separator",
                "continuationSeparator",
                "continuationNotice",
            ):
                continue
            self.blocks(note, out)


class _Numbering:
    """Automatic list numbers of a DOCX (``word/numbering.xml``, list styles in ``word/styles.xml``)."""

    def __init__(
        self, lists: ListNumbering, w: str, styles: dict[str, tuple[str | None, int | None, str | None]]
    ):
        self.lists = lists
        self.w = w
        self.styles = styles  # styleId → (numId, ilvl, basedOn)

    def _style_num(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen and style in self.styles:
            seen.add(style)
            num_id, ilvl, based = self.styles[style]
            if num_id is not None:
                return num_id, ilvl
            style = based
        return None, None

    def label(self, p: etree._Element) -> str:
        w = self.w
        ppr = p.find(w + "pPr")
        if ppr is None:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(w + "numPr")
        if numpr is not None:
            n = numpr.find(w + "numId")
            lv = numpr.find(w + "ilvl")
            num_id = n.get(w + "val") if n is not None else None
            ilvl = _int(lv.get(w + "val")) if lv is not None else None
        if num_id is None:
            ps = ppr.find(w + "pStyle")
            s_num, s_lvl = self._style_num(ps.get(w + "val") if ps is not None else None)
            num_id, ilvl = s_num, ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0":
            return ""
        return self.lists.label(num_id, ilvl or 0)


def _int(v: str | None, default: int | None = None) -> int | None:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def _numbering(z: SafeZip, related: list[tuple[str, str]], ns: str) -> _Numbering | None:
    """The document's list definitions, or None when it has none."""
    w = "{" + ns + "}"
    parts = {typ: target for typ, target in related}
    num_part = parts.get("numbering")
    if not num_part or z.find(num_part) is None:
        return None
    root = parse_xml(z.read(num_part), num_part)
    lists = ListNumbering()
    for ab in root.iter(w + "abstractNum"):
        levels: dict[int, Level] = {}
        for lvl in ab.iter(w + "lvl"):
            ilvl = _int(lvl.get(w + "ilvl"), 0) or 0

            def val(tag: str, el: etree._Element = lvl) -> str | None:
                x = el.find(w + tag)
                return x.get(w + "val") if x is not None else None

            levels[ilvl] = Level(
                start=_int(val("start"), 1) or 0,
                fmt=val("numFmt") or "decimal",
                text=val("lvlText") or "",
                restart=_int(val("lvlRestart")),
                suffix=val("suff") or "tab",
            )
        lists.abstract[ab.get(w + "abstractNumId") or ""] = levels
    for num in root.iter(w + "num"):
        num_id = num.get(w + "numId") or ""
        ref = num.find(w + "abstractNumId")
        if ref is not None:
            lists.nums[num_id] = ref.get(w + "val") or ""
        for ov in num.iter(w + "lvlOverride"):
            so = ov.find(w + "startOverride")
            if so is not None:
                lists.overrides.setdefault(num_id, {})[_int(ov.get(w + "ilvl"), 0) or 0] = (
                    _int(so.get(w + "val"), 1) or 0
                )
    styles: dict[str, tuple[str | None, int | None, str | None]] = {}
    style_part = parts.get("styles")
    if style_part and z.find(style_part) is not None:
        for st in parse_xml(z.read(style_part), style_part).iter(w + "style"):
            numpr = st.find(f"{w}pPr/{w}numPr")
            based = st.find(w + "basedOn")
            n = numpr.find(w + "numId") if numpr is not None else None
            lv = numpr.find(w + "ilvl") if numpr is not None else None
            styles[st.get(w + "styleId") or ""] = (
                n.get(w + "val") if n is not None else None,
                _int(lv.get(w + "val")) if lv is not None else None,
                based.get(w + "val") if based is not None else None,
            )
    return _Numbering(lists, w, styles)


def _rels(z: SafeZip, part: str) -> list[tuple[str, str]]:
    """(type suffix, target part) of a part's relationships, in file order."""
    d, base = posixpath.split(part)
    rel_name = posixpath.join(d, "_rels", base + ".rels")
    if z.find(rel_name) is None:
        return []
    root = parse_xml(z.read(rel_name), rel_name)
    out = []
    for r in root.iter(f"{{{_PKG_REL}}}Relationship"):
        if r.get("TargetMode") == "External":
            continue
        typ = (r.get("Type") or "").rsplit("/", 1)[-1]
        target = r.get("Target") or ""
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(d, target))
        out.append((typ, full))
    return out


def _main_part(z: SafeZip) -> str:
    for typ, target in _rels(z, ""):
        if typ == "officeDocument" and z.find(target):
            return target
    if z.find("word/document.xml"):
        return "word/document.xml"
    raise CorruptDocumentError("the DOCX has no main document part (word/document.xml)")


def _properties(z: SafeZip) -> list[str]:
    """Names of the non-empty people/organisation properties in docProps/core.xml and app.xml."""
    found: list[str] = []
    wanted = (
        ("docProps/core.xml", [f"{{{_CORE_NS[prefix]}}}{name}" for prefix, name in _CORE_FIELDS]),
        ("docProps/app.xml", [f"{{{_APP_NS}}}{name}" for name in _APP_FIELDS]),
    )
    for part, tags in wanted:
        if z.find(part) is None:
            continue
        try:
            root = parse_xml(z.read(part), part)
        except CorruptDocumentError:
            found.append(f"{part} (unreadable)")
            continue
        for tag in tags:
            el = root.find(tag)
            if el is not None and (el.text or "").strip():
                found.append(etree.QName(tag).localname)
    return found


def read_docx(data: bytes, ctx: Context) -> ReadResult:
    z = SafeZip(data, ctx.limits)
    try:
        main = _main_part(z)
        root = parse_xml(z.read(main), main)
        ns = etree.QName(root).namespace or ""
        body = root.find(f"{{{ns}}}body")
        if body is None:
            raise CorruptDocumentError(f"{main} has no w:body")
        related = _rels(z, main)
        numbering = _numbering(z, related, ns)
        walker = _Walker(ns, lambda: ctx.deadline.check("DOCX body"), numbering)
        sections: dict[str, list[str]] = {k: [] for k in _REL_KINDS}
        deleted: list[str] = []  # paragraphs with tracked deletions, as they read before
        hidden = 0
        seen: set[str] = set()
        for typ, target in related:
            if typ not in sections or target in seen or z.find(target) is None:
                continue
            seen.add(target)
            ctx.deadline.check(target)
            part_root = parse_xml(z.read(target), target)
            chunk: list[str] = []
            if typ in ("footnotes", "endnotes"):
                walker.notes(part_root, chunk)
            else:
                walker.blocks(part_root, chunk)
            text = "\n".join(t for t in chunk if t.strip())
            if text and text not in sections[typ]:  # the same header in several sections: once
                sections[typ].append(text)
            deleted.extend(d for d in walker.deleted_paragraphs(part_root) if d not in deleted)
            hidden += walker.hidden_runs(part_root)
        ctx.deadline.check(main)
        body_lines: list[str] = []
        walker.blocks(body, body_lines)
        deleted[:0] = walker.deleted_paragraphs(body)
        hidden += walker.hidden_runs(body)
        parts = [
            *sections["header"],
            "\n".join(body_lines),
            *sections["footnotes"],
            *sections["endnotes"],
            *sections["comments"],
            *sections["footer"],
        ]
        if deleted:  # last, so the offsets of everything Word shows do not move
            parts += [_DELETED_HEADING, *deleted]
        text = "\n".join(p for p in parts if p.strip())
        text = "\n".join(ln.rstrip() for ln in text.split("\n"))
        if len(text) > ctx.limits.max_text_chars:
            raise DocumentTooLargeError(f"the DOCX holds more than {ctx.limits.max_text_chars} characters")
        names = z.names()
        has_media = any(n.lower().startswith("word/media/") for n in names)
        embedded = tuple(
            f"embedded object {posixpath.basename(n)}"
            for n in names
            if n.lower().startswith("word/embeddings/") or n.lower().startswith("word/afchunk")
        )
        result = ReadResult(format="docx")
        if sections["comments"]:
            result.warnings.append("reviewer comments are included after the body")
        if deleted:
            result.warnings.append(
                f"docx_tracked_changes: the file still carries tracked deletions in {len(deleted)}"
                " paragraph(s); they are reviewed after the body (accept or reject all changes"
                " before publishing)"
            )
        if hidden:
            result.warnings.append(
                f"docx_hidden_text: {hidden} run(s) of hidden text (not shown by Word) are included in the text"
            )
        props = _properties(z)
        if props:
            result.warnings.append(
                f"docx_properties: the file's properties name {', '.join(props)}"
                " (not reviewed; clear them before publishing)"
            )
        if embedded:
            result.warnings.append(
                f"{len(embedded)} embedded object(s) (spreadsheets, other documents) not read"
            )
        result.pages.append(
            RawPage(text, no_text_layer=not text.strip() and has_media, unread_parts=embedded)
        )
        return result
    finally:
        z.close()
