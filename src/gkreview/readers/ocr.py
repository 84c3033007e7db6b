"""OCR of pages without a text layer (optional: the ``ocr`` extra + Debian tesseract-ocr-chi-sim).

Pages are rendered with pypdfium2 and read by tesseract through pytesseract. Without them the
pages stay unread and the document is ``needs_ocr``. The spaces tesseract puts between Chinese
characters are removed.
"""

from __future__ import annotations

import functools
import re
import shutil
from typing import Any

from gkreview.errors import ExtractionTimeoutError
from gkreview.readers.base import Context

__all__ = ["available", "clean_ocr_text", "ocr_image", "ocr_pdf_pages"]

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_SCALE = 200 / 72  # 200 dpi: same accuracy as 300 dpi on rendered pages (bench/extract.py --ocr), faster


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


def clean_ocr_text(text: str) -> str:
    lines = [_SPACE_BETWEEN_CJK.sub("", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def ocr_image(image: Any, lang: str, timeout: float) -> tuple[str, float]:
    """(text, mean word confidence 0–100) of one PIL image."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config="--psm 6", output_type=pytesseract.Output.DICT, timeout=max(timeout, 1.0)
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise ExtractionTimeoutError(f"OCR took longer than {timeout:.0f} s") from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    for word, conf, b, p, ln in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"], strict=False
    ):
        if not str(word).strip():
            continue
        lines.setdefault((b, p, ln), []).append(str(word))
        try:
            c = float(conf)
        except ValueError:
            continue
        if c >= 0:
            confs.append(c)
    text = "\n".join(" ".join(ws) for ws in lines.values())
    return clean_ocr_text(text), (sum(confs) / len(confs) if confs else 0.0)


def ocr_pdf_pages(
    pdf: Any, indices: list[int], ctx: Context, warnings: list[str]
) -> dict[int, tuple[str, float]]:
    """OCR the given 0-based pages of an open pypdfium2 document; {} when OCR is unavailable."""
    lim = ctx.limits
    if not lim.ocr or not available(lim.ocr_lang):
        warnings.append(f"{len(indices)} page(s) without a text layer; OCR is not installed")
        return {}
    out: dict[int, tuple[str, float]] = {}
    for i in indices[: lim.max_ocr_pages]:
        ctx.deadline.check(f"OCR of page {i + 1}")
        page = pdf[i]
        try:
            image = page.render(scale=_SCALE, grayscale=True).to_pil()
        finally:
            page.close()
        out[i] = ocr_image(image, lim.ocr_lang, ctx.deadline.remaining)
    if len(indices) > lim.max_ocr_pages:
        warnings.append(f"only the first {lim.max_ocr_pages} of {len(indices)} pages without text were OCR'd")
    warnings.append(f"OCR (tesseract {lim.ocr_lang}) read page(s) {', '.join(str(i + 1) for i in out)}")
    return out


def read_image(data: bytes, ctx: Context) -> Any:
    """A picture (PNG, JPEG, TIFF, …): OCR'd when available, else a page without a text layer."""
    from gkreview.readers.base import RawPage, ReadResult

    result = ReadResult(format="image")
    lim = ctx.limits
    if not lim.ocr or not available(lim.ocr_lang):
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
    text, conf = ocr_image(image.convert("L"), lim.ocr_lang, ctx.deadline.remaining)
    result.warnings.append(f"OCR (tesseract {lim.ocr_lang}) read the picture")
    result.pages.append(RawPage(text, ocr=True, ocr_confidence=conf))
    return result
