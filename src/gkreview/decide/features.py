"""Features of a document for the attribute model: no scikit-learn, no pickle, fast start-up.

A document becomes a sparse vector in one hashed space of ``n_features`` buckets:

* ``t:`` jieba words of the title and ``tc:`` its character 2- and 3-grams;
* ``w:`` jieba words of the body and ``c:`` its character bigrams (head and tail of the body: the
  主送/开头 and the 结尾/附注/版记 carry the cues of 文种 and direction);
* ``s:`` structure: 文种, subtype, direction, issuer type, number of addressees, marks, and counts of
  findings by category (when findings are given).

Words come from rjieba (the jieba-rs binding: same dictionary and, with HMM off, the same tokens
as jieba; 26.7 MB/s against jieba's 1.5 MB/s on this machine, bench/model_load.py); jieba (HMM off)
is the fallback. Weights: 1 + log(tf), times the idf learnt in training, L2-normalised; namespace
weights let the title count more than one body bigram.

The disclosure declaration (附注 "（此件公开发布）"…, as ``gkreview.gongwen`` finds it) is removed
before featurising: the model must judge the content, and the decider compares its suggestion with
the declaration separately.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from gkreview.finding import Finding
    from gkreview.gongwen import Gongwen

__all__ = [
    "FEATURE_VERSION",
    "FeatureSpec",
    "document_tokens",
    "strip_declared",
    "structure_tokens",
    "tokenizer",
    "vectorize",
]

FEATURE_VERSION = 1

_MARKDOWN = re.compile(r"<!--.*?-->|^#{1,6}[ \t]*", re.S | re.M)
_DIGITS = str.maketrans("0123456789０１２３４５６７８９", "0000000000" * 2)
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")


@dataclass(frozen=True)
class FeatureSpec:
    n_features: int = 2**18
    head_chars: int = 3000
    tail_chars: int = 600
    title_chars: int = 80
    weights: dict[str, float] = field(
        default_factory=lambda: {"t": 2.0, "tc": 1.5, "w": 1.0, "c": 0.7, "s": 2.0}
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureSpec:
        return cls(**d)


@functools.lru_cache(maxsize=1)
def tokenizer() -> Callable[[str], list[str]]:
    """jieba-compatible word segmentation (HMM off): rjieba if installed, else jieba."""
    try:
        import rjieba

        def cut(text: str) -> list[str]:
            return list(rjieba.cut(text, hmm=False))

        return cut
    except ImportError:  # pragma: no cover - depends on the installation
        import jieba

        jieba.setLogLevel(60)

        def cut_jieba(text: str) -> list[str]:
            return list(jieba.lcut(text, HMM=False))

        return cut_jieba


def strip_declared(text: str, gongwen: Gongwen | None = None) -> str:
    """``text`` without the 附注 / 公开方式 declaration that ``gkreview.gongwen`` found in it.

    ``gongwen`` is the parse of this very ``text`` (offsets into it); without one the text is parsed
    here (about 1 ms), unless it cannot hold a declaration at all. The parser is the one source of
    truth for what a declaration is: a training label taken from it must not leak into the features.
    """
    if gongwen is None:
        if "此件" not in text and "公开" not in text:
            return text
        from gkreview.gongwen import parse

        gongwen = parse(text)
    span = gongwen.spans.get("declared") if gongwen.declared_attribute else None
    if not span:
        return text
    start, end = span
    return text[:start] + text[end:]


def normalise(text: str) -> str:
    text = strip_declared(text)
    text = _MARKDOWN.sub("", text)
    return text.translate(_DIGITS)


def split_title(text: str, title: str | None, spec: FeatureSpec) -> tuple[str, str]:
    """(title, body): the given title, else the first non-empty line of a short enough length."""
    if not title:
        for line in text.splitlines():
            line = line.strip()
            if line:
                title = line if len(line) <= spec.title_chars else ""
                break
    title = (title or "")[: spec.title_chars]
    body = text
    if len(body) > spec.head_chars + spec.tail_chars:
        body = body[: spec.head_chars] + "\n" + body[-spec.tail_chars :]
    return title, body


def structure_tokens(gongwen: Gongwen | None, findings: Sequence[Finding] = ()) -> list[str]:
    """``s:`` tokens from the parsed 公文 elements and the detectors' findings."""
    out: list[str] = []
    if gongwen is not None:
        for name in ("doc_type", "subtype", "direction", "issuer_type"):
            v = getattr(gongwen, name, None)
            if v:
                out.append(f"{name}={v}")
        n = len(gongwen.addressees)
        out.append(f"addressees={'0' if n == 0 else '1' if n == 1 else 'many'}")
        if gongwen.secrecy is not None:
            out.append("secrecy_mark")
        if gongwen.circulation_scope:
            out.append("circulation_scope")
        if gongwen.signer:
            out.append("signer")
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.category] = counts.get(f.category, 0) + 1
    for cat, n in sorted(counts.items()):
        out.append(f"finding={cat}")
        out.append(f"finding={cat}:{'1' if n == 1 else '2+' if n < 5 else '5+'}")
    return out


