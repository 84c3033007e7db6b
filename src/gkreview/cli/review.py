"""gkreview review FILE [--json] [--fail-on LEVEL] [--timeout S]"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gkreview.cli._bounded import Output, add_timeout_option, format_of, run_bounded, sha256_if_regular
from gkreview.cli._common import FAIL_LEVELS, add_reviewer_options, reviewer_from_args


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help="review one document")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the report object (CLI.md)")
    p.add_argument("--fail-on", choices=FAIL_LEVELS, default="high")
    add_timeout_option(p)
    add_reviewer_options(p)
    return p


def _render(report: Any, args: argparse.Namespace) -> Output:
    from gkreview import summary_zh

    if args.json:
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = summary_zh(report) + "\n"
    # fail closed: a file that could not be (fully) reviewed is exit 1 whatever --fail-on says (CLI.md)
    return Output(text, "", 1 if report.reaches(args.fail_on) or not report.reviewable else 0)


def _work(args: argparse.Namespace) -> Output:
    return _render(reviewer_from_args(args).review(args.file), args)


def timeout_report(path: str, timeout_s: float) -> Any:
    """The report of a review stopped at the deadline: status timeout, no attribute, a person must review."""
    from gkreview import Report

    return Report.not_reviewed(
        path,
        "timeout",
        "timeout",
        f"the review took longer than {timeout_s:g} s and was stopped",
        sha256=sha256_if_regular(path),
        format=format_of(path),
    )


def run(args: argparse.Namespace) -> int:
    out = run_bounded(_work, args, args.timeout)
    if out is None:
        out = _render(timeout_report(args.file, args.timeout), args)
    sys.stdout.write(out.stdout)
    if out.stderr:
        sys.stderr.write(out.stderr)
    return out.code
