"""The Chinese text summary of a report, for people at a terminal."""

from __future__ import annotations

from gkreview.document import Status
from gkreview.finding import SEVERITY_ZH
from gkreview.report import Report
from gkreview.suggestion import ATTRIBUTE_ZH, NOT_REVIEWED_ZH

__all__ = ["summary_zh"]

STATUS_ZH = {s.value: s.detail_zh for s in Status}  # derived: the labels live with the enum


def summary_zh(report: Report) -> str:
    s = report.suggestion
    g = report.gongwen
    lines = [
        f"文件：{report.path}",
        f"格式：{report.format}　页数：{report.pages}　状态：{STATUS_ZH.get(report.status, report.status)}",
    ]
    if report.error:
        lines.append(f"错误：{report.error.code}：{report.error.message}")
    for w in report.warnings[:10]:
        lines.append(f"注意：{w}")
    if g is not None:
        if g.title:
            lines.append(f"标题：{g.title}")
        meta = [x for x in (g.doc_number, g.doc_type, g.issuer, g.date) if x]
        if meta:
            lines.append("要素：" + "　".join(meta))
        if g.secrecy:
            lines.append(f"密级标志：{g.secrecy.level}★{g.secrecy.period or ''}")
    declared = ATTRIBUTE_ZH.get(s.declared_attribute or "", "未标注")
    lines.append("")
    if s.reviewed:
        attr = f"{ATTRIBUTE_ZH.get(s.attribute, s.attribute)}（置信度 {s.confidence or 0.0:.2f}）"
    else:
        attr = NOT_REVIEWED_ZH
    lines.append(f"建议公开属性：{attr}　附注标注：{declared}")
    flags = []
    if s.needs_redaction:
        flags.append("需区分处理（删除或遮盖敏感内容后公开）")
    if s.needs_human_review:
        flags.append("须人工审查确定")
    if s.declared_conflict:
        flags.append("！附注标注的公开属性与建议不一致")
    if flags:
        lines.append("提示：" + "；".join(flags))
    if s.model and s.model.get("probabilities"):
        probs = "，".join(
            f"{ATTRIBUTE_ZH.get(k, k)} {float(v):.2f}" for k, v in s.model["probabilities"].items()
        )
        lines.append(f"模型概率（仅供参考，法定理由优先）：{probs}")
    if s.rules_fired:
        lines.append("触发规则：" + "、".join(s.rules_fired))
    if s.reasons:
        lines.append("理由：")
        for r in s.reasons:
            ids = f"（依据：{', '.join(r.finding_ids)}）" if r.finding_ids else ""
            also = "另外适用：" if r.secondary else ""
            lines.append(f"  - {also}[{r.code}] {r.basis}：{r.explanation}{ids}")
            if r.action:
                lines.append(f"    处理：{r.action}")
    if report.findings:
        c = report.counts()
        lines.append(f"发现 {len(report.findings)} 处（高 {c['high']}，中 {c['medium']}，低 {c['low']}）：")
        for f in report.findings[:50]:
            page = f"第{f.page}页 " if f.page else ""
            lines.append(
                f"  {f.id} [{SEVERITY_ZH.get(f.severity, f.severity)}] {f.label or f.category} {f.masked}"
                f"　{page}@{f.start}-{f.end}　{f.reason_code}"
            )
        if len(report.findings) > 50:
            lines.append(f"  …… 另有 {len(report.findings) - 50} 处，见 --json 输出")
    else:
        lines.append("未发现需提示的内容。" if report.reviewable else "文件未能审查，不能视为无问题。")
    # the title, 要素 and reasons quote the document: flagged values in them are masked too
    return "\n".join([lines[0], *report.hide(lines[1:])])
