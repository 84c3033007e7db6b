"""One file's record: from a ``Report``, for a file that could not be finished, and the ``--fail-on`` test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gkreview.batch.model import ScanResult
from gkreview.batch.walk import file_sha256
from gkreview.failon import record_reaches

__all__ = ["error_result", "record_reaches", "review_to_result"]


def _format_of(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix or "unknown"


def error_result(path: str, status: str, code: str, message: str, *, sha256: str | None = None) -> ScanResult:
    """A contract report for a file the worker could not finish: fail closed, a person must look."""
    from gkreview.report import Report

    report = Report.not_reviewed(
        path,
        status,
        code,
        message,
        sha256=sha256 if sha256 is not None else file_sha256(path),
        format=_format_of(path),
    )
    return ScanResult(report.to_dict())


def review_to_result(report: Any, context_chars: int = 30) -> ScanResult:
    """A ``Report`` (with its document) as a ScanResult carrying masked evidence windows."""
    from gkreview.outputs.evidence import evidence_windows

    doc = getattr(report, "document", None)
    text = doc.text if doc is not None else ""
    findings = [f.to_dict() for f in report.findings]
    return ScanResult(report.to_dict(), evidence_windows(text, findings, context_chars))
