"""Negative-list lexicons, agency lists (YAML / text) and allow-lists (longest match wins)."""

from __future__ import annotations

import pytest

from gkreview.detectors import DetectorSet, load_entries
from gkreview.detectors.lexicon import Lexicon, LexiconEntry
from gkreview.errors import ConfigurationError


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        ("关于某事项的通知（征求意见稿）\n正文", "process_info", "medium"),  # header: medium
        ("正文。\n" * 12 + "本办法的征求意见稿已于去年公布。", "process_info", "low"),
        ("以上请示妥否，请批示。", "process_info", "medium"),
        ("附件：询问笔录", "enforcement_file", "medium"),
        ("附：投标报价明细", "trade_secret", "medium"),
        ("正文。\n" * 12 + "做好群体性事件的防范处置", "security", "low"),
    ],
)
def test_default_lexicon(detector_set, text, category, severity):
    found = [f for f in detector_set.detect(text) if f.detector == "lexicon"]
    assert [(f.category, f.severity) for f in found] == [(category, severity)]


def test_default_terms_carry_a_reason_code(detector_set):
    lex = next(d for d in detector_set.detectors if d.name == "lexicon")
    assert len(lex.lexicon) > 100
    assert all(e.reason_code.startswith(("ART14", "ART15", "ART16")) for e in lex.lexicon.entries)


def test_word_boundary_rjieba(tmp_path):
    lst = tmp_path / "agency.txt"
    lst.write_text("# 机关负面清单\n口交\n", encoding="utf-8")
    ds = DetectorSet.from_config(negative_lists=[lst])
    assert [f for f in ds.detect("加强路口交通管理") if f.detector == "lexicon"] == []


def test_agency_lists_text_and_yaml(tmp_path):
    txt = tmp_path / "neg.txt"
    txt.write_text("代号甲工程\n", encoding="utf-8")
    yml = tmp_path / "neg.yaml"
    yml.write_text(
        "category: security\nreason_code: ART14_SECURITY_STABILITY\nseverity: high\nterms: [某某水库坐标]\n",
        encoding="utf-8",
    )
    ds = DetectorSet.from_config(negative_lists=[txt, yml])
    found = {
        f.category: f for f in ds.detect("推进代号甲工程建设，公布某某水库坐标。") if f.detector == "lexicon"
    }
    assert found["negative_list"].reason_code == "ART17_UNCERTAIN_REFER"
    assert found["negative_list"].masked == "代****"  # agency terms are not echoed in full
    assert found["security"].severity == "high"


def test_allow_list_longest_match_wins(tmp_path):
    neg = tmp_path / "neg.txt"
    neg.write_text("维稳方案\n", encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("公开的维稳方案解读\n12345\n", encoding="utf-8")
    ds = DetectorSet.from_config(negative_lists=[neg], allow_lists=[allow])
    assert [f for f in ds.detect("发布公开的维稳方案解读。") if f.detector == "lexicon"] == []
    # a shorter allowed term does not hide a longer negative term
    allow.write_text("维稳\n", encoding="utf-8")
    ds = DetectorSet.from_config(negative_lists=[neg], allow_lists=[allow])
    assert [f.masked for f in ds.detect("制定维稳方案。") if f.detector == "lexicon"] == ["维***"]


def test_allow_list_suppresses_a_number(tmp_path):
    allow = tmp_path / "allow.yaml"
    allow.write_text("- 咨询热线13812345678\n", encoding="utf-8")
    ds = DetectorSet.from_config(allow_lists=[allow])
    assert ds.detect("咨询热线13812345678") == []


def test_lexicon_100k_terms_match_the_same_as_re():
    import random
    import re

    rng = random.Random(3)
    terms = sorted(
        {"".join(rng.choice("政府信息公开条例保密审查工作") for _ in range(4)) for _ in range(300)}
    )
    text = "".join(rng.choice("政府信息公开条例保密审查工作。") for _ in range(3000))
    lex = Lexicon(LexiconEntry(t) for t in terms)
    ours = [(s, e) for _, s, e in lex.find(text)]
    rx = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    assert ours == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "content",
    [
        "groups: [{terms: [a], category: nonsense}]\n",
        "terms: [{term: x, severity: critical}]\n",
        "- ''\n",
        "a: [\n",
    ],
)
def test_bad_lists_are_configuration_errors(tmp_path, content):
    p = tmp_path / "bad.yaml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_entries(p)
