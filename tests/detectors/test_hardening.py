"""Issue 10/11 hardening (values SYNTHETIC): bad-checksum IDs are never high, an ID glued before another
field is found, the per-detector cap truncates visibly, and the worst-case inputs of issue 10 give
the right results (small sizes here; their speed is bench/detect.py's, not a test's)."""

from __future__ import annotations

import pytest

from gkreview.detectors import DetectorSet
from gkreview.detectors.checksums import resident_id_check_digit

VALID = "110101199003078515"
BAD = VALID[:17] + "6"  # region and birth date fine, MOD 11-2 check digit wrong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{VALID}", [(VALID, "high")]),
        # a failing check digit: medium when the text says it is an ID number (a typo to look at)…
        (f"身份证号：{BAD}", [(BAD, "medium")]),
        (f"公民身份号码 {BAD[:6]} {BAD[6:14]} {BAD[14:]}", [(f"{BAD[:6]} {BAD[6:14]} {BAD[14:]}", "medium")]),
        (f"序号\t姓名\t身份证号码\t住址\n1\t王芳\t{BAD}\t东风村\n", [(BAD, "medium")]),
        # …and nothing without such context, however the number sits
        (BAD, []),
        (f"编号{BAD}", []),
        (f"流水号 {BAD} 2021/02/03", []),
        (f"{BAD}13812345678", []),
        (f"残疾人证号：{BAD}42", []),
        (f"{BAD}2021/02/03", []),
    ],
)
def test_a_failing_check_digit_is_never_high(spans, text, expected):
    assert spans(text, "cn_resident_id") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 11 item 3: fields glued on one line by extraction
        ("3205221988110800212021/02/03", [("320522198811080021", "high")]),
        ("身份证号3205221988110800212021年2月3日", [("320522198811080021", "high")]),
        ("11010519491231002X2021/02/03", [("11010519491231002X", "high")]),
        (f"{VALID}000123", [(VALID, "high")]),
        # hard negatives: the leading 18 digits are no valid ID; a long number that merely contains one
        (f"{BAD}2021/02/03", []),
        ("62220212345678901234567", []),
        (f"9{VALID}", []),
    ],
)
def test_an_id_at_the_start_of_a_longer_run(spans, text, expected):
    assert spans(text, "cn_resident_id") == expected


def _ids(n: int) -> list[str]:
    out = []
    for i in range(n):
        body = f"110101{19500101 + (i % 28) + 100 * ((i // 28) % 12) + 10000 * ((i // 336) % 50):08d}{i % 1000:03d}"
        out.append(body + resident_id_check_digit(body))
    return out


@pytest.fixture(scope="module")
def capped() -> DetectorSet:
    return DetectorSet.from_config({"max_findings_per_detector": 5})


def test_the_cap_keeps_the_first_values_and_warns(capped):
    text = "联系电话：13812345678；" * 12
    findings, notes = capped.detect_notes(text)
    mobiles = [f for f in findings if f.detector == "cn_mobile"]
    assert len(mobiles) == 5
    assert [f.start for f in mobiles] == [5 + 17 * i for i in range(5)]  # the first five in the text
    assert len(notes) == 1 and notes[0].startswith("detections_truncated: detector cn_mobile")
    assert "13812345678" not in notes[0]


def test_below_the_cap_there_is_no_warning(capped):
    findings, notes = capped.detect_notes("联系电话：13812345678；" * 5)
    assert len(findings) == 5 and notes == []


def test_redaction_detection_is_never_capped(capped):
    assert len(capped.detect("联系电话：13812345678；" * 12)) == 12


def test_the_cap_is_configurable_and_checked():
    from gkreview.errors import ConfigurationError

    assert DetectorSet.from_config().max_findings == 2000
    assert DetectorSet.from_config({"max_findings_per_detector": None}).max_findings is None
    for bad in (0, -3, "many", True):
        with pytest.raises(ConfigurationError):
            DetectorSet.from_config({"max_findings_per_detector": bad})


def test_a_truncated_review_goes_to_a_person():
    from gkreview.review import Reviewer

    rev = Reviewer(config={"max_findings_per_detector": 5}, model=None)
    report = rev.review_text("联系电话：13812345678；\n" * 12)
    assert any(w.startswith("detections_truncated") for w in report.warnings)
    assert report.suggestion.needs_human_review
    assert any("上限" in r.explanation for r in report.suggestion.reasons)
    assert report.to_dict()["warnings"] == list(report.warnings)


# the worst-case inputs of issue 10, at small sizes: what each must give
@pytest.mark.parametrize(
    ("text", "detector", "count"),
    [
        ("1 " * 3000, None, 0),
        ("1\n" * 3000, None, 0),
        ("13812345678 " * 300, "cn_mobile", 300),
        ("联系电话：13812345678；" * 300, "cn_mobile", 300),
        ("\n".join(_ids(300)), "cn_resident_id", 300),
    ],
)
def test_worst_case_inputs_give_the_right_findings(detector_set, text, detector, count):
    findings = detector_set.detect(text)
    assert len([f for f in findings if detector is None or f.detector == detector]) == count
    if detector is not None:
        assert all(
            f.severity == "high" or detector == "cn_mobile" for f in findings if f.detector == detector
        )


def test_repeated_secrecy_marks_are_found_and_capped(capped):
    findings, notes = capped.detect_notes("机密★" * 50)
    assert [f.detector for f in findings] == ["secrecy_mark"] * 5
    assert notes and "secrecy_mark" in notes[0]


def test_letter_spaced_and_separated_values_are_still_found(spans):
    spaced = " ".join("13812345678")
    assert spans(f"手机：{spaced}", "cn_mobile") == [(spaced, "high")]
    assert spans("联系电话：138 1234 5678，139 1234 5678", "cn_mobile") == [
        ("138 1234 5678", "high"),
        ("139 1234 5678", "high"),
    ]
    assert spans("银行卡号：6222 0212 3456 7890 128", "bank_card") != []
