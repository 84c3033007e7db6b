"""经济安全 / 社会稳定 (条例 第十四条): a concrete risk together with stability operations.

High needs a concrete risk (a risk metric with its value, an outflow with an amount) *and*
operational measures (a 舆情 script, police 稳控 deployment) in the same document, with enough
distinct signal families (score ≥ ``high_score``). Two families in one paragraph give a medium
(a person looks); single words give nothing (the lexicon already reports them at low).
"""

from __future__ import annotations

from typing import Any

from gkreview.detectors.base import DetectContext, Detector
from gkreview.detectors.content.common import Signal, collect_signals, ground, is_court_document, score
from gkreview.finding import Finding

__all__ = ["SecurityStabilityDetector"]

_CONCRETE = ("metric_value", "outflow_amount", "crowd_numbers")
_CONCRETE_ANY = (*_CONCRETE, "below_floor")
_OPS = ("media_script", "quoted_script", "police_stability", "police_numbers")
_CONTEXT = ("institution", "risk_words")


class SecurityStabilityDetector(Detector):
    name = "content_security"
    category = "security"
    reason_code = "ART14_SECURITY_STABILITY"
    label = "可能危及经济安全、社会稳定的内容"
    defaults = {"high_score": 6.0, "medium_score": 3.0}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("security")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass

    def detect(self, ctx: DetectContext) -> list[Finding]:
        sig = collect_signals(ctx, self.ground)
        if len({s.name for s in sig}) < 2:
            return []
        names = {s.name for s in sig}
        total = score(sig)
        concrete = [s for s in sig if s.name in _CONCRETE]
        ops = [s for s in sig if s.name in _OPS]
        high = (
            bool(concrete)
            and bool(ops)
            and bool(names & {*_CONTEXT, *_CONCRETE_ANY} - {concrete[0].name})
            and total >= float(self.options["high_score"])
            and not is_court_document(ctx)
        )
        if high:
            head = concrete[0]
            return [self._finding(ctx, head, sig, "high", min(0.95, 0.6 + total / 20), total)]
        # medium: two families in one paragraph, or a concrete risk of a named institution
        by_para: dict[tuple[int, int], list[Signal]] = {}
        for s in sig:
            by_para.setdefault(s.para, []).append(s)
        best: tuple[float, list[Signal]] | None = None
        for group in by_para.values():
            sc = score(group)
            enough = len({s.name for s in group}) >= 2 and sc >= float(self.options["medium_score"])
            if enough and (best is None or sc > best[0]):
                best = (sc, group)
        if best is None and concrete and "institution" in names:
            best = (total, sig)
        if best is None:
            return []
        group = best[1]
        head = next((s for s in group if s.name in _CONCRETE_ANY), None) or max(group, key=lambda s: s.weight)
        return [self._finding(ctx, head, sig, "medium", 0.55, best[0])]

    def _finding(
        self, ctx: DetectContext, head: Signal, sig: list[Signal], sev: str, sc: float, total: float
    ) -> Finding:
        names = sorted({s.name for s in sig})
        return self.make(
            head.start,
            head.end,
            severity=sev,
            score=sc,
            masked=ctx.text[head.start : head.end],
            context_words=[ctx.folded[s.start : s.end] for s in sig if s.name in self.ground.families][:8],
            explanation=(
                f"{'concrete' if sev == 'high' else 'possible'} risk content: {', '.join(names)} "
                f"(score {total:g}); 政府信息公开条例 第十四条（公开后可能危及经济安全、社会稳定）— "
                "a reviewer states the concrete risk"
            ),
            extra={
                "ground": "security_stability",
                "statute": "政府信息公开条例 第十四条",
                "signals": names,
                "score": total,
                "evidence": [[s.start, s.end, s.name] for s in sig[:20]],
            },
        )
