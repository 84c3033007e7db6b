"""Inputs that used to answer 500 with a traceback, leak a server path or keep a value raw (issue 10)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.service.conftest import SYNTHETIC_ID, SYNTHETIC_MOBILE

TEXT = "关于某事项的通知\n联系人手机" + SYNTHETIC_MOBILE + "\n"  # SYNTHETIC


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/v1/decisions?offset=99999999999999999999", 422),  # was OverflowError → 500
        ("/v1/decisions?until=9999-12-31", 200),  # was date out of range → 500
        ("/v1/decisions.csv?until=9999-12-31", 200),
        ("/v1/decisions?since=0001-01-01&until=9999-12-31", 200),
    ],
)
def test_extreme_query_values_never_answer_500(client, url, status):
    r = client.get(url)
    assert r.status_code == status, r.text
    if status == 422:
        assert r.json()["error"]["code"] == "invalid_request"


def test_the_last_day_still_finds_the_decisions(client):
    r = client.post("/v1/review", files={"file": ("a.txt", TEXT.encode(), "text/plain")})
    decided = client.post(
        "/v1/decisions",
        json={"review_id": r.json()["review_id"], "final_attribute": "active", "reviewer": "x"},
    )
    assert decided.status_code == 201
    assert client.get("/v1/decisions?until=9999-12-31").json()["total"] == 1
    assert len(client.get("/v1/decisions.csv?until=9999-12-31").text.strip().splitlines()) == 2


@pytest.mark.parametrize("name", ["x.终稿", 'x.a"b', "报告.txt", 'a";b.txt', "x." + "a" * 300])
def test_redact_answers_any_upload_name_with_a_safe_content_disposition(client, name):
    r = client.post("/v1/redact", files={"file": (name, TEXT.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    cd = r.headers["content-disposition"]
    cd.encode("ascii")  # a header value must be ASCII
    ascii_name = cd.split('filename="', 1)[1].split('"', 1)[0]
    assert ascii_name == "redacted.txt"
    utf8 = unquote(cd.split("filename*=UTF-8''", 1)[1])
    assert utf8.endswith(".redacted.txt")
    assert SYNTHETIC_MOBILE not in r.text


def test_a_redaction_error_never_shows_the_servers_temp_folder(client):
    r = client.post("/v1/redact", files={"file": ("x.pdf", b"%PDF-1.4 broken", "application/pdf")})
    assert r.status_code == 422
    assert "/tmp" not in r.text and "gkreview-" not in r.text


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"garbage", "multipart/form-data; boundary=zz"),
        (b'--zz\r\nContent-Disposition: form-data; name="file"\r\n', "multipart/form-data; boundary=zz"),
        (b"--zz--", "multipart/form-data"),
    ],
)
def test_an_unparsable_body_is_422_invalid_request_as_the_readme_says(client, body, ctype):
    r = client.post("/v1/review", content=body, headers={"content-type": ctype})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "invalid_request"


def test_a_file_name_carrying_an_id_or_phone_is_masked_in_the_record_and_the_csv(client):
    name = f"张三{SYNTHETIC_ID}手机{SYNTHETIC_MOBILE}.txt"
    r = client.post("/v1/review", files={"file": (name, TEXT.encode(), "text/plain")})
    assert r.status_code == 200
    decided = client.post(
        "/v1/decisions",
        json={"review_id": r.json()["review_id"], "final_attribute": "active", "reviewer": "x"},
    )
    assert decided.status_code == 201
    for answer in (decided.text, client.get("/v1/decisions").text, client.get("/v1/decisions.csv").text):
        assert SYNTHETIC_ID not in answer and SYNTHETIC_MOBILE not in answer
    kept = decided.json()["document_name"]
    assert kept.startswith("张三") and kept.endswith(".txt") and "*" in kept


def test_a_plain_file_name_is_kept_as_it_is(client):
    r = client.post("/v1/review", files={"file": ("2024年工作要点.txt", TEXT.encode(), "text/plain")})
    decided = client.post(
        "/v1/decisions",
        json={"review_id": r.json()["review_id"], "final_attribute": "active", "reviewer": "x"},
    )
    assert decided.json()["document_name"] == "2024年工作要点.txt"
