"""Registry, configuration and plug-ins."""

from __future__ import annotations

from typing import ClassVar

import pytest

from gkreview.detectors import DetectContext, Detector, DetectorSet, Registry, default_registry
from gkreview.detectors import registry as registry_mod
from gkreview.errors import ConfigurationError
from gkreview.finding import Finding


class Shout(Detector):
    name = "test_shout"
    category = "negative_list"
    reason_code = "ART17_UNCERTAIN_REFER"
    label = "test"
    defaults: ClassVar[dict] = {}

    def detect(self, ctx: DetectContext) -> list[Finding]:
        i = ctx.text.find("SHOUT")
        return (
            []
            if i < 0
            else [self.make(i, i + 5, severity="low", score=0.5, masked="S****", explanation="test")]
        )


def test_builtins_registered():
    names = default_registry().names()
    for n in (
        "cn_resident_id",
        "cn_mobile",
        "secrecy_mark",
        "work_secret",
        "lexicon",
        "sensitive_pi",
        "uscc",
    ):
        assert n in names
    assert "secrecy_mark" in default_registry().names(category="secrecy_mark")


def test_config_turns_detectors_off():
    ds = DetectorSet.from_config({"detectors": {"cn_mobile": {"enabled": False}}})
    assert "cn_mobile" not in [d.name for d in ds.detectors]
    assert [f for f in ds.detect("手机：13812345678") if f.detector == "cn_mobile"] == []


def test_config_min_score_drops_findings():
    ds = DetectorSet.from_config({"detectors": {"cn_mobile": {"min_score": 0.9}}})
    assert ds.detect("详见13812345678。") == []  # medium, score 0.75


def test_config_yaml_file(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("detectors:\n  lexicon: false\n", encoding="utf-8")
    assert "lexicon" not in [d.name for d in DetectorSet.from_config(p).detectors]


@pytest.mark.parametrize(
    "config",
    [
        {"detectors": {"no_such_detector": {}}},
        {"detectors": {"cn_mobile": {"bogus": 1}}},
        {"detectors": {"cn_mobile": {"min_score": 2}}},
        {"unknown_key": 1},
        ["not", "a", "mapping"],
    ],
)
def test_bad_config(config):
    with pytest.raises(ConfigurationError):
        DetectorSet.from_config(config)


def test_registry_add_remove():
    reg = Registry()
    reg.add(Shout)
    assert "test_shout" in reg
    with pytest.raises(ConfigurationError):
        reg.add(type("Dup", (Shout,), {}))
    reg.remove("test_shout")
    assert "test_shout" not in reg


def test_entry_point_plugins_load_once(monkeypatch):
    calls = []

    class EP:
        name, value = "shout", "tests.detectors.test_registry:Shout"

        def load(self):
            calls.append(1)
            return Shout

    monkeypatch.setattr(
        registry_mod, "entry_points", lambda group: [EP()] if group == "gkreview.detectors" else []
    )
    reg = Registry()
    for cls in registry_mod.builtin_classes():
        reg.add(cls)
    ds = DetectorSet.from_config(registry=reg)
    DetectorSet.from_config(registry=reg)
    assert calls == [1]
    assert [f.detector for f in ds.detect("we SHOUT")] == ["test_shout"]


def test_detect_ids_sorted_and_pages():
    ds = DetectorSet.from_config()
    text = "手机：13812345678\n\n身份证号：11010519491231002X"
    found = ds.detect(text, page_of=lambda off: 1 if off < 16 else 2)
    assert [f.id for f in found] == ["f1", "f2"]
    assert [f.page for f in found] == [1, 2]
    assert found[0].start < found[1].start
