"""The pipeline: bytes → Document → gongwen → findings → suggestion → Report.

``Reviewer`` loads detectors, lexicons, the profile and the model once; ``review()`` is the
one-call form for the common case.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from gkreview import gongwen as _gongwen
from gkreview import readers
from gkreview._version import __version__
from gkreview.decide import Decider
from gkreview.detectors import DetectorSet
from gkreview.document import Document, ErrorInfo, PageQuality, Status, join_pages
from gkreview.readers import Limits, Source
from gkreview.report import Report

__all__ = ["Reviewer", "extract", "review", "text_document"]

log = logging.getLogger("gkreview")


def text_document(text: str, name: str = "<text>") -> Document:
    """A Document for text given directly (the service's /v1/review/text, tests)."""
    raw = text.encode("utf-8")
    full, pages = join_pages([text], [PageQuality(chars=len(text))])
    return Document(
        path=name,
        format="txt",
        status=Status.OK,
        text=full,
        pages=tuple(pages),
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
    )


def extract(source: Source, *, name: str | None = None, limits: Limits | None = None) -> Document:
    """Read a document (path, bytes or binary file) and parse its 公文 elements."""
    doc = readers.extract(source, name=name, limits=limits)
    if doc.text:
        doc = doc.with_gongwen(_gongwen.parse(doc.text))
    return doc


class Reviewer:
    """Loads everything once; reuse it for many documents (batch workers, the service)."""

    def __init__(
        self,
        *,
        config: str | Path | dict[str, Any] | None = None,
        negative_lists: Sequence[str | Path] = (),
        allow_lists: Sequence[str | Path] = (),
        profile: str | Path | dict[str, Any] | None = None,
        model: str | Path | bool | None = "default",
        limits: Limits | None = None,
        today: date | None = None,
    ) -> None:
        self.limits = limits or Limits()
        # set once: an undated document's plausibility checks use it; a dated one uses its own date
        self.today = today or date.today()
        self.detectors = DetectorSet.from_config(
            config, negative_lists=negative_lists, allow_lists=allow_lists
        )
        self.decider = Decider(profile=profile, model=model)

    def extract(self, source: Source, *, name: str | None = None) -> Document:
        return extract(source, name=name, limits=self.limits)

    def describe(self) -> dict[str, Any]:
        """What this Reviewer runs, as plain JSON values (the service's /v1/detectors and /v1/model).

        ``detectors``: one dict per configured detector (``name``, ``category``, ``reason_code``,
        ``label``, ``description``: the first line of its class docstring or None);
        ``model_card``: the model's sidecar (``model.json``) or None when it runs on rules only.
        """
        detectors = [
            {
                "name": det.name or type(det).__name__,
                "category": det.category,
                "reason_code": det.reason_code,
                "label": det.label,
                "description": (type(det).__doc__ or "").strip().split("\n")[0] or None,
            }
            for det in self.detectors.detectors
        ]
        model = self.decider.model
        card = json.loads(json.dumps(model.meta, default=str)) if model is not None and model.meta else None
        return {"detectors": detectors, "model_card": card}

    def review(self, source: Source, *, name: str | None = None) -> Report:
        t0 = time.perf_counter()
        doc = self.extract(source, name=name)
        return self.review_document(doc, t0=t0)

    def review_text(self, text: str, *, name: str = "<text>") -> Report:
        t0 = time.perf_counter()
        doc = text_document(text, name)
        return self.review_document(doc.with_gongwen(_gongwen.parse(doc.text)), t0=t0)

    def review_document(self, doc: Document, *, t0: float | None = None) -> Report:
        t0 = t0 if t0 is not None else time.perf_counter()
        try:
            findings, notes = (
                self.detectors.detect_notes(
                    doc.text, gongwen=doc.gongwen, page_of=doc.page_of, today=self.today
                )
                if doc.text
                else ([], [])
            )
            if notes:  # e.g. detections_truncated: the decider sends the file to a person
                doc = replace(doc, warnings=(*doc.warnings, *notes))
            suggestion = self.decider.suggest(doc, findings)
        except Exception as exc:  # fail closed: a bug must never look like a clean result
            log.exception("internal error while reviewing %s", doc.path)
            doc = replace(
                doc,
                status=Status.UNREADABLE,
                error=ErrorInfo("internal_error", f"gkreview failed on this file: {type(exc).__name__}"),
            )
            findings = []
            suggestion = self.decider.suggest(doc, findings)
        return Report(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            status=str(doc.status),
            suggestion=suggestion,
            findings=tuple(findings),
            error=doc.error,
            pages=len(doc.pages),
            gongwen=doc.gongwen,
            elapsed_ms=(time.perf_counter() - t0) * 1000,
            warnings=doc.warnings,
            version=__version__,
            document=doc,
        )


_default: Reviewer | None = None


def review(source: Source, *, name: str | None = None) -> Report:
    """Review one document with the default configuration (the Reviewer is built once)."""
    global _default
    if _default is None:
        _default = Reviewer()
    return _default.review(source, name=name)
