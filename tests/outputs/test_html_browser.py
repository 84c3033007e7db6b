"""The HTML report in a real browser (Debian chromium, headless): filter the table, open a
document, find its masked value, and make sure the page asks the network for nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gkreview.outputs.common import ScanSummary
from gkreview.outputs.html import HtmlWriter
from tests.conftest import ROOT
from tests.outputs._records import ID_MASK, SYNTHETIC_ID, sample_results

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) or shutil.which("chromium")),
        reason="Debian chromium is not installed (apt-get install -y chromium; `make test` installs it)",
    ),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "report.html"
    w = HtmlWriter(out)
    summary = ScanSummary()
    results = sample_results(6)
    for r in results:
        summary.add(r.report)
        w.write(r)
    w.close(summary)
    return out.as_uri(), [r.report for r in results]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_filter_sort_and_find_masked_value(browser, report):
    report_url, reports = report
    # a file that was not read has no attribute (issue 11): it is filtered as 未能审查, not as 不予公开
    unread = [r["path"] for r in reports if r["suggestion"].get("reviewed") is False]
    conflicts = [r["path"] for r in reports if r["suggestion"]["declared_conflict"]]
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report_url)
    rows = page.locator("#docs tbody tr")
    total = rows.count()
    assert total == 7
    assert page.locator("#shown").inner_text() == f"显示 {total} / {total} 个文件（已复核 0）"

    # filter by text: one document left
    page.fill("#q", "govcn_1")
    visible = page.locator("#docs tbody tr:not([hidden])")
    assert visible.count() == 1
    assert "govcn_1" in visible.first.inner_text()
    assert page.locator("#shown").inner_text() == f"显示 1 / {total} 个文件（已复核 0）"

    # filter by suggested attribute: the unreadable file is 未能审查（不作属性建议）
    page.fill("#q", "")
    page.select_option("#f-attr", "not_reviewed")
    assert visible.count() == len(unread) >= 1
    assert "broken.pdf" in " ".join(visible.all_inner_texts())
    page.select_option("#f-attr", "")
    page.check("#f-conflict")
    assert visible.count() == len(conflicts) >= 1
    page.uncheck("#f-conflict")
    assert visible.count() == total

    # sort by severity, highest first
    page.click("#docs th[data-k=sev]")
    page.click("#docs th[data-k=sev]")
    assert page.locator("#docs th[data-k=sev]").get_attribute("aria-sort") == "descending"
    ranks = [int(r.get_attribute("data-ssev")) for r in rows.all()]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == 3

    # open the document and find the masked ID number in its evidence
    page.fill("#q", "govcn_1")
    visible.first.locator("a").click()
    mark = page.locator("details[open] mark.masked", has_text=ID_MASK)
    # the link's hashchange handler opens the document's <details>: wait for it (count() does not
    # wait, and under load the handler may run after the click returns)
    mark.first.wait_for(state="visible", timeout=10_000)
    assert mark.count() >= 1
    assert mark.first.is_visible()
    assert SYNTHETIC_ID not in page.content()

    # tick documents off as reviewed; the ticks survive a reload (kept in this browser)
    page.fill("#q", "")
    rows.nth(0).locator("input.done").check()
    rows.nth(1).locator("input.done").check()
    page.check("#f-done")
    assert visible.count() == total - 2
    assert page.locator("#shown").inner_text() == f"显示 {total - 2} / {total} 个文件（已复核 2）"
    page.reload()
    assert page.locator("#docs tbody input.done:checked").count() == 2

    assert errors == []
    assert all(u.startswith("file://") for u in requests), requests
    page.close()


DEMO = ROOT / "corpora" / "demo"


@pytest.mark.skipif(not DEMO.is_dir(), reason="corpora/demo is not built (corpora/build_demo.py)")
def test_demo_report_through_the_cli(browser, tmp_path):
    """What `make demo` does, on the bundled documents (the scanned PDF left out: OCR is slow)."""
    common = [str(DEMO), "--fail-on", "none", "--exclude", "*scanned*", "--jobs", "2", "--progress", "never"]
    jsonl, page_file = tmp_path / "report.jsonl", tmp_path / "out" / "report.html"
    for out in (jsonl, page_file):
        proc = subprocess.run(
            [sys.executable, "-m", "gkreview", "scan", *common, "-o", str(out)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    with_findings = [r for r in records if r["findings"]]
    assert with_findings, "the demo documents are meant to carry findings"
    target = with_findings[0]
    name = Path(target["path"]).name

    page = browser.new_page()
    page.goto(page_file.as_uri())
    assert page.locator("#docs tbody tr").count() == len(records)
    page.fill("#q", name)
    visible = page.locator("#docs tbody tr:not([hidden])")
    assert visible.count() == 1
    visible.first.locator("a").click()
    details = page.locator("details[open]")
    assert details.count() == 1
    marks = details.locator("mark.masked").all_inner_texts()
    assert marks and {f["masked"] for f in target["findings"]} >= set(marks)
    assert details.locator("mark.masked").first.is_visible()
    unreadable = [r for r in records if r["status"] != "ok"]
    page.fill("#q", "")
    if unreadable:
        page.select_option("#f-status", unreadable[0]["status"])
        assert visible.count() == sum(r["status"] == unreadable[0]["status"] for r in records)
    page.close()
