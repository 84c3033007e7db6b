"""案件中的未成年人 (未成年人保护法 第一百零三条; 刑事诉讼法 第二百八十六条 → 条例 第十四条).

A paragraph that states a case (欺凌, 涉嫌, 被害…) about a minor (学生, 未成年人, or a birth date or
age under 18 counted from the document's own date) makes every identifying detail in it and the
next paragraph a high finding: the school, the class, the birth date, an age, family members,
the residence, a recognised name. A case with a minor but no such detail gives one medium.
Statute-like sentences (laws about minors in general) do not count.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.content.common import (
    Signal,
    age_at,
    anchor_paragraphs,
    collect_signals,
    doc_date,
    ground,
    paragraph_bounds,
)
from gkreview.detectors.content.trade_secret import mask_digits
from gkreview.detectors.data import surnames
from gkreview.finding import Finding

__all__ = ["MinorCaseDetector"]

_DETAILS = ("school", "class", "birth", "age", "family", "residence")
_LABEL = {
    "school": "就读学校",
    "class": "年级班级",
    "birth": "出生日期",
    "age": "年龄",
    "family": "家庭成员",
    "residence": "住所",
    "name": "姓名",
}
_AGE_CUES = frozenset({"年出生", "月出生", "月生", "岁）", "岁)"})
_CUT = "于在是为的到和与及对向从将把被了"
_CRIMINAL = ("判处", "犯罪", "刑事", "被告人", "有期徒刑")


class MinorCaseDetector(Detector):
    name = "content_minors"
    category = "sensitive_personal_info"
    reason_code = "ART14_LAW_PROHIBITED"
    label = "案件中未成年人的身份信息"
    stage = 3  # sees the names found at stage 2
    defaults = {"adult_age": 18, "max_findings": 20}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("minors")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        single, _compound = surnames()
        fact = str(self.ground.data["fact"]).replace("SURNAMES", "|".join(sorted(single)))
        self.fact = re.compile(fact)
        self.generic_school = self.ground.words("generic_school")

    def _classify(
        self, t: str, sig: list[Signal], on: _dt.date | None
    ) -> tuple[list[Signal], list[tuple[Signal, int | None]]]:
        """(minor evidence, identifying details with the age they show)."""
        adult = int(self.options["adult_age"])
        minors: list[Signal] = []
        details: list[tuple[Signal, int | None]] = []
        for s in sig:
            if s.name == "minor":
                if t[s.start : s.end] not in _AGE_CUES:  # 年出生/岁）: a gate only, the age decides
                    minors.append(s)
            elif s.name in ("birth", "age"):
                age = self._age(t[s.start : s.end], s.name, on)
                if age is not None and age >= adult:
                    continue  # an adult's birth date or age (a parent, an offender)
                if age is not None:
                    minors.append(s)
                details.append((s, age))
            elif s.name == "school":
                cut = self._school(t, s)
                if cut is not None:
                    details.append((cut, None))
            elif s.name in _DETAILS:
                details.append((s, None))
        return minors, details

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        if not any(self.fact.search(t, a, b) for a, b in anchor_paragraphs(ctx, self.ground)):
            return []  # a case is reported only in a paragraph stating a fact (the ``hot`` test below)
        sig = collect_signals(ctx, self.ground)
        if not any(s.name == "case" for s in sig):
            return []
        on = doc_date(ctx)
        t = ctx.folded
        minors, details = self._classify(t, sig, on)
        case_paras = {s.para for s in sig if s.name == "case"}
        hot = sorted(
            p for p in case_paras if any(m.para == p for m in minors) and self.fact.search(t, p[0], p[1])
        )
        if not hot:
            return []
        zone = set(hot)
        for _a, b in hot:  # the next non-empty line continues the account
            j = b + 1
            while j < len(t) and t[j] == "\n":
                j += 1
            if j < len(t):
                zone.add(paragraph_bounds(t, j))
        more = sorted(zone - {s.para for s in sig})
        if more:
            details += self._classify(t, collect_signals(ctx, self.ground, paras=more), on)[1]
        found = [(s, age) for s, age in details if s.para in zone]
        for f in ctx.findings:
            if f.detector == "person_name" and any(a <= f.start < b for a, b in zone):
                found.append((Signal("name", f.start, f.end, (0, 0), 2.0), None))
        criminal = any(w in t[a:b] for a, b in hot for w in _CRIMINAL)
        statute = "未成年人保护法 第一百零三条" + ("; 刑事诉讼法 第二百八十六条" if criminal else "")
        basis = f"{statute} → 政府信息公开条例 第十四条（法律禁止公开）" + (
            f"; ages counted from the document date {on.isoformat()}" if on else ""
        )
        if not found:
            head = next(s for s in sig if s.name == "case" and s.para in hot)
            return [
                self.make(
                    head.start,
                    head.end,
                    severity="medium",
                    score=0.55,
                    masked=ctx.text[head.start : head.end],
                    label="涉及未成年人的案件",
                    context_words=["case", "minor"],
                    explanation=f"a case involving a minor; no identifying detail found — check the text; {basis}",
                    extra={"ground": "minors", "statute": statute, "signals": ["case", "minor"]},
                )
            ]
        out = []
        found.sort(key=lambda x: x[0].start)
        for s, age in found[: int(self.options["max_findings"])]:
            span = ctx.text[s.start : s.end]
            out.append(
                self.make(
                    s.start,
                    s.end,
                    severity="high",
                    score=0.85,
                    masked=_mask(s.name, span),
                    label=f"案件中未成年人的{_LABEL[s.name]}",
                    context_words=[s.name],
                    explanation=f"{_LABEL[s.name]} in a case involving a minor"
                    + (f" (age {age})" if age is not None else "")
                    + f": identifying detail; {basis}",
                    extra={"ground": "minors", "statute": statute, "signals": ["case", "minor", s.name]},
                )
            )
        return out

    def _school(self, t: str, s: Signal) -> Signal | None:
        """The school's own name inside the match (leading words cut off), or None when generic."""
        span = t[s.start : s.end]
        if span in ("同校", "同班"):
            return s
        cut = max(span.rfind(c) for c in _CUT) + 1
        name = span[cut:]
        head = name[:-2] if not name.endswith(("初级中学", "高级中学")) else name[:-4]
        if len(head) < 2 or any(w in head for w in self.generic_school):
            return None
        return Signal(s.name, s.start + cut, s.end, s.para, s.weight)

    @staticmethod
    def _age(span: str, kind: str, on: _dt.date | None) -> int | None:
        digits = [int("".join(g)) for g in _groups(span)]
        if not digits:
            return None
        if kind == "age":
            return digits[0]
        if on is None:
            return None
        year = digits[0]
        month = digits[1] if len(digits) > 1 and 1 <= digits[1] <= 12 else None
        return age_at(year, month, on)


def _groups(span: str) -> list[str]:
    out: list[str] = []
    cur = ""
    for c in span:
        if c.isdigit() and c.isascii():
            cur += c
        elif cur:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _mask(kind: str, span: str) -> str:
    if kind in ("class", "birth", "age"):
        return mask_digits(span)
    if kind == "school":
        return "*" * max(0, len(span) - 2) + span[-2:]
    return mask_range(span, 2 if kind in ("family", "residence") else 1)
