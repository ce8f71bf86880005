"""A page the signed-in role may not use: it says what the page is for, that this role may not use
it, and which permission an administrator would grant (never "coming in a later version")."""

from __future__ import annotations

from ...domain.access import Permission, Role, permission_label
from ..qt import QLabel, Qt, QVBoxLayout, QWidget


class NotPermittedView(QWidget):
    def __init__(self, title: str, purpose: str, role: str | None, permission: Permission, lang: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("notPermitted")
        try:
            role_name = Role(role or "").label(lang)
        except ValueError:
            role_name = role or "-"
        heading = QLabel(f"<h2>{title}</h2>")
        self.message = QLabel(
            self.tr("Your role (%1) may not use this page. An administrator can grant the permission “%2”.")
            .replace("%1", role_name).replace("%2", permission_label(permission, lang))
        )  # fmt: skip
        self.message.setObjectName("notPermittedMessage")
        self.message.setWordWrap(True)
        body = QLabel(purpose)
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
