"""Evidence in context: a window of text around a finding with every flagged span masked.

The raw span is never returned. Inside the window, the finding's own span becomes its ``masked``
value and any other finding that touches the window is masked too (its ``masked`` value when it
lies wholly inside, otherwise ``＊`` for the part inside), so a neighbouring ID number or phone
never leaks through someone else's context.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["evidence_windows", "masked_window"]

_HIDE = "＊"


def _clean(s: str) -> str:
    return " ".join(s.split())


def masked_window(text: str, findings: Sequence[Mapping[str, Any]], index: int, chars: int = 30) -> list[str]:
    """``[before, masked, after]`` for ``findings[index]`` (whitespace runs collapsed)."""
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
        spans.append((cs, ce, str(g.get("masked", "")) if whole else _HIDE * (ce - cs)))
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
                out.append(_HIDE * (min(ce, b) - max(cs, pos)))
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
