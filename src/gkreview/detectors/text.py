"""Text helpers shared by the detectors: width folding with stable offsets, number runs, regions.

Matching happens on a *folded* copy of the text that has exactly the same length as the original,
so every offset found in the folded copy is an offset into the original text. The fold applies
NFKC to every character whose NFKC form is a single character (full-width digits and letters, the
ideographic space, full-width symbols, compatibility ideographs); characters whose NFKC form is
longer (①, ㈱, ligatures) are left alone so that offsets never shift, and so are the six frequent
CJK punctuation marks ，：；（）！？ (the patterns accept both forms; leaving them is much faster).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "NumberRun",
    "ascii_spans",
    "column_cells",
    "fold",
    "header_end",
    "is_header_row",
    "line_bounds",
    "number_runs",
    "split_cells",
    "table_header_before",
]

_RANGES = (
    (0x00A0, 0x0100),
    (0x2000, 0x2070),
    (0x2100, 0x2200),
    (0x3000, 0x3100),
    (0xF900, 0xFB00),
    (0xFE30, 0xFE70),
    (0xFF00, 0xFFF0),
)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if n != ch and len(n) == 1:
                table[cp] = n
    for keep in "，：；（）！？":  # frequent CJK punctuation stays as it is; the patterns accept both forms
        table.pop(ord(keep), None)
    table[0x3000] = " "  # ideographic space
    table[0x2014] = "-"  # em dash inside numbers typed by people
    table[0x2013] = "-"
    table[0x2212] = "-"
    return table


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern[str]:
    chars = "".join(sorted(chr(c) for c in _fold_table()))
    return re.compile(f"[{re.escape(chars)}]+")


def fold(text: str) -> str:
    """A same-length copy of ``text`` for matching (see the module docstring)."""
    table = _fold_table()
    out = _foldable().sub(lambda m: m.group().translate(table), text)
    if len(out) != len(text):  # pragma: no cover - the table only maps 1 char to 1 char
        raise AssertionError("fold changed the text length")
    return out


# A run of at least 7 digits that may contain the separators people and PDF extraction put inside
# numbers: one space/tab/hyphen/closing bracket (or two), or a line break; may end in X (身份证).
_SEP = r"(?:[ \t]?[-)][ \t]?|[ \t]{1,2}|[ \t]*\r?\n[ \t]*)"
_RUN_RE = re.compile(rf"(?<![0-9])[0-9](?:{_SEP}?[0-9]){{6,}}(?:{_SEP}?[Xx](?![A-Za-z0-9]))?")
_GROUP_RE = re.compile(r"[0-9]+|[Xx]")


@dataclass(frozen=True)
class NumberRun:
    """A run of digits with separators; ``groups`` are the (start, end) of each digit group."""

    start: int
    end: int
    groups: tuple[tuple[int, int], ...]

    def candidates(self, folded: str, max_len: int = 22) -> Iterator[tuple[int, int, str]]:
        """(start, end, digits) for every contiguous sequence of groups, compact digits only."""
        n = len(self.groups)
        for i in range(n):
            digits = ""
            for j in range(i, n):
                s, e = self.groups[j]
                digits += folded[s:e]
                if len(digits) > max_len:
                    break
                if e < len(folded) and folded[e].isascii() and folded[e].isalnum():
                    continue  # glued to a following letter/digit (…002 + X): not a whole value
                yield self.groups[i][0], e, digits


_ASCII_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z \t\r\n)\-.@_%+]{3,}")


def ascii_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every run of ASCII letters/digits with separators, at least 4 characters."""
    return [m.span() for m in _ASCII_RE.finditer(folded)]


def number_runs(folded: str, spans: list[tuple[int, int]] | None = None) -> list[NumberRun]:
    """Runs of at least 7 digits (with separators), looked for inside the ASCII spans only."""
    runs = []
    for s, e in ascii_spans(folded) if spans is None else spans:
        if e - s >= 7 and sum(c.isdigit() for c in folded[s:e]) >= 7:
            runs += _precise(folded, s, e + 1)
    return runs


