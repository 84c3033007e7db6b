"""GET /healthz, /v1/detectors, /v1/model."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from gkreview._version import __version__
from service.deps import State
from service.responses import AUTH_RESPONSES
from service.schemas import DetectorInfo, Health, ModelInfo

router = APIRouter()


@router.get("/healthz", response_model=Health, tags=["meta"], summary="liveness (no authentication)")
def healthz() -> Health:
    return Health(version=__version__)


@router.get(
    "/v1/detectors",
    response_model=list[DetectorInfo],
    responses=AUTH_RESPONSES,
    tags=["meta"],
    summary="the configured detectors",
)
def detectors(state: State) -> list[dict[str, Any]]:
    return list(state.info.get("detectors") or [])


@router.get(
    "/v1/model",
    response_model=ModelInfo,
    responses=AUTH_RESPONSES,
    tags=["meta"],
    summary="the model: version, labels, metrics (from its model card)",
)
def model(state: State) -> ModelInfo:
    card = state.info.get("model_card")
    if not card:
        return ModelInfo(loaded=False, gkreview_version=__version__)
    labels = card.get("labels") or card.get("classes") or card.get("label_set") or []
    metrics = card.get("metrics") or card.get("scores") or {}
    version = card.get("version") or card.get("model_version")
    if version is None and card.get("name"):
        version = f"{card['name']}@{card['created']}" if card.get("created") else card["name"]
    return ModelInfo(
        loaded=True,
        version=str(version) if version is not None else None,
        labels=[str(x) for x in labels] if isinstance(labels, list | tuple) else [],
        metrics=metrics if isinstance(metrics, dict) else {},
        card=card,
        gkreview_version=__version__,
    )
