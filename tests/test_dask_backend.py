"""`gkreview scan --dask`: the same scan on a local Dask cluster (loopback only, in this process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkreview.batch import ScanOptions, collect_files, file_sha256, load_done
from gkreview.cli import main
from tests.conftest import iter_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=":0",  # a free port: a fixed 8787 collides with any other Dask on the machine
        scheduler_port=0,
    ) as c:
        yield c


def _folder(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(iter_corpus("govcn_statecouncil", limit=n)):
        (root / f"doc{i:03d}.txt").write_text(doc["text"], encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    return root


def test_scan_dask_accounts_for_every_file(cluster, tmp_path, check_report):
    from gkreview.batch.dask import scan_dask

    files = collect_files([_folder(tmp_path / "docs", 6)])
    results = list(scan_dask(files, cluster.scheduler_address, ScanOptions(), in_flight=3))
    assert sorted(r.path for r in results) == sorted(str(f) for f in files)
    for r in results:
        assert check_report.problems(r.report) == []
        assert r.sha256 == file_sha256(r.path)
    broken = next(r.report for r in results if r.path.endswith("broken.pdf"))
    assert broken["status"] != "ok" or broken["suggestion"]["needs_human_review"]


def test_scan_dask_resumes(cluster, tmp_path):
    from gkreview.batch.dask import scan_dask

    files = collect_files([_folder(tmp_path / "docs", 4)])
    first = list(scan_dask(files[:2], cluster.scheduler_address))
    out = tmp_path / "r.jsonl"
    out.write_text("".join(json.dumps(r.report) + "\n" for r in first), encoding="utf-8")
    again = list(scan_dask(files, cluster.scheduler_address, resume=load_done(out)))
    assert sorted(r.path for r in again) == sorted(str(f) for f in files[2:])


def test_cli_scan_with_dask(cluster, tmp_path):
    folder = _folder(tmp_path / "docs", 3)
    out = tmp_path / "r.jsonl"
    rc = main(["scan", str(folder), "--dask", cluster.scheduler_address, "-o", str(out), "--fail-on", "none"])
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 4
    assert rc == 1  # the broken file could not be reviewed


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    from gkreview.errors import ConfigurationError

    folder = _folder(tmp_path / "docs", 1)
    with pytest.raises(ConfigurationError, match="Dask scheduler"):
        from gkreview.batch.dask import scan_dask

        list(scan_dask(collect_files([folder]), "tcp://127.0.0.1:1", ScanOptions(), connect_timeout=2))


def test_scan_dask_time_bound(cluster, tmp_path):
    from gkreview.batch.dask import scan_dask

    folder = _folder(tmp_path / "docs", 2)
    (folder / "hang.txt").write_text("x", encoding="utf-8")
    opts = ScanOptions(timeout_s=2, factory="tests.test_batch:MisbehavingReviewer")
    results = {
        Path(r.path).name: r.report
        for r in scan_dask(collect_files([folder]), cluster.scheduler_address, opts)
    }
    assert (results["hang.txt"]["status"], results["hang.txt"]["error"]["code"]) == ("timeout", "timeout")
    assert results["doc000.txt"]["status"] == "ok"
