"""A reader crash never copies the exception's text (it may quote content) into the report."""

from __future__ import annotations

import gkreview.readers as readers


def test_crash_message_names_only_the_exception_type(monkeypatch):
    def boom(_data, _ctx):
        raise ValueError("bad token near 11010519491231002X")  # synthetic value

    monkeypatch.setattr(readers, "_reader", lambda fmt: boom)
    doc = readers.extract("关于有关事项的通知".encode(), name="x.txt")
    assert doc.status == "unreadable" and doc.error is not None
    assert doc.error.code == "reader_failed"
    assert "ValueError" in doc.error.message
    assert "11010519491231002X" not in doc.error.message
