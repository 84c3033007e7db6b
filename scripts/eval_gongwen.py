"""Measure gkreview.gongwen.parse against the metadata of the real corpora.

    .venv/bin/python scripts/eval_gongwen.py [--corpora ../shared/corpora] [--show-misses] [--lawref N]

govcn_statecouncil (39 docs): title, doc_number, 成文日期 (page_meta) and declared attribute (annotation)
against gov.cn's metadata; issuer against gov.cn's 发文机关. policies_central_shandong (148): the
declared attribute against ``annotation`` (3 declare （此件主动公开）; the rest must declare nothing).
lawrefbook/waystowork: crash check, title == corpus title, no declared attribute, timing.
--demo: the govcn files of corpora/demo (real texts rendered to PDF/DOCX/OFD/DOC/TXT, one scanned) read
through gkreview.extract, i.e. the readers' text, against the same metadata.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gkreview.gongwen import parse

ROOT = Path(__file__).resolve().parents[1]
LINES = re.compile(r"[^\n]+")
ATTR = {"主动公开": "active", "依申请公开": "on_request", "不予公开": "withheld"}


def rows(corpora: Path, name: str) -> Iterator[dict[str, Any]]:
    with gzip.open(corpora / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def meta_date(s: str | None) -> str | None:
    m = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s or "")
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f}%" if d else "n/a"


def govcn(corpora: Path, show: bool) -> None:
    docs = list(rows(corpora, "govcn_statecouncil"))
    hits = {"title": 0, "doc_number": 0, "date": 0, "declared": 0, "issuer": 0}
    active_declared, active_total = 0, 0
    for r in docs:
        g = parse(r["text"])
        want = {
            "title": norm(r["title"]),
            "doc_number": norm(r["doc_number"]),
            "date": meta_date(r["page_meta"].get("成文日期")),
            "declared": ATTR.get(r.get("declared") or ""),
            "issuer": norm(r["issuer"]),
        }
        got = {
            "title": norm(g.title),
            "doc_number": norm(g.doc_number),
            "date": g.date,
            "declared": g.declared_attribute,
            "issuer": norm(g.issuer),
        }
        for k in hits:
            if got[k] == want[k]:
                hits[k] += 1
            elif show:
                print(f"  MISS {r['id']} {k}: got {got[k]!r} want {want[k]!r}")
        if r.get("annotation") == "（此件公开发布）":
            active_total += 1
            active_declared += g.declared_attribute == "active"
    print(f"govcn_statecouncil ({len(docs)} documents, agreement with gov.cn metadata)")
    for k, v in hits.items():
        print(f"  {k:<11} {pct(v, len(docs))}")
    print(f"  （此件公开发布） → active: {pct(active_declared, active_total)}")


def policies(corpora: Path, show: bool) -> None:
    docs = list(rows(corpora, "policies_central_shandong"))
    agree = 0
    for r in docs:
        g = parse(r["text"])
        want = ATTR.get(r.get("declared") or "")
        if g.declared_attribute == want:
            agree += 1
        elif show:
            print(f"  MISS {r['id']} declared: got {g.declared_attribute!r} want {want!r}")
    declaring = sum(1 for r in docs if r.get("declared"))
    print(f"policies_central_shandong ({len(docs)} documents, {declaring} declare an attribute)")
    print(f"  declared    {pct(agree, len(docs))}")


def laws(corpora: Path, name: str, n: int, show: bool) -> None:
    docs = list(rows(corpora, name))
    random.Random(0).shuffle(docs)
    docs = docs[:n] if n else docs
    title_ok, declared, secrecy, elapsed, worst, base = 0, 0, 0, 0.0, 0.0, 0.0
    for r in docs:
        t0 = time.perf_counter()
        LINES.findall(r["text"])  # baseline: one pass that only splits the text into lines
        t1 = time.perf_counter()
        g = parse(r["text"])
        dt = time.perf_counter() - t1
        base += t1 - t0
        elapsed += dt
        worst = max(worst, dt)
        if norm(g.title) == norm(r["title"]):
            title_ok += 1
        elif show:
            print(f"  MISS {r['id']} title: got {g.title!r} want {r['title']!r}")
        if g.declared_attribute is not None:
            declared += 1
            print(f"  declared {r['id']}: {g.declared_text!r} (check by hand: is it in the text?)")
        if g.secrecy is not None:
            secrecy += 1
            print(f"  secrecy {r['id']}: {g.secrecy.raw!r}")
    chars = sum(len(r["text"]) for r in docs)
    print(f"{name} ({len(docs)} documents, {chars / 1e6:.1f} M chars)")
    print(f"  title       {pct(title_ok, len(docs))}")
    print(
        f"  declared attribute found: {declared}; secrecy mark found: {secrecy} (published laws: expect ~0)"
    )
    print(
        f"  parse time  mean {1000 * elapsed / len(docs):.2f} ms, max {1000 * worst:.1f} ms; "
        f"{elapsed / base:.1f}x a bare line-split pass over the same texts"
    )


def demo(corpora: Path, show: bool) -> None:
    import gkreview

    meta = {r["id"]: r for r in rows(corpora, "govcn_statecouncil")}
    files = sorted((ROOT / "corpora" / "demo").glob("govcn-*"))
    hits = {"title": 0, "doc_number": 0, "date": 0, "declared": 0}
    n = 0
    for path in files:
        m = re.match(r"(govcn-\d+)", path.name)
        if not m or m[1] not in meta:
            continue
        r = meta[m[1]]
        doc = gkreview.extract(str(path))
        if doc.status != "ok" or doc.gongwen is None:
            print(f"  skip {path.name}: status {doc.status}")
            continue
        n += 1
        g = doc.gongwen
        want = {
            "title": norm(r["title"]),
            "doc_number": norm(r["doc_number"]),
            "date": meta_date(r["page_meta"].get("成文日期")),
            "declared": ATTR.get(r.get("declared") or ""),
        }
        got = {
            "title": norm(g.title),
            "doc_number": norm(g.doc_number),
            "date": g.date,
            "declared": g.declared_attribute,
        }
        for k in hits:
            if got[k] == want[k]:
                hits[k] += 1
            elif show:
                print(f"  MISS {path.name} {k}: got {got[k]!r} want {want[k]!r}")
    print(f"corpora/demo govcn files through the readers ({n} readable of {len(files)})")
    for k, v in hits.items():
        print(f"  {k:<11} {pct(v, n)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="its corpora/ is read")
    ap.add_argument("--corpora", type=Path, help="folder of the *.jsonl.gz corpora (default: SHARED/corpora)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--lawref", type=int, default=0, help="sample size of lawrefbook/waystowork (0: all)")
    ap.add_argument("--demo", action="store_true", help="also read corpora/demo govcn files with the readers")
    args = ap.parse_args()
    corpora = args.corpora or args.shared / "corpora"
    govcn(corpora, args.show_misses)
    policies(corpora, args.show_misses)
    laws(corpora, "lawrefbook", args.lawref, args.show_misses)
    laws(corpora, "waystowork", args.lawref, args.show_misses)
    if args.demo:
        demo(corpora, args.show_misses)


if __name__ == "__main__":
    main()
