"""Personal details that need structure rather than a checksum: home address, names, 车牌."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gkreview.detectors import context as cx
from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.data import load_yaml, place_names, surnames
from gkreview.detectors.text import column_cells, line_bounds, split_cells
from gkreview.finding import Finding

__all__ = ["AddressDetector", "NameDetector", "PlateDetector", "PropertyCertDetector"]

_HAN = r"\u4e00-\u9fff"
_HAN_RE = re.compile(r"[\u4e00-\u9fff0-9]")
_ADDR_TRIGGER = re.compile(
    r"(家庭住址|家庭地址|户籍地址|户籍所在地|居住地址|现住址|现居住地|现住|住址|家住|住所地|住所|居住地|户籍地|暂住地|地址)[ \t]*[:：]?[ \t]*"
)
_ADDR_VALUE = re.compile(rf"[{_HAN}A-Za-z0-9#\-－()（）·]{{4,60}}")
_HOUSE = re.compile(r"[0-9一二三四五六七八九十百零〇]+(?:号|室|栋|幢|单元|弄)|[0-9]+(?:楼|组|户)")
_PLACE_START = re.compile(rf"[{_HAN}]{{2,10}}?(?:省|自治区|市|区|县|旗|镇|乡|街道|村|路|街|大道|巷)")
_INSTITUTION = re.compile(r"委员会|机关|机构|法院|检察院|组织|部门|单位|学校")
_VILLAGE = re.compile(r"(?:村|社区|小区|屯|组)")
_STREET_CUT = re.compile(r"(?:街道办事处|街道|镇|乡)")
_AREA_CUT = re.compile(r"(?:区|县|市|旗)")
# a full residential address without a trigger word: … 路/街/小区 … N号 … N单元/N室
_ADDR_BARE = re.compile(
    rf"[{_HAN}]{{2,20}}(?:路|街|巷|小区|花园|公寓|新村|家园|苑)[{_HAN}0-9\-]{{0,12}}?[0-9]+(?:号|栋|幢)"
    rf"(?:[0-9\-]+(?:号楼|栋|幢|楼))?[0-9\-]*[0-9]+(?:单元|室)(?:[0-9]+室)?"
)
_APARTMENT = re.compile(r"[0-9]+(?:单元|室)")
_ORG_ADDR = (
    "单位地址",
    "办公地址",
    "通讯地址",
    "通信地址",
    "联系地址",
    "注册地址",
    "经营地址",
    "地点",
    "会址",
    "机关地址",
)


_HOME_COLUMNS = ("家庭住址", "家庭地址", "住址", "居住地", "户籍地址", "现住址", "家庭住所")
# a company or organisation holds the 住所 (法定代表人, 信用代码, 有限公司…): its registered seat
_ORG_HOLDER = re.compile(
    r"统一社会信用代码|信用代码|法定代表人|负责人|有限公司|有限责任公司|股份|合作社|集团|企业|厂|商行|经营部|协会|学会|事务所|医院|学校"
)


def _sentence_before(t: str, pos: int, size: int = 60) -> str:
    """The text of the current sentence before ``pos`` (at most ``size`` characters)."""
    lo = max(0, pos - size)
    cut = max(t.rfind(c, lo, pos) for c in "。\n；;")
    return t[max(lo, cut + 1) : pos]


def _starts_with_place(value: str) -> bool:
    names = place_names()
    return any(value[:k] in names for k in range(2, 9))


def mask_address(value: str) -> str:
    """Keep the address down to the 街道/乡镇 (or the 区/县 when there is none); star the rest."""
    cuts = [m.end() for m in _STREET_CUT.finditer(value)] or [m.end() for m in _AREA_CUT.finditer(value[:16])]
    return mask_range(value, cuts[-1] if cuts else 0)


class AddressDetector(Detector):
    name = "home_address"
    anchors = ("住", "址", "户籍", "单元", "室")
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "家庭住址"

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        place_names()  # load the division names once, at construction

    @staticmethod
    def _agency_address(t: str, pos: int) -> bool:
        """plain 地址: an agency's own address unless a person is named just before."""
        if any(w in t[max(0, pos - 4) : pos + 2] for w in _ORG_ADDR):
            return True
        return not cx.found(
            ("姓名", "申请人", "当事人", "户主", "本人", "家属", "身份证"), t[max(0, pos - 40) : pos]
        )

    @staticmethod
    def _triggers(ctx: DetectContext) -> list[re.Match[str]]:
        """Trigger words found by literal search for 住/址/户籍/居住地, then matched locally."""
        t = ctx.folded
        out: list[re.Match[str]] = []
        last = -1
        for p in sorted({*ctx.find_all("住"), *ctx.find_all("址"), *ctx.find_all("户籍")}):
            m = _ADDR_TRIGGER.search(t, max(0, p - 4, last), min(len(t), p + 10))
            if m and m.start() <= p < m.end() and m.start() >= last:
                out.append(m)
                last = m.end()
        return out

    @staticmethod
    def _bare_addresses(ctx: DetectContext) -> list[re.Match[str]]:
        """Residential addresses without a trigger: look only before a …N单元/N室 (cheap anchor)."""
        t = ctx.folded
        out: list[re.Match[str]] = []
        last = -1
        anchors = sorted({*ctx.find_all("单元"), *ctx.find_all("室")})
        for p in anchors:
            a = _APARTMENT.search(t, max(0, p - 6), min(len(t), p + 2))
            if a is None:
                continue
            lo = max(0, a.start() - 60, last)
            found = list(_ADDR_BARE.finditer(t, lo, min(len(t), a.end() + 8)))
            m = found[-1] if found else None
            if m is not None and m.end() > last:
                out.append(m)
                last = m.end()
        return out

    @staticmethod
    def _column_addresses(ctx: DetectContext) -> list[tuple[int, int]]:
        """Cells under a 家庭住址/住址 column of a 名单 table (rural addresses have no 单元/室)."""
        cells: list[tuple[int, int]] = []
        for ls in ctx.header_lines(_HOME_COLUMNS, ("住", "址")):
            cells += column_cells(ctx.folded, ls, _HOME_COLUMNS)
        return cells

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        t = ctx.folded
        taken: list[tuple[int, int]] = []
        for m in self._triggers(ctx):
            v = _ADDR_VALUE.match(t, m.end())
            if not v:
                continue
            trig = m.group(1)
            value = v.group()
            s, e = v.start(), v.end()
            colon = ":" in m.group() or "：" in m.group()
            if not colon and not _starts_with_place(value):
                continue  # 居住地的村民委员会…: a legal phrase, not an address
            if _INSTITUTION.search(value):
                continue
            if trig == "地址" and self._agency_address(t, m.start()):
                continue
            if trig in ("住所", "住所地") and _ORG_HOLDER.search(_sentence_before(t, m.start())):
                continue  # the registered seat of a company or organisation (公示 by law), not a home
            if _HOUSE.search(value):
                sev, score, why = "high", 0.9, f"address down to a house number after {trig}"
            elif _VILLAGE.search(value) and trig != "住所地":
                sev, score, why = "medium", 0.6, f"address down to a village/community after {trig}"
            else:
                continue
            taken.append((s, e))
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=score,
                    masked=mask_address(ctx.text[s:e]),
                    context_words=(trig,),
                    explanation=why,
                )
            )
        for s, e in self._column_addresses(ctx):
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = t[s:e]
            if _INSTITUTION.search(value) or len(value) < 4:
                continue
            if _HOUSE.search(value):
                sev, score, why = "high", 0.85, "address down to a house number in a 住址 column (名单)"
            elif _VILLAGE.search(value):
                sev, score, why = "medium", 0.6, "address down to a village/community in a 住址 column (名单)"
            else:
                continue
            taken.append((s, e))
            out.append(
                self.make(
                    s, e, severity=sev, score=score, masked=mask_address(ctx.text[s:e]), explanation=why
                )
            )
        for m in self._bare_addresses(ctx):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if any(w in t[max(0, m.start() - 8) : m.start()] for w in _ORG_ADDR):
                continue
            header = ctx.table_header(m.start())
            column = bool(header) and any(w in header for w in _HOME_COLUMNS)
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="high" if column else "medium",
                    score=0.85 if column else 0.6,
                    masked=mask_address(ctx.text[m.start() : m.end()]),
                    explanation="residential address with 单元/室 "
                    + ("in a table column headed 住址 (名单)" if column else "(no trigger word)"),
                )
            )
        return out


