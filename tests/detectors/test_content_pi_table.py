"""content_pi_table (sensitive values in 名单 rows/columns). Positives SYNTHETIC; negatives SYNTHETIC/real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found

DET = "content_pi_table"


def flagged(detector_set, text: str, **kw) -> set[tuple[str, str, str]]:
    """What the table detector flags, with what sensitive_pi already took (the table detector leaves a
    span sensitive_pi found near a recognised person to it: since the NER model finds names in table
    cells, sensitive_pi takes most rows and this detector the rest)."""
    return {hit for det in (DET, "sensitive_pi") for hit in found(detector_set, text, det, **kw)}


def test_relief_list_flags_every_sensitive_cell(detector_set):
    hits = flagged(detector_set, draft("pi_table"))
    assert ("精神分裂症", "high", "ART14_LAW_PROHIBITED") in hits
    spans = {s for s, _, _ in hits}
    for word in ("尿毒症", "乳腺癌", "肢体残疾", "刑满释放"):  # 肢体残疾(二级): either span
        assert any(span.startswith(word) for span in spans), word
    assert {sev for _, sev, _ in hits} == {"high"}


_HEAD = "序号  姓名  村别  病种  金额\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # space-separated cells (PDF extraction), a 病种 column: every cell under it counts (SYNTHETIC)
        (
            _HEAD + "1  王秀兰  东岗村  慢性肾病  680\n2  赵国强  西岗村  冠心病  560\n",
            {("慢性肾病", "high"), ("冠心病", "high")},
        ),
        # a pipe table (markdown) (SYNTHETIC)
        ("| 序号 | 户主 | 救助原因 |\n| 1 | 刘桂芳 | 乳腺癌术后 |\n", {("乳腺癌", "high")}),
        # no person in the table: a grading table in a standard → medium (SYNTHETIC)
        ("等级\t类别\t说明\n一级\t肢体残疾\t完全丧失功能\n", {("肢体残疾", "medium")}),
        # hard negative: the word in running text, no table (real statute wording)
        ("有关单位和个人应当对精神障碍患者的姓名、肖像、住址、工作单位、病历资料予以保密。", set()),
    ],
)
def test_pi_table_cases(detector_set, text, expected):
    assert {(s, sev) for s, sev, _ in flagged(detector_set, text, gongwen=False)} == expected
