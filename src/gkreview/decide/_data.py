"""Read the package's YAML data files once (rules, label words, profiles)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from gkreview.errors import ConfigurationError

__all__ = ["load_yaml", "package_data"]


def package_data(name: str) -> Path:
    """Path of a file under ``gkreview/data`` (it may not exist)."""
    return Path(str(resources.files("gkreview").joinpath("data", name)))


@functools.lru_cache(maxsize=32)
def _load(path: str) -> Any:
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise ConfigurationError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{path}: not valid YAML ({exc})") from exc


def load_yaml(path: str | Path) -> Any:
    """Parsed YAML of ``path`` (cached: do not mutate the result)."""
    return _load(str(Path(path).resolve()))
