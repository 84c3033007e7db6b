// gkreview reviewer's page: talks to the API with fetch; no external assets, no innerHTML with data.
"use strict";

const ATTR_ZH = { active: "主动公开", on_request: "依申请公开", withheld: "不予公开" };
const SEV_ZH = { high: "高", medium: "中", low: "低" };
const STATUS_ZH = {
  ok: "已完整读取", partial: "部分页面无法读取（未读部分未经审查）", unreadable: "无法读取，未经审查",
  encrypted: "文件已加密，未经审查", unsupported: "格式不支持，未经审查", too_large: "文件超出大小限制，未经审查",
  timeout: "审查超时，未经审查", needs_ocr: "扫描件无文字层，需要OCR，未经审查",
  invalid_request: "请求有误", unauthorized: "未授权（需要 API 密钥）",
};

let current = null; // { report, source: File|Blob, name }

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function setStatus(node, text, cls) {
  node.textContent = text;
  node.className = cls || "";
}

async function errorText(resp) {
  try {
    const body = await resp.json();
    if (body && body.error) {
      const st = STATUS_ZH[body.status] || body.status || "";
      return `${st}：${body.error.message}（${body.error.code}，HTTP ${resp.status}）`;
    }
  } catch (_e) { /* not JSON */ }
  return `HTTP ${resp.status}`;
}

async function review(form, name, source) {
  setStatus($("status"), "正在审查……");
  $("result").hidden = true;
  $("decision").hidden = true;
  const url = "/v1/review?include_text=true";
  let resp;
  try {
    resp = await fetch(url, { method: "POST", body: form, credentials: "same-origin" });
  } catch (e) {
    setStatus($("status"), "无法连接服务：" + e, "err");
    return;
  }
  if (!resp.ok) {
    setStatus($("status"), "文件未能审查，不能视为无问题。" + (await errorText(resp)), "err");
    return;
  }
  const report = await resp.json();
  current = { report, source, name };
  setStatus($("status"), "审查完成。", "ok");
  showReport(report);
}

function showReport(r) {
  const s = r.suggestion;
  $("r-name").textContent = r.path;
  $("r-format").textContent = `${r.format} / ${r.pages ?? "?"} 页 · ${STATUS_ZH[r.status] || r.status}`;
  $("r-sha").textContent = r.sha256;
  // a file that was not (fully) read gets no attribute (suggestion.reviewed false): say so instead
  const reviewed = s.reviewed !== false;
  $("r-attribute").textContent = reviewed ? ATTR_ZH[s.attribute] || s.attribute : "未能审查（不作属性建议）";
  $("r-attribute").dataset.attribute = reviewed ? s.attribute : "";
  $("r-confidence").textContent =
    reviewed && s.confidence !== undefined && s.confidence !== null ? `置信度 ${Number(s.confidence).toFixed(2)}` : "";
  const flags = [];
  if (s.needs_redaction) flags.push("需区分处理（遮盖敏感内容后公开）");
  if (s.needs_human_review) flags.push("须人工审查确定");
  $("r-flags").textContent = flags.join("；");
  const declared = s.declared_attribute || (r.gongwen && r.gongwen.declared_attribute);
  $("r-declared").textContent = declared ? ATTR_ZH[declared] || declared : "未标注";
  $("r-conflict").hidden = !s.declared_conflict;

  const reasons = $("r-reasons");
  reasons.replaceChildren();
  for (const reason of s.reasons || []) {
    const li = el("li");
    if (reason.secondary) li.append(el("span", "另外适用：", "muted"));
    li.append(el("strong", reason.basis || reason.code), " ", el("span", `[${reason.code}]`, "muted"));
    li.append(el("div", reason.explanation));
    if (reason.action) li.append(el("div", "处理：" + reason.action, "muted"));
    if (reason.article_text) {
      const d = el("details");
      d.append(el("summary", "条文"), el("div", reason.article_text));
      li.append(d);
    }
    reasons.append(li);
  }
  $("r-no-reasons").hidden = (s.reasons || []).length > 0;

  const tbody = $("r-findings").querySelector("tbody");
  tbody.replaceChildren();
  for (const f of r.findings) {
    const tr = el("tr");
    tr.dataset.finding = f.id;
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.className = "accept";
    box.dataset.finding = f.id;
    const label = el("label");
    label.append(box, " 遮盖");
    tr.append(el("td", f.id), el("td", f.label || f.category), el("td", SEV_ZH[f.severity] || f.severity, "sev-" + f.severity + "-text"),
      el("td", f.masked, "mono"), el("td", f.page ?? ""), el("td", f.reason_code), el("td"));
    tr.lastChild.append(label);
    tbody.append(tr);
  }
  $("r-count").textContent = `（${r.findings.length} 处）`;
  $("r-no-findings").hidden = r.findings.length > 0;
  $("r-findings").hidden = r.findings.length === 0;

  const text = $("r-text");
  text.replaceChildren();
  const view = r.text_view;
  if (view) {
    for (const seg of view.segments) {
      if (seg.masked !== undefined) {
        const m = el("mark", seg.masked, "sev-" + seg.severity);
        m.dataset.findings = seg.finding_ids.join(",");
        m.title = seg.finding_ids.join(", ");
        text.append(m);
      } else {
        text.append(document.createTextNode(seg.text));
      }
    }
    $("r-truncated").hidden = !view.truncated;
  }
  $("result").hidden = false;

  // decision defaults: the suggestion
  for (const radio of document.querySelectorAll("input[name=final]")) radio.checked = radio.value === s.attribute;
  $("d-codes").value = (s.reasons || []).map((x) => x.code).join(", ");
  $("d-ref").value = (r.gongwen && r.gongwen.doc_number) || "";
  $("d-reason").value = "";
  updateReasonRequired();
  setStatus($("decision-status"), "");
  $("download-status").textContent = "";
  $("decision").hidden = false;
}

