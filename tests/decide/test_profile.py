"""Agency profiles: the national default, a local profile, and the errors a bad profile gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gkreview.decide import Decider, load_profile
from gkreview.decide._data import package_data
from gkreview.errors import ConfigurationError
from tests.decide._helpers import doc, finding


def test_national_is_the_default() -> None:
    p = load_profile()
    assert p.name == "national"
    assert p.threshold("conflict_margin") == 10
    assert len(p.rules) >= 40
    assert load_profile("national").to_dict() == p.to_dict()


def test_example_local_profile_extends_national() -> None:
    p = load_profile("example_local")
    ids = {r.id for r in p.rules}
    assert "village_affairs" in ids and "situation_title" not in ids and "qingshi" in ids
    assert p.threshold("model_active_min") == 0.7
    assert p.threshold("withheld_min_priority") == 60  # inherited
    assert p.local_attributes["partial"] == "删减后公开"


def test_local_profile_by_path(tmp_path: Path) -> None:
    src = package_data("profiles/example_local.yaml")
    dst = tmp_path / "county.yaml"
    dst.write_text(src.read_text(encoding="utf-8").replace("name: example_local", "name: county"), "utf-8")
    assert load_profile(dst).name == "county"


def test_fourth_attribute_and_local_wording_and_local_rule() -> None:
    d = Decider(profile="example_local", model=None)
    pi = finding("personal_info", "ART15_PRIVACY")
    s = d.suggest(doc("某县道路管理办法\n第一条", title="某县道路管理办法", subtype="办法"), [pi])
    assert (s.attribute, s.needs_redaction, s.local_attribute) == ("active", True, "删减后公开")
    assert s.summary_zh.startswith("建议删减后公开")
    s = d.suggest(doc("关于追加经费的请示", title="关于追加经费的请示", doc_type="请示"), [])
    assert s.reasons[0].explanation.startswith("本件为向上级请示事项的请示件")
    s = d.suggest(doc("关于2024年惠农补贴发放的通知", title="关于2024年惠农补贴发放的通知"), [])
    assert (s.attribute, s.reasons[0].code) == ("active", "ART21_TOWNSHIP")


def test_national_has_no_fourth_attribute() -> None:
    pi = finding("personal_info", "ART15_PRIVACY")
    s = Decider(model=None).suggest(doc("某县道路管理办法", title="某县道路管理办法"), [pi])
    assert s.local_attribute is None


def test_dict_profile_extends_national() -> None:
    p = load_profile({"name": "mine", "disable_rules": ["budget"]})
    assert p.name == "mine" and "budget" not in {r.id for r in p.rules}


BAD: list[tuple[dict[str, Any], str]] = [
    ({"name": "x", "colour": "red"}, "unknown keys"),
    ({"name": "x", "thresholds": {"speed": 1}}, "unknown thresholds"),
    ({"name": "x", "disable_rules": ["no_such_rule"]}, "unknown rules"),
    (
        {
            "name": "x",
            "extra_rules": [{"id": "r", "kind": "proactive", "code": "ART20_01", "when": {"title": ["("]}}],
        },
        "bad regex",
    ),
    (
        {
            "name": "x",
            "extra_rules": [{"id": "r", "kind": "proactive", "code": "ART99", "when": {"title": ["x"]}}],
        },
        "unknown reason code",
    ),
    (
        {
            "name": "x",
            "extra_rules": [{"id": "r", "kind": "maybe", "code": "ART20_01", "when": {"title": ["x"]}}],
        },
        "kind must be",
    ),
    (
        {
            "name": "x",
            "extra_rules": [{"id": "r", "kind": "proactive", "code": "ART20_01", "when": {"colour": ["x"]}}],
        },
        "unknown condition",
    ),
    (
        {
            "name": "x",
            "extra_rules": [
                {
                    "id": "r",
                    "kind": "proactive",
                    "code": "ART20_01",
                    "priority": 300,
                    "when": {"title": ["x"]},
                }
            ],
        },
        "priority",
    ),
    (
        {"name": "x", "extra_rules": [{"id": "r", "kind": "proactive", "code": "ART20_01"}]},
        "non-empty mapping",
    ),
    ({"name": "x", "extends": "no_such_profile"}, "no such file"),
]


@pytest.mark.parametrize(("data", "message"), BAD, ids=[b[1] for b in BAD])
def test_bad_profiles_fail_at_load_time(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        load_profile(data)


def test_extends_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(f"name: a\nextends: {tmp_path / 'b.yaml'}\n", "utf-8")
    (tmp_path / "b.yaml").write_text(f"name: b\nextends: {tmp_path / 'a.yaml'}\n", "utf-8")
    with pytest.raises(ConfigurationError, match="loops"):
        load_profile(tmp_path / "a.yaml")


def test_not_yaml_is_a_configuration_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("name: [unclosed\n", "utf-8")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_profile(f)
