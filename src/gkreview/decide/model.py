"""The attribute model at run time: a linear model with calibrated probabilities, in numpy.

The model is trained with scikit-learn (``gkreview.training.train``), but what ships is only its
numbers: weights, intercepts, idf and calibration in an ``.npz`` (loaded with
``allow_pickle=False``, so loading runs no code), plus a sidecar ``model.json`` with library
versions, labels, the hash of the training data, metrics and the command that made it. Importing
scikit-learn alone takes 1.5–1.9 s here; the review path never imports it.

Loading refuses an artifact whose format or feature version this gkreview cannot read
(``IncompatibleModelError``) and one whose weights do not match the sidecar's sha256
(``ModelError``): only artifacts we made, unchanged, are used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.decide.features import FEATURE_VERSION, FeatureSpec, vectorize
from gkreview.errors import IncompatibleModelError, ModelError
from gkreview.suggestion import Attribute

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "ARTIFACT_FORMAT",
    "FORMAT_VERSION",
    "LinearModel",
    "default_model_dir",
    "load_model",
    "model_dir_candidates",
]

ARTIFACT_FORMAT = "gkreview-linear-npz"
FORMAT_VERSION = 1
SIDECAR = "model.json"
WEIGHTS = "model.npz"


def model_dir_candidates() -> list[Path]:
    """Where ``model="default"`` is looked for, in order.

    $GKREVIEW_MODEL; the source checkout's ``models/default`` (editable install); the data-files
    copy a non-editable install puts under ``sys.prefix`` (``share/gkreview/models/default``, see
    pyproject.toml); package data (``gkreview/data/models/default``).
    """
    env = os.environ.get("GKREVIEW_MODEL")
    out = [Path(env)] if env else []
    here = Path(__file__).resolve()
    out += [
        here.parents[3] / "models" / "default",
        Path(sys.prefix) / "share" / "gkreview" / "models" / "default",
        here.parents[1] / "data" / "models" / "default",
    ]
    return out


def default_model_dir() -> Path | None:
    """The first of ``model_dir_candidates()`` that holds a model sidecar, or None (rules only)."""
    for c in model_dir_candidates():
        if (c / SIDECAR).is_file():
            return c
    return None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class LinearModel:
    """scores = X·Wᵀ + b → link (softmax | identity) → optional per-class sigmoid → normalise."""

    labels: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,)
    idf: np.ndarray  # (n_features,) float32
    spec: FeatureSpec
    link: str = "softmax"
    calib_a: np.ndarray | None = None  # per-class sigmoid slopes (scikit-learn's _SigmoidCalibration)
    calib_b: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "model"))

    # ------------------------------------------------------------------ inference
    def proba_from_vectors(self, rows: Iterable[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        import numpy as np

        scores = np.array(
            [self.coef[:, idx].astype(np.float64) @ val + self.intercept for idx, val in rows],
            dtype=np.float64,
        ).reshape(-1, len(self.labels))
        return self.scores_to_proba(scores)

    def scores_to_proba(self, scores: np.ndarray) -> np.ndarray:
        import numpy as np

        if self.link == "softmax":
            z = scores - scores.max(axis=1, keepdims=True)
            e = np.exp(z)
            p = e / e.sum(axis=1, keepdims=True)
        elif self.link == "identity":
            p = scores
        else:
            raise ModelError(f"model {self.name}: unknown link {self.link!r}")
        if self.calib_a is not None and self.calib_b is not None:
            p = 1.0 / (1.0 + np.exp(self.calib_a * p + self.calib_b))
            denom = p.sum(axis=1, keepdims=True)
            p = np.where(denom == 0, 1.0 / p.shape[1], p / np.where(denom == 0, 1.0, denom))
        return p

    def vector(self, text: str, title: str | None, structure: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        return vectorize(text, title, structure, self.spec, self.idf)

    def predict_proba(
        self, text: str, title: str | None = None, structure: Iterable[str] = ()
    ) -> dict[str, float]:
        """P(attribute) for every attribute: one absent from the training data (a model trained on
        active and withheld examples only) gets 0.0, so callers may index any attribute."""
        p = self.proba_from_vectors([self.vector(text, title, structure)])[0]
        out = dict.fromkeys((a.value for a in Attribute), 0.0)
        out.update({label: float(p[i]) for i, label in enumerate(self.labels)})
        return out

    # ------------------------------------------------------------------ persistence
    def save(self, directory: str | Path, sidecar: Mapping[str, Any]) -> Path:
        import numpy as np

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float64),
            "idf": self.idf.astype(np.float32),
        }
        if self.calib_a is not None and self.calib_b is not None:
            arrays["calib_a"] = self.calib_a.astype(np.float64)
            arrays["calib_b"] = self.calib_b.astype(np.float64)
        np.savez_compressed(d / WEIGHTS, **arrays)
        meta = dict(sidecar)
        meta.update(
            {
                "format": ARTIFACT_FORMAT,
                "format_version": FORMAT_VERSION,
                "feature_version": FEATURE_VERSION,
                "feature_spec": self.spec.to_dict(),
                "labels": list(self.labels),
                "link": self.link,
                "calibration": "sigmoid" if self.calib_a is not None else None,
                "weights_file": WEIGHTS,
                "weights_sha256": sha256_file(d / WEIGHTS),
            }
        )
        (d / SIDECAR).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.meta = meta
        return d


def load_model(directory: str | Path) -> LinearModel:
    """Load and check an artifact directory (``model.json`` + ``model.npz``)."""
    import numpy as np

    d = Path(directory)
    side = d / SIDECAR if d.is_dir() else d
    d = side.parent
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"model {d}: no {SIDECAR} sidecar there; train one with `gkreview train`") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"model {d}: {SIDECAR} is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != ARTIFACT_FORMAT:
        raise IncompatibleModelError(
            f"model {d}: format {meta.get('format') if isinstance(meta, dict) else None!r} is not "
            f"{ARTIFACT_FORMAT!r}; this gkreview loads only its own artifacts"
        )
    made_by = meta.get("versions", {}).get("gkreview", "?")
    if meta.get("format_version") != FORMAT_VERSION or meta.get("feature_version") != FEATURE_VERSION:
        raise IncompatibleModelError(
            f"model {d} was made by gkreview {made_by} (artifact format {meta.get('format_version')}, "
            f"features {meta.get('feature_version')}); this gkreview reads format {FORMAT_VERSION}, "
            f"features {FEATURE_VERSION}. Retrain it with `gkreview train CORPUS -o {d}`."
        )
    weights = d / str(meta.get("weights_file", WEIGHTS))
    if not weights.is_file():
        raise ModelError(f"model {d}: weights file {weights.name} is missing")
    if sha256_file(weights) != meta.get("weights_sha256"):
        raise ModelError(
            f"model {d}: {weights.name} does not match the sha256 in {SIDECAR}; "
            "refusing to load a modified or foreign artifact"
        )
    try:
        with np.load(weights, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"model {d}: cannot read {weights.name} ({exc})") from exc
    labels = tuple(meta.get("labels") or ())
    spec = FeatureSpec.from_dict(meta["feature_spec"])
    coef = arrays["coef"]
    if coef.shape != (len(labels), spec.n_features) or arrays["idf"].shape != (spec.n_features,):
        raise IncompatibleModelError(f"model {d}: array shapes do not match its labels and feature spec")
    meta.setdefault("name", d.name)
    meta["path"] = str(d)
    return LinearModel(
        labels=labels,
        coef=coef,
        intercept=arrays["intercept"],
        idf=arrays["idf"],
        spec=spec,
        link=str(meta.get("link", "softmax")),
        calib_a=arrays.get("calib_a"),
        calib_b=arrays.get("calib_b"),
        meta=meta,
    )
