"""Tracked deletions and hidden text travel with a DOCX: a person must see that before publication."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gkreview.decide import Decider
from gkreview.review import text_document
from tests.conftest import iter_corpus


def _doc(*warnings: str):
    text = next(iter_corpus("govcn_statecouncil", limit=1))["text"]
    return replace(text_document(text, "draft.docx"), warnings=warnings)


@pytest.mark.parametrize(
    ("warning", "words"),
    [
        ("docx_tracked_changes: the file still carries tracked deletions in 1 paragraph(s)", "修订记录"),
        (
            "docx_hidden_text: 2 run(s) of hidden text (not shown by Word) are included in the text",
            "隐藏文字",
        ),
    ],
)
def test_hidden_content_goes_to_a_person(warning, words):
    s = Decider(model=None).suggest(_doc(warning), [])
    assert s.needs_human_review
    hidden = [r for r in s.reasons if r.rule == "hidden_content"]
    assert hidden and hidden[0].code == "HUMAN_REVIEW" and words in hidden[0].explanation


def test_document_properties_alone_are_not_hidden_content():
    s = Decider(model=None).suggest(_doc("docx_properties: creator, company"), [])
    assert not [r for r in s.reasons if r.rule == "hidden_content"]
