"""Confidential by default: no output of gkreview carries a flagged value in full.

The document below is SYNTHETIC (a made-up 请示 with test values that pass their checksums)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

MEMO = (
    "秘密★1年\n关于申请追加低保资金的请示\n市民政局：\n"
    "困难群众王小明（身份证号：11010519491231002X，手机13800138000）"
    "家庭住址：北京市东城区东华门街道南池子大街12号3单元501室。\n妥否，请批示。\n"
)
RAW = ("11010519491231002X", "13800138000", "南池子大街12号", "王小明")


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    p = tmp_path_factory.mktemp("draft") / "synthetic_memo.txt"
    p.write_text(MEMO, encoding="gb18030")
    return p


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gkreview", *args], capture_output=True, text=True, timeout=300
    )


def test_review_json_and_summary(draft):
    for args in (("review", str(draft), "--json"), ("review", str(draft))):
        proc = _run(*args)
        assert proc.returncode == 1  # a secrecy mark reaches --fail-on high
        for value in RAW:
            assert value not in proc.stdout and value not in proc.stderr, (args, value)
    report = json.loads(_run("review", str(draft), "--json").stdout)
    assert {f["detector"] for f in report["findings"]} >= {"cn_resident_id", "cn_mobile", "home_address"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html", "xlsx"])
def test_scan_outputs(draft, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    proc = _run("scan", str(draft), "--format", fmt, "-o", str(out), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out, read_only=True)
        content = " ".join(
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    else:
        content = out.read_text(encoding="utf-8-sig")
    for value in RAW:
        assert value not in content, (fmt, value)
    assert "110105********002X" in content or fmt == "csv"


def test_values_quoted_in_the_gongwen_elements_are_masked():
    # the title, 主送 and 抄送 are text of the document too: a value flagged in them was printed in
    # full in the report's gongwen object, the summary's 标题 line and reasons quoting the title
    from gkreview.review import Reviewer
    from gkreview.summary import summary_zh

    text = (
        "关于对王小明（身份证号11010519491231002X）的行政处罚决定\n\n"
        "王小明，联系电话13800138000：\n经查，你违反规定。\n\n某某市市场监督管理局\n2024年1月1日\n"
        "抄送：某某局（联系人手机13912345679）\n"
    )
    report = Reviewer(model=None).review_text(text, name="synthetic.txt")
    assert {f.detector for f in report.findings} >= {"cn_resident_id", "cn_mobile"}
    out = json.dumps(report.to_dict(), ensure_ascii=False) + summary_zh(report)
    for value in ("11010519491231002X", "13800138000", "13912345679"):
        assert value not in out, value
    assert "110105********002X" in report.to_dict()["gongwen"]["title"]
