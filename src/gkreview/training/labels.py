"""Attribute labels as people write them in a labels file (主动公开, PROACTIVE, active …).

The words are data (``data/rules_labels.yaml``). What a document declares about itself (its 附注 /
公开方式 line) is read by ``gkreview.gongwen``, not here.
"""

from __future__ import annotations

import functools
from typing import Any

from gkreview.decide._data import load_yaml, package_data
from gkreview.errors import ConfigurationError

__all__ = ["ATTRIBUTES", "normalise_label"]

ATTRIBUTES = ("active", "on_request", "withheld")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    data = load_yaml(package_data("rules_labels.yaml")) or {}
    words: dict[str, str] = {}
    for attr, values in (data.get("label_words") or {}).items():
        if attr not in ATTRIBUTES:
            raise ConfigurationError(f"rules_labels.yaml: unknown attribute {attr!r}")
        for v in values:
            words[str(v).strip().lower()] = attr
    return words


def normalise_label(value: Any) -> str | None:
    """Map a label as written (主动公开, PROACTIVE, （不予公开）, active …) to an attribute, or None."""
    if value is None:
        return None
    key = str(value).strip().lower()
    if not key:
        return None
    words = _words()
    if key in words:
        return words[key]
    return words.get(key.strip("（）() "))
