"""Joining lines into paragraphs, page furniture, and the spans that must never be split."""

from __future__ import annotations

from pathlib import Path

from gkreview.readers import extract
from gkreview.readers.layout import (
    Line,
    PageLines,
    assemble_pages,
    drop_repeated_furniture,
    join_lines,
    mend_page_breaks,
)
from tests.readers._util import READERS


def _line(text: str, x0: float, x1: float) -> Line:
    return Line(text, x0=x0, x1=x1, top=0.0, size=10.0)


def test_cjk_lines_of_a_paragraph_join_without_space() -> None:
    lines = [_line("第一行文字到达右边", 20, 100), _line("界继续。", 0, 40), _line("新段落开始", 20, 70)]
    text, continues = join_lines(lines)
    assert text == "第一行文字到达右边界继续。\n新段落开始"
    assert not continues


def test_latin_words_get_a_space_and_digits_do_not() -> None:
    # the first line stops 1.5 em short of the right edge: a word wrap
    text, _ = join_lines([_line("see the", 0, 85), _line("report", 0, 30), _line("right edge", 0, 100)])
    assert text.splitlines()[0] == "see the report"
    text, _ = join_lines([_line("编号1234", 0, 100), _line("5678号", 0, 30)])
    assert text == "编号12345678号"


def test_a_long_number_is_never_split_even_without_layout_evidence() -> None:
    # no geometry: each line would be its own paragraph, but an 18-digit number stays whole
    text, _ = join_lines([Line("证件号码为11010119900"), Line("1011237，请核实。"), Line("二、其他")])
    assert "110101199001011237" in text
    assert text.endswith("\n二、其他")


def test_a_secrecy_mark_is_never_split() -> None:
    # the first line is short (not "full"), yet 机密★5年 stays on one line
    text, _ = join_lines([_line("本件机密", 0, 40), _line("★5年", 0, 30)])
    assert "机密★5年" in text


def test_short_number_tables_are_not_glued() -> None:
    text, _ = join_lines([Line("2019"), Line("2020")])
    assert text == "2019\n2020"


def test_page_numbers_go_only_where_they_repeat() -> None:
    one = [PageLines([Line("正文"), Line("— 1 —")])]
    drop_repeated_furniture(one)
    assert [ln.text for ln in one[0].lines] == ["正文", "— 1 —"]
    two = [PageLines([Line("正文甲"), Line("— 1 —")]), PageLines([Line("正文乙"), Line("— 2 —")])]
    drop_repeated_furniture(two)
    assert [[ln.text for ln in p.lines] for p in two] == [["正文甲"], ["正文乙"]]


def test_a_running_header_is_kept_once() -> None:
    pages = [PageLines([Line("机密★1年"), Line(f"正文{i}")]) for i in range(3)]
    drop_repeated_furniture(pages)
    assert [ln.text for ln in pages[0].lines] == ["机密★1年", "正文0"]
    assert [ln.text for ln in pages[2].lines] == ["正文2"]


def test_a_number_across_a_page_break_is_moved_onto_one_page() -> None:
    texts = ["第一页\n证件号码11010119", "9001011237，请核实。"]
    assert mend_page_breaks(texts, [True, False]) == 1
    assert texts == ["第一页\n证件号码110101199001011237", "，请核实。"]


