"""Each national rule, one document that fires it, and what the suggestion must say (rules only)."""

from __future__ import annotations

from typing import Any

import pytest

from gkreview import gongwen
from gkreview.decide import Decider, load_profile
from gkreview.review import text_document
from tests.decide._helpers import doc, finding

PI = finding("personal_info", "ART15_PRIVACY", "high", fid="f1", label="公民身份号码")

# (rule id, text, 公文 elements, findings, attribute, reason code that must be present)
CASES: list[tuple[str, str, dict[str, Any], list[Any], str, str]] = [
    (
        "secrecy_mark_parsed",
        "机密★5年\n关于某事项的通知\n正文。",
        {"title": "关于某事项的通知", "secrecy": "机密★5年"},
        [],
        "withheld",
        "ART14_STATE_SECRET",
    ),
    (
        "secrecy_mark_finding",
        "关于某事项的通知\n正文。",
        {"title": "关于某事项的通知"},
        [finding("secrecy_mark", "ART14_STATE_SECRET")],
        "withheld",
        "ART14_STATE_SECRET",
    ),
    (
        "secrecy_mark_head",
        "000127\n秘密★1年\n关于某事项的通知\n正文。",
        {"title": "关于某事项的通知"},
        [],
        "withheld",
        "ART14_STATE_SECRET",
    ),
    (
        "law_prohibited",
        "某市未成年人保护办法\n正文。",
        {"title": "某市未成年人保护办法", "subtype": "办法"},
        [finding("sensitive_personal_info", "ART14_LAW_PROHIBITED", "medium")],
        "active",
        "ART14_LAW_PROHIBITED",
    ),
    (
        "security_stability",
        "某市安全生产条例\n正文。",
        {"title": "某市安全生产条例"},
        [finding("security", "ART14_SECURITY_STABILITY", "medium")],
        "active",
        "ART14_SECURITY_STABILITY",
    ),
    (
        "restricted_circulation",
        "某市物业管理办法\n正文。\n（此件发至县级）",
        {"title": "某市物业管理办法", "circulation_scope": "（此件发至县级）"},
        [],
        "active",
        "HUMAN_REVIEW",
    ),
    (
        "joint_issuer",
        "关于全面推进政务公开工作的实施意见\n正文。",
        {
            "title": "关于全面推进政务公开工作的实施意见",
            "doc_type": "意见",
            "direction": "downward",
            "issuer_type": "joint",
        },
        [],
        "active",
        "NOT_GOV_INFO_ART2",
    ),
    (
        "personal_info",
        "某市物业管理办法\n正文。",
        {"title": "某市物业管理办法"},
        [PI],
        "active",
        "ART15_PRIVACY",
    ),
    (
        "trade_secret",
        "某市物业管理办法\n正文。",
        {"title": "某市物业管理办法"},
        [finding("trade_secret", "ART15_TRADE_SECRET")],
        "active",
        "ART15_TRADE_SECRET",
    ),
    (
        "third_party",
        "某市物业管理办法\n正文。",
        {"title": "某市物业管理办法"},
        [finding("personal_info", "ART15_OTHER_THIRD_PARTY")],
        "active",
        "ART15_OTHER_THIRD_PARTY",
    ),
    (
        "internal_draft_stage",
        "某市物业管理办法（送审稿）\n正文。",
        {"title": "某市物业管理办法（送审稿）"},
        [],
        "withheld",
        "ART16_PROCESS_INFO",
    ),
    (
        "comment_draft",
        "某项工作要点（征求意见稿）\n请各单位提出意见。",
        {"title": "某项工作要点（征求意见稿）"},
        [],
        "on_request",
        "ART13_DEFAULT_OPEN",
    ),
    (
        "qingshi",
        "关于追加专项经费的请示\n市政府：\n妥否，请批示。",
        {"title": "关于追加专项经费的请示", "doc_type": "请示", "direction": "upward"},
        [],
        "withheld",
        "ART16_PROCESS_INFO",
    ),
    (
        "upward_report",
        "关于全市河湖长制工作情况的报告\n市政府：\n特此报告。",
        {"title": "关于全市河湖长制工作情况的报告", "doc_type": "报告", "direction": "upward"},
        [],
        "withheld",
        "ART16_PROCESS_INFO",
    ),
    (
        "situation_title",
        "关于城区道路整治开展情况\n正文。",
        {"title": "关于城区道路整治开展情况"},
        [],
        "on_request",
        "ART13_DEFAULT_OPEN",
    ),
    (
        "minutes",
        "局长办公会议纪要\n会议议定如下。",
        {"title": "局长办公会议纪要", "doc_type": "纪要"},
        [],
        "withheld",
        "ART16_PROCESS_INFO",
    ),
    (
        "consultation_letter",
        "关于商请提供统计数据的函\n某局：\n请予支持为盼。",
        {"title": "关于商请提供统计数据的函", "doc_type": "函"},
        [],
        "withheld",
        "ART16_PROCESS_INFO",
    ),
    (
        "enforcement_record",
        "询问笔录\n问：你公司何时开始经营？\n答：2021年。",
        {"title": "询问笔录"},
        [],
        "withheld",
        "ART16_ENFORCEMENT_FILE",
    ),
    (
        "internal_affairs_title",
        "关于加强机关值班工作的通知\n正文。",
        {"title": "关于加强机关值班工作的通知", "doc_type": "通知"},
        [],
        "withheld",
        "ART16_INTERNAL_AFFAIRS",
    ),
    (
        "internal_addressees",
        "关于报送材料的通知\n机关各科室：\n正文。",
        {"title": "关于报送材料的通知", "doc_type": "通知", "addressees": ["机关各科室"]},
        [],
        "on_request",
        "ART16_INTERNAL_AFFAIRS",
    ),
    (
        "work_secret_mark",
        "内部资料，注意保存\n关于某项工作的安排\n正文。",
        {"title": "关于某项工作的安排"},
        [],
        "withheld",
        "ART16_INTERNAL_AFFAIRS",
    ),
    (
        "process_cues",
        "关于某项工作的安排\n正文。",
        {"title": "关于某项工作的安排"},
        [finding("process_info", "ART16_PROCESS_INFO", "medium")],
        "on_request",
        "ART16_PROCESS_INFO",
    ),
    (
        "internal_cues",
        "关于某项工作的安排\n正文。",
        {"title": "关于某项工作的安排"},
        [finding("internal_affairs", "ART16_INTERNAL_AFFAIRS", "medium")],
        "on_request",
        "ART16_INTERNAL_AFFAIRS",
    ),
    (
        "enforcement_cues",
        "关于某项工作的安排\n正文。",
        {"title": "关于某项工作的安排"},
        [finding("enforcement_file", "ART16_ENFORCEMENT_FILE", "medium")],
        "on_request",
        "ART16_ENFORCEMENT_FILE",
    ),
    (
        "public_consultation",
        "关于公开征求《某市物业管理办法（征求意见稿）》意见的通知\n正文。",
        {"title": "关于公开征求《某市物业管理办法（征求意见稿）》意见的通知"},
        [],
        "active",
        "ART19_PUBLIC_INTEREST",
    ),
    (
        "public_by_nature",
        "某市人民政府通告\n正文。",
        {"title": "某市人民政府通告", "doc_type": "通告"},
        [],
        "active",
        "ART19_PUBLIC_INTEREST",
    ),
    (
        "normative_document",
        "某市城市道路管理办法\n第一条 为了……",
        {"title": "某市城市道路管理办法", "subtype": "办法"},
        [],
        "active",
        "ART20_01",
    ),
    (
        "policy_opinion",
        "关于加快推进数字政府建设的意见\n各区县人民政府：",
        {"title": "关于加快推进数字政府建设的意见", "doc_type": "意见", "direction": "downward"},
        [],
        "active",
        "ART20_01",
    ),
    (
        "downward_notice",
        "关于开展城镇小区配套设施治理工作的通知\n各省、自治区、直辖市人民政府，国务院各部委：\n正文。",
        {"title": "关于开展城镇小区配套设施治理工作的通知", "doc_type": "通知", "direction": "downward"},
        [],
        "active",
        "ART19_PUBLIC_INTEREST",
    ),
    ("plans", "某市综合交通专项规划\n正文。", {"title": "某市综合交通专项规划"}, [], "active", "ART20_03"),
    (
        "statistics",
        "2023年某市国民经济和社会发展统计公报\n正文。",
        {"title": "2023年某市国民经济和社会发展统计公报"},
        [],
        "active",
        "ART19_PUBLIC_INTEREST",
    ),
    (
        "licensing",
        "某局政务服务事项办事指南\n正文。",
        {"title": "某局政务服务事项办事指南"},
        [],
        "active",
        "ART20_05",
    ),
    (
        "penalty_decision",
        "某市市场监督管理局行政处罚决定书\n正文。",
        {"title": "某市市场监督管理局行政处罚决定书"},
        [],
        "active",
        "ART20_06",
    ),
    ("budget", "某局2024年部门预算\n正文。", {"title": "某局2024年部门预算"}, [], "active", "ART20_07"),
    (
        "fees",
        "关于调整行政事业性收费标准的通知\n正文。",
        {"title": "关于调整行政事业性收费标准的通知"},
        [],
        "active",
        "ART20_08",
    ),
    (
        "procurement",
        "某市2024年政府集中采购目录\n正文。",
        {"title": "某市2024年政府集中采购目录"},
        [],
        "active",
        "ART20_09",
    ),
    (
        "major_projects",
        "关于某市重大建设项目实施情况的通知\n正文。",
        {"title": "关于某市重大建设项目实施情况的通知"},
        [],
        "active",
        "ART20_10",
    ),
    (
        "livelihood",
        "关于做好高校毕业生就业工作的通知\n正文。",
        {"title": "关于做好高校毕业生就业工作的通知"},
        [],
        "active",
        "ART20_11",
    ),
    (
        "emergencies",
        "某市突发地质灾害应急预案\n正文。",
        {"title": "某市突发地质灾害应急预案"},
        [],
        "active",
        "ART20_12",
    ),
    (
        "supervision",
        "关于2024年第一季度食品安全抽检结果的通报\n正文。",
        {"title": "关于2024年第一季度食品安全抽检结果的通报"},
        [],
        "active",
        "ART20_13",
    ),
    (
        "civil_service",
        "某省2024年考试录用公务员招考公告\n正文。",
        {"title": "某省2024年考试录用公务员招考简章"},
        [],
        "active",
        "ART20_14",
    ),
    (
        "agency_info",
        "某市财政局主要职责内设机构和人员编制规定\n正文。",
        {"title": "某市财政局主要职责内设机构和人员编制"},
        [],
        "active",
        "ART20_02",
    ),
    (
        "local_affairs",
        "关于做好房屋征收补偿工作的通知\n正文。",
        {"title": "关于做好房屋征收补偿工作的通知"},
        [],
        "active",
        "ART21_CITY_COUNTY",
    ),
    # ---- issue 9: content grounds, scope and notes (SYNTHETIC drafts)
    (
        "secrecy_mark_body",
        "关于某事项的通知\n一、总体要求。\n（秘密★1年）\n二、具体措施。\n（此件公开发布）",
        {"title": "关于某事项的通知", "declared_attribute": "active"},
        [],
        "withheld",
        "ART14_STATE_SECRET",
    ),
    (
        "law_prohibited_ground",
        "关于某校学生伤害案件的情况通报\n正文。",
        {"title": "关于某校学生伤害案件的情况通报"},
        [finding("minors", "ART14_LAW_PROHIBITED")],
        "withheld",
        "ART14_LAW_PROHIBITED",
    ),
    (
        "security_stability_ground",
        "某农商行流动性风险处置预案\n正文。",
        {"title": "某农商行流动性风险处置预案"},
        [finding("security", "ART14_SECURITY_STABILITY")],
        "withheld",
        "ART14_SECURITY_STABILITY",
    ),
    (
        "secrecy_uncertain",
        "关于某事项的通知\n秘密\n正文。",
        {"title": "关于某事项的通知"},
        [finding("secrecy_mark", "ART14_STATE_SECRET", "medium")],
        "on_request",
        "ART17_UNCERTAIN_REFER",
    ),
    (
        "legacy_citation",
        "关于某申请的答复\n根据《中华人民共和国政府信息公开条例》（国务院令第492号）……",
        {"title": "关于某申请的答复"},
        [],
        "on_request",
        "LEGACY_CITATION",
    ),
    (
        "party_issuer",
        "关于加强基层党组织建设的通知\n各乡镇党委：",
        {"title": "关于加强基层党组织建设的通知", "doc_type": "通知", "issuer_type": "party"},
        [],
        "on_request",
        "NOT_GOV_INFO_ART2",
    ),
    (
        "statutory_notice",
        "2024年拟录用公务员名单公示\n正文。",
        {"title": "2024年拟录用公务员名单公示"},
        [finding("personal_info", "ART15_PRIVACY", "medium", label="姓名")],
        "active",
        "SECTORAL_MANDATE",
    ),
    (
        "trade_secret_ground",
        "关于某公司技术改造项目的验收意见\n正文。",
        {"title": "关于某公司技术改造项目的验收意见"},
        [finding("trade_secret", "ART15_TRADE_SECRET")],
        "on_request",
        "ART32_THIRD_PARTY_CONSULT",
    ),
    (
        "work_secret_note",
        "工作秘密，注意保管\n关于某项工作的安排\n正文。",
        {"title": "关于某项工作的安排"},
        [],
        "withheld",
        "WORK_SECRET",
    ),
    (
        "work_plan",
        "关于印发《某县营商环境提升行动方案》的通知\n正文。",
        {"title": "关于印发《某县营商环境提升行动方案》的通知"},
        [],
        "active",
        "ART19_PUBLIC_INTEREST",
    ),
    (
        "township_affairs",
        "某镇人民政府关于做好2024年农田水利工程建设的通知\n正文。",
        {"title": "某镇人民政府关于做好2024年农田水利工程建设的通知"},
        [],
        "active",
        "ART21_TOWNSHIP",
    ),
    (
        "other_mandated",
        "某县人民政府2023年政府信息公开工作年度报告\n正文。",
        {"title": "某县人民政府2023年政府信息公开工作年度报告"},
        [],
        "active",
        "ART20_15",
    ),
    (
        "special_access_regime",
        "关于某申请的答复\n您申请的不动产登记资料，请到登记机构办理查询。",
        {"title": "关于某申请的答复"},
        [],
        "on_request",
        "ART36_7_SPECIAL_ACCESS_REGIME",
    ),
]


