"""The shared anchor pass: every anchor word of the configured detectors found in one scan.

Detectors declare the literal words they look up with ``DetectContext.find_all`` (directly or
through ``header_lines`` / ``cue_rows``) in their ``anchors`` attribute; ``DetectorSet`` builds one
``AnchorIndex`` from the union, and the first ``find_all`` of a document runs it once over the folded
text. Every occurrence of every word is reported (overlapping matches, as a ``str.find`` loop per
word would give), so a word contained in another loses no hit. A deterministic automaton
(ahocorasick_rs DFA over ``str``: character offsets, no byte conversion) costs the same per
character whatever the words are, so frequent first characters no longer make the pass slow.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["AnchorIndex"]


class AnchorIndex:
    """One automaton over a set of literal words; ``positions(text)`` → start offsets per word."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(sorted({w for w in words if w}))
        self._set = frozenset(self.words)
        self._ac: Any = None
        self._covers: dict[int, tuple[tuple[str, ...], bool]] = {}
        if self.words:
            import ahocorasick_rs

            self._ac = ahocorasick_rs.AhoCorasick(
                list(self.words),
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.DFA,
            )

    def __contains__(self, word: object) -> bool:
        return word in self._set

    def covers(self, words: tuple[str, ...]) -> bool:
        """True when every one of ``words`` is in the index (remembered per tuple: a ground's or a
        detector's anchors are one long-lived tuple, asked about on every document)."""
        key = id(words)
        hit = self._covers.get(key)
        if hit is None or hit[0] is not words:
            hit = self._covers[key] = (words, all(w in self._set for w in words))
        return hit[1]

    def __len__(self) -> int:
        return len(self.words)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Start offsets (ascending) of every occurrence of each word found in ``text``."""
        out: dict[str, list[int]] = {}
        if self._ac is None or not text:
            return out
        words = self.words
        for i, s, _e in self._ac.find_matches_as_indexes(text, overlapping=True):
            w = words[i]
            hits = out.get(w)
            if hits is None:
                out[w] = [s]
            else:
                hits.append(s)
        return out
