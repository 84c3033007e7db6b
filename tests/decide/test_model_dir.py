"""Where ``model="default"`` is found: env, source checkout, sys.prefix data-files, package data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gkreview.decide import model as model_mod
from gkreview.decide.model import SIDECAR, default_model_dir, model_dir_candidates


def _model(d: Path) -> Path:
    d.mkdir(parents=True)
    (d / SIDECAR).write_text("{}", encoding="utf-8")
    return d


@pytest.fixture
def fake_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site-packages layout with no source checkout above it, and an empty sys.prefix."""
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    module = site / "gkreview" / "decide" / "model.py"
    module.parent.mkdir(parents=True)
    module.write_text("", encoding="utf-8")
    monkeypatch.setattr(model_mod, "__file__", str(module))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.delenv("GKREVIEW_MODEL", raising=False)
    return tmp_path


def test_non_editable_install_finds_the_data_files_copy(fake_install: Path) -> None:
    assert default_model_dir() is None
    shared = _model(fake_install / "venv" / "share" / "gkreview" / "models" / "default")
    assert default_model_dir() == shared


def test_lookup_order(fake_install: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = fake_install / "venv" / "lib" / "python3.11" / "site-packages"
    package = _model(site / "gkreview" / "data" / "models" / "default")
    assert default_model_dir() == package
    shared = _model(fake_install / "venv" / "share" / "gkreview" / "models" / "default")
    assert default_model_dir() == shared  # sys.prefix before package data
    checkout = _model(site.parent / "models" / "default")  # parents[3] of the module: a src/ layout
    assert default_model_dir() == checkout  # a source checkout before sys.prefix
    env = _model(fake_install / "mine")
    monkeypatch.setenv("GKREVIEW_MODEL", str(env))
    assert default_model_dir() == env  # $GKREVIEW_MODEL first
    assert model_dir_candidates() == [env, checkout, shared, package]


def test_the_repository_model_is_found_in_the_editable_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GKREVIEW_MODEL", raising=False)
    found = default_model_dir()
    assert found is not None and found == Path(__file__).resolve().parents[2] / "models" / "default"
