"""Trying a shared database before a PC is set up to use it: each way it fails is said as such, and
nothing is created or written while trying."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from orderdesk.store.probe import probe_database

pytestmark = pytest.mark.postgres


def _free_port() -> int:
    s = socket.create_server(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_server() -> None:
    probe = probe_database(f"postgresql://clerk:pw@127.0.0.1:{_free_port()}/orders")
    assert probe.outcome == "unreachable" and "Cannot reach the server" in probe.en and "pw@" not in probe.en


def test_missing_database(pg_server) -> None:  # noqa: ANN001
    probe = probe_database(pg_server.url("no_such_shop"))
    assert probe.outcome == "missing" and "no such database" in probe.en


def test_empty_then_current_then_newer(pg_server) -> None:  # noqa: ANN001
    url = pg_server.create_database("probe_shop")
    empty = probe_database(url)
    assert empty.ok and empty.schema == "EMPTY"
    from orderdesk.bootstrap import open_store

    open_store(url, create=True).close()
    assert probe_database(url).schema == "CURRENT"
    with pg_server.connect("probe_shop") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    newer = probe_database(url)
    assert newer.outcome == "newer" and "9999_future" in newer.en


def test_another_programs_database_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "erp.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id)")
    probe = probe_database(f"sqlite:///{path}")
    assert probe.outcome == "foreign"
