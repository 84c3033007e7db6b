"""Title-level sanity check against Policy Transparency in China (2024): titles with 请示/报告/申请/情况
lean away from release, titles with 征求意见/意见/办法 lean towards it. Prints the table (-s to see it)."""

from __future__ import annotations

import pytest

from gkreview.decide.model import default_model_dir, load_model
from gkreview.training.evaluate import format_titles, title_table


def test_shipped_model_leans_like_the_study() -> None:
    d = default_model_dir()
    if d is None:
        pytest.skip("no shipped model")
    tab = title_table(load_model(d))
    print("\n" + format_titles(tab))
    means = tab["mean_p_active"]
    assert means["away"] < 0.35 < 0.55 < means["towards"]
    for row in tab["rows"]:
        if row["lean"] == "away":
            assert row["p_active"] < 0.5, row
