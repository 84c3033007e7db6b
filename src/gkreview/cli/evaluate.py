"""gkreview evaluate CORPUS... [--model DIR] [--split test|train|all]

Runs the whole review (reader, 公文 parser, detectors, rules, model) over a labelled corpus
(``gkreview.training.evaluate``) and prints per-class precision/recall/F1, F2 for ``withheld``, the
confusion matrix, and the false-withhold rate on real published documents. Real and synthetic documents are reported apart:
accuracy is claimed on real documents only. A reliability table of the model's P(active) (bins: mean P against
the observed share of active documents) follows, for calibration.

``--split test`` keeps only documents the model did not train on (by the split in its sidecar).
``--inject-secrecy`` adds a 密级 mark to each real document's 版头 and checks it is withheld.
``--titles`` prints the model's probabilities for title patterns (请示/报告/申请/情况 vs 征求意见/意见/办法).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gkreview.cli._common import model_option, print_json


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


def run(args: argparse.Namespace) -> int:
    from gkreview import Reviewer
    from gkreview.training.evaluate import evaluate, format_evaluation, format_titles, title_table

    reviewer = Reviewer(profile=args.profile, model=model_option(args.model))
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
    out.update(
        evaluate(
            reviewer,
            args.corpus,
            labels=args.labels,
            split=args.split,
            limit=args.limit,
            inject_secrecy=args.inject_secrecy,
            model_only=args.model_only,
        )
    )
    if args.json:
        print_json(out)
    else:
        print(format_evaluation(out, inject_secrecy=args.inject_secrecy))
    return 0
