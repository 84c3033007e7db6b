"""Migrations: a fresh database is brought to head, the models match them, downgrade works."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from service.db import Database, make_engine, upgrade
from service.models import Base


def test_upgrade_creates_the_record_table_and_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path}/sub/r.sqlite3"
    db = Database(url)
    try:
        assert "review_decisions" in inspect(db.engine).get_table_names()
        upgrade(db.engine)  # again: nothing to do
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0001"
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.dispose()
    assert (tmp_path / "sub").stat().st_mode & 0o077 == 0  # the record's folder is private


def test_models_match_the_migrations(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/r.sqlite3")
    try:
        upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_downgrade_to_base_drops_the_table(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/r.sqlite3")
    try:
        upgrade(engine)
        upgrade_to_base(engine)
        assert "review_decisions" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def upgrade_to_base(engine):
    from alembic import command

    from service.db import alembic_config

    command.downgrade(alembic_config(engine), "base")


def test_a_bad_database_url_is_a_configuration_error(tmp_path):
    import pytest

    from gkreview.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        make_engine("not a url")
    with pytest.raises(ConfigurationError):
        make_engine("nosuchdialect://x/y")
