"""Help > About tells a support person what they ask first: which version, which database, which schema."""

from __future__ import annotations

import pytest

from orderdesk import __version__
from orderdesk.about import about_info
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import QApplication
from orderdesk.store.migrate import head_revision

pytestmark = pytest.mark.gui


def test_about_shows_version_database_and_schema_revision(qtbot, demo_store, jobs, login) -> None:  # noqa: ANN001
    engine = demo_store.engine
    w = MainWindow(demo_store.make_uow, jobs, "en", login("admin"), "test.db", about=lambda: about_info(engine, "en"))
    qtbot.addWidget(w)
    w.show()
    w.ui.actionAbout.trigger()
    qtbot.waitUntil(lambda: w.about_box is not None and w.about_box.isVisible(), timeout=5000)
    text = w.about_box.text()
    assert f"Version: {__version__}" in text
    assert f"Schema revision: {head_revision()}" in text
    assert f"Database: sqlite:///{engine.url.database}" in text
    assert "Qt: " in text and "Python: " in text
    w.about_box.accept()


def test_about_never_shows_a_database_password(qapp) -> None:  # noqa: ANN001
    info = about_info("postgresql://clerk:Hunter2-secret@127.0.0.1:1/orders", "en")
    text = info.text("en")
    assert "Hunter2-secret" not in text and "clerk:***@127.0.0.1:1/orders" in text
    assert "Cannot connect to the PostgreSQL server" in text  # the schema line says why it is unknown
    assert QApplication.instance() is not None
