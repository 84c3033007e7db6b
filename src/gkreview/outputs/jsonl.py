"""JSONL: one report object of the contract per line, flushed as it is written."""

from __future__ import annotations

import json
import os
import sys
from typing import IO, TYPE_CHECKING

from gkreview.errors import OutputError

if TYPE_CHECKING:
    from gkreview.outputs.common import ScanSummary
    from gkreview.outputs.result import ScanResult

__all__ = ["JsonlWriter"]


class JsonlWriter:
    """Each record is written with one ``write`` call and flushed; ``append`` continues a file."""

    def __init__(self, out: str | os.PathLike[str] | None, *, append: bool = False) -> None:
        self._own = out is not None
        try:
            self._fh: IO[str] = (
                open(out, "a" if append else "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in close()
                if out is not None
                else sys.stdout
            )
        except OSError as exc:
            raise OutputError(f"cannot write {out}: {exc}") from exc

    def write(self, result: ScanResult) -> None:
        line = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
        # a file name with undecodable bytes holds lone surrogates: write them as JSON \\uDCxx escapes,
        # which read back to the same path
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
        try:
            self._fh.write(line)
            self._fh.flush()
        except OSError as exc:
            raise OutputError(f"cannot write the JSONL output: {exc}") from exc

    def close(self, summary: ScanSummary | None = None) -> None:
        if self._own and not self._fh.closed:
            self._fh.close()
