"""Content-signal detectors (issue 9): the exemptions that depend on what a draft says.

One module per ground; term families and patterns are data in ``detectors/data/content/``.
See ``detectors/data/content/README.md`` for the reason codes, severities and categories.
"""

from __future__ import annotations

from gkreview.detectors.base import Detector
from gkreview.detectors.content.legacy import LegacyCitationDetector
from gkreview.detectors.content.minors import MinorCaseDetector
from gkreview.detectors.content.personnel import PersonnelDetailDetector
from gkreview.detectors.content.petition import PetitionDetector
from gkreview.detectors.content.pi_table import PiTableDetector
from gkreview.detectors.content.security import SecurityStabilityDetector
from gkreview.detectors.content.statistics import StatisticsRespondentDetector
from gkreview.detectors.content.trade_secret import TradeSecretDetector

__all__ = [
    "LegacyCitationDetector",
    "MinorCaseDetector",
    "PersonnelDetailDetector",
    "PetitionDetector",
    "PiTableDetector",
    "SecurityStabilityDetector",
    "StatisticsRespondentDetector",
    "TradeSecretDetector",
    "content_classes",
]


def content_classes() -> list[type[Detector]]:
    """The content detectors in registration order."""
    return [
        SecurityStabilityDetector,
        TradeSecretDetector,
        StatisticsRespondentDetector,
        MinorCaseDetector,
        PersonnelDetailDetector,
        PiTableDetector,
        PetitionDetector,
        LegacyCitationDetector,
    ]
