"""The word lists of the parser (文种, subtypes, 附注 phrases, organisation kinds), loaded from
``data/gongwen/*.yaml`` once and compiled into ``Rules``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gkreview.errors import ConfigurationError

__all__ = ["BOX_OFF", "BOX_ON", "Rules", "load_rules"]

BOX_ON = "☑■√✓✔☒▣"  # a ticked option box in a 公开方式 row
BOX_OFF = "□☐"


@dataclass(frozen=True)
class Rules:
    doc_types: dict[str, str | None]
    aliases: dict[str, str | None]
    endings: tuple[str, ...]  # doc types + aliases, longest first
    subtypes: tuple[str, ...]  # longest first
    relay_re: re.Pattern[str]
    draft_markers: tuple[str, ...]
    declared_phrases: dict[str, str]
    declared_notes: dict[str, str]
    declared_row_re: re.Pattern[str]
    declared_option_re: re.Pattern[str]
    declared_options: dict[str, str]
    circulation_prefixes: tuple[str, ...]
    party_re: re.Pattern[str]
    government_re: re.Pattern[str]
    other_re: re.Pattern[str]
    order_marks: dict[str, str]
    org_suffix_re: re.Pattern[str]


def _load(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("gkreview").joinpath("data", "gongwen", name).read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"cannot load gkreview/data/gongwen/{name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigurationError(f"gkreview/data/gongwen/{name}: expected a mapping")
    return data


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    types, notes, orgs = _load("doc_types.yaml"), _load("annotations.yaml"), _load("orgs.yaml")
    try:
        doc_types = dict(types["doc_types"])
        aliases = dict(types["aliases"])
        labels = list(notes["declared_labels"])
        options = dict(notes["declared_options"])
        return Rules(
            doc_types=doc_types,
            aliases=aliases,
            endings=tuple(sorted([*doc_types, *aliases], key=len, reverse=True)),
            subtypes=tuple(sorted(types["subtypes"], key=len, reverse=True)),
            relay_re=re.compile(
                rf"(?P<verb>{_alternation(types['relay_verbs'])})(?P<inner>.{{2,120}}?)的(?P<type>通知|函|决定|命令|令)$"
            ),
            draft_markers=tuple(sorted(types["draft_markers"], key=len, reverse=True)),
            declared_phrases=dict(notes["declared_phrases"]),
            declared_notes=dict(notes.get("declared_notes") or {}),
            declared_row_re=re.compile(rf"^(?P<label>{_alternation(labels)})[:：](?P<rest>.{{1,60}})$"),
            declared_option_re=re.compile(
                rf"(?P<box>[{BOX_ON}{BOX_OFF}]?)(?P<option>{_alternation(list(options))})"
            ),
            declared_options=options,
            circulation_prefixes=tuple(sorted(notes["circulation_prefixes"], key=len, reverse=True)),
            party_re=re.compile("|".join(orgs["party"])),
            government_re=re.compile("|".join(orgs["government"])),
            other_re=re.compile("|".join(orgs["other"])),
            order_marks=dict(orgs["order_marks"]),
            org_suffix_re=re.compile(rf"(?:{_alternation(orgs['org_suffixes'])})$"),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigurationError(f"gkreview/data/gongwen/*.yaml is malformed: {exc}") from exc
