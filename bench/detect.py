"""Throughput of all detectors with a 100,000-term negative list, against a compiled ``re``
alternation of the same terms, in the same run.

    .venv/bin/python bench/detect.py [--mb 1.0] [--terms 100000] [--re-kb 50]

Text: real published documents from ../shared/corpora (the first documents up to --mb MB of UTF-8).
Terms: GENERATED (not a real list): random 2–6 character strings drawn from the corpus's own
character frequencies, fixed seed, so some of them occur in the text. The ``re`` baseline is too
slow for the whole text; it runs on the first --re-kb KB and is reported in MB/s like the rest.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_docs(limit_bytes: int) -> list[str]:
    out, size = [], 0
    for path in sorted((ROOT.parent / "shared" / "corpora").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                out.append(text)
                size += len(text.encode("utf-8"))
                if size >= limit_bytes:
                    return out
    return out


def generated_terms(docs: list[str], n: int, seed: int = 7) -> list[str]:
    freq = Counter(c for d in docs[:200] for c in d if "\u4e00" <= c <= "\u9fff")
    chars, weights = zip(*freq.most_common(3000), strict=True)
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < n:
        terms.add("".join(rng.choices(chars, weights, k=rng.randint(3, 6))))
    return sorted(terms)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--re-kb", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=7, help="best of N runs (default 7)")
    args = ap.parse_args()

    from gkreview.detectors import DetectorSet

    docs = corpus_docs(int(args.mb * 1e6))
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    terms = generated_terms(docs, args.terms)
    with tempfile.TemporaryDirectory() as tmp:
        lst = Path(tmp) / "generated-terms.txt"
        lst.write_text("# GENERATED terms for the benchmark\n" + "\n".join(terms) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        ds = DetectorSet.from_config(negative_lists=[lst])
        build = time.perf_counter() - t0
    ds.detect(docs[0])  # warm-up: lazy data files, stdnum database, rjieba dictionary

    ours = ac_only = float("inf")
    findings = 0
    lex = next(d for d in ds.detectors if d.name == "lexicon")
    for _ in range(args.repeat):  # best of N: the machine is shared
        t0 = time.perf_counter()
        findings = sum(len(ds.detect(d)) for d in docs)
        ours = min(ours, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for d in docs:
            lex.lexicon.find(d)  # type: ignore[attr-defined]
        ac_only = min(ac_only, time.perf_counter() - t0)

    t0 = time.perf_counter()
    rx = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    re_build = time.perf_counter() - t0
    sample = "\n\n".join(docs).encode("utf-8")[: args.re_kb * 1000].decode("utf-8", "ignore")
    t0 = time.perf_counter()
    re_hits = sum(1 for _ in rx.finditer(sample))
    re_time = time.perf_counter() - t0
    re_mb = len(sample.encode("utf-8")) / 1e6

    print(f"text: {len(docs)} real corpus documents, {mb:.2f} MB UTF-8; terms: {len(terms):,} GENERATED")
    print(
        f"all detectors + {len(terms):,}-term lexicon : {mb / ours:8.2f} MB/s  ({findings} findings, build {build:.1f} s)"
    )
    print(f"  lexicon automaton alone            : {mb / ac_only:8.2f} MB/s")
    print(
        f"re alternation of the same terms     : {re_mb / re_time:8.4f} MB/s  (on {re_mb * 1000:.0f} KB, "
        f"{re_hits} hits, compile {re_build:.1f} s)"
    )
    print(f"ratio all-detectors / re             : {(mb / ours) / (re_mb / re_time):8.1f}x")
    print(f"(best of {args.repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
