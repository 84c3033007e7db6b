"""gongwen.lines.split_lines: the non-blank lines of a text, page-number lines left out, in one
linear pass (a run of blanks or of page-number lines costs no Python work; see bench/detect.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkreview.gongwen.lines import FOLD, split_lines

# The rule written the plain way, line by line (as split_lines was before it became one regex).
_BREAKS = re.compile("[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]")
_BLANK = " \t\u3000\xa0\ufeff\u200b\u2002\u2003\u2009"
_PAGE_NO = re.compile(r"^[-—－–\s]*\d{1,4}[-—－–\s]*$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$")


def _reference(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for piece in _BREAKS.split(text):
        raw = piece.strip(_BLANK)
        if raw and not (len(raw) <= 24 and _PAGE_NO.match(raw.translate(FOLD))):
            start = pos + len(piece) - len(piece.lstrip(_BLANK))
            out.append((start, start + len(raw), raw))
        pos += len(piece) + 1
    return out


def _got(text: str) -> list[tuple[int, int, str]]:
    lines = split_lines(text)
    assert [ln.index for ln in lines] == list(range(len(lines)))
    return [(ln.start, ln.end, ln.raw) for ln in lines]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("— 1 —\n正文第一行\n— 2 —", ["正文第一行"]),
        ("第 3 页 共 10 页\r\n关于印发通知的通知", ["关于印发通知的通知"]),
        ("－ ２ －\u3000\n正文", ["正文"]),  # full-width digits and spaces
        ("—\n12", ["—"]),  # a dash line above a number is not one page number
        ("2019\n年度报告", ["年度报告"]),  # a bare 4-digit line counts as a page number (as before)
        ("12345\n第3条", ["12345", "第3条"]),  # five digits, and 第…条, are content
        ("—" * 12 + " 1 " + "—" * 12, ["—" * 12 + " 1 " + "—" * 12]),  # over 24 characters: content
        ("\u200b1\u200b\n\ufeff第1页", []),
        (" " * 50_000 + "\n正文 " + "\u3000" * 50_000, ["正文"]),  # long blank runs
        ("", []),
    ],
)
def test_split_lines_table(text: str, kept: list[str]) -> None:
    assert [raw for _, _, raw in _got(text)] == kept
    assert _got(text) == _reference(text)


_ALPHABET = list("12５—－-–第页共 \t\u3000\xa0\ufeff\u200b\u2002\n\r\f\x1c\x1f\u2028\x85a甲。")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_split_lines_matches_the_line_by_line_rule(text: str) -> None:
    assert _got(text) == _reference(text)
