"""Walking the folders to screen: which files, each once, in a stable order; their sha256."""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from gkreview.batch.model import ScanUsageError

__all__ = ["collect_files", "file_sha256"]

log = logging.getLogger("gkreview.batch")


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
