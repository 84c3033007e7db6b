"""Training the attribute model with scikit-learn (imported here only: never on the review path).

Protocol (what ``gkreview train`` does):

1. Every example is assigned to train or test by a hash of its split key (``Example.split_key``:
   the normalised title of a real document, so duplicates across compilations stay together);
   test examples are never seen in training or model selection.
2. Within train, a validation split chooses among LogisticRegression, LinearSVC + sigmoid
   calibration and ComplementNB + sigmoid calibration, by the mean F2 of the minority classes
   (``on_request``, ``withheld``); ties go to the lower share of real documents predicted withheld.
3. The chosen model is refitted on all of train, exported to numpy (``LinearModel``) and checked
   against scikit-learn's own ``predict_proba`` before it is written.
4. Metrics are computed on the test split and kept apart: real documents (share predicted withheld,
   share predicted active) and synthetic documents (labelled synthetic).
"""

from __future__ import annotations

import hashlib
import logging
import platform
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.decide.features import FeatureSpec, structure_tokens, vectorize
from gkreview.decide.model import LinearModel
from gkreview.errors import ModelError
from gkreview.training.corpus import Example, split_of
from gkreview.training.metrics import classification_report

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

__all__ = ["CANDIDATES", "TrainConfig", "TrainResult", "detector_findings", "train", "write"]

log = logging.getLogger("gkreview.train")

LABELS = ("active", "on_request", "withheld")
MINORITY = ("on_request", "withheld")
CANDIDATES = ("logreg", "svc", "cnb")


@dataclass
class TrainConfig:
    candidates: Sequence[str] = CANDIDATES
    test_fraction: float = 0.2
    val_fraction: float = 0.25
    split_salt: str = "gkreview-split-1"
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    parse_gongwen: bool = True
    findings: Callable[[str], Sequence[Any]] | None = None  # text -> findings, for finding features
    title_copies: bool = True  # also train on each train document's title alone
    name: str = "model"


@dataclass
class TrainResult:
    model: LinearModel
    sidecar: dict[str, Any]
    selection: list[dict[str, Any]]


def _structure(ex: Example, cfg: TrainConfig) -> list[str]:
    gw = None
    if cfg.parse_gongwen:
        from gkreview import gongwen

        gw = gongwen.parse(ex.text)
    findings = cfg.findings(ex.text) if cfg.findings is not None else ()
    return structure_tokens(gw, findings)


def _rows(examples: Sequence[Example], cfg: TrainConfig) -> list[tuple[np.ndarray, np.ndarray]]:
    return [vectorize(ex.text, ex.title, _structure(ex, cfg), cfg.spec) for ex in examples]


def _idf(rows: Sequence[tuple[np.ndarray, np.ndarray]], n_features: int) -> np.ndarray:
    import numpy as np

    df = np.zeros(n_features, dtype=np.float64)
    for idx, _ in rows:
        df[idx] += 1
    return (np.log((1 + len(rows)) / (1 + df)) + 1.0).astype(np.float32)


def _matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]], idf: np.ndarray, n_features: int) -> sp.csr_matrix:
    import numpy as np
    import scipy.sparse as sp

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indices, data = [], []
    for i, (idx, val) in enumerate(rows):
        v = val * idf[idx]
        nrm = float(np.sqrt(v @ v))
        data.append(v / nrm if nrm > 0 else v)
        indices.append(idx)
        indptr[i + 1] = indptr[i] + idx.size
    return sp.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, int),
            indptr,
        ),
        shape=(len(rows), n_features),
    )


def _estimator(name: str) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    if name == "logreg":
        return LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000)
    if name == "svc":
        return CalibratedClassifierCV(
            LinearSVC(C=0.5, class_weight="balanced"), method="sigmoid", cv=3, ensemble=False
        )
    if name == "cnb":
        return CalibratedClassifierCV(ComplementNB(alpha=0.3), method="sigmoid", cv=3, ensemble=False)
    raise ModelError(f"unknown candidate {name!r}; choose from {', '.join(CANDIDATES)}")


