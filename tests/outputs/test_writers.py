"""The JSONL, CSV, XLSX and HTML writers on the same results."""

from __future__ import annotations

import csv
import json

import pytest

from gkreview.errors import OutputError
from gkreview.outputs import format_for, open_writer
from gkreview.outputs.common import COLUMNS, FINDING_COLUMNS, ScanSummary, row_of, safe_cell
from tests.outputs._records import (
    HOSTILE_NAME,
    ID_MASK,
    PHONE_MASK,
    SYNTHETIC_ID,
    SYNTHETIC_PHONE,
    sample_results,
)


@pytest.fixture(scope="module")
def results():
    return sample_results()


def _write(fmt, out, results):
    summary = ScanSummary()
    w = open_writer(fmt, out)
    for r in results:
        summary.add(r.report)
        w.write(r)
    w.close(summary)
    return summary


def test_format_for():
    assert format_for("a/r.HTML", None) == "html"
    assert format_for("r.xlsx", None) == "xlsx"
    assert format_for("r.csv", "jsonl") == "jsonl"
    assert format_for(None, None) == "jsonl"


def test_jsonl_is_the_contract_objects(tmp_path, results, check_report):
    out = tmp_path / "r.jsonl"
    _write("jsonl", out, results)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(results)
    for line, r in zip(lines, results, strict=True):
        obj = json.loads(line)
        assert obj == json.loads(json.dumps(r.report))
        assert check_report.problems(obj) == []
    assert SYNTHETIC_ID not in out.read_text(encoding="utf-8")


def test_csv_opens_with_excels_encoding(tmp_path, results):
    out = tmp_path / "r.csv"
    _write("csv", out, results)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [h for _k, h in COLUMNS]
    assert len(rows) == len(results) + 1
    paths = [r[0] for r in rows[1:]]
    assert "'" + HOSTILE_NAME in paths or HOSTILE_NAME in paths
    hostile = next(p for p in paths if HOSTILE_NAME in p)
    assert not hostile.startswith(("=", "+", "-", "@"))
    statuses = {r[0]: r[5] for r in rows[1:]}
    assert statuses["corpus/broken.pdf"] == "无法读取"
    assert SYNTHETIC_ID not in raw.decode("utf-8-sig") and SYNTHETIC_PHONE not in raw.decode("utf-8-sig")


def test_formula_looking_text_is_neutralised():
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("@SUM(1)").startswith("'")
    assert safe_cell("a\x00b\x1bc") == "a\ufffdb\ufffdc"
    assert safe_cell(3) == 3


def test_xlsx_opens_with_openpyxl(tmp_path, results):
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    _write("xlsx", out, results)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["文件", "发现"]
    docs = list(wb["文件"].iter_rows(values_only=True))
    assert list(docs[0]) == [h for _k, h in COLUMNS]
    assert len(docs) == len(results) + 1
    assert docs[1][0] == "corpus/broken.pdf"  # what could not be reviewed comes first
    for row in docs[1:]:
        assert not str(row[0]).startswith("=")
    cells = [c for row in wb["文件"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formula, whatever a file name says
    findings = list(wb["发现"].iter_rows(values_only=True))
    assert list(findings[0]) == [h for _k, h in FINDING_COLUMNS]
    masked = {r[5] for r in findings[1:]}
    assert {ID_MASK, PHONE_MASK} <= masked
    everything = " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row)
    assert SYNTHETIC_ID not in everything and SYNTHETIC_PHONE not in everything
    context = next(r[-1] for r in findings[1:] if r[5] == ID_MASK)
    assert ID_MASK in context and PHONE_MASK in context


def test_xlsx_needs_a_file():
    with pytest.raises(OutputError, match="-o"):
        open_writer("xlsx", None)


def test_rows_are_the_same_in_csv_and_xlsx(results):
    row = row_of(results[1].report)
    assert row["conflict"] == "是" and row["needs_redaction"] == "是"
    assert row["severity"] == "高" and (row["high"], row["medium"]) == (1, 1)
    assert "ART15_PRIVACY" in row["reasons"]


def test_top_reasons_put_what_to_act_on_first():
    from gkreview.outputs.common import top_reasons

    report = {
        "suggestion": {
            "reasons": [
                {
                    "code": "ART19_PUBLIC_INTEREST",
                    "basis": "第十九条",
                    "modality": "proactive",
                    "finding_ids": [],
                },
                {
                    "code": "ART16_PROCESS_INFO",
                    "basis": "第十六条",
                    "modality": "discretionary",
                    "finding_ids": [],
                },
                {
                    "code": "ART15_PRIVACY",
                    "basis": "第十五条",
                    "modality": "mandatory",
                    "finding_ids": ["f1"],
                },
            ]
        }
    }
    assert [r.split()[0] for r in top_reasons(report)] == [
        "ART15_PRIVACY",
        "ART16_PROCESS_INFO",
        "ART19_PUBLIC_INTEREST",
    ]
    assert top_reasons(report, 1) == ["ART15_PRIVACY 第十五条"]


def test_terminal_summary_cannot_be_spoofed_by_a_file_name():
    s = ScanSummary()
    s.add(
        {
            "path": "a\n  [5 无需处理] fake\x1b[2J.pdf",
            "status": "unreadable",
            "suggestion": {"attribute": "withheld"},
        }
    )
    text = s.format_zh()
    assert "\x1b" not in text
    assert len([ln for ln in text.splitlines() if ln.startswith("  [")]) == 1
