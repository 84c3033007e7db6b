"""One contract test over every registered detector (scikit-learn test_common style)."""

from __future__ import annotations

import dataclasses

import pytest

from gkreview.detectors import DetectContext, default_registry
from gkreview.finding import CATEGORIES, Finding

TEXTS = [
    "",
    "机密★5年\n000123\n关于某事项的通知（征求意见稿）\n"
    "姓名：张三，男，身份证号：11010519491231002X，手机：138 1234 5678，家庭住址：北京市东城区东华门街道南池子大街12号。"
    "患有精神分裂症。银行卡号6222021234567890128。护照号码：E12345678。车牌号京A12345。邮箱zhangsan@qq.com。"
    "内部资料，注意保存。妥否，请批示。台胞证号码：12345678。统一社会信用代码9135052155323005XL。",
    "１２３４５６７８９０" * 50,
    "\n\n\n★★★秘密" * 20,
]


@pytest.mark.parametrize("cls", list(default_registry()), ids=lambda c: c.name)
def test_detector_contract(cls):
    det = cls()
    assert det.name and det.category in CATEGORIES and det.reason_code
    for text in TEXTS:
        ctx = DetectContext(text=text)
        first = det.detect(ctx)
        ctx2 = DetectContext(text=text)
        ctx2.findings = []
        assert det.detect(ctx2) == first  # deterministic
        for f in first:
            assert isinstance(f, Finding)
            assert 0 <= f.start < f.end <= len(text)
            assert 0.0 <= f.score <= 1.0
            assert f.severity in ("high", "medium", "low")
            assert f.category in CATEGORIES
            d = f.to_dict()
            back = Finding(
                **{k: v for k, v in d.items() if k in {x.name for x in dataclasses.fields(Finding)}}
                | {"context_words": tuple(d.get("context_words", ()))}
            )
            assert back.to_dict() == d
            if f.category in ("personal_info",) and f.end - f.start >= 6:
                assert f.masked != text[f.start : f.end]  # never the full value
