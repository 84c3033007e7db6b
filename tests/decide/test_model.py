"""The model artifact: training, export, loading, the version and hash checks, no sklearn at review time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gkreview.decide.features import FEATURE_VERSION, FeatureSpec, vectorize
from gkreview.decide.model import FORMAT_VERSION, default_model_dir, load_model
from gkreview.errors import IncompatibleModelError, ModelError
from gkreview.training.corpus import Example
from gkreview.training.train import TrainConfig, train, write

SMALL = FeatureSpec(n_features=2**12)


def _examples() -> list[Example]:
    """Tiny SYNTHETIC training set: enough for the mechanics, not for accuracy."""
    out = []
    for i in range(60):
        out.append(
            Example(
                f"a{i}",
                f"某市道路管理办法第{i}条 为了规范道路管理，制定本办法。公民享有权利。",
                "active",
                title=f"某市第{i}号管理办法",
            )
        )
        out.append(
            Example(
                f"w{i}",
                f"关于追加经费的请示 市政府：现请示如下，妥否，请批示。编号{i}",
                "withheld",
                title=f"关于追加第{i}项经费的请示",
                synthetic=True,
            )
        )
        out.append(
            Example(
                f"o{i}",
                f"关于同意某公司更名的批复 你单位的请示收悉，此复。编号{i}",
                "on_request",
                title=f"关于同意第{i}公司更名的批复",
                synthetic=True,
            )
        )
    return out


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cfg = TrainConfig(candidates=["logreg", "cnb"], spec=SMALL, parse_gongwen=False, name="tiny")
    result = train(_examples(), cfg, command="pytest")
    return write(result, tmp_path_factory.mktemp("model") / "tiny")


def test_sidecar_records_what_made_the_model(trained: Path) -> None:
    side = json.loads((trained / "model.json").read_text("utf-8"))
    assert side["format_version"] == FORMAT_VERSION and side["feature_version"] == FEATURE_VERSION
    assert side["labels"] == ["active", "on_request", "withheld"]
    assert {"scikit-learn", "numpy", "python"} <= set(side["versions"])
    assert len(side["data"]["sha256"]) == 64
    assert side["command"] == "pytest"
    assert {r["candidate"] for r in side["selection"]} == {"logreg", "cnb"}
    assert side["metrics"]["export_max_abs_diff_vs_sklearn"] < 1e-2
    assert side["data"]["train"]["synthetic"] > 0


def test_loaded_model_predicts_its_training_signal(trained: Path) -> None:
    m = load_model(trained)
    p = m.predict_proba("关于追加经费的请示 市政府：妥否，请批示。", "关于追加经费的请示")
    assert max(p, key=lambda k: p[k]) == "withheld"
    assert abs(sum(p.values()) - 1.0) < 1e-6
    p = m.predict_proba("为了规范道路管理，制定本办法。", "某市道路管理办法")
    assert max(p, key=lambda k: p[k]) == "active"


def test_numpy_inference_equals_sklearn() -> None:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.naive_bayes import ComplementNB

    from gkreview.training.train import _export, _idf, _matrix

    exs = _examples()
    rows = [vectorize(e.text, e.title, [], SMALL) for e in exs]
    idf = _idf(rows, SMALL.n_features)
    X = _matrix(rows, idf, SMALL.n_features)
    est = CalibratedClassifierCV(ComplementNB(), method="sigmoid", cv=3, ensemble=False).fit(
        X, [e.label for e in exs]
    )
    m = _export(est, "cnb", idf, SMALL)
    ours = m.proba_from_vectors([(idx, val * idf[idx] / np.linalg.norm(val * idf[idx])) for idx, val in rows])
    assert np.allclose(ours, est.predict_proba(X), atol=1e-5)


def _copy(src: Path, dst: Path) -> Path:
    dst.mkdir()
    for f in src.iterdir():
        (dst / f.name).write_bytes(f.read_bytes())
    return dst


def test_incompatible_format_version_is_refused(trained: Path, tmp_path: Path) -> None:
    d = _copy(trained, tmp_path / "old")
    side = json.loads((d / "model.json").read_text("utf-8"))
    side["format_version"] = FORMAT_VERSION + 1
    (d / "model.json").write_text(json.dumps(side), "utf-8")
    with pytest.raises(IncompatibleModelError, match="Retrain it with `gkreview train"):
        load_model(d)


def test_incompatible_feature_version_is_refused(trained: Path, tmp_path: Path) -> None:
    d = _copy(trained, tmp_path / "feat")
    side = json.loads((d / "model.json").read_text("utf-8"))
    side["feature_version"] = 0
    (d / "model.json").write_text(json.dumps(side), "utf-8")
    with pytest.raises(IncompatibleModelError):
        load_model(d)


def test_foreign_format_is_refused(trained: Path, tmp_path: Path) -> None:
    d = _copy(trained, tmp_path / "foreign")
    (d / "model.json").write_text(json.dumps({"format": "pickle"}), "utf-8")
    with pytest.raises(IncompatibleModelError, match="only its own artifacts"):
        load_model(d)


def test_modified_weights_are_refused(trained: Path, tmp_path: Path) -> None:
    d = _copy(trained, tmp_path / "tampered")
    raw = bytearray((d / "model.npz").read_bytes())
    raw[-10] ^= 0xFF
    (d / "model.npz").write_bytes(bytes(raw))
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(d)


def test_missing_artifact_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no model\.json"):
        load_model(tmp_path)


def test_explicit_bad_model_path_fails_loudly(tmp_path: Path) -> None:
    from gkreview.decide import Decider
    from tests.decide._helpers import doc

    with pytest.raises(ModelError):
        Decider(model=tmp_path).suggest(doc("正文", title="某某"), [])


def test_shipped_model_loads_and_is_small() -> None:
    d = default_model_dir()
    if d is None:
        pytest.skip("no shipped model")
    m = load_model(d)
    assert m.labels == ("active", "on_request", "withheld")
    assert sum(f.stat().st_size for f in d.iterdir()) < 5_000_000
    assert m.meta["metrics"]["real_test_withheld_share"] < 0.02


def test_review_path_does_not_import_sklearn() -> None:
    code = (
        "import sys\n"
        "from gkreview.decide import Decider\n"
        "from gkreview.review import text_document\n"
        "s = Decider().suggest(text_document('关于追加经费的请示\\n妥否，请批示。'), [])\n"
        "assert s.attribute, s\n"
        "print('sklearn' in sys.modules, 'scipy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "False"]
