"""``scan()``: replay what a resumed run already holds, review the rest in the worker pool."""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence

from gkreview.batch.model import ScanOptions, ScanResult
from gkreview.batch.pool import Pool
from gkreview.batch.resume import ResumeIndex, plan

__all__ = ["scan"]


def scan(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | None = None,
) -> Generator[ScanResult, None, None]:
    """Review ``files`` in worker processes; yield one ScanResult per file as each finishes.

    With ``resume`` (from ``load_done``) a file whose sha256 is already there is not reviewed
    again: when its path is there too nothing is yielded (its record is already written); when it
    is there under another path (a copy, a moved folder) the old record is yielded with the new
    path, so every file still gets its record.
    """
    options = options or ScanOptions()
    todo, replayed = plan(files, resume)
    yield from replayed
    pool = Pool(options)
    try:
        yield from pool.run(todo)
    finally:
        pool.close()
