"""信访 handling opinions: one person's case (政府信息公开条例 第十五条; 个人信息保护法 第二十五条).

In a 信访 context (信访人, 信访事项, 你于…来信反映, 处理意见书): a rural address down to the 组 and
house number, and a private third party named after a relation word (邻居吴某某) with an alleged wrong
in the same sentence, are high. Outside such a context the house-numbered rural address is medium
(a person checks whether it is an individual's home) and the named party is not reported.
"""

from __future__ import annotations

from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.content.common import collect_signals, ground, sentence_bounds
from gkreview.detectors.data import surnames
from gkreview.finding import Finding

__all__ = ["PetitionDetector"]


class PetitionDetector(Detector):
    name = "content_petition"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "信访件中的个人信息"
    stage = 3
    defaults = {"max_findings": 20}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("petition")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        self.violations = self.ground.words("violations")
        self.single, self.compound = surnames()

    def detect(self, ctx: DetectContext) -> list[Finding]:
        sig = collect_signals(ctx, self.ground)
        found = [s for s in sig if s.name in ("rural_address", "named_party")]
        if not found:
            return []
        t = ctx.folded
        context = any(s.name == "context" for s in sig) or "信访" in t[: ctx.header_end]
        taken = [(f.start, f.end) for f in ctx.findings if f.detector == "home_address"]
        out: list[Finding] = []
        for s in found[: int(self.options["max_findings"])]:
            span = t[s.start : s.end]
            if s.name == "rural_address":
                start = _village_start(span) + s.start
                house = span.endswith("号")
                if not context and not house:
                    continue
                if any(a <= start and s.end <= b for a, b in taken):
                    continue
                sev = "high" if context else "medium"
                out.append(
                    self._make(
                        ctx,
                        start,
                        s.end,
                        sev,
                        "住址（村组门牌）",
                        mask_range(ctx.text[start : s.end], 3),
                        "a rural address down to the 组" + ("/house number" if house else ""),
                        context,
                    )
                )
                continue
            if not context:
                continue
            m = self.ground.patterns["named_party"].rx.match(t, s.start)
            if m is None:
                continue
            ns, ne = m.span(1)
            name = t[ns:ne]
            if not (name[0] in self.single or name[:2] in self.compound):
                continue
            ss, se = sentence_bounds(t, ns)
            wrong = next((w for w in self.violations if w in t[ss:se]), None)
            if wrong is None:
                continue
            out.append(
                self._make(
                    ctx,
                    ns,
                    ne,
                    "high",
                    "第三人姓名（被反映违法）",
                    mask_range(ctx.text[ns:ne], 1),
                    f"a private third party named with an alleged wrong ({wrong})",
                    context,
                )
            )
        return out

    def _make(
        self, ctx: DetectContext, s: int, e: int, sev: str, label: str, masked: str, why: str, context: bool
    ) -> Finding:
        return self.make(
            s,
            e,
            severity=sev,
            score=0.8 if sev == "high" else 0.55,
            masked=masked,
            label=label,
            context_words=("信访",) if context else (),
            explanation=f"{why}"
            + (" in a 信访 case (one person's matter)" if context else "")
            + "; 政府信息公开条例 第十五条（个人隐私）; 个人信息保护法 第二十五条",
            extra={
                "ground": "petition",
                "statute": "个人信息保护法 第二十五条",
                "signals": [label, "信访" if context else ""],
            },
        )


_CUT = "在于到住的是和与及、，,从向对"


def _village_start(span: str) -> int:
    """Offset of the village name in a rural_address match (the words before it cut off)."""
    k = span.find("村")
    cut = max(span.rfind(c, 0, k) for c in _CUT) + 1
    if k - cut > 4:
        cut = k - 3
    return cut
