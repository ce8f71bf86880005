"""The Qt binding itself must survive a day at the bench: PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every void Qt call and crashed the app after a few thousand label updates."""

from __future__ import annotations

import sys

from orderdesk.gui.qt import QLabel


def test_thousands_of_void_qt_calls_leave_none_alone(qtbot) -> None:  # noqa: ANN001
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(3000):
        label.setText(str(i))
        label.setStyleSheet("")
    assert sys.getrefcount(None) >= before - 100
