"""Builders for decide tests: documents with explicit 公文 elements, findings, a fixed-output model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from gkreview.decide.features import FeatureSpec
from gkreview.decide.model import LinearModel
from gkreview.document import Document, Status
from gkreview.finding import Finding
from gkreview.gongwen import Gongwen, Secrecy
from gkreview.review import text_document


def doc(text: str, *, status: str = "ok", **gongwen: Any) -> Document:
    """A document from text with the given 公文 elements (the parser is tested elsewhere)."""
    d = text_document(text, "test.txt")
    if gongwen.get("secrecy") and isinstance(gongwen["secrecy"], str):
        level, _, period = gongwen["secrecy"].partition("★")
        gongwen["secrecy"] = Secrecy(level=level, period=period or None, raw=gongwen["secrecy"])
    if "addressees" in gongwen:
        gongwen["addressees"] = tuple(gongwen["addressees"])
    d = d.with_gongwen(Gongwen(**gongwen))
    if status != "ok":
        d = replace(d, status=Status(status))
    return d


def finding(
    category: str, code: str, severity: str = "high", score: float = 0.95, fid: str = "f1", label: str = ""
) -> Finding:
    return Finding(
        detector="test",
        category=category,
        reason_code=code,
        severity=severity,
        score=score,
        start=0,
        end=2,
        masked="**",
        id=fid,
        label=label or category,
    )


def fixed_model(active: float, on_request: float, withheld: float) -> LinearModel:
    """A model whose probabilities do not depend on the text (softmax of its intercepts)."""
    n = 16
    probs = np.array([active, on_request, withheld], dtype=np.float64)
    return LinearModel(
        labels=("active", "on_request", "withheld"),
        coef=np.zeros((3, n), dtype=np.float32),
        intercept=np.log(probs),
        idf=np.ones(n, dtype=np.float32),
        spec=FeatureSpec(n_features=n),
        meta={"name": "fixed", "candidate": "test"},
    )
