"""Reason codes and their legal basis: article texts, modality, reviewer wording.

Every suggestion and finding in gkreview explains itself with reason codes; this module maps each
code to the provision of 《政府信息公开条例》(2019) or another statute it rests on, with the text
quoted verbatim from the statutes (``data/statutes.yaml``, generated from ../shared/domain/statutes by
``scripts/build_law_statutes.py``) and the hand-written table ``data/law.yaml``.

    >>> from gkreview import law
    >>> law.get("ART16_PROCESS_INFO").modality
    'discretionary'

Modality matters: 第十六条 grounds are discretionary (可以不予公开) and must never be presented as a
duty; 第十四条 is mandatory; 第十五条 is mandatory with two overrides (third-party consent, overriding
public interest). Data is read once, on first use, and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gkreview.errors import ConfigurationError

__all__ = [
    "KINDS",
    "MODALITIES",
    "LegacyArticle",
    "LegalBasis",
    "article",
    "codes",
    "get",
    "law_title",
    "legacy",
    "statute_text",
]

MODALITIES = frozenset(
    {"mandatory", "mandatory_with_override", "discretionary", "handling", "proactive", "flag"}
)
KINDS = frozenset({"exemption", "basis", "handling", "flag"})
ATTRIBUTES = frozenset({"active", "on_request", "withheld", "partial", ""})
AUTO = frozenset({"never", "flag_only", "suggest"})
ITEM_JOIN = "……"  # joins a chapeau and an item: both parts are verbatim, the gap is marked

_ZH_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class LegalBasis:
    code: str  # e.g. "ART14_STATE_SECRET", "ART16_PROCESS_INFO", "ART20_07", "ART37_SEPARABLE"
    basis: str  # short citation, e.g. "《政府信息公开条例》第二十条第（七）项"
    article_text: str  # the article (or item) text, verbatim from the statute
    modality: str  # mandatory | mandatory_with_override | discretionary | handling | proactive | flag
    explanation_zh: str  # default explanation for a reviewer
    action_zh: str  # what the reviewer should do
    report_label_zh: str  # annual-report refusal label where one exists, else ""
    also_cite: tuple[str, ...] = ()
    kind: str = ""  # exemption | basis | handling | flag
    attribute: str = ""  # the attribute the code points toward: active | on_request | withheld | partial | ""
    auto: str = "suggest"  # never (human only) | flag_only | suggest
    law: str = ""  # statute key in statutes.yaml, e.g. "gov_info_2019"
    article_number: int = 0  # 0 when the code cites no single article

    @property
    def discretionary(self) -> bool:
        return self.modality == "discretionary"

    @property
    def human_only(self) -> bool:
        return self.auto == "never"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "basis": self.basis,
            "article_text": self.article_text,
            "modality": self.modality,
            "kind": self.kind,
            "attribute": self.attribute,
            "auto": self.auto,
            "explanation_zh": self.explanation_zh,
            "action_zh": self.action_zh,
            "report_label_zh": self.report_label_zh,
            "also_cite": list(self.also_cite),
        }


@dataclass(frozen=True)
class LegacyArticle:
    """An article number of a superseded version and where its rule is now (for LEGACY_CITATION)."""

    law: str  # legacy key, e.g. "gov_info_2007"
    title: str  # e.g. 《中华人民共和国政府信息公开条例》（2007年，国务院令第492号）
    number: int
    now_law: str  # current statute key, e.g. "gov_info_2019"
    now_articles: tuple[int, ...]
    codes: tuple[str, ...]  # reason codes of the current rule
    topic: str
    source: str  # P (checked against the statute) | S (secondary source) | M (memory, unverified)

    @property
    def now_basis(self) -> str:
        return "、".join(f"第{_int_to_zh(n)}条" for n in self.now_articles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "law": self.law,
            "title": self.title,
            "number": self.number,
            "now_law": self.now_law,
            "now_articles": list(self.now_articles),
            "now_basis": self.now_basis,
            "codes": list(self.codes),
            "topic": self.topic,
            "source": self.source,
        }


def legacy(law: str, number: int | str) -> LegacyArticle | None:
    """Where an old article now lives: ``legacy("gov_info_2007", "第二十二条")`` -> 第三十七条 (ART37_SEPARABLE).

    ``law`` is "gov_info_2007" or "secrets_law_2010"; None when the table has no entry for the number.
    """
    tables = _legacy()
    if law not in tables:
        raise ConfigurationError(f"no legacy table for {law!r}; known: {', '.join(sorted(tables))}")
    return tables[law].get(_article_number(number))


def get(code: str) -> LegalBasis:
    """The legal basis of ``code``; raises ConfigurationError for an unknown code."""
    table = _table()
    try:
        return table[code]
    except (KeyError, TypeError):
        raise ConfigurationError(
            f"unknown reason code {code!r}: not in gkreview/data/law.yaml "
            f"(known: {', '.join(sorted(table)[:6])}, …; see gkreview.law.codes())"
        ) from None


def codes() -> list[str]:
    """All known reason codes, sorted."""
    return sorted(_table())


def law_title(law: str) -> str:
    """Official title of a statute key or name, e.g. "gov_info_2019" -> 中华人民共和国政府信息公开条例."""
    return str(_statutes()[_law_key(law)]["title"])


def article(law: str, number: int | str) -> str:
    """Verbatim text of one article (paragraphs joined with newlines).

    ``law`` is a statutes.yaml key ("gov_info_2019") or a name ("政府信息公开条例", "《保守国家秘密法》",
    "个人信息保护法"); ``number`` is an int or "第十四条"/"十四"/"14". Raises ConfigurationError when
    either is unknown.
    """
    key = _law_key(law)
    num = _article_number(number)
    arts = _statutes()[key]["articles"]
    if num not in arts:
        raise ConfigurationError(f"{law_title(key)} has no article {number!r} (it has 1–{max(arts)})")
    return "\n".join(arts[num])


def statute_text(law: str) -> str:
    """All article paragraphs of one statute, one per line (for tests and look-ups)."""
    arts = _statutes()[_law_key(law)]["articles"]
    return "\n".join(p for n in sorted(arts) for p in arts[n])


# ───────────────────────────── loading ─────────────────────────────


def _load_yaml(name: str) -> Any:
    try:
        raw = resources.files("gkreview").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"cannot read gkreview/data/{name}: {exc}") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw, Loader=loader)  # safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"gkreview/data/{name} is not valid YAML: {exc}") from exc


@lru_cache(maxsize=1)
def _statutes() -> dict[str, Any]:
    data = _load_yaml("statutes.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("laws"), dict):
        raise ConfigurationError("gkreview/data/statutes.yaml: expected a mapping with 'laws'")
    return data["laws"]  # type: ignore[no-any-return]


_NAME_STRIP = re.compile(r"[《》〈〉\s]|中华人民共和国")


@lru_cache(maxsize=64)
def _law_key(law: str) -> str:
    laws = _statutes()
    if law in laws:
        return law
    want = _NAME_STRIP.sub("", str(law))
    titles = {key: _NAME_STRIP.sub("", str(entry["title"])) for key, entry in laws.items()}
    for key, title in titles.items():
        if title == want:
            return key
    prefix = [key for key, title in titles.items() if title.startswith(want)]
    if len(prefix) == 1:
        return prefix[0]
    raise ConfigurationError(f"unknown statute {law!r}; known: {', '.join(sorted(laws))}")


def _zh_to_int(s: str) -> int:
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch in _ZH_DIGITS:
            cur = _ZH_DIGITS.index(ch)
        else:
            raise ValueError(ch)
    return total + cur


def _article_number(number: int | str) -> int:
    if isinstance(number, int):
        return number
    s = str(number).strip().removeprefix("第").removesuffix("条")
    if s.isdigit():
        return int(s)
    try:
        return _zh_to_int(s)
    except ValueError:
        raise ConfigurationError(f"cannot read article number {number!r} (use 14 or '第十四条')") from None


def _cite_text(code: str, cite: dict[str, Any]) -> tuple[str, int]:
    laws = _statutes()
    key = cite.get("law", "")
    if key not in laws:
        raise ConfigurationError(f"law.yaml {code}: unknown law {key!r}")
    if cite.get("header"):
        return "\n".join(laws[key]["header"]), 0
    num = int(cite.get("article", 0))
    paras: list[str] = laws[key]["articles"].get(num) or []
    if not paras:
        raise ConfigurationError(f"law.yaml {code}: {key} has no article {num}")
    is_item = [p.startswith("（") and "）" in p[:6] for p in paras]
    if "item" in cite:
        items = [p for p, it in zip(paras, is_item, strict=True) if it]
        idx = int(cite["item"])
        if not 1 <= idx <= len(items):
            raise ConfigurationError(f"law.yaml {code}: article {num} has no item {idx}")
        text = items[idx - 1]
        if cite.get("chapeau"):
            text = paras[0] + ITEM_JOIN + text
    elif "paragraph" in cite:
        plain = [p for p, it in zip(paras, is_item, strict=True) if not it]
        idx = int(cite["paragraph"])
        if not 1 <= idx <= len(plain):
            raise ConfigurationError(f"law.yaml {code}: article {num} has no paragraph {idx}")
        text = plain[idx - 1]
    else:
        text = "\n".join(paras)
    if "clause" in cite:
        parts = [p for p in re.split(r"(?<=；)", text) if p]
        idx = int(cite["clause"])
        if not 1 <= idx <= len(parts):
            raise ConfigurationError(f"law.yaml {code}: article {num} has no clause {idx}")
        text = parts[idx - 1]
    return text, num


def _int_to_zh(n: int) -> str:
    """14 -> 十四, 37 -> 三十七, 103 -> 一百零三, 110 -> 一百一十 (article numbers)."""
    hundreds, rest = divmod(max(n, 0), 100)
    tens, ones = divmod(rest, 10)
    out = f"{_ZH_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _ZH_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _ZH_DIGITS[ones]
    return out or _ZH_DIGITS[0]


@lru_cache(maxsize=1)
def _legacy() -> dict[str, dict[int, LegacyArticle]]:
    data = _load_yaml("law.yaml")
    known = _table()
    out: dict[str, dict[int, LegacyArticle]] = {}
    for key, spec in (data.get("legacy") or {}).items():
        rows: dict[int, LegacyArticle] = {}
        for num, row in (spec.get("articles") or {}).items():
            codes_ = tuple(row.get("codes") or ())
            unknown = [c for c in codes_ if c not in known]
            if unknown:
                raise ConfigurationError(f"law.yaml legacy {key} {num}: unknown codes {unknown}")
            rows[int(num)] = LegacyArticle(
                law=key,
                title=str(spec.get("title", "")),
                number=int(num),
                now_law=str(spec.get("now", "")),
                now_articles=tuple(int(n) for n in row.get("now") or ()),
                codes=codes_,
                topic=str(row.get("topic", "")),
                source=str(row.get("source", "")),
            )
        out[key] = rows
    return out


_REQUIRED = ("basis", "cite", "modality", "explanation_zh", "action_zh")


@lru_cache(maxsize=1)
def _table() -> dict[str, LegalBasis]:
    data = _load_yaml("law.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise ConfigurationError("gkreview/data/law.yaml: expected a mapping with 'codes'")
    table: dict[str, LegalBasis] = {}
    for code, spec in data["codes"].items():
        if not isinstance(spec, dict):
            raise ConfigurationError(f"law.yaml {code}: expected a mapping")
        missing = [k for k in _REQUIRED if not spec.get(k)]
        if missing:
            raise ConfigurationError(f"law.yaml {code}: missing {', '.join(missing)}")
        modality, kind = spec["modality"], spec.get("kind", "")
        attribute, auto = spec.get("attribute", ""), spec.get("auto", "suggest")
        if modality not in MODALITIES:
            raise ConfigurationError(f"law.yaml {code}: modality {modality!r} not in {sorted(MODALITIES)}")
        if kind not in KINDS:
            raise ConfigurationError(f"law.yaml {code}: kind {kind!r} not in {sorted(KINDS)}")
        if attribute not in ATTRIBUTES or auto not in AUTO:
            raise ConfigurationError(f"law.yaml {code}: bad attribute {attribute!r} or auto {auto!r}")
        if modality == "discretionary" and "可以不予公开" not in spec["explanation_zh"]:
            raise ConfigurationError(f"law.yaml {code}: a discretionary code must say 可以不予公开")
        text, num = _cite_text(code, spec["cite"])
        table[code] = LegalBasis(
            code=code,
            basis=spec["basis"],
            article_text=text,
            modality=modality,
            explanation_zh=spec["explanation_zh"],
            action_zh=spec["action_zh"],
            report_label_zh=spec.get("report_label_zh", "") or "",
            also_cite=tuple(spec.get("also_cite") or ()),
            kind=kind,
            attribute=attribute,
            auto=auto,
            law=spec["cite"]["law"],
            article_number=num,
        )
    return table
