"""Batch screening: walk folders, review every file in bounded worker processes, resume.

    files = collect_files(["archive/"], exclude=["*.bak"])
    for result in scan(files, ScanOptions(jobs=4)):
        writer.write(result)

Every file yields exactly one ``ScanResult`` whatever happens to it: a worker stuck past
``timeout_s`` is killed and replaced (the file gets a ``timeout`` record), a worker that dies
(memory bound ``memory_mb`` via RLIMIT_AS, a crash in a native library) gives its file an
``unreadable`` record with code ``worker_crashed``, and the run goes on. Nothing unreadable is
ever reported clean: such records carry the fail-closed suggestion (withheld, needs a person).

Workers are plain ``multiprocessing`` processes (one pipe each) so that one of them can be killed
without breaking the others; each builds one ``Reviewer`` (model and detectors loaded once).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from gkreview.errors import ConfigurationError, GkreviewError, OutputError

__all__ = [
    "ResumeIndex",
    "ScanOptions",
    "ScanResult",
    "ScanUsageError",
    "collect_files",
    "drop_unreviewed",
    "error_result",
    "file_sha256",
    "load_done",
    "plan",
    "record_reaches",
    "repair_jsonl",
    "review_to_result",
    "scan",
]

log = logging.getLogger("gkreview.batch")

SEVERITY_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


class ScanUsageError(ConfigurationError):
    """The scan was asked for something impossible (missing path, --resume without a JSONL file…)."""

    code = "usage"


@dataclass(frozen=True)
class ScanOptions:
    jobs: int = 0  # 0: the number of cores
    timeout_s: float = 120.0  # hard bound per file (the worker is killed past it)
    memory_mb: int = 4096  # RLIMIT_AS per worker; 0 for no bound
    reviewer: Mapping[str, Any] = field(default_factory=dict)  # keyword arguments of Reviewer(...)
    start_method: str = "spawn"  # no threads or state inherited from the caller
    context_chars: int = 30  # evidence window each side of a finding (for the HTML)
    factory: str = "gkreview.review:Reviewer"  # "module:callable" building the per-worker reviewer

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else max(os.cpu_count() or 1, 1)


@dataclass(frozen=True)
class ScanResult:
    """One file's outcome: the contract's report object plus masked evidence for people.

    ``evidence`` maps a finding id to ``[before, masked, after]``: a window of the document text
    around the finding whose own span (and any other finding's span inside the window) is
    replaced by the masked value. It is not part of the JSONL record.
    """

    report: dict[str, Any]
    evidence: dict[str, list[str]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return str(self.report.get("path", ""))

    @property
    def sha256(self) -> str:
        return str(self.report.get("sha256", ""))

    def to_dict(self) -> dict[str, Any]:
        return self.report


# ----------------------------------------------------------------------------- walking the tree


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs)


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def collect_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[Path]:
    """The files to screen under ``paths``, sorted, each once.

    Folders are walked recursively; hidden files and folders and temporary Office files (``~$…``)
    are skipped; a symlink is followed only when its target stays inside the folder being walked
    (symlinked folders are never entered). ``include``/``exclude`` are globs matched against the
    path relative to the folder and against the bare file name. A file named directly is taken as
    given (globs still apply). A path that does not exist is a usage error.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path, rel: str) -> None:
        if include and not _matches(rel, p.name, include):
            return
        if exclude and _matches(rel, p.name, exclude):
            return
        key = p.resolve()
        if key in seen:
            return
        seen.add(key)
        out.append(p)

    for given in paths:
        p = Path(given)
        if p.is_dir():
            root = p.resolve()
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not _skipped_name(d))
                for name in sorted(filenames):
                    if _skipped_name(name):
                        continue
                    fp = Path(dirpath) / name
                    if fp.is_symlink():
                        target = fp.resolve()
                        if not _inside(target, root) or not target.is_file():
                            log.info("skipping symlink leaving the tree: %s", fp)
                            continue
                    elif not fp.is_file():
                        continue  # fifo, socket, device
                    add(fp, fp.relative_to(p).as_posix())
        elif p.is_file():
            add(p, p.name)
        else:
            raise ScanUsageError(f"no such file or folder: {given!s}; give existing files or folders to scan")
    return out


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file's bytes, streamed ("" when it cannot be read)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


# ----------------------------------------------------------------------------- records


