"""The attribute suggestion measured on a labelled corpus (what ``gkreview evaluate`` runs and prints).

Runs the whole review (reader, 公文 parser, detectors, rules, model) over every labelled document
and keeps real and synthetic documents apart: accuracy is claimed on real documents only.
``split="test"`` keeps only documents the model did not train on (by the split in its sidecar);
``inject_secrecy`` adds a 密级 mark to each real document's 版头 and checks it is withheld;
``title_table`` gives the model's probabilities for title patterns (请示/报告/申请/情况 vs
征求意见/意见/办法).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.training.corpus import Example, LoadStats, load, split_of
from gkreview.training.metrics import classification_report, format_report

if TYPE_CHECKING:
    from gkreview.decide.model import LinearModel
    from gkreview.review import Reviewer

__all__ = [
    "LABELS",
    "evaluate",
    "format_evaluation",
    "format_reliability",
    "format_titles",
    "reliability",
    "title_table",
]

LABELS = ("active", "on_request", "withheld")

# Title patterns after Policy Transparency in China (2024): these lean away from / towards release.
TITLE_PROBES = {
    "away": [
        "{org}关于申请追加{topic}专项经费的请示",
        "关于{topic}有关问题的请示",
        "{org}关于{topic}工作情况的报告",
        "关于{topic}的报告",
        "关于{topic}的申请",
        "关于{topic}开展情况",
        "{org}关于{topic}有关情况的汇报",
    ],
    "towards": [
        "关于公开征求《{topic}管理办法（征求意见稿）》意见的通知",
        "{org}关于{topic}的征求意见稿",
        "关于{topic}的意见",
        "{org}关于加快推进{topic}的实施意见",
        "{org}{topic}管理办法",
        "关于印发《{topic}实施办法》的通知",
        "{topic}暂行办法",
    ],
}
TITLE_ORGS = ["济南市人民政府办公厅", "浙江省教育厅", "郑州市财政局", "青岛市生态环境局"]
TITLE_TOPICS = ["城市道路", "养老服务", "农村供水", "中小学课后服务", "公共停车场", "政府投资项目"]


def title_table(model: LinearModel) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for lean, patterns in TITLE_PROBES.items():
        for pat in patterns:
            ps = []
            for org in TITLE_ORGS:
                for topic in TITLE_TOPICS:
                    t = pat.format(org=org, topic=topic)
                    ps.append(model.predict_proba(t, t))
            n = len(ps)
            rows.append(
                {
                    "lean": lean,
                    "pattern": pat,
                    "n": n,
                    **{f"p_{k}": round(sum(p[k] for p in ps) / n, 3) for k in LABELS},
                    "argmax_active_share": round(
                        sum(1 for p in ps if max(p, key=lambda k: p[k]) == "active") / n, 3
                    ),
                }
            )
    means: dict[str, float] = {}
    for lean in TITLE_PROBES:
        sel = [r for r in rows if r["lean"] == lean]
        means[lean] = round(sum(r["p_active"] for r in sel) / len(sel), 3)
    return {"rows": rows, "mean_p_active": means}


def format_titles(tab: dict[str, Any]) -> str:
    lines = ["title pattern (model alone, title as the whole input)          P(active) P(on_req) P(withheld)"]
    for r in tab["rows"]:
        lines.append(
            f"  [{r['lean']:<7}] {r['pattern']:<40} {r['p_active']:>8.3f} {r['p_on_request']:>8.3f} {r['p_withheld']:>9.3f}"
        )
    m = tab["mean_p_active"]
    lines.append(f"mean P(active): lean away {m['away']:.3f}  ·  lean towards {m['towards']:.3f}")
    return "\n".join(lines)


def _inject(text: str) -> str:
    return "000127\n机密★5年\n" + text


@dataclass
class _Tally:
    """What the loop counts, document by document."""

    y_true: dict[str, list[str]] = field(default_factory=lambda: {"real": [], "synthetic": []})
    y_pred: dict[str, list[str]] = field(default_factory=lambda: {"real": [], "synthetic": []})
    flags: Counter[str] = field(default_factory=Counter)
    secrecy_total: int = 0
    secrecy_ok: int = 0
    declared_total: int = 0
    declared_ok: int = 0
    declared_gongwen_ok: int = 0
    p_active: list[tuple[float, bool]] = field(default_factory=list)  # (model P(active), label is active)


def _review_one(reviewer: Reviewer, ex: Example, text: str, inject: bool, tally: _Tally) -> str:
    """The full pipeline's suggestion for one document; counts its flags and declared attribute."""
    from gkreview import gongwen as _gongwen
    from gkreview.review import text_document

    doc = text_document(text, ex.id)
    doc = doc.with_gongwen(_gongwen.parse(doc.text))
    report = reviewer.review_document(doc)
    s = report.suggestion
    tally.flags["needs_human_review"] += int(s.needs_human_review)
    tally.flags["needs_redaction"] += int(s.needs_redaction)
    probs = (s.model or {}).get("probabilities")
    if probs and not inject:
        tally.p_active.append((float(probs.get("active", 0.0)), ex.label == "active"))
    if inject:
        tally.secrecy_total += 1
        tally.secrecy_ok += int(
            s.attribute == "withheld" and any(r.code == "ART14_STATE_SECRET" for r in s.reasons)
        )
    if ex.meta.get("declared") == "active":
        tally.declared_total += 1
        tally.declared_ok += int(s.declared_attribute == "active")
        g = report.gongwen
        tally.declared_gongwen_ok += int(g is not None and g.declared_attribute == "active")
    return s.attribute


