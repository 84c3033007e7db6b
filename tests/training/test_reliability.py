"""The reliability table of P(active) printed by `gkreview evaluate` (calibration check)."""

from __future__ import annotations

from gkreview.training.evaluate import format_reliability, reliability


def test_bins_count_mean_and_observed_share() -> None:
    pairs = [(0.05, False), (0.15, False), (0.12, True), (0.95, True), (1.0, True), (0.91, False)]
    rows = reliability(pairs)
    assert len(rows) == 10 and sum(r["n"] for r in rows) == len(pairs)
    assert rows[1] == {"bin": "[0.1, 0.2)", "n": 2, "mean_p_active": 0.135, "observed_active": 0.5}
    # P = 1.0 falls in the last bin
    assert rows[9]["n"] == 3 and rows[9]["observed_active"] == round(2 / 3, 4)
    assert rows[5]["n"] == 0 and rows[5]["mean_p_active"] is None
    text = format_reliability(rows)
    assert "[0.9, 1.0]" in text and "[0.5, 0.6)" not in text  # empty bins are not printed
