"""Contact details: 手机号码, 固定电话, 电子邮箱. Agency contact lines (条例第二十条（二）) stay low."""

from __future__ import annotations

import re
from bisect import bisect_left

from gkreview.detectors import context as cx
from gkreview.detectors.base import DetectContext, Detector, mask_keep
from gkreview.detectors.checksums import resident_id_ok, split_glued
from gkreview.detectors.data import area_codes, mobile_prefixes, surnames
from gkreview.finding import Finding

__all__ = ["EmailDetector", "ImAccountDetector", "LandlineDetector", "MobileDetector"]

_MOBILE_SHAPE = re.compile(r"(?=(?:86)?1[3-9][0-9]{9})")
_TRUNK_SHAPE = re.compile(r"(?=0[0-9]{9})")
_NAME_BEFORE = re.compile(r"(?:^|[\s，,、:：；;])([\u4e00-\u9fff])[ \t\u3000]?[\u4e00-\u9fff]{1,2}[ \t:：]*$")
_PERSON_CUES = (
    "姓名",
    "申请人",
    "当事人",
    "户主",
    "本人",
    "个人",
    "家属",
    "监护人",
    "被申请人",
    "患者",
    "住址",
)


class MobileDetector(Detector):
    name = "cn_mobile"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "手机号码"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        prefixes = mobile_prefixes()
        raise_w, lower_w = cx.cues("phone"), cx.cues("phone", "lower")
        for run in ctx.number_runs:
            for gs, ge in run.long_groups:  # a mobile glued to an ID number (two table cells joined)
                cut = split_glued(ctx.folded[gs:ge], prefixes) if ge - gs == 29 else None
                if cut is None and 14 <= ge - gs <= 15 and ctx.folded[gs - 1 : gs] == "*":
                    # the visible tail of a masked ID (110105********0021) glued to a mobile
                    tail = ctx.folded[ge - 11 : ge]
                    cut = (0, 18) if tail[:3] in prefixes and not self.invalidate(tail) else None
                    if cut is not None:
                        gs = ge - 29
                if cut is not None:
                    a, b = (gs + 18, ge) if cut[0] == 0 else (gs, gs + 11)
                    out.append(
                        self.make(
                            a,
                            b,
                            severity="high",
                            score=0.9,
                            masked=_mask_phone(ctx.text[a:b]),
                            explanation="mobile number glued to a 公民身份号码 (two table cells joined)",
                        )
                    )
            for s, e, digits in run.values(ctx.folded, (11, 13), run.starts(ctx.folded, _MOBILE_SHAPE)):
                if len(digits) == 13 and digits.startswith("86"):
                    digits = digits[2:]
                if (
                    len(digits) != 11
                    or not digits.isdigit()
                    or digits[:3] not in prefixes
                    or self.invalidate(digits)
                ):
                    continue
                win = cx.window(ctx.folded, s, e)
                lower = cx.found(lower_w, win)
                hits = cx.found(raise_w, cx.before(ctx.folded, s))
                masked = _mask_phone(ctx.text[s:e])
                if lower:
                    out.append(
                        self.make(
                            s,
                            e,
                            severity="low",
                            score=0.5,
                            masked=masked,
                            context_words=lower,
                            explanation=f"mobile number in an agency contact line ({'、'.join(lower)}); 条例第二十条（二）",
                        )
                    )
                else:
                    nm = None if hits else _NAME_BEFORE.search(ctx.folded, max(0, s - 8), s)
                    named = nm is not None and nm.group(1) in surnames()[0]
                    row_id = not hits and not named and _row_has_resident_id(ctx, s)
                    column = not (hits or named or row_id) and _personal_column(ctx, s, raise_w, lower_w)
                    sev = "high" if hits or named or row_id or column else "medium"
                    why = (
                        f"context: {'、'.join(hits)}"
                        if hits
                        else "a name just before"
                        if named
                        else "in a row with a 公民身份号码"
                        if row_id
                        else "in a table column headed 电话/手机 (名单)"
                        if column
                        else "no context"
                    )
                    out.append(
                        self.make(
                            s,
                            e,
                            severity=sev,
                            score=0.95 if sev == "high" else 0.75,
                            masked=masked,
                            context_words=hits,
                            explanation=f"11-digit mobile number (1[3-9] prefix in the numbering plan); {why}",
                        )
                    )
        return out


