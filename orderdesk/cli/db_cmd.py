"""`orderdesk db upgrade|status`: migrate the database or say where its schema stands."""

from __future__ import annotations

import argparse
from pathlib import Path

from .inputs import int_range
from .output import print_json


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = verbs.add_parser("db", help="database schema", parents=[common])
    sub = db.add_subparsers(dest="db_verb", required=True, metavar="ACTION")
    up = sub.add_parser("upgrade", help="migrate the database to this version's schema", parents=[common])
    up.set_defaults(handler=run_upgrade)
    st = sub.add_parser("status", help="show the schema revision", parents=[common])
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=run_status)
    bk = sub.add_parser("backup", help="copy the whole database to a file (SQLite: online; PostgreSQL: pg_dump)",
                        parents=[common])  # fmt: skip
    bk.add_argument("file", nargs="?", type=Path, metavar="FILE")
    bk.add_argument("--folder", type=Path, metavar="DIR",
                    help="instead of FILE: a dated file in DIR, keeping the newest --keep (for a daily task)")
    bk.add_argument("--keep", type=int_range(1, 3650), default=14, metavar="N")
    bk.set_defaults(handler=run_backup)
    rs = sub.add_parser("restore", help="replace the SQLite database with a backup (the current one is kept aside)",
                        parents=[common])  # fmt: skip
    rs.add_argument("file", type=Path, metavar="FILE")
    rs.set_defaults(handler=run_restore)


def run_upgrade(args: argparse.Namespace) -> int:
    """The one command that makes a new database (besides `demo` and the app's first start)."""
    from ..store.engine import open_engine
    from ..store.identity import check_database
    from ..store.migrate import SchemaState, known_revisions, schema_status, upgrade

    engine = open_engine(args.db, create=True)
    try:
        check_database(engine, known_revisions(), create=True)
        before = schema_status(engine)
        after = upgrade(engine)
    finally:
        engine.dispose()
    zh = args.lang == "zh_CN"
    if before.state is SchemaState.CURRENT:
        print(f"数据库已是最新版本（{after.current}）" if zh else f"Database already up to date ({after.current})")
    else:
        old = before.current or ("空库" if zh else "empty")
        print(f"数据库已升级：{old} → {after.current}" if zh else f"Database upgraded: {old} -> {after.current}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Where the schema stands; a missing or foreign database is refused, and nothing is written."""
    from ..store.engine import open_engine
    from ..store.identity import check_database
    from ..store.migrate import SchemaState, known_revisions, newer_schema_error, schema_status

    engine = open_engine(args.db)
    try:
        check_database(engine, known_revisions(), create=False)
        st = schema_status(engine)
    finally:
        engine.dispose()
    if args.json:
        print_json({"state": st.state.value, "current": st.current, "head": st.head})
    else:
        print(f"{st.state.value}: current={st.current} head={st.head}")
    if st.state is SchemaState.NEWER:
        raise newer_schema_error(st)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """A database behind this version's schema is backed up as it is (no migration first)."""
    from ..store.backup import backup_database, scheduled_backup
    from ..store.engine import open_engine
    from ..store.identity import check_database
    from ..store.migrate import known_revisions

    if (args.file is None) == (args.folder is None):
        raise SystemExit("give FILE or --folder DIR (not both)")
    engine = open_engine(args.db)
    try:
        check_database(engine, known_revisions(), create=False)
        made = backup_database(engine, args.file) if args.file else scheduled_backup(engine, args.folder, args.keep)
    finally:
        engine.dispose()
    print(f"已备份到 {made}" if args.lang == "zh_CN" else f"Backed up to {made}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from ..store.backup import restore_database
    from ..store.engine import open_engine
    from ..store.identity import check_database
    from ..store.migrate import known_revisions

    engine = open_engine(args.db, create=True)
    try:
        check_database(engine, known_revisions(), create=True)
        kept, status = restore_database(engine, args.file)
    finally:
        engine.dispose()
    zh = args.lang == "zh_CN"
    print(f"已从 {args.file} 恢复（数据库结构 {status.current}）" if zh
          else f"Restored from {args.file} (schema {status.current})")  # fmt: skip
    if kept is not None:
        print(f"原数据库已另存为 {kept}" if zh else f"The previous database was kept as {kept}")
    return 0
