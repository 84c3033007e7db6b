"""Real published texts rendered by scripts/render.py into each format and read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gkreview.readers import extract
from tests.conftest import iter_corpus
from tests.readers._util import load_render, squeeze

render = load_render()

WRITERS: dict[str, Any] = {
    "pdf": render.write_pdf,
    "docx": render.write_docx,
    "ofd": render.write_ofd,
    "txt": lambda text, path: render.write_txt(text, path, "gb18030"),
}


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    out = []
    for corpus, n in (("govcn_statecouncil", 3), ("lawrefbook", 2), ("policies_central_shandong", 2)):
        for doc in iter_corpus(corpus, limit=n):
            text = "\n".join(render.paragraphs(doc["text"]))[:6000]
            out.append((doc["id"], text))
    return out


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_real_texts_read_back_character_exact(fmt: str, texts: list[tuple[str, str]], tmp_path: Path) -> None:
    for doc_id, text in texts:
        try:
            text.encode("gb18030")
        except UnicodeEncodeError:
            continue
        path = tmp_path / f"{doc_id}.{fmt}"
        WRITERS[fmt](text, path)
        doc = extract(path)
        assert (doc.format, doc.status) == (fmt, "ok"), (doc_id, doc.error)
        assert squeeze(doc.text) == squeeze(text), doc_id
