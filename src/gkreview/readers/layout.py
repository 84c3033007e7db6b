"""From positioned lines to paragraphs: drop repeated headers, footers and page numbers, join the
lines of a paragraph (no space between Chinese characters), and never leave an 18-digit number or
a 密级 mark split across a line or page break. ``assemble_pages`` is the one step the PDF and OFD
readers share: each page's positioned lines in, each page's text out."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "Assembled",
    "Line",
    "PageLines",
    "assemble_pages",
    "crosses_guard",
    "drop_repeated_furniture",
    "join_lines",
    "mend_page_breaks",
    "merge_same_line",
]

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–－_·•]*$"
)
_WS = re.compile(r"\s+")
_FIRST_NUMBER = re.compile(r"\d+")
# Spans that must stay on one line: long digit runs (ID, bank card, phone) and 密级 marks.
_NUMBER_GUARD = re.compile(r"\d{11,}[Xx]?")
_MARK_GUARD = re.compile(r"(?:绝|机|秘)\s*密\s*(?:[★☆*]\s*(?:\d+\s*(?:年|个月|月|天|日)|长期)?)?")
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_HEADING = re.compile(
    r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、]|第[一二三四五六七八九十百]+[章节条]"
)
_GUARD_CHARS = frozenset("0123456789Xx绝机秘密★☆*年个月天日长期 \t")
_ASCII_WORD_END = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.;:!?)%")
_ASCII_WORD_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(")


class Line(NamedTuple):
    """One visual line; geometry in page units with ``top`` growing downwards (None if unknown)."""

    text: str
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    size: float | None = None  # the em (font size or glyph height)
    rotated: bool = False  # drawn at an angle: a line of its own, never joined with its neighbours


@dataclass
class PageLines:
    lines: list[Line]
    height: float | None = None


def _key(text: str) -> str:
    return _WS.sub("", text)  # exact text: lines that differ by a number ("第1条", "第2条") are content


def merge_same_line(lines: Sequence[Line]) -> list[Line]:
    """Merge consecutive pieces that sit on one visual line (pdfium splits a line at wide gaps,
    e.g. "— 2 " + "—"); the pieces are joined with a space."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.rotated
            and not ln.rotated
            and prev.top is not None
            and ln.top is not None
            and prev.x1 is not None
            and ln.x0 is not None
            and abs(prev.top - ln.top) <= 0.3 * (prev.size or ln.size or 10.0)
            and ln.x0 >= prev.x1 - 1.0
        ):
            sep = "" if prev.text.endswith((" ", "\t")) else " "
            out[-1] = Line(prev.text + sep + ln.text, prev.x0, ln.x1, prev.top, prev.size)
        else:
            out.append(ln)
    return out


def _page_number(text: str) -> tuple[str, int] | None:
    """(shape, number) of a page-number line such as "— 3 —", "第 3 页", "3/10"; else None."""
    if not _PAGE_NUMBER.match(text):
        return None
    m = _FIRST_NUMBER.search(text)
    if m is None:
        return None
    return _FIRST_NUMBER.sub("#", _WS.sub("", text)), int(m.group())


_POS_STEP = 3.0  # page units (points): lines whose tops differ by up to ~2 steps are at the same place
_FORM_LINES = 3  # this many different lines at the same place on most pages: a form, not a header


def _position(pl: PageLines, i: int, edge: int) -> tuple[str, int]:
    """Where line ``i`` sits on its page: its height band (geometry), else its line index counted
    from the nearer edge of the page."""
    ln = pl.lines[i]
    if ln.top is not None:
        return ("y", round(ln.top / _POS_STEP))
    n = len(pl.lines)
    return ("head", i) if i < edge else ("foot", n - 1 - i)


def _same_place(entries: list[tuple[int, tuple[str, int]]], need: int) -> set[tuple[int, tuple[str, int]]]:
    """The (page, position) entries of one line's text that sit at one place on ``need`` or more
    pages (neighbouring height bands count as one place); empty when there is none."""
    by_pos: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page, pos in entries:
        by_pos[pos].add(page)
    best: set[tuple[str, int]] = set()
    best_pages = 0
    for kind, b in by_pos:
        near = [(kind, b + d) for d in ((-1, 0, 1) if kind == "y" else (0,)) if (kind, b + d) in by_pos]
        pages = set().union(*(by_pos[p] for p in near))
        if len(pages) > best_pages:
            best, best_pages = set(near), len(pages)
    if best_pages < need:
        return set()
    return {(page, pos) for page, pos in entries if pos in best}


