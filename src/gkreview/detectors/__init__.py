"""Detectors: the text in, findings out.

``DetectorSet.from_config(config, negative_lists=..., allow_lists=...)`` builds the configured
detectors once; ``DetectorSet.detect(text, gongwen=..., page_of=...)`` returns the findings sorted by
offset with ids f1…fn and pages filled in. Offsets are offsets into ``text``.

Pipeline per document: stage-1 detectors → overlapping identifier findings resolved (validated,
severity, score, length) → stage-2 detectors (names in a personal context, which may use the
identifiers of their row) → stage-3 (sensitive information near a person) → protected-only
spans (统一社会信用代码) dropped → ``min_score`` → allow-lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from gkreview.detectors.anchors import AnchorIndex
from gkreview.detectors.base import (
    DetectContext,
    DetectionCapped,
    Detector,
    finding_budget,
    mask_keep,
    mask_range,
)
from gkreview.detectors.checksums import latest_birth_year
from gkreview.detectors.config import load_config
from gkreview.detectors.lexicon import AllowList, LexiconEntry, load_entries
from gkreview.detectors.registry import ENTRY_POINT_GROUP, Registry, default_registry
from gkreview.errors import ConfigurationError
from gkreview.finding import Finding
from gkreview.gongwen import Gongwen

__all__ = [
    "ENTRY_POINT_GROUP",
    "AllowList",
    "DetectContext",
    "Detector",
    "DetectorSet",
    "LexiconEntry",
    "Registry",
    "default_registry",
    "load_entries",
    "mask_keep",
    "mask_range",
]

_AGENCY_DEFAULTS: dict[str, Any] = {
    "category": "negative_list",
    "reason_code": "ART17_UNCERTAIN_REFER",
    "severity": "medium",
    "show": False,
    "group": "机关负面清单",
}


class DetectorSet:
    """The configured detectors, built once and reused for every document."""

    def __init__(
        self,
        detectors: Sequence[Detector] = (),
        *,
        allow: AllowList | None = None,
        max_findings: int | None = None,
    ) -> None:
        self.detectors = list(detectors)
        self.max_findings = max_findings  # per detector per document, in ``detect_notes`` (None: no cap)
        self.allow = allow if allow is not None else AllowList(())
        self._stages = sorted({d.stage for d in self.detectors} | {1})
        self._exclusive = {d.name for d in self.detectors if d.exclusive}
        # the union of the detectors' anchor words: one pass per document serves every find_all
        self.anchor_index = AnchorIndex(w for d in self.detectors for w in d.anchors)

    @classmethod
    def from_config(
        cls,
        config: str | Path | dict[str, Any] | None = None,
        *,
        negative_lists: Sequence[str | Path] = (),
        allow_lists: Sequence[str | Path] = (),
        registry: Registry | None = None,
    ) -> DetectorSet:
        cfg = load_config(config)
        reg = registry or default_registry()
        if cfg.get("plugins", True):
            reg.load_plugins()
        extra: list[LexiconEntry] = []
        for p in negative_lists:
            extra += [
                replace(e, boundary=True) if len(e.term) <= 2 else e
                for e in load_entries(p, _AGENCY_DEFAULTS)
            ]
        allow: list[LexiconEntry] = []
        for p in allow_lists:
            allow += load_entries(p)
        options: dict[str, dict[str, Any]] = cfg["detectors"]
        if extra and not options.get("lexicon", {}).get("enabled", True):
            raise ConfigurationError(
                "negative lists were given but the 'lexicon' detector is disabled in the config"
            )
        detectors: list[Detector] = []
        names = list(options) + [n for n in reg.names() if n not in options]  # plug-ins default to on
        for name in names:
            opts = dict(options.get(name, {}))
            if not opts.pop("enabled", True):
                continue
            klass = reg.get(name)
            if name == "lexicon":
                detectors.append(klass(extra=extra, **opts))  # type: ignore[call-arg]
            else:
                detectors.append(klass(**opts))
        return cls(detectors, allow=AllowList(allow), max_findings=cfg.get("max_findings_per_detector"))

    def detect(
        self,
        text: str,
        *,
        gongwen: Gongwen | None = None,
        page_of: Callable[[int], int | None] | None = None,
        today: date | None = None,
    ) -> list[Finding]:
        """Every finding, uncapped (redaction must mask every value). ``today``: the reviewer's date,
        used only when the document carries no date of its own (default: the system's)."""
        return self._detect(text, gongwen, page_of, None, [], today)

    def detect_notes(
        self,
        text: str,
        *,
        gongwen: Gongwen | None = None,
        page_of: Callable[[int], int | None] | None = None,
        today: date | None = None,
    ) -> tuple[list[Finding], list[str]]:
        """The findings with at most ``max_findings`` per detector (the first ones in the text), and the
        warnings: ``detections_truncated: …`` for each detector that stopped at the cap (the document
        has more such values than are listed: a person must look at it)."""
        notes: list[str] = []
        return self._detect(text, gongwen, page_of, self.max_findings, notes, today), notes

    def _detect(
        self,
        text: str,
        gongwen: Gongwen | None,
        page_of: Callable[[int], int | None] | None,
        cap: int | None,
        notes: list[str],
        today: date | None = None,
    ) -> list[Finding]:
        ctx = DetectContext(text=text, gongwen=gongwen, anchor_index=self.anchor_index, today=today)
        found: list[Finding] = []
        with latest_birth_year(lambda: _reference_date(ctx).year):
            for stage in self._stages:
                for d in self.detectors:
                    if d.stage == stage:
                        found += _run_detector(d, ctx, cap, notes)
                if stage == 1:
                    found = resolve_overlaps(found, self._exclusive)
                ctx.findings = list(found)
        silent = {d.name for d in self.detectors if not d.report}
        floors = {d.name: d.min_score for d in self.detectors}
        found = [f for f in found if f.detector not in silent and f.score >= floors.get(f.detector, 0.0)]
        if self.allow:
            found = self.allow.filter(ctx.folded, found)
        found.sort(key=lambda f: (f.start, -f.end, f.detector))
        return [
            replace(f, id=f"f{i + 1}", page=page_of(f.start) if page_of else f.page)
            for i, f in enumerate(found)
        ]


def _reference_date(ctx: DetectContext) -> date:
    """The date a document is judged at (a birth year after it is implausible): its own date
    (成文日期, else the latest date in its text), else the context's ``today``, else the system's."""
    hit = ctx.__dict__.get("_reference_date")
    if hit is None:
        from gkreview.detectors.content.common import doc_date  # content imports this package

        hit = ctx.__dict__["_reference_date"] = doc_date(ctx) or ctx.today or date.today()
    return hit  # type: ignore[no-any-return]


def _truncated(name: str, cap: int) -> str:
    return (
        f"detections_truncated: detector {name} found more than {cap} values in this document; "
        f"only the first {cap} are listed and the rest of the text was not checked by it"
    )


def _run_detector(d: Detector, ctx: DetectContext, cap: int | None, notes: list[str]) -> list[Finding]:
    """``d.detect(ctx)``, stopped at ``cap`` findings (then a ``detections_truncated`` note)."""
    if cap is None:
        return d.detect(ctx)
    with finding_budget(cap) as budget:
        try:
            out = d.detect(ctx)
        except DetectionCapped:
            out = budget.made
    if len(out) > cap:
        out = sorted(out, key=lambda f: (f.start, f.end))[:cap]
        notes.append(_truncated(d.name, cap))
    return out


def resolve_overlaps(findings: list[Finding], exclusive: set[str]) -> list[Finding]:
    """Among overlapping findings of exclusive detectors keep the best (validated, severity, score, length)."""
    ex = [f for f in findings if f.detector in exclusive]
    rest = [f for f in findings if f.detector not in exclusive]
    ex.sort(key=lambda f: (f.validated, f.rank, f.score, f.end - f.start), reverse=True)
    kept: list[Finding] = []
    # kept findings never overlap one another: mark the characters they cover, so each test is a
    # scan of the finding's own span (O(total length), not O(findings²))
    covered = bytearray(max((f.end for f in ex), default=0))
    for f in ex:
        if covered.find(1, f.start, f.end) < 0:
            kept.append(f)
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    return kept + rest
