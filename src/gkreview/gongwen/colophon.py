"""The 版记: 抄送机关, 印发机关和印发日期 (and a 主送 row placed there)."""

from __future__ import annotations

import re

from gkreview.gongwen.lines import DATE, Line, clean, date_of
from gkreview.gongwen.state import ParserState

__all__ = ["ColophonMixin", "continued"]

_CC_RE = re.compile(r"^(?P<label>抄\s*送|抄\s*报|分\s*送)\s*[:：]\s*(?P<rest>.*)$")
_PRINT_RE = re.compile(rf"^(?P<org>[^\s\d].{{1,40}}?)\s*{DATE}\s*印\s*发$")
_MAIN_TO_RE = re.compile(r"^主\s*送\s*[:：]\s*(?P<rest>.+)$")


def continued(text: str, following: list[Line], end: int) -> tuple[str, int]:
    """A 版记 row wrapped over a few short lines ("…市检察院。" / "各民主党派市委。")."""
    for nxt in following:
        f = nxt.folded.strip()
        if _PRINT_RE.match(f) or _CC_RE.match(f) or _MAIN_TO_RE.match(f) or len(f) > 80:
            break
        if text.rstrip().endswith(("。", ".")) and (len(f) > 40 or not f.endswith(("。", "."))):
            break
        text += "，" + f
        end = nxt.end
    return text, end


class ColophonMixin(ParserState):
    def back_matter(self, after: int) -> None:
        tail = self.lines[max(after, len(self.lines) - 40) :]
        for k, ln in enumerate(tail):
            m = _CC_RE.match(ln.folded)
            if m and "cc" not in self.f:
                text, end = continued(m.group("rest"), tail[k + 1 : k + 4], ln.end)
                parts = [clean(p) for p in re.split(r"[，,；;。.]", text)]
                self.f["cc"] = tuple(p for p in parts if p)
                self.span("cc", ln.start, end)
            mm = _MAIN_TO_RE.match(ln.folded)
            if mm and not self.f.get("addressees"):  # 主送 in the 版记 (some 办公厅 letters)
                text, end = continued(mm.group("rest"), tail[k + 1 : k + 4], ln.end)
                parts = [clean(p) for p in re.split(r"[，,；;。.]", text)]
                self.f["addressees"] = tuple(p for p in parts if p)
                self.span("addressees", ln.start, end)
            pm = _PRINT_RE.match(ln.folded)
            if pm and "print_date" not in self.f:
                self.f["print_issuer"] = clean(pm.group("org"))
                self.f["print_date"] = date_of(pm)
                self.span("print", ln.start, ln.end)
