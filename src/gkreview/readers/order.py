"""Is this page's text in reading order? A cheap check the quality gate runs on every page.

Text put together in the wrong order (the characters of two lines interleaved, a converter's
one-character text objects sorted by the wrong key) still consists of good characters, so the
other signs of the gate do not see it. Its character pairs do: in Chinese read in order, almost
every pair of neighbouring characters occurs inside a word or in running text; in scrambled text
many do not. The known pairs (``data/reading_order/bigrams.txt.gz``, built by
scripts/build_bigrams.py from jieba's dictionary and real government texts) are compared with
the page's pairs, whitespace ignored:

- mostly not words: the share of known pairs is hardly higher than in the same characters
  shuffled (less than ``MIN_LIFT`` times as high). The shuffle makes the test fair to any kind of
  text: classical poetry or a form has fewer known pairs than a 公文, but far more than its own
  characters in random order; text with its lines' characters interleaved has not. Characters
  that seldom pair into words even by chance (a list of names: 张伟 男 王秀英 女) are not judged;
- a second ordering disagrees: the reader's other ordering of the same characters (OFD: the
  content-stream order) has ``MARGIN`` more of its pairs known: the order chosen breaks words the
  other keeps together.

Pages with fewer than ``MIN_PAIRS`` Chinese pairs (forms, numbers, Latin text) are not judged.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import random
import re
from importlib import resources

__all__ = ["known_pairs", "order_problem"]

MIN_PAIRS = 40  # fewer Chinese character pairs than this: too little text to judge
MIN_LIFT = 1.2  # "mostly not words": known pairs hardly more common than in the characters shuffled
MIN_CHANCE = 0.2  # ... among characters that pair into words by chance this often: not a list of names
MARGIN = 0.15  # the second ordering reads this much better (share of known pairs): disagreement
_SHUFFLES = 3  # shuffles averaged for short texts; one for a page of more than _LONG pairs
_LONG = 400
_MAX_CHARS = 6000  # a page is judged on its first Chinese characters (enough, and cheap)

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WS = re.compile(r"\s+")


@functools.cache
def _table() -> dict[str, str]:
    """First character → the characters known to follow it (one string, for a fast ``in``)."""
    raw = resources.files("gkreview").joinpath("data", "reading_order", "bigrams.txt.gz").read_bytes()
    table: dict[str, str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        first, _, seconds = line.partition("\t")
        if first:
            table[first] = seconds
    return table


def _count(runs: list[str]) -> tuple[int, int]:
    table = _table()
    known = total = 0
    for run in runs:
        total += len(run) - 1
        for a, b in itertools.pairwise(run):
            if b in table.get(a, ""):
                known += 1
    return known, total


def known_pairs(text: str) -> tuple[int, int]:
    """(known, all) pairs of neighbouring Chinese characters in ``text``, whitespace ignored."""
    return _count(_CJK.findall(_WS.sub("", text)))


def _shuffled_share(runs: list[str]) -> float:
    """The share of known pairs among the same characters in random order (a fixed seed: the
    same text always gets the same answer)."""
    chars = [c for run in runs for c in run]
    rng = random.Random(len(chars))
    known = total = 0
    for _ in range(1 if len(chars) > _LONG else _SHUFFLES):
        rng.shuffle(chars)
        k, t = _count(["".join(chars)])
        known += k
        total += t
    return known / total if total else 0.0


def order_problem(text: str, second: str | None = None) -> str | None:
    """Why ``text`` does not read in order, or None. ``second``: the same page in another order."""
    runs = _CJK.findall(_WS.sub("", text)[:_MAX_CHARS])
    known, total = _count(runs)
    if total < MIN_PAIRS:
        return None
    share = known / total
    chance = _shuffled_share(runs)
    if chance >= MIN_CHANCE and share < MIN_LIFT * chance:
        return (
            f"text out of reading order? {share:.0%} of {total} pairs of neighbouring characters are "
            f"known words, about as many as in random order ({chance:.0%})"
        )
    if second is not None:
        k2, t2 = known_pairs(second)
        if t2 >= MIN_PAIRS and k2 / t2 - share >= MARGIN:
            return (
                f"text out of reading order? {share:.0%} of its character pairs are known words, "
                f"{k2 / t2:.0%} in the page's content order"
            )
    return None
