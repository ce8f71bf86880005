"""First start on a PC: this PC alone is saved at once; a shared server is saved only after it was
tried and answered, and each failure is said as what it is."""

from __future__ import annotations

import socket

import pytest

from orderdesk.config import default_db_url
from orderdesk.gui.dialogs.first_run_dialog import DB_URL_KEY, FirstRunDialog, saved_db_url
from orderdesk.gui.qt import QDialogButtonBox, QSettings, Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def settings(tmp_path) -> QSettings:  # noqa: ANN001
    return QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)


def _save(dialog: FirstRunDialog):  # noqa: ANN202
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_this_pc_alone_is_saved_as_the_local_file(qtbot, jobs, settings) -> None:  # noqa: ANN001
    assert saved_db_url(settings) is None  # never set up: the dialog is shown
    dialog = FirstRunDialog(jobs, "en", settings)
    qtbot.addWidget(dialog)
    dialog.station.setText("bench-3")
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert settings.value(DB_URL_KEY) == "" and saved_db_url(settings) == default_db_url()
    assert settings.value("station/name") == "bench-3"


@pytest.mark.postgres
def test_a_server_is_saved_only_after_it_answered(qtbot, jobs, settings, pg_server) -> None:  # noqa: ANN001
    dialog = FirstRunDialog(jobs, "en", settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setChecked(True)
    free = socket.create_server(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    qtbot.keyClicks(dialog.url, f"postgresql://clerk:pw@127.0.0.1:{port}/orders")
    assert not _save(dialog).isEnabled()
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cannot reach the server" in dialog.answer.text(), timeout=10_000)
    assert not _save(dialog).isEnabled()
    dialog.url.setText(pg_server.url("no_such_shop"))
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no such database" in dialog.answer.text(), timeout=10_000)
    good = pg_server.create_database("first_run_shop")
    dialog.url.setText(good)
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.answer.text(), timeout=10_000)
    assert _save(dialog).isEnabled()
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert saved_db_url(settings) == good
