"""Automatic list numbers of a Word 97–2003 (DOC/WPS) document, from its list tables ([MS-DOC]).

The paragraph properties (PAPX in the FKP pages listed by ``PlcBtePapx``) give each paragraph's
list (``sprmPIlfo``, 1-based index into ``PlfLfo``) and level (``sprmPIlvl``); ``PlfLfo`` maps the
list instance to a list definition (``lsid`` in ``PlfLst``) with start overrides; each level
(``LVL``) has its start, number format (``nfc``), number text (``xst``: characters 0–8 stand for
the numbers of levels 1–9), restart rule and the character after the number. Numbering that a
paragraph only inherits from its style is not read. Counting is shared with the DOCX reader
(``listnum``). Any damage in these tables: no numbers (the text is read as before).
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Sequence

from gkreview.readers.listnum import Level, ListNumbering

__all__ = ["list_labels"]

# MSONFC number formats → the WordprocessingML names listnum formats
_NFC = {
    0x00: "decimal",
    0x01: "upperRoman",
    0x02: "lowerRoman",
    0x03: "upperLetter",
    0x04: "lowerLetter",
    0x05: "decimal",
    0x0A: "ideographDigital",
    0x12: "decimalEnclosedCircle",
    0x13: "decimalFullWidth",
    0x16: "decimalZero",
    0x17: "bullet",
    0x1B: "decimalEnclosedParen",
    0x1C: "decimalEnclosedCircle",
    0x1E: "ideographTraditional",
    0x1F: "ideographZodiac",
    0x21: "chineseCounting",
    0x25: "chineseCounting",
    0x26: "chineseLegalSimplified",
    0x27: "chineseCountingThousand",
    0xFF: "none",
}
_FOLLOW = {0: "tab", 1: "space", 2: "nothing"}
_SPRM_ILVL, _SPRM_ILFO = 0x260A, 0x460B
_MAX_LISTS = 10_000
_MARK = re.compile("[\r\x07]")  # paragraph and cell marks


def _u16(b: bytes, o: int) -> int:
    return int(struct.unpack_from("<H", b, o)[0])


def _i32(b: bytes, o: int) -> int:
    return int(struct.unpack_from("<i", b, o)[0])


def _u32(b: bytes, o: int) -> int:
    return int(struct.unpack_from("<I", b, o)[0])


def _lvl(table: bytes, o: int) -> tuple[Level, int]:
    """One LVL at ``o``: (level, offset after it)."""
    start = _i32(table, o)
    nfc = table[o + 4]
    flags = table[o + 5]
    nums = table[o + 6 : o + 15]
    follow = table[o + 15]
    cb_chpx, cb_papx, restart_lim = table[o + 24], table[o + 25], table[o + 26]
    o += 28 + cb_papx + cb_chpx
    cch = _u16(table, o)
    xst = table[o + 2 : o + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    o += 2 + 2 * cch
    places = {p - 1 for p in nums if p}
    text = "".join(f"%{ord(ch) + 1}" if i in places and ord(ch) < 9 else ch for i, ch in enumerate(xst))
    no_restart = bool(flags & 0x08)
    restart = (restart_lim if restart_lim else 0) if no_restart else None
    return (
        Level(
            start=start,
            fmt=_NFC.get(nfc, "decimal"),
            text=text,
            restart=restart,
            suffix=_FOLLOW.get(follow, "tab"),
        ),
        o,
    )


def _lists(table: bytes, fc_lst: int, lcb_lst: int, fc_lfo: int, lcb_lfo: int) -> ListNumbering | None:
    if not lcb_lst or not lcb_lfo or fc_lst + lcb_lst > len(table) or fc_lfo + lcb_lfo > len(table):
        return None
    lists = ListNumbering()
    count = struct.unpack_from("<h", table, fc_lst)[0]
    if not 0 < count <= _MAX_LISTS:
        return None
    o = fc_lst + 2
    lsids = []
    simple = []
    for _ in range(count):
        lsids.append(str(_i32(table, o)))
        simple.append(bool(table[o + 26] & 0x01))
        o += 28
    for lsid, is_simple in zip(lsids, simple, strict=True):
        levels: dict[int, Level] = {}
        for k in range(1 if is_simple else 9):
            levels[k], o = _lvl(table, o)
        lists.abstract[lsid] = levels
    n_lfo = _i32(table, fc_lfo)
    if not 0 < n_lfo <= _MAX_LISTS:
        return None
    o = fc_lfo + 4
    lfos = []
    for i in range(n_lfo):
        lfos.append((_i32(table, o), table[o + 12]))
        lists.nums[str(i + 1)] = str(lfos[-1][0])
        o += 16
    for i, (_, n_levels) in enumerate(lfos):  # LFOData: cp, then the level overrides
        o += 4
        for _ in range(n_levels):
            start, flags = _i32(table, o), table[o + 4]
            o += 8
            if flags & 0x10:  # fStartAt
                lists.overrides.setdefault(str(i + 1), {})[flags & 0x0F] = start
            if flags & 0x20:  # fFormatting: a whole LVL follows
                _, o = _lvl(table, o)
    return lists


def _sprms(grpprl: bytes) -> tuple[int | None, int | None]:
    """(ilfo, ilvl) set by a paragraph's sprms."""
    ilfo = ilvl = None
    i = 0
    while i + 2 <= len(grpprl):
        sprm = _u16(grpprl, i)
        i += 2
        spra = sprm >> 13
        if spra == 6:
            size = grpprl[i] + 1 if i < len(grpprl) else 1
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        if sprm == _SPRM_ILVL and i < len(grpprl):
            ilvl = grpprl[i]
        elif sprm == _SPRM_ILFO and i + 2 <= len(grpprl):
            ilfo = struct.unpack_from("<h", grpprl, i)[0]
        i += size
    return ilfo, ilvl


