"""A PC's whole first start on a new SQLite database: where the orders are kept, the administrator,
the log-in, the station's warehouse and name; then the main window, with the choices remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.gui import app as app_module
from orderdesk.gui.app import DesktopApp, chosen_database
from orderdesk.gui.dialogs import first_run_dialog
from orderdesk.gui.dialogs.first_admin_dialog import FirstAdminDialog
from orderdesk.gui.dialogs.first_run_dialog import DB_URL_KEY, FirstRunDialog
from orderdesk.gui.dialogs.login_dialog import LoginDialog
from orderdesk.gui.qt import QApplication, QDialogButtonBox, QSettings, Qt, QTimer
from orderdesk.gui.views.station_setup_dialog import StationSetupDialog
from orderdesk.bootstrap import open_store
from orderdesk.services.catalog_queries import warehouse_choices

pytestmark = pytest.mark.gui


class DialogDriver:
    """Answers each modal dialog of the first start the way a user would, as it comes up."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot, self.seen, self.done = qtbot, [], set()
        self.timer = QTimer(interval=50)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or id(dialog) in self.done:
            return
        self.done.add(id(dialog))
        self.seen.append(type(dialog).__name__)
        if isinstance(dialog, FirstRunDialog):
            assert dialog.local.isChecked()
            dialog.station.setText("bench-1")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        elif isinstance(dialog, FirstAdminDialog):
            dialog.display_name.setText("张老板")
            dialog.password.setText("s3cret-pass")
            dialog.repeat.setText("s3cret-pass")
            dialog.buttons.accepted.emit()
        elif isinstance(dialog, LoginDialog):
            self.qtbot.keyClicks(dialog.username, "admin")
            self.qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
            self.qtbot.keyClicks(dialog.password, "s3cret-pass")
            self.qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        elif isinstance(dialog, StationSetupDialog):
            assert dialog.warehouse.isEditable()  # a new database has no warehouse yet: name one
            assert dialog.name.text() == "bench-1"
            dialog.warehouse.setEditText("MAIN")
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_first_start_ends_at_the_main_window_with_the_station_remembered(
        qapp, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    local = tmp_path / "data" / "orderdesk.db"
    monkeypatch.setattr(first_run_dialog, "default_db_url", lambda: f"sqlite:///{local}")
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda *a: pytest.fail(f"error shown: {a[-1]}"))
    monkeypatch.setattr(qapp, "exit", lambda code=0: pytest.fail(f"the app quit ({code})"))
    settings = QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)
    driver = DialogDriver(qtbot)
    url, ask_station = chosen_database("zh_CN", settings)
    assert (url, ask_station) == (f"sqlite:///{local}", True) and settings.value(DB_URL_KEY) == ""
    desktop = DesktopApp(qapp, url, "zh_CN", setup_station=True, settings=settings)
    try:
        desktop.start()
        qtbot.waitUntil(lambda: desktop.window is not None and desktop.window.isVisible(), timeout=20_000)
        assert driver.seen == ["FirstRunDialog", "FirstAdminDialog", "LoginDialog", "StationSetupDialog"]
        assert desktop.window.actor.username == "admin"
        assert settings.value("station/warehouse") == "MAIN" and settings.value("station/name") == "bench-1"
    finally:
        driver.timer.stop()
        if desktop.window is not None:
            desktop.window.close()
        desktop.shutdown()
        qapp.aboutToQuit.disconnect(desktop.shutdown)
        qapp.removeEventFilter(desktop.idle)
    store = open_store(url)
    try:
        assert warehouse_choices(store.make_uow, "admin") == [("MAIN", "MAIN")]
    finally:
        store.close()
    assert chosen_database("zh_CN", settings) == (url, False)  # the next start asks nothing
