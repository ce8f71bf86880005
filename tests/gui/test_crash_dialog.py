"""An unexpected error in the app: a dialog with a report the user can copy, the same report in the
rotating log, and neither holds the secret or the phone number that happened to be in the error."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from orderdesk.gui.crash_dialog import CrashDialog, install_crash_handler
from orderdesk.gui.qt import QApplication, QLabel, Qt, QTimer
from orderdesk.logs import setup_logging

pytestmark = pytest.mark.gui


@pytest.fixture
def hook(tmp_path: Path):  # noqa: ANN201
    saved = sys.excepthook
    path = setup_logging(tmp_path / "logs")
    yield install_crash_handler(path, lambda: "Database: sqlite:///bench.db"), path
    sys.excepthook = saved
    root = logging.getLogger()
    for h in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path.resolve())]:
        root.removeHandler(h)
        h.close()


def test_an_unexpected_error_shows_a_copyable_report_and_is_logged(qtbot, hook) -> None:  # noqa: ANN001
    handler, log_path = hook
    seen: list[CrashDialog] = []

    def look_then_copy() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CrashDialog)
        seen.append(dialog)
        qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
        dialog.reject()

    QTimer.singleShot(0, look_then_copy)
    try:
        raise KeyError("token=tk-555 while packing for 13712345678")
    except KeyError:
        handler(*sys.exc_info())
    assert seen, "no crash dialog was shown"
    report = seen[0].report.toPlainText()
    assert "KeyError" in report and "Database: sqlite:///bench.db" in report
    assert str(log_path) in seen[0].findChild(QLabel).text()
    assert "tk-555" not in report and "13712345678" not in report and "137****5678" in report
    assert QApplication.clipboard().text() == report
    for h in logging.getLogger().handlers:
        h.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "KeyError" in logged and "tk-555" not in logged and "13712345678" not in logged
