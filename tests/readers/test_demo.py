"""corpora/demo: every file reads as its manifest says (real texts; formats made by our script)."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from gkreview.readers import Limits, extract
from tests.conftest import ROOT, SHARED
from tests.readers._util import squeeze

DEMO = ROOT / "corpora" / "demo"
with (ROOT / "corpora" / "demo_manifest.csv").open(encoding="utf-8") as _fh:
    ROWS = list(csv.DictReader(_fh))


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    out: dict[str, str] = {}
    for corpus in {r["corpus"] for r in ROWS}:
        path = SHARED / "corpora" / f"{corpus}.jsonl.gz"
        if not path.exists():
            pytest.skip(f"{path} not present")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                out[doc["id"]] = doc["text"]
    return out


def test_manifest_lists_every_file() -> None:
    assert sorted(r["file"] for r in ROWS) == sorted(p.name for p in DEMO.iterdir())
    assert len(ROWS) == 40


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_demo_file_reads_as_the_manifest_says(row: dict[str, str], sources: dict[str, str]) -> None:
    doc = extract(DEMO / row["file"], limits=Limits(ocr=False))
    expected = row["expected_status"].split()[0]
    assert doc.status == expected, (doc.status, doc.error)
    if doc.status == "ok":
        src = squeeze(sources[row["id"]])
        got = squeeze(doc.text)
        # identical except characters the embedded PDF font lacks and a lone page number
        assert got == src or (row["format_made"] == "pdf" and abs(len(got) - len(src)) <= 5)
