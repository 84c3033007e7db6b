"""Helpers shared by the subcommands (argument groups, JSON printing)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gkreview.failon import FAIL_LEVELS as FAIL_LEVELS  # one home: gkreview.failon


def add_reviewer_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("review options")
    g.add_argument("--config", help="detector configuration (YAML)")
    g.add_argument(
        "--negative-list",
        action="append",
        default=[],
        metavar="FILE",
        help="an agency negative list (YAML or one term a line); repeatable",
    )
    g.add_argument(
        "--allow-list",
        action="append",
        default=[],
        metavar="FILE",
        help="an allow-list whose spans suppress findings; repeatable",
    )
    g.add_argument("--profile", help="agency profile (YAML); default: the national profile")
    g.add_argument("--model", default="default", help="model directory, 'default', or 'none' for rules only")


def model_option(value: str | None) -> str | None:
    """``--model``: a directory, ``default``, or ``none``/``off``/empty for rules only (None)."""
    return None if value in ("none", "off", "") else value


def reviewer_from_args(args: argparse.Namespace) -> Any:
    from gkreview import Reviewer

    return Reviewer(
        config=args.config,
        negative_lists=args.negative_list,
        allow_lists=args.allow_list,
        profile=args.profile,
        model=model_option(args.model),
    )


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
