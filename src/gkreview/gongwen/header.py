"""The 版头: 份号, 密级和保密期限, 紧急程度, 规范性文件登记号, 发文机关标志, 发文字号 (and 命令 numbers), 签发人."""

from __future__ import annotations

import re
from itertools import islice

from gkreview.gongwen.lines import CJK, STRIP, WORDY_RE, WS_RE, Line, clean, compact, org_names
from gkreview.gongwen.model import Secrecy
from gkreview.gongwen.state import ParserState

__all__ = ["HeaderMixin"]

_SECRECY_RE = re.compile(
    rf"(?<![{CJK}])(?P<level>绝\s*密|机\s*密|秘\s*密)\s*"
    r"(?:(?P<star>[★☆*✩✭⋆✱✲])\s*(?P<period>\d{1,3}\s*(?:年|个月|月)|长\s*期|启\s*用\s*前|[^\s，。；,;★]{1,12})?"
    r"|(?<=\s)(?P<bare>\d{1,3}\s*年|长期))?"
)
_URGENCY_RE = re.compile(rf"(?<![{CJK}])(?P<u>特\s*急|加\s*急|特\s*提|平\s*急)(?![{CJK}])")
_COPY_RE = re.compile(r"^(?:份号\s*[:：]?\s*)?(?P<n>\d{6})(?!\d)")
_SIGNER_RE = re.compile(rf"签\s*发\s*人\s*[:：]\s*(?P<names>[{CJK}·][{CJK}·\s]{{0,40}}?)\s*$")
_DOCNUM_RE = re.compile(
    rf"^(?P<org>[{CJK}A-Za-z]{{1,20}}?)\s*"
    r"(?:(?P<lb>[〔［\[（(【｛{<〈])\s*(?P<y1>\d{2,4})\s*(?:年\s*)?(?P<rb>[〕］\]）)】｝}>〉])"
    r"|(?P<y2>(?:19|20)\d{2})\s*年?)\s*(?P<di>第)?\s*(?P<num>\d{1,6})\s*号$"
)
_ORDER_NO_RE = re.compile(r"^第\s*(?P<num>\d{1,6})\s*号$")
_ORDER_LINE_RE = re.compile(rf"^(?P<mark>[{CJK}]{{2,24}}令)\s*第\s*(?P<num>\d{{1,6}})\s*号$")
_REGNO_RE = re.compile(r"^(?P<no>[A-Z]{2,6}\s*[—\-－–]\s*\d{4}\s*[—\-－–]\s*\d{4,8})$")
_HAS_DIGIT_RE = re.compile(r"\d")

_HEADER_LINES = 14  # the 版头 and 标题 are within the first lines
_MARK_LINES = 6  # 份号, 密级, 紧急程度 are the first lines of the 版头


