"""HTML: one self-contained page for reviewers (Chinese interface, no network, inline CSS/JS).

On top the summary (counts, what needs a person first); then a sortable, filterable table of the
documents; then per document its reasons with the article text and each finding's evidence in
context with the sensitive values masked. Everything taken from a document or a file name is
escaped; the page carries a Content-Security-Policy that forbids any network access.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import sys
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from gkreview.errors import OutputError
from gkreview.outputs.common import (
    ATTENTION_ZH,
    SEVERITY_RANK,
    SEVERITY_ZH,
    STATUS_ZH,
    ScanSummary,
    attention,
    displayable,
    max_severity,
    row_of,
)
from gkreview.suggestion import ATTRIBUTE_ZH, NOT_REVIEWED_ZH

if TYPE_CHECKING:
    from gkreview.outputs.result import ScanResult

__all__ = ["HtmlWriter", "render_html"]

_SLOT = re.compile(r"\{\{(\w+)\}\}")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _template() -> str:
    return resources.files("gkreview.outputs").joinpath("templates/report.html").read_text(encoding="utf-8")


def _row_html(i: int, report: Mapping[str, Any]) -> str:
    row = row_of(report)
    s = report.get("suggestion") or {}
    att = attention(report)
    sev = max_severity(report)
    n = len(report.get("findings") or [])
    search = " ".join(str(row[k]) for k in ("path", "title", "doc_number", "reasons", "error")).lower()
    conflict = bool(s.get("declared_conflict"))
    title = _e(row["title"]) + (
        f'<br><span class="muted">{_e(row["doc_number"])}</span>' if row["doc_number"] else ""
    )
    status_cls = "" if report.get("status") == "ok" else " bad"
    declared = _e(row["declared"]) + (' <span class="tag bad">冲突</span>' if conflict else "")
    return (
        f'<tr class="att-{att}" data-att="{att}" data-satt="{att}" data-attr="{_e(s.get("attribute") if s.get("reviewed", True) else "not_reviewed")}" '
        f'data-status="{_e(report.get("status"))}" data-sev="{_e(sev)}" data-ssev="{SEVERITY_RANK.get(sev, 0)}" '
        f'data-sn="{n}" data-conflict="{int(conflict)}" data-search="{_e(search)}" '
        f'data-sha="{_e(report.get("sha256"))}" data-path="{_e(row["path"])}">'
        '<td><input type="checkbox" class="done" aria-label="已复核"></td>'
        f"<td>{_e(ATTENTION_ZH[att])}</td>"
        f'<td class="path"><a href="#d{i}">{_e(row["path"])}</a></td>'
        f"<td>{title}</td>"
        f'<td><span class="tag{status_cls}">{_e(row["status"])}</span></td>'
        f"<td>{_e(row['attribute'])}</td>"
        f"<td>{declared}</td>"
        f'<td class="sev-{_e(sev)}">{_e(SEVERITY_ZH.get(sev, ""))}</td>'
        f"<td>{n}</td>"
        f"<td>{_e(row['reasons'])}</td></tr>"
    )


def _detail_html(i: int, report: Mapping[str, Any], evidence: Mapping[str, list[str]]) -> str:
    row = row_of(report)
    s = report.get("suggestion") or {}
    g = report.get("gongwen") or {}
    parts = [f'<details class="doc" id="d{i}"><summary>{_e(row["path"])}</summary>']
    meta = [
        f"读取状态：{_e(row['status'])}",
        f"格式：{_e(row['format'])}",
        f"页数：{_e(row['pages'])}",
        f"建议：{_e(row['attribute'])}"
        + (f"（置信度 {_e(row['confidence'])}）" if row["confidence"] != "" else ""),
        f"附注标注：{_e(row['declared'])}",
    ]
    if s.get("needs_redaction"):
        meta.append('<span class="tag bad">需区分处理</span>')
    if s.get("needs_human_review"):
        meta.append('<span class="tag">须人工审查</span>')
    if s.get("declared_conflict"):
        meta.append('<span class="tag bad">附注标注与建议不一致</span>')
    parts.append("<p>" + "　".join(meta) + "</p>")
    if row["title"] or row["doc_number"]:
        parts.append(
            f"<p>标题：{_e(row['title'])}　文号：{_e(row['doc_number'])}　成文日期：{_e(g.get('date') or '')}</p>"
        )
    if row["error"]:
        parts.append(
            f'<p class="sev-high">错误：{_e(row["error"])}（此文件未经完整审查，不能视为无问题）</p>'
        )
    if s.get("summary_zh"):
        parts.append(f"<p>{_e(s['summary_zh'])}</p>")
    reasons = s.get("reasons") or []
    if reasons:
        parts.append("<h4>理由与依据</h4><ol>")
        for r in reasons:
            ids = "、".join(str(x) for x in r.get("finding_ids") or [])
            also = '<span class="muted">另外适用：</span>' if r.get("secondary") else ""
            parts.append(
                f"<li>{also}<b>{_e(r.get('code'))}</b>　{_e(r.get('basis'))}：{_e(r.get('explanation'))}"
                + (f'<span class="muted">（依据发现：{_e(ids)}）</span>' if ids else "")
            )
            if r.get("article_text"):
                parts.append(f"<blockquote>{_e(r['article_text'])}</blockquote>")
            if r.get("action"):
                parts.append(f"<div>处理建议：{_e(r['action'])}</div>")
            parts.append("</li>")
        parts.append("</ol>")
    findings = report.get("findings") or []
    if findings:
        parts.append(
            "<h4>发现（敏感值已遮盖）</h4><table><thead><tr><th>编号</th><th>严重程度</th><th>内容</th>"
            "<th>页码</th><th>上下文</th><th>理由代码</th></tr></thead><tbody>"
        )
        for f in findings:
            ev = evidence.get(str(f.get("id")))
            if ev:
                ctx = (
                    f'<span class="ev">…{_e(ev[0])}<mark class="masked">{_e(ev[1])}</mark>{_e(ev[2])}…</span>'
                )
            else:
                ctx = f'<mark class="masked">{_e(f.get("masked"))}</mark>'
            sev = str(f.get("severity", ""))
            parts.append(
                f'<tr><td>{_e(f.get("id"))}</td><td class="sev-{_e(sev)}">{_e(SEVERITY_ZH.get(sev, sev))}</td>'
                f"<td>{_e(f.get('label') or f.get('category'))}</td><td>{_e(f.get('page') or '')}</td>"
                f"<td>{ctx}</td><td>{_e(f.get('reason_code'))}</td></tr>"
            )
        parts.append("</tbody></table>")
    elif report.get("status") == "ok":
        parts.append("<p>未发现需提示的内容。</p>")
    parts.append("</details>")
    return "".join(parts)


def _cards(summary: ScanSummary) -> str:
    cards = [("文件总数", summary.total, False), ("未能审查", summary.not_reviewed, summary.not_reviewed > 0)]
    cards.append(("需人工处理", len(summary.need_person), False))
    for attr in ("active", "on_request", "withheld"):
        cards.append((f"建议{ATTRIBUTE_ZH[attr]}", summary.by_attribute.get(attr, 0), False))
    for st, n in sorted(summary.by_status.items()):
        if st != "ok":
            cards.append((STATUS_ZH.get(st, st), n, True))
    return "".join(
        f'<div class="card{" warn" if warn else ""}"><span>{_e(label)}</span><b>{n}</b></div>'
        for label, n, warn in cards
    )


def _attention_list(summary: ScanSummary, index_of: Mapping[str, int], limit: int = 30) -> str:
    if not summary.need_person:
        return "<p>没有需要人工处理的文件。</p>"
    items = []
    for att, path, why in sorted(summary.need_person)[:limit]:
        i = index_of.get(path)
        link = f'<a href="#d{i}">{_e(path)}</a>' if i is not None else _e(path)
        items.append(f'<li>[{_e(ATTENTION_ZH[att])}] {link}　<span class="muted">{_e(why)}</span></li>')
    more = len(summary.need_person) - limit
    tail = f'<p class="muted">另有 {more} 个，见下表（可按优先级排序、筛选）。</p>' if more > 0 else ""
    return f"<h3>优先处理（共 {len(summary.need_person)} 个）</h3><ol>" + "".join(items) + "</ol>" + tail


def render_html(
    results: list[tuple[dict[str, Any], dict[str, list[str]]]], summary: ScanSummary | None = None
) -> str:
    """The page for ``results`` ((report object, evidence) pairs), ordered by what needs a person first."""
    from gkreview._version import __version__

    ordered = sorted(results, key=lambda t: (attention(t[0]), str(t[0].get("path", ""))))
    if summary is None:
        summary = ScanSummary()
        for report, _ev in ordered:
            summary.add(report)
    index_of = {str(r.get("path", "")): i for i, (r, _ev) in enumerate(ordered)}
    statuses = sorted({str(r.get("status")) for r, _ in ordered})
    values = {
        "generated": _e(_dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        "version": _e(__version__),
        "cards": _cards(summary),
        "attention": _attention_list(summary, index_of),
        "attr_options": "".join(
            f'<option value="{a}">{_e(z)}</option>'
            for a, z in [*ATTRIBUTE_ZH.items(), ("not_reviewed", NOT_REVIEWED_ZH)]
        ),
        "status_options": "".join(
            f'<option value="{_e(s)}">{_e(STATUS_ZH.get(s, s))}</option>' for s in statuses
        ),
        "rows": "\n".join(_row_html(i, r) for i, (r, _ev) in enumerate(ordered)),
        "details": "\n".join(_detail_html(i, r, ev) for i, (r, ev) in enumerate(ordered)),
    }
    # one pass, so text from a document can never be taken for a slot
    return _SLOT.sub(lambda m: values.get(m.group(1), ""), _template())


class HtmlWriter:
    """Collects results and writes the page when it closes (to ``out``, or stdout when None)."""

    def __init__(self, out: str | os.PathLike[str] | None) -> None:
        self.out = out
        self._results: list[tuple[dict[str, Any], dict[str, list[str]]]] = []

    def write(self, result: ScanResult) -> None:
        self._results.append((result.to_dict(), dict(result.evidence)))

    def close(self, summary: ScanSummary | None = None) -> None:
        page = displayable(render_html(self._results, summary))
        try:
            if self.out is None:
                sys.stdout.write(page)
                sys.stdout.flush()
            else:
                with open(self.out, "w", encoding="utf-8") as fh:
                    fh.write(page)
        except OSError as exc:
            raise OutputError(f"cannot write {self.out}: {exc}") from exc
