#!/usr/bin/env python3
"""How much does the model generalise beyond the synthetic templates it saw? (SYNTHETIC-only check)

For each synthetic template T: train the shipped configuration (LogisticRegression, same features,
finding counts, title copies) on the train split WITHOUT template T, then score the test-split documents of T with
the model alone. A model that only memorised templates would call unseen forms ``active``.

    .venv/bin/python corpora/synthetic/holdout_templates.py
"""

from __future__ import annotations

import glob
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gkreview.decide.features import FeatureSpec  # noqa: E402
from gkreview.training.corpus import load, split_of  # noqa: E402
from gkreview.training.train import TrainConfig, _estimator, _export, _idf, _matrix, _predict, _rows  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    real = sorted(glob.glob(str(ROOT.parent / "shared" / "corpora" / "*.jsonl.gz")))
    exs = [e for e in load([*real, str(HERE / "synthetic.jsonl.gz")]) if e.label]
    from gkreview.detectors import DetectorSet

    detectors = DetectorSet.from_config()
    cfg = TrainConfig(spec=FeatureSpec(), findings=lambda text: list(detectors.detect(text)))
    train = [e for e in exs if split_of(e.split_key) == "train"]
    train += [
        replace(e, text=e.title, meta={**e.meta, "title_copy": True})
        for e in train
        if e.title and not e.title.isascii()
    ]
    test = [e for e in exs if split_of(e.split_key) == "test" and e.synthetic]
    rows_train, rows_test = _rows(train, cfg), _rows(test, cfg)
    print(f"featurised in {time.perf_counter() - t0:.0f}s")
    templates = sorted({e.meta.get("template") for e in exs if e.synthetic})
    print(f"{'held-out template':<14}{'label':<12}{'n':>4}  predicted (model alone, never saw this template)")
    for t in templates:
        keep = [i for i, e in enumerate(train) if e.meta.get("template") != t]
        idf = _idf([rows_train[i] for i in keep], cfg.spec.n_features)
        X = _matrix([rows_train[i] for i in keep], idf, cfg.spec.n_features)
        est = _estimator("logreg").fit(X, [train[i].label for i in keep])
        model = _export(est, "logreg", idf, cfg.spec)
        idx = [i for i, e in enumerate(test) if e.meta.get("template") == t]
        pred, _ = _predict(model, _matrix([rows_test[i] for i in idx], idf, cfg.spec.n_features))
        label = test[idx[0]].label if idx else "?"
        counts = {k: pred.count(k) for k in ("active", "on_request", "withheld")}
        print(f"{t:<14}{label:<12}{len(idx):>4}  " + "  ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"total {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
