"""The shared anchor pass (issue 12): detectors declare the words they look up in ``anchors``;
DetectorSet finds the union in one pass; a word looked up but not declared is caught here."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest

import gkreview.detectors as detectors_pkg
from gkreview.detectors import DetectContext, Detector, DetectorSet
from gkreview.detectors.anchors import AnchorIndex
from gkreview.detectors.content.common import GROUNDS, anchor_spans, ground
from gkreview.detectors.text import fold
from gkreview.finding import Finding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# SYNTHETIC inputs that reach every lookup path: table headers (names, health, addresses, ID and
# bank columns), contact words, permits, marks, property certificates, a case paragraph
SYNTHETIC = [
    "序号\t姓名\t性别\t身份证号码\t病种\t家庭住址\t银行账号\n1\t张三\t男\t11010519491231002X\t尿毒症\t新桥村5组27号\t6222021234567890123\n",
    "申请人：李四，女，住址：某市某区某路8号3单元502室，户籍地：某县。患有精神分裂症。\n",
    "联系人QQ：12345678，微信：abc_123，钉钉号：dd123。往来港澳通行证号码C12345678，台湾居民来往大陆通行证号码12345678。\n",
    "机密★1年\n内部资料 注意保存 此件不得翻印，用后收回，请勿在互联网上传播。\n不动产权证号：某(2024)某市不动产权第0001234号\n",
    "受助人\t残疾类别\t残疾等级\t救助对象\n王五\t肢体残疾\t二级\t低保户\n",
    "2024年5月，某中学初二（3）班学生王某（2010年3月出生）在校内被同学殴打致轻伤，涉嫌故意伤害案件已立案。\n",
]


def _texts() -> list[str]:
    drafts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "content").glob("*.txt"))]
    return SYNTHETIC + drafts


def test_every_word_a_detector_looks_up_is_declared(monkeypatch, detector_set):
    made: list[DetectContext] = []

    class Recording(DetectContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(detectors_pkg, "DetectContext", Recording)
    for text in _texts():
        detector_set.detect(text)
    assert made and all(c.anchor_index is detector_set.anchor_index for c in made)
    assert set().union(*(c.undeclared for c in made)) == set()


def test_the_union_holds_every_detectors_anchors(detector_set):
    idx = detector_set.anchor_index
    for d in detector_set.detectors:
        missing = [w for w in d.anchors if w not in idx]
        assert not missing, f"{d.name}: anchors {missing} are not in the shared pass"
    content = [
        d for d in detector_set.detectors if d.name.startswith("content_") or d.name == "legacy_citation"
    ]
    assert len(content) == len(GROUNDS)


class _LooksUp(Detector):
    name = "test_looks_up"
    category = "negative_list"
    words: ClassVar[tuple[str, ...]] = ("未声明词",)

    def detect(self, ctx: DetectContext) -> list[Finding]:
        for w in self.words:
            ctx.find_all(w)
        return []


class _Declares(_LooksUp):
    name = "test_declares"
    anchors = ("未声明词",)


def test_an_undeclared_lookup_is_caught(monkeypatch):
    made: list[DetectContext] = []

    class Recording(DetectContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(detectors_pkg, "DetectContext", Recording)
    DetectorSet([_LooksUp()]).detect("这里有未声明词。")
    DetectorSet([_Declares()]).detect("这里有未声明词。")
    assert [c.undeclared for c in made] == [{"未声明词"}, set()]


@pytest.mark.parametrize(
    "text",
    [
        "住址住址户籍室室内部内部资料",  # repeated and adjacent words
        "残疾残疾类别肢体残疾",  # a word contained in another: every occurrence is kept
        "：:：男女女",
        "",
    ],
)
def test_the_shared_pass_equals_a_find_per_word(text):
    words = (
        "住址",
        "住",
        "址",
        "室",
        "内部",
        "内部资料",
        "残疾",
        "残疾类别",
        "肢体残疾",
        "：",
        ":",
        "男",
        "女",
    )
    with_index = DetectContext(text, anchor_index=AnchorIndex(words))
    alone = DetectContext(text)
    for w in words:
        assert with_index.find_all(w) == alone.find_all(w), w
    assert with_index.undeclared == set()


@pytest.mark.parametrize("name", GROUNDS)
def test_content_anchors_with_and_without_the_detectors_index(detector_set, name):
    text = "\n".join(_texts())
    g = ground(name)
    shared = DetectContext(text, anchor_index=detector_set.anchor_index)
    own = DetectContext(text)  # no index: the grounds' own one
    assert anchor_spans(shared, g) == anchor_spans(own, g)
    assert anchor_spans(own, g) == sorted(
        (p, p + len(w)) for w in g.anchor_terms for p in DetectContext(text).find_all(w)
    )


@pytest.mark.parametrize("name", GROUNDS)
def test_pattern_needs_are_in_every_match(name):
    """A pattern's ``needs`` (the literal test before its regex) never hides a match: every match of
    the regex alone, on the SYNTHETIC drafts and inputs above, contains one of the literals."""
    text = fold("\n".join(_texts()))
    for p in ground(name).patterns.values():
        if not p.needs:
            continue
        matches = [m.group() for m in p.rx.finditer(text)]
        assert all(any(n in m for n in p.needs) for m in matches), (p.name, matches)
        unfiltered = [(p.name, m.start(), m.end()) for m in p.rx.finditer(text)]
        filtered = [(n, m.start(), m.end()) for n, m in ground(name).pattern_hits(text) if n == p.name]
        assert filtered == unfiltered
