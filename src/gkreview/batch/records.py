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
    from gkreview._version import __version__
    from gkreview.document import ErrorInfo
    from gkreview.report import Report
    from gkreview.suggestion import Reason, Suggestion

    suggestion = Suggestion(
        attribute="withheld",
        needs_redaction=False,
        needs_human_review=True,
        reasons=(
            Reason(
                code="ART17_UNCERTAIN_REFER",
                basis="《政府信息公开条例》第十七条",
                explanation="文件未能完整审查，不得视为已通过审查；请人工审查。",
            ),
        ),
    )
    report = Report(
        path=path,
        sha256=sha256 if sha256 is not None else file_sha256(path),
        format=_format_of(path),
        status=status,
        suggestion=suggestion,
        error=ErrorInfo(code, message),
        version=__version__,
    )
    return ScanResult(report.to_dict())


def review_to_result(report: Any, context_chars: int = 30) -> ScanResult:
    """A ``Report`` (with its document) as a ScanResult carrying masked evidence windows."""
    from gkreview.outputs.evidence import evidence_windows

    doc = getattr(report, "document", None)
    text = doc.text if doc is not None else ""
    findings = [f.to_dict() for f in report.findings]
    return ScanResult(report.to_dict(), evidence_windows(text, findings, context_chars))
