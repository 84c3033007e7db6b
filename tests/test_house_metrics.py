"""scripts/house_metrics.py: it finds package cycles (lazy and TYPE_CHECKING imports count), and the
repository has none."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("house_metrics", ROOT / "scripts" / "house_metrics.py")
assert spec and spec.loader
house_metrics = importlib.util.module_from_spec(spec)
sys.modules["house_metrics"] = house_metrics  # its dataclasses look their module up there
spec.loader.exec_module(house_metrics)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {"src/gkreview/__init__.py": "", "service/__init__.py": "", **files}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def test_a_lazy_import_back_is_a_cycle(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "src/gkreview/a/__init__.py": "from gkreview.b import thing\n",
            "src/gkreview/b.py": "def thing():\n    from gkreview.a import other\n    return other\n",
            "src/gkreview/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from gkreview.a import x\n",
        },
    )
    res = house_metrics.measure(root, top=5)
    assert [c["packages"] for c in res["cycles"]] == [["gkreview.a", "gkreview.b"]]
    assert res["longest_functions"][0]["function"] == "thing"


def test_a_type_checking_import_back_is_a_cycle(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "src/gkreview/a.py": "from gkreview import b\n",
            "src/gkreview/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from gkreview.a import x\n",
        },
    )
    assert [c["packages"] for c in house_metrics.measure(root, top=1)["cycles"]] == [
        ["gkreview.a", "gkreview.b"]
    ]


def test_the_repository_has_no_package_cycle() -> None:
    assert house_metrics.measure(ROOT, top=1)["cycles"] == []
