"""Text helpers shared by the parser's parts: width folding, the non-blank ``Line``s of a text, dates,
organ names, and the patterns more than one part uses."""

from __future__ import annotations

import datetime
import re

__all__ = [
    "BODY_START_RE",
    "CJK",
    "DATE",
    "DATE_LINE_RE",
    "ENTITY_RE",
    "FOLD",
    "ISSUER_SPLIT_RE",
    "STRIP",
    "WORDY_RE",
    "WS_RE",
    "Line",
    "clean",
    "compact",
    "date_of",
    "normalise_date",
    "org_names",
    "split_lines",
]

# 1:1 width folding (offsets are kept): full-width digits/letters, ideographic and no-break spaces.
FOLD = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
FOLD.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
FOLD.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0xFF0A: 0x2A, 0xFE61: 0x2A})
STRIP = " \t\r\f\v\u3000\xa0\ufeff\u200b\u2002\u2003\u2009"
WS_RE = re.compile(r"\s+")
CJK = r"\u3400-\u9fff\uf900-\ufaff"
_PAGE_NO_RE = re.compile(r"^[-—－–\s]*\d{1,4}[-—－–\s]*$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$")

_ZH_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0}
_ZH_DIGIT.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})

_YEAR = r"(?:1[89]|20)\d{2}|[〇○零Ｏ一二三四五六七八九]{4}"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
DATE = rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})\s*日"
# a 成文日期 line: optional organ name merged in front (PDF), optional 签发, optional （附注） behind
DATE_LINE_RE = re.compile(
    rf"^(?P<org>[{CJK}、·（）()\s]{{2,40}}?)?\s*{DATE}\s*(?P<suffix>签发|印发|发布|通过)?\s*(?P<note>[（(][^（）()]{{1,40}}[）)])?$"
)
BODY_START_RE = re.compile(
    r"^(?:为了?[^民]|根据|按照|依据|经(?:研究|国务院|.{0,12}(?:同意|批准|通过))|现将|现就|近年|近期|据|你[们部省市委局厅]|关于.{0,40}收悉|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章条节])"
)
WORDY_RE = re.compile(rf"[{CJK}A-Za-z0-9]")
_CLEAN_RE = re.compile(r"(?<=[^A-Za-z0-9])\s+|\s+(?=[^A-Za-z0-9])")
ENTITY_RE = re.compile(r"&[A-Za-z]{2,8};")
ISSUER_SPLIT_RE = re.compile(r"[、\s]+")


def clean(s: str) -> str:
    """Remove whitespace inside CJK text ("几 个 问 题" -> "几个问题"); keep one space between Latin words."""
    s = s.strip(STRIP)
    return _CLEAN_RE.sub("", s)


def org_names(raw: str) -> list[str]:
    """Organ names on one 署名/标志 line: "国务院　中央军委" -> two; "科 技 部" -> one."""
    parts = [p for p in WS_RE.split(ENTITY_RE.sub(" ", raw.translate(FOLD))) if p]
    if not parts:
        return []
    if all(len(p) == 1 for p in parts) or len(parts) == 1:
        return ["".join(parts)]
    out: list[str] = []
    for p in parts:
        if len(p) == 1 and out:
            out[-1] += p
        else:
            out.append(p)
    return out


def compact(s: str) -> str:
    return WS_RE.sub("", s)


def _zh_number(s: str) -> int | None:
    """一 .. 三十一, 〇-digits; arabic digits pass through."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _ZH_DIGIT.get(head, -1) if head else 1
        ones = _ZH_DIGIT.get(tail, -1) if tail else 0
        return tens * 10 + ones if tens >= 0 and ones >= 0 else None
    if len(s) == 1 and s in _ZH_DIGIT:
        return _ZH_DIGIT[s]
    return None


def normalise_date(year: str, month: str, day: str) -> str | None:
    """("二〇一七", "三", "十七") or ("2019", "1", "16") -> "2017-03-17" / "2019-01-16"; None when invalid."""
    y_s = "".join(str(_ZH_DIGIT[c]) if c in _ZH_DIGIT and not c.isdigit() else c for c in year.strip())
    if not y_s.isdigit():
        return None
    y, m, d = int(y_s), _zh_number(month), _zh_number(day)
    if m is None or d is None or not 1800 <= y <= 2200:
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def date_of(m: re.Match[str]) -> str | None:
    return normalise_date(m.group("y"), m.group("m"), m.group("d"))


class Line:
    """One non-blank line: offsets of its stripped extent in the text; width-folded on demand."""

    __slots__ = ("_folded", "end", "index", "raw", "start")

    def __init__(self, index: int, start: int, end: int, raw: str) -> None:
        self.index = index
        self.start = start  # offset of the first non-blank character in the text
        self.end = end  # offset after the last non-blank character
        self.raw = raw  # text[start:end]
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """``raw`` width-folded (same length, so offsets carry over)."""
        if self._folded is None:
            self._folded = self.raw.translate(FOLD)
        return self._folded

    @property
    def compact(self) -> str:
        return compact(self.folded)


_BREAKS = "\n\r\f\v\x1c-\x1e\x85\u2028\u2029"
_BLANK = " \t\u3000\xa0\ufeff\u200b\u2002\u2003\u2009"
_SP = rf"[^\S{_BREAKS}]"  # whitespace inside a line (\s would run on into the next line)
_DASH = rf"(?:[-—－–]|{_SP})"
# A page-number line ("— 1 —", "第 3 页 共 10 页"; full-width digits and spaces are \d and \s too),
# at most 24 characters between its first and last non-blank character.
_PAGE_NO = (
    rf"(?=[^{_BLANK}{_BREAKS}](?:[^{_BREAKS}]{{0,22}}[^{_BLANK}{_BREAKS}])?[{_BLANK}]*(?:[{_BREAKS}]|\Z))"
    rf"(?:{_DASH}*\d{{1,4}}{_DASH}*|第{_SP}*\d{{1,4}}{_SP}*页(?:{_SP}*共{_SP}*\d{{1,4}}{_SP}*页)?)"
    rf"[{_BLANK}]*(?:[{_BREAKS}]|\Z)"
)
# One match per non-blank line that is not a page number; group 1 is the line without its leading
# and trailing blanks. Tried only at the start of a line (after a break), so a run of blanks or a
# page-number line costs one pass in the regex engine and no Python work at all: linear time.
_LINE_RE = re.compile(
    rf"(?:(?<=[{_BREAKS}])|\A)[{_BLANK}]*(?!{_PAGE_NO})"
    rf"([^{_BLANK}{_BREAKS}](?:[^{_BREAKS}]*[^{_BLANK}{_BREAKS}])?)"
)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` that are not page numbers, in order, with their offsets."""
    return [Line(i, m.start(1), m.end(1), m.group(1)) for i, m in enumerate(_LINE_RE.finditer(text))]
