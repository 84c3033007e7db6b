"""One home for the Chinese status and severity labels: the enums (gkreview.document / gkreview.finding)."""

from __future__ import annotations

import pytest

import gkreview
from gkreview import Report, Severity, Status
from gkreview.document import STATUS_LABELS_ZH
from gkreview.finding import SEVERITY_ZH
from gkreview.outputs import common
from gkreview.outputs.common import ScanSummary, row_of


def test_every_status_has_its_labels_and_no_extra_row() -> None:
    assert set(STATUS_LABELS_ZH) == {s.value for s in Status}
    for s in Status:
        assert s.label_zh and s.detail_zh
        assert bool(s.reason_zh) is (s is not Status.OK)


def test_every_severity_has_a_label() -> None:
    assert {s.label_zh for s in Severity} == {"高", "中", "低"}
    assert set(SEVERITY_ZH) == {s.value for s in Severity} | {"none"}


def test_outputs_use_the_enum_labels() -> None:
    # a second table in outputs would not be the same object
    assert common.SEVERITY_ZH is SEVERITY_ZH
    assert {s.value: s.label_zh for s in Status} == common.STATUS_ZH


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.OK])
def test_output_summary_and_service_show_the_same_label(status: Status) -> None:
    from service.reviews import error_record

    report = Report.not_reviewed("a.pdf", str(status), str(status), "", sha256="0" * 64, format="pdf")
    assert row_of(report.to_dict())["status"] == status.label_zh
    assert status.detail_zh in gkreview.summary_zh(report)
    import dataclasses

    assert error_record(dataclasses.replace(report, error=None))["message"] == status.detail_zh


def test_engine_explains_a_not_reviewed_file_with_the_status_reason() -> None:
    from gkreview import Document, Reviewer

    doc = Document(path="a.pdf", format="pdf", status=Status.TIMEOUT)
    s = Reviewer(model="none").decider.suggest(doc, [])
    assert Status.TIMEOUT.reason_zh in s.reasons[0].explanation


def test_scan_summary_counts_not_reviewed_files_apart() -> None:
    s = ScanSummary()
    s.add({"path": "a.txt", "status": "ok", "suggestion": {"attribute": "active", "reviewed": True}})
    s.add(
        {"path": "b.pdf", "status": "encrypted", "suggestion": {"attribute": "withheld", "reviewed": False}}
    )
    # status ok but nothing to review (empty text): fail-closed, not a suggestion
    s.add({"path": "c.txt", "status": "ok", "suggestion": {"attribute": "withheld", "reviewed": False}})
    assert s.by_attribute == {"active": 1}
    assert s.not_reviewed == 2
    d = s.to_dict()
    assert d["by_attribute"] == {"active": 1} and d["not_reviewed"] == 2
    assert "建议公开属性：主动公开 1，未能审查 2" in s.format_zh()


@pytest.mark.parametrize("status", [Status.ENCRYPTED, Status.TIMEOUT])
def test_html_shows_the_enum_label_and_counts_the_file_as_not_reviewed(tmp_path, status: Status) -> None:
    from gkreview.batch import ScanResult
    from gkreview.outputs.html import HtmlWriter

    report = Report.not_reviewed("a.pdf", str(status), str(status), "", sha256="0" * 64, format="pdf")
    out = tmp_path / "r.html"
    w = HtmlWriter(out)
    summary = ScanSummary()
    summary.add(report.to_dict())
    w.write(ScanResult(report.to_dict(), {}))
    w.close(summary)
    page = out.read_text(encoding="utf-8")
    assert status.label_zh in page
    assert summary.by_attribute == {} and summary.not_reviewed == 1
