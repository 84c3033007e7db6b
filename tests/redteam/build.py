"""Build the SYNTHETIC red-team set: realistic 公文 with planted values, rendered into real files.

    .venv/bin/python -m tests.redteam.build        # (re)writes tests/fixtures/redteam/

Every value planted here is generated (gkreview.synth.SyntheticValues, fixed seed: valid checksums,
real division codes, no real person). Surrounding prose is taken from the real published corpus
(../shared/corpora) where it fits; the hard negatives are real published texts rendered as they are.

The manifest (``manifest.json``, ``synthetic: true``) lists, per file, the planted items:

    value        the value as planted (compact: no separators/line breaks; the test searches the
                 extracted text with whitespace removed and widths folded)
    categories   the finding categories that count as catching it
    min_severity the lowest severity that counts
    required     a high-risk item: the pipeline must catch it (recall assertion)
    personal     gkreview.redact must remove it from the output
    exact        an identifier: the finding must cover exactly the value
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import json
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from stdnum.cn import uscc as _uscc

from gkreview.detectors.checksums import resident_id_check_digit, resident_id_ok
from gkreview.synth.values import SyntheticValues

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "redteam"
SEED = 20261125
PI = ("personal_info",)
SPI = ("sensitive_personal_info", "personal_info")


@dataclass
class Item:
    value: str
    kind: str
    categories: tuple[str, ...] = PI
    min_severity: str = "high"
    required: bool = True
    personal: bool = True
    exact: bool = True


@dataclass
class Doc:
    name: str  # file name without extension
    fmt: str  # docx | pdf | txt | ofd
    text: str
    items: list[Item] = field(default_factory=list)
    table: list[list[str]] | None = None
    header: str | None = None  # DOCX page-header text
    negative: bool = False  # a hard negative: no high finding is acceptable
    note: str = ""


def _render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render", ROOT / "scripts" / "render.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Gen:
    def __init__(self, seed: int = SEED) -> None:
        self.v = SyntheticValues(seed)
        self.rng = random.Random(seed + 1)

    def id_born(self, year: int) -> str:
        while True:
            code = self.rng.choice(self.v._counties)
            born = _dt.date(year, 1, 1) + _dt.timedelta(days=self.rng.randrange(0, 360))
            body = f"{code}{born:%Y%m%d}{self.rng.randrange(0, 1000):03d}"
            number = body + resident_id_check_digit(body)
            if resident_id_ok(number):
                return number

    def bad_checksum_id(self) -> str:
        good = self.v.resident_id()
        wrong = "0123456789X".replace(good[-1], "")
        return good[:-1] + self.rng.choice(wrong)

    def uscc(self) -> str:
        body = (
            "91"
            + self.rng.choice(self.v._counties)
            + "".join(self.rng.choice("0123456789") for _ in range(8))
        )
        body += self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return body + _uscc.calc_check_digit(body)

    def masked_id(self) -> str:
        i = self.v.resident_id()
        return i[:6] + "*" * 8 + i[-4:]


def _prose(corpus: str, word: str, n: int = 160) -> str:
    """A stretch of real published text around ``word`` (surrounding prose, not a planted value)."""
    from tests.conftest import iter_corpus

    for d in iter_corpus(corpus):
        t = d["text"]
        i = t.find(word)
        if i >= 0:
            s = max(0, t.rfind("。", 0, i) + 1)
            piece = t[s : s + n]
            return piece[: piece.rfind("。") + 1] or piece
    return ""


def _real_doc(corpus: str, must: tuple[str, ...], limit: int = 4000) -> tuple[str, str]:
    from tests.conftest import iter_corpus

    for d in iter_corpus(corpus):
        if all(w in d["text"] for w in must) and len(d["text"]) > 800:
            return d["title"], d["text"][:limit]
    raise LookupError(must)


# ------------------------------------------------------------------------------------------ documents


def roster(g: Gen, fmt: str) -> Doc:
    """低保/救助 公示名单: names, 身份证 (full and masked), 手机, 银行卡, 家庭住址 to the house number."""
    v = g.v
    prose = _prose("policies_central_shandong", "最低生活保障") or "根据有关规定，现将审核结果予以公示。"
    header = ["序号", "姓名", "身份证号码", "联系电话", "银行卡号", "家庭住址", "保障人数"]
    rows, items = [header], []
    for i in range(1, 6):
        name, pid, mob, card, addr = v.name(), v.resident_id(), v.mobile(), v.bank_card(), v.address()
        shown_id = pid if i != 3 else pid[:6] + "********" + pid[-4:]  # row 3 was masked properly
        rows.append([str(i), name, shown_id, mob, card, addr, str(g.rng.randrange(1, 5))])
        items += [
            Item(name, "name", min_severity="medium", required=False, exact=False),
            Item(mob, "mobile"),
            Item(card, "bank_card"),
            Item(addr, "address", exact=False),
        ]
        if i != 3:
            items.append(Item(pid, "resident_id"))
    title = "XX镇2026年第三季度城乡最低生活保障对象公示名单（SYNTHETIC 合成测试数据）"
    foot = "公示期7天。如有异议，请拨打镇民政办电话0635-8123456或12345政务服务便民热线反映。\nXX镇人民政府\n2026年9月30日"
    if fmt == "docx":
        text = f"{title}\n{prose}\n{foot}"
        return Doc(f"synthetic_dibao_roster_{fmt}", fmt, text, items, table=rows)
    lines = ["  ".join(r) for r in rows]
    text = f"{title}\n{prose}\n" + "\n".join(lines) + f"\n{foot}"
    return Doc(f"synthetic_dibao_roster_{fmt}", fmt, text, items)


def subsidy_pdf_paragraphs(g: Gen) -> Doc:
    """救助/补贴 公示 as running PDF text (each recipient a sentence), numbers wrapped by the PDF line."""
    v = g.v
    items: list[Item] = []
    parts = []
    for _ in range(4):
        name, pid, mob, addr = v.name(), v.resident_id(), v.mobile(), v.address()
        parts.append(
            f"{name}，男，身份证号{pid}，家庭住址：{addr}，联系电话{mob}，申请临时救助金3000元，经审核符合条件。"
        )
        items += [
            Item(name, "name", min_severity="medium", required=False, exact=False),
            Item(pid, "resident_id"),
            Item(mob, "mobile"),
            Item(addr, "address", exact=False),
        ]
    text = (
        "XX县民政局关于2026年临时救助对象的公示（SYNTHETIC 合成测试数据）\n"
        + "\n".join(parts)
        + "\nXX县民政局\n2026年10月8日"
    )
    return Doc("synthetic_linshi_jiuzhu_pdf", "pdf", text, items)


def criticism(g: Gen) -> Doc:
    v = g.v
    n1, n2, pid, mob = v.name(), v.name(), v.resident_id(), v.mobile()
    text = (
        "关于对违规领取低保金问题的通报（SYNTHETIC 合成测试数据）\n"
        "各镇（街道）民政办：\n"
        f"经查，城关镇东风村村民{n1}（身份证号码：{pid}）隐瞒家庭收入，违规领取最低生活保障金共计12360元；"
        f"河东镇干部{n2}，男，审核把关不严。现予通报批评，{n1}联系电话{mob}。\n"
        "各地要引以为戒，严格落实审核审批制度。\nXX县民政局\n2026年11月2日"
    )
    items = [
        Item(pid, "resident_id"),
        Item(mob, "mobile"),
        Item(n2, "name", min_severity="medium", required=False, exact=False),
        Item("家庭收入", "financial", SPI, "low", required=False, personal=False, exact=False),
    ]
    return Doc("synthetic_piping_tongbao", "docx", text, items)


def commendation(g: Gen) -> Doc:
    v = g.v
    names = [v.name() for _ in range(4)]
    text = (
        "关于表彰2026年度社会救助工作先进个人的决定（SYNTHETIC 合成测试数据）\n"
        "各镇（街道）：\n"
        f"经研究，决定对{'、'.join(names)}等4名同志予以通报表彰。希望受表彰的同志珍惜荣誉，再接再厉。\n"
        "XX县人民政府\n2026年12月1日\n（此件公开发布）"
    )
    return Doc(
        "synthetic_biaozhang_jueding", "txt", text, [], negative=True, note="表彰名单: names are published"
    )


def penalty(g: Gen) -> Doc:
    v = g.v
    name, pid, addr, plate, mob = v.name(), v.resident_id(), v.address(), v.plate(), v.mobile()
    code = g.uscc()
    text = (
        "XX县交通运输局行政处罚决定书（SYNTHETIC 合成测试数据）\n"
        "X交罚〔2026〕115号\n"
        f"当事人：{name}，男，1985年3月出生\n"
        f"身份证号：{pid}\n"
        f"住址：{addr}\n"
        f"联系电话：{mob}\n"
        f"车辆号牌：{plate}\n"
        f"2026年8月12日，当事人驾驶号牌为{plate}的小型普通客车，未取得道路运输经营许可擅自从事道路旅客运输经营。"
        "以上事实有现场检查笔录、询问笔录等证据证实。依据《中华人民共和国道路运输条例》第六十三条的规定，决定处以罚款人民币壹万元整（10000元）。\n"
        f"当事人：XX县宏达物流有限公司，统一社会信用代码：{code}，法定代表人：{v.name()}，住所：XX县城关镇工业园区8号。\n"
        "如不服本处罚决定，可在收到本决定书之日起六十日内向XX县人民政府申请行政复议，或者在六个月内依法向XX县人民法院提起行政诉讼。\n"
        "XX县交通运输局\n2026年8月20日"
    )
    items = [
        Item(name, "name", min_severity="medium", required=False, exact=False),
        Item(pid, "resident_id"),
        Item(addr, "address", exact=False),
        Item(mob, "mobile"),
        Item(plate, "plate", min_severity="medium"),
    ]
    return Doc(
        "synthetic_xingzheng_chufa", "docx", text, items, note=f"USCC must not be personal: {code[:4]}…"
    )


def inquiry(g: Gen) -> Doc:
    v = g.v
    name, pid, addr, mob = v.name(), v.resident_id(), v.address(), v.mobile()
    text = (
        "询问笔录（SYNTHETIC 合成测试数据）\n"
        "时间：2026年9月3日14时10分至15时20分\n地点：XX县市场监督管理局执法一科\n"
        f"询问人：王建（执法证号 37010026001）、赵敏（执法证号 37010026002）\n"
        f"被询问人：{name}  性别：女  年龄：42岁\n"
        f"身份证号码：{pid}\n"
        f"现住址：{addr}\n"
        f"联系电话：{mob}\n"
        "问：我们是XX县市场监督管理局的执法人员，现依法向你调查了解有关情况，你应如实回答。你听清楚了吗？\n答：听清楚了。\n"
        "问：你店内销售的过期食品是从哪里进货的？\n答：是从批发市场进的货，有进货单据。\n"
        "被询问人签名：（签名）"
    )
    items = [
        Item(name, "name", min_severity="medium", required=False, exact=False),
        Item(pid, "resident_id"),
        Item(addr, "address", exact=False),
        Item(mob, "mobile"),
        Item(
            "询问笔录",
            "enforcement_cue",
            ("enforcement_file",),
            "low",
            required=True,
            personal=False,
            exact=False,
        ),
    ]
    return Doc("synthetic_xunwen_bilu", "pdf", text, items)


def cadre(g: Gen) -> Doc:
    v = g.v
    name, pid = v.name(), v.resident_id()
    text = (
        "关于XXX同志的干部考察材料（SYNTHETIC 合成测试数据）\n"
        f"{name}，男，汉族，1978年5月生，身份证号{pid}，中共党员，现任XX县农业农村局副局长。\n"
        "根据县委组织部安排，考察组于2026年10月对其进行了考察。民主推荐票42票，谈话推荐中多数同志认为该同志政治坚定。"
        "主要不足：工作方法有时简单。拟任人选：XX县乡村振兴局局长。\n"
        "XX县委组织部考察组\n2026年10月15日"
    )
    items = [
        Item(pid, "resident_id"),
        Item(name, "name", min_severity="medium", required=False, exact=False),
        Item("干部考察材料", "internal_cue", ("internal_affairs",), "low", personal=False, exact=False),
    ]
    return Doc("synthetic_ganbu_kaocha", "docx", text, items)


def minutes(g: Gen) -> Doc:
    prose = _prose("govcn_statecouncil", "会议") or "会议听取了有关情况汇报。"
    text = (
        "XX县人民政府常务会议纪要（SYNTHETIC 合成测试数据）\n〔2026〕第12次\n"
        "2026年11月10日，县长主持召开县政府常务会议，研究城区供水管网改造等事项。纪要如下：\n"
        f"{prose}\n"
        "一、会议原则同意县水利局提出的供水管网改造方案，由县财政局研究资金筹措意见后再提交会议讨论。\n"
        "出席：县长、副县长。列席：县水利局、县财政局主要负责同志。\n"
    )
    items = [Item("会议纪要", "process_cue", ("process_info",), "low", personal=False, exact=False)]
    return Doc("synthetic_huiyi_jiyao", "txt", text, items)


def request(g: Gen) -> Doc:
    v = g.v
    contact, mob = v.name(), v.mobile()
    text = (
        "XX县农业农村局\n签发人：刘建国\n"
        "XX县农业农村局关于申请2027年高标准农田建设补助资金的请示（SYNTHETIC 合成测试数据）\n"
        "县人民政府：\n"
        "为加快推进高标准农田建设，我局拟于2027年实施高标准农田建设项目2.3万亩，总投资3450万元，申请县级配套资金690万元。\n"
        "妥否，请批示。\n"
        "XX县农业农村局\n2026年11月18日\n"
        f"（联系人：{contact}；联系电话：{mob}）"
    )
    items = [
        Item(mob, "mobile", min_severity="medium"),
        Item("妥否，请批示", "process_cue", ("process_info",), "low", personal=False, exact=False),
    ]
    return Doc("synthetic_qingshi_lianxiren", "docx", text, items)


_MARK_VARIANTS = (
    ("jimi_5nian", "机密★5年", "docx"),
    ("mimi_changqi", "秘密★长期", "txt"),
    ("juemi_qiyongqian", "绝密★启用前", "docx"),
    ("jimi_spaced_pdf", "机 密 ★ 5 年", "pdf"),
    ("mimi_hollow_star", "秘密☆1年", "txt"),
    ("mimi_asterisk", "秘密*10年", "ofd"),
    ("jimi_fullwidth", "机密★５年", "txt"),
)


def secret_notice(g: Gen, key: str, mark: str, fmt: str) -> Doc:
    copy_no = f"{g.rng.randrange(1, 999999):06d}"
    text = (
        f"{copy_no}\n{mark}\n特急\n"
        "XX市人民政府办公室文件\nX政办发〔2026〕41号\n"
        "XX市人民政府办公室关于做好重要目标安全防范工作的通知（SYNTHETIC 合成测试数据）\n"
        "各县（区）人民政府，市政府各部门：\n"
        "为做好重要目标安全防范工作，现将有关事项通知如下：一、各地要加强值守。二、严格落实安保措施。\n"
        "XX市人民政府办公室\n2026年11月20日"
    )
    items = [
        Item(mark.replace(" ", ""), "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)
    ]
    return Doc(f"synthetic_miji_{key}", fmt, text, items)


def internal_marks(g: Gen) -> list[Doc]:
    docs = []
    for key, mark, fmt in (
        ("neibu_ziliao", "内部资料  注意保存", "docx"),
        ("fazhi_xianji", "（此件发至县级）", "txt"),
        ("gongzuo_mimi", "此件属工作秘密，严禁通过互联网、手机、微信等传播和对外发布", "pdf"),
    ):
        text = (
            f"{mark if key == 'neibu_ziliao' else ''}\n"
            "XX县人民政府办公室关于2026年第四季度重点工作督查情况的通报（SYNTHETIC 合成测试数据）\n"
            "各乡镇人民政府，县政府各部门：\n根据县政府工作安排，县政府督查室对第四季度重点工作进行了督查，现将有关情况通报如下。\n"
            "XX县人民政府办公室\n2026年12月5日\n" + (mark if key != "neibu_ziliao" else "")
        )
        # issue 9: a 发至 scope line is not a 工作秘密 mark (internal_affairs, medium)
        cat = ("internal_affairs",) if key == "fazhi_xianji" else ("work_secret",)
        items = [
            Item(
                mark.split("，")[0].strip("（）").replace("  ", ""),
                "work_mark",
                cat,
                "medium",
                personal=False,
                exact=False,
            )
        ]
        docs.append(Doc(f"synthetic_mark_{key}", fmt, text, items))
    return docs


def procurement(g: Gen) -> Doc:
    code = g.uscc()
    text = (
        "XX县政府采购项目评审情况说明（SYNTHETIC 合成测试数据）\n"
        f"投标人：XX县博远信息技术有限公司（统一社会信用代码：{code}）\n"
        "报价明细：服务器3台单价48600元，存储设备1套单价126000元，实施服务费35000元。\n"
        "成本构成：硬件成本占62%，人工成本占23%，利润率8%。\n"
        "评审委员会认为该公司投标报价合理。\nXX县财政局\n2026年7月1日"
    )
    items = [
        Item("报价明细", "trade_cue", ("trade_secret",), "medium", personal=False, exact=False),
        Item("成本构成", "trade_cue", ("trade_secret",), "low", personal=False, exact=False),
    ]
    return Doc("synthetic_caigou_baojia", "docx", text, items)


def health(g: Gen) -> Doc:
    v = g.v
    name, addr, mob = v.name(), v.address(), v.mobile()
    text = (
        "XX县卫生健康局关于一例传染病病例的情况通报（SYNTHETIC 合成测试数据）\n"
        f"患者{name}，男，45岁，家住{addr}，经县人民医院诊断为肺结核，现住院治疗，联系电话{mob}。\n"
        "县疾控中心已对密切接触者开展筛查。\nXX县卫生健康局\n2026年4月2日"
    )
    items = [
        Item(name, "name", min_severity="medium", required=True, exact=False),
        Item(addr, "address", exact=False),
        Item("肺结核", "diagnosis", SPI, "high", required=True, personal=True, exact=False),
        Item("诊断为", "diagnosis_cue", SPI, "low", required=False, personal=False, exact=False),
        Item("住院治疗", "diagnosis_cue", SPI, "low", required=False, personal=False, exact=False),
        Item(mob, "mobile"),
    ]
    return Doc("synthetic_jiankang_huanzhe", "txt", text, items)


def minor(g: Gen) -> Doc:
    v = g.v
    child, pid, parent = v.name(), g.id_born(2014), v.name()
    text = (
        "关于一起校园欺凌事件调查处理情况的报告（SYNTHETIC 合成测试数据）\n"
        f"2026年5月，XX县实验小学学生{child}，女，12岁，身份证号{pid}，在校内被同学殴打致轻微伤。"
        f"其监护人：{parent}。经调查，涉事学生均为未成年人，已由学校进行批评教育。\n"
        "XX县教育局\n2026年6月10日"
    )
    items = [
        Item(pid, "resident_id", SPI),
        Item(child, "name", min_severity="medium", required=True, exact=False),
        Item(parent, "name", min_severity="medium", required=False, exact=False),
    ]
    return Doc("synthetic_weichengnianren", "docx", text, items)


def travel_docs(g: Gen) -> Doc:
    v = g.v
    name, pp, hk, mail = v.name(), v.passport(), v.hk_macao_permit(), v.email()
    text = (
        "关于XX县招商考察团赴港澳考察人员备案的报告（SYNTHETIC 合成测试数据）\n"
        f"团员：{name}，男，护照号码：{pp}，往来港澳通行证号码：{hk}，电子邮箱：{mail}。\n"
        "考察时间为2026年9月12日至9月16日，所需经费由县商务局部门预算列支。\n"
        "XX县商务局\n2026年8月30日"
    )
    items = [
        Item(name, "name", min_severity="medium", required=False, exact=False),
        Item(pp, "passport"),
        Item(hk, "hk_macao_permit"),
        Item(mail, "email", min_severity="medium"),
    ]
    return Doc("synthetic_huzhao_tongxingzheng", "pdf", text, items)


def emails(g: Gen) -> Doc:
    v = g.v
    n1, m1, n2, m2 = v.name(), v.email(), v.name(), v.email()
    text = (
        "XX镇2026年度创业担保贷款贴息对象名单公示（SYNTHETIC 合成测试数据）\n"
        f"申请人：{n1}，邮箱{m1}，贴息金额4200元。\n"
        f"申请人：{n2}，电子邮箱：{m2}，贴息金额3600元。\n"
        "公示期间如有异议，请发送邮件至XX镇人社所：rsjj@xx.gov.cn，或拨打0635-8123457。\n"
        "XX镇人民政府\n2026年10月9日"
    )
    items = [
        Item(m1, "email", min_severity="medium"),
        Item(m2, "email", min_severity="medium"),
        Item(n1, "name", min_severity="medium", required=False, exact=False),
        Item(n2, "name", min_severity="medium", required=False, exact=False),
    ]
    return Doc("synthetic_youxiang", "txt", text, items)


def split_ids(g: Gen) -> list[Doc]:
    """ID numbers split by a line break / spaces, in full-width digits, in a table cell."""
    v = g.v
    docs = []
    a, b, c, d = v.resident_id(), v.resident_id(), v.resident_id(), v.resident_id()
    fw = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else ch for ch in c)
    n1, n2, n3 = v.name(), v.name(), v.name()
    text = (
        "关于2026年度耕地地力保护补贴发放情况的公示（SYNTHETIC 合成测试数据）\n"
        f"户主{n1}，身份证号{a[:9]}\n{a[9:]}，补贴面积6.2亩。\n"
        f"户主{n2}，身份证号 {a and b[:6]} {b[6:14]} {b[14:]}，补贴面积4.8亩。\n"
        f"户主{n3}，身份证号{fw}，补贴面积3.1亩。\n"
        "XX镇人民政府\n2026年6月1日"
    )
    items = [Item(x, "resident_id") for x in (a, b, c)] + [
        Item(n, "name", min_severity="medium", required=False, exact=False) for n in (n1, n2, n3)
    ]
    docs.append(Doc("synthetic_id_split_txt", "txt", text, items))
    name = v.name()
    table = [["户主姓名", "证件号码", "补贴金额（元）"], [name, d, "1860.00"], ["合计", "", "1860.00"]]
    text2 = (
        "XX村2026年农机购置补贴对象公示表（SYNTHETIC 合成测试数据）\n公示期5天。\nXX村民委员会\n2026年5月20日"
    )
    docs.append(
        Doc(
            "synthetic_id_table_cell",
            "docx",
            text2,
            [Item(d, "resident_id"), Item(name, "name", min_severity="medium", required=False, exact=False)],
            table=table,
        )
    )
    # the PDF wraps a long line inside the ID number (no separator in the source)
    e, n4 = v.resident_id(), v.name()
    text3 = (
        "关于2026年度城乡居民医疗救助对象的公示（SYNTHETIC 合成测试数据）\n"
        f"经村（居）委会评议、镇政府审核，救助对象为本镇东风村村民{n4}（居民身份证号码{e}），救助金额为人民币伍仟元整。\n"
        "XX镇人民政府\n2026年6月2日"
    )
    docs.append(Doc("synthetic_id_pdf_wrap", "pdf", text3, [Item(e, "resident_id")]))
    return docs


def negatives(g: Gen) -> list[Doc]:
    docs = []
    fails = [g.bad_checksum_id() for _ in range(2)]
    code1, code2 = g.uscc(), g.uscc()
    text = (
        "XX县人民政府关于印发《XX县2026年营商环境优化提升行动方案》的通知（SYNTHETIC 合成测试数据）\n"
        "X政发〔2026〕18号\n"
        "各乡镇人民政府，县政府各部门：\n"
        "现将《XX县2026年营商环境优化提升行动方案》印发给你们，请认真贯彻执行。依据《中华人民共和国政府信息公开条例》第二十条第（一）项，"
        "2026年全县安排专项资金1,250.6万元（12506000元），其中第一批资金3860000元已于2026年3月15日拨付。\n"
        "各地各部门要严格遵守《中华人民共和国保守国家秘密法》，依法保护商业秘密和个人隐私，不得泄露国家秘密、工作秘密和机密事项；"
        "对涉及机密、秘密的事项按规定办理。\n"
        f"企业登记：XX县恒信建材有限公司，统一社会信用代码{code1}；XX县农产品流通协会，社会信用代码{code2}。\n"
        f"系统测试编号{fails[0]}、批次号{fails[1]}不作为办理依据。\n"
        "项目编号：XXCG-2026-0158；合同金额：人民币贰佰叁拾万元整（2300000.00元）。\n"
        "群众可拨打12345政务服务便民热线或县营商办咨询电话0635-8123458，传真0635-8123459，监督邮箱yshj@xx.gov.cn。\n"
        "办公地址：XX县城关镇人民路88号县政务服务中心3楼302室。\n"
        "XX县人民政府\n2026年3月1日\n（此件公开发布）"
    )
    docs.append(Doc("synthetic_negative_notice", "docx", text, [], negative=True))
    for i, (corpus, must) in enumerate(
        (
            ("lawrefbook", ("保守国家秘密",)),
            ("lawrefbook", ("商业秘密", "个人隐私")),
            ("govcn_statecouncil", ("12345",)),
            ("policies_central_shandong", ("统一社会信用代码",)),
        )
    ):
        try:
            title, body = _real_doc(corpus, must)
        except LookupError:
            continue
        fmt = ("pdf", "docx", "txt", "pdf")[i]
        docs.append(
            Doc(
                f"real_negative_{i + 1}_{corpus}",
                fmt,
                f"{title}\n{body}",
                [],
                negative=True,
                note="real published text",
            )
        )
    return docs


# ------------------------------------------------------------------------------------ round 2 attacks


def _luhn_card(g: Gen, prefix: str, n: int) -> str:
    from stdnum import luhn

    body = prefix + "".join(str(g.rng.randrange(10)) for _ in range(n - 1 - len(prefix)))
    return body + luhn.calc_check_digit(body)


def number_spellings(g: Gen) -> Doc:
    """Spellings people and PDFs produce: 15-digit IDs, lower-case x, dashed/+86 phones, grouped cards."""
    v = g.v
    old = v.resident_id_15()
    while True:
        x_id = v.resident_id()
        if x_id.endswith("X"):
            break
    m1, m2, m3 = v.mobile(), v.mobile(), v.mobile()
    card = _luhn_card(g, "6217", 19)
    grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    n1, n2, n3 = v.name(), v.name(), v.name()
    text = (
        "关于2026年度残疾人两项补贴申领情况的公示（SYNTHETIC 合成测试数据）\n"
        f"申请人：{n1}，身份证号：{old}，手机：{m1[:3]}-{m1[3:7]}-{m1[7:]}，补贴标准每月80元。\n"
        f"申请人：{n2}，身份证号：{x_id[:-1]}x，联系电话：+86 {m2[:3]} {m2[3:7]} {m2[7:]}。\n"
        f"申请人：{n3}，开户银行：农村商业银行，银行账号：{grouped}，联系电话：（+86）{m3}。\n"
        "XX县残疾人联合会\n2026年7月15日"
    )
    items = [
        Item(old, "resident_id_15"),
        Item(x_id[:-1] + "x", "resident_id"),
        Item(f"{m1[:3]}-{m1[3:7]}-{m1[7:]}", "mobile"),
        Item(m2, "mobile", exact=False),
        Item(m3, "mobile"),
        Item(card, "bank_card"),
    ] + [Item(n, "name", min_severity="medium", required=False, exact=False) for n in (n1, n2, n3)]
    return Doc("synthetic_number_spellings", "txt", text, items)


def vehicles_property(g: Gen) -> Doc:
    v = g.v
    name = v.name()
    plate_dot = "鲁P·" + f"{g.rng.randrange(10**4, 10**5):05d}"
    plate_ne = "粤B D" + f"{g.rng.randrange(10**4, 10**5):05d}"
    cert = f"鲁（2021）莘县不动产权第{g.rng.randrange(10**6, 10**7):07d}号"
    text = (
        "XX县城市管理局关于违法占道停放车辆的处理公告（SYNTHETIC 合成测试数据）\n"
        f"经查，车牌号为{plate_dot}、{plate_ne}的机动车长期占用消防通道停放，现责令车主于2026年9月30日前自行驶离。\n"
        f"另，当事人{name}名下房屋（不动产权证书号：{cert}）存在违法搭建行为，已依法立案。\n"
        "XX县城市管理局\n2026年9月20日"
    )
    items = [
        Item(plate_dot, "plate", min_severity="medium"),
        Item(plate_ne, "plate", min_severity="medium"),
        Item(cert, "property_cert", min_severity="medium", exact=False),
    ]
    return Doc("synthetic_chepai_budongchan", "docx", text, items)


def health_roster(g: Gen) -> Doc:
    """A 残疾/救助 table with health columns, and named patients with protected diagnoses."""
    v = g.v
    rows = [["序号", "姓名", "性别", "残疾类别", "残疾等级", "家庭住址"]]
    items: list[Item] = []
    for i in range(1, 4):
        name, addr = v.name(), v.address()
        kind = ("精神残疾", "智力残疾", "肢体残疾")[i - 1]
        rows.append([str(i), name, "男" if i % 2 else "女", kind, "二级", addr])
        items += [
            Item(name, "name", min_severity="medium", required=True, exact=False),
            Item(addr, "address", exact=False),
            Item(kind, "disability", SPI, "high", required=True, personal=True, exact=False),
        ]
    p1, p2 = v.name(), v.name()
    text = (
        "XX镇2026年重度残疾人护理补贴发放对象公示（SYNTHETIC 合成测试数据）\n"
        f"另经核实，东风村村民{p1}，男，患精神分裂症，纳入监护补贴；河东村居民{p2}，女，系艾滋病病毒感染者，纳入特殊救助。\n"
        "XX镇人民政府\n2026年8月1日"
    )
    items += [
        Item(p1, "name", min_severity="medium", required=True, exact=False),
        Item(p2, "name", min_severity="medium", required=True, exact=False),
        Item("精神分裂症", "diagnosis", SPI, "high", required=True, personal=True, exact=False),
        Item("艾滋病病毒感染者", "diagnosis", SPI, "high", required=True, personal=True, exact=False),
    ]
    return Doc("synthetic_canji_jiankang", "docx", text, items, table=rows)


def minor_age(g: Gen) -> Doc:
    v = g.v
    child, juvenile = v.name(), v.name()
    text = (
        "关于一起溺水事故的情况通报（SYNTHETIC 合成测试数据）\n"
        f"2026年7月18日，河东镇东风村留守儿童{child}（女，9岁）在村南河塘玩耍时不慎溺水，经抢救无效死亡。\n"
        f"另查明，犯罪嫌疑人{juvenile}（男，16岁）涉嫌盗窃，已依法处理。\n"
        "XX县人民政府教育督导室\n2026年7月25日"
    )
    items = [
        Item(child, "name_minor", SPI, "medium", required=True, exact=False),
        Item(juvenile, "name_minor", SPI, "medium", required=True, exact=False),
        Item("留守儿童", "minor_cue", SPI, "low", required=False, personal=False, exact=False),
    ]
    return Doc("synthetic_weichengnianren_nianling", "txt", text, items)


def marks_round2(g: Gen) -> list[Doc]:
    docs = []
    body = (
        "XX县人民政府关于调整县城区交通管制措施的通知（SYNTHETIC 合成测试数据）\n"
        "县直各部门：\n根据工作需要，现就调整县城区交通管制措施有关事项通知如下。\n"
        "XX县人民政府\n2026年10月1日"
    )
    # the ★ lost in extraction: level alone on the header line
    docs.append(
        Doc(
            "synthetic_miji_bare_level",
            "txt",
            f"{g.rng.randrange(1, 999999):06d}\n机密\n{body}",
            [Item("机密", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)],
        )
    )
    # a level with a star and no period
    docs.append(
        Doc(
            "synthetic_miji_no_period",
            "pdf",
            f"秘密★\n{body}",
            [Item("秘密★", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)],
        )
    )
    # the mark on an attachment deep in the document
    att = body + "\n附件\n秘密★1年\nXX县城区交通管制点位及警力部署表\n一、东城路口，民警4名。"
    docs.append(
        Doc(
            "synthetic_miji_fujian",
            "docx",
            att,
            [Item("秘密★1年", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)],
        )
    )
    # the mark in the DOCX page header part
    docs.append(
        Doc(
            "synthetic_miji_docx_header",
            "docx",
            body,
            [Item("机密★10年", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)],
            header="机密★10年",
        )
    )
    # work-secret variants
    for key, mark, fmt in (
        ("neibu_wuchuan", "内部资料，请勿外传", "txt"),
        ("bude_fanyin", "内部文件  不得翻印", "docx"),
        ("neibu_shiyong", "【内部使用】", "pdf"),
        ("bude_shangwang", "（此件不得上网）", "txt"),
        ("yuehou_shouhui", "（内部传阅，阅后收回）", "pdf"),
    ):
        docs.append(
            Doc(
                f"synthetic_mark_{key}",
                fmt,
                f"{mark}\n{body}",
                [
                    Item(
                        mark.strip("【】（）").split("，")[0].split(" ")[0],
                        "work_mark",
                        ("work_secret",),
                        "medium",
                        personal=False,
                        exact=False,
                    )
                ],
            )
        )
    # Party-organ 版头: the ★ in the red rule is not a secrecy mark (hard negative)
    party = (
        "中共XX县委员会文件\nX委发〔2026〕3号\n★\n"
        "中共XX县委关于深入开展学习教育的通知（SYNTHETIC 合成测试数据）\n"
        "各乡镇党委，县直各单位党组（党委）：\n现就开展学习教育通知如下。各级党组织要严守政治纪律，保守党和国家秘密。\n"
        "中共XX县委\n2026年3月5日"
    )
    docs.append(Doc("synthetic_negative_party_star", "docx", party, [], negative=True))
    return docs


def contact_round2(g: Gen) -> list[Doc]:
    v = g.v
    docs = []
    name, mail, home = v.name(), v.email(), v.landline()
    card = _luhn_card(g, "4367", 19)
    text = (
        "XX县退役军人事务局关于发放2026年度优抚对象定期抚恤补助的公示（SYNTHETIC 合成测试数据）\n"
        f"联系人：{name}，邮箱：{mail}，家庭电话：{home[:4]}-{home[4:]}。\n"
        "发放标准按照省有关规定执行。\nXX县退役军人事务局\n2026年5月6日"
    )
    docs.append(
        Doc(
            "synthetic_lianxiren_youxiang",
            "pdf",
            text,
            [
                Item(mail, "email", min_severity="medium"),
                Item(f"{home[:4]}-{home[4:]}", "landline", min_severity="medium"),
            ],
        )
    )
    rows = [["户名", "开户行", "银行账号", "金额（元）"]]
    items: list[Item] = []
    for _ in range(3):
        n, c = v.name(), _luhn_card(g, "4367", 19)
        rows.append([n, "建设银行", c, "2400"])
        items += [Item(c, "bank_card"), Item(n, "name", min_severity="medium", required=True, exact=False)]
    docs.append(
        Doc(
            "synthetic_yinhang_zhanghu_table",
            "docx",
            "2026年度优抚对象抚恤金发放明细表（SYNTHETIC 合成测试数据）\nXX县退役军人事务局\n2026年5月6日",
            items,
            table=rows,
        )
    )
    del card
    return docs


def negatives_round2(g: Gen) -> list[Doc]:
    bad_uscc = g.uscc()
    bad_uscc = bad_uscc[:-1] + ("0" if bad_uscc[-1] != "0" else "1")
    text = (
        "XX县2026年国民经济和社会发展统计公报（SYNTHETIC 合成测试数据）\n"
        "全年地区生产总值3456789万元，比上年增长5.6%。全县户籍人口1234567人。\n"
        "邮政编码252000。项目编号2026031500012345，合同编号HT-2026-000123，准考证号202603150123。\n"
        "ISBN 978-7-01-012345-6；GB/T 9704-2012；GB 11643-1999。\n"
        f"有关单位：XX县城投公司（统一社会信用代码{bad_uscc}，组织机构代码55323005-X）。\n"
        "咨询电话：0635-8123456（县统计局办公室），投诉举报电话：12345，服务热线：400-810-1234。\n"
        "联系人：县统计局综合股，联系电话：0635-8123457，电子邮箱：tjj@xx.gov.cn。\n"
        "依据《中华人民共和国统计法》第二十八条、第三十二条，统计调查对象的资料应当予以保密。\n"
        "XX县统计局\n2026年3月10日"
    )
    docs = [Doc("synthetic_negative_tongji_gongbao", "pdf", text, [], negative=True)]
    for i, (corpus, must) in enumerate(
        (("govcn_statecouncil", ("统计", "万元")), ("lawrefbook", ("身份证",)))
    ):
        try:
            title, body = _real_doc(corpus, must, 6000)
        except LookupError:
            continue
        docs.append(
            Doc(
                f"real_negative_r2_{i + 1}_{corpus}",
                ("docx", "pdf")[i],
                f"{title}\n{body}",
                [],
                negative=True,
                note="real published text",
            )
        )
    return docs


def rural_roster(g: Gen, fmt: str) -> Doc:
    """A rural 特困/低保 table: village addresses with a house number, a 15-digit ID, a mistyped ID."""
    v = g.v
    header = ["序号", "户主姓名", "身份证号码", "家庭住址", "保障金额"]
    rows, items = [header], []
    villages = ("东风村", "河东村", "王庄村", "李屯村")
    for i in range(1, 5):
        name = v.name()
        pid = (v.resident_id(), v.resident_id_15(), g.bad_checksum_id(), v.resident_id())[i - 1]
        addr = f"莘县城关镇{villages[i - 1]}{g.rng.randrange(1, 9)}组{g.rng.randrange(1, 60)}号"
        rows.append([str(i), name, pid, addr, f"{g.rng.randrange(300, 900)}元"])
        items += [
            Item(name, "name", min_severity="medium", required=False, exact=False),
            Item(addr, "address_rural", exact=False),
            Item(
                pid,
                ("resident_id", "resident_id_15", "resident_id_typo", "resident_id")[i - 1],
                min_severity="medium" if i == 3 else "high",
            ),
        ]
    title = "莘县城关镇2026年特困人员救助供养对象名单（SYNTHETIC 合成测试数据）"
    foot = "莘县城关镇人民政府\n2026年4月1日"
    if fmt == "docx":
        return Doc(f"synthetic_tekun_rural_{fmt}", fmt, f"{title}\n{foot}", items, table=rows)
    return Doc(
        f"synthetic_tekun_rural_{fmt}",
        fmt,
        title + "\n" + "\n".join("  ".join(r) for r in rows) + "\n" + foot,
        items,
    )


# ------------------------------------------------------------------------------------ round 3 attacks


def disability_cards(g: Gen, fmt: str) -> Doc:
    """残疾人两项补贴 名单 with 第二代残疾人证号 (ID number + 类别 + 等级, 20 characters)."""
    v = g.v
    rows = [["序号", "姓名", "残疾人证号", "补贴类别", "金额（元）"]]
    items: list[Item] = []
    for i in range(1, 4):
        name, pid = v.name(), v.resident_id()
        card = pid + str(g.rng.randrange(1, 8)) + str(g.rng.randrange(1, 5))
        rows.append([str(i), name, card, "护理补贴", "100"])
        items += [
            Item(card, "disability_card"),
            Item(name, "name", min_severity="medium", required=True, exact=False),
        ]
    title = "XX县2026年10月困难残疾人生活补贴和重度残疾人护理补贴发放名单（SYNTHETIC 合成测试数据）"
    foot = "XX县残疾人联合会\n2026年10月31日"
    if fmt == "docx":
        return Doc(f"synthetic_canjirenzheng_{fmt}", fmt, f"{title}\n{foot}", items, table=rows)
    body = "\n".join(" ".join(r) for r in rows)
    return Doc(f"synthetic_canjirenzheng_{fmt}", fmt, f"{title}\n{body}\n{foot}", items)


def im_and_wrapped_email(g: Gen) -> Doc:
    """QQ/微信 of a person; an e-mail broken by a hard line break in a TXT draft."""
    v = g.v
    name, qq, mail = v.name(), str(g.rng.randrange(10**8, 10**10)), v.email()
    wx = (
        "wx_"
        + "".join(g.rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(7))
        + str(g.rng.randrange(10, 99))
    )
    local, domain = mail.split("@")
    text = (
        "关于报送2026年度乡村振兴典型案例的通知（SYNTHETIC 合成测试数据）\n"
        "各乡镇人民政府：\n请于2026年11月30日前报送典型案例材料。\n"
        f"联系人：{name}，QQ号：{qq}，微信号：{wx}，材料请发送至{local}@\n{domain}。\n"
        "欢迎关注“XX县乡村振兴”微信公众号。\n"
        "XX县农业农村局\n2026年11月10日"
    )
    items = [
        Item(qq, "im_account", min_severity="medium"),
        Item(wx, "im_account", min_severity="medium"),
        Item(mail, "email", min_severity="medium"),
        # the agency's 联系人: a name in a contact line is not masked (条例第二十条（二）)
        Item(name, "name", min_severity="medium", required=False, personal=False, exact=False),
    ]
    return Doc("synthetic_qq_weixin_youxiang", "txt", text, items)


def pdf_page_header_mark(g: Gen) -> Doc:
    text = (
        "XX市人民政府关于重点区域安全防范工作的意见（SYNTHETIC 合成测试数据）\n"
        "各县（市、区）人民政府：\n现就做好重点区域安全防范工作提出如下意见。一、加强组织领导。二、落实防范措施。\n"
        "XX市人民政府\n2026年11月12日"
    )
    d = Doc(
        "synthetic_miji_pdf_page_header",
        "pdf",
        text,
        [Item("机密★5年", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)],
    )
    d.header = "机密★5年"
    return d


def secrecy_field_forms(g: Gen) -> list[Doc]:
    """The level in a 发文稿纸 field (a table) and in a statement line."""
    form = [
        ["发文字号", "X政办发〔2026〕52号", "密级", "机密"],
        ["签发人", "刘建国", "保密期限", "10年"],
        ["拟稿单位", "县政府办公室", "公开属性", "不予公开"],
    ]
    body = (
        "XX县人民政府办公室发文稿纸（SYNTHETIC 合成测试数据）\n"
        "标题：关于重点目标安全防范工作的通知\n主送：各乡镇人民政府\n"
        "XX县人民政府办公室\n2026年11月20日"
    )
    stmt = (
        "XX县公安局关于重点时段安保工作的通报（SYNTHETIC 合成测试数据）\n"
        "各派出所：\n现将重点时段安保工作情况通报如下。\nXX县公安局\n2026年11月21日\n（此件属机密，不得外传）"
    )
    item = Item("机密", "secrecy_mark", ("secrecy_mark",), "high", personal=False, exact=False)
    return [
        Doc("synthetic_miji_fawen_gaozhi", "docx", body, [item], table=form),
        Doc("synthetic_miji_shengming", "pdf", stmt, [item]),
    ]


def serious_illness(g: Gen) -> list[Doc]:
    """大病救助 公示: each named person with the illness (the illness is the leak), list and table."""
    v = g.v
    ills = ("尿毒症", "白血病", "肺癌", "精神分裂症")
    items: list[Item] = []
    lines = []
    for i, ill in enumerate(ills, 1):
        name = v.name()
        lines.append(f"{i}. {name}，{'因患' if i % 2 else '患'}{ill}，救助金额{g.rng.randrange(3, 9)}000元。")
        items += [
            Item(name, "name", min_severity="medium", required=True, exact=False),
            Item(ill, "diagnosis", SPI, "high", required=True, personal=True, exact=False),
        ]
    text = "XX县2026年第二批城乡居民大病救助对象公示（SYNTHETIC 合成测试数据）\n" + "\n".join(lines)
    text += "\nXX县医疗保障局\n2026年9月1日"
    rows = [["序号", "姓名", "病种", "救助金额（元）"]]
    t_items: list[Item] = []
    for i, ill in enumerate(("肝硬化", "先天性心脏病"), 1):
        name = v.name()
        rows.append([str(i), name, ill, "6000"])
        t_items += [
            Item(name, "name", min_severity="medium", required=True, exact=False),
            Item(ill, "diagnosis", SPI, "high", required=True, personal=True, exact=False),
        ]
    return [
        Doc("synthetic_dabing_jiuzhu_txt", "txt", text, items),
        Doc(
            "synthetic_dabing_jiuzhu_docx",
            "docx",
            "XX县大病救助对象名单（SYNTHETIC 合成测试数据）\nXX县医疗保障局\n2026年9月1日",
            t_items,
            table=rows,
        ),
    ]


BUILDERS: tuple[Callable[[Gen], Doc | list[Doc]], ...] = (
    lambda g: roster(g, "docx"),
    lambda g: roster(g, "pdf"),
    lambda g: roster(g, "ofd"),
    subsidy_pdf_paragraphs,
    criticism,
    commendation,
    penalty,
    inquiry,
    cadre,
    minutes,
    request,
    *[(lambda g, k=k, m=m, f=f: secret_notice(g, k, m, f)) for k, m, f in _MARK_VARIANTS],
    internal_marks,
    procurement,
    health,
    minor,
    travel_docs,
    emails,
    split_ids,
    negatives,
    number_spellings,
    vehicles_property,
    health_roster,
    minor_age,
    marks_round2,
    contact_round2,
    negatives_round2,
    lambda g: rural_roster(g, "docx"),
    lambda g: rural_roster(g, "pdf"),
    lambda g: disability_cards(g, "docx"),
    lambda g: disability_cards(g, "pdf"),
    im_and_wrapped_email,
    pdf_page_header_mark,
    secrecy_field_forms,
    serious_illness,
)


def build(out: Path = OUT) -> list[dict[str, Any]]:
    render = _render()
    out.mkdir(parents=True, exist_ok=True)
    g = Gen()
    docs: list[Doc] = []
    for b in BUILDERS:
        r = b(g)
        docs += r if isinstance(r, list) else [r]
    manifest = []
    for d in docs:
        path = out / f"{d.name}.{d.fmt}"
        if d.fmt == "docx":
            render.write_docx(d.text, path, table=d.table, header=d.header)
        elif d.fmt == "pdf":
            render.write_pdf(d.text, path, header=d.header)
        elif d.fmt == "txt":
            render.write_txt(d.text, path, encoding="gb18030")
        elif d.fmt == "ofd":
            render.write_ofd(d.text, path)
        manifest.append(
            {
                "file": path.name,
                "synthetic": not d.name.startswith("real_"),
                "negative": d.negative,
                "note": d.note,
                "items": [asdict(i) for i in d.items],
            }
        )
    (out / "manifest.json").write_text(
        json.dumps(
            {
                "synthetic": True,
                "provenance": f"SYNTHETIC values from gkreview.synth (seed {SEED}); real_* files are real "
                "published texts from ../shared/corpora used as hard negatives. Built by tests/redteam/build.py.",
                "documents": manifest,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return manifest


if __name__ == "__main__":
    m = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"{len(m)} files, {sum(len(d['items']) for d in m)} planted items -> {OUT}")
