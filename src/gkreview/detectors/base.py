"""The detector contract: a small base class, the per-document context, mask helpers.

A detector gets a ``DetectContext`` (the text, its width-folded copy, gongwen, and the findings
of earlier stages) and returns ``Finding`` objects whose offsets are offsets into ``ctx.text``.
Optional hooks: ``validate(value)`` (a checksum confirms a hit: score up, ``validated``) and
``invalidate(value)`` (drop obvious fakes such as all-same digits).
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from gkreview.detectors.anchors import AnchorIndex
from gkreview.detectors.text import (
    NumberRun,
    ascii_spans,
    fold,
    header_end,
    in_rows,
    is_header_row,
    number_runs,
    table_header_cached,
)
from gkreview.errors import ConfigurationError
from gkreview.finding import CATEGORIES, SEVERITY_RANK, Finding
from gkreview.gongwen import Gongwen
from gkreview.masking import mask_keep, mask_range  # re-exported: the detectors' import path

__all__ = ["DetectContext", "DetectionCapped", "Detector", "FindingBudget", "mask_keep", "mask_range"]


class DetectionCapped(Exception):
    """Raised by ``Detector.make`` when the detector has made more findings than its budget allows."""


@dataclass
class FindingBudget:
    """How many findings one detector may make on one document; ``made`` keeps them (see ``make``)."""

    cap: int
    made: list[Finding] = field(default_factory=list)


_BUDGET: ContextVar[FindingBudget | None] = ContextVar("gkreview_finding_budget", default=None)


@contextmanager
def finding_budget(cap: int) -> Iterator[FindingBudget]:
    """While active, ``Detector.make`` stops the detector (``DetectionCapped``) at ``cap`` + 1 findings."""
    budget = FindingBudget(cap)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


@dataclass
class DetectContext:
    """One document as the detectors see it. Built once per ``DetectorSet.detect`` call."""

    text: str
    gongwen: Gongwen | None = None
    findings: list[Finding] = field(default_factory=list)  # earlier stages' findings
    # the union of the detectors' ``anchors`` (DetectorSet): ``find_all`` of those words is one pass
    anchor_index: AnchorIndex | None = None
    # the reviewer's "today", set once (Reviewer): only an undated document's checks use it; a dated
    # one is judged at its own date (ages, birth years), so findings do not change with the calendar
    today: datetime.date | None = None

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def ascii_spans(self) -> list[tuple[int, int]]:
        """Spans of ASCII letters/digits (with separators): where every number, code or e-mail lives.

        One character-class scan of the text; detectors of numbers and codes look only here.
        """
        return ascii_spans(self.folded)

    @cached_property
    def number_runs(self) -> list[NumberRun]:
        return number_runs(self.folded, self.ascii_spans)

    @cached_property
    def newlines(self) -> list[int]:
        """Offsets of every line break (ascending), for ``line_of``."""
        return [m.start() for m in _NEWLINE.finditer(self.folded)]

    def line_of(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``: ``line_bounds`` in O(log lines), whatever the
        line's length (a 1 MB line is not scanned again for every value on it)."""
        nl = self.newlines
        i = bisect_left(nl, pos)
        return (nl[i - 1] + 1 if i else 0), (nl[i] if i < len(nl) else len(self.folded))

    def cue_rows(self, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
        """(start, end) of the table rows whose header row (``table_header``) holds one of ``words``
        (ascending, disjoint): where a column header can qualify a value. Cost: the words'
        occurrences plus ≤ 60 rows under each such header."""
        cache = self.__dict__.setdefault("_cue_rows", {})
        hit: tuple[tuple[int, int], ...] | None = cache.get(words)
        if hit is not None:
            return hit  # shared, immutable: never copied (a long table's rows are asked for per run)
        t = self.folded
        heads: set[tuple[int, int]] = set()
        seen: set[int] = set()
        for w in words:
            for p in self.find_all(w):
                ls, le = self.line_of(p)
                if ls not in seen:
                    seen.add(ls)
                    if is_header_row(t[ls:le]):
                        heads.add((ls, le))
        rows: list[tuple[int, int]] = []
        for _hs, he in sorted(heads):
            pos = he + 1
            for _ in range(60):  # as table_header_before: at most 60 rows under a header
                if pos >= len(t):
                    break
                ls, le = self.line_of(pos)
                line = t[ls:le]
                header = is_header_row(line)
                if not header and (len(line) > 200 or not line.strip()):
                    break
                rows.append((ls, le))
                if header:
                    break  # the rows under it are that header's
                pos = le + 1
        hit = cache[words] = tuple(sorted(set(rows)))
        return hit

    def in_rows(self, rows: Sequence[tuple[int, int]], pos: int) -> bool:
        """True when ``pos`` lies in one of ``rows`` (from ``cue_rows``)."""
        return in_rows(rows, pos)

    @cached_property
    def run_starts(self) -> list[int]:
        """The start offsets of ``number_runs`` (ascending): bisect them to find a line's runs."""
        return [r.start for r in self.number_runs]

    def scan_ascii(self, rx: re.Pattern[str], before: int = 0) -> Iterator[re.Match[str]]:
        """Matches of ``rx`` that start inside an ASCII span (or up to ``before`` characters earlier)."""
        t = self.folded
        last = -1
        for s, e in self.ascii_spans:
            for m in rx.finditer(t, max(0, s - before, last), min(len(t), e + 1)):
                if m.start() >= last:
                    last = m.end()
                    yield m

    def anchor_positions(self, index: AnchorIndex) -> dict[str, list[int]]:
        """Every occurrence of ``index``'s words in the folded text: one pass, cached per index."""
        cache: dict[int, tuple[AnchorIndex, dict[str, list[int]]]] = self.__dict__.setdefault(
            "_anchor_pos", {}
        )
        hit = cache.get(id(index))
        if hit is None:
            hit = cache[id(index)] = (index, index.positions(self.folded))
        return hit[1]

    def find_all(self, word: str) -> list[int]:
        """Start offsets of ``word`` in the folded text (every occurrence, ascending; do not mutate).

        A word declared in a detector's ``anchors`` comes from the one shared pass (``anchor_index``);
        any other word costs a ``str.find`` pass of its own (cached per word) and is noted in
        ``undeclared`` (a test keeps that set empty for the registered detectors)."""
        idx = self.anchor_index
        if idx is not None and word in idx:
            return self.anchor_positions(idx).get(word, _NONE)
        cache: dict[str, list[int]] = self.__dict__.setdefault("_found", {})
        hits = cache.get(word)
        if hits is None:
            if idx is not None:
                self.undeclared.add(word)
            hits = []
            t = self.folded
            i = t.find(word)
            while i >= 0:
                hits.append(i)
                i = t.find(word, i + 1)
            cache[word] = hits
        return hits

    @cached_property
    def undeclared(self) -> set[str]:
        """Words ``find_all`` was asked for that no detector declared in its ``anchors``."""
        return set()

    @cached_property
    def header_end(self) -> int:
        return header_end(self.text)

    def header_lines(self, words: tuple[str, ...], anchors: tuple[str, ...] = ()) -> list[int]:
        """Start offsets of the table header rows holding one of ``words`` in a cell.

        ``anchors``: shorter strings every word contains (e.g. 住/址), searched instead of the words so
        that detectors share one cached search."""
        key = (words, anchors)
        cache = self.__dict__.setdefault("_header_lines", {})
        hit = cache.get(key)
        if hit is None:
            t = self.folded
            starts: set[int] = set()
            rows: dict[int, bool] = self.__dict__.setdefault("_is_header_row", {})  # per line start
            for a in anchors or words:
                for p in self.find_all(a):
                    ls, le = self.line_of(p)
                    ok = rows.get(ls)
                    if ok is None:
                        ok = rows[ls] = is_header_row(t[ls:le])  # prose lines fail its first, cheap test
                    if (
                        ok
                        and ls not in starts
                        and any(w in t[ls:le] for w in words)
                        and _in_cell(t, p, p + len(a))
                    ):
                        starts.add(ls)
            hit = cache[key] = sorted(starts)
        return list(hit)

    def table_header(self, pos: int) -> str:
        """The header row of the table (名单) holding ``pos``, or "" (cached per line)."""
        cache = self.__dict__.setdefault("_headers", {})
        return table_header_cached(self.folded, self.line_of(pos)[0], cache)


_NEWLINE = re.compile("\n")
_NONE: list[int] = []  # shared and never mutated: the "no occurrence" answer
_CELL_EDGE = "\t \u3000\n"


def _in_cell(t: str, s: int, e: int, width: int = 12) -> bool:
    """True when [s, e) lies in a short cell: whitespace or the line's edge on both sides within ``width``."""
    i = s - 1
    while i >= 0 and t[i] not in _CELL_EDGE:
        if s - i > width:
            return False
        i -= 1
    j = e
    while j < len(t) and t[j] not in _CELL_EDGE:
        if j - e > width:
            return False
        j += 1
    return True


class Detector:
    """Base class. Subclasses set the class attributes and implement ``detect``."""

    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    reason_code: ClassVar[str] = ""
    label: ClassVar[str] = ""
    stage: ClassVar[int] = 1  # stages run in order; each sees the findings of earlier stages in ctx.findings
    exclusive: ClassVar[bool] = False  # overlapping exclusive findings: the best one is kept
    report: ClassVar[bool] = True  # False: the detector only protects spans (e.g. USCC), reports nothing
    defaults: ClassVar[dict[str, Any]] = {}
    # every literal word the detector looks up with ``ctx.find_all`` (also through ``header_lines``
    # and ``cue_rows``): DetectorSet finds the union in one pass. Set per instance when the words
    # come from data files (content grounds, context cues).
    anchors: tuple[str, ...] = ()

    def __init__(self, **options: Any) -> None:
        unknown = set(options) - set(self.defaults) - {"enabled", "min_score"}
        if unknown:
            raise ConfigurationError(
                f"detector {self.name!r}: unknown option(s) {sorted(unknown)}; known: {sorted(self.defaults)}"
            )
        self.options: dict[str, Any] = {**self.defaults, **options}
        self.min_score = float(options.get("min_score", 0.0))
        if not 0.0 <= self.min_score <= 1.0:
            raise ConfigurationError(
                f"detector {self.name!r}: min_score must be in [0, 1], got {self.min_score}"
            )
        if self.category and self.category not in CATEGORIES:
            raise ConfigurationError(f"detector {self.name!r}: unknown category {self.category!r}")

    # -- hooks -----------------------------------------------------------------------------
    def detect(self, ctx: DetectContext) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def validate(self, value: str) -> bool | None:
        """True when a checksum confirms ``value``; None when there is no checksum."""
        return None

    def invalidate(self, value: str) -> bool:
        """True for obvious fakes (all-same digits, 123456789…)."""
        digits = "".join(c for c in value if c.isdigit())
        return len(digits) >= 6 and (len(set(digits)) == 1 or digits in "01234567890123456789")

    # -- helpers ---------------------------------------------------------------------------
    def make(
        self,
        start: int,
        end: int,
        *,
        severity: str,
        score: float,
        masked: str,
        explanation: str,
        validated: bool = False,
        context_words: Iterable[str] = (),
        label: str | None = None,
        reason_code: str | None = None,
        category: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Finding:
        if severity not in SEVERITY_RANK or severity == "none":
            raise ValueError(f"bad severity {severity!r}")
        finding = Finding(
            detector=self.name,
            category=category or self.category,
            reason_code=reason_code or self.reason_code,
            severity=severity,
            score=max(0.0, min(1.0, round(score, 4))),
            start=start,
            end=end,
            masked=masked,
            label=label or self.label,
            explanation=explanation,
            validated=validated,
            context_words=tuple(dict.fromkeys(context_words)),
            extra=extra or {},
        )
        budget = _BUDGET.get()
        if budget is not None:
            budget.made.append(finding)
            if len(budget.made) > budget.cap:
                raise DetectionCapped(self.name)
        return finding

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


def overlaps(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)
