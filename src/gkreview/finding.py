"""A finding: one flagged span of the text, with its category, legal reason code and severity.

A finding never carries the sensitive value itself: ``masked`` and the offsets are enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["CATEGORIES", "SEVERITY_RANK", "SEVERITY_ZH", "Finding", "Severity"]


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label_zh(self) -> str:
        return SEVERITY_ZH[self.value]


# The one home of the Chinese severity labels ("none": a report with no finding)
SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低", "none": "无"}


SEVERITY_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}

CATEGORIES = (
    "personal_info",
    "sensitive_personal_info",
    "secrecy_mark",
    "work_secret",
    "trade_secret",
    "security",
    "internal_affairs",
    "process_info",
    "enforcement_file",
    "negative_list",
    "legacy_citation",
    "organisation_id",
)


@dataclass(frozen=True)
class Finding:
    detector: str
    category: str
    reason_code: str
    severity: str
    score: float
    start: int
    end: int
    masked: str
    id: str = ""
    page: int | None = None
    label: str = ""  # short human label, e.g. 公民身份号码
    explanation: str = ""  # why: pattern, checksum, context words
    validated: bool = False  # a checksum confirmed it
    context_words: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self.severity, 0)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "detector": self.detector,
            "category": self.category,
            "reason_code": self.reason_code,
            "severity": self.severity,
            "score": round(float(self.score), 4),
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "masked": self.masked,
            "label": self.label,
            "explanation": self.explanation,
            "validated": self.validated,
        }
        if self.context_words:
            d["context_words"] = list(self.context_words)
        if self.extra:
            d["extra"] = dict(self.extra)
        return d
