"""Negative-list lexicons matched with an Aho-Corasick automaton (ahocorasick_rs), and allow-lists.

A lexicon file is YAML (``groups: [{category, reason_code, severity, header_severity, boundary,
terms: [...]}]``, or a plain list of terms/entries) or plain text (one term a line, ``#`` comments).
Matching happens on the width-folded text, so 100,000 terms cost about what 100 do. ``boundary``
terms are checked with rjieba so that a term is not matched across two words (路口交通 ≠ 口交).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.data import load_yaml
from gkreview.detectors.text import fold
from gkreview.errors import ConfigurationError
from gkreview.finding import CATEGORIES, SEVERITY_RANK, Finding

__all__ = ["AllowList", "Lexicon", "LexiconDetector", "LexiconEntry", "load_entries"]


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    category: str = "negative_list"
    reason_code: str = "ART17_UNCERTAIN_REFER"
    severity: str = "medium"
    header_severity: str | None = None
    boundary: bool = False
    group: str = ""
    show: bool = True  # False: the term itself is masked in findings (agency lists may be sensitive)
    statute: str = ""


def _entry(term: Any, defaults: dict[str, Any], where: str) -> LexiconEntry:
    fields = dict(defaults)
    if isinstance(term, dict):
        fields.update(term)
        term = fields.pop("term", None)
    if not isinstance(term, str) or not term.strip():
        raise ConfigurationError(f"{where}: a lexicon term must be a non-empty string, got {term!r}")
    fields = {k: v for k, v in fields.items() if k in LexiconEntry.__dataclass_fields__ and k != "term"}
    e = LexiconEntry(term=fold(term.strip()), **fields)
    if e.category not in CATEGORIES:
        raise ConfigurationError(
            f"{where}: unknown category {e.category!r} for {term!r}; known: {', '.join(CATEGORIES)}"
        )
    for sev in (e.severity, e.header_severity):
        if sev is not None and (sev not in SEVERITY_RANK or sev == "none"):
            raise ConfigurationError(f"{where}: severity must be high, medium or low, got {sev!r}")
    return e


def parse_entries(data: Any, where: str, defaults: dict[str, Any] | None = None) -> list[LexiconEntry]:
    """Entries from parsed YAML: a list of terms, ``{terms: [...]}`` or ``{groups: [...]}``."""
    base = dict(defaults or {})
    if isinstance(data, list):
        return [_entry(t, base, where) for t in data]
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: expected a list of terms or a mapping with 'terms' or 'groups'")
    top = {k: v for k, v in data.items() if k not in ("terms", "groups", "version", "window")}
    if "name" in top:
        top["group"] = top.pop("name")
    base.update(top)
    out: list[LexiconEntry] = []
    for g in data.get("groups", []) or []:
        if not isinstance(g, dict) or "terms" not in g:
            raise ConfigurationError(f"{where}: every group needs 'terms'")
        gd = {**base, **{k: v for k, v in g.items() if k != "terms"}}
        if "name" in gd:
            gd["group"] = gd.pop("name")
        out += [_entry(t, gd, where) for t in g["terms"]]
    out += [_entry(t, base, where) for t in data.get("terms", []) or []]
    return out


def load_entries(path: str | Path, defaults: dict[str, Any] | None = None) -> list[LexiconEntry]:
    """Read an agency negative list or allow-list: YAML (.yaml/.yml) or plain text, one term a line."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read list {p}: {exc}. Give a UTF-8 YAML or text file.") from exc
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"{p} is not valid YAML: {exc}") from exc
        return parse_entries(data or [], str(p), defaults)
    terms = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [_entry(t, dict(defaults or {}), str(p)) for t in terms]


