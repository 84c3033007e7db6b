"""Writers of scan results: JSONL (the report objects), CSV, XLSX and a self-contained HTML page.

    with open_writer("html", "report.html") as w:
        for result in scan(files):
            w.write(result)
        w.close(summary)

Every writer takes ``ScanResult``s one at a time; JSONL and CSV stream them to the file as they
come (JSONL flushed per line, so an interrupted run leaves valid JSONL); XLSX and HTML are
finished in ``close``.

``gkreview.batch`` makes the ``ScanResult``s and drives the writers (``scan(..., output=)``); this
package never imports it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

from gkreview.errors import OutputError
from gkreview.outputs.result import ScanResult

if TYPE_CHECKING:
    from gkreview.outputs.common import ScanSummary

__all__ = ["FORMATS", "ScanResult", "Writer", "format_for", "open_writer"]

FORMATS = ("jsonl", "csv", "xlsx", "html")


class Writer(Protocol):
    def write(self, result: ScanResult) -> None: ...

    def close(self, summary: ScanSummary | None = None) -> None: ...


def format_for(out: str | os.PathLike[str] | None, given: str | None) -> str:
    """The output format: as given, else from OUT's suffix (.htm/.html, .csv, .xlsx), else jsonl."""
    if given:
        return given
    if out is not None:
        suffix = os.fspath(out).rsplit(".", 1)[-1].lower() if "." in os.fspath(out) else ""
        if suffix in ("html", "htm"):
            return "html"
        if suffix in ("csv", "xlsx"):
            return suffix
    return "jsonl"


def open_writer(fmt: str, out: str | os.PathLike[str] | None, *, append: bool = False, **kw: Any) -> Writer:
    """A writer of ``fmt`` to the file ``out`` (None: stdout; not for xlsx)."""
    if fmt == "jsonl":
        from gkreview.outputs.jsonl import JsonlWriter

        return JsonlWriter(out, append=append)
    if fmt == "csv":
        from gkreview.outputs.csv import CsvWriter

        return CsvWriter(out)
    if fmt == "xlsx":
        from gkreview.outputs.xlsx import XlsxWriter

        return XlsxWriter(out)
    if fmt == "html":
        from gkreview.outputs.html import HtmlWriter

        return HtmlWriter(out, **kw)
    raise OutputError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
