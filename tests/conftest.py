"""Shared fixtures: a fresh, migrated database per test, on SQLite and on a real PostgreSQL.

Each backend is migrated once per session into a template (a SQLite file, a PostgreSQL template
database); every test gets its own copy, so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from orderdesk.channels.fakes.top_server import FakeTopServer
from orderdesk.bootstrap import Store, open_store
from orderdesk.store.engine import open_engine
from orderdesk.store.migrate import upgrade
from tests.helpers.postgres import TempPostgres

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    if not TempPostgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing on CI (scripts/bootstrap.sh --test installs them)")
        pytest.skip("PostgreSQL server binaries not installed")
    server = TempPostgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: TempPostgres) -> str:
    url = pg_server.create_database("orderdesk_template")
    engine = open_engine(url)
    upgrade(engine)
    engine.dispose()
    return "orderdesk_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = open_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of each backend, private to the test."""
    if request.param == "sqlite":
        target = tmp_path / "orderdesk.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    server: TempPostgres = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"t{os.getpid()}_{next(_counter)}"
    url = server.create_database(name, template=template)
    yield url
    server.drop_database(name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty, unmigrated SQLite file."""
    return f"sqlite:///{tmp_path / 'fresh.db'}"


@pytest.fixture
def secrets_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Channel secrets go to an encrypted store keyed in the test's folder, never the OS keyring."""
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    return tmp_path / "secrets.key"


@pytest.fixture
def top(secrets_in_tmp: Path) -> Iterator[FakeTopServer]:
    """A local fake Taobao gateway (signature checks, paging, fault injection)."""
    with FakeTopServer() as server:
        yield server
