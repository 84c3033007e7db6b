"""Running reviews off the event loop, the recent-review cache, and the page's text view.

Nothing here keeps a document's bytes or text beyond the request: the cache holds the identity of a
reviewed document (sha256, name), its suggestion and its findings (offsets and masked values) so
that a decision can refer to a review without the client re-sending the suggestion.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from gkreview import Report, Status
from gkreview.errors import DocumentTooLargeError, ExtractionError, ExtractionTimeoutError

__all__ = [
    "NameMasker",
    "ProcessRunner",
    "ReviewCache",
    "ReviewEntry",
    "ReviewTimeout",
    "Runner",
    "ThreadRunner",
    "WorkerCrashed",
    "error_record",
    "text_view",
]

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
REASON_FIELDS = ("code", "basis", "explanation", "finding_ids", "modality", "secondary", "rule")


class ReviewTimeout(ExtractionTimeoutError):
    """The review did not finish within the per-request time limit (status ``timeout``)."""


class WorkerCrashed(ExtractionError):
    """A review worker process died on this document, e.g. a reader crashed on a hostile file."""

    status = "unreadable"
    code = "reader_crashed"


class Runner:
    """Runs the blocking review work off the event loop, with a per-call time limit.

    Subclasses say where: ``ThreadRunner`` (a given Reviewer object, threads) or ``ProcessRunner``
    (worker processes, each with its own Reviewer; the default of the service).
    """

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        raise NotImplementedError

    async def _timed(self, fut: Any) -> Any:
        try:
            return await asyncio.wait_for(fut, timeout=self.timeout_s)
        except TimeoutError as exc:
            # a running review cannot be stopped from here: it ends in the background (the reader's own
            # time limit, Limits.timeout_s, bounds it) and its result is dropped.
            raise ReviewTimeout(f"review took longer than {self.timeout_s:g} s") from exc

    async def review(self, data: Any, name: str, keep_text: bool = False) -> Report:
        """The report; its ``document`` (the text) only with ``keep_text`` (the page's text view)."""
        raise NotImplementedError

    async def review_text(self, text: str, name: str, keep_text: bool = False) -> Report:
        raise NotImplementedError

    async def redact(
        self, data: Any, name: str, min_severity: str, finding_ids: list[str]
    ) -> tuple[str, bytes, dict[str, Any]]:
        raise NotImplementedError

    async def describe(self) -> dict[str, Any]:
        raise NotImplementedError

    def shutdown(self) -> None:
        raise NotImplementedError


class ThreadRunner(Runner):
    """A given Reviewer (or stand-in) in a bounded thread pool. The reviewer must be thread-safe."""

    def __init__(self, reviewer: Any, workers: int, timeout_s: float) -> None:
        super().__init__(timeout_s)
        self.reviewer = reviewer
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gkreview-review")

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        result: T = await self._timed(loop.run_in_executor(self._pool, lambda: fn(*args)))
        return result

    async def review(self, data: Any, name: str, keep_text: bool = False) -> Report:
        return await self._call(lambda: self.reviewer.review(data, name=name))

    async def review_text(self, text: str, name: str, keep_text: bool = False) -> Report:
        return await self._call(lambda: self.reviewer.review_text(text, name=name))

    async def redact(
        self, data: Any, name: str, min_severity: str, finding_ids: list[str]
    ) -> tuple[str, bytes, dict[str, Any]]:
        from service.workers import redact_with

        return await self._call(redact_with, self.reviewer, data, name, min_severity, finding_ids)

    async def describe(self) -> dict[str, Any]:
        return dict(self.reviewer.describe())

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


LARGE_BYTES = 1024 * 1024  # a document over this is "large" (see ProcessRunner)


def is_large(data: Any) -> bool:
    """Bytes, or the path of a spooled upload, over LARGE_BYTES."""
    if isinstance(data, bytes | bytearray | memoryview):
        return len(data) > LARGE_BYTES
    try:
        return os.path.getsize(data) > LARGE_BYTES
    except (OSError, TypeError, ValueError):
        return True


class _Worker:
    """One review worker process and the pipe to it. It builds its Reviewer, says ``ready``, then runs
    one call at a time; the parent can kill it at any moment (a review past its deadline)."""

    def __init__(self, ctx: Any, options: dict[str, Any], memory_mb: int) -> None:
        from service import workers

        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.proc = ctx.Process(
            target=workers.serve, args=(child, options, memory_mb), daemon=True, name="gkreview-review-worker"
        )
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout_s: float) -> None:
        from gkreview.errors import ConfigurationError

        if self.ready:
            return
        try:
            if not self.conn.poll(timeout_s):
                raise ConfigurationError(f"a review worker did not start within {timeout_s:g} s")
            message = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise ConfigurationError(
                "the review workers could not build their Reviewer (see the error above): "
                "check GKREVIEW_MODEL / GKREVIEW_PROFILE / GKREVIEW_CONFIG and the review options"
            ) from exc
        if message[0] != "ready":
            raise ConfigurationError(
                f"the review workers could not build their Reviewer ({message[1]}: {message[2]}): "
                "check GKREVIEW_MODEL / GKREVIEW_PROFILE / GKREVIEW_CONFIG and the review options"
            )
        self.ready = True

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
            self.proc.join(2)
        self.kill()


