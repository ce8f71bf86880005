"""Migrations on a real database: the schema matches the models, upgrades are safe, bad input is refused.

Every failure a person can cause (a wrong URL, a server that is down, a locked file, a database
from a newer OrderDesk) must end in a StoreError with a readable reason, never a traceback.
"""

from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from orderdesk.bootstrap import open_store
from orderdesk.demo.seed import load_demo_master_data, seed_demo
from orderdesk.store import models
from orderdesk.store.engine import SQLITE_BUSY_TIMEOUT_MS, open_engine
from orderdesk.store.errors import StoreError
from orderdesk.store.migrate import (
    SchemaState,
    backup_sqlite,
    head_revision,
    schema_status,
    upgrade,
)

BUSY_TIMEOUT_S = SQLITE_BUSY_TIMEOUT_MS / 1000
FUTURE = "9999_future"


def _snapshot(url: str) -> dict[str, object]:
    """What a refused open must not change: tables, their columns, the revision and the users."""
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            tables = {t: sorted(c["name"] for c in insp.get_columns(t)) for t in sorted(insp.get_table_names())}
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            users = conn.execute(text("SELECT id, username FROM users ORDER BY id")).all()
    finally:
        engine.dispose()
    return {"tables": tables, "version": version, "users": [tuple(u) for u in users]}


