"""One table per red-team fix (tests/redteam), each with its hard negatives. All values SYNTHETIC."""

from __future__ import annotations

import pytest
from stdnum import luhn

from gkreview.detectors.text import is_header_row, table_header_before

ID = "11010519491231002X"  # GB 11643 test vector
MOB = "13912345670"
CARD19 = "4367421234567890" + "12"
CARD19 += luhn.calc_check_digit(CARD19)
ADDR = "山东省聊城市莘县城关镇解放路12号3栋1201室"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("序号\t姓名\t联系电话\n1\t王芳\t" + MOB, True),
        ("序号 姓名 身份证号码 联系电话 家庭住址\n1 王芳 " + MOB, True),
        ("一、工作要求\n" + MOB, False),  # not a table
        ("序号\t单位\t咨询电话\n1\t县民政局\t" + MOB, True),  # a table, but the column says 咨询电话 (below)
    ],
)
def test_table_header_before(text, expected):
    assert bool(table_header_before(text, len(text) - 2)) is expected


def test_is_header_row_rejects_rows_with_numbers():
    assert is_header_row("序号\t姓名\t身份证号码")
    assert not is_header_row(f"1\t王芳\t{ID}")
    assert not is_header_row("根据有关规定，现将审核结果予以公示。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phone column in a 名单 (the row's ID number is masked, so no other anchor)
        (f"序号\t姓名\t身份证号码\t联系电话\n1\t王芳\t110105********002X\t{MOB}\n", [(MOB, "high")]),
        (f"序号 姓名 联系电话 保障人数\n1 王芳 {MOB} 3\n", [(MOB, "high")]),
        # hard negatives: an agency column, or no table
        (f"序号\t单位\t咨询电话\n1\t县民政局\t{MOB}\n", [(MOB, "low")]),
        (f"本次活动共有{MOB}等号码参与。", [(MOB, "medium")]),
    ],
)
def test_mobile_in_a_phone_column(spans, text, expected):
    assert spans(text, "cn_mobile") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"户名\t开户行\t银行账号\t金额\n王芳\t建设银行\t{CARD19}\t2400\n", [(CARD19, "high")]),
        (f"户名\t开户行\t银行账号\t金额\n县财政局\t建设银行\t{CARD19}\t2400\n", [(CARD19, "low")]),
        (f"编号{CARD19}", [(CARD19, "medium")]),  # no context: a reviewer look, not high
    ],
)
def test_bank_card_column(spans, text, expected):
    assert spans(text, "bank_card") == expected


