"""content_statistics (统计法 第二十八条 → 条例 第十四条). Positives SYNTHETIC; hard negatives real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_statistics"


@pytest.mark.parametrize("name", ["statistics_respondents", "statistics_retitled"])
def test_named_respondents_are_high(detector_set, name):
    hits = found(detector_set, draft(name), DET)
    assert len(hits) == 3 and {sev for _, sev, _ in hits} == {"high"}
    assert {code for _, _, code in hits} == {"ART14_LAW_PROHIBITED"}


def test_statute_in_detail(detector_set):
    (f, *_) = [f for f in detector_set.detect(draft("statistics_respondents")) if f.detector == DET]
    assert f.extra["statute"] == "统计法 第二十八条" and "第二十八条" in f.explanation
    assert "38.6" not in f.masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC: one respondent in a statistical context; two without one
        ("据统计年报，丰泽钢铁有限公司全年实现工业总产值38.6亿元。", {"medium"}),
        ("丰泽钢铁有限公司营业收入36.2亿元。东丰纺织有限公司营业收入4.5亿元。", {"medium"}),
        # hard negatives: aggregates, public money (SYNTHETIC), and real published texts
        ("据统计，全县规模以上工业增加值增长6.2%，营业收入1280亿元。", set()),
        ("丰泽钢铁有限公司获得技术改造补助资金500万元。东丰纺织有限公司获得补助资金80万元。", set()),
        (
            "推动超过2万家规模以上工业企业实施数字化转型，规模以上工业企业关键环节全面数字化率达到70%。",
            set(),
        ),
        (
            "第四条 国家机关、企业事业单位和其他组织以及个体工商户和个人等统计调查对象应当按照国家和本市的规定，"
            "真实、准确、完整、及时地提供统计调查和统计检查所需的资料和证明。",
            set(),
        ),
    ],
)
def test_statistics_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected
