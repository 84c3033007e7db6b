"""Agency profiles: thresholds, local rules, local wording and local attributes, from YAML.

``national`` ships with gkreview (``data/profiles/national.yaml``). A local profile says
``extends: national`` and changes only what differs; rules are added with ``extra_rules``, turned off
with ``disable_rules`` and reworded with ``wording`` (keyed by rule id or reason code), so an agency
adapts gkreview without code changes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkreview.decide._data import load_yaml, package_data
from gkreview.errors import ConfigurationError

if TYPE_CHECKING:
    from gkreview.decide.rules import Rule

__all__ = ["DEFAULT_THRESHOLDS", "Profile", "load_profile"]

DEFAULT_THRESHOLDS: dict[str, Any] = {
    "head_chars": 400,
    "text_chars": 20000,
    "conflict_margin": 10,
    "withheld_min_priority": 60,
    "active_min_priority": 50,
    "model_active_min": 0.6,
    "model_confident": 0.8,
    "model_only_withheld": False,
    "mandatory_needs_human_review": True,
    "model_weight": 0.5,
}
KNOWN_KEYS = {
    "name",
    "description",
    "extends",
    "rules_files",
    "thresholds",
    "local_attributes",
    "disable_rules",
    "extra_rules",
    "wording",
}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    thresholds: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    rules: tuple[Rule, ...] = ()
    wording: dict[str, str] = field(default_factory=dict)
    local_attributes: dict[str, str | None] = field(default_factory=dict)
    source: str = ""

    def threshold(self, key: str) -> Any:
        return self.thresholds.get(key, DEFAULT_THRESHOLDS.get(key))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "thresholds": dict(self.thresholds),
            "rules": [r.id for r in self.rules],
            "local_attributes": dict(self.local_attributes),
            "source": self.source,
        }


def _resolve(ref: str | Path) -> Path:
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    shipped = package_data(f"profiles/{ref}.yaml")
    if shipped.exists():
        return shipped
    raise ConfigurationError(
        f"profile {ref!r}: no such file, and no shipped profile of that name (shipped: national, example_local)"
    )


def _rules_file(ref: str, base: Path) -> list[dict[str, Any]]:
    candidates = [Path(ref), base.parent / ref, package_data(ref)]
    for c in candidates:
        if c.is_file():
            data = load_yaml(c)
            rules = data.get("rules") if isinstance(data, dict) else None
            if not isinstance(rules, list):
                raise ConfigurationError(f"rules file {c}: needs a top-level 'rules' list")
            return copy.deepcopy(rules)
    raise ConfigurationError(f"rules file {ref!r} (named in profile {base}): not found")


def _merge(data: dict[str, Any], path: Path, seen: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise ConfigurationError(
            f"profile {path}: unknown keys {sorted(unknown)} (known: {sorted(KNOWN_KEYS)})"
        )
    parent_ref = data.get("extends")
    if parent_ref:
        parent_path = _resolve(parent_ref)
        if str(parent_path) in seen:
            raise ConfigurationError(f"profile {path}: 'extends' loops back to {parent_path}")
        merged = _merge(_raw(parent_path), parent_path, (*seen, str(parent_path)))
    else:
        merged = {"thresholds": dict(DEFAULT_THRESHOLDS), "rules": [], "wording": {}, "local_attributes": {}}
    for ref in data.get("rules_files") or []:
        merged["rules"] = merged["rules"] + _rules_file(str(ref), path)
    merged["thresholds"] = {**merged["thresholds"], **(data.get("thresholds") or {})}
    merged["wording"] = {**merged["wording"], **(data.get("wording") or {})}
    merged["local_attributes"] = {**merged["local_attributes"], **(data.get("local_attributes") or {})}
    disabled = set(data.get("disable_rules") or [])
    ids = {r.get("id") for r in merged["rules"]}
    missing = disabled - ids
    if missing:
        raise ConfigurationError(f"profile {path}: disable_rules names unknown rules {sorted(missing)}")
    merged["rules"] = [r for r in merged["rules"] if r.get("id") not in disabled]
    extra = data.get("extra_rules") or []
    if not isinstance(extra, list):
        raise ConfigurationError(f"profile {path}: extra_rules must be a list of rules")
    extra_ids = {r.get("id") for r in extra}
    merged["rules"] = [r for r in merged["rules"] if r.get("id") not in extra_ids] + copy.deepcopy(extra)
    merged["name"] = data.get("name") or path.stem
    merged["description"] = data.get("description") or ""
    return merged


def _raw(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ConfigurationError(f"profile {path}: must be a YAML mapping")
    return data


def load_profile(profile: str | Path | dict[str, Any] | Profile | None = None) -> Profile:
    """The national profile (None), a shipped profile by name, a YAML path, or a dict."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, dict):
        path = Path(f"<dict:{profile.get('name', 'profile')}>")
        data = dict(profile)
        if "rules_files" not in data and not data.get("extends"):
            data["extends"] = "national"
    else:
        path = _resolve(profile or "national")
        data = _raw(path)
    merged = _merge(data, path, (str(path),))
    thresholds = merged["thresholds"]
    unknown = set(thresholds) - set(DEFAULT_THRESHOLDS)
    if unknown:
        raise ConfigurationError(f"profile {path}: unknown thresholds {sorted(unknown)}")
    from gkreview.decide.rules import validate_rules

    rules = validate_rules(merged["rules"], source=str(path))
    return Profile(
        name=str(merged["name"]),
        description=str(merged["description"]),
        thresholds=thresholds,
        rules=tuple(rules),
        wording={str(k): str(v) for k, v in merged["wording"].items()},
        local_attributes=dict(merged["local_attributes"]),
        source=str(path),
    )
