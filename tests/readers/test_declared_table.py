"""A 公开方式 declaration written as a table (label and value in adjacent cells) is read as the
document's declared attribute (#11 item 9), from the reader's text through the 公文 parser."""

from __future__ import annotations

import pytest

from gkreview.gongwen import parse
from gkreview.readers import extract
from tests.readers.test_docx import _docx

HEAD = (  # SYNTHETIC 公文 around the table
    "<w:p><w:r><w:t>关于做好年度考核工作的通知</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>各处室：</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>现就做好年度考核工作有关事项通知如下，请认真贯彻执行。</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>示例市人事局</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>2024年1月16日</w:t></w:r></w:p>"
)


def _cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _table(*rows: tuple[str, ...]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(_cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"


@pytest.mark.parametrize(
    ("rows", "attribute"),
    [
        ((("公开方式", "不公开"),), "withheld"),
        ((("公开方式：", "主动公开"),), "active"),
        ((("抄送", "市委办公室"), ("公开方式", "依申请公开")), "on_request"),
        ((("密级", "无"), ("信息公开选项", "不予公开"), ("签发人", "张某")), "withheld"),
        ((("公开方式", "□主动公开 □依申请公开 ■不予公开"),), "withheld"),
        ((("印发机关", "示例市人事局", "公开方式", "不公开"),), "withheld"),
    ],
)
def test_a_declaration_in_table_cells_is_read(rows: tuple[tuple[str, ...], ...], attribute: str) -> None:
    doc = extract(_docx(HEAD + _table(*rows)))
    assert doc.status == "ok"
    assert parse(doc.text).declared_attribute == attribute


@pytest.mark.parametrize(
    "rows",
    [
        (("公开方式", "主动公开和依申请公开两种"),),
        (("公开方式", "□主动公开 □依申请公开 □不予公开"),),
        (("公开方式说明", "不公开"),),
        (("备注", "不公开"),),
    ],
)
def test_table_hard_negatives(rows: tuple[tuple[str, ...], ...]) -> None:
    assert parse(extract(_docx(HEAD + _table(*rows))).text).declared_attribute is None


def test_label_and_value_on_consecutive_lines_as_a_pdf_reads_a_table() -> None:
    text = "关于做好年度考核工作的通知\n各处室：\n现就有关事项通知如下。\n示例市人事局\n2024年1月16日\n公开方式\n不公开\n"
    assert parse(text).declared_attribute == "withheld"
