"""Automatic list numbers as Word shows them ("一、", "（一）", "1.", "（1）", "第一章"): 公文 headings
are often numbered by the word processor, so the number is not in the text runs.

``ListNumbering`` holds the list definitions (DOCX ``word/numbering.xml``: ``w:abstractNum`` levels
with ``w:start``, ``w:numFmt``, ``w:lvlText``, ``w:lvlRestart``, ``w:suff``; ``w:num`` instances with
``w:lvlOverride/w:startOverride``) and counts as paragraphs come in document order: ``label(num_id,
ilvl)`` gives the rendered number of the next paragraph of that list level. Bullets render as
nothing (they carry no words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Level", "ListNumbering", "format_number"]

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """一, 十, 十一, 二十, 一百零五, 一千二百 (counting style: 十一 not 一十一)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(("" if (power == 10 and d == 1 and not parts) else digits[d]) + unit)
    return "".join(parts)


def _letters(n: int) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Number ``n`` in a WordprocessingML ``w:numFmt`` (unknown formats: decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] if d != "0" else "〇" for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else ""
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else ""
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0: never
    suffix: str = "tab"  # w:suff: tab, space, nothing


@dataclass
class ListNumbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → {ilvl: start}
    _counts: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)
    rendered: int = 0

    def label(self, num_id: str, ilvl: int) -> str:
        """The number the next paragraph of list ``num_id`` at level ``ilvl`` shows (counting it),
        with the separator Word puts before the text; "" for bullets and unknown lists."""
        abstract_id = self.nums.get(num_id)
        if abstract_id is None or num_id == "0":
            return ""
        levels = self.abstract.get(abstract_id, {})
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counts = self._counts.setdefault(abstract_id, {})
        if num_id not in self._started:  # a list instance with start overrides begins afresh
            self._started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                counts[lv] = start - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and restart - 1 >= ilvl):
                del counts[deeper]
        if lvl.fmt == "bullet":
            return ""
        text = lvl.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                sub = levels.get(k, Level())
                n = counts.get(k, sub.start)
                # Word's legal numbering (isLgl) is not modelled: higher levels show their own format
                text = text.replace(token, format_number(n, sub.fmt if k != ilvl else lvl.fmt))
        if not text:
            return ""
        self.rendered += 1
        if lvl.suffix == "space":
            return text + " "
        if lvl.suffix == "nothing" or text[-1] in "、．.)）」】〕":
            return text
        return text + " "