def _row_has_resident_id(ctx: DetectContext, pos: int) -> bool:
    """True when the line holding ``pos`` (a 名单 row, ≤ 120 characters) also holds a valid ID number."""
    ls, le = ctx.line_of(pos)
    if le - ls > 120:
        return False
    runs = ctx.number_runs
    i = bisect_left(ctx.run_starts, ls)
    while i < len(runs) and runs[i].start < le:
        for _s, _e, digits in runs[i].values(ctx.folded, (18,)):
            if resident_id_ok(digits):
                return True
        i += 1
    return False


def _personal_column(
    ctx: DetectContext, pos: int, raise_w: tuple[str, ...], lower_w: tuple[str, ...]
) -> bool:
    """True when ``pos`` sits in a table (名单) whose header row names a phone column of persons."""
    header = ctx.table_header(pos)
    return bool(header) and bool(cx.found(raise_w, header)) and not cx.found(lower_w, header)


def _mask_phone(span: str) -> str:
    # 138****1234: keep the first 3 and last 4 digits (a +86 prefix stays visible)
    digits = sum(c.isdigit() for c in span)
    return mask_keep(span, 3 + (digits - 11 if digits > 11 else 0), 4)


class LandlineDetector(Detector):
    name = "cn_landline"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "固定电话"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        codes = area_codes()
        raise_w, lower_w, personal_w = (
            cx.cues("phone"),
            cx.cues("phone", "lower"),
            cx.cues("landline_personal"),
        )
        for run in ctx.number_runs:
            # 0 + area code + local number anywhere; 7–8 local digits only after a context word,
            # which the 16 characters before them can hold only near the run's start
            for s, e, digits in run.values(
                ctx.folded, range(7, 13), run.starts(ctx.folded, _TRUNK_SHAPE, near=16)
            ):
                if not digits.isdigit():
                    continue
                if digits[0] == "0" and 10 <= len(digits) <= 12:
                    code = digits[:3] if digits[:3] in codes else digits[:4] if digits[:4] in codes else None
                    if code is None:
                        continue
                    local = digits[len(code) :]
                    if not 7 <= len(local) <= 8 or local[0] in "01":
                        continue
                    need_context, head = False, len(code)  # show the area code, never local digits
                elif 7 <= len(digits) <= 8 and digits[0] not in "01":
                    need_context, head = True, 0
                else:
                    continue
                if self.invalidate(digits):
                    continue
                before = cx.before(ctx.folded, s, 16)
                hits = cx.found(raise_w, before)
                if need_context and not hits:
                    continue
                personal = cx.found(personal_w, cx.before(ctx.folded, s, 30))
                lower = cx.found(lower_w, cx.window(ctx.folded, s, e))
                masked = mask_keep(ctx.text[s:e], head, 4)
                if personal and not lower:
                    sev, score, why = "medium", 0.7, f"landline in a personal context ({'、'.join(personal)})"
                else:
                    sev, score, why = (
                        "low",
                        0.4,
                        "landline number" + (" (agency contact line)" if lower else ""),
                    )
                out.append(
                    self.make(
                        s,
                        e,
                        severity=sev,
                        score=score,
                        masked=masked,
                        context_words=personal or lower or hits,
                        explanation=why,
                    )
                )
        return out


_WRAP = r"(?:[ \t]*\n[ \t]*)?"  # a line break typed or wrapped next to the @ or a dot
_EMAIL_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}{_WRAP}@{_WRAP}[A-Za-z0-9-]+"
    rf"(?:{_WRAP}\.{_WRAP}[A-Za-z0-9-]+)*{_WRAP}\.{_WRAP}[A-Za-z]{{2,}}"
)


