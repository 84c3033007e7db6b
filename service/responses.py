"""Error answers of the API: ``{"status", "error": {"code", "message"}}`` (CLI.md, the service section)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from service.schemas import ErrorResponse

__all__ = ["AUTH_RESPONSES", "REVIEW_RESPONSES", "api_error"]


def api_error(
    http_status: int, status: str, code: str, message: str, *, report: dict[str, Any] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "error": {"code": code, "message": message}}
    if report is not None:
        body["report"] = report
    return JSONResponse(body, status_code=http_status)


AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "missing or wrong API key (when GKREVIEW_API_KEY is set)"},
}
REVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    413: {"model": ErrorResponse, "description": "the request body is over GKREVIEW_MAX_UPLOAD_BYTES"},
    422: {
        "model": ErrorResponse,
        "description": "the document cannot be reviewed as a whole (unsupported, broken, encrypted, partial, "
        "needs OCR, timeout); `report` holds what could be read, if anything",
    },
}
