"""A landline's mask shows the area code and the last 4 digits, never more of the local number."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系电话：010-65123456", "010-****3456"),  # 3-digit area code
        ("电话：0531-86123456", "0531-****3456"),  # 4-digit area code
        ("家庭电话：65123456", "****3456"),  # no area code: only the last 4
    ],
)
def test_landline_mask(detector_set, text, masked):
    (f,) = [f for f in detector_set.detect(text) if f.detector == "cn_landline"]
    assert f.masked == masked
