"""What the meta routes say about a Reviewer: its detectors and its model card (plain dicts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["describe", "describe_detectors", "model_card"]


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


def describe_detectors(reviewer: Any) -> list[dict[str, Any]]:
    """``DetectorSet.describe()`` when the library has it, else what each detector object tells."""
    dset = getattr(reviewer, "detectors", None)
    describe_ = getattr(dset, "describe", None)
    if callable(describe_):
        return [dict(d) for d in describe_()]
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
        for attr in ("model_card", "card", "meta", "metadata", "sidecar"):
            value = getattr(owner, attr, None)
            if callable(value):
                try:
                    value = value()
                except Exception:
                    value = None
            if isinstance(value, dict) and value:
                return json.loads(json.dumps(value, default=str))  # plain JSON values only
    model = getattr(decider, "model", None)
    if isinstance(model, str | Path) and Path(model).is_dir():
        return _card_from_dir(Path(model))
    return None


def describe(reviewer: Any) -> dict[str, Any]:
    return {"detectors": describe_detectors(reviewer), "model_card": model_card(reviewer)}
