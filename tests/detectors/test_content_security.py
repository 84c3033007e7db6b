"""content_security (条例 第十四条, 经济安全/社会稳定). Positives SYNTHETIC; hard negatives from real published texts."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_security"


def test_bank_liquidity_plan_is_high(detector_set):
    hits = found(detector_set, draft("bank_liquidity"), DET)
    assert hits and {sev for _, sev, _ in hits} == {"high"}
    assert {code for _, _, code in hits} == {"ART14_SECURITY_STABILITY"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC positives and partial cues
        (
            "截至6月末，东岭村镇银行流动性覆盖率降至76%，低于监管最低要求。县公安局部署警力60人在网点稳控，"
            "宣传部门统一对外口径：“该行经营正常”。",
            {"high"},
        ),
        (
            "因征地补偿问题，新塘村村民计划于3月5日聚集上访约200人。县公安局安排民警40名现场稳控，"
            "对重点人员落实包保，统一对外口径，防止发生群体性事件。该村集体资金缺口1.2亿元，流动性风险突出。",
            {"high"},
        ),
        ("青禾农商行出现存款集中流失，5月以来净流出存款4.3亿元。", {"medium"}),
        ("做好舆情应对，统一对外口径，防止发生群体性事件。", {"medium"}),
        # hard negatives — real published texts (上海市地方金融监督管理条例 第十五条; 国办发 政务新媒体意见)
        (
            "第十五条 地方金融组织发生流动性困难、重大待决诉讼或者仲裁、重大负面舆情、主要负责人下落不明或者接受"
            "刑事调查以及群体性事件等重大风险事件的，应当立即采取应急措施，并及时向市地方金融监管部门报告。",
            set(),
        ),
        (
            "要把政务新媒体作为突发公共事件信息发布和政务舆情回应、引导的重要平台，提高响应速度，及时公布真相。",
            set(),
        ),
        # hard negative — a rule stated with a figure (SYNTHETIC, statute-like)
        ("商业银行的流动性覆盖率应当不低于100%。", set()),
    ],
)
def test_security_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected


def test_security_detail_names_article_14(detector_set):
    text = draft("bank_liquidity")
    (f,) = [f for f in detector_set.detect(text) if f.detector == DET]
    assert "第十四条" in f.explanation and f.extra["statute"] == "政府信息公开条例 第十四条"
    assert {"metric_value", "outflow_amount", "media_script", "police_stability"} <= set(f.extra["signals"])
