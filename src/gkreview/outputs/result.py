"""``ScanResult``: one file's outcome as the writers take it (made by ``gkreview.batch``).

It lives with the writers, its readers, so that ``gkreview.outputs`` needs nothing from
``gkreview.batch`` (batch → outputs, never back); ``gkreview.batch`` and ``gkreview`` re-export it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ScanResult"]


@dataclass(frozen=True)
class ScanResult:
    """One file's outcome: the contract's report object plus masked evidence for people.

    ``evidence`` maps a finding id to ``[before, masked, after]``: a window of the document text
    around the finding whose own span (and any other finding's span inside the window) is
    replaced by the masked value. It is not part of the JSONL record.
    """

    report: dict[str, Any]
    evidence: dict[str, list[str]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return str(self.report.get("path", ""))

    @property
    def sha256(self) -> str:
        return str(self.report.get("sha256", ""))

    def to_dict(self) -> dict[str, Any]:
        return self.report
