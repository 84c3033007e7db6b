"""content_trade_secret (条例 第十五条、第三十二条、第三十七条). Positives SYNTHETIC; hard negatives real."""

from __future__ import annotations

import pytest

from tests.detectors.content_helpers import draft, found, severities

DET = "content_trade_secret"


@pytest.mark.parametrize("name", ["trade_secret_acceptance", "trade_secret_paraphrase"])
def test_acceptance_opinions_are_high(detector_set, name):
    hits = found(detector_set, draft(name), DET)
    assert hits and {sev for _, sev, _ in hits} == {"high"}
    assert {code for _, _, code in hits} == {"ART15_TRADE_SECRET"}


def test_values_are_masked(detector_set):
    text = draft("trade_secret_acceptance")
    masked = [f.masked for f in detector_set.detect(text) if f.detector == DET]
    assert any("单位成本" in m for m in masked)
    assert not any("2.36" in m or "3.10" in m or "12%" in m for m in masked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SYNTHETIC
        ("该公司已书面申明其提交的工艺参数属于商业秘密。", {"high"}),
        ("东岭化工有限公司反应釜温度控制在185℃，单位成本为每吨3200元。", {"high"}),
        ("东岭化工有限公司产品单位成本为每吨3200元。", {"medium"}),
        # hard negatives — public money and real published statute texts
        ("东岭化工有限公司以报价1280万元中标。", set()),
        (
            "在侵犯商业秘密的民事审判程序中，商业秘密权利人提供初步证据，证明其已经对所主张的商业秘密采取保密措施，"
            "且合理表明商业秘密被侵犯，涉嫌侵权人应当证明权利人所主张的商业秘密不属于本法规定的商业秘密。",
            set(),
        ),
        ("第七条 纳税义务人有权要求海关对其商业秘密予以保密，海关应当依法为纳税义务人保密。", set()),
        ("第二十一条  企业应当对生产配方中添加比例小于0.2%的原料进行预混合。", set()),
        # the material a secret is in, said of one company (SYNTHETIC)
        ("青禾绿源食品有限公司提交的产品配方和工艺图纸已存档备查。", {"medium"}),
        ("经核查，该公司的源代码已按要求封存。", {"medium"}),
        ("该公司已书面申明其源代码属于商业秘密。", {"high"}),
        # … and named in general terms by published texts (real, ../shared/corpora; see below)
        ("创新开放源代码社区、社会实验室、创新工程等新模式，推动服务业数字化提速。", set()),
        ("婴幼儿配方乳粉的产品配方应当经国务院食品安全监督管理部门注册。", set()),
    ],
)
def test_trade_secret_table(detector_set, text, expected):
    assert severities(detector_set, text, DET) == expected


