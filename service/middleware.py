"""ASGI middleware: API-key check, request-body size limit, and a request log without content.

Pure ASGI (not BaseHTTPMiddleware) so that a too-large body is refused before it is read in full
and an unauthenticated request never reaches a route (the OpenAPI page and static files included).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import json
import logging
import time
from collections import deque
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "AdmissionMiddleware",
    "ApiKeyMiddleware",
    "BodyLimitMiddleware",
    "LoopbackHostMiddleware",
    "RequestLogMiddleware",
    "send_json",
]

log = logging.getLogger("gkreview.service")

PUBLIC_PATHS = frozenset({"/healthz"})
# paths a browser opens directly: challenge with Basic so the browser asks for the key once
BROWSER_PATHS = ("/", "/static/", "/docs", "/redoc", "/openapi.json")


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(raw)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": raw})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for k, v in scope.get("headers") or ():
        if k == name:
            return bytes(v)
    return None


def key_matches(authorization: bytes | None, key: str) -> bool:
    """``Bearer KEY``, or ``Basic base64(any-user:KEY)`` (what a browser sends after the page's prompt)."""
    if not authorization:
        return False
    scheme, _, value = authorization.decode("latin-1").partition(" ")
    value = value.strip()
    expected = key.encode("utf-8")
    if scheme.lower() == "bearer":
        return hmac.compare_digest(value.encode("latin-1"), expected)
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        _, sep, password = decoded.partition(b":")
        return bool(sep) and hmac.compare_digest(password, expected)
    return False


class FailureCounter:
    """Failed attempts per client address in a sliding window (bounded memory: ``max_clients``)."""

    def __init__(self, limit: int, window_s: float, max_clients: int = 10_000) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_clients = max_clients
        self._times: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float] | None:
        times = self._times.get(client)
        if times is not None:
            while times and now - times[0] > self.window_s:
                times.popleft()
            if not times:
                del self._times[client]
                return None
        return times

    def over(self, client: str) -> bool:
        times = self._recent(client, time.monotonic())
        return times is not None and len(times) >= self.limit

    def add(self, client: str) -> None:
        now = time.monotonic()
        times = self._recent(client, now)
        if times is None:
            if len(self._times) >= self.max_clients:
                self._times.pop(next(iter(self._times)))  # the oldest client goes
            times = self._times[client] = deque(maxlen=self.limit)
        times.append(now)


class ApiKeyMiddleware:
    """With a key configured, every path but /healthz needs ``Authorization: Bearer KEY`` (else 401)."""

    def __init__(self, app: ASGIApp, key: str | None, failures_per_minute: int = 30) -> None:
        self.app = app
        self.key = key
        self.failures = FailureCounter(failures_per_minute, 60.0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.key is None or scope["path"] in PUBLIC_PATHS:
            await self.app(scope, receive, send)
            return
        client = str((scope.get("client") or ("", 0))[0])
        if self.failures.over(client):
            await send_json(
                send,
                429,
                {
                    "status": "rate_limited",
                    "error": {"code": "rate_limited", "message": "too many failed attempts: wait a minute"},
                },
                [(b"retry-after", b"60"), (b"connection", b"close")],
            )
            return
        if key_matches(_header(scope, b"authorization"), self.key):
            await self.app(scope, receive, send)
            return
        self.failures.add(client)
        path = scope["path"]
        browser = path == "/" or any(path.startswith(p) for p in BROWSER_PATHS[1:])
        challenge = b'Basic realm="gkreview", charset="UTF-8"' if browser else b'Bearer realm="gkreview"'
        await send_json(
            send,
            401,
            {
                "status": "unauthorized",
                "error": {
                    "code": "unauthorized",
                    "message": "missing or wrong API key: send the header 'Authorization: Bearer <key>'",
                },
            },
            [(b"www-authenticate", challenge)],
        )


def _is_loopback_ip(value: str) -> bool:
    try:
        return ipaddress.ip_address(value).is_loopback
    except ValueError:
        return False


def host_name(value: bytes | None) -> str:
    """The host of a Host header, without its port ('[::1]:8000' -> '::1')."""
    host = (value or b"").decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class LoopbackHostMiddleware:
    """Without an API key the service is for this machine only: the peer must be a loopback address
    and the request must name a loopback host.

    The first holds even when the server was started some other way on a public address (uvicorn
    --factory --host 0.0.0.0); the second stops DNS rebinding — a web page in the reviewer's browser
    reaching the key-less service on 127.0.0.1 through a name of its own.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client") or ("", 0)
        if scope["type"] != "http" or (
            _is_loopback_ip(str(client[0])) and host_name(_header(scope, b"host")) in self.allowed
        ):
            await self.app(scope, receive, send)
            return
        await send_json(
            send,
            400,
            {
                "status": "invalid_request",
                "error": {
                    "code": "bad_host",
                    "message": "without an API key this service answers only on this machine "
                    "(localhost / 127.0.0.1 / [::1]); set GKREVIEW_API_KEY to serve others",
                },
            },
        )


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413, by Content-Length or while reading.

    The body streams through to the app (the multipart parser spools a file part over 1 MiB to an
    anonymous temp file): it is never held whole in memory here. When the count passes the limit the
    app sees a disconnect, its answer is dropped and the client gets 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _too_large(self, send: Send) -> None:
        await send_json(
            send,
            413,
            {
                "status": "too_large",
                "error": {
                    "code": "too_large",
                    "message": f"request body over the limit of {self.max_bytes} bytes (GKREVIEW_MAX_UPLOAD_BYTES)",
                },
            },
            [(b"connection", b"close")],
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared > self.max_bytes:
                await self._too_large(send)
                return
        total = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal total, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > self.max_bytes:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the app's answer to a body cut short: replaced by 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await self._too_large(send)


class AdmissionMiddleware:
    """At most ``limit`` ordinary and ``large_limit`` large review/redact requests at once — uploading,
    waiting for a worker, or being reviewed; the next get 503 with Retry-After before a byte of their
    body is read. Bounds the server's memory and disk for uploads and the queue in front of the review
    workers; counting large bodies (over ``large_bytes`` by Content-Length, or of unknown length)
    apart keeps a flood of big uploads from refusing an ordinary review."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        paths: frozenset[str],
        retry_after_s: int = 5,
        large_bytes: int = 1024 * 1024,
        large_limit: int | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.limits = {False: limit, True: limit if large_limit is None else large_limit}
        self.paths = paths
        self.retry_after = str(retry_after_s).encode()
        self.large_bytes = large_bytes
        self.inflight = {True: 0, False: 0}

    def _large(self, scope: Scope) -> bool:
        length = _header(scope, b"content-length")
        try:
            return length is None or int(length) > self.large_bytes
        except ValueError:
            return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        large = self._large(scope)
        if self.inflight[large] >= self.limits[large]:
            await send_json(
                send,
                503,
                {
                    "status": "busy",
                    "error": {
                        "code": "busy",
                        "message": "the service is busy (as many documents in hand as it takes): try again shortly",
                    },
                },
                [(b"retry-after", self.retry_after), (b"connection", b"close")],
            )
            return
        self.inflight[large] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.inflight[large] -= 1


class RequestLogMiddleware:
    """One log line per request: method, path (no query), status, time. Never a body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            # refusals get their own message so that a flood of them is rate-limited apart (loglimit.py)
            template = "%s %s %d %.1fms" if status < 400 else "failed %s %s %d %.1fms"
            log.info(template, scope["method"], scope["path"], status, (time.perf_counter() - t0) * 1000)
