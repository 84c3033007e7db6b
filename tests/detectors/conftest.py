"""A DetectorSet built once for the detector tests."""

from __future__ import annotations

import pytest

from gkreview.detectors import DetectorSet


@pytest.fixture(scope="session")
def detector_set() -> DetectorSet:
    return DetectorSet.from_config()


@pytest.fixture(scope="session")
def spans(detector_set):
    """spans(text, detector) -> [(matched text, severity)] of that detector's findings."""

    def _spans(text: str, detector: str, min_severity: str = "low") -> list[tuple[str, str]]:
        rank = {"low": 1, "medium": 2, "high": 3}
        return [
            (text[f.start : f.end], f.severity)
            for f in detector_set.detect(text)
            if f.detector == detector and f.rank >= rank[min_severity]
        ]

    return _spans
