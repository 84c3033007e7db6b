"""GET /healthz, /v1/detectors, /v1/model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter

from gkreview._version import __version__
from service.deps import State
from service.schemas import DetectorInfo, Health, ModelInfo

router = APIRouter()


@router.get("/healthz", response_model=Health, tags=["meta"], summary="liveness (no authentication)")
def healthz() -> Health:
    return Health(version=__version__)


def _detector_info(det: Any) -> dict[str, Any]:
    if hasattr(det, "to_dict"):
        try:
            d = dict(det.to_dict())
            d.setdefault("name", type(det).__name__)
            return d
        except Exception:  # a plug-in's to_dict is not part of our contract
            pass
    out: dict[str, Any] = {"name": str(getattr(det, "name", None) or type(det).__name__)}
    for key in ("category", "reason_code", "severity", "label"):
        value = getattr(det, key, None)
        if value is not None:
            out[key] = str(value)
    desc = getattr(det, "description", None) or (type(det).__doc__ or "").strip().split("\n")[0] or None
    out["description"] = desc
    return out


@router.get(
    "/v1/detectors", response_model=list[DetectorInfo], tags=["meta"], summary="the configured detectors"
)
def detectors(state: State) -> list[dict[str, Any]]:
    dset = getattr(state.reviewer, "detectors", None)
    describe = getattr(dset, "describe", None)
    if callable(describe):
        return [dict(d) for d in describe()]
    return [_detector_info(d) for d in getattr(dset, "detectors", []) or []]


def _card_from_dir(path: Path) -> dict[str, Any] | None:
    for name in ("card.json", "model_card.json", "meta.json", "metadata.json"):
        p = path / name
        if p.is_file():
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return data if isinstance(data, dict) else None
    return None


def model_card(reviewer: Any) -> dict[str, Any] | None:
    """The model card of the Reviewer's model: ``Decider.model_card()`` / ``.card`` when the library has one."""
    decider = getattr(reviewer, "decider", None)
    for owner in (decider, getattr(decider, "model_", None), getattr(decider, "model", None)):
        if owner is None or isinstance(owner, str | bool | Path):
            continue
        for attr in ("model_card", "card", "metadata", "sidecar"):
            value = getattr(owner, attr, None)
            if callable(value):
                try:
                    value = value()
                except Exception:
                    value = None
            if isinstance(value, dict) and value:
                return value
    model = getattr(decider, "model", None)
    if isinstance(model, str | Path) and Path(model).is_dir():
        return _card_from_dir(Path(model))
    return None


@router.get(
    "/v1/model", response_model=ModelInfo, tags=["meta"], summary="the model: version, labels, metrics"
)
def model(state: State) -> ModelInfo:
    card = model_card(state.reviewer)
    if card is None:
        return ModelInfo(loaded=False, gkreview_version=__version__)
    labels = card.get("labels") or card.get("classes") or card.get("label_set") or []
    metrics = card.get("metrics") or card.get("scores") or {}
    version = card.get("version") or card.get("model_version") or card.get("name")
    return ModelInfo(
        loaded=True,
        version=str(version) if version is not None else None,
        labels=[str(x) for x in labels] if isinstance(labels, list | tuple) else [],
        metrics=metrics if isinstance(metrics, dict) else {},
        card=card,
        gkreview_version=__version__,
    )
