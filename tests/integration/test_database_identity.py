"""Only OrderDesk's own database is opened, and only while it is still there (issue 11).

PostgreSQL: a database holding another program's tables is refused untouched; an empty one is set
up only when asked. SQLite: a store whose file is deleted or replaced under it refuses every use
case, and never lets SQLite create a fresh empty file in its place.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from orderdesk.bootstrap import open_store
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.services.orders import OrderFilter, list_orders
from orderdesk.store.engine import open_engine
from orderdesk.store.errors import StoreError


def _tables(url: str) -> set[str]:
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture
def pg_database(pg_server):  # noqa: ANN001, ANN201
    name = "identity_check"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


@pytest.mark.postgres
def test_a_postgresql_database_of_another_program_is_refused_untouched(pg_database):  # noqa: ANN001
    engine = open_engine(pg_database)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id int)"))
        conn.execute(text("INSERT INTO invoices VALUES (1)"))
    engine.dispose()

    for create in (False, True):  # not even `db upgrade` takes it over
        with pytest.raises(StoreError) as info:
            open_store(pg_database, create=create)
        assert "is not an OrderDesk database" in info.value.reason("en") and "invoices" in info.value.reason("en")
        assert "不是 OrderDesk 数据库" in info.value.reason("zh_CN")
    assert _tables(pg_database) == {"invoices"}


@pytest.mark.postgres
def test_an_empty_postgresql_database_is_set_up_only_when_asked(pg_database):  # noqa: ANN001
    with pytest.raises(StoreError) as info:
        open_store(pg_database)
    assert "db upgrade" in info.value.reason("en")
    assert _tables(pg_database) == set()

    open_store(pg_database, create=True).close()
    assert {"alembic_version", "orders", "users"} <= _tables(pg_database)


def test_a_store_whose_file_is_deleted_refuses_and_creates_nothing(db_url, tmp_path):  # noqa: ANN001
    if not db_url.startswith("sqlite"):
        pytest.skip("a file that can be deleted: SQLite only")
    path = Path(db_url.removeprefix("sqlite:///"))
    store = open_store(db_url)
    try:
        load_demo_master_data(store.make_uow)
        assert list_orders(store.make_uow, "system", OrderFilter()) == []  # works while the file is there
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        for _ in range(2):  # every later use case, read or write, on a pooled or a new connection
            with pytest.raises(StoreError) as info:
                list_orders(store.make_uow, "system", OrderFilter())
            assert "deleted, moved or replaced" in info.value.reason("en") and str(path) in info.value.reason("en")
            assert "已被删除" in info.value.reason("zh_CN")
        store.engine.dispose()  # even a brand-new connection is refused, not made on a new empty file
        with pytest.raises(StoreError):
            load_demo_master_data(store.make_uow)
    finally:
        store.close()
    assert not path.exists()


def test_a_store_whose_file_is_replaced_refuses(db_url, tmp_path):  # noqa: ANN001
    if not db_url.startswith("sqlite"):
        pytest.skip("a file that can be replaced: SQLite only")
    path = Path(db_url.removeprefix("sqlite:///"))
    other = tmp_path / "other.db"
    shutil.copy(path, other)
    store = open_store(db_url)
    try:
        list_orders(store.make_uow, "system", OrderFilter())
        other.replace(path)  # a restored backup dropped over the live file
        with pytest.raises(StoreError) as info:
            load_demo_master_data(store.make_uow)
        assert "replaced" in info.value.reason("en")
    finally:
        store.close()
    with sqlite3.connect(path) as conn:  # nothing was written into the new file
        assert conn.execute("SELECT count(*) FROM warehouses").fetchone()[0] == 0
    conn.close()
