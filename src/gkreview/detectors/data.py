"""Read the detectors' data files (detectors/data/) once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gkreview.errors import ConfigurationError

__all__ = [
    "area_codes",
    "context_words",
    "data_text",
    "mobile_prefixes",
    "place_names",
    "regions",
    "surnames",
]


def data_text(name: str) -> str:
    try:
        return (resources.files("gkreview.detectors") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigurationError(f"detector data file {name!r} is missing from the package") from exc


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]


def load_yaml(name: str) -> Any:
    try:
        return yaml.safe_load(data_text(name))
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"detector data file {name!r} is not valid YAML: {exc}") from exc


@lru_cache(maxsize=1)
def regions() -> dict[str, tuple[str, int]]:
    """6-digit division code → (name, level 0/1/2)."""
    out: dict[str, tuple[str, int]] = {}
    for ln in _lines("regions.tsv"):
        code, name, level = ln.split("\t")
        out.setdefault(code, (name, int(level)))
    return out


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Division names with and without their suffix (北京市/北京, 东城区/东城)."""
    out: set[str] = set()
    for name, _level in regions().values():
        out.add(name)
        for suf in (
            "特别行政区",
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "自治区",
            "自治州",
            "省",
            "市",
            "地区",
            "盟",
            "区",
            "县",
            "旗",
        ):
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.add(name[: -len(suf)])
                break
    return frozenset(out)


@lru_cache(maxsize=1)
def area_codes() -> frozenset[str]:
    return frozenset(ln.split()[0] for ln in _lines("landline_area_codes.txt"))


@lru_cache(maxsize=1)
def mobile_prefixes() -> frozenset[str]:
    return frozenset(_lines("mobile_prefixes.txt"))


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    names = _lines("surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@lru_cache(maxsize=1)
def context_words() -> dict[str, Any]:
    data = load_yaml("context.yaml")
    if not isinstance(data, dict):
        raise ConfigurationError("context.yaml must be a mapping")
    return data
