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
