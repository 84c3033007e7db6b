"""gkreview.batch: walking folders, bounded workers (timeout, crash, memory), resume."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from gkreview.batch import (
    ScanOptions,
    ScanUsageError,
    collect_files,
    error_result,
    file_sha256,
    load_done,
    record_reaches,
    repair_jsonl,
    scan,
)
from tests.conftest import iter_corpus

FAKE = "tests.test_batch:MisbehavingReviewer"


class MisbehavingReviewer:
    """The real Reviewer, except on files named to hang, crash the process or eat memory (test only)."""

    def __init__(self, **kwargs: Any) -> None:
        from gkreview.review import Reviewer

        self._real = Reviewer(**kwargs)

    def review(self, path: str) -> Any:
        name = os.path.basename(path)
        if name.startswith("hang"):
            time.sleep(600)
        if name.startswith("crash"):
            os._exit(3)
        if name.startswith("bloat"):
            blob = bytearray(8 * 1024**3)  # more than the worker's address-space bound
            del blob
        if name.startswith("raise"):
            raise RuntimeError("a bug in a reader")
        return self._real.review(path)


def _corpus_folder(root: Path, n: int) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for i, doc in enumerate(iter_corpus("govcn_statecouncil", limit=n)):
        p = root / f"doc{i:03d}.txt"
        p.write_text(doc["text"], encoding="utf-8")
        out.append(p)
    return out


# ----------------------------------------------------------------------------- walking


def test_collect_files_skips_hidden_temp_and_outside_symlinks(tmp_path):
    root = tmp_path / "root"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.pdf").write_text("b")
    (root / "sub" / "deeper" / "c.docx").write_text("c")
    (root / ".hidden.txt").write_text("h")
    (root / ".git" / "config").write_text("g")
    (root / "~$a.docx").write_text("lock")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    (root / "link_out.txt").symlink_to(outside / "secret.txt")
    (root / "link_dir").symlink_to(outside, target_is_directory=True)
    (root / "link_in.txt").symlink_to(root / "a.txt")  # same file as a.txt: listed once
    os.mkfifo(root / "pipe")
    got = [p.relative_to(root).as_posix() for p in collect_files([root])]
    assert got == ["a.txt", "sub/b.pdf", "sub/deeper/c.docx"]


def test_collect_files_include_exclude_and_direct_files(tmp_path):
    (tmp_path / "x").mkdir()
    for name in ("a.txt", "b.pdf", "x/c.pdf", "x/d.docx"):
        (tmp_path / name).write_text(name)
    got = {p.name for p in collect_files([tmp_path], include=["*.pdf", "*.docx"], exclude=["x/d.*"])}
    assert got == {"b.pdf", "c.pdf"}
    assert collect_files([tmp_path / "a.txt", tmp_path / "a.txt"]) == [tmp_path / "a.txt"]


def test_collect_files_missing_path_is_usage_error(tmp_path):
    with pytest.raises(ScanUsageError, match="no such file"):
        collect_files([tmp_path / "nope"])


# ----------------------------------------------------------------------------- records


def test_error_result_fails_closed(tmp_path, check_report):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-broken")
    r = error_result(str(p), "timeout", "timeout", "too slow").report
    assert check_report.problems(r) == []
    assert r["sha256"] == file_sha256(p)
    assert r["format"] == "pdf" and r["status"] == "timeout"
    assert r["suggestion"]["needs_human_review"] is True
    assert record_reaches(r, "high") and record_reaches(r, "low") and not record_reaches(r, "none")


def test_record_reaches_matches_report_reaches():
    from dataclasses import replace

    from gkreview.finding import Finding
    from gkreview.review import Reviewer

    reviewer = Reviewer(model=None)
    base = reviewer.review_text("关于做好冬季安全生产工作的通知", name="n.txt")
    for sev in ("low", "medium", "high"):
        f = Finding("t", "personal_info", "ART15_PRIVACY", sev, 0.9, 0, 2, "**", id="f1")
        rep = replace(base, findings=(f,))
        for level in ("high", "medium", "low", "none"):
            assert record_reaches(rep.to_dict(), level) == rep.reaches(level), (sev, level)
    for level in ("high", "medium", "low", "none"):
        assert record_reaches(base.to_dict(), level) == base.reaches(level)


# ----------------------------------------------------------------------------- the pool


def test_scan_accounts_for_every_file_with_broken_ones_mixed_in(tmp_path, check_report):
    good = _corpus_folder(tmp_path / "docs", 6)
    broken = {
        "empty.pdf": b"",
        "junk.docx": b"PK\x03\x04 not really a zip",
        "binary.txt": bytes(range(256)) * 4,
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<<",
    }
    for name, data in broken.items():
        (tmp_path / "docs" / name).write_bytes(data)
    files = collect_files([tmp_path / "docs"])
    results = list(scan(files, ScanOptions(jobs=2, timeout_s=60)))
    by_path = {r.path: r.report for r in results}
    assert sorted(by_path) == sorted(str(f) for f in files)  # one record per file
    assert len(results) == len(files)
    for r in by_path.values():
        assert check_report.problems(r) == []
        assert r["sha256"] == file_sha256(r["path"])
    for name in broken:
        rec = by_path[str(tmp_path / "docs" / name)]
        # nothing unreadable ever looks clean
        assert rec["status"] != "ok" or rec["findings"] or rec["suggestion"]["needs_human_review"], rec
        if rec["status"] != "ok":
            assert rec["error"] and rec["error"]["code"]
            assert record_reaches(rec, "high")
    assert all(by_path[str(p)]["status"] == "ok" for p in good)


def test_timeout_crash_and_exception_become_records_and_the_run_goes_on(tmp_path):
    good = _corpus_folder(tmp_path, 4)
    for name in ("hang.txt", "crash.txt", "raise.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    files = collect_files([tmp_path])
    t0 = time.monotonic()
    results = {r.path: r.report for r in scan(files, ScanOptions(jobs=2, timeout_s=3, factory=FAKE))}
    assert time.monotonic() - t0 < 60
    assert len(results) == len(files)
    hang = results[str(tmp_path / "hang.txt")]
    assert (hang["status"], hang["error"]["code"]) == ("timeout", "timeout")
    crash = results[str(tmp_path / "crash.txt")]
    assert (crash["status"], crash["error"]["code"]) == ("unreadable", "worker_crashed")
    boom = results[str(tmp_path / "raise.txt")]
    assert (boom["status"], boom["error"]["code"]) == ("unreadable", "internal_error")
    assert all(results[str(p)]["status"] == "ok" for p in good)


def test_memory_bound_gives_a_record(tmp_path):
    _corpus_folder(tmp_path, 2)
    (tmp_path / "bloat.txt").write_text("x", encoding="utf-8")
    files = collect_files([tmp_path])
    results = {r.path: r.report for r in scan(files, ScanOptions(jobs=1, memory_mb=1024, factory=FAKE))}
    bloat = results[str(tmp_path / "bloat.txt")]
    assert bloat["status"] == "too_large"
    assert bloat["error"]["code"] == "memory_limit"
    assert sum(r["status"] == "ok" for r in results.values()) == 2


def test_bad_reviewer_options_fail_the_run(tmp_path):
    from gkreview.errors import GkreviewError

    _corpus_folder(tmp_path, 1)
    with pytest.raises(GkreviewError, match="reviewer could not be built"):
        list(scan(collect_files([tmp_path]), ScanOptions(jobs=1, reviewer={"no_such_option": 1})))


# ----------------------------------------------------------------------------- resume


def test_repair_jsonl_cuts_a_torn_last_line(tmp_path):
    p = tmp_path / "out.jsonl"
    p.write_text('{"sha256": "a", "path": "x"}\n{"sha256": "b", "pa', encoding="utf-8")
    assert repair_jsonl(p) > 0
    assert p.read_text(encoding="utf-8") == '{"sha256": "a", "path": "x"}\n'
    assert set(load_done(p).records) == {"a"}


def test_resume_skips_done_files_and_replays_copies(tmp_path):
    files = _corpus_folder(tmp_path / "docs", 5)
    first = [r.report for r in scan(files[:3], ScanOptions(jobs=1))]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in first), encoding="utf-8")
    copy = tmp_path / "docs" / "copy_of_doc000.txt"
    copy.write_bytes(files[0].read_bytes())
    index = load_done(out)
    # MisbehavingReviewer would crash on nothing here; use a factory that fails on any done file
    again = list(
        scan([*files, copy], ScanOptions(jobs=1, factory="tests.test_batch:RefusingReviewer"), resume=index)
    )
    paths = sorted(r.path for r in again)
    assert paths == sorted([str(files[3]), str(files[4]), str(copy)])
    replay = next(r for r in again if r.path == str(copy))
    assert replay.sha256 == first[0]["sha256"]


class RefusingReviewer(MisbehavingReviewer):
    """Fails loudly if asked to redo a file that the resume test already reviewed."""

    def review(self, path: str) -> Any:
        name = os.path.basename(path)
        assert name not in {"doc000.txt", "doc001.txt", "doc002.txt", "copy_of_doc000.txt"}, name
        return super().review(path)


def test_resume_replays_the_matching_record_for_a_file_edited_to_another_files_content(tmp_path):
    # a.txt was clean when first scanned; it was then overwritten with b.txt's content (which has an
    # ID number). Its old record must not stand: the resumed run gives a.txt b.txt's review.
    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text("关于召开会议的通知\n\n请各单位按时参加。\n", encoding="utf-8")
    b.write_text("关于张三的通知\n\n申请人张三，身份证号：11010519491231002X。\n", encoding="utf-8")
    first = [r.report for r in scan([a, b], ScanOptions(jobs=1))]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in first), encoding="utf-8")
    a.write_bytes(b.read_bytes())
    again = list(scan([a, b], ScanOptions(jobs=1), resume=load_done(out)))
    assert [r.path for r in again] == [str(a)]
    assert again[0].sha256 == next(r["sha256"] for r in first if r["path"] == str(b))
