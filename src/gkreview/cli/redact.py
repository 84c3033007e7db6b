"""gkreview redact FILE -o OUT [--min-severity medium] [--json]"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gkreview.cli._common import add_reviewer_options, print_json, reviewer_from_args


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help="write a copy with the flagged spans masked (区分处理, 条例第三十七条)"
    )
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="where to write the redacted copy")
    p.add_argument(
        "--min-severity",
        choices=("high", "medium", "low"),
        default="medium",
        help="mask findings at or above this severity (default: medium)",
    )
    p.add_argument("--json", action="store_true", help="print the redaction record as JSON")
    add_reviewer_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from gkreview import redact

    if args.model == "default":
        args.model = "none"  # redaction needs the detectors only
    result = redact(args.file, args.output, min_severity=args.min_severity, reviewer=reviewer_from_args(args))
    if args.json:
        print_json(result.to_dict())
    else:
        total = sum(result.counts.values())
        by = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items())) or "nothing to mask"
        print(f"{result.output}: {total} span(s) masked ({by})")
        for s in result.spans:
            print(f"  {s.label or s.detector}: {s.masked}")
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
        if result.not_redacted:
            print(f"note: {len(result.not_redacted)} document-level finding(s) not masked", file=sys.stderr)
    # fail closed: parts of a partly read source were not checked and may still carry values
    return 0 if result.complete else 1
