"""XLSX (openpyxl): a sheet of documents (one row each, the CSV's columns) and a sheet of findings."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from gkreview.errors import OutputError
from gkreview.outputs.common import COLUMNS, FINDING_COLUMNS, attention, finding_rows, row_of, safe_cell

if TYPE_CHECKING:
    from gkreview.outputs.common import ScanSummary
    from gkreview.outputs.result import ScanResult

__all__ = ["XlsxWriter"]


class XlsxWriter:
    """Rows are collected and written sorted (what needs a person first) when the writer closes."""

    def __init__(self, out: str | os.PathLike[str] | None) -> None:
        if out is None:
            raise OutputError("the xlsx format needs an output file: give -o FILE.xlsx")
        self.out = os.fspath(out)
        self._docs: list[tuple[int, str, list[Any]]] = []
        self._findings: list[tuple[str, list[Any]]] = []

    def write(self, result: ScanResult) -> None:
        report = result.to_dict()
        row = row_of(report)
        self._docs.append((attention(report), row["path"], [row[k] for k, _h in COLUMNS]))
        for fr in finding_rows(report, result.evidence):
            self._findings.append((fr["path"], [fr[k] for k, _h in FINDING_COLUMNS]))

    def _cells(self, ws: Any, values: list[Any]) -> list[Any]:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for v in values:
            c = WriteOnlyCell(ws, value=safe_cell(v))
            if isinstance(v, str):
                c.data_type = "s"  # never a formula, whatever the text
            cells.append(c)
        return cells

    def close(self, summary: ScanSummary | None = None) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        wb = Workbook(write_only=True)
        docs = wb.create_sheet("文件")
        bold = Font(bold=True)
        header = []
        for _k, h in COLUMNS:
            c = WriteOnlyCell(docs, value=h)
            c.font = bold
            header.append(c)
        docs.append(header)
        docs.freeze_panes = "B2"
        for _att, _path, values in sorted(self._docs, key=lambda t: (t[0], t[1])):
            docs.append(self._cells(docs, values))
        fs = wb.create_sheet("发现")
        fs.append([WriteOnlyCell(fs, value=h) for _k, h in FINDING_COLUMNS])
        for _path, values in sorted(self._findings, key=lambda t: t[0]):
            fs.append(self._cells(fs, values))
        if summary is not None:
            ss = wb.create_sheet("汇总")
            for line in summary.format_zh(limit=1000).splitlines():
                ss.append(self._cells(ss, [line]))
        try:
            wb.save(self.out)
        except OSError as exc:
            raise OutputError(f"cannot write {self.out}: {exc}") from exc