def _precise(folded: str, lo: int, hi: int) -> list[NumberRun]:
    runs = []
    for m in _RUN_RE.finditer(folded, lo, min(hi, len(folded))):
        base = m.start()
        groups = tuple((base + g.start(), base + g.end()) for g in _GROUP_RE.finditer(m.group()))
        if _after_code(folded, base):
            groups = groups[1:]  # the first group belongs to the code or the decimal; later ones may not
        if groups:
            runs.append(NumberRun(groups[0][0], m.end(), groups))
    return runs


def _after_code(folded: str, pos: int) -> bool:
    """True after a Latin code such as ``GB/T 18030`` or ``No.``, or after a decimal point."""
    if pos >= 2 and folded[pos - 1] == "." and folded[pos - 2].isdigit():
        return True  # the decimals of a number (coordinates, amounts), not a value of its own
    i = pos - 1
    while i >= 0 and pos - i <= 2 and folded[i] in " /.":
        i -= 1
    if i > 0 and folded[i] in "Xx" and folded[i - 1].isdigit():
        return False  # the X check character of an ID number ending the previous cell, not a code
    return i >= 0 and folded[i].isascii() and folded[i].isalpha()


def header_end(text: str, max_lines: int = 10, max_chars: int = 300) -> int:
    """End offset of the header region: the first ``max_lines`` non-empty lines, at most ``max_chars``."""
    pos = 0
    lines = 0
    # a short document is not all header: at most a third of it (but always its first 80 characters)
    limit = min(len(text), max_chars, max(80, len(text) // 3))
    while pos < limit and lines < max_lines:
        nl = text.find("\n", pos)
        if nl < 0:
            return limit
        if text[pos:nl].strip():
            lines += 1
        pos = nl + 1
    return min(pos, limit)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line containing ``pos``."""
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


_CELL_SPLIT = re.compile(r"\t|[ \u3000]+")
_LONG_DIGITS = re.compile(r"[0-9]{7,}")


def is_header_row(line: str) -> bool:
    """A table header row as extracted: ≥ 3 short cells (tabs or spaces between), no long numbers."""
    if len(line) > 160 or ("\t" not in line and line.count(" ") + line.count("\u3000") < 2):
        return False
    if _LONG_DIGITS.search(line):
        return False
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
    return len(cells) >= 3 and all(len(c) <= 12 for c in cells)


def table_header_before(text: str, pos: int, max_rows: int = 60) -> str:
    """The header row of the table holding ``pos``: the nearest header-like line above it, when every
    line between is a short row (≤ 200 characters). Empty when ``pos`` is not in a table."""
    ls, _ = line_bounds(text, pos)
    end = ls - 1
    for _ in range(max_rows):
        if end <= 0:
            return ""
        s = text.rfind("\n", 0, end) + 1
        line = text[s:end]
        if is_header_row(line):
            return line
        if len(line) > 200 or not line.strip():
            return ""
        end = s - 1
    return ""


def split_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the cells of the row ``text[start:end]`` (tab-separated, else space-separated)."""
    line = text[start:end]
    sep = re.compile(r"\t") if "\t" in line else re.compile(r"[ \u3000]+")
    cells = []
    pos = 0
    for m in sep.finditer(line):
        if m.start() > pos:
            cells.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(line):
        cells.append((start + pos, end))
    return cells


def column_cells(
    text: str, header_pos: int, words: tuple[str, ...], max_rows: int = 500
) -> list[tuple[int, int]]:
    """Cells under the column whose header cell holds one of ``words``, for the header row at
    ``header_pos``. Rows must have as many cells as the header (a PDF row with a cell split by a
    space is skipped rather than guessed)."""
    hs, he = line_bounds(text, header_pos)
    header = split_cells(text, hs, he)
    col = next((i for i, (s, e) in enumerate(header) if any(w in text[s:e] for w in words)), None)
    if col is None:
        return []
    out = []
    pos = he + 1
    for _ in range(max_rows):
        if pos >= len(text):
            break
        ls, le = line_bounds(text, pos)
        if le - ls > 300 or not text[ls:le].strip():
            break
        cells = split_cells(text, ls, le)
        if len(cells) == len(header):
            out.append(cells[col])
        elif len(cells) < 2:
            break
        pos = le + 1
    return out
