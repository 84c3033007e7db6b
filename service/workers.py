"""Review worker processes: each builds one Reviewer at start-up and reviews documents sent to it.

The service runs reviews here rather than in threads of the server: PDF parsing (pdfium) is not
thread-safe, CPU-bound work does not share one GIL, and a reader that crashes on a hostile file
takes down one worker (the pool is rebuilt), never the server.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = [
    "build_reviewer",
    "describe",
    "init",
    "ping",
    "redact_bytes",
    "redact_with",
    "review_bytes",
    "review_text",
]

_reviewer: Any = None


def build_reviewer(options: dict[str, Any]) -> Any:
    from gkreview import Limits, Reviewer

    opts = dict(options)
    limits = Limits(max_file_bytes=opts.pop("max_file_bytes"), timeout_s=opts.pop("timeout_s"))
    return Reviewer(limits=limits, **opts)


def init(options: dict[str, Any]) -> Any:
    """Pool initializer: build this process's Reviewer once."""
    global _reviewer
    _reviewer = build_reviewer(options)
    return _reviewer


def serve(conn: Any, options: dict[str, Any], memory_mb: int) -> None:
    """A worker process: cap its memory, build its Reviewer, then run the calls it is sent, one at a
    time, until told to stop (None) or killed. Answers ``(kind, payload)``: ok / error / memory."""
    from gkreview import start_worker
    from gkreview.errors import GkreviewError

    # Ctrl-C left to the server, memory capped as `scan --memory-mb`, the Reviewer built, "ready" sent
    if start_worker(conn, memory_mb, lambda: init(options)) is None:
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        if task is None:
            return
        fn, args = task
        try:
            payload: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            payload = ("memory", None)
        except GkreviewError as exc:
            payload = ("error", exc)
        except Exception as exc:
            # the type only: the message may quote the document (see the service's _failure)
            payload = ("error", _Failed(type(exc).__name__))
        try:
            conn.send(payload)
        except MemoryError:
            conn.send(("memory", None))
        except (OSError, ValueError):
            return
        if payload[0] == "memory":
            return  # start afresh rather than carry on after a MemoryError


class _Failed(Exception):
    """A worker-side exception that is not gkreview's own: its type name only."""

    def __init__(self, type_name: str) -> None:
        super().__init__(type_name)
        self.type_name = type_name


def _get() -> Any:
    if _reviewer is None:
        raise RuntimeError("review worker not initialised")
    return _reviewer


def ping(seconds: float) -> int:
    """Keeps a worker busy briefly so that a pool's workers all start (see ProcessRunner.warm)."""
    import os
    import time

    _get()
    time.sleep(seconds)
    return os.getpid()


def describe() -> dict[str, Any]:
    return dict(_get().describe())


def _slim(report: Any, keep_text: bool) -> Any:
    """The report without its Document (the text) unless asked: less to copy back, nothing kept."""
    from dataclasses import replace

    return report if keep_text else replace(report, document=None)


def review_bytes(data: Any, name: str, keep_text: bool = False) -> Any:
    """Review ``data``: bytes, or the path of the server's private spooled copy of an upload."""
    return _slim(_get().review(data, name=name), keep_text)


def review_text(text: str, name: str, keep_text: bool = False) -> Any:
    return _slim(_get().review_text(text, name=name), keep_text)


SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")


def redact_with(
    reviewer: Any, data: bytes, name: str, min_severity: str, finding_ids: list[str]
) -> tuple[str, bytes, dict[str, Any]]:
    """Redact the upload with gkreview.redact into a private temp dir; (suffix, bytes, summary).

    The temp file's name is the server's own (``redacted`` + an ASCII suffix); the upload's name only
    labels the document. An error message never shows the temp folder.
    """
    import tempfile

    from gkreview import redact
    from gkreview.errors import GkreviewError

    suffix = Path(name).suffix
    if not SAFE_SUFFIX.fullmatch(suffix):
        suffix = ".txt"
    with tempfile.TemporaryDirectory(prefix="gkreview-") as tmp:  # mode 0700; removed with its files
        out = Path(tmp) / f"redacted{suffix.lower()}"
        # gkreview.redact masks every finding at or above min_severity: it has no per-finding selection,
        # so finding_ids (accepted by the API for a later version) do not narrow the redaction
        try:
            result = redact(data, out, min_severity=min_severity, reviewer=reviewer, name=name)
        except GkreviewError as exc:
            if tmp in exc.message:
                exc.message = exc.message.replace(str(out), "the redacted copy").replace(tmp, "<temp>")
                exc.args = (exc.message,)
            raise
        produced = Path(result.output)
        if not produced.is_file():
            produced = out
        summary = {
            "output_format": result.output_format,
            "counts": dict(result.counts),
            "not_redacted": len(result.not_redacted),
            "notes": [str(n).replace(tmp, "<temp>") for n in result.notes],
        }
        fmt = str(summary["output_format"] or "")
        out_suffix = f".{fmt}" if SAFE_SUFFIX.fullmatch(f".{fmt}") else produced.suffix
        return out_suffix, produced.read_bytes(), summary


def redact_bytes(
    data: Any, name: str, min_severity: str, finding_ids: list[str]
) -> tuple[str, bytes, dict[str, Any]]:
    return redact_with(_get(), data, name, min_severity, finding_ids)
