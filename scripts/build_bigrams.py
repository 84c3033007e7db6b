"""Build gkreview/data/reading_order/bigrams.txt.gz: the Chinese character pairs that occur inside
words or running text, for the reading-order check (gkreview.readers.order).

Sources: the character pairs inside the words of jieba's dictionary (jieba 0.42, MIT licence; words
with frequency >= JIEBA_MIN) and the pairs seen at least CORPUS_MIN times in the project's real
government texts (../shared/corpora, see its PROVENANCE.md). One line per first character:
"<first>\\t<second characters>".

    .venv/bin/python scripts/build_bigrams.py [--corpora DIR]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "gkreview" / "data" / "reading_order" / "bigrams.txt.gz"
CORPORA = ("lawrefbook", "waystowork", "govcn_statecouncil", "policies_central_shandong")
JIEBA_MIN = 5
CORPUS_MIN = 3
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _pairs(text: str) -> list[str]:
    return [run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    import jieba  # the optional extra; only needed to build the table

    keep: set[str] = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) >= JIEBA_MIN:
                keep.update(_pairs(parts[0]))
    counts: collections.Counter[str] = collections.Counter()
    for name in CORPORA:
        path = Path(args.corpora) / f"{name}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                counts.update(_pairs(json.loads(line).get("text", "")))
    keep.update(p for p, n in counts.items() if n >= CORPUS_MIN)
    table: dict[str, set[str]] = collections.defaultdict(set)
    for p in keep:
        table[p[0]].add(p[1])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{a}\t{''.join(sorted(bs))}\n" for a, bs in sorted(table.items()))
    with gzip.GzipFile(OUT, "wb", mtime=0) as gz:
        gz.write(body.encode("utf-8"))
    print(f"{len(keep)} pairs, {len(table)} first characters -> {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