def test_id_shaped_luhn_number_is_not_a_high_card(spans):
    # region + birth date of an ID, wrong check digit, passes Luhn by chance: not high as a card
    body = "62010219800101123"
    for last in "0123456789":
        n = body + last
        if luhn.is_valid(n) and not n.endswith("X"):
            from gkreview.detectors.checksums import resident_id_status

            if resident_id_status(n) == "checksum":
                assert spans(f"系统测试编号{n}不作为办理依据", "bank_card") == [(n, "medium")]
                return
    pytest.skip("no Luhn-valid checksum-failing variant of this body")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"序号\t姓名\t家庭住址\n1\t王芳\t{ADDR}\n", [(ADDR, "high")]),
        (f"{ADDR}", [(ADDR, "medium")]),  # a bare address, no table: medium as before
        (f"序号\t单位\t办公地址\n1\t县民政局\t{ADDR}\n", [(ADDR, "medium")]),
    ],
)
def test_address_in_a_home_column(spans, text, expected):
    assert spans(text, "home_address") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "当事人：XX县宏达物流有限公司，统一社会信用代码：91371522MA3C0XYZ1X，住所：XX县城关镇工业园区8号。",
            [],
        ),
        ("当事人：某某合作社，法定代表人：王芳，住所：莘县城关镇东风村18号。", []),
        ("当事人：王芳，女，住所：莘县城关镇东风村18号。", [("莘县城关镇东风村18号", "high")]),
    ],
)
def test_company_seat_is_not_a_home(spans, text, expected):
    assert spans(text, "home_address") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"城关镇东风村村民王建国（身份证号码：{ID}）隐瞒收入", [("王建国", "medium")]),
        (f"户主李芳，身份证号{ID}，补贴面积6.2亩。", [("李芳", "medium")]),
        ("河东镇干部赵明，男，审核把关不严。", [("赵明", "medium")]),
        ("实验小学学生孙丽，女，12岁。", [("孙丽", "medium")]),
        ("被询问人：钱红  性别：女", [("钱红", "medium")]),
        ("留守儿童周芳（女，9岁）在河塘溺水。", [("周芳", "medium")]),
        (f"1 王芳 {ID} {MOB} 3", [("王芳", "medium")]),  # a PDF row: single spaces between cells
        # hard negatives
        ("村民委员会，男女平等。", []),
        (f"身份证号{ID}", []),
        ("会议要求，各村民小组要加强管理。", []),
        ("联系人：吴国政\n联系电话：010-62327929", []),  # an agency contact person (条例第二十条（二）)
    ],
)
def test_names_in_personal_contexts(spans, text, expected):
    assert spans(text, "person_name") == expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("留守儿童周芳（女，9岁）在河塘溺水。", "不满十四周岁未成年人的个人信息"),
        ("实验小学学生孙丽，女，十二岁，被同学殴打。", "不满十四周岁未成年人的个人信息"),
        ("犯罪嫌疑人吴强（男，16岁）涉嫌盗窃。", "案件中的未成年人"),
        ("申请人：吴强，男，16岁，申请临时救助。", None),  # 16 and no case: not a protected minor
        ("申请人：吴强，男，45岁。", None),
    ],
)
def test_minor_by_age(detector_set, text, label):
    got = [
        f.label
        for f in detector_set.detect(text)
        if f.detector == "sensitive_pi" and f.label.startswith(("不满", "案件"))
    ]
    assert got == ([label] if label else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("往来港澳通行证号码：C T3299588，", [("C T3299588", "high")]),  # PDF letter spacing
        ("往来港澳通行证号码：CT3299588，", [("CT3299588", "high")]),
        ("港澳通行证办理费用为每本 60 元。", []),
    ],
)
def test_hk_macao_permit_spaced(spans, text, expected):
    assert spans(text, "travel_permit") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("车牌号为鲁P·12345的机动车", [("鲁P·12345", "high")]),
        ("车牌号为粤B D12345的机动车", [("粤B D12345", "high")]),
        ("鲁政办发〔2026〕12345号", []),
    ],
)
def test_plate_with_a_middle_dot(spans, text, expected):
    assert spans(text, "plate_no") == expected


RURAL = "序号\t户主姓名\t身份证号码\t家庭住址\t保障金额\n"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (f"1\t王芳\t{ID}\t莘县城关镇东风村5组7号\t661元\n", [("莘县城关镇东风村5组7号", "high")]),
        ("1\t王芳\t110105********002X\t东风村五组\t661元\n", [("东风村五组", "medium")]),
        # PDF rows: single spaces between cells
        (f"1 王芳 {ID} 莘县城关镇东风村5组7号 661元\n", [("莘县城关镇东风村5组7号", "high")]),
        # hard negatives: an institution in the column, a row that does not fit the header
        ("1\t王芳\t无\t县社会福利中心\t661元\n", []),
        ("备注：以上对象均已入户核查。\n", []),
    ],
)
def test_address_column_of_a_rural_roster(spans, rows, expected):
    head = RURAL if "\t" in rows or rows.startswith("备注") else RURAL.replace("\t", " ")
    assert spans(head + rows, "home_address") == expected


def test_mistyped_id_in_an_id_column_is_flagged(spans):
    typo = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    text = RURAL + f"1\t王芳\t{typo}\t东风村五组\t661元\n"
    assert spans(text, "cn_resident_id") == [(typo, "medium")]
    assert spans(f"批次号{typo}", "cn_resident_id") == []  # no context, no table: left alone


