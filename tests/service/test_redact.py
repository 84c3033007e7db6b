"""POST /v1/redact: a redacted copy of the upload (gkreview.redact)."""

from __future__ import annotations

import json

from tests.service.conftest import SYNTHETIC_ID, corpus_text, with_synthetic_id


def test_redacted_copy_masks_the_synthetic_id(client):
    _, text = corpus_text()
    text = with_synthetic_id(text)
    r = client.post("/v1/redact", files={"file": ("通知.txt", text.encode("utf-8"), "text/plain")})
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    assert SYNTHETIC_ID.encode() not in r.content
    assert len(r.content) > len(text) // 2
    assert r.content.decode("utf-8").count("\n") >= text.count("\n") - 1  # the rest of the text is kept
    summary = json.loads(r.headers["x-gkreview-redaction"])
    assert summary["counts"].get("personal_info", 0) >= 1


def test_redact_checks_its_form(client):
    r = client.post(
        "/v1/redact", files={"file": ("a.txt", b"x", "text/plain")}, data={"min_severity": "extreme"}
    )
    assert r.status_code == 422  # validated before the route runs
