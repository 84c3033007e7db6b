"""content_personnel (干部考察材料: health, property, family). Positives SYNTHETIC; negatives real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_personnel"


def test_assessment_flags_health_property_spouse(detector_set):
    hits = found(detector_set, draft("personnel_assessment"), DET)
    spans = " ".join(s for s, _, _ in hits)
    for part in ("患有高血压", "住院", "配偶", "其子", "住房2套", "存款"):
        assert part in spans
    assert {sev for _, sev, _ in hits} == {"high"} and {c for _, _, c in hits} == {"ART15_PRIVACY"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC: outside an assessment, a statement of fact about someone → medium
        ("经核查，该同志本人名下有住房3套。", {"medium"}),
        # hard negatives — real published statute texts
        ("（四）患有精神病、有精神病史或者患有其他不适宜从事学前教育工作疾病的；", set()),
        (
            "第二十条　纳税人及其配偶在一个纳税年度内不能同时分别享受住房贷款利息和住房租金专项附加扣除。",
            set(),
        ),
        ("（二）本人及其配偶、直系亲属未在同一物业管理区域提供物业服务的企业任职；", set()),
    ],
)
def test_personnel_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected
