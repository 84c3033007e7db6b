"""SYNTHETIC data for evaluating the detectors. Nothing here is real personal data.

``values`` generates identifiers with valid checksums (公民身份号码 with real division codes, Luhn
card numbers, …); ``evalset`` injects them, with and without context, with separators and
full-width digits, into real published corpus documents and records the gold spans. Every sample
carries ``"synthetic": true``.
"""

from gkreview.synth.evalset import build_evalset
from gkreview.synth.values import SyntheticValues

__all__ = ["SyntheticValues", "build_evalset"]
