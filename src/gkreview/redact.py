"""区分处理 (政府信息公开条例 第三十七条): a copy of a document with the flagged spans masked.

    >>> result = gkreview.redact("draft.docx", "draft-redacted.docx")   # doctest: +SKIP
    >>> result.counts                                                   # doctest: +SKIP
    {'personal_info': 3}

What is masked: every finding at or above ``min_severity`` whose category can be separated from the
rest of the text (personal and sensitive personal information, trade secrets, agency negative-list
terms). Document-level findings (secrecy marks, work-secret marks, process and internal-affairs
cues, enforcement files) are listed in ``not_redacted``: masking those words does not make the
document publishable — the attribute, or 解密, has to be decided first.

Masks keep the length of the value (110105********002X, 138****5678, an address cut to the 街道):

- TXT: the same encoding where it can hold the text, else UTF-8; line endings untouched.
- DOCX: the text inside the ``w:t`` runs is rewritten in place (values may span runs); everything
  else in the package (styles, layout, images) is copied byte for byte.
- PDF: a **new** text PDF is generated from the redacted text, page by page (the original layout is
  not kept). Its text layer no longer contains the values; there is no black box over live text.
- Any other format: the redacted text as UTF-8 TXT, with a note.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.errors import ExtractionError, GkreviewError, OutputError
from gkreview.finding import SEVERITY_RANK, Finding
from gkreview.masking import mask_text
from gkreview.readers.limits import Limits

if TYPE_CHECKING:
    from gkreview.readers import Source
    from gkreview.review import Reviewer

__all__ = ["REDACTABLE", "RedactedSpan", "RedactionResult", "mask_text", "redact"]

REDACTABLE = frozenset({"personal_info", "sensitive_personal_info", "trade_secret", "negative_list"})


@dataclass(frozen=True)
class RedactedSpan:
    start: int  # offsets into the text the detectors saw (see RedactionResult.text_basis)
    end: int
    detector: str
    category: str
    reason_code: str
    severity: str
    label: str
    masked: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "detector": self.detector,
            "category": self.category,
            "reason_code": self.reason_code,
            "severity": self.severity,
            "label": self.label,
            "masked": self.masked,
        }


@dataclass(frozen=True)
class RedactionResult:
    source: str
    output: Path
    input_format: str
    output_format: str
    counts: dict[str, int]  # masked spans by category
    spans: tuple[RedactedSpan, ...]
    not_redacted: tuple[RedactedSpan, ...] = ()  # document-level findings at or above the threshold
    notes: tuple[str, ...] = ()
    min_severity: str = "medium"
    text_basis: str = "extracted"  # which text the offsets refer to: extracted | decoded_txt | docx_runs
    source_status: str = "ok"  # the reader's status of the source: not "ok" means parts were not checked
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": str(self.output),
            "input_format": self.input_format,
            "output_format": self.output_format,
            "min_severity": self.min_severity,
            "counts": dict(self.counts),
            "spans": [s.to_dict() for s in self.spans],
            "not_redacted": [s.to_dict() for s in self.not_redacted],
            "notes": list(self.notes),
            "text_basis": self.text_basis,
            "source_status": self.source_status,
            "complete": self.complete,
        }

    @property
    def complete(self) -> bool:
        """True when the whole source was read, so every flagged span could be masked."""
        return self.source_status == "ok"


def _span_of(f: Finding) -> RedactedSpan:
    return RedactedSpan(f.start, f.end, f.detector, f.category, f.reason_code, f.severity, f.label, f.masked)


def _select(
    findings: Iterable[Finding], min_severity: str, categories: frozenset[str]
) -> tuple[list[Finding], list[Finding]]:
    floor = SEVERITY_RANK[min_severity]
    masked: list[Finding] = []
    kept: list[Finding] = []
    for f in findings:
        if f.rank < floor:
            continue
        (masked if f.category in categories else kept).append(f)
    return masked, kept


def redact(
    source: Source,
    out_path: str | os.PathLike[str],
    *,
    min_severity: str = "medium",
    reviewer: Reviewer | None = None,
    categories: Iterable[str] | None = None,
    name: str | None = None,
) -> RedactionResult:
    """Write a redacted copy of ``source`` to ``out_path`` (TXT, DOCX, PDF; others → TXT)."""
    if min_severity not in ("high", "medium", "low"):
        raise GkreviewError(f"min_severity must be high, medium or low, got {min_severity!r}", code="usage")
    from gkreview.review import Reviewer

    rev = reviewer or Reviewer(model=None)
    cats = frozenset(categories) if categories is not None else REDACTABLE
    data, label = _read_source(source, name, getattr(rev, "limits", None) or Limits())
    doc = rev.extract(data, name=label)
    if not doc.text and doc.error is not None:
        raise ExtractionError(f"{label}: cannot redact, the document could not be read ({doc.error.message})")
    out = Path(out_path)
    notes: list[str] = []
    if doc.status != "ok":
        notes.append(
            f"the document was only partly readable (status {doc.status}); review the output by hand"
        )
    fmt = doc.format
    if fmt == "docx":
        masked, kept, basis, docx_notes = _redact_docx(data, out, rev, min_severity, cats)
        out_fmt = "docx"
        notes += docx_notes
    elif fmt == "txt":
        masked, kept, basis, enc_note = _redact_txt(data, out, rev, min_severity, cats)
        out_fmt = "txt"
        notes += enc_note
    else:
        findings = rev.detectors.detect(doc.text, gongwen=doc.gongwen, page_of=doc.page_of)
        masked, kept = _select(findings, min_severity, cats)
        red = mask_text(doc.text, masked)
        basis = "extracted"
        if fmt == "pdf":
            _write_pdf([red[p.start : p.end] for p in doc.pages] or [red], out)
            out_fmt = "pdf"
            notes.append(
                "PDF: a new text PDF was generated from the redacted text; the original layout is not kept"
            )
        else:
            if out.suffix.lower() != ".txt":
                out = out.with_suffix(out.suffix + ".txt")
            _write_bytes(out, red.encode("utf-8"))
            out_fmt = "txt"
            notes.append(
                f"{fmt}: redacted text written as UTF-8 TXT ({out.name}); the original format is not rewritten"
            )
    counts: dict[str, int] = {}
    for f in masked:
        counts[f.category] = counts.get(f.category, 0) + 1
    if kept:
        notes.append(
            "document-level findings were not masked (secrecy/work-secret marks, process or internal cues): "
            "decide the attribute or 解密 first"
        )
    return RedactionResult(
        source=label,
        output=out,
        input_format=fmt,
        output_format=out_fmt,
        counts=counts,
        spans=tuple(_span_of(f) for f in masked),
        not_redacted=tuple(_span_of(f) for f in kept),
        notes=tuple(notes),
        min_severity=min_severity,
        text_basis=basis,
        source_status=str(doc.status),
    )


def _read_source(source: Source, name: str | None, limits: Limits) -> tuple[bytes, str]:
    """The source's bytes with the checks ``review`` makes: a path must be a regular file (a FIFO
    would block, /dev/zero never ends) within the size limit, and no more than the limit is read."""
    from gkreview.readers import _load

    return _load(source, name, limits)


def _write_bytes(out: Path, payload: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(payload)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc}") from exc


# -- TXT ------------------------------------------------------------------------------------------
def _redact_txt(
    data: bytes, out: Path, rev: Reviewer, min_severity: str, cats: frozenset[str]
) -> tuple[list[Finding], list[Finding], str, list[str]]:
    from gkreview.readers.text import decode_text

    text, encoding = decode_text(data)
    findings = rev.detectors.detect(text)
    masked, kept = _select(findings, min_severity, cats)
    red = mask_text(text, masked)
    notes: list[str] = []
    try:
        payload = red.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        payload = red.encode("utf-8")
        notes.append(f"TXT: written as UTF-8 (the original encoding {encoding} could not hold the text)")
    _write_bytes(out, payload)
    return masked, kept, "decoded_txt", notes


# -- DOCX -----------------------------------------------------------------------------------------
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_PARTS = (
    "word/document.xml",
    "word/header",
    "word/footer",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments.xml",
)


def _docx_parts(names: Sequence[str]) -> list[str]:
    body = [n for n in names if n == "word/document.xml"]
    rest = sorted(
        n for n in names if n.endswith(".xml") and n.startswith(_TEXT_PARTS) and n != "word/document.xml"
    )
    return body + rest


def _paragraph_end(p: Any) -> str:
    """What follows a paragraph in the text the detectors see, as the DOCX reader lays tables out:
    cells of a row joined by a tab, one row a line (so 名单 rows and their header keep their context)."""
    TC, TR, P = f"{{{_W}}}tc", f"{{{_W}}}tr", f"{{{_W}}}p"
    tc = p.getparent()
    while tc is not None and tc.tag != TC:
        if tc.tag == P:
            return "\n"
        tc = tc.getparent()
    if tc is None:
        return "\n"
    if [q for q in tc.iter(P)][-1] is not p:
        return " "  # one cell, several paragraphs: the reader joins them with a space
    tr = tc.getparent()
    cells = [c for c in tr if c.tag == TC] if tr is not None and tr.tag == TR else [tc]
    return "\n" if cells[-1] is tc else "\t"


def _paragraph_texts(root: Any) -> list[tuple[list[Any], str]]:
    """For every w:p, its own w:t / w:tab / w:br elements in order (not those of nested paragraphs)."""
    P, T, TAB, BR = f"{{{_W}}}p", f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br"
    skip = {f"{{{_W}}}del", f"{{{_W}}}instrText", f"{{{_W}}}delInstrText", f"{{{_MC}}}Fallback"}
    out = []
    for p in root.iter(P):
        items = []
        for el in p.iter(T, TAB, BR):
            anc = el.getparent()
            ok = True
            while anc is not None and anc is not p:
                if anc.tag == P or anc.tag in skip:
                    ok = False
                    break
                anc = anc.getparent()
            if ok:
                items.append(el)
        out.append((items, _paragraph_end(p)))
    return out


def _redact_docx(
    data: bytes, out: Path, rev: Reviewer, min_severity: str, cats: frozenset[str]
) -> tuple[list[Finding], list[Finding], str, list[str]]:
    from lxml import etree

    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        names = zin.namelist()
    except zipfile.BadZipFile as exc:
        raise ExtractionError(f"not a readable DOCX package: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    T = f"{{{_W}}}t"
    trees: dict[str, Any] = {}
    removed = 0
    chars: list[str] = []
    where: list[tuple[Any, int] | None] = []  # per character: (w:t element, index) or None (tab, break, \n)
    for part in _docx_parts(names):
        try:
            root = etree.fromstring(zin.read(part), parser)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError(f"DOCX part {part} is not well-formed XML: {exc}") from exc
        trees[part] = root
        removed += _drop_tracked_deletions(root)
        for items, end in _paragraph_texts(root):
            for el in items:
                if el.tag == T:
                    for i, c in enumerate(el.text or ""):
                        chars.append(c)
                        where.append((el, i))
                else:
                    chars.append("\t" if el.tag.endswith("tab") else "\n")
                    where.append(None)
            chars.append(end)
            where.append(None)
    text = "".join(chars)
    findings = rev.detectors.detect(text)
    masked, kept = _select(findings, min_severity, cats)
    red = mask_text(text, masked)
    edits: dict[Any, list[str]] = {}
    for pos in range(len(text)):
        if red[pos] != text[pos] and where[pos] is not None:
            el, i = where[pos]  # type: ignore[misc]
            buf = edits.setdefault(el, list(el.text or ""))
            buf[i] = red[pos]
    for el, buf in edits.items():
        el.text = "".join(buf)
        el.set(_XML_SPACE, "preserve")
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as zout:
        for info in zin.infolist():
            if info.filename in trees:
                body = etree.tostring(
                    trees[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True
                )
                zout.writestr(info, body)
            else:
                zout.writestr(info, zin.read(info.filename))
    _write_bytes(out, payload.getvalue())
    notes = (
        [f"DOCX: {removed} tracked deletion(s) removed (deleted text stays in the file and is not reviewed)"]
        if removed
        else []
    )
    return masked, kept, "docx_runs", notes


def _drop_tracked_deletions(root: Any) -> int:
    """Remove w:del / w:moveFrom (tracked deletions): their text is invisible in Word's final view
    and is not read for review, but it stays in the file — a redacted copy must not carry it."""
    tags = {f"{{{_W}}}del", f"{{{_W}}}moveFrom"}
    found = [el for el in root.iter(*tags) if el.getparent() is not None]
    n = 0
    for el in found:
        parent = el.getparent()
        if (
            parent is None or parent.tag == f"{{{_W}}}rPr"
        ):  # w:del inside w:rPr marks a deleted paragraph mark
            continue
        parent.remove(el)
        n += 1
    return n


# -- PDF ------------------------------------------------------------------------------------------
_TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def _pdf_font() -> str:
    from reportlab.pdfbase import pdfmetrics

    for path in _TTF_CANDIDATES:
        if Path(path).exists():
            from reportlab.pdfbase.ttfonts import TTFont

            try:
                pdfmetrics.registerFont(TTFont("GkCJK", path, subfontIndex=0))
                return "GkCJK"
            except Exception:  # a font reportlab cannot embed: use the standard CID font below
                continue
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _write_pdf(pages: Sequence[str], out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font, size, lead, margin = _pdf_font(), 12, 18, 56
    width, height = A4
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("redacted copy (gkreview)")
    for text in pages:
        y = height - margin
        c.setFont(font, size)
        for para in text.split("\n"):
            line = ""
            for ch in para:
                if stringWidth(line + ch, font, size) > width - 2 * margin:
                    c.drawString(margin, y, line)
                    y -= lead
                    line = ""
                    if y < margin:
                        c.showPage()
                        c.setFont(font, size)
                        y = height - margin
                line += ch
            c.drawString(margin, y, line)
            y -= lead
            if y < margin:
                c.showPage()
                c.setFont(font, size)
                y = height - margin
        c.showPage()
    c.save()
    _write_bytes(out, buf.getvalue())
