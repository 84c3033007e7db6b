"""The outside contract (../shared/contracts/CLI.md) on its own samples, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.parametrize("sample", ["notice.pdf", "notice.docx", "memo.txt"])
def test_review_json_follows_contract(sample, samples_dir, check_report):
    proc = subprocess.run(
        [sys.executable, "-m", "gkreview", "review", str(samples_dir / sample), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert check_report.problems(report) == []


def test_usage_error_exits_2():
    proc = subprocess.run([sys.executable, "-m", "gkreview", "review"], capture_output=True, text=True)
    assert proc.returncode == 2
