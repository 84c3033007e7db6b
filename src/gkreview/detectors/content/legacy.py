"""Citations of the 2007 政府信息公开条例 (国务院令第492号) — LEGACY_CITATION.

A citation is legacy when it names the 2007 version (国务院令第492号) or when an unqualified article
number carries its 2007 meaning (第二十二条 区分处理, 第十四条第四款 商业秘密/个人隐私, 第八条 三安全
一稳定…). The finding's detail gives the 2019 article from law.yaml ``legacy`` (gkreview.law.legacy).
Medium: a person corrects the citation. The statute's own promulgation history (…第492号公布 …第711号
修订) is not a citation.
"""

from __future__ import annotations

import re
from typing import Any

from gkreview import law
from gkreview.detectors.base import DetectContext, Detector
from gkreview.detectors.content.common import anchor_paragraphs, ground, sentence_bounds
from gkreview.finding import Finding

__all__ = ["LegacyCitationDetector"]

_ARTICLE = re.compile(
    r"第([一二三四五六七八九十百零〇0-9]{1,5})条(第[一二三四五六七八九十0-9]{1,3}款)?(第[（(]?[一二三四五六七八九十0-9]{1,3}[)）]?项)?"
)
_JOIN = re.compile(r"^[ \t]*(?:、|和|及|以及|与|或者|或|，|,)?[ \t]*(?:《[^》]{0,30}》)?[ \t]*$")


class LegacyCitationDetector(Detector):
    name = "legacy_citation"
    category = "legacy_citation"
    reason_code = "LEGACY_CITATION"
    label = "引用2007年版条例条款"
    defaults = {"window": 60}

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ground = ground("legacy")
        self.anchors = self.ground.anchor_terms  # found in the shared anchor pass
        self.old = self.ground.words("old_version")
        self.new = self.ground.words("new_version")
        self.topics = {int(k): tuple(v) for k, v in (self.ground.data.get("topics") or {}).items()}

    def detect(self, ctx: DetectContext) -> list[Finding]:
        paras = anchor_paragraphs(ctx, self.ground)
        if not paras:
            return []
        t = ctx.folded
        out: list[Finding] = []
        seen: set[int] = set()
        for ps, pe in paras:
            line = t[ps:pe]
            if "公布" in line and ("修订" in line or "711号" in line):
                continue  # the statute's promulgation history
            for m in re.finditer(r"政府信息公开条例|国务院令第492号|国务院令第四九二号", line):
                if re.match(r"[）)]?[ \t]*(?:公布|发布|颁布)", line[m.end() : m.end() + 4]):
                    continue  # promulgation history: 国务院令第492号公布
                ss, se = sentence_bounds(t, ps + m.start(), ps, pe)
                sent = t[ss:se]
                explicit_old = any(w in sent for w in self.old)
                explicit_new = any(w in sent for w in self.new)
                arts = self._articles(t, ps + m.end(), se)
                if not arts and explicit_old and not explicit_new and ss not in seen:
                    seen.add(ss)
                    s0, e0 = ps + m.start(), ps + m.end()
                    out.append(
                        self._finding(ctx, s0, e0, None, "cites the 2007 条例 (国务院令第492号)", "medium")
                    )
                for a_s, a_e, num, para in arts:
                    if a_s in seen or explicit_new:
                        continue
                    why = ""
                    if explicit_old:
                        why = "the citation names the 2007 条例 (国务院令第492号)"
                    elif num == 14 and para and para != "第一款":
                        why = (
                            "第十四条 of the 2019 条例 has a single paragraph: 第十四条"
                            + para
                            + " is the 2007 numbering"
                        )
                    else:
                        topic = next((w for w in self.topics.get(num, ()) if w in sent), None)
                        if topic and not (num == 14 and "第十五条" in sent):
                            why = f"第{_zh(num)}条 cited for {topic}: that is the 2007 numbering"
                    if not why:
                        continue
                    seen.add(a_s)
                    out.append(self._finding(ctx, a_s, a_e, num, why, "medium"))
        return out

    def _articles(self, t: str, pos: int, end: int) -> list[tuple[int, int, int, str]]:
        """The article references that follow a citation of the 条例 (joined by 、/和/及…)."""
        out: list[tuple[int, int, int, str]] = []
        limit = min(end, pos + int(self.options["window"]))
        while pos < limit:
            m = _ARTICLE.search(t, pos, limit)
            if m is None or (not _JOIN.match(t[pos : m.start()].replace("》", "")) and out):
                break
            if m.start() - pos > 12 and not out:
                break
            try:
                num = law._article_number(m.group(1))
            except Exception:
                break
            out.append((m.start(), m.end(), num, m.group(2) or ""))
            pos = m.end()
        return out

    def _finding(self, ctx: DetectContext, s: int, e: int, num: int | None, why: str, sev: str) -> Finding:
        row = law.legacy("gov_info_2007", num) if num else None
        if row is not None:
            now = f"now 《政府信息公开条例》（2019）{row.now_basis}（{row.topic}）"
            extra: dict[str, Any] = {
                "ground": "legacy_citation",
                "statute": "政府信息公开条例（2019）" + row.now_basis,
                **{k: v for k, v in row.to_dict().items() if k != "title"},
                "legacy_law": "gov_info_2007",
                "old_article": num,
            }
        else:
            now = "cite the 2019 条例 (国务院令第711号) and its current article numbers"
            extra = {
                "ground": "legacy_citation",
                "statute": "政府信息公开条例（2019）",
                "legacy_law": "gov_info_2007",
            }
            if num:
                extra["old_article"] = num
        return self.make(
            s,
            e,
            severity=sev,
            score=0.6,
            masked=ctx.text[s:e],
            explanation=f"{why}; {now}",
            extra=extra,
        )


def _zh(n: int) -> str:
    return law._int_to_zh(n)
