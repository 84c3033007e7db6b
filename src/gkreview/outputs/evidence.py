"""Evidence in context: a window of text around a finding with every flagged span masked.

The implementation lives in gkreview.masking (the one home of masking); this module keeps the
outputs' import path.
"""

from __future__ import annotations

from gkreview.masking import evidence_windows, masked_window

__all__ = ["evidence_windows", "masked_window"]