def _free_port() -> int:
    """A port nobody listens on: bound for a moment, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the migrated schema ----------------------------------------------------------------------


def test_migrated_schema_matches_the_models_exactly(db_url):
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, models.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_fresh_database_is_migrated_to_head(sqlite_url):
    engine = open_engine(sqlite_url)
    try:
        assert schema_status(engine).state is SchemaState.EMPTY
        after = upgrade(engine)
    finally:
        engine.dispose()
    assert (after.state, after.current, after.head) == (SchemaState.CURRENT, head_revision(), head_revision())


def test_upgrade_of_current_database_is_a_no_op(db_url):
    engine = open_engine(db_url)
    try:
        before = schema_status(engine)
        assert before.state is SchemaState.CURRENT
        tables_before = sorted(inspect(engine).get_table_names())
        for _ in range(2):
            assert upgrade(engine) == before
        with engine.connect() as conn:
            systems = conn.execute(text("SELECT count(*) FROM users WHERE username = 'system'")).scalar_one()
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert sorted(inspect(engine).get_table_names()) == tables_before
    finally:
        engine.dispose()
    assert systems == 1
    assert versions == [head_revision()]


def test_open_store_twice_keeps_one_system_user(db_url):
    for _ in range(2):
        open_store(db_url).close()
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT username, role, active FROM users")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("system", "system", True)]


def test_database_from_a_newer_orderdesk_is_refused_and_left_alone(db_url):
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    engine.dispose()
    before = _snapshot(db_url)

    with pytest.raises(StoreError) as info:
        open_store(db_url)
    assert "newer" in info.value.reason("en") and FUTURE in info.value.reason("en")
    assert "更新版本" in info.value.reason("zh_CN")

    engine = open_engine(db_url)
    try:
        assert schema_status(engine).state is SchemaState.NEWER
        with pytest.raises(StoreError):
            upgrade(engine)
    finally:
        engine.dispose()
    assert _snapshot(db_url) == before


# -- backups before migrating a SQLite file ---------------------------------------------------


def test_backup_sqlite_copies_the_file_with_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    store = open_store(url, create=True)
    try:
        report = seed_demo(store.make_uow, 40, seed=5)
        assert report.created == 40
        copy = backup_sqlite(store.engine, "x")
    finally:
        store.close()

    assert copy is not None and copy.exists()
    assert copy.parent == tmp_path and copy.name.startswith("shop.before-x-") and copy.suffix == ".db"

    def counts(path: Path) -> dict[str, int]:
        conn = sqlite3.connect(path)
        try:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                    for t in ("orders", "order_lines", "order_events", "users", "alembic_version")}  # fmt: skip
        finally:
            conn.close()

    original = counts(tmp_path / "shop.db")
    assert original["orders"] == 40
    assert counts(copy) == original
    # The copy is a complete database on its own (the WAL was checkpointed before copying).
    assert schema_status(open_engine(f"sqlite:///{copy}")).state is SchemaState.CURRENT


@pytest.mark.postgres
def test_backup_sqlite_does_nothing_for_postgresql(pg_server):
    engine = open_engine(pg_server.create_database("backup_check"))
    try:
        assert backup_sqlite(engine, "x") is None
    finally:
        engine.dispose()
        pg_server.drop_database("backup_check")


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["mysql://u@h/db", "mysql+pymysql://u:pw@h/db", "oracle://x@y/z"])
def test_unsupported_database_is_refused(url):
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "Unsupported" in info.value.reason("en")
    assert "不支持" in info.value.reason("zh_CN")
    assert "sqlite:///" in info.value.reason("en")  # says what would work


@pytest.mark.parametrize("url", ["nonsense", "", "://"])
def test_unreadable_url_is_refused(url):
    # Not "Unsupported": the URL cannot even be parsed, and the message says so.
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "Cannot read the database URL" in info.value.reason("en")
    assert "无法识别" in info.value.reason("zh_CN")


@pytest.mark.parametrize("scheme", ["postgresql", "postgresql+psycopg"])
def test_postgresql_server_not_listening_is_reported_quickly(scheme):
    port = _free_port()
    t = time.monotonic()
    with pytest.raises(StoreError) as info:
        open_store(f"{scheme}://postgres@127.0.0.1:{port}/orderdesk")
    assert time.monotonic() - t < 10
    assert "Cannot connect to the PostgreSQL server" in info.value.reason("en")
    assert f"127.0.0.1:{port}" in info.value.reason("en")
    assert "无法连接 PostgreSQL 服务器" in info.value.reason("zh_CN")


@pytest.mark.postgres
def test_postgresql_database_that_does_not_exist_is_reported(pg_server):
    with pytest.raises(StoreError) as info:
        open_store(pg_server.url("no_such_database"))
    assert "Cannot connect to the PostgreSQL server" in info.value.reason("en")
    assert "no_such_database" in info.value.reason("en")


def test_sqlite_folder_that_cannot_be_created_is_refused():
    with pytest.raises(StoreError) as info:
        open_store("sqlite:////proc/forbidden/x.db", create=True)
    assert "/proc/forbidden" in info.value.reason("en")
    assert "/proc/forbidden" in info.value.reason("zh_CN")


def test_sqlite_file_that_cannot_be_created_is_refused():
    with pytest.raises(StoreError) as info:
        open_store("sqlite:////proc/x.db", create=True)  # the folder exists, but nobody may create files in it
    assert "Cannot open the database file" in info.value.reason("en")


@pytest.mark.slow
def test_write_to_a_locked_sqlite_file_fails_with_a_clear_message(tmp_path):
    path = tmp_path / "locked.db"
    store = open_store(f"sqlite:///{path}", create=True)
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        t = time.monotonic()
        with pytest.raises(StoreError) as info:
            load_demo_master_data(store.make_uow)
        elapsed = time.monotonic() - t
        assert BUSY_TIMEOUT_S - 0.5 <= elapsed < BUSY_TIMEOUT_S + 3  # waited for the lock, then gave up
        assert "locked" in info.value.reason("en") and str(path) in info.value.reason("en")
        assert "锁定" in info.value.reason("zh_CN")
        holder.execute("ROLLBACK")
        # Once the other program lets go, the same store works again.
        load_demo_master_data(store.make_uow)
    finally:
        holder.close()
        store.close()


@pytest.mark.slow
def test_migrating_a_locked_sqlite_file_fails_with_a_clear_message(tmp_path):
    path = tmp_path / "locked-empty.db"
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        holder.execute("PRAGMA journal_mode=WAL")  # an empty database another OrderDesk is about to set up
        holder.execute("BEGIN EXCLUSIVE")
        t = time.monotonic()
        with pytest.raises(StoreError) as info:
            open_store(f"sqlite:///{path}", create=True)
        assert time.monotonic() - t < BUSY_TIMEOUT_S + 3
        assert "locked" in info.value.reason("en")
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    store = open_store(f"sqlite:///{path}", create=True)  # and once released, the migration goes through
    try:
        assert store.schema.state is SchemaState.CURRENT
    finally:
        store.close()
