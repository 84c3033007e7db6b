"""Shared pieces of the content detectors: term families read from data, one anchor pass per
document, paragraphs and sentences, the document's own date, normative (statute-like) text.

A ground's data file (``data/content/<ground>.yaml``) holds ``anchors`` (rare words: only the
paragraphs holding one are looked at), ``families`` (named term lists with a weight) and
``patterns`` (named regular expressions with a weight, and optionally ``needs``: literals one of
which every match contains, tested before the regex runs on a paragraph). Terms may carry brace alternatives
(``存款{集中,大量,}流失`` → 存款集中流失, 存款大量流失, 存款流失) and the file's ``synonyms``
derive further variants (农商行 → 农村商业银行, 农商银行). All matching is on the folded text.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from gkreview.detectors.anchors import AnchorIndex
from gkreview.detectors.base import DetectContext
from gkreview.detectors.data import load_yaml
from gkreview.detectors.lexicon import Lexicon, LexiconEntry, parse_entries
from gkreview.detectors.text import fold
from gkreview.errors import ConfigurationError

__all__ = [
    "Ground",
    "anchor_paragraphs",
    "doc_date",
    "expand",
    "ground",
    "is_court_document",
    "is_normative",
    "paragraph_bounds",
    "sentence_bounds",
]

_BRACE = re.compile(r"\{([^{}]*)\}")


def expand(term: str, synonyms: dict[str, list[str]] | None = None) -> list[str]:
    """Every variant of ``term``: brace alternatives, then synonym substitutions (order kept)."""
    parts = _BRACE.split(term)
    # parts: literal, alternatives, literal, alternatives, ...
    choices = [[p] if i % 2 == 0 else p.split(",") for i, p in enumerate(parts)]
    out = ["".join(c) for c in itertools.product(*choices)]
    for key, alts in (synonyms or {}).items():
        out += [v.replace(key, a) for v in list(out) if key in v for a in alts]
    return list(dict.fromkeys(fold(v) for v in out if v))


@dataclass(frozen=True)
class Family:
    name: str
    weight: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    name: str
    weight: float
    rx: re.Pattern[str]
    needs: tuple[str, ...] = ()  # literals one of which every match contains: no regex without one


@dataclass
class Ground:
    """One ground's data: anchors (one automaton), families (one automaton), patterns."""

    name: str
    data: dict[str, Any]
    anchor_terms: tuple[str, ...]  # folded, with variants
    families: dict[str, Family]
    family_lexicon: Lexicon
    patterns: dict[str, Pattern]

    @cached_property
    def anchor_set(self) -> frozenset[str]:
        return frozenset(self.anchor_terms)

    def family_hits(self, text: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int]]:
        """(family, start, end) of the family terms in ``text[lo:hi]`` (offsets into ``text``)."""
        seg = text[lo:hi]
        return [(e.group, lo + s, lo + en) for e, s, en in self.family_lexicon.find(seg)]

    def pattern_hits(
        self, text: str, lo: int = 0, hi: int | None = None
    ) -> Iterator[tuple[str, re.Match[str]]]:
        end = len(text) if hi is None else hi
        for p in self.patterns.values():
            if p.needs and not any(text.find(n, lo, end) >= 0 for n in p.needs):
                continue  # a cheap literal test before a regex that tries every position
            for m in p.rx.finditer(text, lo, end):
                yield p.name, m

    def weight(self, name: str) -> float:
        if name in self.families:
            return self.families[name].weight
        if name in self.patterns:
            return self.patterns[name].weight
        return 0.0

    def words(self, key: str) -> tuple[str, ...]:
        """A plain word list of the data file (e.g. ``context``), folded, with variants."""
        syn = self.data.get("synonyms") or {}
        return tuple(v for t in self.data.get(key) or () for v in expand(str(t), syn))


