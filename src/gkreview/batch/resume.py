"""Resuming a scan from its JSONL output: repair a torn tail, drop records to retry, index what is done,
and split the files into those to review and those whose record is replayed."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkreview.batch.model import ScanResult
from gkreview.batch.walk import file_sha256
from gkreview.errors import OutputError

__all__ = ["ResumeIndex", "drop_unreviewed", "load_done", "plan", "repair_jsonl"]


def repair_jsonl(path: str | os.PathLike[str]) -> int:
    """Cut a JSONL file back to its last complete line (an interrupted write). Returns bytes cut.

    Records are written one ``write`` + flush each, so only the tail can be torn; the file is read
    backwards from its end, never whole.
    """
    p = Path(path)
    if not p.exists():
        return 0
    try:
        with open(p, "r+b") as fh:
            size = fh.seek(0, os.SEEK_END)
            pos = size
            keep = 0
            while pos > 0:
                step = min(1 << 16, pos)
                pos -= step
                fh.seek(pos)
                nl = fh.read(step).rfind(b"\n")
                if nl >= 0:
                    keep = pos + nl + 1
                    break
            if keep < size:
                fh.truncate(keep)
            return size - keep
    except OSError as exc:
        raise OutputError(f"cannot repair {p} to resume: {exc}") from exc


def drop_unreviewed(path: str | os.PathLike[str]) -> int:
    """Remove the records of files that were not fully reviewed (status other than ``ok``) from a
    JSONL output, so that a resumed run reviews them again (``--retry-errors``). The file is
    rewritten next to itself and swapped in atomically. Returns the number of records dropped."""
    p = Path(path)
    if not p.exists():
        return 0
    tmp = p.with_name(p.name + ".retry-tmp")
    dropped = 0
    try:
        with (
            open(p, encoding="utf-8", errors="surrogateescape") as src,
            open(tmp, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as dst,
        ):
            for line in src:
                try:
                    obj = json.loads(line)
                except ValueError:
                    obj = None
                if isinstance(obj, dict) and obj.get("status") != "ok":
                    dropped += 1
                    continue
                dst.write(line)
        os.replace(tmp, p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot rewrite {p} to retry the files not reviewed: {exc}") from exc
    return dropped


@dataclass
class ResumeIndex:
    """What an existing JSONL output already holds: sha256 → report object, and the paths."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    paths: set[str] = field(default_factory=set)
    done: set[tuple[str, str]] = field(default_factory=set)  # (path, sha256) of each record

    def __len__(self) -> int:
        return len(self.records)


def load_done(path: str | os.PathLike[str]) -> ResumeIndex:
    """Index the records already in a JSONL output (for ``--resume``); unparsable lines are ignored."""
    index = ResumeIndex()
    p = Path(path)
    if not p.exists():
        return index
    try:
        with open(p, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(obj, dict) or not obj.get("sha256"):
                    continue
                index.records.setdefault(str(obj["sha256"]), obj)
                index.paths.add(str(obj.get("path", "")))
                index.done.add((str(obj.get("path", "")), str(obj["sha256"])))
    except OSError as exc:
        raise OutputError(f"cannot read {p} to resume: {exc}") from exc
    return index


def plan(
    files: Sequence[str | os.PathLike[str]], resume: ResumeIndex | None = None
) -> tuple[list[str], list[ScanResult]]:
    """Split ``files`` into those to review and the records replayed from ``resume`` (see ``scan``)."""
    todo: list[str] = []
    replayed: list[ScanResult] = []
    for f in files:
        path = str(f)
        if resume:
            sha = file_sha256(path)
            prev = resume.records.get(sha) if sha else None
            if prev is not None:
                # replayed unless this path's record is of these very bytes (a file edited since to
                # match another file's content gets that content's record, not its own stale one)
                if (path, sha) not in resume.done:
                    resume.paths.add(path)
                    resume.done.add((path, sha))
                    replayed.append(ScanResult({**prev, "path": path}))
                continue
        todo.append(path)
    return todo, replayed
