"""glued_number: a phone or ID glued to other digits by extraction is still flagged (values SYNTHETIC)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系电话：138123456781", [("138123456781", "medium")]),
        ("联系电话：1381234567813912345678", [("1381234567813912345678", "medium")]),
        ("手机：138123456782024年", [("138123456782024", "medium")]),
        # hard negatives: no cue word, one whole value (another detector's), long numbers that are not personal
        ("编号138123456781", []),
        ("联系电话：13812345678", []),
        ("手机：+8613812345678", []),
        ("电话：123456789012345", []),
        ("第12345678901234号", []),
        ("统一社会信用代码：91350521553230050X", []),
    ],
)
def test_glued_number(spans, text, expected):
    assert spans(text, "glued_number") == expected


def test_glued_value_is_masked(detector_set):
    (f,) = [
        f for f in detector_set.detect("联系电话：1381234567813912345678") if f.detector == "glued_number"
    ]
    assert f.masked.startswith("138") and "12345678139" not in f.masked


def test_a_valid_id_at_the_start_of_a_glued_run_is_the_id_detectors(spans):
    # issue 11 item 3: cn_resident_id now takes the 18 digits itself (it used to be glued_number's run)
    text = "身份证号码：1101051980010101041"
    assert spans(text, "cn_resident_id") == [("110105198001010104", "high")]
    assert spans(text, "glued_number") == []
