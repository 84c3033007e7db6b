"""OCR engines compared: RapidOCR (rapidocr_onnxruntime, PP-OCRv4 models shipped in the wheel) and
tesseract (chi_sim, through pytesseract), on character accuracy (1 − edits / length, whitespace
ignored) and seconds per page, both measured in the same run on the same pictures.

Pictures:
- REAL: ``tests/fixtures/readers/ocr/*.jpg|png`` with ``NAME.gt.txt`` beside each (see PROVENANCE.md
  there), and any image or PDF given on the command line with a ``NAME.gt.txt`` beside it;
- SYNTHETIC (labelled so): the first page of the golden PDF (real text, 国办发〔2019〕4号) rendered
  at 200 dpi, the same page degraded like a photocopy (1.2° skew, blur, noise, 150 dpi), and a
  ruled table of names and phone numbers in small type (``tests/readers/test_ocr.table_picture``).

    .venv/bin/python bench/ocr.py [--repeat N] [EXTRA_SCAN ...]

Measured 2026-12-05 on the shared 2-core dev machine (other jobs running; absolute times are
noisy, compare the engines within a run), models loaded before timing, RapidOCR without its
text-angle classifier (as shipped):

    picture                        engine        acc   s/page
    REAL book_page.jpg             rapidocr    1.000     1.21
    REAL book_page.jpg             tesseract   0.930     0.46
    REAL paper_left.png            rapidocr    0.993     1.09
    REAL paper_left.png            tesseract   0.960     0.71
    REAL paper_right.png           rapidocr    0.980     0.90
    REAL paper_right.png           tesseract   0.899     0.65
    REAL paper_table.png           rapidocr    0.979     2.63
    REAL paper_table.png           tesseract   0.518     0.59
    SYNTH golden p1 200 dpi        rapidocr    0.994     3.81
    SYNTH golden p1 200 dpi        tesseract   0.982     4.41
    SYNTH golden p1 photocopy      rapidocr    0.975     3.07
    SYNTH golden p1 photocopy      tesseract   0.947     4.04
    SYNTH ruled table, small type  rapidocr    0.976     2.32
    SYNTH ruled table, small type  tesseract   0.000     2.45
    rapidocr   mean acc 0.985  mean s/page 2.15
    tesseract  mean acc 0.748  mean s/page 1.90
    time ratio rapidocr / tesseract: 1.13

Under heavier load (an earlier run, same pictures but the real crops) the ratio was 2.4; with the
angle classifier 3.5–3.9.

RapidOCR is the default (``gkreview.readers.ocr.DEFAULT_ORDER``): it misses fewer characters on
every picture and reads the table tesseract cannot (recall first: a misread ID or name is a missed
finding), at 1.1–2.4× tesseract's time a page (load-dependent); a scan that does not fit in the file's time limit comes back ``partial`` with the pages read.
Tesseract stays the fallback (``GKREVIEW_OCR_ENGINE=tesseract`` chooses it).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from gkreview.readers import ocr  # noqa: E402
from tests.readers._util import char_accuracy  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "readers"


def _images(path: Path) -> list[Any]:
    from PIL import Image

    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        return [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    return [Image.open(path).convert("L")]


def _photocopy(image: Any, seed: int = 7) -> Any:
    """SYNTHETIC degradation: 150 dpi, 1.2° skew, a slight blur and salt-and-pepper noise."""
    from PIL import Image, ImageFilter

    img = image.resize((image.width * 3 // 4, image.height * 3 // 4))
    img = img.rotate(1.2, expand=True, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
    rnd = random.Random(seed)
    px = img.load()
    for _ in range(img.width * img.height // 150):
        x, y = rnd.randrange(img.width), rnd.randrange(img.height)
        px[x, y] = 0 if rnd.random() < 0.5 else 255
    return img.convert("L") if isinstance(img, Image.Image) else img


def _cases(extra: list[Path]) -> list[tuple[str, list[Any], str]]:
    cases = []
    for path in [
        *sorted((FIXTURES / "ocr").glob("*.jpg")),
        *sorted((FIXTURES / "ocr").glob("*.png")),
        *extra,
    ]:
        gt = path.with_name(path.stem + ".gt.txt")
        if not gt.exists():
            print(f"(skipped {path}: no {gt.name})")
            continue
        cases.append((f"REAL {path.name}", _images(path), gt.read_text(encoding="utf-8")))
    golden = FIXTURES / "golden.pdf"
    first = _images(golden)[:1]
    import pypdfium2 as pdfium

    want = pdfium.PdfDocument(str(golden))[0].get_textpage().get_text_range()
    cases.append(("SYNTH golden p1 200 dpi", first, want))
    cases.append(("SYNTH golden p1 photocopy", [_photocopy(first[0])], want))
    from tests.readers.test_ocr import table_picture

    table, table_text = table_picture()
    cases.append(("SYNTH ruled table, small type", [table], table_text))
    return cases


def _run(engine: str, images: list[Any]) -> tuple[str, float]:
    t0 = time.perf_counter()
    texts = [ocr.read_page(img, engine, "chi_sim", 600.0).text for img in images]
    return "\n".join(texts), (time.perf_counter() - t0) / max(len(images), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scans", nargs="*", type=Path, help="more real scans (image or PDF) with NAME.gt.txt")
    ap.add_argument("--repeat", type=int, default=1, help="runs per picture and engine (best time kept)")
    args = ap.parse_args(argv)
    engines = [e for e in ("rapidocr", "tesseract") if ocr.engine("chi_sim", e) == e]
    if not engines:
        print("no OCR engine installed (pip install 'gkreview[ocr]'; Debian tesseract-ocr-chi-sim)")
        return 1
    cases = _cases(args.scans)
    from PIL import Image

    for e in engines:  # load the models once, outside the timings
        ocr.read_page(Image.new("L", (64, 32), 255), e, "chi_sim", 60.0)
    print(f"{'picture':30} {'engine':10} {'acc':>6} {'s/page':>8}")
    summary: dict[str, list[tuple[float, float]]] = {e: [] for e in engines}
    for name, images, want in cases:
        for e in engines:
            best = None
            for _ in range(args.repeat):
                text, secs = _run(e, images)
                best = secs if best is None else min(best, secs)
            acc = char_accuracy(text, want)
            summary[e].append((acc, best or 0.0))
            print(f"{name:30} {e:10} {acc:6.3f} {best:8.2f}")
    print()
    for e, rows in summary.items():
        print(
            f"{e:10} mean acc {statistics.mean(a for a, _ in rows):.3f}"
            f"  mean s/page {statistics.mean(s for _, s in rows):.2f}"
        )
    if len(engines) == 2:
        ratio = statistics.mean(s for _, s in summary["rapidocr"]) / statistics.mean(
            s for _, s in summary["tesseract"]
        )
        print(f"time ratio rapidocr / tesseract: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
