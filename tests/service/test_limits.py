"""Bounds against load and slow clients: admission (503), streamed size limit, failed-key limit (429),
private spooled uploads, bounded logs, and — on a real `gkreview serve` — header deadlines and the
connection cap (a slowloris no longer holds connections, and /healthz still answers)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from service.loglimit import RateLimitFilter
from service.middleware import AdmissionMiddleware, BodyLimitMiddleware
from tests.service.conftest import StubReviewer, free_port, wait_http

TEXT = "关于某事项的通知\n各单位：现将有关事项通知如下。\n"  # SYNTHETIC


async def _asgi_call(app, path="/v1/review", body=b"", chunks=1):
    sent: list[dict] = []
    parts = [body[i::chunks] for i in range(chunks)] if chunks > 1 else [body]
    queue = [
        {"type": "http.request", "body": p, "more_body": i < len(parts) - 1} for i, p in enumerate(parts)
    ]

    async def receive():
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "headers": [], "client": ("127.0.0.1", 1)}
    await app(scope, receive, send)
    return sent


def test_admission_answers_503_with_retry_after_when_full_and_admits_again_after():
    release = asyncio.Event()
    entered = asyncio.Event()

    async def slow_app(scope, receive, send):
        entered.set()
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = AdmissionMiddleware(slow_app, limit=1, paths=frozenset({"/v1/review"}))

    async def go():
        first = asyncio.create_task(_asgi_call(app))
        await entered.wait()
        refused = await _asgi_call(app)
        other_path = asyncio.create_task(_asgi_call(app, path="/healthz"))  # not a document route
        release.set()
        await first
        await other_path
        return refused, await _asgi_call(app)

    refused, later = asyncio.run(go())
    assert refused[0]["status"] == 503
    assert (b"retry-after", b"5") in refused[0]["headers"]
    assert later[0]["status"] == 200


def test_a_body_over_the_limit_is_413_and_never_passed_on_whole():
    seen = []

    async def app(scope, receive, send):
        while True:
            m = await receive()
            if m["type"] != "http.request":
                raise RuntimeError("client went away")  # what the multipart parser does
            seen.append(len(m["body"]))
            if not m.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    limit = 1000
    sent = asyncio.run(_asgi_call(BodyLimitMiddleware(app, limit), body=b"x" * 5000, chunks=10))
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [413]
    assert sum(seen) <= limit
    ok = asyncio.run(_asgi_call(BodyLimitMiddleware(app, limit), body=b"x" * 900, chunks=3))
    assert ok[0]["status"] == 200 and sum(seen) <= limit + 900


def test_repeated_wrong_keys_get_429_and_healthz_stays_open(make_client):
    key = "a-made-up-key-for-the-limit-test"
    c = make_client(api_key=key, auth_failures_per_minute=3)
    bad = {"Authorization": "Bearer wrong-key-0123456789"}
    assert [c.get("/v1/detectors", headers=bad).status_code for _ in range(3)] == [401, 401, 401]
    r = c.get("/v1/detectors", headers=bad)
    assert r.status_code == 429 and r.headers["retry-after"] == "60"
    assert c.get("/healthz").status_code == 200


class _SeesTheUpload(StubReviewer):
    """Records how the upload reached the reviewer: a path, its mode and its folder's mode."""

    seen: list[tuple[str, int, int]]

    def review(self, source, *, name=None):
        p = Path(source)
        self.seen.append((str(p), stat.S_IMODE(p.stat().st_mode), stat.S_IMODE(p.parent.stat().st_mode)))
        return super().review(source, name=name)


def test_an_upload_is_a_private_temp_file_deleted_after_the_review(make_client):
    reviewer = _SeesTheUpload()
    reviewer.seen = []
    c = make_client(reviewer=reviewer)
    r = c.post("/v1/review", files={"file": ("a.txt", TEXT.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    assert r.json()["path"] == "a.txt"
    ((path, mode, folder_mode),) = reviewer.seen
    assert mode == 0o600 and folder_mode == 0o700
    assert not os.path.exists(path)


def test_a_flood_of_like_log_lines_is_cut_to_a_bounded_number():
    f = RateLimitFilter(per_window=10, window_s=3600)
    records = [
        logging.LogRecord("uvicorn.error", logging.WARNING, "", 0, "Invalid HTTP request received.", (), None)
    ]
    records *= 10_000
    assert sum(f.filter(r) for r in records) == 10
    other = logging.LogRecord("gkreview.service", logging.INFO, "", 0, "GET %s", ("/healthz",), None)
    assert f.filter(other)  # other messages keep their own budget


@pytest.fixture
def guarded_server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "GKREVIEW_DATA_DIR": str(tmp_path / "data"),
        "GKREVIEW_MAX_CONNECTIONS": "16",
        "GKREVIEW_HEADER_TIMEOUT_S": "2",
        "GKREVIEW_REVIEW_WORKERS": "1",
    }
    env.pop("GKREVIEW_API_KEY", None)
    cmd = [sys.executable, "-m", "gkreview", "serve", "--port", str(port), "--model", "none"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz")
        yield port, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _closed_by_server(s: socket.socket) -> bool:
    try:
        return s.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def test_slowloris_connections_are_closed_and_healthz_still_answers(guarded_server):
    port, base = guarded_server
    socks = []
    try:
        for _ in range(40):  # more than GKREVIEW_MAX_CONNECTIONS, each with unfinished headers
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            s.settimeout(30)  # a guard only: the server closes them at its 2 s header deadline
            socks.append(s)
        assert httpx.get(base + "/healthz", timeout=30).status_code == 200
        assert all(_closed_by_server(s) for s in socks)  # before: uvicorn kept every one open
    finally:
        for s in socks:
            s.close()


def test_large_and_ordinary_requests_are_admitted_apart():
    release = asyncio.Event()

    async def slow_app(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = AdmissionMiddleware(slow_app, limit=1, paths=frozenset({"/v1/review"}), large_bytes=100)

    async def call(length):
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(m):
            sent.append(m)

        headers = [] if length is None else [(b"content-length", str(length).encode())]
        scope = {"type": "http", "method": "POST", "path": "/v1/review", "headers": headers}
        await app(scope, receive, send)
        return sent[0]["status"]

    async def go():
        big = asyncio.create_task(call(10_000))
        await asyncio.sleep(0)
        refused_big = await call(None)  # unknown length counts as large
        small = asyncio.create_task(call(50))  # an ordinary review still gets in
        await asyncio.sleep(0)
        refused_small = await call(50)
        release.set()
        return refused_big, refused_small, await big, await small

    assert asyncio.run(go()) == (503, 503, 200, 200)


def test_ordinary_documents_go_first_and_large_ones_leave_a_worker_free():
    from service.reviews import ProcessRunner

    r = ProcessRunner.__new__(ProcessRunner)  # the scheduling rule only: no worker processes
    r.large_slots, r._large_busy = 1, 0
    r._waiting = [(1, 0), (0, 1), (1, 2)]
    assert r._next_up() == (0, 1)  # an ordinary document first, though it came later
    r._waiting = [(1, 0), (1, 2)]
    assert r._next_up() == (1, 0)
    r._large_busy = 1  # the large slot is taken: large calls wait, the free worker stays for others
    assert r._next_up() is None
    r._waiting = [(1, 0), (0, 3)]
    assert r._next_up() == (0, 3)
