"""Walking a tree: every entry that is not a regular file to screen is skipped with its reason and gets
a record in `gkreview scan` (symlink loops, FIFOs, sockets, dangling links, links out of the tree)."""

from __future__ import annotations

import json
import os
import socket

import pytest

from gkreview.batch.walk import classify, collect_files, walk_tree
from gkreview.cli import main


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(
        "关于某事项的通知\n各单位：现将有关事项通知如下。", encoding="utf-8"
    )  # SYNTHETIC
    (root / "sub" / "b.txt").write_text("通知", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    (root / "loop1").symlink_to(root / "loop2")  # a symlink loop: used to end scan with RuntimeError
    (root / "loop2").symlink_to(root / "loop1")
    (root / "self").symlink_to(root / "self")
    (root / "up").symlink_to(root, target_is_directory=True)  # a folder link back up: never entered
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "out.txt").symlink_to(outside / "secret.txt")
    (root / "in.txt").symlink_to(root / "sub" / "b.txt")  # same file as sub/b.txt: screened once
    os.mkfifo(root / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock_path = root / "s.sock"
    try:
        sock.bind(str(sock_path))
    except OSError:  # path too long for AF_UNIX on some systems
        sock_path = None
    yield root, sock_path
    sock.close()


def test_every_entry_is_screened_or_skipped_with_its_reason(tree):
    root, sock = tree
    walk = walk_tree([root])
    assert [p.relative_to(root).as_posix() for p in walk.files] == ["a.txt", "in.txt"]  # b.txt via in.txt
    got = {s.path.relative_to(root).as_posix(): s.code for s in walk.skipped}
    expected = {
        "up": "skipped_folder_link",
        "dangling.txt": "skipped_dangling_link",
        "loop1": "skipped_link_loop",
        "loop2": "skipped_link_loop",
        "self": "skipped_link_loop",
        "out.txt": "skipped_link_outside",
        "pipe.txt": "skipped_fifo",
    }
    if sock is not None:
        expected["s.sock"] = "skipped_socket"
    assert got == expected
    assert collect_files([root]) == walk.files


@pytest.mark.parametrize(("path", "code"), [("/dev/null", "skipped_device"), ("/dev/zero", "skipped_device")])
def test_devices_are_never_opened(path, code):
    if not os.path.exists(path):
        pytest.skip(f"no {path}")
    skipped = classify(__import__("pathlib").Path(path), None)
    assert skipped is not None and skipped.code == code


def test_globs_apply_to_skipped_entries_too(tree):
    root, _ = tree
    walk = walk_tree([root], exclude=["loop*", "self", "pipe.txt"])
    assert not {s.path.name for s in walk.skipped} & {"loop1", "loop2", "self", "pipe.txt"}


def test_a_fifo_named_directly_is_skipped_not_opened(tree):
    root, _ = tree
    walk = walk_tree([root / "pipe.txt"])
    assert walk.files == [] and [s.code for s in walk.skipped] == ["skipped_fifo"]


def test_scan_writes_a_record_for_every_entry_and_fails_closed(tree, tmp_path, check_report, capsys):
    root, _sock = tree
    out = tmp_path / "out.jsonl"
    code = main(["scan", str(root), "--format", "jsonl", "-o", str(out), "--model", "none", "--jobs", "1"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for rec in records:
        assert check_report.problems(rec) == [], rec
    by_path = {os.path.relpath(r["path"], root): r for r in records}
    assert by_path["a.txt"]["status"] == "ok"
    skipped = {k: r for k, r in by_path.items() if r["error"] and r["error"]["code"].startswith("skipped_")}
    assert set(skipped) >= {"loop1", "loop2", "self", "up", "dangling.txt", "out.txt", "pipe.txt"}
    for r in skipped.values():
        assert r["status"] == "unsupported" and r["suggestion"]["needs_human_review"] is True
    assert code == 1  # some entries were not reviewed: fail closed
    assert "skipped" in capsys.readouterr().err
