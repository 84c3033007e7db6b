"""Checksummed and structured identifiers: 公民身份号码, 银行卡号, 统一社会信用代码, 护照, 通行证."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any

from gkreview.detectors import context as cx
from gkreview.detectors.base import DetectContext, Detector, mask_keep
from gkreview.detectors.checksums import (
    date_ok,
    luhn_ok,
    province_ok,
    resident_id_ok,
    resident_id_status,
    split_glued,
    uscc_ok,
)
from gkreview.detectors.text import NumberRun
from gkreview.finding import Finding

__all__ = ["BankCardDetector", "PassportDetector", "PermitDetector", "ResidentIdDetector", "UsccDetector"]


class ResidentIdDetector(Detector):
    """18-digit 公民身份号码 (GB 11643-1999: region + birth date + ISO 7064 MOD 11-2), 15-digit legacy with context."""

    name = "cn_resident_id"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "公民身份号码"
    exclusive = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.anchors = cx.cues("resident_id")  # the cue words of a table header (cue_rows)

    def validate(self, value: str) -> bool | None:
        return resident_id_status(value) == "valid"

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        words = cx.cues("resident_id")
        t = ctx.folded
        rows = partial(ctx.cue_rows, words)  # looked for only if some run needs it
        reach = cx.reach()
        for run in ctx.number_runs:
            # 18 digits wherever their shape fits; 15 only where a context word can qualify them
            long = run.starts(t, _ID18_SHAPE)
            short = run.starts(
                t,
                _ID15_SHAPE,
                only=run.reachable(reach, rows),
            )
            candidates = list(run.values(t, (18,), long))
            if short:
                candidates = sorted(candidates + list(run.values(t, (15,), short)), key=_by_start_length)
            for s, e, digits in candidates:
                if len(digits) == 18:
                    f = self._eighteen(ctx, s, e, digits, words)
                elif len(digits) == 15 and digits.isdigit():
                    f = self._fifteen(ctx, s, e, digits, words)
                else:
                    continue
                if f is not None:
                    out.append(f)
        out += self._disability_cards(ctx)
        out += self._glued(ctx)
        out += self._leading(ctx, {(f.start, f.end) for f in out}, words)
        return [g for g in (self._checked(ctx, f, words) for f in out) if g is not None]

    def _leading(
        self, ctx: DetectContext, seen: set[tuple[int, int]], words: tuple[str, ...]
    ) -> list[Finding]:
        """A valid ID number at the start of a longer digit run: another field (a date, an amount, a
        number) glued after it by extraction, e.g. 3205221988110800212021/02/03 (issue 11)."""
        out = []
        t = ctx.folded
        for run in ctx.number_runs:
            for gs, ge in run.long_groups:
                n = ge - gs
                if n == 17 and t[ge : ge + 1] in ("X", "x") and t[ge + 1 : ge + 2].isdigit():
                    pass  # …002X + 2021: the run stopped before the X because a digit follows it
                elif n <= 18 or n == 20 or n == 29:
                    continue  # a value of its own, a 残疾人证号, an ID + a mobile: looked at above
                a, b = gs, gs + 18
                if (a, b) in seen or not resident_id_ok(t[a:b]):
                    continue
                hits = cx.found(words, cx.before(t, a))
                out.append(
                    self.make(
                        a,
                        b,
                        severity="high",
                        score=0.9,
                        masked=mask_keep(ctx.text[a:b], 6, 4),
                        validated=True,
                        context_words=hits,
                        explanation="valid 公民身份号码 (region, birth date, MOD 11-2 check digit) at the start "
                        "of a longer digit run: another field glued after it by extraction",
                    )
                )
        return out

    def _checked(self, ctx: DetectContext, f: Finding, words: tuple[str, ...]) -> Finding | None:
        """The last word on an 18-character ID: its MOD 11-2 check must hold for a high finding. A
        failing one is medium (a likely typo a person should see) when the text says it is an ID
        number, else nothing."""
        if f.severity != "high":
            return f
        value = _COMPACT.sub("", ctx.folded[f.start : f.end])
        if len(value) in (18, 20) and resident_id_ok(value[:18]):
            return f
        if len(value) not in (18, 20):
            return f  # 15-digit legacy numbers have no check digit
        hits = cx.found(words, cx.before(ctx.folded, f.start)) or cx.found(words, ctx.table_header(f.start))
        if not hits:
            return None
        return replace(
            f,
            severity="medium",
            score=min(f.score, 0.6),
            validated=False,
            label="疑似公民身份号码（校验位不符）",
            explanation=f"18 digits after {'、'.join(hits)}: the MOD 11-2 check digit fails",
            context_words=tuple(hits),
        )

    def _glued(self, ctx: DetectContext) -> list[Finding]:
        """An ID number glued to a mobile number (29 digits): the reader joined two table cells."""
        from gkreview.detectors.data import mobile_prefixes

        out = []
        t = ctx.folded
        for run in ctx.number_runs:
            for s, e in run.long_groups:
                if e - s != 29:
                    continue
                cut = split_glued(t[s:e], mobile_prefixes())
                if cut is None:
                    continue
                a, b = s + cut[0], s + cut[1]
                out.append(
                    self.make(
                        a,
                        b,
                        severity="high",
                        score=0.9,
                        masked=mask_keep(ctx.text[a:b], 6, 4),
                        validated=True,
                        explanation="18-digit 公民身份号码 glued to a mobile number (two table cells joined)",
                    )
                )
        return out

    def _disability_cards(self, ctx: DetectContext) -> list[Finding]:
        """第二代残疾人证号: the holder's 18-character ID number + 残疾类别 (1–7) + 残疾等级 (1–4)."""
        out = []
        t = ctx.folded
        matches = (
            _DISABILITY_CARD_RE.match(t, s)
            for run in ctx.number_runs
            for s, e in run.long_groups
            if e - s == 20 or (e - s == 17 and t[e : e + 1] in ("X", "x"))  # 20 digits, or 17 + X + 2
        )
        for m in matches:
            if m is None or resident_id_status(m.group(1)) != "valid":
                continue
            hits = cx.found(("残疾人证", "残疾证", "证号", "证件号码"), cx.before(ctx.folded, m.start(), 30))
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="high",
                    score=0.97,
                    masked=mask_keep(ctx.text[m.start() : m.end()], 6, 0),
                    label="残疾人证号（含公民身份号码）",
                    validated=True,
                    context_words=hits,
                    explanation="20-character 残疾人证号: a valid 公民身份号码 followed by 残疾类别 and 等级 digits"
                    " (the disability is sensitive too: 个人信息保护法 第二十八条)",
                )
            )
        return out

    def _eighteen(
        self, ctx: DetectContext, s: int, e: int, digits: str, words: tuple[str, ...]
    ) -> Finding | None:
        if self.invalidate(digits):
            return None
        status = resident_id_status(digits)
        if status == "invalid":
            return None
        hits = cx.found(words, cx.before(ctx.folded, s))
        if not hits and status != "valid":  # a mistyped number in a 身份证号码 column of a 名单
            hits = cx.found(words, ctx.table_header(s))
        span = ctx.text[s:e]
        sep = " (with separators)" if e - s != 18 else ""
        if status == "valid":
            return self.make(
                s,
                e,
                severity="high",
                score=0.99 if hits else 0.95,
                masked=mask_keep(span, 6, 4),
                explanation=f"18-digit 公民身份号码{sep}: region code, birth date and MOD 11-2 check digit valid"
                + (f"; context: {'、'.join(hits)}" if hits else ""),
                validated=True,
                context_words=hits,
            )
        if hits:  # region and birth date fine, check digit wrong, but the text says it is an ID number
            return self.make(
                s,
                e,
                severity="medium",
                score=0.6,
                masked=mask_keep(span, 6, 4),
                label="疑似公民身份号码（校验位不符）",
                explanation=f"18 digits after {'、'.join(hits)}: region and birth date plausible, check digit fails",
                context_words=hits,
            )
        return None

    def _fifteen(
        self, ctx: DetectContext, s: int, e: int, digits: str, words: tuple[str, ...]
    ) -> Finding | None:
        hits = cx.found(words, cx.before(ctx.folded, s)) or cx.found(words, ctx.table_header(s))
        if (
            not hits
            or not province_ok(digits[:2])
            or not date_ok("19" + digits[6:12])
            or self.invalidate(digits)
        ):
            return None
        return self.make(
            s,
            e,
            severity="high",
            score=0.8,
            masked=mask_keep(ctx.text[s:e], 6, 3),
            label="公民身份号码（15位旧号）",
            explanation=f"15-digit legacy 身份证号 (region + YYMMDD) after {'、'.join(hits)}",
            context_words=hits,
        )


