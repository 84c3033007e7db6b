"""Make corpora/real/ from ../shared/corpora: the real texts `make train` and `make evaluate` use.

    .venv/bin/python corpora/real/copy_from_shared.py [--shared ../shared]

Three files are copied byte for byte. ``policies_central_shandong.jsonl.gz`` is rewritten without the
compilation's own fields (``title_en``, ``issuer_en``: English titles and issuer names written by the
compilers): PROVENANCE.md asks to use its texts, not its compilation. Everything else of each record
(the government's text, the 附注 it declares, the release date) is kept. See PROVENANCE.md here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERBATIM = ("govcn_statecouncil", "lawrefbook", "waystowork")
WITHOUT_COMPILATION_FIELDS = {"policies_central_shandong": ("title_en", "issuer_en")}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared")
    args = ap.parse_args()
    src = args.shared / "corpora"
    for name in VERBATIM:
        shutil.copyfile(src / f"{name}.jsonl.gz", HERE / f"{name}.jsonl.gz")
    for name, drop in WITHOUT_COMPILATION_FIELDS.items():
        with gzip.open(src / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        out = HERE / f"{name}.jsonl.gz"
        # mtime=0: the same input gives the same bytes
        with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for r in rows:
                gz.write(
                    (
                        json.dumps({k: v for k, v in r.items() if k not in drop}, ensure_ascii=False) + "\n"
                    ).encode()
                )
    for p in sorted(HERE.glob("*.jsonl.gz")):
        print(f"{p.name}\t{p.stat().st_size}\t{sha256(p)}")


if __name__ == "__main__":
    main()
