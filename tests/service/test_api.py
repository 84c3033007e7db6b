"""Every route through FastAPI's TestClient: the happy paths and the contract's shapes."""

from __future__ import annotations

import hashlib

import pytest

from tests.service.conftest import SYNTHETIC_ID, corpus_text, with_synthetic_id


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_review_upload_returns_a_contract_report(client, check_report):
    title, text = corpus_text()
    data = text.encode("utf-8")
    r = client.post("/v1/review", files={"file": (f"{title}.txt", data, "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert check_report.problems(body) == []
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["path"] == f"{title}.txt"
    assert body["status"] == "ok"
    assert len(body["review_id"]) == 32
    assert "text_view" not in body  # only on request


def test_review_upload_keeps_only_the_base_name(client):
    r = client.post("/v1/review", files={"file": ("C:\\Users\\me\\草稿.txt", "通知".encode(), "text/plain")})
    assert r.status_code == 200
    assert r.json()["path"] == "草稿.txt"


def test_review_text_returns_the_same_report_as_upload(client, check_report):
    _, text = corpus_text()
    by_text = client.post("/v1/review/text", json={"text": text, "name": "a.txt"})
    by_file = client.post("/v1/review", files={"file": ("a.txt", text.encode("utf-8"), "text/plain")})
    assert by_text.status_code == by_file.status_code == 200
    a, b = by_text.json(), by_file.json()
    assert check_report.problems(a) == []
    assert a["sha256"] == b["sha256"]
    assert a["suggestion"]["attribute"] == b["suggestion"]["attribute"]
    assert [f["start"] for f in a["findings"]] == [f["start"] for f in b["findings"]]


def test_text_view_masks_flagged_spans(client):
    _, text = corpus_text()
    text = with_synthetic_id(text)
    r = client.post("/v1/review/text", params={"include_text": "true"}, json={"text": text, "name": "x.txt"})
    assert r.status_code == 200
    body = r.json()
    view = body["text_view"]
    rendered = "".join(seg.get("text", seg.get("masked", "")) for seg in view["segments"])
    assert SYNTHETIC_ID not in rendered  # the value itself never comes back
    flagged = [seg for seg in view["segments"] if "masked" in seg]
    assert flagged, "the synthetic ID number must be flagged"
    ids = {f["id"] for f in body["findings"]}
    assert all(set(seg["finding_ids"]) <= ids for seg in flagged)
    # the plain segments are the text around the flagged spans, in order
    plain_len = sum(len(seg["text"]) for seg in view["segments"] if "text" in seg)
    assert plain_len + sum(seg["end"] - seg["start"] for seg in flagged) == len(text)
    assert not view["truncated"]


def test_text_view_is_cut_at_the_limit(make_client):
    c = make_client(max_text_view_chars=100)
    _, text = corpus_text()
    r = c.post("/v1/review/text", params={"include_text": "true"}, json={"text": text})
    view = r.json()["text_view"]
    assert view["truncated"] is True
    assert sum(len(s.get("text", "")) for s in view["segments"]) <= 100


def test_detectors_lists_the_configured_detectors(client):
    r = client.get("/v1/detectors")
    assert r.status_code == 200
    items = r.json()
    assert isinstance(items, list)
    assert all(isinstance(d["name"], str) and d["name"] for d in items)


def test_model_route_reports_a_card_or_says_none(client):
    r = client.get("/v1/model")
    assert r.status_code == 200
    body = r.json()
    assert isinstance(body["loaded"], bool)
    assert body["gkreview_version"]
    if body["loaded"]:
        assert isinstance(body["labels"], list)
        assert isinstance(body["metrics"], dict)


def test_model_route_reads_a_model_card(make_client):
    class R:  # the service asks a reviewer only for Reviewer.describe()
        def describe(self):
            card = {
                "version": "2026.11-test",
                "labels": ["active", "on_request", "withheld"],
                "metrics": {"f1": 0.9},
            }
            return {"detectors": [], "model_card": card}

    c = make_client(reviewer=R())
    body = c.get("/v1/model").json()
    assert body["loaded"] is True
    assert body["version"] == "2026.11-test"
    assert body["labels"] == ["active", "on_request", "withheld"]
    assert body["metrics"] == {"f1": 0.9}


def test_openapi_page_has_examples(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    for path in (
        "/v1/review",
        "/v1/review/text",
        "/v1/decisions",
        "/v1/decisions.csv",
        "/healthz",
        "/v1/model",
    ):
        assert path in spec["paths"]
    assert "TextReviewIn" in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["TextReviewIn"].get("examples")
    assert client.get("/docs").status_code == 200


def test_the_page_is_chinese_and_self_contained(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert 'lang="zh-CN"' in html and "公文公开属性预审" in html
    assert "http://" not in html and "https://" not in html
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/app.css"):
        a = client.get(asset)
        assert a.status_code == 200
        assert "http://" not in a.text and "https://" not in a.text


def test_unknown_route_is_a_json_404(client):
    r = client.get("/v1/nothing")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_model_route_with_the_shipped_model(make_client):
    from gkreview.decide.model import default_model_dir
    from gkreview.review import Reviewer

    if default_model_dir() is None:
        pytest.skip("no default model installed")
    body = make_client(reviewer=Reviewer()).get("/v1/model").json()
    assert body["loaded"] is True
    assert set(body["labels"]) == {"active", "on_request", "withheld"}
    assert body["metrics"]
    assert body["version"]


@pytest.mark.parametrize("sample", ["notice.pdf", "notice.docx", "memo.txt"])
def test_the_contract_samples_through_the_service(client, samples_dir, check_report, sample):
    data = (samples_dir / sample).read_bytes()
    r = client.post("/v1/review", files={"file": (sample, data, "application/octet-stream")})
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    assert check_report.problems(body) == []
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