def test_assemble_pages_drops_furniture_joins_mends_and_appends_extras() -> None:
    # SYNTHETIC: three pages with a page number at the foot, an ID cut by the page break after a
    # full line, a padded (cell) end before an annotation, and an empty page with only a note
    def page(lines: list[tuple[str, float]], n: int) -> PageLines:
        placed = [Line(t, x0=0.0, x1=x1, top=20.0 * i, size=10.0) for i, (t, x1) in enumerate(lines)]
        return PageLines([*placed, Line(f"— {n} —", x0=40.0, x1=60.0, top=800.0, size=10.0)], 842.0)

    pages = [
        page([("第一页正文", 50.0), ("证件号码11010119", 100.0)], 1),
        page([("9001011237，请核实。", 100.0), ("二、表格 ", 30.0)], 2),
        page([], 3),
    ]
    got = assemble_pages(pages, [[], ["批注：已核"], ["便签"]])
    assert got.texts == ["第一页正文\n证件号码110101199001011237", "，请核实。\n二、表格\n批注：已核", "便签"]
    assert any("page-number" in w for w in got.warnings)
    assert any("page break" in w for w in got.warnings)
    # without extras each page's text is join_lines' own (a cell's padding kept)
    plain = assemble_pages([PageLines([Line("电话 17015882689 ")]), PageLines([Line("下页")])])
    assert plain.texts == ["电话 17015882689 ", "下页"] and plain.warnings == []


def test_synthetic_pdf_wraps_inside_the_number_and_the_mark() -> None:
    import pypdfium2 as pdfium

    raw = pdfium.PdfDocument(READERS / "synthetic_wrap.pdf")[0].get_textpage().get_text_range()
    assert "110101199001011237" not in raw  # the fixture really wraps inside them
    assert "机密★5年" not in raw
    doc = extract(READERS / "synthetic_wrap.pdf")
    assert "110101199001011237" in doc.text
    assert "机密★5年" in doc.text


def test_a_bare_number_in_a_table_at_the_page_edge_is_content() -> None:
    # page numbers "— k —" count up with the pages; the table's "5" at a page foot does not
    pages = [
        PageLines([Line("序号"), Line("任务甲"), Line("5"), Line("— 1 —")]),
        PageLines([Line("9"), Line("任务乙"), Line("13"), Line("— 2 —")]),
        PageLines([Line("任务丙"), Line("23"), Line("— 3 —")]),
    ]
    drop_repeated_furniture(pages)
    assert [[ln.text for ln in p.lines] for p in pages] == [
        ["序号", "任务甲", "5"],
        ["9", "任务乙", "13"],
        ["任务丙", "23"],
    ]


def test_bare_numbers_without_page_numbers_stay() -> None:
    pages = [PageLines([Line("正文"), Line(str(n))]) for n in (5, 9, 13)]
    drop_repeated_furniture(pages)
    assert [p.lines[-1].text for p in pages] == ["5", "9", "13"]


def test_pieces_of_one_visual_line_are_merged() -> None:
    from gkreview.readers.layout import merge_same_line

    merged = merge_same_line(
        [Line("— 2 ", 278, 300, 798, 12), Line("—", 304, 316, 798, 12), Line("正文", 72, 90, 820, 12)]
    )
    assert [ln.text for ln in merged] == ["— 2 —", "正文"]


def test_a_line_cut_short_by_kinsoku_still_joins_but_a_sentence_end_before_a_heading_splits() -> None:
    lines = [
        _line("正文第一行到达右边界正文第一行到达右边界", 0, 200),
        _line("这一行因为禁则短了一点印发", 0, 185),  # 1.5 em short, no sentence end: continues
        _line("《关于某事的意见》，提出要求。", 0, 200),  # full, ends a sentence
        _line("二、工作任务", 0, 60),  # a heading: new paragraph although the line above is full
    ]
    text, _ = join_lines(lines)
    assert text.splitlines() == [
        "正文第一行到达右边界正文第一行到达右边界这一行因为禁则短了一点印发《关于某事的意见》，提出要求。",
        "二、工作任务",
    ]


def test_codes_wrapped_by_character_get_no_space() -> None:
    # red team: a flush line ends inside a Latin code ("C" + "T3299588", "鲁P" + "D12345")
    text, _ = join_lines([_line("通行证号码：C", 0, 100), _line("T3299588。", 0, 40)])
    assert text == "通行证号码：CT3299588。"
    text, _ = join_lines([_line("车牌鲁P", 0, 100), _line("D12345的车辆", 0, 40)])
    assert text == "车牌鲁PD12345的车辆"
    text, _ = join_lines([_line("邮箱pxj", 0, 100), _line("go24@163.com", 0, 40)])
    assert text == "邮箱pxjgo24@163.com"