def _format_of(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix or "unknown"


def error_result(path: str, status: str, code: str, message: str, *, sha256: str | None = None) -> ScanResult:
    """A contract report for a file the worker could not finish: fail closed, a person must look."""
    from gkreview._version import __version__
    from gkreview.document import ErrorInfo
    from gkreview.report import Report
    from gkreview.suggestion import Reason, Suggestion

    suggestion = Suggestion(
        attribute="withheld",
        needs_redaction=False,
        needs_human_review=True,
        reasons=(
            Reason(
                code="ART17_UNCERTAIN_REFER",
                basis="《政府信息公开条例》第十七条",
                explanation="文件未能完整审查，不得视为已通过审查；请人工审查。",
            ),
        ),
    )
    report = Report(
        path=path,
        sha256=sha256 if sha256 is not None else file_sha256(path),
        format=_format_of(path),
        status=status,
        suggestion=suggestion,
        error=ErrorInfo(code, message),
        version=__version__,
    )
    return ScanResult(report.to_dict())


def review_to_result(report: Any, context_chars: int = 30) -> ScanResult:
    """A ``Report`` (with its document) as a ScanResult carrying masked evidence windows."""
    from gkreview.outputs.evidence import evidence_windows

    doc = getattr(report, "document", None)
    text = doc.text if doc is not None else ""
    findings = [f.to_dict() for f in report.findings]
    return ScanResult(report.to_dict(), evidence_windows(text, findings, context_chars))


def record_reaches(report: Mapping[str, Any], level: str) -> bool:
    """``Report.reaches`` on a report object (dict): the ``--fail-on`` test of CLI.md."""
    if level == "none":
        return False
    if report.get("status") != "ok":
        return True
    if (report.get("suggestion") or {}).get("attribute") == "withheld":
        return True
    best = max((SEVERITY_RANK.get(f.get("severity", ""), 0) for f in report.get("findings") or []), default=0)
    return best >= SEVERITY_RANK[level]


# ----------------------------------------------------------------------------- resume


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
    except OSError as exc:
        raise OutputError(f"cannot read {p} to resume: {exc}") from exc
    return index


# ----------------------------------------------------------------------------- the workers


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on POSIX
        log.warning("could not set a memory bound for the worker")


def _load_factory(spec: str) -> Any:
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "Reviewer")


