"""``Reviewer.describe()``: what a Reviewer runs, as plain JSON values (the service's meta routes use it)."""

from __future__ import annotations

import json

from gkreview.decide.model import default_model_dir
from gkreview.review import Reviewer


def test_describe_lists_every_configured_detector() -> None:
    r = Reviewer(model=None)
    d = r.describe()
    assert [x["name"] for x in d["detectors"]] == [det.name for det in r.detectors.detectors]
    assert d["model_card"] is None  # rules only
    by_name = {x["name"]: x for x in d["detectors"]}
    rid = by_name["cn_resident_id"]
    assert (rid["category"], rid["reason_code"], rid["label"]) == (
        "personal_info",
        "ART15_PRIVACY",
        "公民身份号码",
    )
    assert rid["description"] and "\n" not in rid["description"]
    json.dumps(d)  # plain JSON values only


def test_describe_gives_the_model_card_of_the_loaded_model() -> None:
    if default_model_dir() is None:
        import pytest

        pytest.skip("no shipped model")
    r = Reviewer()
    card = r.describe()["model_card"]
    assert card is not None
    assert card["labels"] == list(r.decider.model.labels)
    assert card["weights_sha256"] == r.decider.model.meta["weights_sha256"]