# Real published documents (../shared/corpora, all published, label active) whose general mention of
# 产品配方/源代码/客户名单/工艺配方/标底/维稳 made them reach --fail-on high before (bench/gate_on_real.py):
# no trade-secret (or other) finding above low may come from them.
_BODY = "某某管理办法\n" + "正文。\n" * 12  # running text, after the header region
_REST = "正文。\n" * 300  # the rest of a long statute: its header region is the first 300 characters
REAL_GENERAL_MENTIONS = [
    ("law-f1a8796acd66", _BODY + "婴幼儿配方乳粉的产品配方应当经国务院食品安全监督管理部门注册。"),
    ("ww-8e60be9f881b", _BODY + "　　婴幼儿配方乳粉的产品配方应当经国务院食品安全监督管理部门注册。"),
    ("law-db9c9a1f368c", _BODY + "（四）产品配方或者产品全成分；"),
    (
        "law-1c1c8992c751",
        _BODY + "第十三条 商业秘密中的客户名单，一般是指客户的名称、地址、联系方式以及交易的习惯、意向、"
        "内容等构成的区别于相关公知信息的特殊客户信息，包括汇集众多客户的客户名册，以及保持长期稳定交易关系的特定客户。",
    ),
    (
        "law-65e9829d2787",
        _BODY
        + "密码管理部门和有关部门及其工作人员不得要求商用密码从业单位和商用密码检测、认证机构向其披露源代码"
        "等密码相关专有信息，并对其在履行职责中知悉的商业秘密和个人隐私严格保密，不得泄露或者非法向他人提供。",
    ),
    (
        "xv-central-7",
        _BODY
        + "化妆品：在化妆品审评工作中，人工智能技术可以应用于产品配方的深入分析，通过信息比对辅助识别潜在的"
        "原料风险物质，并支持合规性评估。",
    ),
    (
        "xv-central-12",
        _BODY
        + "工艺数据及模型标准主要用于规范工艺配方及计算模型、催化剂评估模型、动(热)力学模型、质量预测模型"
        "等工艺模型与建模方法，实现装置稳定满负荷优化运行。",
    ),
    (
        "xv-central-53",
        _BODY + "第十五条\u3000完成对接后，由平台主管单位组织安全评估，通过渗透测试和源代码审计相结合的方式，"
        "系统排查安全隐患，并将安全评估报告报教育部网信办备案。",
    ),
    ("xv-shandong-52", _BODY + "创新开放源代码社区、社会实验室、创新工程等新模式，推动服务业数字化提速。"),
    # a statute's first articles fall inside the header region of the text: they are not a title
    (
        "ww-053e360b6fdc",
        "公路工程造价管理暂行办法\n\n(2016年9月2日交通运输部令第67号公布 自2016年11月1日起施行)\n\n\n"
        "第一章 总\u2002\u2002则\n\n\n\n第一条 为加强公路工程造价管理，规范造价行为，合理控制建设成本，"
        "保障公路工程质量和安全，根据《中华人民共和国公路法》等法律、行政法规，制定本办法。\n\n"
        "第二条 在中华人民共和国境内的公路新建、改建、扩建工程（以下统称公路工程）的造价活动，适用本办法。\n\n"
        "本办法所称公路工程造价活动，是指公路工程建设项目从筹建到竣工验收交付使用所需全部费用的确定与控制，"
        "包括投资估算、设计概算、施工图预算、标底或者最高投标限价、合同价、变更费用、竣工决算等费用的确定与控制。\n"
        + _REST,
    ),
    (
        "ww-09cee5879eec",
        "建筑工程施工发包与承包计价管理办法\n\n（2013年12月11日中华人民共和国住房和城乡建设部令第16号公布"
        "\u3000自2014年2月1日起施行）\n\n\n\n第一条\u3000为了规范建筑工程施工发包与承包计价行为，维护建筑工程"
        "发包与承包双方的合法权益，促进建筑市场的健康发展，根据有关法律、法规，制定本办法。\n\n"
        "第二条\u3000在中华人民共和国境内的建筑工程施工发包与承包计价（以下简称工程发承包计价）管理，适用本办法。\n\n"
        "本办法所称建筑工程是指房屋建筑和市政基础设施工程。\n\n本办法所称工程发承包计价包括编制工程量清单、"
        "最高投标限价、招标标底、投标报价，进行工程结算，以及签订和调整合同价款等活动。\n" + _REST,
    ),
    (
        "law-b6fe5b2c095c",
        "中华人民共和国人民武装警察法\n\n2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议通过\n\n"
        "第一章 总 则\n\n第三条 人民武装警察部队坚持中国共产党的绝对领导，贯彻习近平强军思想，贯彻新时代军事战略"
        "方针，按照多能一体、维稳维权的战略要求，加强练兵备战、坚持依法从严、加快建设发展，有效履行职责。\n"
        + _REST,
    ),
]


@pytest.mark.parametrize(("doc_id", "text"), REAL_GENERAL_MENTIONS, ids=[d for d, _ in REAL_GENERAL_MENTIONS])
def test_published_texts_naming_secrets_in_general_stay_quiet(detector_set, doc_id, text):
    loud = [
        (f.detector, f.severity, text[f.start : f.end])
        for f in detector_set.detect(text)
        if f.severity != "low" and f.category in ("trade_secret", "security")
    ]
    assert loud == [], doc_id


def test_the_words_still_raise_a_title():
    """In a title line (the header region) the general words stay a medium cue."""
    from gkreview.detectors import DetectorSet

    found = [
        (f.detector, f.severity)
        for f in DetectorSet.from_config().detect("关于某公司产品配方的审查意见\n正文。")
        if f.category == "trade_secret"
    ]
    assert ("lexicon", "medium") in found
