"""gkreview scan PATH... [--jobs N] [--format jsonl|csv|xlsx|html] [-o OUT] [--fail-on LEVEL] [--resume [--retry-errors]]
[--include GLOB] [--exclude GLOB] [--timeout S] [--memory-mb MB] [--dask ADDRESS]"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

from gkreview.cli._common import FAIL_LEVELS, add_reviewer_options


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help="screen files and folders (recursive, parallel, resumable)",
        description="批量筛查：递归审查文件夹中的公文，输出 JSONL / CSV / XLSX / HTML 报告。",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders (folders are walked recursively)"
    )
    p.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes (default: the number of cores)"
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("jsonl", "csv", "xlsx", "html"),
        default=None,
        help="output format (default: from the suffix of -o, else jsonl)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout; required for xlsx)")
    p.add_argument("--fail-on", choices=FAIL_LEVELS, default="high")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: files whose sha256 is already in the JSONL output are not redone",
    )
    p.add_argument(
        "--retry-errors",
        action="store_true",
        help="with --resume: review again the files whose record says they could not be reviewed",
    )
    p.add_argument(
        "--include", action="append", default=[], metavar="GLOB", help="only files matching GLOB; repeatable"
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip files matching GLOB; repeatable"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="S",
        help="hard time bound per file in seconds (default 120); the file gets a 'timeout' record",
    )
    p.add_argument(
        "--memory-mb",
        type=int,
        default=4096,
        metavar="MB",
        help="address-space bound per worker in MiB (default 4096; 0 for none)",
    )
    p.add_argument(
        "--dask",
        metavar="SCHEDULER_ADDRESS",
        help="run the reviews on a Dask cluster (workers must see the same paths)",
    )
    p.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    p.add_argument(
        "--reviewer-factory",
        default="gkreview.review:Reviewer",
        metavar="MODULE:CALLABLE",
        help="advanced: build each worker's reviewer with this callable (it gets the review options)",
    )
    add_reviewer_options(p)
    return p


def _reviewer_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    model: Any = args.model
    if model in ("none", "off", ""):
        model = None
    return {
        "config": args.config,
        "negative_lists": list(args.negative_list),
        "allow_lists": list(args.allow_list),
        "profile": args.profile,
        "model": model,
    }


def _progress(total: int, mode: str) -> Any:
    from tqdm import tqdm

    disable = mode == "never" or (mode == "auto" and not sys.stderr.isatty())
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
        cols, rows = size.columns, size.lines
    except (OSError, ValueError):
        cols = rows = 0
    # a terminal that reports no size (some ptys) would otherwise get an invisible bar
    return tqdm(
        total=total,
        unit="件",
        file=sys.stderr,
        disable=disable,
        ncols=min(cols or 100, 120),
        nrows=rows or 24,
        smoothing=0.1,
    )


def _on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from gkreview.batch import (
        ScanOptions,
        ScanUsageError,
        drop_unreviewed,
        load_done,
        record_reaches,
        repair_jsonl,
        scan,
    )
    from gkreview.batch.records import error_result
    from gkreview.batch.walk import walk_tree
    from gkreview.errors import OutputError
    from gkreview.outputs import format_for, open_writer
    from gkreview.outputs.common import ScanSummary

    fmt = format_for(args.output, args.format)
    if args.jobs < 0:
        raise ScanUsageError(f"--jobs must be 0 (all cores) or more, not {args.jobs}")
    if args.timeout <= 0:
        raise ScanUsageError(f"--timeout must be positive, not {args.timeout:g}")
    if fmt == "xlsx" and not args.output:
        raise ScanUsageError("the xlsx format needs an output file: give -o FILE.xlsx")
    if args.resume and (fmt != "jsonl" or not args.output):
        raise ScanUsageError(
            "--resume continues a JSONL output: give --format jsonl -o FILE.jsonl (the other formats are written whole)"
        )
    walked = walk_tree(args.paths, include=args.include, exclude=args.exclude)
    files = walked.files
    out = Path(args.output) if args.output else None
    if out is not None:
        # never screen our own output (it may sit in the folder being scanned)
        files = [f for f in files if not (out.exists() and f.resolve() == out.resolve())]
    if args.retry_errors and not args.resume:
        raise ScanUsageError("--retry-errors goes with --resume")
    resume = None
    if args.resume and out is not None and out.exists():
        repair_jsonl(out)
        if args.retry_errors:
            drop_unreviewed(out)
        resume = load_done(out)
    if walked.skipped:
        print(
            f"gkreview: scan: {len(walked.skipped)} entries skipped (FIFOs, devices, links out of the tree, "
            "dangling links or loops…): each has a record with status unsupported and error code skipped_*",
            file=sys.stderr,
        )
    if not files and not walked.skipped:
        print("gkreview: scan: no files to screen (check the paths and --include/--exclude)", file=sys.stderr)

    options = ScanOptions(
        jobs=args.jobs,
        timeout_s=args.timeout,
        memory_mb=args.memory_mb,
        reviewer=_reviewer_kwargs(args),
        factory=args.reviewer_factory,
    )
    results: Generator[Any, None, None]
    if args.dask:
        from gkreview.dask_backend import scan_dask

        results = scan_dask(files, args.dask, options, resume=resume)
    else:
        results = scan(files, options, resume=resume)

    summary = ScanSummary()
    if out is not None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder for {out}: {exc}") from exc
    writer = open_writer(fmt, out, append=resume is not None)
    old_handler = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    bar = _progress(len(files), args.progress)
    if resume:
        bar.update(sum(1 for f in files if str(f) in resume.paths))
    try:
        for skipped in walked.skipped:
            # an entry that is not a file to screen: a record (fail closed), never opened, never silence
            if resume is not None and str(skipped.path) in resume.paths:
                continue
            record = error_result(str(skipped.path), "unsupported", skipped.code, skipped.reason, sha256="")
            summary.add(record.report, reached=record_reaches(record.report, args.fail_on))
            writer.write(record)
        for result in results:
            summary.add(result.report, reached=record_reaches(result.report, args.fail_on))
            writer.write(result)
            bar.update(1)
    finally:
        bar.close()
        if old_handler is not None:
            signal.signal(signal.SIGTERM, old_handler)
        results.close()  # stops the workers (also on Ctrl-C / SIGTERM)
    writer.close(summary)
    if resume is not None:
        # a resumed run's verdict covers the whole output, not only the files redone in this run
        summary = _summary_of_output(out, [*files, *(x.path for x in walked.skipped)], args.fail_on)
    print(summary.format_zh(), file=sys.stderr)
    if out is not None:
        print(f"报告已写入：{os.fspath(out)}", file=sys.stderr)
    return 1 if summary.reached or summary.not_reviewed else 0


def _summary_of_output(out: Path | None, files: list[Path], fail_on: str) -> Any:
    """The summary over the whole JSONL output, for the files of this run (last record of each: a file
    changed since an earlier run is reviewed again and its new record appended after the stale one)."""
    import json

    from gkreview.batch import record_reaches
    from gkreview.outputs.common import ScanSummary

    summary = ScanSummary()
    if out is None:
        return summary
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


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
