"""The state one parse works on; the parser's parts (header, title, body, …) are mixins over it."""

from __future__ import annotations

from typing import Any

from gkreview.gongwen.lines import split_lines
from gkreview.gongwen.rules import load_rules

__all__ = ["ParserState"]


class ParserState:
    """What the parts of the parser share: the text, its lines, the rules, the fields found so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.r = load_rules()
        self.f: dict[str, Any] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        self.used: set[int] = set()  # line indexes consumed by header elements

    def span(self, key: str, start: int, end: int) -> None:
        if 0 <= start < end <= len(self.text):
            self.spans[key] = (start, end)
