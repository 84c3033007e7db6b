"""POST /v1/review (multipart ``file``), POST /v1/review/text (JSON), POST /v1/redact (a redacted copy).

A document that cannot be reviewed as a whole answers 422 with its status and error record — and
that includes ``partial`` and ``needs_ocr``: part of it was not read, so it was not reviewed (the
CLI's fail-closed stance); ``report`` then carries what was found in the readable part.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from gkreview import Report
from gkreview.errors import GkreviewError
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


def _failure(exc: BaseException, timeout_s: float) -> JSONResponse:
    """The 422 answer for a review (or redaction) that did not produce a result."""
    if isinstance(exc, ReviewTimeout):
        log.warning("review timed out after %.1fs", timeout_s)
        return api_error(422, exc.status, exc.code, f"{exc.message}; the document was not reviewed")
    if isinstance(exc, GkreviewError):  # the library's errors, and WorkerCrashed
        return api_error(422, str(getattr(exc, "status", "unreadable")), exc.code, exc.message)
    # fail closed: a bug is a document not reviewed, never a 500 and never a clean result
    kind = str(getattr(exc, "type_name", type(exc).__name__))  # a worker's failure carries its type
    log.error("review failed with %s", kind)  # never the message: it may quote the document
    return api_error(422, "unreadable", "internal_error", f"gkreview failed on this document ({kind})")


async def run_review(state: ServiceState, call: Awaitable[Report], *, include_text: bool) -> Any:
    try:
        report = await call
    except Exception as exc:
        return _failure(exc, state.runner.timeout_s)
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
    entry = ReviewEntry.from_report(report, name=state.mask_name(report.path))
    state.cache.add(entry)
    body = report.to_dict()
    body["review_id"] = entry.review_id
    if include_text:
        body["text_view"] = text_view(report, state.settings.max_text_view_chars)
    return JSONResponse(body)


def _copy_to(folder: Path, upload: BinaryIO) -> Path:
    fd, name = tempfile.mkstemp(dir=folder, prefix="upload-")  # mode 0600, in the server's 0700 folder
    try:
        with os.fdopen(fd, "wb") as out:
            upload.seek(0)
            shutil.copyfileobj(upload, out, 1 << 20)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


@asynccontextmanager
async def spooled(state: ServiceState, file: UploadFile) -> AsyncIterator[Path]:
    """The upload as a private temp file (0600), deleted when the block ends: the worker reads it from
    disk, so a document is never held whole in the server's memory nor copied through the pipe."""
    try:
        path = await run_in_threadpool(_copy_to, state.upload_dir, file.file)
    finally:
        await file.close()  # Starlette's own spool (anonymous) goes with it
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


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
    async with spooled(state, file) as path:
        return await run_review(
            state,
            state.runner.review(str(path), upload_name(file.filename), include_text),
            include_text=include_text,
        )


@router.post("/review/text", response_model=ReportOut, responses=REVIEW_RESPONSES, summary="review a text")
async def review_text(state: State, body: TextReviewIn, include_text: IncludeText = False) -> Any:
    return await run_review(
        state, state.runner.review_text(body.text, body.name, include_text), include_text=include_text
    )


@router.post(
    "/redact",
    responses=REVIEW_RESPONSES,
    response_class=Response,
    summary="a copy of the uploaded draft with flagged spans masked (区分处理)",
)
async def redact_file(
    state: State,
    file: Annotated[UploadFile, File(description="the draft to redact")],
    min_severity: Annotated[
        str, Form(pattern="^(high|medium|low)$", description="mask findings at or above this severity")
    ] = "medium",
    finding_ids: Annotated[str, Form(description="comma-separated finding ids to mask, when supported")] = "",
) -> Any:
    name = upload_name(file.filename)
    ids = [x.strip() for x in finding_ids.split(",") if x.strip()]
    async with spooled(state, file) as path:
        try:
            suffix, out, summary = await state.runner.redact(str(path), name, min_severity, ids)
        except Exception as exc:
            return _failure(exc, state.runner.timeout_s)
    download = f"{Path(name).stem or 'document'}.redacted{suffix}"
    return Response(
        out,
        media_type="application/octet-stream",
        headers={
            # an ASCII name for old clients, the upload's own (UTF-8, RFC 5987) for the others
            "content-disposition": f'attachment; filename="redacted{suffix}"; '
            f"filename*=UTF-8''{quote(download, safe='')}",
            # what was masked (categories and counts) and the library's notes; never a value
            "x-gkreview-redaction": json.dumps(summary, ensure_ascii=True),
        },
    )