def test_id_shaped_digits_are_not_hidden_as_an_organisation_code(detector_set):
    # 211102197007292025: a mistyped ID (region + birth date) that happens to pass the GB 32100 check
    from gkreview.detectors.checksums import resident_id_status, uscc_ok

    n = "211102197007292025"
    assert uscc_ok(n) and resident_id_status(n) == "checksum"
    found = {f.detector for f in detector_set.detect(RURAL + f"1\t王芳\t{n}\t东风村五组\t661元\n")}
    assert "cn_resident_id" in found
    # with its own label it stays an organisation code (and is not reported)
    assert not [f for f in detector_set.detect(f"统一社会信用代码：{n}") if f.category == "personal_info"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RURAL + f"1\t王芳\t{ID}\t东风村五组\t661元\n2\t李建华\t无\t东风村五组\t600元\n", ["王芳", "李建华"]),
        # hard negative: 申请人 in running text is not a column; a document without personal details
        ("申请人应当如实提供材料。\n序号 申请人 事项 办理结果\n1 县民政局 低保 办结\n", []),
    ],
)
def test_names_in_a_name_column(spans, text, expected):
    assert [v for v, _ in spans(text, "person_name")] == expected


@pytest.mark.parametrize("label", ["公民身份号码", "居民身份证号码", "有效身份证号"])
def test_the_id_label_is_not_a_name(spans, label):
    assert spans(f"\n{label}{ID}", "person_name") == []
    assert spans(f"经审核，{label}{ID}", "person_name") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"残疾人证号：{ID}42", [(f"{ID}42", "high")]),
        (f"序号\t姓名\t残疾人证号\n1\t王芳\t{ID}71\n", [(f"{ID}71", "high")]),
        # hard negatives: the ID part is not valid, or the suffix is no 类别/等级 pair
        ("11010519491231002342", []),
        # no 类别/等级 pair: not a 残疾人证号, but the valid ID at the run's start is still found (issue 11)
        (f"编号{ID}99", [(ID, "high")]),
    ],
)
def test_disability_card_number(spans, text, expected):
    assert spans(text, "cn_resident_id") == expected


def test_disability_card_mask_hides_the_id_and_the_disability(detector_set):
    (f,) = [f for f in detector_set.detect(f"残疾人证号：{ID}42") if f.detector == "cn_resident_id"]
    assert f.masked == "110105" + "*" * 14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "联系人：王芳，QQ号：123456789，微信号：zhangsan_1990",
            [("123456789", "medium"), ("zhangsan_1990", "medium")],
        ),
        ("QQ：3456789012", [("3456789012", "medium")]),
        # hard negatives: official accounts and the words alone
        ("关注“莘县发布”微信公众号：sxfabu2020", []),
        ("官方微信号：sxfabu2020", [("sxfabu2020", "low")]),
        ("可通过微信、QQ等渠道反映问题。", []),
    ],
)
def test_im_accounts(spans, text, expected):
    assert spans(text, "im_account") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("邮箱：zhangsan@\n163.com", "zhangsan@\n163.com"),
        ("邮箱：zhangsan\n@163.com。", "zhangsan\n@163.com"),
        ("电子邮箱：abc@qq.\ncom", "abc@qq.\ncom"),
        ("邮箱abc@qq.com\n.下一行", "abc@qq.com"),
    ],
)
def test_email_broken_by_a_line(spans, text, expected):
    assert [v for v, _ in spans(text, "email")] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("密级：机密\n保密期限：5年\n关于……的通知", [("机密", "high")]),
        ("文件名称\t关于……的请示\t密级\t秘密\n", [("秘密", "high")]),
        ("本文件密级：秘密★1年，知悉范围：局领导。", [("秘密★1年", "high")]),
        ("关于……的通知\n正文。\n（此件属机密，不得外传）", [("机密", "high")]),
        ("此件为秘密级文件", [("秘密", "high")]),
        # hard negatives: the law's enumeration, an empty field, a quotation, 工作秘密
        ("国家秘密的密级分为绝密、机密、秘密三级。", []),
        ("标明密级：秘密、机密或者绝密。", []),
        ("密级：无", []),
        ("在封面标注“密级：秘密”字样", []),
        ("此件属工作秘密", []),
    ],
)
def test_secrecy_level_in_a_field_or_statement(spans, text, expected):
    assert spans(text, "secrecy_mark") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（此件不得上网）\n关于……的通知", [("此件不得上网", "high")]),
        ("关于……的通知\n正文。\n此件严禁上网公开。", [("此件严禁上网", "high")]),
        ("（不得公开发布）\n关于……", [("（不得公开发布）", "high")]),
        ("内部刊物 注意保存\n关于……", [("内部刊物 注意保存", "high")]),
        ("（内部传阅，阅后收回）\n关于……", [("内部传阅", "medium"), ("阅后收回", "medium")]),
        ("此件仅供领导参阅\n关于……", [("此件仅供领导参阅", "medium")]),
        ("内部明电\n关于……", [("内部明电", "medium")]),
        # hard negatives: the same words in running text
        ("涉密信息不得公开发布。", []),
        ("会议材料会后收回，请各单位配合。", []),
        ("各单位要严禁上网传播谣言。", []),
        ("报送材料供领导参阅时应当注明来源。", []),
        ("各单位内部传阅学习。", []),
    ],
)
def test_internal_circulation_marks(spans, text, expected):
    assert spans(text, "work_secret") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("序号\t姓名\t护照号码\t出访国家\n1\t王芳\tEA3819264\t法国\n", [("EA3819264", "high")]),
        ("序号\t姓名\t出访国家\t备注\n1\t王芳\t法国\tEA3819264\n", []),  # no passport column, no context
    ],
)
def test_passport_in_a_passport_column(spans, text, expected):
    assert spans(text, "passport") == expected


