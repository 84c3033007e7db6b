"""Addresses, names in a personal context, 车牌, sensitive information near a person."""

from __future__ import annotations

import pytest

ADDR = "北京市东城区东华门街道南池子大街12号3单元401室"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"家庭住址：{ADDR}。", [(ADDR, "high")]),
        (f"住址：{ADDR}，", [(ADDR, "high")]),
        ("现住址：山东省济南市历下区姚家街道某村。", [("山东省济南市历下区姚家街道某村", "medium")]),
        ("家住山东省济南市历下区解放路12号，", [("山东省济南市历下区解放路12号", "high")]),
        ("济南市历下区幸福小区3栋2单元401室", [("济南市历下区幸福小区3栋2单元401室", "medium")]),
        # hard negatives: legal phrases and agency addresses
        ("由被告住所地人民法院管辖。", []),
        ("告知其居住地的村民委员会和就读学校。", []),
        ("戒毒人员应当在户籍所在地接受社区戒毒。", []),
        ("办公地址：济南市历下区解放路12号。", []),
        ("地址：济南市历下区解放路12号，邮编250000。", []),
    ],
)
def test_address(spans, text, expected):
    assert spans(text, "home_address") == expected


def test_address_mask_keeps_the_street(detector_set):
    (f,) = [f for f in detector_set.detect(f"家庭住址：{ADDR}。") if f.detector == "home_address"]
    assert f.masked.startswith("北京市东城区东华门街道") and "12号" not in f.masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("姓名：张三，", [("张三", "medium")]),
        ("申请人：欧阳明华，住本市。", [("欧阳明华", "medium")]),
        ("户主：王小明同志", [("王小明", "medium")]),
        ("当事人李四，男，1980年出生。", [("李四", "medium")]),
        # hard negatives
        ("当事人的合法权益应当受到保护。", []),
        ("申请人应当提交下列材料：", []),
        ("姓名：张某某，", []),  # already de-identified
        ("姓名：性别：年龄：", []),
    ],
)
def test_name(spans, text, expected):
    assert spans(text, "person_name") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("车牌号京A12345。", [("京A12345", "high")]),
        ("驾驶粤B D12345号", [("粤B D12345", "high")]),
        ("号牌号码：川Y12345，", [("川Y12345", "high")]),
        ("京AD12345停放", [("京AD12345", "medium")]),
        ("新ABCDE标准", []),
    ],
)
def test_plate(spans, text, expected):
    assert spans(text, "plate_no") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("姓名：张三，经诊断患有精神分裂症。", [("精神分裂症", "high")]),
        ("申请人李四，男，患艾滋病多年。", [("艾滋病", "high")]),
        # hard negatives: no person, or another sentence
        ("精神卫生医疗机构应当对精神障碍患者的病历资料予以保密。", []),
        ("姓名：张三。\n第五条 艾滋病防治工作坚持预防为主。", []),
    ],
)
def test_sensitive_near_a_person(spans, text, expected):
    assert spans(text, "sensitive_pi") == expected


def test_sensitive_statute_reason(detector_set):
    found = [f for f in detector_set.detect("申请人李四，男，患艾滋病多年。") if f.detector == "sensitive_pi"]
    assert found[0].reason_code == "ART14_LAW_PROHIBITED" and "艾滋病防治条例" in found[0].explanation


@pytest.mark.parametrize(
    ("dated", "minor"),
    [
        # issue 9: the age is counted from the document's own date, never from today (values SYNTHETIC)
        ("2010年6月1日", True),  # born 2005-01-01: 5 on the document's date
        ("2024年6月1日", False),  # 19 on the document's date
        ("", False),  # no date in the document: no age is computed
    ],
)
def test_child_under_14_from_id(detector_set, dated, minor):
    from stdnum.cn import ric

    body = "11010520050101001"
    number = body + ric.calc_check_digit(body + "0")
    found = [f for f in detector_set.detect(f"身份证号：{number}\n{dated}") if f.detector == "sensitive_pi"]
    assert bool(found and found[0].label == "不满十四周岁未成年人的个人信息") is minor


def test_name_in_a_table_row(spans):
    assert spans("序号\t姓名\t性别\n1\t王建国\t男\t汉族", "person_name") == [("王建国", "medium")]


def test_names_in_a_roster_row(spans):
    roster = (
        "序号\t户主姓名\t身份证号码\t家庭住址\n"
        "1\t王建国\t11010519491231002X\t某村三组\n"
        "2\t刘芳\t住房困难\t某村五组\n"  # no ID in this row: only its 户主姓名 cell is a name
    )
    assert spans(roster, "person_name") == [("王建国", "medium"), ("刘芳", "medium")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "权证号：川（2019）成都市不动产权第0012345号。",
            [("川（2019）成都市不动产权第0012345号", "medium")],
        ),
        ("鲁(2021)济南市不动产证明第0101234号", [("鲁(2021)济南市不动产证明第0101234号", "medium")]),
        ("依法办理不动产权登记。", []),
    ],
)
def test_property_certificate(spans, text, expected):
    assert spans(text, "property_cert") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role word before an ID is the label, not a person (申 is also a surname)
        ("申请人身份证号：11010519491231002X。", []),
        ("联系人电话：13800138000", []),
        ("当事人身份证号码：11010519491231002X", []),
        # the name after the role still is one
        ("申请人：王小明，身份证号：11010519491231002X。", [("王小明", "medium")]),
    ],
)
def test_role_words_are_not_names(spans, text, expected):
    assert spans(text, "person_name") == expected
