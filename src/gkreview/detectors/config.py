"""The detector configuration: the packaged default (data/config.yaml) with a user config merged over it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from gkreview.detectors.data import load_yaml
from gkreview.errors import ConfigurationError

__all__ = ["load_config"]


def load_config(config: str | Path | dict[str, Any] | None) -> dict[str, Any]:
    base = copy.deepcopy(load_yaml("config.yaml"))
    if config is None:
        return base
    if isinstance(config, str | Path):
        p = Path(config)
        try:
            user = yaml.safe_load(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigurationError(f"cannot read detector config {p}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"detector config {p} is not valid YAML: {exc}") from exc
        where = str(p)
    else:
        user, where = config, "config"
    if user is None:
        return base
    if not isinstance(user, dict):
        raise ConfigurationError(f"{where}: the detector config must be a mapping with a 'detectors' key")
    unknown = set(user) - {"version", "plugins", "detectors", "max_findings_per_detector"}
    if unknown:
        raise ConfigurationError(
            f"{where}: unknown key(s) {sorted(unknown)}; "
            "expected version, plugins, max_findings_per_detector, detectors"
        )
    if "plugins" in user:
        base["plugins"] = bool(user["plugins"])
    if "max_findings_per_detector" in user:
        base["max_findings_per_detector"] = user["max_findings_per_detector"]
    cap = base.get("max_findings_per_detector")
    if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
        raise ConfigurationError(f"{where}: max_findings_per_detector must be a positive integer or null")
    dets = user.get("detectors") or {}
    if not isinstance(dets, dict):
        raise ConfigurationError(f"{where}: 'detectors' must map detector names to options")
    for name, opts in dets.items():
        if isinstance(opts, bool):
            opts = {"enabled": opts}
        if not isinstance(opts, dict):
            raise ConfigurationError(f"{where}: options of detector {name!r} must be a mapping")
        base["detectors"].setdefault(name, {}).update(opts)
    return base
