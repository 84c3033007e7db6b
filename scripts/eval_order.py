"""Measure the reading-order check (gkreview.readers.order) on real text.

False alarms: the share of real published pages (../shared/corpora, cut into 1,500-character
pages) the check calls out of order. Detection: the same pages with two lines' characters
interleaved one by one, and in groups of 1-3 characters with and without the right order as the
second ordering (SYNTHETIC scrambles of real text). Prints counts and ms per page (the machine
may be shared: compare runs made on the same machine).

    PYTHONPATH=src:. .venv/bin/python scripts/eval_order.py [--corpora DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

from gkreview.readers.order import order_problem

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("lawrefbook", "waystowork", "govcn_statecouncil", "policies_central_shandong")


def _interleave(text: str, rng: random.Random, lo: int, hi: int, width: int = 30) -> str:
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    out = []
    for a, b in zip(lines[::2], lines[1::2], strict=False):
        i = j = 0
        parts = []
        while i < len(a) or j < len(b):
            k = rng.randint(lo, hi)
            parts.append(a[i : i + k])
            i += k
            k = rng.randint(lo, hi)
            parts.append(b[j : j + k])
            j += k
        out.append("".join(parts))
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    args = ap.parse_args()
    pages: list[str] = []
    for name in CORPORA:
        with gzip.open(Path(args.corpora) / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if args.limit and n >= args.limit:
                    break
                text = json.loads(line).get("text", "")
                pages += [text[i : i + 1500] for i in range(0, len(text), 1500)]
    t0 = time.perf_counter()
    flagged = [p for p in pages if order_problem(p)]
    ms = (time.perf_counter() - t0) * 1000 / max(len(pages), 1)
    print(f"real pages: {len(pages)}; called out of order: {len(flagged)} ({ms:.2f} ms/page)")
    for p in flagged[:5]:
        print("  ", p[:60].replace("\n", " "))
    rng = random.Random(5)
    long_pages = [p for p in pages if len(p) >= 300][::20]
    for lo, hi in ((1, 1), (1, 3)):
        hit = sum(1 for p in long_pages if order_problem(_interleave(p, rng, lo, hi)))
        print(f"interleaved in groups of {lo}-{hi}: {hit}/{len(long_pages)} called out of order")
    hit = sum(1 for p in long_pages if order_problem(_interleave(p, rng, 1, 3), p))
    print(f"interleaved in groups of 1-3, the page as second ordering: {hit}/{len(long_pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
