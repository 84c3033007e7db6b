"""Sensitive personal information (个人信息保护法 第二十八条) near a person, and children under 14."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
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
}


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
        return out

    def _minors(self, ctx: DetectContext) -> list[Finding]:
        out = []
        year = _dt.date.today().year
        for f in ctx.findings:
            if f.detector != "cn_resident_id" or not f.validated:
                continue
            digits = "".join(c for c in ctx.folded[f.start : f.end] if c.isdigit())
            born = int(digits[6:10]) if len(digits) >= 10 else 0
            if born and year - born < int(self.options["minor_age"]):
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
                        explanation=f"the ID number's birth year {born} makes the person younger than "
                        f"{self.options['minor_age']}: 个人信息保护法 第二十八条",
                    )
                )
        return out
