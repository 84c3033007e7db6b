"""GB/T 9704-2012 公文 elements found in extracted text.

``parse(text)`` reads the 版头 (份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人), the 主体
(标题, 主送机关, 附件说明, 发文机关署名, 成文日期, 附注) and the 版记 (抄送机关, 印发机关和印发日期) from
the text any reader produces (PDF text, DOCX paragraphs, plain text, markdown-ish law texts), plus what
follows from them: 文种 and subtype, direction, issuer type, the disclosure attribute the document
declares in its 附注 (（此件公开发布）…) or 公开方式 row, and problems with the 发文字号.

Every element's ``[start, end)`` offsets into ``text`` are in ``Gongwen.spans``. The parser works line by
line with short, anchored patterns (no unbounded backtracking), reads only the first lines for the
版头 marks, and never raises: a string it cannot make sense of gives an empty ``Gongwen``. Word
lists (文种, subtypes, 附注 phrases, organisation kinds) are data: ``data/gongwen/*.yaml``.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gkreview.errors import ConfigurationError

__all__ = ["Gongwen", "Secrecy", "normalise_date", "parse"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Secrecy:
    level: str  # 绝密 | 机密 | 秘密
    period: str | None  # "5年" | "长期" | "启用前" | None
    start: int = -1
    end: int = -1
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "period": self.period, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Gongwen:
    title: str | None = None
    doc_number: str | None = None
    doc_type: str | None = None  # one of the 15 文种 of 党政机关公文处理工作条例, else None
    subtype: str | None = None  # 办法/规定/方案/细则/规划… when the title names one
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD
    secrecy: Secrecy | None = None
    declared_attribute: str | None = None  # active | on_request | withheld
    declared_text: str | None = None  # the 附注 / 公开方式 line as written
    addressees: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    copy_number: str | None = None  # 份号
    urgency: str | None = None  # 特急 | 加急 | 特提 | 平急
    signer: str | None = None  # 签发人
    attachments: tuple[str, ...] = ()
    annotation: str | None = None  # 附注 text
    print_issuer: str | None = None  # 印发机关
    print_date: str | None = None
    direction: str | None = None  # upward | downward | parallel | public
    issuer_type: str | None = None  # government | party | joint | other
    doc_number_problems: tuple[str, ...] = ()  # e.g. "wrong_brackets"
    circulation_scope: str | None = None  # （此件发至县级）
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, hash=False)
    # additions (issue #2)
    issuers: tuple[str, ...] = ()  # every issuing organ found (joint documents have several)
    issuer_mark: str | None = None  # 发文机关标志 as printed ("巴中市人民政府文件")
    relay: str | None = None  # 印发 | 转发 | 批转 … when the document carries another one
    draft_marker: str | None = None  # 征求意见稿 | 送审稿 | 草案 … found in the title
    declared_note: str | None = None  # e.g. "删减后公开" (declared active, with redactions)
    registration_number: str | None = None  # 规范性文件统一登记号, e.g. "SDPR—2020—0010001"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "doc_type": self.doc_type,
            "subtype": self.subtype,
            "issuer": self.issuer,
            "date": self.date,
            "secrecy": self.secrecy.to_dict() if self.secrecy else None,
            "declared_attribute": self.declared_attribute,
            "declared_text": self.declared_text,
            "addressees": list(self.addressees),
            "cc": list(self.cc),
            "copy_number": self.copy_number,
            "urgency": self.urgency,
            "signer": self.signer,
            "attachments": list(self.attachments),
            "annotation": self.annotation,
            "print_issuer": self.print_issuer,
            "print_date": self.print_date,
            "direction": self.direction,
            "issuer_type": self.issuer_type,
            "doc_number_problems": list(self.doc_number_problems),
            "circulation_scope": self.circulation_scope,
            "issuers": list(self.issuers),
            "issuer_mark": self.issuer_mark,
            "relay": self.relay,
            "draft_marker": self.draft_marker,
            "declared_note": self.declared_note,
            "registration_number": self.registration_number,
            "spans": {k: list(v) for k, v in self.spans.items()},
        }


def parse(text: str) -> Gongwen:
    """Find the GB/T 9704 elements in ``text`` (offsets into it). Never raises."""
    if not isinstance(text, str) or not text:
        return Gongwen()
    try:
        return _Parser(text).run()
    except ConfigurationError:
        raise  # a broken data file is a packaging defect, not a property of the document
    except Exception:  # pragma: no cover - a parser bug must not stop a review
        log.warning("gongwen.parse failed on a %d-character text", len(text), exc_info=True)
        return Gongwen()


# ───────────────────────────── data ─────────────────────────────


@dataclass(frozen=True)
class _Rules:
    doc_types: dict[str, str | None]
    aliases: dict[str, str | None]
    endings: tuple[str, ...]  # doc types + aliases, longest first
    subtypes: tuple[str, ...]  # longest first
    relay_re: re.Pattern[str]
    draft_markers: tuple[str, ...]
    declared_phrases: dict[str, str]
    declared_notes: dict[str, str]
    declared_row_re: re.Pattern[str]
    declared_option_re: re.Pattern[str]
    declared_options: dict[str, str]
    circulation_prefixes: tuple[str, ...]
    party_re: re.Pattern[str]
    government_re: re.Pattern[str]
    other_re: re.Pattern[str]
    order_marks: dict[str, str]
    org_suffix_re: re.Pattern[str]


def _load(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("gkreview").joinpath("data", "gongwen", name).read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"cannot load gkreview/data/gongwen/{name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigurationError(f"gkreview/data/gongwen/{name}: expected a mapping")
    return data


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    types, notes, orgs = _load("doc_types.yaml"), _load("annotations.yaml"), _load("orgs.yaml")
    try:
        doc_types = dict(types["doc_types"])
        aliases = dict(types["aliases"])
        labels = list(notes["declared_labels"])
        options = dict(notes["declared_options"])
        return _Rules(
            doc_types=doc_types,
            aliases=aliases,
            endings=tuple(sorted([*doc_types, *aliases], key=len, reverse=True)),
            subtypes=tuple(sorted(types["subtypes"], key=len, reverse=True)),
            relay_re=re.compile(
                rf"(?P<verb>{_alternation(types['relay_verbs'])})(?P<inner>.{{2,120}}?)的(?P<type>通知|函|决定|命令|令)$"
            ),
            draft_markers=tuple(sorted(types["draft_markers"], key=len, reverse=True)),
            declared_phrases=dict(notes["declared_phrases"]),
            declared_notes=dict(notes.get("declared_notes") or {}),
            declared_row_re=re.compile(rf"^(?P<label>{_alternation(labels)})[:：](?P<rest>.{{1,60}})$"),
            declared_option_re=re.compile(
                rf"(?P<box>[{_BOX_ON}{_BOX_OFF}]?)(?P<option>{_alternation(list(options))})"
            ),
            declared_options=options,
            circulation_prefixes=tuple(sorted(notes["circulation_prefixes"], key=len, reverse=True)),
            party_re=re.compile("|".join(orgs["party"])),
            government_re=re.compile("|".join(orgs["government"])),
            other_re=re.compile("|".join(orgs["other"])),
            order_marks=dict(orgs["order_marks"]),
            org_suffix_re=re.compile(rf"(?:{_alternation(orgs['org_suffixes'])})$"),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigurationError(f"gkreview/data/gongwen/*.yaml is malformed: {exc}") from exc


# ───────────────────────────── text helpers ─────────────────────────────

# 1:1 width folding (offsets are kept): full-width digits/letters, ideographic and no-break spaces.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FOLD.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0xFF0A: 0x2A, 0xFE61: 0x2A})
_STRIP = " \t\r\f\v\u3000\xa0\ufeff\u200b\u2002\u2003\u2009"
_WS_RE = re.compile(r"\s+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_PAGE_NO_RE = re.compile(r"^[-—－–\s]*\d{1,4}[-—－–\s]*$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$")

_ZH_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0}
_ZH_DIGIT.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})

_YEAR = r"(?:1[89]|20)\d{2}|[〇○零Ｏ一二三四五六七八九]{4}"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE = rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})\s*日"
_DATE_RE = re.compile(_DATE)
# a 成文日期 line: optional organ name merged in front (PDF), optional 签发, optional （附注） behind
_DATE_LINE_RE = re.compile(
    rf"^(?P<org>[{_CJK}、·（）()\s]{{2,40}}?)?\s*{_DATE}\s*(?P<suffix>签发|印发|发布|通过)?\s*(?P<note>[（(][^（）()]{{1,40}}[）)])?$"
)
_SECRECY_RE = re.compile(
    rf"(?<![{_CJK}])(?P<level>绝\s*密|机\s*密|秘\s*密)\s*"
    r"(?:(?P<star>[★☆*✩✭⋆✱✲])\s*(?P<period>\d{1,3}\s*(?:年|个月|月)|长\s*期|启\s*用\s*前|[^\s，。；,;★]{1,12})?"
    r"|(?<=\s)(?P<bare>\d{1,3}\s*年|长期))?"
)
_URGENCY_RE = re.compile(rf"(?<![{_CJK}])(?P<u>特\s*急|加\s*急|特\s*提|平\s*急)(?![{_CJK}])")
_COPY_RE = re.compile(r"^(?:份号\s*[:：]?\s*)?(?P<n>\d{6})(?!\d)")
_SIGNER_RE = re.compile(rf"签\s*发\s*人\s*[:：]\s*(?P<names>[{_CJK}·][{_CJK}·\s]{{0,40}}?)\s*$")
_DOCNUM_RE = re.compile(
    rf"^(?P<org>[{_CJK}A-Za-z]{{1,20}}?)\s*"
    r"(?:(?P<lb>[〔［\[（(【｛{<〈])\s*(?P<y1>\d{2,4})\s*(?:年\s*)?(?P<rb>[〕］\]）)】｝}>〉])"
    r"|(?P<y2>(?:19|20)\d{2})\s*年?)\s*(?P<di>第)?\s*(?P<num>\d{1,6})\s*号$"
)
_ORDER_NO_RE = re.compile(r"^第\s*(?P<num>\d{1,6})\s*号$")
_ORDER_LINE_RE = re.compile(rf"^(?P<mark>[{_CJK}]{{2,24}}令)\s*第\s*(?P<num>\d{{1,6}})\s*号$")
_PAREN_RE = re.compile(r"[（(]\s*(?P<body>[^（）()]{1,60}?)\s*[）)]")
_ATTACH_RE = re.compile(r"^附\s*(?:件\s*)?[:：]\s*(?P<rest>.*)$")
_ATTACH_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>\S.*)$")
_CC_RE = re.compile(r"^(?P<label>抄\s*送|抄\s*报|分\s*送)\s*[:：]\s*(?P<rest>.*)$")
_PRINT_RE = re.compile(rf"^(?P<org>[^\s\d].{{1,40}}?)\s*{_DATE}\s*印\s*发$")
_MAIN_TO_RE = re.compile(r"^主\s*送\s*[:：]\s*(?P<rest>.+)$")
_REGNO_RE = re.compile(r"^(?P<no>[A-Z]{2,6}\s*[—\-－–]\s*\d{4}\s*[—\-－–]\s*\d{4,8})$")
_BODY_START_RE = re.compile(
    r"^(?:为了?[^民]|根据|按照|依据|经(?:研究|国务院|.{0,12}(?:同意|批准|通过))|现将|现就|近年|近期|据|你[们部省市委局厅]|关于.{0,40}收悉|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章条节])"
)
_HEADING_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零]+[章节条编]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])"
)
_WORDY_RE = re.compile(rf"[{_CJK}A-Za-z0-9]")
_BOX_ON = "☑■√✓✔☒▣"
_BOX_OFF = "□☐"
_HAS_DIGIT_RE = re.compile(r"\d")
_CLEAN_RE = re.compile(r"(?<=[^A-Za-z0-9])\s+|\s+(?=[^A-Za-z0-9])")
_ENTITY_RE = re.compile(r"&[A-Za-z]{2,8};")
_ISSUER_SPLIT_RE = re.compile(r"[、\s]+")
_TITLE_PREFIX_RE = re.compile(rf"^(?P<org>[{_CJK}、·\s]{{2,60}}?)(?:关于|对)")


def _clean(s: str) -> str:
    """Remove whitespace inside CJK text ("几 个 问 题" -> "几个问题"); keep one space between Latin words."""
    s = s.strip(_STRIP)
    return _CLEAN_RE.sub("", s)


def _org_names(raw: str) -> list[str]:
    """Organ names on one 署名/标志 line: "国务院　中央军委" -> two; "科 技 部" -> one."""
    parts = [p for p in _WS_RE.split(_ENTITY_RE.sub(" ", raw.translate(_FOLD))) if p]
    if not parts:
        return []
    if all(len(p) == 1 for p in parts) or len(parts) == 1:
        return ["".join(parts)]
    out: list[str] = []
    for p in parts:
        if len(p) == 1 and out:
            out[-1] += p
        else:
            out.append(p)
    return out


def _compact(s: str) -> str:
    return _WS_RE.sub("", s)


def _zh_number(s: str) -> int | None:
    """一 .. 三十一, 〇-digits; arabic digits pass through."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _ZH_DIGIT.get(head, -1) if head else 1
        ones = _ZH_DIGIT.get(tail, -1) if tail else 0
        return tens * 10 + ones if tens >= 0 and ones >= 0 else None
    if len(s) == 1 and s in _ZH_DIGIT:
        return _ZH_DIGIT[s]
    return None


