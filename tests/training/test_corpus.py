"""Loading training corpora: JSONL, folders of documents, labels files, labels from the 附注."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from gkreview.errors import ConfigurationError
from gkreview.training.corpus import LoadStats, load, load_labels, split_key, split_of
from tests.conftest import iter_corpus

NOTICE = "关于加强城市道路管理的通知\n各区县人民政府：\n现就有关事项通知如下。\n某市人民政府\n2024年3月1日\n（此件公开发布）\n"


def _jsonl(path: Path, rows: list[dict[str, object]], gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if gz:
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, "utf-8")
    return path


def test_jsonl_records_keep_their_labels(tmp_path: Path) -> None:
    f = _jsonl(
        tmp_path / "c.jsonl.gz", [{"id": "a", "title": "T", "text": "正文", "label": "主动公开"}], gz=True
    )
    (ex,) = load(f)
    assert (ex.id, ex.label, ex.label_source, ex.title) == ("a", "active", "record", "T")


def test_label_from_the_annotation_is_removed_from_the_text(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": NOTICE}, {"id": "b", "text": "无标注的文件"}])
    stats = LoadStats()
    a, b = load(f, stats=stats)
    assert (a.label, a.label_source) == ("active", "annotation")
    assert "此件公开发布" not in a.text and "2024年3月1日" in a.text
    assert b.label is None
    assert stats.unlabelled == 1 and stats.read == 2


@pytest.mark.parametrize(
    ("form", "label"),
    [
        ("（此件依申请公开）", "on_request"),
        ("（此件不予公开）", "withheld"),
        ("公开方式：主动公开", "active"),
        ("（此件删减后公开）", "active"),
    ],
)
def test_annotation_forms(tmp_path: Path, form: str, label: str) -> None:
    f = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": f"正文。\n2024年1月1日\n{form}"}])
    (ex,) = load(f)
    assert ex.label == label and form not in ex.text


def test_annotation_can_be_kept_for_evaluation(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": NOTICE}])
    (ex,) = load(f, strip_declared=False)
    assert "（此件公开发布）" in ex.text and ex.meta["declared"] == "active"


def test_folder_with_service_export_labels(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("关于追加经费的请示\n妥否，请批示。\n", "utf-8")
    (docs / "b.txt").write_text(NOTICE, "utf-8")
    sha_a = hashlib.sha256((docs / "a.txt").read_bytes()).hexdigest()
    labels = tmp_path / "decisions.csv"
    labels.write_text(f"sha256,name,final_attribute,reviewer\n{sha_a},a.txt,不予公开,张某\n", "utf-8")
    got = {Path(e.path or "").name: e for e in load(docs, labels=labels)}
    assert (got["a.txt"].label, got["a.txt"].label_source) == ("withheld", "labels_file")
    assert (got["b.txt"].label, got["b.txt"].label_source) == ("active", "annotation")
    assert "此件公开发布" not in got["b.txt"].text


def test_labels_file_overrides_the_annotation(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": NOTICE}])
    labels = _jsonl(tmp_path / "l.jsonl", [{"id": "a", "label": "on_request"}])
    (ex,) = load(f, labels=labels)
    assert (ex.label, ex.label_source) == ("on_request", "labels_file")


def test_labels_file_keys(tmp_path: Path) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text("path,label\n/archive/2020/x.docx,依申请公开\n", "utf-8")
    assert load_labels(labels) == {"/archive/2020/x.docx": "on_request", "x.docx": "on_request"}


def test_unknown_label_is_a_configuration_error(tmp_path: Path) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text("id,label\na,maybe\n", "utf-8")
    with pytest.raises(ConfigurationError, match="unknown label 'maybe'"):
        load_labels(labels)


def test_missing_corpus_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no such file"):
        list(load(tmp_path / "nothing.jsonl"))


def test_split_is_stable_and_keeps_duplicate_titles_together() -> None:
    assert split_of("law-1") == split_of("law-1")
    shares = [split_of(f"doc-{i}") for i in range(2000)]
    assert 0.15 < shares.count("test") / 2000 < 0.25
    assert split_key("law-a", "中华人民共和国公路法") == split_key("ww-b", "中华人民共和国 公路法")
    assert split_key("syn-1", "询问笔录", synthetic=True) != split_key("syn-2", "询问笔录", synthetic=True)


def test_real_corpus_records_load_with_their_declarations_removed(tmp_path: Path) -> None:
    rows = [r for r in iter_corpus("govcn_statecouncil") if r.get("declared")][:3]
    f = _jsonl(tmp_path / "real.jsonl", rows)
    for ex in load(f):
        assert ex.label == "active" and not ex.synthetic
        assert "此件公开发布" not in ex.text
