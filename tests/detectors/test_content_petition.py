"""content_petition (信访 opinions: rural address, named third party). Positives SYNTHETIC."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_petition"


def test_petition_opinion(detector_set):
    hits = {(s, sev) for s, sev, _ in found(detector_set, draft("petition_opinion"), DET)}
    assert ("新桥村5组27号", "high") in hits and ("吴长贵", "high") in hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信访人：\n你反映邻居张建华在村道上堆放杂物、阻挠通行的问题，经核实情况属实。", {"high"}),
        # outside a 信访 context: a house-numbered rural address is medium; a 组 alone is nothing
        ("活动地点：新桥村5组27号。", {"medium"}),
        ("项目位于东岗村三组，占地20亩。", set()),
        ("经查，邻居王某在其承包地上种植果树。", set()),
        # hard negative — real statute text about 信访
        ("（七）要求对个人隐私、商业秘密予以保密；", set()),
    ],
)
def test_petition_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected
