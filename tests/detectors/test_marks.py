"""国家秘密标志 and 工作秘密 marks."""

from __future__ import annotations

import pytest

from gkreview.detectors.text import header_end
from gkreview.gongwen import Gongwen, Secrecy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("000123\n机密★5年\n关于某事项的通知\n", [("000123", "medium"), ("机密★5年", "high")]),
        ("秘密★1 年\n某某通知", [("秘密★1 年", "high")]),
        ("绝密★启用前\n2024年考试试题", [("绝密★启用前", "high")]),
        ("机密★长期\n通知", [("机密★长期", "high")]),
        ("秘密☆10年\n通知", [("秘密☆10年", "high")]),
        ("机密＊6个月\n通知", [("机密＊6个月", "high")]),
        ("机密\n关于某事项的通知\n", [("机密", "high")]),
        ("机 密 ★ 5 年\n关于某事项的通知\n", [("机 密 ★ 5 年", "high")]),  # letter-spaced PDF header
        ("秘　密★一年\n通知", [("秘　密★一年", "high")]),
        ("机　密\n关于某事项的通知\n", [("机　密", "high")]),  # ★ lost in extraction, alone on a header line
        ("\n" * 12 + "附件2\n机密★3年\n名单", [("机密★3年", "high")]),
        # hard negatives: words in running text
        ("各单位要保守国家秘密，不得泄露商业秘密。", []),
        ("机密级国家秘密是重要的国家秘密。", []),
        ("试卷应当标注“绝密★启用前”字样。", [("绝密★启用前", "low")]),
    ],
)
def test_secrecy_mark(spans, text, expected):
    assert spans(text, "secrecy_mark") == expected


def test_secrecy_from_gongwen(detector_set):
    text = "机 密 ★ 五 年\n通知"
    gw = Gongwen(secrecy=Secrecy(level="机密", period="5年", start=0, end=len("机 密 ★ 五 年")))
    found = [f for f in detector_set.detect(text, gongwen=gw) if f.detector == "secrecy_mark"]
    assert found and found[0].severity == "high" and found[0].reason_code == "ART14_STATE_SECRET"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("内部资料，注意保存\n关于某事项的通知", [("内部资料，注意保存", "high")]),
        ("内部文件 不得外传\n通知", [("内部文件 不得外传", "high")]),
        ("工作秘密\n关于某事项的通知", [("工作秘密", "high")]),
        # issue 9: a 发至 scope line is not a 工作秘密 mark (category internal_affairs; still medium)
        ("通知正文。\n（此件发至县级）", [("（此件发至县级）", "medium")]),
        ("正文\n不得翻印", [("不得翻印", "medium")]),
        # hard negatives
        ("公务员应当保守国家秘密和工作秘密。", []),
        ("（一）泄露工作秘密的；", []),
        ("加强机关内部管理，规范内部资料印制工作，完善相关制度和流程。", []),
    ],
)
def test_work_secret(spans, text, expected):
    assert spans(text, "work_secret") == expected


def test_work_secret_maps_to_article_16(detector_set):
    (f,) = detector_set.detect("工作秘密\n通知")
    assert f.category == "work_secret" and f.reason_code == "ART16_INTERNAL_AFFAIRS"


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("13812345678，联系人王五", 6),  # a phone at the start of the line the header region ends in
        ("机密文件管理工作的通知要求各单位认真执行", 2),  # 机密 at the cut is no bare mark
    ],
)
def test_header_end_inside_a_line_is_not_a_line_end(spans, line, cut):
    # the header region of a text with long lines ends at character 80, inside a line; the 份号 and
    # bare-mark patterns end in $, which matched at that cut: the phone's first six digits came out
    # as a 份号 shown unmasked (with the phone's own mask 138****5678: 10 of its 11 digits)
    text = "关" * (79 - cut) + "\n" + line + "。" * 100
    assert header_end(text) == 80
    assert spans(text, "secrecy_mark") == []


# issue 9 — marks in the body and malformed marks. All text SYNTHETIC.
_BODY = "关于做好防汛工作的通知\n" + "各区县人民政府，市政府各部门：\n" * 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph-level mark anywhere in the body is high
        (_BODY + "二、（秘密★1年）市防汛物资储备库位于城北。\n", [("秘密★1年", "high")]),
        (_BODY + "附表中的数据（机密★5年）仅供内部使用。\n", [("机密★5年", "high")]),
        (_BODY + "储备库位置秘密★1年，不得外传。\n", [("秘密★1年", "high")]),
        # a bare level standing like a mark: malformed, medium
        (_BODY + "二、（秘密）市防汛物资储备库位于城北。\n", [("秘密", "medium")]),
        (_BODY + "秘密\n储备库位置如下。\n", [("秘密", "medium")]),
        # hard negatives: marks described or quoted, the words in running text
        (_BODY + "试卷应当标注“绝密★启用前”字样。\n", [("绝密★启用前", "low")]),
        (_BODY + "涉密文件应当标注秘密★1年等国家秘密标志。\n", [("秘密★1年", "medium")]),
        (_BODY + "各单位要保守国家秘密，不得泄露商业秘密和个人隐私。\n", []),
        (_BODY + "（一）秘密级国家秘密的保密期限不超过十年；\n", []),
    ],
)
def test_secrecy_mark_in_body(spans, text, expected):
    assert spans(text, "secrecy_mark") == expected


def test_malformed_mark_explains_article_21(detector_set):
    text = _BODY + "二、（秘密）市防汛物资储备库位于城北。\n"
    (f,) = [f for f in detector_set.detect(text) if f.detector == "secrecy_mark"]
    assert f.reason_code == "ART14_STATE_SECRET" and "第二十一条" in f.explanation and f.extra["malformed"]


def test_scope_line_is_not_a_work_secret(detector_set):
    (f,) = [f for f in detector_set.detect("通知正文。\n（此件发至县级）") if f.detector == "work_secret"]
    assert f.category == "internal_affairs" and f.severity == "medium" and "not a 工作秘密" in f.explanation
