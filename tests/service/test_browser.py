"""The reviewer's page in a real browser (Debian's chromium through Playwright) against real uvicorn.

Upload real published text with a synthetic ID number injected (the ID is made up), see the
flagged span highlighted and masked, record a decision, find it in /v1/decisions.
"""

from __future__ import annotations

import os
import shutil
import threading
import time

import httpx
import pytest

from tests.service.conftest import (
    SYNTHETIC_ID,
    StubReviewer,
    corpus_text,
    free_port,
    wait_http,
    with_synthetic_id,
)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
KEY = "browser-test-key-51c2"  # made up for the test

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
        reason="Debian chromium is not installed (apt-get install -y chromium; `make test` installs it)",
    ),
]


@pytest.fixture(params=[None, KEY], ids=["no-key", "with-key"])
def live_server(request, tmp_path):
    """uvicorn serving the app on 127.0.0.1:<free port> in a thread of this process."""
    import uvicorn

    from service.app import create_app
    from service.settings import Settings

    key = request.param
    port = free_port()
    settings = Settings(data_dir=tmp_path / "data", api_key=key, model="none", port=port)
    # the real pipeline; the stand-in ID detector only adds the synthetic ID if the library's own misses it
    app = create_app(settings, reviewer=StubReviewer())
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz")
        yield base, key
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def test_upload_highlight_decide_and_find_the_record(live_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    base, key = live_server
    _title, text = corpus_text()
    text = with_synthetic_id(text)
    draft = tmp_path / "草稿.txt"
    draft.write_text(text, encoding="utf-8")

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(
                http_credentials={"username": "reviewer", "password": key} if key else None
            )
            page = context.new_page()
            page.goto(base + "/")
            assert "公文公开属性预审" in page.title()
            page.set_input_files("#file", str(draft))
            page.click("#review-btn")
            page.wait_for_selector("#result:not([hidden])", timeout=60_000)

            # the finding is highlighted, and only its masked value is shown
            marks = page.locator("#r-text mark")
            assert marks.count() >= 1
            shown = page.inner_text("#r-text")
            assert SYNTHETIC_ID not in shown
            assert any(SYNTHETIC_ID[:4] in marks.nth(i).inner_text() for i in range(marks.count()))
            assert page.locator("#r-findings tbody tr").count() >= 1
            assert page.inner_text("#r-attribute") in {"主动公开", "依申请公开", "不予公开"}

            # 不予公开 without a reason is refused on the page
            page.check("input[name=final][value=withheld]")
            page.fill("#d-reviewer", "赵六")
            page.fill("#d-reason", "")
            page.click("#decide-btn")
            assert "理由" in page.inner_text("#decision-status")

            page.fill("#d-reason", "含第三方个人信息，按第十五条不予公开（测试）")
            page.locator("input.accept").first.uncheck()
            page.click("#decide-btn")
            sync_api.expect(page.locator("#decision-status")).to_contain_text("已记录", timeout=30_000)
            # the record list on the page shows it
            page.wait_for_selector("#records-table tbody tr", timeout=30_000)
            assert "赵六" in page.inner_text("#records-table")

            # a redacted copy can be downloaded
            with page.expect_download(timeout=60_000) as dl:
                page.click("#download-btn")
            saved = tmp_path / "redacted-download"
            dl.value.save_as(saved)
            copy = saved.read_text(encoding="utf-8")
            assert SYNTHETIC_ID not in copy
            assert len(copy) > len(text) // 2
        finally:
            browser.close()

    headers = {"Authorization": f"Bearer {key}"} if key else {}
    deadline = time.monotonic() + 10
    while True:
        items = httpx.get(base + "/v1/decisions", headers=headers, timeout=10).json()["items"]
        if items or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(items) == 1
    rec = items[0]
    assert rec["final_attribute"] == "withheld"
    assert rec["reviewer"] == "赵六"
    assert rec["reason"].startswith("含第三方个人信息")
    assert rec["document_name"] == "草稿.txt"
    assert rec["redactions_rejected"] == 1
    assert SYNTHETIC_ID not in str(rec)
