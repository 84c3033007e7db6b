"""OCR of pages without a usable text layer (optional: the ``ocr`` extra).

Two engines: RapidOCR (PP-OCR models run by onnxruntime, shipped in the ``rapidocr_onnxruntime``
wheel, no network) and tesseract (Debian ``tesseract-ocr-chi-sim`` through pytesseract). The
engine is chosen by ``GKREVIEW_OCR_ENGINE`` (``auto``, ``rapidocr``, ``tesseract``); ``auto``
takes the first installed one of ``DEFAULT_ORDER`` (measured by ``bench/ocr.py``). Without either,
pages stay unread and the document is ``needs_ocr``.

Every page read reports a character-weighted mean confidence and the share of characters read
with low confidence (per word for tesseract, per line for RapidOCR); the quality gate fails a page
on either. The pages of one file share its deadline: each page gets what is left divided by the
pages still to read, and when time runs out the pages read so far are kept (the rest are unread
parts: the document is ``partial``) with the real numbers in the message.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gkreview.errors import ExtractionTimeoutError
from gkreview.readers.base import Context

__all__ = [
    "DEFAULT_ORDER",
    "OcrPage",
    "OcrRun",
    "available",
    "clean_ocr_text",
    "engine",
    "ocr_image",
    "ocr_pages",
    "ocr_pdf_pages",
    "read_image",
]

DEFAULT_ORDER = ("rapidocr", "tesseract")  # bench/ocr.py: see its docstring for the figures
LOW_CONFIDENCE = 60.0  # a word (tesseract) or line (RapidOCR) below this is read with low confidence
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_SCALE = 200 / 72  # 200 dpi: same accuracy as 300 dpi on rendered pages (bench/extract.py --ocr), faster


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # 0–100, mean over characters
    low_share: float  # share of characters in words/lines read with low confidence
    engine: str = ""


@dataclass
class OcrRun:
    """What one file's OCR did: pages read, pages left unread (with why), seconds spent."""

    pages: dict[int, OcrPage] = field(default_factory=dict)
    unread: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0
    engine: str = ""


@functools.cache
def available(lang: str = "chi_sim") -> bool:
    """True when pytesseract is importable and tesseract has ``lang`` installed."""
    try:
        import pytesseract
    except ImportError:
        return False
    if shutil.which("tesseract") is None:
        return False
    try:
        return lang in pytesseract.get_languages(config="")
    except Exception:  # pytesseract raises its own errors and OSError for a broken install
        return False


@functools.cache
def _rapidocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # an import of onnxruntime can fail in many ways (missing CPU features, libs)
        return False
    return True


def engine(lang: str = "chi_sim", choice: str | None = None) -> str | None:
    """The OCR engine to use: ``choice`` or ``GKREVIEW_OCR_ENGINE`` (auto: the first installed of
    ``DEFAULT_ORDER``); None when none is installed. RapidOCR's shipped models read Chinese and
    English only, so another ``lang`` means tesseract."""
    choice = (choice or os.environ.get("GKREVIEW_OCR_ENGINE") or "auto").lower()
    order = DEFAULT_ORDER if choice == "auto" else (choice,)
    for name in order:
        if name == "rapidocr" and lang in ("chi_sim", "chi_sim+eng", "eng") and _rapidocr_available():
            return name
        if name == "tesseract" and available(lang):
            return name
    return None


