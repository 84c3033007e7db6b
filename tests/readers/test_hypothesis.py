"""Any bytes at all: extract() never raises and always returns a valid status."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gkreview.document import Status
from gkreview.readers import Limits, extract
from gkreview.readers.sniff import OLE_MAGIC
from tests.readers._util import READERS

PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    OLE_MAGIC,
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"{\\rtf1",
    b"\x89PNG\r\n\x1a\n",
]
LIMITS = Limits(timeout_s=10.0, ocr=False)
GOLDEN = {n: (READERS / n).read_bytes() for n in ("golden.pdf", "golden.docx", "golden.ofd", "golden.doc")}


def _check(data: bytes) -> None:
    doc = extract(data, limits=LIMITS)
    assert doc.status in set(Status)
    assert (doc.status == Status.OK) == (doc.error is None) or doc.status == Status.OK
    assert doc.size == len(data)
    if doc.status != Status.OK:
        assert doc.error is not None and doc.error.code and doc.error.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048))
def test_random_bytes_never_raise(prefix: bytes, body: bytes) -> None:
    _check(prefix + body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(GOLDEN)),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(min_value=0.0, max_value=0.999), st.integers(0, 255)), max_size=8),
)
def test_damaged_real_files_never_raise(name: str, cut: float, flips: list[tuple[float, int]]) -> None:
    data = bytearray(GOLDEN[name])
    for where, byte in flips:
        data[int(where * len(data))] = byte
    _check(bytes(data[: max(1, int(cut * len(data)))]))
