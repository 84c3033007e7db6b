"""Secondary grounds reach the reviewer's page: the response keeps the flag and the page shows it."""

from __future__ import annotations

from pathlib import Path

# synthetic: a made-up 请示 with a secrecy mark (not real data)
MEMO = "秘密★1年\n关于有关事项的请示\n市政府：\n现将有关事项请示如下。\n妥否，请批示。\n"


def test_review_response_marks_secondary_grounds(client):
    r = client.post("/v1/review/text", json={"text": MEMO, "name": "memo.txt"})
    assert r.status_code == 200
    reasons = r.json()["suggestion"]["reasons"]
    assert reasons[0]["code"] == "ART14_STATE_SECRET" and not reasons[0]["secondary"]
    assert any(x["code"] == "ART16_PROCESS_INFO" and x["secondary"] for x in reasons)


def test_page_script_shows_the_secondary_marker():
    js = (Path(__file__).resolve().parents[2] / "service" / "static" / "app.js").read_text(encoding="utf-8")
    assert "reason.secondary" in js and "另外适用" in js
