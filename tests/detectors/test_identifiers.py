"""公民身份号码, 银行卡, 统一社会信用代码, 护照, 通行证: positives and hard negatives."""

from __future__ import annotations

import pytest

VALID_ID = "11010519491231002X"  # the GB 11643 test vector of DOMAIN.md §5.5
VALID_ID2 = "440524188001010014"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{VALID_ID}。", [(VALID_ID, "high")]),
        (f"公民身份号码{VALID_ID}，", [(VALID_ID, "high")]),
        (f"经核实，{VALID_ID}。", [(VALID_ID, "high")]),  # no context: the checksum is enough
        ("身份证号：110105 19491231 002X。", [("110105 19491231 002X", "high")]),
        ("身份证号：110105-19491231-002X。", [("110105-19491231-002X", "high")]),
        ("身份证号：1101051949\n1231002X。", [("1101051949\n1231002X", "high")]),
        (
            "身份证号：１１０１０５１９４９１２３１００２Ｘ。",
            [("１１０１０５１９４９１２３１００２Ｘ", "high")],
        ),
        (f"身份证号码：{VALID_ID.lower()}", [(VALID_ID.lower(), "high")]),
        ("原身份证号码110105491231002，", [("110105491231002", "high")]),  # 15-digit legacy with context
        # hard negatives
        ("身份证号码110105491231002X", []),  # 16 characters: nothing
        ("11010519491231002。", []),  # 17 digits
        ("11010519491231002Y。", []),
        ("编号110105194912310021，", []),  # checksum fails, no context
        ("文号：国办发〔2019〕4号，2019年1月16日印发。", []),
        ("合计金额123456789012345678元。", []),  # not a date, fails
        ("依据第一百一十条第二款", []),
        ("110105491231002，", []),  # 15 digits without context
        ("统一社会信用代码：9135052155323005XL", []),
        ("按照GB/T 18030-2005 110105标准", []),
        ("服务热线12345，", []),
    ],
)
def test_resident_id(spans, text, expected):
    assert spans(text, "cn_resident_id") == expected


def test_resident_id_checksum_failure_with_context_is_medium_not_validated(detector_set):
    text = "身份证号：110105194912310021。"
    (f,) = [f for f in detector_set.detect(text) if f.detector == "cn_resident_id"]
    assert f.severity == "medium" and not f.validated


def test_resident_id_masked(detector_set):
    (f,) = detector_set.detect(f"身份证号：{VALID_ID}")
    assert f.masked == "110105********002X" and f.validated and f.label == "公民身份号码"
    assert VALID_ID not in str(f.to_dict())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("银行卡号：6222021234567890128。", [("6222021234567890128", "high")]),
        ("银行卡号：6222 0212 3456 7890 128。", [("6222 0212 3456 7890 128", "high")]),
        ("转入6222021234567890128。", [("6222021234567890128", "high")]),  # UnionPay 62 + Luhn
        ("账号：3701987654021，", [("3701987654021", "medium")]),  # account after 账号, no Luhn
        ("户名：某市财政局，账号：6222021234567890128。", [("6222021234567890128", "low")]),
        # hard negatives
        ("编号6222021234567890127。", []),  # Luhn fails, no context
        ("金额：1,234,567,890元", []),
        # two mobiles written 3-4-4 side by side are not one card (issue 10; this run passes Luhn)
        ("联系电话：138 1234 5678 139 1234 5678", []),
    ],
)
def test_bank_card(spans, text, expected):
    assert spans(text, "bank_card") == expected


def test_uscc_is_never_reported_as_personal(detector_set):
    text = "统一社会信用代码：9135052155323005XL；另有代码91350100M000100Y43。"
    assert [f for f in detector_set.detect(text) if f.category == "personal_info"] == []


@pytest.mark.parametrize(
    ("text", "detector", "expected"),
    [
        ("护照号码：E73920481。", "passport", [("E73920481", "high")]),
        ("护照号：EA7392048，", "passport", [("EA7392048", "high")]),
        ("编号E73920481。", "passport", [("E73920481", "medium")]),
        ("型号DE1234567的设备", "passport", []),  # other forms need context
        ("往来港澳通行证号码：C73920481。", "travel_permit", [("C73920481", "high")]),
        ("台胞证号码：73920481。", "travel_permit", [("73920481", "high")]),
        ("共有12345678人参加。", "travel_permit", []),
    ],
)
def test_passport_and_permits(spans, text, detector, expected):
    assert spans(text, detector) == expected


def test_mobiles_side_by_side_are_each_found(detector_set):
    text = "联系电话：138 1234 5678 139 1234 5678"
    mobiles = [text[f.start : f.end] for f in detector_set.detect(text) if f.detector == "cn_mobile"]
    assert mobiles == ["138 1234 5678", "139 1234 5678"]
