"""The one home of masking: how a value is masked, a span masked in a text, the findings' values hidden
inside any string, and the masked evidence window around a finding.

Everything that shows document text to a person (redact, the outputs, the service, Report.to_dict, the
terminal summary) goes through here, so a sensitive value is never printed in full by one path while
another masks it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gkreview.finding import Finding

__all__ = [
    "HIDE",
    "evidence_windows",
    "hide_values",
    "mask_keep",
    "mask_range",
    "mask_text",
    "mask_value",
    "masked_segments",
    "masked_window",
    "star",
    "value_masks",
]

HIDE = "＊"  # a character of someone else's span inside a context window


# ---------------------------------------------------------------- how one value is masked
def star(value: str) -> str:
    """Every character but whitespace as ``*`` (same length)."""
    return "".join(c if c.isspace() else "*" for c in value)


def mask_keep(span: str, head: int, tail: int) -> str:
    """Mask the letters/digits of ``span`` except the first ``head`` and last ``tail``; keep separators.

    Same length as ``span``: ``mask_keep("11010519491231002X", 6, 4)`` → ``110105********002X``.
    """
    idx = [i for i, c in enumerate(span) if c.isalnum()]
    n = len(idx)
    if head + tail >= n:  # too short to show anything safely: keep at most a third
        head, tail = min(head, n // 3), 0
    hide = set(idx[head : n - tail])
    return "".join("*" if i in hide else c for i, c in enumerate(span))


def mask_range(span: str, keep: int) -> str:
    """Keep the first ``keep`` characters, star the rest (not whitespace) — addresses, names."""
    return span[:keep] + star(span[keep:])


def mask_value(value: str, masked: str) -> str:
    """A same-length mask of ``value``: the finding's own ``masked`` when it is one, else stars."""
    if len(masked) == len(value) and masked != value and "*" in masked:
        return masked
    return star(value)


# ---------------------------------------------------------------- spans in a text
def mask_text(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with each finding's span replaced by a same-length mask (overlaps: both applied)."""
    chars = list(text)
    for f in findings:
        chars[f.start : f.end] = list(mask_value(text[f.start : f.end], f.masked))
    return "".join(chars)


def masked_segments(text: str, findings: Sequence[Finding], max_chars: int) -> dict[str, Any]:
    """The first ``max_chars`` of ``text`` cut into plain and flagged segments; a flagged segment shows
    only its first finding's masked value (overlapping findings merge into one segment)."""
    limit = min(len(text), max_chars)
    spans = sorted(
        ((f.start, f.end, f) for f in findings if 0 <= f.start < f.end <= len(text)),
        key=lambda s: (s[0], -s[1]),
    )
    segments: list[dict[str, Any]] = []
    pos = 0
    i = 0
    while i < len(spans) and spans[i][0] < limit:
        start, end, first = spans[i]
        ids = [first.id]
        severity = first.severity
        masked = first.masked
        i += 1
        while i < len(spans) and spans[i][0] < end:  # merge overlapping findings into one span
            end = max(end, spans[i][1])
            ids.append(spans[i][2].id)
            if spans[i][2].rank > {"high": 3, "medium": 2, "low": 1}.get(severity, 0):
                severity = spans[i][2].severity
            i += 1
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append(
            {"masked": masked, "finding_ids": ids, "severity": severity, "start": start, "end": end}
        )
        pos = end
    if pos < limit:
        segments.append({"text": text[pos:limit]})
    return {"segments": segments, "truncated": limit < len(text), "chars": len(text)}


# ---------------------------------------------------------------- values inside any string
def value_masks(text: str, findings: Iterable[Finding]) -> list[tuple[str, str]]:
    """(raw value, its mask) of every finding, longest value first (a value before its parts)."""
    pairs: dict[str, str] = {}
    for f in findings:
        raw = text[f.start : f.end]
        if raw.strip() and raw != f.masked:
            pairs.setdefault(raw, f.masked)
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def hide_values(value: Any, masks: Sequence[tuple[str, str]]) -> Any:
    """``value`` (a string, or lists/dicts of them) with every raw value of ``masks`` replaced."""
    if not masks:
        return value

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            for raw, masked in masks:
                if raw in v:
                    v = v.replace(raw, masked)
            return v
        if isinstance(v, list | tuple):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return walk(value)


# ---------------------------------------------------------------- evidence windows
def _clean(s: str) -> str:
    return " ".join(s.split())


def masked_window(text: str, findings: Sequence[Mapping[str, Any]], index: int, chars: int = 30) -> list[str]:
    """``[before, masked, after]`` for ``findings[index]`` (whitespace runs collapsed).

    The raw span is never returned: the finding's own span becomes its ``masked`` value and any other
    finding touching the window is masked too (its ``masked`` value when it lies wholly inside, else
    ``＊`` for the part inside), so a neighbouring ID number or phone never leaks through the context.
    """
    others = [g for j, g in enumerate(findings) if j != index]
    return _window(text, findings[index], others, chars)


def _window(text: str, f: Mapping[str, Any], others: Sequence[Mapping[str, Any]], chars: int) -> list[str]:
    start, end = int(f["start"]), int(f["end"])
    ws, we = max(0, start - chars), min(len(text), end + chars)
    # every other finding touching the window, as (start, end, replacement), clipped to the window
    spans: list[tuple[int, int, str]] = []
    for g in others:
        if g is f:
            continue
        gs, ge = int(g["start"]), int(g["end"])
        if ge <= ws or gs >= we:
            continue
        cs, ce = max(gs, ws), min(ge, we)
        whole = gs >= ws and ge <= we
        spans.append((cs, ce, str(g.get("masked", "")) if whole else HIDE * (ce - cs)))
    spans.sort()

    def render(a: int, b: int) -> str:
        out: list[str] = []
        pos = a
        for cs, ce, rep in spans:
            if ce <= pos or cs >= b:
                continue
            if cs > pos:
                out.append(text[pos:cs])
            # a span crossing the focal finding's border is hidden up to the border
            if cs < pos or ce > b:
                out.append(HIDE * (min(ce, b) - max(cs, pos)))
            else:
                out.append(rep)
            pos = max(pos, min(ce, b))
        if pos < b:
            out.append(text[pos:b])
        return "".join(out)

    return [_clean(render(ws, start)), str(f.get("masked", "")), _clean(render(end, we))]


def evidence_windows(
    text: str, findings: Sequence[Mapping[str, Any]], chars: int = 30
) -> dict[str, list[str]]:
    """finding id → ``[before, masked, after]`` for every finding whose offsets fall inside ``text``.

    Neighbours are looked up by offset (sorted starts + bisect), so a document with thousands of
    findings costs O(n log n), not O(n²).
    """
    valid: list[tuple[int, Mapping[str, Any]]] = []
    for i, f in enumerate(findings):
        try:
            start, end = int(f["start"]), int(f["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            valid.append((i, f))
    ordered = sorted((f for _i, f in valid), key=lambda g: int(g["start"]))
    starts = [int(g["start"]) for g in ordered]
    longest = max((int(g["end"]) - int(g["start"]) for g in ordered), default=0)
    out: dict[str, list[str]] = {}
    for i, f in valid:
        start, end = int(f["start"]), int(f["end"])
        lo = bisect.bisect_left(starts, max(0, start - chars) - longest)
        hi = bisect.bisect_left(starts, min(len(text), end + chars))
        out[str(f.get("id") or f"#{i}")] = _window(text, f, ordered[lo:hi], chars)
    return out
