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
