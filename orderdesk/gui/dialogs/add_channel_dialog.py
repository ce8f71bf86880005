"""Connect a shop: platform, name, app key and secret, the seller's token, optional gateway, look-back."""

from __future__ import annotations

from datetime import UTC, datetime

from ...domain.model import Channel
from ...services.channels import DEFAULT_LOOK_BACK, add_channel
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QComboBox,
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class AddChannelDialog(QDialog):
    """Saves through the channels service (secrets go to the secret store, never to a settings file)."""

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.setWindowTitle(self.tr("Connect a shop"))
        self.platform = QComboBox(objectName="channelPlatform")
        for c in Channel:
            self.platform.addItem(c.label(lang), c.value)
        self.name = QLineEdit(objectName="channelName", placeholderText=self.tr("e.g. tmall-flagship"))
        self.app_key = QLineEdit(objectName="channelAppKey")
        self.app_secret = QLineEdit(objectName="channelAppSecret", echoMode=QLineEdit.EchoMode.Password)
        self.session = QLineEdit(objectName="channelSession", echoMode=QLineEdit.EchoMode.Password)
        self.base_url = QLineEdit(objectName="channelBaseUrl",
                                  placeholderText=self.tr("Leave empty for the platform's own gateway"))  # fmt: skip
        self.since = QDateTimeEdit(objectName="channelSince", calendarPopup=True)
        self.since.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.since.setDateTime(QDateTime.currentDateTime().addDays(-DEFAULT_LOOK_BACK.days))
        form = QFormLayout()
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("App key"), self.app_key)
        form.addRow(self.tr("App secret"), self.app_secret)
        form.addRow(self.tr("Seller token (session / access_token)"), self.session)
        form.addRow(self.tr("Gateway address"), self.base_url)
        form.addRow(self.tr("First sync looks back to"), self.since)
        self.error = QLabel(objectName="channelError", wordWrap=True)
        self.error.setStyleSheet("color: #c62828; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        platform, name, key = self.platform.currentData(), self.name.text(), self.app_key.text()
        secret, session, base_url = self.app_secret.text(), self.session.text().strip(), self.base_url.text().strip()
        since = datetime.fromtimestamp(self.since.dateTime().toSecsSinceEpoch(), UTC)
        make_uow, actor = self.make_uow, self.actor
        self.buttons.setEnabled(False)
        self.error.clear()
        self.jobs.submit(lambda: add_channel(make_uow, actor, platform, name, key, secret, session=session,
                                             base_url=base_url, since=since),
                         lambda _id: self.accept(), self._failed)  # fmt: skip

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(exc, self.lang))
