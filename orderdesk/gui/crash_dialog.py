"""An unexpected error: a dialog with a report the user can copy, and the same report in the log.

`install_crash_handler` replaces sys.excepthook (PySide6 hands it the exceptions raised in slots);
the work already committed is safe, so the dialog says so and lets the user carry on or quit.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ..logs import crash_report
from .qt import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                 QWidget)  # fmt: skip

log = logging.getLogger("orderdesk.crash")


class CrashDialog(QDialog):
    """Attributes: report (QPlainTextEdit, read-only), copy (QPushButton)."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OrderDesk: unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = self.tr("Something went wrong that OrderDesk did not expect. Scans and orders already saved "
                        "are safe. Copy the report below and send it to your administrator.")  # fmt: skip
        if log_path is not None:
            intro += "\n" + self.tr("The report was also written to %1").replace("%1", str(log_path))
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox()
        self.copy = QPushButton(self.tr("Copy report"))
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())
        self.copy.setText(self.tr("Copied"))


def install_crash_handler(log_path: Path | None, context: Callable[[], str] = lambda: "") -> Callable:
    """Show unexpected exceptions in a CrashDialog and write them to the log; returns the hook."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = crash_report(exc_type, exc, tb, _safe(context))
        log.critical("unexpected error\n%s", report)
        if QApplication.instance() is not None:
            dialog = CrashDialog(report, log_path, QApplication.activeWindow())
            hook.last_dialog = dialog  # type: ignore[attr-defined] - kept for tests and screenshots
            dialog.exec()

    sys.excepthook = hook
    return hook


def _safe(context: Callable[[], str]) -> str:
    try:
        return context()
    except Exception:  # noqa: BLE001 - a report is written even when its context cannot be read
        return ""
