"""The HTML report: self-contained, Chinese, escaped, masked."""

from __future__ import annotations

import re

import pytest

from gkreview.outputs.common import ScanSummary
from gkreview.outputs.html import HtmlWriter, render_html
from tests.outputs._records import (
    HOSTILE_NAME,
    ID_MASK,
    PHONE_MASK,
    SYNTHETIC_ID,
    SYNTHETIC_PHONE,
    sample_results,
)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    results = sample_results()
    out = tmp_path_factory.mktemp("html") / "report.html"
    w = HtmlWriter(out)
    summary = ScanSummary()
    for r in results:
        summary.add(r.report)
        w.write(r)
    w.close(summary)
    return out.read_text(encoding="utf-8")


def test_self_contained_no_network(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # CSP: the page may not fetch anything


def test_chinese_interface_and_summary(page):
    assert '<html lang="zh-CN">' in page
    for label in ("批量筛查报告", "汇总", "文件总数", "未能审查", "优先处理", "建议公开属性", "逐件审查要点"):
        assert label in page


def test_hostile_names_and_text_are_escaped(page):
    assert HOSTILE_NAME not in page  # only its escaped form
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # a slot name inside a file name stays text: it is not filled with the table a second time
    assert "&amp;{{rows}}.txt" in page
    assert page.count('<tr class="att-') == len(sample_results())


def test_masked_values_and_evidence_never_raw(page):
    assert ID_MASK in page and PHONE_MASK in page
    assert SYNTHETIC_ID not in page and SYNTHETIC_PHONE not in page
    assert '<mark class="masked">1101**********1234</mark>' in page
    assert "第十五条 涉及商业秘密" in page  # article text with the reason


def test_unreadable_file_is_first_and_marked():
    results = sample_results(2)
    html = render_html([(r.report, r.evidence) for r in results])
    first_row = html.index("<tbody>")
    assert html.index("corpus/broken.pdf", first_row) < html.index("corpus/govcn_1.txt", first_row)
    assert "此文件未经完整审查，不能视为无问题" in html
