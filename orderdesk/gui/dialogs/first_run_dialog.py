"""First start on a PC: this PC alone (a SQLite file in the user data folder) or a shared server
(a PostgreSQL URL, tried before it is saved), and this station's name; kept with QSettings.

The server's password goes to this PC's secret store (`orderdesk.secrets.db_password`): QSettings
holds the URL without it. Once the database is open the same first run goes on in `gui/app.py`:
the administrator of a new database (FirstAdminDialog), the log-in, then the station's warehouse
(listed from the database) and printer (StationSetupDialog).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from ...config import default_db_url
from ...bootstrap import Probe, probe_database
from ...secrets import SecretStore, SecretUnavailable
from ...secrets.db_password import SERVER_PASSWORD_REF, join_password, local_secret_store, split_password
from ..jobs import JobRunner
from ..qt import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QSettings,
                  QVBoxLayout, QWidget)  # fmt: skip

DB_URL_KEY = "database/url"  # "" = the SQLite file of this PC; absent = not set up yet; never a password
PASSWORD_REF_KEY = "database/password_ref"  # the secret-store ref of the server's password, when it has one
STATION_NAME_KEY = "station/name"

SecretsFactory = Callable[[], SecretStore]


def saved_db_url(settings: QSettings | None = None,
                 secrets: SecretsFactory = local_secret_store) -> str | None:  # fmt: skip
    """The database chosen at the first start (None: not set up yet; the local file when ""), with
    the server's password read back from the secret store. A password still in the settings (an
    older OrderDesk) is moved to the secret store first. An unreadable secret leaves the URL without
    it: the connection then fails as "wrong user name or password", which says what to fix."""
    settings = settings if settings is not None else QSettings()
    value = settings.value(DB_URL_KEY)
    if value is None:
        return None
    if not str(value):
        return default_db_url()
    if split_password(str(value))[1]:
        try:
            save_db_url(settings, str(value), secrets)
        except SecretUnavailable:  # no working store here: it stays where it was, and still connects
            return str(value)
    url, ref = str(settings.value(DB_URL_KEY)), str(settings.value(PASSWORD_REF_KEY) or "")
    if not ref:
        return url
    try:
        return join_password(url, secrets().get(ref))
    except SecretUnavailable:
        return url


def save_db_url(settings: QSettings, url: str, secrets: SecretsFactory = local_secret_store) -> None:
    """Keep `url` ("" = this PC's file): its password in the secret store, the rest in `settings`."""
    bare, password = split_password(url)
    if password:
        secrets().put(SERVER_PASSWORD_REF, password)
        settings.setValue(PASSWORD_REF_KEY, SERVER_PASSWORD_REF)
    else:
        settings.remove(PASSWORD_REF_KEY)
    settings.setValue(DB_URL_KEY, bare)
    settings.sync()


class FirstRunDialog(QDialog):
    """Attributes: local, server (QRadioButton), url (QLineEdit), test (QPushButton), answer (QLabel),
    station (QLineEdit), buttons; `probe` is the last answer for the URL as typed."""

    def __init__(self, jobs: JobRunner, lang: str, settings: QSettings | None = None,
                 parent: QWidget | None = None,
                 secrets: SecretsFactory = local_secret_store) -> None:  # fmt: skip
        super().__init__(parent, objectName="firstRun")
        self.jobs, self.lang, self.secrets = jobs, lang, secrets
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
        url = self.url.text().strip() if self.server.isChecked() else ""
        try:
            save_db_url(self.settings, url, self.secrets)
        except SecretUnavailable as exc:  # e.g. $ORDERDESK_SECRET_BACKEND forces a keyring that does not work
            self.answer.setStyleSheet("color: #c62828; font-weight: bold;")
            self.answer.setText(exc.reason(self.lang))
            return
        if self.station.text().strip():
            self.settings.setValue(STATION_NAME_KEY, self.station.text().strip())
        self.settings.sync()
        self.accept()
