"""What a format reader hands back to the boundary in ``gkreview.readers``."""

from __future__ import annotations

from dataclasses import dataclass, field

from gkreview.readers.limits import Deadline, Limits

__all__ = ["Context", "RawPage", "ReadResult"]


@dataclass(frozen=True)
class RawPage:
    """One page of text before the quality gate; ``issues`` are signs the reader saw itself."""

    text: str
    issues: tuple[str, ...] = ()
    ocr: bool = False
    ocr_confidence: float | None = None
    ocr_low_share: float | None = None  # share of OCR'd characters read with low confidence
    no_text_layer: bool = False  # a picture of text (scan) that was not OCR'd
    bad_glyphs: int = 0  # characters the reader knows are wrong (e.g. PDF glyphs without a ToUnicode map)
    unread_parts: tuple[str, ...] = ()  # content the reader saw but could not read (embedded objects)
    second_order: str | None = None  # the same text in another reading order (OFD: content stream), checked


@dataclass
class ReadResult:
    format: str
    pages: list[RawPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    limits: Limits
    deadline: Deadline
    name: str = ""
    depth: int = 0  # 1 inside a file attached to another (attachments of attachments are not read)
