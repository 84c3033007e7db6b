"""Request and response schemas of the HTTP API (apart from the library's own types).

The review answer is the report object of ../shared/contracts/CLI.md (``Report.to_dict()``), kept
open here (``extra="allow"``) so that fields the library adds pass through unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AttributeName",
    "DecisionIn",
    "DecisionOut",
    "DetectorInfo",
    "ErrorBody",
    "ErrorResponse",
    "FindingDecision",
    "Health",
    "ModelInfo",
    "ReportOut",
    "TextReviewIn",
]

AttributeName = Literal["active", "on_request", "withheld"]

EXAMPLE_TEXT = "关于做好2024年春节期间安全生产工作的通知\n各区人民政府：……\n（此件公开发布）"


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """A request that could not be served: the status (as in the report object) and an error record."""

    status: str
    error: ErrorBody
    report: dict[str, Any] | None = Field(
        default=None, description="the report of what could be read, when a document was read only in part"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "unsupported",
                    "error": {"code": "unsupported_format", "message": "不支持的文件格式"},
                }
            ]
        }
    )


class TextReviewIn(BaseModel):
    text: str = Field(min_length=1, description="the draft's text (kept only in memory)")
    name: str = Field(
        default="<text>", max_length=500, description="a name for the report (e.g. the file name)"
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": EXAMPLE_TEXT, "name": "春节安全生产通知.txt"}]}
    )


class ReportOut(BaseModel):
    """The report object of CLI.md; ``review_id`` (added by the service) lets a decision refer to it."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "path": "notice.pdf",
                    "sha256": "9f2c…",
                    "format": "pdf",
                    "status": "ok",
                    "error": None,
                    "pages": 3,
                    "suggestion": {
                        "attribute": "active",
                        "needs_redaction": True,
                        "needs_human_review": True,
                        "confidence": 0.82,
                        "reasons": [
                            {
                                "code": "ART15_PRIVACY",
                                "basis": "《政府信息公开条例》第十五条",
                                "explanation": "含公民身份号码，公开前应遮盖",
                                "finding_ids": ["f1"],
                            }
                        ],
                        "declared_conflict": False,
                    },
                    "findings": [
                        {
                            "id": "f1",
                            "detector": "cn_resident_id",
                            "category": "personal_info",
                            "reason_code": "ART15_PRIVACY",
                            "severity": "high",
                            "score": 1.0,
                            "start": 120,
                            "end": 138,
                            "page": 2,
                            "masked": "1101**********002X",
                        }
                    ],
                    "review_id": "6f1d0c0e9b0a4d3f8f3b2a1c0d9e8f7a",
                }
            ]
        },
    )

    path: str
    sha256: str
    format: str
    status: str
    suggestion: dict[str, Any]
    findings: list[dict[str, Any]]
    review_id: str | None = None


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class DetectorInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    category: str | None = None
    reason_code: str | None = None
    severity: str | None = None
    description: str | None = None


class ModelInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    loaded: bool
    version: str | None = None
    labels: list[str] = Field(default_factory=list)
    metrics: dict[str, Any] = Field(default_factory=dict)
    card: dict[str, Any] | None = None
    gkreview_version: str


class FindingDecision(BaseModel):
    finding_id: str = Field(max_length=40)
    accepted: bool = Field(description="true: the span is masked (区分处理); false: the reviewer rejects it")


class DecisionIn(BaseModel):
    """The reviewer's decision on one reviewed document."""

    review_id: str = Field(min_length=8, max_length=64, description="the review_id of the report decided on")
    final_attribute: AttributeName
    redactions: list[FindingDecision] = Field(default_factory=list)
    reason: str = Field(default="", max_length=4000, description="required for withheld (不予公开)")
    reason_codes: list[str] = Field(default_factory=list, max_length=50)
    reviewer: str = Field(min_length=1, max_length=200)
    document_ref: str | None = Field(default=None, max_length=200, description="文号 or another reference")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "review_id": "6f1d0c0e9b0a4d3f8f3b2a1c0d9e8f7a",
                    "final_attribute": "active",
                    "redactions": [{"finding_id": "f1", "accepted": True}],
                    "reason": "遮盖身份证号后主动公开",
                    "reason_codes": ["ART37_SEPARABLE"],
                    "reviewer": "张三",
                }
            ]
        }
    )

    @field_validator("reviewer", "reason")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @model_validator(mode="after")
    def _withheld_needs_reason(self) -> DecisionIn:
        if not self.reviewer:
            raise ValueError("reviewer (审查人) is required")
        if self.final_attribute == "withheld" and not self.reason:
            raise ValueError("a reason is required for withheld (不予公开须填写理由)")
        ids = [r.finding_id for r in self.redactions]
        if len(ids) != len(set(ids)):
            raise ValueError("a finding is decided twice in redactions")
        return self


class DecisionOut(BaseModel):
    record_id: str
    decided_at: dt.datetime
    document_sha256: str
    document_name: str
    document_format: str
    document_ref: str | None
    pages: int
    report_status: str
    suggested_attribute: str
    suggested_needs_redaction: bool
    suggested_needs_human_review: bool
    suggestion_confidence: float
    declared_attribute: str | None
    declared_conflict: bool
    suggestion_reasons: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    final_attribute: str
    reason: str
    reason_codes: list[str]
    redactions_accepted: int
    redactions_rejected: int
    reviewer: str
    gkreview_version: str
    model_version: str | None

    model_config = ConfigDict(from_attributes=True)
