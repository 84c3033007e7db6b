"""Plain text in the encodings government offices use, from real corpus text."""

from __future__ import annotations

import pytest

from gkreview.readers import extract
from gkreview.readers.text import decode_text
from tests.conftest import iter_corpus

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    docs = list(iter_corpus("govcn_statecouncil", limit=3)) + list(iter_corpus("lawrefbook", limit=3))
    return [d["text"][:3000] for d in docs]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_real_text_round_trips(real_texts: list[str], encoding: str) -> None:
    for text in real_texts:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # a character GBK lacks: not this test's business
        doc = extract(data)
        assert (doc.format, doc.status) == ("txt", "ok"), doc.error
        assert doc.text == text.replace("\r\n", "\n")


def test_gb18030_is_preferred_over_other_guesses() -> None:
    text, enc = decode_text("国务院办公厅关于印发通知".encode("gb18030"))
    assert (text, enc) == ("国务院办公厅关于印发通知", "gb18030")


def test_a_few_bad_bytes_do_not_crash_and_are_flagged() -> None:
    data = "国务院办公厅关于加强三级公立医院绩效考核工作的意见".encode() * 20
    data = data[:200] + b"\xff\xfe\xfd" + data[200:]
    doc = extract(data)
    assert doc.status in {"ok", "partial"}
    if "\ufffd" in doc.text:
        assert doc.status == "partial"


def test_crlf_becomes_newline() -> None:
    assert extract("第一行\r\n第二行\r".encode()).text == "第一行\n第二行\n"
