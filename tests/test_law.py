"""gkreview.law: every reason code resolves, quotes its statute verbatim, and says the right modality."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gkreview import law
from gkreview.errors import ConfigurationError
from tests.conftest import SHARED

STATUTES = SHARED / "domain" / "statutes"
STATUTE_FILES = {
    "gov_info_2019": "政府信息公开条例(2019-04-03).md",
    "secrets_law_2024": "保守国家秘密法(2024-02-27).md",
    "secrets_reg_2024": "保守国家秘密法实施条例(2024-07-10).md",
    "pipl_2021": "个人信息保护法(2021-08-20).md",
}

# DOMAIN.md §8.2 reason codes + taxonomy.yaml disclosure_bases + LEGACY_CITATION (DOMAIN.md §1.4)
REQUIRED = [
    "ART14_STATE_SECRET",
    "ART14_LAW_PROHIBITED",
    "ART14_SECURITY_STABILITY",
    "ART15_TRADE_SECRET",
    "ART15_PRIVACY",
    "ART15_OTHER_THIRD_PARTY",
    "ART16_INTERNAL_AFFAIRS",
    "ART16_PROCESS_INFO",
    "ART16_ENFORCEMENT_FILE",
    "ART36_7_SPECIAL_ACCESS_REGIME",
    "NOT_GOV_INFO_ART2",
    "WORK_SECRET",
    "ART37_SEPARABLE",
    "ART17_UNCERTAIN_REFER",
    "ART18_PERIODIC_REVIEW",
    "ART19_PUBLIC_INTEREST",
    *[f"ART20_{i:02d}" for i in range(1, 16)],
    "ART21_CITY_COUNTY",
    "ART21_TOWNSHIP",
    "SECTORAL_MANDATE",
    "ART13_DEFAULT_OPEN",
    "LEGACY_CITATION",
]


def _norm(s: str) -> str:
    """Whitespace and bracket width are the only differences allowed against the statute files."""
    s = s.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", s)


def _statute(key: str) -> str:
    path = STATUTES / STATUTE_FILES[key]
    if not path.exists():
        pytest.skip(f"{path} not present")
    return _norm(path.read_text("utf-8"))


def test_required_codes_present() -> None:
    missing = [c for c in REQUIRED if c not in law.codes()]
    assert not missing


def test_taxonomy_codes_all_covered(shared_dir: Path) -> None:
    tax = yaml.safe_load((shared_dir / "domain" / "taxonomy.yaml").read_text("utf-8"))
    wanted = set(tax["reason_codes"]) | (set(tax["disclosure_bases"]) - {"TIMELINE"})
    assert wanted - set(law.codes()) == set()


@pytest.mark.parametrize("code", law.codes())
def test_article_text_is_verbatim(code: str) -> None:
    b = law.get(code)
    assert b.article_text
    text = _statute(b.law)
    for part in b.article_text.split(law.ITEM_JOIN):
        assert _norm(part) in text, f"{code}: {part[:30]}… not in {STATUTE_FILES[b.law]}"


@pytest.mark.parametrize("code", law.codes())
def test_fields_are_well_formed(code: str) -> None:
    b = law.get(code)
    assert b.code == code
    assert b.modality in law.MODALITIES
    assert b.kind in law.KINDS
    assert b.basis.startswith("《")
    assert b.explanation_zh and b.action_zh
    assert b.to_dict()["code"] == code


@pytest.mark.parametrize(
    ("code", "modality", "label"),
    [
        ("ART14_STATE_SECRET", "mandatory", "属于国家秘密"),
        ("ART14_LAW_PROHIBITED", "mandatory", "其他法律行政法规禁止公开"),
        ("ART14_SECURITY_STABILITY", "mandatory", "危及“三安全一稳定”"),
        ("ART15_PRIVACY", "mandatory_with_override", "保护第三方合法权益"),
        ("ART15_TRADE_SECRET", "mandatory_with_override", "保护第三方合法权益"),
        ("ART16_INTERNAL_AFFAIRS", "discretionary", "属于三类内部事务信息"),
        ("ART16_PROCESS_INFO", "discretionary", "属于四类过程性信息"),
        ("ART16_ENFORCEMENT_FILE", "discretionary", "属于行政执法案卷"),
        ("ART36_7_SPECIAL_ACCESS_REGIME", "handling", "属于行政查询事项"),
        ("ART37_SEPARABLE", "handling", "部分公开"),
        ("ART20_07", "proactive", ""),
        ("ART21_TOWNSHIP", "proactive", ""),
    ],
)
def test_modality_and_report_label(code: str, modality: str, label: str) -> None:
    b = law.get(code)
    assert b.modality == modality
    assert b.report_label_zh == label


@pytest.mark.parametrize("code", [c for c in law.codes() if c.startswith("ART16_")])
def test_discretionary_codes_never_read_as_a_duty(code: str) -> None:
    b = law.get(code)
    assert b.discretionary
    assert "可以不予公开" in b.article_text
    assert "可以不予公开" in b.explanation_zh
    assert not re.search(r"(必须|应当|不得)不予?公开", b.explanation_zh + b.action_zh)


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("ART14_STATE_SECRET", "依法确定为国家秘密"),
        ("ART16_INTERNAL_AFFAIRS", "人事管理、后勤管理、内部工作流程"),
        ("ART16_PROCESS_INFO", "讨论记录、过程稿、磋商信函、请示报告"),
        ("ART20_07", "（七）财政预算、决算信息"),
        ("ART20_15", "（十五）法律、法规、规章和国家有关规定"),
        ("ART21_CITY_COUNTY", "设区的市级、县级人民政府"),
        ("ART21_TOWNSHIP", "乡（镇）人民政府"),
        ("ART37_SEPARABLE", "能够作区分处理"),
        ("ART17_UNCERTAIN_REFER", "保密行政管理部门确定"),
        ("WORK_SECRET", "工作秘密管理办法"),
        ("ART36_7_SPECIAL_ACCESS_REGIME", "工商、不动产登记资料"),
    ],
)
def test_article_text_is_the_right_provision(code: str, fragment: str) -> None:
    assert fragment in law.get(code).article_text


def test_item_codes_quote_one_item_only() -> None:
    text = law.get("ART20_07").article_text
    assert "（六）" not in text and "（八）" not in text
    assert "乡（镇）" not in law.get("ART21_CITY_COUNTY").article_text
    assert "设区的市级" not in law.get("ART21_TOWNSHIP").article_text


def test_security_stability_is_human_only() -> None:
    assert law.get("ART14_SECURITY_STABILITY").human_only
    assert not law.get("ART15_PRIVACY").human_only


def test_unknown_code_raises_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="unknown reason code"):
        law.get("ART99_NOPE")
    with pytest.raises(ValueError):  # ConfigurationError is also a ValueError
        law.get("")


@pytest.mark.parametrize(
    ("name", "number", "fragment"),
    [
        ("政府信息公开条例", "第十四条", "依法确定为国家秘密的政府信息"),
        ("《中华人民共和国政府信息公开条例》", 16, "可以不予公开"),
        ("gov_info_2019", "37", "区分处理"),
        ("保守国家秘密法", "第二十二条", "不属于国家秘密的，不得作出国家秘密标志"),
        ("保守国家秘密法实施条例", "第七十三条", "工作秘密"),
        ("个人信息保护法", "第二十八条", "不满十四周岁未成年人"),
    ],
)
def test_article_helper(name: str, number: int | str, fragment: str) -> None:
    assert fragment in law.article(name, number)


@pytest.mark.parametrize(
    ("name", "number"), [("不存在法", 1), ("政府信息公开条例", 999), ("政府信息公开条例", "第X条")]
)
def test_article_helper_rejects_unknown(name: str, number: int | str) -> None:
    with pytest.raises(ConfigurationError):
        law.article(name, number)


def test_table_is_cached() -> None:
    assert law.get("ART20_01") is law.get("ART20_01")


def test_statutes_yaml_matches_builder(shared_dir: Path) -> None:
    """statutes.yaml is what scripts/build_law_statutes.py makes from the current statute files."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "build_law_statutes", root / "scripts" / "build_law_statutes.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build(shared_dir)
    shipped = yaml.safe_load((root / "src" / "gkreview" / "data" / "statutes.yaml").read_text("utf-8"))
    assert shipped["laws"] == built["laws"]