@pytest.fixture(scope="module")
def decider() -> Decider:
    return Decider(profile=None, model=None)


@pytest.mark.parametrize(
    ("rule", "text", "gw", "findings", "attribute", "code"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_fires(
    decider: Decider, rule: str, text: str, gw: dict[str, Any], findings: list[Any], attribute: str, code: str
) -> None:
    s = decider.suggest(doc(text, **gw), findings)
    assert rule in s.rules_fired
    assert s.attribute == attribute, s.summary_zh
    assert code in {r.code for r in s.reasons}
    for r in s.reasons:
        assert r.basis and r.explanation, r
        assert r.article_text, r.code


def test_every_national_rule_has_a_case() -> None:
    ids = {r.id for r in load_profile().rules}
    assert ids == {c[0] for c in CASES}


def test_secrecy_is_withheld_and_says_declassify(decider: Decider) -> None:
    s = decider.suggest(doc("机密★5年\n某市物业管理办法", title="某市物业管理办法", secrecy="机密★5年"), [])
    reason = s.reasons[0]
    assert (s.attribute, reason.code, reason.modality) == ("withheld", "ART14_STATE_SECRET", "mandatory")
    assert "解密" in reason.explanation
    assert "机密★5年" in reason.explanation
    assert s.needs_human_review  # routed to 保密审查 (taxonomy: flag_only)
    assert "ART18_PERIODIC_REVIEW" in {r.code for r in s.reasons}


def test_discretionary_reasons_are_worded_as_discretionary(decider: Decider) -> None:
    s = decider.suggest(
        doc("关于追加经费的请示\n妥否，请批示。", title="关于追加经费的请示", doc_type="请示"), []
    )
    r = s.reasons[0]
    assert r.modality == "discretionary"
    assert "可以不予公开" in r.explanation
    assert "第十六条" in r.basis
    assert r.rule == "qingshi"


def test_proactive_reason_cites_the_item(decider: Decider) -> None:
    s = decider.suggest(doc("某局2024年部门预算\n正文", title="某局2024年部门预算"), [])
    assert s.reasons[0].basis == "《政府信息公开条例》第二十条第（七）项"


def test_personal_information_means_redaction_not_withholding(decider: Decider) -> None:
    s = decider.suggest(doc("某市物业管理办法\n第一条", title="某市物业管理办法", subtype="办法"), [PI])
    assert s.attribute == "active"
    assert s.needs_redaction
    codes = [r.code for r in s.reasons]
    assert "ART15_PRIVACY" in codes and "ART37_SEPARABLE" in codes
    separable = next(r for r in s.reasons if r.code == "ART37_SEPARABLE")
    assert separable.finding_ids == ("f1",)


def test_form_beats_topic(decider: Decider) -> None:
    """A 请示 about the budget is a 请示."""
    s = decider.suggest(
        doc("关于追加部门预算的请示\n正文", title="关于追加部门预算的请示", doc_type="请示"), []
    )
    assert s.attribute == "withheld"
    assert {"qingshi", "budget"} <= set(s.rules_fired)
    assert s.decided_by == "qingshi"


def test_close_call_goes_to_a_person(decider: Decider) -> None:
    s = decider.suggest(
        doc("某市物业管理办法（送审稿）\n正文", title="某市物业管理办法（送审稿）", subtype="办法"), []
    )
    assert s.attribute == "withheld"  # 90 against 80: within the margin
    assert s.needs_human_review
    assert "HUMAN_REVIEW" in {r.code for r in s.reasons}


def test_no_signal_is_on_request(decider: Decider) -> None:
    s = decider.suggest(doc("关于某项工作的安排\n正文。", title="关于某项工作的安排"), [])
    assert s.attribute == "on_request"
    assert s.reasons[-1].code == "ART13_DEFAULT_OPEN"
    assert s.model is not None and s.model["probabilities"] is None


@pytest.mark.parametrize(
    "status", ["unreadable", "encrypted", "unsupported", "too_large", "timeout", "needs_ocr"]
)
def test_unreadable_fails_closed(decider: Decider, status: str) -> None:
    s = decider.suggest(doc("", status=status), [])
    assert s.attribute == "withheld" and not s.reviewed and s.confidence is None
    assert s.needs_human_review
    assert [r.code for r in s.reasons] == ["NOT_REVIEWED"]
    assert "未能审查" in s.reasons[0].explanation


@pytest.mark.parametrize("status", ["partial", "needs_ocr", "unreadable"])
def test_a_partial_read_gets_no_attribute_from_its_text(decider: Decider, status: str) -> None:
    # issue 11 item 4: the readable part of a 办法 would be 主动公开; nothing is suggested until it is read
    s = decider.suggest(doc("某市城市道路管理办法\n第一条", status=status, title="某市城市道路管理办法"), [])
    assert (s.attribute, s.reviewed, s.confidence) == ("withheld", False, None)
    assert s.needs_human_review
    assert [r.code for r in s.reasons] == ["NOT_REVIEWED"]
    assert "不作公开属性建议" in s.reasons[0].explanation
    d = s.to_dict()
    assert (
        d["reviewed"] is False and d["confidence"] is None and d["attribute_zh"] == "未能审查（不作属性建议）"
    )


def test_declared_active_with_withheld_content_is_the_headline(decider: Decider) -> None:
    text = "机密★5年\n关于某事项的通知\n正文。\n2024年1月1日\n（此件公开发布）"
    s = decider.suggest(
        doc(text, title="关于某事项的通知", secrecy="机密★5年", declared_attribute="active"), []
    )
    assert s.declared_attribute == "active"
    assert s.declared_conflict
    assert s.summary_zh.count("附注标注为主动公开") == 1
    assert s.notes[0].startswith("！")


def test_declared_attribute_comes_from_the_gongwen_parser(decider: Decider) -> None:
    """One source of truth: the 附注 line as gkreview.gongwen parsed it, no second set of patterns."""
    text = "关于追加经费的请示\n市人民政府：\n妥否，请批示。\n某市财政局\n2024年1月1日\n（此件主动公开）"
    parsed = text_document(text, "q.txt")
    parsed = parsed.with_gongwen(gongwen.parse(parsed.text))
    assert parsed.gongwen is not None and parsed.gongwen.declared_attribute == "active"
    s = decider.suggest(parsed, [])
    assert (s.declared_attribute, s.attribute, s.declared_conflict) == ("active", "withheld", True)
    # the parser found no declaration: the decider does not look for one itself
    s = decider.suggest(doc(text, title="关于追加经费的请示", doc_type="请示"), [])
    assert (s.declared_attribute, s.declared_conflict) == (None, False)


def test_declared_note_is_the_local_attribute(decider: Decider) -> None:
    text = "某市城市道路管理办法\n第一条\n（此件删减后公开）"
    g = dict(title="某市城市道路管理办法", declared_attribute="active", declared_note="删减后公开")
    s = decider.suggest(doc(text, **g), [])
    assert (s.attribute, s.declared_attribute, s.local_attribute) == ("active", "active", "删减后公开")


def test_declared_agreeing_is_no_conflict(decider: Decider) -> None:
    text = "某市城市道路管理办法\n第一条\n（此件公开发布）"
    s = decider.suggest(doc(text, title="某市城市道路管理办法", declared_attribute="active"), [])
    assert (s.attribute, s.declared_conflict) == ("active", False)


def test_declared_active_with_personal_information_is_flagged(decider: Decider) -> None:
    text = "某市城市道路管理办法\n第一条\n（此件公开发布）"
    s = decider.suggest(doc(text, title="某市城市道路管理办法", declared_attribute="active"), [PI])
    assert (s.attribute, s.needs_redaction, s.declared_conflict, s.needs_human_review) == (
        "active",
        True,
        False,
        True,
    )
    assert "区分处理" in s.summary_zh


def test_to_dict_follows_the_contract(decider: Decider) -> None:
    d = decider.suggest(doc("关于追加经费的请示", title="关于追加经费的请示", doc_type="请示"), []).to_dict()
    for key in (
        "attribute",
        "needs_redaction",
        "needs_human_review",
        "reasons",
        "declared_conflict",
        "confidence",
    ):
        assert key in d
    assert d["reasons"][0]["code"] == "ART16_PROCESS_INFO"
    assert d["rules_fired"] and d["summary_zh"]


def test_document_without_parsed_elements(decider: Decider) -> None:
    from gkreview.review import text_document

    s = decider.suggest(text_document("关于追加经费的请示\n市政府：\n妥否，请批示。"), [])
    assert (s.attribute, s.decided_by) == ("withheld", "qingshi")  # title from the first line


def test_joint_issuer_needs_a_person(decider: Decider) -> None:
    s = decider.suggest(
        doc("关于某项工作的实施意见", title="关于某项工作的实施意见", doc_type="意见", issuer_type="joint"),
        [],
    )
    assert s.needs_human_review
    assert "NOT_GOV_INFO_ART2" in {r.code for r in s.reasons}
