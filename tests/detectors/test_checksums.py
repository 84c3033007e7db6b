"""Checksums through python-stdnum, and its edge cases."""

from __future__ import annotations

import pytest

from gkreview.detectors.checksums import (
    luhn_ok,
    resident_id_check_digit,
    resident_id_ok,
    resident_id_status,
    uscc_ok,
)
from gkreview.detectors.data import regions


def test_test_vectors():
    assert resident_id_ok("11010519491231002X") and resident_id_check_digit("11010519491231002") == "X"
    assert uscc_ok("9135052155323005XL") and not uscc_ok("9135052155323005XM")
    assert luhn_ok("6222021234567890128") and not luhn_ok("6222021234567890127")


def test_every_division_code_is_handled_without_errors():
    # python-stdnum 1.20 raises KeyError inside is_valid() for some codes; we must never crash
    for code in regions():
        body = f"{code}19900101001"
        assert resident_id_ok(body + resident_id_check_digit(body)) == (code[:2] != "00")


@pytest.mark.parametrize(
    ("number", "status"),
    [
        ("11010519491231002X", "valid"),
        ("110105194912310021", "checksum"),
        ("110105194913310021", "invalid"),  # month 13
        ("990105194912310021", "invalid"),  # no such province
        ("11010519491231002", "invalid"),
    ],
)
def test_status(number, status):
    assert resident_id_status(number) == status


def test_renamed_county_codes_count_as_valid():
    # 310114 (嘉定区) was 310222 (嘉定县) before 1993: a number issued either way is still a real number
    body = "31011419910101000"
    assert resident_id_ok(body + resident_id_check_digit(body))
