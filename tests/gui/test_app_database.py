"""The app's first start sets up a new database, but never takes over another program's (issue 11)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from orderdesk.gui import app as app_module
from orderdesk.gui.app import DesktopApp

pytestmark = pytest.mark.gui


@pytest.fixture
def started(qapp, qtbot, monkeypatch):  # noqa: ANN001, ANN201
    """Start the app on a URL; returns what happened: ("error", text), ("exit", code) or ("opened", None)."""
    seen: list[tuple[str, str | None]] = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda _p, _t, text: seen.append(("error", text)))
    monkeypatch.setattr(DesktopApp, "_on_store", lambda self, store: (seen.append(("opened", None)), store.close()))
    monkeypatch.setattr(qapp, "exit", lambda code=0: seen.append(("exit", str(code))))  # keep the test's loop
    apps: list[DesktopApp] = []

    def start(url: str) -> list[tuple[str, str | None]]:
        desktop = DesktopApp(qapp, url, "zh_CN")
        apps.append(desktop)
        desktop.start()
        qtbot.waitUntil(lambda: bool(seen), timeout=120_000)  # a migration on a busy machine
        desktop.splash.close()
        return list(seen)

    yield start
    for desktop in apps:
        desktop.jobs.wait()
        qapp.removeEventFilter(desktop.idle)


def test_the_app_refuses_another_programs_database_untouched(started, tmp_path: Path):  # noqa: ANN001
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices(id int)")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    events = started(f"sqlite:///{path}")
    assert events[0][0] == "error" and "不是 OrderDesk 数据库" in (events[0][1] or "")
    assert events[1:] == [("exit", "1")]  # and the app does not go on to the log-in
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_app_sets_up_a_new_database_on_its_first_start(started, tmp_path: Path):  # noqa: ANN001
    path = tmp_path / "new" / "orderdesk.db"
    assert started(f"sqlite:///{path}") == [("opened", None)]
    assert path.exists()


def test_a_database_behind_this_version_is_backed_up_then_upgraded_and_the_splash_says_so(started, tmp_path: Path):  # noqa: ANN001
    from alembic import command
    from sqlalchemy import create_engine

    from orderdesk.store.migrate import alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")  # as if the last start had been an OrderDesk with schema 0007
    with engine.connect() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        conn.commit()
    engine.dispose()
    texts: list[str] = []
    original = DesktopApp._open_store
    DesktopApp._open_store = lambda self: (texts.append(self.splash.text()), original(self))[1]  # type: ignore[method-assign]
    try:
        assert started(f"sqlite:///{path}") == [("opened", None)]
    finally:
        DesktopApp._open_store = original  # type: ignore[method-assign]
    assert "Backing up the database" in texts[0] or "备份" in texts[0]
    assert any(p.name.startswith("old.before-0007-") for p in tmp_path.iterdir())


def test_a_database_from_a_newer_orderdesk_is_refused_with_a_clear_message(started, tmp_path: Path):  # noqa: ANN001
    from orderdesk.bootstrap import open_store

    path = tmp_path / "newer.db"
    open_store(f"sqlite:///{path}", create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    events = started(f"sqlite:///{path}")
    assert events[0][0] == "error" and "更新版本的 OrderDesk" in (events[0][1] or "")
    assert events[1:] == [("exit", "1")]
