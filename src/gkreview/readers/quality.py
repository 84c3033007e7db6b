"""The per-page quality gate: is this page's text really the page's text?

Counts the signs of a text layer gkreview cannot trust: U+FFFD, ``(cid:NN)`` placeholders, glyphs
without a Unicode mapping (a PDF font without a ToUnicode map, a known failure of Chinese
government PDFs), control characters, private-use characters and Latin-1 mojibake. A page that
fails is not ``ok``; the document becomes ``partial`` or ``unreadable`` so the report never looks
clean for text gkreview could not read. Symbol-font bullets (Wingdings/Symbol glyphs, U+F020–F0FF)
and up to a handful of private-use characters a page are not garbled text: the page stays ``ok``
and the document gets a ``symbol_glyphs`` warning. An OCR'd page fails on a low mean confidence or
on too many characters read with low confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from gkreview.document import ErrorInfo, PageQuality, Status
from gkreview.readers.base import RawPage
from gkreview.readers.order import order_problem

__all__ = ["assess_page", "document_status", "glyph_warning"]

_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Microsoft symbol fonts (Wingdings, Symbol, Webdings) map their glyphs to U+F020–F0FF: bullets
_SYMBOL = re.compile("[\uf020-\uf0ff]")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_MOJIBAKE = re.compile("[\u00c0-\u00ff\u0100-\u024f]")
_WS = re.compile(r"\s+")

MAX_SOFT_BAD = 5  # a handful of private-use glyphs tolerated per page (with a warning)
MAX_SOFT_RATIO = 0.02
MAX_SYMBOL_RATIO = 0.05  # symbol-font glyphs (bullets) beyond this share of a page (and over 10): a bad map
MIN_OCR_CONFIDENCE = 60.0
MAX_OCR_LOW_SHARE = 0.2  # more of an OCR'd page read with low confidence (a table's cells): not ok
UNREADABLE_RATIO = 0.1  # every page fails and over 10% of the characters are bad: unreadable


def assess_page(raw: RawPage) -> PageQuality:
    text = raw.text
    cid = len(_CID.findall(text))
    plain = _CID.sub("", text)
    chars = len(_WS.sub("", plain)) + cid
    fffd = plain.count("\ufffd")
    controls = len(_CONTROL.findall(plain))
    pua = len(_PUA.findall(plain))
    cjk = len(plain) - len(_CJK.sub("", plain))  # counting without a list of matches (fast)
    latin = len(_LATIN_MOJIBAKE.findall(plain))
    issues = list(raw.issues)
    strict = fffd + cid + controls + raw.bad_glyphs
    if fffd:
        issues.append(f"{fffd} replacement characters (U+FFFD)")
    if cid:
        issues.append(f"{cid} (cid:NN) glyphs: font without a ToUnicode map")
    if raw.bad_glyphs:
        issues.append(f"{raw.bad_glyphs} glyphs without a Unicode mapping (font without ToUnicode map)")
    if controls:
        issues.append(f"{controls} control characters")
    symbols = len(_SYMBOL.findall(plain)) if pua else 0
    if symbols and (symbols <= 10 or symbols <= MAX_SYMBOL_RATIO * chars):
        issues.append(f"{symbols} symbol-font glyphs (bullets from Wingdings/Symbol)")
        pua -= symbols  # bullets, not garbled text
    soft = pua
    if pua:
        issues.append(f"{pua} private-use characters")
    mojibake = chars >= 20 and latin > 0.1 * chars and cjk < 0.05 * chars
    if mojibake:
        issues.append(f"{latin} Latin-1 letters and almost no Chinese: mojibake (wrong encoding or font map)")
        soft += latin
    ok = (
        strict == 0
        and not mojibake
        and soft <= MAX_SOFT_BAD
        and (chars == 0 or soft <= 1 or soft / chars <= MAX_SOFT_RATIO)
    )
    if disorder := order_problem(text, raw.second_order):
        ok = False
        issues.append(disorder)
    if raw.unread_parts:
        ok = False
        issues.append(f"not read: {', '.join(raw.unread_parts[:5])}")
    if raw.no_text_layer:
        ok = False
        issues.append("no text layer (a scanned page?)")
    if raw.ocr and raw.ocr_confidence is not None and raw.ocr_confidence < MIN_OCR_CONFIDENCE:
        ok = False
        issues.append(f"OCR confidence {raw.ocr_confidence:.0f} < {MIN_OCR_CONFIDENCE:g}")
    if raw.ocr and raw.ocr_low_share is not None and raw.ocr_low_share > MAX_OCR_LOW_SHARE:
        ok = False
        issues.append(f"OCR: {raw.ocr_low_share:.0%} of the characters read with low confidence")
    return PageQuality(
        chars=chars,
        bad_chars=min(strict + soft, chars) if chars else strict + soft,
        cjk_chars=cjk,
        ok=ok,
        issues=tuple(issues),
        ocr=raw.ocr,
    )


def _pages(nums: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in nums[:20])
    return shown + (f" and {len(nums) - 20} more" if len(nums) > 20 else "")


def document_status(
    raws: Sequence[RawPage], qualities: Sequence[PageQuality]
) -> tuple[Status, ErrorInfo | None]:
    """The document status the page qualities add up to (fail closed): ``needs_ocr`` when a page has
    no text layer, ``unreadable`` when there is no text or every page fails with many bad
    characters, ``partial`` when some text could not be read, else ``ok``."""
    if not qualities:
        return Status.UNREADABLE, ErrorInfo("no_text", "the document has no pages")
    scanned = [i + 1 for i, r in enumerate(raws) if r.no_text_layer]
    if scanned:
        return Status.NEEDS_OCR, ErrorInfo(
            "needs_ocr",
            f"page(s) {_pages(scanned)} have no text layer (scanned?); to read them install the OCR extra "
            "(pip install 'gkreview[ocr]') and Debian tesseract-ocr-chi-sim",
        )
    total = sum(q.chars for q in qualities)
    if total == 0:
        return Status.UNREADABLE, ErrorInfo("no_text", "no text found in the document")
    bad = [i + 1 for i, q in enumerate(qualities) if not q.ok]
    if not bad:
        return Status.OK, None
    with_text = [i + 1 for i, q in enumerate(qualities) if q.chars]
    unread = [i for i in bad if raws[i - 1].unread_parts]
    if unread == bad and all(assess_page(replace(raws[i - 1], unread_parts=())).ok for i in bad):
        parts = [p for i in bad for p in raws[i - 1].unread_parts]
        code = (
            "attachments"
            if all("attach" in p for p in parts)
            else "ocr_incomplete"
            if all("not OCR'd" in p for p in parts)
            else "unread_parts"
        )
        return Status.PARTIAL, ErrorInfo(code, f"not read: {'; '.join(parts[:5])}")
    first = qualities[bad[0] - 1]
    why = "; ".join(first.issues[:3])
    bad_total = sum(q.bad_chars for q in qualities)
    if set(with_text) <= set(bad) and bad_total > UNREADABLE_RATIO * total:
        return Status.UNREADABLE, ErrorInfo(
            "garbled_text", f"the text could not be read reliably on any page (page {bad[0]}: {why})"
        )
    return Status.PARTIAL, ErrorInfo(
        "garbled_text", f"page(s) {_pages(bad)} could not be read reliably (page {bad[0]}: {why})"
    )


def glyph_warning(qualities: Sequence[PageQuality]) -> str | None:
    """``symbol_glyphs``: the pages that passed the gate with symbol-font bullets or a handful of
    private-use characters (read as they are; a person may check a rare character)."""
    hits = [
        (i + 1, iss)
        for i, q in enumerate(qualities)
        if q.ok
        for iss in q.issues
        if iss.endswith(("(bullets from Wingdings/Symbol)", "private-use characters"))
    ]
    if not hits:
        return None
    pages = _pages(sorted({p for p, _ in hits}))
    return f"symbol_glyphs: page(s) {pages}: {hits[0][1]}" + (" and more" if len(hits) > 1 else "")