# what an 18-digit (region, 19xx/20xx birth date, sequence, check) or 15-digit (region, YYMMDD,
# sequence) number must look like before any check: candidates start only where this matches
_ID18_SHAPE = re.compile(r"(?=[1-8][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9]{4}[0-9Xx])")
_ID15_SHAPE = re.compile(r"(?=[1-8][0-9]{7}[01][0-9][0-3][0-9]{4})")


_ACCOUNT_WORDS = ("账号", "帐号", "卡号")
# a run that starts with a mobile number written 3-4-4 (138 1234 5678 …): phone numbers side by side,
# not one card (cards are grouped 4-4-4-4 or 6-13)
_MOBILE_GROUPS = re.compile(r"1[3-9]\d[ \-]\d{4}[ \-]\d{4}(?![0-9])")
_COMPACT = re.compile(r"[^0-9Xx]+")


def _by_start_length(c: tuple[int, int, str]) -> tuple[int, int]:
    return c[0], len(c[2])


_DISABILITY_CARD_RE = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx])[1-7][1-4](?![0-9A-Za-z])")


class BankCardDetector(Detector):
    """银行卡号: 16–19 digits with a Luhn check (UnionPay 62…), or an account number after 账号/卡号."""

    name = "bank_card"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "银行卡号"
    exclusive = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.anchors = cx.cues("bank")  # the cue words of a table header (cue_rows)

    def validate(self, value: str) -> bool | None:
        return luhn_ok(value)

    @staticmethod
    def _candidates(
        ctx: DetectContext, run: NumberRun, words: tuple[str, ...]
    ) -> list[tuple[int, int, str, bool]]:
        """What ``detect`` may keep, with the Luhn verdict: 16–19 digits passing the Luhn check
        anywhere, 12–25 digits only where a context word can reach (the 30 characters before the
        run, a table header)."""
        t = ctx.folded
        found = {(s, e): (d, True) for s, e, d in run.luhn_values(t, range(16, 20))}
        rows = partial(ctx.cue_rows, words)  # looked for only if some run needs it
        starts = run.reachable(30, rows)
        for s, e, d in run.values(t, range(12, 26), starts):
            found.setdefault((s, e), (d, False))
        return [(s, e, d, ok) for (s, e), (d, ok) in sorted(found.items())]

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out: list[Finding] = []
        raise_words = cx.cues("bank")
        org_words = cx.cues("bank", "organisation")
        t = ctx.folded
        for run in ctx.number_runs:
            for s, e, digits, luhn in self._candidates(ctx, run, raise_words):
                if not digits.isdigit() or not 12 <= len(digits) <= 25:
                    continue
                before = cx.before(t, s, 30)
                header = ctx.table_header(s) if "\n" in before else ""
                if header:  # a table row: the row and its column header are the context
                    before = t[ctx.line_of(s)[0] : s]
                if not luhn and not any(w in before or w in header for w in _ACCOUNT_WORDS):
                    continue  # neither a valid card number nor an account number after 账号/卡号
                if self.invalidate(digits):
                    continue
                hits = cx.found(raise_words, before) or cx.found(raise_words, header)
                if not hits and _MOBILE_GROUPS.match(t, s):
                    continue  # mobiles side by side: the mobile detector reports each one
                valid = luhn  # 16–19 digits passing the Luhn check (NumberRun.luhn_values)
                org = cx.found(org_words, before) if hits else []
                if valid:
                    if org and not any(w in before for w in ("银行卡", "卡号", "社保卡", "借记卡", "信用卡")):
                        sev, score, why = "low", 0.4, "account of an organisation (户名/单位 nearby)"
                    elif hits:
                        sev, score, why = "high", 0.97, "Luhn check valid; context"
                    elif len(digits) == 18 and resident_id_status(digits) == "checksum":
                        # region + birth date of a 身份证号 with a wrong check digit: a typo'd ID or a
                        # serial number, not clearly a card; the reviewer sees it, it is not high
                        sev, score, why = (
                            "medium",
                            0.5,
                            "Luhn valid, but shaped like a 公民身份号码 (no card context)",
                        )
                    elif digits.startswith("62"):
                        sev, score, why = "high", 0.9, "UnionPay 62 prefix, Luhn check valid"
                    else:
                        sev, score, why = "medium", 0.6, "Luhn check valid, no context"
                    out.append(
                        self.make(
                            s,
                            e,
                            severity=sev,
                            score=score,
                            masked=mask_keep(ctx.text[s:e], 4, 4),
                            validated=True,
                            explanation=f"{len(digits)}-digit card number: {why}",
                            context_words=hits,
                        )
                    )
                elif hits and any(w in before or w in header for w in _ACCOUNT_WORDS):
                    sev = "low" if org else "medium"
                    out.append(
                        self.make(
                            s,
                            e,
                            severity=sev,
                            score=0.5 if not org else 0.3,
                            masked=mask_keep(ctx.text[s:e], 4, 4),
                            label="银行账号",
                            context_words=hits,
                            explanation=f"{len(digits)}-digit account number after {'、'.join(hits)} (no Luhn check)",
                        )
                    )
        return out


_USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


class UsccDetector(Detector):
    """统一社会信用代码 (GB 32100-2015): an organisation's public code. Recognised so that it is never
    taken for a personal number; it is not reported (``report = False``)."""

    name = "uscc"
    category = "organisation_id"
    reason_code = "ART20_02"
    label = "统一社会信用代码"
    exclusive = True
    report = False

    def validate(self, value: str) -> bool | None:
        return uscc_ok(value)

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        for m in ctx.scan_ascii(_USCC_RE):
            code = m.group()
            if not _left_bounded(ctx.folded, m.start()):
                continue
            hits = cx.found(
                ("统一社会信用代码", "信用代码", "社会信用代码", "组织机构代码", "纳税人识别号"),
                cx.before(ctx.folded, m.start(), 30),
            )
            if not hits and code.isdigit() and _id_shaped(code):
                continue  # 18 digits shaped like a 身份证号 (region + birth date): not protected as a code
            if not uscc_ok(code):  # (the check last: python-stdnum's is the costly test here)
                continue
            out.append(
                self.make(
                    m.start(),
                    m.end(),
                    severity="high" if hits else "low",
                    score=0.99 if hits else 0.9,
                    masked=code,
                    validated=True,
                    context_words=hits,
                    explanation="GB 32100 check character valid: an organisation code, published by law",
                )
            )
        return out


