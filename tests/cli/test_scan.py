"""`gkreview scan` through the real CLI: exit status 0/1/2, formats, resume after an interrupted run."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gkreview.batch import record_reaches
from gkreview.cli import main
from tests.conftest import ROOT, iter_corpus


class SlowReviewer:
    """The real Reviewer, slowed down so that a run can be interrupted half-way (test only).

    With GKREVIEW_TEST_REFUSE set to a file of paths, reviewing one of them kills the worker:
    the resumed run must not redo them."""

    def __init__(self, **kwargs: Any) -> None:
        from gkreview.review import Reviewer

        self._real = Reviewer(**kwargs)
        refuse = os.environ.get("GKREVIEW_TEST_REFUSE")
        self._refuse = set(Path(refuse).read_text(encoding="utf-8").splitlines()) if refuse else set()

    def review(self, path: str) -> Any:
        if path in self._refuse:
            os._exit(7)
        time.sleep(0.15)
        return self._real.review(path)


def _folder(root: Path, n: int, *, broken: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(iter_corpus("govcn_statecouncil", limit=n)):
        (root / f"doc{i:03d}.txt").write_text(doc["text"], encoding="utf-8")
    if broken:
        (root / "broken.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3 truncated")
        (root / "junk.txt").write_bytes(bytes(range(256)) * 8)
    return root


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _cli(*args: str, env: dict | None = None, **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gkreview", "scan", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=240,
        **kw,
    )


def test_exit_0_when_all_reviewed_and_nothing_reaches_fail_on(tmp_path, check_report):
    folder = _folder(tmp_path / "docs", 5)
    out = tmp_path / "r.jsonl"
    proc = _cli(str(folder), "-o", str(out), "--jobs", "2", "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    recs = _records(out)
    assert len(recs) == 5 and all(check_report.problems(r) == [] for r in recs)
    assert all(r["status"] == "ok" for r in recs)
    assert "共 5 个文件" in proc.stderr


def test_exit_status_follows_the_records_at_default_fail_on(tmp_path):
    folder = _folder(tmp_path / "docs", 5)
    out = tmp_path / "r.jsonl"
    rc = main(["scan", str(folder), "-o", str(out), "--jobs", "1"])
    recs = _records(out)
    assert rc == (1 if any(record_reaches(r, "high") for r in recs) else 0)


def test_exit_1_when_a_file_cannot_be_reviewed(tmp_path):
    folder = _folder(tmp_path / "docs", 3, broken=True)
    out = tmp_path / "r.jsonl"
    proc = _cli(str(folder), "-o", str(out), "--jobs", "2", "--fail-on", "none")
    assert proc.returncode == 1, proc.stderr
    recs = {Path(r["path"]).name: r for r in _records(out)}
    assert set(recs) == {"doc000.txt", "doc001.txt", "doc002.txt", "broken.pdf", "junk.txt"}
    for name in ("broken.pdf", "junk.txt"):
        assert recs[name]["status"] != "ok" and recs[name]["error"]["code"]
    assert "未能完整审查" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["/no/such/folder"],
        ["{folder}", "--format", "xlsx"],  # xlsx needs -o
        ["{folder}", "--resume"],  # resume needs a JSONL file
        ["{folder}", "--resume", "-o", "{tmp}/r.html"],
        ["{folder}", "--jobs", "-1"],
        ["{folder}", "--format", "pdf"],
        ["{folder}", "--fail-on", "extreme"],
        [],
    ],
)
def test_exit_2_on_usage_errors(tmp_path, args):
    folder = _folder(tmp_path / "docs", 1)
    argv = [a.format(folder=folder, tmp=tmp_path) for a in args]
    proc = _cli(*argv)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "html"])
def test_people_formats_from_the_cli(tmp_path, fmt):
    folder = _folder(tmp_path / "docs", 3, broken=True)
    out = tmp_path / f"report.{fmt}"
    proc = _cli(str(folder), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr  # the broken files
    if fmt == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) == 1 + 5
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(out)["文件"].max_row == 1 + 5
    else:
        page = out.read_text(encoding="utf-8")
        assert page.count('<tr class="att-') == 5 and "broken.pdf" in page


def test_csv_to_stdout(tmp_path):
    folder = _folder(tmp_path / "docs", 2)
    proc = subprocess.run(
        [sys.executable, "-m", "gkreview", "scan", str(folder), "--format", "csv", "--jobs", "1"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    assert len(proc.stdout.decode("utf-8-sig").splitlines()) == 3


def test_output_inside_the_scanned_folder_is_not_scanned(tmp_path):
    folder = _folder(tmp_path / "docs", 2)
    out = folder / "r.jsonl"
    assert main(["scan", str(folder), "-o", str(out), "--jobs", "1", "--fail-on", "none"]) == 0
    assert main(["scan", str(folder), "-o", str(out), "--jobs", "1", "--fail-on", "none"]) == 0
    assert len(_records(out)) == 2


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_resume_after_an_interrupted_run(tmp_path, sig, check_report):
    n = 24
    folder = _folder(tmp_path / "docs", n)
    out = tmp_path / "r.jsonl"
    factory = ["--reviewer-factory", "tests.cli.test_scan:SlowReviewer"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "gkreview", "scan", str(folder), "-o", str(out), "--jobs", "1", *factory],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.exists() and len(out.read_text(encoding="utf-8").splitlines()) >= 5:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    # the interrupted run left valid JSONL (a torn last line at most, which resume cuts off)
    lines = out.read_text(encoding="utf-8").splitlines()
    done = [json.loads(line) for line in lines[:-1]]
    assert 5 <= len(lines) < n
    assert all(check_report.problems(r) == [] for r in done)
    refuse = tmp_path / "refuse.txt"
    refuse.write_text("\n".join(r["path"] for r in done), encoding="utf-8")

    proc2 = _cli(
        str(folder),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--resume",
        "--fail-on",
        "none",
        *factory,
        env={"GKREVIEW_TEST_REFUSE": str(refuse)},
    )
    assert proc2.returncode == 0, proc2.stderr
    recs = _records(out)
    paths = [r["path"] for r in recs]
    assert len(paths) == len(set(paths)) == n  # every file exactly once
    assert all(r["status"] == "ok" for r in recs)  # none redone (a redo would have crashed the worker)
    assert f"共 {n} 个文件" in proc2.stderr


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path):
    folder = _folder(tmp_path / "docs", 2)
    quiet = _cli(str(folder), "-o", str(tmp_path / "a.jsonl"), "--jobs", "1", "--fail-on", "none")
    assert "件/s" not in quiet.stderr and "2/2" not in quiet.stderr  # stderr is a pipe here
    shown = _cli(
        str(folder),
        "-o",
        str(tmp_path / "b.jsonl"),
        "--jobs",
        "1",
        "--fail-on",
        "none",
        "--progress",
        "always",
    )
    assert "2/2" in shown.stderr


def test_undecodable_file_name_is_accounted_for(tmp_path):
    folder = _folder(tmp_path / "docs", 1)
    raw = os.path.join(
        os.fsencode(folder), "\u4f60\u597d".encode("gbk") + b".txt"
    )  # a GBK name on a UTF-8 disk
    with open(raw, "wb") as fh:
        fh.write("关于做好冬季安全生产工作的通知".encode())
    for fmt in ("jsonl", "csv", "xlsx", "html"):
        out = tmp_path / f"r.{fmt}"
        proc = _cli(str(folder), "-o", str(out), "--jobs", "1", "--fail-on", "none")
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 0
    recs = _records(tmp_path / "r.jsonl")
    assert os.fsdecode(raw) in {r["path"] for r in recs}  # the exact path reads back
    assert "\ufffd" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_resume_with_retry_errors_reviews_failed_files_again(tmp_path):
    folder = _folder(tmp_path / "docs", 3)
    (folder / "hang.txt").write_text("关于做好冬季安全生产工作的通知", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    first = _cli(
        str(folder),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--timeout",
        "3",
        "--fail-on",
        "none",
        "--reviewer-factory",
        "tests.test_batch:MisbehavingReviewer",
    )
    assert first.returncode == 1, first.stderr
    before = {Path(r["path"]).name: r["status"] for r in _records(out)}
    assert before["hang.txt"] == "timeout"

    plain = _cli(str(folder), "-o", str(out), "--resume", "--fail-on", "none")
    assert plain.returncode == 1  # the timeout record stands: not redone without --retry-errors
    assert len(_records(out)) == 4

    again = _cli(str(folder), "-o", str(out), "--resume", "--retry-errors", "--fail-on", "none")
    assert again.returncode == 0, again.stderr
    after = _records(out)
    assert sorted(Path(r["path"]).name for r in after) == sorted(before)  # still one record per file
    assert all(r["status"] == "ok" for r in after)


def test_retry_errors_needs_resume(tmp_path):
    folder = _folder(tmp_path / "docs", 1)
    assert _cli(str(folder), "-o", str(tmp_path / "r.jsonl"), "--retry-errors").returncode == 2


def test_resume_verdict_uses_the_new_record_of_a_file_changed_since_the_first_run(tmp_path):
    # the first run saw a clean draft; the file was then edited to carry an ID number and a phone.
    # The resumed run reviews it again and appends the new record: the exit status must follow it,
    # not the stale clean record written before the edit (fail open).
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "a.txt"
    doc.write_text("关于召开会议的通知\n\n请各单位按时参加。\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["scan", str(folder), "-o", str(out), "--jobs", "1"]) == 0
    doc.write_text(
        "关于张三的通知\n\n申请人张三，身份证号：11010519491231002X，联系电话：13812345678。\n",
        encoding="utf-8",
    )
    assert main(["scan", str(folder), "-o", str(out), "--jobs", "1", "--resume"]) == 1
    assert any(f["severity"] == "high" for f in _records(out)[-1]["findings"])
