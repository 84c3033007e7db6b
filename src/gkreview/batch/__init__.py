"""Batch screening: walk folders, review every file in bounded worker processes, resume.

    files = collect_files(["archive/"], exclude=["*.bak"])
    for result in scan(files, ScanOptions(jobs=4)):
        ...                                   # one ScanResult per file, as each finishes
    summary = scan(files, ScanOptions(jobs=4), output="report.jsonl", resume=True)   # or write them

Every file yields exactly one ``ScanResult`` whatever happens to it: a worker stuck past
``timeout_s`` is killed and replaced (the file gets a ``timeout`` record), a worker that dies
(memory bound ``memory_mb`` via RLIMIT_AS, a crash in a native library) gives its file an
``unreadable`` record with code ``worker_crashed``, and the run goes on. Nothing unreadable is
ever reported clean: such records carry the fail-closed suggestion (withheld, needs a person).

Workers are plain ``multiprocessing`` processes (one pipe each) so that one of them can be killed
without breaking the others; each builds one ``Reviewer`` (model and detectors loaded once).

The modules: ``model`` (ScanOptions, ScanResult, ScanUsageError), ``walk`` (collect_files, file_sha256),
``records`` (error_result, review_to_result, record_reaches), ``resume`` (repair_jsonl, drop_unreviewed,
load_done, ResumeIndex, plan), ``pool`` (the worker processes), ``dask`` (the same on a Dask cluster),
``run`` (scan). The writers are ``gkreview.outputs`` (batch uses them; they never import batch).
"""

from __future__ import annotations

from gkreview.batch.model import ScanOptions, ScanResult, ScanUsageError
from gkreview.batch.pool import limit_memory, start_worker
from gkreview.batch.records import error_result, record_reaches, review_to_result
from gkreview.batch.resume import ResumeIndex, drop_unreviewed, load_done, plan, repair_jsonl
from gkreview.batch.run import STDOUT, scan, summary_of_output
from gkreview.batch.walk import Skipped, Walk, collect_files, file_sha256, walk_tree

__all__ = [
    "STDOUT",
    "ResumeIndex",
    "ScanOptions",
    "ScanResult",
    "ScanUsageError",
    "Skipped",
    "Walk",
    "collect_files",
    "drop_unreviewed",
    "error_result",
    "file_sha256",
    "limit_memory",
    "load_done",
    "plan",
    "record_reaches",
    "repair_jsonl",
    "review_to_result",
    "scan",
    "start_worker",
    "summary_of_output",
    "walk_tree",
]
