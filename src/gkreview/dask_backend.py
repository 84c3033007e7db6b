"""``gkreview scan --dask ADDRESS``: the same scan on a Dask cluster.

Each Dask worker builds one ``Reviewer`` (cached per worker process and reviewer options) and
reviews its share of the files; results stream back as they finish, in the same ``ScanResult``
form as the local pool, so every output format works unchanged. The workers must see the files
under the same paths (a shared file system). Bounds: the readers' own limits apply inside the
worker; Dask's nanny enforces the worker memory limit and a task whose worker dies is retried,
then recorded as ``worker_crashed``. A task cannot be interrupted inside a worker thread, so the
hard per-file time bound of the local pool is not available here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator, Sequence
from typing import Any

from gkreview.batch import (
    ResumeIndex,
    ScanOptions,
    ScanResult,
    _load_factory,
    error_result,
    plan,
    review_to_result,
)
from gkreview.errors import ConfigurationError

__all__ = ["review_on_worker", "scan_dask"]

_reviewers: dict[str, Any] = {}
_lock = threading.Lock()


def _reviewer(kwargs: dict[str, Any], factory: str) -> Any:
    key = factory + repr(sorted(kwargs.items()))
    with _lock:
        r = _reviewers.get(key)
        if r is None:
            r = _reviewers[key] = _load_factory(factory)(**kwargs)
        return r


def review_on_worker(
    path: str,
    reviewer_kwargs: dict[str, Any],
    context_chars: int = 30,
    factory: str = "gkreview.review:Reviewer",
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Runs on a Dask worker: review one file with the worker's cached Reviewer."""
    try:
        result = review_to_result(_reviewer(reviewer_kwargs, factory).review(path), context_chars)
    except MemoryError:
        result = error_result(
            path, "too_large", "memory_limit", "the file needs more memory than the worker may use"
        )
    except Exception as exc:  # fail closed: the file gets an error record, never a clean one
        result = error_result(
            path, "unreadable", "internal_error", f"gkreview failed on this file: {type(exc).__name__}"
        )
    return result.report, result.evidence


def scan_dask(
    files: Sequence[str | os.PathLike[str]],
    address: Any,
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | None = None,
    in_flight: int = 0,
    connect_timeout: float = 30.0,
) -> Generator[ScanResult, None, None]:
    """Like ``gkreview.batch.scan`` but on the Dask scheduler at ``address`` (or a ``Client``).

    At most ``in_flight`` tasks (default: 4 per worker thread, at least 16) are submitted at a
    time, so an archive of millions of files does not flood the scheduler.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the [dask] extra is missing
        raise ConfigurationError("--dask needs the dask extra: pip install 'gkreview[dask]'") from exc

    options = options or ScanOptions()
    todo, replayed = plan(files, resume)
    yield from replayed
    if not todo:
        return
    own = not isinstance(address, Client)
    try:
        client: Any = Client(address, set_as_default=False, timeout=connect_timeout) if own else address
    except (OSError, TimeoutError) as exc:
        raise ConfigurationError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        if not in_flight:
            threads = sum(client.nthreads().values()) or 1
            in_flight = max(16, 4 * threads)
        kwargs = dict(options.reviewer)
        queue = iter(todo)
        path_of: dict[Any, str] = {}

        def submit() -> Any:
            path = next(queue, None)
            if path is None:
                return None
            fut = client.submit(
                review_on_worker, path, kwargs, options.context_chars, options.factory, pure=False
            )
            path_of[fut] = path
            return fut

        first = [f for f in (submit() for _ in range(in_flight)) if f is not None]
        pending = as_completed(first, loop=client.loop)
        for fut in pending:
            path = path_of.pop(fut)
            try:
                report, evidence = fut.result()
                yield ScanResult(report, evidence)
            except Exception as exc:  # KilledWorker, lost connection: the file is accounted for
                yield error_result(
                    path, "unreadable", "worker_crashed", f"the Dask task failed: {type(exc).__name__}"
                )
            finally:
                fut.release()
            nxt = submit()
            if nxt is not None:
                pending.add(nxt)
    finally:
        if own:
            client.close()
