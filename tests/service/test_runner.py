"""The review workers: separate processes, each with its own Reviewer; a dying worker is replaced."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from service.reviews import ProcessRunner, ReviewTimeout, WorkerCrashed
from service.settings import Settings
from service.workers import ping


@pytest.fixture(scope="module")
def runner():
    r = ProcessRunner(Settings(model="none", review_workers=1).worker_options(), workers=1, timeout_s=60)
    yield r
    r.shutdown()


def test_a_worker_reviews_in_its_own_process(runner):
    async def go():
        await runner.warm()
        report = await runner.review_text("关于印发某办法的通知\n各单位：……", "n.txt")
        pid = await runner._call(ping, 0)
        return report, pid

    report, pid = asyncio.run(go())
    assert report.status == "ok"
    assert report.path == "n.txt"
    assert pid != os.getpid()


def test_a_dying_worker_is_replaced_and_the_document_refused(runner):
    async def go():
        with pytest.raises(WorkerCrashed):
            await runner._call(os._exit, 3)  # stands for a reader crashing on a hostile file
        return await runner.review_text("通知", "after.txt")

    assert asyncio.run(go()).status == "ok"  # the next document is served by a new worker


def test_the_time_limit_applies_to_workers():
    r = ProcessRunner(Settings(model="none").worker_options(), workers=1, timeout_s=0.5)
    try:

        async def go():
            await r.warm()
            await r._call(ping, 3)

        with pytest.raises(ReviewTimeout):
            asyncio.run(go())
    finally:
        r.shutdown()


def test_a_bad_review_option_stops_the_start_with_a_configuration_error(tmp_path):
    from gkreview.errors import ConfigurationError
    from service.app import create_app
    from tests.service.conftest import TestClient

    app = create_app(
        Settings(data_dir=tmp_path, model="none", profile=str(tmp_path / "missing.yaml"), review_workers=1)
    )
    with pytest.raises(ConfigurationError, match="review workers"), TestClient(app):
        pass


def test_the_review_cache_is_bounded_by_entries_and_findings():
    from service.reviews import ReviewCache, ReviewEntry

    def entry(i, n):
        return ReviewEntry(
            f"r{i}",
            "0" * 64,
            "x",
            "txt",
            1,
            "ok",
            {},
            tuple({"id": f"f{k}"} for k in range(n)),
            "",
            None,
            time.monotonic(),
        )

    cache = ReviewCache(size=3, max_findings=10)
    for i in range(5):
        cache.add(entry(i, 1))
    assert len(cache) == 3 and cache.get("r1") is None and cache.get("r4") is not None
    cache.add(entry(9, 9))  # 9 findings: the older entries make room
    assert cache.get("r9") is not None
    assert sum(len(e.findings) for e in cache._items.values()) <= 10


def test_workers_send_the_text_back_only_when_asked(runner):
    async def go():
        slim = await runner.review_text("通知", "a.txt")
        full = await runner.review_text("通知", "a.txt", True)
        return slim, full

    slim, full = asyncio.run(go())
    assert slim.document is None
    assert full.document is not None and full.document.text == "通知"


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_review_past_its_deadline_has_its_worker_killed_and_replaced():
    # before: the worker computed on after the 422, and the reviews after it waited or timed out too
    r = ProcessRunner(Settings(model="none").worker_options(), workers=1, timeout_s=1.0)
    try:

        async def go():
            await r.warm()
            (before,) = r.worker_pids()
            with pytest.raises(ReviewTimeout):
                await r._call(ping, 3600)  # stands for a review that would run for an hour
            assert not _alive(before)  # stopped at the deadline, not left computing
            (after,) = r.worker_pids()
            assert after != before
            return await r.review_text("通知\n各单位：", "next.txt")

        assert asyncio.run(go()).status == "ok"  # the next document is served by the new worker
    finally:
        r.shutdown()


def test_a_worker_over_its_memory_cap_answers_too_large_and_is_replaced():
    from gkreview.errors import DocumentTooLargeError

    r = ProcessRunner(Settings(model="none").worker_options(), workers=1, timeout_s=60, memory_mb=1024)
    try:

        async def go():
            await r.warm()
            with pytest.raises(DocumentTooLargeError) as exc:
                await r._call(bytearray, 4 * 1024**3)  # stands for a reader blowing up on a dense file
            assert exc.value.code == "memory_limit"
            return await r.review_text("通知", "next.txt")

        assert asyncio.run(go()).status == "ok"
    finally:
        r.shutdown()
