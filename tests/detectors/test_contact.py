"""Phones and e-mail; agency contact lines stay low (条例第二十条（二）)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系电话：13812345678。", [("13812345678", "high")]),
        ("手机：138 1234 5678，", [("138 1234 5678", "high")]),
        ("手机：138-1234-5678，", [("138-1234-5678", "high")]),
        ("手机：１３８１２３４５６７８，", [("１３８１２３４５６７８", "high")]),
        ("手机：+86 13812345678，", [("86 13812345678", "high")]),
        ("张三 13812345678", [("13812345678", "high")]),  # a name just before
        ("详见13812345678。", [("13812345678", "medium")]),  # no context
        ("咨询电话：13812345678（办公室）。", [("13812345678", "low")]),
        ("举报电话：13812345678。", [("13812345678", "low")]),
        # hard negatives
        ("服务热线12345。", []),
        ("12812345678", []),  # 128 is not a mobile prefix
        ("138123456789", []),  # 12 digits
        ("索引号000014349/2019-00004", []),
        ("国家标准GB/T 18730-2011\n 53", []),
    ],
)
def test_mobile(spans, text, expected):
    assert spans(text, "cn_mobile") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("家庭电话：0531-86123456。", [("0531-86123456", "medium")]),
        ("咨询电话：0531-86123456。", [("0531-86123456", "low")]),
        ("电话：(0531)86123456。", [("0531)86123456", "low")]),
        ("电话：86123456。", [("86123456", "low")]),
        ("共计86123456元。", []),  # 8 digits without phone context
        ("0999-12345678", []),  # unknown area code
    ],
)
def test_landline(spans, text, expected):
    assert spans(text, "cn_landline") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申请人邮箱：zhangsan@qq.com。", [("zhangsan@qq.com", "high")]),
        ("发送至zhangsan@163.com。", [("zhangsan@163.com", "medium")]),
        ("联系邮箱：bgs@mof.gov.cn。", [("bgs@mof.gov.cn", "low")]),
        ("见第3@条", []),
    ],
)
def test_email(spans, text, expected):
    assert spans(text, "email") == expected


def test_phone_mask(detector_set):
    (f,) = detector_set.detect("联系电话：13812345678。")
    assert f.masked == "138****5678"


def test_decimals_are_not_phone_numbers(spans):
    assert spans("坐标 13728.0207 103547.170", "cn_landline") == []


def test_a_phone_after_a_decimal_or_a_code_is_still_found(spans):
    assert spans("面积12.5 13812345678", "cn_mobile") == [("13812345678", "medium")]
    assert spans("按GB/T 18730-2011 联系13812345678", "cn_mobile") == [("13812345678", "medium")]


def test_mobile_in_a_roster_row_with_an_id_is_high(spans):
    assert spans("1\t王建国\t11010519491231002X\t东风村\t13812345678", "cn_mobile") == [
        ("13812345678", "high")
    ]