class ProcessRunner(Runner):
    """Worker processes (spawned), each with one Reviewer built at start-up from ``options``.

    One call at a time per worker. A call past its deadline (``timeout_s``, counted from the moment a
    worker takes it) has its worker killed and replaced at once: a hostile document cannot keep a
    worker busy after its answer, 422 ``timeout``, went out. A worker that dies (a reader crashing, the
    memory cap ``memory_mb`` reached) is replaced too and that document answers 422. Calls wait for a
    free worker in order; how many may wait is bounded in front of the runner (AdmissionMiddleware).
    """

    START_TIMEOUT_S = 300.0  # building a Reviewer (model loading) on a busy machine

    def __init__(
        self, options: dict[str, Any], workers: int, timeout_s: float, memory_mb: int = 0, max_calls: int = 64
    ) -> None:
        super().__init__(timeout_s)
        self.options = options
        self.workers = workers
        self.memory_mb = memory_mb
        self._ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._closed = False
        # free workers, and the calls waiting for one: ordinary documents first, then in order of arrival;
        # large documents may hold at most workers - 1 workers, so one stays for ordinary ones
        self._cond = threading.Condition()
        self._free: list[_Worker] = []
        self._waiting: list[tuple[int, int]] = []  # (1 if large else 0, arrival)
        self._seq = itertools.count()
        self._large_busy = 0
        self.large_slots = max(1, workers - 1)
        # one thread per call in hand (waiting or running): the admission bound keeps them few
        self._threads = ThreadPoolExecutor(max_workers=max_calls, thread_name_prefix="gkreview-worker-io")
        for _ in range(workers):
            self._free.append(self._spawn())

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.options, self.memory_mb)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, w: _Worker) -> _Worker:
        w.kill()
        with self._lock:
            self._all.discard(w)
        return self._spawn()

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [p for p in (w.pid for w in self._all) if p is not None]

    def _next_up(self) -> tuple[int, int] | None:
        """The waiting call to go next: ordinary ones first, then by arrival; a large one only while
        a large slot is free."""
        for ticket in sorted(self._waiting):
            if ticket[0] == 0 or self._large_busy < self.large_slots:
                return ticket
        return None

    def _acquire(self, large: bool) -> _Worker:
        ticket = (1 if large else 0, next(self._seq))
        with self._cond:
            self._waiting.append(ticket)
            while not (self._free and self._next_up() == ticket):
                if self._closed:
                    self._waiting.remove(ticket)
                    raise WorkerCrashed("the service is shutting down; the document was not reviewed")
                self._cond.wait()
            self._waiting.remove(ticket)
            if large:
                self._large_busy += 1
            w = self._free.pop()
            self._cond.notify_all()
            return w

    def _release(self, w: _Worker, large: bool) -> None:
        with self._cond:
            if large:
                self._large_busy -= 1
            if self._closed:
                w.kill()
            else:
                self._free.append(w)
            self._cond.notify_all()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...], large: bool = False) -> T:
        """In a thread: take a free worker, run the call on it, kill it at the deadline."""
        w = self._acquire(large)
        try:
            w.wait_ready(self.START_TIMEOUT_S)
            try:
                w.conn.send((fn, args))
                done = w.conn.poll(self.timeout_s)
                kind, payload = w.conn.recv() if done else ("timeout", None)
            except (EOFError, OSError) as exc:
                log.error("a review worker died; starting a new one")
                w = self._replace(w)
                raise WorkerCrashed("a review worker died on this document") from exc
            if kind == "timeout":
                log.warning(
                    "a review passed its %.0f s deadline; its worker was stopped and replaced", self.timeout_s
                )
                w = self._replace(w)
                raise ReviewTimeout(f"review took longer than {self.timeout_s:g} s")
            if kind == "memory":
                log.warning("a review reached the worker memory cap; its worker was replaced")
                w = self._replace(w)
                raise DocumentTooLargeError(
                    "the document needs more memory than a review worker may use", code="memory_limit"
                )
            if kind == "error" and isinstance(payload, BaseException):
                raise payload
            return cast(T, payload)
        finally:
            self._release(w, large)

    async def _call(self, fn: Callable[..., T], *args: Any, large: bool = False) -> T:
        loop = asyncio.get_running_loop()
        result: T = await loop.run_in_executor(self._threads, self._run, fn, args, large)
        return result

    async def review(self, data: Any, name: str, keep_text: bool = False) -> Report:
        from service import workers

        return await self._call(workers.review_bytes, data, name, keep_text, large=is_large(data))

    async def review_text(self, text: str, name: str, keep_text: bool = False) -> Report:
        from service import workers

        return await self._call(workers.review_text, text, name, keep_text, large=len(text) * 3 > LARGE_BYTES)

    async def redact(
        self, data: Any, name: str, min_severity: str, finding_ids: list[str]
    ) -> tuple[str, bytes, dict[str, Any]]:
        from service import workers

        return await self._call(
            workers.redact_bytes, data, name, min_severity, finding_ids, large=is_large(data)
        )

    async def describe(self) -> dict[str, Any]:
        from service import workers

        return await self._call(workers.describe)

    async def warm(self) -> None:
        """Wait until every worker has built its Reviewer (before the first request)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            pending = list(self._all)
        await asyncio.gather(
            *(loop.run_in_executor(None, w.wait_ready, self.START_TIMEOUT_S) for w in pending)
        )

    def shutdown(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()  # calls still waiting for a worker give up
        with self._lock:
            everyone = list(self._all)
            self._all.clear()
        for w in everyone:
            w.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)


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
    def from_report(cls, report: Report, name: str | None = None) -> ReviewEntry:
        """The entry of ``report``; ``name`` is the document's name as it may be kept (masked)."""
        d = report.to_dict()
        sug = dict(d["suggestion"])
        sug["reasons"] = [{k: r.get(k) for k in REASON_FIELDS if k in r} for r in sug.get("reasons") or []]
        model = sug.get("model") or {}
        model_version = None
        if isinstance(model, dict):
            mv = model.get("version") or model.get("name")
            if mv and model.get("created") and not model.get("version"):
                mv = f"{mv}@{model['created']}"
            model_version = str(mv) if mv else None
        return cls(
            review_id=uuid.uuid4().hex,
            sha256=report.sha256,
            name=report.path if name is None else name,
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

    def __init__(self, size: int, max_age_s: float = 24 * 3600, max_findings: int = 200_000) -> None:
        self.size = size
        self.max_age_s = max_age_s
        self.max_findings = max_findings  # bounds memory whatever the documents hold
        self._items: OrderedDict[str, ReviewEntry] = OrderedDict()
        self._findings = 0
        self._lock = threading.Lock()

    def add(self, entry: ReviewEntry) -> None:
        with self._lock:
            self._items[entry.review_id] = entry
            self._findings += len(entry.findings)
            while len(self._items) > 1 and (
                len(self._items) > self.size or self._findings > self.max_findings
            ):
                _, old = self._items.popitem(last=False)
                self._findings -= len(old.findings)

    def get(self, review_id: str) -> ReviewEntry | None:
        with self._lock:
            entry = self._items.get(review_id)
            if entry is None:
                return None
            if time.monotonic() - entry.created > self.max_age_s:
                del self._items[review_id]
                self._findings -= len(entry.findings)
                return None
            return entry

    def __len__(self) -> int:
        return len(self._items)


class NameMasker:
    """Masks the values the detectors find in a document's *name* (an uploader may name a file after a
    person: ``张三110101199003078515.docx``), with the library's own detectors and mask."""

    def __init__(self, detectors: Any) -> None:
        self.detectors = detectors

    def __call__(self, name: str) -> str:
        from gkreview import mask_text

        try:
            findings = self.detectors.detect(name)
        except Exception:  # fail closed: a name that cannot be checked is not kept
            log.error("could not check a document name for personal values")
            return "<name withheld>"
        return mask_text(name, findings) if findings else name


def error_record(report: Report) -> dict[str, str]:
    """The error record of a report that cannot be reviewed as a whole (never empty)."""
    if report.error is not None:
        return report.error.to_dict()
    status = str(report.status)
    return {
        "code": status,
        "message": Status(status).detail_zh
        if status in Status.__members__.values()
        else f"status {status}: the document was not reviewed",
    }


def text_view(report: Report, max_chars: int) -> dict[str, Any] | None:
    """The document text cut into plain and flagged segments; flagged spans show only the masked value.

    For the reviewer's page (``include_text=true``); returned to the uploader, never stored or logged.
    """
    return report.masked_segments(max_chars)
