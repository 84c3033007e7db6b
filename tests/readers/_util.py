"""Helpers for the reader tests."""

from __future__ import annotations

import difflib
import sys

from tests.conftest import FIXTURES, ROOT

READERS = FIXTURES / "readers"

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))


def squeeze(text: str) -> str:
    """The text without any whitespace (layout-independent comparison of Chinese text)."""
    return "".join(text.split())


def char_accuracy(got: str, want: str) -> float:
    """1 − (character edits / len(want)), whitespace ignored (difflib opcodes)."""
    a, b = squeeze(want), squeeze(got)
    if not a:
        return 1.0 if not b else 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    return max(0.0, 1.0 - edits / len(a))