def _export(est: Any, name: str, idf: np.ndarray, spec: FeatureSpec) -> LinearModel:
    """The fitted estimator as numbers: one row of weights per class in ``est.classes_``.

    Only the classes present in the training data are exported (an absent attribute gets
    probability 0 from ``LinearModel.predict_proba``). With two classes scikit-learn keeps a single
    row of weights (and one sigmoid calibrator) for the second class; ``_two_rows`` rewrites it as
    two rows that reproduce ``predict_proba`` exactly, since the numpy side reads one row per class.
    """
    import numpy as np

    labels = tuple(str(c) for c in est.classes_)
    calib_a = calib_b = None
    if name == "logreg":
        coef, intercept, link = est.coef_, est.intercept_, "softmax"
    else:
        cc = est.calibrated_classifiers_
        if len(cc) != 1:
            raise ModelError("expected one calibrated classifier (ensemble=False)")
        base = cc[0].estimator
        calib_a = np.array([c.a_ for c in cc[0].calibrators], dtype=np.float64).ravel()
        calib_b = np.array([c.b_ for c in cc[0].calibrators], dtype=np.float64).ravel()
        if name == "svc":
            coef, intercept, link = base.coef_, base.intercept_, "identity"
        else:
            coef, intercept, link = base.feature_log_prob_, np.zeros(len(labels)), "softmax"
    coef = np.atleast_2d(np.asarray(coef, dtype=np.float64))
    intercept = np.atleast_1d(np.asarray(intercept, dtype=np.float64))
    if len(labels) == 2:
        coef, intercept, calib_a, calib_b = _two_rows(name, coef, intercept, calib_a, calib_b)
    if coef.shape[0] != len(labels) or intercept.shape != (len(labels),):
        raise ModelError(f"cannot export {name}: {coef.shape[0]} weight rows for {len(labels)} classes")
    return LinearModel(
        labels=labels,
        coef=coef.astype(np.float32),
        intercept=intercept,
        idf=idf,
        spec=spec,
        link=link,
        calib_a=calib_a,
        calib_b=calib_b,
    )


