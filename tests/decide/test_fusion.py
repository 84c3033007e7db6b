"""How the rules and the model combine, and that the report says which did what."""

from __future__ import annotations

from gkreview.decide import Decider
from tests.decide._helpers import doc, fixed_model

SECRET = doc("机密★5年\n某市城市道路管理办法\n第一条", title="某市城市道路管理办法", secrecy="机密★5年")


def test_mandatory_rule_beats_a_confident_model() -> None:
    d = Decider(model=fixed_model(0.98, 0.01, 0.01))
    s = d.suggest(SECRET, [])
    assert s.attribute == "withheld"
    assert s.decided_by == "secrecy_mark_parsed"
    assert s.model is not None and s.model["probabilities"]["active"] > 0.97
    assert any("不能推翻" in n for n in s.notes)


def test_model_probabilities_are_reported() -> None:
    s = Decider(model=fixed_model(0.7, 0.2, 0.1)).suggest(doc("正文", title="关于某项工作的安排"), [])
    assert s.model is not None
    assert s.model["name"] == "fixed"
    assert abs(sum(s.model["probabilities"].values()) - 1.0) < 1e-3
    assert "模型概率" in s.summary_zh


def test_no_rule_and_confident_model_suggests_active_with_its_reason() -> None:
    s = Decider(model=fixed_model(0.9, 0.05, 0.05)).suggest(doc("正文", title="关于某项工作的安排"), [])
    assert (s.attribute, s.decided_by, s.needs_human_review) == ("active", "model_active", False)
    assert s.reasons[0].code == "ART19_PUBLIC_INTEREST"
    assert "模型" in s.reasons[0].explanation


def test_model_alone_never_withholds_under_the_national_profile() -> None:
    s = Decider(model=fixed_model(0.05, 0.05, 0.9)).suggest(doc("正文", title="关于某项工作的安排"), [])
    assert s.attribute == "on_request"
    assert s.needs_human_review
    assert "HUMAN_REVIEW" in {r.code for r in s.reasons}


def test_model_alone_may_withhold_when_a_profile_allows_it() -> None:
    profile = {"name": "strict", "thresholds": {"model_only_withheld": True}}
    s = Decider(profile=profile, model=fixed_model(0.05, 0.05, 0.9)).suggest(
        doc("正文", title="关于某项工作"), []
    )
    assert (s.attribute, s.needs_human_review) == ("withheld", True)


def test_weak_rule_confirmed_by_the_model_decides() -> None:
    text = doc("关于城区道路整治开展情况\n正文", title="关于城区道路整治开展情况")
    assert Decider(model=None).suggest(text, []).attribute == "on_request"
    s = Decider(model=fixed_model(0.04, 0.04, 0.92)).suggest(text, [])
    assert (s.attribute, s.decided_by) == ("withheld", "situation_title")


def test_topic_rule_yields_to_a_confident_model_but_asks_a_person() -> None:
    text = doc("关于同意某公司更名的批复\n此复。", title="关于同意某医院更名的批复", doc_type="批复")
    assert Decider(model=None).suggest(text, []).attribute == "active"  # livelihood: 医院
    s = Decider(model=fixed_model(0.02, 0.95, 0.03)).suggest(text, [])
    assert s.attribute == "on_request"
    assert s.needs_human_review
    assert "livelihood" in s.rules_fired


def test_rule_and_model_disagreeing_is_flagged() -> None:
    s = Decider(model=fixed_model(0.9, 0.05, 0.05)).suggest(
        doc("关于追加经费的请示", title="关于追加经费的请示", doc_type="请示"), []
    )
    assert s.attribute == "withheld"
    assert s.needs_human_review
    assert any("与规则不一致" in n for n in s.notes)


def test_form_rule_is_not_vetoed_by_the_model() -> None:
    s = Decider(model=fixed_model(0.02, 0.95, 0.03)).suggest(
        doc("某市城市道路管理办法\n第一条", title="某市城市道路管理办法", subtype="办法"), []
    )
    assert s.attribute == "active"


def test_confidence_mixes_rule_and_model() -> None:
    text = doc("关于追加经费的请示", title="关于追加经费的请示", doc_type="请示")
    agree = Decider(model=fixed_model(0.02, 0.03, 0.95)).suggest(text, []).confidence
    disagree = Decider(model=fixed_model(0.95, 0.03, 0.02)).suggest(text, []).confidence
    rules_only = Decider(model=None).suggest(text, []).confidence
    assert disagree < rules_only < agree


def test_missing_default_model_means_rules_only(monkeypatch: object) -> None:
    import gkreview.decide.model as m

    monkeypatch.setattr(m, "default_model_dir", lambda: None)  # type: ignore[attr-defined]
    s = Decider(model="default").suggest(
        doc("关于追加经费的请示", title="关于追加经费的请示", doc_type="请示"), []
    )
    assert s.attribute == "withheld"
    assert s.model == {"name": None, "status": "not installed", "probabilities": None}
