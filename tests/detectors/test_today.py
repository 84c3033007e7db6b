"""``today`` comes in through the detection context (issue 12): a dated document's findings do not
change with the calendar. SYNTHETIC inputs (a made-up ID number with a valid check digit)."""

from __future__ import annotations

from datetime import date

import pytest

from gkreview.detectors.checksums import date_ok, latest_birth_year, resident_id_check_digit
from gkreview.review import Reviewer

_BODY = "11010520200315002"  # born 2020-03-15
ID = _BODY + resident_id_check_digit(_BODY)
DATED = f"关于发放临时救助金的通知\n申请人身份证号码：{ID}\n某某县民政局\n2024年3月1日\n"
UNDATED = f"申请人身份证号码：{ID}\n"
TODAYS = (date(2019, 6, 1), date(2031, 12, 5))  # before the birth year, and years later


def _found(detector_set, text: str, today: date) -> list[tuple[str, int, int, str, float, str]]:
    return [
        (f.detector, f.start, f.end, f.severity, f.score, f.masked)
        for f in detector_set.detect(text, today=today)
    ]


def test_a_dated_document_is_judged_at_its_own_date(detector_set):
    first, second = (_found(detector_set, DATED, t) for t in TODAYS)
    assert first == second
    assert ("cn_resident_id", "high") in {(d, sev) for d, _s, _e, sev, _sc, _m in first}


def test_an_undated_document_uses_the_contexts_today(detector_set):
    early, late = (_found(detector_set, UNDATED, t) for t in TODAYS)
    assert early == []  # born after "today": not a plausible ID number
    assert [d for d, *_ in late] == ["cn_resident_id"]


def test_the_reviewer_sets_today_once():
    reports = [Reviewer(model=None, today=t).review_text(DATED) for t in TODAYS]
    first, second = ([f.to_dict() for f in r.findings] for r in reports)
    assert first == second
    assert reports[0].findings
    assert Reviewer(model=None, today=TODAYS[0]).today == TODAYS[0]


@pytest.mark.parametrize(("limit", "expected"), [(2019, False), (2020, True)])
def test_latest_birth_year_bounds_date_ok(limit, expected):
    with latest_birth_year(lambda: limit):
        assert date_ok("20200315") is expected
    assert date_ok("20200315", hi=2019) is False