def _hash(token: str, mask: int) -> int:
    return zlib.crc32(token.encode("utf-8")) & mask


def _ngram_hashes(text: str, n: int, salt: int, mask: int) -> np.ndarray:
    import numpy as np

    if len(text) < n:
        return np.zeros(0, dtype=np.int64)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.full(len(cp) - n + 1, salt, dtype=np.uint64)
    for k in range(n):
        h = (h ^ cp[k : len(cp) - n + 1 + k]) * np.uint64(0x100000001B3)
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return (h & np.uint64(mask)).astype(np.int64)


def document_tokens(
    text: str, title: str | None, structure: Iterable[str], spec: FeatureSpec
) -> dict[str, np.ndarray]:
    """Hashed indices per namespace (before weighting)."""
    import numpy as np

    mask = spec.n_features - 1
    text = normalise(text)
    title_s, body = split_title(text, normalise(title) if title else None, spec)
    cut = tokenizer()
    t_words = [w for w in cut(title_s) if _WORDLIKE.search(w)]
    b_words = [w for w in cut(body) if _WORDLIKE.search(w)]
    compact_title = re.sub(r"\s+", "", title_s)
    compact_body = re.sub(r"[ \t\u3000]+", "", body)
    return {
        "t": np.fromiter((_hash("t:" + w, mask) for w in t_words), dtype=np.int64, count=len(t_words)),
        "tc": np.concatenate(
            [_ngram_hashes(compact_title, 2, 11, mask), _ngram_hashes(compact_title, 3, 13, mask)]
        ),
        "w": np.fromiter((_hash("w:" + w, mask) for w in b_words), dtype=np.int64, count=len(b_words)),
        "c": _ngram_hashes(compact_body, 2, 17, mask),
        "s": np.array([_hash("s:" + s, mask) for s in structure], dtype=np.int64),
    }


def vectorize(
    text: str,
    title: str | None,
    structure: Iterable[str],
    spec: FeatureSpec,
    idf: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(indices, values) of the document's L2-normalised sparse vector, indices sorted and unique."""
    import numpy as np

    parts = document_tokens(text, title, structure, spec)
    idx_all: list[np.ndarray] = []
    val_all: list[np.ndarray] = []
    for ns, idx in parts.items():
        if idx.size == 0:
            continue
        u, c = np.unique(idx, return_counts=True)
        idx_all.append(u)
        val_all.append((1.0 + np.log(c.astype(np.float64))) * spec.weights.get(ns, 1.0))
    if not idx_all:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    idx_cat = np.concatenate(idx_all)
    val_cat = np.concatenate(val_all)
    u, inv = np.unique(idx_cat, return_inverse=True)
    vals = np.zeros(u.size, dtype=np.float64)
    np.add.at(vals, inv, val_cat)
    if idf is not None:
        vals *= idf[u]
    norm = float(np.sqrt(np.dot(vals, vals)))
    if norm > 0:
        vals /= norm
    return u, vals
