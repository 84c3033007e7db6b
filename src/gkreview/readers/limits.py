"""Limits that keep one hostile or huge file from hurting the caller."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits"]


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * 1024 * 1024  # 100 MiB on disk
    max_uncompressed_bytes: int = 512 * 1024 * 1024  # sum of zip members read
    max_member_bytes: int = 128 * 1024 * 1024  # one zip member (an XML part)
    max_compression_ratio: float = 200.0  # zip bomb guard, per member
    max_pages: int = 5000
    max_text_chars: int = 50_000_000
    timeout_s: float = 60.0  # per file
