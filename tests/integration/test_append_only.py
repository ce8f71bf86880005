"""The append-only tables cannot be rewritten by any SQL a client sends, on SQLite and PostgreSQL.

Each table gets one real row through the services (an intake, a stock move, a scan at a station),
then every way of changing or removing a row is tried directly on the database, as a tampering
client would: UPDATE, DELETE, REPLACE (SQLite's delete-then-insert, with or without
`PRAGMA recursive_triggers`), an upsert, MERGE (PostgreSQL) and TRUNCATE (PostgreSQL; on SQLite an
unqualified DELETE). The database must refuse each one and the table must read as before.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from orderdesk.bootstrap import open_store
from orderdesk.services.packing import PackStation
from orderdesk.services.stock import adjust_stock
from orderdesk.store.engine import open_engine
from tests.conftest import BACKENDS
from tests.helpers.builders import paid_jiangsu_orders

# Every table the code treats as append-only, with a text column a tamperer would want to rewrite.
APPEND_ONLY = {"audit_log": "action", "order_events": "reason", "stock_ledger": "note", "pack_scans": "verdict"}

_COPY = "SELECT * FROM {t} WHERE id = :id"  # the row itself (its column tampered), re-inserted over itself
_MERGE = "MERGE INTO {t} USING (" + _COPY + ") AS s ON {t}.id = s.id WHEN MATCHED THEN "
# operation -> backend -> the statements a tamperer runs, in one transaction
TAMPER: dict[str, dict[str, list[str]]] = {
    "update": dict.fromkeys(("sqlite", "postgresql"), ["UPDATE {t} SET {c} = 'tampered' WHERE id = :id"]),
    "delete": dict.fromkeys(("sqlite", "postgresql"), ["DELETE FROM {t} WHERE id = :id"]),
    "upsert": dict.fromkeys(("sqlite", "postgresql"),
                            ["INSERT INTO {t} " + _COPY + " ON CONFLICT (id) DO UPDATE SET {c} = 'tampered'"]),
    "replace": {"sqlite": ["INSERT OR REPLACE INTO {t} " + _COPY], "postgresql": [_MERGE + "UPDATE SET {c} = 'tampered'"]},
    "replace_recursive": {"sqlite": ["PRAGMA recursive_triggers = ON", "REPLACE INTO {t} " + _COPY],
                          "postgresql": [_MERGE + "DELETE"]},
    "truncate": {"sqlite": ["DELETE FROM {t}"], "postgresql": ["TRUNCATE {t}"]},  # SQLite truncates by DELETE
}


def _seed(url: str) -> None:
    """One real row in each append-only table, written by the use cases that own them."""
    store = open_store(url)
    try:
        assert paid_jiangsu_orders(store.make_uow, 910_000, n=1)  # master data, intake, allocation
        adjust_stock(store.make_uow, "system", "BASIN-FOLD-32-BLU", "SZ-SUZHOU", 3, note="counted")
        PackStation(store.make_uow, "packer1", "SZ-SUZHOU", "bench-9").scan("NO-SUCH-CODE")  # a refused scan
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(backend, template) seeded once per backend; each test tampers with its own copy."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("append_only") / "seeded.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        _seed(f"sqlite:///{path}")
        yield "sqlite", str(path)
        return
    server = request.getfixturevalue("pg_server")
    name = f"append_only_tpl_{os.getpid()}"
    _seed(server.create_database(name, template=request.getfixturevalue("pg_template")))
    yield "postgresql", name
    server.drop_database(name)


_copies = itertools.count()


@pytest.fixture
def engine(request: pytest.FixtureRequest, seeded: tuple[str, str], tmp_path: Path) -> Iterator[sa.Engine]:
    backend, template = seeded
    if backend == "sqlite":
        shutil.copy(template, tmp_path / "copy.db")
        url, drop = f"sqlite:///{tmp_path / 'copy.db'}", None
    else:
        server = request.getfixturevalue("pg_server")
        name = f"append_only_{os.getpid()}_{next(_copies)}"
        url, drop = server.create_database(name, template=template), lambda: server.drop_database(name)
    eng = open_engine(url)
    yield eng
    eng.dispose()
    if drop:
        drop()


def _statements(engine: sa.Engine, table: str, op: str) -> list[str]:
    column = APPEND_ONLY[table]
    names = [c["name"] for c in sa.inspect(engine).get_columns(table)]
    cols = ", ".join(f"'tampered' AS {n}" if n == column else n for n in names)
    sqls = TAMPER[op][engine.dialect.name]
    return [s.format(t=table, c=column).replace("SELECT * FROM", f"SELECT {cols} FROM") for s in sqls]


def _table(engine: sa.Engine, table: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]


CASES = [(t, op) for t in APPEND_ONLY for op in TAMPER]


@pytest.mark.parametrize(("table", "op"), CASES, ids=[f"{t}-{op}" for t, op in CASES])
def test_no_sql_rewrites_or_removes_an_append_only_row(engine, table, op):  # noqa: ANN001
    before = _table(engine, table)
    assert before, f"the fixture wrote no {table} row"
    with pytest.raises(DBAPIError) as exc:
        with engine.begin() as conn:
            for sql in _statements(engine, table, op):
                conn.execute(sa.text(sql), {"id": before[0][0]})
    assert "append-only" in str(exc.value)
    assert _table(engine, table) == before