_NAME_TRIGGERS = (
    "姓名", "申请人姓名", "申请人", "被申请人", "当事人", "户主姓名", "户主", "被处罚人", "被检查人", "举报人",
    "投诉人", "患者姓名", "患者", "监护人", "被监护人", "死者", "受害人", "被害人", "学生姓名", "救助对象",
    "被询问人", "被调查人", "被询问人姓名", "被调查人姓名", "户主名", "经营者", "经营者姓名", "业主",
)  # fmt: skip
_HEALTH_COLUMNS = ("病种", "疾病", "残疾类别")  # person_name's anchors (the shared pass)
# a list item or a table cell that starts with a name: "1. 张三，患尿毒症" / "\t李四\t因患白血病"
_BEFORE_ILLNESS = re.compile(
    rf"(?:^|[\t])[ \t]*(?:(?:[0-9]+[.、．]|[（(][0-9一二三四五六七八九十]+[)）])[ \t]*)?"
    rf"([{_HAN}]{{2,4}}?)(?:[，,、 \t](?:因|身)?|因|身)患",
    re.M,
)


def _illness_terms() -> tuple[str, ...]:
    """The health terms of the sensitive lexicon (诊疗, 传染病, 精神障碍, 艾滋病), longest first."""
    from gkreview.detectors.data import load_yaml

    data = load_yaml("lexicon/sensitive_pi.yaml")
    groups = ("健康与诊疗", "传染病", "精神障碍", "艾滋病")
    terms = {str(t) for g in data.get("groups", []) if g.get("name") in groups for t in g.get("terms", [])}
    return tuple(sorted(terms, key=len, reverse=True))


