"""CSV: one row per document, UTF-8 with a BOM so that Excel shows the Chinese correctly."""

from __future__ import annotations

import csv
import io
import os
import sys
from typing import IO, TYPE_CHECKING

from gkreview.errors import OutputError
from gkreview.outputs.common import COLUMNS, row_of, safe_cell

if TYPE_CHECKING:
    from gkreview.outputs.common import ScanSummary
    from gkreview.outputs.result import ScanResult

__all__ = ["CsvWriter"]


class CsvWriter:
    """Streams rows as results arrive (header first); cells are guarded against formula injection."""

    def __init__(self, out: str | os.PathLike[str] | None) -> None:
        self._own = out is not None
        try:
            if out is not None:
                self._fh: IO[str] = open(out, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
                self._wrapper: io.TextIOWrapper | None = None
            else:
                sys.stdout.flush()
                self._wrapper = io.TextIOWrapper(
                    sys.stdout.buffer, encoding="utf-8-sig", newline="", write_through=True
                )
                self._fh = self._wrapper
        except OSError as exc:
            raise OutputError(f"cannot write {out}: {exc}") from exc
        self._csv = csv.writer(self._fh)
        self._write_row([header for _key, header in COLUMNS])

    def _write_row(self, cells: list[object]) -> None:
        try:
            self._csv.writerow([safe_cell(c) for c in cells])
            self._fh.flush()
        except OSError as exc:
            raise OutputError(f"cannot write the CSV output: {exc}") from exc

    def write(self, result: ScanResult) -> None:
        row = row_of(result.to_dict())
        self._write_row([row[key] for key, _header in COLUMNS])

    def close(self, summary: ScanSummary | None = None) -> None:
        if self._own:
            if not self._fh.closed:
                self._fh.close()
        elif self._wrapper is not None:
            self._wrapper.flush()
            self._wrapper.detach()  # leave sys.stdout usable
