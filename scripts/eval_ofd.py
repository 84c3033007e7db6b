"""Evaluate the OFD reader on real files (tests/fixtures/ofd_wild, see its PROVENANCE.md).

For each file, the reference text is derived here from the XML, independently of the reader's
code: every TextCode a page shows (page content, template pages, composite graphic units,
annotation appearances) is placed with its full transform (composite CTM, object Boundary and CTM,
X/Y; a TextCode stepping down the page (DeltaY) character by character) and the TextCodes are
sorted into lines by their transformed baseline (within 0.3 em), then by x. The reader's text is
compared with it: character accuracy = 1 - edits / reference length, whitespace ignored; "acc"
after dropping the page numbers and running headers the reader drops too (layout's rule applied
to the reference), "raw" before; "stream" is the TextCodes in the order the XML lists them, for
scale. Each TextCode is checked for in the reader's text ("found"); "unused" counts TextCodes in
parts no page shows (unused resources). Pages the reader OCR'd are left out of the comparison.

    PYTHONPATH=src:. .venv/bin/python scripts/eval_ofd.py [DIR] [--show NAME]

Prints a per-file table, the median character accuracy and the TextCode counts.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import posixpath
import re
import statistics
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

from gkreview.readers import extract
from gkreview.readers.layout import Line, PageLines, drop_repeated_furniture

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "ofd_wild"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_TEXTCODE = re.compile(rb"<(?:\w+:)?TextCode\b")


def _name(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _nums(s: str | None) -> list[float]:
    out = []
    for t in (s or "").replace(",", " ").split():
        with contextlib.suppress(ValueError):
            out.append(float(t))
    return out


def _steps(s: str | None) -> list[float]:
    """DeltaX/DeltaY values; "g N v" repeats v N times."""
    toks, out, i = (s or "").split(), [], 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            out += [float(toks[i + 2])] * int(float(toks[i + 1]))
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


def _mat(el: etree._Element) -> list[float]:
    """[a b c d e f] of object space → parent space (CTM, then the Boundary origin)."""
    b = [*_nums(el.get("Boundary")), 0.0, 0.0]
    c = _nums(el.get("CTM"))
    if len(c) != 6:
        c = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    return [c[0], c[1], c[2], c[3], c[4] + b[0], c[5] + b[1]]


def _compose(inner: list[float], outer: list[float]) -> list[float]:
    """outer ∘ inner as 3x3 matrices [[a c e], [b d f], [0 0 1]]."""
    a = [[outer[0], outer[2], outer[4]], [outer[1], outer[3], outer[5]], [0.0, 0.0, 1.0]]
    b = [[inner[0], inner[2], inner[4]], [inner[1], inner[3], inner[5]], [0.0, 0.0, 1.0]]
    c = [[sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)] for i in range(3)]
    return [c[0][0], c[1][0], c[0][1], c[1][1], c[0][2], c[1][2]]


Code = tuple[float, float, float, int, str]  # baseline y, x, em, turned, text


class Doc:
    """One OFD package: its parsed parts and the TextCodes its pages show."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.names = {n.lstrip("/").lower(): n for n in z.namelist()}
        self.parsed: dict[str, etree._Element] = {}
        self.reached: set[tuple[int, str]] = set()  # (part, element path) of TextCodes pages show
        self.units: dict[str, etree._Element] = {}
        self.placed: list[tuple[str, bool]] = []  # text of each TextCode placed; steps down the page

    def xml(self, path: str) -> etree._Element | None:
        n = self.names.get(path.lstrip("/").lower())
        if n and n not in self.parsed:
            self.parsed[n] = etree.fromstring(self.z.read(n), _PARSER)
        return self.parsed.get(n) if n else None

    def walk(self, el: etree._Element, m: list[float], out: list[Code]) -> None:
        for ch in el:
            n = _name(ch)
            if n == "TextObject":
                self._text(ch, _compose(_mat(ch), m), out)
            elif n in ("Layer", "PageBlock", "Content"):
                self.walk(ch, m, out)
            elif n == "CompositeObject":
                u = self.units.get(ch.get("ResourceID") or "")
                c = next((k for k in u if _name(k) == "Content"), None) if u is not None else None
                if c is not None:
                    self.walk(c, _compose(_mat(ch), m), out)

    def _text(self, obj: etree._Element, tm: list[float], out: list[Code]) -> None:
        size = (_nums(obj.get("Size")) or [3.5])[0] * abs(tm[0] * tm[3] - tm[1] * tm[2]) ** 0.5
        turned = 1 if abs(tm[1]) > 0.2 * abs(tm[0]) or tm[0] == 0 else 0
        x = y = 0.0
        for code in obj:
            if _name(code) != "TextCode":
                continue
            x = (_nums(code.get("X")) or [x])[0]
            y = (_nums(code.get("Y")) or [y])[0]
            text = code.text or ""
            dy = _steps(code.get("DeltaY"))
            self.placed.append((text, any(dy)))
            tree = code.getroottree()
            self.reached.add((id(tree.getroot()), tree.getpath(code)))
            if not any(dy):  # one run at its first character
                out.append((tm[1] * x + tm[3] * y + tm[5], tm[0] * x + tm[2] * y + tm[4], size, turned, text))
                continue
            dx = _steps(code.get("DeltaX"))  # it steps down the page: each character where it is
            cx, cy = x, y
            for i, c in enumerate(text):
                out.append(
                    (tm[1] * cx + tm[3] * cy + tm[5], tm[0] * cx + tm[2] * cy + tm[4], size, turned, c)
                )
                cx += dx[i] if i < len(dx) else 0.0
                cy += dy[i] if i < len(dy) else 0.0


