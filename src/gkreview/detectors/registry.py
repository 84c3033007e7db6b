"""The detector registry: built-in detectors plus third-party ones from the ``gkreview.detectors``
entry-point group (loaded lazily, once).

A plug-in package declares its detector class (a ``gkreview.detectors.Detector`` subclass with a
unique ``name``) in its own pyproject.toml::

    [project.entry-points."gkreview.detectors"]
    cn_military_id = "my_agency_rules.detectors:MilitaryIdDetector"

It is then on by default; ``detectors: {cn_military_id: {enabled: false}}`` in a config turns it off,
and ``plugins: false`` ignores all plug-ins.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from importlib.metadata import entry_points

from gkreview.detectors.base import Detector
from gkreview.errors import ConfigurationError

__all__ = ["ENTRY_POINT_GROUP", "Registry", "default_registry"]

ENTRY_POINT_GROUP = "gkreview.detectors"
log = logging.getLogger("gkreview.detectors")


class Registry:
    """Detector classes by name: add, remove, get, filter by category."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Detector]] = {}
        self._plugins_loaded = False

    def add(self, cls: type[Detector], *, replace: bool = False) -> type[Detector]:
        if not (isinstance(cls, type) and issubclass(cls, Detector)) or not cls.name:
            raise ConfigurationError(f"{cls!r} is not a Detector subclass with a name")
        if cls.name in self._classes and not replace and self._classes[cls.name] is not cls:
            raise ConfigurationError(f"a detector named {cls.name!r} is already registered")
        self._classes[cls.name] = cls
        return cls

    def remove(self, name: str) -> None:
        self._classes.pop(name, None)

    def get(self, name: str) -> type[Detector]:
        try:
            return self._classes[name]
        except KeyError:
            raise ConfigurationError(
                f"unknown detector {name!r}; registered: {', '.join(sorted(self._classes))}"
            ) from None

    def names(self, category: str | None = None) -> list[str]:
        return [n for n, c in self._classes.items() if category is None or c.category == category]

    def __contains__(self, name: object) -> bool:
        return name in self._classes

    def __iter__(self) -> Iterator[type[Detector]]:
        return iter(list(self._classes.values()))

    def load_plugins(self) -> None:
        """Register the detectors of installed packages (entry-point group ``gkreview.detectors``), once."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                cls = ep.load()
            except Exception as exc:  # a broken plug-in is a configuration error, never skipped in silence
                raise ConfigurationError(
                    f"detector plug-in {ep.name!r} ({ep.value}) failed to load: {exc}"
                ) from exc
            self.add(cls)
            log.debug("loaded detector plug-in %s from %s", ep.name, ep.value)


_default: Registry | None = None


def builtin_classes() -> list[type[Detector]]:
    from gkreview.detectors.contact import (
        EmailDetector,
        GluedNumberDetector,
        ImAccountDetector,
        LandlineDetector,
        MobileDetector,
    )
    from gkreview.detectors.content import content_classes
    from gkreview.detectors.identifiers import (
        BankCardDetector,
        PassportDetector,
        PermitDetector,
        ResidentIdDetector,
        UsccDetector,
    )
    from gkreview.detectors.lexicon import LexiconDetector
    from gkreview.detectors.marks import SecrecyMarkDetector, WorkSecretDetector
    from gkreview.detectors.personal import AddressDetector, NameDetector, PlateDetector, PropertyCertDetector
    from gkreview.detectors.sensitive import SensitivePersonalDetector

    return [
        ResidentIdDetector, BankCardDetector, UsccDetector, PassportDetector, PermitDetector, MobileDetector,
        LandlineDetector, EmailDetector, ImAccountDetector, GluedNumberDetector, AddressDetector, NameDetector,
        PlateDetector,
        PropertyCertDetector, SecrecyMarkDetector,
        WorkSecretDetector, LexiconDetector, SensitivePersonalDetector,
        *content_classes(),
    ]  # fmt: skip


def default_registry() -> Registry:
    """The process-wide registry with the built-in detectors (plug-ins are added by ``load_plugins``)."""
    global _default
    if _default is None:
        reg = Registry()
        for cls in builtin_classes():
            reg.add(cls)
        _default = reg
    return _default
