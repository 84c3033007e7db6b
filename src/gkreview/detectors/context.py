"""Character-window context: which cue words appear just before (and after) a value."""

from __future__ import annotations

from gkreview.detectors.data import context_words

__all__ = ["after", "before", "cues", "reach", "window"]


def _sizes() -> tuple[int, int]:
    cw = context_words()
    return int(cw.get("window_before", 24)), int(cw.get("window_after", 10))


def reach() -> int:
    """How far before a value its context words are looked for (``before``'s default window)."""
    return _sizes()[0]


def before(folded: str, start: int, size: int | None = None) -> str:
    size = _sizes()[0] if size is None else size
    return folded[max(0, start - size) : start]


def after(folded: str, end: int, size: int | None = None) -> str:
    size = _sizes()[1] if size is None else size
    return folded[end : end + size]


def window(folded: str, start: int, end: int) -> str:
    b, a = _sizes()
    return folded[max(0, start - b) : start] + " " + folded[end : end + a]


def cues(kind: str, key: str = "raise") -> tuple[str, ...]:
    words = context_words().get(kind, {}).get(key, [])
    return tuple(str(w) for w in words)


def found(words: tuple[str, ...], text: str) -> list[str]:
    """The words present in ``text``, longest first, without words contained in a longer hit."""
    hits = sorted((w for w in words if w and w in text), key=len, reverse=True)
    out: list[str] = []
    for w in hits:
        if not any(w in h for h in out):
            out.append(w)
    return out
