"""Measuring the detectors: precision / recall / F2 on a labelled span set, and false alarms on the
real published corpus (../shared/corpora/*.jsonl.gz). Used by ``gkreview evaluate-detectors``."""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkreview.detectors import DetectorSet
from gkreview.finding import SEVERITY_RANK, Finding
from gkreview.masking import HIDE

__all__ = ["DetectorScore", "FalseAlarmReport", "evaluate_spans", "false_alarms", "iter_corpus_texts"]


def iter_corpus_texts(corpora: Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(id, text) of every document in ``corpora/*.jsonl.gz``, files in name order."""
    n = 0
    for path in sorted(corpora.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                yield str(doc.get("id", n)), str(doc.get("text") or "")
                n += 1
                if limit is not None and n >= limit:
                    return


@dataclass(frozen=True)
class FalseAlarmReport:
    documents: int
    chars: int
    seconds: float
    high_by_detector: dict[str, int]
    by_severity: dict[str, int]
    examples: dict[str, list[str]] = field(default_factory=dict)  # detector → masked examples (no values)

    @property
    def high_per_100(self) -> float:
        return 100.0 * sum(self.high_by_detector.values()) / max(1, self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "chars": self.chars,
            "seconds": round(self.seconds, 2),
            "high_per_100_documents": round(self.high_per_100, 3),
            "high_per_100_by_detector": {
                k: round(100.0 * v / max(1, self.documents), 3)
                for k, v in sorted(self.high_by_detector.items())
            },
            "high_by_detector": dict(sorted(self.high_by_detector.items())),
            "findings_by_severity": dict(self.by_severity),
            "examples": self.examples,
        }


def _masked_before(text: str, f: Finding, found: Sequence[Finding], chars: int) -> str:
    """The ``chars`` characters before ``f`` with every other finding's characters hidden (＊)."""
    a = max(0, f.start - chars)
    out = list(text[a : f.start])
    for g in found:
        if g is not f and g.end > a and g.start < f.start:
            for i in range(max(g.start, a), min(g.end, f.start)):
                out[i - a] = HIDE
    return "".join(out).replace("\n", " ")


def false_alarms(ds: DetectorSet, docs: Iterable[tuple[str, str]], *, examples: int = 5) -> FalseAlarmReport:
    """Every high finding on a published document counts as a false alarm (the corpus was published)."""
    t0 = time.perf_counter()
    high: Counter[str] = Counter()
    sev: Counter[str] = Counter()
    ex: dict[str, list[str]] = defaultdict(list)
    n = chars = 0
    for doc_id, text in docs:
        n += 1
        chars += len(text)
        found = ds.detect(text)
        for f in found:
            sev[f.severity] += 1
            if f.severity == "high":
                high[f.detector] += 1
                if len(ex[f.detector]) < examples:
                    ctx = _masked_before(text, f, found, 12)
                    ex[f.detector].append(f"{doc_id}: …{ctx}[{f.masked}]")
    return FalseAlarmReport(n, chars, time.perf_counter() - t0, dict(high), dict(sev), dict(ex))


@dataclass(frozen=True)
class DetectorScore:
    detector: str
    gold: int
    found: int  # findings of this detector
    tp: int  # gold spans found by this detector
    fp: int  # findings overlapping no gold span of this detector
    high_found: int
    high_fp: int

    @property
    def precision(self) -> float:
        return (self.found - self.fp) / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    @property
    def precision_high(self) -> float:
        return (self.high_found - self.high_fp) / self.high_found if self.high_found else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "gold": self.gold,
            "found": self.found,
            "tp": self.tp,
            "fp": self.fp,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f2": round(self.f2, 4),
            "high_found": self.high_found,
            "precision_high": round(self.precision_high, 4),
        }


def evaluate_spans(
    ds: DetectorSet, samples: Iterable[dict[str, Any]], *, min_severity: str = "low"
) -> tuple[list[DetectorScore], list[dict[str, Any]]]:
    """Score each detector on samples ``{"text", "spans": [{"start","end","detector",...}]}``.

    A gold span is found when a finding of the same detector overlaps it at ``min_severity`` or above.
    A finding of a detector is a false positive when it overlaps no gold span of that detector.
    Returns the scores and the misses (masked) for inspection.
    """
    floor = SEVERITY_RANK[min_severity]
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    high: Counter[str] = Counter()
    high_fp: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for sample in samples:
        text = sample["text"]
        fs: list[Finding] = [f for f in ds.detect(text) if f.rank >= floor]
        spans = sample["spans"]
        for g in spans:
            gold[g["detector"]] += 1
            if any(f.detector == g["detector"] and f.start < g["end"] and g["start"] < f.end for f in fs):
                tp[g["detector"]] += 1
            else:
                misses.append(
                    {
                        "id": sample.get("id"),
                        "detector": g["detector"],
                        "variant": g.get("variant"),
                        "masked": g.get("masked"),
                        "context": text[max(0, g["start"] - 10) : g["start"]],
                    }
                )
        for f in fs:
            found[f.detector] += 1
            hit = any(
                g["detector"] == f.detector and f.start < g["end"] and g["start"] < f.end for g in spans
            )
            if not hit:
                fp[f.detector] += 1
            if f.severity == "high":
                high[f.detector] += 1
                if not hit:
                    high_fp[f.detector] += 1
    names = sorted(set(gold) | set(found))
    return [DetectorScore(n, gold[n], found[n], tp[n], fp[n], high[n], high_fp[n]) for n in names], misses
