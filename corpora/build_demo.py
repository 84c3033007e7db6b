"""Builds corpora/demo/: real published government texts rendered into a mix of file formats.

    .venv/bin/python corpora/build_demo.py

Texts come unchanged from ../shared/corpora (see its PROVENANCE.md): 26 State Council documents
(govcn_statecouncil: 国发/国办发 with 文号, several with the 附注 （此件公开发布）), 8 laws and
regulations (lawrefbook) and 6 central/Shandong policy documents (policies_central_shandong).
The file formats are produced by scripts/render.py (PDF with an embedded CJK font, DOCX, OFD,
UTF-8 and GB18030 text) and, for one DOC, by LibreOffice from the DOCX. Four files carry a problem a
reviewer meets: a scanned PDF (pages are pictures, no text layer), a password-protected PDF, a
damaged (truncated) DOCX, and a DOCX saved under a .pdf name. No personal data is added: every
character of text comes from the published document. The list with ids, titles, formats and
the status gkreview should report is written to corpora/demo_manifest.csv.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "corpora"
OUT = HERE / "demo"
MANIFEST = HERE / "demo_manifest.csv"

PICK = (  # corpus, how many, min chars, max chars
    ("govcn_statecouncil", 26, 300, 8000),
    ("lawrefbook", 8, 1500, 6000),
    ("policies_central_shandong", 6, 1000, 6000),
)
CYCLE = ("pdf", "docx", "txt-utf8", "pdf", "txt-gb18030", "docx", "ofd", "pdf")


def _render() -> Any:
    spec = importlib.util.spec_from_file_location("render", ROOT / "scripts" / "render.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pick_docs() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for corpus, n, lo, hi in PICK:
        got = 0
        with gzip.open(SHARED / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if lo <= len(doc.get("text") or "") <= hi:
                    out.append((corpus, doc))
                    got += 1
                    if got == n:
                        break
    return out


def main() -> None:
    render = _render()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    rows = []
    docs = pick_docs()
    problems = {3: "scanned", 9: "encrypted", 15: "corrupt", 21: "misnamed", 27: "doc"}
    for i, (corpus, doc) in enumerate(docs):
        text = doc["text"]
        kind = problems.get(i, CYCLE[i % len(CYCLE)])
        doc_id = doc["id"]
        expected = "ok"
        problem = ""
        if kind == "pdf":
            path = render.write_pdf(text, OUT / f"{doc_id}.pdf")
        elif kind == "docx":
            path = render.write_docx(text, OUT / f"{doc_id}.docx")
        elif kind == "ofd":
            path = render.write_ofd(text, OUT / f"{doc_id}.ofd")
        elif kind == "txt-utf8":
            path = render.write_txt(text, OUT / f"{doc_id}.txt", "utf-8")
        elif kind == "txt-gb18030":
            path = render.write_txt(text, OUT / f"{doc_id}.gb18030.txt", "gb18030", newline="\r\n")
        elif kind == "scanned":
            path = render.write_scanned_pdf(text, OUT / f"{doc_id}_scanned.pdf", dpi=110, font_px=26)
            expected, problem = (
                "needs_ocr (ok/partial when OCR is installed)",
                "pages are pictures, no text layer",
            )
        elif kind == "encrypted":
            from pypdf import PdfReader, PdfWriter

            plain = render.write_pdf(text, OUT / "_plain.pdf")
            writer = PdfWriter(clone_from=PdfReader(plain))
            writer.encrypt(user_password="demo-password", owner_password="demo-owner", algorithm="AES-128")
            path = OUT / f"{doc_id}_encrypted.pdf"
            with path.open("wb") as fh:
                writer.write(fh)
            plain.unlink()
            expected, problem = "encrypted", "password-protected PDF"
        elif kind == "corrupt":
            full = render.write_docx(text, OUT / "_full.docx")
            data = full.read_bytes()
            full.unlink()
            path = OUT / f"{doc_id}_damaged.docx"
            path.write_bytes(data[: len(data) // 2])
            expected, problem = "unreadable", "truncated DOCX (half the bytes)"
        elif kind == "misnamed":
            path = render.write_docx(text, OUT / f"{doc_id}_really_docx.pdf")
            expected, problem = "ok (format docx)", "a DOCX saved under a .pdf name"
        elif kind == "doc":
            path = _to_doc(render, text, doc_id)
            if path is None:
                path = render.write_docx(text, OUT / f"{doc_id}.docx")
                kind = "docx"
            else:
                problem = "Word 97-2003 binary made by LibreOffice from the DOCX"
        rows.append(
            {
                "file": path.name,
                "corpus": corpus,
                "id": doc_id,
                "title": doc.get("title") or doc.get("title_en") or "",
                "doc_number": doc.get("doc_number") or "",
                "format_made": kind,
                "problem": problem,
                "expected_status": expected,
                "chars": len(text),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        )
    with MANIFEST.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(rows)} files, {total / 1e6:.2f} MB in {OUT}; manifest {MANIFEST}")


def _to_doc(render: Any, text: str, doc_id: str) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice not installed: the DOC sample is written as DOCX instead")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = render.write_docx(text, Path(tmp) / f"{doc_id}.docx")
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(tmp) / 'lo').as_uri()}", "--headless", "--norestore",
             "--convert-to", "doc:MS Word 97", "--outdir", tmp, str(src)],
            capture_output=True, timeout=300, check=False,
        )  # fmt: skip
        made = Path(tmp) / f"{doc_id}.doc"
        if not made.exists():
            return None
        dest = OUT / made.name
        shutil.copy(made, dest)
        return dest


if __name__ == "__main__":
    main()
