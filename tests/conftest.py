"""Shared fixtures: where ../shared is, real corpus documents, the contract checker."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared")).resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def iter_corpus(name: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Documents of ../shared/corpora/<name>.jsonl.gz (real, published; label active)."""
    path = SHARED / "corpora" / f"{name}.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir(shared_dir: Path) -> Path:
    return shared_dir / "contracts" / "samples"


@pytest.fixture(scope="session")
def check_report(shared_dir: Path) -> Any:
    """The contract's own checker: ``check_report.problems(obj) -> list[str]``."""
    spec = importlib.util.spec_from_file_location(
        "check_report", shared_dir / "contracts" / "check_report.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
