"""`orderdesk db upgrade|status`: migrate the database or say where its schema stands."""

from __future__ import annotations

import argparse

from .output import print_json


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = verbs.add_parser("db", help="database schema", parents=[common])
    sub = db.add_subparsers(dest="db_verb", required=True, metavar="ACTION")
    up = sub.add_parser("upgrade", help="migrate the database to this version's schema", parents=[common])
    up.set_defaults(handler=run_upgrade)
    st = sub.add_parser("status", help="show the schema revision", parents=[common])
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=run_status)


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
