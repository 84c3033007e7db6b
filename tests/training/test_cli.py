"""`gkreview train` and `gkreview evaluate` end to end on a tiny SYNTHETIC corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkreview.cli import main


def _corpus(path: Path) -> Path:
    rows: list[dict[str, object]] = []
    for i in range(40):
        rows.append(
            {
                "id": f"a{i}",
                "title": f"某市第{i}号道路管理办法",
                "text": f"某市第{i}号道路管理办法\n第一条 为了规范道路管理，制定本办法。\n（此件公开发布）",
            }
        )
        rows.append(
            {
                "id": f"w{i}",
                "title": f"关于追加第{i}项经费的请示",
                "text": f"关于追加第{i}项经费的请示\n市政府：\n妥否，请批示。",
                "label": "withheld",
                "synthetic": True,
            }
        )
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("cli")
    corpus = _corpus(tmp / "c.jsonl")
    out = tmp / "m"
    assert main(["train", str(corpus), "-o", str(out), "--candidates", "cnb,logreg"]) == 0
    return corpus, out


def test_train_writes_artifact_and_sidecar(trained: tuple[Path, Path]) -> None:
    _, out = trained
    side = json.loads((out / "model.json").read_text("utf-8"))
    assert side["data"]["train"]["by_label"].keys() == {"active", "withheld"}
    assert side["name"] == "m"
    assert (out / "model.npz").stat().st_size > 0


def test_evaluate_prints_metrics(trained: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = trained
    assert main(["evaluate", str(corpus), "--model", str(out), "--split", "all", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["documents"] == 80
    assert res["real"]["false_withhold_rate"] == 0.0
    assert res["synthetic"]["per_class"]["withheld"]["recall"] == 1.0
    assert res["declared_active"] == {
        "n": 40,
        "suggestion_declared_active": 40,
        "gongwen_declared_active": 40,
    }


def test_evaluate_with_injected_secrecy(
    trained: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, out = trained
    assert (
        main(["evaluate", str(corpus), "--model", str(out), "--split", "all", "--inject-secrecy", "--json"])
        == 0
    )
    res = json.loads(capsys.readouterr().out)
    assert res["secrecy_injected"] == {"n": 40, "withheld_with_ART14": 40}


def test_evaluate_text_output(trained: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = trained
    assert main(["evaluate", str(corpus), "--model", str(out), "--split", "all"]) == 0
    text = capsys.readouterr().out
    assert "false-withhold rate on real published (active) documents: 0.00%" in text
    assert "SYNTHETIC documents" in text and "confusion" in text


def test_train_without_labels_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "u.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "无标注"}) + "\n", "utf-8")
    assert main(["train", str(f), "-o", str(tmp_path / "m")]) == 1


def test_train_with_finding_features(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    out = tmp_path / "mf"
    assert main(["train", str(corpus), "-o", str(out), "--candidates", "cnb", "--with-findings"]) == 0
    side = json.loads((out / "model.json").read_text("utf-8"))
    assert side["data"]["finding_features"] is True
