"""The result of ``parse``: a ``Gongwen`` with its elements, and its ``Secrecy`` mark."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Gongwen", "Secrecy"]


@dataclass(frozen=True)
class Secrecy:
    level: str  # 绝密 | 机密 | 秘密
    period: str | None  # "5年" | "长期" | "启用前" | None
    start: int = -1
    end: int = -1
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "period": self.period, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Gongwen:
    title: str | None = None
    doc_number: str | None = None
    doc_type: str | None = None  # one of the 15 文种 of 党政机关公文处理工作条例, else None
    subtype: str | None = None  # 办法/规定/方案/细则/规划… when the title names one
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD
    secrecy: Secrecy | None = None
    declared_attribute: str | None = None  # active | on_request | withheld
    declared_text: str | None = None  # the 附注 / 公开方式 line as written
    addressees: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    copy_number: str | None = None  # 份号
    urgency: str | None = None  # 特急 | 加急 | 特提 | 平急
    signer: str | None = None  # 签发人
    attachments: tuple[str, ...] = ()
    annotation: str | None = None  # 附注 text
    print_issuer: str | None = None  # 印发机关
    print_date: str | None = None
    direction: str | None = None  # upward | downward | parallel | public
    issuer_type: str | None = None  # government | party | joint | other
    doc_number_problems: tuple[str, ...] = ()  # e.g. "wrong_brackets"
    circulation_scope: str | None = None  # （此件发至县级）
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False)
    # additions (issue #2)
    issuers: tuple[str, ...] = ()  # every issuing organ found (joint documents have several)
    issuer_mark: str | None = None  # 发文机关标志 as printed ("巴中市人民政府文件")
    relay: str | None = None  # 印发 | 转发 | 批转 … when the document carries another one
    draft_marker: str | None = None  # 征求意见稿 | 送审稿 | 草案 … found in the title
    declared_note: str | None = None  # e.g. "删减后公开" (declared active, with redactions)
    registration_number: str | None = None  # 规范性文件统一登记号, e.g. "SDPR—2020—0010001"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "doc_type": self.doc_type,
            "subtype": self.subtype,
            "issuer": self.issuer,
            "date": self.date,
            "secrecy": self.secrecy.to_dict() if self.secrecy else None,
            "declared_attribute": self.declared_attribute,
            "declared_text": self.declared_text,
            "addressees": list(self.addressees),
            "cc": list(self.cc),
            "copy_number": self.copy_number,
            "urgency": self.urgency,
            "signer": self.signer,
            "attachments": list(self.attachments),
            "annotation": self.annotation,
            "print_issuer": self.print_issuer,
            "print_date": self.print_date,
            "direction": self.direction,
            "issuer_type": self.issuer_type,
            "doc_number_problems": list(self.doc_number_problems),
            "circulation_scope": self.circulation_scope,
            "issuers": list(self.issuers),
            "issuer_mark": self.issuer_mark,
            "relay": self.relay,
            "draft_marker": self.draft_marker,
            "declared_note": self.declared_note,
            "registration_number": self.registration_number,
            "spans": {k: list(v) for k, v in self.spans.items()},
        }