def _two_rows(
    name: str, coef: np.ndarray, intercept: np.ndarray, a: np.ndarray | None, b: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """A two-class scikit-learn model as one row per class (weights, intercepts, calibrators).

    - logreg: P(c1) = σ(w·x + b) = softmax([0, w·x + b])[1], so the rows are (0, w), (0, b).
    - svc: one calibrator on s = w·x + b gives P(c1) = 1/(1 + e^(a·s + b')) and P(c0) = 1 − P(c1)
      = 1/(1 + e^(−a·s − b')): the same score twice, the calibrator negated for c0.
    - cnb: softmax over its two rows, then one calibrator on p1 (as above); with p0 = 1 − p1,
      P(c0) = 1/(1 + e^(a·p0 − a − b')).
    The per-class sigmoids then sum to 1, so ``scores_to_proba``'s normalisation changes nothing.
    """
    import numpy as np

    if name == "logreg" and coef.shape[0] == 1:
        return np.vstack([np.zeros_like(coef), coef]), np.array([0.0, intercept[0]]), a, b
    if a is None or b is None or a.size != 1 or b.size != 1:
        raise ModelError(f"cannot export {name}: expected one sigmoid calibrator for two classes")
    if name == "svc" and coef.shape[0] == 1:
        return (
            np.vstack([coef, coef]),
            np.repeat(intercept[:1], 2),
            np.array([-a[0], a[0]]),
            np.array([-b[0], b[0]]),
        )
    if name == "cnb" and coef.shape[0] == 2:
        return coef, intercept, np.array([a[0], a[0]]), np.array([-a[0] - b[0], b[0]])
    raise ModelError(f"cannot export {name}: unexpected weights of shape {coef.shape} for two classes")


def _check_export(model: LinearModel, est: Any, X: sp.csr_matrix) -> float:
    import numpy as np

    n = min(X.shape[0], 300)
    ours = model.scores_to_proba(np.asarray(X[:n] @ model.coef.T.astype(np.float64)) + model.intercept)
    theirs = est.predict_proba(X[:n])
    if ours.shape != theirs.shape:  # never broadcast one against the other
        raise ModelError(
            f"exported model gives probabilities of shape {ours.shape}, scikit-learn {theirs.shape}"
        )
    diff = float(np.max(np.abs(ours - theirs))) if n else 0.0
    if diff > 1e-2:  # float32 weights; an export bug gives differences of order 0.1–1
        raise ModelError(f"exported model disagrees with scikit-learn (max |Δp| = {diff:.2e})")
    return diff


def _predict(model: LinearModel, X: sp.csr_matrix) -> tuple[list[str], np.ndarray]:
    import numpy as np

    p = model.scores_to_proba(np.asarray(X @ model.coef.T.astype(np.float64)) + model.intercept)
    return [model.labels[i] for i in p.argmax(axis=1)], p


def _score(model: LinearModel, X: sp.csr_matrix, exs: Sequence[Example]) -> dict[str, Any]:
    pred, _ = _predict(model, X)
    real = [p for p, e in zip(pred, exs, strict=True) if not e.synthetic]
    syn_true = [e.label or "" for e in exs if e.synthetic]
    syn_pred = [p for p, e in zip(pred, exs, strict=True) if e.synthetic]
    all_rep = classification_report([e.label or "" for e in exs], pred, LABELS)
    minority_f2 = sum(all_rep["per_class"][c]["f2"] for c in MINORITY) / len(MINORITY)
    return {
        "minority_f2": minority_f2,
        "real_n": len(real),
        "real_withheld_share": real.count("withheld") / len(real) if real else 0.0,
        "real_active_share": real.count("active") / len(real) if real else 0.0,
        "all": all_rep,
        "synthetic": classification_report(syn_true, syn_pred, LABELS) if syn_true else None,
    }


def data_hash(examples: Sequence[Example]) -> str:
    h = hashlib.sha256()
    for ex in sorted(examples, key=lambda e: e.id):
        h.update(f"{ex.id}\t{ex.label}\t{ex.sha256}\n".encode())
    return h.hexdigest()


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": platform.python_version()}
    for dist in ("gkreview", "scikit-learn", "numpy", "scipy", "rjieba", "jieba"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out


def detector_findings() -> Callable[[str], list[Any]]:
    """text -> the findings of the default detectors (``TrainConfig.findings``, for finding features)."""
    from gkreview.detectors import DetectorSet

    detectors = DetectorSet.from_config()

    def findings(text: str) -> list[Any]:
        return list(detectors.detect(text))

    return findings


def _split(labelled: Sequence[Example], cfg: TrainConfig) -> tuple[list[Example], list[Example]]:
    """(train, test) by the hash of each split key; train gains title-only copies when asked."""
    train_ex = [e for e in labelled if split_of(e.split_key, cfg.test_fraction, cfg.split_salt) == "train"]
    test_ex = [e for e in labelled if split_of(e.split_key, cfg.test_fraction, cfg.split_salt) == "test"]
    if cfg.title_copies:
        # A title alone is a document too (a list of titles, a draft's first page): teach the model
        # what titles say. Copies stay on their parent's side of every split.
        copies = [
            replace(e, text=e.title, meta={**e.meta, "title_copy": True})
            for e in train_ex
            if e.title and not e.title.isascii()
        ]
        train_ex = train_ex + copies
    return train_ex, test_ex


def _select(
    train_ex: Sequence[Example], rows_train: Sequence[tuple[np.ndarray, np.ndarray]], cfg: TrainConfig
) -> list[dict[str, Any]]:
    """Fit every candidate on a validation split inside train; one row of scores per candidate."""

    def side(e: Example) -> str:
        return split_of(e.split_key, cfg.val_fraction, "gkreview-val-1")

    n = cfg.spec.n_features
    fit_idx = [i for i, e in enumerate(train_ex) if side(e) == "train"]
    val_idx = [i for i, e in enumerate(train_ex) if side(e) == "test" and not e.meta.get("title_copy")]
    idf_fit = _idf([rows_train[i] for i in fit_idx], n)
    X_fit = _matrix([rows_train[i] for i in fit_idx], idf_fit, n)
    X_val = _matrix([rows_train[i] for i in val_idx], idf_fit, n)
    y_fit = [train_ex[i].label for i in fit_idx]
    selection: list[dict[str, Any]] = []
    for name in cfg.candidates:
        t = time.perf_counter()
        try:
            est = _fit(name, X_fit, y_fit)
            m = _export(est, name, idf_fit, cfg.spec)
            _check_export(m, est, X_val if X_val.shape[0] else X_fit)
        except ModelError as exc:  # e.g. a class too rare for the calibrator's 3 folds: skip it
            selection.append({"candidate": name, "skipped": str(exc)})
            log.warning("candidate %s skipped: %s", name, exc)
            continue
        s = _score(m, X_val, [train_ex[i] for i in val_idx])
        selection.append(
            {
                "candidate": name,
                "estimator": repr(est),
                "val_minority_f2_synthetic": round(s["minority_f2"], 4),
                "val_real_withheld_share": round(s["real_withheld_share"], 4),
                "val_real_active_share": round(s["real_active_share"], 4),
                "fit_seconds": round(time.perf_counter() - t, 1),
            }
        )
        log.info("candidate %s: %s", name, selection[-1])
    return selection


def _fit(name: str, X: sp.csr_matrix, y: Sequence[str | None]) -> Any:
    """Fit one candidate; scikit-learn's refusals (one class only, a class rarer than the folds)
    become ModelError here."""
    try:
        return _estimator(name).fit(X, y)
    except ValueError as exc:
        raise ModelError(f"{name} cannot be fitted on these labels ({dict(Counter(y))}): {exc}") from exc


def _counts(exs: Sequence[Example]) -> dict[str, Any]:
    copies = sum(1 for e in exs if e.meta.get("title_copy"))
    exs = [e for e in exs if not e.meta.get("title_copy")]
    out: dict[str, Any] = {
        "n": len(exs),
        "title_copies": copies,
        "by_label": {},
        "by_source": {},
        "synthetic": 0,
    }
    for e in exs:
        out["by_label"][e.label] = out["by_label"].get(e.label, 0) + 1
        src = "synthetic" if e.synthetic else e.source
        out["by_source"][src] = out["by_source"].get(src, 0) + 1
        out["synthetic"] += int(e.synthetic)
    out["synthetic_share"] = round(out["synthetic"] / len(exs), 4) if exs else 0.0
    return out


def train(examples: Sequence[Example], cfg: TrainConfig, *, command: str = "") -> TrainResult:
    """Select, fit and export a model; returns it with its sidecar (not yet written)."""
    labelled = [e for e in examples if e.label in LABELS]
    if len({e.label for e in labelled}) < 2:
        raise ModelError("training needs labelled examples of at least two attributes")
    t0 = time.perf_counter()
    train_ex, test_ex = _split(labelled, cfg)
    n = cfg.spec.n_features
    rows_train = _rows(train_ex, cfg)
    rows_test = _rows(test_ex, cfg)
    t_feat = time.perf_counter() - t0
    log.info("featurised %d + %d examples in %.1fs", len(train_ex), len(test_ex), t_feat)

    selection = _select(train_ex, rows_train, cfg)  # model selection on a validation split inside train
    fitted = [r for r in selection if "skipped" not in r]
    if not fitted:
        raise ModelError("no candidate could be fitted: " + "; ".join(r["skipped"] for r in selection))
    best = max(fitted, key=lambda r: (r["val_minority_f2_synthetic"], -r["val_real_withheld_share"]))

    idf = _idf(rows_train, n)
    X_train = _matrix(rows_train, idf, n)
    X_test = _matrix(rows_test, idf, n)
    est = _fit(best["candidate"], X_train, [e.label for e in train_ex])
    model = _export(est, best["candidate"], idf, cfg.spec)
    max_diff = _check_export(model, est, X_test if X_test.shape[0] else X_train)
    test = _score(model, X_test, test_ex)

    sidecar = {
        "name": cfg.name,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "versions": _versions(),
        "estimator": best["estimator"],
        "candidate": best["candidate"],
        "selection": selection,
        "selection_rule": "max mean F2 of on_request and withheld on the validation split (synthetic minority "
        "examples), ties to the lower share of real documents predicted withheld",
        "data": {
            "sha256": data_hash(labelled),
            "train": _counts(train_ex),
            "test": _counts(test_ex),
            "structure_from_gongwen_parser": cfg.parse_gongwen,
            "finding_features": cfg.findings is not None,
        },
        "split": {
            "salt": cfg.split_salt,
            "test_fraction": cfg.test_fraction,
            "key": "normalised title for real documents (duplicates across compilations stay together), id otherwise",
        },
        "metrics": {
            "note": "model alone (argmax), test split never used in training or selection; "
            "'real' = published documents (all active), 'synthetic' = generated examples",
            "real_test_n": test["real_n"],
            "real_test_withheld_share": round(test["real_withheld_share"], 4),
            "real_test_active_share": round(test["real_active_share"], 4),
            "synthetic_test": _round(test["synthetic"]),
            "export_max_abs_diff_vs_sklearn": max_diff,
        },
        "train_seconds": round(time.perf_counter() - t0, 1),
        "featurise_seconds": round(t_feat, 1),
    }
    return TrainResult(model=model, sidecar=sidecar, selection=selection)


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


def write(result: TrainResult, out_dir: str | Path) -> Path:
    return result.model.save(out_dir, result.sidecar)
