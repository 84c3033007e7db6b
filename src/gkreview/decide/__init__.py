"""The attribute suggestion: rules from the law, an optional model. (Stub; issue #4.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gkreview.document import Document
from gkreview.finding import Finding
from gkreview.suggestion import Reason, Suggestion

__all__ = ["Decider"]


class Decider:
    def __init__(self, profile: str | Path | dict[str, Any] | None = None, model: str | Path | bool | None = None):
        self.profile = profile
        self.model = model

    def suggest(self, doc: Document, findings: Sequence[Finding]) -> Suggestion:
        if not doc.status.reviewable:
            return Suggestion(
                attribute="withheld",
                needs_redaction=False,
                needs_human_review=True,
                reasons=(
                    Reason(
                        code="ART17_UNCERTAIN_REFER",
                        basis="《政府信息公开条例》第十七条",
                        explanation="文件未能完整读取，无法审查；不得视为已通过审查。",
                    ),
                ),
            )
        return Suggestion(attribute="on_request", needs_redaction=False, needs_human_review=True, reasons=())
