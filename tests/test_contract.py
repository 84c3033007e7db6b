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


def test_unreviewable_file_exits_1_even_with_fail_on_none(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    proc = subprocess.run(
        [sys.executable, "-m", "gkreview", "review", str(bad), "--fail-on", "none"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout


def test_clean_published_text_exits_0(tmp_path):
    from tests.conftest import iter_corpus

    doc = tmp_path / "law.txt"
    doc.write_text(next(iter_corpus("lawrefbook", limit=1))["text"], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "gkreview", "review", str(doc), "--fail-on", "high"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout
