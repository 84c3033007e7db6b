"""The review record: decisions recorded whole, listed, filtered, exported; never the document's text."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import event, func, select

from service.models import ReviewDecision
from tests.service.conftest import SYNTHETIC_ID, corpus_text, with_synthetic_id


def _review(client, text=None, name="通知.txt"):
    if text is None:
        _, text = corpus_text()
        text = with_synthetic_id(text)
    r = client.post("/v1/review", files={"file": (name, text.encode("utf-8"), "text/plain")})
    assert r.status_code == 200, r.text
    return r.json()


def _decide(client, report, **kw):
    body = {"review_id": report["review_id"], "final_attribute": "active", "reviewer": "张三"}
    body.update(kw)
    return client.post("/v1/decisions", json=body)


def test_a_decision_is_recorded_with_the_suggestion_and_never_the_text(client, tmp_path):
    _, text = corpus_text()
    text = with_synthetic_id(text)
    report = _review(client, text)
    fid = next(f["id"] for f in report["findings"] if f["start"] <= text.index(SYNTHETIC_ID) < f["end"])
    r = _decide(
        client,
        report,
        redactions=[{"finding_id": fid, "accepted": True}],
        reason="遮盖身份证号后公开",
        reason_codes=["ART37_SEPARABLE"],
        document_ref="国办发〔2019〕4号",
    )
    assert r.status_code == 201, r.text
    rec = r.json()
    assert rec["document_sha256"] == report["sha256"]
    assert rec["document_name"] == "通知.txt"
    assert rec["suggested_attribute"] == report["suggestion"]["attribute"]
    assert rec["final_attribute"] == "active"
    assert rec["reviewer"] == "张三"
    assert rec["redactions_accepted"] == 1 and rec["redactions_rejected"] == 0
    decided = {f["id"]: f["decision"] for f in rec["findings"]}
    assert decided[fid] == "accepted"
    assert set(decided.values()) <= {"accepted", "rejected", "undecided"}
    assert dt.datetime.fromisoformat(rec["decided_at"]).tzinfo is not None
    # nothing of the document's text is in the database file
    client.app.state.gkreview.db.dispose()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    assert SYNTHETIC_ID.encode() not in raw
    for line in [ln for ln in text.splitlines() if len(ln) > 30][:5]:
        assert line[5:25].encode("utf-8") not in raw


def test_withheld_needs_a_reason(client):
    report = _review(client)
    r = _decide(client, report, final_attribute="withheld", reason="  ")
    assert r.status_code == 422
    assert "reason" in r.json()["error"]["message"]
    r = _decide(client, report, final_attribute="withheld", reason="属于过程性信息（第十六条第二款）")
    assert r.status_code == 201
    assert r.json()["reason"] == "属于过程性信息（第十六条第二款）"


def test_a_reviewer_is_required(client):
    report = _review(client)
    assert _decide(client, report, reviewer="   ").status_code == 422
    assert _decide(client, report, reviewer="").status_code == 422


def test_unknown_review_is_404(client):
    r = client.post(
        "/v1/decisions", json={"review_id": "0" * 32, "final_attribute": "active", "reviewer": "张三"}
    )
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "review_not_found"


def test_unknown_finding_is_422(client):
    report = _review(client)
    r = _decide(client, report, redactions=[{"finding_id": "f999", "accepted": True}])
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_finding"


def test_bad_attribute_is_422(client):
    report = _review(client)
    assert _decide(client, report, final_attribute="public").status_code == 422


def test_list_filters_by_attribute_and_date(client):
    report = _review(client)
    assert _decide(client, report, final_attribute="active").status_code == 201
    assert _decide(client, report, final_attribute="on_request").status_code == 201
    assert _decide(client, report, final_attribute="withheld", reason="涉及第三方商业秘密").status_code == 201
    all_ = client.get("/v1/decisions").json()
    assert all_["total"] == 3
    assert [d["final_attribute"] for d in all_["items"]] == [
        "withheld",
        "on_request",
        "active",
    ]  # newest first
    only = client.get("/v1/decisions", params={"attribute": "on_request"}).json()
    assert only["total"] == 1 and only["items"][0]["final_attribute"] == "on_request"
    today = dt.datetime.now(dt.UTC).date()
    assert client.get("/v1/decisions", params={"since": str(today), "until": str(today)}).json()["total"] == 3
    tomorrow = today + dt.timedelta(days=1)
    assert client.get("/v1/decisions", params={"since": str(tomorrow)}).json()["total"] == 0
    yesterday = today - dt.timedelta(days=1)
    assert client.get("/v1/decisions", params={"until": str(yesterday)}).json()["total"] == 0
    assert client.get("/v1/decisions", params={"sha256": report["sha256"]}).json()["total"] == 3
    page = client.get("/v1/decisions", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["items"][0]["final_attribute"] == "on_request"
    assert client.get("/v1/decisions", params={"attribute": "nonsense"}).status_code == 422
    assert client.get("/v1/decisions", params={"since": "yesterday"}).status_code == 422


def test_csv_export_is_the_training_label_table(client):
    report = _review(client)
    _decide(
        client,
        report,
        final_attribute="withheld",
        reason="=HYPERLINK(1)",
        reason_codes=["ART16_PROCESS_INFO"],
    )
    _decide(client, report, final_attribute="active")
    r = client.get("/v1/decisions.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 2
    assert rows[0]["final_attribute"] == "withheld"  # oldest first
    assert rows[0]["sha256"] == report["sha256"]
    assert rows[0]["name"] == "通知.txt"
    assert rows[0]["reason_codes"] == "ART16_PROCESS_INFO"
    assert rows[0]["reason"] == "'=HYPERLINK(1)"  # no formula injection in a spreadsheet
    only = list(
        csv.DictReader(io.StringIO(client.get("/v1/decisions.csv", params={"attribute": "active"}).text))
    )
    assert [x["final_attribute"] for x in only] == ["active"]


def test_get_one_decision(client):
    report = _review(client)
    rec = _decide(client, report).json()
    r = client.get(f"/v1/decisions/{rec['record_id']}")
    assert r.status_code == 200 and r.json() == rec
    assert client.get("/v1/decisions/" + "f" * 32).status_code == 404


def test_decisions_survive_a_restart(make_client):
    c1 = make_client()
    rec = _decide(c1, _review(c1)).json()
    c1.__exit__(None, None, None)
    c2 = make_client()
    assert [d["record_id"] for d in c2.get("/v1/decisions").json()["items"]] == [rec["record_id"]]


def test_a_crash_mid_write_leaves_no_half_record(client):
    report = _review(client)
    db = client.app.state.gkreview.db

    def crash(session, flush_context):  # the row is inserted, then the request dies before commit
        raise RuntimeError("simulated crash after the INSERT")

    event.listen(db.sessions, "after_flush", crash)
    try:
        r = _decide(client, report)
    finally:
        event.remove(db.sessions, "after_flush", crash)
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal_error"
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReviewDecision)) == 0
    assert _decide(client, report).status_code == 201
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReviewDecision)) == 1


def test_a_database_error_is_503_and_nothing_is_stored(client):
    from sqlalchemy.exc import OperationalError

    report = _review(client)
    db = client.app.state.gkreview.db

    def fail(session, flush_context):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    event.listen(db.sessions, "after_flush", fail)
    try:
        r = _decide(client, report)
    finally:
        event.remove(db.sessions, "after_flush", fail)
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "database_error"
    assert client.get("/v1/decisions").json()["total"] == 0


def test_the_export_is_a_labels_file_for_gkreview_train(client, tmp_path):
    corpus = pytest.importorskip("gkreview.training.corpus")
    first = _review(client, name="a.txt")
    _decide(client, first, final_attribute="on_request")
    _decide(client, first, final_attribute="withheld", reason="第十六条过程性信息")  # the later decision wins
    second = _review(client, text="关于召开会议的通知\n各单位：……", name="b.txt")
    _decide(client, second, final_attribute="active")
    path = tmp_path / "decisions.csv"
    path.write_bytes(client.get("/v1/decisions.csv").content)
    labels = corpus.load_labels(path)
    assert labels[first["sha256"]] == "withheld"
    assert labels[second["sha256"]] == "active"
    assert labels["b.txt"] == "active"
