"""Build the SYNTHETIC evaluation set: real corpus documents with injected synthetic values.

Each sample is ``{"id", "synthetic": true, "source_id", "text", "spans": [{"start", "end",
"detector", "kind", "variant", "context", "masked"}]}``. Values are injected after sentence ends,
with realistic context words and without, with separators (space, hyphen, a line break inside
the number) and full-width digits. The seed fixes everything.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

from gkreview.detectors.base import mask_keep
from gkreview.synth.values import SyntheticValues

__all__ = ["build_evalset"]

NUMBER_VARIANTS = ("plain", "spaced", "hyphen", "linebreak", "fullwidth", "pdf_wrap")

# kind → (detector, generator name, templates with context, templates without context, spellable)
_KINDS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...], bool]] = {
    "resident_id": (
        "cn_resident_id",
        "resident_id",
        ("身份证号：{v}。", "公民身份号码{v}，", "身份证号码为{v}。", "证件号码：{v}\n"),
        ("{v}。", "编号{v}，"),
        True,
    ),
    "resident_id_15": (
        "cn_resident_id",
        "resident_id_15",
        ("身份证号：{v}。", "原身份证号码{v}，"),
        (),
        True,
    ),
    "mobile": (
        "cn_mobile",
        "mobile",
        ("联系电话：{v}。", "手机{v}，", "本人手机号码：{v}\n"),
        ("{v}。", "请拨打{v}。"),
        True,
    ),
    "bank_card": (
        "bank_card",
        "bank_card",
        ("银行卡号：{v}。", "开户行：农业银行，卡号{v}。", "账号：{v}\n"),
        ("{v}。",),
        True,
    ),
    "landline": ("cn_landline", "landline", ("家庭电话：{v}。", "住宅电话{v}，"), ("{v}。",), False),
    "passport": ("passport", "passport", ("护照号码：{v}。", "护照号{v}，"), ("{v}。",), False),
    "hk_macao_permit": ("travel_permit", "hk_macao_permit", ("往来港澳通行证号码：{v}。",), (), False),
    "tw_permit": (
        "travel_permit",
        "tw_permit",
        ("台胞证号码：{v}。", "台湾居民来往大陆通行证{v}，"),
        (),
        False,
    ),
    "plate": ("plate_no", "plate", ("车牌号{v}。", "号牌号码：{v}，", "驾驶机动车{v}。"), ("{v}。",), False),
    "email": ("email", "email", ("申请人邮箱：{v}。", "电子邮箱{v}\n"), ("{v}。",), False),
    "name": (
        "person_name",
        "name",
        ("姓名：{v}。", "申请人：{v}，住本市。", "户主：{v}\n", "当事人：{v}。"),
        (),
        False,
    ),
    "address": (
        "home_address",
        "address",
        ("家庭住址：{v}。", "住址：{v}。", "现住址：{v}\n"),
        ("{b}。",),
        False,
    ),
    "sensitive": (
        "sensitive_pi",
        "name",
        ("姓名：{n}，经诊断患有{v}。", "申请人{n}，男，患{v}多年。", "户主：{n}，{v}。"),
        (),
        False,
    ),
}


def _roster_row(gen: SyntheticValues, rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    name, rid, phone = gen.name(), gen.resident_id(), gen.mobile()
    sep = rng.choice(("\t", "  ", "，"))
    cells = [str(rng.randrange(1, 99)), name, rid, rng.choice(("东风村", "河西村", "新华社区")), phone]
    row = "\n" + sep.join(cells) + "\n"
    spans: list[dict[str, Any]] = []
    for cell, det in ((name, "person_name"), (rid, "cn_resident_id"), (phone, "cn_mobile")):
        at = row.index(cell)
        spans.append(
            {
                "start": at,
                "end": at + len(cell),
                "detector": det,
                "kind": "roster",
                "variant": "row",
                "context": False,
                "masked": mask_keep(cell, 1, 1),
            }
        )
    return row, spans


_SENSITIVE = ("精神分裂症", "艾滋病", "肺结核", "残疾类别", "信仰基督教", "刑满释放", "恶性肿瘤", "抑郁症")
_MARKS = (
    "机密★5年",
    "秘密★1年",
    "绝密★启用前",
    "机密★长期",
    "秘密☆10年",
    "机密★ 3年",
    "秘密*6个月",
    "机 密 ★ 5 年",
    "秘密★一年",
)
_WORK_MARKS = ("内部资料，注意保存", "内部文件 不得外传", "（此件发至县级）", "工作秘密", "内部资料 注意保密")


def _sentence_ends(text: str) -> list[int]:
    return [i + 1 for i, c in enumerate(text) if c in "。；\n" and 40 < i < len(text) - 20]


def _header(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    """A header line for some samples: a secrecy mark with a 份号, or a work-secret mark (gold spans)."""
    header = ""
    header_spans: list[dict[str, Any]] = []
    r = rng.random()
    if r < 0.12:
        mark = rng.choice(_MARKS)
        header = f"{rng.randrange(1, 999999):06d}\n{mark}\n"
        s = header.index(mark)
        header_spans.append(
            {
                "start": s,
                "end": s + len(mark),
                "detector": "secrecy_mark",
                "kind": "secrecy_mark",
                "variant": "header",
                "context": True,
                "masked": mark,
            }
        )
        header_spans.append(
            {
                "start": 0,
                "end": 6,
                "detector": "secrecy_mark",
                "kind": "copy_number",
                "variant": "header",
                "context": True,
                "masked": header[:6],
            }
        )
    elif r < 0.22:
        mark = rng.choice(_WORK_MARKS)
        header = mark + "\n"
        header_spans.append(
            {
                "start": 0,
                "end": len(mark),
                "detector": "work_secret",
                "kind": "work_secret",
                "variant": "header",
                "context": True,
                "masked": mark,
            }
        )
    return header, header_spans


def _inserted(
    gen: SyntheticValues, rng: random.Random, kind: str, out_len: int
) -> tuple[str, list[dict[str, Any]]]:
    """One planted value of ``kind`` in its sentence template, with its gold span(s) at ``out_len``."""
    spans: list[dict[str, Any]] = []
    detector, g, with_ctx, without_ctx, spellable = _KINDS[kind]
    value = getattr(gen, g)()
    use_ctx = not without_ctx or rng.random() < 0.6
    template = rng.choice(with_ctx if use_ctx else without_ctx)
    if "{b}" in template:
        value = gen.address(bare=True)
        template = template.replace("{b}", "{v}")
    name_at = -1
    if kind == "sensitive":
        person = gen.name()
        name_at = template.index("{n}")
        template = template.replace("{n}", person)
        value = rng.choice(_SENSITIVE)
    variant = rng.choice(NUMBER_VARIANTS) if spellable else "plain"
    spelled = gen.spell(value, variant)
    prefix, _, suffix = template.partition("{v}")
    insert = prefix + spelled + suffix
    start = out_len + len(prefix)
    spans.append(
        {
            "start": start,
            "end": start + len(spelled),
            "detector": detector,
            "kind": kind,
            "variant": variant,
            "context": use_ctx,
            "masked": mask_keep(spelled, 2, 2),
        }
    )
    if name_at >= 0:  # the person the sensitive term is about is a gold name too
        spans.append(
            {
                "start": out_len + name_at,
                "end": out_len + name_at + len(person),
                "detector": "person_name",
                "kind": "name",
                "variant": "plain",
                "context": True,
                "masked": person[0] + "*" * (len(person) - 1),
            }
        )
    return insert, spans


def build_evalset(
    docs: Iterable[tuple[str, str]],
    *,
    n: int = 600,
    seed: int = 20261125,
    per_doc: int = 4,
    max_chars: int = 2500,
) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic samples built on the given real (id, text) documents."""
    rng = random.Random(seed)
    gen = SyntheticValues(seed)
    kinds = [*_KINDS, "roster"]
    count = 0
    for doc_id, full in docs:
        if count >= n:
            return
        text = full[:max_chars]
        ends = _sentence_ends(text)
        if len(ends) < per_doc:
            continue
        points = sorted(rng.sample(ends, per_doc))
        pieces: list[str] = []
        pos = 0
        header, spans = _header(rng)
        out_len = len(header)
        for p in points:
            pieces.append(text[pos:p])
            out_len += p - pos
            pos = p
            kind = rng.choice(kinds)
            if kind == "roster":  # a row of a published 名单: name, ID number, village, phone
                row, row_spans = _roster_row(gen, rng)
                for sp in row_spans:
                    spans.append({**sp, "start": out_len + sp["start"], "end": out_len + sp["end"]})
                pieces.append(row)
                out_len += len(row)
                continue
            insert, ins_spans = _inserted(gen, rng, kind, out_len)
            spans += ins_spans
            pieces.append(insert)
            out_len += len(insert)
        pieces.append(text[pos:])
        sample_text = header + "".join(pieces)
        count += 1
        yield {
            "id": f"synthetic-{count:04d}",
            "synthetic": True,
            "source_id": doc_id,
            "text": sample_text,
            "spans": spans,
        }
