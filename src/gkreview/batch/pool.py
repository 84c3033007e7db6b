"""The worker processes: each builds one reviewer; a stuck one is killed and replaced, a dead one's file
is tried once more on a fresh worker, then recorded; results stream back as files finish.

Workers are plain ``multiprocessing`` processes (one pipe each) so that one of them can be killed
without breaking the others.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from gkreview.batch.model import ScanOptions, ScanResult
from gkreview.batch.records import error_result, review_to_result
from gkreview.errors import ConfigurationError, GkreviewError

__all__ = ["Pool", "limit_memory", "load_factory", "start_worker"]

T = TypeVar("T")

log = logging.getLogger("gkreview.batch")


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at ``memory_mb`` MiB (RLIMIT_AS; 0 = no cap), as ``scan --memory-mb``."""
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on POSIX
        log.warning("could not set a memory bound for the worker")


def load_factory(spec: str) -> Any:
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "Reviewer")


def start_worker(conn: Connection, memory_mb: int, build: Callable[[], T]) -> T | None:
    """The start of a worker process (scan's and the service's): Ctrl-C left to the parent, which
    stops the worker; memory capped; ``build()`` run; the parent told ``("ready",)`` or
    ``("init_error", code, message)``. None when nothing could be built (the worker then ends)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    limit_memory(memory_mb)
    try:
        built = build()
    except GkreviewError as exc:
        conn.send(("init_error", exc.code, exc.message))
        return None
    except Exception as exc:  # the message may be long or odd, never a document: there is none yet
        conn.send(("init_error", "internal_error", f"{type(exc).__name__}: {exc}"))
        return None
    conn.send(("ready",))
    return built


def worker_main(
    conn: Connection, factory: str, reviewer_kwargs: dict[str, Any], memory_mb: int, context_chars: int
) -> None:
    """A worker process: build one Reviewer, then review the paths it is sent until told to stop."""
    reviewer = start_worker(conn, memory_mb, lambda: load_factory(factory)(**reviewer_kwargs))
    if reviewer is None:
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away
        if task is None:
            return
        task_id, path = task
        try:
            result = review_to_result(reviewer.review(path), context_chars)
            payload: tuple[Any, ...] = ("done", task_id, result.report, result.evidence)
        except MemoryError:
            payload = (
                "failed",
                task_id,
                "too_large",
                "memory_limit",
                "the file needs more memory than the worker may use",
            )
        except Exception as exc:
            payload = (
                "failed",
                task_id,
                "unreadable",
                "internal_error",
                f"gkreview failed on this file: {type(exc).__name__}",
            )
        try:
            conn.send(payload)
        except (OSError, ValueError):
            return
        if payload[0] == "failed" and payload[3] == "memory_limit":
            return  # start afresh rather than carry on after a MemoryError


class Worker:
    def __init__(self, ctx: Any, options: ScanOptions) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.proc = ctx.Process(
            target=worker_main,
            args=(child, options.factory, dict(options.reviewer), options.memory_mb, options.context_chars),
            daemon=True,
            name="gkreview-scan-worker",
        )
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def assign(self, task_id: int, path: str) -> None:
        self.task = (task_id, path)
        self.started = time.monotonic()
        self.conn.send((task_id, path))

    def stop(self, *, force: bool = False) -> None:
        if not force and self.proc.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                force = True
            else:
                self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class Pool:
    """Workers that can be killed one at a time; yields (path, ScanResult) as files finish."""

    MAX_INIT_FAILURES = 3

    def __init__(self, options: ScanOptions) -> None:
        self.options = options
        self.ctx = multiprocessing.get_context(options.start_method)
        self.workers: list[Worker] = []
        self.init_failures = 0

    def _spawn(self) -> Worker:
        w = Worker(self.ctx, self.options)
        self.workers.append(w)
        return w

    def _replace(self, w: Worker) -> None:
        self.workers.remove(w)
        w.stop(force=True)
        self._spawn()

    def close(self) -> None:
        for w in self.workers:
            w.stop()
        self.workers.clear()

    def run(self, paths: Iterable[str]) -> Iterator[ScanResult]:
        pending: deque[tuple[int, str]] = deque(enumerate(paths))
        n = min(self.options.workers, len(pending))
        if n == 0:
            return
        for _ in range(n):
            self._spawn()
        attempts: dict[int, int] = {}  # task id -> workers it has killed
        while pending or any(w.task is not None for w in self.workers):
            for w in self.workers:
                if w.ready and w.task is None and pending:
                    w.assign(*pending.popleft())
            ready = self._wait()
            for w in list(self.workers):
                if w.conn in ready or (w.proc.sentinel in ready and w.conn.poll()):
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        msg = None
                    if msg is not None:
                        result = self._on_message(w, msg)
                        if result is not None:
                            yield result
                        continue
                if w.proc.sentinel in ready and not w.proc.is_alive():
                    # died: crash, memory bound, killed from outside
                    result = self._on_death(w, pending, attempts)
                    if result is not None:
                        yield result
            yield from self._expire()
            if not pending:
                # release idle workers early so the machine is free for the stragglers
                for w in list(self.workers):
                    if w.ready and w.task is None:
                        self.workers.remove(w)
                        w.stop()

    def _wait(self) -> set[Any]:
        """The pipes and process sentinels that are ready, waiting at most until the next deadline (1 s)."""
        now = time.monotonic()
        deadlines = [w.started + self.options.timeout_s - now for w in self.workers if w.task is not None]
        wait_s = max(0.0, min(deadlines, default=1.0))
        handles: list[Any] = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        return set(wait(handles, timeout=min(wait_s, 1.0) + 0.01))

    def _on_message(self, w: Worker, msg: tuple[Any, ...]) -> ScanResult | None:
        """A worker's message: it is ready, could not start (raises), or finished its file."""
        kind = msg[0]
        if kind == "ready":
            w.ready = True
            self.init_failures = 0
            return None
        if kind == "init_error":
            self.close()
            text = f"the reviewer could not be built: {msg[1]}: {msg[2]}"
            if msg[1] in ("configuration", "usage"):
                raise ConfigurationError(text)
            raise GkreviewError(text, code=str(msg[1]))
        assert w.task is not None
        task_path = w.task[1]
        w.task = None
        if kind == "done":
            return ScanResult(msg[2], msg[3])
        _, _, status, code, message = msg
        if code == "memory_limit":
            self._replace(w)  # that worker is ending; do not give it the next file
        return error_result(task_path, status, code, message)

    def _on_death(
        self, w: Worker, pending: deque[tuple[int, str]], attempts: dict[int, int]
    ) -> ScanResult | None:
        """A worker died: its file is tried once more on a fresh worker, then gets an error record."""
        if w.task is not None:
            task_id, task_path = w.task
            w.task = None
            attempts[task_id] = attempts.get(task_id, 0) + 1
            self._replace(w)
            if attempts[task_id] < 2:
                pending.appendleft((task_id, task_path))  # once more, on a fresh worker
                return None
            return error_result(
                task_path,
                "unreadable",
                "worker_crashed",
                f"the review process ended abnormally (exit code {w.proc.exitcode}); "
                "the file may need more memory than allowed or crash a reader",
            )
        if not w.ready:
            self.init_failures += 1
            if self.init_failures > self.MAX_INIT_FAILURES:
                self.close()
                raise GkreviewError(
                    f"scan workers keep dying while starting (exit code {w.proc.exitcode}); "
                    "check --memory-mb and the reviewer options",
                    code="worker_start",
                )
        self._replace(w)
        return None

    def _expire(self) -> Iterator[ScanResult]:
        """Stop the workers past the time bound; their files get a ``timeout`` record."""
        timeout = self.options.timeout_s
        now = time.monotonic()
        for w in list(self.workers):
            if w.task is not None and now - w.started > timeout and not w.conn.poll():
                task_path = w.task[1]
                w.task = None
                self._replace(w)
                yield error_result(
                    task_path,
                    "timeout",
                    "timeout",
                    f"the review took longer than {timeout:g} s and was stopped",
                )
