"""Alembic, driven from code: bring a database to the app's schema, or say why it cannot be.

The app never works on a database it has not migrated: `ensure_schema` upgrades an older one
(after copying a SQLite file aside) and refuses one written by a newer OrderDesk.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from ..resources import migrations_path
from .db_errors import safe_detail
from .engine import WRITE_OPTION, display_url
from .errors import StoreError
from .sqlite_file import sqlite_failure, sqlite_path

PG_MIGRATION_LOCK = 748_201  # advisory lock id: one station migrates at a time


class SchemaState(StrEnum):
    EMPTY = "EMPTY"
    BEHIND = "BEHIND"
    CURRENT = "CURRENT"
    NEWER = "NEWER"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def known_revisions() -> set[str]:
    """Every revision this build ships: one of them in `alembic_version` marks an OrderDesk database."""
    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def schema_status(engine: Engine) -> SchemaStatus:
    """Compare the database's revision with the newest one this build knows."""
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    with connect(engine) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        return SchemaStatus(SchemaState.EMPTY, None, head)
    if current == head:
        return SchemaStatus(SchemaState.CURRENT, current, head)
    try:
        script.get_revision(current)
    except Exception:
        return SchemaStatus(SchemaState.NEWER, current, head)
    return SchemaStatus(SchemaState.BEHIND, current, head)


def upgrade(engine: Engine) -> SchemaStatus:
    """Run every pending migration; refuse a database from a newer OrderDesk."""
    status = schema_status(engine)
    if status.state is SchemaState.NEWER:
        raise newer_schema_error(status)
    if status.state is SchemaState.CURRENT:
        return status
    if status.state is SchemaState.BEHIND:
        backup_sqlite(engine, status.current or "old")
    try:
        with connect(engine) as conn:
            # A write transaction from the start (SQLite: BEGIN IMMEDIATE), so a file another program
            # holds is waited for up to the busy timeout instead of failing at the first DDL statement.
            conn.execution_options(**{WRITE_OPTION: True})
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATION_LOCK})
                conn.commit()
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATION_LOCK})
                conn.commit()
    except OperationalError as exc:
        raise lost_connection(engine, exc) from exc  # locked, read-only, disk full: said as such
    return schema_status(engine)


def ensure_schema(engine: Engine) -> SchemaStatus:
    """What every command does first: upgrade if needed, refuse a newer schema."""
    return upgrade(engine)


def newer_schema_error(status: SchemaStatus) -> StoreError:
    return StoreError(
        f"数据库由更新版本的 OrderDesk 创建（版本 {status.current}），请先升级本软件再打开。",
        f"This database was written by a newer OrderDesk (schema {status.current}, this build "
        f"knows up to {status.head}). Install the newer OrderDesk before opening it.",
    )


def backup_sqlite(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite file aside before migrating it, so a failed upgrade loses nothing."""
    src = sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None  # also a `file:` URI
    if src is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dst = src.with_name(f"{src.stem}.before-{revision}-{stamp}{src.suffix}")
    with connect(engine) as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(src, dst)
    return dst


def connect(engine: Engine):  # noqa: ANN201 - a Connection context manager
    """Open a connection, turning the usual failures into messages a person can act on."""
    try:
        return engine.connect()
    except OperationalError as exc:
        raise connection_error(engine, exc) from exc


def lost_connection(engine: Engine, exc: Exception) -> StoreError:
    """A use case's database call failed on the way: a full disk said as such; for SQLite said as
    what happened to the file (read-only, locked, gone), for a server as a lost connection."""
    detail = safe_detail(exc)  # never the statement or its values
    if _disk_full(exc, detail):
        err = StoreError(f"数据库所在的磁盘已满（{detail}），操作未完成，没有写入任何内容。请腾出磁盘空间后重试。",
                         f"The disk holding the database is full ({detail}); nothing was done. "
                         "Free some disk space and try again.")  # fmt: skip
    elif engine.dialect.name == "sqlite":
        err = connection_error(engine, exc)
    else:
        err = StoreError(f"与数据库的连接中断（{detail}），操作未完成，请检查网络后重试。",
                         f"The connection to the database was lost ({detail}); nothing was done. "
                         "Check the network and try again.")  # fmt: skip
    err.connection_lost = True  # type: ignore[attr-defined]
    return err


def _disk_full(exc: Exception, detail: str) -> bool:
    """SQLite's "database or disk is full", PostgreSQL's DiskFull (SQLSTATE 53100)."""
    return "disk is full" in detail or str(getattr(getattr(exc, "orig", None), "sqlstate", "")) == "53100"


def connection_error(engine: Engine, exc: Exception) -> StoreError:
    url = display_url(engine.url)
    detail = safe_detail(exc)  # never the statement or its values
    if engine.dialect.name == "sqlite":
        return sqlite_failure(url, detail)
    host = f"{engine.url.host or 'localhost'}:{engine.url.port or 5432}"
    return StoreError(
        f"无法连接 PostgreSQL 服务器 {host}：{detail}。请确认服务器已启动、地址和账号正确。",
        f"Cannot connect to the PostgreSQL server at {host}: {detail}. "
        "Check that it is running and that the address and user are right.",
    )

