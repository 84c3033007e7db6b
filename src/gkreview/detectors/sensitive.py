"""Sensitive personal information (个人信息保护法 第二十八条) near a person, and children under 14."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.content.common import doc_date
from gkreview.detectors.data import load_yaml
from gkreview.detectors.lexicon import Lexicon, parse_entries
from gkreview.finding import Finding

__all__ = ["SensitivePersonalDetector"]

_ANCHORS = {
    "cn_resident_id",
    "person_name",
    "home_address",
    "cn_mobile",
    "passport",
    "travel_permit",
    "bank_card",
    "im_account",
}


_AGE_AFTER = re.compile(
    r"[（(，,、 \t]{0,2}(?:男|女)?[，,、 \t]{0,2}([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:周)?岁"
)
_CASE_WORDS = (
    "犯罪嫌疑人", "被告人", "涉嫌", "违法", "案件", "被害人", "受害人", "欺凌", "殴打", "盗窃", "抢劫", "性侵", "猥亵",
)  # fmt: skip
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _age(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十") and len(s) == 2:
        return 10 + _CN_DIGITS.get(s[1], 0)
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    if len(s) == 2 and s[1] == "十":
        return _CN_DIGITS.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_DIGITS.get(s[0], 0) * 10 + _CN_DIGITS.get(s[2], 0)
    return None


def _same_sentence(t: str, anchor: tuple[int, int, str], s: int, e: int) -> bool:
    between = t[anchor[1] : s] if anchor[1] <= s else t[e : anchor[0]]
    return "。" not in between and "\n" not in between and "；" not in between


class SensitivePersonalDetector(Detector):
    name = "sensitive_pi"
    category = "sensitive_personal_info"
    reason_code = "ART15_PRIVACY"
    label = "敏感个人信息"
    stage = 3
    defaults = {"window": None, "minor_age": 14}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        data = load_yaml("lexicon/sensitive_pi.yaml")
        self.window = int(self.options["window"] or data.get("window", 80))
        self.lexicon = Lexicon(
            parse_entries(
                data, "lexicon/sensitive_pi.yaml", {"category": "sensitive_personal_info", "severity": "high"}
            )
        )

    def detect(self, ctx: DetectContext) -> list[Finding]:
        anchors = [
            (f.start, f.end, f.detector)
            for f in ctx.findings
            if f.detector in _ANCHORS and f.severity in ("high", "medium") and f.category == "personal_info"
        ]
        if not anchors:
            return []
        out: list[Finding] = []
        w = self.window
        for entry, s, e in self.lexicon.find(ctx.folded):
            near = [
                a for a in anchors if a[0] - w <= s and e <= a[1] + w and _same_sentence(ctx.folded, a, s, e)
            ]
            if not near:
                continue
            basis = f"; {entry.statute}" if entry.statute else ""
            out.append(
                self.make(
                    s,
                    e,
                    severity="high",
                    score=0.8,
                    masked=mask_range(ctx.text[s:e], 1),
                    label=f"敏感个人信息（{entry.group}）",
                    reason_code=entry.reason_code,
                    context_words=(entry.term,),
                    explanation=f"{entry.group} within {w} characters of a person ({near[0][2]}){basis}",
                )
            )
        out += self._minors(ctx)
        out += self._minor_ages(ctx)
        return out

    def _minor_ages(self, ctx: DetectContext) -> list[Finding]:
        """A named person followed by an age under 14 (or under 18 in a case): 王某（女，9岁）."""
        t = ctx.folded
        out = []
        for f in ctx.findings:
            if f.detector != "person_name":
                continue
            m = _AGE_AFTER.match(t, f.end)
            if m is None:
                continue
            age = _age(m.group(1))
            if age is None:
                continue
            sentence = t[max(0, f.start - 40) : m.end() + 40]
            case = next((w for w in _CASE_WORDS if w in sentence), None)
            if age < int(self.options["minor_age"]):
                label, code, basis = (
                    "不满十四周岁未成年人的个人信息",
                    "ART15_PRIVACY",
                    "个人信息保护法 第二十八条",
                )
            elif age < 18 and case:
                label, code, basis = "案件中的未成年人", "ART14_LAW_PROHIBITED", "未成年人保护法 第一百零三条"
            else:
                continue
            out.append(
                self.make(
                    f.start,
                    f.end,
                    severity="high",
                    score=0.85,
                    masked=f.masked,
                    label=label,
                    reason_code=code,
                    context_words=tuple(w for w in (m.group(0).strip("（(，,、 "), case) if w),
                    explanation=f"a named person aged {age}"
                    + (f" in a case ({case})" if case else "")
                    + f": {basis}",
                )
            )
        return out

    def _minors(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        on = doc_date(ctx)  # the document's own date, never today (issue 9)
        if on is None:
            return out
        for f in ctx.findings:
            if f.detector != "cn_resident_id" or not f.validated:
                continue
            digits = "".join(c for c in ctx.folded[f.start : f.end] if c.isdigit())
            born = int(digits[6:10]) if len(digits) >= 14 else 0
            if not born:
                continue
            try:
                birthday = _dt.date(born, int(digits[10:12]), int(digits[12:14]))
            except ValueError:
                continue
            age = on.year - born - ((on.month, on.day) < (birthday.month, birthday.day))
            if age < int(self.options["minor_age"]):
                out.append(
                    self.make(
                        f.start,
                        f.end,
                        severity="high",
                        score=0.9,
                        masked=f.masked,
                        label="不满十四周岁未成年人的个人信息",
                        reason_code="ART15_PRIVACY",
                        validated=True,
                        explanation=f"the ID number's birth date makes the person {age} on the document's date "
                        f"{on.isoformat()} (younger than {self.options['minor_age']}): 个人信息保护法 第二十八条",
                    )
                )
        return out
