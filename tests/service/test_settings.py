"""Settings from the environment, the loopback rule, and `gkreview serve`'s refusals."""

from __future__ import annotations

import pytest

from gkreview.cli import main
from gkreview.errors import ConfigurationError
from service.settings import Settings, ensure_safe_bind, is_loopback


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GKREVIEW_API_KEY", "k1-made-up-0123456789")
    monkeypatch.setenv("GKREVIEW_MAX_UPLOAD_BYTES", "1234")
    monkeypatch.setenv("GKREVIEW_REQUEST_TIMEOUT_S", "2.5")
    monkeypatch.setenv("GKREVIEW_DATA_DIR", str(tmp_path))
    s = Settings()
    assert s.key == "k1-made-up-0123456789"
    assert s.max_upload_bytes == 1234
    assert s.request_timeout_s == 2.5
    assert s.sqlalchemy_url == f"sqlite:///{tmp_path.as_posix()}/reviews.sqlite3"
    assert "k1" not in repr(s)  # the key is a secret


def test_a_database_url_wins_over_the_sqlite_default(monkeypatch):
    monkeypatch.setenv("GKREVIEW_DATABASE_URL", "postgresql+psycopg://u@db/gk")
    assert Settings().sqlalchemy_url == "postgresql+psycopg://u@db/gk"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_non_loopback_without_a_key_is_refused(monkeypatch):
    monkeypatch.delenv("GKREVIEW_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="GKREVIEW_API_KEY"):
        ensure_safe_bind(Settings(host="0.0.0.0"))
    ensure_safe_bind(Settings(host="0.0.0.0", api_key="a-made-up-key-0123456789"))
    ensure_safe_bind(Settings(host="127.0.0.1"))


def test_serve_refuses_a_public_address_without_a_key(monkeypatch, capsys):
    monkeypatch.delenv("GKREVIEW_API_KEY", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "9"]) == 2
    assert "GKREVIEW_API_KEY" in capsys.readouterr().err


def test_serve_rejects_bad_settings(monkeypatch, capsys):
    monkeypatch.setenv("GKREVIEW_MAX_UPLOAD_BYTES", "-1")
    assert main(["serve"]) == 2
    assert "settings" in capsys.readouterr().err


def test_serve_is_a_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0
    assert "--host" in capsys.readouterr().out


def test_import_gkreview_and_its_cli_needs_no_service_libraries():
    import subprocess
    import sys

    code = (
        "import sys, gkreview, gkreview.cli; gkreview.cli.build_parser(); "
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'sqlalchemy', 'alembic', 'pydantic_settings') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("key", ["   ", "\t\n", "short-key", "0123456789abcde", "  0123456789abcde  "])
def test_a_blank_or_short_key_is_refused_and_never_opens_a_public_address(monkeypatch, capsys, key):
    monkeypatch.setenv("GKREVIEW_API_KEY", key)
    assert main(["serve", "--host", "0.0.0.0", "--port", "9"]) == 2
    err = capsys.readouterr().err
    assert "GKREVIEW_API_KEY is too short" in err
    assert key.strip() not in err or not key.strip()  # the key itself is never printed


def test_a_key_is_trimmed_and_an_empty_one_means_none():
    assert Settings(api_key="  0123456789abcdef\n").key == "0123456789abcdef"
    assert Settings(api_key="").key is None