@cache
def ground(name: str) -> Ground:
    """The ground's data file ``content/<name>.yaml``, compiled once per process."""
    where = f"content/{name}.yaml"
    data = load_yaml(where)
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: expected a mapping")
    syn = {str(k): [str(a) for a in v] for k, v in (data.get("synonyms") or {}).items()}
    anchor_terms = [v for t in data.get("anchors") or () for v in expand(str(t), syn)]
    if data.get("anchors_from"):  # every term of a lexicon file (pi_table: the sensitive values)
        src = str(data["anchors_from"])
        anchor_terms += [e.term for e in parse_entries(load_yaml(src), src)]
    anchors = tuple(dict.fromkeys(anchor_terms))
    families: dict[str, Family] = {}
    entries: list[LexiconEntry] = []
    for fname, spec in (data.get("families") or {}).items():
        if not isinstance(spec, dict) or "terms" not in spec:
            raise ConfigurationError(f"{where}: family {fname!r} needs 'terms'")
        terms = tuple(v for t in spec["terms"] for v in expand(str(t), syn))
        families[fname] = Family(fname, float(spec.get("weight", 1.0)), terms)
        entries += [LexiconEntry(term=v, group=fname) for v in terms]
    patterns: dict[str, Pattern] = {}
    for pname, spec in (data.get("patterns") or {}).items():
        if not isinstance(spec, dict) or "regex" not in spec:
            raise ConfigurationError(f"{where}: pattern {pname!r} needs 'regex'")
        try:
            rx = re.compile(str(spec["regex"]))
        except re.error as exc:
            raise ConfigurationError(f"{where}: pattern {pname!r} is not a valid regex: {exc}") from exc
        needs = tuple(fold(str(n)) for n in spec.get("needs") or ())
        patterns[pname] = Pattern(pname, float(spec.get("weight", 1.0)), rx, needs)
    return Ground(name, data, anchors, families, Lexicon(entries), patterns)


# ---------------------------------------------------------------------------------------------
# regions of the text

_SENT_END = "。；;！？!?\n"


def paragraph_bounds(t: str, pos: int) -> tuple[int, int]:
    """(start, end) of the paragraph (line) holding ``pos``."""
    s = t.rfind("\n", 0, pos) + 1
    e = t.find("\n", pos)
    return s, (len(t) if e < 0 else e)


_SENT_END_RE = re.compile("[" + re.escape(_SENT_END) + "]")


def sentence_ends(t: str, lo: int, hi: int) -> list[int]:
    """Offsets of the sentence ends (。；！？ and line breaks) in ``t[lo:hi]``: one scan of a paragraph,
    then ``sentence_at`` bisects it for every signal (not two scans per signal and end character)."""
    return [m.start() for m in _SENT_END_RE.finditer(t, lo, hi)]


def sentence_at(ends: list[int], pos: int, lo: int, hi: int) -> tuple[int, int]:
    """``sentence_bounds(t, pos, lo, hi)`` from the paragraph's ``sentence_ends``."""
    i = bisect_left(ends, pos)
    return (ends[i - 1] + 1 if i else lo), (ends[i] if i < len(ends) else hi)