def normalise_date(year: str, month: str, day: str) -> str | None:
    """("二〇一七", "三", "十七") or ("2019", "1", "16") -> "2017-03-17" / "2019-01-16"; None when invalid."""
    y_s = "".join(str(_ZH_DIGIT[c]) if c in _ZH_DIGIT and not c.isdigit() else c for c in year.strip())
    if not y_s.isdigit():
        return None
    y, m, d = int(y_s), _zh_number(month), _zh_number(day)
    if m is None or d is None or not 1800 <= y <= 2200:
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _date_of(m: re.Match[str]) -> str | None:
    return normalise_date(m.group("y"), m.group("m"), m.group("d"))


class _Line:
    """One non-blank line: offsets of its stripped extent in the text; width-folded on demand."""

    __slots__ = ("_folded", "end", "index", "raw", "start")

    def __init__(self, index: int, start: int, end: int, raw: str) -> None:
        self.index = index
        self.start = start  # offset of the first non-blank character in the text
        self.end = end  # offset after the last non-blank character
        self.raw = raw  # text[start:end]
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """``raw`` width-folded (same length, so offsets carry over)."""
        if self._folded is None:
            self._folded = self.raw.translate(_FOLD)
        return self._folded

    @property
    def compact(self) -> str:
        return _compact(self.folded)


