"""国家秘密标志 (密级★保密期限) and 工作秘密 / 内部 marks.

A secrecy mark is the level, a star and a period (保密法第二十二条; 实施条例第二十一条), normally in
the header region (GB/T 9704: 版心左上角, under the 份号). The words 秘密/机密 in running text
(保守国家秘密, 商业秘密) are not marks. 工作秘密 is not a ground of the 条例 (DOMAIN.md §4.4): it is
mapped to 第十六条 and sent to a human.
"""

from __future__ import annotations

import re

from gkreview.detectors.base import DetectContext, Detector
from gkreview.detectors.text import line_bounds
from gkreview.finding import Finding

__all__ = ["SecrecyMarkDetector", "WorkSecretDetector"]

_STAR = "★☆*✭✮⭐✩✪✫✬✯✰"
_PERIOD = r"(?:[0-9一二三四五六七八九十]+[ \t]*(?:年|个月)|长期|启用前|[^\s，。,；;”\"」』)）]{1,12}?(?:前|后解密|解密))"
# letter-spaced forms (机 密 ★ 5 年) come out of PDF headers set with wide spacing
_LEVEL = r"(绝[ \t]{0,2}密|机[ \t]{0,2}密|秘[ \t]{0,2}密)"
_PERIOD_SPACED = r"(?:[0-9一二三四五六七八九十][ \t]?)+[ \t]*(?:年|个[ \t]?月)"
_MARK_RE = re.compile(rf"{_LEVEL}[ \t]*[{re.escape(_STAR)}][ \t]*({_PERIOD_SPACED}|{_PERIOD})?")
_BARE_LINE_RE = re.compile(rf"^[ \t]*{_LEVEL}(?:[ \t]*([0-9]+[ \t]*年|长期))?[ \t]*$", re.M)
# the level written in a field (发文稿纸, 审批表, 版头 tables): 密级：机密 / 密级\t秘密★1年
_FIELD_RE = re.compile(
    rf"密[ \t]*级[ \t]*[:：]?[ \t]*{_LEVEL}(?:[ \t]*[{re.escape(_STAR)}][ \t]*({_PERIOD_SPACED}|{_PERIOD}))?(?![、和或与及])"
)
# a statement on the document: （此件属机密，不得外传）
_STATEMENT_RE = re.compile(rf"此件(?:属于|属|为|系)[ \t]*{_LEVEL}(?:级)?(?:[^、和或与及]|$)")
# a bare level in brackets: （秘密） / (机密 1年) — a mark that lost or never had its ★
_BARE_BRACKET_RE = re.compile(rf"[（(【\[][ \t]*{_LEVEL}(?:[ \t]*([0-9]+[ \t]*年|长期))?[ \t]*[)）】\]]")
_OPEN = "（(【[〔"
_DESCRIBED = re.compile(r"标注|标明|标有|注明|标识|例如|如[：:]?$|字样")
_COPY_NO_RE = re.compile(r"^[ \t]*(?:份号[:：]?[ \t]*)?([0-9]{6})[ \t]*$", re.M)
_MARK_FILLER = re.compile(r"[\s（）()【】\[\]★☆*，,。、:：;；\-—]+")
_MARK_WORDS = re.compile(
    r"注意保存|注意保密|注意保管|妥善保管|请勿外传|不得外传|不得翻印|此件|密级|保密期限|份号|[0-9]+"
    r"|内部传阅|内部资料|内部使用|内部文件|(?:阅后|用后|会后)(?:收回|退回|清退)"
)
_QUOTES = "“\"「『‘《'"


def _line_ends(t: str, pos: int) -> bool:
    """True when only spaces/tabs follow ``pos`` on its line: a ``$`` that matched at the end of the
    header region (``endpos``), which may fall inside a line, is not taken for a line end."""
    return not t[pos : line_bounds(t, pos)[1]].strip(" \t")


