"""``gkreview scan --dask ADDRESS`` (``scan(..., dask=ADDRESS)``): the same scan on a Dask cluster.

Each Dask worker builds one ``Reviewer`` (cached per worker process and reviewer options) and
reviews its share of the files; results stream back as they finish, in the same ``ScanResult``
form as the local pool, so every output format works unchanged. The workers must see the files
under the same paths (a shared file system). Bounds: the readers' own limits apply inside the
worker; Dask's nanny enforces the worker memory limit and a task whose worker dies is retried,
then recorded as ``worker_crashed``. The per-file time bound gives the file a ``timeout`` record
and frees the task, but a thread cannot be killed: the stuck review finishes in the background.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator, Sequence
from typing import Any

from gkreview.batch.model import ScanOptions, ScanResult
from gkreview.batch.pool import load_factory as _load_factory
from gkreview.batch.records import error_result, review_to_result
from gkreview.batch.resume import ResumeIndex, plan
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


def _review(path: str, reviewer_kwargs: dict[str, Any], context_chars: int, factory: str) -> ScanResult:
    try:
        return review_to_result(_reviewer(reviewer_kwargs, factory).review(path), context_chars)
    except MemoryError:
        return error_result(
            path, "too_large", "memory_limit", "the file needs more memory than the worker may use"
        )
    except Exception as exc:  # fail closed: the file gets an error record, never a clean one
        return error_result(
            path, "unreadable", "internal_error", f"gkreview failed on this file: {type(exc).__name__}"
        )


def review_on_worker(
    path: str,
    reviewer_kwargs: dict[str, Any],
    context_chars: int = 30,
    factory: str = "gkreview.review:Reviewer",
    timeout_s: float = 0.0,
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Runs on a Dask worker: review one file with the worker's cached Reviewer.

    With ``timeout_s`` the review runs in a helper thread; past the bound the file gets a
    ``timeout`` record and the task returns (the helper thread cannot be killed: it finishes, or
    stays with the worker process, in the background — the readers' own limits bound it).
    """
    if timeout_s <= 0:
        result = _review(path, reviewer_kwargs, context_chars, factory)
        return result.report, result.evidence
    box: list[ScanResult] = []
    t = threading.Thread(
        target=lambda: box.append(_review(path, reviewer_kwargs, context_chars, factory)),
        name="gkreview-review",
        daemon=True,
    )
    t.start()
    t.join(timeout_s)
    if not box:
        result = error_result(
            path, "timeout", "timeout", f"the review took longer than {timeout_s:g} s and was stopped"
        )
    else:
        result = box[0]
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
                review_on_worker,
                path,
                kwargs,
                options.context_chars,
                options.factory,
                options.timeout_s,
                pure=False,
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
