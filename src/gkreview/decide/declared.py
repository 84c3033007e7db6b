"""The attribute a document declares about itself (附注 "（此件公开发布）", "公开方式：主动公开" …).

The forms are data (``data/rules_declared.yaml``). ``find`` returns the last declaration in the
text (the 附注 sits after the date, the 公开方式 row above the 版记); ``strip`` removes every
declaration so a training label cannot leak into the features.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from gkreview.decide._data import load_yaml, package_data
from gkreview.errors import ConfigurationError

__all__ = ["Declared", "find", "normalise_label", "strip"]

ATTRIBUTES = ("active", "on_request", "withheld")


@dataclass(frozen=True)
class Declared:
    attribute: str
    text: str
    start: int
    end: int
    local: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "local": self.local,
        }


@dataclass(frozen=True)
class _Form:
    regex: re.Pattern[str]
    attribute: str
    local: str | None


@functools.lru_cache(maxsize=1)
def _table() -> tuple[tuple[_Form, ...], dict[str, str]]:
    data = load_yaml(package_data("rules_declared.yaml"))
    forms = []
    for i, item in enumerate(data.get("forms") or []):
        attr = item.get("attribute")
        if attr not in ATTRIBUTES:
            raise ConfigurationError(f"rules_declared.yaml form {i}: unknown attribute {attr!r}")
        forms.append(_Form(re.compile(item["pattern"]), attr, item.get("local")))
    words: dict[str, str] = {}
    for attr, values in (data.get("label_words") or {}).items():
        for v in values:
            words[str(v).strip().lower()] = attr
    return tuple(forms), words


def find(text: str) -> Declared | None:
    """The last disclosure declaration in ``text``, or None."""
    best: Declared | None = None
    for form in _table()[0]:
        for m in form.regex.finditer(text):
            if best is None or m.start() > best.start:
                best = Declared(form.attribute, m.group(0), m.start(), m.end(), form.local)
    return best


def strip(text: str) -> str:
    """``text`` without any disclosure declaration (the label must not leak into training)."""
    for form in _table()[0]:
        text = form.regex.sub("", text)
    return text


def normalise_label(value: Any) -> str | None:
    """Map a label as written in a labels file (主动公开, PROACTIVE, active …) to an attribute."""
    if value is None:
        return None
    key = str(value).strip().lower()
    if not key:
        return None
    words = _table()[1]
    if key in words:
        return words[key]
    key = key.strip("（）() ")
    return words.get(key)
