"""The SYNTHETIC generators: valid checksums, deterministic, labelled synthetic."""

from __future__ import annotations

from stdnum import luhn
from stdnum.cn import ric

from gkreview.detectors.checksums import resident_id_ok
from gkreview.synth import SyntheticValues, build_evalset


def test_values_are_valid_and_deterministic():
    a, b = SyntheticValues(1), SyntheticValues(1)
    ids = [a.resident_id() for _ in range(50)]
    assert ids == [b.resident_id() for _ in range(50)]
    assert all(resident_id_ok(i) for i in ids)
    assert all(i[-1] == ric.calc_check_digit(i) for i in ids)
    cards = [a.bank_card() for _ in range(50)]
    assert all(luhn.is_valid(c) and c.startswith("62") for c in cards)


def test_spell_variants_keep_the_digits():
    g = SyntheticValues(2)
    v = g.resident_id()
    for variant in ("plain", "spaced", "hyphen", "linebreak"):
        assert "".join(c for c in g.spell(v, variant) if c.isalnum()) == v
    assert g.spell(v, "fullwidth")[0] == chr(ord(v[0]) + 0xFEE0)


def test_evalset_spans_point_at_the_values():
    docs = [(f"d{i}", "第一条 为了规范管理，制定本办法。" * 30) for i in range(5)]
    samples = list(build_evalset(docs, n=5, seed=3))
    assert len(samples) == 5 and all(s["synthetic"] is True for s in samples)
    for s in samples:
        for g in s["spans"]:
            value = s["text"][g["start"] : g["end"]]
            assert value and value == value.strip("。，：\n")