_NAME_COLUMNS = ("姓名", "户主", "申请人", "救助对象", "受助人", "补贴对象", "户名", "被救助人", "持卡人")
_NAME_ANCHORS = ("姓名", "户", "申请人", "对象", "受助", "救助人", "持卡人")
_COLON = re.compile(r"[:：][ \t]*")
_NAME_AFTER = re.compile(rf"[{_HAN}·]{{2,5}}?(?=先生|女士|同志|[，,、；;。\s（()：:]|$)")
_SEX = re.compile(r"[，,、 \t（(]{1,2}(男|女)[，,、 \t]{1,2}")
_NAME_SEX_BEFORE = (
    "申请人", "当事人", "户主", "患者", "被告人", "被申请人", "被处罚人",
    "村民", "居民", "学生", "干部", "职工", "群众", "农民", "儿童", "幼儿", "病人", "死者", "伤者", "犯罪嫌疑人",
)  # fmt: skip
# a name right before its ID number: 村民王某某（身份证号码：…）, 户主张某，身份证号…
_NAME_BEFORE_ID = re.compile(
    rf"([{_HAN}·]{{2,5}})[ \t]*[（(，,、]?[ \t]*(?:居民)?(?:身份证号码|身份证号|身份证|公民身份号码|身份号码)[ \t]*[:：]?[ \t]*$"
)
_PLACE_SUFFIXES = ("村", "社区", "镇", "乡", "街道", "组", "屯", "县", "区", "市", "省", "路", "街", "小区")
_ROW_ANCHORS = frozenset({"cn_resident_id", "cn_mobile", "bank_card"})
_PERSONAL_ROW = _ROW_ANCHORS | {"home_address", "passport", "travel_permit"}  # an agency landline is not
# a cell: 2–4 Han characters between tabs / wide spaces / ，、 or the row's ends
_CELL = re.compile(rf"(?:^|(?<=[ \t|，,]))([{_HAN}]{{2,4}})(?=[ \t|，,]|$)", re.M)
_NOT_NAMES = frozenset(
    [
        "本人",
        "男",
        "女",
        "性别",
        "年龄",
        "民族",
        "单位",
        "职务",
        "电话",
        "地址",
        "住址",
        "身份证",
        "无",
        "不详",
        "未知",
        "略",
        "某某",
        "汉族",
        "其他",
        "同上",
        "签名",
        "签字",
        "盖章",
        "本单位",
        "公民",  # 公民身份号码: the label, not a person named 公民
        "居民",
        "村民",
        "市民",
        "农民",
        "群众",
        "个人",
        "有效",
        # role words: 申请人身份证号… names the role, not a person (申/鲍/… are also surnames)
        *_NAME_SEX_BEFORE,
        "联系人",
        "负责人",
        "法定代表人",
        "代理人",
        "委托人",
        "经办人",
        "持证人",
        "持卡人",
        "收款人",
        "承办人",
        "举报人",
        "投诉人",
        "证人",
        "监护人",
        "受助人",
        "被救助人",
    ]
)


@dataclass(frozen=True)
class _NameCues:
    """names.yaml: the cue words and lists of the model-checked name candidates."""

    before: tuple[str, ...]
    after_private: frozenset[str]
    after: tuple[str, ...]
    personal_documents: tuple[str, ...]
    personal_columns: tuple[str, ...]
    other_columns: tuple[str, ...]
    not_names: frozenset[str]
    prose_stops: frozenset[str]
    list_labels: tuple[str, ...]
    official_titles: frozenset[str]


@lru_cache(maxsize=1)
def _name_cues() -> _NameCues:
    data = load_yaml("names.yaml")
    after_private = tuple(str(w) for w in data["after"]["private"])
    after_neutral = tuple(str(w) for w in data["after"]["neutral"])
    return _NameCues(
        before=tuple(str(w) for w in data["before"]["private"]),
        after_private=frozenset(after_private),
        after=after_private + after_neutral,
        personal_documents=tuple(str(w) for w in data["personal_documents"]),
        personal_columns=tuple(str(w) for w in data["personal_columns"]),
        other_columns=tuple(str(w) for w in data["other_columns"]),
        not_names=frozenset(str(w) for w in data["not_names"]),
        prose_stops=frozenset(str(data["prose_stops"])),
        list_labels=tuple(str(w) for w in data["list_labels"]),
        official_titles=frozenset(str(w) for w in data["official_titles"]),
    )


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Common two-character words that start with a surname character (common_words.txt + not_names)."""
    from gkreview.detectors.data import data_text

    words = {ln.strip() for ln in data_text("common_words.txt").splitlines() if ln.strip() and ln[0] != "#"}
    return frozenset(words | {w for w in _name_cues().not_names if len(w) == 2})


def _common(word: str) -> bool:
    """A common word, not a name (公布, 范围, 张贴): a table cell under 姓名 may still hold one."""
    return word in _name_cues().not_names or (len(word) == 2 and word in _common_words())


@lru_cache(maxsize=1)
def _cue_automaton() -> tuple[Any, list[tuple[str, str]]]:
    """One Aho-Corasick pass finds every cue word and document marker: (automaton, [(word, role)]),
    role "before" (a name follows), "after" (a name precedes) or "doc" (a document about individuals)."""
    import ahocorasick_rs

    cues = _name_cues()
    roles: dict[str, str] = {}
    for w in cues.personal_documents:
        roles[w] = "doc"
    for w in cues.after:
        roles[w] = "after"
    for w in cues.before:
        roles[w] = "before"  # 信访人 is both a marker and a cue: as a cue it marks the document too
    words = list(roles.items())
    ac = ahocorasick_rs.BytesAhoCorasick(  # bytes over UTF-8: faster than the str automaton
        [w.encode("utf-8") for w, _ in words],
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA,  # ~100 words: a small DFA, 6× the NFA's speed
    )
    return ac, words


def _cue_hits(t: str) -> list[tuple[tuple[str, str], int, int]]:
    """((word, role), start, end) of every cue word and marker, in character offsets."""
    ac, words = _cue_automaton()
    data = t.encode("utf-8")
    hits = ac.find_matches_as_indexes(data)
    if len(data) == len(t):
        return [(words[i], s, e) for i, s, e in hits]
    out = []
    byte = char = 0
    for i, s, _e in hits:  # in order: convert the byte offsets incrementally
        char += len(data[byte:s].decode("utf-8"))
        byte = s
        out.append((words[i], char, char + len(words[i][0])))
    return out


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(table cell, first cell of a row, 、-list separator), each led by a surname character class:
    a cell of 2–5 Han characters between separators (DOCX rows: tabs; PDF rows: spaces; markdown: |)."""
    single, compound = surnames()
    first = re.escape("".join(sorted(single | {c[0] for c in compound})))
    return (
        re.compile(rf"[\t |]([{first}][{_HAN}]{{1,4}})(?=[\t |\n]|$)"),
        re.compile(rf"^([{first}][{_HAN}]{{1,4}})(?=[\t|])", re.M),
        re.compile(rf"、[{first}][{_HAN}]{{1,4}}(?:、[{first}][{_HAN}]{{1,4}})+"),  # a literal 、 first: fast
    )


