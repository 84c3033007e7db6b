"""content_trade_secret (条例 第十五条、第三十二条、第三十七条). Positives SYNTHETIC; hard negatives real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_trade_secret"


@pytest.mark.parametrize("name", ["trade_secret_acceptance", "trade_secret_paraphrase"])
def test_acceptance_opinions_are_high(detector_set, name):
    hits = found(detector_set, draft(name), DET)
    assert hits and {sev for _, sev, _ in hits} == {"high"}
    assert {code for _, _, code in hits} == {"ART15_TRADE_SECRET"}


def test_values_are_masked(detector_set):
    text = draft("trade_secret_acceptance")
    masked = [f.masked for f in detector_set.detect(text) if f.detector == DET]
    assert any("单位成本" in m for m in masked)
    assert not any("2.36" in m or "3.10" in m or "12%" in m for m in masked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC
        ("该公司已书面申明其提交的工艺参数属于商业秘密。", {"high"}),
        ("东岭化工有限公司反应釜温度控制在185℃，单位成本为每吨3200元。", {"high"}),
        ("东岭化工有限公司产品单位成本为每吨3200元。", {"medium"}),
        # hard negatives — public money and real published statute texts
        ("东岭化工有限公司以报价1280万元中标。", set()),
        (
            "在侵犯商业秘密的民事审判程序中，商业秘密权利人提供初步证据，证明其已经对所主张的商业秘密采取保密措施，"
            "且合理表明商业秘密被侵犯，涉嫌侵权人应当证明权利人所主张的商业秘密不属于本法规定的商业秘密。",
            set(),
        ),
        ("第七条 纳税义务人有权要求海关对其商业秘密予以保密，海关应当依法为纳税义务人保密。", set()),
        ("第二十一条  企业应当对生产配方中添加比例小于0.2%的原料进行预混合。", set()),
    ],
)
def test_trade_secret_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected
