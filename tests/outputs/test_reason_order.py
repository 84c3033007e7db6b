"""Deciding grounds come before secondary ones wherever reasons are ranked or shown."""

from __future__ import annotations

from gkreview.outputs.common import top_reasons


def _report(*reasons):
    return {"suggestion": {"reasons": list(reasons)}}


def test_deciding_grounds_rank_before_secondary_ones():
    secondary = {"code": "ART16_PROCESS_INFO", "basis": "第十六条", "finding_ids": ["f4"], "secondary": True}
    deciding = {
        "code": "ART14_STATE_SECRET",
        "basis": "第十四条",
        "finding_ids": ["f1"],
        "modality": "mandatory",
    }
    handling = {"code": "ART18_PERIODIC_REVIEW", "basis": "第十八条", "modality": "handling"}
    assert [r.split()[0] for r in top_reasons(_report(secondary, handling, deciding))] == [
        "ART14_STATE_SECRET",
        "ART18_PERIODIC_REVIEW",
        "ART16_PROCESS_INFO",
    ]


def test_handling_reasons_come_after_the_ground_and_the_flag_for_a_person():
    # the demo's summary listed ART26_TIMELINE first for a document sent to a person (real case)
    ground = {"code": "ART20_01", "basis": "第二十条", "modality": "proactive"}
    timeline = {"code": "ART26_TIMELINE", "basis": "第二十六条", "modality": "handling"}
    person = {"code": "HUMAN_REVIEW", "basis": "第十七条第一款", "modality": "flag"}
    assert [r.split()[0] for r in top_reasons(_report(timeline, ground, person))] == [
        "HUMAN_REVIEW",
        "ART20_01",
        "ART26_TIMELINE",
    ]
