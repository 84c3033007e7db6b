"""gkreview scan PATH... [--jobs N] [--format jsonl|csv|xlsx|html] [-o OUT] [--fail-on LEVEL] [--resume [--retry-errors]]
[--include GLOB] [--exclude GLOB] [--timeout S] [--memory-mb MB] [--dask ADDRESS]"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

from gkreview.cli._common import FAIL_LEVELS, add_reviewer_options, model_option


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
    return {
        "config": args.config,
        "negative_lists": list(args.negative_list),
        "allow_lists": list(args.allow_list),
        "profile": args.profile,
        "model": model_option(args.model),
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
    from gkreview import ScanOptions, ScanUsageError, scan, walk_tree

    if args.jobs < 0:
        raise ScanUsageError(f"--jobs must be 0 (all cores) or more, not {args.jobs}")
    if args.timeout <= 0:
        raise ScanUsageError(f"--timeout must be positive, not {args.timeout:g}")
    walked = walk_tree(args.paths, include=args.include, exclude=args.exclude)
    if walked.skipped:
        print(
            f"gkreview: scan: {len(walked.skipped)} entries skipped (FIFOs, devices, links out of the tree, "
            "dangling links or loops…): each has a record with status unsupported and error code skipped_*",
            file=sys.stderr,
        )
    options = ScanOptions(
        jobs=args.jobs,
        timeout_s=args.timeout,
        memory_mb=args.memory_mb,
        reviewer=_reviewer_kwargs(args),
        factory=args.reviewer_factory,
    )
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if not total:
                print(
                    "gkreview: scan: no files to screen (check the paths and --include/--exclude)",
                    file=sys.stderr,
                )
            bar = _progress(total, args.progress)
        bar.update(done - bar.n)

    old_handler = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        summary = scan(
            walked.files,
            options,
            output=args.output or "-",
            format=args.format,
            resume=args.resume,
            retry_errors=args.retry_errors,
            fail_on=args.fail_on,
            progress=progress,
            dask=args.dask,
            skipped=walked.skipped,
        )
    finally:
        if bar is not None:
            bar.close()
        if old_handler is not None:
            signal.signal(signal.SIGTERM, old_handler)
    print(summary.format_zh(), file=sys.stderr)
    if args.output:
        print(f"报告已写入：{args.output}", file=sys.stderr)
    return 1 if summary.reached or summary.not_reviewed else 0


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
