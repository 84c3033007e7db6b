"""The review record: POST /v1/decisions, GET /v1/decisions (filters), GET /v1/decisions.csv, GET one.

A decision refers to a review by its ``review_id``: the suggestion, reasons and findings recorded are
the server's own (from the review), not whatever the client sends. One decision is one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Select, func, select
from sqlalchemy.exc import SQLAlchemyError

from service.deps import State
from service.models import ReviewDecision
from service.responses import AUTH_RESPONSES, api_error
from service.schemas import AttributeName, DecisionIn, DecisionOut, ErrorResponse

router = APIRouter(prefix="/v1", tags=["decisions"])
log = logging.getLogger("gkreview.service")

MAX_OFFSET = 2**53  # a database integer holds it (SQLite's is 64-bit); larger is a 422, never an overflow

# (CSV header, record attribute). `sha256`, `name` and `final_attribute` are what `gkreview train
# --labels` reads (gkreview.training.corpus.load_labels): the export is a labels file as it stands.
CSV_COLUMNS = (
    ("record_id", "record_id"),
    ("decided_at", "decided_at"),
    ("sha256", "document_sha256"),
    ("name", "document_name"),
    ("document_ref", "document_ref"),
    ("format", "document_format"),
    ("pages", "pages"),
    ("suggested_attribute", "suggested_attribute"),
    ("suggestion_confidence", "suggestion_confidence"),
    ("declared_attribute", "declared_attribute"),
    ("declared_conflict", "declared_conflict"),
    ("final_attribute", "final_attribute"),
    ("reason_codes", "reason_codes"),
    ("reason", "reason"),
    ("redactions_accepted", "redactions_accepted"),
    ("redactions_rejected", "redactions_rejected"),
    ("reviewer", "reviewer"),
    ("gkreview_version", "gkreview_version"),
    ("model_version", "model_version"),
)


def _utc(value: dt.datetime) -> dt.datetime:
    """Stored times are UTC; SQLite hands them back naive."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def to_out(rec: ReviewDecision) -> DecisionOut:
    out = DecisionOut.model_validate(rec)
    return out.model_copy(update={"decided_at": _utc(out.decided_at)})


@router.post(
    "/decisions",
    status_code=201,
    response_model=DecisionOut,
    responses={
        **AUTH_RESPONSES,
        404: {"model": ErrorResponse, "description": "no such review (expired, or the server restarted)"},
        422: {"model": ErrorResponse, "description": "an invalid decision (e.g. 不予公开 without a reason)"},
        503: {
            "model": ErrorResponse,
            "description": "the review record could not be written; nothing was stored",
        },
    },
    summary="record the reviewer's decision on a reviewed document (审查记录)",
)
def create_decision(state: State, body: DecisionIn) -> Any:
    entry = state.cache.get(body.review_id)
    if entry is None:
        return api_error(
            404,
            "not_found",
            "review_not_found",
            "no such review (expired or the server restarted): review the document again",
        )
    known = {f["id"] for f in entry.findings}
    unknown = sorted({r.finding_id for r in body.redactions} - known)
    if unknown:
        return api_error(
            422, "invalid_request", "unknown_finding", f"no finding {', '.join(unknown)} in this review"
        )
    decided = {r.finding_id: r.accepted for r in body.redactions}
    findings = []
    for f in entry.findings:
        state_ = decided.get(f["id"])
        findings.append(
            {**f, "decision": "undecided" if state_ is None else ("accepted" if state_ else "rejected")}
        )
    sug = entry.suggestion
    rec = ReviewDecision(
        record_id=uuid.uuid4().hex,
        decided_at=dt.datetime.now(dt.UTC),
        document_sha256=entry.sha256,
        document_name=entry.name,
        document_format=entry.format,
        document_ref=(body.document_ref or "").strip() or None,
        pages=entry.pages,
        report_status=entry.status,
        suggested_attribute=str(sug.get("attribute")),
        suggested_needs_redaction=bool(sug.get("needs_redaction")),
        suggested_needs_human_review=bool(sug.get("needs_human_review")),
        suggestion_confidence=float(sug.get("confidence") or 0.0),
        declared_attribute=sug.get("declared_attribute"),
        declared_conflict=bool(sug.get("declared_conflict")),
        suggestion_reasons=list(sug.get("reasons") or []),
        findings=findings,
        final_attribute=body.final_attribute,
        reason=body.reason,
        reason_codes=[c.strip() for c in body.reason_codes if c.strip()],
        redactions_accepted=sum(1 for v in decided.values() if v),
        redactions_rejected=sum(1 for v in decided.values() if not v),
        reviewer=body.reviewer,
        gkreview_version=entry.version,
        model_version=entry.model_version,
    )
    try:
        with state.db.transaction() as session:
            session.add(rec)
    except SQLAlchemyError as exc:
        log.error("decision not recorded: %s", type(exc).__name__)
        return api_error(
            503,
            "error",
            "database_error",
            "the decision could not be recorded; nothing was stored, try again",
        )
    log.info(
        "decision recorded record=%s sha256=%s… final=%s",
        rec.record_id,
        rec.document_sha256[:12],
        rec.final_attribute,
    )
    return JSONResponse(to_out(rec).model_dump(mode="json"), status_code=201)


