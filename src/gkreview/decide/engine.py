"""The decider: rules from the law first, the model where the law leaves room, a person when unsure.

Order (DOMAIN.md §8.3):

1. A document that could not be (fully) read is never a clean result: fail closed.
2. Mandatory grounds (第十四条: a secrecy mark) → 不予公开. Nothing overrides them, not the model.
3. Redaction grounds (第十五条 personal information, trade secrets; statutes) → ``needs_redaction``
   with 第三十七条 (区分处理); the attribute stays what the content deserves.
4. Discretionary (第十六条) against proactive (第十九至二十一条) rules: the highest priority decides;
   close calls go to a person (第十七条). Form beats topic: a 请示 about the budget is a 请示.
5. With no rule deciding, the model's probabilities; weak or conflicting signals → a person.
6. The declared attribute (附注) is compared with the suggestion.

Every step leaves its trace: ``Reason.rule`` names the rule, ``Suggestion.rules_fired`` lists them
all, ``Suggestion.model`` holds the model's probabilities, ``Reason.finding_ids`` the findings a
reason rests on. All grounds that apply are listed, not only the deciding one: the others follow it
with ``Reason.secondary`` set (a declassified document still needs its 第十五、十六条 grounds).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.decide.profile import Profile, load_profile
from gkreview.decide.rules import Fired, evaluate, facts_of
from gkreview.document import Document
from gkreview.errors import ModelError
from gkreview.finding import Finding
from gkreview.suggestion import ATTRIBUTE_ZH, Reason, Suggestion

if TYPE_CHECKING:
    from gkreview.decide.model import LinearModel

__all__ = ["Decider"]

log = logging.getLogger("gkreview.decide")

STATUS_ZH = {
    "partial": "部分页面未能读取",
    "unreadable": "文件无法读取",
    "encrypted": "文件已加密",
    "unsupported": "文件格式不支持",
    "too_large": "文件超出大小限制",
    "timeout": "读取超时",
    "needs_ocr": "扫描件没有文字层，需要OCR",
}
_UNSET = object()
# reader warnings (gkreview.readers.docx) about content a reader of the file cannot see
_HIDDEN_CONTENT = {"docx_tracked_changes": "修订记录中已删除的文字", "docx_hidden_text": "隐藏文字"}


def _law(code: str) -> Any:
    from gkreview import law

    return law.get(code)


class Decider:
    """Suggests the disclosure attribute of one document from its text, 公文 elements and findings.

    ``profile``: None (national), a shipped profile name, a YAML path, a dict or a ``Profile``.
    ``model``: "default" (the shipped model, rules only if none is installed), a model directory,
    a loaded ``LinearModel``, or None/False for rules only.
    """

    def __init__(
        self,
        profile: str | Path | dict[str, Any] | Profile | None = None,
        model: str | Path | bool | LinearModel | None = "default",
    ) -> None:
        self.profile = load_profile(profile)
        self.model_ref = model
        self._model: Any = _UNSET
        self._model_status = ""
        patterns = []
        from gkreview.decide._data import load_yaml, package_data

        for f in ("rules.yaml",):
            data = load_yaml(package_data(f))
            patterns += [re.compile(p) for p in data.get("internal_addressees") or []]
        self._internal = tuple(patterns)

    # ------------------------------------------------------------------ model
    @property
    def model(self) -> LinearModel | None:
        if self._model is _UNSET:
            self._model = self._load_model()
        return self._model  # type: ignore[no-any-return]

    def _load_model(self) -> LinearModel | None:
        from gkreview.decide.model import LinearModel, default_model_dir, load_model

        ref = self.model_ref
        if ref is None or ref is False or (isinstance(ref, str) and ref.lower() in ("", "none", "off")):
            self._model_status = "disabled"
            return None
        if isinstance(ref, LinearModel):
            self._model_status = "loaded"
            return ref
        if ref is True or (isinstance(ref, str) and ref == "default"):
            d = default_model_dir()
            if d is None:
                self._model_status = "not installed"
                log.info("no default model installed: rules only")
                return None
            ref = d
        m = load_model(Path(str(ref)))
        self._model_status = "loaded"
        return m

    def model_probabilities(self, doc: Document, findings: Sequence[Finding]) -> dict[str, float] | None:
        m = self.model
        if m is None:
            return None
        from gkreview.decide.features import structure_tokens

        use_findings = bool(m.meta.get("data", {}).get("finding_features"))
        structure = structure_tokens(doc.gongwen, findings if use_findings else ())
        title = doc.gongwen.title if doc.gongwen is not None else None
        try:
            return m.predict_proba(doc.text, title, structure)
        except (ValueError, IndexError) as exc:  # a broken artifact must not pass as a clean result
            raise ModelError(f"model {m.name} failed on {doc.path}: {exc}") from exc

    # ------------------------------------------------------------------ reasons
    def _reason(
        self, code: str, explanation: str = "", *, rule: str = "", finding_ids: Sequence[str] = ()
    ) -> Reason:
        basis = _law(code)
        text = (
            self.profile.wording.get(rule)
            or self.profile.wording.get(code)
            or explanation
            or basis.explanation_zh
        )
        return Reason(
            code=code,
            basis=basis.basis,
            explanation=text,
            finding_ids=tuple(finding_ids),
            modality=basis.modality,
            article_text=basis.article_text,
            action=basis.action_zh,
            rule=rule,
        )

    def _fired_reason(self, f: Fired, facts_title: str, doc_type: str | None) -> Reason:
        evidence = "；".join(f.evidence) if f.evidence else facts_title
        template = self.profile.wording.get(f.rule.id) or f.rule.explanation
        try:
            text = template.format(title=facts_title, doc_type=doc_type or "", evidence=evidence)
        except (KeyError, IndexError, ValueError):
            text = template
        return self._reason(f.rule.code, text, rule=f.rule.id, finding_ids=f.finding_ids)

    # ------------------------------------------------------------------ the decision
    def suggest(self, doc: Document, findings: Sequence[Finding]) -> Suggestion:
        status = str(doc.status)
        declared_attr, declared_local = self._declared(doc)
        if not doc.text.strip():
            return self._unreviewable(doc, status, declared_attr)

        th = self.profile.threshold
        facts = facts_of(
            doc.text,
            doc.gongwen,
            findings,
            head_chars=int(th("head_chars")),
            text_chars=int(th("text_chars")),
            internal_patterns=self._internal,
        )
        fired = evaluate(self.profile.rules, facts)
        by_kind: dict[str, list[Fired]] = {}
        for f in fired:
            by_kind.setdefault(f.rule.kind, []).append(f)
        probs = self.model_probabilities(doc, findings)
        reasons: list[Reason] = []
        notes: list[str] = []
        human = False
        confidence = 0.5
        decided_by = ""

        def R(f: Fired) -> Reason:
            return self._fired_reason(f, facts.title, facts.doc_type)

        mandatory = by_kind.get("mandatory", [])
        redaction = by_kind.get("redaction", [])
        disc = sorted(by_kind.get("discretionary", []), key=lambda f: -f.rule.priority)
        pro = sorted(by_kind.get("proactive", []), key=lambda f: -f.rule.priority)
        onreq = by_kind.get("on_request", [])

        if mandatory:
            attribute = "withheld"
            decided_by = mandatory[0].rule.id
            reasons.extend(R(f) for f in _one_per_code(mandatory))
            # the grounds that would still apply without the mandatory one (after 解密): 第十六条 and
            # the strongest proactive basis; 第十五条 and human-only grounds follow below
            reasons.extend(R(f) for f in _one_per_code(disc))
            if pro:
                reasons.append(R(pro[0]))
            confidence = 0.97
            human = bool(th("mandatory_needs_human_review"))
            if probs is not None and probs.get("withheld", 0) < 0.5:
                notes.append("模型按内容倾向公开，但第十四条的强制性理由优先，模型不能推翻。")
        else:
            attribute, confidence, human, decided_by = self._weigh(disc, pro, onreq, probs, reasons, notes, R)

        # redaction: the attribute stays; 区分处理
        needs_redaction = bool(redaction)
        if redaction:
            for f in redaction:
                reasons.append(R(f))
                human = human or f.rule.needs_human_review
            if attribute != "withheld" or not mandatory:
                reasons.append(
                    self._reason(
                        "ART37_SEPARABLE",
                        rule="separable",
                        finding_ids=[i for f in redaction for i in f.finding_ids],
                    )
                )
        for f in by_kind.get("human", []):
            reasons.append(R(f))
            human = True

        # fail closed on partial reads
        if status != "ok":
            human = True
            reasons.insert(
                0,
                self._reason(
                    "ART17_UNCERTAIN_REFER",
                    f"{STATUS_ZH.get(status, status)}，只审查了能读取的部分；未读部分可能含有不应公开的内容，须人工核对全文。",
                    rule="fail_closed",
                ),
            )

        # text read by OCR: digits and names may be misread, so a missed ID number is possible
        ocr_pages = [p.number for p in doc.pages if p.quality.ocr]
        if status == "ok" and ocr_pages:
            human = True
            pages = "、".join(str(n) for n in ocr_pages[:10]) + ("等" if len(ocr_pages) > 10 else "")
            reasons.insert(
                0,
                self._reason(
                    "ART17_UNCERTAIN_REFER",
                    f"第{pages}页没有文字层，文字经OCR识别，可能有识别错误（数字、姓名尤甚），"
                    "未识别出的敏感内容不会被提示；须对照原件人工核对。",
                    rule="ocr_text",
                ),
            )

        # content that travels with the file but Word does not show: it is published with the file
        hidden = [w.split(":", 1)[0] for w in doc.warnings if w.startswith(tuple(_HIDDEN_CONTENT))]
        if hidden:
            human = True
            what = "、".join(_HIDDEN_CONTENT[k] for k in dict.fromkeys(hidden))
            reasons.append(
                self._reason(
                    "ART17_UNCERTAIN_REFER",
                    f"文件含有{what}，正常视图下看不到，但会随文件一并公开；已一并审查，"
                    "发布前应接受或删除修订、清除隐藏文字，或者改为发布清理后的版本。",
                    rule="hidden_content",
                )
            )

        # a detector stopped at its cap (gkreview.detectors: max_findings_per_detector): values past it
        # were not listed, so the result is incomplete and a person must look (fail closed)
        if any(w.startswith("detections_truncated") for w in doc.warnings):
            human = True
            reasons.append(
                self._reason(
                    "ART17_UNCERTAIN_REFER",
                    "文中同类敏感信息数量过多，超出单项检测上限，只列出了前面的部分；"
                    "其余部分未逐一标出，须人工审查全文。",
                    rule="detections_truncated",
                )
            )

        if attribute == "withheld":
            reasons.append(self._reason("ART18_PERIODIC_REVIEW", rule="periodic_review"))

        declared_conflict = declared_attr is not None and declared_attr != attribute
        if declared_conflict:
            human = True
            notes.insert(
                0,
                f"附注标注为“{ATTRIBUTE_ZH.get(declared_attr or '', declared_attr)}”，"
                f"与建议的“{ATTRIBUTE_ZH[attribute]}”不一致，请核对。",
            )
            if declared_attr == "active" and attribute == "withheld":
                if mandatory:
                    notes[0] = "！附注标注为主动公开，但文件含有依法不予公开的内容（第十四条）。" + notes[0]
                else:
                    notes[0] = (
                        "！附注标注为主动公开，但文件属于可以不予公开的情形（第十六条，机关裁量）。"
                        + notes[0]
                    )
        elif declared_attr == "active" and needs_redaction:
            human = True
            notes.insert(0, "附注标注为主动公开，但文中有须区分处理的内容：公开前须删除或遮盖。")

        if human and not any(r.code == "ART17_UNCERTAIN_REFER" for r in reasons) and not mandatory:
            reasons.append(self._reason("ART17_UNCERTAIN_REFER", rule="needs_human_review"))

        local = None
        partial_name = self.profile.local_attributes.get("partial")
        if partial_name and attribute == "active" and needs_redaction:
            local = partial_name
        elif declared_local and declared_attr == attribute:
            local = declared_local

        reasons = _ordered(_dedupe(reasons), {f.rule.id: f.rule.kind for f in fired}, decided_by)
        rules_fired = tuple(f.rule.id for f in fired)
        model_info = self._model_info(probs)
        summary = self._summary(attribute, local, human, needs_redaction, decided_by, reasons, notes, probs)
        return Suggestion(
            attribute=attribute,
            needs_redaction=needs_redaction,
            needs_human_review=human,
            reasons=tuple(reasons),
            confidence=round(min(max(confidence, 0.0), 1.0), 4),
            declared_conflict=declared_conflict,
            declared_attribute=declared_attr,
            model=model_info,
            rules_fired=rules_fired,
            summary_zh=summary,
            local_attribute=local,
            decided_by=decided_by,
            notes=tuple(notes),
            profile=self.profile.name,
        )

    def _weigh(
        self,
        disc: list[Fired],
        pro: list[Fired],
        onreq: list[Fired],
        probs: dict[str, float] | None,
        reasons: list[Reason],
        notes: list[str],
        R: Any,
    ) -> tuple[str, float, bool, str]:
        th = self.profile.threshold
        margin = int(th("conflict_margin"))
        w = float(th("model_weight")) if probs is not None else 0.0
        confident = float(th("model_confident"))
        best_d = disc[0] if disc else None
        best_p = pro[0] if pro else None
        pr = probs or {}
        d_ok = best_d is not None and best_d.rule.priority >= int(th("withheld_min_priority"))
        p_ok = best_p is not None and best_p.rule.priority >= int(th("active_min_priority"))
        # fusion 1: a weak rule the model confirms with confidence is enough
        if best_d is not None and not d_ok and pr.get("withheld", 0) >= confident:
            d_ok = True
            notes.append(
                f"规则 {best_d.rule.id} 信号较弱，模型同样认为不宜主动公开（P(不予公开)={pr['withheld']:.2f}）。"
            )
        if best_p is not None and not p_ok and pr.get("active", 0) >= confident:
            p_ok = True
        # fusion 2: a topic rule (what the draft is about) does not make a draft public when the model
        # is confident the draft itself is a specific working document (a 批复 to one company about a
        # school is not education policy)
        if (
            best_p is not None
            and p_ok
            and not best_p.rule.form
            and probs is not None
            and pr.get("active", 0) < 1 - confident
            and max(pr.get("on_request", 0), pr.get("withheld", 0)) >= confident
        ):
            p_ok = False
            notes.append(
                f"标题涉及主动公开领域（规则 {best_p.rule.id}），但模型认为文件本身是个别事项的工作文件"
                f"（P(主动公开)={pr['active']:.2f}），请确认。"
            )
        human = False
        if (
            d_ok
            and p_ok
            and best_d is not None
            and best_p is not None
            and best_d.rule.priority == best_p.rule.priority
        ):
            # a tie: the model breaks it if it can, a person decides either way
            human = True
            notes.append(f"规则 {best_d.rule.id} 与 {best_p.rule.id} 优先级相同，需人工权衡。")
            if pr.get("active", 0) > pr.get("withheld", 0):
                d_ok = False
            else:
                p_ok = False

        def conf(priority: int, attr: str) -> float:
            rule_strength = min(0.5 + priority / 200.0, 0.95)
            return (1 - w) * rule_strength + w * pr.get(attr, 0.0)

        if (
            d_ok
            and best_d is not None
            and (not p_ok or best_p is None or best_d.rule.priority >= best_p.rule.priority)
        ):
            attribute, decided = "withheld", best_d.rule.id
            reasons.extend(R(f) for f in _one_per_code(disc))
            if best_p is not None:
                reasons.append(R(best_p))
                if p_ok and best_d.rule.priority - best_p.rule.priority <= margin:
                    human = True
                    notes.append(
                        f"不予公开的理由（{best_d.rule.id}）与主动公开的依据（{best_p.rule.id}）相近，需人工权衡。"
                    )
                else:
                    notes.append(
                        f"文件形式（{best_d.rule.id}）优先于内容主题（{best_p.rule.id}）；事项办结后重新评估。"
                    )
            if pr.get("active", 0) >= confident:
                human = True
                notes.append(
                    f"模型认为文件像已主动公开的文件（P(主动公开)={pr['active']:.2f}），与规则不一致。"
                )
            return attribute, conf(best_d.rule.priority, attribute), human, decided
        if p_ok and best_p is not None:
            attribute, decided = "active", best_p.rule.id
            reasons.extend(R(f) for f in _one_per_code(pro))
            if best_d is not None:
                reasons.append(R(best_d))
                if d_ok and best_p.rule.priority - best_d.rule.priority <= margin:
                    human = True
                    notes.append(
                        f"主动公开的依据（{best_p.rule.id}）与不予公开的理由（{best_d.rule.id}）相近，需人工权衡。"
                    )
            if probs is not None and probs.get("withheld", 0) >= confident:
                human = True
                notes.append(
                    f"模型认为文件像不予公开的文件（P(不予公开)={probs['withheld']:.2f}），与规则不一致。"
                )
            return attribute, conf(best_p.rule.priority, attribute), human, decided

        # no rule strong enough: weak rules are shown, the model (if any) leans, a person decides
        for f in disc + pro:
            reasons.append(R(f))
        if onreq:
            reasons.extend(R(f) for f in onreq)
            return (
                "on_request",
                conf(onreq[0].rule.priority, "on_request"),
                bool(disc or pro),
                onreq[0].rule.id,
            )
        if probs is not None:
            top = max(probs, key=lambda k: probs[k])
            p = probs[top]
            if probs.get("active", 0) >= float(th("model_active_min")) and (
                not disc or probs["active"] >= confident
            ):
                notes.append(f"没有足够强的规则；模型认为文件像已主动公开的文件（P={probs['active']:.2f}）。")
                reasons.append(
                    self._reason(
                        "ART19_PUBLIC_INTEREST",
                        "未发现不予公开的情形；文件内容与已主动公开的政府文件相近（模型判断），"
                        "请确认属于第十九、二十条的哪一项主动公开范围。",
                        rule="model_active",
                    )
                )
                return "active", probs["active"], probs["active"] < confident or bool(disc), "model_active"
            if top == "withheld" and p >= confident:
                notes.append(f"模型认为文件像不予公开的文件（P(不予公开)={p:.2f}），但没有规则依据。")
                if bool(th("model_only_withheld")):
                    return "withheld", p, True, "model_withheld"
                human = True
            elif p < float(th("model_active_min")):
                human = True
        else:
            human = human or bool(disc or pro)
        reasons.append(self._reason("ART13_DEFAULT_OPEN", rule="default_on_request"))
        if disc or pro:
            human = True
        return (
            "on_request",
            conf(50, "on_request") if probs is None else (probs.get("on_request", 0.0) * w + 0.5 * (1 - w)),
            human,
            "default_on_request",
        )

    # ------------------------------------------------------------------ helpers
    def _declared(self, doc: Document) -> tuple[str | None, str | None]:
        """The attribute the 附注 / 公开方式 line declares and its local note, as ``gkreview.gongwen`` parsed them."""
        g = doc.gongwen
        if g is None or not g.declared_attribute:
            return None, None
        return g.declared_attribute, g.declared_note

    def _unreviewable(self, doc: Document, status: str, declared_attr: str | None) -> Suggestion:
        what = STATUS_ZH.get(status, "文件没有可审查的文字") if status != "ok" else "文件没有可审查的文字"
        msg = doc.error.message if doc.error else ""
        reason = self._reason(
            "ART17_UNCERTAIN_REFER",
            f"{what}，无法审查{('（' + msg + '）') if msg else ''}；不得视为已通过审查，须人工审查全文后确定公开属性。",
            rule="fail_closed",
        )
        return Suggestion(
            attribute="withheld",
            needs_redaction=False,
            needs_human_review=True,
            reasons=(reason,),
            confidence=0.0,
            declared_conflict=declared_attr is not None and declared_attr != "withheld",
            declared_attribute=declared_attr,
            model=self._model_info(None),
            rules_fired=("fail_closed",),
            summary_zh=f"{what}，未经审查：暂按不予公开处理，须人工审查。",
            decided_by="fail_closed",
            profile=self.profile.name,
        )

    def _model_info(self, probs: dict[str, float] | None) -> dict[str, Any] | None:
        if probs is None:
            return {"name": None, "status": self._model_status or "not run", "probabilities": None}
        m = self.model
        assert m is not None
        return {
            "name": m.name,
            "status": "loaded",
            "estimator": m.meta.get("candidate"),
            "created": m.meta.get("created"),
            "probabilities": {k: round(v, 4) for k, v in probs.items()},
        }

    def _summary(
        self,
        attribute: str,
        local: str | None,
        human: bool,
        redaction: bool,
        decided_by: str,
        reasons: list[Reason],
        notes: list[str],
        probs: dict[str, float] | None,
    ) -> str:
        name = local or ATTRIBUTE_ZH[attribute]
        parts = [f"建议{name}"]
        main = next((r for r in reasons if r.rule == decided_by), None)
        if main is not None:
            parts.append(f"（{main.basis}，规则 {decided_by}）")
        if redaction:
            parts.append("；公开前须区分处理")
        if human:
            parts.append("；须人工审查确定")
        if probs is not None:
            parts.append(
                "。模型概率：" + "，".join(f"{ATTRIBUTE_ZH.get(k, k)} {v:.2f}" for k, v in probs.items())
            )
        out = "".join(parts) + "。"
        if notes:
            out += " " + " ".join(notes)
        return out


def _one_per_code(fired: list[Fired]) -> list[Fired]:
    """The first fired rule of each reason code, carrying the finding ids of all rules with that code."""
    first: dict[str, Fired] = {}
    ids: dict[str, list[str]] = {}
    for f in fired:
        first.setdefault(f.rule.code, f)
        ids.setdefault(f.rule.code, []).extend(f.finding_ids)
    return [replace(f, finding_ids=tuple(dict.fromkeys(ids[code]))) for code, f in first.items()]


# reasons that say how to handle the decision rather than giving a ground for it
_HANDLING = ("separable", "periodic_review", "needs_human_review")


def _ordered(reasons: list[Reason], kinds: dict[str, str], decided_by: str) -> list[Reason]:
    """Mark the grounds that did not decide the attribute as secondary and list them after the deciding ones.

    A ground decides when its rule is of the deciding rule's kind (all 第十四条 grounds when a mandatory
    rule decided; the 第十六条 grounds that made it 不予公开; …) or is the decision itself (the model,
    the default). Order: a fail-closed warning, the deciding grounds, further grounds, handling notes.
    """
    decided_kind = kinds.get(decided_by)
    out = []
    for r in reasons:
        kind = kinds.get(r.rule)
        if kind is not None and kind != decided_kind and r.rule != decided_by:
            r = replace(r, secondary=True)
        out.append(r)

    def rank(r: Reason) -> int:
        if r.rule == "fail_closed":
            return 0
        if r.rule in _HANDLING:
            return 3
        return 2 if r.secondary else 1

    return sorted(out, key=rank)  # stable: table order within each group


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    out = []
    for r in reasons:
        key = (r.code, r.rule)
        if key not in seen:
            out.append(r)
            seen.add(key)
    return out
