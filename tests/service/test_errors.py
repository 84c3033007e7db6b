"""Error paths: 413, 422 for documents that cannot be reviewed (never a 500), time limit, bad requests."""

from __future__ import annotations

import pytest

from gkreview.errors import EncryptedDocumentError
from tests.service.conftest import StubReviewer, corpus_text


def _is_error_record(body, status):
    assert body["status"] == status
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_upload_over_the_limit_is_413_by_content_length(make_client):
    c = make_client(max_upload_bytes=1000)
    r = c.post("/v1/review", files={"file": ("big.txt", "通" * 2000, "text/plain")})
    assert r.status_code == 413
    _is_error_record(r.json(), "too_large")


def test_chunked_upload_over_the_limit_is_413(make_client):
    c = make_client(max_upload_bytes=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 500  # no Content-Length: the limit is enforced while reading

    r = c.post("/v1/review/text", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    _is_error_record(r.json(), "too_large")


def test_upload_under_the_limit_passes(make_client):
    c = make_client(max_upload_bytes=4000)
    r = c.post("/v1/review", files={"file": ("small.txt", "关于印发的通知".encode(), "text/plain")})
    assert r.status_code == 200


@pytest.mark.parametrize(
    "name,data",
    [
        ("junk.bin", bytes(range(256)) * 8),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage \xff\xfe\x00"),
        ("broken.docx", b"PK\x03\x04" + b"\x00\xff" * 200),
    ],
)
def test_unreadable_files_are_422_with_the_error_record(client, name, data):
    r = client.post("/v1/review", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] in {"unreadable", "unsupported", "encrypted", "partial", "needs_ocr"}
    _is_error_record(body, body["status"])
    assert body["report"]["status"] == body["status"]
    assert "review_id" not in body["report"]  # nothing unreviewed can be decided on


@pytest.mark.parametrize("status", ["partial", "needs_ocr"])
def test_partly_read_documents_are_422_fail_closed(make_client, status, check_report):
    c = make_client(reviewer=StubReviewer(status=status))
    _, text = corpus_text()
    r = c.post("/v1/review", files={"file": ("scan.txt", text.encode("utf-8"), "text/plain")})
    assert r.status_code == 422
    body = r.json()
    _is_error_record(body, status)
    assert check_report.problems(body["report"]) == []


def test_library_error_is_422_with_its_status(make_client):
    c = make_client(reviewer=StubReviewer(crash=EncryptedDocumentError("the PDF is encrypted")))
    r = c.post("/v1/review", files={"file": ("e.pdf", b"%PDF-1.7", "application/pdf")})
    assert r.status_code == 422
    body = r.json()
    assert body == {"status": "encrypted", "error": {"code": "encrypted", "message": "the PDF is encrypted"}}


def test_a_bug_in_the_library_is_422_never_500(make_client):
    c = make_client(reviewer=StubReviewer(crash=RuntimeError("boom: secret text 11010519491231002X")))
    r = c.post("/v1/review/text", json={"text": "通知"})
    assert r.status_code == 422
    body = r.json()
    _is_error_record(body, "unreadable")
    assert body["error"]["code"] == "internal_error"
    assert "11010519491231002X" not in r.text  # the exception's message is not passed on


def test_a_slow_review_hits_the_time_limit(make_client):
    c = make_client(reviewer=StubReviewer(delay_s=1.5), request_timeout_s=0.3)
    r = c.post("/v1/review/text", json={"text": "通知"})
    assert r.status_code == 422
    _is_error_record(r.json(), "timeout")


def test_missing_file_field_is_422_invalid_request(client):
    r = client.post("/v1/review", files={"document": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_request"


def test_invalid_text_request_never_echoes_the_text(client):
    r = client.post("/v1/review/text", json={"text": 12345678901234567, "name": "x"})
    assert r.status_code == 422
    assert "12345678901234567" not in r.text
    r = client.post("/v1/review/text", json={"text": ""})
    assert r.status_code == 422
    assert r.json()["status"] == "invalid_request"


def test_wrong_method_is_405(client):
    r = client.get("/v1/review")
    assert r.status_code == 405
