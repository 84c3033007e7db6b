"""gkreview.failon: the --fail-on rule of CLI.md, and its superset for content cues."""

from __future__ import annotations

import pytest

from gkreview.failon import max_severity, reaches, record_reaches

CLEAN = {"attribute": "active", "needs_human_review": False}
CUES = {"attribute": "active", "needs_human_review": True, "content_cues": ["ART14_SECURITY_STABILITY"]}


@pytest.mark.parametrize(
    ("level", "status", "suggestion", "severities", "expected"),
    [
        ("high", "ok", CLEAN, (), False),
        ("high", "ok", CLEAN, ("medium",), False),
        ("medium", "ok", CLEAN, ("medium",), True),
        ("high", "ok", CLEAN, ("low", "high"), True),
        ("high", "ok", {"attribute": "withheld"}, (), True),
        ("high", "partial", CLEAN, (), True),
        ("high", "ok", CUES, ("medium",), True),  # the superset: a person must weigh a 第十四条 cue
        ("low", "ok", CUES, (), True),
        ("high", "ok", {**CUES, "needs_human_review": False}, (), False),
        ("high", "ok", {"attribute": "active", "needs_human_review": True}, (), False),  # a plain 人工 flag
        ("none", "partial", {"attribute": "withheld"}, ("high",), False),
    ],
)
def test_reaches(level: str, status: str, suggestion: dict, severities: tuple, expected: bool) -> None:  # type: ignore[type-arg]
    assert reaches(level, status=status, suggestion=suggestion, severities=severities) is expected
    record = {"status": status, "suggestion": suggestion, "findings": [{"severity": s} for s in severities]}
    assert record_reaches(record, level) is expected


def test_max_severity() -> None:
    assert max_severity([]) == "none"
    assert max_severity(["low", "high", "medium"]) == "high"
