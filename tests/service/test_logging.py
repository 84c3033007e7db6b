"""Logs never contain a document's text or an unmasked value."""

from __future__ import annotations

import logging

from tests.service.conftest import SYNTHETIC_ID, SYNTHETIC_MOBILE, corpus_text, with_synthetic_id


def test_no_document_text_in_the_logs(client, caplog):
    _, text = corpus_text()
    text = with_synthetic_id(text)
    with caplog.at_level(logging.DEBUG):
        r = client.post("/v1/review", files={"file": ("通知.txt", text.encode("utf-8"), "text/plain")})
        assert r.status_code == 200
        client.post("/v1/review/text", json={"text": text, "name": "n.txt"})
        client.post(
            "/v1/decisions",
            json={"review_id": r.json()["review_id"], "final_attribute": "active", "reviewer": "李四"},
        )
        client.post("/v1/review", files={"file": ("bad.bin", b"\xff\xfe" + SYNTHETIC_ID.encode(), "x/y")})
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "reviewed sha256=" in logged  # the service does log, just not content
    assert SYNTHETIC_ID not in logged and SYNTHETIC_MOBILE not in logged
    for line in [ln for ln in text.splitlines() if len(ln) > 30][:10]:
        assert line[5:25] not in logged
