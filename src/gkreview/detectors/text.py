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
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

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
    "table_header_cached",
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
_NOT_DIGIT = re.compile(r"[^0-9Xx]+")
_SEVEN_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){7}")


@dataclass(frozen=True)
class NumberRun:
    """A run of digits with separators; ``groups`` are the (start, end) of each digit group.

    ``digits``: the groups' characters concatenated (what every candidate is a slice of). Candidates
    are contiguous sequences of groups; ``candidates`` lists them all up to a length, ``values`` only
    those of given lengths (and, with ``shape``, only where a pattern matches the digits), which keeps
    a run of thousands of one-digit groups ("1 1 1 …") linear with a small constant.
    """

    start: int
    end: int
    groups: tuple[tuple[int, int], ...]
    digits: str = ""

    def _digits(self, folded: str) -> str:
        return self.digits or "".join(folded[s:e] for s, e in self.groups)

    @cached_property
    def _offsets(self) -> list[int]:
        """offs[i]: offset in ``digits`` where group i starts; offs[n]: the total length."""
        return list(accumulate([e - s for s, e in self.groups], initial=0))

    @cached_property
    def _group_at(self) -> array[int]:
        """For each offset k in ``digits`` (0…len): the group starting there (k = offs[i] → i), else -1."""
        offs = self._offsets
        at = array("l", [-1]) * (offs[-1] + 1)
        for i, k in enumerate(offs):
            at[k] = i
        return at

    @cached_property
    def long_groups(self) -> list[tuple[int, int]]:
        """The groups of 12 or more characters: where glued values (ID + mobile, ID + date…) hide."""
        return [g for g in self.groups if g[1] - g[0] >= 12]

    def reachable(
        self, near: int, rows: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]] = ()
    ) -> list[int]:
        """Indices of the groups a context word can qualify: those starting within ``near`` characters
        of the run's start, and those in ``rows`` (sorted disjoint (start, end) of table rows under a
        header holding a cue word, ``DetectContext.cue_rows``; a callable is called only when some
        group lies beyond ``near``)."""
        limit = self.start + near
        out = []
        for i, (gs, _ge) in enumerate(self.groups):
            if gs >= limit:
                break
            out.append(i)
        if len(out) == len(self.groups):
            return out
        table = rows() if callable(rows) else rows
        if table and in_rows(table, self.start, self.end):
            first = len(out)
            out += [i for i in range(first, len(self.groups)) if in_rows(table, self.groups[i][0])]
        return out

    def candidates(self, folded: str, max_len: int = 22) -> Iterator[tuple[int, int, str]]:
        """(start, end, digits) for every contiguous sequence of groups, compact digits only."""
        digits = self._digits(folded)
        offs = self._offsets
        groups = self.groups
        n = len(groups)
        size = len(folded)
        for i in range(n):
            a = offs[i]
            for j in range(i, n):
                b = offs[j + 1]
                if b - a > max_len:
                    break
                e = groups[j][1]
                if e < size and folded[e].isascii() and folded[e].isalnum():
                    continue  # glued to a following letter/digit (…002 + X): not a whole value
                yield groups[i][0], e, digits[a:b]

    def starts(
        self, folded: str, shape: re.Pattern[str], near: int = 0, only: Iterable[int] | None = None
    ) -> list[int]:
        """Indices of the groups where ``shape`` (a zero-width pattern, a lookahead) matches the
        digits, plus those starting within ``near`` characters of the run's start (the groups a
        context word before the run can still qualify). ``only``: test just these groups."""
        digits = self._digits(folded)
        n = len(self.groups)
        if n == 1:  # one group (most runs): one test
            hit = (only is None or 0 in only) and (
                shape.match(digits) is not None or (near > 0 and only is None)
            )
            return [0] if hit else []
        at = self._group_at
        if only is not None:
            offs = self._offsets
            return sorted({i for i in only if shape.match(digits, offs[i])})
        found = {i for i in (at[m.start()] for m in shape.finditer(digits)) if 0 <= i < n}
        if near:
            limit = self.start + near
            found.update(i for i in range(min(n, near)) if self.groups[i][0] < limit)
        return sorted(found)

    def values(
        self, folded: str, lengths: Iterable[int], starts: Iterable[int] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """The candidates whose digit count is in ``lengths``, in the order of ``candidates``;
        with ``starts`` (ascending group indices) only those beginning at these groups."""
        digits = self._digits(folded)
        groups = self.groups
        if len(groups) == 1:  # one group (most runs): the group itself or nothing
            e = groups[0][1]
            if (
                (starts is None or 0 in starts)
                and len(digits) in set(lengths)
                and not (e < len(folded) and folded[e].isascii() and folded[e].isalnum())
            ):
                yield groups[0][0], e, digits
            return
        offs = self._offsets
        at = self._group_at
        groups = self.groups
        n = len(groups)
        size = len(folded)
        total = offs[-1]
        lens = sorted(set(lengths))
        for i in range(n) if starts is None else starts:
            a = offs[i]
            for length in lens:
                b = a + length
                if b > total:
                    break
                j = at[b] - 1
                if j < 0:
                    continue
                e = groups[j][1]
                if e < size and folded[e].isascii() and folded[e].isalnum():
                    continue
                yield groups[i][0], e, digits[a:b]

    def luhn_values(self, folded: str, lengths: Sequence[int]) -> Iterator[tuple[int, int, str]]:
        """The all-digit candidates of ``lengths`` that pass the Luhn check (prefix sums: O(1) each)."""
        digits = self._digits(folded)
        if not digits.isdigit():
            digits = digits.rstrip("Xx")
            if not digits.isdigit():
                return
        total = len(digits)
        lens = [n for n in sorted(set(lengths)) if n <= total]
        if not lens or digits.count(digits[0]) == total:
            return  # one digit repeated passes no check of a real number (Detector.invalidate)
        offs = self._offsets
        at = self._group_at
        groups = self.groups
        n = len(groups)
        size = len(folded)
        hits: list[tuple[int, int]] = []
        if total <= 64:  # a short run (most): test its few candidates directly
            lo, hi = lens[0], lens[-1]
            wanted = set(lens)
            for i in range(n):
                a = offs[i]
                for j in range(i + 1, n + 1):
                    b = offs[j]
                    if b - a > hi or b > total:  # (total: the digits without a trailing X)
                        break
                    if b - a >= lo and b - a in wanted and _luhn(digits[a:b]):
                        hits.append((a, b))
        else:  # a long run: prefix sums make each test O(1)
            even, odd = _luhn_sums(digits)
            for length in lens:
                last = bisect_right(offs, total - length, 0, n)  # the starts that leave room for ``length``
                hits += [
                    (a, a + length)
                    for a in offs[:last]
                    if at[a + length] > 0
                    and ((odd[a + length] - odd[a]) if (a + length) & 1 else (even[a + length] - even[a]))
                    % 10
                    == 0
                ]
        hits.sort()
        for a, b in hits:
            e = groups[at[b] - 1][1]
            if e < size and folded[e].isascii() and folded[e].isalnum():
                continue
            yield groups[at[a]][0], e, digits[a:b]


def in_rows(rows: Sequence[tuple[int, int]], start: int, end: int | None = None) -> bool:
    """True when [start, end] (a position when ``end`` is None) meets one of the sorted disjoint
    (start, end) ``rows`` (ends inclusive, as line bounds)."""
    end = start if end is None else end
    i = bisect_right(rows, (start, len(rows) and rows[-1][1] + 1)) - 1  # last row starting at or before
    if i >= 0 and rows[i][1] >= start:
        return True
    return i + 1 < len(rows) and rows[i + 1][0] <= end


_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn(digits: str) -> bool:
    """The Luhn check of an all-digit string (the same as python-stdnum's, without its cleaning)."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        total += _DOUBLE[d] if i & 1 else d
    return total % 10 == 0


def _luhn_sums(digits: str) -> tuple[list[int], list[int]]:
    """Prefix sums of Luhn contributions for both parities: the Luhn sum of ``digits[a:b]`` is
    ``sums[b % 2][b] - sums[b % 2][a]`` (digit k is doubled when k and b have the same parity)."""
    vals = [ord(c) - 48 for c in digits]
    even = list(accumulate((_DOUBLE[v] if k % 2 == 0 else v for k, v in enumerate(vals)), initial=0))
    odd = list(accumulate((_DOUBLE[v] if k % 2 == 1 else v for k, v in enumerate(vals)), initial=0))
    return even, odd


_ASCII_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z \t\r\n)\-.@_%+]{3,}")


def ascii_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every run of ASCII letters/digits with separators, at least 4 characters."""
    return [m.span() for m in _ASCII_RE.finditer(folded)]


def number_runs(folded: str, spans: list[tuple[int, int]] | None = None) -> list[NumberRun]:
    """Runs of at least 7 digits (with separators), looked for inside the ASCII spans only."""
    runs = []
    for s, e in ascii_spans(folded) if spans is None else spans:
        if e - s >= 7 and _SEVEN_DIGITS.match(folded, s, e):
            runs += _precise(folded, s, e + 1)
    return runs


def _precise(folded: str, lo: int, hi: int) -> list[NumberRun]:
    runs = []
    for m in _RUN_RE.finditer(folded, lo, min(hi, len(folded))):
        base = m.start()
        run = m.group()
        if run.isdigit() and not _after_code(folded, base):  # one group, no separators (most runs)
            runs.append(NumberRun(base, m.end(), ((base, m.end()),), run))
            continue
        spans = [g.span() for g in _GROUP_RE.finditer(m.group())]
        groups = tuple([(base + a, base + b) for a, b in spans])
        if _after_code(folded, base):
            groups = groups[1:]  # the first group belongs to the code or the decimal; later ones may not
        if groups:
            digits = _NOT_DIGIT.sub("", folded[groups[0][0] : m.end()])
            runs.append(NumberRun(groups[0][0], m.end(), groups, digits))
    return runs


def _after_code(folded: str, pos: int) -> bool:
    """True after a Latin code such as ``GB/T 18030``, or after a decimal point; not after a Latin
    label of the value (``Tel``, ``Fax``, ``Mobile``, ``ID No.``: data/context.yaml ``latin_labels``)."""
    if pos >= 2 and folded[pos - 1] == "." and folded[pos - 2].isdigit():
        return True  # the decimals of a number (coordinates, amounts), not a value of its own
    i = pos - 1
    while i >= 0 and pos - i <= 2 and folded[i] in " /.":
        i -= 1
    if i > 0 and folded[i] in "Xx" and folded[i - 1].isdigit():
        return False  # the X check character of an ID number ending the previous cell, not a code
    if not (i >= 0 and folded[i].isascii() and folded[i].isalpha()):
        return False
    j = i
    while j > 0 and i - j < 16 and folded[j - 1].isascii() and folded[j - 1].isalpha():
        j -= 1
    return folded[j : i + 1].lower() not in _latin_labels()  # Tel 138…, ID No. 1101…: a value, not a code


@lru_cache(maxsize=1)
def _latin_labels() -> frozenset[str]:
    from gkreview.detectors.data import context_words

    return frozenset(str(w).lower() for w in context_words().get("latin_labels") or ())


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


def table_header_cached(
    text: str, ls: int, cache: dict[int, tuple[int, int, int] | None], max_rows: int = 60
) -> str:
    """``table_header_before`` for the line starting at ``ls``, with a per-document ``cache`` of
    every line's walk up to its header: each line is looked at once, so a document of n lines
    costs O(n) however many values ask."""
    chain: list[int] = []
    cur = ls
    result: tuple[int, int, int] | None
    while True:
        if cur in cache:
            result = cache[cur]
            break
        end = cur - 1
        if end <= 0:
            result = cache[cur] = None
            break
        s = text.rfind("\n", 0, end) + 1
        line = text[s:end]
        if is_header_row(line):
            result = cache[cur] = (1, s, end)
            break
        if len(line) > 200 or not line.strip():
            result = cache[cur] = None
            break
        chain.append(cur)
        cur = s
    for c in reversed(chain):  # each line's header is its upper neighbour's, one row further
        result = None if result is None else (result[0] + 1, result[1], result[2])
        cache[c] = result
    hit = cache[ls]
    return text[hit[1] : hit[2]] if hit is not None and hit[0] <= max_rows else ""


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