class SecrecyMarkDetector(Detector):
    name = "secrecy_mark"
    anchors = ("密",)
    category = "secrecy_mark"
    reason_code = "ART14_STATE_SECRET"
    label = "国家秘密标志"

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        out: list[Finding] = []
        hdr = ctx.header_end
        marks = []
        for p in ctx.find_all("密"):
            for back in (1, 2, 3):  # the level's first character, maybe letter-spaced
                m = _MARK_RE.match(t, p - back) if p >= back else None
                if m is not None:
                    marks.append(m)
                    break
        if marks or "密" in t[:hdr]:
            out += self._star_marks(ctx, marks)
            out += self._bare_header_marks(ctx, out)
        mi = ctx.find_all("密")  # shared with the mark search above: no extra pass over the text
        out += self._statements(ctx, mi, out)
        out += self._fields(ctx, mi, out)
        out += self._malformed(ctx, out)
        out += self._from_parser(ctx, out)
        out += self._copy_numbers(ctx, out)
        return out

    def _star_marks(self, ctx: DetectContext, marks: list[re.Match[str]]) -> list[Finding]:
        """Marks with ★ (秘密★1年): high in the header, at a line start, in brackets or running text."""
        t, hdr = ctx.folded, ctx.header_end
        out: list[Finding] = []
        for m in marks:
            s, e = m.start(), m.end()
            level, period = (
                m.group(1).replace(" ", "").replace("\t", ""),
                (m.group(2) or "").replace(" ", ""),
            )
            ls, _ = ctx.line_of(s)
            quoted = any(q in t[max(0, s - 2) : s] for q in _QUOTES)
            if quoted:
                sev, score, where = "low", 0.3, "quoted in running text"
            elif s < hdr:
                sev, score, where = "high", 0.97, "in the header region"
            elif not t[ls:s].strip() or t[ls:s].strip().startswith("附件"):
                sev, score, where = "high", 0.85, "at the start of a line (section or attachment mark)"
            elif t[s - 1 : s] in _OPEN:
                # （秘密★1年） before a paragraph: a paragraph-level mark, wherever it stands
                sev, score, where = "high", 0.85, "in brackets in the body (paragraph-level mark)"
            elif _DESCRIBED.search(t, max(ls, s - 6), s):
                sev, score, where = "medium", 0.6, "named in running text (标注/标明…)"
            else:
                # any ★ mark in the body stops publication until 保密审查 has looked at it
                sev, score, where = "high", 0.8, "inside running text"
            out.append(
                self._mark(
                    ctx, s, e, level, period, sev, score, f"{level}★{period or '（未标期限）'} {where}"
                )
            )
        return out

    def _bare_header_marks(self, ctx: DetectContext, found: list[Finding]) -> list[Finding]:
        """A level alone on a header line (the ★ may be lost in extraction)."""
        t, hdr = ctx.folded, ctx.header_end
        out: list[Finding] = []
        for m in _BARE_LINE_RE.finditer(t, 0, hdr):
            if any(f.start <= m.start(1) < f.end for f in (*found, *out)) or not _line_ends(t, m.end()):
                continue
            period = (m.group(2) or "").replace(" ", "")
            level = m.group(1).replace(" ", "").replace("\t", "")
            out.append(
                self._mark(
                    ctx,
                    m.start(1),
                    m.end(2) if m.group(2) else m.end(1),
                    level,
                    period,
                    "high",
                    0.85,
                    f"密级 {level} alone on a header line (★ may be lost in extraction)",
                )
            )
        return out

    def _statements(self, ctx: DetectContext, mi: list[int], found: list[Finding]) -> list[Finding]:
        """此件属机密: a marking statement."""
        t = ctx.folded
        out: list[Finding] = []
        for q in mi:
            p = t.rfind("此件", max(0, q - 8), q)
            m = _STATEMENT_RE.match(t, p) if p >= 0 else None
            if m is not None and not any(f.start <= m.start(1) < f.end for f in (*found, *out)):
                level = m.group(1).replace(" ", "").replace("\t", "")
                out.append(
                    self._mark(
                        ctx,
                        m.start(1),
                        m.end(1),
                        level,
                        "",
                        "high",
                        0.85,
                        f"此件属{level}: a marking statement",
                    )
                )
        return out

    def _fields(self, ctx: DetectContext, mi: list[int], found: list[Finding]) -> list[Finding]:
        """密级：秘密 as a form field."""
        t = ctx.folded
        out: list[Finding] = []
        for p in mi:
            m = _FIELD_RE.match(t, p) if t[p + 1 : p + 2] == "级" or t[p + 1 : p + 2] in " \t" else None
            if m is None or any(f.start < m.end() and m.start(1) < f.end for f in (*found, *out)):
                continue
            if any(q in t[max(0, m.start() - 2) : m.start()] for q in _QUOTES):
                continue
            level = m.group(1).replace(" ", "").replace("\t", "")
            period = (m.group(2) or "").replace(" ", "")
            out.append(
                self._mark(
                    ctx,
                    m.start(1),
                    m.end(2) if m.group(2) else m.end(1),
                    level,
                    period,
                    "high",
                    0.9,
                    f"密级 field: {level}",
                )
            )
        return out

    def _from_parser(self, ctx: DetectContext, found: list[Finding]) -> list[Finding]:
        """The 公文 parser's secrecy element, when no mark above covers it."""
        t = ctx.folded
        out: list[Finding] = []
        gw = ctx.gongwen
        if gw is not None and gw.secrecy is not None and 0 <= gw.secrecy.start < gw.secrecy.end <= len(t):
            s, e = gw.secrecy.start, gw.secrecy.end
            if not any(f.start < e and s < f.end for f in found):
                out.append(
                    self._mark(
                        ctx,
                        s,
                        e,
                        gw.secrecy.level,
                        gw.secrecy.period or "",
                        "high",
                        0.9,
                        "secrecy mark found by the 公文 parser",
                    )
                )
        return out

    def _copy_numbers(self, ctx: DetectContext, found: list[Finding]) -> list[Finding]:
        """份号 lines in the header: medium when the document carries a high secrecy mark."""
        t, hdr = ctx.folded, ctx.header_end
        out: list[Finding] = []
        marked = any(f.severity == "high" for f in found)
        for m in _COPY_NO_RE.finditer(t, 0, hdr):
            if not _line_ends(t, m.end()):
                continue
            s, e = m.start(1), m.end(1)
            out.append(
                self.make(
                    s,
                    e,
                    severity="medium" if marked else "low",
                    score=0.6 if marked else 0.3,
                    label="份号",
                    masked=t[s:e],
                    explanation="份号 line in the header (涉密公文 carry a 6-digit 份号)"
                    + ("; the document carries a secrecy mark" if marked else ""),
                    extra={"element": "copy_number"},
                )
            )
        return out

    def _malformed(self, ctx: DetectContext, found: list[Finding]) -> list[Finding]:
        """A level standing like a mark but without ★ and period: （秘密） in the body, or a body line
        that is only 秘密 / 机密 1年. Medium: the mark is malformed (实施条例 第二十一条), a person checks."""
        t = ctx.folded
        hdr = ctx.header_end
        out: list[Finding] = []
        for p in ctx.find_all("密"):
            m = None
            for back in (1, 2, 3):
                if p < back:
                    break
                m = _BARE_BRACKET_RE.match(t, p - back) or (
                    _BARE_LINE_RE.match(t, p - back) if p - back >= hdr else None
                )
                if m is not None:
                    break
            if m is None:
                continue
            s, e = m.start(1), (m.end(2) if m.group(2) else m.end(1))
            if any(f.start < e and s < f.end for f in (*found, *out)):
                continue
            if m.re is _BARE_LINE_RE and not (
                t[m.start() - 1 : m.start()] in ("", "\n") and _line_ends(t, m.end())
            ):
                continue
            level = m.group(1).replace(" ", "").replace("\t", "")
            gw = ctx.gongwen
            county = (
                gw is not None and bool(gw.issuer) and any(k in str(gw.issuer) for k in ("县", "乡", "镇"))
            )
            out.append(
                self.make(
                    s,
                    e,
                    severity="medium",
                    score=0.6,
                    masked=ctx.text[s:e],
                    label="不规范的国家秘密标志",
                    context_words=(level,),
                    explanation=f"{level} stands like a secrecy mark but without ★ and 保密期限: a malformed mark "
                    "(保守国家秘密法实施条例 第二十一条: 国家秘密标志应当标注密级、保密期限); confirm whether the "
                    "information was classified (保密审查)"
                    + (
                        "; a county-level body has no original 定密权 (保守国家秘密法 第十七条)"
                        if county
                        else ""
                    ),
                    extra={"level": level, "period": None, "malformed": True},
                )
            )
        return out

    def _mark(
        self, ctx: DetectContext, s: int, e: int, level: str, period: str, sev: str, score: float, why: str
    ) -> Finding:
        return self.make(
            s,
            e,
            severity=sev,
            score=score,
            masked=ctx.text[s:e],
            validated=sev == "high",
            explanation=f"国家秘密标志 {why} (保密法第二十二条)",
            context_words=(level,),
            extra={"level": level, "period": period or None},
        )


