"""Sensitive personal information in the rows and columns of a 名单 table (低保/救助 公示).

The sensitive_pi detector needs a recognised person within 40 characters; in a table the person is
the row. Here a value (a disease, 精神分裂症, a disability grade, 刑满释放…) counts when it stands in a
cell of a table row, or any value stands under a column such as 病种/残疾等级. High when the table
holds persons (a 姓名/户主 column, or a name-like cell in the row); medium otherwise (a grading table
in a standard names nobody). 精神障碍/艾滋病/传染病 carry ART14_LAW_PROHIBITED with their statute.
"""

from __future__ import annotations

import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.content.common import anchor_spans, ground
from gkreview.detectors.data import load_yaml, surnames
from gkreview.detectors.lexicon import Lexicon, LexiconEntry, parse_entries
from gkreview.detectors.text import line_bounds
from gkreview.finding import Finding

__all__ = ["PiTableDetector"]

_CJK_NAME = re.compile(r"^[\u4e00-\u9fa5]{2,4}$")
_NUMERIC = re.compile(r"^[0-9.,%\-/ ]*$")
_SEP = re.compile(r"\t+|[ \u3000]{2,}|\|")


def _cells(t: str, ls: int, le: int) -> list[tuple[int, int]]:
    line = t[ls:le]
    out, pos = [], 0
    for m in _SEP.finditer(line):
        if line[pos : m.start()].strip():
            out.append((ls + pos, ls + m.start()))
        pos = m.end()
    if line[pos:].strip():
        out.append((ls + pos, le))
    return [
        (s + (len(t[s:e]) - len(t[s:e].lstrip())), e - (len(t[s:e]) - len(t[s:e].rstrip()))) for s, e in out
    ]


class PiTableDetector(Detector):
    name = "content_pi_table"
    category = "sensitive_personal_info"
    reason_code = "ART15_PRIVACY"
    label = "名单表格中的敏感个人信息"
    stage = 4  # after sensitive_pi (stage 3): its spans are not reported twice
    defaults = {"max_rows": 300}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("pi_table")
        data = load_yaml("lexicon/sensitive_pi.yaml")
        entries = parse_entries(data, "lexicon/sensitive_pi.yaml", {"category": "sensitive_personal_info"})
        grade = self.ground.patterns["disability_grade"].rx
        self.lexicon = Lexicon(entries)
        self.grade = grade
        self.person_cols = self.ground.words("person_columns")
        self.sensitive_cols = self.ground.words("sensitive_columns")
        self.mixed_cols = self.ground.words("mixed_columns")
        # found in the shared anchor pass: the ground's anchors and the header_lines column words
        self.anchors = (*self.ground.anchor_terms, *self.sensitive_cols)
        self.single, self.compound = surnames()

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        anchors = anchor_spans(ctx, self.ground)
        if not anchors:
            return []
        # only the lines that look like table rows (cells split by tabs, wide spaces or |) are read
        lines: dict[int, int] = {}
        for s, _e in anchors:
            ls, le = line_bounds(t, s)
            if ls not in lines and le - ls <= 300 and _SEP.search(t, ls, le):
                lines[ls] = le
        hits: list[tuple[int, int, LexiconEntry | None]] = []
        for ls, le in lines.items():
            hits += [(ls + s, ls + e, en) for en, s, e in self.lexicon.find(t[ls:le])]
            if "残疾" in t[ls:le]:
                hits += [(m.start(), m.end(), None) for m in self.grade.finditer(t, ls, le)]
        has_col = any(any(w in t[s:e] for w in self.sensitive_cols) for s, e in anchors)
        col_hits = self._column_cells(ctx) if lines and has_col else []
        if not hits and not col_hits:
            return []
        done = [(f.start, f.end) for f in ctx.findings if f.detector in ("sensitive_pi", self.name)]
        out: list[Finding] = []
        rows: dict[int, tuple[list[tuple[int, int]], bool] | None] = {}
        for s, e, entry in sorted(hits, key=lambda h: (h[0], -h[1])) + col_hits:
            if any(a < e and s < b for a, b in done):
                continue
            ls, le = line_bounds(t, s)
            info = rows.get(ls)
            if ls not in rows:
                info = rows[ls] = self._row(ctx, ls, le)
            if info is None:
                continue
            cells, person = info
            if not any(a <= s and e <= b and b - a <= 24 for a, b in cells):
                continue
            done.append((s, e))
            code = entry.reason_code if entry is not None else "ART15_PRIVACY"
            statute = entry.statute if entry is not None and entry.statute else "个人信息保护法 第二十八条"
            group = entry.group if entry is not None else "残疾/健康"
            sev = "high" if person else "medium"
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=0.85 if person else 0.55,
                    masked=mask_range(ctx.text[s:e], 1),
                    label=f"名单表格中的敏感个人信息（{group}）",
                    reason_code=code,
                    context_words=(group,),
                    explanation=(
                        f"{group} in a table row"
                        + (
                            " about a person (姓名/户主 column or a name in the row)"
                            if person
                            else " (no person column)"
                        )
                        + f"; {statute}"
                        + ("" if code == "ART14_LAW_PROHIBITED" else " → 政府信息公开条例 第十五条")
                        + "; 社会救助暂行办法 第六十一条 allows only the prescribed 公示 fields"
                    ),
                    extra={"ground": "pi_table", "statute": statute, "signals": [group, "table_row"]},
                )
            )
        return out

    def _row(self, ctx: DetectContext, ls: int, le: int) -> tuple[list[tuple[int, int]], bool] | None:
        """(cells, the row is about a person) when the line is a table row, else None."""
        t = ctx.folded
        if le - ls > 300:
            return None
        cells = _cells(t, ls, le)
        if len(cells) < 3:
            return None
        header = ctx.table_header(ls)
        person = bool(header) and any(w in header for w in self.person_cols)
        if not person:
            person = any(self._name_like(t[a:b]) for a, b in cells)
        if not person:
            person = any(f.detector == "person_name" and ls <= f.start < le for f in ctx.findings)
        return cells, person

    def _name_like(self, cell: str) -> bool:
        if not _CJK_NAME.match(cell):
            return False
        return cell[:2] in self.compound or (cell[0] in self.single and len(cell) <= 3)

    def _column_cells(self, ctx: DetectContext) -> list[tuple[int, int, LexiconEntry | None]]:
        """Every non-numeric cell under a 病种/残疾等级… column of a table with a person column."""
        t = ctx.folded
        out: list[tuple[int, int, LexiconEntry | None]] = []
        for hs in ctx.header_lines(self.sensitive_cols):
            _, he = line_bounds(t, hs)
            header = _cells(t, hs, he)
            names = [t[a:b] for a, b in header]
            col = next((i for i, h in enumerate(names) if any(w in h for w in self.sensitive_cols)), None)
            if col is None or not any(w in h for h in names for w in self.person_cols):
                continue
            pos = he + 1
            for _ in range(int(self.options["max_rows"])):
                if pos >= len(t):
                    break
                ls, le = line_bounds(t, pos)
                row = _cells(t, ls, le)
                if len(row) != len(header):
                    break
                a, b = row[col]
                if not _NUMERIC.match(t[a:b]) and t[a:b] not in ("无", "/", "-", "—"):
                    out.append((a, b, None))
                pos = le + 1
        return out