@pytest.mark.parametrize(
    ("law_key", "number", "now", "code"),
    [
        ("gov_info_2007", "第八条", (14,), "ART14_SECURITY_STABILITY"),
        ("gov_info_2007", "第二十二条", (37,), "ART37_SEPARABLE"),
        ("gov_info_2007", 23, (32,), "ART32_THIRD_PARTY_CONSULT"),
        ("secrets_law_2010", "第十七条", (22,), "ART14_STATE_SECRET"),
    ],
)
def test_legacy_crosswalk(law_key: str, number: int | str, now: tuple[int, ...], code: str) -> None:
    row = law.legacy(law_key, number)
    assert row is not None
    assert row.now_articles == now
    assert code in row.codes
    assert row.to_dict()["now_basis"].startswith("第")


def test_legacy_unknown() -> None:
    assert law.legacy("gov_info_2007", 99) is None
    with pytest.raises(ConfigurationError):
        law.legacy("gov_info_1900", 1)


def test_secrets_law_2010_crosswalk_matches_the_statutes() -> None:
    """The 2010→2024 保密法 renumbering (source P) is checked against both statute texts."""
    for number in (9, 10, 15, 17):
        row = law.legacy("secrets_law_2010", number)
        assert row is not None and row.source == "P"
        old, new = (
            law.article("secrets_law_2010", number),
            law.article("secrets_law_2024", row.now_articles[0]),
        )
        assert _norm(old)[:12] == _norm(new)[:12] or _norm(old)[-12:] == _norm(new)[-12:]


@pytest.mark.parametrize(
    ("n", "zh"), [(1, "一"), (10, "十"), (14, "十四"), (37, "三十七"), (103, "一百零三"), (110, "一百一十")]
)
def test_int_to_zh(n: int, zh: str) -> None:
    assert law._int_to_zh(n) == zh
    assert law._article_number(f"第{zh}条") == n
