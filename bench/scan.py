"""Benchmark of `gkreview scan`: documents/s with --jobs 1 and --jobs 2 on ≥ 1,000 real documents,
and the full review against pdfplumber's bare text extraction of the same PDFs, in the same run.

The documents are real published texts from ../shared/corpora (see PROVENANCE.md), rendered into
a temporary folder as a mix of DOCX, PDF and TXT by scripts/render.py (a third each; texts cut
to --max-chars so that the run stays short on a shared machine; the cut is reported).

    .venv/bin/python bench/scan.py                 # 1,002 documents
    .venv/bin/python bench/scan.py --n 300 --keep /tmp/bench-docs

Printed: documents/s and pages/s per --jobs, the pdfplumber baseline on the same PDFs, and the
ratio (target: the whole review ≥ 5× faster than pdfplumber's extraction alone).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared")).resolve()
CORPORA = ("govcn_statecouncil", "policies_central_shandong", "lawrefbook", "waystowork")


def iter_texts(limit: int):
    """Real texts from the shared corpora, alternating sources so the mix is varied."""
    streams = []
    for name in CORPORA:
        path = SHARED / "corpora" / f"{name}.jsonl.gz"
        if path.exists():
            streams.append(gzip.open(path, "rt", encoding="utf-8"))  # noqa: SIM115 - closed below
    if not streams:
        sys.exit(f"bench/scan.py: no corpora under {SHARED / 'corpora'}")
    n = 0
    try:
        while n < limit and streams:
            for fh in list(streams):
                line = fh.readline()
                if not line:
                    streams.remove(fh)
                    continue
                doc = json.loads(line)
                text = (doc.get("text") or "").strip()
                if len(text) < 200:
                    continue
                yield doc.get("id", str(n)), text
                n += 1
                if n >= limit:
                    break
    finally:
        for fh in streams:
            fh.close()


def build(folder: Path, n: int, max_chars: int, pdf_font: str = "auto") -> dict[str, int]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import render  # scripts/render.py

    counts = {"pdf": 0, "docx": 0, "txt": 0}
    kinds = ("pdf", "docx", "txt")
    for i, (_doc_id, text) in enumerate(iter_texts(n)):
        text = text[:max_chars]
        kind = kinds[i % 3]
        sub = folder / kind
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"doc{i:05d}.{kind}"
        if kind == "pdf":
            render.write_pdf(text, path, font=pdf_font)
        elif kind == "docx":
            render.write_docx(text, path)
        else:
            render.write_txt(text, path)
        counts[kind] += 1
    return counts


def run_scan(folder: Path, jobs: int, out: Path) -> tuple[float, list[dict]]:
    cmd = [
        str(ROOT / ".venv" / "bin" / "gkreview")
        if (ROOT / ".venv" / "bin" / "gkreview").exists()
        else "gkreview",
        "scan",
        str(folder),
        "--jobs",
        str(jobs),
        "-o",
        str(out),
        "--fail-on",
        "none",
        "--progress",
        "never",
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"scan failed ({proc.returncode}): {proc.stderr[-2000:]}")
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    return elapsed, recs


def pdfplumber_time(pdfs: list[Path]) -> tuple[float, int]:
    import pdfplumber

    pages = 0
    t0 = time.perf_counter()
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return time.perf_counter() - t0, pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--n", type=int, default=1002, help="documents to build (default 1002: 334 of each format)"
    )
    ap.add_argument("--max-chars", type=int, default=4000, help="cut each text to this many characters")
    ap.add_argument("--keep", type=Path, help="build the documents here and keep them (default: a temp dir)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--pdf-font",
        default="auto",
        help="scripts/render.py font: auto (embedded TrueType when installed, as office software writes), "
        "embedded, or STSong-Light (reportlab's built-in CID font, not embedded)",
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gkreview-bench-"))
    folder = args.keep or tmp / "docs"
    try:
        t0 = time.perf_counter()
        if not (folder.exists() and any(folder.rglob("doc*"))):
            counts = build(folder, args.n, args.max_chars, args.pdf_font)
        else:
            counts = {k: len(list(folder.rglob(f"*.{k}"))) for k in ("pdf", "docx", "txt")}
        total = sum(counts.values())
        print(
            f"documents: {total} real corpus texts (≤ {args.max_chars} chars each) as {counts}; "
            f"PDF font {args.pdf_font}; built in {time.perf_counter() - t0:.1f} s"
        )

        statuses: dict[str, int] = {}
        for jobs in args.jobs:
            elapsed, recs = run_scan(folder, jobs, tmp / f"scan-j{jobs}.jsonl")
            pages = sum(int(r.get("pages") or 0) for r in recs)
            statuses = {}
            for r in recs:
                statuses[r["status"]] = statuses.get(r["status"], 0) + 1
            assert len(recs) == total, (len(recs), total)
            print(
                f"scan --jobs {jobs}: {total / elapsed:7.1f} documents/s  {pages / elapsed:7.1f} pages/s  "
                f"({elapsed:.1f} s wall, start-up included; statuses {statuses})"
            )

        pdf_dir = folder / "pdf"
        pdfs = sorted(pdf_dir.glob("*.pdf"))
        elapsed_r, recs = run_scan(pdf_dir, 1, tmp / "scan-pdf.jsonl")
        review_pages = sum(int(r.get("pages") or 0) for r in recs)
        ok = sum(r["status"] == "ok" for r in recs)
        elapsed_p, plumber_pages = pdfplumber_time(pdfs)
        print(
            f"full review of the {len(pdfs)} PDFs, --jobs 1: {elapsed_r:.1f} s "
            f"({plumber_pages / elapsed_r:.1f} pages/s; {ok} read ok, {review_pages} pages reported)"
        )
        print(
            f"pdfplumber extract_text of the same PDFs, 1 process: {elapsed_p:.1f} s "
            f"({plumber_pages / elapsed_p:.1f} pages/s, {plumber_pages} pages)"
        )
        ratio = elapsed_p / elapsed_r
        verdict = "meets" if ratio >= 5 else "misses"
        print(
            f"ratio: the whole review is {ratio:.1f}x as fast as pdfplumber's extraction alone "
            f"({verdict} the 5x target)"
        )
        if ok < len(pdfs):
            print(
                f"warning: {len(pdfs) - ok} PDFs were not read ok; the ratio is not meaningful until they are"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
