"""Limits that keep one hostile or huge file from hurting the caller, and the per-file deadline."""

from __future__ import annotations

import time
from dataclasses import dataclass

from gkreview.errors import ExtractionTimeoutError

__all__ = ["Deadline", "Limits"]


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * 1024 * 1024  # 100 MiB on disk
    max_uncompressed_bytes: int = 512 * 1024 * 1024  # sum of zip members read
    max_member_bytes: int = 128 * 1024 * 1024  # one zip member (an XML part)
    max_compression_ratio: float = 200.0  # zip bomb guard, per member (members over 1 MiB)
    max_zip_members: int = 20_000
    max_pages: int = 5000
    max_text_chars: int = 50_000_000
    timeout_s: float = 60.0  # per file, checked between pages and parts
    ocr: bool = True  # OCR pages without a text layer when tesseract + chi_sim are installed
    max_ocr_pages: int = 50
    ocr_lang: str = "chi_sim"

    def deadline(self) -> Deadline:
        return Deadline(self.timeout_s)


class Deadline:
    """A cooperative per-file time limit: readers call ``check()`` between pages and parts."""

    __slots__ = ("_end", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    @property
    def remaining(self) -> float:
        return self._end - time.monotonic()

    def check(self, where: str = "") -> None:
        if time.monotonic() > self._end:
            at = f" (at {where})" if where else ""
            raise ExtractionTimeoutError(
                f"extraction took longer than the {self.seconds:g} s limit{at}; "
                "raise Limits.timeout_s to allow slower files"
            )