_SCOPE_LABEL = "发至范围（印发传达范围）"
_NO_WEB_BRACKET = re.compile(
    r"[（(](?:不得|严禁|禁止|请勿)(?:上网|公开发布|对外公开|对外发布)[^)）\n]{0,6}[)）]"
)
# (pattern, where it counts, severity, score, label)
_WORK_MARKS: tuple[tuple[re.Pattern[str], str, str, float, str], ...] = (
    (
        re.compile(r"内部(?:资料|刊物|材料)[，,、 \t]*(?:注意|请)(?:保存|保密|保管|妥善保管)"),
        "anywhere",
        "high",
        0.9,
        "内部资料标志",
    ),
    (
        re.compile(
            r"内部(?:文件|资料|使用|刊物|材料)[，,、 \t]*(?:不得|严禁|请勿|禁止)(?:外传|翻印|复制|公开|上网|扩散)"
        ),
        "anywhere",
        "high",
        0.9,
        "内部文件标志",
    ),
    (re.compile(r"此件属(?:于)?工作秘密"), "anywhere", "high", 0.9, "工作秘密标志"),
    (
        re.compile(r"工作秘密[，,、 \t]*(?:注意保密|严禁|不得)[^。\n]{0,20}"),
        "edge",
        "high",
        0.9,
        "工作秘密标志",
    ),
    (re.compile(r"工作秘密"), "edge", "high", 0.85, "工作秘密标志"),
    (re.compile(r"内部资料|内部文件|内部使用"), "edge", "medium", 0.7, "内部标志"),
    (re.compile(r"(?:不得|严禁)翻印"), "edge", "medium", 0.7, "不得翻印"),
    (re.compile(r"严禁通过互联网[^。\n]{0,30}?(?:传播|发布|传递)"), "edge", "high", 0.85, "工作秘密标志"),
    (
        re.compile(
            r"此件[^。\n，,]{0,4}?(?:不得|严禁|禁止|请勿)(?:上网|在(?:互联网|网上)|公开发布|对外公开|对外发布)"
        ),
        "anywhere",
        "high",
        0.85,
        "不得上网/公开标志",
    ),
    (
        _NO_WEB_BRACKET,
        "edge",
        "high",
        0.85,
        "不得上网/公开标志",
    ),
    (re.compile(r"(?:阅后|用后|会后)(?:收回|退回|清退)"), "edge", "medium", 0.7, "阅后收回（内部发行）"),
    (re.compile(r"(?:此件)?(?:仅|只)?供(?:领导|内部)?参阅"), "edge", "medium", 0.65, "仅供参阅（内部发行）"),
    (re.compile(r"内部明电|内部传阅"), "edge", "medium", 0.7, "内部标志"),
    (
        re.compile(r"[（(]此件(?:只|仅)?发至[^)）\n]{1,10}[)）]"),
        "anywhere",
        "medium",
        0.6,
        _SCOPE_LABEL,
    ),
)


