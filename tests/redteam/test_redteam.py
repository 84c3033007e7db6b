"""Red-team regression: SYNTHETIC 公文 with planted values, rendered into DOCX/PDF/TXT(GB18030)/OFD,
reviewed through the real pipeline (gkreview.review on the file) and redacted (gkreview.redact).

The set is built by tests/redteam/build.py (fixed seed) into tests/fixtures/redteam/; its manifest
says, per file, what was planted and what must be caught. Values in messages are masked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import gkreview
from gkreview.report import Report
from tests.redteam.build import build
from tests.redteam.harness import FIXTURES, DocResult, compact, manifest, mask, score, spans_of, summary

ENTRIES = manifest()
IDS = [e["file"] for e in ENTRIES]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    reviewer = gkreview.Reviewer()
    return {e["file"]: reviewer.review(FIXTURES / e["file"]) for e in ENTRIES}


@pytest.fixture(scope="module")
def results(reports: dict[str, Report]) -> dict[str, DocResult]:
    return {e["file"]: score(reports[e["file"]], e) for e in ENTRIES}


def test_fixtures_match_the_generator(tmp_path: Path) -> None:
    build(tmp_path)
    fresh = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    stored = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    assert fresh == stored, "tests/fixtures/redteam is stale: run .venv/bin/python -m tests.redteam.build"
    assert stored["synthetic"] is True
    assert all(e["synthetic"] or e["file"].startswith("real_") for e in stored["documents"])


def test_the_set_covers_the_brief() -> None:
    kinds = {i["kind"] for e in ENTRIES for i in e["items"]}
    fmts = {e["file"].rsplit(".", 1)[1] for e in ENTRIES}
    assert fmts == {"docx", "pdf", "txt", "ofd"}
    for k in ("resident_id", "resident_id_15", "mobile", "bank_card", "address", "plate", "passport",
              "hk_macao_permit", "email", "secrecy_mark", "work_mark", "trade_cue", "diagnosis",
              "name_minor", "enforcement_cue", "internal_cue", "process_cue"):  # fmt: skip
        assert k in kinds, k
    assert sum(e["negative"] for e in ENTRIES) >= 6


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_planted_items_are_caught(
    entry: dict[str, Any], reports: dict[str, Report], results: dict[str, DocResult]
) -> None:
    report, res = reports[entry["file"]], results[entry["file"]]
    assert report.status == "ok", report.status
    problems = []
    for item in res.items:
        if not item.located:
            problems.append(f"{item.kind} {item.shown}: not in the extracted text (reader?)")
        elif item.required and not item.found:
            problems.append(f"MISSED {item.kind} {item.shown} (wanted {item.categories})")
        elif item.found and not item.exact_ok:
            problems.append(f"{item.kind} {item.shown}: finding offsets do not cover exactly the value")
        if not item.masked_ok:
            problems.append(f"{item.kind} {item.shown}: a finding's `masked` holds the full value")
    assert not problems, problems
    if any(i["required"] for i in entry["items"]):
        assert report.max_severity in ("medium", "high"), "a document with planted items came out clean"


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e["negative"]], ids=[e["file"] for e in ENTRIES if e["negative"]]
)
def test_hard_negatives_raise_no_high_finding(entry: dict[str, Any], reports: dict[str, Report]) -> None:
    highs = [f"{f.detector}:{f.masked}" for f in reports[entry["file"]].findings if f.severity == "high"]
    assert not highs, highs


def test_precision_and_recall(results: dict[str, DocResult], capsys: pytest.CaptureFixture[str]) -> None:
    s = summary(list(results.values()))
    with capsys.disabled():
        print(
            f"\nred-team: {s['files']} files, {s['items']} planted items; recall(required)={s['recall_required']}"
            f" recall(all)={s['recall_all']} precision(high)={s['precision_high']} ({s['high_findings']} high)"
        )
    assert s["recall_required"] == 1.0, s["misses"]
    assert s["precision_high"] >= 0.97, s["false_high"]


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if any(i["personal"] for i in e["items"])],
    ids=[e["file"] for e in ENTRIES if any(i["personal"] for i in e["items"])],
)  # fmt: skip
def test_redact_removes_every_planted_personal_value(entry: dict[str, Any], tmp_path: Path) -> None:
    src = FIXTURES / entry["file"]
    res = gkreview.redact(src, tmp_path / f"out_{entry['file']}")
    assert res.output.exists()
    text = gkreview.extract(res.output).text
    original = gkreview.extract(src).text
    comp = compact(text)[0]
    left = [
        f"{i['kind']} {mask(i['value'])}"
        for i in entry["items"]
        if i["personal"] and spans_of(original, i["value"]) and compact(i["value"])[0] in comp
    ]
    assert not left, left
