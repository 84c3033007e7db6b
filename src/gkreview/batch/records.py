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
    from gkreview import law
    from gkreview._version import __version__
    from gkreview.document import ErrorInfo
    from gkreview.report import Report
    from gkreview.suggestion import Reason, Suggestion

    basis = law.get("NOT_REVIEWED")
    # no attribute is suggested for a file that was not read (issue 11): ``withheld`` = not before review
    suggestion = Suggestion(
        attribute="withheld",
        needs_redaction=False,
        needs_human_review=True,
        reasons=(
            Reason(
                code="NOT_REVIEWED",
                basis=basis.basis,
                explanation="未能审查：文件未能完整读取或审查，不作公开属性建议；不得视为已通过审查，请人工审查。",
                modality=basis.modality,
                article_text=basis.article_text,
                action=basis.action_zh,
                rule="fail_closed",
            ),
        ),
        confidence=None,
        rules_fired=("fail_closed",),
        decided_by="fail_closed",
        reviewed=False,
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
