"""Self-check of tests.helpers.postgres.TempPostgres against a real server."""

from __future__ import annotations

import os

import pytest

from tests.helpers.postgres import TempPostgres

pytestmark = pytest.mark.postgres


def test_temp_postgres_lifecycle() -> None:
    if not TempPostgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing on CI (scripts/bootstrap.sh --test installs them)")
        pytest.skip("PostgreSQL server binaries not installed (run scripts/bootstrap.sh --test)")

    import psycopg

    pg = TempPostgres()
    with pg:
        assert pg.data_dir is not None and pg.data_dir.is_dir()
        url = pg.create_database("orderdesk_check")
        assert url == f"postgresql+psycopg://postgres@127.0.0.1:{pg.port}/orderdesk_check"

        with psycopg.connect(
            host="127.0.0.1", port=pg.port, user="postgres", dbname="orderdesk_check", autocommit=True
        ) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
            conn.execute("create table marker (id int primary key, name text)")
            conn.execute("insert into marker values (1, '测试')")

        # The template copy carries the first database's contents.
        pg.create_database("orderdesk_copy", template="orderdesk_check")
        with pg.connect("orderdesk_copy") as conn:
            assert conn.execute("select name from marker where id = 1").fetchone() == ("测试",)
            assert conn.execute("show server_encoding").fetchone() == ("UTF8",)

        pg.drop_database("orderdesk_copy")
        with pg.connect() as conn:
            names = {row[0] for row in conn.execute("select datname from pg_database")}
        assert "orderdesk_check" in names and "orderdesk_copy" not in names
        data_dir = pg.data_dir

    assert not data_dir.exists()
    pg.stop()  # stopping twice is harmless