# a 、-list of at least three short items: 王芳、李明、刘洋


def _name_lists(t: str) -> list[tuple[int, int, list[int]]]:
    """(start, end, separator offsets) of the 、-lists with at least two surname-led items after a 、."""
    out = []
    for m in _name_patterns()[2].finditer(t):
        seps = [m.start() + i for i, c in enumerate(m.group()) if c == "、"]
        s = seps[0]
        while s > max(0, seps[0] - 5) and "\u4e00" <= t[s - 1] <= "\u9fff":
            s -= 1
        if seps[0] - s >= 2:
            out.append((s, m.end(), seps))
    return out


_TO_MODEL = str.maketrans({"\t": "，", "|": "，", " ": "，", "\n": "。", "\r": "。"})
_SKIP_AFTER_CUE = "：: ，,"
_MAX_WINDOW = 90
_BODY_SUFFIXES = (
    "部",
    "局",
    "委",
    "厅",
    "办",
    "院",
    "会",
    "室",
    "所",
    "站",
    "处",
    "科",
    "队",
    "中心",
    "公司",
    "集团",
    "厂",
    "校",
    "馆",
    "章",
    "节",
    "条",
    "款",
)
# what may stand right before a name that precedes its cue (张三反映 / 经查，张三家庭): a non-Han
# character, or one of these function characters
_TRAILING_FUNCTION = frozenset("经在于因对向将被把称和与及的")
_BEFORE_NAME = frozenset("对向由经据与和及是将把被让请其的称")


@dataclass
class _Candidate:
    """A place where a name may stand; the model (or a rule) decides.

    ``start``/``end``: the name must start / end exactly there (None: free); ``rule``: accepted without
    the model (a cell under a 姓名 column); ``group``: candidates that vote together (one table column,
    one 、-list) — when most of a group are confirmed names, the rest of it are names too."""

    lo: int
    hi: int
    start: int | None
    end: int | None
    medium: bool
    why: str
    rule: bool = False
    group: tuple[Any, ...] | None = None
    split: int = (
        -1
    )  # a "：" is put before this offset in the model's copy (信访人：王建国: LAC reads 人王 as a word)


def _model_text(t: str, lo: int, hi: int, split: int) -> str:
    """The window as the model sees it: cell separators as ，, line breaks as 。, a colon at ``split``."""
    if lo < split < hi:
        return (t[lo:split] + "：" + t[split:hi]).translate(_TO_MODEL)
    return t[lo:hi].translate(_TO_MODEL)


def _from_model(key: tuple[int, int, int], s: int, e: int) -> tuple[int, int]:
    """Offsets in the model's copy back to the text (undo the inserted colon)."""
    lo, hi, split = key
    if not lo < split < hi:
        return lo + s, lo + e
    return (lo + s if lo + s <= split else lo + s - 1), (lo + e if lo + e <= split else lo + e - 1)


