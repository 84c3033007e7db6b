"""The FastAPI application: ``create_app(settings)``. The database and the review workers (each with
one Reviewer) are set up once, at start-up.

uvicorn --factory service.app:create_app     (settings from GKREVIEW_* environment variables)
gkreview serve                               (the same, with command-line overrides)
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from gkreview._version import __version__
from service import loglimit
from service.db import Database
from service.deps import ServiceState
from service.middleware import (
    AdmissionMiddleware,
    ApiKeyMiddleware,
    BodyLimitMiddleware,
    LoopbackHostMiddleware,
    RequestLogMiddleware,
)
from service.responses import api_error
from service.reviews import NameMasker, ProcessRunner, ReviewCache, Runner, ThreadRunner
from service.routers import decisions, meta, page, review
from service.settings import Settings

__all__ = ["create_app"]

log = logging.getLogger("gkreview.service")
STATIC = Path(__file__).resolve().parent / "static"
ADMITTED = frozenset({"/v1/review", "/v1/review/text", "/v1/redact"})  # the routes that take documents
MALFORMED = "the request body could not be parsed (a multipart form with the field `file`, or JSON, expected)"

DESCRIPTION = """
gkreview 预审服务：上传公文草稿，得到建议的公开属性（含法律依据）和负面清单提示，由审查人决定并记录（审查记录）。

* `POST /v1/review` — multipart upload (field `file`) → the report object of gkreview's CLI contract
* `POST /v1/review/text` — JSON `{"text", "name"}` → the same
* `POST /v1/decisions` — the reviewer's decision on a review (`review_id`); `GET /v1/decisions`, `GET /v1/decisions.csv`
* With `GKREVIEW_API_KEY` set every route but `/healthz` needs `Authorization: Bearer <key>`.

An upload is kept only for the request, in a private temp file (mode 0600) deleted after the answer; the
review record keeps the document's sha256 and its name (values in the name masked), never its text.
A busy service answers 503 with `Retry-After`.
"""


def _offline_docs(app: FastAPI) -> None:
    """The OpenAPI page with Swagger UI from the swagger-ui-bundle package (no external assets)."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # pragma: no cover - the service extra installs it
        swagger_ui_path = None
    if swagger_ui_path is not None:
        app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")

    @app.get("/docs", include_in_schema=False)
    async def _docs() -> HTMLResponse:
        if swagger_ui_path is None:
            return HTMLResponse("<p>API 文档需要 swagger-ui-bundle；机器可读的接口说明见 /openapi.json</p>")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="gkreview API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="data:,",
        )


def _runner(settings: Settings, reviewer: Any) -> Runner:
    if reviewer is not None:
        return ThreadRunner(reviewer, settings.review_workers, settings.request_timeout_s)
    return ProcessRunner(
        settings.worker_options(),
        settings.review_workers,
        settings.request_timeout_s,
        memory_mb=settings.worker_memory_mb,
        max_calls=settings.max_pending
        + settings.max_large_pending
        + 4,  # every admitted request, and describe()
    )


def _name_detectors(settings: Settings, reviewer: Any) -> Any:
    """The detectors that mask personal values in document names."""
    from gkreview import Reviewer

    if isinstance(reviewer, Reviewer):
        return reviewer.detectors
    # the rules only (no model), as the workers configure them
    return Reviewer(**{**settings.reviewer_kwargs(), "model": None}).detectors


def _lifespan(settings: Settings, reviewer: Any) -> Callable[[FastAPI], Any]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.sqlalchemy_url)
        upload_dir = Path(tempfile.mkdtemp(prefix="gkreview-uploads-"))  # mode 0700
        runner = _runner(settings, reviewer)
        try:
            if isinstance(runner, ProcessRunner):
                await runner.warm()
            info = await runner.describe()
            app.state.gkreview = ServiceState(
                settings=settings,
                db=db,
                runner=runner,
                cache=ReviewCache(settings.review_cache_size),
                info=info,
                mask_name=NameMasker(_name_detectors(settings, reviewer)),
                upload_dir=upload_dir,
            )
            log.info(
                "gkreview service %s ready (auth %s, %d review %s)",
                __version__,
                "on" if settings.key else "off",
                settings.review_workers,
                "threads" if isinstance(runner, ThreadRunner) else "processes",
            )
            yield
        finally:
            runner.shutdown()
            db.dispose()
            shutil.rmtree(upload_dir, ignore_errors=True)

    return lifespan


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Any:
        # never echo the input back: it may be the document's text
        problems = [
            {
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors()
        ]
        message = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems)
        body = {
            "status": "invalid_request",
            "error": {"code": "invalid_request", "message": message},
            "detail": problems,
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 400:
            # a body that cannot be parsed (bad multipart, bad form) is a malformed request: 422 as promised
            return api_error(422, "invalid_request", "invalid_request", MALFORMED)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return api_error(exc.status_code, code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(_request: Request, exc: Exception) -> Any:
        log.error("unhandled %s", type(exc).__name__)
        return api_error(500, "error", "internal_error", "internal error; nothing was recorded")


def _middleware(app: FastAPI, settings: Settings) -> None:
    # added last = outermost: log → host check (no key) → key → admission → body limit → app
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes)
    app.add_middleware(
        AdmissionMiddleware,
        limit=settings.max_pending,
        large_limit=settings.max_large_pending,
        paths=ADMITTED,
    )
    app.add_middleware(
        ApiKeyMiddleware, key=settings.key, failures_per_minute=settings.auth_failures_per_minute
    )
    if settings.key is None:
        allowed = frozenset({"localhost", "127.0.0.1", "::1", settings.host.lower(), *settings.allowed_hosts})
        app.add_middleware(LoopbackHostMiddleware, allowed=allowed)
    app.add_middleware(RequestLogMiddleware)


def create_app(settings: Settings | None = None, *, reviewer: Any = None) -> FastAPI:
    """The app. Reviews run in worker processes, each with one Reviewer built at start-up; a given
    ``reviewer`` object (tests, embedding) runs in threads of this process instead."""
    settings = settings or Settings()
    loglimit.install()
    app = FastAPI(
        title="gkreview",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan(settings, reviewer),
        docs_url=None,  # served below from local assets: no CDN, the service must work offline
        redoc_url=None,
    )
    _offline_docs(app)
    app.include_router(meta.router)
    app.include_router(review.router)
    app.include_router(decisions.router)
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _error_handlers(app)
    _middleware(app, settings)
    return app
