"""``scan(..., output=)``: the library writes the results and returns the run's summary (the CLI's job
before); resume over the whole output; usage errors raised by the library, not only by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkreview.batch import ScanOptions, ScanUsageError, collect_files, scan
from gkreview.outputs.common import ScanSummary
from tests.conftest import iter_corpus


def _folder(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(iter_corpus("govcn_statecouncil", limit=n)):
        (root / f"doc{i:03d}.txt").write_text(doc["text"], encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # cannot be reviewed: fail closed
    return root


def test_scan_to_a_file_returns_the_summary_and_resumes(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "docs", 3)
    out = folder / "report.jsonl"  # inside the scanned folder: never screened itself
    seen: list[tuple[int, int]] = []
    files = collect_files([folder])
    summary = scan(
        files[:2], ScanOptions(jobs=1), output=out, fail_on="none", progress=lambda d, t: seen.append((d, t))
    )
    assert isinstance(summary, ScanSummary)
    assert summary.total == 2 and summary.reached == 0
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2

    files = collect_files([folder])  # now holds report.jsonl too
    again = scan(files, ScanOptions(jobs=1), output=out, resume=True, fail_on="none")
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["path"]).name for r in recs) == [
        "broken.pdf",
        "doc000.txt",
        "doc001.txt",
        "doc002.txt",
    ]
    assert again.total == 4  # the whole output for these files, not only this run's two
    assert again.not_reviewed == 1


def test_scan_iterates_without_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "docs", 1)
    results = list(scan(collect_files([folder]), ScanOptions(jobs=1)))
    assert len(results) == 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"output": "-", "format": "xlsx"}, "xlsx format needs an output file"),
        ({"output": "x.csv", "resume": True}, "--resume continues a JSONL output"),
        ({"output": "x.jsonl", "retry_errors": True}, "--retry-errors goes with --resume"),
        ({"resume": True}, "resume=True continues an output file"),
    ],
)
def test_impossible_requests_are_usage_errors(tmp_path: Path, kwargs: dict, match: str) -> None:
    if "output" in kwargs and kwargs["output"] != "-":
        kwargs = {**kwargs, "output": tmp_path / kwargs["output"]}
    with pytest.raises(ScanUsageError, match=match):
        scan([], **kwargs)
