"""The decider: rules from the law first, the model where the law leaves room, a person when unsure.

Order (DOMAIN.md §8.3), one step function each, accumulating into a ``Decision``:

1. A document that could not be (fully) read gets no attribute from its text: ``reviewed`` false,
   reason NOT_REVIEWED, ``withheld`` only as "not before review" (the contract needs a value).
2. Mandatory grounds (第十四条: a secrecy mark, a high finding of a prohibiting law or of 三安全一稳定)
   → 不予公开. Nothing overrides them, not the model; no duty to publish is listed under them.
3. Discretionary (第十六条) against proactive (第十九至二十一条) rules: the highest priority decides;
   close calls go to a person. Form beats topic: a 请示 about the budget is a 请示.
4. With no rule deciding, the model's probabilities; weak or conflicting signals → a person; a 第十六条
   content cue marked ``outranks_model`` keeps the model alone from publishing.
5. A 第十五条 ground clearly present (``content`` rules) beats the model and topic rules (依申请公开,
   第三十二条); a party organ's document is decided by 第二条 (``scope`` rules).
6. Redaction grounds (第十五条, statutes) → ``needs_redaction`` with 第三十七条; content cues below the
   bar (``content_cue`` rules) → a person and ``content_cues`` (--fail-on high, gkreview.failon).
7. The declared attribute (附注) is compared with the suggestion.

Every step leaves its trace: ``Reason.rule`` names the rule, ``Suggestion.rules_fired`` lists them
all, ``Suggestion.model`` holds the model's probabilities, ``Reason.finding_ids`` the findings a
reason rests on. All grounds that apply are listed, not only the deciding one: the others follow it
with ``Reason.secondary`` set (a declassified document still needs its 第十五、十六条 grounds).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.decide.messages import message, table
from gkreview.decide.profile import Profile, load_profile
from gkreview.decide.rules import Facts, Fired, evaluate, facts_of
from gkreview.document import STATUS_LABELS_ZH, Document, Status
from gkreview.errors import ModelError
from gkreview.finding import Finding
from gkreview.suggestion import ATTRIBUTE_ZH, Reason, Suggestion

if TYPE_CHECKING:
    from gkreview.decide.model import LinearModel

__all__ = ["Decider", "Decision"]

log = logging.getLogger("gkreview.decide")

_UNSET = object()
# reader warnings (gkreview.readers.docx) about content a reader of the file cannot see
_HIDDEN_CONTENT = table("hidden_content")


@dataclass
class Decision:
    """What the steps of ``Decider.suggest`` accumulate: the attribute, its reasons and notes, the flags."""

    attribute: str = "on_request"
    confidence: float = 0.5
    human: bool = False
    decided_by: str = ""
    needs_redaction: bool = False
    content_cues: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def decide(self, attribute: str, confidence: float, decided_by: str) -> None:
        self.attribute, self.confidence, self.decided_by = attribute, confidence, decided_by

    def note(self, key: str, *, first: bool = False, **fields: Any) -> None:
        text = message("notes", key, **fields)
        if first:
            self.notes.insert(0, text)
        else:
            self.notes.append(text)


@dataclass
class _Case:
    """One document's inputs to the steps: facts, fired rules by kind, the model's probabilities."""

    doc: Document
    facts: Facts
    fired: list[Fired]
    probs: dict[str, float] | None
    declared: str | None
    declared_local: str | None

    def kind(self, kind: str) -> list[Fired]:
        out = [f for f in self.fired if f.rule.kind == kind]
        if kind in ("discretionary", "proactive"):
            out.sort(key=lambda f: -f.rule.priority)
        return out


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
        declared_attr, declared_local = self._declared(doc)
        if str(doc.status) != "ok" or not doc.text.strip():
            # no attribute is suggested from text that was not (fully) read
            return self._unreviewable(doc, str(doc.status), declared_attr)
        case = self._case(doc, findings, declared_attr, declared_local)
        d = Decision()
        if case.kind("mandatory"):
            self._mandatory(case, d)
        else:
            self._weigh(case, d)
            self._content_grounds(case, d)
            self._scope(case, d)
        self._redaction(case, d)
        self._human_rules(case, d)
        self._reading_warnings(case, d)
        self._handling(d)
        declared_conflict = self._declared_conflict(case, d)
        if d.human and not case.kind("mandatory") and not any(r.code in _PERSON_CODES for r in d.reasons):
            d.reasons.append(self._reason("HUMAN_REVIEW", rule="needs_human_review"))
        return self._finish(case, d, declared_conflict)

    def _case(
        self, doc: Document, findings: Sequence[Finding], declared: str | None, declared_local: str | None
    ) -> _Case:
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
        probs = self.model_probabilities(doc, findings)
        return _Case(doc, facts, fired, probs, declared, declared_local)

    def _R(self, case: _Case, f: Fired) -> Reason:
        return self._fired_reason(f, case.facts.title, case.facts.doc_type)

    def _mandatory(self, case: _Case, d: Decision) -> None:
        """第十四条: 不予公开, whatever else applies; the grounds that would apply after 解密 follow."""
        mandatory = case.kind("mandatory")
        d.decide("withheld", 0.97, mandatory[0].rule.id)
        d.reasons.extend(self._R(case, f) for f in _one_per_code(mandatory))
        # the 第十六条 grounds still apply after 解密; a duty to publish (第十九、二十条) does not
        d.reasons.extend(self._R(case, f) for f in _one_per_code(case.kind("discretionary")))
        d.human = bool(self.profile.threshold("mandatory_needs_human_review"))
        if case.probs is not None and case.probs.get("withheld", 0) < 0.5:
            d.note("mandatory_beats_model")

    def _weigh(self, case: _Case, d: Decision) -> None:
        """第十六条 against 第十九至二十一条: the stronger side decides; otherwise the model or the default."""
        disc, pro = case.kind("discretionary"), case.kind("proactive")
        d_ok, p_ok = self._strong_enough(case, d, disc, pro)
        best_d = disc[0] if disc else None
        best_p = pro[0] if pro else None
        pr = case.probs or {}
        if (
            d_ok
            and p_ok
            and best_d is not None
            and best_p is not None
            and best_d.rule.priority == best_p.rule.priority
        ):
            # a tie: the model breaks it if it can, a person decides either way
            d.human = True
            d.note("tie", d=best_d.rule.id, p=best_p.rule.id)
            if pr.get("active", 0) > pr.get("withheld", 0):
                d_ok = False
            else:
                p_ok = False
        if (
            d_ok
            and best_d is not None
            and (not p_ok or best_p is None or best_d.rule.priority >= best_p.rule.priority)
        ):
            self._side_wins(case, d, "withheld", disc, best_p, p_ok)
        elif p_ok and best_p is not None:
            self._side_wins(case, d, "active", pro, best_d, d_ok)
        else:
            self._no_strong_rule(case, d, disc, pro)

    def _strong_enough(
        self, case: _Case, d: Decision, disc: list[Fired], pro: list[Fired]
    ) -> tuple[bool, bool]:
        """Whether the best rule of each side is strong enough to decide, the model's confidence fused in."""
        th = self.profile.threshold
        confident = float(th("model_confident"))
        best_d = disc[0] if disc else None
        best_p = pro[0] if pro else None
        pr = case.probs or {}
        d_ok = best_d is not None and best_d.rule.priority >= int(th("withheld_min_priority"))
        p_ok = best_p is not None and best_p.rule.priority >= int(th("active_min_priority"))
        # fusion 1: a weak rule the model confirms with confidence is enough
        if best_d is not None and not d_ok and pr.get("withheld", 0) >= confident:
            d_ok = True
            d.note("weak_rule_model_confirms", rule=best_d.rule.id, p=pr["withheld"])
        if best_p is not None and not p_ok and pr.get("active", 0) >= confident:
            p_ok = True
        # fusion 2: a topic rule (what the draft is about) does not make a draft public when the model
        # is confident the draft itself is a specific working document (a 批复 to one company about a
        # school is not education policy)
        if (
            best_p is not None
            and p_ok
            and not best_p.rule.form
            and case.probs is not None
            and pr.get("active", 0) < 1 - confident
            and max(pr.get("on_request", 0), pr.get("withheld", 0)) >= confident
        ):
            p_ok = False
            d.note("topic_not_form", rule=best_p.rule.id, p=pr["active"])
        return d_ok, p_ok

    def _conf(self, case: _Case, priority: int, attr: str) -> float:
        w = float(self.profile.threshold("model_weight")) if case.probs is not None else 0.0
        rule_strength = min(0.5 + priority / 200.0, 0.95)
        return (1 - w) * rule_strength + w * (case.probs or {}).get(attr, 0.0)

    def _side_wins(
        self, case: _Case, d: Decision, attr: str, side: list[Fired], other: Fired | None, other_ok: bool
    ) -> None:
        """One side (不予公开: 第十六条; 主动公开: 第十九至二十一条) decides; the other's best rule follows it."""
        th = self.profile.threshold
        best = side[0]
        d.decide(attr, self._conf(case, best.rule.priority, attr), best.rule.id)
        d.reasons.extend(self._R(case, f) for f in _one_per_code(side))
        if other is not None:
            d.reasons.append(self._R(case, other))
            if other_ok and best.rule.priority - other.rule.priority <= int(th("conflict_margin")):
                d.human = True
                d.note(f"close_call_{attr}", win=best.rule.id, lose=other.rule.id)
            elif attr == "withheld":
                d.note("form_over_topic", win=best.rule.id, lose=other.rule.id)
        against = "active" if attr == "withheld" else "withheld"
        p_against = (case.probs or {}).get(against, 0)
        if case.probs is not None and p_against >= float(th("model_confident")):
            d.human = True
            d.note(f"model_disagrees_{attr}", p=p_against)

    def _no_strong_rule(self, case: _Case, d: Decision, disc: list[Fired], pro: list[Fired]) -> None:
        """No rule strong enough: weak rules are shown, the model (if any) leans, a person decides."""
        th = self.profile.threshold
        confident = float(th("model_confident"))
        probs = case.probs
        d.reasons.extend(self._R(case, f) for f in disc + pro)
        onreq = case.kind("on_request")
        if onreq:
            d.reasons.extend(self._R(case, f) for f in onreq)
            d.decide("on_request", self._conf(case, onreq[0].rule.priority, "on_request"), onreq[0].rule.id)
            d.human = bool(disc or pro)
            return
        if probs is not None:
            top = max(probs, key=lambda k: probs[k])
            p = probs[top]
            outranked = any(f.rule.outranks_model for f in disc)
            if (
                probs.get("active", 0) >= float(th("model_active_min"))
                and (not disc or probs["active"] >= confident)
                and not outranked
            ):
                d.note("model_active", p=probs["active"])
                d.reasons.append(
                    self._reason(
                        "ART19_PUBLIC_INTEREST", message("reasons", "model_active"), rule="model_active"
                    )
                )
                d.decide("active", probs["active"], "model_active")
                d.human = probs["active"] < confident or bool(disc)
                return
            if outranked and probs.get("active", 0) >= float(th("model_active_min")):
                d.note("model_outranked", p=probs["active"])
                d.human = True
            elif top == "withheld" and p >= confident:
                d.note("model_withheld", p=p)
                if bool(th("model_only_withheld")):
                    d.decide("withheld", p, "model_withheld")
                    d.human = True
                    return
                d.human = True
            elif p < float(th("model_active_min")):
                d.human = True
        else:
            d.human = d.human or bool(disc or pro)
        d.reasons.append(self._reason("ART13_DEFAULT_OPEN", rule="default_on_request"))
        if disc or pro:
            d.human = True
        w = float(th("model_weight")) if probs is not None else 0.0
        conf = (
            self._conf(case, 50, "on_request")
            if probs is None
            else (probs.get("on_request", 0.0) * w + 0.5 * (1 - w))
        )
        d.decide("on_request", conf, "default_on_request")

    def _redaction(self, case: _Case, d: Decision) -> None:
        """第十五条 (or a statute): the attribute stays; 区分处理 (第三十七条)."""
        redaction = case.kind("redaction")
        d.needs_redaction = bool(redaction)
        if not redaction:
            return
        for f in redaction:
            d.reasons.append(self._R(case, f))
            d.human = d.human or f.rule.needs_human_review
        if d.attribute != "withheld" or not case.kind("mandatory"):
            ids = [i for f in redaction for i in f.finding_ids]
            d.reasons.append(self._reason("ART37_SEPARABLE", rule="separable", finding_ids=ids))

    def _human_rules(self, case: _Case, d: Decision) -> None:
        for f in case.kind("human"):
            d.reasons.append(self._R(case, f))
            d.human = True
        for f in case.kind("note"):
            d.reasons.append(self._R(case, f))
        # a cue of a ground gkreview may not decide alone: a person, never a silent 主动公开
        cues = [f.rule.code for f in case.fired if f.rule.content_cue]
        if cues:
            d.human = True
            d.content_cues = list(dict.fromkeys(cues))

    def _content_grounds(self, case: _Case, d: Decision) -> None:
        """A 第十五条 ground clearly present beats the model and topic rules: not 主动公开, 第三十二条."""
        content = case.kind("content")
        if not content:
            return
        rules = {f.rule.id: f.rule for f in case.fired}
        deciding = rules.get(d.decided_by)
        by_form = deciding is not None and deciding.kind == "proactive" and deciding.form
        if d.attribute != "withheld" and not by_form:
            d.decide("on_request", max(d.confidence, 0.8), content[0].rule.id)
        d.human = True
        d.reasons.extend(self._R(case, f) for f in _one_per_code(content))
        d.reasons.append(self._reason("ART32_THIRD_PARTY_CONSULT", rule="third_party_consult"))

    def _scope(self, case: _Case, d: Decision) -> None:
        """A party organ's document is not 政府信息 (第二条): that is the deciding reason; a person decides."""
        scope = case.kind("scope")
        if scope:
            d.decided_by = scope[0].rule.id
            # what the 条例 would say is a reference only: every ground found so far is secondary
            d.reasons = [self._R(case, scope[0])] + [replace(r, secondary=True) for r in d.reasons]
            d.human = True

    def _handling(self, d: Decision) -> None:
        """How to handle the decision: 定期评估 (第十八条) for 不予公开, 20 working days (第二十六条) for 主动公开."""
        if d.attribute == "withheld":
            d.reasons.append(self._reason("ART18_PERIODIC_REVIEW", rule="periodic_review"))
        elif d.attribute == "active":
            d.reasons.append(self._reason("ART26_TIMELINE", rule="publish_timeline"))

    def _reading_warnings(self, case: _Case, d: Decision) -> None:
        """OCR text and hidden content send the draft to a person (a partial read is never decided)."""
        doc = case.doc
        # text read by OCR: digits and names may be misread, so a missed ID number is possible
        ocr_pages = [p.number for p in doc.pages if p.quality.ocr]
        if ocr_pages:
            d.human = True
            pages = "、".join(str(n) for n in ocr_pages[:10]) + ("等" if len(ocr_pages) > 10 else "")
            text = message("reasons", "ocr_text", pages=pages)
            d.reasons.insert(0, self._reason("HUMAN_REVIEW", text, rule="ocr_text"))
        # content that travels with the file but Word does not show: it is published with the file
        hidden = [w.split(":", 1)[0] for w in doc.warnings if w.startswith(tuple(_HIDDEN_CONTENT))]
        if hidden:
            d.human = True
            what = "、".join(_HIDDEN_CONTENT[k] for k in dict.fromkeys(hidden))
            text = message("reasons", "hidden_content", what=what)
            d.reasons.append(self._reason("HUMAN_REVIEW", text, rule="hidden_content"))
        # a detector stopped at its cap (gkreview.detectors: max_findings_per_detector): values past it
        # were not listed, so the result is incomplete and a person must look (fail closed)
        if any(w.startswith("detections_truncated") for w in doc.warnings):
            d.human = True
            text = message("reasons", "detections_truncated")
            d.reasons.append(self._reason("HUMAN_REVIEW", text, rule="detections_truncated"))

    def _declared_conflict(self, case: _Case, d: Decision) -> bool:
        """Compare the 附注's declared attribute with the suggestion; a conflict goes to a person."""
        declared = case.declared
        if declared is not None and declared != d.attribute:
            d.human = True
            d.note(
                "declared_conflict",
                first=True,
                declared=ATTRIBUTE_ZH.get(declared, declared),
                suggested=ATTRIBUTE_ZH[d.attribute],
            )
            if declared == "active" and d.attribute == "withheld":
                key = (
                    "declared_active_mandatory" if case.kind("mandatory") else "declared_active_discretionary"
                )
                d.notes[0] = message("notes", key) + d.notes[0]
            return True
        if declared == "active" and d.needs_redaction:
            d.human = True
            d.note("declared_active_redaction", first=True)
        return False

    def _finish(self, case: _Case, d: Decision, declared_conflict: bool) -> Suggestion:
        local = None
        partial_name = self.profile.local_attributes.get("partial")
        if partial_name and d.attribute == "active" and d.needs_redaction:
            local = partial_name
        elif case.declared_local and case.declared == d.attribute:
            local = case.declared_local
        reasons = _ordered(_dedupe(d.reasons), {f.rule.id: f.rule.kind for f in case.fired}, d.decided_by)
        summary = self._summary(
            d.attribute, local, d.human, d.needs_redaction, d.decided_by, reasons, d.notes, case.probs
        )
        return Suggestion(
            attribute=d.attribute,
            needs_redaction=d.needs_redaction,
            needs_human_review=d.human,
            reasons=tuple(reasons),
            confidence=round(min(max(d.confidence, 0.0), 1.0), 4),
            declared_conflict=declared_conflict,
            declared_attribute=case.declared,
            model=self._model_info(case.probs),
            rules_fired=tuple(f.rule.id for f in case.fired),
            summary_zh=summary,
            local_attribute=local,
            decided_by=d.decided_by,
            notes=tuple(d.notes),
            profile=self.profile.name,
            content_cues=tuple(d.content_cues),
        )

    # ------------------------------------------------------------------ helpers
    def _declared(self, doc: Document) -> tuple[str | None, str | None]:
        """The attribute the 附注 / 公开方式 line declares and its local note, as ``gkreview.gongwen`` parsed them."""
        g = doc.gongwen
        if g is None or not g.declared_attribute:
            return None, None
        return g.declared_attribute, g.declared_note

    def _unreviewable(self, doc: Document, status: str, declared_attr: str | None) -> Suggestion:
        """No attribute from text that was not (fully) read: ``withheld`` only as 未经审查不得发布."""
        known = status in STATUS_LABELS_ZH and status != "ok"
        what = Status(status).reason_zh if known else message("status", "empty")
        msg = doc.error.message if doc.error else ""
        text = message("reasons", "not_reviewed", what=what, detail=f"（{msg}）" if msg else "")
        reason = self._reason("NOT_REVIEWED", text, rule="fail_closed")
        return Suggestion(
            attribute="withheld",
            needs_redaction=False,
            needs_human_review=True,
            reasons=(reason,),
            confidence=None,
            declared_conflict=False,
            declared_attribute=declared_attr,
            model=self._model_info(None),
            rules_fired=("fail_closed",),
            summary_zh=message("summary", "unreviewable", what=what),
            decided_by="fail_closed",
            profile=self.profile.name,
            reviewed=False,
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
        parts = [message("summary", "suggest", name=name)]
        main = next((r for r in reasons if r.rule == decided_by), None)
        if main is not None:
            parts.append(message("summary", "main", basis=main.basis, rule=decided_by))
        if redaction:
            parts.append(message("summary", "redaction"))
        if human:
            parts.append(message("summary", "human"))
        if probs is not None:
            parts.append(
                message("summary", "probabilities")
                + "，".join(f"{ATTRIBUTE_ZH.get(k, k)} {v:.2f}" for k, v in probs.items())
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
_HANDLING = ("separable", "periodic_review", "publish_timeline", "third_party_consult", "needs_human_review")
# codes that already send the draft to a person
_PERSON_CODES = ("HUMAN_REVIEW", "ART17_UNCERTAIN_REFER")


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
