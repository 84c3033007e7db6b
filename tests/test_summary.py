"""The Chinese summary people read at a terminal."""

from __future__ import annotations

from gkreview.review import Reviewer
from gkreview.summary import summary_zh

# synthetic: a made-up 请示 with a secrecy mark and a test mobile number (not real data)
MEMO = "秘密★1年\n关于有关事项的请示\n市政府：\n现将有关事项请示如下。联系人：张三，联系电话：13800138000。\n妥否，请批示。\n"


def test_summary_names_attribute_reasons_and_masks_values():
    text = summary_zh(Reviewer().review_text(MEMO, name="memo.txt"))
    assert "建议公开属性：不予公开" in text
    assert "ART14_STATE_SECRET" in text
    assert "13800138000" not in text
    assert "138****8000" in text


def test_unreadable_file_is_never_summarised_as_clean(tmp_path):
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    text = summary_zh(Reviewer().review(bad))
    assert "未发现需提示的内容" not in text
    assert "不能视为无问题" in text


def test_reader_warnings_are_shown():
    from dataclasses import replace

    report = Reviewer().review_text("关于有关事项的通知\n各单位：\n现通知如下。\n", name="x.docx")
    report = replace(report, warnings=("docx_tracked_changes: the file still carries tracked deletions",))
    assert "注意：docx_tracked_changes" in summary_zh(report)
