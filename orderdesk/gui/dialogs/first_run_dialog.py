"""First start on a PC: this PC alone (a SQLite file in the user data folder) or a shared server
(a PostgreSQL URL, tried before it is saved), and this station's name; kept with QSettings.

The administrator of a new database is created next (FirstAdminDialog), and the station's
warehouse and label printer in its setup (the warehouses come from the database).
"""

from __future__ import annotations

import socket

from ...config import default_db_url
from ...bootstrap import Probe, probe_database
from ..jobs import JobRunner
from ..qt import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSettings,
                  QVBoxLayout, QWidget)  # fmt: skip

DB_URL_KEY = "database/url"  # "" = the SQLite file of this PC; absent = not set up yet
STATION_NAME_KEY = "station/name"


def saved_db_url(settings: QSettings | None = None) -> str | None:
    """The database chosen at the first start (None: not set up yet; the local file when "")."""
    value = (settings or QSettings()).value(DB_URL_KEY)
    if value is None:
        return None
    return str(value) or default_db_url()


class FirstRunDialog(QDialog):
    """Attributes: local, server (QRadioButton), url (QLineEdit), test (QPushButton), answer (QLabel),
    station (QLineEdit), buttons; `probe` is the last answer for the URL as typed."""

    def __init__(self, jobs: JobRunner, lang: str, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, objectName="firstRun")
        self.jobs, self.lang = jobs, lang
        self.settings = settings if settings is not None else QSettings()
        self.probe: tuple[str, Probe] | None = None
        self.setWindowTitle(self.tr("OrderDesk — first start on this PC"))
        intro = QLabel(self.tr("Where are the orders kept? Choose once; an administrator can change it later."))
        intro.setWordWrap(True)
        self.local = QRadioButton(self.tr("This PC alone (a database file in the user data folder)"))
        self.server = QRadioButton(self.tr("A shared server (PostgreSQL) for several PCs"))
        self.local.setChecked(True)
        self.url = QLineEdit(objectName="firstRunUrl")
        self.url.setPlaceholderText("postgresql://user:password@192.168.1.10:5432/orderdesk")
        self.test = QPushButton(self.tr("Test the connection"), objectName="firstRunTest")
        self.answer = QLabel(objectName="firstRunResult", wordWrap=True)
        self.station = QLineEdit(socket.gethostname(), objectName="firstRunStation")
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.url)
        form.addRow("", self.test)
        form.addRow("", self.answer)
        form.addRow(self.tr("This station's name"), self.station)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro, self.local, self.server):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.local.toggled.connect(self._update)
        self.url.textChanged.connect(self._update)
        self.test.clicked.connect(self.try_server)
        self.resize(620, 320)
        self._update()

    def _update(self) -> None:
        server = self.server.isChecked()
        self.url.setEnabled(server)
        self.test.setEnabled(server and bool(self.url.text().strip()))
        tried = self.probe is not None and self.probe[0] == self.url.text().strip()
        if server and not tried:
            self.answer.setText("")
        usable = not server or (tried and self.probe[1].ok)  # type: ignore[index]
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(usable)

    def try_server(self) -> None:
        url = self.url.text().strip()
        self.test.setEnabled(False)
        self.answer.setText(self.tr("Connecting…"))
        self.jobs.submit(lambda: probe_database(url), lambda p: self._tried(url, p),
                         lambda exc: self._tried(url, Probe("unreachable", str(exc), str(exc))))  # fmt: skip

    def _tried(self, url: str, probe: Probe) -> None:
        self.probe = (url, probe)
        colour = "#2e7d32" if probe.ok else "#c62828"
        self.answer.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.answer.setText(probe.message(self.lang))
        self._update()

    def chosen_url(self) -> str:
        return self.url.text().strip() if self.server.isChecked() else default_db_url()

    def save(self) -> None:
        self.settings.setValue(DB_URL_KEY, self.url.text().strip() if self.server.isChecked() else "")
        if self.station.text().strip():
            self.settings.setValue(STATION_NAME_KEY, self.station.text().strip())
        self.settings.sync()
        self.accept()
