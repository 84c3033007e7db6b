"""The ``--fail-on`` rule of ../shared/contracts/CLI.md, in one place (review, scan, the batch, outputs).

A report reaches a level when the file could not be (fully) reviewed, when the suggestion is 不予公开,
when a finding is at least that severe, or — a superset CLI.md allows — when the suggestion sends the
draft to a person because of content cues of a ground the engine may not decide alone (第十四、十五条,
a prohibiting law: ``suggestion.content_cues``); such a suggestion counts as ``high``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gkreview.finding import SEVERITY_RANK

__all__ = ["FAIL_LEVELS", "max_severity", "reaches", "record_reaches"]

FAIL_LEVELS = ("high", "medium", "low", "none")


def max_severity(severities: Iterable[str]) -> str:
    """The highest of ``severities`` ("none" when there is none)."""
    best = "none"
    for sev in severities:
        if SEVERITY_RANK.get(sev, 0) > SEVERITY_RANK[best]:
            best = sev
    return best


def reaches(level: str, *, status: str, suggestion: Mapping[str, Any], severities: Iterable[str]) -> bool:
    """True when a report with this status, suggestion (its dict) and finding severities reaches ``level``."""
    if level == "none":
        return False
    if status != "ok" or suggestion.get("attribute") == "withheld":
        return True
    if suggestion.get("needs_human_review") and suggestion.get("content_cues"):
        return True  # a person must weigh a 第十四、十五条 cue: counts as high
    return SEVERITY_RANK[max_severity(severities)] >= SEVERITY_RANK[level]


def record_reaches(report: Mapping[str, Any], level: str) -> bool:
    """``reaches`` on a report object (dict)."""
    return reaches(
        level,
        status=str(report.get("status")),
        suggestion=report.get("suggestion") or {},
        severities=(str(f.get("severity", "")) for f in report.get("findings") or []),
    )
