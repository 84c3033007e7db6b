"""Running reviews off the event loop, the recent-review cache, and the page's text view.

Nothing here keeps a document's bytes or text beyond the request: the cache holds the identity of a
reviewed document (sha256, name), its suggestion and its findings (offsets and masked values) so
that a decision can refer to a review without the client re-sending the suggestion.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from gkreview.report import Report
from gkreview.summary import STATUS_ZH

__all__ = ["ReviewCache", "ReviewEntry", "ReviewTimeout", "Runner", "error_record", "text_view"]

log = logging.getLogger("gkreview.service")
T = TypeVar("T")

# finding fields a decision record keeps (offsets and masked value only; never the text)
FINDING_FIELDS = (
    "id",
    "detector",
    "category",
    "reason_code",
    "severity",
    "score",
    "start",
    "end",
    "page",
    "masked",
)
REASON_FIELDS = ("code", "basis", "explanation", "finding_ids", "modality")


class ReviewTimeout(Exception):
    """The review did not finish within the per-request time limit."""


class Runner:
    """A bounded pool of threads for the blocking review work, with a per-call time limit."""

    def __init__(self, workers: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gkreview-review")

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self._pool, lambda: fn(*args, **kwargs))
        try:
            return await asyncio.wait_for(fut, timeout=self.timeout_s)
        except TimeoutError as exc:
            # a thread cannot be killed: it finishes in the background and its result is dropped;
            # the reader's own time limit (Limits.timeout_s) bounds it.
            raise ReviewTimeout(f"review took longer than {self.timeout_s:g} s") from exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class ReviewEntry:
    review_id: str
    sha256: str
    name: str
    format: str
    pages: int
    status: str
    suggestion: dict[str, Any]
    findings: tuple[dict[str, Any], ...]
    version: str
    model_version: str | None
    created: float

    @classmethod
    def from_report(cls, report: Report) -> ReviewEntry:
        d = report.to_dict()
        sug = dict(d["suggestion"])
        sug["reasons"] = [{k: r.get(k) for k in REASON_FIELDS if k in r} for r in sug.get("reasons") or []]
        model = sug.get("model") or {}
        model_version = None
        if isinstance(model, dict):
            mv = model.get("version") or model.get("name")
            model_version = str(mv) if mv else None
        return cls(
            review_id=uuid.uuid4().hex,
            sha256=report.sha256,
            name=report.path,
            format=report.format,
            pages=report.pages,
            status=str(report.status),
            suggestion=sug,
            findings=tuple({k: f.get(k) for k in FINDING_FIELDS} for f in d["findings"]),
            version=report.version,
            model_version=model_version,
            created=time.monotonic(),
        )


class ReviewCache:
    """The most recent reviews (bounded, with an age limit), by review_id. Thread-safe."""

    def __init__(self, size: int, max_age_s: float = 24 * 3600) -> None:
        self.size = size
        self.max_age_s = max_age_s
        self._items: OrderedDict[str, ReviewEntry] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, entry: ReviewEntry) -> None:
        with self._lock:
            self._items[entry.review_id] = entry
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, review_id: str) -> ReviewEntry | None:
        with self._lock:
            entry = self._items.get(review_id)
            if entry is None:
                return None
            if time.monotonic() - entry.created > self.max_age_s:
                del self._items[review_id]
                return None
            return entry

    def __len__(self) -> int:
        return len(self._items)


def error_record(report: Report) -> dict[str, str]:
    """The error record of a report that cannot be reviewed as a whole (never empty)."""
    if report.error is not None:
        return report.error.to_dict()
    status = str(report.status)
    return {
        "code": status,
        "message": STATUS_ZH.get(status, f"status {status}: the document was not reviewed"),
    }


def text_view(report: Report, max_chars: int) -> dict[str, Any] | None:
    """The document text cut into plain and flagged segments; flagged spans show only the masked value.

    For the reviewer's page (``include_text=true``); returned to the uploader, never stored or logged.
    """
    doc = report.document
    if doc is None:
        return None
    text = doc.text
    limit = min(len(text), max_chars)
    spans = sorted(
        ((f.start, f.end, f) for f in report.findings if 0 <= f.start < f.end <= len(text)),
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
