"""统计调查对象资料 (统计法 第二十八条 → 条例 第十四条, 法律禁止公开): named respondents with their figures.

A respondent is a named enterprise (or a household in a 住户调查) followed, in the same sentence or
table row, by its own business figures (产值, 营业收入, 利润总额…). High: a statistical context
(统计局, 统计年报, 联网直报, 规模以上…) and at least two such respondents. Medium: one respondent in
a statistical context, or two without one. Aggregates (全县规模以上工业增加值…) name no respondent
and stay quiet; so do amounts the government pays or collects (补贴, 中标, 罚款…).
"""

from __future__ import annotations

import re
from typing import Any

from gkreview.detectors.base import DetectContext, Detector
from gkreview.detectors.content.common import anchor_paragraphs, collect_signals, ground, sentence_bounds
from gkreview.detectors.content.trade_secret import mask_digits
from gkreview.detectors.text import is_header_row, line_bounds, split_cells
from gkreview.finding import Finding

__all__ = ["StatisticsRespondentDetector"]

_NUM_CELL = re.compile(r"^-?[0-9][0-9,.]*%?$")


class StatisticsRespondentDetector(Detector):
    name = "content_statistics"
    category = "trade_secret"
    reason_code = "ART14_LAW_PROHIBITED"
    label = "单个统计调查对象的资料"
    defaults = {"min_high": 2, "max_findings": 20}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("statistics")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        self.respondent = re.compile(str(self.ground.data["respondent"]))
        self.name_cols = self.ground.words("name_columns")
        self.metric_cols = self.ground.words("metric_columns")
        self.public = self.ground.words("public_money")

    def detect(self, ctx: DetectContext) -> list[Finding]:
        if not anchor_paragraphs(ctx, self.ground):
            return []
        sig = collect_signals(ctx, self.ground)
        metrics = [s for s in sig if s.name == "metric_value"]
        t = ctx.folded
        survey = any(s.name == "survey" for s in sig) or "统计" in t[: ctx.header_end]
        rows: dict[str, tuple[int, int]] = {}  # respondent name -> span (name .. last figure)
        done: set[tuple[int, int]] = set()
        for m in metrics:
            ss, se = sentence_bounds(t, m.start, *m.para)
            if (ss, se) in done:
                continue
            done.add((ss, se))
            sent = t[ss:se]
            if any(w in sent for w in self.public):
                continue
            if "\t" in sent or is_header_row(t[slice(*line_bounds(t, ss))]):
                continue  # table rows are read column-wise below
            names = list(self.respondent.finditer(t, ss, se))
            if not names:
                continue
            for i, nm in enumerate(names):
                nxt = names[i + 1].start() if i + 1 < len(names) else se
                own = [x for x in metrics if nm.end() <= x.start < nxt]
                if own:
                    key = nm.group().lstrip("（(")
                    rows.setdefault(key, (nm.start(), own[-1].end))
        for name, span in self._table_rows(ctx, set(anchor_paragraphs(ctx, self.ground))):
            rows.setdefault(name, span)
        if not rows:
            return []
        n = len(rows)
        if survey and n >= int(self.options["min_high"]):
            sev = "high"
        elif survey or n >= 2:
            sev = "medium"
        else:
            return []
        household = any(w in t for w in ("住户调查", "记账户"))
        out = []
        for s, e in list(rows.values())[: int(self.options["max_findings"])]:
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=0.85 if sev == "high" else 0.55,
                    masked=mask_digits(ctx.text[s:e]),
                    category="personal_info" if household else "trade_secret",
                    context_words=["统计调查" if survey else "企业数据"],
                    explanation=(
                        f"{n} named respondent(s) with their own figures"
                        + (" in a statistical context" if survey else " (no statistical context found)")
                        + "; 统计法 第二十八条（能够识别单个统计调查对象的资料不得对外提供）→ "
                        "政府信息公开条例 第十四条（法律禁止公开）; 第二十条第（四）项 covers aggregates only"
                    ),
                    extra={
                        "ground": "statistics",
                        "statute": "统计法 第二十八条",
                        "signals": ["survey"] * survey + ["respondent_figures"],
                        "respondents": n,
                    },
                )
            )
        return out

    def _table_rows(
        self, ctx: DetectContext, paras: set[tuple[int, int]]
    ) -> list[tuple[str, tuple[int, int]]]:
        """(name, row span) of table rows under a header with a name column and metric columns."""
        t = ctx.folded
        out: list[tuple[str, tuple[int, int]]] = []
        for ps, pe in sorted(paras):
            line = t[ps:pe]
            if not any(c in line for c in self.metric_cols) or not is_header_row(line):
                continue
            cells = split_cells(t, ps, pe)
            heads = [t[a:b] for a, b in cells]
            name_col = next((i for i, h in enumerate(heads) if any(w in h for w in self.name_cols)), None)
            metric_idx = [i for i, h in enumerate(heads) if any(w in h for w in self.metric_cols)]
            if name_col is None or not metric_idx:
                continue
            pos = pe + 1
            for _ in range(500):
                if pos >= len(t):
                    break
                ls, le = line_bounds(t, pos)
                row = split_cells(t, ls, le)
                if len(row) != len(cells):
                    break
                name = t[slice(*row[name_col])]
                nums = [i for i in metric_idx if _NUM_CELL.match(t[slice(*row[i])])]
                if nums and self.respondent.fullmatch(name):
                    out.append((name, (ls, le)))
                pos = le + 1
        return out
