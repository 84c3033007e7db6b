"""gkreview extract FILE [--json] [--timeout S]"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gkreview.cli._bounded import Output, add_timeout_option, format_of, run_bounded, sha256_if_regular


def register(sub: Any, name: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help="extract the text of one document")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="one JSON object (pages, text, status, gongwen)")
    add_timeout_option(p)
    return p


def _render(doc: Any, args: argparse.Namespace) -> Output:
    if args.json:
        return Output(
            json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n", "", 0 if doc.status == "ok" else 1
        )
    err = f"gkreview: {doc.path}: {doc.status}: {doc.error.message}\n" if doc.error else ""
    text = doc.text + ("\n" if doc.text and not doc.text.endswith("\n") else "")
    return Output(text, err, 0 if doc.status == "ok" else 1)


def _work(args: argparse.Namespace) -> Output:
    from gkreview import extract

    return _render(extract(args.file), args)


def run(args: argparse.Namespace) -> int:
    out = run_bounded(_work, args, args.timeout)
    if out is None:
        from gkreview import Document, ErrorInfo, Status

        doc = Document(
            path=args.file,
            format=format_of(args.file),
            status=Status.TIMEOUT,
            sha256=sha256_if_regular(args.file),
            error=ErrorInfo("timeout", f"reading took longer than {args.timeout:g} s and was stopped"),
        )
        out = _render(doc, args)
    if out.stderr:
        sys.stderr.write(out.stderr)
    sys.stdout.write(out.stdout)
    return out.code
