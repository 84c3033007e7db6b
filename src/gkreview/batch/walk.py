"""Walking the folders to screen: which files, each once, in a stable order; their sha256."""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import logging
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gkreview.batch.model import ScanUsageError

__all__ = ["Skipped", "Walk", "classify", "collect_files", "file_sha256", "walk_tree"]

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


@dataclass(frozen=True)
class Skipped:
    """An entry of a walked tree that is not screened, and why (``code`` is ``skipped_*``)."""

    path: Path
    code: str
    reason: str


@dataclass(frozen=True)
class Walk:
    """What a walk found: the regular files to screen, and every other entry with its reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# codes of the entries that are never opened (opening a FIFO blocks, a device never ends)
_KINDS = (
    (stat.S_ISFIFO, "skipped_fifo", "a named pipe (FIFO), not a file: not opened"),
    (stat.S_ISSOCK, "skipped_socket", "a socket, not a file: not opened"),
    (stat.S_ISCHR, "skipped_device", "a character device, not a file: not opened"),
    (stat.S_ISBLK, "skipped_device", "a block device, not a file: not opened"),
)


def _special(mode: int) -> tuple[str, str] | None:
    for test, code, reason in _KINDS:
        if test(mode):
            return code, reason
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "skipped_special", "not a regular file: not opened"


def classify(fp: Path, root: Path | None) -> Skipped | None:
    """None when ``fp`` is a regular file to screen (a symlink to one inside ``root`` counts); else
    why it is skipped. Never opens ``fp`` and never follows a link out of ``root``."""
    try:
        st = fp.lstat()
    except OSError as exc:
        return Skipped(fp, "skipped_unreadable", f"cannot be examined ({type(exc).__name__})")
    if stat.S_ISLNK(st.st_mode):
        try:
            target = fp.resolve(strict=True)
        except FileNotFoundError:
            return Skipped(fp, "skipped_dangling_link", "a symbolic link whose target does not exist")
        except (RuntimeError, OSError) as exc:  # RuntimeError / ELOOP: a symlink loop
            if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
                return Skipped(fp, "skipped_link_loop", "a symbolic link loop")
            return Skipped(
                fp, "skipped_unreadable", f"a symbolic link that cannot be followed ({type(exc).__name__})"
            )
        if root is not None and not _inside(target, root):
            return Skipped(
                fp, "skipped_link_outside", "a symbolic link leading out of the folder being scanned"
            )
        try:
            st = target.stat()
        except OSError as exc:
            return Skipped(fp, "skipped_unreadable", f"cannot be examined ({type(exc).__name__})")
        if stat.S_ISDIR(st.st_mode):
            return Skipped(
                fp, "skipped_folder_link", "a symbolic link to a folder (linked folders are not entered)"
            )
    kind = _special(st.st_mode)
    if kind is not None:
        return Skipped(fp, *kind)
    if stat.S_ISDIR(st.st_mode):
        return Skipped(fp, "skipped_folder", "a folder")
    return None


def walk_tree(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Walk:
    """The files to screen under ``paths``, sorted, each once, and every other entry with its reason.

    Folders are walked recursively; hidden files and folders and temporary Office files (``~$…``)
    are left out by name (like ``exclude``). A symlink is followed only when its target is a file
    inside the folder being walked; FIFOs, sockets, devices, links out of the tree, dangling links,
    link loops, linked folders and unreadable folders are ``skipped`` with their reason — never
    silently dropped, and never opened. ``include``/``exclude`` are globs matched against the path
    relative to the folder and against the bare name. A file named directly is taken as given (globs
    still apply). A path that does not exist is a usage error.
    """
    walk = Walk()
    seen: set[str] = set()

    def wanted(p: Path, rel: str) -> bool:
        if include and not _matches(rel, p.name, include):
            return False
        return not (exclude and _matches(rel, p.name, exclude))

    def add(p: Path, rel: str, root: Path | None) -> None:
        if not wanted(p, rel):
            return
        skipped = classify(p, root)
        if skipped is not None:
            if str(p) not in seen:
                seen.add(str(p))
                walk.skipped.append(skipped)
            return
        key = os.path.realpath(p)  # no exception on a loop (classify has ruled those out anyway)
        if key in seen:
            return
        seen.add(key)
        walk.files.append(p)

    for given in paths:
        p = Path(given)
        if p.is_dir():
            root = p.resolve()
            unreadable: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False, onerror=unreadable.append):
                here = Path(dirpath)
                kept = []
                for d in sorted(dirnames):
                    if _skipped_name(d):
                        continue
                    if (here / d).is_symlink():  # never entered: a record says so
                        add(here / d, (here / d).relative_to(p).as_posix(), root)
                    else:
                        kept.append(d)
                dirnames[:] = kept
                for name in sorted(filenames):
                    if not _skipped_name(name):
                        fp = here / name
                        add(fp, fp.relative_to(p).as_posix(), root)
            for exc in unreadable:
                bad = Path(str(exc.filename or p))
                if str(bad) not in seen:
                    seen.add(str(bad))
                    walk.skipped.append(
                        Skipped(
                            bad, "skipped_unreadable", f"a folder that cannot be read ({type(exc).__name__})"
                        )
                    )
        elif os.path.lexists(p):
            add(p, p.name, None)
        else:
            raise ScanUsageError(f"no such file or folder: {given!s}; give existing files or folders to scan")
    for s in walk.skipped:
        log.info("skipping %s: %s", s.path, s.code)
    return walk


def collect_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[Path]:
    """The regular files to screen under ``paths`` (``walk_tree(...).files``; see there)."""
    return walk_tree(paths, include=include, exclude=exclude).files


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
