"""First start on an empty database: create the administrator before anyone can log in."""

from __future__ import annotations

from ...services.unit_of_work import UowFactory
from ...services.users import create_first_admin
from ..jobs import JobRunner
from ..qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from ..errors import error_text


class FirstAdminDialog(QDialog):
    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang = make_uow, jobs, lang
        self.setWindowTitle(self.tr("OrderDesk — create the administrator"))
        intro = QLabel(self.tr("This database has no users yet. Create the administrator, who then adds "
                               "everyone else."))  # fmt: skip
        intro.setWordWrap(True)
        self.username = QLineEdit("admin", objectName="adminUser")
        self.display_name = QLineEdit(objectName="adminName")
        self.password = QLineEdit(objectName="adminPassword", echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(objectName="adminRepeat", echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="adminError")
        self.error.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def create(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        name, display, password = self.username.text().strip(), self.display_name.text().strip(), self.password.text()
        self.buttons.setEnabled(False)
        self.jobs.submit(lambda: create_first_admin(self.make_uow, name, display, password),
                         lambda _user: self.accept(), self._failed)  # fmt: skip

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(exc, self.lang))
