"""One home of masking: gkreview.masking. Every path that shows document text uses it (SYNTHETIC values)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import gkreview
from gkreview import masking
from gkreview.document import Document, Status
from gkreview.finding import Finding
from gkreview.report import Report

ROOT = Path(__file__).resolve().parents[1]

# Per-kind maskers that stay with their detector or reader (each masks one kind of value its own way,
# built from masking's primitives where it can); anything else named mask*/hide* outside
# gkreview/masking.py is a second masking implementation coming back.
KIND_MASKERS = {
    "src/gkreview/report.py": {"hide", "masked_segments"},  # thin methods over masking
    "src/gkreview/readers/pdf.py": {"mask_name"},
    "src/gkreview/detectors/evaluation.py": {"_masked_before"},
    "src/gkreview/detectors/contact.py": {"_mask_phone"},
    "src/gkreview/detectors/content/trade_secret.py": {"mask_digits"},
    "src/gkreview/detectors/content/minors.py": {"_mask"},
    "src/gkreview/detectors/personal.py": {"mask_address", "_mask_digits_run"},
}


def test_no_second_masking_implementation() -> None:
    found: dict[str, set[str]] = {}
    for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "service").rglob("*.py")]:
        rel = path.relative_to(ROOT).as_posix()
        if rel == "src/gkreview/masking.py":
            continue
        names = set(re.findall(r"^\s*def (\w*(?:mask|hide)\w*)\(", path.read_text(encoding="utf-8"), re.M))
        if names:
            found[rel] = names
    assert found == KIND_MASKERS


def test_every_path_uses_the_one_implementation() -> None:
    import importlib

    from gkreview.detectors import base
    from gkreview.outputs import evidence

    redact_module = importlib.import_module("gkreview.redact")  # gkreview.redact is also the function
    assert gkreview.mask_text is masking.mask_text
    assert redact_module.mask_text is masking.mask_text
    assert evidence.evidence_windows is masking.evidence_windows
    assert evidence.masked_window is masking.masked_window
    assert base.mask_keep is masking.mask_keep and base.mask_range is masking.mask_range


def _finding(start: int, end: int, masked: str, fid: str = "f1", severity: str = "high") -> Finding:
    return Finding("id_card", "personal_info", "ART15_PRIVACY", severity, 1.0, start, end, masked, id=fid)


TEXT = "SYNTHETIC 张三 身份证 11010519491231002X 电话 13800138000。"
ID = "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "masked", "expected"),
    [
        (ID, "110105********002X", "110105********002X"),  # the finding's own same-length mask
        (ID, "110105…", "******************"),  # not same length: stars
        ("张 三", "张 三", "* *"),  # not a mask: stars, whitespace kept
    ],
)
def test_mask_value(value: str, masked: str, expected: str) -> None:
    assert masking.mask_value(value, masked) == expected


def test_mask_text_never_leaves_the_value() -> None:
    s = TEXT.index(ID)
    out = masking.mask_text(TEXT, [_finding(s, s + len(ID), "110105********002X")])
    assert ID not in out and len(out) == len(TEXT)
    assert out == TEXT.replace(ID, "110105********002X")


def _report(text: str, findings: list[Finding]) -> Report:
    doc = Document(path="a.txt", format="txt", status=Status.OK, text=text)
    base = Report.not_reviewed("a.txt", "ok", "ok", "", sha256="0" * 64, format="txt")
    return dataclasses.replace(base, document=doc, findings=tuple(findings))


def test_report_hide_and_segments_mask_the_values() -> None:
    s = TEXT.index(ID)
    p = TEXT.index("13800138000")
    findings = [
        _finding(s, s + len(ID), "110105********002X"),
        _finding(p, p + 11, "138****8000", "f2", "medium"),
    ]
    report = _report(TEXT, findings)
    hidden = report.hide({"title": f"关于{ID}的通知", "list": ["电话13800138000"]})
    assert ID not in str(hidden) and "13800138000" not in str(hidden)
    view = report.masked_segments(1000)
    assert view is not None
    joined = "".join(seg.get("text", seg.get("masked", "")) for seg in view["segments"])
    assert ID not in joined and "13800138000" not in joined
    assert [seg["finding_ids"] for seg in view["segments"] if "masked" in seg] == [["f1"], ["f2"]]


def test_service_text_view_is_the_report_segments() -> None:
    from service.reviews import text_view

    s = TEXT.index(ID)
    report = _report(TEXT, [_finding(s, s + len(ID), "110105********002X")])
    assert text_view(report, 20) == report.masked_segments(20)
    assert text_view(report, 20)["truncated"] is True  # type: ignore[index]