function finalAttribute() {
  const c = document.querySelector("input[name=final]:checked");
  return c ? c.value : null;
}

function updateReasonRequired() {
  const needs = finalAttribute() === "withheld";
  $("reason-required").hidden = !needs;
  $("d-reason").required = needs;
}

async function decide(ev) {
  ev.preventDefault();
  if (!current) return;
  const final = finalAttribute();
  const reviewer = $("d-reviewer").value.trim();
  const reason = $("d-reason").value.trim();
  if (!final) return setStatus($("decision-status"), "请选择最终公开属性。", "err");
  if (!reviewer) return setStatus($("decision-status"), "请填写审查人。", "err");
  if (final === "withheld" && !reason) return setStatus($("decision-status"), "不予公开须填写理由。", "err");
  const redactions = [...document.querySelectorAll("input.accept")].map((b) => ({ finding_id: b.dataset.finding, accepted: b.checked }));
  const body = {
    review_id: current.report.review_id, final_attribute: final, redactions, reason, reviewer,
    reason_codes: $("d-codes").value.split(/[,，\s]+/).filter(Boolean), document_ref: $("d-ref").value.trim() || null,
  };
  const resp = await fetch("/v1/decisions", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin",
  });
  if (!resp.ok) return setStatus($("decision-status"), "未能记录：" + (await errorText(resp)), "err");
  const rec = await resp.json();
  try { localStorage.setItem("gkreview.reviewer", reviewer); } catch (_e) { /* private mode */ }
  setStatus($("decision-status"), `已记录（记录编号 ${rec.record_id}）：${ATTR_ZH[rec.final_attribute]}`, "ok");
  loadRecords();
}

async function download() {
  if (!current) return;
  const accepted = [...document.querySelectorAll("input.accept")].filter((b) => b.checked).map((b) => b.dataset.finding);
  const form = new FormData();
  form.append("file", current.source, current.name);
  form.append("finding_ids", accepted.join(","));
  $("download-status").textContent = "正在生成……";
  const resp = await fetch("/v1/redact", { method: "POST", body: form, credentials: "same-origin" });
  if (resp.status === 501) { $("download-status").textContent = "本安装不支持生成区分处理副本。"; return; }
  if (!resp.ok) { $("download-status").textContent = "未能生成：" + (await errorText(resp)); return; }
  const blob = await resp.blob();
  const cd = resp.headers.get("content-disposition") || "";
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = m ? decodeURIComponent(m[1]) : "redacted";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  $("download-status").textContent = "已生成。";
}

function recordsQuery() {
  const q = new URLSearchParams();
  if ($("f-attribute").value) q.set("attribute", $("f-attribute").value);
  if ($("f-since").value) q.set("since", $("f-since").value);
  if ($("f-until").value) q.set("until", $("f-until").value);
  return q;
}

async function loadRecords(ev) {
  if (ev) ev.preventDefault();
  const q = recordsQuery();
  $("csv-link").href = "/v1/decisions.csv" + (q.toString() ? "?" + q : "");
  q.set("limit", "50");
  const resp = await fetch("/v1/decisions?" + q, { credentials: "same-origin" });
  const tbody = $("records-table").querySelector("tbody");
  if (!resp.ok) { tbody.replaceChildren(); return; }
  const data = await resp.json();
  tbody.replaceChildren();
  for (const d of data.items) {
    const tr = el("tr");
    tr.dataset.record = d.record_id;
    tr.append(el("td", new Date(d.decided_at).toLocaleString("zh-CN")), el("td", d.document_name),
      el("td", ATTR_ZH[d.suggested_attribute] || d.suggested_attribute), el("td", ATTR_ZH[d.final_attribute] || d.final_attribute),
      el("td", `${d.redactions_accepted} / ${d.redactions_rejected}`), el("td", d.reason), el("td", d.reviewer));
    tbody.append(tr);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  try { $("d-reviewer").value = localStorage.getItem("gkreview.reviewer") || ""; } catch (_e) { /* ignore */ }
  $("upload-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = $("file").files[0];
    if (!f) return setStatus($("status"), "请先选择文件。", "err");
    const form = new FormData();
    form.append("file", f, f.name);
    review(form, f.name, f);
  });
  $("text-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("text-input").value;
    if (!text.trim()) return setStatus($("status"), "请先粘贴文本。", "err");
    const name = $("text-name").value.trim() || "粘贴文本.txt";
    const blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    const form = new FormData();
    form.append("file", blob, name);
    review(form, name, blob);
  });
  for (const radio of document.querySelectorAll("input[name=final]")) radio.addEventListener("change", updateReasonRequired);
  $("decision-form").addEventListener("submit", decide);
  $("download-btn").addEventListener("click", download);
  $("records-form").addEventListener("submit", loadRecords);
  loadRecords();
});