def _papx_runs(word: bytes, table: bytes, fc_bte: int, lcb_bte: int) -> list[tuple[int, int, int, int]]:
    """(fc start, fc end, ilfo, ilvl) of the paragraph property runs that set a list."""
    if lcb_bte < 12 or fc_bte + lcb_bte > len(table) or (lcb_bte - 4) % 8:
        return []
    n = (lcb_bte - 4) // 8
    out = []
    for k in range(n):
        pn = _u32(table, fc_bte + 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        for r in range(crun):
            b_off = page[4 * (crun + 1) + 13 * r] * 2
            if not b_off:
                continue
            cb = page[b_off]
            if cb:
                grp = page[b_off + 1 : b_off + 1 + 2 * cb - 1]
            else:
                cb2 = page[b_off + 1]
                grp = page[b_off + 2 : b_off + 2 + 2 * cb2]
            ilfo, ilvl = _sprms(grp[2:])  # after the style index (istd)
            if ilfo:
                out.append((_u32(page, 4 * r), _u32(page, 4 * (r + 1)), ilfo, ilvl or 0))
    out.sort()
    return out


def list_labels(
    word: bytes,
    table: bytes,
    fclcb: int,
    pieces: Sequence[tuple[int, int, int, bool]],
    full: str,
) -> dict[int, str]:
    """{character position where a paragraph starts: its list number} for the document text
    ``full`` (all stories, by character position), whose ``pieces`` are (cp start, cp end, fc start,
    compressed). ``fclcb`` is the offset of the FIB's fc/lcb pairs in ``word``. {} when the tables
    are missing or damaged."""
    try:
        fc_bte, lcb_bte = _u32(word, fclcb + 8 * 13), _u32(word, fclcb + 8 * 13 + 4)
        fc_lst, lcb_lst = _u32(word, fclcb + 8 * 73), _u32(word, fclcb + 8 * 73 + 4)
        fc_lfo, lcb_lfo = _u32(word, fclcb + 8 * 74), _u32(word, fclcb + 8 * 74 + 4)
        lists = _lists(table, fc_lst, lcb_lst, fc_lfo, lcb_lfo)
        if lists is None:
            return {}
        runs = _papx_runs(word, table, fc_bte, lcb_bte)
    except (struct.error, IndexError):
        return {}
    if not runs:
        return {}
    starts = [r[0] for r in runs]
    piece_starts = [p[0] for p in pieces]
    labels: dict[int, str] = {}
    para_start = 0
    for m in _MARK.finditer(full):
        cp = m.start()
        k = bisect.bisect_right(piece_starts, cp) - 1
        if k >= 0:
            cp0, _, fc0, compressed = pieces[k]
            fc = fc0 + (cp - cp0) * (1 if compressed else 2)
            j = bisect.bisect_right(starts, fc) - 1
            if j >= 0 and runs[j][0] <= fc < runs[j][1]:
                label = lists.label(str(runs[j][2]), runs[j][3])
                if label:
                    labels[para_start] = label
        para_start = cp + 1
    return labels