# the detector's anchors: found with every other detector's in one pass over the text
_ANCHOR_WORDS = ("内部", "工作秘密", "翻印", "互联网", "此件", "收回", "参阅", "清退")  # fmt: skip


class WorkSecretDetector(Detector):
    name = "work_secret"
    anchors = _ANCHOR_WORDS
    category = "work_secret"
    reason_code = "ART16_INTERNAL_AFFAIRS"
    label = "工作秘密/内部标志"

    def detect(self, ctx: DetectContext) -> list[Finding]:
        t = ctx.folded
        anchors = sorted(p for w in _ANCHOR_WORDS for p in ctx.find_all(w))
        hdr, ftr = ctx.header_end, max(0, len(t) - 300)
        windows: list[tuple[int, int]] = []
        # the header and footer regions are always searched (bracketed marks such as （不得公开发布）
        # stand there); elsewhere only around the anchor words
        for lo, hi in ((max(0, p - 12), min(len(t), p + 40)) for p in anchors):  # merged windows
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
        out: list[Finding] = []
        edges = [
            (0, hdr),
            (ftr, len(t)),
        ]  # bracketed 不得上网/不得公开发布 marks: no anchor word, searched here
        for rx, where, sev, score, label in _WORK_MARKS:
            where_to = edges if rx is _NO_WEB_BRACKET else windows
            for m in (m for lo, hi in where_to for m in rx.finditer(t, lo, hi)):
                s, e = m.start(), m.end()
                if any(f.start <= s < f.end for f in out):
                    continue
                if where == "edge" and not self._at_edge(t, s, e, hdr, ftr, ctx.line_of(s)):
                    continue
                if label == _SCOPE_LABEL:
                    out.append(
                        self.make(
                            s,
                            e,
                            severity=sev,
                            score=score,
                            masked=ctx.text[s:e],
                            label=label,
                            category="internal_affairs",
                            explanation="a distribution scope line (公文的印发传达范围, 附注): not a 工作秘密 mark; "
                            "it points to restricted circulation — a person checks (第十六条, discretionary)",
                        )
                    )
                    continue
                out.append(
                    self.make(
                        s,
                        e,
                        severity=sev,
                        score=score,
                        masked=ctx.text[s:e],
                        label=label,
                        explanation=f"{label}: not a ground of its own in the 条例; 保密法第六十四条 → 第十六条, human review",
                    )
                )
        return out

    @staticmethod
    def _at_edge(t: str, s: int, e: int, hdr: int, ftr: int, line: tuple[int, int]) -> bool:
        """A mark, not a word in running text: its line holds little else (brackets, ★, 注意保存…)."""
        ls, le = line
        # (a line of hundreds of characters holds more than a mark: not read again for every mark)
        rest = _MARK_FILLER.sub("", _MARK_WORDS.sub("", t[ls:s] + t[e:le])) if le - ls <= 400 else "..."
        if len(rest) <= 2:
            return True
        return (
            (s < hdr or s >= ftr)
            and t[max(0, s - 1) : s] in ("（", "(", "【", "[")
            and t[e : e + 1] in ("）", ")", "】", "]")
        )