# a space may follow the first letter: PDF text extraction splits Latin letters set in a CJK font
_PASSPORT_RE = re.compile(r"[DEGKMPS][ \t]?[0-9A-HJ-NP-Z][0-9]{7}(?![A-Za-z0-9])")
_PASSPORT_FORMS = re.compile(
    r"E[0-9A-HJ-NP-Z][0-9]{7}|[EGDSP][0-9]{8}|[DSP]E[0-9]{7}|K[0-9]{8}|M[AB][0-9]{7}"
)


class PassportDetector(Detector):
    name = "passport"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "护照号码"
    exclusive = True

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        words = cx.cues("passport")
        for m in ctx.scan_ascii(_PASSPORT_RE):
            v = m.group().replace(" ", "").replace("\t", "")
            if (
                not _left_bounded(ctx.folded, m.start())
                or not _PASSPORT_FORMS.fullmatch(v)
                or self.invalidate(v)
            ):
                continue
            hits = cx.found(words, cx.before(ctx.folded, m.start())) or cx.found(
                words, ctx.table_header(m.start())
            )
            masked = mask_keep(ctx.text[m.start() : m.end()], 1, 2)
            if hits:
                out.append(
                    self.make(
                        m.start(),
                        m.end(),
                        severity="high",
                        score=0.9,
                        masked=masked,
                        context_words=hits,
                        explanation=f"passport number pattern after {'、'.join(hits)}",
                    )
                )
            elif v[0] in "EG" and v[1:].isdigit():
                out.append(
                    self.make(
                        m.start(),
                        m.end(),
                        severity="medium",
                        score=0.5,
                        masked=masked,
                        explanation="ordinary passport pattern (E/G + 8 digits), no context",
                    )
                )
        return out