class EmailDetector(Detector):
    name = "email"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "电子邮箱"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        if "@" not in ctx.folded:
            return []
        out = []
        org_domains = cx.cues("email", "organisation_domains")
        personal_domains = cx.cues("email", "personal_domains")
        lower_w = cx.cues("email", "lower") + cx.cues("phone", "lower")
        for m in ctx.scan_ascii(_EMAIL_RE):
            local, _, domain = "".join(m.group().split()).partition("@")
            domain = domain.lower()
            lower = cx.found(lower_w, cx.window(ctx.folded, m.start(), m.end()))
            person = cx.found(_PERSON_CUES, cx.before(ctx.folded, m.start(), 30))
            masked = mask_keep(local, 1, 0) + "@" + domain
            if any(domain == d or domain.endswith("." + d) for d in org_domains) or (lower and not person):
                sev, score, why = "low", 0.35, "organisation address or agency contact line"
            elif person:
                sev, score, why = "high", 0.9, f"e-mail address of a person ({'、'.join(person)})"
            elif any(domain == d for d in personal_domains):
                sev, score, why = "medium", 0.7, "e-mail address at a personal mail provider"
            else:
                sev, score, why = "medium", 0.55, "e-mail address"
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity=sev,
                    score=score,
                    masked=masked,
                    context_words=person or lower,
                    explanation=why,
                )
            )
        return out


_IM_RE = re.compile(
    r"(QQ|qq|微信|微信号|微信账号|钉钉号)[ \t]*(?:号码|号)?[ \t]*[:：]?[ \t]*"
    r"([1-9][0-9]{4,11}|[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9@.])"
)
_IM_ORG = ("公众号", "官方", "政务", "客服", "服务号", "小程序", "视频号", "咨询", "举报", "投诉")


class ImAccountDetector(Detector):
    """QQ号 / 微信号 of a person (网络身份标识信息, GB/T 35273 附录B); official accounts stay low."""

    name = "im_account"
    anchors = ("QQ", "qq", "微信", "钉钉")
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "即时通讯账号"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        out: list[Finding] = []
        last = -1
        for p in sorted(p for w in ("QQ", "qq", "微信", "钉钉") for p in ctx.find_all(w)):
            if p < last:
                continue
            m = _IM_RE.match(t, p)
            if m is None:
                continue
            last = m.end()
            s, e = m.span(2)
            org = cx.found(_IM_ORG, cx.before(t, p, 16) + t[p : m.start(2)])
            person = cx.found((*_PERSON_CUES, "联系人"), cx.before(t, p, 30))
            sev, score = ("low", 0.35) if org and not person else ("medium", 0.7)
            out.append(
                self.make(
                    s,
                    e,
                    severity=sev,
                    score=score,
                    masked=mask_keep(ctx.text[s:e], 1, 2),
                    context_words=tuple(org or person or [m.group(1)]),
                    explanation=f"{m.group(1)} account"
                    + (" of an official account" if sev == "low" else " (网络身份标识信息 of a person)"),
                )
            )
        return out


class GluedNumberDetector(Detector):
    """A digit run too long to be one value, right after a phone or ID cue word, that begins or ends
    with a mobile number or a valid 公民身份号码: values glued together when text extraction joined two
    lines or table cells (联系电话：138…5678 + 139…). No other detector sees such a run as a value, so
    without this it would be a silent miss."""

    name = "glued_number"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "疑似粘连的个人号码"
    stage = 2  # only runs that no identifier detector (stage 1) took as a value

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        prefixes = mobile_prefixes()
        taken = bytearray(len(ctx.folded))  # the characters an earlier finding covers
        for f in ctx.findings:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        cue_words = cx.cues("phone") + cx.cues("resident_id")
        for run in ctx.number_runs:
            for gs, ge in run.long_groups:
                digits = ctx.folded[gs:ge]
                if ge - gs < 12 or ge - gs == 29 or not digits.isdigit():
                    continue  # 29 = ID + mobile: the mobile and ID detectors split those already
                if taken.find(1, gs, ge) >= 0:
                    continue
                hits = cx.found(cue_words, cx.before(ctx.folded, gs, 12))
                if not hits:
                    continue
                mobile = digits[:3] in prefixes or digits[-11:-8] in prefixes
                valid_id = (len(digits) > 18 and resident_id_ok(digits[:18])) or resident_id_ok(digits[-18:])
                if not (mobile or valid_id):
                    continue
                out.append(
                    self.make(
                        gs,
                        ge,
                        severity="high" if valid_id else "medium",
                        score=0.8 if valid_id else 0.6,
                        masked=mask_keep(ctx.text[gs:ge], 3, 2),
                        context_words=hits,
                        explanation=(
                            f"{ge - gs}-digit run after {'、'.join(hits)} that starts or ends with "
                            f"{'a valid 公民身份号码' if valid_id else 'a mobile number'}: values glued together"
                            " by extraction; check the original"
                        ),
                    )
                )
        return out
