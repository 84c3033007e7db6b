"""Score the red-team set through the real pipeline: recall of planted items, precision of high findings.

    .venv/bin/python -m tests.redteam.harness       # prints recall/precision and every miss (masked)

Values are matched on a compact copy of the extracted text (whitespace removed, widths folded), so
an ID number wrapped by a PDF line or spaced in groups is still located.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkreview.detectors.text import fold
from gkreview.finding import SEVERITY_RANK, Finding
from gkreview.report import Report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "redteam"


def compact(text: str) -> tuple[str, list[int]]:
    """``text`` folded with whitespace removed, and for each kept character its offset in ``text``."""
    f = fold(text)
    keep = [i for i, c in enumerate(f) if not c.isspace()]
    return "".join(f[i] for i in keep), keep


def mask(value: str) -> str:
    return value[:2] + "*" * max(0, len(value) - 4) + value[-2:] if len(value) > 4 else value[:1] + "*"


@dataclass
class ItemResult:
    file: str
    kind: str
    required: bool
    located: bool
    found: bool
    exact_ok: bool
    masked_ok: bool
    severity: str
    categories: tuple[str, ...]
    shown: str  # masked value for messages

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class DocResult:
    file: str
    items: list[ItemResult] = field(default_factory=list)
    high_findings: int = 0
    false_high: list[str] = field(default_factory=list)  # "detector:masked"
    clean: bool = True


def spans_of(text: str, value: str) -> list[tuple[int, int]]:
    comp, keep = compact(text)
    v = compact(value)[0]
    out = []
    i = comp.find(v)
    while i >= 0 and v:
        out.append((keep[i], keep[i + len(v) - 1] + 1))
        i = comp.find(v, i + 1)
    return out


def score(report: Report, entry: dict[str, Any]) -> DocResult:
    assert report.document is not None
    text = report.document.text
    res = DocResult(entry["file"])
    res.clean = not report.findings
    planted: list[tuple[int, int]] = []
    for it in entry["items"]:
        spans = spans_of(text, it["value"])
        planted += spans
        floor = SEVERITY_RANK[it["min_severity"]]
        best: Finding | None = None
        exact_ok = True
        for s, e in spans:
            for f in report.findings:
                if f.category in it["categories"] and f.rank >= floor and f.start < e and s < f.end:
                    if best is None or f.rank > best.rank:
                        best = f
                    if it["exact"] and compact(text[f.start : f.end])[0] != compact(it["value"])[0]:
                        exact_ok = False
        value_c = compact(it["value"])[0]
        masked_ok = (
            all(value_c not in compact(f.masked)[0] for f in report.findings) if it["personal"] else True
        )
        res.items.append(
            ItemResult(
                entry["file"],
                it["kind"],
                it["required"],
                bool(spans),
                best is not None,
                exact_ok,
                masked_ok,
                best.severity if best else "none",
                tuple(it["categories"]),
                mask(it["value"]),
            )
        )
    for f in report.findings:
        if f.severity != "high":
            continue
        res.high_findings += 1
        if not any(f.start < e and s < f.end for s, e in planted):
            res.false_high.append(f"{f.detector}:{f.masked}")
    return res


def manifest() -> list[dict[str, Any]]:
    return list(json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))["documents"])


def summary(results: list[DocResult]) -> dict[str, Any]:
    items = [i for r in results for i in r.items]
    req = [i for i in items if i.required]
    highs = sum(r.high_findings for r in results)
    false_high = sum(len(r.false_high) for r in results)
    return {
        "files": len(results),
        "items": len(items),
        "recall_all": round(sum(i.found for i in items) / max(1, len(items)), 4),
        "recall_required": round(sum(i.found for i in req) / max(1, len(req)), 4),
        "required": len(req),
        "high_findings": highs,
        "precision_high": round(1 - false_high / highs, 4) if highs else 1.0,
        "false_high": [f"{r.file} {x}" for r in results for x in r.false_high],
        "misses": [f"{i.file} {i.kind} {i.shown} (best {i.severity})" for i in items if not i.found],
    }


def run() -> dict[str, Any]:
    import gkreview

    results = [score(gkreview.review(FIXTURES / e["file"]), e) for e in manifest()]
    return summary(results)


if __name__ == "__main__":
    json.dump(run(), sys.stdout, ensure_ascii=False, indent=1)
    print()
