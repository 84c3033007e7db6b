"""The review record (审查记录): one row per reviewer decision. Never the document's text.

Each row keeps what a written confidentiality-review record needs — which document (sha256, name,
an optional 文号 the reviewer typed), the suggestion with its legal reasons, the findings (offsets
and masked values only), the decision (final attribute, redactions accepted or rejected, reason,
legal bases), who decided and when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ReviewDecision"]


class Base(DeclarativeBase):
    pass


class ReviewDecision(Base):
    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    # the document: identity only
    document_sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    document_name: Mapped[str] = mapped_column(String(500), nullable=False)
    document_format: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    document_ref: Mapped[str | None] = mapped_column(
        String(200), nullable=True
    )  # 文号, typed by the reviewer
    pages: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    report_status: Mapped[str] = mapped_column(String(20), nullable=False)
    # the suggestion
    suggested_attribute: Mapped[str] = mapped_column(String(20), nullable=False)
    suggested_needs_redaction: Mapped[bool] = mapped_column(Boolean, nullable=False)
    suggested_needs_human_review: Mapped[bool] = mapped_column(Boolean, nullable=False)
    suggestion_confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    declared_attribute: Mapped[str | None] = mapped_column(String(20), nullable=True)
    declared_conflict: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    suggestion_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    # the decision
    final_attribute: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reason_codes: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    redactions_accepted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    redactions_rejected: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    reviewer: Mapped[str] = mapped_column(String(200), nullable=False)
    # provenance
    gkreview_version: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    model_version: Mapped[str | None] = mapped_column(String(200), nullable=True)
