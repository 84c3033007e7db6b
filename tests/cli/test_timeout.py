"""``review``/``extract --timeout``: the work runs in a child process killed at the deadline; a timeout is
a report (status timeout, a person must review, exit 1), never a hang. Values SYNTHETIC."""

from __future__ import annotations

import json
import time

import pytest

from gkreview.cli import main


def _slow(args):  # stands in for a file the pipeline cannot finish
    time.sleep(60)
    raise AssertionError("not stopped")


@pytest.fixture()
def doc(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text("关于开展工作的通知\n联系电话：13812345678\n", encoding="utf-8")
    return p


def test_review_runs_bounded_and_prints_what_it_printed_before(doc, capsys):
    from gkreview.review import Reviewer

    assert main(["review", str(doc), "--json", "--timeout", "60", "--model", "none"]) == 1  # a high finding
    printed = json.loads(capsys.readouterr().out)
    direct = Reviewer(model=None).review(str(doc)).to_dict()
    for volatile in ("elapsed_ms",):
        printed.pop(volatile, None)
        direct.pop(volatile, None)
    assert printed == direct


def test_review_past_the_deadline_is_a_timeout_report(doc, capsys, monkeypatch):
    import gkreview.cli.review as cli_review

    monkeypatch.setattr(cli_review, "_work", _slow)
    assert main(["review", str(doc), "--json", "--timeout", "0.5"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "timeout"
    assert report["error"]["code"] == "timeout"
    assert report["suggestion"]["needs_human_review"] is True
    assert report["findings"] == []
    assert len(report["sha256"]) == 64


def test_review_timeout_summary_in_text(doc, capsys, monkeypatch):
    import gkreview.cli.review as cli_review

    monkeypatch.setattr(cli_review, "_work", _slow)
    assert main(["review", str(doc), "--timeout", "0.5", "--fail-on", "none"]) == 1  # fail closed
    assert "超时" in capsys.readouterr().out


def test_extract_past_the_deadline(doc, capsys, monkeypatch):
    import gkreview.cli.extract as cli_extract

    monkeypatch.setattr(cli_extract, "_work", _slow)
    assert main(["extract", str(doc), "--json", "--timeout", "0.5"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "timeout" and out["text"] == "" and out["pages"] == []


def test_extract_bounded_gives_the_text(doc, capsys):
    assert main(["extract", str(doc), "--timeout", "60"]) == 0
    assert capsys.readouterr().out == doc.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["review", "extract"])
def test_the_timeout_must_be_positive(doc, capsys, command):
    assert main([command, str(doc), "--timeout", "0"]) == 2
    assert "--timeout" in capsys.readouterr().err


def test_an_error_in_the_child_keeps_its_exit_status(doc, capsys, tmp_path):
    assert main(["review", str(doc), "--config", str(tmp_path / "missing.yaml")]) == 2
    assert "configuration" in capsys.readouterr().err


def test_the_default_is_scans(doc):
    from gkreview.batch.model import ScanOptions
    from gkreview.cli import build_parser

    args = build_parser().parse_args(["review", str(doc)])
    assert args.timeout == ScanOptions().timeout_s == 120.0