def _path(base: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc))


def _order(codes: list[Code]) -> list[Line]:
    """Sort TextCodes into lines by baseline (within 0.3 em), each line by x; turned text last."""
    lines: list[list[Code]] = []
    for c in sorted(c for c in codes if not c[3]):
        if lines and c[0] - lines[-1][0][0] <= 0.3 * min(c[2], lines[-1][0][2]):
            lines[-1].append(c)
        else:
            lines.append([c])
    out = [Line("".join(c[4] for c in sorted(line, key=lambda c: c[1])), top=line[0][0]) for line in lines]
    turned = "".join(c[4] for c in codes if c[3])  # in stream order
    return out + ([Line(turned, top=out[-1].top if out else 0.0)] if turned else [])


def reference(path: Path) -> tuple[list[str], list[str], list[tuple[str, bool]], int]:
    """(reference text of each page, the same without the page furniture the reader drops too,
    the TextCodes placed, the number of TextCodes in the package's XML that no page shows)."""
    z = zipfile.ZipFile(path)
    doc = Doc(z)
    in_package = sum(len(_TEXTCODE.findall(z.read(n))) for n in z.namelist() if n.lower().endswith(".xml"))
    ofd = doc.xml("OFD.xml")
    assert ofd is not None
    pages_out: list[PageLines] = []
    ident = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    for root_el in (e for e in ofd.iter() if _name(e) == "DocRoot"):
        dpath = _path("", root_el.text or "")
        ddir = posixpath.dirname(dpath)
        d = doc.xml(dpath)
        assert d is not None
        doc.units = {}
        tpls: dict[str, str] = {}
        annots: dict[str, list[str]] = {}
        for e in d.iter():
            n = _name(e)
            if n in ("PublicRes", "DocumentRes") and e.text:
                r = doc.xml(_path(ddir, e.text))
                for u in r.iter() if r is not None else []:
                    if _name(u) == "CompositeGraphicUnit":
                        doc.units.setdefault(u.get("ID") or "", u)
            elif n == "TemplatePage":
                tpls[e.get("ID") or ""] = _path(ddir, e.get("BaseLoc") or "")
            elif n == "Annotations" and e.text:
                apath = _path(ddir, e.text)
                a = doc.xml(apath)
                for pg in a if a is not None else []:
                    for loc in pg:
                        if _name(loc) == "FileLoc":
                            annots.setdefault(pg.get("PageID") or "", []).append(
                                _path(posixpath.dirname(apath), loc.text or "")
                            )
        for pg in (e for e in d.iter() if _name(e) == "Page" and e.get("BaseLoc")):
            p = doc.xml(_path(ddir, pg.get("BaseLoc") or ""))
            assert p is not None
            codes: list[Code] = []
            for t in p:
                if _name(t) == "Template" and t.get("TemplateID") in tpls:
                    tp = doc.xml(tpls[t.get("TemplateID") or ""])
                    if tp is not None:
                        doc.walk(tp, ident, codes)
            doc.walk(p, ident, codes)
            acodes: list[Code] = []
            for ap in annots.get(pg.get("ID") or "", []):
                a = doc.xml(ap)
                for app in (e for e in a.iter() if _name(e) == "Appearance") if a is not None else []:
                    doc.walk(app, _compose(_mat(app), ident), acodes)
            pages_out.append(PageLines(_order(codes) + _order(acodes)))
    raw = ["\n".join(ln.text for ln in pl.lines) for pl in pages_out]
    drop_repeated_furniture(pages_out)  # the reader drops page numbers and running headers too
    kept = ["\n".join(ln.text for ln in pl.lines) for pl in pages_out]
    return raw, kept, doc.placed, in_package - len(doc.reached)


