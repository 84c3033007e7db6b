"""content_minors (未成年人保护法 第一百零三条; 刑事诉讼法 第二百八十六条). Positives SYNTHETIC; negatives real."""

from __future__ import annotations

import pytest

from gkreview.gongwen import Gongwen
from tests.detectors.content_helpers import draft, found, severities

DET = "content_minors"


def test_bulletin_flags_identifying_details_not_just_the_name(detector_set):
    hits = found(detector_set, draft("minors_bulletin"), DET)
    spans = {s for s, _, _ in hits}
    assert {"青溪县第二中学", "初二（3）班", "2009年8月出生", "家住城关镇河滨路18号"} <= spans
    assert any(s.startswith("父亲") for s in spans) and any(s.startswith("母亲") for s in spans)
    assert {sev for _, sev, _ in hits} == {"high"} and {c for _, _, c in hits} == {"ART14_LAW_PROHIBITED"}


_CASE = "经公安机关调查，{who}在校门口殴打同学，已依法处理。"


@pytest.mark.parametrize(
    ("date", "born", "expected"),
    [
        # ages are counted from the document's date, never from today
        ("2010-06-01", "1995年3月出生", set()),  # 15 on the document date → a minor… but see below
        ("2024-06-01", "2008年3月出生", {"high"}),  # 16 on 2024-06-01
        ("2030-06-01", "2008年3月出生", set()),  # 22 on the document date: an adult
    ],
)
def test_age_from_document_date(detector_set, date, born, expected):
    text = _CASE.format(who=f"学生王某某（男，{born}）")
    gw = Gongwen(date=date)
    hits = {
        (text[f.start : f.end], f.severity)
        for f in detector_set.detect(text, gongwen=gw)
        if f.detector == DET and text[f.start : f.end] == born
    }
    if date == "2010-06-01":
        assert hits == {(born, "high")}  # born 1995: 15 in 2010
    else:
        assert {sev for _, sev in hits} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC
        ("2024年3月2日，东岭小学五年级2班学生李某某在校内被同学殴打致轻伤。", {"high"}),
        ("2024年3月2日，一名学生在校外被殴打，公安机关已立案调查。", {"medium"}),
        # hard negatives — real published statute texts about minors in general
        ("（五）监护人教唆、利用未成年人实施违法犯罪行为，未成年人需要被带离安置；", set()),
        (
            "人民法院对14周岁以上不满16周岁的未成年人刑事案件一律不公开审理，对16周岁以上不满18周岁的未成年人刑事案件，"
            "一般也不公开审理。",
            set(),
        ),
        (
            "2001年7月13日上海市第十一届人民代表大会常务委员会第二十九次会议通过　根据2004年6月24日上海市第十二届"
            "人民代表大会常务委员会第十三次会议《关于修改〈上海市中小学校学生伤害事故处理条例〉的决定》第一次修正",
            set(),
        ),
        # a student award list names schools and classes, but there is no case (SYNTHETIC)
        ("东岭小学五年级2班王小明同学被评为市级三好学生。", set()),
    ],
)
def test_minors_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected
