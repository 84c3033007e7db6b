"""What every people-facing output shares: the table columns, the row of one report, the order in
which documents need a person, and the run summary (counts by status and by attribute)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gkreview import failon
from gkreview.document import Status
from gkreview.finding import SEVERITY_RANK, SEVERITY_ZH
from gkreview.suggestion import ATTRIBUTE_ZH, NOT_REVIEWED_ZH

__all__ = [
    "ATTENTION_ZH",
    "COLUMNS",
    "FINDING_COLUMNS",
    "SEVERITY_RANK",
    "SEVERITY_ZH",
    "STATUS_ZH",
    "ScanSummary",
    "attention",
    "displayable",
    "finding_rows",
    "max_severity",
    "row_of",
    "safe_cell",
    "top_reasons",
]

STATUS_ZH = {s.value: s.label_zh for s in Status}  # derived: the labels live with the enum

# (key, Chinese header) — one row per document, the same in CSV, XLSX and the HTML table
COLUMNS: tuple[tuple[str, str], ...] = (
    ("path", "文件"),
    ("title", "标题"),
    ("doc_number", "文号"),
    ("format", "格式"),
    ("pages", "页数"),
    ("status", "读取状态"),
    ("error", "错误"),
    ("attribute", "建议公开属性"),
    ("declared", "附注标注属性"),
    ("conflict", "标注冲突"),
    ("needs_redaction", "需区分处理"),
    ("needs_human_review", "需人工审查"),
    ("confidence", "置信度"),
    ("severity", "最高严重程度"),
    ("high", "高"),
    ("medium", "中"),
    ("low", "低"),
    ("reasons", "主要理由"),
    ("attention", "处理优先级"),
    ("sha256", "sha256"),
)

FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("path", "文件"),
    ("id", "编号"),
    ("severity", "严重程度"),
    ("category", "类别"),
    ("label", "内容"),
    ("masked", "遮盖后的值"),
    ("page", "页码"),
    ("start", "起"),
    ("end", "止"),
    ("reason_code", "理由代码"),
    ("detector", "检测器"),
    ("score", "得分"),
    ("context", "上下文（已遮盖）"),
)

ATTENTION_ZH = {0: "1 未能审查", 1: "2 高风险", 2: "3 需区分处理", 3: "4 需人工确认", 4: "5 无需处理"}

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # undecodable bytes of a file name (os.fsdecode)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # for a terminal: no line breaks, no escape sequences


def safe_cell(value: Any) -> Any:
    """A value safe for a spreadsheet cell: no control characters, no formula (CSV/Excel injection)."""
    if not isinstance(value, str):
        return value
    value = _SURROGATE.sub("\ufffd", _ILLEGAL.sub("\ufffd", value))
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return value


def displayable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name shown as U+FFFD (for CSV/XLSX/HTML)."""
    return _SURROGATE.sub("\ufffd", text)


def max_severity(report: Mapping[str, Any]) -> str:
    return failon.max_severity(str(f.get("severity", "")) for f in report.get("findings") or [])


def attention(report: Mapping[str, Any]) -> int:
    """0 not reviewed · 1 withheld / high / declared conflict · 2 to redact / medium · 3 a person
    should confirm · 4 nothing to do. Smaller comes first."""
    s = report.get("suggestion") or {}
    if report.get("status") != "ok":
        return 0
    sev = max_severity(report)
    if s.get("attribute") == "withheld" or sev == "high" or s.get("declared_conflict"):
        return 1
    if s.get("needs_redaction") or sev == "medium":
        return 2
    if s.get("needs_human_review") or sev == "low":
        return 3
    return 4


def _reason_rank(r: Mapping[str, Any]) -> int:
    """What a reviewer must act on first: the deciding grounds before the secondary ones; within each,
    reasons tied to findings, then restrictions and flags for a person, then the grounds to publish,
    then how to handle the file (第十八、二十六条: housekeeping, never the reason it is listed)."""
    base = 4 if r.get("secondary") else 0
    if r.get("finding_ids"):
        return base
    modality = r.get("modality")
    if modality in ("mandatory", "mandatory_with_override", "discretionary", "flag"):
        return base + 1
    if modality == "handling":
        return base + 3
    return base + 2


def top_reasons(report: Mapping[str, Any], n: int = 3) -> list[str]:
    """The ``n`` reasons a reviewer should read first, as "CODE 《basis》"."""
    reasons = list((report.get("suggestion") or {}).get("reasons") or [])
    out = []
    for r in sorted(reasons, key=_reason_rank)[:n]:
        basis = r.get("basis") or ""
        out.append(f"{r.get('code', '')} {basis}".strip())
    return out


def _counts(report: Mapping[str, Any]) -> dict[str, int]:
    c = {"high": 0, "medium": 0, "low": 0}
    for f in report.get("findings") or []:
        sev = f.get("severity")
        if sev in c:
            c[sev] += 1
    return c


def _zh_bool(v: Any) -> str:
    return "是" if v else "否"


