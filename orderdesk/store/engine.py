"""One way to open SQLite (one PC) or PostgreSQL (shared stations), with the same behaviour.

SQLite gets WAL, foreign keys and a busy timeout; write transactions start with BEGIN IMMEDIATE
so two writers queue instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from .errors import StoreError
from .sqlite_file import FileGuard, sqlite_path

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CACHE_KIB = 64 * 1024
WRITE_OPTION = "orderdesk_write"


POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg"}  # what people paste from their hosting panel
_PASSWORD_IN_TEXT = re.compile(r"(://[^/@:\s]*:)\S*(@)|((?:^|[?&\s])password=)[^&\s]*", re.IGNORECASE)


def display_url(url: str | URL) -> str:
    """The URL as it may be shown or logged: never its password (user:***@host, password=***)."""
    try:
        text = (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        text = _mask_credentials(str(url))
    return _PASSWORD_IN_TEXT.sub(lambda m: f"{m[1]}***{m[2]}" if m[1] else f"{m[3]}***", text)


def _mask_credentials(text: str) -> str:
    """A URL SQLAlchemy cannot read: whatever stands before its last '@' may hold a password."""
    head, at, tail = text.rpartition("@")
    if not at:
        return text
    scheme = head[: head.index("//") + 2] if "//" in head else ""
    return f"{scheme}***@{tail}"


def open_engine(url: str, create: bool = False) -> Engine:
    """Create an engine for `url`, or raise StoreError saying what is wrong with it (without its password).

    Only `create` makes a missing SQLite file's folder; connecting never happens here, so the
    caller can look at the file first (store/identity.py).
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        shown = display_url(url)
        raise StoreError(f"数据库地址无法识别：{shown}", f"Cannot read the database URL: {shown}") from exc
    if parsed.drivername in POSTGRES_SCHEMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, create)
    if backend == "postgresql":
        try:
            return create_engine(parsed, pool_pre_ping=True, hide_parameters=True, connect_args={"connect_timeout": 5})
        except (NoSuchModuleError, ImportError) as exc:  # e.g. postgresql+psycopg2 without psycopg2
            raise _unsupported(url) from exc
    raise _unsupported(url)


def _unsupported(url: str) -> StoreError:
    shown = display_url(url)
    return StoreError(
        f"不支持的数据库：{shown}。请使用 sqlite:///文件路径 或 postgresql://用户@主机/库名",
        f"Unsupported database: {shown}. Use sqlite:///path/to/file.db or postgresql://user@host/dbname",
    )


def _sqlite_engine(parsed: Any, create: bool) -> Engine:
    path = sqlite_path(parsed)
    if path is not None and create:
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"无法创建数据库文件夹 {folder}：{exc.strerror or exc}。请检查路径和权限。",
                f"Cannot create the folder for the database file {folder}: {exc.strerror or exc}. "
                "Check the path and permissions.",
            ) from exc
    engine = create_engine(parsed, hide_parameters=True, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    guard = FileGuard(path) if path is not None else None

    @event.listens_for(engine, "do_connect")
    def _before_connect(*_args: Any) -> None:
        if guard is not None:
            guard.check()  # never let SQLite create a fresh empty file where ours was

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")  # the hot indexes of a big shop stay in memory
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()
        if guard is not None:
            guard.remember()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if guard is not None:
            guard.check()  # a stat per transaction: the file must still be the one we opened
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
