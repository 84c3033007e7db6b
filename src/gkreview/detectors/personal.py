"""Personal details that need structure rather than a checksum: home address, names, 车牌."""

from __future__ import annotations

import re

from gkreview.detectors import context as cx
from gkreview.detectors.base import DetectContext, Detector, mask_range
from gkreview.detectors.data import place_names, surnames
from gkreview.finding import Finding

__all__ = ["AddressDetector", "NameDetector", "PlateDetector"]

_HAN = r"\u4e00-\u9fff"
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


def _starts_with_place(value: str) -> bool:
    names = place_names()
    return any(value[:k] in names for k in range(2, 9))


def mask_address(value: str) -> str:
    """Keep the address down to the 街道/乡镇 (or the 区/县 when there is none); star the rest."""
    cuts = [m.end() for m in _STREET_CUT.finditer(value)] or [m.end() for m in _AREA_CUT.finditer(value[:16])]
    return mask_range(value, cuts[-1] if cuts else 0)


class AddressDetector(Detector):
    name = "home_address"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "家庭住址"

    @staticmethod
    def _agency_address(t: str, pos: int) -> bool:
        """plain 地址: an agency's own address unless a person is named just before."""
        if any(w in t[max(0, pos - 4) : pos + 2] for w in _ORG_ADDR):
            return True
        return not cx.found(
            ("姓名", "申请人", "当事人", "户主", "本人", "家属", "身份证"), t[max(0, pos - 40) : pos]
        )

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        t = ctx.folded
        taken: list[tuple[int, int]] = []
        for m in _ADDR_TRIGGER.finditer(t):
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
        for m in _ADDR_BARE.finditer(t):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if any(w in t[max(0, m.start() - 8) : m.start()] for w in _ORG_ADDR):
                continue
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="medium",
                    score=0.6,
                    masked=mask_address(ctx.text[m.start() : m.end()]),
                    explanation="residential address with 单元/室 (no trigger word)",
                )
            )
        return out


_NAME_TRIGGER = re.compile(
    rf"(姓名|申请人姓名|申请人|被申请人|当事人|户主姓名|户主|被处罚人|被检查人|举报人|投诉人|患者姓名|患者|监护人|被监护人|死者|受害人|被害人|学生姓名|救助对象)"
    rf"[ \t]*[:：][ \t]*([{_HAN}·]{{2,5}})(?=先生|女士|同志|[，,、；;。\s（()：:]|$)"
)
_NAME_SEX = re.compile(
    rf"(?:^|(?<=[\n，,。；;：:\s])|(?<=申请人)|(?<=当事人)|(?<=户主)|(?<=患者)|(?<=被告人)|(?<=被申请人)|(?<=被处罚人))"
    rf"([{_HAN}]{{2,4}})[，,、 ]{{1,2}}(男|女)[，,、 ]{{1,2}}(?=[{_HAN}0-9])",
    re.M,
)
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
    ]
)


class NameDetector(Detector):
    """A person's name in a personal context (姓名：…, 申请人：…, …，男，…) — medium severity."""

    name = "person_name"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "姓名"

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
        for m in _NAME_TRIGGER.finditer(t):
            name = m.group(2)
            if not self._is_name(name):
                continue
            s, e = m.start(2), m.end(2)
            seen.add(s)
            out.append(
                self.make(
                    s,
                    e,
                    severity="medium",
                    score=0.7,
                    masked=mask_range(ctx.text[s:e], 1),
                    context_words=(m.group(1),),
                    explanation=f"name after {m.group(1)}：",
                )
            )
        if "男" in t or "女" in t:
            for m in _NAME_SEX.finditer(t):
                name = m.group(1)
                if m.start(1) in seen or not self._is_name(name):
                    continue
                s, e = m.start(1), m.end(1)
                out.append(
                    self.make(
                        s,
                        e,
                        severity="medium",
                        score=0.65,
                        masked=mask_range(ctx.text[s:e], 1),
                        context_words=(m.group(2),),
                        explanation="name followed by sex (…，男/女，…)",
                    )
                )
        return out


_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][ \t·.]?[A-HJ-NP-Z][ \t·.]?"
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
        for m in _PLATE_RE.finditer(ctx.folded):
            v = m.group()
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
