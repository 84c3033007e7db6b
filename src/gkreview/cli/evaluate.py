"""gkreview evaluate CORPUS... [--model DIR] [--split test|train|all]

Runs the whole review (reader, 公文 parser, detectors, rules, model) over a labelled corpus and
prints per-class precision/recall/F1, F2 for ``withheld``, the confusion matrix, and the
false-withhold rate on real published documents. Real and synthetic documents are reported apart:
accuracy is claimed on real documents only.

``--split test`` keeps only documents the model did not train on (by the split in its sidecar).
``--inject-secrecy`` adds a 密级 mark to each real document's 版头 and checks it is withheld.
``--titles`` prints the model's probabilities for title patterns (请示/报告/申请/情况 vs 征求意见/意见/办法).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from typing import Any

from gkreview.cli._common import print_json

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


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help="measure the attribute suggestion on a labelled corpus",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("corpus", nargs="*", help="folders of documents and/or .jsonl/.jsonl.gz files")
    p.add_argument("--labels", help="labels file (CSV or JSONL keyed by sha256, path, name or id)")
    p.add_argument("--model", default="default", help="model directory, 'default', or 'none' for rules only")
    p.add_argument("--profile", help="agency profile (YAML or shipped name)")
    p.add_argument(
        "--split",
        choices=("test", "train", "all"),
        default="test",
        help="which documents by the model's train/test split (default test: never trained on)",
    )
    p.add_argument("--limit", type=int, help="at most this many documents")
    p.add_argument("--inject-secrecy", action="store_true", help="add a 密级 mark to every real document")
    p.add_argument("--model-only", action="store_true", help="score the model's argmax alone (no rules)")
    p.add_argument("--titles", action="store_true", help="print the title-pattern table")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    return p


def title_table(model: Any) -> dict[str, Any]:
    rows = []
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
    means = {}
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


def run(args: argparse.Namespace) -> int:
    from gkreview.corpus import LoadStats, load, split_of
    from gkreview.decide.metrics import classification_report, format_report
    from gkreview.review import Reviewer, text_document

    model_arg: Any = None if args.model in ("none", "off", "") else args.model
    reviewer = Reviewer(profile=args.profile, model=model_arg)
    model = reviewer.decider.model
    out: dict[str, Any] = {
        "model": model.meta.get("path") if model else None,
        "profile": reviewer.decider.profile.name,
    }
    if args.titles:
        if model is None:
            print("gkreview evaluate --titles needs a model", file=sys.stderr)
            return 2
        tab = title_table(model)
        out["titles"] = tab
        if not args.json:
            print(format_titles(tab))
    if not args.corpus:
        if args.json:
            print_json(out)
        return 0 if args.titles else 2

    split = (model.meta.get("split") if model else None) or {}
    salt, frac = split.get("salt", "gkreview-split-1"), float(split.get("test_fraction", 0.2))
    stats = LoadStats()
    t0 = time.perf_counter()
    y_true: dict[str, list[str]] = {"real": [], "synthetic": []}
    y_pred: dict[str, list[str]] = {"real": [], "synthetic": []}
    flags: Counter[str] = Counter()
    secrecy_total = secrecy_ok = 0
    declared_total = declared_ok = declared_gongwen_ok = 0
    n = 0
    for ex in load(args.corpus, labels=args.labels, stats=stats, strip_declared=False):
        if ex.label not in LABELS:
            continue
        if args.split != "all" and model is not None and split_of(ex.split_key, frac, salt) != args.split:
            continue
        if args.limit is not None and n >= args.limit:
            break
        n += 1
        kind = "synthetic" if ex.synthetic else "real"
        text = _inject(ex.text) if args.inject_secrecy and not ex.synthetic else ex.text
        if args.model_only and model is not None:
            p = model.predict_proba(text, ex.title)
            pred = max(p, key=lambda k: p[k])
        else:
            from gkreview import gongwen as _gongwen

            doc = text_document(text, ex.id)
            doc = doc.with_gongwen(_gongwen.parse(doc.text))
            report = reviewer.review_document(doc)
            s = report.suggestion
            pred = s.attribute
            flags["needs_human_review"] += int(s.needs_human_review)
            flags["needs_redaction"] += int(s.needs_redaction)
            if args.inject_secrecy and not ex.synthetic:
                secrecy_total += 1
                secrecy_ok += int(
                    pred == "withheld" and any(r.code == "ART14_STATE_SECRET" for r in s.reasons)
                )
            if ex.meta.get("declared") == "active":
                declared_total += 1
                declared_ok += int(s.declared_attribute == "active")
                g = report.gongwen
                declared_gongwen_ok += int(g is not None and g.declared_attribute == "active")
        y_true[kind].append(ex.label)
        y_pred[kind].append(pred)
    elapsed = time.perf_counter() - t0
    out.update({"documents": n, "seconds": round(elapsed, 1), "flags": dict(flags), "split": args.split})
    for kind in ("real", "synthetic"):
        if not y_true[kind]:
            continue
        rep = classification_report(y_true[kind], y_pred[kind], LABELS)
        active_real = [p for t, p in zip(y_true[kind], y_pred[kind], strict=True) if t == "active"]
        rep["false_withhold_rate"] = active_real.count("withheld") / len(active_real) if active_real else None
        rep["f2_withheld"] = rep["per_class"]["withheld"]["f2"]
        out[kind] = rep
        if not args.json:
            label = (
                "REAL documents"
                if kind == "real"
                else "SYNTHETIC documents (generated; not evidence of real accuracy)"
            )
            if kind == "real" and args.inject_secrecy:
                label = "REAL documents WITH AN INJECTED 密级 MARK (withheld is the expected answer)"
            print()
            print(format_report(rep, f"{label}: {len(y_true[kind])}"))
            print(f"F2(withheld) {rep['f2_withheld']:.3f}")
            if rep["false_withhold_rate"] is not None and not (kind == "real" and args.inject_secrecy):
                print(
                    f"false-withhold rate on {kind} published (active) documents: "
                    f"{rep['false_withhold_rate']:.2%} ({active_real.count('withheld')}/{len(active_real)})"
                )
    if declared_total:
        out["declared_active"] = {
            "n": declared_total,
            "suggestion_declared_active": declared_ok,
            "gongwen_declared_active": declared_gongwen_ok,
        }
        if not args.json:
            print(
                f"\ndocuments declaring 主动公开 in their 附注: {declared_total}; declared_attribute active: "
                f"suggestion {declared_ok}, gongwen {declared_gongwen_ok}"
            )
    if args.inject_secrecy:
        out["secrecy_injected"] = {"n": secrecy_total, "withheld_with_ART14": secrecy_ok}
        if not args.json:
            print(f"\ninjected secrecy marks: {secrecy_ok}/{secrecy_total} withheld with ART14_STATE_SECRET")
    if not args.json:
        print(
            f"\n{n} documents in {elapsed:.1f}s; needs_human_review {flags['needs_human_review']}, "
            f"needs_redaction {flags['needs_redaction']}; model {out['model']}; profile {out['profile']}"
        )
    else:
        print_json(out)
    return 0
