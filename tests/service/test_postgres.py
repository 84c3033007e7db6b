"""The review record on PostgreSQL: migrations and a decision round trip.

Runs when GKREVIEW_TEST_DATABASE_URL names an empty PostgreSQL database, e.g.
``postgresql+psycopg://gkreview_test:gkreview_test@127.0.0.1/gkreview_test`` (the test drops its table).
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

URL = os.environ.get("GKREVIEW_TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason="set GKREVIEW_TEST_DATABASE_URL to a PostgreSQL database to run"
)


@pytest.fixture
def pg_url():
    pytest.importorskip("psycopg")
    from service.db import alembic_config, make_engine

    yield URL
    engine = make_engine(URL)
    try:
        from alembic import command

        command.downgrade(alembic_config(engine), "base")
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    finally:
        engine.dispose()


def test_migrations_and_a_decision_on_postgres(pg_url, make_client):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from service.models import Base

    c = make_client(database_url=pg_url)
    engine = c.app.state.gkreview.db.engine
    assert "review_decisions" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    r = c.post("/v1/review/text", json={"text": "关于印发某办法的通知\n各单位：……", "name": "pg.txt"})
    assert r.status_code == 200
    d = c.post(
        "/v1/decisions",
        json={
            "review_id": r.json()["review_id"],
            "final_attribute": "withheld",
            "reason": "过程性信息",
            "reviewer": "张三",
        },
    )
    assert d.status_code == 201, d.text
    listed = c.get("/v1/decisions", params={"attribute": "withheld"}).json()
    assert [x["record_id"] for x in listed["items"]] == [d.json()["record_id"]]
    assert listed["items"][0]["decided_at"].endswith("Z") or "+00:00" in listed["items"][0]["decided_at"]
    assert "过程性信息" in c.get("/v1/decisions.csv").text