def clean_ocr_text(text: str) -> str:
    lines = [_SPACE_BETWEEN_CJK.sub("", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _summary(pieces: Sequence[tuple[str, float]]) -> tuple[float, float]:
    """(character-weighted mean confidence, share of characters below LOW_CONFIDENCE)."""
    total = sum(len(t) for t, _ in pieces)
    if not total:
        return 0.0, 1.0
    mean = sum(len(t) * c for t, c in pieces) / total
    low = sum(len(t) for t, c in pieces if c < LOW_CONFIDENCE) / total
    return mean, low


def tesseract_page(image: Any, lang: str, timeout: float) -> OcrPage:
    """One PIL image read by tesseract; per-word confidences."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config="--psm 6", output_type=pytesseract.Output.DICT, timeout=max(timeout, 1.0)
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise ExtractionTimeoutError(
            f"tesseract did not finish the page within {max(timeout, 1.0):.1f} s"
        ) from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
    pieces: list[tuple[str, float]] = []
    for word, conf, b, p, ln in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"], strict=False
    ):
        w = str(word).strip()
        if not w:
            continue
        lines.setdefault((b, p, ln), []).append(w)
        try:
            c = float(conf)
        except ValueError:
            continue
        if c >= 0:
            pieces.append((w, c))
    text = "\n".join(" ".join(ws) for ws in lines.values())
    mean, low = _summary(pieces)
    return OcrPage(clean_ocr_text(text), mean, low, "tesseract")


@functools.cache
def _rapid() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    # no text-angle classifier: upright document pages; it cost ~1/3 of the time (bench/ocr.py)
    return RapidOCR(use_cls=False)


def rapidocr_page(image: Any) -> OcrPage:
    """One PIL image read by RapidOCR; boxes grouped into lines top to bottom, left to right;
    per-line confidences."""
    import numpy as np

    result, _ = _rapid()(np.asarray(image.convert("RGB")))
    boxes = []
    for box, text, score in result or []:
        ys = [pt[1] for pt in box]
        xs = [pt[0] for pt in box]
        boxes.append((min(ys), max(ys), min(xs), str(text), float(score) * 100.0))
    boxes.sort(key=lambda b: (b[0], b[2]))
    lines: list[list[tuple[float, float, float, str, float]]] = []
    for b in boxes:
        cur = lines[-1] if lines else None
        if cur is not None:
            top, bottom = min(x[0] for x in cur), max(x[1] for x in cur)
            overlap = min(bottom, b[1]) - max(top, b[0])
            if overlap > 0.5 * min(bottom - top, b[1] - b[0]):
                cur.append(b)
                continue
        lines.append([b])
    text = "\n".join(" ".join(x[3] for x in sorted(ln, key=lambda x: x[2])) for ln in lines)
    mean, low = _summary([(b[3], b[4]) for b in boxes])
    return OcrPage(clean_ocr_text(text), mean, low, "rapidocr")


def read_page(image: Any, name: str, lang: str, timeout: float) -> OcrPage:
    """One PIL image read by the named engine (``timeout`` binds tesseract; RapidOCR runs in
    process and is bounded by the per-page budget check before it starts)."""
    if name == "rapidocr":
        return rapidocr_page(image)
    return tesseract_page(image, lang, timeout)


def ocr_image(image: Any, lang: str, timeout: float) -> tuple[str, float]:
    """(text, mean character confidence 0–100) of one PIL image, by the chosen engine."""
    name = engine(lang) or "tesseract"
    page = read_page(image, name, lang, timeout)
    return page.text, page.confidence


def ocr_pages(
    indices: Sequence[int], render: Callable[[int], Any], ctx: Context, warnings: list[str]
) -> OcrRun:
    """OCR of the given 0-based pages (``render(i)`` gives page i as a PIL image) within the file's
    deadline: each page gets what is left divided by the pages still to read; a page is not started
    when less is left than half the time a page has taken so far; when time runs out the pages read
    so far are kept and the rest are listed in ``unread`` with the real numbers."""
    lim = ctx.limits
    run = OcrRun()
    name = engine(lim.ocr_lang) if lim.ocr else None
    if name is None:
        warnings.append(f"{len(indices)} page(s) without a text layer; OCR is not installed")
        return run
    run.engine = name
    todo = list(indices[: lim.max_ocr_pages])
    t0 = time.monotonic()
    stop_why = ""
    for k, i in enumerate(todo):
        remaining = ctx.deadline.remaining
        budget = remaining / (len(todo) - k)
        per_page = (time.monotonic() - t0) / k if k else 0.0
        if remaining <= 0 or (k and remaining < 0.5 * per_page):
            stop_why = "time"
        else:
            try:
                run.pages[i] = read_page(render(i), name, lim.ocr_lang, max(budget, remaining - 0.5))
            except ExtractionTimeoutError:
                stop_why = "time"
        if stop_why:
            run.seconds = time.monotonic() - t0
            done = len(run.pages)
            rate = run.seconds / done if done else run.seconds
            msg = (
                f"OCR ({name}) read {done} of {len(todo)} page(s) in {run.seconds:.1f} s"
                f" ({rate:.1f} s a page) before the file's {ctx.deadline.seconds:g} s limit"
                f" (raise Limits.timeout_s to about {rate * len(todo) * 1.2 + 5:.0f} s for this file)"
            )
            for j in todo[k:]:
                run.unread[j] = (
                    f"page {j + 1} (not OCR'd: {msg})" if j == todo[k] else f"page {j + 1} (not OCR'd)"
                )
            warnings.append(msg)
            break
    else:
        run.seconds = time.monotonic() - t0
    if len(indices) > lim.max_ocr_pages:
        warnings.append(f"only the first {lim.max_ocr_pages} of {len(indices)} pages without text were OCR'd")
    if run.pages:
        warnings.append(
            f"OCR ({name} {lim.ocr_lang}) read page(s) {', '.join(str(i + 1) for i in run.pages)}"
            f" in {run.seconds:.1f} s"
        )
    return run


def ocr_pdf_pages(pdf: Any, indices: list[int], ctx: Context, warnings: list[str]) -> OcrRun:
    """OCR of the given 0-based pages of an open pypdfium2 document (see ``ocr_pages``)."""

    def render(i: int) -> Any:
        page = pdf[i]
        try:
            return page.render(scale=_SCALE, grayscale=True).to_pil()
        finally:
            page.close()

    return ocr_pages(indices, render, ctx, warnings)


def read_image(data: bytes, ctx: Context) -> Any:
    """A picture (PNG, JPEG, TIFF, …): OCR'd when available, else a page without a text layer."""
    from gkreview.readers.base import RawPage, ReadResult

    result = ReadResult(format="image")
    lim = ctx.limits
    name = engine(lim.ocr_lang) if lim.ocr else None
    if name is None:
        result.warnings.append("a picture of a document; OCR is not installed")
        result.pages.append(RawPage("", no_text_layer=True))
        return result
    import io
    import warnings as _warnings

    from PIL import Image

    from gkreview.errors import CorruptDocumentError, DocumentTooLargeError

    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentTooLargeError(f"the picture is too large to OCR: {exc}") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptDocumentError(f"the picture cannot be decoded: {exc}") from exc
    run = ocr_pages([0], lambda _: image.convert("L"), ctx, result.warnings)
    if 0 not in run.pages:
        raise ExtractionTimeoutError(run.unread.get(0, "OCR of the picture ran out of time"))
    page = run.pages[0]
    result.pages.append(
        RawPage(page.text, ocr=True, ocr_confidence=page.confidence, ocr_low_share=page.low_share)
    )
    return result