Since = Annotated[dt.date | None, Query(description="decided on or after this day (UTC, YYYY-MM-DD)")]
Until = Annotated[dt.date | None, Query(description="decided on or before this day (UTC, YYYY-MM-DD)")]
Attr = Annotated[AttributeName | None, Query(description="the final attribute")]


def _filtered(
    since: dt.date | None,
    until: dt.date | None,
    attribute: str | None,
    sha256: str | None,
    reviewer: str | None,
) -> Select[Any]:
    q = select(ReviewDecision)
    if since is not None:
        q = q.where(ReviewDecision.decided_at >= dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC))
    if until is not None and until < dt.date.max:  # the last day there is bounds nothing
        q = q.where(
            ReviewDecision.decided_at
            < dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
        )
    if attribute is not None:
        q = q.where(ReviewDecision.final_attribute == attribute)
    if sha256:
        q = q.where(ReviewDecision.document_sha256 == sha256.lower())
    if reviewer:
        q = q.where(ReviewDecision.reviewer == reviewer)
    return q


@router.get("/decisions", responses=AUTH_RESPONSES, summary="the recorded decisions, newest first")
def list_decisions(
    state: State,
    since: Since = None,
    until: Until = None,
    attribute: Attr = None,
    sha256: Annotated[str | None, Query(max_length=64)] = None,
    reviewer: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    q = _filtered(since, until, attribute, sha256, reviewer)
    with state.db.reading() as session:
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        rows = session.scalars(
            q.order_by(ReviewDecision.decided_at.desc(), ReviewDecision.id.desc()).limit(limit).offset(offset)
        ).all()
        items = [to_out(r).model_dump(mode="json") for r in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # no formula injection when the export is opened in a spreadsheet
    return value


@router.get(
    "/decisions.csv",
    responses={**AUTH_RESPONSES, 200: {"content": {"text/csv": {}}}},
    response_class=Response,
    summary="the recorded decisions as CSV: a labels file for `gkreview train --labels` (keyed by sha256)",
)
def export_decisions(
    state: State, since: Since = None, until: Until = None, attribute: Attr = None
) -> Response:
    q = _filtered(since, until, attribute, None, None).order_by(ReviewDecision.decided_at, ReviewDecision.id)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([header for header, _ in CSV_COLUMNS])
    with state.db.reading() as session:
        for rec in session.scalars(q):
            writer.writerow([_cell(getattr(rec, attr)) for _, attr in CSV_COLUMNS])
    return Response(
        buf.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="gkreview-decisions.csv"'},
    )


@router.get(
    "/decisions/{record_id}",
    response_model=DecisionOut,
    responses={**AUTH_RESPONSES, 404: {"model": ErrorResponse}},
    summary="one recorded decision",
)
def get_decision(state: State, record_id: str) -> Any:
    with state.db.reading() as session:
        rec = session.scalar(select(ReviewDecision).where(ReviewDecision.record_id == record_id))
        if rec is None:
            return api_error(404, "not_found", "decision_not_found", f"no decision {record_id[:40]}")
        return to_out(rec)
