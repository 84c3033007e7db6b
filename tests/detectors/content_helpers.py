"""Shared helpers of the content-detector tests: the SYNTHETIC fixture drafts and a finder."""

from __future__ import annotations

from pathlib import Path

from gkreview.gongwen import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"


def draft(name: str) -> str:
    """A SYNTHETIC draft from tests/fixtures/content (comment lines removed)."""
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return "\n".join(ln for ln in raw.splitlines() if not ln.startswith("#")) + "\n"


def found(detector_set, text: str, detector: str, *, gongwen: bool = True) -> list[tuple[str, str, str]]:
    """(matched text, severity, reason code) of one detector's findings."""
    gw = parse(text) if gongwen else None
    return [
        (text[f.start : f.end], f.severity, f.reason_code)
        for f in detector_set.detect(text, gongwen=gw)
        if f.detector == detector
    ]


def severities(detector_set, text: str, detector: str) -> set[str]:
    return {sev for _, sev, _ in found(detector_set, text, detector)}
