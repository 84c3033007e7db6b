"""Exporting the fitted scikit-learn model to numpy when a class is missing or rare.

A training set cut short (``gkreview train ... --limit 1500``: the real corpora are all `active`, the
synthetic file starts with 1,520 `withheld`) has two classes, not three. scikit-learn then keeps ONE
row of weights (logreg, LinearSVC) or one sigmoid calibrator (svc, cnb); the export read one row per
class and failed its own check with "exported model disagrees with scikit-learn (max |Δp| = 0.999)".
All texts here are SYNTHETIC.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gkreview.decide.features import FeatureSpec, vectorize
from gkreview.decide.model import load_model
from gkreview.training.corpus import Example
from gkreview.training.train import (
    CANDIDATES,
    TrainConfig,
    _check_export,
    _export,
    _fit,
    _idf,
    _matrix,
    train,
    write,
)

SMALL = FeatureSpec(n_features=2**12)

_TEMPLATES = {
    "active": ("某市第{i}号道路管理办法", "为了规范道路管理，制定本办法。公民享有权利。第{i}条"),
    "withheld": ("关于追加第{i}项经费的请示", "市政府：现请示如下，妥否，请批示。编号{i}"),
    "on_request": ("关于同意第{i}公司更名的批复", "你单位的请示收悉，同意更名，此复。编号{i}"),
}


def _examples(counts: dict[str, int]) -> list[Example]:
    """SYNTHETIC examples: ``counts`` per label (a missing label is a missing class)."""
    out = []
    for label, n in counts.items():
        title, body = _TEMPLATES[label]
        for i in range(n):
            out.append(
                Example(
                    f"{label}-{i}",
                    body.format(i=i),
                    label,
                    title=title.format(i=i),
                    synthetic=label != "active",
                )
            )
    return out


def _design(exs: list[Example]) -> tuple[np.ndarray, object, list[str | None]]:
    rows = [vectorize(e.text, e.title, [], SMALL) for e in exs]
    idf = _idf(rows, SMALL.n_features)
    return idf, _matrix(rows, idf, SMALL.n_features), [e.label for e in exs]


@pytest.mark.parametrize("name", CANDIDATES)
@pytest.mark.parametrize(
    "counts",
    [
        {"active": 40, "withheld": 40},  # on_request absent (the --limit 1500 case)
        {"active": 40, "on_request": 12},  # withheld absent
        {"withheld": 30, "on_request": 30},  # active absent
        {"active": 40, "withheld": 40, "on_request": 6},  # all three, one rare
    ],
    ids=["no-on_request", "no-withheld", "no-active", "rare-on_request"],
)
def test_export_reproduces_sklearn_whatever_classes_are_present(name: str, counts: dict[str, int]) -> None:
    idf, X, y = _design(_examples(counts))
    est = _fit(name, X, y)
    model = _export(est, name, idf, SMALL)
    assert model.labels == tuple(sorted(counts))
    assert model.coef.shape[0] == len(counts) and model.intercept.shape == (len(counts),)
    ours = model.scores_to_proba(np.asarray(X @ model.coef.T.astype(np.float64)) + model.intercept)
    assert ours.shape == est.predict_proba(X).shape
    assert np.allclose(ours, est.predict_proba(X), atol=1e-5)
    assert _check_export(model, est, X) < 1e-5


def test_two_class_training_set_trains_and_reviews(tmp_path: Path) -> None:
    cfg = TrainConfig(spec=SMALL, parse_gongwen=False, name="two")
    result = train(_examples({"active": 60, "withheld": 60}), cfg, command="pytest")
    assert result.sidecar["metrics"]["export_max_abs_diff_vs_sklearn"] < 1e-5
    m = load_model(write(result, tmp_path / "two"))
    assert m.labels == ("active", "withheld")
    p = m.predict_proba("市政府：现请示如下，妥否，请批示。", "关于追加经费的请示")
    assert set(p) == {"active", "on_request", "withheld"} and p["on_request"] == 0.0
    assert max(p, key=lambda k: p[k]) == "withheld" and abs(sum(p.values()) - 1.0) < 1e-6

    from gkreview.decide import Decider
    from tests.decide._helpers import doc

    s = Decider(model=tmp_path / "two").suggest(
        doc("为了规范道路管理，制定本办法。", title="某市道路管理办法"), []
    )
    assert s.model is not None and set(s.model["probabilities"]) == {"active", "on_request", "withheld"}


def test_a_class_too_rare_for_calibration_skips_those_candidates() -> None:
    # 2 on_request examples: LinearSVC/ComplementNB + 3-fold sigmoid calibration cannot be fitted.
    cfg = TrainConfig(spec=SMALL, parse_gongwen=False, test_fraction=0.01, title_copies=False)
    result = train(_examples({"active": 60, "withheld": 60, "on_request": 2}), cfg)
    skipped = {r["candidate"] for r in result.selection if "skipped" in r}
    assert skipped == {"svc", "cnb"}
    assert result.sidecar["candidate"] == "logreg"
    assert result.model.labels == ("active", "on_request", "withheld")
