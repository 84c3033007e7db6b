"""Evidence windows: the flagged span and any neighbouring finding are masked, never shown raw."""

from __future__ import annotations

import pytest

from gkreview.outputs.evidence import evidence_windows, masked_window

TEXT = "申请人张三，身份证号110101199003071234，手机13912345678，住址某区某路1号。"  # synthetic


def _f(fid: str, value: str, masked: str) -> dict:
    s = TEXT.index(value)
    return {"id": fid, "start": s, "end": s + len(value), "masked": masked}


def test_own_span_and_neighbours_are_masked():
    fs = [_f("f1", "110101199003071234", "1101**********1234"), _f("f2", "13912345678", "139****5678")]
    ev = evidence_windows(TEXT, fs, chars=30)
    _before, masked, after = ev["f1"]
    assert masked == "1101**********1234"
    assert "139****5678" in after and "13912345678" not in after
    before2, _masked2, _after2 = ev["f2"]
    assert "1101**********1234" in before2 and "110101199003071234" not in before2
    for window in ev.values():
        joined = "".join(window)
        assert "110101199003071234" not in joined and "13912345678" not in joined


def test_neighbour_cut_by_the_window_edge_is_hidden():
    fs = [_f("f1", "110101199003071234", "ID"), _f("f2", "13912345678", "PHONE")]
    _b, _m, after = masked_window(TEXT, fs, 0, chars=5)  # window ends inside the phone number
    assert after.startswith("，手机")
    assert "139" not in after and "＊" in after


def test_overlapping_findings_never_leak():
    value = "110101199003071234"
    s = TEXT.index(value)
    fs = [
        {"id": "f1", "start": s, "end": s + 6, "masked": "110***"},
        {"id": "f2", "start": s + 3, "end": s + len(value), "masked": "***1234"},
    ]
    for window in evidence_windows(TEXT, fs, chars=40).values():
        assert value[6:] not in "".join(window)
        assert value[:6] not in "".join(window)


@pytest.mark.parametrize(
    "bad", [{"id": "x", "start": 5, "end": 5}, {"id": "y", "start": -1, "end": 3}, {"id": "z"}]
)
def test_bad_offsets_are_ignored(bad):
    assert evidence_windows(TEXT, [{**bad, "masked": "*"}]) == {}


def test_many_findings_agree_with_the_plain_window():
    # synthetic: a long list of invented phone numbers, one finding each
    text = "".join(f"第{i}户联系电话139{i:08d}；" for i in range(3000))
    fs = []
    for i in range(3000):
        value = f"139{i:08d}"
        s = text.index(value)
        fs.append({"id": f"f{i + 1}", "start": s, "end": s + len(value), "masked": "139****" + value[-4:]})
    ev = evidence_windows(text, fs, chars=30)
    assert len(ev) == 3000
    for k in (0, 1, 1500, 2999):
        assert ev[f"f{k + 1}"] == masked_window(text, fs, k, chars=30)
    joined = "".join("".join(w) for w in ev.values())
    assert "13900001234" not in joined and "13900000001" not in joined
