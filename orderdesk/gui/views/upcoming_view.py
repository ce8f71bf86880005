"""A page for a screen that this version does not have yet; it says so plainly."""

from __future__ import annotations

from ..qt import QLabel, Qt, QVBoxLayout, QWidget


class UpcomingView(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(f"<h2>{title}</h2>")
        body = QLabel(purpose + "<br><br>" + self.tr("This screen is not available in this version yet."))
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
