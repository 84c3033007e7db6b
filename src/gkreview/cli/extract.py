"""gkreview extract FILE [--json]"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gkreview.cli._common import print_json


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help="extract the text of one document")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="one JSON object (pages, text, status, gongwen)")
    return p


def run(args: argparse.Namespace) -> int:
    from gkreview import extract

    doc = extract(args.file)
    if args.json:
        print_json(doc.to_dict())
    else:
        if doc.error:
            print(f"gkreview: {doc.path}: {doc.status}: {doc.error.message}", file=sys.stderr)
        sys.stdout.write(doc.text)
        if doc.text and not doc.text.endswith("\n"):
            sys.stdout.write("\n")
    return 0 if doc.status == "ok" else 1
