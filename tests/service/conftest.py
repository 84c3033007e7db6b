"""Fixtures for the service tests: an app on a temporary SQLite record, stand-in reviewers, real text.

Stand-in reviewers wrap the real ``Reviewer`` (real readers and pipeline) and only change what a test
needs: a synthetic finding for a synthetic ID number, a forced status, a delay, a crash.
"""

from __future__ import annotations

import re
import socket
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from gkreview.finding import Finding
from gkreview.report import Report
from gkreview.review import Reviewer
from tests.conftest import iter_corpus

with warnings.catch_warnings():
    # Starlette 1.x warns that its TestClient wants httpx2; the project pins httpx (dev extra)
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

# A synthetic (made-up, checksum-valid) resident ID number and mobile number, injected into real text.
SYNTHETIC_ID = "11010519491231002X"
SYNTHETIC_MOBILE = "13812345678"
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def corpus_text(min_chars: int = 800, max_chars: int = 4000) -> tuple[str, str]:
    """(title, text) of a real published State Council document."""
    for doc in iter_corpus("govcn_statecouncil", limit=200):
        if min_chars <= len(doc["text"]) <= max_chars:
            return doc["title"], doc["text"]
    pytest.skip("no corpus document of the wanted length")


def with_synthetic_id(text: str) -> str:
    """Real text with a synthetic contact line (ID number and mobile) after its first paragraph."""
    first, _, rest = text.partition("\n")
    return f"{first}\n联系人：王某某（身份证号{SYNTHETIC_ID}，手机{SYNTHETIC_MOBILE}）\n{rest}"


class StubReviewer:
    """The real Reviewer plus a stand-in ID detector (synthetic data only) and test switches."""

    def __init__(self, *, status: str | None = None, delay_s: float = 0.0, crash: Exception | None = None):
        self.real = Reviewer(model=None)
        self.detectors = self.real.detectors
        self.decider = self.real.decider
        self.status = status
        self.delay_s = delay_s
        self.crash = crash
        self.calls = 0

    def describe(self) -> dict[str, Any]:
        return self.real.describe()

    def _adjust(self, report: Report) -> Report:
        self.calls += 1
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.crash is not None:
            raise self.crash
        text = report.document.text if report.document is not None else ""
        findings = list(report.findings)
        taken = [(f.start, f.end) for f in findings]
        for i, m in enumerate(ID_RE.finditer(text)):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # the library's own detector found it
            v = m.group()
            findings.append(
                Finding(
                    detector="stub_resident_id",
                    category="personal_info",
                    reason_code="ART15_PRIVACY",
                    severity="high",
                    score=1.0,
                    start=m.start(),
                    end=m.end(),
                    masked=v[:4] + "*" * 10 + v[-4:],
                    id=f"stub{i + 1}",
                    page=1,
                    label="公民身份号码",
                )
            )
        report = replace(report, findings=tuple(findings))
        if self.status is not None:
            report = replace(report, status=self.status, error=None)
        return report

    def extract(self, source: Any, *, name: str | None = None) -> Any:
        return self.real.extract(source, name=name)

    def review(self, source: Any, *, name: str | None = None) -> Report:
        return self._adjust(self.real.review(source, name=name))

    def review_text(self, text: str, *, name: str = "<text>") -> Report:
        return self._adjust(self.real.review_text(text, name=name))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", api_key=None, model="none")


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """make_client(reviewer=None, **settings) -> a started TestClient (closed at the end)."""
    opened: list[TestClient] = []

    def make(reviewer: Any = None, **overrides: Any) -> TestClient:
        values: dict[str, Any] = {"data_dir": tmp_path / "data", "model": "none"}
        values.update(overrides)
        app = create_app(Settings(**values), reviewer=reviewer if reviewer is not None else StubReviewer())
        client = TestClient(
            app, base_url="http://127.0.0.1", client=("127.0.0.1", 50000), raise_server_exceptions=False
        )
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout_s: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout_s}s")
