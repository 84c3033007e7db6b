"""The disclosure-attribute suggestion and its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["ATTRIBUTE_ZH", "NOT_REVIEWED_ZH", "Attribute", "Reason", "Suggestion"]


class Attribute(StrEnum):
    ACTIVE = "active"  # 主动公开
    ON_REQUEST = "on_request"  # 依申请公开
    WITHHELD = "withheld"  # 不予公开


ATTRIBUTE_ZH = {"active": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"}
NOT_REVIEWED_ZH = "未能审查（不作属性建议）"  # shown instead of an attribute when the file was not read


@dataclass(frozen=True)
class Reason:
    code: str
    basis: str  # e.g. 《政府信息公开条例》第十四条
    explanation: str
    finding_ids: tuple[str, ...] = ()
    modality: str = ""  # mandatory | mandatory_with_override | discretionary | handling | proactive
    article_text: str = ""
    action: str = ""  # what the reviewer should do
    rule: str = ""  # which rule fired
    # a further ground that applies but did not decide the attribute (listed after the deciding one:
    # it still counts if the deciding ground falls away, e.g. once a secret document is declassified)
    secondary: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "basis": self.basis,
            "explanation": self.explanation,
            "finding_ids": list(self.finding_ids),
            "modality": self.modality,
            "article_text": self.article_text,
            "action": self.action,
            "rule": self.rule,
            "secondary": self.secondary,
        }


@dataclass(frozen=True)
class Suggestion:
    attribute: str
    needs_redaction: bool
    needs_human_review: bool
    reasons: tuple[Reason, ...]
    confidence: float | None = 0.0  # None: not reviewed, no attribute suggested
    declared_conflict: bool = False
    declared_attribute: str | None = None
    model: dict[str, Any] | None = None  # model name + class probabilities, when a model ran
    rules_fired: tuple[str, ...] = ()
    summary_zh: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    local_attribute: str | None = None  # a profile's local name, e.g. 删减后公开 (active + 区分处理)
    decided_by: str = ""  # the rule (or model_active / default_on_request / fail_closed) that decided
    notes: tuple[str, ...] = ()  # Chinese notes for the reviewer (declared conflict, rule vs model …)
    profile: str = ""  # the agency profile used
    # the codes of content cues (第十四、十五条, a prohibiting law) a person must weigh: --fail-on high
    content_cues: tuple[str, ...] = ()
    # False when the document was not (fully) read: no attribute is suggested; ``attribute`` is then
    # ``withheld`` only as 未经审查不得发布 (the contract requires one of the three values)
    reviewed: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "attribute_zh": ATTRIBUTE_ZH.get(self.attribute, self.attribute)
            if self.reviewed
            else NOT_REVIEWED_ZH,
            "needs_redaction": self.needs_redaction,
            "needs_human_review": self.needs_human_review,
            "confidence": None if self.confidence is None else round(float(self.confidence), 4),
            "reasons": [r.to_dict() for r in self.reasons],
            "declared_conflict": self.declared_conflict,
            "declared_attribute": self.declared_attribute,
            "model": self.model,
            "rules_fired": list(self.rules_fired),
            "summary_zh": self.summary_zh,
            "local_attribute": self.local_attribute,
            "decided_by": self.decided_by,
            "notes": list(self.notes),
            "profile": self.profile,
            "content_cues": list(self.content_cues),
            "reviewed": self.reviewed,
        }