def sentence_bounds(t: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos`` (ends at 。；！？ or a line break)."""
    hi = len(t) if hi is None else hi
    s = max(lo - 1, *(t.rfind(c, lo, pos) for c in _SENT_END)) + 1
    ends = [i for i in (t.find(c, pos, hi) for c in _SENT_END) if i >= 0]
    return s, (min(ends) if ends else hi)


# every ground's anchors are found by the shared anchor pass (DetectContext.anchor_index: the content
# detectors declare them in their ``anchors``); a context without that index uses this one
GROUNDS = ("security", "trade_secret", "statistics", "minors", "personnel", "pi_table", "petition", "legacy")


@cache
def _ground_index() -> AnchorIndex:
    """All grounds' anchors: for a context built without the detectors' index."""
    return AnchorIndex(w for name in GROUNDS for w in ground(name).anchor_terms)


@cache
def _own_index(name: str) -> AnchorIndex:
    return AnchorIndex(ground(name).anchor_terms)


@cache
def _owners() -> dict[str, tuple[str, ...]]:
    """Each anchor word and the grounds it serves."""
    out: dict[str, list[str]] = {}
    for name in GROUNDS:
        for w in ground(name).anchor_terms:
            out.setdefault(w, []).append(name)
    return {w: tuple(gs) for w, gs in out.items()}


def anchor_spans(ctx: DetectContext, g: Ground) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``g``'s anchors, ascending. Every ground's spans are
    sorted out of the shared pass at once, on the first call of a document (then cached)."""
    cache: dict[str, list[tuple[int, int]]] | None = ctx.__dict__.get("_content_anchor_hits")
    if cache is None:
        cache = ctx.__dict__["_content_anchor_hits"] = {}
        idx = ctx.anchor_index
        owners = _owners()
        for ix in (idx, _ground_index()) if idx is not None else (_ground_index(),):
            # grounds whose anchors all are in this index and that no earlier index served
            served = {n for n in GROUNDS if n not in cache and ix.covers(ground(n).anchor_terms)}
            if not served:
                continue
            for n in served:
                cache[n] = []
            for w, ps in ctx.anchor_positions(ix).items():  # the few words present, not every anchor
                for n in owners.get(w, ()):
                    if n in served:
                        cache[n] += [(p, p + len(w)) for p in ps]
            for n in served:
                cache[n].sort()
    hit = cache.get(g.name)
    if hit is None:  # a ground outside GROUNDS (a plug-in's data file)
        pos = ctx.anchor_positions(_own_index(g.name))
        hit = cache[g.name] = sorted((p, p + len(w)) for w, ps in pos.items() for p in ps)
    return hit


def anchor_paragraphs(ctx: DetectContext, g: Ground) -> list[tuple[int, int]]:
    """The paragraphs (lines) holding an anchor of ``g``, in order (cached per document). When the
    ground's data has ``require: [family, ...]``, only paragraphs holding a term of each family."""
    cache: dict[str, list[tuple[int, int]]] = ctx.__dict__.setdefault("_content_paras", {})
    hit = cache.get(g.name)
    if hit is None:
        spans = anchor_spans(ctx, g)
        if not spans:
            hit = cache[g.name] = []
            return hit
        t = ctx.folded
        seen: dict[int, int] = {}
        last_end = -1
        for s, _en in spans:
            if s < last_end:
                continue  # same paragraph as the previous anchor
            ps, pe = paragraph_bounds(t, s)
            seen[ps] = pe
            last_end = pe
        paras = sorted(seen.items())
        need = g.data.get("require") or ()
        if need and paras:
            keep = []
            for ps, pe in paras:
                fams = {n for n, _s, _e in _family_hits(ctx, g, ps, pe)}
                if all(r in fams for r in need):
                    keep.append((ps, pe))
            paras = keep
        hit = cache[g.name] = paras
    return hit


# ---------------------------------------------------------------------------------------------
# the document's date (ages are computed from it, never from today)

_DATE_RE = re.compile(r"((?:19|20)[0-9]{2})[ \t]*年[ \t]*([0-9]{1,2})[ \t]*月(?:[ \t]*([0-9]{1,2})[ \t]*日)?")
_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \t]*年")
_CN_DATE_RE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月")
_CN_NUM = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _cn_month(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.get(s[1], 0)
    if s.endswith("十"):
        return _CN_NUM.get(s[0], 0) * 10
    return _CN_NUM.get(s, 0)


def doc_date(ctx: DetectContext) -> _dt.date | None:
    """The document's date: the 公文 parser's 成文日期, else the latest full date written in the
    text (the 成文日期 is normally the last one), else the first day of the latest year named.
    None when the text carries no date at all (then no age is computed: never from today)."""
    if "_content_date" in ctx.__dict__:
        return ctx.__dict__["_content_date"]  # type: ignore[no-any-return]
    found: _dt.date | None = None
    gw = ctx.gongwen
    if gw is not None and gw.date:
        try:
            found = _dt.date.fromisoformat(gw.date)
        except ValueError:
            found = None
    if found is None:
        best: _dt.date | None = None
        for m in _DATE_RE.finditer(ctx.folded):
            if m.group(3) is None:
                continue
            try:
                d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if best is None or d > best:
                best = d
        if best is None:
            for m in _CN_DATE_RE.finditer(ctx.folded):
                y = int("".join(str(_CN_NUM.get(c, 0)) for c in m.group(1)))
                mo = _cn_month(m.group(2))
                if 1 <= mo <= 12 and 1900 < y < 2200:
                    d = _dt.date(y, mo, 28)
                    if best is None or d > best:
                        best = d
        if best is None:  # only years: the latest one, on its first day (the younger age: recall first)
            years = [int(y) for y in _YEAR_RE.findall(ctx.folded) if 1950 <= int(y) <= 2100]
            best = _dt.date(max(years), 1, 1) if years else None
        found = best
    ctx.__dict__["_content_date"] = found
    return found


def age_at(born_year: int, born_month: int | None, on: _dt.date) -> int:
    """Whole years between a birth year (and month) and ``on`` (a month unknown: the younger age)."""
    if born_month is None:
        return on.year - born_year - 1  # the younger possibility: recall first
    return on.year - born_year - (1 if born_month > on.month else 0)


# ---------------------------------------------------------------------------------------------
# statute-like (normative) text and court documents: general terms, not facts about a case

_ARTICLE_START = re.compile(
    r"^[ \t\u3000]*(?:第[一二三四五六七八九十百零〇]+条|[（(][一二三四五六七八九十]+[)）])"
)
_NORM_WORDS = ("应当", "不得", "可以", "禁止", "必须", "依法", "依照", "按照规定", "有权", "负责", "的，")


def is_normative(t: str, s: int, e: int) -> bool:
    """True for a statute-like sentence: starts like an article (第X条) or holds modal words
    (应当, 不得, 可以…) — a rule in general terms, not a statement of fact about someone."""
    seg = t[s:e]
    if seg.rstrip(" \t：:").endswith("的"):
        return True  # a condition of a rule: （四）患有……疾病的；
    ps, _ = paragraph_bounds(t, s)
    if _ARTICLE_START.match(t, ps) and any(w in seg for w in _NORM_WORDS):
        return True
    return sum(seg.count(w) for w in _NORM_WORDS) >= 1 and not _has_fact_marker(seg)


_FACT_MARKERS = re.compile(r"(?:19|20)[0-9]{2}年|截至|已经|已于|目前|现将|经查|经调查|经核实|经审核|经核查")


def _has_fact_marker(seg: str) -> bool:
    return _FACT_MARKERS.search(seg) is not None


_COURT_WORDS = ("原告", "被告", "上诉人", "被上诉人", "人民法院", "判决", "裁定", "指导案例", "审理", "再审")


def is_court_document(ctx: DetectContext) -> bool:
    """A judgment or guiding case (published by the courts): content cues stay below high."""
    hit = ctx.__dict__.get("_content_court")
    if hit is None:
        t = ctx.folded
        hit = sum(1 for w in _COURT_WORDS if w in t) >= 4
        ctx.__dict__["_content_court"] = hit
    return bool(hit)


def is_law_document(ctx: DetectContext) -> bool:
    """A statute or rule (第一条 … 第N条, 本法/本条例/本办法): general terms."""
    hit = ctx.__dict__.get("_content_law")
    if hit is None:
        t = ctx.folded
        hit = ("第一条" in t and "第二条" in t) or bool(
            re.search(r"本(?:法|条例|规定|办法|细则|解释)", t[:3000])
        )
        ctx.__dict__["_content_law"] = hit
    return bool(hit)


def uniq_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class Signal:
    """One content signal: a family term or a pattern match, with its paragraph."""

    name: str
    start: int
    end: int
    para: tuple[int, int]
    weight: float


def collect_signals(
    ctx: DetectContext,
    g: Ground,
    *,
    skip_normative: bool = True,
    paras: list[tuple[int, int]] | None = None,
) -> list[Signal]:
    """The family and pattern signals of ``g`` in the paragraphs holding an anchor, without those in
    statute-like sentences (cached per document and ground)."""
    cache: dict[str, list[Signal]] = ctx.__dict__.setdefault("_content_signals", {})
    key = f"{g.name}:{skip_normative}:{paras}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    t = ctx.folded
    out: list[Signal] = []
    norm: dict[tuple[int, int], bool] = {}
    for ps, pe in anchor_paragraphs(ctx, g) if paras is None else paras:
        found = list(_family_hits(ctx, g, ps, pe))
        found += [(n, m.start(), m.end()) for n, m in g.pattern_hits(t, ps, pe)]
        ends: list[int] | None = None
        for n, s, e in found:
            if _in_book_title(t, s, ps):
                continue  # a document's or law's title (《…》) names things, it states no fact
            if skip_normative:
                if ends is None:
                    ends = sentence_ends(t, ps, pe)
                sb = sentence_at(ends, s, ps, pe)
                bad = norm.get(sb)
                if bad is None:
                    bad = norm[sb] = is_normative(t, *sb)
                if bad:
                    continue
            out.append(Signal(n, s, e, (ps, pe), g.weight(n)))
    out.sort(key=lambda x: (x.start, -x.end))
    cache[key] = out
    return out


def _family_hits(ctx: DetectContext, g: Ground, ps: int, pe: int) -> list[tuple[str, int, int]]:
    """``g.family_hits`` of one paragraph, cached per document (the ``require`` test and
    ``collect_signals`` read the same paragraphs)."""
    cache: dict[tuple[str, int, int], list[tuple[str, int, int]]] = ctx.__dict__.setdefault(
        "_content_family_hits", {}
    )
    key = (g.name, ps, pe)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = g.family_hits(ctx.folded, ps, pe)
    return hit


def _in_book_title(t: str, pos: int, lo: int) -> bool:
    """True when ``pos`` lies inside 《…》 on its line."""
    o = t.rfind("《", lo, pos)
    return o >= 0 and t.rfind("》", o, pos) < 0


def score(signals: Iterable[Signal]) -> float:
    """Sum of the weights of the distinct signal names (a family counts once)."""
    best: dict[str, float] = {}
    for s in signals:
        best[s.name] = max(best.get(s.name, 0.0), s.weight)
    return round(sum(best.values()), 3)
