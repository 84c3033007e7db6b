"""The false-alarm report's examples never show another finding's value in their context."""

from __future__ import annotations

from gkreview.detectors import DetectorSet
from gkreview.detectors.evaluation import false_alarms


def test_example_context_hides_neighbouring_findings():
    # synthetic: a valid test ID number right before a mobile number
    text = "申请人身份证号码11010519491231002X，手机13800138000。"
    report = false_alarms(DetectorSet.from_config(), [("synthetic-1", text)], examples=5)
    shown = " ".join(e for ex in report.examples.values() for e in ex)
    assert shown
    assert "1231002X" not in shown  # not even the tail of the ID inside the phone's context
    assert "13800138000" not in shown