class HeaderMixin(ParserState):
    def header(self) -> list[Line]:
        out: list[Line] = []
        for ln in self.lines[:_HEADER_LINES]:
            if ln.raw.startswith("<!--"):
                break
            if len(ln.raw) > 80 and "。" in ln.raw:
                break  # body text
            out.append(ln)
        return out

    def marks(self, header: list[Line]) -> None:
        for ln in header[:_MARK_LINES]:
            f = ln.folded
            rest = f
            m = _COPY_RE.match(f)
            if m and "copy_number" not in self.f:
                self.f["copy_number"] = m.group("n")
                self.span("copy_number", ln.start + m.start("n"), ln.start + m.end("n"))
                rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
            if "secrecy" not in self.f:
                # a 版头 line holds one mark: a line of hundreds of them is no header (bounded work)
                for sm in islice(_SECRECY_RE.finditer(f), 8):
                    if self._secrecy(ln, sm):
                        rest = rest[: sm.start()] + " " * (sm.end() - sm.start()) + rest[sm.end() :]
                        break
            if "urgency" not in self.f and len(compact(f)) <= 24:
                um = _URGENCY_RE.search(f)
                if um:
                    self.f["urgency"] = compact(um.group("u"))
                    self.span("urgency", ln.start + um.start("u"), ln.start + um.end("u"))
                    rest = rest[: um.start()] + " " * (um.end() - um.start()) + rest[um.end() :]
            if not rest.strip() and rest != f:
                self.used.add(ln.index)

    def _secrecy(self, ln: Line, m: re.Match[str]) -> bool:
        f = ln.folded
        after = f[m.end() :].strip()
        level = compact(m.group("level"))
        period = m.group("period") or m.group("bare")
        if m.group("star") is None and m.group("bare") is None:
            # a bare 密级 word: only when it is the whole line, or the line's other words are marks
            others = _URGENCY_RE.sub("", _COPY_RE.sub("", (f[: m.start()] + " " + after))).strip()
            if others:
                return False
        elif after and not _URGENCY_RE.fullmatch(after.split()[0]) and len(after) > 12:
            return False  # "秘密★" followed by running text is not a 版头 mark
        if period is not None:
            period = compact(period)
            if re.fullmatch(r"\d+月", period):
                period = period.replace("月", "个月")
        end = m.end("period") if m.group("period") else m.end("bare") if m.group("bare") else m.end()
        end = end if end > m.start() else m.end()
        start = ln.start + m.start("level")
        self.f["secrecy"] = Secrecy(
            level=level, period=period or None, start=start, end=ln.start + end, raw=ln.raw[m.start() : end]
        )
        self.span("secrecy", start, ln.start + end)
        return True

    def signer(self, header: list[Line]) -> None:
        for ln in header:
            m = _SIGNER_RE.search(ln.folded)
            if m:
                names = [n for n in WS_RE.split(m.group("names").strip()) if n]
                self.f["signer"] = "、".join(names)
                self.span("signer", ln.start + m.start("names"), ln.start + m.end("names"))
                if not ln.folded[: m.start()].strip():
                    self.used.add(ln.index)
                return

    def doc_number(self, header: list[Line]) -> int | None:
        """Find the 发文字号 line; return its index in ``header``."""
        for i, ln in enumerate(header):
            if ln.index in self.used:
                continue
            f = ln.folded
            sm = _SIGNER_RE.search(f)
            cand = f[: sm.start()] if sm else f
            cand_raw = ln.raw[: len(cand)]
            lead = len(cand) - len(cand.lstrip(STRIP))
            cand_s = cand.strip(STRIP)
            if not cand_s:
                continue
            m = _DOCNUM_RE.match(cand_s)
            if m and not re.search(r"关于|的|是|和|在", m.group("org")):
                self._doc_number(ln, lead, cand_raw.strip(STRIP), m)
                self.used.add(ln.index)
                return i
            # 命令（令）: "中华人民共和国国务院令" / "第707号", or both on one line
            om1 = _ORDER_LINE_RE.match(cand_s)
            if om1:
                self._order(compact(om1.group("mark")), om1.group("num"), ln, ln)
                return i
            if i + 1 < len(header) and cand_s.endswith("令") and len(compact(cand_s)) <= 24:
                nxt = header[i + 1]
                om = _ORDER_NO_RE.match(nxt.folded)
                if om:
                    self._order(compact(cand_s), om.group("num"), ln, nxt)
                    return i + 1
        return None

    def _order(self, mark: str, num: str, mark_ln: Line, num_ln: Line) -> None:
        prefix = self.r.order_marks.get(mark) or mark.removeprefix("中华人民共和国")
        self.f["doc_number"] = f"{prefix}第{num}号"
        self.f["order_mark"] = mark
        self.f["issuer_mark"] = mark
        self.span("doc_number", num_ln.start, num_ln.end)
        if mark_ln is not num_ln:
            self.span("issuer_mark", mark_ln.start, mark_ln.end)
        self.used.update({mark_ln.index, num_ln.index})

    def _doc_number(self, ln: Line, lead: int, raw: str, m: re.Match[str]) -> None:
        problems: list[str] = []
        lb, rb = m.group("lb"), m.group("rb")
        year = m.group("y1") or m.group("y2") or ""
        if m.group("y2"):
            problems.append("missing_brackets")
        elif lb != "〔" or rb != "〕":
            problems.append("wrong_brackets")
        if len(year) != 4:
            problems.append("short_year")
        if m.group("di"):
            problems.append("di_prefix")
        if m.group("num").startswith("0"):
            problems.append("leading_zero")
        self.f["doc_number"] = compact(raw)
        self.f["doc_number_problems"] = tuple(problems)
        start = ln.start + lead
        self.span("doc_number", start, start + len(raw))

    # -- 标题 -------------------------------------------------------------
    def registration(self, header: list[Line]) -> None:
        """规范性文件统一登记号 ("SDPR—2020—0010001") at the top: the document is a 规范性文件."""
        for ln in header[:_MARK_LINES]:
            m = _REGNO_RE.match(ln.folded)
            if m:
                self.f["registration_number"] = compact(m.group("no"))
                self.span("registration_number", ln.start, ln.end)
                self.used.add(ln.index)
                return

    def _issuer_mark(self, header: list[Line], idxs: list[int]) -> None:
        names = [
            header[i]
            for i in idxs
            if 2 <= len(header[i].compact) <= 40
            and WORDY_RE.search(header[i].compact)
            and not _HAS_DIGIT_RE.search(header[i].compact)
        ]
        if not names:
            return
        mark = " ".join(clean(ln.raw) for ln in names)
        self.f["issuer_mark"] = mark
        self.span("issuer_mark", names[0].start, names[-1].end)
        orgs = [o.removesuffix("文件") for ln in names for o in org_names(ln.raw)]
        self.f["mark_orgs"] = [o for o in orgs if len(o) >= 2]
