"""The reading-order check of the quality gate (readers/order.py): real text in order passes,
the same text with its lines' characters interleaved (what a reader grouping glyphs by the wrong
key produces) does not; a second ordering that reads clearly better makes the page suspect."""

from __future__ import annotations

import pytest

from gkreview.document import Status
from gkreview.readers.base import RawPage
from gkreview.readers.order import known_pairs, order_problem
from gkreview.readers.quality import assess_page, document_status
from tests.conftest import iter_corpus


def _pages(limit: int = 39) -> list[str]:
    out = []
    for doc in iter_corpus("govcn_statecouncil", limit):
        text = doc["text"]
        out += [text[i : i + 1500] for i in range(0, len(text), 1500) if len(text[i : i + 1500]) >= 300]
    return out


def _interleave(text: str, width: int = 30) -> str:
    """Two lines' characters alternating one by one (SYNTHETIC scramble of real text)."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    out = []
    for a, b in zip(lines[::2], lines[1::2], strict=False):
        out.append("".join(x + y for x, y in zip(a, b, strict=False)))
    return "\n".join(out)


def test_real_pages_in_order_pass() -> None:
    pages = _pages()
    assert len(pages) > 50
    flagged = [p[:20] for p in pages if order_problem(p)]
    assert flagged == []


def test_interleaved_lines_are_flagged() -> None:
    pages = _pages()
    flagged = sum(1 for p in pages if order_problem(_interleave(p)))
    assert flagged >= 0.9 * len(pages)


def test_a_second_ordering_that_reads_better_is_a_disagreement() -> None:
    page = _pages(3)[0]
    # pairs of characters alternating between two lines: too many words survive for the first test,
    # but the content-stream order (the page itself) reads clearly better
    a, b = page[:600], page[600:1200]
    scrambled = "".join(a[i : i + 2] + b[i : i + 2] for i in range(0, 600, 2))
    assert order_problem(scrambled) is None
    problem = order_problem(scrambled, a + b)
    assert problem is not None and "content order" in problem
    assert order_problem(a + b, scrambled) is None  # the better order is never the suspect


@pytest.mark.parametrize(
    "text",
    [
        "车牌鲁PD12345 7825 15801468458",  # too few Chinese pairs to judge
        "The quick brown fox jumps over the lazy dog. " * 20,
        "一日不见兮，思之如狂。十年生死两茫茫，不思量，自难忘。晓看天色暮看云，行也思君，坐也思君。" * 3,
    ],
)
def test_short_latin_and_classical_text_is_not_flagged(text: str) -> None:
    assert order_problem(text) is None


def test_a_list_of_names_is_not_mistaken_for_scrambled_text() -> None:
    # a 低保 roster: names and genders only pair into words by chance (SYNTHETIC names)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
    rows = [
        f"{i} {surnames[i % 20]}{given[(i * 7) % 20]}{given[(i * 3) % 20] if i % 3 else ''} {'男女'[i % 2]}"
        for i in range(1, 90)
    ]
    text = "\n".join(rows)
    assert known_pairs(text)[1] >= 100
    assert order_problem(text) is None


def test_known_pairs_ignore_whitespace() -> None:
    assert known_pairs("人民 法院") == known_pairs("人民法院") == (3, 3)


def test_quality_gate_makes_a_scrambled_page_partial_never_ok() -> None:
    page = _pages(3)[0]
    raws = [RawPage(page), RawPage(_interleave(page))]
    qualities = [assess_page(r) for r in raws]
    assert qualities[0].ok and not qualities[1].ok
    assert any("reading order" in i for i in qualities[1].issues)
    status, error = document_status(raws, qualities)
    assert status == Status.PARTIAL and error is not None
