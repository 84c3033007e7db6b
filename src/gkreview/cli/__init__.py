"""The ``gkreview`` command: a thin shell over the library. One module per subcommand.

Exit status (contract): 0 all reviewed and nothing reached --fail-on; 1 something reached it or a
file could not be reviewed; 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from gkreview._version import __version__
from gkreview.errors import GkreviewError

__all__ = ["main"]

# subcommand name -> module under gkreview.cli that defines register(sub) and run(args) -> int
COMMANDS = {
    "extract": "extract",
    "review": "review",
    "scan": "scan",
    "redact": "redact",
    "serve": "serve",
    "train": "train",
    "evaluate": "evaluate",
    "evaluate-detectors": "evaluate_detectors",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gkreview",
        description="公文公开属性预审与保密审查提示 (pre-review of government drafts before publication)",
    )
    parser.add_argument("--version", action="version", version=f"gkreview {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        # every command is part of the package: one that fails to import is a bug, said loudly
        # (a missing command would otherwise look like a usage error)
        mod = importlib.import_module(f"gkreview.cli.{module}")
        p = mod.register(sub, name)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args))
    except GkreviewError as exc:
        print(f"gkreview: {exc.code}: {exc.message}", file=sys.stderr)
        return 2 if exc.code in {"configuration", "usage"} else 1
    except KeyboardInterrupt:
        print("gkreview: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
