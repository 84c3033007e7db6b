"""The review record: one row per reviewer decision.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(32), nullable=False, unique=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("document_name", sa.String(500), nullable=False),
        sa.Column("document_format", sa.String(20), nullable=False),
        sa.Column("document_ref", sa.String(200), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("report_status", sa.String(20), nullable=False),
        sa.Column("suggested_attribute", sa.String(20), nullable=False),
        sa.Column("suggested_needs_redaction", sa.Boolean(), nullable=False),
        sa.Column("suggested_needs_human_review", sa.Boolean(), nullable=False),
        sa.Column("suggestion_confidence", sa.Float(), nullable=False),
        sa.Column("declared_attribute", sa.String(20), nullable=True),
        sa.Column("declared_conflict", sa.Boolean(), nullable=False),
        sa.Column("suggestion_reasons", sa.JSON(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("final_attribute", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reason_codes", sa.JSON(), nullable=False),
        sa.Column("redactions_accepted", sa.Integer(), nullable=False),
        sa.Column("redactions_rejected", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("gkreview_version", sa.String(40), nullable=False),
        sa.Column("model_version", sa.String(200), nullable=True),
    )
    op.create_index("ix_review_decisions_decided_at", "review_decisions", ["decided_at"])
    op.create_index("ix_review_decisions_document_sha256", "review_decisions", ["document_sha256"])
    op.create_index("ix_review_decisions_final_attribute", "review_decisions", ["final_attribute"])


def downgrade() -> None:
    op.drop_index("ix_review_decisions_final_attribute", table_name="review_decisions")
    op.drop_index("ix_review_decisions_document_sha256", table_name="review_decisions")
    op.drop_index("ix_review_decisions_decided_at", table_name="review_decisions")
    op.drop_table("review_decisions")
