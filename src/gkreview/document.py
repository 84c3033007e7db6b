"""The extracted document: pages of text, one joined ``text``, a status.

Offsets convention: every offset anywhere in gkreview (findings, gongwen spans, redaction) is a
character offset into ``Document.text``. ``text`` is the pages' texts joined with ``PAGE_SEPARATOR``;
each ``Page`` knows its ``[start, end)`` span in it. Nothing downstream re-extracts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gkreview.gongwen import Gongwen

__all__ = [
    "PAGE_SEPARATOR",
    "STATUS_LABELS_ZH",
    "Document",
    "ErrorInfo",
    "Page",
    "PageQuality",
    "Status",
    "join_pages",
    "status_label_zh",
]

PAGE_SEPARATOR = "\n\n"


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    NEEDS_OCR = "needs_ocr"

    @property
    def reviewable(self) -> bool:
        """True when the whole text could be read (only ``ok``)."""
        return self is Status.OK

    @property
    def label_zh(self) -> str:
        """The short Chinese label (a table cell, the scan summary, the HTML report)."""
        return STATUS_LABELS_ZH[self.value][0]

    @property
    def detail_zh(self) -> str:
        """The Chinese sentence for people (terminal summary, service messages): says what was not reviewed."""
        return STATUS_LABELS_ZH[self.value][1]

    @property
    def reason_zh(self) -> str:
        """What went wrong, as the not-reviewed reason of a suggestion puts it (empty for ``ok``)."""
        return STATUS_LABELS_ZH[self.value][2]


# The one home of the Chinese status labels: value -> (label, detail, reason). A test checks that every
# Status has its row, and that outputs, summary, service and engine show these strings.
STATUS_LABELS_ZH: dict[str, tuple[str, str, str]] = {
    "ok": ("已审查", "已完整读取", ""),
    "partial": ("部分未读取", "部分页面无法读取（未读部分未经审查）", "部分页面未能读取"),
    "unreadable": ("无法读取", "无法读取，未经审查", "文件无法读取"),
    "encrypted": ("已加密", "文件已加密，未经审查", "文件已加密"),
    "unsupported": ("格式不支持", "格式不支持，未经审查", "文件格式不支持"),
    "too_large": ("超出限制", "文件超出大小限制，未经审查", "文件超出大小限制"),
    "timeout": ("超时", "读取超时，未经审查", "读取超时"),
    "needs_ocr": ("需OCR", "扫描件无文字层，需要OCR，未经审查", "扫描件没有文字层，需要OCR"),
}


def status_label_zh(status: str) -> str:
    """The short label of a status value; an unknown value is shown as it is."""
    row = STATUS_LABELS_ZH.get(str(status))
    return row[0] if row else str(status)


@dataclass(frozen=True)
class ErrorInfo:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class PageQuality:
    """Signs that a page's text layer is missing or garbled (font without ToUnicode map, etc.)."""

    chars: int = 0
    bad_chars: int = 0  # U+FFFD, (cid:NN), private-use, control characters
    cjk_chars: int = 0
    ok: bool = True
    issues: tuple[str, ...] = ()
    ocr: bool = False  # text came from OCR

    @property
    def bad_ratio(self) -> float:
        return self.bad_chars / self.chars if self.chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "chars": self.chars,
            "bad_chars": self.bad_chars,
            "cjk_chars": self.cjk_chars,
            "bad_ratio": round(self.bad_ratio, 4),
            "issues": list(self.issues),
            "ocr": self.ocr,
        }


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str
    start: int = 0  # offset of this page's text in Document.text
    quality: PageQuality = field(default_factory=PageQuality)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "quality": self.quality.to_dict(),
        }


def join_pages(texts: list[str], qualities: list[PageQuality] | None = None) -> tuple[str, list[Page]]:
    """Join page texts with PAGE_SEPARATOR and return (text, pages with their offsets)."""
    pages: list[Page] = []
    pos = 0
    for i, t in enumerate(texts):
        q = qualities[i] if qualities is not None else PageQuality(chars=len(t))
        pages.append(Page(number=i + 1, text=t, start=pos, quality=q))
        pos += len(t) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), pages


@dataclass(frozen=True)
class Document:
    path: str
    format: str
    status: Status
    text: str = ""
    pages: tuple[Page, ...] = ()
    sha256: str = ""
    size: int = 0
    error: ErrorInfo | None = None
    warnings: tuple[str, ...] = ()
    gongwen: Gongwen | None = None
    elapsed_ms: float = 0.0

    def page_of(self, offset: int) -> int | None:
        """1-based page number holding ``offset`` (None when there are no pages)."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        i = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(i, 0)].number

    def with_gongwen(self, gongwen: Gongwen | None) -> Document:
        return replace(self, gongwen=gongwen)

    def to_dict(self) -> dict[str, Any]:
        """The `gkreview extract --json` object of the contract (plus extra fields)."""
        return {
            "path": self.path,
            "format": self.format,
            "status": str(self.status),
            "sha256": self.sha256,
            "size": self.size,
            "pages": [p.to_dict() for p in self.pages],
            "text": self.text,
            "error": self.error.to_dict() if self.error else None,
            "warnings": list(self.warnings),
            "gongwen": self.gongwen.to_dict() if self.gongwen is not None else None,
        }