def test_name_of_an_individual_business_owner(spans):
    text = f"当事人：莘县王芳百货店（个体工商户），经营者：王芳，身份证号：{ID}"
    assert spans(text, "person_name") == [("王芳", "medium")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("护照号码：E A3819264，", [("E A3819264", "high")]),  # PDF extraction split the letters
        ("护照号码：EA3819264，", [("EA3819264", "high")]),
        ("附录 E 1 至 E 9 的表格", []),
    ],
)
def test_passport_with_a_space_after_the_letter(spans, text, expected):
    assert spans(text, "passport") == expected


@pytest.mark.parametrize(
    ("text", "names", "illnesses"),
    [
        (
            "1. 张三，患尿毒症，救助金额5000元。\n2. 李建国因患白血病住院。",
            ["张三", "李建国"],
            ["尿毒症", "白血病"],
        ),
        ("序号\t姓名\t病种\t救助金额\n1\t王芳\t肺癌\t5000\n", ["王芳"], ["肺癌"]),
        # hard negatives: 患 in running text of laws and policies
        ("对患有重大疾病的困难群众给予救助。", [], []),
        ("部分患者因患尿毒症需长期透析。", [], []),
        ("\n应当对患传染病的人员进行隔离。", [], []),
        ("\n单位发现患有传染病或者出现疑似传染病症状的人员时，应当督促其及时就诊。", [], []),
        ("\n但患有精神障碍的除外。", [], []),
    ],
)
def test_named_persons_illness_in_a_list(detector_set, text, names, illnesses):
    fs = detector_set.detect(text)
    assert [text[f.start : f.end] for f in fs if f.detector == "person_name"] == names
    assert [text[f.start : f.end] for f in fs if f.detector == "sensitive_pi"] == illnesses


def test_number_after_an_id_ending_in_x_is_read(spans):
    # a PDF/OFD row: the ID's check character X, spaces, then the phone (not "GB 18030"-style code)
    text = f"1 王芳 {ID} {MOB} 3"
    assert spans(text, "cn_mobile") == [(MOB, "high")]
    assert spans("GB 13912345670", "cn_mobile") == []  # a Latin code before the number still wins


@pytest.mark.parametrize(
    ("text", "id_", "mob"),
    [
        (f"1  王芳  {ID[:-1]}7{MOB}  6", None, None),  # the ID part is not valid: nothing is split out
        ("1  王芳  340402198808065165" + MOB + "  6", "340402198808065165", MOB),
        ("1  王芳  " + MOB + "340402198808065165  6", "340402198808065165", MOB),
    ],
)
def test_id_glued_to_a_mobile(detector_set, text, id_, mob):
    fs = detector_set.detect(text)
    ids = [text[f.start : f.end] for f in fs if f.detector == "cn_resident_id" and f.severity == "high"]
    mobs = [text[f.start : f.end] for f in fs if f.detector == "cn_mobile" and f.severity == "high"]
    assert ids == ([id_] if id_ else [])
    assert mobs == ([mob] if mob else [])


def test_mobile_glued_to_a_masked_id(spans):
    text = "3  芮健波  450102********7825" + MOB + "  6264972725056255237"
    assert spans(text, "cn_mobile") == [(MOB, "high")]
    assert spans("编号A****7825" + "00000000000", "cn_mobile") == []  # not a mobile tail