def _class_report(y_true: list[str], y_pred: list[str]) -> dict[str, Any]:
    rep = classification_report(y_true, y_pred, LABELS)
    active_real = [p for t, p in zip(y_true, y_pred, strict=True) if t == "active"]
    rep["false_withhold_rate"] = active_real.count("withheld") / len(active_real) if active_real else None
    rep["f2_withheld"] = rep["per_class"]["withheld"]["f2"]
    return rep


def evaluate(
    reviewer: Reviewer,
    corpus: Iterable[str | Path],
    *,
    labels: str | Path | None = None,
    split: str = "test",
    limit: int | None = None,
    inject_secrecy: bool = False,
    model_only: bool = False,
) -> dict[str, Any]:
    """Measure ``reviewer`` on the labelled documents of ``corpus`` (folders and/or JSONL(.gz) files).

    Returns ``documents``, ``seconds``, ``flags``, ``split``, a classification report per kind
    (``real``, ``synthetic``) with ``false_withhold_rate`` and ``f2_withheld``, and when they apply
    ``declared_active`` and ``secrecy_injected``.
    """
    model = reviewer.decider.model
    meta_split = (model.meta.get("split") if model else None) or {}
    salt, frac = meta_split.get("salt", "gkreview-split-1"), float(meta_split.get("test_fraction", 0.2))
    t0 = time.perf_counter()
    tally = _Tally()
    n = 0
    for ex in load(corpus, labels=labels, stats=LoadStats(), strip_declared=False):
        if ex.label not in LABELS:
            continue
        if split != "all" and model is not None and split_of(ex.split_key, frac, salt) != split:
            continue
        if limit is not None and n >= limit:
            break
        n += 1
        kind = "synthetic" if ex.synthetic else "real"
        inject = inject_secrecy and not ex.synthetic
        text = _inject(ex.text) if inject else ex.text
        if model_only and model is not None:
            p = model.predict_proba(text, ex.title)
            pred = max(p, key=lambda k: p[k])
        else:
            pred = _review_one(reviewer, ex, text, inject, tally)
        tally.y_true[kind].append(ex.label)
        tally.y_pred[kind].append(pred)
    out: dict[str, Any] = {
        "documents": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "flags": dict(tally.flags),
        "split": split,
    }
    for kind in ("real", "synthetic"):
        if tally.y_true[kind]:
            out[kind] = _class_report(tally.y_true[kind], tally.y_pred[kind])
    if tally.declared_total:
        out["declared_active"] = {
            "n": tally.declared_total,
            "suggestion_declared_active": tally.declared_ok,
            "gongwen_declared_active": tally.declared_gongwen_ok,
        }
    if tally.p_active:
        out["reliability"] = reliability(tally.p_active)
    if inject_secrecy:
        out["secrecy_injected"] = {"n": tally.secrecy_total, "withheld_with_ART14": tally.secrecy_ok}
    return out


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> list[dict[str, Any]]:
    """Calibration of P(active): per bin of the predicted probability, how many documents, their mean
    P(active) and the share that really is active (real and synthetic documents together)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        rows.append(
            {
                "bin": f"[{lo:.1f}, {hi:.1f}{']' if b == bins - 1 else ')'}",
                "n": len(sel),
                "mean_p_active": round(sum(p for p, _ in sel) / len(sel), 4) if sel else None,
                "observed_active": round(sum(y for _, y in sel) / len(sel), 4) if sel else None,
            }
        )
    return rows


def format_reliability(rows: Sequence[dict[str, Any]]) -> str:
    lines = [
        "reliability of the model's P(active) (full pipeline, real + synthetic documents)",
        "  bin          n  mean P  observed active",
    ]
    for r in rows:
        if r["n"]:
            lines.append(
                f"  {r['bin']:<10} {r['n']:>5}  {r['mean_p_active']:.3f}  {r['observed_active']:.3f}"
            )
    return "\n".join(lines)


def _format_kind(kind: str, rep: dict[str, Any], inject_secrecy: bool) -> list[str]:
    label = (
        "REAL documents"
        if kind == "real"
        else "SYNTHETIC documents (generated; not evidence of real accuracy)"
    )
    if kind == "real" and inject_secrecy:
        label = "REAL documents WITH AN INJECTED 密级 MARK (withheld is the expected answer)"
    lines = ["", format_report(rep, f"{label}: {rep['n']}"), f"F2(withheld) {rep['f2_withheld']:.3f}"]
    if rep["false_withhold_rate"] is not None and not (kind == "real" and inject_secrecy):
        row = rep["confusion"][LABELS.index("active")]
        withheld, total = row[LABELS.index("withheld")], sum(row)
        lines.append(
            f"false-withhold rate on {kind} published (active) documents: "
            f"{rep['false_withhold_rate']:.2%} ({withheld}/{total})"
        )
    return lines


def format_evaluation(out: dict[str, Any], *, inject_secrecy: bool = False) -> str:
    """The text report of ``evaluate``'s result (``out`` may carry ``model`` and ``profile``)."""
    lines: list[str] = []
    for kind in ("real", "synthetic"):
        if kind in out:
            lines += _format_kind(kind, out[kind], inject_secrecy)
    if "declared_active" in out:
        d = out["declared_active"]
        lines.append(
            f"\ndocuments declaring 主动公开 in their 附注: {d['n']}; declared_attribute active: "
            f"suggestion {d['suggestion_declared_active']}, gongwen {d['gongwen_declared_active']}"
        )
    if "reliability" in out:
        lines.append("\n" + format_reliability(out["reliability"]))
    if "secrecy_injected" in out:
        s = out["secrecy_injected"]
        lines.append(
            f"\ninjected secrecy marks: {s['withheld_with_ART14']}/{s['n']} withheld with ART14_STATE_SECRET"
        )
    flags = out["flags"]
    lines.append(
        f"\n{out['documents']} documents in {out['seconds']:.1f}s; needs_human_review "
        f"{flags.get('needs_human_review', 0)}, needs_redaction {flags.get('needs_redaction', 0)}; "
        f"model {out.get('model')}; profile {out.get('profile')}"
    )
    return "\n".join(lines)
