"""Property tests: valid IDs are always found; one changed digit is never a *valid* ID; no crashes."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from gkreview.detectors import DetectorSet

DS = DetectorSet.from_config()
REGIONS = ["110105", "310114", "440305", "370102", "510104", "650102", "130102", "320106"]


@st.composite
def resident_ids(draw):
    region = draw(st.sampled_from(REGIONS))
    born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2015, 12, 31)))
    seq = draw(st.integers(0, 999))
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum strips the last character


FILLER = st.text(
    alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质",
    max_size=60,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number=resident_ids(), before=FILLER, after=FILLER, sep=st.sampled_from(["", " ", "-", "\n"]))
def test_valid_ids_are_always_found(number, before, after, sep):
    spelled = number if not sep else sep.join((number[:6], number[6:14], number[14:]))
    text = f"{before}，{spelled}。{after}"
    found = [f for f in DS.detect(text) if f.detector == "cn_resident_id" and f.validated]
    start = text.index(spelled)
    assert any(f.start == start and f.end == start + len(spelled) and f.severity == "high" for f in found)


@settings(max_examples=200, deadline=None)
@given(number=resident_ids(), pos=st.integers(0, 16), delta=st.integers(1, 9))
def test_one_changed_digit_is_never_a_valid_id(number, pos, delta):
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    found = [f for f in DS.detect(f"号码{changed}。") if f.detector == "cn_resident_id" and f.validated]
    assert found == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_crash_and_spans_inside(text):
    for f in DS.detect(text):
        assert 0 <= f.start < f.end <= len(text)
        assert 0.0 <= f.score <= 1.0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789０１２３ -\nX★秘密机：:姓名住址身份证号手机@.abcE", max_size=200))
def test_never_crash_on_number_soup(text):
    for f in DS.detect(text):
        assert 0 <= f.start < f.end <= len(text)


# issue 10: a value after a Latin label (电话/Tel 138…, ID No. 1101…) used to lose its first digit group
CN_LABELS = ["电话", "手机", "联系电话", "身份证号", "公民身份号码", "证件号码", "申请人", ""]
LATIN_LABELS = ["Tel", "TEL", "tel", "Tel.", "Mobile", "MOBILE", "Mob.", "Phone", "Cell", "Fax", "ID", "ID No.",
                "ID no.", "No.", "NO.", "Number", "Contact", "电话/Tel", "身份证号 ID", "（ID No."]  # fmt: skip
SEPARATORS = ["", " ", "  ", ":", "：", ": ", "： ", "/", ".", ". ", "\t", "-"]


@st.composite
def mobiles(draw):
    from gkreview.detectors.data import mobile_prefixes

    prefix = draw(st.sampled_from(sorted(mobile_prefixes())))
    rest = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    number = prefix + rest
    if len(set(number)) == 1:
        number = prefix + "12345670"
    return number


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.one_of(
        resident_ids().map(lambda v: ("cn_resident_id", v)), mobiles().map(lambda v: ("cn_mobile", v))
    ),
    cn=st.sampled_from(CN_LABELS),
    latin=st.sampled_from(LATIN_LABELS),
    sep=st.sampled_from(SEPARATORS),
    before=FILLER,
    end=st.sampled_from(["", "。", "，", "）", "\n", "；联系人张三"]),
)
def test_a_value_after_any_label_is_found(value, cn, latin, sep, before, end):
    detector, number = value
    text = f"{before}，{cn}{latin}{sep}{number}{end}"
    start = text.rindex(number)
    hits = [f for f in DS.detect(text) if f.detector == detector]
    assert any(f.start == start and f.end == start + len(number) for f in hits), (text, hits)