_HKMO_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:C[ \t]?[0-9A-HJ-NP-Z][0-9]{7}|W[ \t]?[0-9]{8}|[HM][ \t]?[0-9]{8}(?:[0-9]{2})?)(?![A-Za-z0-9])"
)
_TW_RE = re.compile(r"(?<![A-Za-z0-9])(?:L[0-9]{8}|[0-9]{8}(?:[0-9]{2})?)(?![A-Za-z0-9])")


class PermitDetector(Detector):
    """往来港澳通行证 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证: only with context words."""

    name = "travel_permit"
    category = "personal_info"
    reason_code = "ART15_PRIVACY"
    label = "港澳台通行证号码"
    exclusive = True

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.anchors = (*cx.cues("hk_macao_permit"), *cx.cues("tw_permit"))

    def detect(self, ctx: DetectContext) -> list[Finding]:
        out = []
        for kind, rx, label in (
            ("hk_macao_permit", _HKMO_RE, "港澳通行证号码"),
            ("tw_permit", _TW_RE, "台湾居民通行证号码"),
        ):
            words = cx.cues(kind)
            anchors = [i + len(w) for w in words for i in ctx.find_all(w)]
            if not anchors:
                continue
            seen: set[int] = set()
            for a in sorted(anchors):
                for m in rx.finditer(ctx.folded, a, min(len(ctx.folded), a + 40)):
                    if m.start() in seen or self.invalidate(m.group()):
                        continue
                    seen.add(m.start())
                    hits = cx.found(words, cx.before(ctx.folded, m.start(), 40))
                    out.append(
                        self.make(
                            m.start(),
                            m.end(),
                            severity="high",
                            score=0.85,
                            label=label,
                            masked=mask_keep(ctx.text[m.start() : m.end()], 1, 2),
                            context_words=hits,
                            explanation=f"{label} pattern after {'、'.join(hits)}",
                        )
                    )
        return out


def _id_shaped(digits: str) -> bool:
    """``resident_id_status(digits) != "invalid"``, the cheap tests (province, birth date) first."""
    if province_ok(digits[:2]) and date_ok(digits[6:14]):
        return True
    return resident_id_status(digits) != "invalid"


def _left_bounded(t: str, pos: int) -> bool:
    return pos == 0 or not (t[pos - 1].isascii() and t[pos - 1].isalnum())
