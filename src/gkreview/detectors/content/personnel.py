"""干部考察材料: a specific cadre's health, property, spouse and family details (个人信息保护法 第二十八条;
政府信息公开条例 第十五条). High in an assessment context (考察材料, 考察组, 拟任, 民主推荐…); medium for
the same details said of a specific person elsewhere (a person looks). Statute-like sentences are
skipped: the rules on 个人有关事项报告 mention 配偶、房产 in general terms.
"""

from __future__ import annotations

import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.content.common import collect_signals, ground, is_law_document, sentence_bounds
from gkreview.finding import Finding

__all__ = ["PersonnelDetailDetector"]

_FACT = re.compile(r"(?:19|20)[0-9]{2}年|[0-9]+(?:\.[0-9]+)?[ \t]*(?:套|辆|万元|平方米)")
_KIND = {
    "health": ("健康状况", "sensitive_personal_info", "个人信息保护法 第二十八条（医疗健康）"),
    "property": ("财产状况", "sensitive_personal_info", "个人信息保护法 第二十八条（金融账户、财产）"),
    "spouse_family": ("配偶及家庭成员情况", "personal_info", "个人信息保护法 第四条"),
    "marriage": ("婚姻状况", "sensitive_personal_info", "个人信息保护法 第二十八条"),
}


class PersonnelDetailDetector(Detector):
    name = "content_personnel"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "考察材料中的个人信息"
    stage = 3
    defaults = {"max_findings": 20}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("personnel")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        self.referents = self.ground.words("referents")

    def detect(self, ctx: DetectContext) -> list[Finding]:
        sig = collect_signals(ctx, self.ground)
        details = [s for s in sig if s.name in _KIND]
        if not details:
            return []
        t = ctx.folded
        context = any(s.name == "context" for s in sig)
        law_text = is_law_document(ctx)
        names = [f for f in ctx.findings if f.detector == "person_name"]
        out: list[Finding] = []
        for s in details[: int(self.options["max_findings"])]:
            ss, se = sentence_bounds(t, s.start, *s.para)
            sent = t[ss:se]
            about = any(r in sent for r in self.referents) or any(ss <= f.start < se for f in names)
            if not about and not context:
                continue
            if not context and (
                law_text or not (_FACT.search(sent) or any(ss <= f.start < se for f in names))
            ):
                continue  # outside an assessment: only a statement of fact about someone
            if s.name == "marriage" and not context:
                continue
            sev = "high" if context and about else "medium"
            label, cat, statute = _KIND[s.name]
            out.append(
                self.make(
                    s.start,
                    s.end,
                    severity=sev,
                    score=0.8 if sev == "high" else 0.55,
                    masked=mask_range(ctx.text[s.start : s.end], 2),
                    label=f"{label}（个人信息）",
                    category=cat,
                    context_words=(s.name,),
                    explanation=(
                        f"{label} of a specific person"
                        + (" in a personnel assessment (干部考察材料)" if context else "")
                        + f"; {statute} → 政府信息公开条例 第十五条（个人隐私）"
                        + ("; the assessment itself: 第十六条第一款（人事管理）" if context else "")
                    ),
                    extra={
                        "ground": "personnel",
                        "statute": statute,
                        "signals": sorted({s.name, "context"} if context else {s.name}),
                    },
                )
            )
        return out
