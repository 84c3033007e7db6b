"""商业秘密 (条例 第十五条、第三十二条、第三十七条): a third party's technical or business information.

High: a named company (or 该公司/你公司 with a company named in the document) together with the
company's own claim (书面申明…属于商业秘密 / 不宜对外公开) and a value, or with two kinds of
concrete values (a formula with proportions, process parameters with units, a unit cost or contract
price with an amount, a named customer). Medium: one kind of value next to a company, the claim
alone, or the material a secret is in (产品配方, 源代码, 图纸…) said of a specific company in one
sentence (the lexicon reports those words alone at low: laws and policies name them in general
terms). Amounts in public contexts (中标, 预算, 罚款, 补贴…) do not count. Statute-like sentences
and court judgments stay below high.
"""

from __future__ import annotations

import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector
from gkreview.detectors.content.common import (
    Signal,
    collect_signals,
    ground,
    is_court_document,
    score,
    sentence_bounds,
)
from gkreview.finding import Finding

__all__ = ["TradeSecretDetector", "mask_digits"]

_VALUES = ("formula_values", "process_values", "money_values", "customer_named")


def mask_digits(span: str) -> str:
    """The span with every digit starred (keeps the words that say what the value is)."""
    return re.sub(r"[0-9]", "*", span)


class TradeSecretDetector(Detector):
    name = "content_trade_secret"
    category = "trade_secret"
    reason_code = "ART15_TRADE_SECRET"
    label = "第三方商业秘密"
    defaults = {"high_score": 5.0, "max_findings": 12}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("trade_secret")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        self.public_money = self.ground.words("public_money")
        self.referents = self.ground.words("referents")
        self.specific = self.ground.words("specific_referents")

    def detect(self, ctx: DetectContext) -> list[Finding]:
        raw = collect_signals(ctx, self.ground)
        if not raw:
            return []
        t = ctx.folded
        sig: list[Signal] = []
        companies = [s for s in raw if s.name == "company"]
        for s in raw:
            if s.name == "company":
                continue
            if s.name == "money_values":
                ss, se = sentence_bounds(t, s.start, *s.para)
                if any(w in t[ss:se] for w in self.public_money):
                    continue
            if s.name == "customer_words":
                ss, se = sentence_bounds(t, s.start, *s.para)
                if any(c.para == s.para and ss <= c.start < se for c in companies):
                    sig.append(Signal("customer_named", s.start, s.end, s.para, 2.0))
                    continue
            sig.append(s)
        names = {s.name for s in sig}
        values = [s for s in sig if s.name in _VALUES]
        claims = [s for s in sig if s.name == "claim"]
        materials = [s for s in sig if s.name == "material_words" and self._said_of_one(t, s, companies)]
        if not values and not claims and not materials:
            return []
        paras = [t[a:b] for a, b in sorted({s.para for s in sig})]
        has_company = bool(companies) or self._company_in_doc(ctx)
        referent = (
            bool(companies)
            or any(r in p for p in paras for r in self.specific)
            or (has_company and any(r in p for p in paras for r in self.referents))
        )
        kinds = {s.name for s in values}
        total = score(sig)
        sev = ""
        claimed = bool(claims) and bool(
            values or materials or names & {"formula_words", "cost_words", "price_words"}
        )
        if referent and (claimed or (len(kinds) >= 2 and total >= float(self.options["high_score"]))):
            sev = "high"
        elif (claims and referent) or (referent and kinds) or len(kinds) >= 2 or materials:
            sev = "medium"
        if not sev:
            return []
        if sev == "high" and is_court_document(ctx):
            sev = "medium"
        spans = claims + values + materials
        out = []
        for s in spans[: int(self.options["max_findings"])]:
            span = ctx.text[s.start : s.end]
            out.append(
                self.make(
                    s.start,
                    s.end,
                    severity=sev,
                    score=(0.85 if sev == "high" else 0.55) + (0.05 if s.name == "claim" else 0.0),
                    masked=span if s.name == "claim" else mask_digits(span),
                    context_words=[s.name],
                    explanation=(
                        f"{_WHAT[s.name]} "
                        + ("of a named third party" if referent else "(no company named)")
                        + f"; signals: {', '.join(sorted(names))}; 政府信息公开条例 第十五条（商业秘密）"
                        "，第三十二条（书面征求第三方意见），第三十七条（区分处理）"
                    ),
                    extra={
                        "ground": "trade_secret",
                        "statute": "政府信息公开条例 第十五条、第三十二条、第三十七条; 反不正当竞争法 第九条",
                        "signals": sorted(names),
                        "score": total,
                        "company_named": has_company,
                    },
                )
            )
        return out

    def _said_of_one(self, t: str, s: Signal, companies: list[Signal]) -> bool:
        """True when the sentence holding ``s`` names a company or points at one (该公司, 申报单位…)."""
        ss, se = sentence_bounds(t, s.start, *s.para)
        if any(c.para == s.para and ss <= c.start < se for c in companies):
            return True
        return any(r in t[ss:se] for r in self.specific)

    def _company_in_doc(self, ctx: DetectContext) -> bool:
        rx = self.ground.patterns["company"].rx
        return rx.search(ctx.folded) is not None


_WHAT = {
    "claim": "the third party's own claim that the information is a trade secret",
    "formula_values": "a formula with its proportions",
    "process_values": "process parameters with their values",
    "money_values": "a cost or contract price with its amount",
    "customer_named": "a named customer",
    "material_words": "the kind of material a company's secret is in (配方, 源代码, 图纸…), said of that company",
}
