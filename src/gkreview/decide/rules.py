"""The rule engine: facts about a draft, rules from YAML, and which rules fire on which evidence.

Rules are data (``data/rules.yaml`` + the profile); this module only knows the condition
vocabulary, documented at the top of ``rules.yaml``. Regexes compile when the profile loads, so a
bad rule fails at load time with the rule's id, not in the middle of a batch.

Every fired rule carries the ids of the findings it rests on: the findings its ``findings``
condition matched, then the findings its ``evidence`` spec selects (by default those of at least
medium severity with the rule's own reason code), those covering the span the rule matched (the 密级 mark, the title, a regex hit in
the text) first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gkreview.errors import ConfigurationError
from gkreview.finding import SEVERITY_RANK, Finding

__all__ = ["KINDS", "Facts", "Fired", "Rule", "evaluate", "facts_of", "supporting_findings", "validate_rules"]

KINDS = (
    "mandatory",
    "scope",
    "content",
    "redaction",
    "human",
    "note",
    "discretionary",
    "proactive",
    "on_request",
)
LIST_KEYS = ("doc_type", "subtype", "direction", "issuer_type")
REGEX_KEYS = ("title", "title_not", "head", "head_not", "text", "text_not")
BOOL_KEYS = ("secrecy", "circulation_scope", "addressees_internal_only")
COMBINERS = ("any", "all", "not")
FINDING_KEYS = {"category", "code", "min_severity", "max_severity", "min_score", "min_count"}
EVIDENCE_KEYS = FINDING_KEYS - {"min_count"}


@dataclass(frozen=True)
class Facts:
    """What the rules can look at (built once per document)."""

    title: str = ""
    head: str = ""
    text: str = ""
    doc_type: str | None = None
    subtype: str | None = None
    direction: str | None = None
    issuer_type: str | None = None
    secrecy: str | None = None  # e.g. "机密★5年"
    circulation_scope: str | None = None
    addressees: tuple[str, ...] = ()
    addressees_internal_only: bool = False
    findings: tuple[Finding, ...] = ()
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # 公文 element → (start, end) in the text


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    code: str
    when: dict[str, Any]
    priority: int = 50
    form: bool = False
    explanation: str = ""
    needs_human_review: bool = False
    # a cue of a ground gkreview may not decide alone (第十四、十五条, a prohibiting law): a person must look,
    # and the suggestion reaches --fail-on high (gkreview.failon)
    content_cue: bool = False
    # a 第十六条 cue from the content: the model alone cannot make the draft 主动公开
    outranks_model: bool = False
    # which findings support the rule's reason (finding-condition keys); None: the rule's own code
    evidence: dict[str, Any] | None = None
    compiled: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Fired:
    rule: Rule
    evidence: tuple[str, ...] = ()
    finding_ids: tuple[str, ...] = ()


def _compile_when(when: Any, where: str) -> Any:
    """Validate a condition and return it with regexes compiled."""
    if not isinstance(when, dict) or not when:
        raise ConfigurationError(f"{where}: 'when' must be a non-empty mapping")
    out: dict[str, Any] = {}
    for key, value in when.items():
        if key in LIST_KEYS:
            if not isinstance(value, list):
                raise ConfigurationError(f"{where}: {key} must be a list")
            out[key] = value
        elif key in REGEX_KEYS:
            values = value if isinstance(value, list) else [value]
            try:
                out[key] = [re.compile(str(v)) for v in values]
            except re.error as exc:
                raise ConfigurationError(f"{where}: bad regex in {key}: {exc}") from exc
        elif key in BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigurationError(f"{where}: {key} must be true or false")
            out[key] = value
        elif key == "findings":
            if not isinstance(value, dict) or set(value) - FINDING_KEYS:
                raise ConfigurationError(f"{where}: findings takes only {sorted(FINDING_KEYS)}")
            if any(value.get(k, "low") not in SEVERITY_RANK for k in ("min_severity", "max_severity")):
                raise ConfigurationError(f"{where}: min_severity/max_severity must be low, medium or high")
            out[key] = value
        elif key in ("any", "all"):
            if not isinstance(value, list) or not value:
                raise ConfigurationError(f"{where}: {key} must be a non-empty list of conditions")
            out[key] = [_compile_when(v, f"{where}.{key}[{i}]") for i, v in enumerate(value)]
        elif key == "not":
            out[key] = _compile_when(value, f"{where}.not")
        else:
            raise ConfigurationError(
                f"{where}: unknown condition {key!r} "
                f"(known: {', '.join(LIST_KEYS + REGEX_KEYS + BOOL_KEYS + ('findings', *COMBINERS))})"
            )
    return out


def validate_rules(raw: Sequence[dict[str, Any]], *, source: str = "") -> list[Rule]:
    from gkreview import law

    known_codes = set(law.codes())
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, r in enumerate(raw):
        where = f"{source}: rule {r.get('id', i)!s}"
        if not isinstance(r, dict) or not r.get("id"):
            raise ConfigurationError(f"{where}: every rule needs an id")
        if r["id"] in seen:
            raise ConfigurationError(f"{where}: duplicate rule id")
        seen.add(r["id"])
        if r.get("kind") not in KINDS:
            raise ConfigurationError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if r.get("code") not in known_codes:
            raise ConfigurationError(
                f"{where}: unknown reason code {r.get('code')!r} (see gkreview.law.codes())"
            )
        evidence = r.get("evidence")
        if evidence is not None and (
            not isinstance(evidence, dict)
            or set(evidence) - EVIDENCE_KEYS
            or evidence.get("min_severity", "low") not in SEVERITY_RANK
        ):
            raise ConfigurationError(
                f"{where}: evidence takes only {sorted(EVIDENCE_KEYS)} (min_severity low, medium or high)"
            )
        priority = r.get("priority", 50)
        if not isinstance(priority, int) or not 0 <= priority <= 100:
            raise ConfigurationError(f"{where}: priority must be an integer 0–100")
        rules.append(
            Rule(
                id=str(r["id"]),
                kind=str(r["kind"]),
                code=str(r["code"]),
                when=r.get("when") or {},
                priority=priority,
                form=bool(r.get("form", False)),
                explanation=str(r.get("explanation") or ""),
                needs_human_review=bool(r.get("needs_human_review", False)),
                content_cue=bool(r.get("content_cue", False)),
                outranks_model=bool(r.get("outranks_model", False)),
                evidence=dict(evidence) if evidence is not None else None,
                compiled=_compile_when(r.get("when"), where),
            )
        )
    return rules


def facts_of(
    text: str,
    gongwen: Any,
    findings: Sequence[Finding],
    *,
    head_chars: int,
    text_chars: int,
    internal_patterns: Sequence[re.Pattern[str]] = (),
) -> Facts:
    g = gongwen
    title = (g.title if g is not None and g.title else "") or _first_line(text)
    addressees = tuple(g.addressees) if g is not None else ()
    internal_only = bool(addressees) and all(
        any(p.search(a.strip()) for p in internal_patterns) for a in addressees
    )
    secrecy = None
    spans: dict[str, tuple[int, int]] = {}
    if g is not None:
        spans = {k: (int(v[0]), int(v[1])) for k, v in (getattr(g, "spans", None) or {}).items()}
    if g is not None and g.secrecy is not None:
        secrecy = g.secrecy.raw or f"{g.secrecy.level}★{g.secrecy.period or ''}"
        if g.secrecy.start >= 0 and "secrecy" not in spans:
            spans["secrecy"] = (g.secrecy.start, g.secrecy.end)
    return Facts(
        title=re.sub(r"\s+", "", title),
        head=text[:head_chars],
        text=text[:text_chars],
        doc_type=getattr(g, "doc_type", None),
        subtype=getattr(g, "subtype", None),
        direction=getattr(g, "direction", None),
        issuer_type=getattr(g, "issuer_type", None),
        secrecy=secrecy,
        circulation_scope=getattr(g, "circulation_scope", None),
        addressees=addressees,
        addressees_internal_only=internal_only,
        findings=tuple(findings),
        spans=spans,
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:80]
    return ""


class _Match:
    __slots__ = ("evidence", "finding_ids", "spans")

    def __init__(self) -> None:
        self.evidence: list[str] = []
        self.finding_ids: list[str] = []
        self.spans: list[tuple[int, int]] = []  # where in the text the rule's evidence sits

    def take(self, other: _Match) -> None:
        self.evidence.extend(other.evidence)
        self.finding_ids.extend(other.finding_ids)
        self.spans.extend(other.spans)


def _search(patterns: list[re.Pattern[str]], s: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(s)
        if m:
            return m
    return None


# the 公文 element a condition reads (its span is where the supporting findings are looked for first)
_ELEMENT = {
    "doc_type": "title",
    "subtype": "title",
    "title": "title",
    "secrecy": "secrecy",
    "circulation_scope": "circulation_scope",
    "addressees_internal_only": "addressees",
}


def _holds(cond: dict[str, Any], f: Facts, m: _Match) -> bool:
    for key, value in cond.items():
        if key in _ELEMENT and _ELEMENT[key] in f.spans:
            m.spans.append(f.spans[_ELEMENT[key]])
        if key in LIST_KEYS:
            v = getattr(f, key)
            if v not in value:
                return False
            if v:
                m.evidence.append(f"{_LABEL[key]}：{_VALUE_ZH.get(v, v)}")
        elif key in ("title", "head", "text"):
            hit = _search(value, getattr(f, key))
            if hit is None:
                return False
            if key != "title":  # head and text are prefixes of the document text: same offsets
                m.spans.append(hit.span())
            m.evidence.append(
                f"标题含“{hit.group(0)}”" if key == "title" else f"文中“{hit.group(0).strip()}”"
            )
        elif key in ("title_not", "head_not", "text_not"):
            if _search(value, getattr(f, key[:-4])) is not None:
                return False
        elif key == "secrecy":
            if bool(f.secrecy) != value:
                return False
            if f.secrecy:
                m.evidence.append(f.secrecy)
        elif key == "circulation_scope":
            if bool(f.circulation_scope) != value:
                return False
            if f.circulation_scope:
                m.evidence.append(f.circulation_scope)
        elif key == "addressees_internal_only":
            if f.addressees_internal_only != value:
                return False
            if value:
                m.evidence.append("主送：" + "、".join(f.addressees[:3]))
        elif key == "findings":
            hits = _finding_hits(value, f.findings)
            if len(hits) < int(value.get("min_count", 1)):
                return False
            m.finding_ids.extend(h.id for h in hits if h.id)
            m.spans.extend((h.start, h.end) for h in hits)
            labels = []
            for h in hits:
                lab = h.label or _CATEGORY_ZH.get(h.category, "文中标出的内容")
                if lab not in labels:
                    labels.append(lab)
            m.evidence.append("、".join(labels[:4]) + (f"等{len(hits)}处" if len(hits) > 1 else ""))
        elif key == "any":
            for sub in value:
                trial = _Match()
                if _holds(sub, f, trial):
                    m.take(trial)
                    break
            else:
                return False
        elif key == "all":
            trial = _Match()
            if not all(_holds(sub, f, trial) for sub in value):
                return False
            m.take(trial)
        elif key == "not" and _holds(value, f, _Match()):
            return False
    return True


_LABEL = {"doc_type": "文种", "subtype": "文件类型", "direction": "行文方向", "issuer_type": "发文机关类型"}
# a finding without a label is named by its category in Chinese (explanations carry no English tokens)
_CATEGORY_ZH = {
    "personal_info": "个人信息",
    "sensitive_personal_info": "敏感个人信息",
    "secrecy_mark": "密级标志",
    "work_secret": "工作秘密标志",
    "trade_secret": "商业秘密",
    "security": "安全稳定信息",
    "internal_affairs": "内部事务信息",
    "process_info": "过程性信息",
    "enforcement_file": "执法案卷信息",
    "negative_list": "负面清单事项",
    "legacy_citation": "旧版条款引用",
    "organisation_id": "机构代码",
}
# the 公文 parser's English values of direction and issuer_type, as explanations show them
_VALUE_ZH = {
    "upward": "上行文",
    "downward": "下行文",
    "parallel": "平行文",
    "public": "公布性文件",
    "government": "行政机关",
    "party": "党的机关",
    "joint": "党政机关联合",
    "other": "其他",
}


def _finding_hits(spec: dict[str, Any], findings: Sequence[Finding]) -> list[Finding]:
    cats = set(spec.get("category") or [])
    codes = set(spec.get("code") or [])
    min_rank = SEVERITY_RANK[spec.get("min_severity", "low")]
    max_rank = SEVERITY_RANK[spec.get("max_severity", "high")]
    min_score = float(spec.get("min_score", 0.0))
    out = []
    for x in findings:
        if cats and x.category not in cats:
            continue
        if codes and x.reason_code not in codes:
            continue
        if x.rank < min_rank or x.rank > max_rank or x.score < min_score:
            continue
        out.append(x)
    return out


class _Spans:
    """Spans merged into sorted disjoint intervals: an overlap test is one bisect (O(log n))."""

    __slots__ = ("ends", "points", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.points = sorted(a for a, b in spans if a == b)  # empty spans: a point strictly inside counts
        merged: list[list[int]] = []
        for a, b in sorted(sp for sp in spans if sp[0] < sp[1]):
            if merged and a < merged[-1][1]:  # overlapping (touching spans stay apart: [a, b) is open)
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a span (an empty one: lies strictly inside)."""
        i = bisect_right(self.starts, start) - 1  # the last span starting at or before ``start``
        if i >= 0 and start < self.ends[i] and (start < end or self.starts[i] < start):
            return True
        j = i + 1  # the next span starts after ``start``: it overlaps when it starts before ``end``
        if j < len(self.starts) and self.starts[j] < end:
            return True
        k = bisect_right(self.points, start)
        return k < len(self.points) and self.points[k] < end


def _overlaps(x: Finding, spans: Sequence[tuple[int, int]]) -> bool:
    return _Spans(spans).overlaps(x.start, x.end)


def supporting_findings(
    rule: Rule, findings: Sequence[Finding], spans: Sequence[tuple[int, int]]
) -> list[str]:
    """Ids of the findings that support ``rule``'s reason: those covering ``spans`` first."""
    spec = rule.evidence if rule.evidence is not None else {"code": [rule.code], "min_severity": "medium"}
    hits = [x for x in _finding_hits(spec, findings) if x.id]
    where = _Spans(spans)
    hits.sort(key=lambda x: (not where.overlaps(x.start, x.end), x.start))
    return [x.id for x in hits]


def evaluate(rules: Sequence[Rule], facts: Facts) -> list[Fired]:
    """The rules that fire on these facts, in table order, each with its evidence and finding ids."""
    fired = []
    for r in rules:
        m = _Match()
        if _holds(r.compiled, facts, m):
            ev = tuple(dict.fromkeys(e for e in m.evidence if e))
            ids = m.finding_ids + supporting_findings(r, facts.findings, m.spans)
            fired.append(Fired(r, ev, tuple(dict.fromkeys(ids))))
    return fired