def _shown(code: tuple[str, bool], hay: str) -> bool:
    """The TextCode's text is in the reader's text: as it is, or, for a TextCode that steps down
    the page (DeltaY: vertical labels, wrapped runs), its characters in order between other lines."""
    text, stepped = code
    want = squeeze(text)
    if want in hay:
        return True
    if not stepped:
        return False
    pos = 0
    for ch in want:
        pos = hay.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


def squeeze(s: str) -> str:
    return "".join(s.split())


def accuracy(got: str, want: str) -> float:
    a, b = squeeze(want), squeeze(got)
    if not a:
        return 1.0 if not b else 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    return max(0.0, 1.0 - edits / len(a))


def _f(v: float) -> str:
    return "   -  " if v != v else f"{v:6.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--show", help="print reference and reader text of files whose name contains this")
    args = ap.parse_args(argv)
    files = sorted(Path(args.dir).glob("*.ofd"))
    print(
        f"{'file':44} {'pages':>5} {'status':10} {'ms':>6} {'acc':>6} {'raw':>6} {'stream':>6} {'codes':>6} {'found':>6} {'unused':>6}"
    )
    accs: list[float] = []
    tot_placed = tot_found = tot_unused = 0
    stream_accs: list[float] = []
    wrong_ok: list[str] = []
    for f in files:
        t0 = time.perf_counter()
        doc = extract(f)
        ms = (time.perf_counter() - t0) * 1000
        raw_pages, ref_pages, codes, unused = reference(f)
        placed = len(codes)
        ocr_pages = {i for i, p in enumerate(doc.pages) if p.quality.ocr}
        ref = "\n".join(p for i, p in enumerate(ref_pages) if i not in ocr_pages)
        raw = "\n".join(p for i, p in enumerate(raw_pages) if i not in ocr_pages)
        got = "\n".join(p.text for i, p in enumerate(doc.pages) if i not in ocr_pages)
        acc = accuracy(got, ref) if squeeze(ref) else float("nan")
        acc_raw = accuracy(got, raw) if squeeze(raw) else float("nan")
        # for scale: the TextCodes in the order the XML lists them (no geometry at all)
        stream = "".join(c[0] for c in codes)
        acc_stream = accuracy(stream, raw) if squeeze(raw) and not ocr_pages else float("nan")
        if acc_stream == acc_stream:
            stream_accs.append(acc_stream)
        hay = squeeze(doc.text)
        dropped = squeeze("\n".join(raw_pages)) if raw_pages != ref_pages else ""
        found = sum(1 for c in codes if _shown(c, hay) or (dropped and squeeze(c[0]) in dropped))
        missing = [c[0] for c in codes if not _shown(c, hay)]
        if missing and args.show and args.show in f.name:
            print("not found:", missing[:20])
        tot_placed += placed
        tot_found += found
        tot_unused += unused
        if acc == acc:  # not NaN
            accs.append(acc)
            if acc < 0.98 and doc.status == "ok":
                wrong_ok.append(f.name)
        print(
            f"{f.name[:44]:44} {len(doc.pages):5d} {doc.status:10} {ms:6.0f} "
            f"{_f(acc)} {_f(acc_raw)} {_f(acc_stream)} {placed:6d} {found:6d} {unused:6d}"
        )
        if args.show and args.show in f.name:
            print("--- reference\n" + ref + "\n--- reader\n" + got + "\n---")
    print(f"\nfiles: {len(files)}; with TextCode text: {len(accs)}")
    print(f"median character accuracy: {statistics.median(accs):.4f}; mean {statistics.mean(accs):.4f}")
    print(
        f"(the TextCodes in XML order, for scale: median {statistics.median(stream_accs):.4f}, "
        f"mean {statistics.mean(stream_accs):.4f})"
    )
    print(
        f"TextCodes placed on pages: {tot_placed}; found in the reader's text: {tot_found}; "
        f"in parts no page uses: {tot_unused}"
    )
    print(f"files read below 0.98 yet reported ok: {len(wrong_ok)} {wrong_ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