def drop_repeated_furniture(pages: Sequence[PageLines], *, edge: int = 2) -> list[str]:
    """Remove page numbers ("— 1 —", "第 2 页", "3/10") and running headers/footers that repeat at
    the top or bottom of the pages. A page number goes only when the same shape of line counts up
    with the pages (number − page index constant) on at least half of the pages, so a bare "5" in
    a table at the foot of a page stays. Any other line goes only where it repeats at the same place
    (height on the page; without geometry, line index from the page's edge) on at least half of the
    pages, and it is kept where it first appears, so nothing unique is lost. Pages that share many
    lines at the same places are a multi-page form (every page's labels): then only page numbers go.
    Returns warnings."""
    if len(pages) < 2:
        return []
    need = max(2, (len(pages) + 1) // 2)
    cands: list[list[int]] = []
    for pl in pages:
        n = len(pl.lines)
        idx = set(range(min(edge, n))) | set(range(max(n - edge, 0), n))
        if n and all(ln.top is not None for ln in pl.lines):  # also the highest and lowest lines
            by_y = sorted(range(n), key=lambda i: pl.lines[i].top or 0.0)
            idx |= set(by_y[:edge]) | set(by_y[-edge:])
        cands.append([i for i in sorted(idx) if pl.lines[i].text.strip()])
    sequences: dict[tuple[str, int], set[int]] = defaultdict(set)
    seen_at: dict[str, list[tuple[int, tuple[str, int]]]] = defaultdict(list)
    everywhere: dict[str, list[tuple[int, tuple[str, int]]]] = defaultdict(list)  # all placed lines
    for k, pl in enumerate(pages):
        cand = set(cands[k])
        for i, ln in enumerate(pl.lines):
            t = ln.text
            if i in cand:
                num = _page_number(t)
                if num is not None:
                    sequences[(num[0], num[1] - k)].add(k)
                elif len(t) <= 60:
                    seen_at[_key(t)].append((k, _position(pl, i, edge)))
            elif ln.top is not None and t.strip() and len(t) <= 60 and _page_number(t) is None:
                everywhere[_key(t)].append((k, _position(pl, i, edge)))
    numbering = {key for key, on in sequences.items() if len(on) >= need}
    repeated: dict[str, set[tuple[int, tuple[str, int]]]] = {}
    for key, entries in seen_at.items():
        places = _same_place(entries, need)
        if places:
            repeated[key] = places
    form_lines = len(repeated) + sum(
        1 for key, entries in everywhere.items() if _same_place(entries + seen_at.get(key, []), need)
    )
    warnings = []
    if form_lines >= _FORM_LINES:
        repeated = {}
        warnings.append(
            f"kept {form_lines} lines repeated at the same place on most pages (a multi-page form, not headers)"
        )
    kept_once: set[str] = set()
    removed_numbers = removed_headers = 0
    for k, pl in enumerate(pages):
        drop: set[int] = set()
        numbered = False
        for i in reversed(cands[k]):  # page numbers sit at the foot more often than at the head
            num = _page_number(pl.lines[i].text)
            if num is not None and not numbered and (num[0], num[1] - k) in numbering:
                drop.add(i)
                numbered = True
                removed_numbers += 1
        for i in cands[k]:
            if i in drop or _page_number(pl.lines[i].text) is not None:
                continue
            key = _key(pl.lines[i].text)
            if key in repeated and (k, _position(pl, i, edge)) in repeated[key]:
                if key in kept_once:
                    drop.add(i)
                    removed_headers += 1
                else:
                    kept_once.add(key)
        if drop:
            pl.lines = [ln for i, ln in enumerate(pl.lines) if i not in drop]
    if removed_numbers:
        warnings.append(f"removed {removed_numbers} page-number lines")
    if removed_headers:
        warnings.append(f"removed {removed_headers} repeated header/footer lines (first occurrence kept)")
    return warnings


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"


def _sep(a: str, b: str, *, spaced: str = "", flush: bool = True) -> str:
    """What goes between two joined lines. ``spaced``: the whitespace the source had at the break
    (trailing ``a`` or leading ``b``: a word or table-cell boundary), kept except between two
    Chinese characters. Without it, the break is a wrap: Chinese text and
    codes wrapped by character ("C" + "T3299588", "鲁P" + "D12345") join without a space; Latin
    words get a space only when ``a`` stops short of the right edge (``flush`` False: a word wrap)."""
    if not a or not b:
        return ""
    x, y = a[-1], b[0]
    if spaced:
        return "" if _is_cjk(x) and _is_cjk(y) else spaced
    if not flush and x in _ASCII_WORD_END and y in _ASCII_WORD_START and not (x.isdigit() and y.isdigit()):
        return " "
    return ""


def crosses_guard(a: str, b: str, *, numbers: bool = True) -> int:
    """If a guarded span (a 密级 mark; with ``numbers`` also a run of 11+ digits: ID, card, phone)
    runs across the end of ``a`` into ``b``, the number of characters of ``b`` it takes; else 0."""
    if not a or not b or a[-1] not in _GUARD_CHARS or b[0] not in _GUARD_CHARS:
        return 0  # a guarded span has characters of its own on both sides of the break
    tail, head = a[-24:], b[:24]
    both = tail + head
    cut = len(tail)
    for rx in (_MARK_GUARD, _NUMBER_GUARD) if numbers else (_MARK_GUARD,):
        for m in rx.finditer(both):
            if m.start() < cut < m.end():
                return m.end() - cut
    return 0


def join_lines(lines: Sequence[Line]) -> tuple[str, bool]:
    """Join lines into paragraphs (one per output line). Returns (text, continues) where
    ``continues`` says the last paragraph runs on past the bottom of the page; the text ends with
    a space when the last line ended with the source's whitespace after a non-Chinese character.

    With geometry, a line continues into the next when it reaches the right edge of the page's
    text and the next line is not indented (by more than 1 em: an opening bracket's glyph box
    starts half an em in)."""
    texts = [ln.text.strip() for ln in lines]
    lines = [ln for ln, t in zip(lines, texts, strict=True) if t]
    texts = [t for t in texts if t]
    if not lines:
        return "", False
    n = len(lines)
    # whitespace the source put at the end / start of a line (a cell or word boundary at the break)
    trail = [ln.text[len(ln.text.rstrip()) :] for ln in lines]
    lead = [ln.text[: len(ln.text) - len(ln.text.lstrip())] for ln in lines]
    flat = [ln for ln in lines if not ln.rotated]
    geo = bool(flat) and all(ln.x0 is not None and ln.x1 is not None for ln in flat)
    full = [False] * n
    strict = [True] * n
    indented = [False] * n
    if geo:
        sizes = [ln.size for ln in flat if ln.size]
        em = statistics.median(sizes) if sizes else 10.0  # one em for the page: glyph boxes of
        left = min(ln.x0 or 0.0 for ln in flat)  # punctuation are small, so per-line sizes mislead
        right = max(ln.x1 or 0.0 for ln in flat)
        # a rotated line stands alone: short of the right edge and indented
        x0s = [left + 2 * em if ln.rotated else ln.x0 or 0.0 for ln in lines]
        x1s = [left if ln.rotated else ln.x1 or 0.0 for ln in lines]
        # full: within 1 em of the right edge; or within 2 em (a line stops short where a bracket
        # may not end it, 禁则) unless it ends a sentence or the next line opens a heading
        strict = [right - x1 <= 1.0 * em for x1 in x1s]
        loose = [right - x1 <= 2.0 * em for x1 in x1s]
        ends = [t.endswith(_SENTENCE_END) for t in texts]
        heads = [bool(_HEADING.match(t)) for t in texts] + [False]
        full = [
            (strict[k] or (loose[k] and not ends[k] and not heads[k + 1])) and not (ends[k] and heads[k + 1])
            for k in range(n)
        ]
        indented = [x0 - left > 1.0 * em for x0 in x0s]
    paras: list[str] = [texts[0]]
    for k in range(1, n):
        text = texts[k]
        spaced = (trail[k - 1] + lead[k]).replace("\n", " ").replace("\r", " ")
        joined = geo and full[k - 1] and not indented[k]
        if not joined:  # a break by layout: still never split a 密级 mark or a long number (one
            # the source ended with a space is a cell boundary, not a split number)
            joined = crosses_guard(paras[-1], text, numbers=not spaced and (not geo or full[k - 1])) > 0
        if joined:
            paras[-1] += _sep(paras[-1], text, spaced=spaced, flush=strict[k - 1]) + text
        else:
            paras.append(text)
    # a page that ends with the source's whitespace (a table cell's padding) keeps one space, so
    # mend_page_breaks does not glue the number in the next page's first cell onto this one
    tail = " " if trail[-1] and not _is_cjk(paras[-1][-1]) else ""
    return "\n".join(paras) + tail, geo and full[-1]


def mend_page_breaks(texts: list[str], continues: Sequence[bool]) -> int:
    """Where a guarded span runs across a page break, move its remainder from the start of the
    next page to the end of the previous one (in place). Returns the number of spans mended."""
    mended = 0
    for k in range(1, len(texts)):
        a, b = texts[k - 1], texts[k]
        if not a or not b:
            continue
        n = crosses_guard(a, b, numbers=continues[k - 1])
        if n:
            texts[k - 1] = a + b[:n]
            texts[k] = b[n:].lstrip("\n")
            mended += 1
    return mended


@dataclass
class Assembled:
    """Each page's text (one entry per page, in order) and what was changed on the way."""

    texts: list[str]
    warnings: list[str]


def assemble_pages(pages: Sequence[PageLines], extras: Sequence[Sequence[str]] | None = None) -> Assembled:
    """From each page's positioned lines (in reading order) to each page's text: page numbers and
    running headers/footers dropped (``drop_repeated_furniture``, which edits ``pages`` in place),
    each page's lines joined into paragraphs (``join_lines``), numbers and 密级 marks that run
    across a page break kept on one page (``mend_page_breaks``), then each page's ``extras`` (lines
    that are no part of its flow: annotations, comments, turned text) after its text, one a line."""
    warnings = drop_repeated_furniture(pages)
    joined = [join_lines(pl.lines) for pl in pages]
    texts = [t for t, _ in joined]
    if mend_page_breaks(texts, [cont for _, cont in joined]):
        warnings.append("kept numbers / 密级 marks that ran across a page break on one page")
    if extras is not None:
        texts = [
            "\n".join(x for x in (t.rstrip(" "), *e) if x.strip()) if e else t
            for t, e in zip(texts, extras, strict=True)
        ]
    return Assembled(texts, warnings)
