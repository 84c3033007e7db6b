"""gkreview review FILE [--json] [--fail-on LEVEL]"""

from __future__ import annotations

import argparse
from typing import Any

from gkreview.cli._common import FAIL_LEVELS, add_reviewer_options, print_json, reviewer_from_args


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help="review one document")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the report object (CLI.md)")
    p.add_argument("--fail-on", choices=FAIL_LEVELS, default="high")
    add_reviewer_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from gkreview.summary import summary_zh

    reviewer = reviewer_from_args(args)
    report = reviewer.review(args.file)
    if args.json:
        print_json(report.to_dict())
    else:
        print(summary_zh(report))
    # fail closed: a file that could not be (fully) reviewed is exit 1 whatever --fail-on says (CLI.md)
    return 1 if report.reaches(args.fail_on) or not report.reviewable else 0
