"""POST /v1/review (multipart ``file``), POST /v1/review/text (JSON), POST /v1/redact (a redacted copy).

A document that cannot be reviewed as a whole answers 422 with its status and error record — and
that includes ``partial`` and ``needs_ocr``: part of it was not read, so it was not reviewed (the
CLI's fail-closed stance); ``report`` then carries what was found in the readable part.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import tempfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from gkreview.errors import GkreviewError
from gkreview.report import Report
from service.deps import ServiceState, State
from service.responses import REVIEW_RESPONSES, api_error
from service.reviews import ReviewEntry, ReviewTimeout, error_record, text_view
from service.schemas import ReportOut, TextReviewIn

router = APIRouter(prefix="/v1", tags=["review"])
log = logging.getLogger("gkreview.service")

IncludeText = Annotated[
    bool,
    Query(description="also return `text_view`: the text with flagged spans replaced by their masked value"),
]


def upload_name(filename: str | None) -> str:
    """The file's base name only (a browser may send a full Windows path)."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return (name or "upload")[:500]


async def run_review(state: ServiceState, fn: Any, *args: Any, include_text: bool, **kwargs: Any) -> Any:
    try:
        report: Report = await state.runner.run(fn, *args, **kwargs)
    except ReviewTimeout as exc:
        log.warning("review timed out after %.1fs", state.runner.timeout_s)
        return api_error(422, "timeout", "timeout", f"{exc}; the document was not reviewed")
    except GkreviewError as exc:
        return api_error(422, str(getattr(exc, "status", "unreadable")), exc.code, exc.message)
    except Exception as exc:  # fail closed: a bug is a document not reviewed, never a 500 or a clean result
        log.error("review failed with %s", type(exc).__name__)  # never the message: it may quote the document
        return api_error(
            422, "unreadable", "internal_error", f"gkreview failed on this document ({type(exc).__name__})"
        )
    status = str(report.status)
    log.info(
        "reviewed sha256=%s… format=%s pages=%d status=%s findings=%d suggestion=%s %.0fms",
        report.sha256[:12],
        report.format,
        report.pages,
        status,
        len(report.findings),
        report.suggestion.attribute,
        report.elapsed_ms,
    )
    if status != "ok":
        err = error_record(report)
        return api_error(422, status, err["code"], err["message"], report=report.to_dict())
    entry = ReviewEntry.from_report(report)
    state.cache.add(entry)
    body = report.to_dict()
    body["review_id"] = entry.review_id
    if include_text:
        body["text_view"] = text_view(report, state.settings.max_text_view_chars)
    return JSONResponse(body)


@router.post(
    "/review",
    response_model=ReportOut,
    responses=REVIEW_RESPONSES,
    summary="review one uploaded draft (multipart field `file`)",
)
async def review_file(
    state: State,
    file: Annotated[UploadFile, File(description="the draft: pdf, docx, doc, wps, ofd, txt, …")],
    include_text: IncludeText = False,
) -> Any:
    try:
        data = await file.read()
    finally:
        await file.close()
    return await run_review(
        state, state.reviewer.review, data, name=upload_name(file.filename), include_text=include_text
    )


@router.post("/review/text", response_model=ReportOut, responses=REVIEW_RESPONSES, summary="review a text")
async def review_text(state: State, body: TextReviewIn, include_text: IncludeText = False) -> Any:
    return await run_review(
        state, state.reviewer.review_text, body.text, name=body.name, include_text=include_text
    )


def _redact_function() -> Any:
    try:
        mod = importlib.import_module("gkreview.redact")
    except ModuleNotFoundError as exc:
        if exc.name in ("gkreview.redact",):
            return None
        raise
    fn = getattr(mod, "redact", None)
    return fn if callable(fn) else None


def redact_available() -> bool:
    return _redact_function() is not None


def _redact_bytes(
    state: ServiceState, data: bytes, name: str, min_severity: str, finding_ids: list[str]
) -> Any:
    fn = _redact_function()
    suffix = Path(name).suffix or ".txt"
    with tempfile.TemporaryDirectory(prefix="gkreview-") as tmp:  # mode 0700; removed with its files
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / f"out{suffix}"
        kwargs: dict[str, Any] = {"min_severity": min_severity, "reviewer": state.reviewer}
        params = inspect.signature(fn).parameters
        if finding_ids and "finding_ids" in params:
            kwargs["finding_ids"] = finding_ids
        result = fn(src, out, **kwargs)
        produced = Path(result) if isinstance(result, str | Path) and Path(result).is_file() else out
        return produced.suffix, produced.read_bytes()


@router.post(
    "/redact",
    responses={**REVIEW_RESPONSES, 501: {"description": "this installation has no gkreview.redact"}},
    response_class=Response,
    summary="a copy of the uploaded draft with flagged spans masked (区分处理)",
)
async def redact_file(
    state: State,
    file: Annotated[UploadFile, File(description="the draft to redact")],
    min_severity: Annotated[str, Form(pattern="^(high|medium|low)$")] = "low",
    finding_ids: Annotated[str, Form(description="comma-separated finding ids to mask, when supported")] = "",
) -> Any:
    if not redact_available():
        return api_error(
            501, "unavailable", "redact_unavailable", "this installation cannot redact (no gkreview.redact)"
        )
    try:
        data = await file.read()
    finally:
        await file.close()
    name = upload_name(file.filename)
    ids = [x.strip() for x in finding_ids.split(",") if x.strip()]
    try:
        suffix, out = await state.runner.run(_redact_bytes, state, data, name, min_severity, ids)
    except ReviewTimeout as exc:
        return api_error(422, "timeout", "timeout", str(exc))
    except GkreviewError as exc:
        return api_error(422, str(getattr(exc, "status", "unreadable")), exc.code, exc.message)
    except Exception as exc:
        log.error("redaction failed with %s", type(exc).__name__)
        return api_error(
            422,
            "unreadable",
            "internal_error",
            f"gkreview could not redact this document ({type(exc).__name__})",
        )
    stem = Path(name).stem or "document"
    download = f"{stem}.redacted{suffix}"
    from urllib.parse import quote

    return Response(
        out,
        media_type="application/octet-stream",
        headers={
            "content-disposition": f"attachment; filename=\"redacted{suffix}\"; filename*=UTF-8''{quote(download)}"
        },
    )
