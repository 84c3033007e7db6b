"""The report object of ../shared/contracts/CLI.md: one per document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gkreview import failon
from gkreview.document import Document, ErrorInfo, Status
from gkreview.finding import Finding
from gkreview.gongwen import Gongwen
from gkreview.masking import hide_values, masked_segments, value_masks
from gkreview.suggestion import Suggestion

__all__ = ["Report"]


@dataclass(frozen=True)
class Report:
    path: str
    sha256: str
    format: str
    status: str
    suggestion: Suggestion
    findings: tuple[Finding, ...] = ()
    error: ErrorInfo | None = None
    pages: int = 0
    gongwen: Gongwen | None = None
    elapsed_ms: float = 0.0
    warnings: tuple[str, ...] = ()
    version: str = ""
    document: Document | None = field(default=None, compare=False, repr=False)

    @classmethod
    def not_reviewed(
        cls, path: str, status: str, code: str, message: str, *, sha256: str, format: str
    ) -> Report:
        """The report of a file that was not (fully) reviewed — stopped, skipped, crashed: fail closed.

        No attribute is suggested (``reviewed`` false, ``NOT_REVIEWED``; ``withheld`` only because the
        contract needs one of the three values: not to be published before a person has reviewed it).
        """
        from gkreview import law
        from gkreview._version import __version__
        from gkreview.suggestion import Reason

        basis = law.get("NOT_REVIEWED")
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
        return cls(
            path=path,
            sha256=sha256,
            format=format,
            status=status,
            suggestion=suggestion,
            error=ErrorInfo(code, message),
            version=__version__,
        )

    @property
    def reviewable(self) -> bool:
        return self.status == Status.OK

    @property
    def max_severity(self) -> str:
        return failon.max_severity(str(f.severity) for f in self.findings)

    def reaches(self, level: str) -> bool:
        """True when this report reaches the ``--fail-on`` level (``gkreview.failon``, CLI.md)."""
        return failon.reaches(
            level,
            status=str(self.status),
            suggestion=self.suggestion.to_dict(),
            severities=(str(f.severity) for f in self.findings),
        )

    def counts(self) -> dict[str, int]:
        out = {"high": 0, "medium": 0, "low": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def hide(self, value: Any) -> Any:
        """``value`` (a string, or lists/dicts of them) with every flagged value replaced by its mask:
        the 公文 elements (title, 主送, 抄送…) and the reasons quoting them are text of the document too."""
        if self.document is None or not self.findings:
            return value
        return hide_values(value, value_masks(self.document.text, self.findings))

    def masked_segments(self, max_chars: int) -> dict[str, Any] | None:
        """The document text as plain and flagged segments, flagged ones showing only the masked value
        (None without the document)."""
        if self.document is None:
            return None
        return masked_segments(self.document.text, self.findings, max_chars)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "status": str(self.status),
            "error": self.error.to_dict() if self.error else None,
            "pages": self.pages,
            "gongwen": self.hide(self.gongwen.to_dict()) if self.gongwen is not None else None,
            "suggestion": self.hide(self.suggestion.to_dict()),
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts(),
            "warnings": list(self.warnings),
            "elapsed_ms": round(self.elapsed_ms, 2),
            "gkreview_version": self.version,
        }
