"""Hostile and broken input: each gets a status and a typed error record, never an exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gkreview.readers import Limits, extract
from gkreview.readers.limits import Deadline
from tests.readers._util import READERS

_DOCX_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)


def _docx_with(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_CT)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def test_zip_bomb_is_too_large() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_CT)
        z.writestr(
            "word/document.xml", b"<" + b"\x00" * (16 * 1024 * 1024)
        )  # 16 MiB of zeros, ~16 KiB packed
    assert len(buf.getvalue()) < 100_000
    doc = extract(buf.getvalue())
    assert doc.status == "too_large"
    assert doc.error is not None and doc.error.code == "zip_bomb"
    assert doc.format == "docx"


def test_zip_bomb_by_total_size_is_too_large() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _DOCX_CT)
        z.writestr("word/document.xml", b"<a>" + b"x" * 5000 + b"</a>")
    doc = extract(buf.getvalue(), limits=Limits(max_member_bytes=1000))
    assert doc.status == "too_large"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_is_refused() -> None:
    doc = extract(_docx_with(BILLION_LAUGHS))
    assert doc.status == "unreadable"
    assert doc.error is not None and doc.error.code == "hostile_input"
    assert "lol" not in doc.text


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        "<w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    doc = extract(_docx_with(xxe))
    assert doc.status == "unreadable"
    assert doc.error is not None and doc.error.code == "hostile_input"
    assert "TOPSECRET" not in doc.text


def test_external_entity_in_utf16_xml_is_refused() -> None:
    xxe = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        "<w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    ).encode("utf-16")
    doc = extract(_docx_with(xxe))
    assert doc.status == "unreadable"
    assert "root:" not in doc.text


def test_xxe_in_ofd_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", '<!DOCTYPE o [<!ENTITY x SYSTEM "file:///etc/passwd">]><OFD>&x;</OFD>')
    doc = extract(buf.getvalue())
    assert (doc.format, doc.status) == ("ofd", "unreadable")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("golden.pdf", "pdf"), ("golden.docx", "docx"), ("golden.ofd", "ofd"), ("golden.doc", "ole")],
)
def test_truncated_file_is_corrupt(name: str, fmt: str) -> None:
    data = (READERS / name).read_bytes()
    doc = extract(data[: len(data) // 2])
    assert (doc.format, doc.status) == (fmt, "unreadable")
    assert doc.error is not None and doc.error.code == "corrupt"
    assert doc.text == ""


def test_truncated_pdf_is_unreadable() -> None:
    data = (READERS / "golden.pdf").read_bytes()
    doc = extract(data[:600])
    assert doc.format == "pdf"
    assert doc.status == "unreadable"
    assert doc.error is not None


def test_encrypted_pdf() -> None:
    doc = extract(READERS / "encrypted.pdf")
    assert (doc.format, doc.status) == ("pdf", "encrypted")
    assert doc.error is not None and doc.error.code == "encrypted"
    assert doc.text == ""


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    doc = extract(p)
    assert doc.status == "unreadable"
    assert doc.error is not None and doc.error.code == "empty"


def test_disguised_extension(tmp_path: Path) -> None:
    p = tmp_path / "report.pdf"
    p.write_bytes((READERS / "golden.docx").read_bytes())
    doc = extract(p)
    assert (doc.format, doc.status) == ("docx", "ok")
    q = tmp_path / "notes.txt"
    q.write_bytes((READERS / "golden.pdf").read_bytes())
    assert extract(q).format == "pdf"


def test_missing_path_is_an_error_record(tmp_path: Path) -> None:
    doc = extract(tmp_path / "nope.pdf")
    assert doc.status == "unreadable"
    assert doc.error is not None and doc.error.code == "not_found"
    assert doc.path.endswith("nope.pdf")
    assert extract(tmp_path).error is not None  # a directory


def test_file_size_limit() -> None:
    doc = extract(READERS / "golden.pdf", limits=Limits(max_file_bytes=1000))
    assert doc.status == "too_large"
    with (READERS / "golden.pdf").open("rb") as fh:
        assert extract(fh, limits=Limits(max_file_bytes=1000)).status == "too_large"


def test_time_limit_is_checked_between_pages() -> None:
    doc = extract(READERS / "golden.pdf", limits=Limits(timeout_s=0.0))
    assert doc.status == "timeout"
    assert doc.error is not None and doc.error.code == "timeout"


def test_deadline_raises_the_typed_error() -> None:
    from gkreview.errors import ExtractionTimeoutError

    with pytest.raises(ExtractionTimeoutError):
        Deadline(-1.0).check("x")


def test_unsupported_types_say_what_they_are() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    doc = extract(buf.getvalue())
    assert (doc.format, doc.status) == ("xlsx", "unsupported")
    assert doc.error is not None and "Excel" in doc.error.message
    assert extract(b"{\\rtf1 hello}").status == "unsupported"


def test_binary_junk_is_unreadable() -> None:
    junk = bytes(range(256)) * 40
    doc = extract(junk)
    assert doc.status == "unreadable"


def test_text_stream_opened_in_text_mode_is_an_error_record() -> None:
    doc = extract(io.StringIO("国务院"))  # type: ignore[arg-type]
    assert doc.status == "unsupported"
