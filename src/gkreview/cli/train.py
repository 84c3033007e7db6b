"""gkreview train CORPUS... -o models/NAME [--labels FILE]

Trains the attribute model from folders of documents and/or JSONL(.gz) corpora. Labels come from
``--labels`` (CSV/JSONL keyed by sha256, path, name or id; e.g. the service's export with
``sha256,name,final_attribute``), from the records' ``label`` field, or from each document's own
附注 / 公开方式 line (then removed from the text). Writes ``model.npz`` + ``model.json`` (sidecar).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from typing import Any

from gkreview.cli._common import print_json


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help="train the disclosure-attribute model from a labelled corpus",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("corpus", nargs="+", help="folders of documents and/or .jsonl/.jsonl.gz files")
    p.add_argument("-o", "--output", required=True, help="model directory to write (e.g. models/myagency)")
    p.add_argument("--labels", help="labels file (CSV or JSONL keyed by sha256, path, name or id)")
    p.add_argument(
        "--no-annotation-labels",
        action="store_true",
        help="do not take labels from the documents' own 附注 / 公开方式 lines",
    )
    p.add_argument(
        "--candidates",
        default="logreg,svc,cnb",
        help="models to compare, comma-separated: logreg, svc, cnb (default: all three)",
    )
    p.add_argument("--test-fraction", type=float, default=0.2, help="share held out by document id (0.2)")
    p.add_argument("--no-title-copies", action="store_true", help="do not add title-only training copies")
    p.add_argument(
        "--with-findings",
        action="store_true",
        help="run the detectors on every document and use finding counts as features (slower)",
    )
    p.add_argument("--limit", type=int, help="read at most this many documents (for a quick try)")
    p.add_argument("--json", action="store_true", help="print the sidecar as JSON")
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gkreview.training.corpus import LoadStats, load
    from gkreview.training.train import TrainConfig, detector_findings, train, write

    t0 = time.perf_counter()
    stats = LoadStats()
    examples = list(
        load(
            args.corpus,
            labels=args.labels,
            from_annotation=not args.no_annotation_labels,
            limit=args.limit,
            stats=stats,
        )
    )
    print(
        f"read {stats.read} documents ({stats.unreadable} unreadable skipped, {stats.unlabelled} unlabelled) "
        f"in {time.perf_counter() - t0:.1f}s; labels from {stats.by_label_source}",
        file=sys.stderr,
    )
    cfg = TrainConfig(
        findings=detector_findings() if args.with_findings else None,
        candidates=[c.strip() for c in args.candidates.split(",") if c.strip()],
        test_fraction=args.test_fraction,
        title_copies=not args.no_title_copies,
        name=Path(args.output).name,
    )
    command = "gkreview train " + " ".join(shlex.quote(a) for a in sys.argv[2:]) if len(sys.argv) > 2 else ""
    result = train(examples, cfg, command=command or "gkreview train (library call)")
    out = write(result, args.output)
    side = result.sidecar
    if args.json:
        print_json(side)
    else:
        print(f"model written to {out} ({side['candidate']}, {side['train_seconds']}s)")
        for row in side["selection"]:
            if "skipped" in row:
                print(f"  {row['candidate']:<7} skipped: {row['skipped']}")
                continue
            print(
                f"  {row['candidate']:<7} validation F2(minority, synthetic) {row['val_minority_f2_synthetic']:.3f}"
                f"  real docs predicted withheld {row['val_real_withheld_share']:.3%}  fit {row['fit_seconds']}s"
            )
        m = side["metrics"]
        print(
            f"test split: {m['real_test_n']} real documents, {m['real_test_withheld_share']:.2%} predicted withheld, "
            f"{m['real_test_active_share']:.2%} active (model alone)"
        )
        print("run `gkreview evaluate CORPUS --model " + str(out) + " --split test` for the full pipeline")
    return 0
