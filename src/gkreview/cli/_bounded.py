"""A hard time bound for one-file commands (``review``, ``extract``): the work runs in a child
process that is killed at the deadline, so a hostile or unlucky file gives a ``timeout`` result and
exit status 1, never a hang.

The batch pool (gkreview.batch.pool) does the same for ``scan``, but it ships scan records (report
dicts with evidence windows) from long-lived workers; here one child does one command's whole work
and hands back what the command prints, so the output is byte for byte what it was without a bound.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gkreview import ScanOptions
from gkreview.errors import GkreviewError

__all__ = ["DEFAULT_TIMEOUT_S", "Output", "add_timeout_option", "run_bounded", "sha256_if_regular"]

DEFAULT_TIMEOUT_S = ScanOptions().timeout_s  # the same default as ``scan --timeout``


@dataclass(frozen=True)
class Output:
    """What a command prints and its exit status."""

    stdout: str = ""
    stderr: str = ""
    code: int = 0


def add_timeout_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"hard time bound in seconds (default {DEFAULT_TIMEOUT_S:g}, as in scan): the work runs in a "
        "child process that is stopped at the deadline; the result is then 'timeout' (exit 1)",
    )


def _child(conn: Any, work: Callable[[argparse.Namespace], Output], args: argparse.Namespace) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it kills us
    payload: tuple[Any, ...]
    try:
        payload = ("ok", work(args))
    except GkreviewError as exc:
        payload = ("error", exc.code, exc.message)
    except MemoryError:
        payload = ("error", "memory_limit", "the file needs more memory than is available")
    except BaseException as exc:  # reported by type only: an exception's text may quote the content
        payload = ("error", "internal_error", f"gkreview failed on this file: {type(exc).__name__}")
    try:
        conn.send(payload)
    finally:
        conn.close()


def run_bounded(
    work: Callable[[argparse.Namespace], Output], args: argparse.Namespace, timeout_s: float
) -> Output | None:
    """``work(args)`` in a child process; its Output, or None when it ran past ``timeout_s`` (it is
    killed). A GkreviewError raised by the work is raised here again (so ``main`` maps it to an
    exit status); a child that dies without an answer is an ``internal_error``."""
    if not timeout_s > 0:
        raise GkreviewError(f"--timeout must be positive, not {timeout_s:g}", code="usage")
    methods = multiprocessing.get_all_start_methods()
    # fork: the parent has only parsed its arguments, so the child starts at once with nothing to
    # re-import; spawn where fork does not exist
    ctx: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, work, args), daemon=True, name="gkreview-bounded")
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout_s):
            return None
        try:
            msg = receiver.recv()
        except (EOFError, OSError):
            msg = None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    if msg is None:
        raise GkreviewError(
            f"the work process ended abnormally (exit code {proc.exitcode})", code="worker_crashed"
        )
    if msg[0] == "error":
        raise GkreviewError(msg[2], code=msg[1])
    out: Output = msg[1]
    return out


def sha256_if_regular(path: str) -> str:
    """The file's sha256 when it is a regular file ("" otherwise: a FIFO must not block the parent)."""
    from gkreview import file_sha256

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
    except OSError:
        return ""
    return file_sha256(path)


def format_of(path: str) -> str:
    return Path(path).suffix.lower().lstrip(".") or "unknown"
