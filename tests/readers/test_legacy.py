"""DOC / WPS: the Word binary piece table, its fallbacks, and what happens without them."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import Any

import olefile
import pytest

from gkreview.readers import extract, legacy
from tests.readers._util import READERS, squeeze

GOLDEN = READERS / "golden.doc"


def _patched(tmp_path: Path, patch: Any) -> Path:
    """A copy of golden.doc whose WordDocument stream was changed by ``patch(bytearray)``."""
    p = tmp_path / "patched.doc"
    shutil.copy(GOLDEN, p)
    ole = olefile.OleFileIO(str(p), write_mode=True)
    word = bytearray(ole.openstream("WordDocument").read())
    patch(word)
    ole.write_stream("WordDocument", bytes(word))
    ole.close()
    return p


def test_piece_table_reads_the_golden_doc_exactly() -> None:
    doc = extract(GOLDEN)
    assert (doc.format, doc.status, doc.warnings) == ("doc", "ok", ())
    source = (READERS / "golden_source.txt").read_text(encoding="utf-8")
    for para in source.splitlines():
        assert para in doc.text
    assert squeeze(doc.text) == squeeze((READERS / "golden_doc.expected.txt").read_text(encoding="utf-8"))


def test_encrypted_flag_gives_encrypted(tmp_path: Path) -> None:
    def encrypt(word: bytearray) -> None:
        flags = struct.unpack_from("<H", word, 0x0A)[0] | 0x0100
        struct.pack_into("<H", word, 0x0A, flags)

    doc = extract(_patched(tmp_path, encrypt))
    assert (doc.format, doc.status) == ("doc", "encrypted")


def _break_clx(word: bytearray) -> None:
    struct.pack_into("<I", word, 0x01A2, 0x7FFFFFF0)  # fcClx far outside the table stream


def _odd_ident(word: bytearray) -> None:
    struct.pack_into("<H", word, 0, 0x1234)  # not 0xA5EC: the piece-table reader declines, antiword reads on


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")
def test_a_file_the_piece_table_reader_declines_falls_back_to_antiword(tmp_path: Path) -> None:
    doc = extract(_patched(tmp_path, _odd_ident))
    assert doc.status == "ok"
    assert any("antiword" in w for w in doc.warnings)
    assert "国办发〔2019〕4号" in doc.text


def test_a_broken_piece_table_never_looks_clean(tmp_path: Path) -> None:
    doc = extract(_patched(tmp_path, _break_clx))  # fallbacks (if any) read garbage or nothing
    assert doc.status != "ok"
    assert doc.error is not None


def test_without_fallback_tools_the_status_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    doc = extract(_patched(tmp_path, _break_clx))
    assert (doc.format, doc.status) == ("doc", "unsupported")
    assert doc.error is not None and "antiword" in doc.error.message and "LibreOffice" in doc.error.message


def test_wps_is_told_apart_by_its_summary_information() -> None:
    class FakeOle:
        def openstream(self, name: str) -> Any:
            import io

            return io.BytesIO(b"\xfe\xff..." + "WPS Office".encode("utf-16-le"))

    assert legacy._is_wps(FakeOle(), {"\x05SummaryInformation"})
    assert not legacy._is_wps(FakeOle(), set())


def test_wps_label_flows_to_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "_is_wps", lambda ole, names: True)
    doc = extract(GOLDEN)
    assert (doc.format, doc.status) == ("wps", "ok")


def test_field_codes_and_cell_marks() -> None:
    raw = "前\x13 PAGE \x14三\x15后\r甲\x07乙\x07\x07"
    assert legacy._clean(raw) == "前三后\n甲\t乙"


def test_doc_list_numbers_come_from_the_list_tables() -> None:
    # a 公文 outline whose numbers exist only in the Word list tables (PlfLst/PlfLfo + PAPX sprms)
    doc = extract(READERS / "lists" / "lists.doc")
    assert (doc.format, doc.status) == ("doc", "ok")
    assert doc.text.split("\n") == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.坚持问题导向",
        "2.坚持统筹推进",
        "二、重点任务",
        "（一）加强组织领导",
        "（1）明确责任分工",
        "三、保障措施",
        "一、新的清单",
    ]
    assert extract(READERS / "lists" / "lists.docx").text == doc.text  # the same numbers as Word's DOCX