def test_whitespace_at_a_break_is_kept_between_cells_and_words() -> None:
    # the line ends with the cell's padding: the next number is another cell, not the same number
    text, _ = join_lines([_line("芮健波  450102********7825  ", 0, 100), _line("15801468458  6264", 0, 40)])
    assert text == "芮健波  450102********7825  15801468458  6264"
    lines = [_line("340402198808065165 ", 0, 60), _line("17015882689", 0, 40), _line("右边界", 30, 100)]
    text, _ = join_lines(lines)
    assert text.splitlines()[:2] == ["340402198808065165", "17015882689"]  # short line + space: no guard
    text, _ = join_lines([_line("（SYNTHETIC ", 0, 100), _line("合成数据）", 0, 40)])
    assert text == "（SYNTHETIC 合成数据）"
    text, _ = join_lines([_line("第一行文字到达右边 ", 0, 100), _line("界继续。", 0, 40)])
    assert text == "第一行文字到达右边界继续。"  # a padding space between Chinese characters: none


def test_a_cell_boundary_at_a_page_break_is_not_glued() -> None:
    # page 1 ends with a row's ID cell and its padding; page 2 starts with the phone cell
    first, cont = join_lines(
        [_line("序号  姓名  身份证号  电话", 0, 100), _line("3  芮健波  340402198808065165  ", 0, 100)]
    )
    second, _ = join_lines([_line("17015882689  6254048334705216", 0, 100)])
    texts = [first, second]
    assert cont and mend_page_breaks(texts, [cont, False]) == 0
    assert texts[0].endswith("340402198808065165 ") and texts[1].startswith("17015882689")
    # without the padding the number did run across the break: it is kept whole
    first, cont = join_lines([_line("序号  姓名  身份证号", 0, 100), _line("3  芮健波  34040219880", 0, 100)])
    texts = [first, "8065165号"]
    assert mend_page_breaks(texts, [cont, False]) == 1
    assert texts[0].endswith("340402198808065165")


def _pdf(tmp_path: Path, pages: list[list[tuple[float, float, str]]]) -> Path:
    """SYNTHETIC: a PDF whose pages hold lines (x, y from the bottom, text) in STSong-Light."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for lines in pages:
        c.setFont("STSong-Light", 14)
        for x, y, text in lines:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


def test_a_multi_page_form_keeps_its_labels_on_every_page(tmp_path: Path) -> None:
    # every page is one filled-in form: the labels repeat at the same places, the values differ
    people = [("张某某", "财务处", "北京"), ("李某某", "办公室", "上海"), ("王某某", "人事处", "广州")]
    pages = [
        [
            (220, 780, "出差审批表"),
            (72, 700, f"姓名：{name}"),
            (72, 660, f"部门：{dept}"),
            (72, 620, f"目的地：{city}"),
            (72, 580, "事由：参加会议"),
            (72, 120, "审批意见："),
            (72, 80, "单位盖章："),
        ]
        for name, dept, city in people
    ]
    doc = extract(_pdf(tmp_path, pages))
    assert doc.status == "ok"
    for label in ("出差审批表", "审批意见：", "单位盖章："):
        assert doc.text.count(label) == 3, label


def test_a_running_header_at_the_same_place_goes_but_a_title_elsewhere_stays(tmp_path: Path) -> None:
    pages = [
        [(200, 800, "某某市人民政府办公室"), (100, 740, "实施方案"), (72, 700, f"第{i}页的正文内容。")]
        for i in range(1, 4)
    ]
    pages[1][1] = (100, 500, "实施方案")  # page 2: the same words further down: a title, not a header
    doc = extract(_pdf(tmp_path, pages))
    assert doc.text.count("某某市人民政府办公室") == 1  # a running header: kept once
    assert doc.text.count("实施方案") == 2  # kept where it first appears and where it is content
