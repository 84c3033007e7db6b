"""Latin codes in Chinese PDF text (red team, issue #2 follow-up): a line that wraps by character
inside a code ("C" | "T3299588", "鲁P" | "D12345") must read back without a space in the code, and
a space the text had at a wrap ("SYNTHETIC " | "合成") is kept. Built with scripts/render.write_pdf
(both the embedded TrueType font and the non-embedded STSong-Light)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.readers import extract
from tests.readers._util import load_render

_CODES = ("CT3299588", "鲁PD12345", "pxjgo24@163.com")
_SENTENCE = "申请人通行证号码：CT3299588，车牌鲁PD12345，邮箱pxjgo24@163.com，SYNTHETIC 合成数据。"


def _paragraphs() -> list[str]:
    # the same sentence after 0..29 padding characters: the wrap lands on every character of it
    return [f"第{k}项" + "甲" * k + _SENTENCE for k in range(30)]


@pytest.mark.parametrize("font", ["auto", "STSong-Light"])
def test_codes_wrapped_by_character_read_back_whole(tmp_path: Path, font: str) -> None:
    render = load_render()
    paras = _paragraphs()
    path = render.write_pdf("标题\n" + "\n".join(paras), tmp_path / "codes.pdf", font=font)
    fname = render.pdf_font(font)
    width = render.A4[0] - 2 * render.MARGIN
    wrapped = [render.wrap_lines(p, width, 14.0, 28.0, fname) for p in paras]
    # the test means something: some wraps do fall inside each code and right after "SYNTHETIC "
    for code in (*_CODES, "SYNTHETIC "):
        assert any(
            any(ln.endswith(code[:i]) for ln in lines for i in range(1, len(code))) for lines in wrapped
        )
    doc = extract(path)
    assert doc.status == "ok"
    for code in (*_CODES, "SYNTHETIC 合成"):
        assert doc.text.count(code) == len(paras), code
    # paragraphs that do not run across a page break read back exactly
    whole = [p for p in paras if p in doc.text.splitlines()]
    assert len(whole) >= len(paras) - 3


class _FakeRaw:
    """Stands in for pypdfium2.raw: the characters at ``generated`` were made up by pdfium."""

    def __init__(self, generated: set[int]) -> None:
        self.generated = generated

    def FPDFText_IsGenerated(self, tp: object, i: int) -> int:
        return 1 if i in self.generated else 0


def test_only_the_documents_own_spaces_count_at_line_ends() -> None:
    from gkreview.readers.pdf import _drop_generated_ends

    seg = "身份证号110105194912 "  # characters 10..29 of the page; the trailing space at 30
    a, b, pos = 10, 10 + len(seg) - 2, 10
    assert _drop_generated_ends(None, _FakeRaw({b + 1}), seg, seg, pos, a, b) == seg.rstrip()
    assert _drop_generated_ends(None, _FakeRaw(set()), seg, seg, pos, a, b) == seg
    lead = "  15801468458"
    assert _drop_generated_ends(None, _FakeRaw({0, 1}), lead, lead, 0, 2, len(lead) - 1) == "15801468458"
    assert _drop_generated_ends(None, _FakeRaw({0}), lead, lead, 0, 2, len(lead) - 1) == lead
