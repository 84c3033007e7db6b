"""The real server: `gkreview serve` (uvicorn) on 127.0.0.1, spoken to over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.service.conftest import corpus_text, free_port, wait_http, with_synthetic_id

KEY = "server-test-key-7f3a9c"  # made up for the test
LIMIT = 512 * 1024  # small, so that the refused body still fits the socket buffers (no reset race)


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "GKREVIEW_API_KEY": KEY,
        "GKREVIEW_DATA_DIR": str(tmp_path / "data"),
        "GKREVIEW_MAX_UPLOAD_BYTES": str(LIMIT),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gkreview",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--model",
            "none",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz")
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def stsong_pdf(tmp_path, text):
    """A text PDF of ``text`` in reportlab's built-in, not embedded, STSong-Light (scripts/render.py)."""
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("gk_render", ROOT / "scripts" / "render.py")
    if spec is None or spec.loader is None:
        pytest.skip("scripts/render.py is missing")
    render = importlib.util.module_from_spec(spec)
    sys.modules["gk_render"] = render
    spec.loader.exec_module(render)
    out = tmp_path / "draft.pdf"
    render.write_pdf(text, out, font="STSong-Light")
    return out.read_bytes()


def test_real_server_over_http(server, tmp_path):
    base, proc = server
    h = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=base, timeout=60) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/v1/decisions").status_code == 401
        _, text = corpus_text()
        text = with_synthetic_id(text)
        r = c.post("/v1/review", files={"file": ("通知.txt", text.encode("utf-8"), "text/plain")}, headers=h)
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["status"] == "ok"
        d = c.post(
            "/v1/decisions",
            json={"review_id": report["review_id"], "final_attribute": "on_request", "reviewer": "王五"},
            headers=h,
        )
        assert d.status_code == 201, d.text
        listed = c.get("/v1/decisions", headers=h).json()
        assert [x["record_id"] for x in listed["items"]] == [d.json()["record_id"]]
        # concurrent PDF uploads. pdfium is not thread-safe: several threads reading PDFs whose CJK font is
        # not embedded (STSong-Light) crash the process; the service reviews in worker processes.
        pdf = stsong_pdf(tmp_path, text)

        def post(_i):
            with httpx.Client(base_url=base, timeout=120) as cc:
                return cc.post(
                    "/v1/review", files={"file": ("notice.pdf", pdf, "application/pdf")}, headers=h
                )

        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(post, range(8)))
        assert [a.status_code for a in answers] == [200] * 8, [a.text[:200] for a in answers]
        assert len({a.json()["sha256"] for a in answers}) == 1
        assert c.get("/healthz").status_code == 200
        big = c.post("/v1/review", files={"file": ("big.txt", b"x" * (LIMIT + 1024))}, headers=h)
        assert big.status_code == 413
    proc.terminate()
    out = proc.communicate(timeout=15)[0].decode("utf-8", "replace")
    assert "Uvicorn running on http://127.0.0.1" in out
    assert "POST /v1/review 200" in out  # the service's own request log
    assert "王某某" not in out  # nor any text of the document
    assert (tmp_path / "data" / "reviews.sqlite3").exists()