class NameDetector(Detector):
    """A person's name in a personal context (姓名：…, 申请人：…, …，男，…) — medium severity."""

    name = "person_name"
    anchors = ("：", ":", "男", "女", "患", *_HEALTH_COLUMNS, *_NAME_ANCHORS)
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "姓名"
    stage = 2  # uses the identifiers found in stage 1 (names in the same row as an ID number)
    defaults = {"ner": True}  # confirm the candidates below with the NER model (detectors/ner.py)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        surnames()
        _name_cues()

    def _name_finding(self, ctx: DetectContext, s: int, e: int, score: float, why: str) -> Finding:
        """A name at ``[s, e)``: medium severity, masked after its first character."""
        return self.make(
            s, e, severity="medium", score=score, masked=mask_range(ctx.text[s:e], 1), explanation=why
        )

    def _is_name(self, name: str) -> bool:
        single, compound = surnames()
        if name in _NOT_NAMES or any(c in name for c in "某×*X"):
            return False
        if name[:2] in compound:
            return 3 <= len(name) <= 5
        return name[0] in single and 2 <= len(name) <= 4

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        t = ctx.folded
        seen: set[int] = set()
        colons = sorted({*ctx.find_all("："), *ctx.find_all(":")})
        for p in colons:
            c = _COLON.match(t, p)
            if c is None:
                continue
            head = t[max(0, p - 8) : p].rstrip(" \t")
            if not head.endswith(_NAME_TRIGGERS):  # one C-level test for the common case
                continue
            trig = next((w for w in _NAME_TRIGGERS if head.endswith(w)), None)
            if trig is None:
                continue
            m = _NAME_AFTER.match(t, c.end())
            if not m or not self._is_name(m.group()):
                continue
            s, e = m.start(), m.end()
            seen.add(s)
            out.append(
                self.make(
                    s,
                    e,
                    severity="medium",
                    score=0.7,
                    masked=mask_range(ctx.text[s:e], 1),
                    context_words=(trig,),
                    explanation=f"name after {trig}：",
                )
            )
        for p in sorted({*ctx.find_all("男"), *ctx.find_all("女")}):
            x = _SEX.match(t, max(0, p - 2)) or _SEX.match(t, max(0, p - 1))
            if x is None or not _HAN_RE.match(t, x.end()):
                continue
            name = self._name_before(t, x.start())
            if name is None:
                continue
            s, e = name
            if s in seen:
                continue
            seen.add(s)
            out.append(
                self.make(
                    s,
                    e,
                    severity="medium",
                    score=0.65,
                    masked=mask_range(ctx.text[s:e], 1),
                    context_words=(x.group(1),),
                    explanation="name followed by sex (…，男/女，…)",
                )
            )
        out += self._roster_names(ctx, seen)
        out += self._names_before_ids(ctx, seen)
        out += self._names_before_illness(ctx, seen)
        if any(f.category == "personal_info" and f.rank >= 2 for f in ctx.findings) or ctx.header_lines(
            _HEALTH_COLUMNS
        ):
            out += self._column_names(ctx, seen)  # only in documents that hold personal details at all
        out += self._checked_names(ctx, seen)
        return out

    # -- names the rules above cannot place: candidates checked by the NER model ----------------------
    def _checked_names(self, ctx: DetectContext, seen: set[int]) -> list[Finding]:
        """Names in table cells, 、-lists and next to cue words, confirmed by the NER model."""
        hits = _cue_hits(ctx.folded)
        personal = self._personal_document(ctx, hits)
        cands = self._cell_candidates(ctx, personal) + self._list_candidates(ctx, personal)
        cands += self._cue_candidates(ctx, personal, hits)
        if not cands:
            return []
        t = ctx.folded
        model = None
        if self.options["ner"] and any(not c.rule for c in cands):
            from gkreview.detectors.ner import name_model

            model = name_model()
        windows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        if model is not None:
            keys = list(dict.fromkeys((c.lo, c.hi, c.split) for c in cands if not c.rule))
            found = model.persons([_model_text(t, *k) for k in keys])
            windows = {
                k: [_from_model(k, s, e) for s, e in spans] for k, spans in zip(keys, found, strict=True)
            }
        accepted: dict[int, tuple[int, _Candidate, str]] = {}
        votes: dict[tuple[Any, ...], list[bool]] = {}
        for c in cands:
            span = self._confirmed(t, c, windows.get((c.lo, c.hi, c.split), []))
            if c.group is not None and c.start is not None:
                votes.setdefault(c.group, []).append(span is not None)
            if span is not None:
                accepted.setdefault(span[0], (span[1], c, "rule" if c.rule else "model"))
        for s, (_e, c, how) in list(accepted.items()):  # one PER in a list of things (连翘、黄荆、杜鹃花)
            v = votes.get(c.group) if c.group is not None and c.group[0] == "list" else None
            if how == "model" and v and 2 * sum(v) <= len(v):
                del accepted[s]
        if model is not None:  # most of a column / list are names: its other surname-initial cells are too
            for c in cands:
                v = votes.get(c.group) if c.group is not None else None
                if (
                    v
                    and c.start is not None
                    and c.end is not None
                    and c.start not in accepted
                    and sum(v) >= 2
                    and sum(v) >= 0.6 * len(v)
                    and self._is_name(t[c.start : c.end])
                ):
                    accepted[c.start] = (c.end, c, "vote")
        out: list[Finding] = []
        for s, (e, c, how) in sorted(accepted.items()):
            if s in seen or any(s < f.end and f.start < e for f in out):
                continue
            seen.add(s)
            sev = "medium" if c.medium else "low"
            basis = {
                "rule": "under a 姓名 column or after a 名单 label",
                "model": "confirmed by the NER model",
                "vote": "most of its column/list are names (NER model)",
            }[how]
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=0.65 if c.medium else 0.45,
                    masked=mask_range(ctx.text[s:e], 1),
                    explanation=f"{c.why}, {basis}",
                )
            )
        return out

    def _confirmed(self, t: str, c: _Candidate, persons: list[tuple[int, int]]) -> tuple[int, int] | None:
        if c.rule:
            return (c.start, c.end) if c.start is not None and c.end is not None else None
        for s, e in persons:
            if e - s >= 3 and t[e - 1] in _TRAILING_FUNCTION and c.end is None:
                e -= 1  # 患者黄忠英经县医院…: LAC glued the preposition to the name
            if (
                (c.start is None or s == c.start)
                and (c.end is None or e == c.end)
                and self._is_name(t[s:e])
                and t[s:e] not in _name_cues().not_names
            ):
                return s, e
        return None

    @staticmethod
    def _personal_document(ctx: DetectContext, hits: list[tuple[tuple[str, str], int, int]]) -> bool:
        """A document about individuals: an ID number, a personal phone or a home address (high), or a marker."""
        if any(f.detector in _PERSONAL_ROW and f.severity == "high" for f in ctx.findings):
            return True  # an ID number, a personal mobile in context, a home address: not an agency contact
        markers = set(_name_cues().personal_documents)
        return any(w in markers for (w, _), _, _ in hits)

    def _candidate_name(self, word: str) -> bool:
        """Cheap test before the model: surname-initial, not a known word, not a place or a body."""
        return (
            self._is_name(word)
            and word not in _name_cues().not_names
            and word[:2] not in _common_words()
            and not word.endswith(_PLACE_SUFFIXES)
            and not word.endswith(_BODY_SUFFIXES)
        )

    def _cell_candidates(self, ctx: DetectContext, personal: bool) -> list[_Candidate]:
        """Cells of 2–5 Han characters in table rows (tab/space/| separated, ≥ 3 cells)."""
        t = ctx.folded
        cues = _name_cues()
        out: list[_Candidate] = []
        rows: dict[int, tuple[int, list[tuple[int, int]]] | None] = {}
        headers: dict[int, str] = {}
        cell_rx, first_rx, _ = _name_patterns()
        matches = [m.span(1) for m in cell_rx.finditer(t)]
        if "\t" in t or "|" in t:
            matches += [m.span(1) for m in first_rx.finditer(t)]
        for s, e in matches:
            if not self._candidate_name(t[s:e]):
                continue
            ls, le = line_bounds(t, s)
            if ls not in rows:
                rows[ls] = self._table_row(t, ls, le)
            row = rows[ls]
            if row is None:
                continue
            cells = row[1]
            col = next((i for i, (cs, ce) in enumerate(cells) if cs <= s and e <= ce), None)
            if col is None or cells[col] != (s, e):
                continue
            header = self._block_header(t, ls, rows, headers)
            if "|" in header and "\t" not in header:
                hcells = [header[a:b] for a, b in _pipe_cells(header, 0, len(header))]
            else:
                hcells = header.split("\t") if "\t" in header else header.split()
            head = hcells[col] if len(hcells) == len(cells) else ""
            if (
                head
                and any(w in head for w in cues.other_columns)
                and not any(w in head for w in _NAME_COLUMNS)
            ):
                continue  # under a 单位/地址/村名 column: a place or body, whatever its first character
            before = "".join(t[ls:s].split())
            signatory = before.endswith(tuple(cues.official_titles))  # 总　理　李克强: a signature line
            medium = not signatory and (
                personal
                or any(w in header for w in cues.personal_columns)
                or any(c in ("男", "女") for c in (t[cs:ce] for cs, ce in cells))
                or any(
                    ls <= f.start < le and f.detector in _PERSONAL_ROW and f.rank >= 2 for f in ctx.findings
                )
            )
            lo, hi = (ls, le) if le - ls <= _MAX_WINDOW else (max(ls, s - 40), min(le, e + 40))
            out.append(
                _Candidate(
                    lo,
                    hi,
                    s,
                    e,
                    medium,
                    "name in a table cell" + (f" (column {head})" if head else ""),
                    rule=bool(head) and any(w in head for w in _NAME_COLUMNS),
                    group=(header, len(cells), col),
                )
            )
        return out

    def _block_header(
        self,
        t: str,
        ls: int,
        rows: dict[int, tuple[int, list[tuple[int, int]]] | None],
        headers: dict[int, str],
    ) -> str:
        """The header row of the block of table rows holding the line at ``ls``: its first line when
        that line names a column (姓名, 性别, 单位…) and does not start with a number (a 序号), else ""
        (a block continued from the previous page)."""
        seen: list[int] = []
        top = ls
        while top not in headers:
            seen.append(top)
            if top == 0:
                break
            ps = t.rfind("\n", 0, top - 1) + 1
            if ps not in rows:
                rows[ps] = self._table_row(t, ps, top - 1)
            if rows[ps] is None:
                break
            top = ps
        if top in headers:
            head = headers[top]
        else:
            line = t[top : line_bounds(t, top)[1]]
            cues = _name_cues()
            words = (*_NAME_COLUMNS, *cues.personal_columns, *cues.other_columns, "序号", "编号")
            serial = line.lstrip(" \t|")[:1].isdigit()  # a data row starts with its 序号
            head = line if any(w in line for w in words) and not serial else ""
        for x in seen:
            headers[x] = head
        return head

    @staticmethod
    def _table_row(t: str, ls: int, le: int) -> tuple[int, list[tuple[int, int]]] | None:
        """The cells of a table row, or None for prose (long line, < 3 cells, a long cell)."""
        if le - ls > 200:
            return None
        cells = split_cells(t, ls, le)
        if "|" in t[ls:le] and "\t" not in t[ls:le]:
            cells = [(s, e) for s, e in _pipe_cells(t, ls, le)]
        if len(cells) < 3 or any(e - s > 40 for s, e in cells) or t[ls] == "#":
            return None
        return ls, cells

    def _list_candidates(self, ctx: DetectContext, personal: bool) -> list[_Candidate]:
        """Items of a 、-list (王芳、李明、刘洋): a 名单 written as running text."""
        t = ctx.folded
        out: list[_Candidate] = []
        for lo, hi, seps in _name_lists(t):
            items = [(a + 1, b) for a, b in itertools.pairwise(seps)]
            items = [(lo, seps[0]), *items, (seps[-1] + 1, hi)]
            open_end = hi < len(t) and "\u4e00" <= t[hi] <= "\u9fff"  # 刘洋等同志: the last item runs on
            names = [(s, e) for s, e in items[1:-1] if self._candidate_name(t[s:e])]
            last_ok = self._candidate_name(
                t[items[-1][0] : items[-1][0] + 2] if open_end else t[slice(*items[-1])]
            )
            if not open_end and last_ok:
                names.append(items[-1])
            n = len(names) + (open_end and last_ok)
            if n < 2 or 3 * n < 2 * (len(items) - 1):
                continue
            if len({t[s : s + 2] for s, _ in items[1:]}) < len(items) - 1:
                continue  # 文明执法、文明服务 / 易燃、易爆: items sharing their first two characters are things
            group = ("list", lo)
            # 名单：/低保对象：/以下同志： right before: the list is a 名单, its surname-led items are names
            head = t[max(0, lo - 8) : lo]
            labelled = head.endswith(("：", ":")) and head[:-1].endswith(_name_cues().list_labels)
            exact_first = lo == 0 or not (
                "\u4e00" <= t[lo - 1] <= "\u9fff"
            )  # 名单：王芳、… (not 表彰王芳、…)
            if exact_first and self._candidate_name(t[lo : seps[0]]):
                names.append((lo, seps[0]))
            w_lo = lo
            for k, (s, e) in enumerate(items):
                first, last = k == 0 and not exact_first, k == len(items) - 1
                if not (first or last) and (s, e) not in names:
                    continue
                if e - w_lo > _MAX_WINDOW:
                    w_lo = s
                out.append(
                    _Candidate(
                        w_lo,
                        min(hi, w_lo + _MAX_WINDOW),
                        None if first else s,  # the first item may carry a label (拟表彰人员王芳)
                        None if last and open_end else e,  # the last one may run on (刘洋等同志)
                        personal,
                        "name in a 、-separated list (名单)",
                        rule=labelled and not first and not (last and open_end) and (s, e) in names,
                        group=group if not first and (s, e) in names else None,
                    )
                )
        return out

    def _cue_candidates(
        self, ctx: DetectContext, personal: bool, hits: list[tuple[tuple[str, str], int, int]]
    ) -> list[_Candidate]:
        """A surname character right after a role/kin word (村民王建国) or a name right before
        反映/家庭/同志 (张三反映…): the window around the cue goes to the model."""
        t = ctx.folded
        single, compound = surnames()
        common = _common_words()
        stops = _name_cues().prose_stops
        out: list[_Candidate] = []
        for (word, role), cs, ce in hits:
            if role == "doc":
                continue
            ls, le = line_bounds(t, cs)
            if role == "before":
                a = ce
                if a < le and t[a] in _SKIP_AFTER_CUE:
                    a += 1
                if (
                    a + 1 >= le
                    or not (t[a] in single or t[a : a + 2] in compound)
                    or not _HAN_RE.match(t[a + 1])
                    or t[a : a + 2] in common
                    or t[a - 1 : a + 1] in common  # 其父母: the cue ends inside a word
                    or (a == ce and t[a] in stops)  # 当事人向…/申请人和…: a function word, not the surname
                    or t[a + 1] in "某×*"  # 张某: already de-identified
                ):
                    continue
                lo, hi = max(ls, cs - 2), min(le, a + 10)
                split = a if a == ce and "\u4e00" <= t[ce - 1] <= "\u9fff" else -1
                out.append(_Candidate(lo, hi, a, None, True, f"name after {word}", split=split))
            else:
                if not any(
                    cs - n >= ls
                    and (t[cs - n] in single or t[cs - n : cs - n + 2] in compound)
                    and t[cs - n : cs - n + 2] not in common
                    and t[cs - n - 1 : cs - n + 1]
                    not in common  # 及时处理: the name would start inside a word
                    and t[cs - n] not in stops
                    and "某" not in t[cs - n : cs]
                    and (cs - n == ls or not _HAN_RE.match(t[cs - n - 1]) or t[cs - n - 1] in _BEFORE_NAME)
                    and all("\u4e00" <= ch <= "\u9fff" for ch in t[cs - n : cs])
                    for n in (2, 3, 4)
                ):
                    continue
                lo, hi = max(ls, cs - 10), min(le, ce + 4)
                medium = personal or word in _name_cues().after_private
                out.append(_Candidate(lo, hi, None, cs, medium, f"name before {word}"))
        return out

    def _names_before_illness(self, ctx: DetectContext, seen: set[int]) -> list[Finding]:
        """张三，患尿毒症 / 李四因患白血病: a name right before 患 (大病救助 公示)."""
        t = ctx.folded
        out: list[Finding] = []
        illnesses: tuple[str, ...] | None = None
        for p in ctx.find_all("患"):
            ls = line_bounds(t, p)[0]
            m = _BEFORE_ILLNESS.fullmatch(t, max(ls, p - 16), p + 1)
            if m is None:
                continue
            if illnesses is None:
                illnesses = _illness_terms()
            after = t[p + 1 : p + 12].removeprefix("有")
            if not after.startswith(illnesses):
                continue  # 患者, 患病率, 对患有重大疾病的…: not a named person's illness
            s, e = m.span(1)
            if s in seen or not self._is_name(t[s:e]):
                continue
            seen.add(s)
            out.append(
                self._name_finding(ctx, s, e, 0.65, "name right before 患… (an illness of a named person)")
            )
        return out

    def _column_names(self, ctx: DetectContext, seen: set[int]) -> list[Finding]:
        """Cells under a 姓名/户主姓名/申请人 column of a 名单 table."""
        t = ctx.folded
        out: list[Finding] = []
        for ls in ctx.header_lines(_NAME_COLUMNS, _NAME_ANCHORS):
            for s, e in column_cells(t, ls, _NAME_COLUMNS):
                cell = t[s:e]
                if s in seen or not self._is_name(cell) or cell.endswith(_PLACE_SUFFIXES) or _common(cell):
                    continue
                seen.add(s)
                out.append(self._name_finding(ctx, s, e, 0.65, "name in a 姓名 column of a table (名单)"))
        return out

    def _names_before_ids(self, ctx: DetectContext, seen: set[int]) -> list[Finding]:
        """村民王某某（身份证号码：…）: the name just before a confirmed ID number's cue word."""
        t = ctx.folded
        out: list[Finding] = []
        for f in ctx.findings:
            if f.detector != "cn_resident_id" or f.severity != "high":
                continue
            m = _NAME_BEFORE_ID.search(t, max(0, f.start - 20), f.start)
            if m is None:
                continue
            span = self._name_before(t, m.end(1), roles_only=False)
            if span is None or span[0] in seen:
                continue
            s, e = span
            seen.add(s)
            out.append(
                self._name_finding(ctx, s, e, 0.7, "name just before an ID number (…（身份证号码：…）)")
            )
        return out

    def _roster_names(self, ctx: DetectContext, seen: set[int]) -> list[Finding]:
        """Names in the same row (line) as a confirmed ID number or personal phone: 名单 tables."""
        t = ctx.folded
        out: list[Finding] = []
        rows: set[tuple[int, int]] = set()
        for f in ctx.findings:
            if f.detector in _ROW_ANCHORS and f.severity == "high":
                rows.add(line_bounds(t, f.start))
        for ls, le in sorted(rows):
            if le - ls > 100:  # a paragraph, not a table row
                continue
            for m in _CELL.finditer(t, ls, le):
                s, e = m.start(1), m.end(1)
                cell = m.group(1)
                if s in seen or not self._is_name(cell) or cell.endswith(_PLACE_SUFFIXES) or _common(cell):
                    continue
                seen.add(s)
                out.append(
                    self._name_finding(
                        ctx, s, e, 0.65, "name in the same row as an ID number or phone (名单)"
                    )
                )
        return out

    def _name_before(self, t: str, end: int, roles_only: bool = False) -> tuple[int, int] | None:
        """The 2–4 character name ending at ``end``, preceded by a delimiter or a trigger word."""
        for n in (2, 3, 4):  # a role word right before (村民王芳) decides the split first
            s = end - n
            if (
                s > 0
                and self._is_name(t[s:end])
                and any(t[max(0, s - len(w)) : s] == w for w in _NAME_SEX_BEFORE)
            ):
                return s, end
        if roles_only:
            return None
        for n in (3, 2, 4):
            s = end - n
            if s < 0 or not self._is_name(t[s:end]) or not all(_HAN_RE.match(c) for c in t[s:end]):
                continue
            prev = t[s - 1] if s else "\n"
            if prev in "\n，,。；;：: \t|" or any(t[max(0, s - len(w)) : s] == w for w in _NAME_SEX_BEFORE):
                return s, end
        return None


