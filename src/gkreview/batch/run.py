"""``scan()``: replay what a resumed run already holds, review the rest in the worker pool (or on Dask),
and with ``output=`` write every result and return the run's summary."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from gkreview.batch.model import ScanOptions, ScanResult, ScanUsageError
from gkreview.batch.pool import Pool
from gkreview.batch.records import error_result, record_reaches
from gkreview.batch.resume import ResumeIndex, drop_unreviewed, load_done, plan, repair_jsonl
from gkreview.batch.walk import Skipped
from gkreview.errors import OutputError
from gkreview.outputs import format_for, open_writer
from gkreview.outputs.common import ScanSummary

__all__ = ["STDOUT", "scan", "summary_of_output"]

STDOUT = "-"  # output= for the standard output (not for xlsx)

Progress = Callable[[int, int], None]  # (files done, files in the run)


@overload
def scan(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | None = None,
    output: None = None,
    dask: Any = None,
    skipped: Sequence[Skipped] = (),
) -> Iterator[ScanResult]: ...


@overload
def scan(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | bool | None = None,
    output: str | os.PathLike[str],
    format: str | None = None,
    fail_on: str = "high",
    retry_errors: bool = False,
    progress: Progress | None = None,
    dask: Any = None,
    skipped: Sequence[Skipped] = (),
) -> ScanSummary: ...


def scan(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | bool | None = None,
    output: str | os.PathLike[str] | None = None,
    format: str | None = None,
    fail_on: str = "high",
    retry_errors: bool = False,
    progress: Progress | None = None,
    dask: Any = None,
    skipped: Sequence[Skipped] = (),
) -> Iterator[ScanResult] | ScanSummary:
    """Review ``files`` in worker processes (or on the Dask scheduler at ``dask``).

    Without ``output``: an iterator of one ScanResult per file, as each finishes. With ``resume``
    (a ``ResumeIndex`` from ``load_done``) a file whose sha256 is already there is not reviewed
    again: when its path is there too nothing is yielded (its record is already written); when it
    is there under another path (a copy, a moved folder) the old record is yielded with the new
    path, so every file still gets its record.

    With ``output`` (a file, or ``"-"`` for the standard output): every result is written in
    ``format`` (default: from the file's suffix, else jsonl) and the run's ``ScanSummary`` is
    returned; ``fail_on`` is the severity whose findings count as ``summary.reached``.
    ``resume=True`` continues an earlier run's JSONL output (its torn tail repaired; with
    ``retry_errors`` the files it could not review are done again) and the summary then covers the
    whole output for these files. The output file itself is never screened. ``progress(done,
    total)`` is called once at the start and after each file.

    ``skipped`` (``walk_tree(...).skipped``: FIFOs, devices, links out of the tree, loops…) each get a
    record first, status ``unsupported`` with their ``skipped_*`` code: never opened, never silence.
    """
    if output is None:
        if isinstance(resume, bool):
            raise ScanUsageError("resume=True continues an output file: give output=")
        return _results(files, options, resume, dask, skipped)
    return _scan_to(
        files,
        options,
        output=output,
        fmt=format_for(None if output == STDOUT else output, format),
        resume=bool(resume),
        retry_errors=retry_errors,
        fail_on=fail_on,
        progress=progress,
        dask=dask,
        skipped=skipped,
    )


def _skipped_records(skipped: Sequence[Skipped], resume: ResumeIndex | None) -> Iterator[ScanResult]:
    for s in skipped:
        if resume is not None and str(s.path) in resume.paths:
            continue  # its record is already in the output being continued
        yield error_result(str(s.path), "unsupported", s.code, s.reason, sha256="")


def _results(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None,
    resume: ResumeIndex | None,
    dask: Any,
    skipped: Sequence[Skipped] = (),
) -> Iterator[ScanResult]:
    yield from _skipped_records(skipped, resume)
    if dask is not None:
        from gkreview.batch.dask import scan_dask

        yield from scan_dask(files, dask, options, resume=resume)
        return
    options = options or ScanOptions()
    todo, replayed = plan(files, resume)
    yield from replayed
    pool = Pool(options)
    try:
        yield from pool.run(todo)
    finally:
        pool.close()


def _check(fmt: str, out: Path | None, resume: bool, retry_errors: bool) -> None:
    if fmt == "xlsx" and out is None:
        raise ScanUsageError("the xlsx format needs an output file: give -o FILE.xlsx")
    if resume and (fmt != "jsonl" or out is None):
        raise ScanUsageError(
            "--resume continues a JSONL output: give --format jsonl -o FILE.jsonl (the other formats are written whole)"
        )
    if retry_errors and not resume:
        raise ScanUsageError("--retry-errors goes with --resume")


def _scan_to(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None,
    *,
    output: str | os.PathLike[str],
    fmt: str,
    resume: bool,
    retry_errors: bool,
    fail_on: str,
    progress: Progress | None,
    dask: Any,
    skipped: Sequence[Skipped],
) -> ScanSummary:
    out = None if output == STDOUT else Path(output)
    _check(fmt, out, resume, retry_errors)
    paths = [Path(f) for f in files]
    if out is not None and out.exists():
        # never screen our own output (it may sit in the folder being scanned)
        paths = [f for f in paths if f.resolve() != out.resolve()]
    index = None
    if resume and out is not None and out.exists():
        repair_jsonl(out)
        if retry_errors:
            drop_unreviewed(out)
        index = load_done(out)
    results = _results(paths, options, index, dask, skipped)
    summary = ScanSummary()
    if out is not None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder for {out}: {exc}") from exc
    writer = open_writer(fmt, out, append=index is not None)
    every = [*paths, *(s.path for s in skipped)]
    done = sum(1 for f in every if str(f) in index.paths) if index else 0
    if progress is not None:
        progress(done, len(every))
    try:
        for result in results:
            summary.add(result.report, reached=record_reaches(result.report, fail_on))
            writer.write(result)
            done += 1
            if progress is not None:
                progress(done, len(every))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the workers (also on Ctrl-C / SIGTERM)
    writer.close(summary)
    if index is not None and out is not None:
        # a resumed run's verdict covers the whole output, not only the files redone in this run
        summary = summary_of_output(out, every, fail_on)
    return summary


def summary_of_output(
    out: str | os.PathLike[str], files: Sequence[str | os.PathLike[str]], fail_on: str
) -> ScanSummary:
    """The summary over a whole JSONL output, for ``files`` (the last record of each: a file changed
    since an earlier run is reviewed again and its new record appended after the stale one)."""
    summary = ScanSummary()
    wanted = {str(f) for f in files}
    latest: dict[str, dict[str, Any]] = {}
    with open(out, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            path = str(rec.get("path", "")) if isinstance(rec, dict) else ""
            if path in wanted:
                latest[path] = rec
    for rec in latest.values():
        summary.add(rec, reached=record_reaches(rec, fail_on))
    return summary
