"""The 标题 (and a 命令's title after its date), the draft marker (征求意见稿…) under or in it."""

from __future__ import annotations

import re

from gkreview.gongwen.body import is_addressee
from gkreview.gongwen.header import HeaderMixin
from gkreview.gongwen.lines import BODY_START_RE, STRIP, WORDY_RE, Line, clean, compact

__all__ = ["TitleMixin", "strip_brackets"]

_HEADING_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零]+[章节条编]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])"
)


def strip_brackets(c: str) -> str:
    for _ in range(3):
        m = re.search(r"[（(][^（）()]{1,20}[）)]$", c)
        if not m:
            break
        c = c[: m.start()]
    return c.rstrip('》〉”"')


class TitleMixin(HeaderMixin):
    def _title_like(self, s: str) -> bool:
        c = compact(s)
        if not c or len(c) > 120 or "。" in c or c.endswith(("：", ":", "；", "，")):
            return False
        if len(c) > 60 and not ("关于" in c or self._has_title_ending(c)):
            return False  # a long line is a title only when it reads like one (DOCX: one paragraph)
        return not (_HEADING_RE.match(c) or c.startswith(("附件", "抄送", "签发人")))

    def _has_title_ending(self, c: str) -> bool:
        c = strip_brackets(c)
        return c.endswith(self.r.endings) or c.endswith(self.r.subtypes)

    def title(self, header: list[Line], num_idx: int | None) -> int | None:
        """Set title/issuer mark; return the index in ``header`` of the last title line."""
        if self.lines and self.lines[0].raw.startswith("#"):
            ln = self.lines[0]
            t = ln.raw.lstrip("#").strip(STRIP)
            if t and not _HEADING_RE.match(t):
                self.f["title"] = clean(t)
                self.span("title", ln.start + (len(ln.raw) - len(ln.raw.lstrip("#").lstrip(STRIP))), ln.end)
            return 0
        if self.f.get("order_mark"):
            return None  # 命令: the title is the enclosed 法规's, found after the date
        free = [i for i, ln in enumerate(header) if ln.index not in self.used]
        if num_idx is not None:
            before = [i for i in free if i < num_idx]
            after = [i for i in free if i > num_idx]
            block = self._title_block(header, before, allow_mark=True)
            if block and self._title_text(header, block, check=True):
                return self._set_title(header, block)
            # GB/T 9704 layout: 发文机关标志 above the 发文字号, title below it
            self._issuer_mark(header, before)
            block = self._title_block(header, after, allow_mark=False)
            if block:
                return self._set_title(header, block)
            return None
        # no 发文字号: title lines before the 主送机关 line (or the body)
        lines = []
        for i in free:
            c = header[i].compact
            if is_addressee(c) or not self._title_like(c):
                break
            lines.append(i)
        if not lines:
            return None
        marks = [i for i in lines if compact(header[i].raw).endswith("文件")]
        if marks:
            self._issuer_mark(header, [i for i in lines if i <= marks[-1]])
            lines = [i for i in lines if i > marks[-1]]
        block = self._title_block(header, lines, allow_mark=False)
        if block and self._title_text(header, block, check=True):
            return self._set_title(header, block)
        return None

    def _title_block(self, header: list[Line], idxs: list[int], *, allow_mark: bool) -> list[int]:
        block: list[int] = []
        for i in idxs:
            c = header[i].compact
            if "\t" in header[i].raw or c in self.r.declared_phrases or not WORDY_RE.search(c):
                continue  # a table row, a stray 附注, a rule or ★ line (党的机关版头) inside the title area  # a table row or a stray 附注 (text boxes, DOCX tables) inside the title area
            if block and c.startswith(header[block[-1]].compact) and len(block) == 1:
                block = []  # a running header repeated as the title's first words ("国务院办公厅" + "国务院办公厅关于…")
            if not self._title_like(c) or (block and is_addressee(c)):
                break
            if is_addressee(c) or (not block and BODY_START_RE.match(c)):
                break
            if not allow_mark and c.endswith("文件") and not block:
                continue
            block.append(i)
            if len(block) >= 4 or self._has_title_ending(compact("".join(header[j].raw for j in block))):
                break
        return block

    def _title_text(self, header: list[Line], block: list[int], *, check: bool) -> str | None:
        t = clean("".join(header[i].raw for i in block))
        if check and not ("关于" in t or self._has_title_ending(t)):
            return None
        return t or None

    def _set_title(self, header: list[Line], block: list[int]) -> int:
        # a draft marker on its own line right under the title belongs to it: "（征求意见稿）"
        nxt = block[-1] + 1
        if nxt < len(header) and self._draft_line(header[nxt]) is not None:
            block = [*block, nxt]
        t = self._title_text(header, block, check=False)
        if t:
            self.f["title"] = t
            self.span("title", header[block[0]].start, header[block[-1]].end)
            self.used.update(header[i].index for i in block)
        return block[-1]

    def _draft_line(self, ln: Line) -> str | None:
        """The draft marker when the whole line is one: "（征求意见稿）", "送审稿"."""
        c = ln.compact.strip("（）()【】[]〔〕")
        return c if c in self.r.draft_markers else None

    def draft_marks(self, header: list[Line]) -> None:
        for ln in header[:10]:
            marker = self._draft_line(ln)
            if marker:
                self.f["draft_marker"] = marker
                self.span("draft_marker", ln.start, ln.end)
                self.used.add(ln.index)

    def order_title(self, date_idx: int) -> None:
        for ln in self.lines[date_idx + 1 : date_idx + 3]:
            c = ln.compact
            if self._title_like(c) and self._has_title_ending(c):
                self.f["title"] = clean(ln.raw)
                self.span("title", ln.start, ln.end)
                return