def _worker_main(
    conn: Connection, factory: str, reviewer_kwargs: dict[str, Any], memory_mb: int, context_chars: int
) -> None:
    """A worker process: build one Reviewer, then review the paths it is sent until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    _limit_memory(memory_mb)
    try:
        reviewer = _load_factory(factory)(**reviewer_kwargs)
    except GkreviewError as exc:
        conn.send(("init_error", exc.code, exc.message))
        return
    except Exception as exc:
        conn.send(("init_error", "internal_error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away
        if task is None:
            return
        task_id, path = task
        try:
            result = review_to_result(reviewer.review(path), context_chars)
            payload: tuple[Any, ...] = ("done", task_id, result.report, result.evidence)
        except MemoryError:
            payload = (
                "failed",
                task_id,
                "too_large",
                "memory_limit",
                "the file needs more memory than the worker may use",
            )
        except Exception as exc:
            payload = (
                "failed",
                task_id,
                "unreadable",
                "internal_error",
                f"gkreview failed on this file: {type(exc).__name__}",
            )
        try:
            conn.send(payload)
        except (OSError, ValueError):
            return
        if payload[0] == "failed" and payload[3] == "memory_limit":
            return  # start afresh rather than carry on after a MemoryError


class _Worker:
    def __init__(self, ctx: Any, options: ScanOptions) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.proc = ctx.Process(
            target=_worker_main,
            args=(child, options.factory, dict(options.reviewer), options.memory_mb, options.context_chars),
            daemon=True,
            name="gkreview-scan-worker",
        )
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def assign(self, task_id: int, path: str) -> None:
        self.task = (task_id, path)
        self.started = time.monotonic()
        self.conn.send((task_id, path))

    def stop(self, *, force: bool = False) -> None:
        if not force and self.proc.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                force = True
            else:
                self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class _Pool:
    """Workers that can be killed one at a time; yields (path, ScanResult) as files finish."""

    MAX_INIT_FAILURES = 3

    def __init__(self, options: ScanOptions) -> None:
        self.options = options
        self.ctx = multiprocessing.get_context(options.start_method)
        self.workers: list[_Worker] = []
        self.init_failures = 0

    def _spawn(self) -> _Worker:
        w = _Worker(self.ctx, self.options)
        self.workers.append(w)
        return w

    def _replace(self, w: _Worker) -> None:
        self.workers.remove(w)
        w.stop(force=True)
        self._spawn()

    def close(self) -> None:
        for w in self.workers:
            w.stop()
        self.workers.clear()

    def run(self, paths: Iterable[str]) -> Iterator[ScanResult]:
        pending: deque[tuple[int, str]] = deque(enumerate(paths))
        n = min(self.options.workers, len(pending))
        if n == 0:
            return
        for _ in range(n):
            self._spawn()
        timeout = self.options.timeout_s
        busy = 0
        attempts: dict[int, int] = {}
        while pending or busy:
            for w in self.workers:
                if w.ready and w.task is None and pending:
                    w.assign(*pending.popleft())
                    busy += 1
            now = time.monotonic()
            deadlines = [w.started + timeout - now for w in self.workers if w.task is not None]
            wait_s = max(0.0, min(deadlines, default=1.0))
            handles: list[Any] = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
            ready = set(wait(handles, timeout=min(wait_s, 1.0) + 0.01))
            for w in list(self.workers):
                if w.conn in ready or (w.proc.sentinel in ready and w.conn.poll()):
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        msg = None
                    if msg is not None:
                        kind = msg[0]
                        if kind == "ready":
                            w.ready = True
                            self.init_failures = 0
                            continue
                        if kind == "init_error":
                            self.close()
                            text = f"the reviewer could not be built: {msg[1]}: {msg[2]}"
                            if msg[1] in ("configuration", "usage"):
                                raise ConfigurationError(text)
                            raise GkreviewError(text, code=str(msg[1]))
                        assert w.task is not None
                        task_path = w.task[1]
                        w.task = None
                        busy -= 1
                        if kind == "done":
                            yield ScanResult(msg[2], msg[3])
                        else:
                            _, _, status, code, message = msg
                            if code == "memory_limit":
                                self._replace(w)  # that worker is ending; do not give it the next file
                            yield error_result(task_path, status, code, message)
                        continue
                if w.proc.sentinel in ready and not w.proc.is_alive():
                    # died: crash, memory bound, killed from outside
                    if w.task is not None:
                        task_id, task_path = w.task
                        w.task = None
                        busy -= 1
                        attempts[task_id] = attempts.get(task_id, 0) + 1
                        self._replace(w)
                        if attempts[task_id] < 2:
                            pending.appendleft((task_id, task_path))  # once more, on a fresh worker
                            continue
                        yield error_result(
                            task_path,
                            "unreadable",
                            "worker_crashed",
                            f"the review process ended abnormally (exit code {w.proc.exitcode}); "
                            "the file may need more memory than allowed or crash a reader",
                        )
                    elif not w.ready:
                        self.init_failures += 1
                        if self.init_failures > self.MAX_INIT_FAILURES:
                            self.close()
                            raise GkreviewError(
                                f"scan workers keep dying while starting (exit code {w.proc.exitcode}); "
                                "check --memory-mb and the reviewer options",
                                code="worker_start",
                            )
                        self._replace(w)
                    else:
                        self._replace(w)
            now = time.monotonic()
            for w in list(self.workers):
                if w.task is not None and now - w.started > timeout and not w.conn.poll():
                    task_path = w.task[1]
                    w.task = None
                    busy -= 1
                    self._replace(w)
                    yield error_result(
                        task_path,
                        "timeout",
                        "timeout",
                        f"the review took longer than {timeout:g} s and was stopped",
                    )
            if not pending:
                # release idle workers early so the machine is free for the stragglers
                for w in list(self.workers):
                    if w.ready and w.task is None:
                        self.workers.remove(w)
                        w.stop()


def scan(
    files: Sequence[str | os.PathLike[str]],
    options: ScanOptions | None = None,
    *,
    resume: ResumeIndex | None = None,
) -> Generator[ScanResult, None, None]:
    """Review ``files`` in worker processes; yield one ScanResult per file as each finishes.

    With ``resume`` (from ``load_done``) a file whose sha256 is already there is not reviewed
    again: when its path is there too nothing is yielded (its record is already written); when it
    is there under another path (a copy, a moved folder) the old record is yielded with the new
    path, so every file still gets its record.
    """
    options = options or ScanOptions()
    todo, replayed = plan(files, resume)
    yield from replayed
    pool = _Pool(options)
    try:
        yield from pool.run(todo)
    finally:
        pool.close()


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
                if path not in resume.paths:
                    resume.paths.add(path)
                    replayed.append(ScanResult({**prev, "path": path}))
                continue
        todo.append(path)
    return todo, replayed
