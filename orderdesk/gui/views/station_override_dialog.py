"""A lead's override at the bench (F9): scan the lead's badge, say why, and the open parcel is sealed
as it is. The service checks the badge and the lead's right to override, and audits the reason."""

from __future__ import annotations

from ..qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, Qt, QVBoxLayout, QWidget
from .station_scan_field import ScanField


class OverrideDialog(QDialog):
    """Badge first (a scan, shown as dots), then the reason; Enter in the reason confirms.

    Attributes:
        badge_code: the badge scanned ("" until one is).
    """

    def __init__(self, order_no: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="overrideDialog")
        self.setWindowTitle(self.tr("Supervisor override"))
        self.setStyleSheet("QWidget { font-size: 18px; }")
        self.badge_code = ""
        what = (self.tr("Seal order %1 as it is, with items missing.").replace("%1", order_no)
                if order_no else self.tr("No order is open at this station."))  # fmt: skip
        intro = QLabel(what + "\n" + self.tr("A warehouse lead scans their badge and gives the reason."), wordWrap=True)
        self.badge = ScanField(commands=False, keep_focus=False, objectName="overrideBadge")
        self.badge.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge.setPlaceholderText(self.tr("Scan the lead's badge"))
        self.badge.scanned.connect(self._badge_scanned)
        self.badge_state = QLabel(objectName="overrideBadgeState")
        self.reason = QLineEdit(objectName="overrideReason")
        self.reason.setPlaceholderText(self.tr("e.g. out of stock, the buyer agreed to receive less"))
        self.reason.returnPressed.connect(self._confirm)
        form = QFormLayout()
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow("", self.badge_state)
        form.addRow(self.tr("Reason"), self.reason)
        self.problem = QLabel(objectName="overrideProblem", wordWrap=True)
        self.problem.setStyleSheet("color: #c62828; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(False)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 280)
        self.badge.setFocus(Qt.FocusReason.OtherFocusReason)

    def _badge_scanned(self, code: str) -> None:
        self.badge_code = code.strip()
        self.badge_state.setText(self.tr("✓ Badge scanned"))
        self.problem.setText("")
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm(self) -> None:
        if not self.badge_code:
            self.problem.setText(self.tr("Scan the lead's badge first."))
            self.badge.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self.reason.text().strip():
            self.problem.setText(self.tr("Say why the parcel goes out as it is."))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()
