"""The engine's Chinese messages, from ``data/messages.yaml`` (keyed by rule id / message id)."""

from __future__ import annotations

from typing import Any

from gkreview.decide._data import load_yaml, package_data
from gkreview.errors import ConfigurationError

__all__ = ["message"]


def _table() -> dict[str, Any]:
    data = load_yaml(package_data("messages.yaml"))
    if not isinstance(data, dict):
        raise ConfigurationError("messages.yaml: not a mapping")
    return data


def message(section: str, key: str, **fields: Any) -> str:
    """The message ``section.key`` with ``fields`` filled in."""
    try:
        template = _table()[section][key]
    except KeyError as exc:
        raise ConfigurationError(f"messages.yaml: no message {section}.{key}") from exc
    return str(template).format(**fields) if fields else str(template)


def table(section: str) -> dict[str, str]:
    """A whole section (e.g. the status labels)."""
    return {str(k): str(v) for k, v in (_table().get(section) or {}).items()}
