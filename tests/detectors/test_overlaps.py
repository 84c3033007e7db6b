"""Overlap algorithms (near-linear versions): the same answers as the quadratic definitions they replace."""

from __future__ import annotations

import random

import pytest

from gkreview.decide.rules import _Spans
from gkreview.detectors import resolve_overlaps
from gkreview.finding import Finding


def _brute_overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


@pytest.mark.parametrize("seed", range(30))
def test_span_index_agrees_with_the_definition(seed):
    rng = random.Random(seed)
    spans = []
    for _ in range(rng.randint(0, 12)):
        a = rng.randint(0, 40)
        spans.append((a, a + rng.choice((0, 0, 1, 2, 5, 10))))
    index = _Spans(spans)
    for s in range(0, 50):
        for e in range(s, min(s + 12, 55)):
            assert index.overlaps(s, e) == _brute_overlaps(s, e, spans), (s, e, spans)


def _finding(detector: str, start: int, end: int, severity: str = "high", score: float = 0.9) -> Finding:
    return Finding(
        detector=detector,
        category="personal_info",
        reason_code="ART15_PRIVACY",
        severity=severity,
        score=score,
        start=start,
        end=end,
        masked="*" * (end - start),
    )


def _brute_resolve(findings: list[Finding], exclusive: set[str]) -> list[Finding]:
    ex = [f for f in findings if f.detector in exclusive]
    rest = [f for f in findings if f.detector not in exclusive]
    ex.sort(key=lambda f: (f.validated, f.rank, f.score, f.end - f.start), reverse=True)
    kept: list[Finding] = []
    for f in ex:
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return kept + rest


@pytest.mark.parametrize("seed", range(30))
def test_resolve_overlaps_agrees_with_the_pairwise_definition(seed):
    rng = random.Random(seed)
    found = []
    for _ in range(rng.randint(0, 40)):
        s = rng.randint(0, 100)
        found.append(
            _finding(
                rng.choice(("cn_mobile", "cn_landline", "bank_card", "lexicon")),
                s,
                s + rng.randint(1, 20),
                rng.choice(("low", "medium", "high")),
                rng.choice((0.3, 0.6, 0.9)),
            )
        )
    exclusive = {"cn_mobile", "cn_landline", "bank_card"}
    assert resolve_overlaps(list(found), exclusive) == _brute_resolve(list(found), exclusive)


def _brute_allow(spans: list[tuple[int, int]], findings: list[Finding]) -> list[Finding]:
    keep = []
    for f in findings:
        if not any(
            (s <= f.start and f.end <= e) or (s < f.end and f.start < e and (e - s) > (f.end - f.start))
            for s, e in spans
        ):
            keep.append(f)
    return keep


@pytest.mark.parametrize("seed", range(30))
def test_allow_list_filter_agrees_with_the_pairwise_definition(seed, monkeypatch):
    from gkreview.detectors.lexicon import AllowList

    rng = random.Random(seed)
    spans = []
    for _ in range(rng.randint(1, 15)):
        s = rng.randint(0, 80)
        spans.append((s, s + rng.randint(1, 12)))
    found = []
    for _ in range(rng.randint(0, 30)):
        s = rng.randint(0, 90)
        found.append(_finding("cn_mobile", s, s + rng.randint(1, 15)))
    allow = AllowList(())
    monkeypatch.setattr(AllowList, "spans", lambda self, folded: list(spans))
    assert allow.filter("", list(found)) == _brute_allow(spans, found)


def _random_run_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        parts.append(
            "".join(rng.choice("0123456789") for _ in range(rng.choice((1, 1, 2, 3, 4, 6, 8, 11, 18))))
        )
        parts.append(rng.choice((" ", "-", "\n", "  ", " - ")))
    text = "".join(parts[:-1]) + rng.choice(("", "X", " X", "。", "a"))
    return "编号" + text


@pytest.mark.parametrize("seed", range(40))
def test_run_value_scans_agree_with_the_plain_enumeration(seed):
    from stdnum import luhn

    from gkreview.detectors.text import fold, number_runs

    rng = random.Random(seed)
    folded = fold(_random_run_text(rng))
    for run in number_runs(folded):
        plain = list(run.candidates(folded, 25))
        for lengths in ((11, 13), (15, 18), range(7, 13), range(12, 26)):
            want = [c for c in plain if len(c[2]) in set(lengths)]
            assert list(run.values(folded, lengths)) == want
        cards = [c for c in plain if 16 <= len(c[2]) <= 19 and c[2].isdigit() and luhn.is_valid(c[2])]
        assert list(run.luhn_values(folded, range(16, 20))) == cards
