"""The measurement code: P/R/F2 on labelled spans, false alarms, and the CLI command."""

from __future__ import annotations

import json

import pytest

from gkreview.cli import main
from gkreview.detectors.evaluation import DetectorScore, evaluate_spans, false_alarms


def test_scores_count_hits_misses_and_false_positives(detector_set):
    samples = [
        {
            "id": "s1",
            "text": "身份证号：11010519491231002X，另见编号E73920481。",
            "spans": [
                {"start": 5, "end": 23, "detector": "cn_resident_id"},
                {"start": 0, "end": 2, "detector": "person_name"},  # a miss on purpose
            ],
        }
    ]
    scores, misses = evaluate_spans(detector_set, samples)
    by = {s.detector: s for s in scores}
    assert (by["cn_resident_id"].tp, by["cn_resident_id"].fp) == (1, 0)
    assert by["person_name"].recall == 0.0 and len(misses) == 1
    assert by["passport"].fp == 1 and by["passport"].precision == 0.0


def test_f2_weights_recall():
    s = DetectorScore("x", gold=10, found=10, tp=5, fp=5, high_found=0, high_fp=0)
    assert s.precision == 0.5 and s.recall == 0.5 and abs(s.f2 - 0.5) < 1e-9
    s = DetectorScore("x", gold=10, found=20, tp=10, fp=10, high_found=0, high_fp=0)
    assert s.f2 > 0.8  # full recall at half precision still scores high


def test_false_alarms_report(detector_set):
    docs = [("a", "各单位要保守国家秘密。"), ("b", "联系电话：13812345678。")]
    report = false_alarms(detector_set, docs)
    assert report.documents == 2 and report.high_by_detector == {"cn_mobile": 1}
    assert report.high_per_100 == 50.0
    assert "13812345678" not in json.dumps(report.to_dict(), ensure_ascii=False)


def test_cli_evaluate_detectors_small(shared_dir, capsys):
    code = main(
        [
            "evaluate-detectors",
            "--corpora",
            str(shared_dir / "corpora"),
            "--samples",
            "20",
            "--limit",
            "40",
            "--json",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["spans"]["synthetic"] is True and out["spans"]["samples"] == 20
    assert out["false_alarms"]["documents"] == 40
    ids = next(s for s in out["spans"]["scores"] if s["detector"] == "cn_resident_id")
    assert ids["recall"] >= 0.99


def test_cli_evaluate_detectors_needs_corpora(tmp_path, capsys):
    assert main(["evaluate-detectors", "--corpora", str(tmp_path)]) == 2
    assert "no *.jsonl.gz" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["--samples=x"])
def test_cli_usage(bad):
    with pytest.raises(SystemExit):
        main(["evaluate-detectors", bad])
