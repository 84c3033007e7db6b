"""service.workers.redact_with calls the public gkreview.redact with its real signature (SYNTHETIC text)."""

from __future__ import annotations

import inspect

import gkreview
from gkreview import Reviewer
from service.workers import redact_with


def test_redact_with_masks_through_the_public_redact() -> None:
    text = "SYNTHETIC 联系电话：13800138000，请于周一前回复。\n"
    suffix, data, summary = redact_with(Reviewer(model="none"), text.encode(), "a.txt", "medium", ["f1"])
    assert suffix == ".txt"
    assert b"13800138000" not in data
    assert summary["counts"] and summary["not_redacted"] == 0


def test_the_keywords_it_passes_are_in_the_real_signature() -> None:
    params = inspect.signature(gkreview.redact).parameters
    assert {"min_severity", "reviewer", "name"} <= set(params)
    src = inspect.getsource(redact_with)
    assert "inspect.signature" not in src and "getattr(result" not in src