def row_of(report: Mapping[str, Any]) -> dict[str, Any]:
    """The table row of one report object (values for people: Chinese labels, no raw spans)."""
    s = report.get("suggestion") or {}
    g = report.get("gongwen") or {}
    err = report.get("error") or {}
    declared = s.get("declared_attribute") or g.get("declared_attribute")
    counts = _counts(report)
    att = attention(report)
    return {
        "path": str(report.get("path", "")),
        "title": g.get("title") or "",
        "doc_number": g.get("doc_number") or "",
        "format": report.get("format") or "",
        "pages": report.get("pages") or 0,
        "status": STATUS_ZH.get(str(report.get("status")), str(report.get("status"))),
        "error": f"{err.get('code', '')}: {err.get('message', '')}" if err else "",
        "attribute": ATTRIBUTE_ZH.get(str(s.get("attribute")), str(s.get("attribute")))
        if s.get("reviewed", True)
        else NOT_REVIEWED_ZH,
        "declared": ATTRIBUTE_ZH.get(str(declared), "未标注") if declared else "未标注",
        "conflict": _zh_bool(s.get("declared_conflict")),
        "needs_redaction": _zh_bool(s.get("needs_redaction")),
        "needs_human_review": _zh_bool(s.get("needs_human_review")),
        "confidence": "" if s.get("confidence") is None else round(float(s.get("confidence") or 0.0), 2),
        "severity": SEVERITY_ZH.get(max_severity(report), ""),
        "high": counts["high"],
        "medium": counts["medium"],
        "low": counts["low"],
        "reasons": "；".join(top_reasons(report)),
        "attention": ATTENTION_ZH[att],
        "sha256": str(report.get("sha256", "")),
    }


def finding_rows(
    report: Mapping[str, Any], evidence: Mapping[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    rows = []
    for f in report.get("findings") or []:
        ev = (evidence or {}).get(str(f.get("id")))
        rows.append(
            {
                "path": str(report.get("path", "")),
                "id": f.get("id", ""),
                "severity": SEVERITY_ZH.get(str(f.get("severity")), str(f.get("severity"))),
                "category": f.get("category", ""),
                "label": f.get("label", ""),
                "masked": f.get("masked", ""),
                "page": f.get("page"),
                "start": f.get("start"),
                "end": f.get("end"),
                "reason_code": f.get("reason_code", ""),
                "detector": f.get("detector", ""),
                "score": f.get("score"),
                "context": f"…{ev[0]}【{ev[1]}】{ev[2]}…" if ev else "",
            }
        )
    return rows


def was_reviewed(report: Mapping[str, Any]) -> bool:
    """True when the file was fully read and the suggestion is a real one (not fail-closed)."""
    s = report.get("suggestion") or {}
    return str(report.get("status")) == "ok" and s.get("reviewed", True) is not False


@dataclass
class ScanSummary:
    """Counts of a run, filled as records arrive."""

    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_attribute: Counter[str] = field(default_factory=Counter)
    by_attention: Counter[int] = field(default_factory=Counter)
    need_person: list[tuple[int, str, str]] = field(default_factory=list)  # (attention, path, why)
    reached: int = 0
    # files not (fully) reviewed: counted here, never under by_attribute (their "withheld" only means
    # 未经审查不得发布, not a suggestion)
    unreviewed: int = 0

    def add(self, report: Mapping[str, Any], *, reached: bool = False) -> None:
        self.total += 1
        self.by_status[str(report.get("status"))] += 1
        if was_reviewed(report):
            self.by_attribute[str((report.get("suggestion") or {}).get("attribute"))] += 1
        else:
            self.unreviewed += 1
        att = attention(report)
        self.by_attention[att] += 1
        self.reached += int(reached)
        if att < 4:
            row = row_of(report)
            why = row["status"] if att == 0 else (row["reasons"] or ATTENTION_ZH[att][2:])
            self.need_person.append((att, row["path"], why))

    @property
    def not_reviewed(self) -> int:
        return self.unreviewed

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_status": dict(self.by_status),
            "by_attribute": dict(self.by_attribute),
            "not_reviewed": self.not_reviewed,
            "need_person": len(self.need_person),
            "reached_fail_on": self.reached,
        }

    def format_zh(self, limit: int = 20) -> str:
        st = "，".join(f"{STATUS_ZH.get(k, k)} {v}" for k, v in sorted(self.by_status.items()))
        at = "，".join(f"{ATTRIBUTE_ZH.get(k, k)} {v}" for k, v in sorted(self.by_attribute.items()))
        if self.unreviewed:
            at = "，".join(x for x in (at, f"未能审查 {self.unreviewed}") if x)
        lines = [f"共 {self.total} 个文件：{st or '无'}", f"建议公开属性：{at or '无'}"]
        if self.not_reviewed:
            lines.append(f"！{self.not_reviewed} 个文件未能完整审查，不能视为已通过审查")
        if self.need_person:
            lines.append(f"需要人工处理 {len(self.need_person)} 个（按优先级）：")
            for att, path, why in sorted(self.need_person)[:limit]:
                lines.append(f"  [{ATTENTION_ZH[att]}] {_CONTROL.sub('?', path)}　{_CONTROL.sub('?', why)}")
            if len(self.need_person) > limit:
                lines.append(f"  …… 另有 {len(self.need_person) - limit} 个，见报告")
        return "\n".join(lines)
