"""The 主体 after the title: 主送机关, 成文日期, 发文机关署名, 附件说明."""

from __future__ import annotations

import re

from gkreview.gongwen.annotation import note_of
from gkreview.gongwen.lines import (
    BODY_START_RE,
    CJK,
    DATE_LINE_RE,
    ENTITY_RE,
    ISSUER_SPLIT_RE,
    STRIP,
    Line,
    clean,
    date_of,
    org_names,
)
from gkreview.gongwen.state import ParserState

__all__ = ["BodyMixin", "is_addressee"]

_ATTACH_RE = re.compile(r"^附\s*(?:件\s*)?[:：]\s*(?P<rest>.*)$")
_ATTACH_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>\S.*)$")


def is_addressee(c: str) -> bool:
    """A 主送机关 line ("各省、自治区、直辖市人民政府："), given compacted."""
    if not c.endswith(("：", ":")) or len(c) > 160 or "。" in c or "如下" in c:
        return False
    return not BODY_START_RE.match(c) or c.startswith(("各", "市", "县", "区", "省"))


class BodyMixin(ParserState):
    def addressees(self, after_idx: int | None) -> None:
        start = 0 if after_idx is None else after_idx + 1
        for ln in self.lines[start : start + 3]:
            if ln.index in self.used:
                continue
            c = ln.compact
            if is_addressee(c):
                body = ln.raw.rstrip("：:").strip(STRIP)
                parts = [p.strip(STRIP) for p in re.split(r"[，,；;]", body)]
                self.f["addressees"] = tuple(clean(p) for p in parts if p)
                self.span("addressees", ln.start, ln.start + len(body))
                self.used.add(ln.index)
                return
            if len(c) > 20:
                return

    def date(self, after: int) -> int | None:
        """Find the 成文日期 line (index into self.lines) at or after line ``after``."""
        cands: list[tuple[int, re.Match[str]]] = []
        for ln in self.lines[after:]:
            if len(ln.raw) > 60 or "年" not in ln.raw or "日" not in ln.raw:
                continue
            m = DATE_LINE_RE.match(ln.folded)
            if m and m.group("suffix") not in ("印发", "发布", "通过") and date_of(m):
                cands.append((ln.index, m))
        if not cands:
            return None

        def followed_by_note(i: int) -> bool:
            m = dict(cands)[i]
            if m.group("note"):
                return True
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
            return bool(nxt and note_of(nxt) is not None)

        def signed(i: int) -> bool:
            m = dict(cands)[i]
            if m.group("org"):
                return True
            prev = self.lines[i - 1] if i > 0 else None
            return bool(prev and self._is_signature(prev.compact))

        chosen = next((i for i, _ in cands if followed_by_note(i)), None)
        if chosen is None:
            chosen = next((i for i, _ in cands if signed(i)), None)
        if chosen is None:
            return None
        m = dict(cands)[chosen]
        ln = self.lines[chosen]
        self.f["date"] = date_of(m)
        self.span("date", ln.start + m.start("y"), ln.start + m.end("d") + 1)
        self.f["date_org"] = clean(m.group("org")) if m.group("org") else None
        return chosen

    def _is_signature(self, c: str) -> bool:
        c = ENTITY_RE.sub("", c)
        if not (2 <= len(c) <= 40) or re.search(r"[。，；：:,;！？]", c) or c.startswith("附件"):
            return False
        return bool(self.r.org_suffix_re.search(c) or re.fullmatch(rf"[{CJK}]{{1,6}}[{CJK}]{{2,4}}", c))

    def signature(self, date_idx: int) -> None:
        names: list[Line] = []
        for j in range(date_idx - 1, max(-1, date_idx - 4), -1):
            ln = self.lines[j]
            if ln.index in self.used or not self._is_signature(ln.compact):
                break
            if names and not self.r.org_suffix_re.search(ln.compact):
                break
            names.insert(0, ln)
        orgs = [o for ln in names for o in org_names(ln.raw)]
        if self.f.get("date_org"):
            orgs.append(self.f["date_org"])
        if names:
            self.span("signature", names[0].start, names[-1].end)
        self.f["sig_orgs"] = [o for part in orgs for o in ISSUER_SPLIT_RE.split(part) if len(o) >= 2]
        if self.f.get("order_mark") and names:
            self.f["order_signer"] = " ".join(orgs)

    def attachments(self, first: int, date_idx: int | None) -> None:
        stop = date_idx if date_idx is not None else len(self.lines)
        hits = [ln for ln in self.lines[first:stop] if ln.raw[:1] == "附" and _ATTACH_RE.match(ln.folded)]
        if not hits:
            return
        ln = hits[-1]
        m = _ATTACH_RE.match(ln.folded)
        assert m is not None
        items: list[str] = []
        rest = m.group("rest").strip()
        if rest:
            im = _ATTACH_ITEM_RE.match(rest)
            items.append(clean(im.group("name") if im else rest))
        end = ln.end
        for nxt in self.lines[ln.index + 1 : min(stop, ln.index + 20)]:
            im = _ATTACH_ITEM_RE.match(nxt.folded)
            if not im or len(nxt.folded) > 120:
                break
            items.append(clean(nxt.raw[im.start("name") :]))
            end = nxt.end
        items = [i for i in items if i]
        if items:
            self.f["attachments"] = tuple(items)
            self.span("attachments", ln.start, end)
