"""Training and evaluation corpora: documents with a disclosure-attribute label.

Three sources, freely mixed:

* a folder of documents (any format gkreview reads), read through ``gkreview.review.extract``;
* JSONL or JSONL.gz, one object a line: ``id``, ``text``, ``title`` (or ``title_en``), ``label``,
  optional ``synthetic: true`` (the layout of ``../shared/corpora`` and ``corpora/synthetic``);
* labels from a labels file (CSV or JSONL keyed by ``sha256``, ``path``, ``name`` or ``id``; the
  service's export has ``sha256,name,final_attribute,…``) or, failing that, from each document's own
  附注 / 公开方式 line.

The declaration line is always removed from the text, so a label taken from it cannot leak into
the features. ``split_of`` assigns a document to train or test by a hash of its id, so the same
document falls on the same side in ``gkreview train`` and ``gkreview evaluate``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gkreview.errors import ConfigurationError
from gkreview.training.labels import normalise_label

__all__ = ["Example", "LoadStats", "load", "load_labels", "split_key", "split_of"]

log = logging.getLogger("gkreview.training.corpus")

LABEL_COLUMNS = ("final_attribute", "label", "attribute", "suggested_attribute")
KEY_COLUMNS = ("sha256", "path", "name", "id")


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str | None
    title: str | None = None
    source: str = ""
    synthetic: bool = False
    label_source: str = ""  # labels_file | record | annotation | none
    path: str | None = None
    sha256: str = ""
    status: str = "ok"
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "label": self.label,
            "source": self.source,
            "synthetic": self.synthetic,
            "label_source": self.label_source,
            "path": self.path,
            "sha256": self.sha256,
            "status": self.status,
        }

    @property
    def split_key(self) -> str:
        return split_key(self.id, self.title, self.synthetic)


@dataclass
class LoadStats:
    read: int = 0
    unreadable: int = 0
    unlabelled: int = 0
    by_label_source: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "unreadable": self.unreadable,
            "unlabelled": self.unlabelled,
            "by_label_source": dict(self.by_label_source),
        }


def split_key(ex_id: str, title: str | None, synthetic: bool = False) -> str:
    """The key a document is split by: its normalised title for real documents (the same law can
    appear in two compilations under two ids and must fall on one side), its id otherwise."""
    import re

    if not synthetic and title and not title.isascii():
        norm = re.sub(r"[\s\W_]+", "", title)
        norm = re.sub(r"[（(](\d{4}).*?[）)]$", "", norm)
        if len(norm) >= 4:
            return "title:" + norm
    return ex_id


def split_of(key: str, test_fraction: float = 0.2, salt: str = "gkreview-split-1") -> str:
    """'test' or 'train' for a document id, stable across runs and machines."""
    h = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return "test" if int.from_bytes(h[:8], "big") / 2**64 < test_fraction else "train"


def load_labels(path: str | Path) -> dict[str, str]:
    """A labels file → {key: attribute}; keys are sha256, path, file name and id as present."""
    p = Path(path)
    rows: list[dict[str, Any]] = []
    try:
        if p.suffix.lower() in (".jsonl", ".json") or p.name.endswith(".jsonl.gz"):
            opener = gzip.open if p.name.endswith(".gz") else open
            with opener(p, "rt", encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
        else:
            with open(p, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
    except FileNotFoundError as exc:
        raise ConfigurationError(f"labels file {path}: not found") from exc
    except (json.JSONDecodeError, csv.Error, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"labels file {path}: cannot be parsed ({exc})") from exc
    out: dict[str, str] = {}
    for i, row in enumerate(rows):
        raw = next((row[c] for c in LABEL_COLUMNS if row.get(c)), None)
        label = normalise_label(raw)
        if raw is not None and label is None:
            raise ConfigurationError(
                f"labels file {path}, row {i + 1}: unknown label {raw!r} "
                "(use active/on_request/withheld or 主动公开/依申请公开/不予公开)"
            )
        if label is None:
            continue
        for c in KEY_COLUMNS:
            v = row.get(c)
            if v:
                out[str(v)] = label
                if c == "path":
                    out.setdefault(Path(str(v)).name, label)
    return out


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigurationError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def clean_text(text: str) -> str:
    """Remove compilation artefacts (markdown headings, HTML comments) that no draft carries."""
    import re

    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"(?m)^#{1,6}\s*", "", text)
    return text


def _finish(
    ex: Example, labels: dict[str, str] | None, from_annotation: bool, stats: LoadStats, strip: bool = True
) -> Example | None:
    label, source = None, "none"
    if labels:
        for key in (ex.sha256, ex.path, Path(ex.path).name if ex.path else None, ex.id):
            if key and key in labels:
                label, source = labels[key], "labels_file"
                break
    if label is None and ex.label:
        label, source = normalise_label(ex.label), ex.label_source or "record"
    from gkreview.decide.features import strip_declared
    from gkreview.gongwen import parse

    g = parse(ex.text)  # the 公文 parser is the one source of truth for the 附注 / 公开方式 line
    declared = g.declared_attribute or None
    if label is None and from_annotation and declared is not None:
        label, source = declared, "annotation"
    text = strip_declared(ex.text, g) if declared is not None and strip else ex.text
    if label is None:
        stats.unlabelled += 1
    stats.by_label_source[source] = stats.by_label_source.get(source, 0) + 1
    meta = {**ex.meta, "declared": declared}
    return replace(ex, text=clean_text(text), label=label, label_source=source, meta=meta)


def _from_record(rec: dict[str, Any], path: Path, n: int) -> Example:
    text = str(rec.get("text") or "")
    rid = str(rec.get("id") or f"{path.name}:{n}")
    return Example(
        id=rid,
        text=text,
        label=rec.get("label"),
        title=rec.get("title") or rec.get("title_en"),
        source=str(rec.get("source") or path.name),
        synthetic=bool(rec.get("synthetic", False)),
        label_source="record",
        path=rec.get("path"),
        sha256=str(rec.get("sha256") or hashlib.sha256(text.encode("utf-8")).hexdigest()),
        meta={k: rec[k] for k in ("template", "category", "doc_type") if k in rec},
    )


def _from_file(path: Path, stats: LoadStats) -> Example | None:
    from gkreview.review import extract

    doc = extract(path)
    if doc.status != "ok" or not doc.text.strip():
        stats.unreadable += 1
        log.warning("skipping %s: %s", path, doc.status)
        return None
    title = doc.gongwen.title if doc.gongwen is not None else None
    return Example(
        id=str(path),
        text=doc.text,
        label=None,
        title=title,
        source=str(path.parent),
        path=str(path),
        sha256=doc.sha256,
    )


def load(
    sources: str | Path | Iterable[str | Path],
    *,
    labels: str | Path | dict[str, str] | None = None,
    from_annotation: bool = True,
    limit: int | None = None,
    stats: LoadStats | None = None,
    strip_declared: bool = True,
) -> Iterator[Example]:
    """Examples from folders, document files and JSONL(.gz) files, with labels attached.

    Unlabelled examples are yielded with ``label=None`` (evaluation may still use them). The
    declaration line is removed from the text unless ``strip_declared`` is false (evaluation keeps
    it, as a reviewer would see it); ``meta["declared"]`` says what it declared.
    """
    if isinstance(sources, str | Path):
        sources = [sources]
    label_map = load_labels(labels) if isinstance(labels, str | Path) else labels
    stats = stats if stats is not None else LoadStats()
    count = 0
    for src in sources:
        p = Path(src)
        if not p.exists():
            raise ConfigurationError(f"corpus {src}: no such file or folder")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
            candidates: Iterable[tuple[str, Any]] = [("file", f) for f in files]
        elif _is_jsonl(p):
            candidates = (("rec", r) for r in _iter_jsonl(p))
        else:
            candidates = [("file", p)]
        for n, (kind, item) in enumerate(candidates):
            if limit is not None and count >= limit:
                return
            if kind == "rec":
                ex: Example | None = _from_record(item, p, n)
            elif _is_jsonl(item) or item.name.lower() in ("readme.md", "provenance.md"):
                continue
            else:
                ex = _from_file(item, stats)
            if ex is None:
                continue
            out = _finish(ex, label_map, from_annotation, stats, strip_declared)
            if out is None:
                continue
            stats.read += 1
            count += 1
            yield out
