#!/usr/bin/env python3
"""Generate SYNTHETIC non-active training examples for gkreview's attribute model.

There is no public real 依申请公开 / 不予公开 document text (withheld documents are unpublished by
definition; ../shared/corpora/PROVENANCE.md). This script writes invented documents built from the
law's categories (条例第十四、十六条; DOMAIN.md §3.1, §6.2, taxonomy.yaml): 请示, 上行报告, 会议纪要,
商洽函, 内部事务, 行政执法案卷, 涉密文件 (label ``withheld``), and 个别单位特定事项的批复/复函/工作通知
(label ``on_request``). Every record carries ``synthetic: true`` and the template it came from.

To keep the model from learning "policy vocabulary ⇒ active", topics and a few sentences are
borrowed from REAL published documents of the TRAIN split only (gkreview.training.corpus.split_of), and
wrapped in the process/internal forms. Labels are weak (a template's typical prior), not decisions.

    .venv/bin/python corpora/synthetic/generate.py            # writes corpora/synthetic/synthetic.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gkreview.training.corpus import clean_text, split_key, split_of  # noqa: E402

VERSION = 1
SHARED = ROOT.parent / "shared" / "corpora"
REAL = ["govcn_statecouncil", "policies_central_shandong", "lawrefbook", "waystowork"]

# Real place names that also occur in the titles of the REAL published corpus, so that a place name
# cannot tell the classes apart.
CITIES = [
    "上海市",
    "山东省",
    "北京市",
    "浙江省",
    "河南省",
    "重庆市",
    "青岛市",
    "郑州市",
    "杭州市",
    "宁波市",
    "广东省",
    "洛阳市",
    "济南市",
    "淄博市",
    "烟台市",
    "温州市",
    "临沂市",
    "菏泽市",
    "湖州市",
    "滨州市",
    "潍坊市",
    "嘉兴市",
    "威海市",
    "德州市",
    "聊城市",
    "东营市",
    "枣庄市",
    "南阳市",
    "漯河市",
    "焦作市",
    "日照市",
    "泰安市",
    "新乡市",
    "广州市",
    "绍兴市",
    "台州市",
    "金华市",
    "开封市",
    "许昌市",
    "信阳市",
]
GIVEN = "明华建国志强丽娟秀英海涛晓东红梅伟刚文静玉兰国庆春燕"
BUREAUS = [
    "人民政府办公室",
    "发展和改革委员会",
    "财政局",
    "教育局",
    "卫生健康委员会",
    "人力资源和社会保障局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "市场监督管理局",
    "应急管理局",
    "自然资源和规划局",
    "民政局",
    "公安局",
    "司法局",
    "审计局",
    "统计局",
    "水利局",
    "商务局",
    "文化和旅游局",
    "退役军人事务局",
    "医疗保障局",
    "城市管理局",
]
UNITS = [
    "办公室",
    "综合科",
    "法规科",
    "财务科",
    "人事科",
    "规划科",
    "执法大队",
    "政策法规股",
    "行政审批科",
    "监督检查科",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
COMPANIES = [
    "江州市恒达建材有限公司",
    "临川宏远物流有限公司",
    "青石县绿源农业科技有限公司",
    "安宁市鑫泰化工有限公司",
    "东岭市瑞丰食品有限公司",
    "海滨市远航船舶修造有限公司",
    "松山市康泰医药连锁有限公司",
    "金沙市华信电子有限公司",
]
GENERIC_TOPICS = [
    "城区老旧小区改造",
    "农村生活污水治理",
    "中小学校舍安全改造",
    "基层医疗卫生机构能力提升",
    "高标准农田建设",
    "公共法律服务体系建设",
    "安全生产专项整治",
    "城市内涝治理",
    "政务服务事项清单调整",
    "机关事务管理",
    "数字政府建设",
    "优化营商环境",
    "养老服务设施建设",
    "河湖长制工作",
    "森林防火",
    "冬春季疫情防控",
    "重点项目建设用地保障",
    "乡村振兴衔接资金使用",
    "校外培训机构治理",
    "食品安全抽检",
]


def date(rng: random.Random) -> str:
    return f"{rng.randint(2017, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def org(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(BUREAUS)


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(SURNAMES) + "某" + rng.choice(["", "某"])
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def docno(rng: random.Random, code: str) -> str:
    return f"{code}〔{rng.randint(2017, 2025)}〕{rng.randint(1, 180)}号"


def topic_of(title: str) -> str:
    t = re.sub(r"^.*?关于", "", title)
    t = re.sub(r"(的)?(通知|意见|决定|办法|规定|条例|细则|方案|批复|公告|通告|报告|函)$", "", t)
    t = t.strip("“”\"' ")
    if t.count("《") != t.count("》"):
        t = t.replace("《", "").replace("》", "")
    if "关于" not in title and re.search(r"(法|条例|规定|办法|细则)$", title):
        t = f"贯彻实施《{title}》"
    return t if 4 <= len(t) <= 34 else ""


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。；])", clean_text(text))
    out = []
    for s in parts:
        s = re.sub(r"\s+", "", s)
        if 18 <= len(s) <= 120 and not re.match(
            r"^(第[一二三四五六七八九十百]+[条章节]|[（(]?[一二三四五六七八九十]+[、）)])", s
        ):
            out.append(s)
    return out


def load_real(limit_per_source: int) -> list[tuple[str, list[str]]]:
    """(topic, sentences) from real documents of the TRAIN split."""
    pool: list[tuple[str, list[str]]] = []
    for name in REAL:
        path = SHARED / f"{name}.jsonl.gz"
        if not path.exists():
            continue
        n = 0
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if split_of(split_key(str(rec["id"]), rec.get("title") or rec.get("title_en"))) != "train":
                    continue
                title = rec.get("title") or ""
                topic = topic_of(title) if title else ""
                sents = sentences(rec.get("text", ""))
                if len(sents) >= 3:
                    pool.append((topic, sents))
                    n += 1
                if n >= limit_per_source:
                    break
    return pool


def borrowed(rng: random.Random, pool: list[tuple[str, list[str]]], k: int) -> tuple[str, list[str]]:
    topic, sents = rng.choice(pool)
    if not topic or rng.random() < 0.35:
        topic = rng.choice(GENERIC_TOPICS)
    picked = rng.sample(sents, min(k, len(sents)))
    return topic, picked


def numbered(items: list[str], rng: random.Random) -> str:
    marks = "一二三四五六七八九十"
    return "\n".join(f"{marks[i]}、{s}" for i, s in enumerate(items))


def contact(rng: random.Random) -> str:
    return f"（联系人：{person(rng)}；联系电话：0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}）"


# ---------------------------------------------------------------- withheld templates (条例第十六条 / 第十四条)


def t_qingshi(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(2, 4))
    me, up = org(rng), rng.choice(CITIES) + "人民政府"
    title = rng.choice(
        [
            f"{me}关于{topic}有关事项的请示",
            f"{me}关于申请{topic}专项经费的请示",
            f"关于{topic}的请示",
            f"{me}关于申请{topic}的报告",
            f"关于{topic}有关问题的申请",
        ]
    )
    ask = rng.choice(
        [
            "妥否，请批示。",
            "以上请示当否，请批示。",
            "妥否，请审示。",
            "特此请示，请予审批。",
            "当否，请予批复。",
        ]
    )
    body = [
        rng.choice(["签发人：", "签发人："]) + person(rng),
        docno(rng, rng.choice(["江财", "临发改", "青教", "白卫", "东人社", "安环"]) + "〔请〕"[0:0] + ""),
        title,
        f"{up}：",
        rng.choice(
            [
                f"为做好{topic}工作，",
                f"根据上级部署，结合我{rng.choice(['局', '委', '办'])}实际，",
                f"近期，我们对{topic}进行了调研。",
            ]
        )
        + "现将有关情况和建议请示如下：",
        numbered(
            [
                *sents,
                rng.choice(
                    [
                        "拟申请安排专项资金" + str(rng.randint(20, 900)) + "万元。",
                        "拟增加编制" + str(rng.randint(1, 9)) + "名。",
                        "拟由我局牵头，会同有关部门研究制定具体方案。",
                        "建议提请市政府常务会议研究。",
                    ]
                ),
            ],
            rng,
        ),
        ask,
        f"附件：{topic}初步方案" if rng.random() < 0.4 else "",
        me,
        date(rng),
        contact(rng) if rng.random() < 0.7 else "",
    ]
    return "ART16_PROCESS_INFO", title, "\n".join(x for x in body if x)


def t_baogao(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(3, 5))
    me, up = (
        org(rng),
        rng.choice([rng.choice(CITIES) + "人民政府", rng.choice(CITIES) + "委员会办公室", "市政府督查室"]),
    )
    kind = rng.choice(
        [
            "工作情况的报告",
            "工作进展情况的报告",
            "调研情况的报告",
            "问题整改情况的报告",
            "情况报告",
            "工作开展情况",
            "有关情况的汇报",
            "工作总结",
        ]
    )
    title = rng.choice([f"{me}关于{topic}{kind}", f"关于{topic}{kind}"])
    body = [
        title,
        f"{up}：",
        rng.choice(["按照工作安排，", "根据市政府要求，", f"{date(rng)}以来，"])
        + f"我们认真开展了{topic}工作，现将有关情况报告如下：",
        "一、工作开展情况",
        "".join(sents[:2]),
        "二、存在的主要问题",
        rng.choice(
            [
                "部分单位认识不到位，工作推进不平衡。",
                "资金缺口较大，项目进度滞后。",
                "基层人员力量不足，专业能力有待提高。",
                "个别乡镇存在数据不实问题，已责令整改。",
            ]
        ),
        "三、下一步工作打算",
        "".join(sents[2:]) or "我们将进一步压实责任，确保按期完成任务。",
        rng.choice(["特此报告。", "专此报告。", "以上报告，请审阅。"]),
        me,
        date(rng),
    ]
    return "ART16_PROCESS_INFO", title, "\n".join(body)


def t_jiyao(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(2, 4))
    who = rng.choice(CITIES) + rng.choice(["人民政府", "人民政府办公室", *BUREAUS])
    kind = rng.choice(
        ["专题会议纪要", "局长办公会议纪要", "党组会议纪要", "协调会议纪要", "主任办公会议纪要"]
    )
    title = f"{who}{kind}"
    body = [
        title,
        f"〔{date(rng)[:4]}〕第{rng.randint(1, 60)}期",
        f"{date(rng)}，{person(rng)}{rng.choice(['副市长', '局长', '主任', '副局长'])}在{rng.choice(['市政府', '局机关', '委机关'])}"
        f"{rng.randint(1, 9)}号会议室主持召开会议，专题研究{topic}有关问题。纪要如下：",
        "一、"
        + rng.choice(["会议听取了", "会议审议了"])
        + f"关于{topic}的汇报。"
        + (sents[0] if sents else ""),
        "二、会议议定："
        + "".join(sents[1:])
        + rng.choice(
            [
                "由财政局牵头研究资金安排。",
                "请有关单位于月底前报送具体方案。",
                "原则同意所提方案，请按程序办理。",
            ]
        ),
        "出席：" + "、".join(person(rng) for _ in range(rng.randint(3, 6))),
        "列席：" + "、".join(rng.choice(BUREAUS) for _ in range(rng.randint(2, 4))),
        "记录：" + person(rng),
        "分送：" + rng.choice(["市政府领导，各参会单位。", "局领导，机关各科室。"]),
    ]
    return "ART16_PROCESS_INFO", title, "\n".join(body)


def t_shangqiahan(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(1, 3))
    me, other = org(rng), org(rng)
    title = f"{me}关于商请{rng.choice(['协助', '支持', '配合', '提供'])}{topic}有关{rng.choice(['工作', '资料', '数据', '事项'])}的函"
    body = [
        title,
        docno(rng, rng.choice(["江财函", "临教函", "安环函", "东卫函"])),
        f"{other}：",
        f"为推进{topic}，" + "".join(sents) + f"现商请贵{rng.choice(['局', '委', '单位'])}协助以下事项：",
        numbered(
            [
                rng.choice(
                    [
                        "提供近三年相关统计数据。",
                        "派员参加联合调研。",
                        "对有关方案提出意见建议。",
                        "协调解决项目用地问题。",
                    ]
                ),
                rng.choice(["请于" + date(rng) + "前函复。", "请指定一名联系人。"]),
            ],
            rng,
        ),
        rng.choice(["请予支持为盼。", "妥否，请函复。", "盼复。"]),
        me,
        date(rng),
        contact(rng),
    ]
    return "ART16_PROCESS_INFO", title, "\n".join(body)


def t_draft(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(3, 6))
    stage = rng.choice(["讨论稿", "送审稿", "代拟稿", "初稿", "修改稿"])
    kind = rng.choice(["实施方案", "管理办法", "工作方案", "考核办法"])
    title = f"{topic}{kind}（{stage}）"
    body = [
        rng.choice(["内部讨论稿，注意保存", "内部资料，请勿外传", "", ""]),
        title,
        f"（{date(rng)}{stage}）",
        "".join(sents[:2]),
        numbered(sents[2:] or ["具体措施另行研究。"], rng),
        rng.choice(
            [
                "【待定：资金来源由财政局研究后确定】",
                "（此条是否保留，请各单位提出意见）",
                "注：以上内容尚未经局党组研究。",
                "",
            ]
        ),
    ]
    return "ART16_PROCESS_INFO", title, "\n".join(x for x in body if x)


def t_internal(rng: random.Random, pool: list) -> tuple[str, str, str]:
    me = org(rng)
    subject = rng.choice(
        [
            "调整机关内部处室职责分工",
            "加强机关值班工作",
            "机关公务用车使用管理",
            "规范机关请销假管理",
            "机关干部考勤管理",
            "调整机关办公用房",
            "机关食堂管理",
            "年度机关干部考核工作安排",
            "局领导工作分工调整",
            "机关档案室管理",
            "机关内部公文运转流程",
        ]
    )
    kind = rng.choice(["的通知", "的规定", "的办法", "的实施细则"])
    title = f"{me}关于{subject}{kind}"
    items = rng.sample(
        [
            "各处室要严格执行考勤制度，每日按时签到签退。",
            "节假日值班人员须24小时保持通讯畅通，不得擅离岗位。",
            f"{person(rng)}同志负责办公室、财务科工作；{person(rng)}同志负责法规科、执法大队工作。",
            "公务用车实行统一调度，一律凭派车单出车。",
            "请假一天以内由科室负责人审批，三天以上报分管领导审批。",
            "机关各科室办公用房按照核定面积统一调配。",
            "考核结果作为干部评优评先和选拔任用的重要依据。",
            "机关食堂实行实名就餐，严禁公款宴请。",
            "内部公文经办公室登记后，由分管领导阅批。",
        ],
        rng.randint(3, 5),
    )
    body = [
        title,
        rng.choice(["机关各科室、各直属单位：", "局机关各处室：", "机关各部门："]),
        f"为进一步加强机关内部管理，经局{rng.choice(['党组', '长办公会'])}研究，现将有关事项通知如下：",
        numbered(items, rng),
        rng.choice(["本通知自印发之日起执行。", "请各科室认真遵照执行。"]),
        me,
        date(rng),
        rng.choice(["（此件发至机关各科室）", "（内部文件，注意保存）", ""]),
    ]
    return "ART16_INTERNAL_AFFAIRS", title, "\n".join(x for x in body if x)


def t_enforcement(rng: random.Random, pool: list) -> tuple[str, str, str]:
    kind = rng.choice(
        ["询问笔录", "调查笔录", "现场检查笔录", "立案审批表", "案件调查终结报告", "陈述申辩笔录"]
    )
    co = rng.choice(COMPANIES)
    title = kind
    body = [
        rng.choice(CITIES)
        + rng.choice(["市场监督管理局", "生态环境局", "应急管理局", "城市管理局", "交通运输局"]),
        title,
        f"案由：{co}涉嫌{rng.choice(['无证经营', '超标排放污染物', '销售不合格产品', '未按规定开展安全生产培训', '违规占道经营'])}案",
        f"时间：{date(rng)}{rng.randint(8, 17)}时{rng.randint(0, 59)}分",
        f"地点：{co}{rng.choice(['办公室', '生产车间', '仓库'])}",
        f"询问人：{person(rng)}、{person(rng)}　执法证号：{rng.randint(10000000, 99999999)}",
        f"被询问人：{person(rng)}　职务：{rng.choice(['法定代表人', '生产负责人', '仓库管理员'])}",
        "问：我们是执法人员，现依法向你调查了解有关情况，你应当如实回答，你听清楚了吗？",
        "答：听清楚了。",
        "问："
        + rng.choice(
            ["你公司何时开始生产经营？", "现场查见的产品从何处购进？", "你公司是否办理了相关许可？"]
        ),
        "答："
        + rng.choice(
            [
                "2021年开始，具体时间记不清了。",
                "从外地一家供应商购进，有送货单。",
                "正在办理中，还没有拿到许可证。",
            ]
        ),
        "以上笔录我已看过，与我所说一致。",
        "被询问人签名：　　　　执法人员签名：",
    ]
    return "ART16_ENFORCEMENT_FILE", title, "\n".join(body)


def t_secret(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(3, 5))
    level = rng.choice(["秘密", "机密", "绝密"])
    period = rng.choice(["★1年", "★5年", "★10年", "★长期", "★"])
    me = rng.choice(CITIES) + rng.choice(
        ["人民政府", "人民政府办公室", "公安局", "国家安全局", "发展和改革委员会"]
    )
    title = f"{me}关于{topic}的{rng.choice(['通知', '实施方案', '报告', '意见'])}"
    body = [
        f"{rng.randint(1, 999999):06d}",
        f"{level}{period}",
        rng.choice(["特急", "加急", ""]),
        me + "文件",
        docno(rng, rng.choice(["江政", "临政办", "安公", "东发改"])),
        title,
        rng.choice(["各县（市、区）人民政府，市政府各部门：", "各成员单位："]),
        "".join(sents),
        rng.choice(["本文件知悉范围限于县处级以上领导干部。", "请严格控制知悉范围，不得擅自复制。", ""]),
        me,
        date(rng),
        "（此件发至县级）" if rng.random() < 0.5 else "",
    ]
    return "ART14_STATE_SECRET", title, "\n".join(x for x in body if x)


# ---------------------------------------------------------------- on_request templates (no proactive basis, no exemption)


def t_pifu(rng: random.Random, pool: list) -> tuple[str, str, str]:
    me = org(rng)
    co = rng.choice([*COMPANIES, rng.choice(CITIES) + rng.choice(UNITS)])
    matter = rng.choice(
        [
            "调整内部机构设置",
            "变更项目实施主体",
            "延长项目建设期限",
            "使用结余资金购置设备",
            "更名",
            "调整办公地址",
        ]
    )
    title = f"{me}关于同意{co}{matter}的批复"
    body = [
        title,
        docno(rng, rng.choice(["江财复", "临发改复", "安住建复"])),
        f"{co}：",
        f"你单位《关于{matter}的请示》收悉。经研究，批复如下：",
        numbered(
            [
                f"同意你单位{matter}。",
                "请严格按照有关规定组织实施，确保资金使用安全。",
                "有关情况及时报我局备案。",
            ],
            rng,
        ),
        "此复。",
        me,
        date(rng),
    ]
    return "ON_REQUEST_SPECIFIC", title, "\n".join(body)


def t_fuhan(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic, sents = borrowed(rng, pool, rng.randint(1, 2))
    me, other = org(rng), org(rng)
    title = f"{me}关于{topic}有关问题的复函"
    body = [
        title,
        docno(rng, rng.choice(["江财函", "临教函", "安环函"])),
        f"{other}：",
        f"你单位《关于{topic}有关问题的函》收悉。经研究，现函复如下：",
        "".join(sents)
        + rng.choice(
            [
                "原则同意你单位意见。",
                "请你单位结合实际研究办理。",
                "该事项不属于我局职责范围，建议向有关部门咨询。",
            ]
        ),
        "特此函复。",
        me,
        date(rng),
    ]
    return "ON_REQUEST_SPECIFIC", title, "\n".join(body)


def t_worknotice(rng: random.Random, pool: list) -> tuple[str, str, str]:
    topic = rng.choice(GENERIC_TOPICS)
    me = org(rng)
    what = rng.choice(
        [
            f"报送{date(rng)[:5]}{topic}统计数据",
            f"做好{topic}检查迎检准备工作",
            f"召开{topic}工作推进会",
            f"参加{topic}业务培训",
            f"报送{topic}工作总结",
        ]
    )
    title = f"{me}关于{what}的通知"
    body = [
        title,
        rng.choice(["各县（区）" + rng.choice(BUREAUS) + "：", "各有关单位：", "局属各单位："]),
        f"为做好{topic}相关工作，现就{what}有关事项通知如下：",
        numbered(
            [
                f"时间：{date(rng)}上午9时。"
                if "会" in what or "培训" in what
                else f"报送时间：{date(rng)}前。",
                rng.choice(
                    [
                        "参加人员：各单位分管负责同志1名。",
                        "报送方式：电子版发送至指定邮箱，纸质版加盖公章报送。",
                    ]
                ),
                rng.choice(["请各单位高度重视，按时完成。", "未按时报送的单位将予以通报。"]),
            ],
            rng,
        ),
        me,
        date(rng),
        contact(rng),
    ]
    return "ON_REQUEST_SPECIFIC", title, "\n".join(body)


TEMPLATES = {
    "withheld": [
        (t_qingshi, 300),
        (t_baogao, 250),
        (t_jiyao, 220),
        (t_shangqiahan, 150),
        (t_draft, 150),
        (t_internal, 200),
        (t_enforcement, 150),
        (t_secret, 100),
    ],
    "on_request": [(t_pifu, 200), (t_fuhan, 200), (t_worknotice, 200)],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", default=str(HERE / "synthetic.jsonl.gz"))
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every template's count")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    pool = load_real(limit_per_source=400)
    if not pool:
        print("no real corpus under ../shared/corpora: cannot borrow topics", file=sys.stderr)
        return 1
    n = 0
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        for label, table in TEMPLATES.items():
            for fn, count in table:
                for _ in range(int(count * args.scale)):
                    code, title, text = fn(rng, pool)
                    n += 1
                    rec = {
                        "id": f"syn-{VERSION}-{n:05d}",
                        "synthetic": True,
                        "source": f"gkreview corpora/synthetic/generate.py v{VERSION} seed {args.seed}",
                        "template": fn.__name__[2:],
                        "category": code,
                        "title": title,
                        "text": text,
                        "label": label,
                        "label_source": "synthetic: template prior from 条例第十四、十六条 categories (weak label)",
                    }
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {n} synthetic examples to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
