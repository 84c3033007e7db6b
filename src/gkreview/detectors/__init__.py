"""Detectors: the text in, findings out. (Stub interface; the detectors are issue #3.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from gkreview.finding import Finding
from gkreview.gongwen import Gongwen

__all__ = ["DetectorSet"]


class DetectorSet:
    """The configured detectors, built once and reused for every document."""

    def __init__(self, detectors: Sequence[Any] = ()) -> None:
        self.detectors = list(detectors)

    @classmethod
    def from_config(
        cls,
        config: str | Path | dict[str, Any] | None = None,
        *,
        negative_lists: Sequence[str | Path] = (),
        allow_lists: Sequence[str | Path] = (),
    ) -> DetectorSet:
        return cls()

    def detect(
        self,
        text: str,
        *,
        gongwen: Gongwen | None = None,
        page_of: Callable[[int], int | None] | None = None,
    ) -> list[Finding]:
        found: list[Finding] = []
        found.sort(key=lambda f: (f.start, -f.end))
        return [
            replace(f, id=f"f{i + 1}", page=page_of(f.start) if page_of else f.page) for i, f in enumerate(found)
        ]
