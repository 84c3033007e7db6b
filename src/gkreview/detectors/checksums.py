"""Checksums, through python-stdnum (a well-kept library) rather than our own arithmetic."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from stdnum import luhn as _luhn
from stdnum.cn import ric as _ric
from stdnum.cn import uscc as _uscc

__all__ = [
    "date_ok",
    "latest_birth_year",
    "luhn_ok",
    "resident_id_check_digit",
    "resident_id_ok",
    "resident_id_status",
    "split_glued",
    "uscc_ok",
]


def resident_id_ok(number: str) -> bool:
    """18-character 公民身份号码: ISO 7064 MOD 11-2 check (python-stdnum), a real birth date, and a
    division code that exists or existed (python-stdnum's historical database, or the jionlp table).

    stdnum's own ``is_valid`` also demands that the county existed in the birth year; real documents
    carry numbers issued under renamed codes, so for *finding* numbers any known code is enough.
    """
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[-1] not in "0123456789X":
        return False
    if number[-1] != _ric.calc_check_digit(number) or not date_ok(number[6:14]):
        return False
    return region_known(number[:6])


@lru_cache(maxsize=4096)
def region_known(code6: str) -> bool:
    from stdnum import numdb

    from gkreview.detectors.data import regions

    if code6 in regions():
        return True
    try:
        return any(props for _part, props in numdb.get("cn/loc").info(code6))
    except (KeyError, ValueError):
        return False


def resident_id_status(number: str) -> str:
    """'valid' | 'checksum' (region and date fine, check digit wrong) | 'invalid'."""
    number = number.upper()
    if resident_id_ok(number):
        return "valid"
    if len(number) == 18 and number[:17].isdigit() and date_ok(number[6:14]) and number[:2] in _PROVINCES:
        return "checksum"
    return "invalid"


def resident_id_check_digit(body17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits (stdnum's function expects 18 characters)."""
    return str(_ric.calc_check_digit(body17 + "0"))


def uscc_ok(code: str) -> bool:
    """统一社会信用代码 (GB 32100-2015 check character)."""
    return bool(_uscc.is_valid(code))


def luhn_ok(digits: str) -> bool:
    return bool(digits.isdigit() and _luhn.is_valid(digits))


_YEAR_LIMIT: ContextVar[Callable[[], int] | None] = ContextVar("gkreview_latest_birth_year", default=None)


@contextmanager
def latest_birth_year(limit: Callable[[], int]) -> Iterator[None]:
    """While active, ``date_ok``'s default latest year is ``limit()`` (asked only when a date is
    checked). ``DetectorSet`` sets it per document from the document's date, else the context's
    ``today``: a finding does not change with the calendar (issue 12)."""
    token = _YEAR_LIMIT.set(limit)
    try:
        yield
    finally:
        _YEAR_LIMIT.reset(token)


def date_ok(yyyymmdd: str, lo: int = 1900, hi: int | None = None) -> bool:
    """A real date between the years ``lo`` and ``hi`` (default: ``latest_birth_year``, outside
    detection the current year)."""
    if hi is None:
        limit = _YEAR_LIMIT.get()
        hi = limit() if limit is not None else _dt.date.today().year
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return lo <= d.year <= hi


_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


def province_ok(code2: str) -> bool:
    return code2 in _PROVINCES


def split_glued(digits: str, mobile_prefixes: frozenset[str] | set[str]) -> tuple[int, int] | None:
    """A 身份证号 and a mobile number glued into one run (a table row whose line break fell between
    two cells): (start, end) of the ID inside ``digits``, the mobile being the rest; else None."""
    if len(digits) != 29:
        return None
    head, tail = digits[:18], digits[18:]
    if resident_id_ok(head) and tail[:3] in mobile_prefixes:
        return 0, 18
    head, tail = digits[:11], digits[11:]
    if resident_id_ok(tail) and head[:3] in mobile_prefixes:
        return 11, 29
    return None