def _pipe_cells(t: str, ls: int, le: int) -> list[tuple[int, int]]:
    """Cells of a markdown-style row (| a | b |), stripped of their padding."""
    out = []
    pos = ls
    for part in t[ls:le].split("|"):
        s = pos + len(part) - len(part.lstrip())
        e = pos + len(part.rstrip())
        if e > s:
            out.append((s, e))
        pos += len(part) + 1
    return out


_PLATE_RE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][ \t·.]?[A-HJ-NP-Z][ \t·.]?"
    r"(?:[0-9]{5}[DABCEFGHJK]|[DABCEFGHJK][A-HJ-NP-Z0-9][0-9]{4}|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![A-Za-z0-9])"
)


class PlateDetector(Detector):
    name = "plate_no"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "机动车号牌"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        words = cx.cues("plate")
        for m in ctx.scan_ascii(_PLATE_RE, before=3):  # 鲁P·12345: the span starts at the digits
            v = m.group()
            if m.start() and ctx.folded[m.start() - 1].isascii() and ctx.folded[m.start() - 1].isalnum():
                continue
            if sum(c.isdigit() for c in v) < 2:  # 京ABCDE… is not a plate; real ones carry digits
                continue
            hits = cx.found(words, cx.before(ctx.folded, m.start()))
            masked = mask_range(ctx.text[m.start() : m.end()], 2)
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="high" if hits else "medium",
                    score=0.9 if hits else 0.55,
                    masked=masked,
                    context_words=hits,
                    explanation="机动车号牌 (GA 36-2018 pattern)"
                    + (f" after {'、'.join(hits)}" if hits else ""),
                )
            )
        return out


