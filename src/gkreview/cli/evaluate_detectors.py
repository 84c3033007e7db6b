"""gkreview evaluate-detectors [--corpora DIR] [--samples N] [--seed S] [--false-alarms-only] [--json]

Two measurements, both reproducible:
1. precision / recall / F2 per detector on a SYNTHETIC labelled span set: real published corpus
   documents with injected synthetic values (gkreview.synth, fixed seed);
2. false alarms: high findings per 100 real published documents, by detector.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gkreview.cli._common import print_json


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help="precision/recall/F2 per detector (synthetic set) and false alarms on the real corpus"
    )
    p.add_argument(
        "--corpora", default=None, help="folder with *.jsonl.gz corpora (default: ../shared/corpora)"
    )
    p.add_argument("--samples", type=int, default=600, help="synthetic samples to build (default 600)")
    p.add_argument("--seed", type=int, default=20261125)
    p.add_argument(
        "--limit", type=int, default=None, help="at most this many corpus documents for false alarms"
    )
    p.add_argument("--skip-false-alarms", action="store_true")
    p.add_argument("--skip-spans", action="store_true")
    p.add_argument(
        "--write-set", metavar="JSONL", help="also write the synthetic labelled set (synthetic: true)"
    )
    p.add_argument("--config", help="detector configuration (YAML)")
    p.add_argument("--json", action="store_true")
    return p


def _default_corpora() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared" / "corpora"
        if cand.is_dir():
            return cand
    return Path("../shared/corpora")


def run(args: argparse.Namespace) -> int:
    from gkreview.detectors import DetectorSet
    from gkreview.detectors.evaluation import evaluate_spans, false_alarms, iter_corpus_texts
    from gkreview.errors import ConfigurationError
    from gkreview.synth import build_evalset

    corpora = Path(args.corpora) if args.corpora else _default_corpora()
    if not any(corpora.glob("*.jsonl.gz")):
        raise ConfigurationError(f"no *.jsonl.gz corpora in {corpora}; pass --corpora DIR")
    ds = DetectorSet.from_config(args.config)
    result: dict[str, Any] = {"corpora": str(corpora)}
    if not args.skip_spans:
        samples = list(build_evalset(iter_corpus_texts(corpora), n=args.samples, seed=args.seed))
        if args.write_set:
            with open(args.write_set, "w", encoding="utf-8") as fh:
                for s in samples:
                    fh.write(json.dumps(s, ensure_ascii=False) + "\n")
        scores, misses = evaluate_spans(ds, samples)
        result["spans"] = {
            "synthetic": True,
            "samples": len(samples),
            "seed": args.seed,
            "scores": [s.to_dict() for s in scores],
            "misses": misses[:50],
        }
    if not args.skip_false_alarms:
        fa = false_alarms(ds, iter_corpus_texts(corpora, args.limit))
        result["false_alarms"] = fa.to_dict()
    if args.json:
        print_json(result)
    else:
        _print(result)
    return 0


def _print(result: dict[str, Any]) -> None:
    out = sys.stdout
    if "spans" in result:
        sp = result["spans"]
        out.write(
            f"SYNTHETIC labelled set: {sp['samples']} real corpus documents with injected synthetic values "
            f"(seed {sp['seed']})\n"
        )
        out.write(
            f"{'detector':<16}{'gold':>6}{'found':>7}{'prec':>8}{'recall':>8}{'F2':>8}{'high':>6}{'prec@high':>11}\n"
        )
        for s in sp["scores"]:
            if not s["gold"]:
                out.write(
                    f"{s['detector']:<16}{'-':>6}{s['found']:>7}   (no gold spans: real-text hits, see false alarms)\n"
                )
                continue
            out.write(
                f"{s['detector']:<16}{s['gold']:>6}{s['found']:>7}{s['precision']:>8.3f}{s['recall']:>8.3f}"
                f"{s['f2']:>8.3f}{s['high_found']:>6}{s['precision_high']:>11.3f}\n"
            )
    if "false_alarms" in result:
        fa = result["false_alarms"]
        out.write(
            f"\nFalse alarms on {fa['documents']} real published documents ({fa['chars']:,} chars, "
            f"{fa['seconds']} s): {fa['high_per_100_documents']:.3f} high findings per 100 documents\n"
        )
        for k, v in fa["high_per_100_by_detector"].items():
            out.write(f"  {k:<16}{v:>8.3f} per 100 docs ({fa['high_by_detector'][k]} findings)\n")
        out.write(f"  findings by severity: {fa['findings_by_severity']}\n")
        for det, exs in fa["examples"].items():
            for e in exs:
                out.write(f"  e.g. {det}: {e}\n")
