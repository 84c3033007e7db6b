"""Helpers for the reader tests."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from types import ModuleType

from tests.conftest import FIXTURES, ROOT

READERS = FIXTURES / "readers"


def load_render() -> ModuleType:
    """scripts/render.py (not a package module) loaded once."""
    if "render" not in sys.modules:
        spec = importlib.util.spec_from_file_location("render", ROOT / "scripts" / "render.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules["render"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["render"]


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