class Lexicon:
    """Leftmost-longest Aho-Corasick over the folded text. Later entries override earlier ones."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        by_term: dict[str, LexiconEntry] = {}
        for e in entries:
            by_term[e.term] = e
        self.entries = list(by_term.values())
        self._ac: Any = None
        if self.entries:
            import ahocorasick_rs

            # bytes automaton over UTF-8: faster than the str one; offsets are converted for hits only
            self._ac = ahocorasick_rs.BytesAhoCorasick(
                [e.term.encode("utf-8") for e in self.entries],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            )

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, folded: str, *, overlapping: bool = False) -> list[tuple[LexiconEntry, int, int]]:
        """(entry, start, end) character offsets; ``overlapping`` gives every match (allow-lists)."""
        if self._ac is None or not folded:
            return []
        data = folded.encode("utf-8")
        if overlapping:
            hits = self._overlapping().find_matches_as_indexes(data, overlapping=True)
        else:
            hits = self._ac.find_matches_as_indexes(data)
        if not hits:
            return []
        if len(data) == len(folded):  # pure ASCII: byte offsets are character offsets
            return [(self.entries[i], s, e) for i, s, e in hits]
        to_char: dict[int, int] = {}
        byte_pos = char_pos = 0
        for p in sorted({p for _, s, e in hits for p in (s, e)}):
            char_pos += len(data[byte_pos:p].decode("utf-8"))
            byte_pos = p
            to_char[p] = char_pos
        return [(self.entries[i], to_char[s], to_char[e]) for i, s, e in hits]

    def _overlapping(self) -> Any:
        if not hasattr(self, "_ac_std"):
            import ahocorasick_rs

            self._ac_std = ahocorasick_rs.BytesAhoCorasick([e.term.encode("utf-8") for e in self.entries])
        return self._ac_std


def word_boundary_ok(folded: str, s: int, e: int) -> bool:
    """True when [s, e) starts and ends on rjieba token boundaries (window of ±12 characters)."""
    import rjieba

    ws = max(0, s - 12)
    window = folded[ws : min(len(folded), e + 12)]
    cuts = {0}
    pos = 0
    for tok in rjieba.cut(window):
        pos += len(tok)
        cuts.add(pos)
    return (s - ws) in cuts and (e - ws) in cuts


class LexiconDetector(Detector):
    """The negative-list terms: the packaged default list plus agency lists."""

    name = "lexicon"
    category = "negative_list"
    reason_code = "ART17_UNCERTAIN_REFER"
    label = "负面清单用语"
    defaults = {"lists": ["default"]}

    def __init__(self, *, extra: Sequence[LexiconEntry] = (), **options: Any) -> None:
        super().__init__(**options)
        entries: list[LexiconEntry] = []
        for name in self.options["lists"]:
            entries += parse_entries(load_yaml(f"lexicon/{name}.yaml"), f"lexicon/{name}.yaml")
        entries += list(extra)
        self.lexicon = Lexicon(entries)
        if any(e.boundary for e in self.lexicon.entries):
            import rjieba  # noqa: F401  (load the dictionary now, not on the first document)

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        hdr = ctx.header_end
        for entry, s, e in self.lexicon.find(ctx.folded):
            if entry.boundary and not word_boundary_ok(ctx.folded, s, e):
                continue
            in_header = s < hdr and _title_like(ctx, s)
            sev = entry.header_severity if in_header and entry.header_severity else entry.severity
            listed = ctx.folded[s - 1 : s] in ("、", ",") or ctx.folded[e : e + 1] in ("、", ",")
            if listed and entry.show and sev == "medium" and not in_header:
                sev = "low"  # one item of an enumeration (laws defining 商业秘密: 客户名单、货源情报…)
            score = {"high": 0.8, "medium": 0.6, "low": 0.35}[sev] + (0.1 if in_header else 0.0)
            span = ctx.text[s:e]
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=score,
                    masked=span if entry.show else mask_range(span, 1),
                    category=entry.category,
                    reason_code=entry.reason_code,
                    label=entry.group or self.label,
                    context_words=(entry.term,) if entry.show else (),
                    explanation=f"negative-list term{' in the header' if in_header else ''}"
                    + (f" ({entry.group})" if entry.group else ""),
                    extra={"list": "agency" if not entry.show else "default"} if not entry.show else {},
                )
            )
        return out


_ARTICLE_LINE = re.compile(r"[ \t\u3000]*第[一二三四五六七八九十百零〇]+[条章]")


def _title_like(ctx: DetectContext, pos: int, width: int = 60) -> bool:
    """True when the line holding ``pos`` can be a title or 版头 line: short, not an article (第X条).
    A statute's first articles fall inside the header region of a short text; they are body text."""
    ls, le = ctx.line_of(pos)
    line = ctx.folded[ls:le]
    return len(line.strip()) <= width and _ARTICLE_LINE.match(line) is None


class AllowList:
    """Spans of allow-listed terms suppress the findings they contain (longest match wins)."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self.lexicon = Lexicon(entries)

    def __bool__(self) -> bool:
        return len(self.lexicon) > 0

    def spans(self, folded: str) -> list[tuple[int, int]]:
        return [(s, e) for _, s, e in self.lexicon.find(folded, overlapping=True)]

    def filter(self, folded: str, findings: list[Finding]) -> list[Finding]:
        spans = sorted(self.spans(folded))
        if not spans:
            return findings
        starts = [s for s, _ in spans]
        longest = max(e - s for s, e in spans)
        keep = []
        for f in findings:
            # only spans starting in [f.start - longest, f.end) can meet the finding: bisect to them
            # (O(log n) a finding, not a pass over every allowed span)
            suppressed = False
            for i in range(bisect_left(starts, f.start - longest), bisect_left(starts, f.end)):
                s, e = spans[i]
                if s <= f.start and f.end <= e:
                    suppressed = True  # the allowed span contains the finding
                elif s < f.end and f.start < e and (e - s) > (f.end - f.start):
                    suppressed = True  # overlapping, the allowed term is the longer match
                if suppressed:
                    break
            if not suppressed:
                keep.append(f)
        return keep
