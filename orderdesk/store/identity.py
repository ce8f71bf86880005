"""Is the database a URL points at an OrderDesk one? Asked before anything writes to it.

An OrderDesk database has an `alembic_version` table and either one of our revisions in it or our
core tables (a database from a newer OrderDesk has a revision we do not know, but our tables). A
database holding anything else belongs to another program and is refused untouched; a missing or
empty one is set up only when the caller asks for it (`db upgrade`, `demo`, the app's first start).
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from sqlalchemy import Engine, inspect, text

from .errors import StoreError
from .migrate import connect, connection_error
from .sqlite_file import read_tables, sqlite_path

CORE_TABLES = frozenset({"alembic_version", "orders", "order_lines", "order_events", "users"})


class DbKind(StrEnum):
    MISSING = "MISSING"
    EMPTY = "EMPTY"
    ORDERDESK = "ORDERDESK"
    FOREIGN = "FOREIGN"


def classify(tables: set[str], revision: str | None, known: set[str]) -> DbKind:
    """The kind of database these tables and this Alembic revision make."""
    if not tables:
        return DbKind.EMPTY
    if "alembic_version" in tables and (revision in known or CORE_TABLES <= tables):
        return DbKind.ORDERDESK
    return DbKind.FOREIGN


def check_database(engine: Engine, known: set[str], create: bool) -> DbKind:
    """Refuse a database that is not ours, and a missing or empty one unless `create` is asked.

    For SQLite this reads the file before the engine ever connects (its connect hook switches the
    file to WAL), so a refused file is left exactly as it was.
    """
    url = engine.url.render_as_string(hide_password=True)
    kind, tables = _inspect(engine, known)
    if kind is DbKind.FOREIGN:
        raise foreign_database_error(url, tables)
    if kind in (DbKind.MISSING, DbKind.EMPTY) and not create:
        raise no_database_error(url, kind)
    return kind


def _inspect(engine: Engine, known: set[str]) -> tuple[DbKind, set[str]]:
    if engine.dialect.name == "sqlite":
        path = sqlite_path(engine.url)
        if path is None:
            return DbKind.EMPTY, set()  # in memory: always new
        if not path.exists():
            return DbKind.MISSING, set()
        try:
            tables, revision = read_tables(path)
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                return DbKind.FOREIGN, set()
            raise connection_error(engine, exc) from exc
        return classify(tables, revision, known), tables
    return _inspect_server(engine, known)


def _inspect_server(engine: Engine, known: set[str]) -> tuple[DbKind, set[str]]:
    with connect(engine) as conn:
        insp = inspect(conn)
        tables = set(insp.get_table_names()) | set(insp.get_view_names())
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return classify(tables, revision, known), tables


def foreign_database_error(url: str, tables: set[str]) -> StoreError:
    shown = ", ".join(sorted(tables)[:5]) + ("…" if len(tables) > 5 else "")
    what_zh = f"其中是其他程序的数据表：{shown}" if tables else "它不是 SQLite 数据库文件"
    what_en = f"it holds another program's tables: {shown}" if tables else "it is not a SQLite database file"
    return StoreError(
        f"{url} 不是 OrderDesk 数据库（{what_zh}），未做任何改动。请检查数据库地址（--db）。",
        f"{url} is not an OrderDesk database ({what_en}); it was left untouched. Check the database address (--db).",
    )


def no_database_error(url: str, kind: DbKind) -> StoreError:
    zh = "是一个空数据库，还不是 OrderDesk 数据库" if kind is DbKind.EMPTY else "处没有 OrderDesk 数据库"
    en = "is an empty database, not yet an OrderDesk one" if kind is DbKind.EMPTY else "holds no OrderDesk database"
    return StoreError(
        f"{url} {zh}，未做任何改动。要在这里新建 OrderDesk 数据库，请运行：orderdesk --db {url} db upgrade",
        f"{url} {en}; nothing was changed. To create an OrderDesk database there, run: "
        f"orderdesk --db {url} db upgrade",
    )
