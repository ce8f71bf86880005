"""Back up and restore a whole database: SQLite through its online backup API (consistent while
stations keep working), PostgreSQL through `pg_dump` when it is installed.

A restore refuses a file that is not an OrderDesk database or that a newer OrderDesk wrote, and
keeps the database it replaces next to it first; an older backup is migrated after the restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine

from ..domain.backups import backup_name, backups_to_delete
from .engine import display_url
from .errors import StoreError
from .migrate import SchemaStatus, known_revisions, upgrade
from .sqlite_file import read_tables, sqlite_path

PG_DUMP_TIMEOUT_S = 3600


def backup_database(engine: Engine, dest: Path) -> Path:
    """Write a complete copy of the database to `dest` (a new file; never half written)."""
    dest = Path(dest)
    if dest.exists():
        raise StoreError(f"文件已存在：{dest}（请换一个文件名，备份不会覆盖文件）",
                         f"{dest} already exists (choose another name; a backup never overwrites a file)")  # fmt: skip
    if not dest.parent.is_dir():
        raise StoreError(f"文件夹不存在：{dest.parent}（请先建好文件夹，或换一个位置）",
                         f"No such folder: {dest.parent} (create it first or choose another place)")  # fmt: skip
    if engine.dialect.name == "postgresql":
        return _pg_dump(engine, dest)
    partial = dest.with_name(dest.name + ".partial")
    try:
        _sqlite_copy(engine, partial)
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    return dest


def _sqlite_copy(engine: Engine, dest: Path) -> None:
    target = sqlite3.connect(dest)
    raw = engine.raw_connection()
    try:
        raw.driver_connection.backup(target)  # type: ignore[union-attr] - sqlite3.Connection
    finally:
        raw.close()
        target.close()


def _pg_dump(engine: Engine, dest: Path) -> Path:
    exe = shutil.which("pg_dump")
    if exe is None:
        raise StoreError(
            "未找到 pg_dump，无法备份 PostgreSQL 数据库。请在服务器上运行：pg_dump -Fc -f 备份文件 数据库名"
            "（或安装 PostgreSQL 客户端工具后重试）。",
            "pg_dump was not found, so the PostgreSQL database cannot be backed up from here. On the server run: "
            "pg_dump -Fc -f BACKUP_FILE DATABASE (or install the PostgreSQL client tools and try again).",
        )
    url = engine.url
    env = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    args = [exe, "-Fc", "-f", str(dest), "-h", url.host or "localhost", "-p", str(url.port or 5432),
            "-U", url.username or "postgres", url.database or ""]  # fmt: skip
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=PG_DUMP_TIMEOUT_S, check=False)
    if done.returncode != 0:
        dest.unlink(missing_ok=True)
        detail = done.stderr.strip()[-300:]
        raise StoreError(f"pg_dump 失败：{detail}", f"pg_dump failed: {detail}")
    return dest


def check_backup(path: Path) -> str:
    """The Alembic revision of a backup file, or StoreError: missing, not ours, or from a newer OrderDesk."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到备份文件：{path}", f"No such backup file: {path}")
    try:
        tables, revision = read_tables(path)
    except sqlite3.DatabaseError:
        tables, revision = set(), None
    if revision is None or "orders" not in tables:
        raise StoreError(f"{path} 不是 OrderDesk 数据库备份，未恢复任何内容。",
                         f"{path} is not an OrderDesk database backup; nothing was restored.")  # fmt: skip
    if revision not in known_revisions():
        raise StoreError(f"{path} 由更新版本的 OrderDesk 创建（数据库结构 {revision}），请先升级本软件再恢复。",
                         f"{path} was written by a newer OrderDesk (schema {revision}); install that version "
                         "before restoring it.")  # fmt: skip
    return revision


def restore_database(engine: Engine, src: Path) -> tuple[Path | None, SchemaStatus]:
    """Replace the SQLite database's content with the backup's; the current content is kept first
    (returned path). An older backup is migrated to this version's schema afterwards."""
    path = sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None
    if path is None:
        raise StoreError(
            "恢复只适用于 SQLite 数据库。PostgreSQL 请在服务器上用 pg_restore 恢复：pg_restore -c -d 数据库名 备份文件",
            f"Restore is for SQLite databases. For PostgreSQL ({display_url(engine.url)}) restore on the server: "
            "pg_restore -c -d DATABASE BACKUP_FILE",
        )  # fmt: skip
    check_backup(src)
    kept = None
    if path.exists():
        kept = backup_database(engine, path.with_name(f"{path.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}"
                                                      f"{path.suffix}"))  # fmt: skip
    source = sqlite3.connect(f"file:{quote(str(Path(src).resolve()))}?mode=ro", uri=True)
    raw = engine.raw_connection()
    try:
        source.backup(raw.driver_connection)  # type: ignore[arg-type] - the live file, page by page, locked
    finally:
        raw.close()
        source.close()
    engine.dispose()  # connections opened before the restore must not keep reading the old pages
    return kept, upgrade(engine)


def rotate_backups(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest of our dated backups in `folder` beyond the newest `keep`; returns what was deleted."""
    doomed = [Path(folder) / n for n in backups_to_delete((p.name for p in Path(folder).iterdir()), keep)]
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed


def scheduled_backup(engine: Engine, folder: Path, keep: int, now: datetime | None = None,
                     create_folder: bool = False) -> Path:  # fmt: skip
    """One dated backup into `folder`, then only the newest `keep` are kept. The app's daily backup
    makes the folder the user chose (`create_folder`); a typed command refuses one that is not there."""
    suffix = "dump" if engine.dialect.name == "postgresql" else "db"
    if create_folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
    if not Path(folder).is_dir():
        raise StoreError(f"备份文件夹不存在：{folder}（请先建好文件夹，或换一个位置）",
                         f"No such backup folder: {folder} (create it first or choose another place)")  # fmt: skip
    made = backup_database(engine, Path(folder) / backup_name(now or datetime.now(), suffix))
    rotate_backups(folder, keep)
    return made
