"""The file behind a SQLite URL: where it is, what it holds (read without changing it), whether it
is still the file the app opened, and what SQLite's error texts mean for the person at the desk."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy.engine import URL

from .errors import StoreError


def sqlite_path(url: URL) -> Path | None:
    """The file a SQLite URL names (plain path or `file:` URI); None for an in-memory database."""
    name = url.database or ""
    if name.startswith("file:") and str(url.query.get("uri", "")).lower() in ("true", "1"):
        if str(url.query.get("mode", "")) == "memory":
            return None
        name = unquote(name.removeprefix("file:").split("?", 1)[0])
        name = name.removeprefix("//localhost") if name.startswith("//localhost/") else name.removeprefix("//")
    if not name or name == ":memory:":
        return None
    return Path(name)


def read_tables(path: Path) -> tuple[set[str], str | None]:
    """The table and view names in the file and its Alembic revision, read through a read-only
    connection so a file that is not ours is not switched to WAL or otherwise touched.

    Raises sqlite3.DatabaseError when the file is not a SQLite database at all.
    """
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
        tables = {r[0] for r in rows if not r[0].startswith("sqlite_")}
        revision = None
        if "alembic_version" in tables:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        return tables, revision
    finally:
        conn.close()


def file_identity(path: Path) -> tuple[int, int] | None:
    """Device and inode: a file deleted and made again at the same path has another identity."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class FileGuard:
    """Remembers which file a SQLite engine opened and refuses to go on once the path no longer
    leads to it (deleted, moved, replaced): a long-running station must not write into a deleted
    inode nor let SQLite quietly create an empty database in its place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity: tuple[int, int] | None = None

    def remember(self) -> None:
        if self.identity is None:
            self.identity = file_identity(self.path)

    def check(self) -> None:
        if self.identity is not None and file_identity(self.path) != self.identity:
            raise DatabaseFileGone(self.path)


class DatabaseFileGone(StoreError):
    """The database file this process opened was deleted or replaced while it ran."""

    database_gone = True

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库文件 {path} 已被删除、移动或替换，本次操作未执行，也未记录。"
            "请停止工作，恢复该文件（或确认新文件无误）后重新启动 OrderDesk。",
            f"The database file {path} was deleted, moved or replaced while OrderDesk was running; "
            "nothing was done or recorded. Stop, put the file back (or check the new one), "
            "then restart OrderDesk.",
        )


def sqlite_failure(url: str, detail: str) -> StoreError:
    """What SQLite's error text means: read-only, disk full, locked, or a file that cannot be opened."""
    text = detail.lower()
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"数据库文件是只读的：{url}，操作未完成。请检查文件权限，或其所在磁盘是否以只读方式挂载。",
            f"The database file is read-only: {url}; nothing was done. Check the file's permissions, "
            "or whether its disk is mounted read-only.",
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(
            f"数据库所在的磁盘已满：{url}，操作未完成。请清理磁盘空间后重试。",
            f"The disk holding the database {url} is full; nothing was done. Free some space and try again.",
        )
    if "locked" in text:
        return StoreError(
            f"数据库文件被其他程序锁定：{url}。请关闭占用它的程序后重试。",
            f"The database file is locked by another program: {url}. Close it and try again.",
        )
    if "disk i/o error" in text:
        return StoreError(
            f"读写数据库文件 {url} 时出错（{detail}），操作未完成。文件可能已被删除或移动，或磁盘已断开。",
            f"Reading or writing the database file {url} failed ({detail}); nothing was done. "
            "The file may have been deleted or moved, or its disk disconnected.",
        )
    return StoreError(
        f"无法打开数据库文件 {url}：{detail}。请检查路径和权限，以及文件和磁盘是否还在。",
        f"Cannot open the database file {url}: {detail}. Check the path and permissions, "
        "and that the file and its disk are still there.",
    )