_BREAKS = "\n\r\f\v\x1c-\x1e\x85\u2028\u2029"
_BLANK = " \t\u3000\xa0\ufeff\u200b\u2002\u2003\u2009"
# one match per non-blank line: group 1 is the line without its leading/trailing blanks
_LINE_RE = re.compile(rf"[{_BLANK}]*([^{_BLANK}{_BREAKS}](?:[^{_BREAKS}]*[^{_BLANK}{_BREAKS}])?)")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for m in _LINE_RE.finditer(text):
        raw = m.group(1)
        if len(raw) <= 24 and _PAGE_NO_RE.match(raw.translate(_FOLD)):
            continue  # a page number line ("— 1 —")
        out.append(_Line(len(out), m.start(1), m.end(1), raw))
    return out


# ───────────────────────────── the parser ─────────────────────────────

_HEADER_LINES = 14  # the 版头 and 标题 are within the first lines
_MARK_LINES = 6  # 份号, 密级, 紧急程度 are the first lines of the 版头


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.r = _rules()
        self.f: dict[str, Any] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        self.used: set[int] = set()  # line indexes consumed by header elements

    def span(self, key: str, start: int, end: int) -> None:
        if 0 <= start < end <= len(self.text):
            self.spans[key] = (start, end)

    # -- 版头 -------------------------------------------------------------
    def header(self) -> list[_Line]:
        out: list[_Line] = []
        for ln in self.lines[:_HEADER_LINES]:
            if ln.raw.startswith("<!--"):
                break
            if len(ln.raw) > 80 and "。" in ln.raw:
                break  # body text
            out.append(ln)
        return out

    def marks(self, header: list[_Line]) -> None:
        for ln in header[:_MARK_LINES]:
            f = ln.folded
            rest = f
            m = _COPY_RE.match(f)
            if m and "copy_number" not in self.f:
                self.f["copy_number"] = m.group("n")
                self.span("copy_number", ln.start + m.start("n"), ln.start + m.end("n"))
                rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
            if "secrecy" not in self.f:
                for sm in _SECRECY_RE.finditer(f):
                    if self._secrecy(ln, sm):
                        rest = rest[: sm.start()] + " " * (sm.end() - sm.start()) + rest[sm.end() :]
                        break
            if "urgency" not in self.f and len(_compact(f)) <= 24:
                um = _URGENCY_RE.search(f)
                if um:
                    self.f["urgency"] = _compact(um.group("u"))
                    self.span("urgency", ln.start + um.start("u"), ln.start + um.end("u"))
                    rest = rest[: um.start()] + " " * (um.end() - um.start()) + rest[um.end() :]
            if not rest.strip() and rest != f:
                self.used.add(ln.index)

    def _secrecy(self, ln: _Line, m: re.Match[str]) -> bool:
        f = ln.folded
        after = f[m.end() :].strip()
        level = _compact(m.group("level"))
        period = m.group("period") or m.group("bare")
        if m.group("star") is None and m.group("bare") is None:
            # a bare 密级 word: only when it is the whole line, or the line's other words are marks
            others = _URGENCY_RE.sub("", _COPY_RE.sub("", (f[: m.start()] + " " + after))).strip()
            if others:
                return False
        elif after and not _URGENCY_RE.fullmatch(after.split()[0]) and len(after) > 12:
            return False  # "秘密★" followed by running text is not a 版头 mark
        if period is not None:
            period = _compact(period)
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

    def signer(self, header: list[_Line]) -> None:
        for ln in header:
            m = _SIGNER_RE.search(ln.folded)
            if m:
                names = [n for n in _WS_RE.split(m.group("names").strip()) if n]
                self.f["signer"] = "、".join(names)
                self.span("signer", ln.start + m.start("names"), ln.start + m.end("names"))
                if not ln.folded[: m.start()].strip():
                    self.used.add(ln.index)
                return

    def doc_number(self, header: list[_Line]) -> int | None:
        """Find the 发文字号 line; return its index in ``header``."""
        for i, ln in enumerate(header):
            if ln.index in self.used:
                continue
            f = ln.folded
            sm = _SIGNER_RE.search(f)
            cand = f[: sm.start()] if sm else f
            cand_raw = ln.raw[: len(cand)]
            lead = len(cand) - len(cand.lstrip(_STRIP))
            cand_s = cand.strip(_STRIP)
            if not cand_s:
                continue
            m = _DOCNUM_RE.match(cand_s)
            if m and not re.search(r"关于|的|是|和|在", m.group("org")):
                self._doc_number(ln, lead, cand_raw.strip(_STRIP), m)
                self.used.add(ln.index)
                return i
            # 命令（令）: "中华人民共和国国务院令" / "第707号", or both on one line
            om1 = _ORDER_LINE_RE.match(cand_s)
            if om1:
                self._order(_compact(om1.group("mark")), om1.group("num"), ln, ln)
                return i
            if i + 1 < len(header) and cand_s.endswith("令") and len(_compact(cand_s)) <= 24:
                nxt = header[i + 1]
                om = _ORDER_NO_RE.match(nxt.folded)
                if om:
                    self._order(_compact(cand_s), om.group("num"), ln, nxt)
                    return i + 1
        return None

    def _order(self, mark: str, num: str, mark_ln: _Line, num_ln: _Line) -> None:
        prefix = self.r.order_marks.get(mark) or mark.removeprefix("中华人民共和国")
        self.f["doc_number"] = f"{prefix}第{num}号"
        self.f["order_mark"] = mark
        self.f["issuer_mark"] = mark
        self.span("doc_number", num_ln.start, num_ln.end)
        if mark_ln is not num_ln:
            self.span("issuer_mark", mark_ln.start, mark_ln.end)
        self.used.update({mark_ln.index, num_ln.index})

    def _doc_number(self, ln: _Line, lead: int, raw: str, m: re.Match[str]) -> None:
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
        self.f["doc_number"] = _compact(raw)
        self.f["doc_number_problems"] = tuple(problems)
        start = ln.start + lead
        self.span("doc_number", start, start + len(raw))

    # -- 标题 -------------------------------------------------------------
    def _title_like(self, s: str) -> bool:
        c = _compact(s)
        if not c or len(c) > 120 or "。" in c or c.endswith(("：", ":", "；", "，")):
            return False
        if len(c) > 60 and not ("关于" in c or self._has_title_ending(c)):
            return False  # a long line is a title only when it reads like one (DOCX: one paragraph)
        return not (_HEADING_RE.match(c) or c.startswith(("附件", "抄送", "签发人")))

    def _has_title_ending(self, c: str) -> bool:
        c = self._strip_brackets(c)
        return c.endswith(self.r.endings) or c.endswith(self.r.subtypes)

    @staticmethod
    def _strip_brackets(c: str) -> str:
        for _ in range(3):
            m = re.search(r"[（(][^（）()]{1,20}[）)]$", c)
            if not m:
                break
            c = c[: m.start()]
        return c.rstrip('》〉”"')

    def title(self, header: list[_Line], num_idx: int | None) -> int | None:
        """Set title/issuer mark; return the index in ``header`` of the last title line."""
        if self.lines and self.lines[0].raw.startswith("#"):
            ln = self.lines[0]
            t = ln.raw.lstrip("#").strip(_STRIP)
            if t and not _HEADING_RE.match(t):
                self.f["title"] = _clean(t)
                self.span("title", ln.start + (len(ln.raw) - len(ln.raw.lstrip("#").lstrip(_STRIP))), ln.end)
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
            if self._is_addressee(c) or not self._title_like(c):
                break
            lines.append(i)
        if not lines:
            return None
        marks = [i for i in lines if _compact(header[i].raw).endswith("文件")]
        if marks:
            self._issuer_mark(header, [i for i in lines if i <= marks[-1]])
            lines = [i for i in lines if i > marks[-1]]
        block = self._title_block(header, lines, allow_mark=False)
        if block and self._title_text(header, block, check=True):
            return self._set_title(header, block)
        return None

    def _title_block(self, header: list[_Line], idxs: list[int], *, allow_mark: bool) -> list[int]:
        block: list[int] = []
        for i in idxs:
            c = header[i].compact
            if "\t" in header[i].raw or c in self.r.declared_phrases or not _WORDY_RE.search(c):
                continue  # a table row, a stray 附注, a rule or ★ line (党的机关版头) inside the title area  # a table row or a stray 附注 (text boxes, DOCX tables) inside the title area
            if block and c.startswith(header[block[-1]].compact) and len(block) == 1:
                block = []  # a running header repeated as the title's first words ("国务院办公厅" + "国务院办公厅关于…")
            if not self._title_like(c) or (block and self._is_addressee(c)):
                break
            if self._is_addressee(c) or (not block and _BODY_START_RE.match(c)):
                break
            if not allow_mark and c.endswith("文件") and not block:
                continue
            block.append(i)
            if len(block) >= 4 or self._has_title_ending(_compact("".join(header[j].raw for j in block))):
                break
        return block

    def _title_text(self, header: list[_Line], block: list[int], *, check: bool) -> str | None:
        t = _clean("".join(header[i].raw for i in block))
        if check and not ("关于" in t or self._has_title_ending(t)):
            return None
        return t or None

    def _set_title(self, header: list[_Line], block: list[int]) -> int:
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

    def _draft_line(self, ln: _Line) -> str | None:
        """The draft marker when the whole line is one: "（征求意见稿）", "送审稿"."""
        c = ln.compact.strip("（）()【】[]〔〕")
        return c if c in self.r.draft_markers else None

    def draft_marks(self, header: list[_Line]) -> None:
        for ln in header[:10]:
            marker = self._draft_line(ln)
            if marker:
                self.f["draft_marker"] = marker
                self.span("draft_marker", ln.start, ln.end)
                self.used.add(ln.index)
                return

    def registration(self, header: list[_Line]) -> None:
        """规范性文件统一登记号 ("SDPR—2020—0010001") at the top: the document is a 规范性文件."""
        for ln in header[:_MARK_LINES]:
            m = _REGNO_RE.match(ln.folded)
            if m:
                self.f["registration_number"] = _compact(m.group("no"))
                self.span("registration_number", ln.start, ln.end)
                self.used.add(ln.index)
                return

    def _issuer_mark(self, header: list[_Line], idxs: list[int]) -> None:
        names = [
            header[i]
            for i in idxs
            if 2 <= len(header[i].compact) <= 40
            and _WORDY_RE.search(header[i].compact)
            and not _HAS_DIGIT_RE.search(header[i].compact)
        ]
        if not names:
            return
        mark = " ".join(_clean(ln.raw) for ln in names)
        self.f["issuer_mark"] = mark
        self.span("issuer_mark", names[0].start, names[-1].end)
        orgs = [o.removesuffix("文件") for ln in names for o in _org_names(ln.raw)]
        self.f["mark_orgs"] = [o for o in orgs if len(o) >= 2]

    @staticmethod
    def _is_addressee(c: str) -> bool:
        if not c.endswith(("：", ":")) or len(c) > 160 or "。" in c or "如下" in c:
            return False
        return not _BODY_START_RE.match(c) or c.startswith(("各", "市", "县", "区", "省"))

    def addressees(self, after_idx: int | None) -> None:
        start = 0 if after_idx is None else after_idx + 1
        for ln in self.lines[start : start + 3]:
            if ln.index in self.used:
                continue
            c = ln.compact
            if self._is_addressee(c):
                body = ln.raw.rstrip("：:").strip(_STRIP)
                parts = [p.strip(_STRIP) for p in re.split(r"[，,；;]", body)]
                self.f["addressees"] = tuple(_clean(p) for p in parts if p)
                self.span("addressees", ln.start, ln.start + len(body))
                self.used.add(ln.index)
                return
            if len(c) > 20:
                return

    # -- 成文日期, 署名, 附注 ------------------------------------------------
    def date(self, after: int) -> int | None:
        """Find the 成文日期 line (index into self.lines) at or after line ``after``."""
        cands: list[tuple[int, re.Match[str]]] = []
        for ln in self.lines[after:]:
            if len(ln.raw) > 60 or "年" not in ln.raw or "日" not in ln.raw:
                continue
            m = _DATE_LINE_RE.match(ln.folded)
            if m and m.group("suffix") not in ("印发", "发布", "通过") and _date_of(m):
                cands.append((ln.index, m))
        if not cands:
            return None

        def followed_by_note(i: int) -> bool:
            m = dict(cands)[i]
            if m.group("note"):
                return True
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
            return bool(nxt and self._note_of(nxt) is not None)

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
        self.f["date"] = _date_of(m)
        self.span("date", ln.start + m.start("y"), ln.start + m.end("d") + 1)
        self.f["date_org"] = _clean(m.group("org")) if m.group("org") else None
        return chosen

    def _is_signature(self, c: str) -> bool:
        c = _ENTITY_RE.sub("", c)
        if not (2 <= len(c) <= 40) or re.search(r"[。，；：:,;！？]", c) or c.startswith("附件"):
            return False
        return bool(self.r.org_suffix_re.search(c) or re.fullmatch(rf"[{_CJK}]{{1,6}}[{_CJK}]{{2,4}}", c))

    def signature(self, date_idx: int) -> None:
        names: list[_Line] = []
        for j in range(date_idx - 1, max(-1, date_idx - 4), -1):
            ln = self.lines[j]
            if ln.index in self.used or not self._is_signature(ln.compact):
                break
            if names and not self.r.org_suffix_re.search(ln.compact):
                break
            names.insert(0, ln)
        orgs = [o for ln in names for o in _org_names(ln.raw)]
        if self.f.get("date_org"):
            orgs.append(self.f["date_org"])
        if names:
            self.span("signature", names[0].start, names[-1].end)
        self.f["sig_orgs"] = [o for part in orgs for o in _ISSUER_SPLIT_RE.split(part) if len(o) >= 2]
        if self.f.get("order_mark") and names:
            self.f["order_signer"] = " ".join(orgs)

    def _note_of(self, ln: _Line) -> str | None:
        """The 附注 text if ``ln`` is a whole-line parenthetical note."""
        c = ln.folded.strip()
        if len(c) <= 64 and c[:1] in "（(" and c[-1:] in "）)":
            return ln.raw
        return None

    def _row_option(self, compact: str) -> str | None:
        """The option a 公开方式/信息公开选项 row selects: "公开方式：主动公开", "公开方式：☑主动公开□依申请公开".

        A sentence that names the options ("公开方式：主动公开和依申请公开两种") selects nothing.
        """
        rm = self.r.declared_row_re.match(compact)
        if not rm:
            return None
        rest = rm.group("rest").rstrip("。.；;")
        opts = list(self.r.declared_option_re.finditer(rest))
        if not opts:
            return None
        if any(o.group("box") for o in opts):
            on = [o.group("option") for o in opts if o.group("box") and o.group("box") in _BOX_ON]
            return on[0] if len(on) == 1 else None
        if len(opts) == 1 and opts[0].start() == 0 and opts[0].end() == len(rest):
            return opts[0].group("option")
        return None

    def annotation(self, date_idx: int | None) -> None:
        notes: list[_Line] = []
        if date_idx is not None:
            ln = self.lines[date_idx]
            m = _DATE_LINE_RE.match(ln.folded)
            if m and m.group("note"):
                self.f["annotation_parts"] = [(ln.start + m.start("note"), ln.start + m.end("note"))]
            for nxt in self.lines[date_idx + 1 : date_idx + 4]:
                if self._note_of(nxt) is None:
                    break
                notes.append(nxt)
        parts = list(self.f.get("annotation_parts", [])) + [(n.start, n.end) for n in notes]
        if parts:
            self.f["annotation"] = " ".join(self.text[a:b] for a, b in parts)
            self.span("annotation", parts[0][0], parts[-1][1])

    def declared(self, date_idx: int | None) -> None:
        """The attribute declared in a 附注 or 公开方式 row; plus 此件发至… circulation scope."""
        found: list[tuple[int, int, int, str, str, str | None]] = []  # line, start, end, attr, raw, note
        for ln in self.lines:
            if "此件" not in ln.raw and "公开" not in ln.raw:
                continue
            f = ln.folded
            if len(f) <= 80:
                option = self._row_option(ln.compact)
                if option:
                    attr = self.r.declared_options[option]
                    note = option if option in ("删减后公开", "部分公开") else None
                    found.append((ln.index, ln.start, ln.end, attr, ln.raw, note))
                    continue
            for pm in _PAREN_RE.finditer(f):
                body = _compact(pm.group("body"))
                if not body.startswith("此件"):
                    continue
                remainder = (f[: pm.start()] + f[pm.end() :]).strip()
                if remainder and not _DATE_LINE_RE.match(remainder) and not _PAREN_RE.fullmatch(remainder):
                    continue  # quoted inside running text
                s, e = ln.start + pm.start(), ln.start + pm.end()
                if body.startswith(self.r.circulation_prefixes) and body not in self.r.declared_phrases:
                    if "circulation_scope" not in self.f:
                        self.f["circulation_scope"] = self.text[s:e]
                        self.span("circulation_scope", s, e)
                    continue
                attr_s = self.r.declared_phrases.get(body)
                if attr_s:
                    found.append((ln.index, s, e, attr_s, self.text[s:e], self.r.declared_notes.get(body)))
            # a bare whole-line phrase: 此件公开发布
            c = ln.compact
            if c in self.r.declared_phrases and not any(x[0] == ln.index for x in found):
                found.append((ln.index, ln.start, ln.end, self.r.declared_phrases[c], ln.raw, None))
        if not found:
            return
        pick = found[-1]
        if date_idx is not None:
            near = [x for x in found if date_idx <= x[0] <= date_idx + 4]
            if near:
                pick = near[0]
        _, s, e, attr, raw, note = pick
        self.f["declared_attribute"] = attr
        self.f["declared_text"] = raw
        self.f["declared_note"] = note
        self.span("declared", s, e)

    # -- 附件说明, 版记 --------------------------------------------------------
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
            items.append(_clean(im.group("name") if im else rest))
        end = ln.end
        for nxt in self.lines[ln.index + 1 : min(stop, ln.index + 20)]:
            im = _ATTACH_ITEM_RE.match(nxt.folded)
            if not im or len(nxt.folded) > 120:
                break
            items.append(_clean(nxt.raw[im.start("name") :]))
            end = nxt.end
        items = [i for i in items if i]
        if items:
            self.f["attachments"] = tuple(items)
            self.span("attachments", ln.start, end)

    def back_matter(self, after: int) -> None:
        tail = self.lines[max(after, len(self.lines) - 40) :]
        for k, ln in enumerate(tail):
            m = _CC_RE.match(ln.folded)
            if m and "cc" not in self.f:
                text, end = self._continued(m.group("rest"), tail[k + 1 : k + 4], ln.end)
                parts = [_clean(p) for p in re.split(r"[，,；;。.]", text)]
                self.f["cc"] = tuple(p for p in parts if p)
                self.span("cc", ln.start, end)
            mm = _MAIN_TO_RE.match(ln.folded)
            if mm and not self.f.get("addressees"):  # 主送 in the 版记 (some 办公厅 letters)
                text, end = self._continued(mm.group("rest"), tail[k + 1 : k + 4], ln.end)
                parts = [_clean(p) for p in re.split(r"[，,；;。.]", text)]
                self.f["addressees"] = tuple(p for p in parts if p)
                self.span("addressees", ln.start, end)
            pm = _PRINT_RE.match(ln.folded)
            if pm and "print_date" not in self.f:
                self.f["print_issuer"] = _clean(pm.group("org"))
                self.f["print_date"] = _date_of(pm)
                self.span("print", ln.start, ln.end)

    @staticmethod
    def _continued(text: str, following: list[_Line], end: int) -> tuple[str, int]:
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

    # -- derived -------------------------------------------------------------
    def classify(self) -> None:
        title = self.f.get("title")
        if self.f.get("order_mark"):
            self.f["doc_type"] = "命令"
        if title:
            core = self._strip_brackets(title)
            for marker in self.r.draft_markers if "draft_marker" not in self.f else ():
                if marker in title[-16:]:
                    self.f["draft_marker"] = marker
                    break
            rm = self.r.relay_re.search(core)
            if rm and "doc_type" not in self.f:
                self.f["relay"] = rm.group("verb")
                self.f["doc_type"] = self._type_of(rm.group("type"))
                inner = self._strip_brackets(rm.group("inner").strip('《》〈〉“”" '))
                self.f["subtype"] = next((s for s in self.r.subtypes if inner.endswith(s)), None)
            elif "doc_type" not in self.f:
                ending = next((e for e in self.r.endings if core.endswith(e)), None)
                self.f["doc_type"] = self._type_of(ending) if ending else None
                sub = next((s for s in self.r.subtypes if core.endswith(s)), None)
                if sub and sub != self.f["doc_type"]:
                    self.f["subtype"] = sub
            elif self.f.get("doc_type") == "命令":
                self.f["subtype"] = next((s for s in self.r.subtypes if core.endswith(s)), None)
        dt = self.f.get("doc_type")
        direction = self.r.doc_types.get(dt) if dt else None
        if self.f.get("signer"):
            direction = "upward"
        self.f["direction"] = direction
        self.issuer()

    def _type_of(self, word: str | None) -> str | None:
        if word is None:
            return None
        if word in self.r.doc_types:
            return word
        return self.r.aliases.get(word)

    def issuer(self) -> None:
        orgs: list[str] = list(self.f.get("sig_orgs") or [])
        mark_orgs: list[str] = list(self.f.get("mark_orgs") or [])
        if orgs and mark_orgs:
            joined = "".join(mark_orgs)
            if all(o in joined for o in orgs):
                orgs = mark_orgs  # a 署名 wrapped by PDF extraction ("运输局") is a fragment of the 标志
        if self.f.get("order_mark"):
            orgs = [self.f["order_mark"].removeprefix("中华人民共和国").removesuffix("令")]
        if not orgs:
            orgs = list(self.f.get("mark_orgs") or [])
        if not orgs and self.f.get("title"):
            m = _TITLE_PREFIX_RE.match(self.f["title"])
            if m:
                orgs = [o for o in _ISSUER_SPLIT_RE.split(m.group("org")) if len(o) >= 2]
        orgs = [o for o in orgs if o and not re.fullmatch(r"\d+", o)]
        if not orgs:
            return
        # drop personal names of a signature (e.g. "总理 李克强") when an organ is also named
        organs = [o for o in orgs if self.r.org_suffix_re.search(o) or self.r.party_re.search(o)]
        orgs = organs or orgs
        self.f["issuers"] = tuple(dict.fromkeys(orgs))
        self.f["issuer"] = "、".join(self.f["issuers"])
        kinds = {self._kind(o) for o in self.f["issuers"]}
        kinds.discard(None)
        if {"party", "government"} <= kinds:
            self.f["issuer_type"] = "joint"
        elif len(kinds) == 1:
            self.f["issuer_type"] = kinds.pop()
        elif kinds:
            self.f["issuer_type"] = "joint"

    def _kind(self, org: str) -> str | None:
        if self.r.party_re.search(org):
            return "party"
        if self.r.other_re.search(org):
            return "other"
        if self.r.government_re.search(org):
            return "government"
        return None

    # -- run -----------------------------------------------------------------
    def run(self) -> Gongwen:
        if not self.lines:
            return Gongwen()
        header = self.header()
        self.marks(header)
        self.registration(header)
        self.draft_marks(header)
        self.signer(header)
        num_idx = self.doc_number(header)
        title_idx = self.title(header, num_idx)
        anchor = max((i for i in (num_idx, title_idx) if i is not None), default=None)
        anchor_line = header[anchor].index if anchor is not None and anchor < len(header) else None
        self.addressees(anchor_line)
        body_from = max(self.used, default=-1) + 1
        date_idx = self.date(body_from)
        if date_idx is not None:
            self.signature(date_idx)
            if self.f.get("order_mark"):
                self._order_title(date_idx)
        self.annotation(date_idx)
        self.declared(date_idx)
        self.attachments(body_from, date_idx)
        self.back_matter(date_idx if date_idx is not None else body_from)
        self.classify()
        return self.build()

    def _order_title(self, date_idx: int) -> None:
        for ln in self.lines[date_idx + 1 : date_idx + 3]:
            c = ln.compact
            if self._title_like(c) and self._has_title_ending(c):
                self.f["title"] = _clean(ln.raw)
                self.span("title", ln.start, ln.end)
                return

    def build(self) -> Gongwen:
        f = self.f
        return Gongwen(
            title=f.get("title"),
            doc_number=f.get("doc_number"),
            doc_type=f.get("doc_type"),
            subtype=f.get("subtype"),
            issuer=f.get("issuer"),
            date=f.get("date"),
            secrecy=f.get("secrecy"),
            declared_attribute=f.get("declared_attribute"),
            declared_text=f.get("declared_text"),
            addressees=f.get("addressees", ()),
            cc=f.get("cc", ()),
            copy_number=f.get("copy_number"),
            urgency=f.get("urgency"),
            signer=f.get("signer") or f.get("order_signer"),
            attachments=f.get("attachments", ()),
            annotation=f.get("annotation"),
            print_issuer=f.get("print_issuer"),
            print_date=f.get("print_date"),
            direction=f.get("direction"),
            issuer_type=f.get("issuer_type"),
            doc_number_problems=f.get("doc_number_problems", ()),
            circulation_scope=f.get("circulation_scope"),
            spans=dict(self.spans),
            issuers=f.get("issuers", ()),
            issuer_mark=f.get("issuer_mark"),
            relay=f.get("relay"),
            draft_marker=f.get("draft_marker"),
            declared_note=f.get("declared_note"),
            registration_number=f.get("registration_number"),
        )