_PROVINCE_SHORT = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PROPERTY_RE = re.compile(
    rf"[{_PROVINCE_SHORT}][ \t]*[（(][ \t]*[0-9]{{4}}[ \t]*[)）][ \t]*[{_HAN}]{{0,12}}?不动产(?:权|证明)第[ \t]*[0-9]{{5,8}}[ \t]*号"
)


class PropertyCertDetector(Detector):
    """不动产权证书号 / 不动产证明号 (e.g. 川（2019）成都市不动产权第0012345号); 法释〔2016〕19号 lists it for deletion."""

    name = "property_cert"
    anchors = ("不动产",)
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "不动产权证书号"

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        out: list[Finding] = []
        last = -1
        for p in ctx.find_all("不动产"):
            m = _PROPERTY_RE.search(t, max(0, p - 22, last), min(len(t), p + 20))
            if m is None or m.end() <= last:
                continue
            last = m.end()
            span = ctx.text[m.start() : m.end()]
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="medium",
                    score=0.8,
                    masked=_mask_digits_run(span),
                    explanation="不动产权证书号 pattern (省简称（年份）…不动产权第N号)",
                )
            )
        return out


def _mask_digits_run(span: str) -> str:
    """Star the certificate's serial number (the last digit run), keep the rest."""
    m = list(re.finditer(r"[0-9]+", span))
    if not m:
        return span
    s, e = m[-1].span()
    return span[:s] + "*" * (e - s) + span[e:]
