"""Log in by name and password, or by scanning a badge; also the lock screen of an idle station.

The check runs on a pool thread (it reads the database and hashes a password); the dialog stays
responsive and shows refusals inline, never in a second pop-up.
"""

from __future__ import annotations

from ...services.actors import Actor
from ...services.passwords import BADGE_PREFIX
from ...services.unit_of_work import UowFactory
from ...services.users import authenticate, authenticate_badge
from ..jobs import JobRunner
from ..qt import QDialog, QKeyEvent, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, Qt, QVBoxLayout, QWidget
from ..errors import error_text


class LoginDialog(QDialog):
    """After exec(), `actor` holds who logged in."""

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, username: str = "",
                 locked_by: str | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang = make_uow, jobs, lang
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("OrderDesk — log in"))
        self.setObjectName("loginDialog")
        intro = QLabel(self.tr("Station locked by %1. Log in to continue, or switch user.").replace("%1", locked_by)
                       if locked_by else self.tr("Log in with your user name and password, or scan your badge."))  # fmt: skip
        intro.setWordWrap(True)
        self.username = QLineEdit(username, objectName="loginUser")
        self.username.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)  # a badge scan stays raw
        self.password = QLineEdit(objectName="loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="loginError")
        self.error.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User or badge"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        if locked_by:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        layout = QVBoxLayout(self)
        for w in (intro,):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.username.returnPressed.connect(self._on_user_enter)
        self.password.returnPressed.connect(self.try_login)
        (self.password if username else self.username).setFocus()
        self.resize(420, self.sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter is handled by the fields (next field, or log in); the dialog's default button would
        submit a half-typed form, so Enter never reaches it."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_user_enter(self) -> None:
        if self._is_badge(self.username.text()):
            self.try_login()
        else:
            self.password.setFocus()

    @staticmethod
    def _is_badge(text: str) -> bool:
        return text.strip().upper().startswith(BADGE_PREFIX)

    def try_login(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name:
            self.error.setText(self.tr("Type your user name or scan your badge."))
            return
        self._busy(True)
        self._submitted = password
        if self._is_badge(name) and not password:
            work = lambda: authenticate_badge(self.make_uow, name)  # noqa: E731
        else:
            work = lambda: authenticate(self.make_uow, name, password)  # noqa: E731
        self.jobs.submit(work, self._on_success, self._on_failure)

    def _on_success(self, actor: Actor) -> None:
        self._busy(False)
        self.actor = actor
        self.accept()

    def _on_failure(self, exc: Exception) -> None:
        self._busy(False)
        self.error.setText(error_text(exc, self.lang))
        if self.password.text() == getattr(self, "_submitted", None):
            self.password.clear()  # never wipe what the user is typing right now
        (self.username if self._is_badge(self.username.text()) else self.password).setFocus()
        if self._is_badge(self.username.text()):
            self.username.selectAll()

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Checking…"))
